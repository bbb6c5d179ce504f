"""The article inside the page: body, headline and date, on pages the corpus never saw.

Furniture (menus, share prompts, teasers with their own dates and names, subscription boxes,
calendars) must yield no claim; the headline and the date come from above the body.
"""

from __future__ import annotations

import pytest

import extract
from extract.document.article import FurnitureDetector, Line, find_article, parse_date
from extract.document.header import _date_parser, could_be_date
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


# What a date needs before dateparser is asked: a month's name and a figure, two figures one of
# which is a year, or three figures. Lines dateparser reads as dates pass; most headlines do not.
COULD_BE_DATES = [
    ("21 Sep 17", True),
    ("Dec/Jan 2018", True),
    ("04/2017", True),
    ("10.04.17", True),
    ("1st of the 12th 2016", True),
    ("Q2 2019", True),  # dateparser reads a month and a year in it
    ("Rates Rise 2 Points", False),
    ("Five Things About the 9/11 Memorial", False),  # a day and a month: no year
    ("May the best team win", False),  # a month's name, no figure
    ("Council Approves 2024 Budget", False),
]


@pytest.mark.parametrize(("text", "could"), COULD_BE_DATES)
def test_could_be_date(text: str, could: bool) -> None:
    assert could_be_date(text) is could


@pytest.mark.parametrize("text", [t for t, could in COULD_BE_DATES if not could])
def test_lines_that_cannot_be_dates_are_not_parsed(text: str) -> None:
    """dateparser agrees: these are no dates (so skipping it loses nothing)."""
    assert _date_parser().get_date_data(text).date_obj is None


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


# Furniture inside the article is left out where it stands, with its reason, and the paragraphs
# after it are kept. Each case puts one furniture line between two paragraphs of an invented story.
OPENING = (
    "The harbour board agreed on Wednesday to spend £12m on a new sea wall after two winters of flooding"
    " damaged dozens of homes and shops along the front."
)
CLOSING = (
    "Work on the wall is due to begin in the spring and should take about eighteen months, the board said"
    " in a statement, adding that the promenade would stay open."
)
MIDDLE = [
    ("READ MORE: Storm leaves seafront traders counting the cost", "read more line"),
    ("WATCH: Waves crash over the promenade at high tide", "read more line"),
    ("Read more: Harbour board names new chair", "read more line"),
    ("Article continues below advertisement", "advertisement"),
    ("Advertisement", "advertisement"),
    ("Photo: Harbour board press office", "caption"),
    ("Open this photo in gallery The flooded promenade in January. Jane Roe/Coast Pictures", "caption"),
    ("Waves break over the wall at high tide on Sunday. Jane Roe/Coast Pictures", "caption"),
    ("Jane Roe/Coast Pictures/Picture Desk", "caption"),  # the credit on a line of its own
    ("4 / 17", "caption"),  # a gallery's counter
    ("Back to gallery", "navigation"),
    ("6 Min Read", "timestamp"),
    ("Share this article", "share prompt"),
    ("Sign up for our daily newsletter", "subscribe prompt"),
    ("By Jane Doe", "byline"),
    ("Firms urged to prepare as the storm season starts and the wa...", "teaser"),
    ("Related: Coastal towns bid for flood funds", "read more line"),
    # a link label before a long quoted headline: the headline's quote is no claim of this article
    (
        "READ MORE: ‘We lost everything’: how one street rebuilt after the floods of last winter and what it cost",
        "read more line",
    ),
    ("Most read stories", "related"),
    ("See all stories >", "view all"),
    ("Home | News | Sport | Weather", "navigation"),
    ("2 hours ago", "timestamp"),
]


def finder() -> FurnitureDetector:
    return FurnitureDetector(load_rules())


@pytest.mark.parametrize(("line", "reason"), MIDDLE)
def test_furniture_in_the_middle_is_skipped_and_the_text_after_it_kept(line: str, reason: str) -> None:
    page = f"{OPENING}\n{line}\n{CLOSING}\n"
    article = find_article(page, finder())
    kept = "".join(page[s:e] for s, e in article.body_spans)
    assert OPENING in kept and CLOSING in kept
    assert line not in kept
    assert [why for _, _, why in article.skipped] == [reason]


def test_a_related_links_block_inside_the_article_is_skipped_as_one() -> None:
    block = "Related stories\nCouncil backs seafront plan\nTraders count cost of storm\nFerry times change"
    page = f"{OPENING}\n{block}\n{CLOSING}\n"
    article = find_article(page, finder())
    assert [(page[s:e], why) for s, e, why in article.skipped] == [(block, "related")]
    assert page[article.body_spans[-1][0] : article.body_end].strip() == CLOSING


# Where unsure, the line stays: labels before a sentence or a quote, short sentences, list items,
# a title-case subheading, a line that merely starts with a furniture word.
KEPT = [
    "FED TALK: The central bank held its rate on Wednesday and signalled no change before summer.",
    "Read more: the board said it had heard the traders and would pay for the wall out of its reserves.",
    "Mr Lee added: “We cannot wait another winter.”",
    "By Tuesday the water had gone down.",
    "Share prices in the port operator rose by 3%.",
    "Comments from residents were mostly positive.",
    "The new design",
    "* A higher wall along the promenade",
    "Here is the thing …",
    "3 | Jo Writer | 412 | 7",  # a table's row, its cells mostly figures: no menu
    "| Pos | Name | Points |",  # a table's row framed by bars
]


