"""The Dask engine on a real local cluster: the same bytes as a local run, even when workers die."""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from extract.cli import main
from extract.model.loading import DEFAULT_MODEL
from extract.run.corpus import Extractor, RunSettings, _extractor, run

from .conftest import CORPUS

dask = pytest.importorskip("dask")
distributed = pytest.importorskip("distributed")

from extract.run.dask_engine import CRASHED, dask_engine  # noqa: E402  (needs the dask extra)

POISON = "poison.txt"


@pytest.fixture(scope="module")
def cluster():
    """Two worker processes, failing a task after two worker deaths, as the engine's own local cluster does."""
    with dask.config.set({"distributed.scheduler.allowed-failures": 1}):
        cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0")
    with cluster, distributed.Client(cluster) as client:
        yield cluster, client


def _run(folder: Path | str, out: Path, *engine: str) -> Result:
    return CliRunner().invoke(main, ["run", str(folder), "-o", str(out), "--no-cache", "-q", *engine])


def _outputs(out: Path) -> tuple[bytes, bytes]:
    return out.read_bytes(), out.with_name(out.name.removesuffix(".jsonl") + ".documents.jsonl").read_bytes()


@pytest.fixture(scope="module")
def local_corpus_run(tmp_path_factory) -> tuple[bytes, bytes]:
    out = tmp_path_factory.mktemp("local") / "kb.jsonl"
    assert _run(CORPUS, out).exit_code == 0
    return _outputs(out)


def test_same_bytes_as_a_local_run_and_one_pipeline_per_worker(cluster, local_corpus_run, tmp_path):
    cluster, client = cluster
    out = tmp_path / "kb.jsonl"
    result = _run(CORPUS, out, "--engine", "dask", "--scheduler", cluster.scheduler_address)
    assert result.exit_code == 0, result.stderr
    assert _outputs(out) == local_corpus_run
    built = client.run(lambda: _extractor.cache_info().misses)
    assert len(built) == 2 and all(count <= 1 for count in built.values()) and sum(built.values()) >= 1


def test_bad_files_give_the_same_errors_and_entries_as_a_local_run(tmp_path, monkeypatch):
    folder = tmp_path / "in"
    folder.mkdir()
    for good in CORPUS.glob("*.txt"):
        (folder / good.name).write_bytes(good.read_bytes())
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 8)
    monkeypatch.chdir(tmp_path)  # a relative path: the entries and error lines name files as given
    local = _run("in", tmp_path / "local.jsonl")
    on_dask = _run("in", tmp_path / "dask.jsonl", "--engine", "dask", "--local-workers", "2")  # its own cluster
    assert local.exit_code == on_dask.exit_code == 1
    assert on_dask.stderr == local.stderr
    assert "extract: in/empty.txt: " in local.stderr and "extract: in/binary.txt: " in local.stderr
    assert _outputs(tmp_path / "dask.jsonl") == _outputs(tmp_path / "local.jsonl")


def test_a_worker_killed_mid_run_loses_nothing(cluster, local_corpus_run, tmp_path):
    cluster, client = cluster
    pids = client.run(os.getpid)
    killed: list[str] = []

    def kill_a_busy_worker() -> None:
        deadline = time.monotonic() + 20
        while not killed and time.monotonic() < deadline:
            busy = [address for address, keys in client.processing().items() if keys]
            if busy:
                time.sleep(0.05)  # into the task
                os.kill(pids[busy[0]], signal.SIGKILL)
                killed.append(busy[0])
            time.sleep(0.005)

    killer = threading.Thread(target=kill_a_busy_worker)
    killer.start()
    try:
        out = tmp_path / "kb.jsonl"
        warnings: list[str] = []
        summary = run(
            RunSettings(model=DEFAULT_MODEL),
            [CORPUS],
            str(out),
            None,
            warn=warnings.append,
            engine=dask_engine(scheduler=cluster.scheduler_address),
        )
    finally:
        killer.join()
    assert killed and not warnings and summary.documents == 5
    assert out.read_bytes() == local_corpus_run[0]


class Poison(distributed.WorkerPlugin):
    """Makes a worker process die on the file named POISON, as a segfault in a native library would."""

    name = "poison"

    def setup(self, worker) -> None:
        self.process = Extractor.process

        def process(extractor, sources):
            if any(source.doc_id == POISON for source in sources):
                os._exit(1)
            return self.process(extractor, sources)

        Extractor.process = process

    def teardown(self, worker) -> None:
        Extractor.process = self.process


def test_a_file_that_kills_its_worker_twice_is_reported_and_the_run_goes_on(cluster, local_corpus_run, tmp_path):
    cluster, client = cluster
    folder = tmp_path / "in"
    folder.mkdir()
    for good in CORPUS.glob("*.txt"):
        (folder / good.name).write_bytes(good.read_bytes())
    (folder / POISON).write_text("An article.\n", encoding="utf-8")
    out = tmp_path / "kb.jsonl"
    client.register_plugin(Poison())  # also set up on the workers that replace the dead ones
    try:
        result = _run(folder, out, "--engine", "dask", "--scheduler", cluster.scheduler_address)
    finally:
        client.unregister_worker_plugin(Poison.name)
    assert result.exit_code == 1
    assert result.stderr == f"extract: {folder / POISON}: {CRASHED}\n"
    kb, documents = _outputs(out)
    assert kb == local_corpus_run[0]
    assert f'"doc_id": "{POISON}"'.encode() in documents and f'"error": "{CRASHED}"'.encode() in documents


def test_an_unreachable_scheduler_is_one_clear_line_within_its_timeout(tmp_path):
    started = time.monotonic()
    address = "tcp://127.0.0.1:9"
    result = _run(CORPUS, tmp_path / "kb.jsonl", "--engine", "dask", "--scheduler", address, "--scheduler-timeout", "1")
    assert time.monotonic() - started < 10  # Dask's own default waits 30 s
    assert result.exit_code == 2
    assert result.stderr.startswith(f"extract: no Dask scheduler answered at {address} within 1 s")
    assert "--scheduler-timeout" in result.stderr and result.stderr.count("\n") == 1
    assert not (tmp_path / "kb.jsonl").exists()


def test_a_scheduler_and_a_local_cluster_exclude_each_other(tmp_path):
    result = _run(CORPUS, tmp_path / "kb.jsonl", "--engine", "dask", "--scheduler", "tcp://h:1", "--local-workers", "2")
    assert result.exit_code == 2 and "exclude each other" in result.stderr


def test_workers_read_a_corpus_given_as_a_url(cluster, local_corpus_run, tmp_path):
    """``local://`` goes through fsspec like ``s3://`` would, so the workers open the URLs themselves."""
    cluster, _ = cluster
    out = tmp_path / "kb.jsonl"
    result = _run(f"local://{CORPUS}", out, "--engine", "dask", "--scheduler", cluster.scheduler_address)
    assert result.exit_code == 0, result.stderr
    assert out.read_bytes() == local_corpus_run[0]
    assert b'"path": "file://' in _outputs(out)[1]


def test_without_the_extra_the_message_says_what_to_install(monkeypatch, tmp_path):
    monkeypatch.delitem(sys.modules, "extract.run.dask_engine")
    monkeypatch.setitem(sys.modules, "distributed", None)  # importing it now raises ImportError
    result = _run(CORPUS, tmp_path / "kb.jsonl", "--engine", "dask")
    assert result.exit_code == 2
    assert result.stderr == ("extract: --engine dask needs the dask extra: pip install 'extract-claims[dask]'\n")
