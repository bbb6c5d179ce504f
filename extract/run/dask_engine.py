"""The engine that processes a run's chunks on a Dask cluster, for corpora too big for one machine.

Workers run the same ``process_chunk`` as the local engine, and ``run`` writes what they return in
input order, so the output is the same bytes. The pipeline loads once per worker process, not per
task: a Dask worker runs every task in the same process, where ``extractor_for`` (an lru_cache)
keeps the loaded extractor. A worker runs one chunk at a time whatever its ``--nthreads``, because
a spaCy pipeline and its memory zones are not safe to share between threads.

Workers must see the input files at the same paths as this process (a shared filesystem), or read
them from URLs (``extract.storage``) with the fsspec backend installed on every worker.
"""

from __future__ import annotations

import logging
import threading
from collections import deque
from collections.abc import Iterator, Sequence
from contextlib import ExitStack
from dataclasses import replace

import dask
from distributed import Client, Future, KilledWorker, LocalCluster

from extract.io.reader import Source
from extract.run.corpus import Engine, FileResult, RunSettings, process_chunk
from extract.run.documents import document_entry
from extract.run.workers import chunks, shared_chunk_size

CRASHED = "crashed the worker twice"
WINDOW_PER_WORKER = 4  # chunks submitted and not yet written, per worker: bounds memory on any corpus
WORKER_TIMEOUT = 60  # seconds to wait for a first worker to join a remote scheduler
SCHEDULER_TIMEOUT = 5.0  # seconds to reach a scheduler: an address with nobody there fails fast

_one_chunk_at_a_time = threading.Lock()


def dask_engine(
    scheduler: str | None = None, local_workers: int | None = None, scheduler_timeout: float = SCHEDULER_TIMEOUT
) -> Engine:
    """Chunks processed on the cluster at ``scheduler``, or on a local one of ``local_workers`` processes.

    The cluster is connected (or started) when the run starts and closed (or stopped) when it ends,
    also on an error or Ctrl-C. A scheduler not reached within ``scheduler_timeout`` seconds is an
    OSError naming it (Dask's own default waits 30 s).
    """

    def engine(settings: RunSettings, sources: Sequence[Source]) -> Iterator[list[FileResult]]:
        if not sources:
            return
        with ExitStack() as stack:
            client = _connect(stack, scheduler, local_workers, scheduler_timeout)
            workers = len(client.nthreads())
            parts = chunks(sources, shared_chunk_size(len(sources), workers, WINDOW_PER_WORKER))
            yield from _in_order(client, settings, parts, workers * WINDOW_PER_WORKER)

    return engine


def _connect(stack: ExitStack, scheduler: str | None, local_workers: int | None, timeout: float) -> Client:
    """A client of the cluster at ``scheduler``, or of a cluster started for this run; ``stack`` closes both."""
    if scheduler:
        try:
            client = stack.enter_context(Client(scheduler, timeout=timeout))
        except OSError:  # Dask's message is several lines long
            raise OSError(
                f"no Dask scheduler answered at {scheduler} within {timeout:g} s: start one (dask scheduler), "
                "check the address, or wait longer with --scheduler-timeout"
            ) from None
        try:
            client.wait_for_workers(1, timeout=WORKER_TIMEOUT)
        except TimeoutError:
            raise TimeoutError(f"no Dask worker joined {scheduler} within {WORKER_TIMEOUT} s") from None
        return client
    # One death is retried; a chunk whose worker dies twice fails with KilledWorker (Dask's default is
    # four), which sends it to _one_by_one. The scheduler of a LocalCluster runs in this process.
    # Dask's MALLOC_TRIM_THRESHOLD_=65536 makes spaCy ~20% slower; the memory zones keep memory flat without it.
    config = {
        "distributed.scheduler.allowed-failures": 1,
        "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
    }
    with dask.config.set(config):
        cluster = stack.enter_context(
            LocalCluster(
                n_workers=local_workers or 2,
                threads_per_worker=1,
                processes=True,
                dashboard_address=":0",
                silence_logs=logging.ERROR,  # any free port; no warnings on Ctrl-C
            )
        )
    return stack.enter_context(Client(cluster))


def _in_order(
    client: Client, settings: RunSettings, parts: list[list[Source]], window: int
) -> Iterator[list[FileResult]]:
    """Each part's results in input order, with at most ``window`` parts on the cluster or waiting here."""
    in_flight: deque[tuple[list[Source], Future]] = deque()
    for part in parts:
        in_flight.append((part, _submit(client, settings, part)))
        if len(in_flight) == window:
            yield _gather(client, settings, *in_flight.popleft())
    while in_flight:
        yield _gather(client, settings, *in_flight.popleft())


def _submit(client: Client, settings: RunSettings, part: list[Source]) -> Future:
    """Paths made absolute here: a remote worker does not run in this process's folder (URLs stay)."""
    absolute = [
        source if isinstance(source.path, str) else replace(source, path=source.path.absolute()) for source in part
    ]
    return client.submit(_process, settings, absolute, pure=False, retries=1)


def _process(settings: RunSettings, sources: list[Source]) -> list[FileResult]:
    """``process_chunk``, one chunk at a time per worker process (see the module docstring)."""
    with _one_chunk_at_a_time:
        return process_chunk(settings, sources)


def _gather(client: Client, settings: RunSettings, part: list[Source], future: Future) -> list[FileResult]:
    try:
        return _as_given(part, future.result())
    except KilledWorker:
        return _one_by_one(client, settings, part)


def _one_by_one(client: Client, settings: RunSettings, part: list[Source]) -> list[FileResult]:
    """A part whose workers died twice, one file at a time, to report only the files that kill a worker.

    The files go one after the other so that a good file never shares a dying worker with a bad one.
    """
    results: list[FileResult] = []
    for source in part:
        try:
            results += _as_given([source], _submit(client, settings, [source]).result())
        except KilledWorker:
            entry = document_entry(source, None, None, [], CRASHED)
            results.append(FileResult(source.doc_id, entry, [], f"{source.path}: {CRASHED}"))
    return results


def _as_given(part: list[Source], results: list[FileResult]) -> list[FileResult]:
    """Each file named by the path it was given as, like the local engine does, not the absolute one."""
    for source, result in zip(part, results, strict=True):
        absolute = result.entry["path"]
        result.entry["path"] = str(source.path)
        if result.error:
            result.error = str(source.path) + result.error.removeprefix(absolute)
    return results
