"""Money in the less common notations of world news: the Philippine "P" and cents glued as "c" (each
read only where the story allows: "P" by the places it names, "c" not in a sentence about the
weather, "25C" never), the "MM" scale, a range whose scale or currency word comes once ("1.5
billion-2 billion euros", "between 1.5 and 2 billion euros"), dollar signs with letters (spaced or
not), shilling and rupee signs with a stop, "RMB", a decimal comma, numbers in words with "and"
or with hundredths after the unit ("a dollar fifty"), rates written into a modifier ("a
$15-an-hour job"), and the adjectives that give a size, not an amount ("a billion-dollar deal").
Sentences are our own.
"""

from __future__ import annotations

from typing import Any

import pytest

from .tables import params
from .test_money_table import exact, m, money_records, project

CASES = [
    # --- "P" before a figure is the peso (or the pula) where the story names the country ---
    ("peso", "The Philippine government set aside P5 billion for flood control.",
     [m("P5 billion", "5000000000", currency="PHP", basis="context")]),
    ("peso-hyphen-scale", "Manila's Senate approved a P1.2-trillion budget.", [m("P1.2-trillion", "1200000000000", currency="PHP")]),
    ("peso-and-pence", "In Manila a pack costs P150; in London a stamp costs 85p.",
     [m("P150", "150", currency="PHP"), m("85p", "0.85")]),
    ("pula", "Botswana's budget, tabled in Gaborone, has P80 billion.", [m("P80 billion", "80000000000", currency="BWP")]),
    ("peso-no-country", "The P5 billion figure was denied.", []),
    ("pence-no-peso", "A stamp costs 85p and the P45 form is free.", [m("85p", "0.85")]),
    # --- cents glued in small letters ---
    ("cents-glued-us", "Coffee in Ohio costs 99c at the diner.", [m("99c", "0.99", currency="USD")]),
    ("cents-glued-australia", "Shares in the Australian miner fell 15c.", [m("15c", "0.15", currency="AUD")]),
    ("cents-glued-default", "The stock rose 12.5c to $4.", [m("12.5c", "0.125", currency="USD"), m("$4", "4", currency="USD")]),
    ("celsius-capital", "Temperatures hit 25C in Sydney.", []),
    ("celsius-small-letters", "Sydney will be hot, with highs of 25c.", []),
    # --- scale abbreviations ---
    ("double-m", "The Texas start-up raised $2.5MM in seed money.", [m("$2.5MM", "2500000", currency="USD")]),
    ("capital-k", "Teachers there earn $40K.", [m("$40K", "40000", currency="USD")]),
    ("crore-abbreviated", "The Mumbai firm lost Rs 5 cr.", [m("Rs 5 cr", "50000000", currency="INR")]),
    ("milliard-decimal-comma", "The fine was €1,5 milliard.", [m("€1,5 milliard", "1500000000", currency="EUR")]),
    ("decimal-comma-after", "She paid 3,50 € for it.", [m("3,50 €", "3.5", currency="EUR")]),
    ("comma-of-a-list", "The fees of 1,5 and 7 were listed.", []),
    # --- ranges whose scale or currency comes once ---
    ("scale-dash-range", "The project will cost 1.5 billion-2 billion euros.",
     [m("1.5 billion-2 billion euros", "1500000000", "2000000000", currency="EUR")]),
    ("sign-scale-dash-range", "The sale raised $1.5 billion-$2 billion.",
     [m("$1.5 billion-$2 billion", "1500000000", "2000000000", currency="USD")]),
    ("to-range-word", "The plan costs 1.5 to 2 billion euros.", [m("1.5 to 2 billion euros", "1500000000", "2000000000", currency="EUR")]),
    ("between-range-word", "The fine is between 1.5 and 2 billion euros.",
     [m("between 1.5 and 2 billion euros", "1500000000", "2000000000", currency="EUR")]),
    ("cents-range", "Each fare costs 5 to 10 cents more.", [m("5 to 10 cents", "0.05", "0.1", currency="USD")]),
    ("letter-sign-range", "The Sydney firm paid A$1.5bn-A$2bn.", [m("A$1.5bn-A$2bn", "1500000000", "2000000000", currency="AUD")]),
    ("change-shares-scale", "The jackpot rose from 1.5 to 2 billion euros.",
     [m("1.5", "1500000000", currency="EUR"), m("2 billion euros", "2000000000", currency="EUR")]),
    ("year-before-to", "It rose in 2019 to 5 million dollars.", [m("5 million dollars", "5000000", currency="USD")]),
    # --- signs with letters ---
    ("us-dollar-spaced", "The fund paid US $40 million.", [m("US $40 million", "40000000", currency="USD", basis="symbol")]),
    ("hk-dollar-spaced", "The MTR earned HK $3 billion.", [m("HK $3 billion", "3000000000", currency="HKD")]),
    ("nz-dollar-space-after", "The Auckland council spent NZ$ 40 million.", [m("NZ$ 40 million", "40000000", currency="NZD")]),
    ("namibian-dollar", "Windhoek set aside N$2 billion.", [m("N$2 billion", "2000000000", currency="NAD")]),
    ("jamaican-dollar", "Kingston spent J$5 billion.", [m("J$5 billion", "5000000000", currency="JMD")]),
    ("canadian-dollar-can", "The Toronto firm paid Can$5 million.", [m("Can$5 million", "5000000", currency="CAD")]),
    ("renminbi-code", "Alibaba raised RMB 5 billion.", [m("RMB 5 billion", "5000000000", currency="CNY")]),
    ("shilling-stop", "Kenya's treasury borrowed Sh. 2 billion.", [m("Sh. 2 billion", "2000000000", currency="KES")]),
    ("shilling-stop-glued", "The Nairobi county borrowed KSh.2bn.", [m("KSh.2bn", "2000000000", currency="KES")]),
    ("ugandan-shillings", "Uganda's budget is UShs 40 trillion.", [m("UShs 40 trillion", "40000000000000", currency="UGX")]),
    ("shillings-shared", "Uganda's budget in Kampala is Shs 40 trillion.", [m("Shs 40 trillion", "40000000000000", currency="UGX")]),
    # --- numbers in words ---
    ("spelled-and", "One hundred and fifty million pounds was spent.", [m("One hundred and fifty million pounds", "150000000")]),
    ("a-dollar-fifty", "A coffee costs a dollar fifty.", [m("a dollar fifty", "1.5", currency="USD")]),
    ("pounds-ninety-nine", "The pint was two pounds ninety-nine.", [m("two pounds ninety-nine", "2.99")]),
    ("dollars-then-years", "He earned five dollars twenty years ago.", [m("five dollars", "5", currency="USD")]),
    ("million-and-a-half", "It cost a million and a half dollars.", [m("a million and a half dollars", "1500000", currency="USD")]),
    ("quarter-of-a-billion", "It cost a quarter of a billion dollars.", [m("a quarter of a billion dollars", "250000000", currency="USD")]),
    # --- a size, not an amount ---
    ("scale-adjective-plus", "It is the billion-dollar-plus question.", []),
    ("scale-adjective", "They signed a billion-dollar deal.", []),
    ("multi-scale-adjective", "They built a multi-billion-dollar industry.", []),
    ("figure-adjective", "The two-billion-dollar deal collapsed.", [m("two-billion-dollar", "2000000000", currency="USD")]),
    # --- rates ---
    ("rate-hyphenated", "She took a $15-an-hour job.", [m("$15", "15", currency="USD", period="an-hour")]),
    ("rate-slash", "Workers earn $15/hour.", [m("$15", "15", currency="USD", period="/hour")]),
    ("rate-per-unit", "Petrol costs $3 per gallon.", [m("$3", "3", currency="USD", period=None)]),
]


@pytest.mark.parametrize(("text", "expected"), params(CASES, {}))
def test_money_uncommon(text: str, expected: list[dict[str, Any]], nlp: Any) -> None:
    records = money_records(text, nlp)
    got = [project(record, want) for record, want in zip(records, expected, strict=False)]
    assert got == [exact(want) for want in expected[: len(got)]]
    assert [r["text"] for r in records] == [want["text"] for want in expected], "missing or extra money records"
