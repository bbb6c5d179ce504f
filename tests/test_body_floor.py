"""The article body finder on whole web pages and on articles with furniture in the middle
(``../shared/dev``, beside the checkout as CI has it), scored by the shared body scorer. Floors are
set at what the finder reaches and only ever raised; skipped where ``../shared`` is absent."""

from __future__ import annotations

import contextlib
import gzip
import io
import json

import pytest

from extract.document.article import FurnitureDetector, find_article
from extract.rules.loading import load_rules

from .shared import SHARED, reference_tool

PAGES = SHARED / "dev" / "pages"
GGT = SHARED / "dev" / "ggt"

pytestmark = pytest.mark.skipif(not (SHARED / "tools").is_dir(), reason="../shared is not beside the checkout")


def _body_scores(documents) -> dict:
    """The shared body scorer's summary of a documents list of the pages."""
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        reference_tool("score_body").main([str(documents), "--pages", str(PAGES)])
    return json.loads(printed.getvalue().splitlines()[-1])


@pytest.fixture(scope="module")
def finder() -> FurnitureDetector:
    return FurnitureDetector(load_rules())


def test_the_body_kept_of_whole_web_pages_stays_above_its_floor(finder, tmp_path) -> None:
    documents = tmp_path / "documents.jsonl"
    with documents.open("w", encoding="utf-8") as out:
        for path in sorted((PAGES / "text").glob("*.txt")):
            article = find_article(path.read_text(encoding="utf-8"), finder)
            out.write(json.dumps({"doc_id": path.name, "body_spans": [list(s) for s in article.body_spans]}) + "\n")
    scores = _body_scores(documents)
    assert scores["recall"] >= 0.98 and scores["precision"] >= 0.90
    assert scores["recall_below_0.8"] <= 2


def test_the_body_kept_of_saved_html_pages_stays_above_its_floor(finder, tmp_path) -> None:
    """The same pages as saved HTML: trafilatura's extraction (read again favouring recall when it
    comes out short), then the body finder within it."""
    from extract.io.html import read_html

    documents = tmp_path / "documents.jsonl"
    with documents.open("w", encoding="utf-8") as out:
        for path in sorted((PAGES / "html").glob("*.html.gz")):
            doc_id = path.name.removesuffix(".html.gz")
            text = read_html(gzip.decompress(path.read_bytes()), "0").text
            (tmp_path / f"{doc_id}.txt").write_text(text, encoding="utf-8")
            spans = [list(s) for s in find_article(text, finder, extracted=True).body_spans]
            out.write(json.dumps({"doc_id": doc_id, "body_spans": spans, "text_path": f"{doc_id}.txt"}) + "\n")
    scores = _body_scores(documents)
    assert scores["recall"] >= 0.97 and scores["precision"] >= 0.965
    assert scores["recall_below_0.8"] <= 6


def test_no_direct_quote_is_lost_to_furniture_in_the_middle_of_an_article(finder) -> None:
    texts = {path.name: path.read_text(encoding="utf-8") for path in (GGT / "docs").glob("*.txt")}
    articles = {name: find_article(text, finder) for name, text in texts.items()}
    quotes = [json.loads(line) for line in (GGT / "gold.jsonl").read_text(encoding="utf-8").splitlines()]
    lost = [
        q["text"][:60]
        for q in quotes
        if q["kind"] == "direct" and not articles[q["doc_id"]].keeps(q["start"], q["end"])
    ]
    assert lost == []
