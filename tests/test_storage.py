"""Corpora and knowledge bases at fsspec URLs: the same bytes as a local run, the same error lines."""

from __future__ import annotations

import sys
import uuid

import pytest
from click.testing import CliRunner, Result

from extract.cli import main
from extract.io.storage import locate
from extract.run.discovery import discover

from .conftest import CORPUS

fsspec = pytest.importorskip("fsspec")


@pytest.fixture
def store():
    """A fresh folder in fsspec's in-memory filesystem, as ``memory://`` URLs see it."""
    fs = fsspec.filesystem("memory")
    root = f"/{uuid.uuid4().hex}"
    yield fs, root
    fs.rm(root, recursive=True)


def _run(*args: str) -> Result:
    return CliRunner().invoke(main, ["run", *args, "--no-cache", "-q"])


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("corpus/", "corpus"),
        ("file:///data/news%20folder/a.txt", "/data/news folder/a.txt"),
        ("FILE:///data", "/data"),
        ("s3://bucket/news/", "s3://bucket/news/"),
        ("memory://x", "memory://x"),
        ("C:\\news", "C:\\news"),  # not a URL: no "://"
    ],
)
def test_locate_takes_local_paths_and_file_urls_as_paths(given, expected):
    located = locate(given)
    assert str(located) == expected and isinstance(located, str) == ("://" in expected)


def test_a_corpus_and_kb_at_urls_give_the_bytes_of_a_local_run(store, tmp_path):
    fs, root = store
    for path in sorted(CORPUS.glob("*.txt")):
        fs.pipe(f"{root}/news/{path.name}", path.read_bytes())
    fs.pipe(f"{root}/news/notes.md", b"not an article")
    fs.pipe(f"{root}/news/.draft.txt", b"hidden, like a local dot file")
    local = _run(str(CORPUS), "-o", str(tmp_path / "kb.jsonl"))
    remote = _run(f"memory://{root}/news", "-o", f"memory://{root}/out/kb.jsonl")
    assert local.exit_code == remote.exit_code == 0, remote.stderr
    assert fs.cat(f"{root}/out/kb.jsonl") == (tmp_path / "kb.jsonl").read_bytes()
    assert remote.stderr == f"extract: memory://{root}/news/notes.md: skipped: not a .txt, .html or .htm file (--include PATTERN reads others)\n"
    documents = fs.cat(f"{root}/out/kb.documents.jsonl").decode()
    assert f'"path": "memory://{root}/news/000_' in documents and ".draft" not in documents


def test_file_urls_are_local_paths(tmp_path):
    by_path = _run(str(CORPUS), "-o", str(tmp_path / "a.jsonl"))
    by_url = _run(CORPUS.as_uri(), "-o", (tmp_path / "b.jsonl").as_uri())
    assert by_path.exit_code == by_url.exit_code == 0
    assert (tmp_path / "a.jsonl").read_bytes() == (tmp_path / "b.jsonl").read_bytes()


def test_ids_of_two_url_folders_holding_the_same_name_differ(store):
    fs, root = store
    fs.pipe(f"{root}/uk/a.txt", b"One.")
    fs.pipe(f"{root}/us/a.txt", b"Two.")
    found = discover([f"memory://{root}/uk", f"memory://{root}/us", f"memory://{root}/us/a.txt"])
    assert [s.doc_id for s in found.sources] == ["a.txt", "us/a.txt"]


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("memory:///no/such/folder", "extract: no such file or folder: memory:///no/such/folder\n"),
        ("nosuchprotocol://x", "extract: nosuchprotocol://x: Protocol not known: nosuchprotocol\n"),
    ],
)
def test_a_bad_url_is_one_line_before_any_work(url, message, tmp_path):
    result = _run(url, "-o", str(tmp_path / "kb.jsonl"))
    assert result.exit_code == 2 and result.stderr == message
    assert not (tmp_path / "kb.jsonl").exists()


def test_without_fsspec_a_url_says_what_to_install(monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "fsspec", None)  # import fsspec now raises ImportError
    result = _run("s3://bucket/news", "-o", str(tmp_path / "kb.jsonl"))
    assert result.exit_code == 2
    assert result.stderr == (
        "extract: s3://bucket/news: reading and writing URLs needs fsspec: "
        "pip install fsspec (and its backend, e.g. s3fs)\n"
    )


def test_an_input_url_is_never_overwritten_however_it_is_spelled(store):
    fs, root = store
    fs.pipe(f"{root}/news/a.txt", b"The council said it would close.")
    result = _run(f"memory://{root}/news", "-o", f"memory:///{root.lstrip('/')}/news/a.txt")
    assert result.exit_code == 2 and "refusing to overwrite input file" in result.stderr
    assert fs.cat(f"{root}/news/a.txt") == b"The council said it would close."


def test_a_too_large_file_at_a_url_is_reported_and_the_run_goes_on(store, tmp_path):
    fs, root = store
    fs.pipe(f"{root}/news/big.txt", b"word " * 400)
    fs.pipe(f"{root}/news/small.txt", b"Mr Smith said the plan would fail.")
    result = _run(f"memory://{root}/news", "-o", str(tmp_path / "kb.jsonl"), "--max-bytes", "1000")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"extract: memory://{root}/news/big.txt: ") and result.stderr.count("\n") == 1
    assert '"doc_id": "small.txt"' in (tmp_path / "kb.jsonl").read_text()


def test_a_failed_run_leaves_the_previous_kb_at_its_url(store, monkeypatch):
    fs, root = store
    fs.pipe(f"{root}/kb.jsonl", b"previous\n")
    fs.pipe(f"{root}/news/a.txt", b"Mr Smith said the plan would fail.")

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr("extract.run.corpus.Extractor.process", interrupted)
    result = _run(f"memory://{root}/news", "-o", f"memory://{root}/kb.jsonl")
    assert result.exit_code == 130
    assert fs.cat(f"{root}/kb.jsonl") == b"previous\n"
