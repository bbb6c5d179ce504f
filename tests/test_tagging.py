"""The indexed attribute rules give exactly what the model's own attribute_ruler gives."""

from __future__ import annotations

import spacy
from spacy.tokens import DocBin

from extract.faster.tagging import IndexedAttributeRuler
from extract.model.loading import DEFAULT_MODEL

from .conftest import CORPUS

SENTENCES = [
    "I ain't gonna pay it, and you can't make me.",
    "There is a problem: it was them, not us, who did it.",
    "She'd have done it  \n\n  if they'd asked.   Wanna go?",
    "But the U.S. Senate passed the bill 52-48 on Tuesday; the House did not.",
    "“Which one?” he asked. That's the one whose owner left.",
]


def test_same_annotations_as_the_model_attribute_ruler():
    nlp = spacy.load(DEFAULT_MODEL)
    texts = SENTENCES + [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    with nlp.select_pipes(disable=["attribute_ruler", "lemmatizer"]):
        data = DocBin(docs=list(nlp.pipe(texts))).to_bytes()
    reference = [nlp.get_pipe("attribute_ruler")(d) for d in DocBin().from_bytes(data).get_docs(nlp.vocab)]
    fast = IndexedAttributeRuler(nlp.get_pipe("attribute_ruler"))
    ours = [fast(d) for d in DocBin().from_bytes(data).get_docs(nlp.vocab)]

    def attrs(doc):
        return [(t.text, t.pos_, str(t.morph), t.lemma_, t.tag_, t.dep_) for t in doc]

    for expected, got in zip(reference, ours, strict=True):
        assert attrs(got) == attrs(expected)


def test_same_lemmas_as_the_model_lemmatizer():
    from extract.faster.tagging import IndexedLemmatizer

    nlp = spacy.load(DEFAULT_MODEL)
    texts = SENTENCES + [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    with nlp.select_pipes(disable=["lemmatizer"]):
        data = DocBin(docs=list(nlp.pipe(texts))).to_bytes()
    reference = [nlp.get_pipe("lemmatizer")(d) for d in DocBin().from_bytes(data).get_docs(nlp.vocab)]
    fast = IndexedLemmatizer(nlp.get_pipe("lemmatizer"))
    ours = [fast(d) for d in DocBin().from_bytes(data).get_docs(nlp.vocab)]
    for expected, got in zip(reference, ours, strict=True):
        assert [t.lemma_ for t in got] == [t.lemma_ for t in expected]


def test_lemmatizer_whose_rules_are_overridden_runs_as_it_is():
    """The set lookup stands in for spaCy's own ``rule_lemmatize`` only: a subclass's runs."""
    from spacy.lang.en.lemmatizer import EnglishLemmatizer

    from extract.faster.tagging import IndexedLemmatizer

    class Shouting(EnglishLemmatizer):
        def rule_lemmatize(self, token):
            return [token.text.upper()]

    nlp = spacy.load(DEFAULT_MODEL)
    stock = nlp.get_pipe("lemmatizer")
    shouting = Shouting(nlp.vocab, stock.model, mode="rule")
    shouting.lookups = stock.lookups
    with nlp.select_pipes(disable=["lemmatizer"]):
        doc = nlp("The ministers were saying it.")
    expected = [t.lemma_ or t.text.upper() for t in doc]  # a lemma the attribute ruler set stays
    assert [t.lemma_ for t in IndexedLemmatizer(shouting)(doc)] == expected
    assert "MINISTERS" in expected
