"""Counts against measurements and the values of issue 29: a number whose unit is a measure
(from pint's registry) is no count; signed percentages, "half million", comparators from verbs.
Sentences are our own."""

from __future__ import annotations

from typing import Any

import pytest

from .tables import params
from .test_counts_table import c, count_records

CASES = [
    # --- measurements are not counts ---
    ("area-squared", "The reserve covers 420 km2 of wetland.", []),
    ("data-size", "Each photo takes 12 MB of space.", []),
    ("kitchen-volume", "Stir in 2 tablespoons of honey.", []),
    ("british-mass", "The sample held 12.5 microgrammes of mercury.", []),
    ("us-length", "The trail runs 14 kilometers along the coast.", []),
    ("degree-sign", "It was 41° in the valley.", []),
    ("power", "The farm produces 30 megawatts at noon.", []),
    ("speed", "Winds reached 90 mph overnight.", []),
    # --- what pint names but news counts ---
    ("points", "The party gained 6 points in the poll.", [c("6 points", "6", unit="points")]),
    ("shots", "Police said 12 shots were fired.", [c("12 shots", "12", unit="shots")]),
    # --- values ---
    ("minus-percent", "Growth slowed to minus three percent.", [c("three percent", "-3", kind="percent")]),
    ("plus-or-minus", "The margin of error is plus or minus 3 percentage points.",
     [c("3 percentage points", "3", kind="percentage_point")]),
    ("half-million", "Some half million pensioners wrote in.", [c("Some half million pensioners", "500000", unit="pensioners", comparator="about")]),
    ("half-a-million", "Half a million tenants face higher rents.", [c("Half a million tenants", "500000", unit="tenants")]),
    ("exceeds", "Turnout exceeds 60% in the north.", [c("exceeds 60%", "60", kind="percent", comparator="over")]),
    ("topped", "Unemployment topped 9% in March.", [c("topped 9%", "9", kind="percent", comparator="over")]),
    # --- a share after a name is no label ---
    ("poll-after-name", "The survey gave Ortega 52 percent and Silva 41 percent.",
     [c("52 percent", "52", kind="percent"), c("41 percent", "41", kind="percent")]),
    ("label-after-name", "Highway 61 was closed.", []),
    # --- a count that ends at a possessive takes the possessor's noun ---
    ("percent-of-possessive", "About 30 percent of Ana Ruiz's donors gave again.",
     [c("About 30 percent of Ana Ruiz's donors", "30", kind="percent", unit="Ana Ruiz's donors", comparator="about")]),
    ("half-of-possessive", "Half of the mayor's advisers resigned.",
     [c("Half of the mayor's advisers", "0.5", kind="proportion", unit="mayor's advisers")]),
]


@pytest.mark.parametrize(("text", "expected"), params(CASES, {}))
def test_counts_and_measures(text: str, expected: list[dict[str, Any]], nlp: Any) -> None:
    assert count_records(text, nlp) == expected
