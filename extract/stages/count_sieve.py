"""Whether a figure the ``COUNT`` rules matched is a count: a sieve of ordered small steps, each
naming one other thing a number may be (a year, a phone number, part of a name, an age, a
duration or measure, a list number, a label). A figure no step claims is a count.

The first steps look at each number of the span, the others at the span as a whole; each step
is a predicate, testable alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection

from spacy.tokens import Span, Token

from extract.rules.words import Words

_YEAR = re.compile(r"^(1[89]|20)\d\d$")
_PHONE = re.compile(r"^0\d{2,}$")
HYPHENS = {"-", "–"}


_POWER = re.compile(r"(?<=[a-z])[23²³]$")  # "km2", "m³"


def _before(token: Token) -> Token | None:
    return token.doc[token.i - 1] if token.i else None


def _after(token: Token) -> Token | None:
    return token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None


def year_phone_or_date(number: Token) -> bool:
    """ "2019", "0800", "24/7"."""
    return bool(_YEAR.match(number.text) or _PHONE.match(number.text) or "/" in number.text)


def in_a_name(number: Token) -> bool:
    """ "Covid-19": a word, a hyphen and the number, written together."""
    before = _before(number)
    if before is None or before.text not in HYPHENS or before.whitespace_ or not before.i:
        return False
    word = number.doc[before.i - 1]
    return word.is_alpha and not word.like_num


def an_age(number: Token) -> bool:
    """ "aged 15", "age 40"."""
    before = _before(number)
    return before is not None and before.lemma_ in {"age", "aged"}


def lone_half(half: Token) -> bool:
    """ "half from police staff", "nearly half": a share; not "the second half", "half an hour",
    "two-and-a-half", "half-time"."""
    before, after = _before(half), _after(half)
    if before is not None and (before.lower_ in {"the", "a", "an", "-", "–"} or before.tag_ in {"JJ", "CD"}):
        return False
    return after is None or (after.lower_ not in {"a", "an", "-", "–"} and after.pos_ not in {"NOUN", "PROPN", "ADJ"})


def list_number(span: Span) -> bool:
    """ "1." or "2)" at the start of a line: list numbering."""
    first, doc = span[0], span.doc
    line_start = first.i == 0 or "\n" in doc[first.i - 1].whitespace_ or doc[first.i - 1].is_space
    marker = _after(first)
    return line_start and first.like_num and marker is not None and marker.text in {".", ")"}


def not_a_lone_half(span: Span) -> bool:
    """ "the second half", "half an hour": a half that is not a share."""
    return span.label_ == "proportion-half" and not lone_half(span[0])


def date_or_time(span: Span) -> bool:
    """A number the model reads as part of a date or time."""
    return span[0].ent_type_ in {"DATE", "TIME"} and span[-1].pos_ == "NUM"


class CountSieve:
    """The steps that need the word lists, with them; ``is_count`` runs every step in order."""

    def __init__(self, words: Words, fractions: Collection[str]):
        self.fractions = fractions
        self.label_nouns = words["label-nouns"]
        self.units = words.union("time-units", "measure-units") - words["not-measure-units"]
        self.scale_words = words["scale-words"]
        self.percent_words = words["percent-words"]
        self.figure_tails = words["figure-tails"]
        self.figure_words = words.union("percent-words", "count-scale-words", "count-collective-nouns")
        # Steps on each number of the span; then steps on the span.
        self.number_steps: tuple[Callable[[Token], bool], ...] = (
            year_phone_or_date,
            in_a_name,
            an_age,
            self.compound_modifier,
        )
        self.span_steps: tuple[Callable[[Span], bool], ...] = (
            self.after_a_label,
            list_number,
            self.duration_or_measure,
            self.stray_scale,
            not_a_lone_half,
            self.names_the_noun_after,
            date_or_time,
        )

    def is_count(self, span: Span) -> bool:
        """Rejects years, phone numbers, list numbers, durations, ages and numbers inside names."""
        numbers = [token for token in span if token.like_num]
        if any(step(number) for number in numbers for step in self.number_steps):
            return False
        return not any(step(span) for step in self.span_steps)

    def compound_modifier(self, number: Token) -> bool:
        """ "zero-hours contracts", "a four-day week": the number, a hyphen and a word, written
        together (not a fraction, "two-thirds", nor a word that qualifies the figure, "500-plus")."""
        doc, after = number.doc, _after(number)
        if after is None or after.text not in HYPHENS or number.whitespace_ or after.whitespace_:
            return False
        if number.i + 2 >= len(doc):
            return False
        word = doc[number.i + 2]
        qualifying = word.lower_ in self.fractions or word.lower_ in self.figure_tails
        return word.is_alpha and not word.like_num and not qualifying

    def after_a_label(self, span: Span) -> bool:
        """ "Route 66", "Apollo 11", "section 4": the span opens with a number that a name or a
        reference noun before it labels."""
        before, after = _before(span[0]), _after(span[0])
        if after is not None and after.lower_ in self.percent_words:  # "Trump 47 percent": a share, not a label
            return False
        return span[0].like_num and before is not None and self.labels(before)

    def labels(self, before: Token) -> bool:
        """A word right before a number that makes the number a label: a name or a reference noun."""
        if before.lower_ in self.label_nouns:
            return True
        sentence_start = before.is_sent_start or before.i == 0
        if before.is_alpha and before.is_upper and len(before) > 1 and not sentence_start:
            # "the Audi RS 3", "NHS 111": letters in capitals name it, unless a line in capitals runs on
            # ("HARBOUR FIRE Two people").
            previous = before.doc[before.i - 1]
            return before.pos_ in {"PROPN", "NOUN"} and not (previous.is_alpha and previous.is_upper)
        return (
            before.is_alpha and before.is_title and before.pos_ == "PROPN" and not (sentence_start and before.is_stop)
        )

    def duration_or_measure(self, span: Span) -> bool:
        """ "three weeks", "5 km", "190 km2", "a 10-year plan": a time or measure unit ends the span or follows it."""
        after = span.doc[span.end] if span.end < len(span.doc) else None
        if self.is_unit(span[-1]):
            return True
        return after is not None and (after.lower_.startswith("-year") or self.is_unit(after))

    def is_unit(self, token: Token) -> bool:
        """A time or measure unit, squared or cubed ("km2", "m³") too."""
        if token.lemma_.lower() in self.units:
            return True
        lower = token.lower_
        return lower[-1:] in "23²³" and _POWER.sub("", lower) in self.units

    def stray_scale(self, span: Span) -> bool:
        """A lone scale word: "million"."""
        return len(span) == 1 and span[0].lower_ in self.scale_words

    def names_the_noun_after(self, span: Span) -> bool:
        """ "the 999 service", "the 101 service handles calls": the span's number names the noun after it."""
        number = next((t for t in span if t.like_num), span[0])
        following = _after(number)
        return following is not None and self.is_label_of(number, following)

    def is_label_of(self, number: Token, after: Token) -> bool:
        """A bare number that modifies the singular noun after it names it rather than counts it."""
        if after.tag_ not in {"NN", "NNP"} or number.head != after:
            return False
        return after.lower_ not in self.figure_words and after.lower_ not in self.fractions
