"""Which currency a shared sign means: "$" in a story about Queensland's budget is AUD.

A sign or word several currencies use (``currency-shared``: "$", "dollars", "Sh", "Rs") is read
from the document: an explicit marker it gives for one of them ("$NZ1bn", "A$3m") first, then
the country of the places, peoples and institutions it names (``currency-places``), else the
sign's usual reading. ``currency_basis`` says which: ``symbol`` or ``code`` for a marker that
names one currency, ``context`` or ``default`` for a shared one.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from spacy.attrs import ENT_TYPE, LOWER, POS
from spacy.parts_of_speech import IDS as POS_IDS
from spacy.tokens import Doc, Span

from extract.rules.vocabularies import currency_signs
from extract.rules.words import Words
from extract.stages.numbers import MoneyValue

PLACE_LABELS = frozenset({"GPE", "NORP", "ORG", "LOC", "FAC"})
PROPN_ID = POS_IDS["PROPN"]
_PER = frozenset({"per", "a", "an", "/"})


@dataclass(frozen=True)
class DocumentCurrencies:
    """What a document says about its currencies: the votes of its markers and of its places."""

    marked: Counter[str]
    places: Counter[str]


def place_key(text: str) -> str:
    """An entity's text as a ``currency-places`` word: "New Zealand's" -> "new_zealand"."""
    words = text.lower().replace("’", "'").removesuffix("'s").split()
    if words and words[0] == "the":
        words = words[1:]
    return "_".join(words)


def _in_capitals(span: Span) -> bool:
    """A word in capitals right before or after the span: a headline, not a currency code."""
    doc = span.doc
    around = [doc[i] for i in (span.start - 1, span.end) if 0 <= i < len(doc)]
    return any(t.is_alpha and t.is_upper and len(t) > 1 and t.text.upper() not in ("US", "UK") for t in around)


def _leader(votes: Counter[str], candidates: list[str]) -> str | None:
    """The candidate with the most votes, when one has strictly more than any other."""
    ranked = sorted(((votes[c], c) for c in candidates if votes[c]), reverse=True)
    if not ranked or (len(ranked) > 1 and ranked[0][0] == ranked[1][0]):
        return None
    return ranked[0][1]


