"""Which currency a shared sign means: explicit markers of the document, then its places, else
the sign's usual reading; and the ``currency_basis`` that says which."""

from __future__ import annotations

from collections import Counter

import pytest

import extract
from extract.stages.currency import _leader, place_key

KEYS = [
    ("New Zealand", "new_zealand"),
    ("New Zealand's", "new_zealand"),
    ("Kenya’s", "kenya"),
    ("the United States", "united_states"),
    ("Brisbane", "brisbane"),
]


@pytest.mark.parametrize(("text", "key"), KEYS)
def test_place_key(text: str, key: str) -> None:
    assert place_key(text) == key


LEADERS = [
    (Counter({"AUD": 3, "USD": 1}), ["USD", "AUD", "CAD"], "AUD"),
    (Counter({"AUD": 2, "CAD": 2}), ["USD", "AUD", "CAD"], None),  # a tie says nothing
    (Counter({"SAR": 5}), ["USD", "AUD"], None),  # a country whose currency is not written "$"
    (Counter(), ["USD", "AUD"], None),
]


@pytest.mark.parametrize(("votes", "candidates", "leader"), LEADERS)
def test_leader(votes: Counter, candidates: list[str], leader: str | None) -> None:
    assert _leader(votes, candidates) == leader


DOCUMENTS = [
    # places across sentences decide; the first sentence alone says nothing
    ("The fine was $2 million. The Perth court heard the case in Western Australia.", [("AUD", "context")]),
    # more places of one country than of another
    ("Toronto and Ottawa agreed a $30 million deal with a New York bank.", [("CAD", "context")]),
    ("The company paid $30 million in fines.", [("USD", "default")]),
    ("The £5m grant and the $6m loan were agreed.", [("GBP", "symbol"), ("USD", "default")]),
]


@pytest.mark.parametrize(("text", "expected"), DOCUMENTS)
def test_document_currency(text: str, expected: list[tuple[str, str]], nlp) -> None:
    records = sorted((r for r in extract.claims(text, nlp) if r["type"] == "money"), key=lambda r: r["start"])
    assert [(r["currency"], r["currency_basis"]) for r in records] == expected
