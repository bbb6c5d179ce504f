"""The whole pipeline in one place: the trained English model, then our stages in order.

    text ─ article (body, title, date) ─ tokenizer (figures split) ─ extract_paragraphs
         ─ tagger, parser, extract_attribute_rules and extract_lemmatizer (the model's, by lookup),
           extract_entities (the model's NER, around names and numbers only)
         ─ extract_money ─ extract_counts ─ extract_quotes ─ extract_stance ─ kb records

Money runs before counts (a number inside an amount is not a count) and quotes before stance
(a stance phrase inside a quote is held by its speaker).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import spacy
from spacy.language import Language

import extract.model.entities
import extract.model.tagging  # noqa: F401  (registers the factories)
import extract.stages.counts
import extract.stages.money
import extract.stages.quotes
import extract.stages.stance
from extract.document.article import furniture_detector, load_date_parser
from extract.model.loading import DEFAULT_MODEL, load_model, model_id
from extract.model.tokenizer import FigureTokenizer
from extract.rules.loading import load_rules

STAGES = ("extract_money", "extract_counts", "extract_quotes", "extract_stance")
# Stages that read the claims of earlier ones: counts skip the numbers of money amounts.
READS_CLAIMS_OF = {"extract_counts": ("extract_money",)}


def build_pipeline(
    model: str = DEFAULT_MODEL, patterns: Sequence[str | Path] = (), *, rules_only: bool = False
) -> Language:
    """The model plus our components, with the shipped rules and those of ``patterns`` folders.

    ``rules_only``: our stages on a blank English pipeline, for re-runs whose parses are all
    cached (it loads in a tenth of the time; ``extract_many`` raises ``ParseMissing`` otherwise).
    """
    rules = load_rules([Path(p) for p in patterns])
    cached_only = {"nlp": {"tokenizer": {"@tokenizers": "extract.cached_docs_only.v1"}}}
    nlp = spacy.blank("en", config=cached_only) if rules_only else load_model(model)
    nlp.tokenizer = FigureTokenizer(nlp.tokenizer)
    if "attribute_ruler" in nlp.pipe_names:  # the same rules, by lookup: see tagging.py
        nlp.add_pipe("extract_attribute_rules", after="attribute_ruler")
        nlp.remove_pipe("attribute_ruler")
    if "lemmatizer" in nlp.pipe_names:  # once per distinct word and tag: see tagging.py
        nlp.add_pipe("extract_lemmatizer", after="lemmatizer")
        nlp.remove_pipe("lemmatizer")
    if "ner" in nlp.pipe_names:  # only around names and numbers: see entities.py
        nlp.add_pipe("extract_entities", after="ner")
        nlp.remove_pipe("ner")
    nlp.add_pipe("extract_paragraphs", first=True)
    reads: dict[str, tuple[str, ...]] = {}  # stage -> the labels of the rules its output depends on
    for stage in STAGES:
        component = nlp.add_pipe(stage, last=True)
        component.add_rules(rules)
        reads[stage] = (*component.LABELS, *(label for name in READS_CLAIMS_OF.get(stage, ()) for label in reads[name]))
    nlp.meta["extract"] = {
        "patterns": [str(Path(p).resolve()) for p in patterns], "model": model_id(model), "rules_only": rules_only,
        "stages": {stage: rules.fingerprint(*labels) for stage, labels in reads.items()},
        "stage_rules": {stage: rules.meanings(*labels) for stage, labels in reads.items()},
        "furniture": rules.fingerprint("FURNITURE"),
    }
    if not rules_only:  # pages are read with the model: get the article finder ready with it
        furniture_detector(tuple(nlp.meta["extract"]["patterns"]), nlp.meta["extract"]["furniture"])
        load_date_parser()
    return nlp


