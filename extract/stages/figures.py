"""What money and count claims share: the qualifier before a figure ("more than", "an estimated"),
the two ends of a change ("rose from 5% to 7%"), and the figures of speech that hold a number but
state no figure ("the 1 percent", "my two cents")."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from itertools import pairwise
from typing import Any

from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from extract.rules.loading import RuleSet
from extract.rules.words import Words

QUALIFIER_LABELS = ("QUALIFIER", "QUALIFIER_AFTER")  # the qualifiers before a figure, and after it


@dataclass(frozen=True)
class Qualifier:
    start: int  # token index where the qualifier starts
    comparator: str
    approx: bool
    rule: str
    end: int = 0  # token index where it ends (exclusive)


def _phrasal_up(span: Span, verbs: frozenset[str]) -> bool:
    """ "go up to £749": "up" belongs to the verb, not to a qualifier "up to"."""
    before = span.doc[span.start - 1] if span.start else None
    return span[0].lower_ == "up" and before is not None and before.lemma_ in verbs


def _before_than(span: Span) -> bool:
    """ "£5m or less than that": the comparative compares with what follows, not the figure before."""
    return span.end < len(span.doc) and span.doc[span.end].lower_ == "than"


class Qualifiers:
    """Finds "more than", "an estimated", "up to"... directly before a figure, and those a rule
    labelled ``QUALIFIER_AFTER`` directly after it ("$1bn-plus", "£5m or more").

    The money and count stages read the same qualifiers: a doc's are found once for a set of
    rules and kept in ``doc.user_data`` (as the claims are), under the rules' fingerprint."""

    def __init__(self, rules: RuleSet, vocab):
        self.matcher = rules.matcher(vocab, *QUALIFIER_LABELS)
        self.rules = {r.id: r for r in rules.with_label(*QUALIFIER_LABELS)}
        self.phrasal_up_verbs = rules.words["phrasal-up-verbs"]
        self.key = ("extract", "qualifiers", rules.fingerprint(*QUALIFIER_LABELS))

    def index(self, doc: Doc) -> dict[int, Qualifier]:
        """Qualifiers before a figure, by the token index they end at (exclusive)."""
        return self._found(doc)[0]

    def after(self, doc: Doc) -> dict[int, Qualifier]:
        """Qualifiers after a figure, by the token index they start at."""
        return self._found(doc)[1]

    def _found(self, doc: Doc) -> tuple[dict[int, Qualifier], dict[int, Qualifier]]:
        if self.key not in doc.user_data:
            doc.user_data[self.key] = self._find(doc)
        return doc.user_data[self.key]

    def _find(self, doc: Doc) -> tuple[dict[int, Qualifier], dict[int, Qualifier]]:
        before, after = {}, {}
        matches = self.matcher(doc)
        # Each kind on its own: "20%, or less than a third" has "or less" after one figure and "less
        # than" before the next.
        for kind, found in (("QUALIFIER", before), ("QUALIFIER_AFTER", after)):
            for span in filter_spans([m for m in matches if self.rules[m.label_].label == kind]):
                if _phrasal_up(span, self.phrasal_up_verbs) or (kind == "QUALIFIER_AFTER" and _before_than(span)):
                    continue
                rule = self.rules[span.label_]
                qualifier = Qualifier(
                    span.start, rule.fields["comparator"], rule.fields["approx"] == "true", rule.id, span.end
                )
                found[span.start if kind == "QUALIFIER_AFTER" else span.end] = qualifier
        return before, after


def _is_change(prep: Token, words: Words) -> bool:
    """ "rose from", "an increase from", "up from", "rise by" (``change-verbs``); not "range
    from" nor "won by 46 percent to 42 percent" (a tally)."""
    return prep.head.lemma_.lower() in words["change-verbs"]


def change_parts(span: Span, valid: Callable[[Span], bool], words: Words) -> list[Span]:
    """ "rose from $20m to $25m", "cut from 26 to 12 wards", "rise by £92 to £2,171": two figures
    (before and after, or the change and the new level), not a range, when both parts are
    ``valid``. Other spans as they are."""
    doc = span.doc
    to = next((t for t in span if t.lower_ == "to"), None)
    prep = doc[span.start - 1] if span.start else None
    if to is None or prep is None or prep.lower_ not in {"from", "by"}:
        return [span]
    if prep.lower_ == "from" and not _is_change(prep, words):
        return [span]  # "salaries range from $48,000 to $52,000" is a range
    parts = [Span(doc, span.start, to.i, span.label), Span(doc, to.i + 1, span.end, span.label)]
    return parts if all(len(p) and valid(p) for p in parts) else [span]


@dataclass(frozen=True)
class ChangeEnd:
    """A figure's part in a change: ``role`` "from" or "to" ("rose from 5% to 7%"), or "by" (the
    size of the change: "rose by 2 points to 7%"); ``other`` is the index of its other end."""

    role: str
    other: int


def change_ends(spans: list[Span], words: Words) -> dict[int, ChangeEnd]:
    """The figures (``spans``, in text order) that are the ends of a change, by index: a figure
    after "from" or "by" of a change, "to", and the next figure, written right after it."""
    ends: dict[int, ChangeEnd] = {}
    for i, (first, second) in enumerate(pairwise(spans)):
        doc = first.doc
        if not first.start or first.end + 1 != second.start or doc[first.end].lower_ != "to":
            continue
        prep = doc[first.start - 1]
        if prep.lower_ in {"from", "by"} and _is_change(prep, words) and i not in ends:
            ends[i] = ChangeEnd(prep.lower_, i + 1)
            ends[i + 1] = ChangeEnd("to", i)
    return ends


def change_fields(ends: dict[int, ChangeEnd], i: int, values: Sequence[Decimal]) -> dict[str, Any]:
    """A record's ``change_role``, ``change_from`` and ``change_to``: the figure's part in a change and
    the change's ends (``values``: the figures' values, by index; "by" leaves ``change_from`` unsaid)."""
    end = ends.get(i)
    if end is None:
        return {"change_role": None, "change_from": None, "change_to": None}
    both = {end.role: values[i], ends[end.other].role: values[end.other]}
    return {"change_role": end.role, "change_from": both.get("from"), "change_to": both.get("to")}


IDIOM_LABEL = "FIGURE_IDIOM"


def idiom_ids(rules: RuleSet) -> frozenset[str]:
    """The ids of the rules for figures of speech that hold a number and state no figure: "the 1
    percent" (the richest), "a hundred percent sure", "my two cents", "the million-dollar question"
    (``FIGURE_IDIOM``). A stage matches them with its own rules: where an idiom is the longest match,
    its words make no claim."""
    return frozenset(rule.id for rule in rules.with_label(IDIOM_LABEL))
