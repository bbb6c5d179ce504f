"""Shared fixtures: one trained pipeline for the whole session (loading it costs a second)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
# A cue rule the shipped rules lack ("she moaned that ..."), for tests that edit the rules between runs.
MOAN_CUE_RULE = {
    "id": "cue-moan",
    "label": "QUOTE_CUE",
    "cue_kind": "speech",
    "speaker": "subject",
    "pattern": [{"LEMMA": "moan", "POS": "VERB"}],
    "examples": ["She moaned that the bus was late."],
}
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
    from extract.run.extraction import extract_many

    items = [(p.name, p.read_text(encoding="utf-8")) for p in sorted(CORPUS.glob("*.txt"))]
    return {doc_id: (text, recs) for doc_id, text, _, recs in extract_many(nlp, items)}


# Two short articles quoting Jane Doe; the first starts with an emoji (2 UTF-16 code units).
SMALL_TEXTS = {
    "a.txt": (
        "Union claims victory\n\n3 March 2024\n\n"
        "😀 “We will win,” said Jane Doe, the union's leader, on Monday. The deal is worth £3.5bn.\n\n"
        "Half of the 40 members\nagree, and the plan is good, Jane Doe said.\n"
    ),
    "b.txt": (
        "Talks go on\n\n12 May 2024\n\n"
        "“It is a fair offer and we will take it,” Jane Doe, the union's leader, told reporters on Friday.\n\n"
        "“The talks were difficult,” said Tom Lee, the chief executive of Acme.\n"
    ),
}


@pytest.fixture(scope="session")
def small_kb(nlp) -> list[dict]:
    """The records of the two texts, as the pipeline makes them."""
    import extract

    return [r for doc_id, text in SMALL_TEXTS.items() for r in extract.claims(text, nlp, doc_id=doc_id)]
