"""Theme headings a secretary would keep: a short noun phrase naming what the members share.

Candidates are the members' own phrases (1-6 words inside one clause) that open and close on a
content word, contain no verb, and do not close on a possessive, adjective or adverb (words.py,
corpus.py). A cheap lexical score (c-TF-IDF on Snowball stems: how many members use the
phrase's words, and how concentrated those words are in this theme) keeps the best few per
theme (lexical.py); with an embedder those are embedded in one batch and re-ranked by
closeness to the theme's centroid minus closeness to the nearest other theme (semantic.py).
Without an embedder the lexical score decides. naming.py picks one distinct heading per theme;
representative.py orders a theme's members.
"""
