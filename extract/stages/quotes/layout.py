"""Quotes that page layout attributes: a line "Name: what they said", a quotation signed with a
dash ("“…” ― Name"), introduced by a name and a colon ("Name, Outlet: “…”") or by a clause about
a person and a colon ("Roe sounded upbeat: “…”"), a headline quote that takes the speaker of
the body quote repeating its words, and a pull quote: a paragraph in quote marks that prints
again the author's own words from the body, which is nobody's speech."""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Token

from extract.stages.quotes.marks import Quotation
from extract.stages.quotes.quote import Quote
from extract.stages.quotes.reading import Reading
from extract.stages.speakers import Speaker, can_speak, is_author_voice, resolve

MIN_PULL_QUOTE_WORDS = 8  # a shorter phrase may be written twice by chance
MAX_TITLE_WORDS = 15  # a longer line without a full stop is a sentence cut short, not a title
_MARKS = str.maketrans({mark: '"' for mark in "“”‘’«»'"})


def pull_quote(reading: Reading, q: Quotation, line: int) -> bool:
    """A quotation that is its whole paragraph and repeats, word for word (whatever the marks),
    a sentence the author wrote outside quote marks in a paragraph elsewhere in the article."""
    s, e = reading.lines[line]
    content = reading.text[q.content_start : q.content_end]
    if (
        reading.text[s:e].strip() != reading.text[q.start : q.end].strip()
        or len(content.split()) < MIN_PULL_QUOTE_WORDS
    ):
        return False
    text, needle = reading.text.translate(_MARKS), content.translate(_MARKS)
    at = text.find(needle)
    while at != -1:
        if not q.start <= at < q.end and not reading.in_direct(at) and _in_running_text(reading, at, len(needle)):
            return True
        at = text.find(needle, at + 1)
    return False


def _in_running_text(reading: Reading, at: int, size: int) -> bool:
    """The copy stands in a paragraph of the author's prose, other sentences around it (a line of
    its own is a crosshead, or an embedded post, printing a quote the body gives)."""
    s, e = reading.lines[reading.line_of(at)]
    others = reading.text[s:at] + " " + reading.text[at + size : e]
    return len(others.split()) >= MIN_PULL_QUOTE_WORDS


# A short line opening with a name and a colon: "Betts: STPs will only work if ...".
NAME_COLON = re.compile(r"(?P<name>(?:[A-Z][\w’'-]+ ){0,2}[A-Z][\w’'-]+)\s*:\s+(?P<claim>[A-Za-z\"“‘'].{10,160})$")


def name_colon_lines(reading: Reading, found: list[Quote]) -> list[Quote]:
    """Headline style "Betts: STPs will only work if all players are involved": a person the
    article names, a colon, and what they said (reported speech, cue ":")."""
    out = []
    for number, (s, e) in enumerate(reading.lines):
        match = NAME_COLON.match(reading.text[s:e])
        if match is None or not reading.book.knows(match.group("name")) or any(s <= q.start < e for q in found):
            continue
        name = reading.span(s + match.start("name"), s + match.end("name"))
        colon = reading.span(s + match.end("name"), s + match.start("claim"))
        start, end = s + match.start("claim"), s + len(reading.text[s:e].rstrip(" .\t"))
        if name is None or colon is None or end <= start:
            continue
        speaker = resolve(name[-1], reading.book)
        out.append(
            Quote(
                start,
                end,
                start,
                end,
                "indirect",
                "quote-name-colon",
                colon,
                ":",
                Speaker(speaker.name, name, speaker.role, speaker.org),
                own_cue=False,
                line=number,
            )
        )
    return out


def signed_posts(reading: Reading, found: list[Quote]) -> list[Quote]:
    """An embedded post printed as a paragraph without quote marks and signed the way post embeds
    sign it ("… pic.twitter.com/x — Port Authority (@portauth) May 3, 2021"): the signer's words,
    up to the links and tags before the signature (reported speech, cue "—")."""
    out = []
    for number, (s, e) in enumerate(reading.lines):
        match = SIGNED_POST.match(reading.text[s:e])
        if match is None or any(s <= q.start < e for q in [*found, *reading.quotations]):
            continue
        name = reading.span(s + match.start("name"), s + match.end("name"))
        start, end = s + match.start("said"), s + match.end("said")
        if name is None or not len(name) or name[-1].pos_ != "PROPN" or len(match.group("said").split()) < 4:
            continue
        signer = replace(resolve(name[-1], reading.book), mention=name)
        out.append(Quote(start, end, start, end, "indirect", "quote-signed-post", None, "—", signer, False, number))
    return out


# what a post says, its trailing tags and links, and its signature set off by spaces (a dash glued
# to a link is the link's): — Name (@handle) May 3, 2021
SIGNED_POST = re.compile(
    r"^\s*(?P<said>\S.*?\S)\.?(?:\s*(?:#\w+|\S*pic\.twitter\.com/\S*|\S*https?://\S*))*"
    r"\s+[―—–]\s+(?P<name>[A-Z][^()\n]{0,60}?)\s*\(@\w+\)\s+[A-Z][a-z]+\.? \d{1,2}, \d{4}\.?\s*$"
)

# “…” ― Carla Sanchez.  /  “…” - Jane Smith, teacher
SIGNED = re.compile(r"\s*[―—–~-]+\s*(?P<name>[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,4})\s*(?:,[^“”\"]{0,80})?[.\s]*$")
# Clinton: “…”  /  Jane Smith, a nurse from Ohio: “…”
INTRODUCED = re.compile(r"^\s*(?P<name>[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3})\s*(?:,[^:“”\"]{1,80})?:\s*$")


