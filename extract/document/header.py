"""The article's headline and date, read from the lines above its first long paragraph.

- the title is the first header line that is not a date and does not end like a sentence; the
  opening line may end in a full stop when it reads like a headline (title case, or one short
  sentence above longer paragraphs), as many feeds print their headlines ("Poll: Voters Back
  the Rail Plan.");
- the date is the first header line that parses as an absolute date.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Sequence
from functools import lru_cache
from itertools import pairwise
from typing import TYPE_CHECKING

from spacy.lang.en import English
from spacy.lang.en.stop_words import STOP_WORDS

from extract.document.lines import Line

if TYPE_CHECKING:
    from dateparser.date import DateDataParser

MAX_HEADER_WORDS = 8  # a date line is short
MIN_LEDE_WORDS = 15  # the first prose line this long ends the header (headlines are shorter)
MIN_HEADLINE_WORDS = 3  # "Letters.", "ABSTRACT." are section labels, not headlines
MAX_HEADLINE_WORDS = 24
MAX_HEADLINE_SHARE = 0.45  # a sentence-case headline is under half as long as the paragraphs below
MIN_TITLE_CASE_SHARE = 0.75  # of the words that are not stop words, this many capitalised
_CLOSERS = "\"'’”)]"
_OPENERS = "\"'‘“(["
_INITIALS = re.compile(r"(?:[^\W\d_]\.)+")  # "N.Y.", "U.S.", "J."
# "Sen.", "Gov.", "vs.", "Calif.": a full stop that does not end a sentence
_ABBREVIATIONS = frozenset(k for k in English.Defaults.tokenizer_exceptions if k.endswith("."))
# Absolute dates only: a relative reading turns "$33M" into "33 minutes ago", today.
_DATE_SETTINGS = {
    "DATE_ORDER": "DMY",
    "REQUIRE_PARTS": ["month", "year"],
    "PARSERS": ["custom-formats", "absolute-time"],
}
# With those settings a date needs a month and a year, in English: a month's name, or figures
# (two, one of them a year: "04/2017"; or three: "10.04.17"). A line with neither is not sent to
# dateparser, which then loads only at the first line that could be a date (it compiles its
# time-zone patterns then, a third of a second).
_MONTH_NAME = re.compile(r"(?i)(?<![^\W\d_])(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)")
_FIGURES = re.compile(r"\d+")


def title_and_date(dated: Sequence[Line], kept: Sequence[Line], prose: Sequence[Line]) -> tuple[str | None, str | None]:
    """The headline and the date, from the lines above the lede: the date from any line there
    (a byline may carry it), the headline from those the body keeps."""
    headline = opening_headline(kept, prose)
    last = dated[-1] if dated else None
    lede = next((line for line in prose if len(line.words) >= MIN_LEDE_WORDS and line is not headline), last)
    if lede is None:
        return None, None
    date = next((d for d in (parse_date(line) for line in dated if line.start < lede.start) if d), None)
    header = [line for line in kept if line.start < lede.start]
    title = next((line.text.strip() for line in header if line is headline or is_title(line)), None)
    return title, date


def is_title(line: Line) -> bool:
    """A header line that can be the title: no date, and not ending like a sentence or a lead-in
    ("Live updates on the vote (all times local):")."""
    words = line.words
    return len(words) >= 2 and parse_date(line) is None and not line.text.rstrip().endswith((".", ":"))


def opening_headline(body: Sequence[Line], prose: Sequence[Line]) -> Line | None:
    """The body's first line that is not a date, when it reads like a headline (see
    ``is_headline``). Only the opening line: further down, a short sentence ending in a full stop
    is as likely a standfirst, a caption or a one-sentence paragraph."""
    opening = next((line for line in body if parse_date(line) is None), None)
    return opening if opening is not None and is_headline(opening, prose) else None


def is_headline(line: Line, prose: Sequence[Line]) -> bool:
    """A line shaped like a headline, whatever its last character, when prose paragraphs follow.

    Title case says so by itself ("Council Approves New Cycle Lanes."); a sentence-case line
    must be one sentence under half as long as the paragraphs below it, so neither a short lede
    nor a site notice above the headline ("This page is kept in an archive that is no longer
    updated.") is taken.
    """
    words = line.words
    text = line.text.strip()
    if not MIN_HEADLINE_WORDS <= len(words) <= MAX_HEADLINE_WORDS or text.endswith((":", ",")):
        return False
    below = [len(p.words) for p in prose if p.start > line.start]
    if not below:  # a headline heads prose (a short page may have one long paragraph)
        return False
    if is_title_case(words):
        return True
    return not has_sentence_break(text) and len(words) < MAX_HEADLINE_SHARE * statistics.median(below)


def is_title_case(words: list[str]) -> bool:
    """Most words that are not stop words start with a capital ("Mayor Unveils Plan For Riverside Park")."""
    content = [w for w in words if w.lower() not in STOP_WORDS]
    return len(content) >= 2 and sum(w[0].isupper() for w in content) >= MIN_TITLE_CASE_SHARE * len(content)


def has_sentence_break(text: str) -> bool:
    """A sentence ends inside the text: ". ", "? " or "! " before a capital or a figure, unless
    the full stop closes an abbreviation or initials ("Sen. Ortiz", "N.Y. court")."""
    tokens = text.split()
    for token, following in pairwise(tokens):
        bare = token.rstrip(_CLOSERS)
        if not bare.endswith((".", "?", "!")) or bare.endswith(".."):  # an ellipsis trails off
            continue
        start = following.lstrip(_OPENERS)[:1]
        if not (start.isupper() or start.isdigit()):
            continue
        if bare.endswith(".") and (bare in _ABBREVIATIONS or _INITIALS.fullmatch(bare)):
            continue
        return True
    return False


def parse_date(line: Line) -> str | None:
    """An ISO date from a short header line ("21 Sep 17", "Date(s) - 10.04.2017", "Dec/Jan 2018").

    A label before the date ("Source: PSE", "Date(s) -") is dropped by trying the line's
    trailing word windows, longest first; two months ("Dec/Jan") give the later one.
    """
    return _date_of(line.text.strip())


def could_be_date(text: str) -> bool:
    """Whether ``text`` holds what a date needs (see ``_MONTH_NAME``): cheap, and never false
    for a line dateparser would read as a date."""
    figures = _FIGURES.findall(text)
    if _MONTH_NAME.search(text):
        return bool(figures)
    return len(figures) >= 3 or (len(figures) == 2 and max(map(len, figures)) >= 4)


@lru_cache(maxsize=4096)
def _date_of(text: str) -> str | None:
    """``parse_date`` of a line's text, once per text: a header line is asked about twice or more
    (is it the date, is it the title)."""
    pieces = re.split(r"[\s/]+", text)
    if len(pieces) > MAX_HEADER_WORDS or not could_be_date(text):
        return None
    for first in range(len(pieces)):
        found = _date_parser().get_date_data(" ".join(pieces[first:]))
        if found.date_obj is not None:  # the period says whether the line gave a day
            return found.date_obj.strftime("%Y-%m-%d" if found.period in {"day", "time"} else "%Y-%m")
    return None


@lru_cache(maxsize=1)
def _date_parser() -> DateDataParser:
    from dateparser.date import DateDataParser  # imported on first use: spacy.load imports this module

    return DateDataParser(languages=["en"], settings=_DATE_SETTINGS)
