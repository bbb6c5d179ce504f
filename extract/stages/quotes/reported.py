"""Reported speech: the clause a cue verb reports (``clauses``), and lists and blocks introduced
by a cue and a colon. Quote marks inside a reported clause make it a mixed quote."""

from __future__ import annotations

import re

from spacy.tokens import Span

from extract.stages.quotes.clauses import COVERED, named_as, reported_clause
from extract.stages.quotes.marks import TRAILING
from extract.stages.quotes.quote import Quote
from extract.stages.quotes.reading import Reading
from extract.stages.quotes.sources import speaker_of

BULLET = re.compile(r"^\s*(?:[•\-*–·▪●]|\(?\d{1,2}[.)]?(?=\s))\s*")
FIRST_PERSON_WORDS = re.compile(r"\b(?:I|we|We|our|Our|us|my|My)\b")
BLOCK_LINES = 12  # lines after a cue a block of what it reports may run to


def reported_speech(reading: Reading, direct: list[Quote]) -> list[Quote]:
    """The reported speech of every cue outside quote marks; the direct quotes a reported quote
    takes in as fragments are removed from ``direct``."""
    found: list[Quote] = []
    for cue in reading.cues:
        if reading.in_direct(cue.start_char):
            continue
        naming = reading.naming(cue)
        clause = named_as(reading, cue) if naming else reported_clause(reading, cue)
        if clause is None:
            if not naming:  # "called it" opens no block
                taken = {(q.start, q.end) for q in found}  # two cues of one line ("Responding ..., X said:")
                found.extend(q for q in block_after(reading, cue, direct) if (q.start, q.end) not in taken)
            continue
        quote = _reported(reading, cue, clause, direct)
        if quote is not None:
            found.append(quote)
    # nested reported speech ("It showed 55 of 56 respondents said ...") belongs to the outer one
    return [q for q in found if not any(o is not q and o.start <= q.cue.start_char < o.end for o in found)]


def _reported(reading: Reading, cue: Span, clause: tuple[int, int], direct: list[Quote]) -> Quote | None:
    """The reported quote of a cue's clause, unless quote marks cover it (a direct quote) or it
    relays somebody else's quote."""
    start, end = clause
    # a quotation whose words end the clause, or go on past where the parse ended it, ends it with
    # its closing mark ("act as a “mediator.”", "saying it is “late, far too late. Late.”")
    end = max([end] + [q.end for q in reading.quotations if start <= q.start < end and q.content_end >= end])
    # and one whose words open it begins it with its opening mark ("that “the plan failed” in May")
    start = min([start] + [q.start for q in reading.quotations if q.content_start == start and q.end <= end])
    inside = [d for d in direct if d.start < end and start < d.end]
    end = max([end] + [d.end for d in inside if d.cue == cue])  # "X said she recalled thinking, “…”" whole
    if any(d.own_cue and (min(end, d.end) - max(start, d.start)) >= COVERED * (end - start) for d in inside):
        return None  # the quote marks cover the reported clause: it is a direct quote
    marked = any(start <= q.start and q.end <= end for q in reading.quotations)  # quoted words: any noun's
    speaker = speaker_of(reading, cue, quoted=marked)
    if speaker is None:
        return None
    if any(
        d.own_cue
        and d.cue is not None
        and start <= d.cue.start_char < end
        and d.speaker is not None
        and (d.speaker.name != speaker.name or _tells_own_quote(reading, cue, d.cue, end))
        for d in inside
    ):
        return None  # the clause relays somebody else's quote, or tells of its own
    kind = "mixed" if inside or marked else "indirect"
    quote = Quote(
        start, end, start, end, kind, cue.label_, cue, reading.cue_text(cue), speaker, line=reading.line_of(start)
    )
    for d in inside:  # the fragments are part of the mixed quote now
        if d.cue is None or d.cue == cue or not d.own_cue:
            direct.remove(d)
    return quote


def _tells_own_quote(reading: Reading, cue: Span, inner: Span, end: int) -> bool:
    """ "Roe scolded him: “…,” she said": the clause before a cue tells of its own quote with a
    verb of speaking; it is no report of the cue after it."""
    return inner != cue and cue.start_char >= end and reading.cue_kind(inner) == "speech"


def block_after(reading: Reading, cue: Span, direct: list[Quote]) -> list[Quote]:
    """ "He outlined the following problems:" + bullets; "NHS Guidance stated" + paragraphs."""
    line = reading.line_of(cue.start_char)
    s, e = reading.lines[line]
    rest = reading.text[cue.end_char : e].strip()
    if not (rest.endswith(":") or rest == ""):
        return []
    if rest == "" and reading.text[s:e].rstrip().endswith((".", "?", "!")):
        return []
    items = _block_items(reading, line, direct)
    if not items:
        return []
    speaker = speaker_of(reading, cue)
    if speaker is None:
        return []
    texts = [reading.text[a:b] for a, b in items]
    kind = "direct" if any(FIRST_PERSON_WORDS.search(t) for t in texts) else "indirect"
    out = []
    for a, b in items:
        inside = [d for d in direct if a <= d.start and d.end <= b + 2]
        item_kind = "mixed" if kind == "indirect" and inside else kind
        for d in inside:
            direct.remove(d)
        out.append(
            Quote(a, b, a, b, item_kind, cue.label_, cue, reading.cue_text(cue), speaker, line=reading.line_of(a))
        )
    return out


def _block_items(reading: Reading, line: int, direct: list[Quote]) -> list[tuple[int, int]]:
    """The lines after a cue's line that it introduces: bullets, or paragraphs of full sentences
    that hold no quote of their own."""
    items: list[tuple[int, int]] = []
    bulleted = False
    for nxt in range(line + 1, min(len(reading.lines), line + BLOCK_LINES)):
        ls, le = reading.lines[nxt]
        text = reading.text[ls:le]
        if not text.strip():
            continue
        marker = BULLET.match(text)
        if items and bulleted and not marker:
            break
        if not items:
            bulleted = bool(marker)
        if not bulleted and (_too_short(text) or any(q.start >= ls and q.end <= le and q.own_cue for q in direct)):
            break
        start = ls + (marker.end() if marker else 0)
        while start < le and reading.text[start].isspace():
            start += 1
        end = le
        while end > start and reading.text[end - 1] in TRAILING:
            end -= 1
        items.append((start, end))
    return items


def _too_short(text: str) -> bool:
    """A line too short to be a paragraph of what a cue reports (a heading, a caption)."""
    return len(text.split()) < 8 or (text.rstrip()[-1:] not in {".", "”", "’", '"'} and len(text.split()) < 15)
