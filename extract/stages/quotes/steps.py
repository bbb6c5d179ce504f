"""Quote attribution as a chain of small steps, in the order the component's ``steps`` setting
gives. Each step is asked, given a quotation and what is known (the document's ``Reading``
and the quotes attributed before it), to attribute it (a ``Quote``), to pass (None), or to
say it is no quote at all (``REFUSED``); the first answer stands, and a quotation every step
passes is no quote.

The shipped order (``DEFAULT_STEPS``):

1. ``nickname``: one or two quoted words inside a name (Dana “Dee” Whitlock) are no quote;
   ``label``: nor is the title of a work (CBC's “Morning Desk”) or a quoted noun modifying a noun;
   ``pull_quote``: nor a paragraph in quote marks that prints again the author's words from the body;
2. ``transcript``: a paragraph opening "PENCE: ..." is the named person's;
3. ``cue``: a cue before it, governing it in the parse, or after it in its sentence;
4. ``layout``: a name signing it with a dash or introducing it with a colon, or a clause and a colon;
5. ``same_line``: a later quotation of a line continues the quote before it ("..., he added, “…”");
6. ``continuation``: a paragraph opening with a quote mark continues the previous paragraph's quote;
7. ``headline``: a headline or crosshead quote (its speaker comes from the body quote it repeats);
8. ``clause``: a quoted clause with no cue is speech by whoever spoke just before.

Reported speech, "Name: claim" lines and headline speakers are read after the chain, over the
whole document (``quotes_of``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from extract.stages.quotes.cues import cue_of
from extract.stages.quotes.grammar import nickname
from extract.stages.quotes.inherit import (
    narrated_speaker,
    nearest_mention,
    previous_paragraph_quote,
    recent_speaker,
    sentence_subject,
)
from extract.stages.quotes.labels import is_label
from extract.stages.quotes.layout import (
    headline_speakers,
    line_attribution,
    name_colon_lines,
    pull_quote,
    signed_posts,
    transcript_line,
)
from extract.stages.quotes.marks import Quotation
from extract.stages.quotes.quote import REFUSED, Quote, Refused
from extract.stages.quotes.reading import Reading, cue_verb
from extract.stages.quotes.reported import reported_speech
from extract.stages.quotes.sources import resolve_named_sources, speaker_of
from extract.stages.speakers import NameBook, Speaker
from extract.stages.speakers.forms import joined_forms


@dataclass(frozen=True)
class Candidate:
    """A quotation to attribute, the line it is on, and the quotes attributed before it by line."""

    quotation: Quotation
    line: int
    at_line_start: bool
    by_line: dict[int, list[Quote]]


MAX_TERM_WORDS = 2  # a quoted term in the narration ("deemed “independent”") is no more speech
Step = Callable[[Reading, Candidate], "Quote | Refused | None"]
STEPS: dict[str, Step] = {}


def step(name: str) -> Callable[[Step], Step]:
    """Register an attribution step under the name the ``steps`` setting calls it by."""

    def register(function: Step) -> Step:
        STEPS[name] = function
        return function

    return register


def chain(names: Sequence[str]) -> tuple[Step, ...]:
    """The registered steps of these names, in this order; a ``ValueError`` naming an unknown one."""
    unknown = [name for name in names if name not in STEPS]
    if unknown:
        raise ValueError(f"unknown quote attribution step(s) {unknown}: the steps setting takes {sorted(STEPS)}")
    return tuple(STEPS[name] for name in names)


@step("nickname")
def nickname_step(reading: Reading, c: Candidate) -> Refused | None:
    return REFUSED if nickname(reading.text, c.quotation) else None


@step("label")
def label_step(reading: Reading, c: Candidate) -> Refused | None:
    inner = reading.span(c.quotation.content_start, c.quotation.content_end)
    return REFUSED if inner is not None and len(inner) and is_label(inner) else None


@step("pull_quote")
def pull_quote_step(reading: Reading, c: Candidate) -> Refused | None:
    return REFUSED if c.at_line_start and pull_quote(reading, c.quotation, c.line) else None


@step("transcript")
def transcript_step(reading: Reading, c: Candidate) -> Quote | None:
    return transcript_line(reading, c.quotation, c.line) if c.at_line_start else None


@step("cue")
def cue_step(reading: Reading, c: Candidate) -> Quote | Refused | None:
    """A cue's source speaks; a cue with no usable source (author voice) leaves no quote. A
    headline quote whose source is a common noun ("Minister says ...") keeps only the mention."""
    q = c.quotation
    cue = cue_of(reading, q)
    if cue is None:
        return None
    speaker = speaker_of(reading, cue, q.end, quoted=not _term(reading, q))
    if speaker is None:
        return REFUSED
    if reading.is_headline(q) and speaker.mention is not None and speaker.mention.root.pos_ == "NOUN":
        headline = Speaker(None, speaker.mention)
        return Quote.direct(q, "quote-headline", cue, reading.cue_text(cue), headline, line=c.line, own_cue=False)
    return Quote.direct(q, cue.label_, cue, reading.cue_text(cue), speaker, line=c.line)


def _term(reading: Reading, q: Quotation) -> bool:
    """One or two quoted words with no verb: a term ("A “renoviction” is when a landlord tells ..."),
    not words somebody said ("Prove it!")."""
    inner = reading.span(q.content_start, q.content_end)
    words = [t for t in inner if t.is_alpha] if inner is not None else []
    return len(words) <= MAX_TERM_WORDS and not any(t.pos_ in {"VERB", "AUX"} for t in words)


@step("layout")
def layout_step(reading: Reading, c: Candidate) -> Quote | None:
    return line_attribution(reading, c.quotation, c.line)


@step("same_line")
def same_line_step(reading: Reading, c: Candidate) -> Quote | None:
    """ "What is certain," he added, "is that ...": the quote before it on its line speaks on."""
    earlier = c.by_line.get(c.line, [])
    if not earlier or c.at_line_start:
        return None
    prev = earlier[-1]
    if _narrated_term(reading, c.quotation, prev):
        return None
    narrated = narrated_speaker(reading, prev, c.quotation.start)
    if narrated is not None:  # “…,” says Roe. Doe did not hesitate. “…”: Doe's
        return Quote.direct(c.quotation, "quote-uncued-clause", None, None, narrated, line=c.line, own_cue=False)
    return Quote.direct(c.quotation, prev.rule, prev.cue, prev.cue_text, prev.speaker, line=c.line)


def _narrated_term(reading: Reading, q: Quotation, prev: Quote) -> bool:
    """One or two quoted words in a later sentence than the quote before, governed by a word of the
    narration ("... it said. Its directors were deemed “independent”"): a term, not more speech."""
    inner = reading.span(q.content_start, q.content_end)
    words = [t for t in inner if t.is_alpha] if inner is not None else []
    if not 0 < len(words) <= MAX_TERM_WORDS or any(t.pos_ == "PRON" for t in words):
        return False  # “I … I …” is somebody stammering
    head = inner.root.head
    before = reading.span(prev.content_start, prev.content_end)
    later_sentence = before is not None and len(before) > 0 and before[-1].sent.start < inner.root.sent.start
    return (
        later_sentence
        and not inner.start <= head.i < inner.end
        and (prev.cue is None or head.i != cue_verb(prev.cue).i)
    )


@step("continuation")
def continuation_step(reading: Reading, c: Candidate) -> Quote | None:
    """ "..., Clinton restricted ..." then a paragraph opening “…: the previous paragraph's quote goes on."""
    if not c.at_line_start or c.line <= 0:
        return None
    prev = previous_paragraph_quote(c.line, c.by_line)
    if prev is None or reading.is_headline(c.quotation):
        return None
    speaker = nearest_mention(reading, prev.speaker, c.quotation.start)
    return Quote.direct(c.quotation, "quote-continuation", prev.cue, prev.cue_text, speaker, line=c.line, own_cue=False)


