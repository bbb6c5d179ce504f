"""The run cache and worker processes change how fast a run is, never what it writes."""

from __future__ import annotations

import json
import multiprocessing
import os
import re
import shutil
import sys
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from extract.cli import main
from extract.run.cache import RunCache
from extract.run.corpus import Extractor
from extract.stages.counts import CountExtractor
from extract.stages.money import MoneyExtractor
from extract.stages.quotes import QuoteExtractor
from extract.stages.stance import StanceExtractor

from .conftest import CORPUS, MOAN_CUE_RULE


def _run(out: Path, *args: str, folder: Path = CORPUS) -> bytes:
    """The KB's bytes and its entities file's (which the cache and workers must not change either)."""
    result = CliRunner().invoke(main, ["run", str(folder), "-o", str(out), "--quiet", *args])
    assert result.exit_code == 0, result.stderr
    return out.read_bytes() + b"\0" + out.with_suffix(".entities.jsonl").read_bytes()


def _snapshot(folder: Path) -> dict[str, float]:
    return {str(p.relative_to(folder)): p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def uncached(tmp_path_factory) -> bytes:
    return _run(tmp_path_factory.mktemp("plain") / "kb.jsonl", "--no-cache")


def test_cold_and_warm_runs_write_the_same_bytes_as_no_cache(tmp_path, uncached):
    cache = tmp_path / "cache"
    assert _run(tmp_path / "cold.jsonl", "--cache-dir", str(cache)) == uncached
    assert list((cache / "docs").rglob("*.doc")) and list((cache / "records").rglob("*.json"))
    before = _snapshot(cache)
    assert _run(tmp_path / "warm.jsonl", "--cache-dir", str(cache)) == uncached
    assert _snapshot(cache) == before  # nothing recomputed


CUE = {"label": "QUOTE_CUE", "cue_kind": "speech", "speaker": "subject", "examples": ["“It will rain,” she reckoned."]}
# Pattern edits in a row on one cache: (the extra rules, the stages that must run again and on how
# many of the five corpus bodies). A stage runs again only where a rule that changed can match.
EDITS = [
    ([{**CUE, "id": "cue-test", "pattern": [{"LOWER": "reckoned"}]}], {}),  # in no body
    # "told" is in two; stance reads the quotes (an attitude in a quote), but they come out the same
    ([{**CUE, "id": "cue-test", "pattern": [{"LOWER": "told"}]}], {"QuoteExtractor": 2}),
    ([], {}),  # removed: the rules of the cold run again, whose records are kept
    ([{**CUE, "id": "cue-test", "pattern": [{"LEMMA": "tell", "POS": "VERB"}]}], {"QuoteExtractor": 2}),
    (
        [{**CUE, "id": "cue-test", "pattern": [{"LEMMA": "tell", "POS": "VERB"}], "speaker": "object"}],
        {"QuoteExtractor": 2},
    ),
    (
        [
            {
                "id": "stance-test",
                "label": "STANCE",
                "polarity": "positive",
                "stance_kind": "evaluation",
                "pattern": [{"LOWER": "funding"}],
                "examples": ["funding"],
            }
        ],  # and the cue rule is gone
        {"StanceExtractor": 4, "QuoteExtractor": 2},
    ),
    (
        [{"id": "money-test", "label": "MONEY", "pattern": [{"LOWER": "zillion"}], "examples": ["a zillion"]}],
        {"StanceExtractor": 4},
    ),  # money (and counts, which read its claims) have no "zillion"; the stance rule is gone
]


def _count_stage_runs(monkeypatch) -> Counter[str]:
    """How many times each stage runs from now on."""
    runs: Counter[str] = Counter()
    for stage in (CountExtractor, MoneyExtractor, QuoteExtractor, StanceExtractor):

        def counted(self, doc, _call=stage.__call__, _name=stage.__name__):
            runs[_name] += 1
            return _call(self, doc)

        monkeypatch.setattr(stage, "__call__", counted)
    return runs


def test_a_pattern_edit_reruns_a_stage_only_where_a_changed_rule_can_match(tmp_path, uncached, monkeypatch):
    cache = tmp_path / "cache"
    _run(tmp_path / "cold.jsonl", "--cache-dir", str(cache))
    docs_before = _snapshot(cache / "docs")
    runs = _count_stage_runs(monkeypatch)
    get_doc = RunCache.get_doc
    monkeypatch.setattr(RunCache, "get_doc", lambda self, *a: runs.update(["parse loaded"]) or get_doc(self, *a))
    rules = tmp_path / "rules"
    rules.mkdir()
    for i, (extra, expected_runs) in enumerate(EDITS):
        (rules / "extra.jsonl").write_text("".join(json.dumps(rule) + "\n" for rule in extra), encoding="utf-8")
        runs.clear()
        edited = _run(
            tmp_path / f"edited{i}.jsonl", "--cache-dir", str(cache), "--patterns", str(rules), "--workers", "1"
        )  # counted here
        loaded = runs.pop("parse loaded", 0)  # only the parses of the bodies a stage ran on
        assert runs == expected_runs and max(runs.values(), default=0) <= loaded <= sum(runs.values()), i
        assert edited == _run(tmp_path / f"fresh{i}.jsonl", "--no-cache", "--patterns", str(rules)), i
    assert _snapshot(cache / "docs") == docs_before  # no body was parsed again


# Stance reads the quotes: an attitude inside one is the speaker's account ("the residents are
# unhappy": no holder of its own), outside one its subject holds it. A cue rule for "sighed" makes
# a quote of the first article's sentence, so stance runs again there; in the second, "sighed" is
# no cue, the quotes come out as before, and stance keeps its cached claims.
SIGHED = {
    **CUE,
    "id": "cue-sighed",
    "pattern": [{"LEMMA": "sigh", "POS": "VERB"}],
    "examples": ["He sighed that it rained."],
}
ARTICLES = {
    "quoted.txt": "Bridge delayed\n\nThe mayor sighed that the residents are unhappy about the delay.\n",
    "unquoted.txt": "Bridge delayed\n\nShe sighed and left the room. The residents are unhappy about the delay.\n",
}


def test_stance_runs_again_only_where_the_quotes_it_reads_changed(tmp_path, monkeypatch):
    articles, rules, cache = tmp_path / "articles", tmp_path / "rules", str(tmp_path / "cache")
    for folder, files in ((articles, ARTICLES), (rules, {"cue.jsonl": json.dumps(SIGHED) + "\n"})):
        folder.mkdir()
        for name, text in files.items():
            (folder / name).write_text(text, encoding="utf-8")
    cold = _run(tmp_path / "cold.jsonl", "--cache-dir", cache, folder=articles)
    runs = _count_stage_runs(monkeypatch)
    edited = _run(tmp_path / "edited.jsonl", "--cache-dir", cache, "--patterns", str(rules), folder=articles)
    assert runs == {"QuoteExtractor": 2, "StanceExtractor": 1}
    assert edited == _run(tmp_path / "fresh.jsonl", "--no-cache", "--patterns", str(rules), folder=articles)
    assert edited != cold  # the quote changed the stance's holder
    runs.clear()
    assert _run(tmp_path / "back.jsonl", "--cache-dir", cache, folder=articles) == cold  # the edit undone:
    assert not runs  # the records of the cold run are kept


def test_default_workers_are_sized_by_the_files_that_need_the_model(tmp_path, uncached, monkeypatch):
    """Files the cache serves without the model are done in this process; workers are started for
    those that need it (a re-run after a pattern edit runs only rules: no worker repays its start)."""
    sized: list[int] = []
    monkeypatch.setattr("extract.run.workers.default_workers", lambda files: sized.append(files) or 1)
    cache, rules = str(tmp_path / "cache"), tmp_path / "rules"
    rules.mkdir()
    (rules / "cue.jsonl").write_text(json.dumps({**CUE, "id": "cue-test", "pattern": [{"LOWER": "told"}]}) + "\n")
    files = len(list(CORPUS.glob("*.txt")))
    for args, needing_the_model in [
        ((), files),  # cold
        (("--patterns", str(rules)), 0),  # a pattern edit
        ((), 0),  # nothing changed
        (("--no-cache",), files),
    ]:
        sized.clear()
        assert _run(tmp_path / "kb.jsonl", "--cache-dir", cache, *args) == _run(
            tmp_path / "fresh.jsonl", "--no-cache", *args[:2]
        )
        assert sized[:1] == [needing_the_model], args


def test_files_added_to_a_cached_folder_go_to_workers_after_those_the_cache_serves(tmp_path, uncached, monkeypatch):
    """Chunks of two files: the first is served here from the cache, the files from the first
    chunk holding a new one on go to two workers; the bytes are those of a run without cache."""
    sized: list[int] = []
    monkeypatch.setattr("extract.run.workers.CHUNK", 2)
    monkeypatch.setattr("extract.run.workers.usable_cores", lambda: 1)  # the cached chunks in this process, in turn
    monkeypatch.setattr("extract.run.workers.default_workers", lambda files: sized.append(files) or 2)
    articles, cache = tmp_path / "articles", str(tmp_path / "cache")
    articles.mkdir()
    files = sorted(CORPUS.glob("*.txt"))
    for path in files[:3]:
        shutil.copy(path, articles)
    _run(tmp_path / "first.jsonl", "--cache-dir", cache, folder=articles)
    for path in files[3:]:
        shutil.copy(path, articles)
    sized.clear()
    assert _run(tmp_path / "kb.jsonl", "--cache-dir", cache, folder=articles) == uncached
    assert sized == [len(files) - 2]  # the first chunk was served from the cache


def test_corrupt_and_stale_entries_are_rebuilt_not_trusted(tmp_path, uncached):
    cache = tmp_path / "cache"
    _run(tmp_path / "cold.jsonl", "--cache-dir", str(cache))
    entries = sorted(p for p in cache.rglob("*") if p.is_file())
    for i, path in enumerate(entries):
        if i % 2:
            path.write_bytes(b"\x00garbage")
        else:  # a valid entry moved under another key: stale
            other = entries[(i + 2) % len(entries)]
            if other.suffix == path.suffix:
                shutil.copyfile(other, path)
    assert _run(tmp_path / "again.jsonl", "--cache-dir", str(cache)) == uncached


@pytest.mark.skipif(sys.platform != "linux", reason="workers fork only on Linux")
def test_a_re_run_after_a_pattern_edit_shares_the_cached_chunks_among_workers(tmp_path, monkeypatch):
    """After a rule edit every parse is cached: the chunks go to a forked worker per core, which
    start with the rules-only pipeline built here once, and the bytes are those of a run without
    the cache."""
    import extract.pipeline

    rules = tmp_path / "rules"
    rules.mkdir()
    cache = str(tmp_path / "cache")
    _run(tmp_path / "cold.jsonl", "--cache-dir", cache)
    (rules / "mine.jsonl").write_text(json.dumps(MOAN_CUE_RULE) + "\n", encoding="utf-8")
    built = multiprocessing.Value("i", 0)
    real = extract.pipeline.build_pipeline

    def counting(*args, **kwargs):
        with built.get_lock():
            built.value += 1
        return real(*args, **kwargs)

    processes = tmp_path / "processes"
    processes.mkdir()
    process = Extractor.process

    def noting(self, *args, **kwargs):
        (processes / str(os.getpid())).touch()
        return process(self, *args, **kwargs)

    monkeypatch.setattr(extract.pipeline, "build_pipeline", counting)
    monkeypatch.setattr(Extractor, "process", noting)
    monkeypatch.setattr("extract.run.workers.usable_cores", lambda: 2)
    monkeypatch.setattr("extract.run.workers.CHUNK", 2)
    edited = _run(tmp_path / "edited.jsonl", "--cache-dir", cache, "--patterns", str(rules))
    assert built.value == 1  # the rules-only pipeline, once, here
    seen = {p.name for p in processes.iterdir()}
    assert seen and str(os.getpid()) not in seen  # every chunk in a worker
    assert edited == _run(tmp_path / "plain.jsonl", "--no-cache", "--patterns", str(rules))


def test_two_workers_write_the_same_bytes_as_one(tmp_path, uncached):
    assert _run(tmp_path / "workers.jsonl", "--no-cache", "--workers", "2") == uncached


@pytest.mark.skipif(sys.platform != "linux", reason="workers fork only on Linux")
def test_forked_workers_start_with_the_pipeline_built_once_here(tmp_path, uncached, monkeypatch):
    """Two workers, one pipeline built: this process builds it before forking them."""
    import extract.pipeline
    from extract.run.corpus import _extractor

    built = multiprocessing.Value("i", 0)  # counted in whichever process builds one
    real = extract.pipeline.build_pipeline

    def counting(*args, **kwargs):
        with built.get_lock():
            built.value += 1
        return real(*args, **kwargs)

    _extractor.cache_clear()  # a pipeline an earlier test loaded here would hide the count
    monkeypatch.setattr(extract.pipeline, "build_pipeline", counting)
    assert _run(tmp_path / "kb.jsonl", "--no-cache", "--workers", "2") == uncached
    assert built.value == 1


def test_a_stage_setting_edited_in_a_saved_pipeline_makes_the_claims_it_cached_stale(tmp_path):
    """A saved pipeline whose config is edited to ask the quote stage for fewer ``steps`` writes,
    on a re-run, what a run without the cache writes, not the claims the cache kept."""
    import extract

    saved = tmp_path / "saved"
    extract.load().to_disk(saved)
    model, cache = ["--model", str(saved)], ["--cache-dir", str(tmp_path / "cache")]
    full = _run(tmp_path / "full.jsonl", *model, *cache)
    config = saved / "config.cfg"
    steps = re.search(r"^steps = (\[.*\])$", config.read_text(encoding="utf-8"), re.M)
    assert steps is not None and '"cue"' in steps.group(1)
    fewer = json.dumps([step for step in json.loads(steps.group(1)) if step != "cue"])
    config.write_text(config.read_text(encoding="utf-8").replace(steps.group(0), f"steps = {fewer}"), encoding="utf-8")
    edited = _run(tmp_path / "edited.jsonl", *model, *cache)
    assert edited == _run(tmp_path / "fresh.jsonl", *model, "--no-cache")
    assert edited != full
