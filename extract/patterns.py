"""Rules as data: loading and validating ``patterns/*.jsonl``.

Every line of a pattern file is one rule in spaCy's Matcher token-pattern format::

    {"id": "cue-speech", "label": "QUOTE_CUE", "pattern": [{"LEMMA": "say"}],
     "cue_kind": "speech", "speaker": "subject",
     "examples": ["He said it was late."], "counterexamples": ["It was late."]}

``label`` says which stage uses the rule; each label has its own fields (``LABELS``). Unknown
keys are rejected, so a typo never silently turns a rule off. The test suite runs every rule's
examples and counterexamples, so adding a line and re-running the tests proves it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import numpy
from spacy.attrs import IDS as ATTR_IDS
from spacy.matcher import Matcher
from spacy.parts_of_speech import IDS as POS_IDS
from spacy.schemas import validate_token_pattern
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

COMMON_KEYS = {"id", "label", "pattern", "examples", "counterexamples", "comment"}

# label -> {field: allowed values (None: any string)}; every field listed is required.
LABELS: dict[str, dict[str, frozenset[str] | None]] = {
    # A word or phrase that introduces speech or a stated view. ``speaker`` says where the
    # source is: the verb's subject ("X said"), the object of a preposition in the cue
    # ("according to X"), or nowhere ("the conference heard": the subject only listened).
    "QUOTE_CUE": {
        "cue_kind": frozenset({"speech", "belief", "finding"}),
        "speaker": frozenset({"subject", "object", "none"}),
    },
    # The shape of a money amount; the value comes from ``numbers.parse_money``.
    "MONEY": {},
    # The shape of a count or proportion; ``count_kind`` fixes how its value is read.
    # ``unit`` says where the counted noun is: the noun the match ends on, the phrase after
    # "of", the unit of another count in the same sentence (elided: "2 in the North"), or none.
    "COUNT": {
        "count_kind": frozenset({"count", "percent", "proportion"}),
        "unit": frozenset({"noun", "of", "sentence", "none"}),
    },
    # A word before an amount or count that bounds or approximates it ("more than", "about").
    "QUALIFIER": {
        "comparator": frozenset({"eq", "over", "under", "about"}),
        "approx": frozenset({"true", "false"}),
    },
    # The period an amount covers ("over two years", "a year", "by 2020").
    "PERIOD": {},
    # An evaluative phrase and the position it takes.
    "STANCE": {
        "polarity": frozenset({"positive", "negative"}),
        "stance_kind": frozenset({"evaluation", "prediction", "necessity", "difficulty"}),
    },
    # Words that negate or hedge a stance phrase in their clause.
    "NEGATION": {},
    "HEDGE": {},
    # A whole line of page furniture (menus, share prompts, subscription boxes).
    "FURNITURE": {},
}


class PatternError(ValueError):
    """A malformed rule; the message names file, line and what to fix."""


@dataclass(frozen=True)
class Rule:
    id: str
    label: str
    pattern: list[dict[str, Any]]
    fields: dict[str, str] = field(default_factory=dict)
    examples: tuple[str, ...] = ()
    counterexamples: tuple[str, ...] = ()
    origin: str = ""  # "file:line", for error messages


def default_patterns_dir() -> Path:
    """The rules shipped with the package (``patterns/`` of the source tree in a checkout)."""
    shipped = Path(str(resources.files("extract") / "patterns"))
    if shipped.is_dir():
        return shipped
    return Path(__file__).resolve().parent.parent / "patterns"


def parse_rule(obj: Any, origin: str) -> Rule:
    """Validate one decoded JSON line and turn it into a Rule."""
    if not isinstance(obj, dict):
        raise PatternError(f"{origin}: expected a JSON object, got {type(obj).__name__}")
    label = obj.get("label")
    if not isinstance(label, str) or label not in LABELS:
        raise PatternError(f"{origin}: 'label' must be one of {sorted(LABELS)}, got {label!r}")
    own = LABELS[label]
    unknown = set(obj) - COMMON_KEYS - set(own)
    if unknown:
        allowed = sorted(COMMON_KEYS | set(own))
        raise PatternError(f"{origin}: unknown key(s) {sorted(unknown)}; expected: {allowed}")
    rule_id = obj.get("id")
    if not isinstance(rule_id, str) or not rule_id.strip() or rule_id != rule_id.strip():
        raise PatternError(f"{origin}: 'id' must be a non-empty string without spaces around it")
    pattern = obj.get("pattern")
    if not isinstance(pattern, list) or not pattern:
        raise PatternError(f"{origin}: rule {rule_id!r}: 'pattern' must be a non-empty list of token dicts")
    errors = validate_token_pattern(pattern)
    if errors:
        raise PatternError(f"{origin}: rule {rule_id!r}: invalid token pattern: {'; '.join(errors)}")
    fields: dict[str, str] = {}
    for name, allowed in own.items():
        value = obj.get(name)
        if value is None:
            raise PatternError(f"{origin}: rule {rule_id!r}: missing {name!r} (needed for {label})")
        value = str(value).lower() if isinstance(value, bool) else value
        if not isinstance(value, str) or (allowed is not None and value not in allowed):
            raise PatternError(
                f"{origin}: rule {rule_id!r}: {name!r} must be one of {sorted(allowed or [])}, got {value!r}"
            )
        fields[name] = value
    examples = _strings(obj.get("examples", []), "examples", rule_id, origin)
    counterexamples = _strings(obj.get("counterexamples", []), "counterexamples", rule_id, origin)
    if not examples:
        raise PatternError(f"{origin}: rule {rule_id!r}: give at least one entry in 'examples'")
    return Rule(rule_id, label, pattern, fields, examples, counterexamples, origin)


def _strings(value: Any, key: str, rule_id: str, origin: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise PatternError(f"{origin}: rule {rule_id!r}: {key!r} must be a list of non-empty strings")
    return tuple(value)


def read_pattern_file(path: Path) -> list[Rule]:
    """All rules of one file; blank lines are allowed, anything else must be a rule."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as err:
        raise PatternError(f"{path}: cannot read pattern file: {err}") from err
    rules = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        origin = f"{path}:{number}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as err:
            raise PatternError(f"{origin}: not valid JSON ({err.msg} at column {err.colno})") from err
        rules.append(parse_rule(obj, origin))
    return rules


