"""Where the article ends on a page converted to text with its layout: lists of teasers indented
apart from the article's paragraphs, and long footers with more boilerplate prose beyond them."""

from __future__ import annotations

import pytest

from extract.document.article import FurnitureDetector, find_article, split_lines, widening
from extract.document.furniture import indent, is_glued_teaser, main_indent, teaser_lists
from extract.rules.loading import load_rules

PARAGRAPHS = [
    "The harbour board voted on Tuesday to build a new sea wall along the northern promenade.",
    "Work is due to begin in the spring and should last about eighteen months, the board said.",
    "Traders on the front said they welcomed the plan but feared losing custom during the works.",
    "The board will hold a public meeting next month to explain how the road will stay open.",
]


def article(at: int = 4) -> str:
    return "\n".join(" " * at + p for p in PARAGRAPHS)


def records(*lines: tuple[int, str], times: int = 3) -> str:
    """A list repeating one record ``times`` (each line at its indent), numbered so no two are alike."""
    return "\n".join(" " * at + text.format(n=n) for n in range(1, times + 1) for at, text in lines)


HEADLINE_BYLINE_SUMMARY = records(
    (10, "+ Story number {n} about the ferry timetable"),
    (16, "Jo Writer"),
    (14, "The ferry company will run {n} fewer crossings a day over the winter months."),
)
RANKED = records((6, "* {n}"), (8, "Headline number {n} about the town's new library opening"))

TEASER_LISTS = [
    (HEADLINE_BYLINE_SUMMARY, True),
    (RANKED, True),
    (records((6, "* {n}"), (8, "Headline number {n} about the town's new library opening"), times=2), False),
    # headings and paragraphs of a listicle at the article's own indent
    (records((4, "Item {n}: a folding bike"), (4, "It folds in {n} seconds and fits under a desk at work.")), False),
    # a link under each paragraph of the article: the records hold lines at the article's indent
    (
        records((4, "A further paragraph of the article follows here, number {n}."), (8, "* Buy it online now {n}")),
        False,
    ),
]


@pytest.mark.parametrize(("listed", "found"), TEASER_LISTS)
def test_a_run_of_teasers_indented_apart_from_the_article_is_a_teaser_list(listed: str, found: bool) -> None:
    lines = split_lines(f"{article()}\n{listed}\n")
    teasers = teaser_lists(lines)
    assert bool(teasers) == found
    assert all(indent(lines[i]) != 4 for i in teasers)


def test_text_without_indents_has_no_teaser_list() -> None:
    flat = "\n".join(line.strip() for line in f"{article()}\n{HEADLINE_BYLINE_SUMMARY}".splitlines())
    assert teaser_lists(split_lines(flat)) == []


INDENTS = [("    text", 4), ("text", 0), ("\t\ttext", 2)]


@pytest.mark.parametrize(("text", "spaces"), INDENTS)
def test_indent_counts_the_blanks_before_the_text(text: str, spaces: int) -> None:
    assert indent(split_lines(text)[0]) == spaces


def test_the_main_indent_is_the_one_of_the_longest_chain_of_sentences() -> None:
    assert main_indent(split_lines(f"{article(4)}\n{HEADLINE_BYLINE_SUMMARY}")) == 4
    longer = HEADLINE_BYLINE_SUMMARY.replace("winter months.", "winter months, and more on the weekends in the summer.")
    assert main_indent(split_lines(f"{article(4)}\n{longer}")) == 4  # more words, but no two summaries in a row
    assert main_indent(split_lines("Menu\nSport\n")) is None


@pytest.fixture(scope="module")
def finder() -> FurnitureDetector:
    return FurnitureDetector(load_rules())


@pytest.mark.parametrize("listed", [HEADLINE_BYLINE_SUMMARY, RANKED])
def test_a_teaser_list_ends_the_article_and_what_follows_is_left_out(finder, listed: str) -> None:
    page = f"  Harbour board backs new sea wall\n{article()}\n  More from the coast\n{listed}\n"
    found = find_article(page, finder)
    body = page[found.body_start : found.body_end]
    assert body.startswith("  Harbour board") and body.endswith(PARAGRAPHS[-1])
    assert found.body_end < len(page.rstrip())  # the list is outside the body, as the documents list says


