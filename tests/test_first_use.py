"""What a new user meets first (issue 26): a KB read from any folder, the default number of
workers, eval saying what it did not cover, one-line errors for outputs that cannot be written,
install advice that works from a wheel, a speakers table that fits a terminal, and the review
page's "add" refusing what no claim can be."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from extract.cli import main
from extract.run.texts import listed_path
from extract.run.workers import CHUNK, default_workers, shrinking_chunks, usable_cores
from extract.tools.report.page import counted
from extract.tools.review.fields import added_quote, spans_paragraphs, word_edges
from extract.tools.speaker_index import format_table

from .conftest import CORPUS, ROOT

IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
ONE = sorted(CORPUS.glob("*.txt"))[0]


@pytest.fixture(scope="module")
def kb_elsewhere(tmp_path_factory) -> Path:
    """A KB of one corpus article, written from the repository root into a folder of its own."""
    kb = tmp_path_factory.mktemp("elsewhere") / "kb.jsonl"
    here = Path.cwd()
    os.chdir(ROOT)
    try:
        result = CliRunner().invoke(main, ["run", str(ONE.relative_to(ROOT)), "-o", str(kb), "--quiet"])
    finally:
        os.chdir(here)
    assert result.exit_code == 0, result.stderr
    return kb


def test_the_documents_list_names_files_relative_to_itself(kb_elsewhere: Path) -> None:
    entry = json.loads((kb_elsewhere.parent / "kb.documents.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert not Path(entry["path"]).is_absolute()
    assert (kb_elsewhere.parent / entry["path"]).resolve() == ONE.resolve()


def test_a_kb_is_read_from_any_folder(kb_elsewhere: Path, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    report = CliRunner().invoke(main, ["report", str(kb_elsewhere), "-o", "report.html"])
    assert report.exit_code == 0 and "cannot read" not in report.stderr, report.stderr
    exported = CliRunner().invoke(main, ["export", str(kb_elsewhere), "--format", "sqlite", "-o", "kb.sqlite"])
    assert exported.exit_code == 0 and "cannot read" not in exported.stderr, exported.stderr


@pytest.mark.parametrize(
    ("path", "folder", "listed"),
    [
        (Path("/data/news/a.txt"), Path("/data/kb"), "../news/a.txt"),
        (Path("/data/kb/a.txt"), Path("/data/kb"), "a.txt"),
        (Path("/data/news/a.txt"), None, "/data/news/a.txt"),  # no local list to be relative to
        ("s3://bucket/news/a.txt", Path("/data/kb"), "s3://bucket/news/a.txt"),  # a URL as it is
        ("file:///data/news/a.txt", Path("/data/kb"), "file:///data/news/a.txt"),
        ("-", Path("/data/kb"), "-"),  # standard input
    ],
)
def test_listed_path(path, folder, listed) -> None:
    assert listed_path(path, folder) == listed


@pytest.mark.parametrize(
    ("files", "cores", "workers"),
    [(1, 8, 1), (4, 8, 1), (5, 2, 2), (5, 8, 5), (84, 2, 2), (84, 16, 16), (1000, 1, 1)],
)
def test_default_workers_use_the_cores_the_files_need(files, cores, workers) -> None:
    assert default_workers(files, cores) == workers


@pytest.mark.parametrize(("files", "workers"), [(84, 2), (5, 2), (1000, 4), (7, 16), (1, 2)])
def test_shrinking_chunks_end_small_so_the_workers_finish_together(files, workers) -> None:
    """Every file once, in order; each chunk no larger than the one before it (at most CHUNK), and
    the last no larger than a file or two, so no worker is left reading a large one alone."""
    parts = shrinking_chunks(list(range(files)), workers)
    sizes = [len(part) for part in parts]
    assert [i for part in parts for i in part] == list(range(files))
    assert sizes == sorted(sizes, reverse=True) and max(sizes) <= CHUNK and sizes[-1] <= 2


def test_usable_cores_are_this_process_own() -> None:
    expected = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    assert usable_cores() == expected


def test_run_help_says_the_default_workers_rule() -> None:
    result = CliRunner().invoke(main, ["run", "--help"])
    assert "one per usable core" in " ".join(result.output.split())


def test_eval_says_how_many_gold_documents_the_kb_does_not_cover(kb_elsewhere: Path) -> None:
    gold = str(ROOT / "tests" / "gold" / "gold.jsonl")
    total = len((ROOT / "tests" / "gold" / "gold.jsonl").read_text(encoding="utf-8").splitlines())
    text = CliRunner().invoke(main, ["eval", gold, str(CORPUS), "--kb", str(kb_elsewhere)])
    assert text.exit_code == 0, text.stderr
    assert f"the KB covers 1 of {total} gold documents; {total - 1} missing" in text.output
    as_json = CliRunner().invoke(main, ["eval", gold, str(CORPUS), "--kb", str(kb_elsewhere), "--json"])
    report = json.loads(as_json.output)
    assert report["covered"] == 1 and len(report["missing"]) == total - 1 and ONE.name not in report["missing"]
    for kind, scores in report["types"].items():  # every false positive is listed, every miss too
        assert len(scores["false_positives"]) == scores["fp"], kind
        assert len(scores["misses"]) == scores["fn"], kind


def test_run_names_the_output_it_cannot_write_not_its_temporary_file(tmp_path: Path) -> None:
    (tmp_path / "kb.jsonl").mkdir()  # as root a read-only folder is no obstacle: a folder in the way is
    result = CliRunner().invoke(main, ["run", str(ONE), "-o", str(tmp_path / "kb.jsonl"), "--quiet"])
    assert result.exit_code != 0
    assert f"cannot write {tmp_path / 'kb.jsonl'}" in result.stderr and ".tmp" not in result.stderr


@pytest.mark.parametrize("where", ["a folder in the way", "a read-only folder"])
def test_report_that_cannot_be_written_is_one_line(kb_elsewhere: Path, tmp_path: Path, where: str) -> None:
    if where == "a folder in the way":
        output = tmp_path / "report.html"
        output.mkdir()
    else:
        if IS_ROOT:
            pytest.skip("root writes into read-only folders")
        (tmp_path / "ro").mkdir()
        (tmp_path / "ro").chmod(0o555)
        output = tmp_path / "ro" / "report.html"
    result = CliRunner().invoke(main, ["report", str(kb_elsewhere), "-o", str(output)])
    assert result.exit_code != 0 and (result.exception is None or isinstance(result.exception, SystemExit))
    assert "Traceback" not in result.stderr and result.stderr.strip().count("\n") == 0
    assert f"cannot write {output}" in result.stderr


def test_an_extra_installs_what_the_load_it_elsewhere_commands_need() -> None:
    named = re.search(r"^tools = \[(.*?)\]$", (ROOT / "pyproject.toml").read_text(encoding="utf-8"), re.S | re.M)[1]
    assert "pandas" in named and "duckdb" in named and "[parquet]" in named
    assert "'.[tools]'" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_speakers_table_fits_a_terminal() -> None:
    row = {
        "speaker": "Professor Sir Bartholomew Featherstonehaugh-Smythe",
        "role": "chief executive and accounting officer",
        "org": "The Royal Society for the Protection of Everything",
        "quotes": 1234,
        "documents": ["a"] * 120,
        "first_date": "2017-01-01",
        "last_date": "2024-12-31",
    }
    lines = format_table([row, {**row, "speaker": "Ann Lee", "role": None, "org": None}]).splitlines()
    assert max(map(len, lines)) <= 100
    assert lines[1].startswith("Professor Sir Barthol") and "…" in lines[1]
    assert lines[2].split()[:2] == ["Ann", "Lee"] and "1234" in lines[2]


@pytest.mark.parametrize(("n", "said"), [(0, "0 quotes"), (1, "1 quote"), (2, "2 quotes")])
def test_counted(n, said) -> None:
    assert counted(n, "quote") == said


TEXT = "Nurses said the wards were full.\n\nThe chief executive said “money is short”."


@pytest.mark.parametrize(
    ("selected", "snapped"),
    [
        ("urses said", "Nurses said"),  # starts mid-word
        ("the wards were fu", "the wards were full"),  # ends mid-word
        ("ards were ful", "wards were full"),
        ("the wards were full.", "the wards were full."),  # on word edges already
        ("“money is short”", "“money is short”"),
    ],
)
def test_word_edges(selected, snapped) -> None:
    start = TEXT.index(selected)
    begin, end = word_edges(TEXT, start, start + len(selected))
    assert TEXT[begin:end] == snapped


def test_a_selection_across_paragraphs_is_told_apart() -> None:
    across = TEXT.index("full"), TEXT.index("chief")
    within = TEXT.index("The chief"), len(TEXT)
    assert spans_paragraphs(TEXT, *across) and not spans_paragraphs(TEXT, *within)


def test_an_added_quote_kind_is_guessed_only_from_quote_marks() -> None:
    marked = TEXT.index("“money"), TEXT.index("”.") + 1
    assert added_quote(TEXT, *marked)["quote_kind"] == "direct"
