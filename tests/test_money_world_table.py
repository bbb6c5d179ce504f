"""Money as English-language outlets around the world write it: letter signs before a short figure
with a scale ("R2 billion", "N50bn"), signs with a stop ("Rs. 200 crore"), codes glued to the figure
("USD1.5bn"), the signs a currency's own country prints ("500 zł", "₽62"), scale abbreviations
("mln", "$1.2B", "$1.5trn"), Indian compound scales ("lakh crore"), "one and a half billion",
qualifiers after the amount ("$1bn-plus", "£5,000 or more"), and the vague amounts that state no
figure ("several million dollars"), the signs of the Gulf, South Asian and African press ("Dh5m",
"SR 5bn", "Tk 500 crore", "NIS 5bn", "GH¢5m"), and a minus ("-$2m", "minus $3bn": negative). Each false reading it guards against has its case: road and
mask names, grades, vitamins, bombers, "4b" and a Nordic sign with no country. Sentences are our own.
"""

from __future__ import annotations

from typing import Any

import pytest

from .tables import params
from .test_money_table import exact, m, money_records, project

CASES = [
    # --- a one-letter sign before a short figure and a scale: money where its country is named ---
    ("rand-scale-word", "South Africa's treasury set aside R2 billion for trains.", [m("R2 billion", "2000000000", currency="ZAR")]),
    ("rand-glued-scale", "Eskom, the South African utility, lost R20bn last year.", [m("R20bn", "20000000000", currency="ZAR")]),
    ("rand-change", "In 2019 the South African grant rose to R3 billion from R1.5 billion.",
     [m("R3 billion", "3000000000", currency="ZAR"), m("R1.5 billion", "1500000000", currency="ZAR")]),
    ("naira-letter", "Nigeria's government released N50 billion to its states.", [m("N50 billion", "50000000000", currency="NGN")]),
    ("naira-sign", "Lagos state in Nigeria budgeted ₦1.2 trillion.", [m("₦1.2 trillion", "1200000000000", currency="NGN")]),
    ("road-name", "South Africa's R2 road was closed near Durban.", []),
    ("mask-name", "Hospitals in Lagos, Nigeria, ordered N95 masks.", []),
    ("letter-sign-no-country", "The R2 billion figure was denied.", []),
    # --- signs the country's own English-language press writes, read where it is named ---
    ("dirham", "A developer in the UAE sold villas for Dh5 million each.", [m("Dh5 million", "5000000", currency="AED")]),
    ("riyal", "Saudi Arabia's state firm paid SR 5 billion.", [m("SR 5 billion", "5000000000", currency="SAR")]),
    ("dinar", "Kuwait's fund paid KD 300 million.", [m("KD 300 million", "300000000", currency="KWD")]),
    ("taka", "Bangladesh's budget allocates Tk 500 crore to bridges.", [m("Tk 500 crore", "5000000000", currency="BDT")]),
    ("shekel", "Israel's budget has NIS 5 billion for housing.", [m("NIS 5 billion", "5000000000", currency="ILS")]),
    ("egyptian-pound", "Egypt's government spent LE 5 billion on bread.", [m("LE 5 billion", "5000000000", currency="EGP")]),
    ("cedi", "Ghana's government spent GH¢5 million.", [m("GH¢5 million", "5000000", currency="GHS")]),
    ("swiss-franc-sign", "The bank paid SFr 5m in fines.", [m("SFr 5m", "5000000", currency="CHF")]),
    ("jet-name", "The SR71 jet cost $34 million.", [m("$34 million", "34000000", currency="USD")]),
    ("letters-no-country", "Scan the QR 2 code; the Tk 3 tank and the KD 3 model were shown.", []),
    # --- a minus makes an amount negative ---
    ("minus-glued", "The fund posted a net loss of -$2 million.", [m("-$2 million", "-2000000", currency="USD")]),
    ("minus-sign", "The portfolio returned −£5m last year.", [m("−£5m", "-5000000")]),
    ("minus-word", "The balance stood at minus $3 billion.", [m("minus $3 billion", "-3000000000", currency="USD")]),
    ("plus-or-minus", "Forecasts are plus or minus $3 billion.", [m("$3 billion", "3000000000", currency="USD")]),
    ("range-dash", "Tickets cost £5-£6.", [m("£5-£6", "5", "6")]),
    # --- a sign in small letters written in capitals is a name ("Rs" is rupees, "RS 3" a car) ---
    ("model-in-capitals", "The Audi RS 3 costs £50,000; the RS5 costs more.", [m("£50,000", "50000")]),
    ("rupees-in-small-letters", "Pakistan's budget allocates Rs 500 billion for defence.",
     [m("Rs 500 billion", "500000000000", currency="PKR")]),
    # --- a sign with a stop, and compound Indian scales ---
    ("rupee-stop", "The Indian start-up raised Rs. 200 crore from investors.", [m("Rs. 200 crore", "2000000000", currency="INR")]),
    ("rupee-lakh", "A flat in Delhi, India, costs Rs 45 lakh.", [m("Rs 45 lakh", "4500000", currency="INR")]),
    ("lakh-crore", "The Indian stimulus is worth ₹1.5 lakh crore.", [m("₹1.5 lakh crore", "1500000000000", currency="INR")]),
    # --- codes glued to the figure ---
    ("code-glued", "The bond raised EUR1.5bn and paid a USD500 fee.",
     [m("EUR1.5bn", "1500000000", currency="EUR"), m("USD500", "500", currency="USD")]),
    # --- the signs a currency's own country prints ---
    ("zloty-sign-after", "In Warsaw, Poland, the flat costs 500 mln zł.", [m("500 mln zł", "500000000", currency="PLN", basis="symbol")]),
    ("koruna-sign-after", "In Prague the Czech fine is 5,000 Kč.", [m("5,000 Kč", "5000", currency="CZK")]),
    ("krona-shared-sign", "IKEA, the Swedish retailer, lost kr 500 million.", [m("kr 500 million", "500000000", currency="SEK")]),
    ("krone-shared-sign", "Norway's oil fund earned kr 300 billion.", [m("kr 300 billion", "300000000000", currency="NOK")]),
    ("nordic-sign-no-country", "It cost kr 500 in the end.", []),
    ("rouble-sign", "The Moscow metro fare in Russia rose to ₽62.", [m("₽62", "62", currency="RUB")]),
    ("lira-sign", "A loaf in Istanbul cost ₺10.", [m("₺10", "10", currency="TRY")]),
    ("kilometres-in-bosnia", "The new road in Bosnia runs 40 km.", []),
    # --- scale abbreviations ---
    ("mln", "The deal is worth $300 mln.", [m("$300 mln", "300000000", currency="USD")]),
    ("capital-b", "The start-up raised $1.2B in debt.", [m("$1.2B", "1200000000", currency="USD")]),
    ("small-b-range", "Estimates run from $1b-$2b.", [m("$1b-$2b", "1000000000", "2000000000", currency="USD")]),
    ("trn", "The war has cost $1.5trn so far.", [m("$1.5trn", "1500000000000", currency="USD")]),
    ("tr", "Debt passed £2.1tr this year.", [m("£2.1tr", "2100000000000")]),
    ("b-alone-is-a-name", "The Grade 4b pupils raised £300.", [m("£300", "300")]),
    ("vitamin", "Vitamin B12 costs $10 a bottle.", [m("$10", "10", currency="USD")]),
    ("bomber", "The B52 bomber cost $1bn.", [m("$1bn", "1000000000", currency="USD")]),
    ("screen-k", "The 4K television cost $900.", [m("$900", "900", currency="USD")]),
    ("initial-m", "M. Dupont paid €5m for the villa.", [m("€5m", "5000000", currency="EUR")]),
    # --- number words ---
    ("and-a-half", "The plan costs one and a half billion dollars.", [m("one and a half billion dollars", "1500000000", currency="USD")]),
    ("and-a-half-euros", "They raised two and a half million euros.", [m("two and a half million euros", "2500000", currency="EUR")]),
    ("a-hundred", "The ticket cost a hundred dollars.", [m("a hundred dollars", "100", currency="USD")]),
    ("thousand-million", "The bridge cost a thousand million pounds.", [m("a thousand million pounds", "1000000000")]),
    ("fraction-of-a-million", "It cost three-quarters of a million pounds.", [m("three-quarters of a million pounds", "750000")]),
    ("third-of-a-billion", "It cost a third of a billion dollars.",
     [m("a third of a billion dollars", "333333333.3333", currency="USD")]),
    ("cent-sign", "A candy bar cost 50¢ then.", [m("50¢", "0.5", currency="USD")]),
    # --- vague amounts state no figure ---
    ("several-million", "The repairs cost several million dollars.", []),
    ("a-few-thousand", "They lost a few thousand pounds.", []),
    ("couple-of-million", "It came to a couple of million pounds.", []),
    ("tens-of-millions", "The deal is worth tens of millions of euros.", []),
    # --- qualifiers after the amount ---
    ("plus-hyphen", "The stadium cost $1.2 billion-plus.", [m("$1.2 billion-plus", "1200000000", currency="USD", comparator="over")]),
    ("plus-adjective", "They signed a £1bn-plus deal.", [m("£1bn-plus", "1000000000", comparator="over")]),
    ("or-more", "Fines of £5,000 or more are rare.", [m("£5,000 or more", "5000", comparator="over")]),
    ("or-less", "Homes worth £250,000 or less pay no tax.", [m("£250,000 or less", "250000", comparator="under")]),
    ("or-so", "The repairs will take $5m or so.", [m("$5m or so", "5000000", currency="USD", approx=True, comparator="about")]),
    ("odd", "He paid £20-odd for the ticket.", [m("£20-odd", "20", approx=True, comparator="about")]),
    ("or-another-amount", "It cost $5m or $6m.", [m("$5m", "5000000", currency="USD"), m("$6m", "6000000", currency="USD")]),
    ("plus-a-noun", "It cost $5m plus interest.", [m("$5m", "5000000", currency="USD")]),
    # --- ranges and rates ---
    ("range-before-a-noun", "Fees of between €1,000 and €2,000 apply.", [m("between €1,000 and €2,000", "1000", "2000", currency="EUR")]),
    ("range-mixed-scale", "Repairs will cost between $3 and $4 million.", [m("between $3 and $4 million", "3000000", "4000000", currency="USD")]),
    ("rate-hour", "Cleaners earn $15 an hour.", [m("$15", "15", currency="USD", period="an hour")]),
]


@pytest.mark.parametrize(("text", "expected"), params(CASES, {}))
def test_money_world(text: str, expected: list[dict[str, Any]], nlp: Any) -> None:
    records = money_records(text, nlp)
    got = [project(record, want) for record, want in zip(records, expected, strict=False)]
    assert got == [exact(want) for want in expected[: len(got)]]
    assert [r["text"] for r in records] == [want["text"] for want in expected], "missing or extra money records"
