"""Counts on short texts the corpus never saw: digits and words, ranges, proportions, percentages,
and the many numbers that are not counts (dates, times, durations, ages, names, references).

Each case lists every count record a careful annotator would mark: the exact span, value and
high end (exact decimals), kind, unit (what is counted, as written), total and comparator.
``[]``: nothing is a count. Known failures are strict xfails.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

import extract

from .tables import params

C = tuple[str, str, str | None, str, str | None, str | None, str]  # text, value, high, kind, unit, total, comparator

CASES: list[tuple[str, str, list[C]]] = [
    # --- digits and words ------------------------------------------------------------------------------
    ("digits", "The company will cut 450 jobs.", [("450 jobs", "450", None, "count", "jobs", None, "eq")]),
    ("thousands-sep", "There are 2,830 schools in the region.", [("2,830 schools", "2830", None, "count", "schools", None, "eq")]),
    ("word-number", "Eight councils have declared bankruptcy.", [("Eight councils", "8", None, "count", "councils", None, "eq")]),
    ("hyphenated-word", "Twenty-five nurses walked out.", [("Twenty-five nurses", "25", None, "count", "nurses", None, "eq")]),
    ("dozen", "A dozen protesters were arrested.", [("A dozen protesters", "12", None, "count", "protesters", None, "eq")]),
    ("a-hundred", "More than a hundred flights were cancelled.",
     [("More than a hundred flights", "100", None, "count", "flights", None, "over")]),
    ("millions-people", "The strike affected 1.1m people.", [("1.1m people", "1100000", None, "count", "people", None, "eq")]),
    ("million-word", "About 3 million households get the benefit.",
     [("About 3 million households", "3000000", None, "count", "households", None, "about")]),
    ("adjective-unit", "The trust employs 600 local staff.", [("600 local staff", "600", None, "count", "local staff", None, "eq")]),
    ("two-word-unit", "Some 40 local authorities responded.", [("Some 40 local authorities", "40", None, "count", "local authorities", None, "about")]),
    ("us-votes", "The bill passed with 218 votes.", [("218 votes", "218", None, "count", "votes", None, "eq")]),
    ("police", "Police made 37 arrests overnight.", [("37 arrests", "37", None, "count", "arrests", None, "eq")]),
    # --- ranges and alternatives ----------------------------------------------------------------------
    ("or-range", "Eight or 10 hospitals could close.", [("Eight or 10 hospitals", "8", "10", "count", "hospitals", None, "eq")]),
    ("dash-range", "Between 20-25 pupils share a laptop.", [("20-25 pupils", "20", "25", "count", "pupils", None, "eq")]),
    ("to-range", "The plant will hire 300 to 400 workers.", [("300 to 400 workers", "300", "400", "count", "workers", None, "eq")]),
    # --- of a total ----------------------------------------------------------------------------------
    ("of-total", "Some 55 of 56 respondents backed the plan.",
     [("Some 55 of 56 respondents", "55", None, "count", "respondents", "56", "about")]),
    ("out-of-the", "Only 294 practices out of the 2,830 met the target.",
     [("294 practices out of the 2,830", "294", None, "count", "practices", "2830", "eq")]),
    ("one-in", "One in 20 children lives in poverty.", [("One in 20 children", "0.05", None, "proportion", "children", None, "eq")]),
    ("of-total-words", "Three of the five judges dissented.", [("Three of the five judges", "3", None, "count", "judges", "5", "eq")]),
    # --- proportions -------------------------------------------------------------------------------
    ("two-thirds", "Two thirds of voters backed the deal.", [("Two thirds of voters", "0.6667", None, "proportion", "voters", None, "eq")]),
    ("three-quarters", "Three quarters of directors expect cuts.",
     [("Three quarters of directors", "0.75", None, "proportion", "directors", None, "eq")]),
    ("over-half", "Over half of respondents said no.", [("Over half of respondents", "0.5", None, "proportion", "respondents", None, "over")]),
    ("less-than-quarter", "Less than a quarter of firms plan to hire.",
     [("Less than a quarter of firms", "0.25", None, "proportion", "firms", None, "under")]),
    ("half-of", "Half of the stations have no staff.", [("Half of the stations", "0.5", None, "proportion", "stations", None, "eq")]),
    ("majority", "A third of the fleet is idle.", [("A third of the fleet", "0.3333", None, "proportion", "fleet", None, "eq")]),
    # --- percentages -------------------------------------------------------------------------------
    ("percent-sign-of", "Some 90% of those surveyed want change.",
     [("Some 90% of those surveyed", "90", None, "percent", "those surveyed", None, "about")]),
    ("per-cent", "Turnout fell to 40 per cent.", [("40 per cent", "40", None, "percent", None, None, "eq")]),
    ("percent-word", "About 20 percent of drivers speed.", [("About 20 percent of drivers", "20", None, "percent", "drivers", None, "about")]),
    ("percent-decimal", "Unemployment is 4.2% in Ohio.", [("4.2%", "4.2", None, "percent", None, None, "eq")]),
    ("nearly-percent", "Nearly 60% of members voted.", [("Nearly 60% of members", "60", None, "percent", "members", None, "under")]),
    ("points", "Labour’s lead is 20 points.", [("20 points", "20", None, "count", "points", None, "eq")]),
    # --- units across marks and from the sentence --------------------------------------------------------
    ("unit-in-quotes", "The country was split into 44 “footprints”.", [("44 “footprints”", "44", None, "count", "footprints", None, "eq")]),
    ("unit-parenthesis", "There are 12 (mostly rural) districts.", [("12 (mostly rural) districts", "12", None, "count", "districts", None, "eq")]),
    ("elided-unit", "Of 300 firms asked, 120 said prices would rise.",
     [("300 firms", "300", None, "count", "firms", None, "eq"), ("120", "120", None, "count", "firms", None, "eq")]),
    # --- several counts ------------------------------------------------------------------------------
    ("two-counts", "The airline cut 30 routes and 2,000 jobs.",
     [("30 routes", "30", None, "count", "routes", None, "eq"), ("2,000 jobs", "2000", None, "count", "jobs", None, "eq")]),
    ("poll", "In the poll of 1,012 adults, 58% backed the ban.",
     [("1,012 adults", "1012", None, "count", "adults", None, "eq"), ("58%", "58", None, "percent", None, None, "eq")]),
    ("at-least", "At least 14 people died in the floods.", [("At least 14 people", "14", None, "count", "people", None, "over")]),
    ("fewer-than", "Fewer than 50 beds remain.", [("Fewer than 50 beds", "50", None, "count", "beds", None, "under")]),
    ("up-to", "Up to 500 homes will be built.", [("Up to 500 homes", "500", None, "count", "homes", None, "under")]),
    # --- not counts -----------------------------------------------------------------------------------
    ("date-short", "Posted 21 Sep 17 by the editor.", []),
    ("fiscal-year", "The 2016/17 budget was tight.", []),
    ("season", "The 2020-21 season was cut short.", []),
    ("dotted-date", "The meeting is on 10.04.2017.", []),
    ("year", "The mill closed in 1998.", []),
    ("us-date", "The law takes effect on March 3, 2025.", []),
    ("time-pm", "The vote is at 3pm.", []),
    ("time-colon", "Trains leave at 10:30.", []),
    ("duration-years", "The project will take five years.", []),
    ("duration-weeks", "Patients wait 13 weeks for a scan.", []),
    ("duration-days", "The strike lasted 12 days.", []),
    ("age-aged", "A man aged 45 was charged.", []),
    ("age-year-old", "The 52-year-old was released.", []),
    ("age-comma", "John Smith, 67, was cleared.", []),
    ("ordinal-word", "It was the third strike this year.", []),
    ("ordinal-digit", "The 21st century began quietly.", []),
    ("phone", "Call 0191 5870008 for details.", []),
    ("page-ref", "See p151 of the report.", []),
    ("question-ref", "Answers to Q1 were mixed.", []),
    ("section-ref", "Section 4 of the act applies.", []),
    ("list-number", "1. Close the gap.\n2. Fund the plan.", []),
    ("title-number", "The Five Year Forward View was published.", []),
    ("act-year", "The 2012 Act changed the rules.", []),
    ("covid", "Covid-19 cases are falling.", []),
    ("apollo", "Apollo 11 landed in 1969.", []),
    ("route", "Route 66 crosses eight states.", [("eight states", "8", None, "count", "states", None, "eq")]),
    ("money-inside", "The plan costs £3.5bn.", []),
    ("money-million", "The club spent $4 million.", []),
    ("sport-score", "Leeds won 3-1 at home.", []),
    ("furniture-subscribers", "Join 830 other subscribers", []),
    ("temperature", "Temperatures hit 35C on Monday.", []),
    ("distance", "The line runs for 40 miles.", []),
    ("one-pronoun", "One of them said it was late.", []),
    ("interest-rate-decimal", "Rates were held at 5.25%.", [("5.25%", "5.25", None, "percent", None, None, "eq")]),
    ("version", "Version 2.0 fixes the bug.", []),
    ("jersey", "The number 10 shirt was retired.", []),
    ("postcode", "The office is in SW1A 2AA.", []),
    ("weekday-date", "Tue 20 Dec 2016", []),
    ("decade", "The 1990s were kinder to the town.", []),
    ("money-pence", "Shares closed at 310p.", []),
    ("height", "The tower is 300 metres tall.", []),
    ("record-time", "She ran the race in 2 hours 14 minutes.", []),
    ("once", "The committee met once.", []),
    ("zero-word", "No one was hurt.", []),
    ("year-range-words", "Between 2010 and 2015 prices doubled.", []),
    ("elections-seats", "Labour won 412 seats.", [("412 seats", "412", None, "count", "seats", None, "eq")]),
    ("strikes-members", "The union balloted 40,000 members.", [("40,000 members", "40000", None, "count", "members", None, "eq")]),
    ("schools-pupils", "Nearly 7,000 pupils were excluded.", [("Nearly 7,000 pupils", "7000", None, "count", "pupils", None, "under")]),
]

# Thirds are rounded to four decimal places (the value is a fraction, not a measurement).
KNOWN_FAILURES: dict[str, str] = {
    "percent-word": "the parser reads 'drivers speed' as a compound noun, so the unit runs on",
    "unit-parenthesis": "a parenthesis between the number and its noun hides the noun",
}


def _dec(x) -> str | None:
    return None if x is None else str(Decimal(str(x)).normalize())


def _counts(text: str, nlp) -> list[C]:
    recs = sorted((r for r in extract.claims(text, nlp) if r["type"] == "count"), key=lambda r: r["start"])
    return [(r["text"], _dec(r["value"]), _dec(r["value_high"]), r["count_kind"], r["unit"], _dec(r["total"]), r["comparator"])
            for r in recs]


def _normal(expected: list[C]) -> list[C]:
    return [(t, _dec(v), _dec(h), k, u, _dec(n), c) for t, v, h, k, u, n, c in expected]


PARAMS = params(CASES, KNOWN_FAILURES)


@pytest.mark.parametrize(("text", "expected"), PARAMS)
def test_counts(text: str, expected: list[C], nlp) -> None:
    assert _counts(text, nlp) == _normal(expected)