@pytest.mark.parametrize("line", KEPT)
def test_where_unsure_the_line_is_kept(line: str) -> None:
    page = f"{OPENING}\n{line}\n{CLOSING}\n"
    article = find_article(page, finder())
    assert article.skipped == ()
    assert (article.body_start, article.body_end) == (0, len(page.rstrip("\n")))


def test_the_comments_end_the_article() -> None:
    comment = "I have lived on the front for thirty years and the board has never listened to any of us at all."
    page = f"{OPENING}\n{CLOSING}\n12 Comments\n{comment}\nReply\n{comment.replace('thirty', 'forty')}\n"
    article = find_article(page, finder())
    assert page[article.body_start : article.body_end].endswith(CLOSING)


def test_credits_and_contacts_below_the_article_are_left_out() -> None:
    tail = (
        "(Reporting by Jo Writer in Leeds; additional reporting by Sam Lee; editing by Ana Ruiz)\n"
        "Tom Brand contributed to this report.\nWrite to Jo Writer at jo.writer@coastnews.example"
    )
    page = f"{OPENING}\n{CLOSING}\n{tail}\n"
    article = find_article(page, finder())
    assert page[article.body_start : article.body_end] == f"{OPENING}\n{CLOSING}"


def test_menus_and_footers_around_the_article_are_outside_the_body() -> None:
    menu = "* Home\n* News\n* Sport\n* Weather\n* Contact"
    footer = "Related articles\nCouncil backs seafront plan\nTraders count cost of storm\n© 2024 Coast News"
    page = f"{menu}\nHarbour board backs new sea wall\n14 March 2024\n{OPENING}\n{CLOSING}\n{footer}\n"
    article = find_article(page, finder())
    body = page[article.body_start : article.body_end]
    assert body.startswith("Harbour board backs new sea wall") and body.endswith(CLOSING)
    assert (article.title, article.date) == ("Harbour board backs new sea wall", "2024-03-14")


def test_a_paragraph_in_a_language_without_english_stop_words_is_prose() -> None:
    paragraphs = [
        "O conselho aprovou na quarta-feira a construção de um novo muro no porto, depois de dois invernos de cheias.",
        "As obras devem começar na primavera e durar cerca de dezoito meses, segundo a direção do porto.",
    ]
    page = "* Início\n* Notícias\n* Desporto\n" + "\n".join(paragraphs) + "\n"
    article = find_article(page, finder())
    assert page[article.body_start : article.body_end] == "\n".join(paragraphs)


def test_a_page_s_extracted_main_content_is_the_body_with_furniture_inside_still_skipped() -> None:
    """A main-content extractor chose the article's bounds (HTML input): the body is all of its
    text, where the line finder alone would end it earlier, and furniture inside is skipped."""
    tail = "Related stories\nCouncil backs seafront plan\nTraders count cost of storm"
    page = f"{OPENING}\nREAD MORE: Storm closes the pier\n{CLOSING}\n{tail}\n"
    alone = find_article(page, finder())
    article = find_article(page, finder(), extracted=True)
    assert page[alone.body_start : alone.body_end].endswith(CLOSING)
    assert (article.body_start, article.body_end) == (0, len(page.rstrip("\n")))
    assert [why for _, _, why in article.skipped] == ["read more line", "related"]



def test_a_list_item_the_page_prints_again_is_content_not_a_heading() -> None:
    """A listing gives each product the same feature; a short heading printed twice is furniture."""
    middle = "\n".join(
        f"The {n} model is lighter, and the makers say it will be in the shops by the autumn."
        for n in ("second", "third", "fourth", "fifth")
    )
    page = f"{OPENING}\n* Free delivery\n{middle}\n* Free delivery\n{CLOSING}\n"
    article = find_article(page, finder())
    kept = "".join(page[s:e] for s, e in article.body_spans)
    assert kept.count("* Free delivery") == 2 and article.skipped == ()
    headed = page.replace("* Free delivery", "Advertisement")
    assert [why for _, _, why in find_article(headed, finder()).skipped] == ["advertisement"] * 2


def test_a_table_row_the_page_prints_again_is_content_not_a_heading() -> None:
    """A training plan gives each week the same rows; a short heading printed twice is furniture."""
    week = "Day 1 / Run 5 km\nDay 2 / Swim 2 km"
    last = "The plan ends with a rest week, and the club says most members finish it within three months."
    middle = "The second week is harder, with a longer run on the Sunday and a short swim on the Monday after it."
    page = f"{OPENING}\n{week}\n{CLOSING}\n{middle}\n{week}\n{last}\n"
    article = find_article(page, finder())
    kept = "".join(page[s:e] for s, e in article.body_spans)
    assert kept.count(week) == 2 and article.skipped == ()
