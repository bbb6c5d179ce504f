"""``RuleMatcher``: spaCy's Matcher's matches, with each rule read only around its anchor words.

A rule's tokens become ``Step``s of lookup tests on the doc's attribute arrays; a rule that
requires one token exactly (its anchor) is tried only where that token occurs. It runs on the
spaCy versions it was checked against (``CHECKED``; ``faster.rule_matcher`` decides).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy
from spacy.attrs import IDS as ATTR_IDS
from spacy.matcher import Matcher
from spacy.parts_of_speech import IDS as POS_IDS
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from extract.faster.checked import SPACY, Checked

CHECKED = Checked(SPACY)


class MatchRule(Protocol):
    """What a matcher reads of a rule (``rules.schema.Rule`` is one): its id and token pattern."""

    @property
    def id(self) -> str: ...

    @property
    def pattern(self) -> list[dict[str, Any]]: ...


class SpanMatcher(Protocol):
    """A matcher's answers: its rules' matches in a doc, each labelled with its rule id."""

    def __call__(self, doc: Doc) -> list[Span]: ...


# Token attributes a rule's token can test by lookup: string-valued ones, POS, and lexical flags.
LOOKUP_ATTRS = {"ORTH", "TEXT", "LOWER", "NORM", "LEMMA", "TAG", "DEP", "ENT_TYPE", "POS"}
FLAG_ATTRS = {
    "IS_ALPHA",
    "IS_ASCII",
    "IS_DIGIT",
    "IS_LOWER",
    "IS_UPPER",
    "IS_TITLE",
    "IS_PUNCT",
    "IS_SPACE",
    "IS_STOP",
    "IS_BRACKET",
    "IS_QUOTE",
    "IS_LEFT_PUNCT",
    "IS_RIGHT_PUNCT",
    "IS_CURRENCY",
    "LIKE_NUM",
    "LIKE_URL",
    "LIKE_EMAIL",
}
Test = tuple[str, str, numpy.ndarray]  # (attribute, "IN" or "NOT_IN", value ids)


def attribute_values(key: str, wanted: Any) -> tuple[str, str, list[Any]] | None:
    """One key of a token pattern as (attribute, "IN" or "NOT_IN", values), or None when only
    the Matcher can check it (a regex, an extension, a comparison)."""
    if key in FLAG_ATTRS and isinstance(wanted, bool):
        return key, "IN", [wanted]
    if key not in LOOKUP_ATTRS:
        return None
    if isinstance(wanted, str):
        op, values = "IN", [wanted]
    elif isinstance(wanted, dict) and len(wanted) == 1 and next(iter(wanted)) in {"IN", "NOT_IN"}:
        ((op, values),) = wanted.items()
    else:
        return None
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        return None
    if key == "POS" and not set(values) <= set(POS_IDS):
        return None
    return "ORTH" if key == "TEXT" else key, op, values


def _attribute_test(key: str, wanted: Any) -> Test | None:
    """One key of a token pattern as a lookup test on value ids."""
    found = attribute_values(key, wanted)
    if found is None:
        return None
    attr, op, values = found
    ids = [POS_IDS[v] if attr == "POS" else int(v) if attr in FLAG_ATTRS else get_string_id(v) for v in values]
    return attr, op, numpy.array(ids, dtype=numpy.uint64)


@dataclass(frozen=True)
class Step:
    """One token of a pattern, as the lookup tests it makes and how many tokens it covers."""

    tests: list[Test]  # every token it matches passes these (unless negated)
    exact: bool  # these tests are all it checks (no regex, no extension attribute)
    fewest: int
    most: int | None  # None: no limit
    negated: bool = False  # "!": one token that fails the tests

    @classmethod
    def of(cls, token: dict[str, Any]) -> Step | None:
        """None for an operator the Matcher has but this reading does not."""
        covers = _repeats(token.get("OP"))
        if covers is None:
            return None
        tests = [_attribute_test(key, wanted) for key, wanted in token.items() if key != "OP"]
        return cls([t for t in tests if t is not None], None not in tests, *covers, negated=token.get("OP") == "!")

    @property
    def narrows(self) -> bool:
        """Its lookup tests rule tokens out (a negated inexact step's tests say nothing)."""
        return bool(self.tests) and (self.exact or not self.negated)

    def hits(self, passes: _Lookup) -> numpy.ndarray:
        """The tokens it can take, as far as lookup knows."""
        return ~passes.all(self.tests) if self.negated else passes.all(self.tests)


def _repeats(op: Any) -> tuple[int, int | None] | None:
    """Fewest and most tokens a pattern token covers under its operator (None: no limit)."""
    fixed = {None: (1, 1), "1": (1, 1), "?": (0, 1), "!": (1, 1), "+": (1, None), "*": (0, None)}
    if op in fixed:
        return fixed[op]
    found = re.fullmatch(r"\{(\d*)(,?)(\d*)\}", op) if isinstance(op, str) else None
    if found is None or not (found[1] or found[3]):
        return None
    low, comma, high = found.groups()
    fewest = int(low) if low else 0
    return fewest, (int(high) if high else None) if comma else fewest


@dataclass(frozen=True)
class Anchored:
    """A rule read around an anchor: a token it requires exactly once, with a lookup test.
    Every match holds a token that passes the anchor's tests, so the rule is only tried there;
    of the tokens that could anchor it, each doc uses the one it has fewest of."""

    rule_id: str
    steps: list[Step]
    anchors: list[int]  # indices of the steps that can anchor it

    @classmethod
    def of(cls, rule_id: str, pattern: list[dict[str, Any]]) -> Anchored | None:
        """None when the rule has no anchor (or an operator this reading lacks)."""
        steps = [Step.of(token) for token in pattern]
        if None in steps:
            return None
        anchors = [
            i
            for i, step in enumerate(steps)  # type: ignore[union-attr]
            if (step.fewest, step.most) == (1, 1) and not step.negated and any(op == "IN" for _, op, _ in step.tests)  # type: ignore[union-attr]
        ]
        return cls(rule_id, steps, anchors) if anchors else None  # type: ignore[arg-type]

    @property
    def exact(self) -> bool:
        """Every step is lookup tests: the matches can be read from the arrays alone."""
        return all(step.exact for step in self.steps)

    @property
    def fixed(self) -> bool:
        """Every step is one token: a match is as long as the pattern."""
        return all((step.fewest, step.most) == (1, 1) for step in self.steps)

    def possible(self, passes: _Lookup) -> bool:
        """Every word, tag or flag its anchors ask for is somewhere in the doc."""
        return all(passes.present(test) for i in self.anchors for test in self.steps[i].tests if test[1] == "IN")

    def around(self, passes: _Lookup) -> tuple[list[int], list[Step], list[Step]]:
        """The anchor positions in this doc, and the steps before (read outward) and after."""
        hits = [passes.all(self.steps[i].tests) for i in self.anchors]
        k = min(range(len(hits)), key=lambda j: int(numpy.count_nonzero(hits[j])))
        anchor = self.anchors[k]
        return numpy.flatnonzero(hits[k]).tolist(), self.steps[:anchor][::-1], self.steps[anchor + 1 :]


class RuleMatcher:
    """spaCy's Matcher, run only where a rule can match.

    The Matcher tries every rule at every token, and each ``IN`` test is a Python call: a
    label's rules cost as much on a sentence that holds none of their words as on one that
    does. Here each rule is read around its ``Anchored`` token, found by lookup in the doc's
    attribute arrays. A rule made only of lookup tests is matched from the arrays outward from
    each anchor; any other rule goes to spaCy's Matcher, run only on the stretches of text
    within reach of its anchors (on the whole doc if it has none). The matches are those of
    ``Matcher(doc, as_spans=True)`` with ``greedy="LONGEST"``; where two rules match the same
    words, the one listed first comes first.
    """

    def __init__(self, vocab: Vocab, rules: Iterable[MatchRule], *, longest: bool = True):
        """``longest=False``: every match, as ``Matcher`` without ``greedy`` gives them. Rules
        may share an id (several patterns of one rule)."""
        self.matcher = Matcher(vocab, validate=False)  # without greedy: it sees stretches, not the doc
        self.longest = longest
        self.order: dict[str, int] = {}
        self.exact: list[Anchored] = []
        self.anchors: list[Anchored | None] = []  # of the Matcher's rules
        for rule in rules:
            self.order.setdefault(rule.id, len(self.order))
            anchored = Anchored.of(rule.id, rule.pattern)
            if anchored is not None and anchored.exact:
                self.exact.append(anchored)
            else:
                self.matcher.add(rule.id, [rule.pattern])
                self.anchors.append(anchored)
        read = (*self.exact, *filter(None, self.anchors))
        self.table = _TestTable(test for rule in read for step in rule.steps for test in step.tests)

    def __call__(self, doc: Doc) -> list[Span]:
        if not len(doc):
            return []
        passes = self.table.read(doc)
        found: dict[str, set[tuple[int, int]]] = {}
        for rule in self.exact:
            if not rule.possible(passes):
                continue
            pairs = found.setdefault(rule.rule_id, set())
            if rule.fixed:  # one token a step: where every step's tokens line up
                pairs.update((start, start + len(rule.steps)) for start in passes.lined_up(rule.steps))
                continue
            positions, before, after = rule.around(passes)
            for at in positions:
                rights = passes.reach(after, at + 1, 1) if after else {0}  # once per anchor, not per left end
                if rights:
                    lefts = passes.reach(before, at - 1, -1)
                    pairs.update((at - left, at + 1 + right) for left in lefts for right in rights)
        if len(self.matcher):
            for lo, hi in self._stretches(passes):
                for key, start, end in self.matcher(doc[lo:hi]):
                    found.setdefault(doc.vocab.strings[key], set()).add((lo + start, lo + end))
        spans = [
            Span(doc, start, end, label=rule_id)
            for rule_id, pairs in found.items()
            for start, end in (_longest(pairs) if self.longest else pairs)
        ]
        return sorted(spans, key=lambda span: (span.start, -span.end, self.order[span.label_]))

    def _stretches(self, passes: _Lookup) -> list[tuple[int, int]]:
        """The disjoint stretches of the doc that hold every match of the Matcher's rules: the
        tokens around each anchor that the rule's other steps could take."""
        n = passes.length
        if None in self.anchors:
            return [(0, n)]
        inside = numpy.zeros(n, dtype=bool)
        for rule in filter(lambda r: r.possible(passes), self.anchors):  # type: ignore[union-attr]
            positions, before, after = rule.around(passes)  # type: ignore[union-attr]
            for at in positions:
                inside[at - passes.furthest(before, at - 1, -1) : at + 1 + passes.furthest(after, at + 1, 1)] = True
        edges = numpy.flatnonzero(numpy.diff(numpy.concatenate(([False], inside, [False])).astype(numpy.int8)))
        return list(zip(edges[::2].tolist(), edges[1::2].tolist(), strict=True))


def _longest(pairs: set[tuple[int, int]]) -> list[tuple[int, int]]:
    """The Matcher's greedy="LONGEST" filter: longest first, then leftmost; none share a token."""
    kept: list[tuple[int, int]] = []
    taken: set[int] = set()
    for start, end in sorted(pairs, key=lambda p: (p[1] - p[0], -p[0]), reverse=True):
        if taken.isdisjoint(range(start, end)):
            kept.append((start, end))
            taken.update(range(start, end))
    return kept


class _TestTable:
    """Every lookup test of a matcher, answered for all the tokens of a doc at once.

    For each attribute, the values its tests name are sorted once, with a row per value saying
    which tests it passes; a doc's column of that attribute then maps to rows by a binary
    search. One ``numpy.isin`` per test costs more than the rest of a match.
    """

    def __init__(self, tests: Iterable[Test]):
        by_attr: dict[str, dict[int, Test]] = {}
        for test in tests:
            by_attr.setdefault(test[0], {})[id(test)] = test
        self.attrs = sorted(by_attr)
        self.slots: dict[int, int] = {}  # id(test) -> its column in its attribute's rows
        self.rows: dict[str, tuple[numpy.ndarray, numpy.ndarray]] = {}
        for attr, found in by_attr.items():
            values = numpy.array(sorted({v for _, _, ids in found.values() for v in ids.tolist()}), dtype=numpy.uint64)
            member = numpy.zeros((len(values) + 1, len(found)), dtype=bool)  # row 0: a value no test names
            for j, (key, (_, _, ids)) in enumerate(found.items()):
                member[numpy.searchsorted(values, ids) + 1, j] = True
                self.slots[key] = j
            self.rows[attr] = values, member

    def read(self, doc: Doc) -> _Lookup:
        columns = doc.to_array([ATTR_IDS[a] for a in self.attrs]).reshape(len(doc), -1) if self.attrs else None
        passed = {}
        for i, attr in enumerate(self.attrs):
            values, member = self.rows[attr]
            column = columns[:, i]  # type: ignore[index]
            at = numpy.searchsorted(values, column)
            named = values[numpy.minimum(at, len(values) - 1)] == column if len(values) else False
            passed[attr] = member[numpy.where(named, at + 1, 0)]
        return _Lookup(passed, self.slots, len(doc))


@dataclass
class _Lookup:
    """Which tokens of one doc pass the lookup tests of a matcher."""

    passed: dict[str, numpy.ndarray]  # attribute -> tokens x tests
    slots: dict[int, int]
    length: int
    memo: dict[int, numpy.ndarray] = field(default_factory=dict)
    somewhere: dict[str, list[bool]] = field(default_factory=dict)  # attribute -> tests some token passes

    def present(self, test: Test) -> bool:
        """Some token passes this test: one pass over each attribute answers it for every test."""
        if test[0] not in self.somewhere:
            self.somewhere[test[0]] = self.passed[test[0]].any(axis=0).tolist()
        return self.somewhere[test[0]][self.slots[id(test)]]

    def all(self, tests: list[Test]) -> numpy.ndarray:
        """Tokens that pass every test (a list is built once per rule: its id is its key)."""
        if id(tests) not in self.memo:
            hits = numpy.ones(self.length, dtype=bool)
            for test in tests:
                found = self.passed[test[0]][:, self.slots[id(test)]]
                hits &= found if test[1] == "IN" else ~found
            self.memo[id(tests)] = hits
        return self.memo[id(tests)]

    def lined_up(self, steps: list[Step]) -> list[int]:
        """Where a run of one-token steps matches: the tokens passing each step, shifted into line."""
        span = len(steps)
        if span > self.length:
            return []
        starts = numpy.ones(self.length - span + 1, dtype=bool)
        for j, step in enumerate(steps):
            starts &= step.hits(self)[j : self.length - span + 1 + j]
        return numpy.flatnonzero(starts).tolist()

    def reach(self, steps: list[Step], at: int, direction: int) -> set[int]:
        """How many tokens, read from ``at`` in ``direction``, the steps can cover exactly."""
        lengths: set[int] = set()

        def walk(i: int, pos: int, taken: int) -> None:
            if i == len(steps):
                lengths.add(taken)
                return
            step, hits, count = steps[i], steps[i].hits(self), 0
            while True:
                if count >= step.fewest:
                    walk(i + 1, pos, taken)
                if count == step.most or not 0 <= pos < self.length or not hits[pos]:
                    return
                pos, taken, count = pos + direction, taken + 1, count + 1

        walk(0, at, 0)
        return lengths

    def furthest(self, steps: list[Step], at: int, direction: int) -> int:
        """At most how many tokens, from ``at`` in ``direction``, a match of the steps can take:
        each taken token passes its own step's lookup tests, and no step takes more than it may."""
        most = [step.most for step in steps]
        limit = (at + 1 if direction < 0 else self.length - at) if None in most else sum(most)  # type: ignore[arg-type]
        limit = min(limit, at + 1 if direction < 0 else self.length - at)
        if not all(step.narrows for step in steps):  # a step that can take any token
            return limit
        taken = 0
        while taken < limit and any(step.hits(self)[at + direction * taken] for step in steps):
            taken += 1
        return taken
