"""The figure tokenizer reads the word lists its settings name, and a saved pipeline keeps them."""

from __future__ import annotations

import shutil

import spacy

from extract.model.tokenizer import FIGURE_TOKENIZER_NAME


def _blank(patterns: list[str] | None = None) -> spacy.Language:
    settings = {"@tokenizers": FIGURE_TOKENIZER_NAME} | ({"patterns": patterns} if patterns is not None else {})
    return spacy.blank("en", config={"nlp": {"tokenizer": settings}})


def test_the_shipped_lists_split_a_figure_into_sign_number_and_scale():
    assert [t.text for t in _blank()("It cost £3.5bn.")] == ["It", "cost", "£", "3.5", "bn", "."]


def test_a_sign_from_a_folder_in_its_settings_is_split_off(tmp_path):
    (tmp_path / "words").mkdir()
    (tmp_path / "words" / "currency-signs.txt").write_text("btc\tXBT\n", encoding="utf-8")
    assert [t.text for t in _blank()("btc5bn")] == ["btc5bn"]
    assert [t.text for t in _blank([str(tmp_path)])("btc5bn")] == ["btc", "5", "bn"]


def test_a_saved_pipeline_keeps_the_lists_of_its_tokenizer(tmp_path):
    words = tmp_path / "mine"
    (words / "words").mkdir(parents=True)
    (words / "words" / "currency-signs.txt").write_text("btc\tXBT\n", encoding="utf-8")
    _blank([str(words)]).to_disk(tmp_path / "pipeline")
    shutil.rmtree(words)  # read from the saved pipeline, not from the folder
    assert [t.text for t in spacy.load(tmp_path / "pipeline")("btc5bn")] == ["btc", "5", "bn"]


def test_a_pipeline_saved_without_a_list_tokenizes_without_it(tmp_path):
    """A pipeline saved before the tokenizer read "sign-suffixes" and "currency-codes" still loads."""
    import srsly

    nlp = _blank()
    saved = srsly.msgpack_loads(nlp.tokenizer.to_bytes())
    for name in ("sign-suffixes", "currency-codes"):
        del saved["words"][name]
    nlp.tokenizer.from_bytes(srsly.msgpack_dumps(saved))
    assert [t.text for t in nlp("It cost £3.5bn, or $1.2b.")] == ["It", "cost", "£", "3.5", "bn", ",", "or", "$", "1.2b", "."]