@step("headline")
def headline_step(reading: Reading, c: Candidate) -> Quote | None:
    if not reading.is_headline(c.quotation):
        return None
    return Quote.direct(c.quotation, "quote-headline", None, None, Speaker(None, None), line=c.line, own_cue=False)


@step("clause")
def clause_step(reading: Reading, c: Candidate) -> Quote | None:
    """A quoted clause with no cue: speech by the subject of the sentence it is written in, else by
    whoever spoke last, at their nearest mention."""
    q = c.quotation
    if not reading.is_clause(q):
        return None
    source = sentence_subject(reading, q)
    if source is None:
        source = nearest_mention(reading, recent_speaker(reading, c.line, c.by_line, q.start), q.start)
    return Quote.direct(q, "quote-uncued-clause", None, None, source, line=c.line, own_cue=False)


DEFAULT_STEPS = [
    "nickname",
    "label",
    "pull_quote",
    "transcript",
    "cue",
    "layout",
    "same_line",
    "continuation",
    "headline",
    "clause",
]


def attribute(reading: Reading, candidate: Candidate, steps: Sequence[Step]) -> Quote | None:
    """The first answer of the steps: a quote, or None when one refuses or all pass."""
    for attribution in steps:
        found = attribution(reading, candidate)
        if found is not None:
            return None if found is REFUSED else found
    return None


