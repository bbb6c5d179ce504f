"""The article inside a saved web page: its body, what is left out of it, its headline and date.

Raw page text carries furniture (menus, share prompts, teasers, captions, subscription boxes,
comments) around the article and inside it. Claims are only extracted from the body:

- each line is prose (``lines.is_prose``), furniture with a reason (``furniture.line_reasons``:
  rules of ``patterns/furniture.jsonl`` and the line's shape), or neither;
- the article's core is the run of lines where prose outweighs the rest most: a prose line
  counts its words, a furniture line or another line costs a little (a table row nothing), each
  further line of a gap a little more, so a caption or a "Read more" line between paragraphs is
  crossed and a block of menus or a long footer is not; the core ends before a comments heading,
  a disclaimer about the page itself ("The information on this website ...": the site's fine
  print follows) or a list of teasers (``furniture.teaser_lists``: headlines, bylines and
  summaries indented apart from the article's paragraphs; ``furniture.bar_separated``: stories
  with a share bar under each);
- a few header lines above the core (headline, date, byline) join the body, and below it the
  article goes on (lists, tables, a closing line) up to the first furniture;
- inside the body, furniture is ``skipped`` where it stands and everything else is kept (when
  unsure, a line is kept), but for a line the body has just printed.

Offsets always refer to the original text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import groupby
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from extract.document.furniture import (
    BARRIERS,
    CAPTION,
    REPEATED,
    FurnitureDetector,
    bar_separated,
    indent,
    line_reasons,
    main_indent,
    repeats_in,
    teaser_lists,
)
from extract.document.header import parse_date, title_and_date
from extract.document.lines import (
    Line,
    has_bullet,
    is_data_line,
    is_prose,
    page_stop_words,
    split_lines,
)
from extract.factories import factory
from extract.rules.loading import load_rules

__all__ = [
    "Article",
    "FurnitureDetector",
    "Line",
    "find_article",
    "furniture_detector",
    "make_paragraph_breaks",
    "paragraph_breaks",
    "parse_date",
    "split_lines",
]

FURNITURE_COST = 8.0  # words of prose a furniture line between two paragraphs is worth crossing for
BLOCK_LINE_COST = 4.0  # each further line of a furniture block
OTHER_COST = 3.0  # a line that is neither prose nor furniture: a heading, a list item, a date
MAX_HEADER_LINES = 6  # headline, standfirst, byline, date and such above the first paragraph
MIN_HEADER_GAP = 3  # lines between a list and the article for a header to stand between them
MIN_ARTICLE_WORDS = 40  # prose above a comments heading for it to end the article
READ_THROUGH = frozenset({REPEATED, CAPTION})  # skipped lines the model still reads (``Article.blanked``)
TAIL_PASSES = frozenset({REPEATED, "link line"})  # furniture a closing list may hold
HEADER_PASSES = frozenset({"byline", CAPTION, REPEATED})  # furniture that belongs to a header
TEASER_LIST = "teaser list"  # ends the article like a comments heading, but is no furniture where it stands
MIN_INDENT_STEP = 2  # spaces deeper than the article's paragraphs for another block (one may be a typing slip)
GAP_SCALE = 12.0  # the n-th line of a gap costs 1 + n/GAP_SCALE times its weight
GAP_BREAK = 10  # words of a paragraph that closes a gap


@dataclass(frozen=True)
class Article:
    """Where the article is in a text, what was left out of it, and what the page says about it.

    The body is ``body_start``..``body_end`` less the ``skipped`` ranges: furniture found *inside*
    the article (a "Read more" line, a caption, a related-links block) is left out where it
    stands, and the text after it is kept. ``body_spans`` lists what is kept.
    """

    body_start: int
    body_end: int
    title: str | None
    date: str | None  # ISO 8601: YYYY-MM-DD, or YYYY-MM when the page gives no day
    skipped: tuple[tuple[int, int, str], ...] = field(default=())  # (start, end, reason) inside the body

    @property
    def body_spans(self) -> list[tuple[int, int]]:
        """The kept ranges of the body, in order: the gaps between skipped ranges."""
        spans, at = [], self.body_start
        for start, end, _ in sorted(self.skipped):
            if start > at:
                spans.append((at, start))
            at = max(at, end)
        if self.body_end > at:
            spans.append((at, self.body_end))
        return spans

    def keeps(self, start: int, end: int) -> bool:
        """True when a claim at [start, end) lies in the body and does not start in a skipped range."""
        if start < self.body_start or end > self.body_end:
            return False
        return not any(s <= start < e for s, e, _ in self.skipped)

    def blanked(self, text: str) -> str:
        """The body with every skipped range blanked (line breaks kept), one character for one, so
        the model never reads furniture and offsets into the body are unchanged. A repeated line
        and a caption are the exceptions: one is article text printed twice (a standfirst above
        the lede, a title again), the other names the article's people as the paragraphs around
        it expect ("Kim" below a caption of "leader Kim Jong-un"), so the model reads them where
        they stand; ``keeps`` still takes no claim from them."""
        body = text[self.body_start : self.body_end]
        if not self.skipped:
            return body
        chars = list(body)
        for start, end, why in self.skipped:
            if why in READ_THROUGH:
                continue
            for i in range(max(start, self.body_start) - self.body_start, min(end, self.body_end) - self.body_start):
                if chars[i] not in "\r\n":
                    chars[i] = " "
        return "".join(chars)


def find_article(text: str, furniture: FurnitureDetector, *, extracted: bool = False) -> Article:
    """The article's body, skipped ranges, title and date (see the module's docstring).

    ``extracted``: the text is what a main-content extractor took out of a web page, which chose
    the article's bounds better than lines of text can (on the benchmark pages, recall 0.97 kept
    whole against 0.95 cut again): the body is all of it, with furniture inside still skipped.
    """
    lines = split_lines(text)
    if not lines:
        return Article(0, len(text), None, None)
    stops = page_stop_words(lines)
    reasons = line_reasons(lines, furniture)
    prose = [is_prose(line, stops) and reason is None for line, reason in zip(lines, reasons, strict=True)]
    weights = [
        weight(line, reason, counted and new, follows)
        for line, reason, counted, new, follows in zip(
            lines, reasons, prose, first_prints(lines), [None, *reasons[:-1]], strict=True
        )
    ]
    found = (0, len(lines) - 1) if extracted else bounds(lines, reasons, widening(lines, weights))
    if found is None:  # the whole page is furniture
        return Article(0, 0, None, None)
    first, last = found
    body = lines[first : last + 1]
    skips = reasons[first : last + 1]
    for i in repeats_in(body):
        skips[i] = skips[i] or REPEATED
    kept = [line for line, reason in zip(body, skips, strict=True) if reason is None]
    body_prose = [line for line, keep in zip(body, prose[first : last + 1], strict=True) if keep]
    dated = lines[max(0, first - MAX_HEADER_LINES) : last + 1]  # a dateline may sit above the headline's menu
    title, date = title_and_date(dated, kept, body_prose)
    return Article(body[0].start, body[-1].end, title, date, skipped_ranges(body, skips))


def bounds(lines: Sequence[Line], reasons: Sequence[str | None], weights: Sequence[float]) -> tuple[int, int] | None:
    """The first and last lines of the article: its core (the run where prose outweighs the rest
    most, above the comments or a list of teasers, less prose indented deeper than the article's
    paragraphs at its ends), with the header lines above it and the closing lines below."""
    teasers = set(teaser_lists(lines)) | set(bar_separated(lines, reasons))
    ends = [reason or (TEASER_LIST if i in teasers else None) for i, reason in enumerate(reasons)]
    end = comments_start(lines, ends, weights)
    # A text without prose (a one-line example, a list): its longest run of lines that are not furniture.
    core = densest_run(weights[:end]) or densest_run([-FURNITURE_COST if r else 1.0 for r in reasons[:end]])
    if core is None:
        return None
    counted = [i for i in range(core[0], core[1] + 1) if weights[i] > 0]
    main = main_indent(lines)
    first = indented_edge(lines, weights, counted, main)
    top = max((i + 1 for i in counted if i < first), default=0) if first is not None else 0
    start = header_start(lines, reasons, core[0] if first is None else first, top)
    stop = closing_end(lines[:end], reasons[:end], core[1])
    last = indented_edge(lines, weights, counted[::-1], main)
    if last is None or not closes_with_furniture(lines[last : stop + 1], reasons[last : stop + 1]):
        return start, stop
    bottom = min(i for i in counted if i > last)
    return start, closing_end(lines[:bottom], reasons[:bottom], last)


def closes_with_furniture(tail: Sequence[Line], reasons: Sequence[str | None]) -> bool:
    """Deeper-indented prose below the article's last paragraph is left out only past some furniture
    and without a list: else it is the article's own blockquote, embedded post or recipe card."""
    return any(reasons) and not any(has_bullet(line) for line in tail)


