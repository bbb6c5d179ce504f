"""Accuracy on articles the corpus does not hold: the development sets in ``../shared/dev``
(beside the checkout, as CI has them), scored by the shared scorers. Floors are set at what the
pipeline reaches and are only ever raised. Skipped where ``../shared`` is absent."""

from __future__ import annotations

import contextlib
import io
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from extract.cli import main as cli
from extract.kb.io import write_jsonl
from extract.run.extraction import extract_many

from .shared import SHARED, reference_tool

NEWS = SHARED / "dev" / "news"
POLNEAR = SHARED / "dev" / "polnear"

pytestmark = pytest.mark.skipif(not (SHARED / "tools").is_dir(), reason="../shared is not beside the checkout")

# metric -> floor, for ../shared/dev/news (score.py's summary: type, then measure)
NEWS_FLOORS = {
    ("quote", "f1"): 0.96,
    ("quote", "e2e_f1"): 0.92,
    ("quote", "speaker_acc"): 0.955,
    ("money", "f1"): 1.0,
    ("money", "e2e_f1"): 1.0,
    ("count", "f1"): 1.0,
    ("count", "e2e_f1"): 0.98,
    ("stance", "f1"): 0.80,
    ("stance", "value_acc"): 0.99,
}
# metric -> floor, for PolNeAR dev (score_polnear.py's summary)
POLNEAR_FLOORS = {"f1": 0.921, "speaker_acc": 0.933, "p": 0.9445, "r": 0.898}
# metric -> floor, for ../shared/dev/ggt's direct quotes (score_ggt.py's summary; strict: the
# canonical `speaker` must be the fullest name the article gives)
GGT_FLOORS = {"recall": 0.987, "precision": 0.947, "spk_acc_strict": 0.91, "e2e_f1_strict": 0.878}
# measure -> floor, for its indirect and mixed quotes (the summary's "indirect_mixed" row)
GGT_INDIRECT_FLOORS = {"R": 0.825, "P": 0.805, "spk_strict": 0.846, "e2eF1_strict": 0.703}
GGT = SHARED / "dev" / "ggt"


def _kb(nlp, folder: Path, out: Path) -> Path:
    items = [(p.name, p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.txt"))]
    with out.open("w", encoding="utf-8") as handle:
        write_jsonl((r for _, _, _, recs in extract_many(nlp, items) for r in recs), handle)
    return out


def _quietly(main, argv: list[str]) -> dict:
    with contextlib.redirect_stdout(io.StringIO()):
        return main(argv)


@pytest.fixture(scope="module")
def news_scores(nlp, tmp_path_factory) -> dict:
    kb = _kb(nlp, NEWS / "docs", tmp_path_factory.mktemp("news") / "kb.jsonl")
    return _quietly(reference_tool("score").main, [str(NEWS / "docs"), str(NEWS / "gold.jsonl"), str(kb)])


@pytest.fixture(scope="module")
def polnear_scores(nlp, tmp_path_factory) -> dict:
    kb = _kb(nlp, POLNEAR / "data" / "dev" / "text", tmp_path_factory.mktemp("polnear") / "kb.jsonl")
    return _quietly(reference_tool("score_polnear").main, [str(POLNEAR), "dev", str(kb)])


@pytest.mark.parametrize(("metric", "floor"), NEWS_FLOORS.items(), ids=[f"{t}-{m}" for t, m in NEWS_FLOORS])
def test_dev_news_accuracy_stays_above_its_floor(news_scores, metric, floor):
    kind, measure = metric
    assert news_scores[kind][measure] >= floor


@pytest.mark.parametrize(("measure", "floor"), POLNEAR_FLOORS.items())
def test_polnear_dev_accuracy_stays_above_its_floor(polnear_scores, measure, floor):
    assert polnear_scores[measure] >= floor


@pytest.fixture(scope="module")
def ggt_summary(tmp_path_factory) -> str:
    """A real run (the documents list with each article's kept body is part of what is scored)."""
    kb = tmp_path_factory.mktemp("ggt") / "kb.jsonl"
    result = CliRunner().invoke(cli, ["run", str(GGT / "docs"), "-o", str(kb), "--no-cache", "--quiet"])
    assert result.exit_code == 0, result.stderr
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        reference_tool("score_ggt").main([str(GGT), str(kb)])
    return printed.getvalue()


@pytest.mark.parametrize(("measure", "floor"), GGT_FLOORS.items())
def test_ggt_direct_quotes_and_speakers_stay_above_their_floor(ggt_summary, measure, floor):
    assert json.loads(ggt_summary.splitlines()[-1])["product"][measure] >= floor


@pytest.mark.parametrize(("measure", "floor"), GGT_INDIRECT_FLOORS.items())
def test_ggt_indirect_and_mixed_quotes_stay_above_their_floor(ggt_summary, measure, floor):
    row = next(line for line in ggt_summary.splitlines() if line.split()[:1] == ["indirect_mixed"])
    assert float(dict(re.findall(r"(\w+)=\s*([\d.]+)", row))[measure]) >= floor
