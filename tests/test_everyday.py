"""Everyday use of ``extract run`` (issue 21): the progress bar, empty folders, options that need
another, outputs into missing folders, an article on standard input, dates from file paths, and
what the package ships."""

from __future__ import annotations

import fcntl
import io
import json
import os
import pty
import shutil
import struct
import subprocess
import sys
import termios
import zipfile
from importlib import resources
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from extract.cli import main
from extract.run.corpus import FileResult
from extract.run.discovery import path_date

from .conftest import ROOT, SMALL_TEXTS

ARTICLE = "Plan agreed\n\n“It will not work,” said Jane Smith, the council leader.\n"
SCHEMA = json.loads((resources.files("extract.kb") / "schema.json").read_text(encoding="utf-8"))


def _run(*args: str, stdin: str | bytes | None = None):
    return CliRunner().invoke(main, ["run", *args], input=stdin)


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


# --- the progress bar ---------------------------------------------------------------------------


def test_the_progress_bar_counts_files_and_claims_and_passes_results_through():
    from extract.cli.run import progress_bar

    results = [FileResult(f"{i}.txt", {}, [{"type": "quote"}] * 3) for i in range(4)]
    shown = io.StringIO()
    assert list(progress_bar(shown)(iter(results), 4)) == results
    last = shown.getvalue().split("\r")[-1]
    assert "4/4" in last and "100%" in last and "12 claims" in last
    assert list(progress_bar(None)(iter(results), 4)) == results  # quiet, or not a terminal


def test_a_run_on_a_terminal_shows_count_percentage_claims_and_time_left(tmp_path: Path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in SMALL_TEXTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 120, 0, 0))
    command = [
        sys.executable,
        "-c",
        "from extract.cli import main; main()",
        "run",
        str(folder),
        "-o",
        str(tmp_path / "kb.jsonl"),
    ]
    process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=follower, stderr=follower)
    os.close(follower)
    shown = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the process closed the terminal
            break
        if not chunk:
            break
        shown += chunk
    os.close(leader)
    assert process.wait(timeout=120) == 0, shown
    bar = shown.decode().split("\r")
    final = next(part for part in reversed(bar) if "extracting" in part)
    assert "2/2" in final and "100%" in final and "claims" in final
    assert any("<" in part and "/2 [" in part for part in bar)  # elapsed<left, tqdm's estimate
    assert "2 documents" in shown.decode()


# --- inputs and options -------------------------------------------------------------------------


@pytest.mark.parametrize("files", [[], ["notes.md", "photo.jpg"]])
def test_a_folder_without_txt_files_is_an_error_and_writes_nothing(tmp_path: Path, files: list[str]):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in files:
        (folder / name).write_text("x", encoding="utf-8")
    result = _run(str(folder), "-o", str(tmp_path / "kb.jsonl"))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"extract: no articles (.txt, .html, .htm files) under {folder}")
    assert result.stderr.count("\n") == 1
    assert ("2 other files skipped" in result.stderr) == bool(files)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in"]


@pytest.mark.parametrize(
    "args, message",
    [
        (["--scheduler", "tcp://127.0.0.1:8786"], "--scheduler needs --engine dask"),
        (["--local-workers", "2"], "--local-workers needs --engine dask"),
        (["--scheduler-timeout", "2"], "--scheduler-timeout needs --engine dask"),
        (["--name", "a.txt"], "--name names the article read from standard input"),
    ],
)
def test_an_option_that_would_be_ignored_is_a_usage_error(tmp_path: Path, args: list[str], message: str):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    result = _run(str(tmp_path), "-o", str(tmp_path / "kb.jsonl"), *args)
    assert result.exit_code == 2
    assert "Usage:" in result.stderr and message in result.stderr


