"""The cue of a direct quote: one before it on its line (He added: “…”, said that ‘…’), one
governing it in the parse (which he said was “unrealistic”), or one after it in its sentence
(“…,” he said)."""

from __future__ import annotations

import re

from spacy.tokens import Span

from extract.stages.quotes.grammar import bare_label
from extract.stages.quotes.labels import not_its_content
from extract.stages.quotes.marks import Quotation
from extract.stages.quotes.reading import Reading, cue_verb

MAX_CUE_GAP = 6  # tokens between a quote and a cue before it ("said that", "told them,")
_STOP = re.compile(r"[.!?](?=\s|$)|[“‘«\"]")
_LAST_WORD = re.compile(r"(\w+)$")


def cue_of(reading: Reading, q: Quotation) -> Span | None:
    """The cue that attributes a quotation: before it, governing it, or after it, in that order."""
    return cue_before(reading, q) or cue_governing(reading, q) or cue_after(reading, q)


def cue_after(reading: Reading, q: Quotation) -> Span | None:
    line_end = reading.lines[reading.line_of(q.end)][1]
    following = reading.text[q.end : line_end]
    if "." in reading.text[q.content_end : q.end] and following.strip()[:1].isupper():
        return None  # “... Bread Before Bonuses.” She told ...: the quote ended its sentence (not “…?” Roe asked)
    stop = _sentence_stop(_without_nicknames(reading, q.end, following), reading.words["honorifics"])
    limit = q.end + (stop if stop is not None else len(following))
    for cue in reading.cues:
        if (
            q.end <= cue.start_char <= limit
            and not reading.in_direct(cue.start_char)
            and not reading.naming(cue)
            and _may_report(reading, q, cue)
        ):
            return cue
    return None


def _may_report(reading: Reading, q: Quotation, cue: Span) -> bool:
    """A quoted clause may be any cue's; a quoted phrase not one whose subject holds it or whose
    clause describes it ("Critics of the “backstop” argue", "“fudge,” which does not mean")."""
    inner = reading.span(q.content_start, q.content_end)
    return inner is None or not len(inner) or reading.is_clause(q) or not not_its_content(inner, cue_verb(cue))


def _without_nicknames(reading: Reading, start: int, text: str) -> str:
    """``text`` (from ``start``) with the marks of short quotations blanked: a nickname in a
    name ('Marcia “Cia” Price shouted') does not end the search for a cue."""
    chars = list(text)
    inside = (o for o in reading.quotations if start <= o.start and o.end <= start + len(text))
    for other in inside:
        if len(reading.text[other.start : other.end].split()) <= 2:
            chars[other.start - start] = chars[other.end - 1 - start] = " "
    return "".join(chars)


def cue_before(reading: Reading, q: Quotation) -> Span | None:
    line_start = reading.lines[reading.line_of(q.start)][0]
    best = None
    for cue in reading.cues:
        if (
            line_start <= cue.start_char
            and cue.end_char <= q.start
            and not reading.in_direct(cue.start_char)
            and not reading.naming(cue)
            and _leads_into(reading, cue, q)
            and not (best is not None and best.root.i in {a.i for a in cue.root.ancestors})
        ):
            best = cue  # the nearest, unless nested in the one before: "X said she recalled thinking, “…”"
    return best


def _leads_into(reading: Reading, cue: Span, q: Quotation) -> bool:
    """Only a few words between a cue and the quote after it, the last a colon, a comma or "that"."""
    gap = reading.span(cue.end_char, q.start) if cue.end_char < q.start else None
    gap_tokens = [t for t in gap if not t.is_space] if gap is not None else []
    return len(gap_tokens) <= MAX_CUE_GAP and (
        not gap_tokens or gap_tokens[-1].text in {":", ",", "that"} or gap_tokens[-1].lower_ == "that"
    )


def cue_governing(reading: Reading, q: Quotation) -> Span | None:
    inner = reading.span(q.content_start, q.content_end)
    if inner is None or not len(inner):
        return None
    ancestors = {a.i for a in inner.root.ancestors}
    sentence = inner.root.sent
    governing = [
        cue
        for cue in reading.cues
        if sentence.start <= cue.start < sentence.end
        and cue.root.i in ancestors
        and not reading.in_direct(cue.start_char)
        and not (reading.naming(cue) and bare_label(inner, cue))
        and _may_report(reading, q, cue)
    ]
    # the outermost speech cue ("Roe said she expects the party “to fight on”" is Roe's quote, not
    # "she"'s); a naming verb only when no speech cue governs ("called it, as he said, “unfair”")
    return min(governing, key=lambda cue: (reading.naming(cue), sum(1 for _ in cue.root.ancestors)), default=None)


def _sentence_stop(text: str, honorifics: frozenset[str]) -> int | None:
    """Where the sentence after a quote ends (or the next quote opens): a full stop after a title
    or an initial ("Mr.", "Sen.", "J.") does not end it."""
    for stop in _STOP.finditer(text):
        word = _LAST_WORD.search(text, 0, stop.start()) if stop.group() == "." else None
        if word is not None and (
            word.group().lower() in honorifics or (len(word.group()) == 1 and word.group().isupper())
        ):
            continue
        return stop.start()
    return None
