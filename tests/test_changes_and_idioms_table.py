"""Changes and idioms (issue 29): "from X to Y" after a word of change is one change with both ends
(two records, ``change_role`` from/to, each with ``change_from`` and ``change_to``), "by X to Y"
gives the size of the change and the level it came to; a range or a tally is no change. A figure
of speech that holds a number ("the 1 percent", "my two cents") is no money and no count.
Sentences are our own."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

import extract

from .tables import params


def end(text: str, kind: str, value: str, role: str | None, start: str | None, to: str | None) -> dict[str, Any]:
    """One expected money or count record: its type, value (amount or value), and its part in a change."""
    number = None if value is None else Decimal(value)
    return {
        "text": text,
        "type": kind,
        "value": number,
        "change_role": role,
        "change_from": None if start is None else Decimal(start),
        "change_to": None if to is None else Decimal(to),
    }


def figures(text: str, nlp: Any) -> list[dict[str, Any]]:
    """The money and count records of ``text`` in offset order, as ``end`` writes them."""
    records = sorted(
        (r for r in extract.claims(text, nlp) if r["type"] in {"money", "count"}), key=lambda r: r["start"]
    )

    def number(value: Any) -> Decimal | None:
        return None if value is None else Decimal(str(value))

    return [
        {
            "text": r["text"],
            "type": r["type"],
            "value": number(r["amount"] if r["type"] == "money" else r["value"]),
            "change_role": r["change_role"],
            "change_from": number(r["change_from"]),
            "change_to": number(r["change_to"]),
        }
        for r in records
    ]


CHANGES = [
    # --- from X to Y after a word of change: both ends, on both records ---
    ("percent-rose-from-to", "The jobless rate rose from 4.1% to 4.6% in June.",
     [end("4.1%", "count", "4.1", "from", "4.1", "4.6"), end("4.6%", "count", "4.6", "to", "4.1", "4.6")]),
    ("percent-noun-of-change", "The shift from 30% to 45% surprised the pollsters.",
     [end("30%", "count", "30", "from", "30", "45"), end("45%", "count", "45", "to", "30", "45")]),
    ("percent-up-from", "Support was up from 38% to 41%.",
     [end("38%", "count", "38", "from", "38", "41"), end("41%", "count", "41", "to", "38", "41")]),
    ("money-climbed", "Exports climbed from $40m to $52m last year.",
     [end("$40m", "money", "40000000", "from", "40000000", "52000000"),
      end("$52m", "money", "52000000", "to", "40000000", "52000000")]),
    ("money-up-from", "Exports were up from $40m to $52m.",
     [end("$40m", "money", "40000000", "from", "40000000", "52000000"),
      end("$52m", "money", "52000000", "to", "40000000", "52000000")]),
    ("count-cut-from", "Membership was cut from 90 to 60 members.",
     [end("90", "count", "90", "from", "90", "60"), end("60 members", "count", "60", "to", "90", "60")]),
    # --- by X to Y: the size of the change and the level it came to ---
    ("percent-rose-by", "The tax rose by 3% to 23%.",
     [end("3%", "count", "3", "by", None, "23"), end("23%", "count", "23", "to", None, "23")]),
    ("money-fell-by", "Prices fell by £2 to £9.",
     [end("£2", "money", "2", "by", None, "9"), end("£9", "money", "9", "to", None, "9")]),
    # --- no change: a range, a tally ---
    ("range-from-to", "Rents ranged from $900 to $1,400.", [end("$900 to $1,400", "money", "900", None, None, None)]),
    ("tally-by-to", "She won by 52 percent to 48 percent.",
     [end("52 percent", "count", "52", None, None, None), end("48 percent", "count", "48", None, None, None)]),
]

IDIOMS = [
    # --- the richest and everyone else ---
    ("the-one-percent", "Cash for the 1 percent is a scandal, she said.", []),
    ("the-ninety-nine-opening", "The 99 percent deserve better.", []),
    ("the-one-percent-as-modifier", "Critics call it the 1 percent defence.", []),
    ("one-percent-tax-is-a-figure", "They voted the 1 percent tax down.", [end("1 percent", "count", "1", None, None, None)]),
    ("one-percent-level-is-a-figure", "Inflation held at the 1 percent level.", [end("1 percent", "count", "1", None, None, None)]),
    # --- certainty and effort ---
    ("hundred-percent-sure", "He is a hundred per cent sure of that.", []),
    ("percent-wrong", "They are 100 percent wrong about it.", []),
    ("gave-percent", "She gave 110 percent every match.", []),
    ("give-percent-of", "We give 10 percent of sales to charity.", [end("10 percent of sales", "count", "10", None, None, None)]),
    ("percent-renewable-is-a-share", "The grid will be 100 percent renewable by 2040.",
     [end("100 percent", "count", "100", None, None, None)]),
    # --- rare and valued ---
    ("one-in-a-million-person", "A friend like that is one in a million.", []),
    ("one-in-a-million-people-is-a-share", "One in a million people carry the gene.",
     [end("One in a million people", "count", "0.000001", None, None, None)]),
    # --- money that is not money ---
    ("two-cents", "Here are my two cents on the matter.", []),
    ("million-dollar-question", "That is the million-dollar question.", []),
    ("like-a-million-bucks", "She looks like a million bucks.", []),
    ("a-million-dollars-is-money", "The statue cost a million dollars.", [end("a million dollars", "money", "1000000", None, None, None)]),
]


@pytest.mark.parametrize(("text", "expected"), params(CHANGES, {}))
def test_changes(text: str, expected: list[dict[str, Any]], nlp: Any) -> None:
    assert figures(text, nlp) == expected


@pytest.mark.parametrize(("text", "expected"), params(IDIOMS, {}))
def test_idioms_are_no_figures(text: str, expected: list[dict[str, Any]], nlp: Any) -> None:
    assert figures(text, nlp) == expected
