"""Money: amounts found by ``MONEY`` rules, normalised by ``Numbers.parse_money``.

The matched phrase stays small (the amount and its qualifier); what the money is for and the
period it covers go into ``purpose`` and ``period``, read from the parse and ``PERIOD`` rules.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import Decimal

from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from extract.factories import factory
from extract.rules.loading import RuleSet
from extract.stages.base import Claim, ClaimStage, add_claim
from extract.stages.currency import Currencies
from extract.stages.figures import (
    IDIOM_LABEL,
    QUALIFIER_LABELS,
    Qualifiers,
    change_ends,
    change_fields,
    change_parts,
    idiom_ids,
)
from extract.stages.numbers import MoneyValue, Numbers
from extract.stages.registry import ClaimType, register
from extract.stages.syntax import matched_spans, noun_phrase

PERIOD_WINDOW = 6  # tokens after the amount in which its period may start


@dataclass
class MoneyFields:
    """A money record's own fields (see docs/kb_schema.md)."""

    amount: Decimal
    amount_high: Decimal | None
    currency: str | None
    currency_basis: str | None
    period: str | None
    purpose: str | None
    approx: bool
    comparator: str
    change_role: str | None = None
    change_from: Decimal | None = None
    change_to: Decimal | None = None


class MoneyExtractor(ClaimStage):
    labels = (
        "MONEY",
        "PERIOD",
        *QUALIFIER_LABELS,
        IDIOM_LABEL,
    )  # the rules it reads: its cached output depends on them

    def use_rules(self, rules: RuleSet) -> None:
        self.matcher = rules.matcher(self.vocab, "MONEY", IDIOM_LABEL)
        self.idioms = idiom_ids(rules)
        self.periods = rules.matcher(self.vocab, "PERIOD")
        self.qualifiers = Qualifiers(rules, self.vocab)
        self.words = rules.words
        self.verbs = rules.words.values("money-verbs")
        self.numbers = Numbers(rules.words)
        self.currencies = Currencies(rules.words)

    def find(self, doc: Doc) -> None:
        read: dict[str, MoneyValue | None] = {}  # a text's value, read once: matches overlap

        def parse_money(text: str) -> MoneyValue | None:
            if text not in read:
                read[text] = self.numbers.parse_money(text)
            return read[text]

        # Longest first among the matches that read as money and the idioms: a longer match that does
        # not read ("second $") must not hide one that does ("$7"); an idiom hides the amount inside it.
        idioms, signs = self.idioms, self.numbers.signs
        readable = filter_spans(
            [
                span
                for span in self.matcher(doc)
                if span.label_ in idioms or (not counts_after(span, signs) and parse_money(span.text) is not None)
            ]
        )
        amounts: list[tuple[Span, MoneyValue]] = [
            amount
            for found in sorted(readable, key=lambda s: s.start)
            if found.label_ not in idioms
            for amount in self.change_amounts(found, parse_money)
        ]
        if not amounts:
            return
        qualifiers = self.qualifiers.index(doc)
        trailing = self.qualifiers.after(doc)
        periods = matched_spans(self.periods, doc)
        currencies = self.currencies
        context = None
        if any(currencies.needs_context(value) for _, value in amounts):  # only then read the document's places
            context = currencies.document_currencies(doc, (value for _, value in amounts))
        ends = {span.end: value for span, value in amounts}
        amounts = [(span, value) for span, value in amounts if currencies.is_money(value, span, context)]
        changes = change_ends([span for span, _ in amounts], self.words)
        for i, (span, value) in enumerate(amounts):
            if context is None:
                currency, basis = value.currency, value.written
            elif conversion_of(span, ends) is not None and currencies.is_shared(value):
                currency, basis = currencies.usual(value), "context"  # "C$1.5bn ($1.1bn)": the conversion is USD
            else:
                currency, basis = currencies.resolve(value, span, context)
            minus = negative_start(span)
            qualifier = qualifiers.get(minus if minus is not None else span.start) or trailing.get(span.end)
            first = span.start if minus is None else minus
            start = doc[min(qualifier.start, first)] if qualifier else doc[first]
            end = doc[max(qualifier.end, span.end) - 1] if qualifier else span[-1]
            period = next(
                (p for p in periods if span.end <= p.start <= span.end + PERIOD_WINDOW and p.sent == span.sent),
                None,
            )
            add_claim(
                doc,
                Claim(
                    "money",
                    start.idx,
                    end.idx + len(end),
                    span.label_,
                    MoneyFields(
                        amount=value.amount if minus is None else -value.amount,
                        amount_high=value.amount_high
                        if minus is None or value.amount_high is None
                        else -value.amount_high,
                        currency=currency,
                        currency_basis=basis,
                        period=period.text if period else None,
                        purpose=purpose(span, self.words["purpose-prepositions"], self.verbs, self.words["time-units"]),
                        approx=qualifier.approx if qualifier else False,
                        comparator=qualifier.comparator if qualifier else "eq",
                        **change_fields(changes, i, [v.amount for _, v in amounts]),
                    ),
                    {"amount": (span.start_char, span.end_char)},
                ),
            )

    def change_amounts(
        self, found: Span, parse_money: Callable[[str], MoneyValue | None]
    ) -> list[tuple[Span, MoneyValue]]:
        """A match's amounts: itself, or the two ends of a change ("rose from $20m to $25m"). Ends
        written as a range share its currency and scale: "rose from 1.5 to 2 billion euros" is
        1.5 billion euros to 2 billion, "from $5 to $10 million" $5 million to $10 million."""
        whole = parse_money(found.text)
        ranged = whole is not None and whole.amount_high is not None
        parts = change_parts(found, lambda part: ranged or parse_money(part.text) is not None, self.words)
        if len(parts) == 1:
            return [] if whole is None else [(found, whole)]
        if ranged:
            low = replace(whole, amount_high=None)  # type: ignore[arg-type]
            return [(parts[0], low), (parts[1], replace(low, amount=whole.amount_high))]  # type: ignore[union-attr]
        return [(part, value) for part in parts if (value := parse_money(part.text)) is not None]