def test_an_output_into_a_missing_folder_names_the_folder(tmp_path: Path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    missing = tmp_path / "no" / "such"
    result = _run(str(tmp_path / "a.txt"), "-o", str(missing / "kb.jsonl"))
    assert result.exit_code == 2
    assert (
        result.stderr
        == f"extract: cannot write {missing / 'kb.jsonl'}: folder {missing} does not exist; create it first\n"
    )
    assert ".tmp" not in result.stderr


def test_the_atomic_writer_names_a_missing_folder_too(tmp_path: Path):
    from extract.io.atomic import atomic_writer

    with (
        pytest.raises(FileNotFoundError, match=f"folder {tmp_path / 'gone'} does not exist"),
        atomic_writer(tmp_path / "gone" / "out.csv") as handle,
    ):
        handle.write("x")


@pytest.mark.parametrize(
    "name, doc_id, date, basis",
    [(None, "-", None, None), ("nyt_2016-10-02_plan.txt", "nyt_2016-10-02_plan.txt", "2016-10-02", "path")],
)
def test_one_article_from_standard_input(tmp_path: Path, name, doc_id, date, basis):
    out = tmp_path / "kb.jsonl"
    result = _run("-", "-o", str(out), *(["--name", name] if name else []), stdin=ARTICLE.encode())
    assert result.exit_code == 0, result.stderr
    records = _lines(out)
    quote = next(r for r in records if r["type"] == "quote")
    assert (quote["doc_id"], quote["speaker"], quote["doc_date"], quote["date_basis"]) == (
        doc_id,
        "Jane Smith",
        date,
        basis,
    )
    assert ARTICLE[quote["start"] : quote["end"]] == quote["text"]
    (entry,) = _lines(tmp_path / "kb.documents.jsonl")
    assert (entry["doc_id"], entry["path"], entry["date"], entry["date_basis"]) == (doc_id, "-", date, basis)
    validator = jsonschema.Draft202012Validator(SCHEMA)
    assert all(not list(validator.iter_errors(r)) for r in records)


def test_standard_input_goes_to_stdout_and_obeys_the_size_limit():
    result = _run("-", "-o", "-", "-q", stdin=ARTICLE)
    assert result.exit_code == 0 and '"doc_id": "-"' in result.stdout
    big = _run("-", "-o", "-", "-q", "--max-bytes", "20", stdin=ARTICLE)
    assert big.exit_code == 1 and "-: file is over the 20 bytes limit" in big.stderr
    mixed = _run("-", "other/", stdin=ARTICLE)
    assert mixed.exit_code == 2 and "cannot be given with other paths" in mixed.stderr


# --- dates from file paths ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "path, date",
    [
        ("nyt_2016-10-02_trump-taxes.txt", "2016-10-02"),
        ("breitbart_2016_09_12_story.txt", "2016-09-12"),
        ("news/20161002-story.txt", "2016-10-02"),
        ("/archive/2016/10/02/story.txt", "2016-10-02"),
        ("/archive/2016/1/2/story.txt", "2016-01-02"),
        ("/2019-01-01/old/nyt_2016-10-02_x.txt", "2016-10-02"),  # the one nearest the file name
        ("000_3c7816c1a6259901.txt", None),  # a digest's digits
        ("ab20161002cd.txt", None),  # YYYYMMDD inside a word
        ("story_12345678.txt", None),  # eight digits, no calendar date
        ("x_201610021.txt", None),  # nine digits
        ("2016-13-01.txt", None),  # no month 13
        ("2016-02-30.txt", None),  # no 30 February
        ("2016-10_02.txt", None),  # separators differ
        ("d01.txt", None),
        ("/archive/2016/10/02.txt", None),  # the day a file name, not a folder
        ("1850-01-01.txt", None),  # before 1900: a count, not a news date
    ],
)
def test_a_date_in_a_path_is_a_calendar_date(path: str, date: str | None):
    assert path_date(path) == date


def test_a_page_without_a_date_takes_its_path_date_and_says_so(tmp_path: Path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "nyt_2016-10-02_plan.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "nyt_2016-10-05_union.txt").write_text(SMALL_TEXTS["a.txt"], encoding="utf-8")  # dated in its text
    (folder / "plain.txt").write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "kb.jsonl"
    result = _run(str(folder), "-o", str(out), "-q")
    assert result.exit_code == 0, result.stderr
    docs = {d["doc_id"]: (d["date"], d["date_basis"]) for d in _lines(tmp_path / "kb.documents.jsonl")}
    assert docs == {
        "nyt_2016-10-02_plan.txt": ("2016-10-02", "path"),
        "nyt_2016-10-05_union.txt": ("2024-03-03", "text"),
        "plain.txt": (None, None),
    }
    for record in _lines(out):
        assert (record["doc_date"], record["date_basis"]) == docs[record["doc_id"]]
    speakers = CliRunner().invoke(main, ["speakers", str(out), "--format", "jsonl"])
    smith = next(json.loads(line) for line in speakers.stdout.splitlines() if "Jane Smith" in line)
    assert (smith["first_date"], smith["last_date"]) == ("2016-10-02", "2016-10-02")


# --- what the package ships ---------------------------------------------------------------------


def test_the_licence_changelog_and_typed_marker_ship(tmp_path: Path):
    assert "MIT License" in (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert "Copyright (c) 2026 the extract authors" in (ROOT / "LICENSE").read_text(encoding="utf-8")
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert "## [Unreleased]" in changelog and "command line and the exports are split into packages" in changelog
    hatchling = pytest.importorskip("hatchling.builders.wheel")
    (wheel,) = hatchling.WheelBuilder(str(ROOT)).build(directory=str(tmp_path), versions=["standard"])
    names = zipfile.ZipFile(wheel).namelist()
    assert "extract/py.typed" in names and "extract/kb/schema.json" in names
    assert any(name.endswith(".dist-info/licenses/LICENSE") for name in names)


def test_gitignore_ignores_what_a_run_writes():
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    for name in ("kb.jsonl", "kb.documents.jsonl"):
        assert subprocess.run(["git", "check-ignore", "-q", name], cwd=ROOT).returncode == 0, name
