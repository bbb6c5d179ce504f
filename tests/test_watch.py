"""``extract run --watch``: the run again when what it reads changes, and only then."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from extract.run.discovery import Options
from extract.run.watch import changed, describe, file_events, run_state, watch, watch_folders

from .conftest import MOAN_CUE_RULE


@pytest.mark.parametrize(
    ("before", "now", "expected"),
    [
        ((("a.txt", 1, 10),), (("a.txt", 1, 10),), []),
        ((("a.txt", 1, 10),), (("a.txt", 2, 10),), ["a.txt"]),  # saved again
        ((("a.txt", 1, 10),), (("a.txt", 1, 10), ("b.txt", 1, 5)), ["b.txt"]),  # added
        ((("a.txt", 1, 10), ("b.txt", 1, 5)), (("b.txt", 1, 5),), ["a.txt"]),  # removed
    ],
)
def test_changed_files(before, now, expected) -> None:
    assert changed(before, now) == expected


@pytest.mark.parametrize(
    ("files", "line"),
    [
        (["/x/a.jsonl"], "a.jsonl"),
        (["/x/a.txt", "/y/b.txt", "/y/c.txt", "/y/d.txt", "/y/e.txt"], "a.txt, b.txt, c.txt and 2 more"),
    ],
)
def test_describe(files, line) -> None:
    assert describe(files) == line


def test_watch_runs_again_only_when_the_state_changes() -> None:
    """Events that leave what the run reads as it was (an editor's swap file) start no run; a
    change saved while a run goes on starts another, event or not."""
    a1, a2, a3 = (("a", 1, 1),), (("a", 2, 1),), (("a", 3, 1),)
    # before run 1; after it; after event 1: same; after event 2: changed -> run 2; after it: changed
    # meanwhile -> run 3; after it; after event 3: same
    states = iter([a1, a1, a1, a2, a3, a3, a3])
    runs: list[int] = []
    said: list[str] = []
    watch(lambda: runs.append(1), lambda: next(states), [object()] * 3, said.append)
    assert len(runs) == 3
    assert said == ["a changed: running again"] * 2


def test_state_follows_articles_and_rule_files(tmp_path: Path) -> None:
    articles, rules = tmp_path / "articles", tmp_path / "rules"
    articles.mkdir()
    rules.mkdir()
    (articles / "one.txt").write_text("A story.\n", encoding="utf-8")
    (articles / "notes.md").write_text("not an article\n", encoding="utf-8")
    before = run_state([articles], [rules], Options())
    assert run_state([articles], [rules], Options()) == before
    (articles / "notes.md").write_text("still not an article\n", encoding="utf-8")  # skipped, whatever it holds
    assert run_state([articles], [rules], Options()) == before
    (rules / "mine.jsonl").write_text("\n", encoding="utf-8")
    assert changed(before, run_state([articles], [rules], Options())) == [str(rules / "mine.jsonl")]
    assert {articles, rules} <= set(watch_folders([articles / "one.txt"], [rules]))


def test_file_events_see_a_save_made_as_soon_as_they_return(tmp_path: Path) -> None:
    """The watcher runs before the first run starts: a rule saved at once is not missed."""
    seen: list[object] = []
    events = file_events([tmp_path])
    (tmp_path / "mine.jsonl").write_text("\n", encoding="utf-8")
    reader = threading.Thread(target=lambda: seen.append(next(events)), daemon=True)
    reader.start()
    reader.join(10)
    assert seen and any(str(path).endswith("mine.jsonl") for _, path in seen[0])  # type: ignore[attr-defined]


def _wait_for(condition, seconds: float = 90) -> None:
    end = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < end, "timed out"
        time.sleep(0.05)


def test_watch_rewrites_the_kb_after_a_pattern_edit(tmp_path: Path) -> None:
    """The whole loop, as a user meets it: a run, a new cue rule saved, the KB rewritten with the
    quote it finds, a broken rule file reported without stopping, Ctrl-C ends it cleanly."""
    articles, rules = tmp_path / "articles", tmp_path / "rules"
    articles.mkdir()
    rules.mkdir()
    (articles / "story.txt").write_text(
        "Town hall shuts early\n\nThe council closed the building on Friday.\n\n"
        "The mayor moaned that the council had no choice.\n",
        encoding="utf-8",
    )
    kb = tmp_path / "kb.jsonl"
    command = [sys.executable, "-c", "import sys; from extract.cli import main; sys.argv[0] = 'extract'; main()"]
    command += ["run", str(articles), "--patterns", str(rules), "--watch", "-o", str(kb)]
    command += ["--cache-dir", str(tmp_path / "cache")]
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        _wait_for(kb.exists)
        first = kb.stat().st_mtime_ns
        assert not [r for r in map(json.loads, kb.read_text().splitlines()) if r["type"] == "quote"]
        (rules / "mine.jsonl").write_text(json.dumps(MOAN_CUE_RULE) + "\n", encoding="utf-8")
        _wait_for(lambda: kb.stat().st_mtime_ns != first)
        quotes = [r for r in map(json.loads, kb.read_text().splitlines()) if r["type"] == "quote"]
        assert [(q["text"], q["rule"]) for q in quotes] == [("the council had no choice", "cue-moan")]
        (rules / "mine.jsonl").write_text("not json\n", encoding="utf-8")
        time.sleep(2)
        assert process.poll() is None  # still watching
    finally:
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=30)
    assert process.returncode == 0, err
    assert "mine.jsonl:1: not valid JSON" in err
    assert err.strip().endswith(f"stopped watching; {kb} holds the last complete run")
    assert len([r for r in map(json.loads, kb.read_text().splitlines()) if r["type"] == "quote"]) == 1
