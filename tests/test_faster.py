"""The faster stand-ins run only on the spaCy versions and models they were checked against;
elsewhere the stock components run, with the same answers."""

from __future__ import annotations

import logging

import spacy

from extract.faster import StockMatcher, use_faster_components
from extract.faster.checked import MODELS, SPACY, Checked
from extract.faster.matcher import RuleMatcher
from extract.rules.loading import load_rules
from extract.rules.schema import DEPENDENCY_LABELS

from .conftest import CORPUS


def test_a_spacy_or_model_not_checked_says_so():
    checked = Checked(SPACY, {"en_core_web_sm": "==3.8.0"})
    assert checked.unchecked({"lang": "en", "name": "core_web_sm", "version": "3.8.0"}) is None
    assert "not en_core_web_sm 3.8.1" in checked.unchecked({"lang": "en", "name": "core_web_sm", "version": "3.8.1"})
    assert "not en_core_web_lg 3.8.0" in Checked(SPACY, MODELS).unchecked(
        {"lang": "en", "name": "core_web_lg", "version": "3.8.0"}
    )
    assert "spaCy >=9" in Checked(">=9").unchecked()


def test_on_a_spacy_not_checked_the_rules_run_through_spacy_s_matcher_with_the_same_matches(nlp, monkeypatch):
    rules = load_rules()
    labels = sorted({r.label for r in rules.rules} - {"FURNITURE", *DEPENDENCY_LABELS})  # token patterns only
    faster = rules.matcher(nlp.vocab, *labels)
    monkeypatch.setattr(spacy, "__version__", "9.0.0")
    stock = rules.matcher(nlp.vocab, *labels)
    assert isinstance(faster, RuleMatcher) and isinstance(stock, StockMatcher)
    for doc in nlp.pipe(p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))):
        assert [(s.start, s.end, s.label_) for s in stock(doc)] == [(s.start, s.end, s.label_) for s in faster(doc)]


def test_a_model_not_checked_keeps_its_own_components(caplog):
    nlp = spacy.blank("en")
    nlp.add_pipe("attribute_ruler").add([[{"TAG": "NN"}]], {"POS": "NOUN"})
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    with caplog.at_level(logging.INFO, logger="extract"):
        use_faster_components(nlp, {"attribute_ruler", "lemmatizer"})
    assert nlp.pipe_names == ["attribute_ruler", "lemmatizer"]
    assert "keeping the model's attribute_ruler" in caplog.text and "not en_pipeline 0.0.0" in caplog.text
