"""Rules as data: loading and validating ``patterns/*.jsonl``.

Every line of a pattern file is one rule in spaCy's Matcher token-pattern format::

    {"id": "cue-speech", "label": "QUOTE_CUE", "pattern": [{"LEMMA": "say"}],
     "cue_kind": "speech", "speaker": "subject",
     "examples": ["He said it was late."], "counterexamples": ["It was late."]}

or, for a label of ``DEPENDENCY_LABELS``, in spaCy's DependencyMatcher format (a list of nodes,
each with ``RIGHT_ID`` and ``RIGHT_ATTRS``, every node after the first with ``LEFT_ID`` and
``REL_OP``), its fields naming the nodes that play a part::

    {"id": "speaker-subject", "label": "ATTRIBUTION", "step": "subject", "cue": "cue", "speaker": "speaker",
     "pattern": [{"RIGHT_ID": "cue", "RIGHT_ATTRS": {"POS": "VERB"}},
                 {"LEFT_ID": "cue", "REL_OP": ">", "RIGHT_ID": "speaker", "RIGHT_ATTRS": {"DEP": "nsubj"}}],
     "examples": ["He said it was late."], "counterexamples": ["Said to be late, it left."]}

``label`` says which stage uses the rule; each label has its own fields (``LABELS``). Unknown
keys are rejected, so a typo never silently turns a rule off. The test suite runs every rule's
examples and counterexamples, so adding a line and re-running the tests proves it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spacy.matcher import DependencyMatcher
from spacy.schemas import validate_token_pattern
from spacy.vocab import Vocab

from extract.rules.errors import PatternError
from extract.rules.words import Words, expand, shipped_words

COMMON_KEYS = {"id", "label", "pattern", "examples", "counterexamples", "comment"}

# label -> {field: allowed values (None: any string)}; every field listed is required.
LABELS: dict[str, dict[str, frozenset[str] | None]] = {
    # A word or phrase that introduces speech or a stated view. ``speaker`` says where the
    # source is: the verb's subject ("X said"), the object of a preposition in the cue
    # ("according to X"), or nowhere ("the conference heard": the subject only listened).
    # A ``naming`` cue ("called the plan a “disaster”") attributes only quoted words it governs.
    "QUOTE_CUE": {
        "cue_kind": frozenset({"speech", "belief", "finding", "naming"}),
        "speaker": frozenset({"subject", "object", "none"}),
    },
    # The shape of a money amount; the value comes from ``numbers.parse_money``.
    "MONEY": {},
    # The shape of a count or proportion; ``count_kind`` fixes how its value is read.
    # ``unit`` says where the counted noun is: the noun the match ends on, the phrase after
    # "of", the unit of another count in the same sentence (elided: "2 in the North"), or none.
    "COUNT": {
        "count_kind": frozenset({"count", "percent", "proportion", "percentage_point"}),
        "unit": frozenset({"noun", "of", "sentence", "none"}),
    },
    # A word before an amount or count that bounds or approximates it ("more than", "about").
    "QUALIFIER": {
        "comparator": frozenset({"eq", "over", "under", "about"}),
        "approx": frozenset({"true", "false"}),
    },
    # The same, after the figure ("$1bn-plus", "£5m or more", "50-odd"): used by the money stage.
    "QUALIFIER_AFTER": {
        "comparator": frozenset({"eq", "over", "under", "about"}),
        "approx": frozenset({"true", "false"}),
    },
    # The period an amount covers ("over two years", "a year", "by 2020").
    "PERIOD": {},
    # A figure of speech that holds a number and states no figure ("the 1 percent", "my two
    # cents"): no money or count claim is made on its words.
    "FIGURE_IDIOM": {},
    # An evaluative phrase and the position it takes.
    "STANCE": {
        "polarity": frozenset({"positive", "negative"}),
        "stance_kind": frozenset({"evaluation", "prediction", "necessity", "difficulty", "attitude"}),
    },
    # Words that negate or hedge a stance phrase in their clause.
    "NEGATION": {},
    "HEDGE": {},
    # A whole line of page furniture (menus, share prompts, subscription boxes).
    "FURNITURE": {},
    # A grammatical shape that links a cue to its source (a DependencyMatcher pattern): the node
    # ``cue`` is the cue's verb, the node ``speaker`` the source it proposes. ``step`` names the
    # attribution step that weighs the proposal (``extract.stages.quotes.sources``): ``subject``
    # ("X said", checked against quote marks and word order), ``agent`` (a naming verb's "by X").
    "ATTRIBUTION": {
        "step": frozenset({"subject", "agent"}),
        "cue": None,
        "speaker": None,
    },
}
DEPENDENCY_LABELS = {"ATTRIBUTION"}  # labels whose patterns are DependencyMatcher patterns
NODE_FIELDS = {"cue", "speaker"}  # fields of those labels that name a node of the pattern


@dataclass(frozen=True)
class Rule:
    id: str
    label: str
    pattern: list[dict[str, Any]]
    fields: dict[str, str] = field(default_factory=dict)
    examples: tuple[str, ...] = ()
    counterexamples: tuple[str, ...] = ()
    origin: str = ""  # "file:line", for error messages

    def as_json(self) -> dict[str, Any]:
        """The rule as a pattern-file line (``parse_rule`` reads it back)."""
        return {
            "id": self.id,
            "label": self.label,
            "pattern": self.pattern,
            **self.fields,
            "examples": list(self.examples),
            "counterexamples": list(self.counterexamples),
        }


def parse_rule(obj: Any, origin: str, words: Words | None = None) -> Rule:
    """Validate one decoded JSON line and turn it into a Rule; ``"@name"`` in its pattern stands
    for the word list ``name`` (of ``words``, default the shipped lists)."""
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
    if not all(isinstance(token, dict) for token in pattern):
        raise PatternError(f"{origin}: rule {rule_id!r}: 'pattern' must be a non-empty list of token dicts")
    pattern = expand(pattern, words or shipped_words(), f"{origin}: rule {rule_id!r}")
    if label in DEPENDENCY_LABELS:
        _check_dependency_pattern(pattern, obj, f"{origin}: rule {rule_id!r}")
    else:
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


def _check_dependency_pattern(pattern: list[dict[str, Any]], obj: dict[str, Any], where: str) -> None:
    """A DependencyMatcher pattern spaCy accepts, whose node fields name nodes it has."""
    errors = validate_token_pattern([node.get("RIGHT_ATTRS", {}) for node in pattern])
    if errors:
        raise PatternError(f"{where}: invalid node attributes: {'; '.join(errors)}")
    try:
        DependencyMatcher(Vocab()).add("check", [pattern])
    except (ValueError, KeyError, TypeError) as err:
        raise PatternError(f"{where}: invalid dependency pattern: {err}") from None
    nodes = {node.get("RIGHT_ID") for node in pattern}
    for name in sorted(NODE_FIELDS & set(obj)):
        if obj[name] not in nodes:
            raise PatternError(f"{where}: {name!r} must name a node of the pattern ({sorted(map(str, nodes))})")


def _strings(value: Any, key: str, rule_id: str, origin: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise PatternError(f"{origin}: rule {rule_id!r}: {key!r} must be a list of non-empty strings")
    return tuple(value)


def read_pattern_file(path: Path, words: Words | None = None) -> list[Rule]:
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
        rules.append(parse_rule(obj, origin, words))
    return rules