def test_a_long_footer_is_not_crossed_for_the_boilerplate_beyond_it(finder) -> None:
    """A menu of ten lines at a flat cost would be worth crossing for the three paragraphs beyond it."""
    footer = "\n".join(f"{a} {b}" for a in ("News", "Sport") for b in ("Home", "Local", "World", "Video", "Photos"))
    terms = "\n".join(
        f"Rule {n}: users who post comments must follow the house rules and may be blocked by the moderators."
        for n in range(3)
    )
    page = f"{article(0)}\n{footer}\n{terms}\n"
    found = find_article(page, finder)
    assert page[found.body_start : found.body_end] == article(0)


WIDENING = [
    ([10.0, -3.0, 10.0], [10.0, -3.0 * (1 + 1 / 12), 10.0]),
    ([-3.0, -3.0, 0.0, -3.0], [-3.0 * (1 + 1 / 12), -3.0 * (1 + 2 / 12), 0.0, -3.0 * (1 + 3 / 12)]),
    ([-3.0, 12.0, -3.0], [-3.0 * (1 + 1 / 12), 12.0, -3.0 * (1 + 1 / 12)]),
]


@pytest.mark.parametrize(("weights", "widened"), WIDENING)
def test_each_further_line_of_a_gap_costs_more_and_a_paragraph_closes_it(weights, widened) -> None:
    words = "one two three four five six seven eight nine ten eleven twelve"
    lines = split_lines("\n".join(words if w > 0 else "x" for w in weights))
    assert widening(lines, weights) == pytest.approx(widened)


HEADLINES = "\n".join(
    f"{n}. {title}"
    for n, title in enumerate(
        ["Bakery wins a national prize", "Road closed for the bridge repairs", "Choir sings at the fair"], 1
    )
)


@pytest.mark.parametrize("heading", ["Most Popular", "MOST READ", "Trending now", "More Great Local Stories"])
def test_a_heading_over_a_list_of_headlines_ends_the_article(finder, heading: str) -> None:
    page = f"{article(0)}\n{heading}\n{HEADLINES}\n"
    found = find_article(page, finder)
    assert page[found.body_start : found.body_end] == article(0)


CAPTIONS = "\n".join(
    f"        Picture {n}: people wait on the quay for the first ferry of the season to come in." for n in (1, 2)
)
KEY_POINTS = "\n".join(
    f"        * Point {n}: the harbour board expects the works to cost less than it first said." for n in (1, 2)
)
LEADS = [
    (CAPTIONS, 4, False),  # captions indented deeper than the paragraphs lead into the article: left out
    (KEY_POINTS, 4, True),  # a list of key points above the lede stays
    (CAPTIONS.replace("        ", ""), 0, True),  # text without indents keeps its core
    (" A lede typed with one space in front, as some feeds give it, opens the article.", 0, True),
]


@pytest.mark.parametrize(("lead", "at", "kept"), LEADS)
def test_prose_indented_deeper_than_the_article_leading_into_it_is_left_out(
    finder, lead: str, at: int, kept: bool
) -> None:
    page = f"{lead}\n{article(at)}\n"
    found = find_article(page, finder)
    body = page[found.body_start : found.body_end]
    assert body.endswith(PARAGRAPHS[-1])
    assert (lead.strip() in body) == kept


def test_prose_indented_deeper_that_outweighs_the_article_stays(finder) -> None:
    long = "\n".join(f"        {p} {p}" for p in PARAGRAPHS[:3])
    page = f"{long}\n{article(4)}\n"
    found = find_article(page, finder)
    assert page[found.body_start : found.body_end] == page.rstrip("\n")


BIO = "        Jo Writer covers the coast for the paper and has written about ferries for ten years."
TAILS = [
    (f"{article(4)}\n    Advertisement\n{BIO}\n", False),  # a bio past furniture, indented deeper: left out
    (f"{article(4)}\n{BIO}\n", True),  # straight after the last paragraph it may be the article's blockquote
    (f"{article(4)}\n    Advertisement\n{BIO}\n        * A list below it\n", True),  # a list: the article's own
]


@pytest.mark.parametrize(("page", "kept"), TAILS)
def test_prose_indented_deeper_below_the_article_past_furniture_is_left_out(finder, page: str, kept: bool) -> None:
    found = find_article(page, finder)
    kept_text = "".join(page[s:e] for s, e in found.body_spans)
    assert PARAGRAPHS[-1] in kept_text
    assert (BIO.strip() in kept_text) == kept


