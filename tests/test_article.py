"""The article inside the page: body, headline and date, on pages the corpus never saw.

Furniture (menus, share prompts, teasers with their own dates and names, subscription boxes,
calendars) must yield no claim; the headline and the date come from above the body.
"""

from __future__ import annotations

import pytest

import extract
from extract.document.article import FurnitureDetector, Line, find_article, parse_date
from extract.rules.loading import load_rules

DATES = [
    ("21 Sep 17", "2017-09-21"),
    ("20 February 2018", "2018-02-20"),
    ("Tue 20 Dec 2016", "2016-12-20"),
    ("Date(s) - 10.04.2017", "2017-04-10"),  # day first, as British pages write it
    ("Dec/Jan 2018", "2018-01"),
    ("Published: 3 March 2024", "2024-03-03"),
    ("Updated 14:05 GMT, 7 June 2023", "2023-06-07"),
    ("By Jane Doe", None),
    ("The council met on Tuesday and agreed the budget after a long debate", None),
]


@pytest.mark.parametrize(("line", "iso"), DATES)
def test_header_dates(line: str, iso: str | None) -> None:
    assert parse_date(Line(0, len(line), line)) == iso


PAGE = """Home | News | Sport | Business | Contact us
Subscribe to our newsletter
Bus operators warn fares will rise
12 May 2024
Bus operators in the north of England said on Monday that fares would rise by 10% in July after the government cut its subsidy by £50m.
“We have no choice but to pass the cost on to passengers,” said Jane Marsh, chief executive of Northern Buses.
The operators carry about 400,000 passengers a day across 35 routes.
Share this:
Related articles
Rail strike called off after 11th-hour talks – 3 May 2024
“It was a good deal,” said union leader Tom Brand, 2 May 2024
Join 830 other subscribers
Did you enjoy this article? Leave a comment below.
"""


@pytest.fixture(scope="module")
def page_records(nlp) -> list[dict]:
    return extract.claims(PAGE, nlp, doc_id="page.txt")


def test_body_title_and_date_come_from_the_article(page_records) -> None:
    article = find_article(PAGE, FurnitureDetector(load_rules()))
    body = PAGE[article.body_start : article.body_end]
    # the headline block belongs to the body (headline quotes are claims); menus do not
    assert body.startswith("Bus operators warn") and body.endswith("across 35 routes.")
    assert article.title == "Bus operators warn fares will rise"
    assert article.date == "2024-05-12"  # not a teaser's date
    assert {r["doc_title"] for r in page_records} == {article.title}


def test_furniture_yields_no_claim(page_records) -> None:
    body_end = PAGE.index("Share this:")
    assert page_records and all(r["end"] <= body_end for r in page_records)
    assert not any(r["speaker"] == "Tom Brand" for r in page_records)  # a teaser's quote
    assert not any("830" in r["text"] for r in page_records)


def test_a_page_of_furniture_only_gives_nothing(nlp) -> None:
    furniture = PAGE[PAGE.index("Share this:") :]
    assert extract.claims("Home | News | Sport\nShare this:\n" + furniture, nlp) == []


# A table or list after the last paragraph ("Per week $4.9 million") is part of the article; one
# short line with a number after it ("Comments 3") is not.
DATA_PAGE = """Club signs striker on record deal
The club confirmed on Monday that the striker had signed a three-year contract worth a record sum, the largest in its history.
He will earn more than any player the league has seen, according to figures the club released to reporters.
Per year $90 million
Per week $1.7 million
Per day $246,000
"""


def test_data_rows_after_the_last_paragraph_stay_in_the_body() -> None:
    article = find_article(DATA_PAGE, FurnitureDetector(load_rules()))
    assert DATA_PAGE[article.body_start : article.body_end].endswith("Per day $246,000")


def test_one_short_line_with_a_number_after_the_body_is_left_out() -> None:
    page = DATA_PAGE.split("Per year")[0] + "Comments 3\n"
    article = find_article(page, FurnitureDetector(load_rules()))
    assert page[article.body_start : article.body_end].endswith("to reporters.")


# Headlines that end in a full stop, as some feeds print them, are titles when they read like
# one: title case, or one sentence under half as long as the paragraphs below. A first line that
# is itself a lede, or two sentences, is not.
PARAGRAPHS = """The county council voted on Thursday evening to close three of its branch libraries next spring, saying the savings were needed to protect adult social care from further cuts.
Opposition members said the decision had been rushed through without a proper consultation and warned that older residents in the villages would be left without any local service at all.
The council leader said that a mobile library would visit each of the affected villages twice a week and that the buildings would be offered to community groups before any sale.
"""

TITLES = [
    ("Council Votes To Close Three Branch Libraries.", "Council Votes To Close Three Branch Libraries."),
    ("Council votes to close three branch libraries.", "Council votes to close three branch libraries."),
    (  # its inner full stops close abbreviations: still one sentence
        "Sen. Ortiz asks N.Y. regulators to review library closures.",
        "Sen. Ortiz asks N.Y. regulators to review library closures.",
    ),
    ("Libraries close. Villages lose out.", None),  # two sentences in sentence case
    ("Live updates on the library vote (all times local):", None),  # a lead-in, not a headline
    ("Letters.", None),  # a section label
    (
        "The county council has agreed to close three of its branch libraries in the villages"
        " to protect adult social care.",
        None,
    ),  # a lede as long as the paragraphs below it
    ("Our reporting on the county first appeared in a sister paper, which has since closed.", None),
]


@pytest.mark.parametrize(("first", "title"), TITLES)
def test_a_headline_ending_in_a_full_stop_is_the_title(first: str, title: str | None) -> None:
    page = first + "\n" + PARAGRAPHS
    article = find_article(page, FurnitureDetector(load_rules()))
    assert article.title == title
    assert article.body_start == 0  # the headline stays in the body: its quotes are claims


def test_a_long_headline_still_leaves_a_header_for_the_date() -> None:
    headline = "County Council Votes To Close Three Branch Libraries In The Villages To Protect Adult Social Care."
    page = f"{headline}\n14 March 2024\n{PARAGRAPHS}"
    article = find_article(page, FurnitureDetector(load_rules()))
    assert (article.title, article.date, article.body_start) == (headline, "2024-03-14", 0)


def test_a_date_line_above_the_headline_is_passed_over() -> None:
    page = "14 March 2024\nCouncil votes to close three branch libraries.\n" + PARAGRAPHS
    article = find_article(page, FurnitureDetector(load_rules()))
    assert (article.title, article.date) == ("Council votes to close three branch libraries.", "2024-03-14")
