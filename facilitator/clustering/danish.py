"""Danish text preparation: normalisation, stop words, stemming and compound splitting.

Pure functions plus one small class; no scikit-learn here so the module stays cheap to import.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

import snowballstemmer


def _words(block: str) -> frozenset[str]:
    return frozenset(block.split())


# Snowball's Danish list plus workshop filler ("vi skal have mere ...") that carries no theme.
STOP_WORDS: frozenset[str] = _words(
    """
    ad af aldrig alle alt anden andet andre at bare begge blev blive bliver da de dem den denne
    der deres det dette dig din dine disse dit dog du efter eller en end ene eneste enhver er et
    far fem fik fire flere fleste for fordi forrige fra fx få får før god godt ham han hans har
    havde have hej helt hende hendes her hos hun hvad hvem hver hvilke hvilken hvis hvor hvordan
    hvorfor hvornår i ikke ind ingen intet ja jeg jer jeres jo kan kom komme kommer kun kunne
    lad lav lidt lige lille man mand mange med meget men mens mere mig min mine mit mod må måske
    ned nej ni nogen noget nogle nu ny nyt når nær næste næsten og også okay om op os otte over
    på se seks selv ser ses sig sin sine sit skal skulle som stor store syv så sådan tag tage
    thi ti til to tre ud under var ved vi vil ville vor vores være været blandt bl.a. eks
    evt osv ift ifm mhp iht samt således både hinanden dermed derfor herunder inden uden
    sammen gerne muligt mest mindre frem stedet gør gøre går gå gælder gives give giver
    kunne vores noget nogen netop især fortsat fremover altid allerede
    """
)

_TOKEN_RE = re.compile(r"[a-z0-9æøåéü]+(?:-[a-z0-9æøåéü]+)*")
_QUOTES = str.maketrans({"”": '"', "“": '"', "„": '"', "’": "'", "‘": "'", "–": "-", "—": "-"})

_MIN_PART = 3
_LINKING = ("s", "e")


def normalise(text: str) -> str:
    """Lower-case, unify quotes/dashes and whitespace so equal statements compare equal."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).lower()
    return " ".join(text.split())


def tokenize(text: str) -> list[str]:
    """Word tokens of normalised text (hyphenated words kept whole, e.g. 'sosu-assistent')."""
    return _TOKEN_RE.findall(normalise(text))


def content_tokens(text: str) -> list[str]:
    """Tokens without stop words and one-letter fragments."""
    return [t for t in tokenize(text) if t not in STOP_WORDS and len(t) > 1]