GLUED = [
    (
        "Council Backs New Sea Wall At The HarbourThe harbour board voted on Tuesday to build a wall along the front.",
        True,
    ),
    ("Ferry Service Returns For 40,000The ferry company said on Monday that it would sail again from next week.", True),
    (
        "Is The Harbour Pier Safe Enough?Engineers who walked it on Friday said the old boards would hold.",
        True,
    ),
    ("When I met with Mr. VandeHei and his partner they said little about the venture they would start.", False),
    ("Watch The Mayor Explain New YouTube Rules for the town's own channel, which posts videos every week.", False),
    (
        "Name: Ana Lopez Age: 31City: Leeds Job: NurseWhy she marches: she wants a fair wage for all of the staff.",
        False,
    ),
    ("Council Backs New Sea Wall At The HarbourThe board agreed.", False),  # no summary to speak of
]


@pytest.mark.parametrize(("text", "glued"), GLUED)
def test_a_headline_run_into_its_summary_is_a_teaser(text: str, glued: bool) -> None:
    assert is_glued_teaser(split_lines(text)[0]) == glued


def test_a_bulleted_headline_ending_in_a_question_mark_stays_in_a_related_list(finder) -> None:
    block = "Related stories\n* Is the old pier safe?\n* Ferry times change\n* Traders count cost of storm"
    closing = "\n".join(p.replace("board", "harbour board") for p in PARAGRAPHS[:2])
    page = f"{article(0)}\n{block}\n{closing}\n"
    found = find_article(page, finder)
    assert [(page[s:e], why) for s, e, why in found.skipped] == [(block, "related")]


@pytest.mark.parametrize(
    "bio",
    [
        "Jo Writer is a freelance reporter based in Leeds who has covered the coast and its ferries for ten years.",
        "Sam Lee is the paper's deputy features editor. Email him or follow him online for more of his stories.",
    ],
)
def test_an_author_s_bio_below_the_article_is_left_out(finder, bio: str) -> None:
    page = f"{article(0)}\n{bio}\n"
    found = find_article(page, finder)
    assert page[found.body_start : found.body_end] == article(0)
    assert finder.reason(split_lines(bio)[0]) == "author bio"


TEASER_BULLETS = "\n".join(
    f"      * Story number {n} about the ferry timetable HARBOURTOWN: The ferry company will run {n} fewer"
    " crossings a day over the winter months, and more on the weekends in the summer, it said."
    for n in range(1, 7)
)
HEADER = "    Harbour board backs new sea wall\n        14 March 2024\n        Share this article\n        By Jo Writer"


def test_a_bulleted_list_of_other_stories_above_the_article_s_header_is_left_out(finder) -> None:
    """The list outweighs the article, but its items are no paragraphs and a header stands between them."""
    page = f"{TEASER_BULLETS}\n{HEADER}\n{article(4)}\n"
    found = find_article(page, finder)
    body = page[found.body_start : found.body_end]
    assert "Story number" not in body and body.endswith(PARAGRAPHS[-1]) and PARAGRAPHS[0] in body
    assert main_indent(split_lines(page)) == 4


def test_a_bulleted_list_right_above_the_lede_stays(finder) -> None:
    page = f"{HEADER}\n{TEASER_BULLETS}\n{article(4)}\n"
    found = find_article(page, finder)
    assert "Story number 1 " in page[found.body_start : found.body_end]


SHARE_BAR = "      Facebook Twitter Email Save"
OTHER_STORIES = [
    "The ferry company will run fewer crossings over the winter months, and more on the weekends in summer.",
    "A bakery on the high street has won a national prize for its bread, the third in as many years.",
    "The choir will sing on the steps of the town hall at the fair, which opens on Saturday at noon.",
    "Road works on the bridge will close one lane for a fortnight from Monday, the council has said.",
]


@pytest.mark.parametrize(("bar", "ends"), [(SHARE_BAR, True), ("    Advertisement", False)])
def test_teasers_at_the_article_s_indent_told_apart_by_a_share_bar_end_it(finder, bar: str, ends: bool) -> None:
    """Other stories, each with the share bar the page prints under it, at the article's own indent; an
    advertisement between every two paragraphs is no bar, and what follows it is the article's."""
    listed = "\n".join(f"{bar}\n    {story}" for story in OTHER_STORIES)
    page = f"{article(4)}\n{listed}\n"
    found = find_article(page, finder)
    kept = "".join(page[s:e] for s, e in found.body_spans)
    assert PARAGRAPHS[-1] in kept and (OTHER_STORIES[1] not in kept) == ends
