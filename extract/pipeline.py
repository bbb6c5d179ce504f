"""The whole pipeline in one place: the trained English model, then our stages in order.

    text ─ article (body, title, date: document/) ─ tokenizer (figures split: model/tokenizer)
         ─ extract_paragraphs ─ tagger, parser
         ─ extract_attribute_rules, extract_lemmatizer (the model's, by lookup: faster/tagging)
         ─ extract_entities (the model's NER, around names and numbers only: faster/entities)
         ─ one ClaimStage per claim type (stages/registry): quotes, money, counts, stance
         ─ kb records (kb/records)

A stage runs after the stages whose claims it reads (counts skip the numbers of money amounts).
The model's components our faster ones stand in for stay in the pipeline, disabled, so a saved
pipeline (``nlp.to_disk``) loads with ``spacy.load`` and runs the same; where the loaded model is
not one a faster component supports or was checked against (``faster/``), the model's own
component runs instead (logged at INFO).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

import spacy
from spacy.language import Language

from extract.faster import use_faster_components
from extract.model.loading import DEFAULT_MODEL, load_model, model_id
from extract.model.tokenizer import FIGURE_TOKENIZER_NAME
from extract.rules.loading import RuleSet, load_rules
from extract.stages.base import ClaimStage
from extract.stages.registry import claim_type, stage_order

FIGURE_TOKENIZER = {"nlp": {"tokenizer": {"@tokenizers": FIGURE_TOKENIZER_NAME}}}
CACHED_DOCS_ONLY = {"nlp": {"tokenizer": {"@tokenizers": "extract.cached_docs_only.v1"}}}


@dataclass(frozen=True)
class PipelineSettings:
    """What a run needs to know of the pipeline it runs: kept in ``nlp.meta["extract"]``, so it is
    saved with ``nlp.to_disk`` and read back by ``spacy.load``."""

    patterns: tuple[str, ...]  # the user's rule folders, resolved
    model: str  # ``model_id`` of the model: parses of another model or version are stale
    rules_only: bool  # no model: every parse must come from the cache
    stages: dict[str, str]  # stage -> fingerprint of the rules its output depends on
    stage_rules: dict[str, list[str]]  # stage -> those rules (``RuleSet.meanings``)
    furniture: str  # fingerprint of the furniture rules
    # stage -> the labels of those rules (its own and those of the stages it reads); a pipeline
    # saved before this was kept has none, and its stages then re-run on any change to them
    stage_labels: dict[str, list[str]] = field(default_factory=dict)

    @classmethod
    def of(cls, nlp: Language) -> PipelineSettings:
        meta = nlp.meta.get("extract")
        if meta is None:
            raise ValueError("this spaCy pipeline was not built by extract: use extract.load() or build_pipeline()")
        return cls(**{**meta, "patterns": tuple(meta["patterns"])})


def stage_names() -> list[str]:
    """The stage components, in the order they run."""
    return [kind.stage for kind in stage_order()]


def build_pipeline(
    model: str = DEFAULT_MODEL,
    patterns: Sequence[str | Path] = (),
    *,
    rules_only: bool = False,
    faster: Collection[str] = ("attribute_ruler", "lemmatizer", "ner"),
) -> Language:
    """The model plus our components, with the shipped rules and those of ``patterns`` folders.

    ``rules_only``: our stages on a blank English pipeline, for re-runs whose parses are all
    cached (it loads in a tenth of the time; ``extract_many`` raises ``ParseMissing`` otherwise).
    ``faster`` names the model's components to run by our faster stand-ins (``faster.FASTER``); leave
    one out to keep the model's own.
    """
    rules = load_rules([Path(p) for p in patterns])
    nlp = spacy.blank("en", config=CACHED_DOCS_ONLY) if rules_only else load_model(model, FIGURE_TOKENIZER)
    if "extract" not in nlp.meta:  # a pipeline saved by nlp.to_disk has its components already
        use_faster_components(nlp, faster)
        nlp.add_pipe("extract_paragraphs_v1", name="extract_paragraphs", first=True)
        for kind in stage_order():
            config = {"patterns": [str(p) for p in patterns]}
            nlp.add_pipe(kind.factory or kind.stage, name=kind.stage, last=True, config=config)
    reads = _stage_labels(nlp, rules)
    settings = PipelineSettings(
        patterns=rule_folders(patterns),
        model=model_id(model),
        rules_only=rules_only,
        stages={stage: rules.fingerprint(*labels) for stage, labels in reads.items()},
        stage_rules={stage: rules.meanings(*labels) for stage, labels in reads.items()},
        furniture=rules.fingerprint("FURNITURE"),
        stage_labels={stage: list(labels) for stage, labels in reads.items()},
    )
    nlp.meta["extract"] = asdict(settings)
    return nlp


def rule_folders(patterns: Sequence[str | Path]) -> tuple[str, ...]:
    """The user's rule folders as a pipeline keeps them (``PipelineSettings.patterns``)."""
    return tuple(str(Path(p).resolve()) for p in patterns)


def _stage_labels(nlp: Language, rules: RuleSet) -> dict[str, tuple[str, ...]]:
    """Give each stage the rules, and say which labels its output depends on: its own, and
    those of the stages whose claims it reads."""
    reads: dict[str, tuple[str, ...]] = {}
    for kind in stage_order():
        stage: ClaimStage = nlp.get_pipe(kind.stage)
        stage.initialize(rules=rules)
        reads[kind.stage] = (*stage.labels, *(label for name in kind.reads for label in reads[claim_type(name).stage]))
    return reads
