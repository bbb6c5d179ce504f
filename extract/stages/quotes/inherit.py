"""Quotes with no cue of their own inherit a speaker: a paragraph that opens with a quote mark
continues the quote before it, and a quoted clause is speech by whoever spoke just before. Both
take the mention of that speaker nearest before them."""

from __future__ import annotations

from spacy.tokens import Span

from extract.stages.quotes.quote import Quote
from extract.stages.quotes.reading import Reading
from extract.stages.quotes.sources import speaker_of
from extract.stages.speakers import Speaker
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
