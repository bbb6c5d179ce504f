"""What every claim stage shares: the ``Claim`` it adds to the doc's span groups (``add_claim``),
and ``ClaimStage``, the spaCy component base that loads, keeps and saves a stage's rules.

Claims live where spaCy users look: ``doc.spans[<type>]`` ("quote", "money", "count", "stance":
one group per registered claim type), one span per claim, labelled with the id of the rule that
made it. Each span carries, through ``Span._`` extensions:

- ``claim_fields``: the type's record fields (``QuoteFields``, ``MoneyFields``...);
- ``claim_parts``: its parts as spans, by name (a quote's ``content``, ``speaker`` mention and
  ``cue``; a money claim's ``amount``; a stance's ``target``);
- ``claim_offsets``: its exact character offsets. A span covers whole tokens, and a claim may
  start or end inside one (a quote mark glued to a word): the span is widened to the tokens, the
  offsets stay exact, and the KB records use them.

Two claims may cover the same characters, so the extensions read each span's own claim through
its ``span.id`` rather than being keyed by its offsets as stored extension values are.
``doc._.claims`` (``claims_of``) is a read-only list of the claims, built from the span groups.

A stage reads the rules of its labels (``labels``) and the word lists that come with them. Its
rules come from ``initialize`` (the shipped patterns plus the folders in its ``patterns``
setting, or a rule set given by ``build_pipeline`` so that all stages share one; a stage added to
a user's pipeline and not initialized loads them on its first doc), or from ``from_disk`` when a
saved pipeline is loaded with ``spacy.load``: the rules are saved with the pipeline, so it runs
the same anywhere.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, ClassVar

import srsly
from spacy.language import Language
from spacy.tokens import Doc, Span

from extract.rules.loading import RuleSet, load_rules
from extract.rules.schema import parse_rule
from extract.rules.words import Words
from extract.stages.registry import claim_type, claim_types


@dataclass
class Claim:
    """One extracted claim, with character offsets into the spaCy doc's text.

    ``fields`` is the claim type's own record fields: an instance of the dataclass its entry in
    ``extract.stages.registry`` names (``QuoteFields``, ``MoneyFields``...). ``parts`` holds the
    offsets of parts the fields do not locate (a quote's cue); a field pair ``<part>_start``,
    ``<part>_end`` locates the others (a quote's ``content``, its ``speaker``).
    """

    type: str
    start: int
    end: int
    rule: str
    fields: Any
    parts: dict[str, tuple[int, int]] = field(default_factory=dict)


STORE = ("extract", "claims")  # doc.user_data key: span.id -> the Claim the span stands for


def add_claim(doc: Doc, claim: Claim) -> Span:
    """Add a claim to ``doc.spans[claim.type]``, as a span widened to whole tokens."""
    claim_type(claim.type)  # a KeyError for a type nobody registered
    group = doc.spans.setdefault(claim.type, [])
    span = doc.char_span(
        claim.start, claim.end, label=claim.rule, alignment_mode="expand", span_id=f"{claim.type}-{len(group)}"
    )
    if span is None or not len(span):
        raise ValueError(f"a {claim.type} claim at {claim.start}-{claim.end} covers no token of the doc")
    doc.user_data.setdefault(STORE, {})[span.id] = claim
    group.append(span)
    return span


def claim_of(span: Span) -> Claim:
    """The claim a span of a claim group stands for."""
    try:
        return span.doc.user_data[STORE][span.id]
    except KeyError:
        raise KeyError(f"{span.text!r} is not a span of a claim group: claims are added by add_claim") from None


def _parts(span: Span) -> dict[str, Span]:
    claim = claim_of(span)
    names = {f.name for f in fields(claim.fields)}
    located = {
        name[: -len("_start")]: (getattr(claim.fields, name), getattr(claim.fields, name[: -len("start")] + "end"))
        for name in names
        if name.endswith("_start") and name[: -len("start")] + "end" in names
    }
    out = {}
    for name, (start, end) in (located | claim.parts).items():
        part = span.doc.char_span(start, end, alignment_mode="expand") if start is not None else None
        if part is not None and len(part):
            out[name] = part
    return out


def claim_spans(doc: Doc) -> list[tuple[Span, Claim]]:
    """Each span of the doc's claim groups with its claim, type by type in registry order."""
    return [(span, claim_of(span)) for kind in claim_types() for span in doc.spans.get(kind.name, ())]


def claims_of(doc: Doc) -> list[Claim]:
    """The doc's claims, from its span groups (a new list: add claims with ``add_claim``)."""
    return [claim for _, claim in claim_spans(doc)]


for _name, _getter in (
    ("claim_fields", lambda span: claim_of(span).fields),
    ("claim_parts", _parts),
    ("claim_offsets", lambda span: (claim_of(span).start, claim_of(span).end)),
):
    if not Span.has_extension(_name):
        Span.set_extension(_name, getter=_getter)
if not Doc.has_extension("claims"):
    Doc.set_extension("claims", getter=claims_of)


RULES_FILE = "rules.jsonl"
WORDS_FILE = "words.json"


class ClaimStage:
    """A spaCy component that adds one type of claim to ``doc.spans[<type>]``, driven by rules.

    Subclasses set ``labels`` (the rule labels whose rules shape their output) and implement
    ``use_rules`` (build matchers from a rule set) and ``find`` (add claims to a doc).
    """

    labels: ClassVar[tuple[str, ...]] = ()

    def __init__(self, nlp: Language, name: str, patterns: Sequence[str] = ()):
        self.vocab = nlp.vocab
        self.name = name
        self.patterns = list(patterns)  # the user's rule folders, beside the shipped rules
        self.rule_set: RuleSet | None = None

    def initialize(
        self,
        get_examples: Callable[[], Iterable[Any]] | None = None,
        *,
        nlp: Language | None = None,
        rules: RuleSet | None = None,
    ) -> None:
        """Load the rules: ``rules`` when given (one set shared by every stage), else the shipped
        patterns plus this stage's ``patterns`` folders."""
        if rules is None:
            rules = load_rules([Path(p) for p in self.patterns])
        self.use_rules(rules)
        self.rule_set = rules

    def use_rules(self, rules: RuleSet) -> None:
        """Build this stage's matchers from ``rules``."""
        raise NotImplementedError

    def find(self, doc: Doc) -> None:
        """Add this stage's claims to the doc, each with ``add_claim``."""
        raise NotImplementedError

    def __call__(self, doc: Doc) -> Doc:
        if self.rule_set is None:  # added to a pipeline and not initialized: the shipped rules
            self.initialize()
        self.find(doc)
        return doc

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        """Save the rules this stage reads (their own labels), so ``spacy.load`` runs the same rules."""
        if self.rule_set is None:
            self.initialize()
        assert self.rule_set is not None
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_jsonl(path / RULES_FILE, [rule.as_json() for rule in self.rule_set.with_label(*self.labels)])
        srsly.write_json(path / WORDS_FILE, self.rule_set.words.lists)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> ClaimStage:
        file = Path(path) / RULES_FILE
        words = Words(srsly.read_json(Path(path) / WORDS_FILE))
        rules = RuleSet(
            tuple(parse_rule(obj, f"{file}:{n}", words) for n, obj in enumerate(srsly.read_jsonl(file), 1)), words
        )
        self.use_rules(rules)
        self.rule_set = rules
        return self
