"""Counts and proportions in notations the main table lacks: "one in five of the adults", "two in
every five", "one out of every three" (proportions), "500-plus members" and "50-odd" (a qualifier
after the figure), the vague "hundreds of" (no count), and a number after letters in capitals
that name it ("RS 3"). Sentences are our own."""

from __future__ import annotations

from typing import Any

import pytest

from .tables import params
from .test_counts_table import c, count_records

CASES = [
    ("one-in-of-the", "One in five of the adults smoke.", [c("One in five of the adults", "0.2", kind="proportion", unit="adults")]),
    ("in-every", "Two in every five homes are cold.", [c("Two in every five homes", "0.4", kind="proportion", unit="homes")]),
    ("out-of-every", "One out of every three pupils is absent.",
     [c("One out of every three pupils", "0.3333", kind="proportion", unit="pupils")]),
    ("out-of-total-stays-count", "Three out of four doctors agreed.", [c("Three out of four doctors", "3", unit="doctors", total="4")]),
    ("plus-after", "The club has 500-plus members.", [c("500-plus members", "500", unit="members", comparator="over")]),
    ("odd-after", "They hired 50-odd engineers.", [c("50-odd engineers", "50", unit="engineers", comparator="about")]),
    ("or-less-than-next", "The rate was 18 percent, or less than a third of the claim.",
     [c("18 percent", "18", kind="percent"), c("less than a third of the claim", "0.3333", kind="proportion", unit="claim", comparator="under")]),
    ("hundreds-of", "Hundreds of protesters were arrested.", []),
    ("compound-modifier", "They work a four-day week.", []),
    ("model-name-in-capitals", "The Audi RS 3 costs £50,000.", []),
    ("service-name-in-capitals", "Callers to NHS 111 waited.", []),
    ("after-a-headline-in-capitals", "FLOODS HIT TOWN CENTRE Three people were rescued.",
     [c("Three people", "3", unit="people")]),
]


@pytest.mark.parametrize(("text", "expected"), params(CASES, {}))
def test_counts_world(text: str, expected: list[dict[str, Any]], nlp: Any) -> None:
    assert count_records(text, nlp) == expected