def indented_edge(
    lines: Sequence[Line], weights: Sequence[float], counted: Sequence[int], main: int | None
) -> int | None:
    """The first of the core's prose lines (``counted``, in the order read) at the article's indent (``main``),
    when those read before it are indented deeper (teasers, a gallery's captions, a bio), hold no
    list and weigh less than the rest, or are all items of a list with a header of some lines (a
    headline, a date, a byline) between it and the article (a list of other stories; a list of key
    points stands right above the lede); None when there are none such. A text without indents has
    none."""
    at = next((n for n, i in enumerate(counted) if indent(lines[i]) == main), 0)
    outside, inside = counted[:at], counted[at:]
    if not outside or not all(indent(lines[i]) >= main + MIN_INDENT_STEP for i in outside):
        return None
    if counted[at] - outside[-1] > MIN_HEADER_GAP and all(has_bullet(lines[i]) for i in outside):
        return counted[at]  # a list of other stories above the article's header, however long
    lighter = sum(weights[i] for i in outside) < sum(weights[i] for i in inside)
    return counted[at] if lighter and not any(has_bullet(lines[i]) for i in outside) else None


def first_prints(lines: Sequence[Line]) -> list[bool]:
    """False for a line the page has printed before: a paragraph given twice counts once."""
    seen: set[str] = set()
    firsts = []
    for line in lines:
        firsts.append(line.key not in seen)
        seen.add(line.key)
    return firsts


