"""Table tests for the pure number parsers, with the shipped word lists."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from extract.rules.words import shipped_words
from extract.stages.numbers import Numbers

SHIPPED = Numbers(shipped_words())

NUMBERS = [
    ("8", D(8)),
    ("2,830", D(2830)),
    ("16,000,000,000", D(16_000_000_000)),
    ("3.5", D("3.5")),
    ("3.5bn", D(3_500_000_000)),
    ("325m", D(325_000_000)),
    ("2.01m", D(2_010_000)),
    ("25.7billion", D(25_700_000_000)),
    ("1.2 billion", D(1_200_000_000)),
    ("5k", D(5000)),
    ("1.1m", D(1_100_000)),
    ("4 million", D(4_000_000)),
    ("eight", D(8)),
    ("Eight", D(8)),
    ("twenty-five", D(25)),
    ("twenty five", D(25)),
    ("a dozen", D(12)),
    ("a hundred", D(100)),
    ("one hundred and twenty", D(120)),
    ("three thousand", D(3000)),
    ("a million", D(1_000_000)),
    ("half a million", D(500_000)),
    ("a quarter of a million", D(250_000)),
    ("1.5 trillion", D(1_500_000_000_000)),
    ("4\u00a0million", D(4_000_000)),
    ("", None),
    ("a", None),
    ("the", None),
    ("first", None),
    ("21st", None),
    ("12abc", None),
    ("m", None),
    ("1,00", None),
]
FRACTIONS = [
    ("half", D("0.5")),
    ("a half", D("0.5")),
    ("a third", D("0.3333")),
    ("two thirds", D("0.6667")),
    ("a quarter", D("0.25")),
    ("three quarters", D("0.75")),
    ("three-quarters", D("0.75")),
    ("a fifth", D("0.2")),
    ("one in 20", D("0.05")),
    ("1 in 4", D("0.25")),
    ("nine in 10", D("0.9")),
    ("quarterly", None),
    ("the", None),
]
RANGES = [
    ("Twenty-five", (D(25), None)),
    ("forty – two", (D(42), None)),
    ("twenty-25", (D(20), D(25))),
    ("20-25", (D(20), D(25))),
    ("20–25", (D(20), D(25))),
    ("20 to 25", (D(20), D(25))),
    ("eight or 10", (D(8), D(10))),
    ("between 20 and 25", (D(20), D(25))),
    ("20m-25m", (D(20_000_000), D(25_000_000))),
    ("20-25m", (D(20_000_000), D(25_000_000))),
    ("3.5bn", (D(3_500_000_000), None)),
    ("one hundred and fifty million", (D(150_000_000), None)),
    ("between one hundred and two hundred", (D(100), D(200))),
    ("a million and a half", (D(1_500_000), None)),
    ("many", None),
]
MONEY = [
    ("£3.5bn", D(3_500_000_000), None, "GBP"),
    ("£325m", D(325_000_000), None, "GBP"),
    ("£325m.", D(325_000_000), None, "GBP"),
    ("£2.01m", D(2_010_000), None, "GBP"),
    ("£25.7billion", D(25_700_000_000), None, "GBP"),
    ("£1.2 billion", D(1_200_000_000), None, "GBP"),
    ("£500,000", D(500_000), None, "GBP"),
    ("£20m-£25m", D(20_000_000), D(25_000_000), "GBP"),
    ("£20m-25m", D(20_000_000), D(25_000_000), "GBP"),
    ("between £20m and £25m", D(20_000_000), D(25_000_000), "GBP"),
    ("$4 million", D(4_000_000), None, "USD"),
    ("$16,000,000,000", D(16_000_000_000), None, "USD"),
    ("US$2bn", D(2_000_000_000), None, "USD"),
    ("€3bn", D(3_000_000_000), None, "EUR"),
    ("20 cents", D("0.2"), None, "USD"),
    ("50p", D("0.5"), None, "GBP"),
    ("pounds 815m", D(815_000_000), None, "GBP"),
    ("815m pounds", D(815_000_000), None, "GBP"),
    ("half a million pounds", D(500_000), None, "GBP"),
    ("£5k", D(5000), None, "GBP"),
    ("GBP 30m", D(30_000_000), None, "GBP"),
    ("USD 1.5bn", D(1_500_000_000), None, "USD"),
    ("C$5m", D(5_000_000), None, "CAD"),
    ("A$5m", D(5_000_000), None, "AUD"),
    ("¥500m", D(500_000_000), None, "JPY"),
    ("10 euros", D(10), None, "EUR"),
    ("£3.5 bn", D(3_500_000_000), None, "GBP"),
    ("£1\u00a0billion", D(1_000_000_000), None, "GBP"),
    ("$50-million", D(50_000_000), None, "USD"),
    ("₹2,000 crore", D(20_000_000_000), None, "INR"),
    ("₹5 lakh", D(500_000), None, "INR"),
    ("$20-25", D(20), D(25), "USD"),
    ("$NZ19 billion", D(19_000_000_000), None, "NZD"),
    ("Sh39 billion", D(39_000_000_000), None, "KES"),
    ("KSh 2,500", D(2_500), None, "KES"),
    ("between $9.8 billion and $12.8 billion", D(9_800_000_000), D(12_800_000_000), "USD"),
    ("31 cents to 35 cents", D("0.31"), D("0.35"), "USD"),
    ("A$1.5bn-A$2bn", D(1_500_000_000), D(2_000_000_000), "AUD"),
    ("1.5 billion-2 billion euros", D(1_500_000_000), D(2_000_000_000), "EUR"),
    ("1.5 to 2 billion euros", D(1_500_000_000), D(2_000_000_000), "EUR"),
    ("€1,5 milliard", D(1_500_000_000), None, "EUR"),
    ("3,50 €", D("3.5"), None, "EUR"),
    ("$2.5MM", D(2_500_000), None, "USD"),
    ("Rs 5 cr", D(50_000_000), None, "INR"),
    ("99c", D("0.99"), None, "USD"),
    ("P5 billion", D(5_000_000_000), None, "BWP"),  # a shared sign: its reading comes from the story
    ("US $40 million", D(40_000_000), None, "USD"),
    ("RMB 5 billion", D(5_000_000_000), None, "CNY"),
    ("Sh. 2 billion", D(2_000_000_000), None, "KES"),
    ("a dollar fifty", D("1.5"), None, "USD"),
    ("five dollars ninety-nine", D("5.99"), None, "USD"),
    ("one hundred and fifty million pounds", D(150_000_000), None, "GBP"),
]

# The marker as written and whether it is a sign or a code/word: what ``currency_basis`` builds on.
MARKERS = [
    ("$5m", "$", "symbol"),
    ("A$5m", "a$", "symbol"),
    ("$NZ350", "$nz", "symbol"),
    ("Sh40 billion", "sh", "symbol"),
    ("Rs 700 crore", "rs", "symbol"),
    ("GBP 30m", "gbp", "code"),
    ("12 million dollars", "dollars", "code"),
    ("20 cents", "cents", "code"),
    ("50p", "p", "symbol"),
]


@pytest.mark.parametrize(("text", "expected"), NUMBERS)
def test_parse_number(text, expected):
    assert SHIPPED.parse_number(text) == expected


@pytest.mark.parametrize(("text", "expected"), FRACTIONS)
def test_parse_fraction(text, expected):
    assert SHIPPED.parse_fraction(text) == expected


@pytest.mark.parametrize(("text", "expected"), RANGES)
def test_parse_range(text, expected):
    assert SHIPPED.parse_range(text) == expected


@pytest.mark.parametrize(("text", "amount", "high", "currency"), MONEY)
def test_parse_money(text, amount, high, currency):
    value = SHIPPED.parse_money(text)
    assert (value.amount, value.amount_high, value.currency) == (amount, high, currency)


@pytest.mark.parametrize(("text", "marker", "written"), MARKERS)
def test_parse_money_keeps_its_marker(text, marker, written):
    value = SHIPPED.parse_money(text)
    assert (value.marker, value.written) == (marker, written)


@pytest.mark.parametrize(
    "text", ["325m", "twenty", "3.5 per cent", "", "Shell 5", "NZ19", "25C", "a dollar one", "five dollars three"]
)
def test_parse_money_needs_a_currency(text):
    assert SHIPPED.parse_money(text) is None


def test_exact_arithmetic():
    assert SHIPPED.parse_money("£2.01m").amount == D("2010000")
