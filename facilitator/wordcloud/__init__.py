"""The word cloud check-in: each participant sends one to three words, the room sees them
counted (words.py) and the documents say which came up most, by group only as
contributions.privacy allows (breakdown.py). Pure: no Flask, no database."""
