"""The built pipeline: saved and loaded with spaCy's own machinery, and our faster stand-ins for
the model's components give the model's records."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from extract.faster import FASTER
from extract.pipeline import build_pipeline
from extract.run.extraction import extract_many

from .conftest import ROOT
from .shared import SHARED

DEV = SHARED / "dev"


def _texts() -> list[tuple[str, str]]:
    """The corpus, the annotated news set and 20 PolNeAR dev articles (where ../shared is beside the checkout)."""
    paths = sorted((ROOT / "corpus").glob("*.txt")) + sorted((DEV / "news" / "docs").glob("*.txt"))
    paths += sorted((DEV / "polnear" / "data" / "dev" / "text").glob("*.txt"))[:20]
    return [(str(p), p.read_text(encoding="utf-8")) for p in paths]


def _records(nlp, texts) -> dict[str, list[dict]]:
    return {doc_id: recs for doc_id, _, _, recs in extract_many(nlp, texts)}


def test_a_saved_pipeline_loads_with_spacy_load_and_gives_the_same_records(tmp_path, nlp):
    text = (ROOT / "corpus" / "000_3c7816c1a6259901.txt").read_text(encoding="utf-8")
    nlp.to_disk(tmp_path / "pipeline")
    script = (  # a fresh interpreter: spaCy finds our components through the package's entry points
        "import json, sys, spacy\n"
        "nlp = spacy.load(sys.argv[1])\n"
        "import extract\n"
        "print(json.dumps(extract.claims(sys.stdin.read(), nlp)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "pipeline")],
        input=text,
        capture_output=True,
        text=True,
        check=True,
        encoding="utf-8",
    )
    import extract

    assert json.loads(done.stdout) == extract.claims(text, nlp)
    assert (tmp_path / "pipeline" / "extract_quotes" / "rules.jsonl").exists()
    config = (tmp_path / "pipeline" / "config.cfg").read_text(encoding="utf-8")
    assert 'factory = "extract_quotes_v1"' in config and 'factory = "extract_paragraphs_v1"' in config


def test_the_attribute_rules_and_lemmatizer_by_lookup_give_the_model_s_records():
    texts = _texts()
    ours = build_pipeline(faster=("attribute_ruler", "lemmatizer"))
    stock = build_pipeline(faster=())
    assert "attribute_ruler" in stock.pipe_names and "extract_lemmatizer" in ours.pipe_names
    assert _records(ours, texts) == _records(stock, texts)


def test_windowed_ner_gives_the_whole_text_ner_s_records_but_for_a_few_speakers(nlp):
    """Entities without a capital or a number are not looked for, and an entity near a window's
    edge can differ: on these articles at most 1% of records differ, and only in who speaks (and
    so in the holder of a stance inside a quote)."""
    texts = _texts()
    windowed, whole = _records(nlp, texts), _records(build_pipeline(faster=("attribute_ruler", "lemmatizer")), texts)
    differ = total = 0
    for doc_id, recs in whole.items():
        ours = {(r["type"], r["start"], r["end"]): r for r in windowed[doc_id]}
        assert set(ours) == {(r["type"], r["start"], r["end"]) for r in recs}, doc_id  # the same claims
        for rec in recs:
            other = ours[rec["type"], rec["start"], rec["end"]]
            changed = {key for key in rec if rec[key] != other[key]}
            assert changed <= {
                "speaker",
                "speaker_mention",
                "speaker_start",
                "speaker_end",
                "speaker_role",
                "speaker_org",
                "holder",
            }
            differ += bool(changed)
            total += 1
    assert differ <= 0.01 * total


def _ner_config(tok2vec: dict) -> dict:
    return {
        "model": {
            "@architectures": "spacy.TransitionBasedParser.v2",
            "state_type": "ner",
            "extra_state_tokens": False,
            "hidden_width": 64,
            "maxout_pieces": 2,
            "use_upper": True,
            "tok2vec": tok2vec,
        }
    }


LISTENER = {"@architectures": "spacy.Tok2VecListener.v1", "width": 96, "upstream": "*"}
WIDE_CNN = {
    "@architectures": "spacy.HashEmbedCNN.v2",
    "pretrained_vectors": None,
    "width": 96,
    "depth": 4,
    "embed_size": 2000,
    "window_size": 2,
    "maxout_pieces": 3,
    "subword_features": True,
}


@pytest.mark.parametrize(
    ("encoder", "reason"), [(LISTENER, "not a convolutional encoder"), (WIDE_CNN, "reads 8 words")]
)
def test_a_model_the_windowed_ner_does_not_support_keeps_its_own_ner(encoder, reason, caplog):
    import logging

    import spacy

    from extract.faster import use_faster_components

    nlp = spacy.blank("en")
    nlp.add_pipe("tok2vec")
    nlp.add_pipe("ner", config=_ner_config(encoder))
    with caplog.at_level(logging.INFO, logger="extract"):
        use_faster_components(nlp, {"ner"})
    assert "ner" in nlp.pipe_names and "extract_entities" not in nlp.pipe_names
    assert reason in caplog.text and "keeping the model's ner" in caplog.text


def test_an_attribute_ruler_setting_other_attributes_is_kept():
    import spacy

    from extract.faster.tagging import unsupported_attribute_ruler

    nlp = spacy.blank("en")
    nlp.add_pipe("attribute_ruler").add([[{"LOWER": "x"}]], {"NORM": "y"})
    assert "NORM" in unsupported_attribute_ruler(nlp)
    assert {stock for stock, _, _ in FASTER} == {"attribute_ruler", "lemmatizer", "ner"}


@pytest.mark.parametrize("stock", ["attribute_ruler", "lemmatizer", "ner"])
def test_the_shipped_model_is_one_the_faster_components_support(stock, nlp):
    assert stock in nlp.disabled


def test_verbose_says_which_model_components_run(tmp_path, caplog):
    """``extract --verbose`` shows the ``extract`` logger's INFO lines: here, what stands in for what."""
    import logging

    from click.testing import CliRunner

    from extract.cli import main

    with caplog.at_level(logging.INFO, logger="extract"):
        build_pipeline(patterns=[tmp_path])  # a rule folder of its own: built afresh, not reused
    assert "extract_entities runs in place of the model's ner" in caplog.text
    result = CliRunner().invoke(main, ["--verbose", "patterns", "check", "--help"])
    assert result.exit_code == 0 and logging.getLogger("extract").level == logging.INFO