def line_attribution(reading: Reading, q: Quotation, line: int) -> Quote | None:
    """A quotation whose line names its speaker with no cue verb: signed after it with a dash, or
    introduced before it by a name and a colon. The name must read as a person's or an
    organisation's (a proper noun), not a heading."""
    start, end = reading.lines[line]
    for pattern, text, offset in (
        (SIGNED, reading.text[q.end : end], q.end),
        (INTRODUCED, reading.text[start : q.start], start),
    ):
        found = pattern.match(text)
        if found is None:
            continue
        written = found.group("name").rstrip(".")  # the full stop after a name ends the line
        name = reading.span(offset + found.start("name"), offset + found.start("name") + len(written))
        if name is None or not len(name) or name[-1].pos_ != "PROPN":
            continue
        speaker = resolve(name[-1], reading.book)
        mark = "―" if pattern is SIGNED else ":"
        return Quote.direct(
            q, "quote-line-attribution", None, mark, Speaker(speaker.name, name, speaker.role, speaker.org), line=line
        )
    return colon_clause(reading, q, line)


def colon_clause(reading: Reading, q: Quotation, line: int) -> Quote | None:
    """A quotation after a colon that ends a clause about a source, on its line or the line before,
    with no cue verb: "Overall, Roe sounded upbeat: “…”", "The piece used her words as its
    headline: “…”". The clause's subject speaks."""
    start, _ = reading.lines[line]
    if not reading.text[start : q.start].strip() and line > 0:  # "X made the following comment:\n\n“…”"
        start = reading.lines[line - 1][0]
    before = reading.text[start : q.start].rstrip()
    colon = reading.span(start + len(before) - 1, start + len(before)) if before.endswith(":") else None
    if colon is None or not len(colon):
        return None
    root = _clause_before(colon[0])
    subject = next((c for c in root.children if c.dep_ == "nsubj" and not reading.in_direct(c.idx)), None)
    if (
        subject is None
        or is_author_voice(subject, reading.words)
        or not (can_speak(subject, reading.words) or reading.book.knows(subject.text))
    ):
        return None
    speaker = resolve(subject, reading.book)
    cue = next((c for c in reading.cues if c.root.i == root.i), None)  # "Jo Roe said:" a paragraph before
    if cue is not None:
        return Quote.direct(q, cue.label_, cue, reading.cue_text(cue), speaker, line=line)
    return Quote.direct(q, "quote-colon-clause", None, ":", speaker, line=line)


def _clause_before(colon: Token) -> Token:
    """The verb of the clause a colon ends: its sentence's root, unless the parser made the quote
    after it the root ("Roe went further: “They will lose”"), then the top verb before the colon."""
    sent = colon.sent
    root = sent.root
    if root.i < colon.i:
        return root
    before = range(sent.start, colon.i)
    tops = [t for t in sent if t.i in before and t.head.i not in before and t.pos_ in {"VERB", "AUX"}]
    return tops[0] if tops else root


# "PENCE: Well, look, ..." / "Q: ..." at the start of a quoted transcript paragraph.
TRANSCRIPT_LABEL = re.compile(r"(?P<name>[A-Z][A-Z’'.-]+(?: [A-Z][A-Z’'.-]+){0,2}):\s")


def transcript_line(reading: Reading, q: Quotation, line: int) -> Quote | None:
    """A quoted paragraph of a transcript, opening with its speaker's name in capitals and a
    colon: the name speaks ("PENCE" is the Mike Pence the article names), cue ":"."""
    found = TRANSCRIPT_LABEL.match(reading.text, q.content_start)
    if found is None:
        return None
    name = reading.span(found.start("name"), found.end("name"))
    if name is None or not len(name):
        return None
    written = found.group("name").title()
    canonical = reading.book.canonical(written, q.start) if reading.book.knows(written) else written
    person = reading.book.people.get(canonical)
    speaker = Speaker(canonical, name, person.role if person else None, person.org if person else None)
    quote = Quote.direct(q, "quote-transcript", None, ":", speaker, line=line)
    quote.content_start = found.end()  # what was said, without the label
    return quote


def headline_speakers(reading: Reading, quotes: list[Quote]) -> list[Quote]:
    """The quotes, each headline quote with no speaker given the speaker of the body quote that
    repeats its words (at least half of them); a quote closing a longer title line ("Profits
    Collapse, And ‘It’s Not Over’") is a headline quote too."""
    text, out = reading.text, []
    for quote in quotes:
        words = _content_words(text[quote.content_start : quote.content_end])
        headline = quote.rule == "quote-headline" or _on_title_line(reading, quote)
        if not headline or (quote.speaker and quote.speaker.name) or not words:
            out.append(quote)
            continue
        best, score = None, 0.0
        for other in quotes:
            if other is quote or other.rule == "quote-headline" or not (other.speaker and other.speaker.name):
                continue
            overlap = len(words & _content_words(text[other.content_start : other.content_end])) / len(words)
            if overlap > score:
                best, score = other, overlap
        if best is not None and score >= 0.5:
            mention = quote.speaker.mention if quote.speaker else None
            quote = replace(quote, speaker=Speaker(best.speaker.name, mention, best.speaker.role, best.speaker.org))
        out.append(quote)
    return out


def _on_title_line(reading: Reading, quote: Quote) -> bool:
    """A quote on a short line with no closing full stop, a title rather than a sentence."""
    start, end = reading.lines[reading.line_of(quote.start)]
    line = reading.text[start:end].strip().rstrip("“”‘’\"'» ")
    return 0 < len(line.split()) <= MAX_TITLE_WORDS and not line.endswith((".", "!", "?", ":", ","))


def _content_words(text: str) -> set[str]:
    return {w.lower().replace("’", "'") for w in re.findall(r"[A-Za-z][A-Za-z’'-]+", text) if len(w) > 3}
