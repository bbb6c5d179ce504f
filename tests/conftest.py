"""Shared fixtures: one trained pipeline for the whole session (loading it costs a second)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
GOLD = ROOT / "tests" / "gold" / "gold.jsonl"


@pytest.fixture(scope="session", autouse=True)
def cache_dir(tmp_path_factory):
    """Runs in the tests cache under a temporary folder, never in the user's ~/.cache."""
    folder = tmp_path_factory.mktemp("cache")
    previous = os.environ.get("EXTRACT_CACHE_DIR")
    os.environ["EXTRACT_CACHE_DIR"] = str(folder)
    yield folder
    if previous is None:
        del os.environ["EXTRACT_CACHE_DIR"]
    else:
        os.environ["EXTRACT_CACHE_DIR"] = previous


@pytest.fixture(scope="session")
def nlp():
    import extract

    return extract.load()


@pytest.fixture(scope="session")
def corpus_records(nlp):
    """The records of a run over the corpus, by document id."""
    from extract.pipeline import extract_many

    items = [(p.name, p.read_text(encoding="utf-8")) for p in sorted(CORPUS.glob("*.txt"))]
    return {doc_id: (text, recs) for doc_id, text, _, recs in extract_many(nlp, items)}
