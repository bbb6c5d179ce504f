"""The article inside a saved web page: its body span, headline and date.

Raw page text carries furniture (menus, share prompts, teasers, calendars, subscription boxes)
around the article. Claims are only extracted from the body, found with general signals:

- a line is *furniture* when it is short and a ``FURNITURE`` rule matches at its start
  (``patterns/furniture.jsonl``, user-editable);
- a line is *prose* when it has enough words, enough stop words, and ends like a sentence;
- furniture lines cut the page into segments; the body is the segment with the most prose
  words, from its first line (so the headline is kept) to its last prose line;
- a line repeated verbatim inside the body (a title block printed twice) is skipped;
- the title is the first header line (above the first long paragraph) that is not a date and
  does not end like a sentence; the opening line may end in a full stop when it reads like a
  headline (title case, or one short sentence above longer paragraphs), as many feeds print
  their headlines ("Poll: Voters Back the Rail Plan.").

Offsets always refer to the original text.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING

import spacy
from spacy.lang.en import English
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.tokens import Doc

if TYPE_CHECKING:
    from dateparser.date import DateDataParser

from extract.factories import factory
from extract.rules.loading import RuleSet, load_rules

MAX_FURNITURE_WORDS = 15
MIN_PROSE_WORDS = 8
MIN_SENTENCE_WORDS = 3  # a closing paragraph after the last prose line
MIN_STOPWORD_SHARE = 0.2
MAX_HEADER_WORDS = 8  # a date line is short
MIN_LEDE_WORDS = 15  # the first prose line this long ends the header (headlines are shorter)
MAX_DATA_WORDS = 8  # a row of a table or a list item after the last paragraph
MIN_DATA_ROWS = 2  # one short line with a number is as likely a page leftover ("Comments 3")
_FIGURE = re.compile(r"\d")
_BULLETS = frozenset("•·*-–▪")
_WORD = re.compile(r"[^\W\d_][\w’'-]*")
_SENTENCE_END = re.compile(r"[.!?:;”’\"')\]]\s*$")
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


@dataclass(frozen=True)
class Line:
    start: int
    end: int
    text: str

    @property
    def words(self) -> list[str]:
        return _WORD.findall(self.text)


@dataclass(frozen=True)
class Article:
    """Where the article is in a text, and what the page says about it."""

    body_start: int
    body_end: int
    title: str | None
    date: str | None  # ISO 8601: YYYY-MM-DD, or YYYY-MM when the page gives no day
    skip: tuple[tuple[int, int], ...] = field(default=())  # repeated lines inside the body

    def keeps(self, start: int, end: int) -> bool:
        """True when a claim at [start, end) lies in the body and not in a skipped line."""
        if start < self.body_start or end > self.body_end:
            return False
        return not any(s <= start < e for s, e in self.skip)


def split_lines(text: str) -> list[Line]:
    """Non-blank lines with their offsets (any of \\n, \\r\\n, \\r ends a line)."""
    lines = []
    for match in re.finditer(r"[^\r\n]+", text):
        if match.group().strip():
            lines.append(Line(match.start(), match.end(), match.group()))
    return lines


def is_prose(line: Line) -> bool:
    words = line.words
    if len(words) < MIN_PROSE_WORDS:
        return False
    stop_share = sum(w.lower() in STOP_WORDS for w in words) / len(words)
    return stop_share >= MIN_STOPWORD_SHARE and bool(_SENTENCE_END.search(line.text))


def is_short_sentence(line: Line) -> bool:
    """A line too short to count as prose that still reads as a sentence of the article."""
    return (
        len(line.words) >= MIN_SENTENCE_WORDS
        and bool(_SENTENCE_END.search(line.text))
        and any(w.lower() in STOP_WORDS for w in line.words)
    )


def is_data_line(line: Line) -> bool:
    """A short line of a table or list: "Per week $4.9 million", "• 12 wards will close"."""
    words = line.words
    if not words or len(words) > MAX_DATA_WORDS:
        return False
    return bool(_FIGURE.search(line.text)) or (line.text.lstrip()[:1] in _BULLETS and len(words) >= 2)


def data_rows(lines: list[Line]) -> int:
    """How many of the first lines form a table or list (at least two rows in a row), else 0."""
    rows = next((n for n, line in enumerate(lines) if not is_data_line(line)), len(lines))
    return rows if rows >= MIN_DATA_ROWS else 0


class FurnitureDetector:
    """Matches FURNITURE rules against the start of short lines."""

    def __init__(self, rules: RuleSet):
        self.tokenizer = _blank_english().tokenizer
        self.matcher = rules.matcher(self.tokenizer.vocab, "FURNITURE")

    def __call__(self, line: Line) -> bool:
        if len(line.words) > MAX_FURNITURE_WORDS:
            return False
        doc = self.tokenizer(line.text.strip())
        return any(span.start == 0 for span in self.matcher(doc))


@lru_cache(maxsize=1)
def _blank_english() -> spacy.Language:
    return spacy.blank("en")


def find_article(text: str, furniture: FurnitureDetector) -> Article:
    lines = split_lines(text)
    if not lines:
        return Article(0, len(text), None, None)
    segments: list[list[Line]] = [[]]
    for line in lines:
        if furniture(line):
            segments.append([])
        else:
            segments[-1].append(line)
    best = max(
        (s for s in segments if s),
        key=lambda seg: sum(len(line.words) for line in seg if is_prose(line)),
        default=None,
    )
    if best is None:  # the whole page is furniture
        return Article(0, 0, None, None)
    prose = [line for line in best if is_prose(line)]
    last = prose[-1] if prose else best[-1]
    tail = best[best.index(last) + 1 :]
    rows = data_rows(tail)
    for number, line in enumerate(tail):  # a short closing paragraph: “We are ready,” she said.
        if number >= rows and not is_short_sentence(line):
            break
        last = line
    body = [line for line in best if line.start <= last.start]
    headline = opening_headline(body, prose)
    lede = next((line for line in prose if len(line.words) >= MIN_LEDE_WORDS and line is not headline), last)
    header = [line for line in body if line.start < lede.start]
    date = next((d for d in map(parse_date, header) if d), None)
    title = next((line.text.strip() for line in header if line is headline or is_title(line)), None)
    return Article(body[0].start, last.end, title, date, repeated_lines(body))


def repeated_lines(lines: list[Line]) -> tuple[tuple[int, int], ...]:
    seen: set[str] = set()
    repeats = []
    for line in lines:
        key = " ".join(line.text.split())
        if key in seen:
            repeats.append((line.start, line.end))
        seen.add(key)
    return tuple(repeats)


def is_title(line: Line) -> bool:
    """A header line that can be the title: no date, and not ending like a sentence or a lead-in
    ("Live updates on the vote (all times local):")."""
    words = line.words
    return len(words) >= 2 and parse_date(line) is None and not line.text.rstrip().endswith((".", ":"))


def opening_headline(body: list[Line], prose: list[Line]) -> Line | None:
    """The body's first line that is not a date, when it reads like a headline (see
    ``is_headline``). Only the opening line: further down, a short sentence ending in a full stop
    is as likely a standfirst, a caption or a one-sentence paragraph."""
    opening = next((line for line in body if parse_date(line) is None), None)
    return opening if opening is not None and is_headline(opening, prose) else None


def is_headline(line: Line, prose: list[Line]) -> bool:
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
    pieces = re.split(r"[\s/]+", line.text.strip())
    if len(pieces) > MAX_HEADER_WORDS or not any(ch.isdigit() for ch in line.text):
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


def load_date_parser() -> None:
    """dateparser reads its English data on first use (a tenth of a second): at load time, not
    inside the first article."""
    parse_date(Line(0, 10, "1 Jan 2000"))


def paragraph_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break, so no sentence (or parse) spans two paragraphs.

    Headlines, datelines and bullets have no final full stop; without this the parser glues
    them to the next paragraph. Runs before the parser, which keeps preset boundaries.
    """
    for token in doc[1:]:
        before = doc[token.i - 1]
        if not token.is_space and (
            "\n" in before.whitespace_
            or "\r" in before.whitespace_
            or (before.is_space and ("\n" in before.text or "\r" in before.text))
        ):
            token.is_sent_start = True
    return doc


@factory("extract_paragraphs_v1", old_name="extract_paragraphs", assigns=["token.is_sent_start"])
def make_paragraph_breaks(nlp: Language, name: str):
    return paragraph_breaks


@lru_cache(maxsize=8)
def furniture_detector(patterns: tuple[str, ...], fingerprint: str) -> FurnitureDetector:
    """One detector per rule folders and furniture rules (the fingerprint changes when they do)."""
    return FurnitureDetector(load_rules([Path(p) for p in patterns]))
