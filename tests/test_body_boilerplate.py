"""Boilerplate around an article that reads like prose: site disclaimers and legal notices, press
releases' closing sections, an author's "About" box. Invented text, one case per class."""

from __future__ import annotations

import pytest

from extract.document.article import FurnitureDetector, find_article
from extract.rules.loading import load_rules

PARAGRAPHS = [
    "The harbour board voted on Tuesday to build a new sea wall along the northern promenade.",
    "Work is due to begin in the spring and should last about eighteen months, the board said.",
    "Traders on the front said they welcomed the plan but feared losing custom during the works.",
]
ARTICLE = "\n".join(PARAGRAPHS)


@pytest.fixture(scope="module")
def finder() -> FurnitureDetector:
    return FurnitureDetector(load_rules())


def kept(page: str, finder: FurnitureDetector) -> str:
    found = find_article(page, finder)
    return "\n".join(page[s:e] for s, e in found.body_spans)


# A disclaimer about the page itself ends the article: what follows it is the site's fine print,
# however long and sentence-like (a legal notice, a trademark list, a health warning).
FINE_PRINT = (
    "Consult a qualified adviser before you act on anything you read here, as every case is different and"
    " what worked for one reader may not work for another one at all, whatever the circumstances.\n"
    "Harbour Weekly and the lighthouse logo are registered trademarks of Harbour Media, and all other names and"
    " marks that appear on these pages belong to their respective owners, who do not endorse us in any way."
)
DISCLAIMERS = [
    "The information given on this site is general and no substitute for the word of an adviser.",
    "The views expressed in this column belong to the writer and not to the paper or to its owners.",
    "This article is for informational purposes only and should not be taken as financial advice of any kind.",
    "*These claims have not been reviewed by the food safety agency and no product here cures anything.",
]


@pytest.mark.parametrize("disclaimer", DISCLAIMERS)
def test_a_disclaimer_about_the_page_ends_the_article(finder, disclaimer: str) -> None:
    page = f"{ARTICLE}\n{disclaimer}\n{FINE_PRINT}\n© 2024 Harbour Media. All rights reserved.\n"
    assert kept(page, finder) == ARTICLE


# Lines of a press release's closing sections are skipped where they stand (the paragraphs around
# them kept); a line that mentions such words in passing is the article's.
SKIPPED = [
    ("Media contact: Jo Writer, press office, 0100 555 0100", "press contact"),
    ("Forward-Looking Statements", "press release"),
    (
        "This press release contains forward-looking statements that involve risks, and results may differ.",
        "press release",
    ),
    ("About the Author", "author bio"),
    (
        "Join our Harbour Forums to keep talking about the coast and the latest news from the front, and send us tips.",
        "subscribe prompt",
    ),
    (
        "By signing up, you accept our terms and our letters about the coast and its ferries.",
        "subscribe prompt",
    ),
    (
        "© 2024 Harbour Media Ltd. All rights reserved. Harbour Media is the owner of the lighthouse logo.",
        "site notice",
    ),
]
KEPT = [
    "Media contacts were told to wait outside the council chamber until the vote had been taken.",
    "The press release contains no figures for the cost of the works, the opposition said.",
    "About the author of the plan, little is known beyond his work on the old pier.",
    "The information on the website was out of date, the board admitted on Wednesday.",
    "Join our campaign, the mayor urged residents at the packed meeting, and save the old pier from the developers.",
]


@pytest.mark.parametrize(("line", "reason"), SKIPPED)
def test_press_release_and_legal_lines_inside_the_body_are_skipped(finder, line: str, reason: str) -> None:
    page = f"{PARAGRAPHS[0]}\n{line}\n{PARAGRAPHS[1]}\n{PARAGRAPHS[2]}\n"
    found = find_article(page, finder)
    assert [why for _, _, why in found.skipped] == [reason]
    assert kept(page, finder).replace("\n", "") == ARTICLE.replace("\n", "")


@pytest.mark.parametrize("line", KEPT)
def test_a_line_that_mentions_such_words_in_passing_is_kept(finder, line: str) -> None:
    page = f"{PARAGRAPHS[0]}\n{line}\n{PARAGRAPHS[1]}\n{PARAGRAPHS[2]}\n"
    assert find_article(page, finder).skipped == ()
    assert line in kept(page, finder)


