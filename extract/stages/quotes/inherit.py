"""Quotes with no cue of their own inherit a speaker: a paragraph that opens with a quote mark
continues the quote before it, and a quoted clause is speech by the subject of the sentence it
is written in, else by whoever spoke just before. Both take the mention of that speaker nearest
before them."""

from __future__ import annotations

from spacy.tokens import Span, Token

from extract.stages.quotes.marks import Quotation
from extract.stages.quotes.quote import Quote
from extract.stages.quotes.reading import Reading
from extract.stages.quotes.sources import SUBJECT_DEPS, speaker_of
from extract.stages.speakers import Speaker, can_speak, is_author_voice, resolve
from extract.stages.speakers.names import name_span
from extract.stages.speakers.pronouns import subject_between


def previous_paragraph_quote(line: int, by_line: dict[int, list[Quote]]) -> Quote | None:
    """The direct quote that ends the paragraph before, which a paragraph opening with a quote mark continues."""
    prev_line = line - 1
    if prev_line in by_line and by_line[prev_line][-1].kind == "direct":
        return by_line[prev_line][-1]
    return None


def recent_speaker(reading: Reading, line: int, by_line: dict[int, list[Quote]], before: int) -> Speaker:
    """Who spoke last in this paragraph or the two before: a quote's speaker, or the source of
    a cue of reported speech ("Roe told reporters the plan was dead.\n\n“It is over.”")."""
    first = reading.lines[max(0, line - 2)][0]
    spoken: list[tuple[int, Quote | Span]] = [
        (quote.start, quote) for back in range(max(0, line - 2), line + 1) for quote in by_line.get(back, [])
    ]
    spoken += [(cue.start_char, cue) for cue in reading.cues if first <= cue.start_char < before]
    for _, source in sorted(spoken, key=lambda item: item[0], reverse=True):
        if isinstance(source, Quote):
            speaker = source.speaker  # with the mention it was attributed to
        elif not reading.in_direct(source.start_char):
            speaker = speaker_of(reading, source)
        else:
            continue
        if speaker is not None and speaker.name:
            return speaker
    return Speaker(None, None)


CLAUSE_JOINS = {"conj", "parataxis"}


def sentence_subject(reading: Reading, q: Quotation) -> Speaker | None:
    """The source of a quoted clause written inside a sentence of the narration: the subject of
    the nearest verb above the quote that a person, an organisation or a pronoun for one is the
    subject of ("Roe fired back: “…”", "Roe stood by her remark that “…”", "Acme is “sure
    that …”"); None when the quote is a sentence of its own or no such subject governs it."""
    inner = reading.span(q.content_start, q.content_end)
    if inner is None or not len(inner):
        return None
    token = inner.root
    while token.head.i != token.i:
        if inner.start <= token.i < inner.end and token.dep_ in CLAUSE_JOINS and _coordinated(token):
            return None
        token = token.head
        if inner.start <= token.i < inner.end:
            continue
        subject = next((c for c in token.children if c.dep_ in SUBJECT_DEPS and not reading.in_direct(c.idx)), None)
        if subject is not None and _speaks(reading, subject):
            return resolve(subject, reading.book)
    return None


def _coordinated(clause: Token) -> bool:
    """A quoted clause joined to the verb before it by "and", "but" or a semicolon is a statement
    of its own ("... sought a review, but “nobody read it”"); one after a bare comma is what the
    verb's subject said ("Roe fired back, “Nobody believes it.”")."""
    between = clause.doc[clause.head.i + 1 : clause.left_edge.i]
    return any(t.dep_ == "cc" or t.text == ";" for t in between)


def _speaks(reading: Reading, subject: Token) -> bool:
    """A subject that names who it is: a name, an organisation, a pronoun for one, or a noun with
    its determiner ("the committee", "his office"); not a bare plural ("schools have “...”" in a
    headline), a number ("one of the challenges would be"), "it" or the writer's own voice."""
    if subject.pos_ == "NOUN" and not any(c.dep_ in {"det", "poss"} for c in subject.lefts):
        return False
    return (
        can_speak(subject, reading.words)
        and not subject.like_num
        and subject.lower_ not in {"it", "who", "which", "that"}
        and not is_author_voice(subject, reading.words)
    )


def nearest_mention(reading: Reading, speaker: Speaker, before: int) -> Speaker:
    """An inherited speaker with the mention of them nearest before the quote."""
    if speaker.name is None or speaker.mention is None:
        return speaker
    nearest = max(
        (m for m in reading.book.mentions if m[2] == speaker.name and speaker.mention.end_char <= m[0] < before),
        default=None,
    )
    if nearest is None:
        return speaker
    return Speaker(speaker.name, reading.span(nearest[0], nearest[1]), speaker.role, speaker.org)


def narrated_speaker(reading: Reading, prev: Quote, before: int) -> Speaker | None:
    """Another person made the subject of the narration between a quote and the next one on its
    line speaks that next one: "“It deserved more,” says Roe. Doe did not need coaxing. “I am
    thankful.”" is Doe's. None when nobody else is."""
    found = subject_between(reading.doc, reading.book, prev.end, before)
    if found is None or prev.speaker is None or found[0].name == prev.speaker.name:
        return None
    person, token = found
    reading.book.spoke(person.name, token.idx)
    return Speaker.of_person(person, name_span(token))
