"""The figure tokenizer reads the word lists its settings name, and a saved pipeline keeps them."""

from __future__ import annotations

import shutil

import pytest
import spacy

from extract.model.tokenizer import FIGURE_TOKENIZER_NAME


def _blank(patterns: list[str] | None = None) -> spacy.Language:
    settings = {"@tokenizers": FIGURE_TOKENIZER_NAME} | ({"patterns": patterns} if patterns is not None else {})
    return spacy.blank("en", config={"nlp": {"tokenizer": settings}})


def test_the_shipped_lists_split_a_figure_into_sign_number_and_scale():
    assert [t.text for t in _blank()("It cost £3.5bn.")] == ["It", "cost", "£", "3.5", "bn", "."]


SPLITS = [
    ("1.5 billion-2 billion", ["1.5", "billion", "-", "2", "billion"]),  # a scale runs on into the high end
    ("$1.5 billion-$2 billion", ["$", "1.5", "billion", "-", "$", "2", "billion"]),
    ("the billion-dollar deal", ["the", "billion", "-", "dollar", "deal"]),  # no figure before: as it is
    ("90,000 K-1 visas", ["90,000", "K-1", "visas"]),  # a one-letter scale: a name
    ("P5 billion", ["P", "5", "billion"]),  # a one-letter sign before a scale word
    ("R5-billion", ["R", "5", "-", "billion"]),  # or before a hyphen and one
    ("R2-D2", ["R2", "-", "D2"]),
    ("p151", ["p151"]),  # a one-letter sign is a capital: this is a page
    ("P151", ["P", "151"]),
    ("50p", ["50", "p"]),
    ("$2.5MM", ["$", "2.5", "MM"]),
    ("5mm", ["5", "mm"]),
    ("KSh.2bn", ["KSh.", "2", "bn"]),
    ("Rs5cr", ["Rs", "5", "cr"]),
]


@pytest.mark.parametrize(("text", "tokens"), SPLITS)
def test_figures_split(text: str, tokens: list[str]) -> None:
    assert [t.text for t in _blank()(text)] == tokens


def test_a_sign_only_suffix_reads_as_its_scale_only_after_a_sign():
    """ "$2.5MM" is millions to the tagger; "5 mm" of rain stays millimetres."""
    doc = _blank()("Rain of 5mm fell as $2.5MM was raised.")
    assert {t.text: t.norm_ for t in doc if t.lower_ == "mm"} == {"mm": "mm", "MM": "million"}


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