def quotes_of(reading: Reading, steps: Sequence[Step]) -> list[Quote]:
    """Every quote of the document, direct then reported, in text order."""
    resolve_named_sources(reading)
    quotes: list[Quote] = []
    by_line: dict[int, list[Quote]] = {}
    for q in reading.quotations:
        line = reading.line_of(q.start)
        at_line_start = not reading.text[reading.lines[line][0] : q.start].strip()
        quote = attribute(reading, Candidate(q, line, at_line_start, by_line), steps)
        if quote is not None:
            quotes.append(quote)
            by_line.setdefault(quote.line, []).append(quote)
    quotes.extend(reported_speech(reading, quotes))
    quotes.extend(name_colon_lines(reading, quotes))
    quotes.extend(signed_posts(reading, quotes))
    quotes = [_spelled_out(reading.book, quote) for quote in headline_speakers(reading, quotes)]
    return sorted(_long_forms(reading.book, quotes), key=lambda x: (x.start, x.end))


def _long_forms(book: NameBook, quotes: list[Quote]) -> list[Quote]:
    """Every quote of one person or organisation under the fullest name the document gives."""
    joined = joined_forms(book, [quote.speaker for quote in quotes])
    if not joined:
        return quotes
    out = []
    for quote in quotes:
        speaker = quote.speaker
        if speaker is not None and speaker.name in joined:
            person = book.people.get(joined[speaker.name])
            role, org = (person.role, person.org) if person is not None else (speaker.role, speaker.org)
            quote = replace(quote, speaker=Speaker(joined[speaker.name], speaker.mention, role, org))
        out.append(quote)
    return out


NOT_NAMES = {"", "he", "she", "it", "they", "him", "her", "them", "we", "i", "you"}


def _spelled_out(book: NameBook, quote: Quote) -> Quote:
    """A quote whose speaker or organisation is an acronym the document spells out, with the full
    name; a speaker value that names nobody (empty, a pronoun) as none, the mention kept."""
    speaker = quote.speaker
    if speaker is None or speaker.name is None:
        return quote
    if speaker.name.strip().lower() in NOT_NAMES:
        return replace(quote, speaker=Speaker(None, speaker.mention))
    if speaker.name not in book.acronyms and speaker.org not in book.acronyms:
        return quote
    full = Speaker(book.expand(speaker.name), speaker.mention, speaker.role, book.expand(speaker.org))
    return replace(quote, speaker=full)
