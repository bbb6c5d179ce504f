"""The command line, end to end, as a user runs it."""

from __future__ import annotations

import json
import os
import stat

import pytest
from click.testing import CliRunner

from extract import __version__
from extract.cli import main

from .conftest import CORPUS, GOLD


@pytest.fixture(scope="module")
def corpus_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("run") / "kb.jsonl"
    result = CliRunner().invoke(main, ["run", str(CORPUS), "-o", str(out)])
    return result, out


def test_run_writes_kb_and_documents_and_a_summary(corpus_run):
    result, out = corpus_run
    assert result.exit_code == 0, result.stderr
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines and all(json.loads(line)["schema_version"] == 1 for line in lines)
    assert "5 documents" in result.stderr and "0 files with errors" in result.stderr
    docs = [json.loads(line) for line in out.with_name("kb.documents.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [d["doc_id"] for d in docs] == sorted(p.name for p in CORPUS.glob("*.txt"))
    assert all(d["error"] is None and len(d["sha256"]) == 64 for d in docs)


def test_outputs_get_the_permissions_of_a_plain_write(tmp_path):
    """Written through a private temporary file, but shared like any file the user writes."""
    old = os.umask(0o022)
    try:
        kept = tmp_path / "kept.jsonl"
        kept.write_text("old\n")
        kept.chmod(0o640)
        runner = CliRunner()
        assert runner.invoke(main, ["run", str(CORPUS), "-o", str(tmp_path / "kb.jsonl"), "-q"]).exit_code == 0
        assert runner.invoke(main, ["run", str(CORPUS), "-o", str(kept), "-q"]).exit_code == 0
        db = tmp_path / "kb.sqlite"
        assert (
            runner.invoke(main, ["export", str(tmp_path / "kb.jsonl"), "--format", "sqlite", "-o", str(db)]).exit_code
            == 0
        )
    finally:
        os.umask(old)
    for new in ("kb.jsonl", "kb.documents.jsonl", "kb.sqlite"):
        assert stat.S_IMODE((tmp_path / new).stat().st_mode) == 0o644, new
    assert stat.S_IMODE(kept.stat().st_mode) == 0o640


def test_two_runs_are_byte_identical(corpus_run, tmp_path):
    _, first = corpus_run
    second = tmp_path / "again.jsonl"
    result = CliRunner().invoke(main, ["run", str(CORPUS), "-o", str(second), "--quiet"])
    assert result.exit_code == 0
    assert second.read_bytes() == first.read_bytes()


def test_bad_files_are_reported_and_the_rest_processed(tmp_path, corpus_run):
    _, clean = corpus_run
    folder = tmp_path / "in"
    folder.mkdir()
    for good in CORPUS.glob("*.txt"):
        (folder / good.name).write_bytes(good.read_bytes())
    bad = {
        "empty.txt": (b"", "empty file"),
        "blank.txt": (b"  \n\t\n", "empty file"),
        "binary.txt": (bytes(range(256)) * 8, "binary"),
        "one-line.txt": (b"word " * 40_000, "characters long"),
        "huge.txt": (b"A sentence of an article.\n" * 12_000, "over the"),
        "broken-utf16.txt": (b"\xff\xfe" + b"\x00\xd8" * 10, "cannot decode"),
    }
    for name, (data, _) in bad.items():
        (folder / name).write_bytes(data)
    (folder / "notes.md").write_text("not an article", encoding="utf-8")
    (folder / "loop").symlink_to(folder, target_is_directory=True)
    out = tmp_path / "kb.jsonl"
    result = CliRunner().invoke(main, ["run", str(folder), "-o", str(out), "--max-bytes", "250000"])
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("extract: ")]
    for name, (_, message) in bad.items():
        assert any(name in line and message in line for line in errors), (name, errors)
    assert out.read_bytes() == clean.read_bytes()  # the good articles: exactly a clean run
    docs = {
        json.loads(line)["doc_id"]: json.loads(line)
        for line in out.with_name("kb.documents.jsonl").read_text(encoding="utf-8").splitlines()
    }
    assert all(docs[name]["error"] for name in bad)
    assert all(docs[p.name]["error"] is None for p in CORPUS.glob("*.txt"))
    assert any("notes.md" in line and "not a .txt, .html or .htm file" in line for line in errors)
    assert any(d["error"].startswith("skipped: not a .txt, .html or .htm file") for d in docs.values() if d["error"])


def test_stdout_output(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("“It will not work,” said Jane Smith, the council leader.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["run", str(article), "-o", "-", "--quiet"])
    assert result.exit_code == 0
    quotes = [json.loads(line) for line in result.stdout.splitlines() if '"quote"' in line]
    assert quotes[0]["speaker"] == "Jane Smith" and quotes[0]["doc_id"] == "a.txt"


def test_refuses_to_overwrite_an_input(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Some text here.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["run", str(tmp_path), "-o", str(article)])
    assert result.exit_code == 2
    assert "refusing to overwrite input file" in result.stderr
    assert article.read_text(encoding="utf-8") == "Some text here.\n"


def test_missing_model_says_how_to_install(tmp_path):
    result = CliRunner().invoke(
        main, ["run", str(CORPUS), "-o", str(tmp_path / "kb.jsonl"), "--model", "no_such_model_xyz"]
    )
    assert result.exit_code == 2
    assert "spaCy model 'no_such_model_xyz' is not installed" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_patterns_check(tmp_path):
    ok = CliRunner().invoke(main, ["patterns", "check"])
    assert ok.exit_code == 0 and "rules OK" in ok.stdout
    (tmp_path / "bad.jsonl").write_text('{"id": "x", "label": "MONEY", "patern": []}\n', encoding="utf-8")
    bad = CliRunner().invoke(main, ["patterns", "check", str(tmp_path)])
    assert bad.exit_code == 1
    assert "bad.jsonl:1: unknown key(s) ['patern']" in bad.stderr


def test_malformed_user_pattern_stops_run_with_one_line(tmp_path):
    (tmp_path / "bad.jsonl").write_text("{oops\n", encoding="utf-8")
    result = CliRunner().invoke(
        main, ["run", str(CORPUS), "--patterns", str(tmp_path), "-o", str(tmp_path / "kb.jsonl")]
    )
    assert result.exit_code == 2
    assert "bad.jsonl:1: not valid JSON" in result.stderr


def test_version_and_help():
    runner = CliRunner()
    assert __version__ in runner.invoke(main, ["--version"]).stdout
    for args in (["--help"], ["run", "--help"], ["eval", "--help"], ["patterns", "check", "--help"]):
        result = runner.invoke(main, args)
        assert result.exit_code == 0 and "Example" in result.stdout


def test_eval_prints_a_table_and_json(corpus_run):
    _, kb = corpus_run
    runner = CliRunner()
    table = runner.invoke(main, ["eval", str(GOLD), str(CORPUS), "--kb", str(kb)])
    assert table.exit_code == 0, table.stderr
    for kind in ("quote", "money", "count", "stance"):
        assert kind in table.stdout
    report = json.loads(runner.invoke(main, ["eval", str(GOLD), str(CORPUS), "--kb", str(kb), "--json"]).stdout)
    assert set(report["types"]) == {"quote", "money", "count", "stance"}


def test_old_encodings_and_line_endings_give_the_same_claims(tmp_path, corpus_run):
    """A Windows-1252 export with CRLF line endings reads like the UTF-8 original."""
    _, clean = corpus_run
    source = sorted(CORPUS.glob("*.txt"))[0]
    text = source.read_text(encoding="utf-8")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / source.name).write_bytes(text.replace("\n", "\r\n").encode("cp1252"))
    (folder / "loop").symlink_to(folder, target_is_directory=True)
    out = tmp_path / "kb.jsonl"
    result = CliRunner().invoke(main, ["run", str(folder), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    expected = [
        json.loads(line)
        for line in clean.read_text(encoding="utf-8").splitlines()
        if f'"doc_id": "{source.name}"' in line
    ]
    got = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [(r["type"], r["text"].replace("\r\n", "\n"), r["speaker"], r["amount"], r["value"]) for r in got] == [
        (r["type"], r["text"], r["speaker"], r["amount"], r["value"]) for r in expected
    ]
    doc = json.loads(out.with_name("kb.documents.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert doc["encoding"] == "cp1252"