def comments_start(lines: Sequence[Line], reasons: Sequence[str | None], weights: Sequence[float]) -> int:
    """Where the comments (or a list of teasers) begin: the first comments heading below some prose
    (one beside the byline, "12 Comments", is a link, as is a menu's "* Comments"), or the end of
    the page."""
    prose = 0.0
    for i, (line, reason, value) in enumerate(zip(lines, reasons, weights, strict=True)):
        if (reason in BARRIERS or reason == TEASER_LIST) and prose >= MIN_ARTICLE_WORDS and not has_bullet(line):
            return i
        prose += max(value, 0.0)
    return len(weights)


def weight(line: Line, reason: str | None, prose: bool, before: str | None) -> float:
    """What a line adds to the article it would belong to (``before``: the reason of the line
    above it). A block of furniture costs a little more than one line of it."""
    if reason is not None:
        return -BLOCK_LINE_COST if before is not None else -FURNITURE_COST
    if prose:
        return float(line.size)
    return 0.0 if is_data_line(line) else -OTHER_COST


def widening(lines: Sequence[Line], weights: Sequence[float]) -> list[float]:
    """Weights where each further line of a gap costs more than the one before: a caption or a
    related-links block between paragraphs is crossed as before, a footer of a hundred lines (a
    sign-in form, a site map) is not, whatever prose lies beyond it. A paragraph of some length
    closes the gap."""
    widened, gap = [], 0
    for line, value in zip(lines, weights, strict=True):
        if value < 0:
            gap += 1
            value *= 1 + gap / GAP_SCALE
        elif value > 0 and line.size >= GAP_BREAK:
            gap = 0
        widened.append(value)
    return widened


def densest_run(weights: Sequence[float]) -> tuple[int, int] | None:
    """The first and last index of the run with the greatest positive sum (None: no such run)."""
    best, found = 0.0, None
    total, start = 0.0, 0
    for i, value in enumerate(weights):
        if total <= 0:
            total, start = 0.0, i
        total += value
        if total > best:
            best, found = total, (start, i)
    return found


def header_start(lines: Sequence[Line], reasons: Sequence[str | None], first: int, top: int = 0) -> int:
    """The first line of the header above the core: up over a few lines that are not furniture
    (a byline or a repeated headline may be among them), stopping at a list or a menu, and at
    ``top`` (below prose left out of the core)."""
    start = first
    for i in range(first - 1, max(top - 1, first - 1 - MAX_HEADER_LINES), -1):
        if (reasons[i] is not None and reasons[i] not in HEADER_PASSES) or has_bullet(lines[i]):
            break
        start = i
    while start < first and reasons[start] is not None:  # the body opens on a line of its own
        start += 1
    return start


def closing_end(lines: Sequence[Line], reasons: Sequence[str | None], last: int) -> int:
    """The last line of the body: below the core the article goes on (a table, a list, a closing
    line) up to the first furniture that is more than a repeated line or a link."""
    for at in range(last + 1, len(lines)):
        if reasons[at] is None:
            last = at
        elif reasons[at] not in TAIL_PASSES:
            break
    return last


def skipped_ranges(body: Sequence[Line], reasons: Sequence[str | None]) -> tuple[tuple[int, int, str], ...]:
    """Runs of furniture lines with one reason, as (start, end, reason) character ranges."""
    ranges = []
    for reason, run in groupby(zip(body, reasons, strict=True), key=lambda pair: pair[1]):
        if reason is not None:
            run_lines = [line for line, _ in run]
            ranges.append((run_lines[0].start, run_lines[-1].end, reason))
    return tuple(ranges)


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
