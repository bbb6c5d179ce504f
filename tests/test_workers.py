"""Worker processes: the article finder beside the process that loads the model."""

from __future__ import annotations

import multiprocessing
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from extract.cli import main
from extract.document.article import find_article, furniture_detector
from extract.io.reader import Source
from extract.model.loading import DEFAULT_MODEL
from extract.pipeline import rule_folders
from extract.run.corpus import RunSettings, extractor_for

from .conftest import CORPUS


def _sources(folder: Path) -> list[Source]:
    return [Source(path, path.name) for path in sorted(folder.iterdir())]


def test_the_article_finder_caches_the_article_of_each_file_it_can_read(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    for path in sorted(CORPUS.glob("*.txt"))[:2]:
        (folder / path.name).write_bytes(path.read_bytes())
    (folder / "broken.txt").write_bytes(b"\x00\xff" * 100)  # a binary: left to the workers to report
    extractor = extractor_for(RunSettings(DEFAULT_MODEL, cache_dir=str(tmp_path / "cache")))
    extractor.cache_articles(_sources(folder), stop=lambda: False)
    furniture = extractor.rules.fingerprint("FURNITURE")
    detector = furniture_detector(rule_folders(()), furniture)
    for path in sorted(CORPUS.glob("*.txt"))[:2]:
        text = path.read_text(encoding="utf-8")
        assert extractor.cache.get_article(text, furniture) == find_article(text, detector)


def test_the_article_finder_stops_when_told(tmp_path):
    extractor = extractor_for(RunSettings(DEFAULT_MODEL, cache_dir=str(tmp_path / "cache")))
    extractor.cache_articles(_sources(CORPUS), stop=lambda: True)
    assert not list((tmp_path / "cache").rglob("articles/*/*.json"))


@pytest.mark.skipif(sys.platform != "linux", reason="workers fork only on Linux")
def test_forked_workers_read_the_articles_found_while_the_model_loaded(tmp_path, monkeypatch):
    """Each page's article is found once, by the finder, when it is done before the workers
    start (here the model's loading waits for it): the workers read it from the cache. The bytes
    are those of a run without the cache."""
    import extract.pipeline
    import extract.run.extraction
    from extract.run.corpus import _extractor

    cache = tmp_path / "cache"
    found = multiprocessing.Value("i", 0)  # counted in whichever process finds one
    real_find, real_build = extract.run.extraction.find_article, extract.pipeline.build_pipeline

    def counting(*args, **kwargs):
        with found.get_lock():
            found.value += 1
        return real_find(*args, **kwargs)

    def after_the_finder(*args, **kwargs):
        deadline = time.monotonic() + 60
        while len(list(cache.rglob("articles/*/*.json"))) < len(_sources(CORPUS)) and time.monotonic() < deadline:
            time.sleep(0.05)
        return real_build(*args, **kwargs)

    _extractor.cache_clear()  # a pipeline an earlier test loaded here would skip the build
    monkeypatch.setattr(extract.run.extraction, "find_article", counting)
    monkeypatch.setattr(extract.pipeline, "build_pipeline", after_the_finder)

    def run(out: Path, *args: str) -> bytes:
        result = CliRunner().invoke(main, ["run", str(CORPUS), "-o", str(out), "--quiet", "--workers", "2", *args])
        assert result.exit_code == 0, result.stderr
        return out.read_bytes()

    cached = run(tmp_path / "cached.jsonl", "--cache-dir", str(cache))
    assert found.value == len(_sources(CORPUS))
    assert cached == run(tmp_path / "plain.jsonl", "--no-cache")