class Currencies:
    """Reads a document's currencies with the lists of the rules: the shared signs and their
    readings, the places that vote for a currency, the goods priced in US dollars worldwide."""

    def __init__(self, words: Words):
        self.places = words.entries("currency-places")
        # A sign our list gives one reading ("£": the other pounds are pegged to sterling) is not shared.
        self.shared = {w: v for w, v in words.values("currency-shared").items() if " " in v}
        self.world_priced_goods = words["currency-world-priced"]
        # Markers that alone are money only where the document names their country: signs in letters
        # that only Babel gives ("R", "RM"; ours in currency-signs are read anywhere) and currency names
        # that are English words ("won", "gold").
        local = currency_signs(words) - words["currency-signs"]
        self.placed_only = local | words["currency-homographs"]
        self.mass_units = words["currency-units"] & words["measure-units"]  # "pounds", "drams"
        self.weight_words = words["weight-words"]
        self.glued_minor = words["currency-glued-minor"]  # "99c", and "25c" in the shade
        self.temperature_words = words["temperature-words"]
        self.codes = frozenset(words.entries("currency-codes"))
        # Signs in letters read anywhere, written in small letters ("Rs", "KSh", "Sh"): in capitals
        # ("the Audi RS 3") they are names, but in a line of capitals.
        self.lettered = frozenset(s for s in words["currency-signs"] if s.replace(".", "").isalpha())

    def place_currencies(self, doc: Doc) -> Counter[str]:
        """One vote per mention of a listed place, people or institution: an entity's whole name
        first, then its words; a proper noun the model left outside entities ("ASX-listed") too."""
        places = self.places
        votes: Counter[str] = Counter()
        for ent in doc.ents:
            if ent.label_ not in PLACE_LABELS:
                continue
            found = places.get(place_key(ent.text))
            if found is None:
                found = next((places[k] for k in map(place_key, (t.text for t in ent)) if k in places), None)
            if found is not None:
                votes[found] += 1
        # Read from arrays: a Token object per word of a long story costs more than the rest of the stage.
        strings = doc.vocab.strings
        columns = doc.to_array([POS, ENT_TYPE, LOWER])
        outside = ~np.isin(columns[:, 1], [strings[label] for label in PLACE_LABELS])
        for lower in columns[(columns[:, 0] == PROPN_ID) & outside, 2].tolist():
            found = places.get(strings[lower])
            if found is not None:
                votes[found] += 1
        return votes

    def shared_readings(self, value: MoneyValue) -> list[str] | None:
        """The currencies a shared marker may stand for, or None. Hundredths after a figure take a
        shared marker's readings only when its own currency is among them: "20 cents" in a story
        from Sydney is AUD, but the "p" of "50p" is pence, whatever "P5 billion" means."""
        shared = self.shared.get(value.marker)
        readings = shared.split() if shared else None
        if readings is None or (value.minor and value.currency not in readings):
            return None
        return readings

    def _placed_only(self, value: MoneyValue) -> bool:
        return value.marker in self.placed_only and not value.minor

    def needs_context(self, value: MoneyValue) -> bool:
        return self.shared_readings(value) is not None or self._placed_only(value)

    def is_money(self, value: MoneyValue, span: Span, context: DocumentCurrencies | None) -> bool:
        """False for a marker that needs its country and lacks it, a mass unit in a sentence about
        weight ("weighs 180 pounds"), cents in small letters in one about the weather ("25c in the
        shade"), a code inside a line in capitals ("TOP 10 TIPS"), and a sign in small letters
        written in capitals outside one ("the Audi RS 3")."""
        if self._placed_only(value) and (context is None or not any(map(context.places.get, self.readings(value)))):
            return False
        if value.marker in self.mass_units and any(t.lemma_.lower() in self.weight_words for t in span.sent):
            return False
        weather = value.minor and value.marker in self.glued_minor
        if weather and any(t.lemma_.lower() in self.temperature_words for t in span.sent):
            return False
        if value.marker in self.lettered and any(t.lower_ == value.marker and t.is_upper for t in span):
            return _in_capitals(span)
        return not (value.marker.upper() in self.codes and _in_capitals(span))

    def document_currencies(self, doc: Doc, values: Iterable[MoneyValue]) -> DocumentCurrencies:
        marked = Counter(v.currency for v in values if self.shared_readings(v) is None)
        return DocumentCurrencies(marked, self.place_currencies(doc))

    def readings(self, value: MoneyValue) -> list[str]:
        """The currencies a marker may stand for: a shared one's ("kr": NOK, SEK, DKK), else its own."""
        return self.shared_readings(value) or [value.currency]

    def is_shared(self, value: MoneyValue) -> bool:
        return self.shared_readings(value) is not None

    def world_priced(self, span: Span) -> bool:
        """ "$100 per barrel", "$1,900 an ounce": a world price, quoted in US dollars."""
        doc = span.doc
        if span.end + 1 >= len(doc) or doc[span.end].lower_ not in _PER:
            return False
        return doc[span.end + 1].lower_ in self.world_priced_goods

    def usual(self, value: MoneyValue) -> str:
        """A shared marker's usual reading ("$": USD)."""
        return self.readings(value)[0]

    def resolve(self, value: MoneyValue, span: Span, context: DocumentCurrencies) -> tuple[str, str]:
        """The currency and how it was decided (``currency_basis``)."""
        shared = self.shared_readings(value)
        if shared is None:
            return value.currency, value.written
        default, *others = shared
        if default == "USD" and self.world_priced(span):
            return "USD", "context"
        # An explicit marker of the usual reading ("US$" in a Sydney paper) says nothing about bare signs.
        marked = _leader(context.marked, others)
        if marked is not None:
            return marked, "context"
        placed = _leader(context.places, [default, *others])
        if placed is not None:
            return placed, "context"
        return default, "default"