@dataclass(frozen=True)
class RuleSet:
    rules: tuple[Rule, ...]

    def with_label(self, *labels: str) -> list[Rule]:
        return [r for r in self.rules if r.label in labels]

    def by_id(self, rule_id: str) -> Rule:
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise KeyError(rule_id)

    def fingerprint(self, *labels: str) -> str:
        """Changes whenever a rule (of ``labels``, default all) changes: what was cached with
        other rules is stale. Examples and file positions do not count."""
        chosen = self.with_label(*labels) if labels else self.rules
        meaning = [(r.id, r.label, r.pattern, sorted(r.fields.items())) for r in chosen]
        return hashlib.sha256(json.dumps(meaning, sort_keys=True).encode("utf-8")).hexdigest()

    def matcher(self, vocab: Vocab, *labels: str) -> RuleMatcher:
        """One matcher over the rules with these labels; a match's label is its rule id."""
        return RuleMatcher(vocab, self.with_label(*labels))


# Token attributes a one-token rule can test by lookup: string-valued ones, and POS.
LOOKUP_ATTRS = {"ORTH", "TEXT", "LOWER", "NORM", "LEMMA", "TAG", "DEP", "ENT_TYPE", "POS"}


def _lookup_test(token: dict[str, Any]) -> list[tuple[str, str, numpy.ndarray]] | None:
    """A one-token pattern as (attribute, "IN" or "NOT_IN", value ids), or None when it needs the Matcher."""
    tests = []
    for key, wanted in token.items():
        if key not in LOOKUP_ATTRS:
            return None
        if isinstance(wanted, str):
            op, values = "IN", [wanted]
        elif isinstance(wanted, dict) and len(wanted) == 1 and next(iter(wanted)) in {"IN", "NOT_IN"}:
            (op, values), = wanted.items()
        else:
            return None
        if not all(isinstance(v, str) for v in values) or (key == "POS" and not set(values) <= set(POS_IDS)):
            return None
        ids = [POS_IDS[v] for v in values] if key == "POS" else [get_string_id(v) for v in values]
        tests.append(("ORTH" if key == "TEXT" else key, op, numpy.array(ids, dtype=numpy.uint64)))
    return tests


class RuleMatcher:
    """spaCy's Matcher, with one-token rules answered by lookup.

    The Matcher tries every rule at every token, and each ``IN`` test is a Python call: a
    one-token rule ("a form of say, tagged VERB") costs as much as a rule of five tokens. A
    one-token rule of equality and ``IN`` tests on string attributes and POS is answered from the
    doc's attribute arrays in one pass. Same matches, labelled with the rule id, as
    ``Matcher(doc, as_spans=True)`` gives with ``greedy="LONGEST"``.
    """

    def __init__(self, vocab: Vocab, rules: Iterable[Rule]):
        self.matcher = Matcher(vocab, validate=False)
        self.lookups: list[tuple[str, list[tuple[str, str, numpy.ndarray]]]] = []
        for rule in rules:
            tests = _lookup_test(rule.pattern[0]) if len(rule.pattern) == 1 else None
            if tests:
                self.lookups.append((rule.id, tests))
            else:
                self.matcher.add(rule.id, [rule.pattern], greedy="LONGEST")
        self.attrs = sorted({attr for _, tests in self.lookups for attr, _, _ in tests})

    def __call__(self, doc: Doc) -> list[Span]:
        spans = list(self.matcher(doc, as_spans=True)) if len(self.matcher) else []
        if self.lookups and len(doc):
            columns = doc.to_array([ATTR_IDS[a] for a in self.attrs]).reshape(len(doc), -1)
            column = {attr: columns[:, i] for i, attr in enumerate(self.attrs)}
            for rule_id, tests in self.lookups:
                hits = numpy.ones(len(doc), dtype=bool)
                for attr, op, ids in tests:
                    found = numpy.isin(column[attr], ids)
                    hits &= found if op == "IN" else ~found
                spans.extend(Span(doc, i, i + 1, label=rule_id) for i in numpy.flatnonzero(hits).tolist())
        return sorted(spans, key=lambda span: (span.start, -span.end))


def load_rules(dirs: Sequence[Path] | None = None) -> RuleSet:
    """The shipped rules plus those in ``dirs`` (``--patterns``); rule ids must be unique."""
    folders = [default_patterns_dir(), *(dirs or [])]
    rules: list[Rule] = []
    seen: dict[str, str] = {}
    for folder in folders:
        folder = Path(folder)
        if not folder.is_dir():
            raise PatternError(f"{folder}: patterns folder not found")
        for path in sorted(folder.glob("*.jsonl")):
            for rule in read_pattern_file(path):
                if rule.id in seen:
                    raise PatternError(
                        f"{rule.origin}: duplicate rule id {rule.id!r} (first defined at {seen[rule.id]}); rename one"
                    )
                seen[rule.id] = rule.origin
                rules.append(rule)
    return RuleSet(tuple(rules))


def check_files(paths: Iterable[Path]) -> list[str]:
    """Validate pattern files without a model; returns one message per problem found."""
    problems = []
    for path in paths:
        try:
            read_pattern_file(path)
        except PatternError as err:
            problems.append(str(err))
    return problems
