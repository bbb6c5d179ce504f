"""A body's lexicon (its distinct words, lemmas and tags) and whether a rule could match in it.

The run cache keeps each body's lexicon with its claims: after a pattern edit, a stage runs
again only on the bodies where a changed rule could match, without loading their parse.
"""

from __future__ import annotations

from typing import Any

from spacy.attrs import IDS as ATTR_IDS
from spacy.parts_of_speech import NAMES as POS_NAMES
from spacy.tokens import Doc

from extract.faster.matcher import Anchored, attribute_values

# What a parse is asked without loading it: the distinct values of the attributes rules anchor on.
LEXICON_ATTRS = ("ORTH", "LOWER", "LEMMA", "TAG", "POS")


def lexicon_sets(doc: Doc) -> dict[str, set[str]]:
    """The distinct words, lemmas and tags of a doc, as strings."""
    columns = doc.to_array([ATTR_IDS[a] for a in LEXICON_ATTRS]).reshape(len(doc), -1)
    names = {attr: (POS_NAMES.get if attr == "POS" else doc.vocab.strings.__getitem__) for attr in LEXICON_ATTRS}
    return {
        attr: {names[attr](key) for key in set(columns[:, i].tolist())} - {None} for i, attr in enumerate(LEXICON_ATTRS)
    }


def could_match(pattern: list[dict[str, Any]], words: dict[str, set[str]]) -> bool:
    """False when a doc with this ``lexicon`` cannot hold a match: a token the pattern requires
    asks for values of which the doc has none. True when it might (or when lookup cannot say)."""
    anchored = Anchored.of("", pattern)
    for i in anchored.anchors if anchored else ():
        for test in filter(None, (attribute_values(key, wanted) for key, wanted in pattern[i].items())):
            attr, op, values = test
            if op == "IN" and attr in words and not words[attr].intersection(values):
                return False
    return True
