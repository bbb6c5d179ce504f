"""Which lines of a page are furniture, and why: the ``reason`` each skipped range carries.

Two kinds of evidence, neither tied to a site:

- words: ``FURNITURE`` rules (``patterns/furniture.jsonl``, user-editable) matched at the start
  of a short line; a rule that ends in ``{"ORTH": "\\n"}`` must match the whole line ("Comments"
  alone is a heading, "Comments from the minister ..." is not); an ``:opening`` rule matches the
  opening words of a line of any length (a disclaimer, a legal notice, a press release's
  safe-harbour paragraph), a ``:closing`` rule its last words (a caption's credit, "... (Image:
  Agency)"). A rule's id names its reason: ``furniture-share-prompt:buttons`` gives
  "share prompt";
- shape: menus of short items between separators, runs of one- or two-word items, short lines
  ending in an arrow, all-capitals lead-ins before a headline ("WATCH: Mayor opens bridge"),
  teasers cut off by the site ("... it wou...") or run into their headline ("... Sea WallThe board
  voted ..."), captions ending in a photo credit ("... on Monday. Jane Roe/Agency"), the
  headlines under a "Related stories" heading, and short lines the page repeats;
- layout: a page converted to text keeping its layout indents each block alike; a run of teasers
  (headline, byline or rank, summary) sits at indents the article's paragraphs do not
  (``teaser_lists``: the article ends there), or at any indent, with the same bar of buttons
  under each (``bar_separated``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

import spacy
from spacy.tokens import Span

from extract.document.lines import (
    MIN_PROSE_WORDS,
    MIN_RUN_ON_WORDS,
    Line,
    ends_sentence,
    has_bullet,
    is_data_line,
    unbulleted,
)
from extract.faster import SpanMatcher, rule_matcher
from extract.rules.loading import RuleSet

REPEATED = "repeated line"  # the reason of a line printed again: article text, read but never a claim
CAPTION = "caption"
MAX_FURNITURE_WORDS = 15
MAX_LABELLED_WORDS = 30  # "READ MORE: " and a long headline that does not end like a sentence
LABEL_RULE = ":label"  # the id suffix of rules that match a label before a colon
# the id suffixes of rules that match the opening words of a line of any length ("...:opening",
# or "...:name-opening" where one reason has several such rules)
OPENING_RULES = (":opening", "-opening")
# ... of rules that match the closing words of a line of any length (a caption's credit: "... (Image: Agency)")
CLOSING_RULES = (":closing", "-closing")
RULE_PREFIX = "furniture-"
BARRIERS = frozenset({"comments", "disclaimer"})  # the article never goes on past these (nor past the fine print)
MAX_MENU_ITEM_WORDS = 4
MIN_MENU_ITEMS = 3
MAX_NAV_ITEM_WORDS = 2
MIN_NAV_RUN = 4
MIN_GLUED_HEADLINE_WORDS = 4
MIN_GLUED_SUMMARY_WORDS = 8
MIN_TITLE_WORD_LETTERS = 5  # shorter words are often function words, in any language
MAX_LINK_WORDS = 8
MAX_LABEL_WORDS = 4
LIST_HEADINGS = frozenset({"related"})  # reasons of headings over a list of links
MAX_LIST_LINES = 12
MAX_LIST_ITEM_WORDS = 20  # a headline is shorter than this
MIN_SUMMARY_WORDS = 5  # a teaser's summary (or its headline, when it has none)
MAX_SUMMARY_WORDS = 60
MAX_RECORD_LINES = 3  # headline, byline, date above a teaser's summary
MIN_RECORDS = 3  # teasers in a list
BAR_REASONS = frozenset({REPEATED, "share prompt", "navigation"})  # a bar printed under each teaser
MAX_REPEAT_GAP = 3  # lines between a line and its repeat, for a sentence to count as printed twice
_FIGURE = re.compile(r"\d")
_ARROW_END = re.compile(r"(?:>|»|›|→)\s*$")
_SHORTCODE = re.compile(r"\s*\[/?[a-z_]+(?:[\s\]=]|$)")
_LEAD_IN = re.compile(r"\s*(?P<label>[A-Z][A-Z’'&]*(?: [A-Z][A-Z’'&]*)*)\s?:\s+(?P<rest>\S.*)$")
# "... the council said it wou... more >", "[…]": text cut off mid-word or by the site (an ellipsis
# after a space trails off on purpose: "Here is the thing …")
_CUT_OFF = re.compile(r"(?:(?<=\w)(?:\.\.\.|…)|\[(?:…|\.\.\.)\])\s*(?:[^\W\d_]+\s*)?[>»›]?\s*$")
# a word's last letters (four or more, or a figure, "?") run into a capitalised word: "SteakhouseThe party"
_GLUED = re.compile(r"(?:[a-z]{4}|[0-9?!])(?=[A-Z][a-z]+\s)")
_CAMEL = re.compile(r"[a-z0-9][A-Z]")
# words in double quote marks (single ones in a caption mostly name a team, a ship or a title)
_QUOTED = re.compile(r"[“\"][^“”\"]+[”\"]")
_SENTENCE_STOP = re.compile(r"[.!?][”’\"')\]]*\s*$")
# "... in Calgary on Monday. Jane Roe/Agency Name": a caption's closing photo credit
_CREDIT_END = re.compile(r"[.!?)]\s+(?:[A-Z][\w.’'-]*\s){0,3}[A-Z][\w.’'-]*\s?/\s?(?:[A-Z][\w.’'-]*\s?){1,5}\.?\s*$")


class FurnitureDetector:
    """Matches FURNITURE rules against the start of short lines; ``reason`` says which kind."""

    def __init__(self, rules: RuleSet):
        self.tokenizer = _blank_english().tokenizer
        self.matcher = rules.matcher(self.tokenizer.vocab, "FURNITURE")
        furniture = rules.with_label("FURNITURE")
        # a long line's opening words and last words meet only the rules for them: fewer to try
        self.opening = rule_matcher(self.tokenizer.vocab, [r for r in furniture if r.id.endswith(OPENING_RULES)])
        self.closing = rule_matcher(self.tokenizer.vocab, [r for r in furniture if r.id.endswith(CLOSING_RULES)])

    def __call__(self, line: Line) -> bool:
        return self.reason(line) is not None

    def reason(self, line: Line) -> str | None:
        """The reason of the longest rule match at the line's start (the most specific), or else
        of a closing rule's match at its end, or None.

        A line longer than furniture is matched by a label rule ("READ MORE: ...") only when it
        does not end like a sentence (the headline of a link, quoted or not, runs long), and by an
        opening rule (an author's bio: "Jo Writer is a reporter ...") whatever its length, on its
        first words; a closing rule (a caption's credit) matches the last words of any line."""
        long = len(line.words) > MAX_FURNITURE_WORDS
        if long and (len(line.words) > MAX_LABELLED_WORDS or ends_sentence(line)):
            opening = " ".join(unbulleted(line).split()[:MAX_FURNITURE_WORDS])
            closing = " ".join(line.text.split()[-MAX_FURNITURE_WORDS:]) + "\n"
            return _longest(self._spans(opening, self.opening), None) or _closing(self._spans(closing, self.closing))
        spans = self._spans(unbulleted(line) + "\n", self.matcher)  # a short line: one match for both ends
        return _longest(spans, (LABEL_RULE, *OPENING_RULES) if long else None) or _closing(spans)

    def _spans(self, text: str, matcher: SpanMatcher) -> list[Span]:
        return list(matcher(self.tokenizer(text)))


def _longest(spans: Sequence[Span], suffixes: tuple[str, ...] | None) -> str | None:
    """The reason of the longest match at the start of the text by rules whose id ends in one of
    ``suffixes`` (None: any rule)."""
    found = [span for span in spans if span.start == 0 and (suffixes is None or span.label_.endswith(suffixes))]
    return rule_reason(max(found, key=lambda span: span.end).label_) if found else None


def _closing(spans: Sequence[Span]) -> str | None:
    """The reason of a closing rule's match that runs to the end of the text."""
    found = [span for span in spans if span.end == len(span.doc) and span.label_.endswith(CLOSING_RULES)]
    return rule_reason(found[0].label_) if found else None


def rule_reason(rule_id: str) -> str:
    """``furniture-read-more-line:label`` -> "read more line"; another id stands as it is."""
    if not rule_id.startswith(RULE_PREFIX):
        return rule_id
    return rule_id[len(RULE_PREFIX) :].split(":")[0].replace("-", " ")


@lru_cache(maxsize=1)
def _blank_english() -> spacy.Language:
    return spacy.blank("en")


def line_reasons(lines: Sequence[Line], detector: FurnitureDetector) -> list[str | None]:
    """Each line's furniture reason (None: not furniture), from rules, its shape and its neighbours.
    A caption that quotes someone is kept: what it quotes is said, often in the standfirst's words."""
    reasons = [detector.reason(line) or shape_reason(line) for line in lines]
    reasons = [
        None if r == CAPTION and _QUOTED.search(line.text) else r for line, r in zip(lines, reasons, strict=True)
    ]
    for i in link_lists(lines, reasons):
        reasons[i] = reasons[i] or "related"
    for i in navigation_runs(lines):
        reasons[i] = reasons[i] or "navigation"
    for i in repeated(lines):
        reasons[i] = reasons[i] or REPEATED
    return reasons


def shape_reason(line: Line) -> str | None:
    """The reason a line is furniture by its shape alone."""
    if is_menu(line):
        return "navigation"
    if is_link(line):
        return "link line"
    if is_lead_in(line):
        return "read more line"
    if is_teaser(line) or is_glued_teaser(line):
        return "teaser"
    if _CREDIT_END.search(line.text):
        return CAPTION
    return None


def is_menu(line: Line) -> bool:
    """Short items between separators: "Home | News | Sport", "Home > World > Europe". A row framed
    by bars ("| Pos | Name | Points |") or whose cells are mostly figures ("3 | Jo Writer | 412 | 7")
    is a table's, the article's data."""
    text = line.text.strip()
    if (ends_sentence(line) and not text.endswith((">", "»"))) or (text.startswith("|") and text.endswith("|")):
        return False
    items = [item for item in re.split(r"\s[|»›>•·/]\s", f" {text} ") if item.strip()]
    figures = sum(bool(_FIGURE.search(item)) for item in items)
    return (
        len(items) >= MIN_MENU_ITEMS
        and all(len(item.split()) <= MAX_MENU_ITEM_WORDS for item in items)
        and figures * 2 < len(items)
    )


def is_link(line: Line) -> bool:
    """A short line ending in an arrow ("More videos >"), or a CMS shortcode left in the text. (A
    bare address may be the article's reference: it stays.)"""
    if _SHORTCODE.match(line.text):
        return True
    return len(line.words) <= MAX_LINK_WORDS and bool(_ARROW_END.search(line.text))


def is_teaser(line: Line) -> bool:
    """A summary cut off by the site ("The council said on Monday that it wou..."); a paragraph
    as long as the article's is the article's own, cut off by a paywall, and stays."""
    return line.size < MIN_RUN_ON_WORDS and bool(_CUT_OFF.search(line.text))


def is_glued_teaser(line: Line) -> bool:
    """A headline run into its summary where the page had them in two blocks: "Council Backs New
    Sea WallThe harbour board voted on Tuesday to build it." The headline is title case; the
    summary, a sentence of some length."""
    junction = _GLUED.search(line.text)  # the first: a name the page prints twice may run into itself further on
    if junction is None:
        return False
    head, summary = line.text[: junction.end()].split(), line.text[junction.end() :].split()
    longer = [w for w in head if len(w) >= MIN_TITLE_WORD_LETTERS]
    return (
        len(head) >= MIN_GLUED_HEADLINE_WORDS
        and len(longer) >= 2
        and all(w[0].isupper() or not w[0].isalpha() for w in longer)
        and not any(_CAMEL.search(w) for w in head[:-1])  # a form run together ("Age: 27City: Rome") is no headline
        and len(summary) >= MIN_GLUED_SUMMARY_WORDS
        and ends_sentence(line)
    )


def is_lead_in(line: Line) -> bool:
    """A label in capitals, a colon and a headline: "WATCH: Mayor opens the new bridge".

    A label before a sentence ("FED TALK: Rates held steady on Wednesday.") is a paragraph of a
    round-up, and a label before a quote is a speaker: both stay.
    """
    found = _LEAD_IN.match(line.text)
    if found is None or len(found["label"].split()) > MAX_LABEL_WORDS or len(found["label"]) < 2:
        return False
    rest = found["rest"].strip()
    return len(rest.split()) >= 2 and not _SENTENCE_STOP.search(rest) and rest[0] not in "\"“‘'"


def link_lists(lines: Sequence[Line], reasons: Sequence[str | None]) -> list[int]:
    """The headlines under a "Related stories" heading (not a menu's "* Related"): lines short of
    a paragraph that do not end like a sentence (a bulleted one may: "* Is the pier safe?"), up to
    the first that is not one."""
    found = []
    for i, reason in enumerate(reasons):
        if reason not in LIST_HEADINGS or has_bullet(lines[i]):
            continue
        for j in range(i + 1, min(len(lines), i + 1 + MAX_LIST_LINES)):
            ends = ends_sentence(lines[j]) and not is_teaser(lines[j]) and not has_bullet(lines[j])
            if lines[j].size >= MAX_LIST_ITEM_WORDS or ends:
                break
            found.append(j)
    return found


def indent(line: Line) -> int:
    """The spaces before the line's text: a layout-keeping converter indents each block of a page alike."""
    return len(line.text) - len(line.text.lstrip())


def main_indent(lines: Sequence[Line]) -> int | None:
    """The indent of the page's longest chain of sentences one under the other (by words): where its
    article sits. A list of teasers may hold more words, but a headline or a byline breaks its chain,
    and a list's items are no paragraphs."""
    best, found = 0, None
    chain, at = 0, None
    for line in lines:
        if line.size >= MIN_PROSE_WORDS and ends_sentence(line) and not has_bullet(line):
            chain = chain + line.size if indent(line) == at else line.size
            at = indent(line)
            if chain > best:
                best, found = chain, at
        else:
            chain, at = 0, None
    return found


def teaser_lists(lines: Sequence[Line]) -> list[int]:
    """Lines of a list of teasers: a run of records (a headline, a byline, a rank or a date above a
    summary), each summary at one indent, each record with a short line at another indent, and no
    line at the indent of the page's sentences (the article). A text without indents has none."""
    main = main_indent(lines)
    summaries: dict[int, list[int]] = {}
    for i, line in enumerate(lines):
        if MIN_SUMMARY_WORDS <= line.size <= MAX_SUMMARY_WORDS and indent(line) != main:
            summaries.setdefault(indent(line), []).append(i)
    found: list[int] = []
    for at, places in summaries.items():
        run: list[int] = []
        records = 0
        for before, i in zip([None, *places[:-1]], places, strict=True):
            start = record_start(lines, i, before, (at, main))
            if is_record(lines[start:i], at, main):
                if records and before is not None:
                    run += range(start, i + 1)
                    records += 1
                    continue
                found += run if records >= MIN_RECORDS else []
                run, records = list(range(start, i + 1)), 1
            else:
                found += run if records >= MIN_RECORDS else []
                run, records = [], 0
        found += run if records >= MIN_RECORDS else []
    return sorted(set(found))


def bar_separated(lines: Sequence[Line], reasons: Sequence[str | None]) -> list[int]:
    """Lines of a list of teasers told apart by a bar the page prints under each (share buttons, a
    menu), at any indent: the same such line every other line, with at least ``MIN_RECORDS`` lines
    that are not furniture between them; the bars, those lines and the one after the last bar.
    An advertisement between every two paragraphs is no bar (the article goes on around it)."""
    found: list[int] = []
    i = 0
    while i < len(lines):
        last = i
        while (
            reasons[i] in BAR_REASONS
            and last + 2 < len(lines)
            and lines[last + 2].key == lines[i].key
            and reasons[last + 1] is None
        ):
            last += 2
        if (last - i) // 2 >= MIN_RECORDS:
            after = last + 1 < len(lines) and reasons[last + 1] is None
            found += range(i, last + 1 + after)
            i = last + 1
        else:
            i += 1
    return found


def record_start(lines: Sequence[Line], summary: int, before: int | None, stops: tuple[int, int | None]) -> int:
    """The first line of a summary's record: the line after the summary before it, or for the first
    record the few lines above it up to one at the summaries' or the article's indent."""
    if before is not None:
        return before + 1
    start = summary
    while start > 0 and summary - start < MAX_RECORD_LINES and indent(lines[start - 1]) not in stops:
        start -= 1
    return start


def is_record(heads: Sequence[Line], at: int, main: int | None) -> bool:
    """The lines above a summary make a teaser's record: a few, one of them short and at another
    indent (a headline, a rank), none at the article's indent."""
    return (
        0 < len(heads) <= MAX_RECORD_LINES
        and any(indent(h) != at and h.size < MAX_LIST_ITEM_WORDS for h in heads)
        and all(indent(h) != main for h in heads)
    )


def navigation_runs(lines: Sequence[Line]) -> list[int]:
    """Lines in runs of short items with no sentence: a menu, share buttons, a tag list."""
    found: list[int] = []
    run: list[int] = []
    for i, line in enumerate([*lines, None]):
        if line is not None and is_nav_item(line):
            run.append(i)
            continue
        if len(run) >= MIN_NAV_RUN:
            found += run
        run = []
    return found


def is_nav_item(line: Line) -> bool:
    """A word or two, not a sentence and with no figure (a table row has one): "Sport", "* Bike parts"."""
    return len(line.words) <= MAX_NAV_ITEM_WORDS and not ends_sentence(line) and not _FIGURE.search(line.text)


def repeated(lines: Sequence[Line]) -> list[int]:
    """Short headings the page prints more than once ("Advertisement", "Share"); a paragraph
    printed twice is a matter for the body (``repeats_in``), and a list item printed again is a
    list's content (a feature each product in a listing has), not a heading."""
    counts = Counter(line.key for line in lines)
    return [i for i, line in enumerate(lines) if is_heading(line) and counts[line.key] > 1]


def is_heading(line: Line) -> bool:
    """A short line that does not end like a sentence; a list item is not a heading, nor is a
    table's row (a figure in it: "Week 2 / Rest day"), which a schedule prints again and again."""
    return line.size < MIN_PROSE_WORDS and not ends_sentence(line) and not (has_bullet(line) or is_data_line(line))


def repeats_in(body: Sequence[Line]) -> list[int]:
    """Lines of the body it has just printed (a title block given twice) and headings it has
    printed before; a sentence printed again further down (an interview's recurring question)
    stays."""
    last_seen: dict[str, int] = {}
    found = []
    for i, line in enumerate(body):
        if line.key in last_seen and (is_heading(line) or i - last_seen[line.key] <= MAX_REPEAT_GAP):
            found.append(i)
        last_seen[line.key] = i
    return found
