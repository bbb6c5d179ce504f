"""Open-vocabulary stance fields: the target is the noun phrase evaluated (never a pronoun), and
``strength`` follows the lexicon and the intensifiers."""

from __future__ import annotations

from typing import Any

import pytest

import extract


def _stance(text: str, nlp: Any) -> list[dict[str, Any]]:
    return [r for r in extract.claims(text, nlp) if r["type"] == "stance"]


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("Patients are waiting in crumbling hospitals.", "hospitals"),
        ("The new tram timetable is unworkable.", "tram timetable"),
        ("He said it was dreadful.", None),
        ("They are overstretched.", None),
        ("Bankers warned of the sector's fragility.", "sector"),
    ],
)
def test_the_target_is_a_noun_phrase_or_null(text: str, target: str | None, nlp: Any) -> None:
    (record,) = _stance(text, nlp)
    assert record["target"] == target


@pytest.mark.parametrize(
    ("weaker", "stronger"),
    [
        ("The reserves are depleted.", "The reserves are hugely depleted."),
        ("The results were slightly disappointing.", "The results were disappointing."),
        ("The delays are annoying.", "The delays are disastrous."),
    ],
)
def test_strength_follows_the_lexicon_and_the_intensifiers(weaker: str, stronger: str, nlp: Any) -> None:
    (low,), (high,) = _stance(weaker, nlp), _stance(stronger, nlp)
    assert 0 < low["strength"] < high["strength"] <= 1
