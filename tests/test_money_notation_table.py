"""Money in every notation news writes, with the vocabulary from Babel (issue 29): codes and
signs before or after the number, currency names in words, adjectives, main plus minor units,
number words, letter signs that need their country, weights and headlines that are not money,
and bracketed conversions; main unit, code and minor unit ("17 USD 25"). Sentences are our own."""

from __future__ import annotations

from typing import Any

import pytest

from .tables import params
from .test_money_table import exact, m, money_records, project

CASES = [
    # --- a code or sign after the number, with or without a space ---
    ("code-after", "The visa fee is 160 USD for most travellers.", [m("160 USD", "160", currency="USD")]),
    ("code-after-scale", "The bank lent 62 EUR million to the port.", [m("62 EUR million", "62000000", currency="EUR")]),
    ("sign-after", "A museum ticket costs 14 € at the door.", [m("14 €", "14", currency="EUR")]),
    ("sign-after-then-a-number", "Entry is 8 € and 3 children go free.", [m("8 €", "8", currency="EUR")]),
    ("sign-after-scale", "The club paid 3 million € for the striker.", [m("3 million €", "3000000", currency="EUR")]),
    ("code-before-uncommon", "Exports earned MYR 4.2 billion last quarter.", [m("MYR 4.2 billion", "4200000000", currency="MYR")]),
    ("code-in-headline", "TOP 5 PICKS FOR SPRING", []),
    # --- currency names from Babel ---
    ("yuan", "Beijing set aside 240 billion yuan for railways.", [m("240 billion yuan", "240000000000", currency="CNY")]),
    ("rmb", "Each worker received 300 rmb as a bonus.", [m("300 rmb", "300", currency="CNY")]),
    ("swiss-francs", "The watch sold for 18,000 Swiss francs at auction.", [m("18,000 Swiss francs", "18000", currency="CHF")]),
    ("australian-dollars", "The mine cost 340 million Australian dollars to build.", [m("340 million Australian dollars", "340000000", currency="AUD")]),
    ("zloty", "Rent in the city rose to 3,100 zlotys a month.", [m("3,100 zlotys", "3100", currency="PLN")]),
    ("naira", "The governor pledged 5 billion naira for schools.", [m("5 billion naira", "5000000000", currency="NGN")]),
    ("singular-unit", "He sold the bike for 80 dollar on a market stall.", [m("80 dollar", "80", currency="USD")]),
    ("us-dollars", "The loan came to 900 U.S. dollars per family.", [m("900 U.S. dollars", "900", currency="USD")]),
    # --- adjectives: number, hyphen, unit ---
    ("cent-adjective", "Bus fares went up by a 15-cent step.", [m("15-cent", "0.15", currency="USD")]),
    ("euro-adjective", "Drivers face a 90-euro fine for speeding.", [m("90-euro", "90", currency="EUR")]),
    ("yen-adjective", "Children collect the one-yen coins.", [m("one-yen", "1", currency="JPY")]),
    ("penny", "Sweets cost one penny each back then.", [m("one penny", "0.01")]),
    # --- number words and main plus minor units ---
    ("hyphenated-tens", "The tickets were sixty-two dollars each.", [m("sixty-two dollars", "62", currency="USD")]),
    ("main-and-minor-words", "Lunch came to eleven dollars and twenty-five cents.", [m("eleven dollars and twenty-five cents", "11.25", currency="USD")]),
    ("main-minor-digits", "A pint was 4 pounds 20 pence in the city.", [m("4 pounds 20 pence", "4.2")]),
    ("main-minor-dollars-digits", "Parking was 7 dollars 80 cents an hour.", [m("7 dollars 80 cents", "7.8", currency="USD")]),
    # --- main unit, code, minor unit, as price tags write it ---
    ("main-code-minor", "A sandwich costs 6 USD 75 at the station.", [m("6 USD 75", "6.75", currency="USD")]),
    ("main-code-minor-at-end", "The kilo was marked 3 EUR 49.", [m("3 EUR 49", "3.49", currency="EUR")]),
    ("code-then-a-count", "The permit is 200 USD 14 days before travel.", [m("200 USD", "200", currency="USD")]),
    ("half-million-pounds", "The charity raised half a million pounds in a week.", [m("half a million pounds", "500000")]),
    # --- letter signs: money where the document names the country ---
    ("rand-with-country", "South Africa will spend R300 million on clinics in Durban.", [m("R300 million", "300000000", currency="ZAR")]),
    ("letter-sign-without-country", "The R2 unit and the R300 model were shown.", []),
    ("ringgit-sign", "Malaysia approved RM 1.2 billion for flood defences.", [m("RM 1.2 billion", "1200000000", currency="MYR")]),
    ("nt-dollar", "Taipei offered NT$5,000 to each household.", [m("NT$5,000", "5000", currency="TWD")]),
    ("won-with-country", "In Seoul a coffee costs 5,000 won, South Korea's statistics office said.", [m("5,000 won", "5000", currency="KRW")]),
    ("won-without-country", "The team that scored 3 won the cup.", []),
    # --- not money ---
    ("weight-pounds", "The champion weighs 236 pounds before the fight.", []),
    ("weight-lb", "He lost 20 pounds, dropping to 180 lb.", []),
    # --- bracketed conversions keep their own currency ---
    ("bracket-conversion", "Ottawa will spend C$2.4 billion ($1.8 billion) on ports.",
     [m("C$2.4 billion", "2400000000", currency="CAD"), m("$1.8 billion", "1800000000", currency="USD")]),
    # --- a country whose own dollar has its own sign ("MX$") leaves a bare "$" to the US ---
    ("dollar-in-mexico-story", "Mexico exports goods worth $90 billion to Mexican and other buyers in Mexico.",
     [m("$90 billion", "90000000000", currency="USD")]),
    # --- a longer match that is not money does not hide one that is ---
    ("ordinal-before-sign", "Per minute $300\nPer second $5\n", [m("$300", "300", currency="USD"), m("$5", "5", currency="USD")]),
]


@pytest.mark.parametrize(("text", "expected"), params(CASES, {}))
def test_money_notation(text: str, expected: list[dict[str, Any]], nlp: Any) -> None:
    records = money_records(text, nlp)
    got = [project(record, want) for record, want in zip(records, expected, strict=False)]
    assert got == [exact(want) for want in expected[: len(got)]]
    assert [r["text"] for r in records] == [want["text"] for want in expected], "missing or extra money records"