def is_stop_word(word: str) -> bool:
    return word.lower() in STOP_WORDS


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Snowball Danish stem; cached because the same words recur thousands of times."""
    return _stemmer().stemWord(word)


@lru_cache(maxsize=1)
def _stemmer() -> snowballstemmer.stemmer:
    return snowballstemmer.stemmer("danish")


def char_ngrams(text: str, n_min: int = 3, n_max: int = 5) -> list[str]:
    """Word-bounded character n-grams (like sklearn's char_wb) of the normalised text."""
    grams: list[str] = []
    for word in tokenize(text):
        padded = f" {word} "
        for n in range(n_min, n_max + 1):
            grams.extend(padded[i : i + n] for i in range(max(1, len(padded) - n + 1)))
    return grams


class CompoundSplitter:
    """Greedy splitter for Danish closed compounds over a vocabulary learned from the corpus.

    A word is split where both sides are known words (allowing the linking -s-/-e-), e.g.
    'tilbudsviften' -> ['tilbud', 'viften'], 'kompetenceudvikling' -> ['kompetence', 'udvikling'].
    Known = every word of the corpus (no built-in topic list), compared on Snowball stems so
    inflected tails ('viften') match their base form ('vifte').
    """

    def __init__(self, vocabulary: Iterable[str] = ()):
        words = {w for w in vocabulary if len(w) >= _MIN_PART}
        self._forms = frozenset(words)
        self._stems = frozenset(stem(w) for w in words)
        self._cache: dict[str, tuple[str, ...]] = {}

    @classmethod
    def from_texts(cls, texts: Iterable[str]) -> CompoundSplitter:
        vocabulary = {t for text in texts for t in content_tokens(text)}
        return cls(vocabulary)

    @property
    def forms(self) -> frozenset[str]:
        return self._forms

    def _known(self, part: str) -> bool:
        return len(part) >= _MIN_PART and (part in self._forms or stem(part) in self._stems)

    def _known_head(self, head: str) -> bool:
        if self._known(head):
            return True
        return any(head.endswith(link) and self._known(head[: -len(link)]) for link in _LINKING)

    def split(self, word: str) -> tuple[str, ...]:
        """Parts of a compound (at most 3), or (word,) when no split is found."""
        if word not in self._cache:
            self._cache[word] = self._split(word, depth=0)
        return self._cache[word]

    def _split(self, word: str, depth: int) -> tuple[str, ...]:
        if depth >= 2 or len(word) < 2 * _MIN_PART:
            return (word,)
        # Prefer the longest known head so 'plejehjemspersonale' splits at 'plejehjems'.
        for i in range(len(word) - _MIN_PART, _MIN_PART - 1, -1):
            head, tail = word[:i], word[i:]
            if not self._known_head(head):
                continue
            if self._known(tail):
                return (_strip_linking(head, self), tail)
            rest = self._split(tail, depth + 1)
            if len(rest) > 1:
                return (_strip_linking(head, self), *rest)
        return (word,)


def _strip_linking(head: str, splitter: CompoundSplitter) -> str:
    """Drop a linking -s-/-e- when the bare head is a known word form ('tilbuds' -> 'tilbud');
    exact forms only, so 'pårørende' keeps its final e."""
    for link in _LINKING:
        bare = head[: -len(link)]
        if head.endswith(link) and bare in splitter.forms:
            return bare
    return head


def analyse(text: str, splitter: CompoundSplitter | None = None) -> list[str]:
    """Feature tokens for the lexical backend: stems of content words plus stems of compound
    parts, so 'kompetenceudvikling' and 'udvikling af kompetencer' share features."""
    features: list[str] = []
    for token in content_tokens(text):
        features.append(stem(token))
        if splitter is None:
            continue
        parts = splitter.split(token)
        if len(parts) > 1:
            features.extend(stem(p) for p in parts if p not in STOP_WORDS)
    return features


# --- closed word classes for theme headings (grammar, never topics) ---------------------------
# A heading neither opens nor closes on one of these ("... mellem skole", "Igen og ...").

PREPOSITIONS: frozenset[str] = _words(
    """
    af ad angående bag blandt efter for foran fra før gennem hen hos i ifølge igennem imellem
    inden indenfor ind inklusive langs med mellem mod ned om omkring op over per pga pr på
    siden til trods ud uden udenfor udover under via ved vedrørende
    """
)
CONJUNCTIONS: frozenset[str] = _words(
    """
    og eller men samt for så både enten hverken som at hvis når fordi da mens selvom skønt idet
    end om hvorfor hvordan hvad hvor hvornår hvilket ellers ligesom hvorimod såfremt medmindre
    indtil førend eftersom således
    """
)
ARTICLES: frozenset[str] = _words("en et den det de denne dette disse")
PRONOUNS: frozenset[str] = _words(
    """
    jeg du han hun vi man de den det mig dig ham hende os jer dem sig min mit mine din dit dine
    hans hendes dens dets vores vor jeres deres sin sit sine selv hinanden hinandens nogen noget
    nogle ingen intet alle alt hver hvert enhver ethvert hvem hvilken hvilke anden andet andre der
    """
)
# Who does something: the next word is the finite verb ("vi oplever", "mange føler").
SUBJECTS: frozenset[str] = _words("jeg du han hun vi man der mange flere nogle alle få")
AUXILIARIES: frozenset[str] = _words(
    """
    er var være været bliver blev blive blevet har havde have haft skal skulle kan kunne vil
    ville må måtte bør burde tør turde får fik gør gjorde lad lader
    """
)
ADVERBS: frozenset[str] = _words(
    """
    igen også altid aldrig ofte tit sjældent stadig snart endnu heller allerede bare kun
    nok vel jo nemlig faktisk egentlig især særligt virkelig helt temmelig ganske altså derfor
    dog så her der nu før senere længe frem tilbage væk hen
    sammen gerne muligvis måske desværre heldigvis generelt primært desuden ligeledes hermed
    dermed derved herunder fortsat fremover netop hurtigt langsomt tidligt sent nogensinde
    ellers endda simpelthen overhovedet hvordan hvorfor hvornår hvor ikke ingenlunde cirka
    ca fx evt osv mv samtidig idag
    rundt hjemme hjemmefra derhjemme udefra indefra ude inde oppe nede
    derud derind derop derned derhen derovre herud herind herhen dertil hertil
    """
)
# Words of talk, not of a topic ("Aftenen tak", "Ja til mere musik").
INTERJECTIONS: frozenset[str] = _words("tak ja nej okay ok hej jamen nå øh")
# Quantifiers: need their noun ("Flere forebyggende", "Mange").
QUANTIFIERS: frozenset[str] = _words(
    "mange flere flest fleste få færre færrest mere mest mindre mindst nogle alle begge ingen lidt"
    " meget ekstra hver hvert"
)
# Nouns too light to close a heading ("Vidensdeling omkring ting").
LIGHT_NOUNS: frozenset[str] = _words(
    "ting tingene tingen måde måden måder slags gang gange del delen eksempel eksempler"
)
CLOSED_CLASS: frozenset[str] = (
    PREPOSITIONS | CONJUNCTIONS | ARTICLES | PRONOUNS | AUXILIARIES | ADVERBS | INTERJECTIONS
)

# English function words that are not Danish words: a statement made of them is English.
ENGLISH_WORDS: frozenset[str] = _words(
    """
    the a an and or of to in on with from by is are was were be been being has had do does did
    will would should could may might must we you they he she it its this that these those our
    their your my not no more better less than as about into after before between through
    without which who what when where how why there here also only just very some any each
    other need needs make get more most many much such own same can all so if then them us
    our ours want wants like
    """
) - _words("i for over under by at man de hun mand ham far")
# Danish function words that are not English words.
_DANISH_MARKERS: frozenset[str] = _words(
    """
    og at det er en et til på med af ikke vi der som skal kan den har om mere flere bedre være
    også fra mellem ved eller skulle kunne vil være bliver mange nogle alle vores deres hvor
    når hvis så få ingen meget mindre større nye
    """
)


def english_share(text: str) -> float:
    """Share of a statement's marker words that are English (0.0 when it has none)."""
    tokens = tokenize(text)
    en = sum(t in ENGLISH_WORDS for t in tokens)
    da = sum(t in _DANISH_MARKERS for t in tokens)
    return en / (en + da) if en + da else 0.0


def is_english(text: str) -> bool:
    """An English statement: more English than Danish function words (at least two)."""
    tokens = tokenize(text)
    en = sum(t in ENGLISH_WORDS for t in tokens)
    da = sum(t in _DANISH_MARKERS for t in tokens)
    return en >= 2 and en > da or (en >= 1 and da == 0 and len(tokens) <= 3)


def session_language(texts: Iterable[str]) -> str:
    """ "en" when most statements are English, else "da"."""
    flags = [is_english(t) for t in texts if t.strip()]
    return "en" if flags and sum(flags) * 2 > len(flags) else "da"
