"""Quote recall and speakers on the constructions unseen political news uses most, on short texts
of our own: one section per error class, each with the cases the rule must leave alone.

Each case gives the text and every quote record (content, kind, speaker, cue) it must give, in
text order; ``[]``: no quote at all.
"""

from __future__ import annotations

import pytest

from .tables import Q, params, quote_tuples

CASES: list[tuple[str, str, list[Q]]] = [
    # --- any noun that says quoted words speaks, however the word lists miss it -----------------
    (
        "noun-said-after",
        "“Nobody warned us about the flood,” the fisherman said.",
        [("Nobody warned us about the flood", "direct", None, "said")],
    ),
    (
        "document-says-after",
        "“The fees were hidden from every buyer,” the complaint says.",
        [("The fees were hidden from every buyer", "direct", None, "says")],
    ),
    (
        "asked-inverted-noun",
        "“When will the bus come?” asked the little boy.",
        [("When will the bus come?", "direct", None, "asked")],
    ),
    (
        "noun-said-mixed",
        "The pastry chef said the flour was “far too expensive this year.”",
        [("the flour was “far too expensive this year.”", "mixed", None, "said")],
    ),
    # a quoted term defined by a clause about somebody telling something is no quote
    ("term-defined-by-telling", "A “walkout” is when the crew tells the captain they will not sail.", []),
    # reported speech without quote marks keeps to the word lists
    ("unquoted-noun-said", "The fisherman said the catch was poor.", []),
]

KNOWN_FAILURES: dict[str, str] = {}


@pytest.mark.parametrize(("text", "expected"), params(CASES, KNOWN_FAILURES))
def test_quotes_unseen(text: str, expected: list[Q], nlp) -> None:
    assert quote_tuples(text, nlp) == expected