NEGATIVE_WORDS = frozenset({"minus", "negative"})


def negative_start(span: Span) -> int | None:
    """Where a sign that makes the amount negative starts: a minus glued to it ("-$2m", "−£5m",
    not the dash of a range "5-$6") or "minus"/"negative" before it ("minus £3bn"); else None."""
    if not span.start:
        return None
    doc, before = span.doc, span.doc[span.start - 1]
    if before.lower_ in NEGATIVE_WORDS:
        return before.i if before.i < 1 or doc[before.i - 1].lower_ != "or" else None  # "plus or minus"
    if before.text not in {"-", "−"} or before.whitespace_:
        return None
    return before.i if before.i == 0 or doc[before.i - 1].whitespace_ else None


def counts_after(span: Span, signs: frozenset[str]) -> bool:
    """ "500 USD 30 days", "five dollars twenty years ago": a number after the currency's code or
    word that counts the noun after it is no minor unit. Not a sign's number ("Rs 500 fines"), nor
    a range's end ("between €1,000 and €2,000 apply")."""
    if span.end >= len(span.doc) or not span[-1].like_num:
        return False
    before = span.start
    for token in reversed(span[:-1]):  # back over the trailing number ("ninety-nine")
        if not (token.like_num or token.text in {"-", "–"}):
            before = token.i
            break
    unit = span.doc[before]
    if before == span.start or not unit.is_alpha or unit.lower_ in signs or unit.lower_ in {"and", "to", "between"}:
        return False
    return span.doc[span.end].pos_ == "NOUN"


def conversion_of(span: Span, ends: dict[int, MoneyValue]) -> MoneyValue | None:
    """The amount that a bracketed amount right after it converts: "C$1.5bn ($1.1bn)"."""
    doc = span.doc
    if span.start < 2 or doc[span.start - 1].text != "(":
        return None
    return ends.get(span.start - 1)


def purpose(span: Span, prepositions: frozenset[str], verbs: dict[str, str], times: frozenset[str]) -> str | None:
    """What the money is, from the parse: "£3bn deficit", "gains of £22bn", "£2bn for care"
    (``prepositions``: those that say what money is for), else from the verb that takes it
    (``verb_purpose``; ``times``: time units, "for 12 years" says for how long, not what for)."""
    root: Token = span.root
    head = root.head
    if root.dep_ in {"compound", "nmod", "nummod", "amod"} and head.pos_ == "NOUN" and head.i >= span.end:
        phrase = noun_phrase(head)  # "£30m funding gap": the parse may hang "m" on the noun
        return span.doc[max(phrase.start, span.end) : phrase.end].text
    for child in root.rights:
        if child.dep_ == "prep" and child.lower_ in prepositions:
            obj = next((c for c in child.children if c.dep_ == "pobj" and c.pos_ == "NOUN"), None)
            if obj is not None:
                return noun_phrase(obj).text
    if root.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ == "NOUN":
        return noun_phrase(head.head).text
    return verb_purpose(root, verbs, times)


VERB_PURPOSE_PREPOSITIONS = frozenset({"on", "for", "towards"})


def verb_purpose(root: Token, verbs: dict[str, str], times: frozenset[str]) -> str | None:
    """What the verb taking the amount says it is: what it is spent on or raised for ("spent £4m on
    bus routes"), else what the verb makes of it (``money-verbs``: "save £5m" is savings, "cut
    by £2m" cuts)."""
    verb = root.head
    if root.dep_ == "pobj" and verb.lower_ == "by":  # "cut by £250,000"
        verb = verb.head
    elif root.dep_ not in {"dobj", "npadvmod"}:
        return None
    if verb.pos_ != "VERB":
        return None
    for child in verb.rights:
        if child.dep_ == "prep" and child.lower_ in VERB_PURPOSE_PREPOSITIONS and child.i > root.i:
            obj = next((c for c in child.children if c.dep_ == "pobj" and c.pos_ == "NOUN"), None)
            if obj is not None and obj.lemma_.lower() not in times:  # not "for 12 years"
                return noun_phrase(obj).text
    return verbs.get(verb.lemma_.lower())


@factory(
    "extract_money_v1",
    old_name="extract_money",
    assigns=["doc.spans"],
    requires=["token.dep", "token.pos", "token.lemma", "token.ent_type"],
    default_config={"patterns": []},
)
def make_money_extractor(nlp: Language, name: str, patterns: list[str]) -> MoneyExtractor:
    return MoneyExtractor(nlp, name, patterns)


register(ClaimType("money", "m", "extract_money", MoneyFields, "MONEY", factory="extract_money_v1"))