# A caption is known by its credit at the end of the line (a sentence of the article before it
# or not), and a gallery by its counter; a source or a graphic's link in brackets is the article's.
CAPTIONS = [
    "Crowds on the quay wait for the first ferry of the season to come in (Image: Coast Pictures)",
    "Traders stand outside the shuttered market hall on Friday. (AP Photo/Jo Writer, File)",
    "A hunter is said to have caught the hare near the old mill last week Credit: Coast Pictures - Contributor",
    "(Image credit: Harbour Board)",
    "Image 2 of 5",
    "Jo Writer waits for the first ferry of the season at the quay on Monday. (Sam Lee/Coast News)",
    "Media caption The mayor opens the new bridge",
]
NO_CAPTIONS = [
    "Costs rose by a tenth last year, more than the board had planned for (source: council accounts).",
    "Prices rose again in the third quarter (Graphic: prices since 2019 - here)",
    "The board deserves some credit: it listened to the traders before it made up its mind.",
    "The vote on the sea wall was close, and the chair had to cast the deciding vote (12/10)",
]


@pytest.mark.parametrize("line", CAPTIONS)
def test_a_caption_inside_the_body_is_skipped(finder, line: str) -> None:
    page = f"{PARAGRAPHS[0]}\n{line}\n{PARAGRAPHS[1]}\n{PARAGRAPHS[2]}\n"
    assert [why for _, _, why in find_article(page, finder).skipped] == ["caption"]
    assert kept(page, finder).replace("\n", "") == ARTICLE.replace("\n", "")


@pytest.mark.parametrize("line", NO_CAPTIONS)
def test_a_source_or_a_link_in_brackets_is_kept(finder, line: str) -> None:
    page = f"{PARAGRAPHS[0]}\n{line}\n{PARAGRAPHS[1]}\n{PARAGRAPHS[2]}\n"
    assert find_article(page, finder).skipped == ()
    assert line in kept(page, finder)


@pytest.mark.parametrize("heading", ["More in Coastal Towns", "Most read in world news", "Recommended for you"])
def test_a_section_s_picks_heading_over_headlines_ends_the_article(finder, heading: str) -> None:
    headlines = "Bakery wins a national prize\nRoad closed for the bridge repairs\nChoir sings at the fair"
    page = f"{ARTICLE}\n{heading}\n{headlines}\n"
    found = find_article(page, finder)
    assert page[found.body_start : found.body_end] == ARTICLE


@pytest.mark.parametrize("heading", ["What's next", "Up next", "Explore further"])
def test_a_closing_section_s_own_heading_keeps_what_follows(finder, heading: str) -> None:
    closing = "The board will hold a public meeting next month to explain how the road will stay open."
    page = f"{ARTICLE}\n{heading}\n{closing}\n"
    assert closing in kept(page, finder)


def test_a_standfirst_above_the_lead_photo_s_caption_stays_in_the_body(finder) -> None:
    """A caption often repeats the standfirst; the standfirst above it (and any quote in it) is the article's."""
    standfirst = 'The harbour board says the new sea wall is "long overdue".'
    page = f"{standfirst}\nThe old sea wall at high tide. Credit: Coast Pictures\n{ARTICLE}\n"
    found = find_article(page, finder)
    assert found.body_start == 0 and [why for _, _, why in found.skipped] == ["caption"]


def test_a_caption_that_quotes_someone_is_kept(finder) -> None:
    """What a caption quotes was said (it is often the standfirst's quote, printed again under the photo)."""
    caption = 'The chair says the wall is "long overdue". Credit: Coast Pictures'
    page = f"{PARAGRAPHS[0]}\n{caption}\n{PARAGRAPHS[1]}\n{PARAGRAPHS[2]}\n"
    assert find_article(page, finder).skipped == ()
    assert caption in kept(page, finder)


def test_the_model_reads_a_caption_but_no_claim_comes_from_it(finder) -> None:
    """A caption names the article's people in full ("Jo Writer", then "Writer said"): it is read, never quoted."""
    caption = "Jo Writer at the quay on Monday. (Sam Lee/Coast News)"
    page = f"{PARAGRAPHS[0]}\n{caption}\n{PARAGRAPHS[1]}\n"
    found = find_article(page, finder)
    start = page.index(caption)
    assert caption in found.blanked(page) and not found.keeps(start, start + 10)
