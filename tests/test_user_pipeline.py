"""Our stages in a user's own English pipeline, added in code or named in a config file: they need
a parser, part-of-speech tags, lemmas and entities upstream, and put their claims in doc.spans."""

from __future__ import annotations

import re

import spacy
from spacy.util import load_model_from_config

from extract.model.loading import DEFAULT_MODEL

TEXT = "“We will not give up,” said Jane Smith, the union's leader. The deal is worth £3.5bn.\n"
QUOTES = ["“We will not give up,”"]

CONFIG = f"""
[nlp]
lang = "en"
pipeline = ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner", "extract_quotes", "extract_money"]

[nlp.tokenizer]
@tokenizers = "extract.figure_tokenizer.v1"

[components]

[components.tok2vec]
source = "{DEFAULT_MODEL}"

[components.tagger]
source = "{DEFAULT_MODEL}"

[components.parser]
source = "{DEFAULT_MODEL}"

[components.attribute_ruler]
source = "{DEFAULT_MODEL}"

[components.lemmatizer]
source = "{DEFAULT_MODEL}"

[components.ner]
source = "{DEFAULT_MODEL}"

[components.extract_quotes]
factory = "extract_quotes_v1"
patterns = []

[components.extract_money]
factory = "extract_money_v1"
patterns = []
"""


def test_stages_added_to_a_packaged_english_pipeline_put_quotes_in_doc_spans():
    import extract  # noqa: F401  (registers the factories; an installed package does it by entry points)

    nlp = spacy.load(DEFAULT_MODEL, config={"nlp": {"tokenizer": {"@tokenizers": "extract.figure_tokenizer.v1"}}})
    nlp.add_pipe("extract_quotes_v1")
    nlp.add_pipe("extract_money_v1")
    doc = nlp(TEXT)  # as the README shows
    assert [span.text for span in doc.spans["quote"]] == QUOTES
    assert doc.spans["quote"][0]._.claim_fields.speaker == "Jane Smith"
    assert [span._.claim_fields.amount for span in doc.spans["money"]] == [3_500_000_000]


def test_stages_named_in_a_config_file_with_the_model_s_components_sourced(tmp_path):
    import extract  # noqa: F401

    (tmp_path / "config.cfg").write_text(CONFIG, encoding="utf-8")
    nlp = load_model_from_config(spacy.util.load_config(tmp_path / "config.cfg"), auto_fill=True)
    doc = nlp(TEXT)
    assert [span.text for span in doc.spans["quote"]] == QUOTES
    assert [span._.claim_fields.amount for span in doc.spans["money"]] == [3_500_000_000]
    nlp.to_disk(tmp_path / "saved")  # and saved with its rules: spacy.load runs the same
    again = spacy.load(tmp_path / "saved")(TEXT)
    assert [(s.text, s._.claim_fields) for s in again.spans["money"]] == [
        (s.text, s._.claim_fields) for s in doc.spans["money"]
    ]


def test_a_pipeline_saved_with_the_old_factory_names_loads_the_same(tmp_path):
    """Pipelines saved before the names carried versions name "extract_quotes" in config.cfg."""
    import extract

    nlp = extract.load()
    nlp.to_disk(tmp_path / "saved")
    config = tmp_path / "saved" / "config.cfg"
    config.write_text(re.sub(r'factory = "(extract_\w+)_v1"', r'factory = "\1"', config.read_text()), encoding="utf-8")
    old = spacy.load(tmp_path / "saved")
    assert old.get_pipe_meta("extract_quotes").factory == "extract_quotes"
    assert extract.claims(TEXT, old) == extract.claims(TEXT, nlp)
