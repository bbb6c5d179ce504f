"""Counts, percentages and proportions of things and people.

``COUNT`` rules give the phrase shapes; the values come from ``numbers`` and the unit from the
parse. A number that is really a date, a year, a duration, a measure, an age, a phone or
service number ("the 999 service"), a list number, part of a name ("Covid-19") or a lone scale
word (``count_sieve``), or part of a money amount, is not a count.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from decimal import Decimal

from spacy.language import Language
from spacy.tokens import Doc, Span

from extract.factories import factory
from extract.rules.loading import RuleSet
from extract.rules.words import Words
from extract.stages.base import Claim, ClaimStage, add_claim
from extract.stages.count_sieve import CountSieve
from extract.stages.figures import (
    IDIOM_LABEL,
    QUALIFIER_LABELS,
    Qualifiers,
    change_ends,
    change_fields,
    change_parts,
    idiom_ids,
)
from extract.stages.numbers import Numbers
from extract.stages.registry import ClaimType, register
from extract.stages.syntax import matched_spans, noun_phrase


@dataclass
class CountFields:
    """A count record's own fields (see docs/kb_schema.md)."""

    value: Decimal
    value_high: Decimal | None
    count_kind: str
    unit: str | None
    total: Decimal | None
    approx: bool
    comparator: str
    change_role: str | None = None
    change_from: Decimal | None = None
    change_to: Decimal | None = None


class CountExtractor(ClaimStage):
    labels = ("COUNT", *QUALIFIER_LABELS, IDIOM_LABEL)  # the rules it reads: its cached output depends on them

    def use_rules(self, rules: RuleSet) -> None:
        self.matcher = rules.matcher(self.vocab, "COUNT", IDIOM_LABEL)  # an idiom, longest, hides a count
        self.idioms = idiom_ids(rules)
        self.rules = {r.id: r for r in rules.with_label("COUNT")}
        self.qualifiers = Qualifiers(rules, self.vocab)
        self.words = rules.words
        self.numbers = Numbers(rules.words)
        self.sieve = CountSieve(rules.words, self.numbers.fractions)

    def find(self, doc: Doc) -> None:
        words, numbers = self.words, self.numbers
        taken = {t.i for span in doc.spans.get("money", ()) for t in span}  # a number in an amount
        candidates = [
            whole
            for whole in matched_spans(self.matcher, doc)
            if whole.label_ not in self.idioms
            and not taken.intersection(range(whole.start, whole.end))
            and self.sieve.is_count(whole)
        ]
        qualifiers = self.qualifiers.index(doc) if candidates else {}
        trailing = self.qualifiers.after(doc) if candidates else {}
        found: list[tuple[Span, dict]] = []
        for whole in candidates:
            rule = self.rules[whole.label_]
            for span in change_parts(whole, lambda part: bool(number_groups(part, words)), words):
                fields = read_value(span, kind_of(whole, rule.fields["count_kind"], words), words, numbers)
                if fields is None:
                    continue
                fields["unit"] = unit_of(whole, rule.fields["unit"], words)
                fields |= {"_unit_rule": rule.fields["unit"]}
                found.append(self._qualified(doc, span, qualifiers, trailing, fields))
        kept = []
        for span, fields in found:
            if fields.pop("_unit_rule") == "sentence":
                fields["unit"] = elided_unit(span, found)
                if fields["unit"] is None:
                    continue
            kept.append((span, fields))
        changes = change_ends([span for span, _ in kept], words)
        values = [fields["value"] for _, fields in kept]
        for i, (span, fields) in enumerate(kept):
            fields.update(change_fields(changes, i, values))
            add_claim(doc, Claim("count", span.start_char, span.end_char, span.label_, CountFields(**fields)))

    @staticmethod
    def _qualified(doc: Doc, span: Span, qualifiers: dict, trailing: dict, fields: dict) -> tuple[Span, dict]:
        """The span widened to its qualifier ("more than half"), with approx and comparator; a
        qualifier right after its first number ("500-plus members") is inside the span."""
        first = next((t.i for t in span if t.like_num), None)
        qualifier = qualifiers.get(span.start) or (trailing.get(first + 1) if first is not None else None)
        fields["approx"] = qualifier.approx if qualifier else False
        fields["comparator"] = qualifier.comparator if qualifier else "eq"
        start = min(qualifier.start, span.start) if qualifier else span.start
        return Span(doc, start, span.end, span.label), fields


def number_groups(span: Span, words: Words) -> list[Span]:
    """Runs of number tokens in the span ("eight or 10", "1.1 m", "a dozen")."""
    groups, start = [], None
    for token in span:
        numeric = token.like_num or (start is not None and token.lower_ in words["count-scale-words"])
        joins = (
            start is not None
            and token.lower_ in words["range-words"]
            and token.i + 1 < span.end
            and span.doc[token.i + 1].like_num
        )
        if (
            numeric
            or joins
            or (
                token.lower_ in {"a", "an", "half"}  # "a dozen", "half a million", "half million"
                and token.i + 1 < span.end
                and span.doc[token.i + 1].lower_ in words["count-scale-words"]
            )
        ):
            start = token.i if start is None else start
            continue
        if start is not None:
            groups.append(span.doc[start : token.i])
            start = None
    if start is not None:
        groups.append(span.doc[start : span.end])
    return groups


def kind_of(span: Span, kind: str, words: Words) -> str:
    """ "40% cuts" is a percentage, whatever the noun after it."""
    percent = words["percent-words"]
    return "percent" if kind == "count" and any(t.lower_ in percent for t in span) else kind


def fraction_text(span: Span, fractions: Collection[str]) -> str:
    """The words of a proportion up to its fraction word: "more than half its staff" -> "half"."""
    end = next((t.i + 1 for t in span if t.lower_ in fractions), span.end)
    start = next((t.i for t in span if t.like_num or t.lower_ in fractions or t.lower_ in {"a", "an"}), span.start)
    return span.doc[start:end].text


def _negative(span: Span) -> bool:
    """A figure that "minus" or "negative" signs: "minus five percent" (not "plus or minus 4 points")."""
    doc, start = span.doc, span.start
    if start == 0 or doc[start - 1].lower_ not in {"minus", "negative"}:
        return False
    return start < 2 or doc[start - 2].lower_ != "or"


def read_value(span: Span, kind: str, words: Words, numbers: Numbers) -> dict | None:
    groups = number_groups(span, words)
    if kind == "proportion":
        value = numbers.parse_fraction(fraction_text(span, numbers.fractions)) or (
            numbers.parse_fraction(groups[0].text + " in " + groups[1].text) if len(groups) > 1 else None
        )
        return None if value is None else {"value": value, "value_high": None, "count_kind": kind, "total": None}
    if not groups:
        return None
    parsed = numbers.parse_range(groups[0].text)
    if parsed is None:
        return None
    value, high = parsed
    if kind != "count" and _negative(span):  # "minus five percent"
        value, high = -value, None if high is None else -high
    if kind != "count" and high is None and len(groups) > 1:  # "between 25% and 40%"
        high = numbers.parse_number(groups[1].text)
    total = numbers.parse_number(groups[1].text) if kind == "count" and len(groups) > 1 else None
    return {"value": value, "value_high": high, "count_kind": kind, "total": total}


def unit_of(span: Span, where: str, words: Words) -> str | None:
    if where == "noun":
        head = span[-1] if span[-1].pos_ in {"NOUN", "PROPN"} else None
        if head is None:
            head = next((t for t in reversed(span) if t.pos_ in {"NOUN", "PROPN"} and not t.like_num), None)
        return unit_words(noun_phrase(head), words).text if head is not None else None
    if where == "of":
        of = next((t for t in span if t.lower_ == "of"), None)
        if of is None or of.i + 1 >= span.end:
            return None
        start = of.i + 2 if span.doc[of.i + 1].lower_ == "the" and of.i + 2 < span.end else of.i + 1
        return span.doc[start : span.end].text  # "half of the stations": "stations"
    return None


def unit_words(phrase: Span, words: Words) -> Span:
    """What is counted, without the figure or an owner the parse hangs on it: "lakh students" ->
    "students", "its members" -> "members", "Britain's largest water companies" -> "largest
    water companies"."""
    start = phrase.start
    for token in phrase[:-1]:
        if token.like_num or token.lower_ in words["scale-words"] or token.tag_ in {"POS", "PRP$"}:
            start = token.i + 1
    return phrase.doc[start : phrase.end]


def elided_unit(span: Span, found: list[tuple[Span, dict]]) -> str | None:
    """The unit of the nearest count with one in the same sentence, preferring earlier ones;
    else what an "of" after the figure names ("a fifth (21%) of heads"), else the noun of "the
    number of ..." before it ("cut the number of wards from 26 to 12")."""
    same = [(s, f) for s, f in found if s.sent == span.sent and s != span and f.get("unit")]
    before = [f["unit"] for s, f in same if s.start < span.start]
    after = [f["unit"] for s, f in same if s.start > span.start]
    return before[-1] if before else (after[0] if after else of_after(span) or number_of(span))


def of_after(span: Span) -> str | None:
    """The noun of an "of" right after the figure, past a parenthesis: "a fifth (21%) of heads"."""
    doc, i = span.doc, span.end
    if i < len(doc) and doc[i].text == "(":
        i = next((t.i + 1 for t in doc[i : span.sent.end] if t.text == ")"), i)
    if i >= span.sent.end or doc[i].lower_ != "of":
        return None
    obj = next((c for c in doc[i].children if c.dep_ == "pobj" and c.pos_ in {"NOUN", "PROPN"}), None)
    return noun_phrase(obj).text if obj is not None else None


def number_of(span: Span) -> str | None:
    """The noun of "the number of ..." earlier in the sentence, for a bare figure."""
    for token in span.doc[span.sent.start : span.start]:
        if token.lower_ == "number" and token.i + 1 < span.start and span.doc[token.i + 1].lower_ == "of":
            obj = next((c for c in span.doc[token.i + 1].children if c.dep_ == "pobj"), None)
            if obj is not None and obj.pos_ == "NOUN":
                return noun_phrase(obj).text
    return None


@factory(
    "extract_counts_v1",
    old_name="extract_counts",
    assigns=["doc.spans"],
    requires=["token.dep", "token.pos", "token.lemma", "token.ent_type"],
    default_config={"patterns": []},
)
def make_count_extractor(nlp: Language, name: str, patterns: list[str]) -> CountExtractor:
    return CountExtractor(nlp, name, patterns)


register(ClaimType("count", "c", "extract_counts", CountFields, "COUNT", reads=("money",), factory="extract_counts_v1"))
