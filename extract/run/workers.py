"""Where a run's chunks of files are processed: in this process, or in worker processes, as many
as the machine has and the files need when not told (``local_engine``; the Dask engine is
``extract.run.dask_engine``)."""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
from collections.abc import Callable, Generator, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from multiprocessing.synchronize import Event as EventType

from extract.io.reader import Source
from extract.run.corpus import FileResult, RunSettings, extractor_for, process_chunk

CHUNK = 16  # files per unit of work: one model batch

FINDER_GRACE = 1.0  # seconds the article finder has to stop at the end of a run before it is stopped

SMALL_RUN = 4  # at most this many files: one process, as a worker's start-up would cost more than it saves


def usable_cores() -> int:
    """The cores this process may run on (its affinity where the system says, else all of them)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # macOS, Windows
        return os.cpu_count() or 1


def default_workers(files: int, cores: int | None = None) -> int:
    """The default ``--workers``: one per usable core, never more than the files, and one for a
    handful of files, where starting workers would dominate."""
    if files <= SMALL_RUN:
        return 1
    return max(1, min(cores or usable_cores(), files))


def chunks(sources: Sequence[Source], size: int | None = None) -> list[list[Source]]:
    """``sources`` in chunks of ``size`` files (default CHUNK, as it stands when called)."""
    size = size or CHUNK
    return [list(sources[i : i + size]) for i in range(0, len(sources), size)]


def shared_chunk_size(files: int, workers: int, per_worker: int = 4) -> int:
    """Chunks small enough that each of ``workers`` gets ``per_worker`` of them, at most CHUNK files."""
    return max(1, min(CHUNK, files // (workers * per_worker) or 1))


def shrinking_chunks(sources: Sequence[Source], workers: int, shares: int = 2) -> list[list[Source]]:
    """Chunks for ``workers`` taking them in turn: each is a ``1 / (workers * shares)`` part of the
    files left (at most CHUNK), so the last are a file or two and the workers finish together,
    instead of one idling while another reads a whole last chunk (a tenth of a run)."""
    out: list[list[Source]] = []
    at = 0
    while at < len(sources):
        size = min(CHUNK, -(-(len(sources) - at) // (workers * shares)))  # the share left, rounded up
        out.append(list(sources[at : at + size]))
        at += size
    return out


def local_engine(
    workers: int | None = 1,
) -> Callable[[RunSettings, Sequence[Source]], Iterator[list[FileResult]]]:
    """Chunks processed in this process, or in ``workers`` processes; results in input order.

    ``workers`` None: as many as the work needs (``default_workers``). With a cache, the leading
    chunks whose parses it holds are done first, by the rules alone (a re-run after a pattern
    edit; see ``_cached_chunks``); from the first chunk that needs the model on, the rest go to
    ``default_workers`` of the files left. Without a cache, by all the files."""
    chosen = workers

    def engine(settings: RunSettings, sources: Sequence[Source]) -> Iterator[list[FileResult]]:
        if chosen is None and settings.cache_dir is not None:
            sources = yield from _cached_chunks(settings, sources)
        workers = chosen or default_workers(len(sources))
        parts = chunks(sources) if workers == 1 else shrinking_chunks(sources, workers)
        if workers == 1 or len(parts) < 2:
            for part in parts:
                yield process_chunk(settings, part)
            return
        context = _worker_context()
        with _articles_found_beside(context, settings, sources):
            if context.get_start_method() == "fork":  # load the pipeline once, here: every worker starts with it
                extractor_for(settings).nlp  # noqa: B018 - a cached property, loaded for its side effect
            with context.Pool(workers) as pool:
                yield from pool.imap(_Task(settings), parts)

    return engine


def _cached_chunks(
    settings: RunSettings, sources: Sequence[Source]
) -> Generator[list[FileResult], None, Sequence[Source]]:
    """The results of the leading chunks the cache can serve without the model; returns the files
    left from the first chunk that needs the model (all of them when the cache holds no parse of
    this model: a first run does not try). Where workers fork, the rules-only pipeline is built
    here and the chunks shared by a worker per core, which start with it in milliseconds; a worker
    that meets a chunk needing the model hands it back."""
    extractor = extractor_for(settings)
    if extractor.cache is None or not extractor.cache.has_parses():
        return sources
    workers = min(usable_cores(), -(-len(sources) // CHUNK))
    context = _worker_context()
    if workers > 1 and context.get_start_method() == "fork":
        parts = shrinking_chunks(sources, workers)
        extractor.rules_nlp  # noqa: B018 - a cached property, built here for every worker
        with context.Pool(workers) as pool:
            return (yield from _leading(parts, pool.imap(_CachedTask(settings), parts)))
    parts = chunks(sources)
    return (yield from _leading(parts, map(_CachedTask(settings), parts)))


def _leading(
    parts: list[list[Source]], results: Iterator[list[FileResult] | None]
) -> Generator[list[FileResult], None, Sequence[Source]]:
    """The results of ``parts`` up to the first that needs the model (None); returns the files
    from that one on."""
    for at, result in enumerate(results):
        if result is None:
            return [source for part in parts[at:] for source in part]
        yield result
    return ()


@contextmanager
def _articles_found_beside(
    context: multiprocessing.context.BaseContext, settings: RunSettings, sources: Sequence[Source]
) -> Iterator[None]:
    """Loading the model is one process's work, and the other cores idle through it: meanwhile a
    process of its own finds the files' articles (``Extractor.cache_articles``) into the cache,
    where the workers find them. It goes on beside the workers, ahead of them, until the block
    ends. Without a cache there is nowhere to leave them; where workers do not fork, each loads
    its own pipeline and there is no loading here to overlap."""
    if settings.cache_dir is None or context.get_start_method() != "fork":
        yield
        return
    stop = context.Event()
    finder = context.Process(target=_cache_articles, args=(settings, sources, stop), daemon=True)
    finder.start()
    try:
        yield
    finally:
        stop.set()
        finder.join(FINDER_GRACE)
        if finder.is_alive():  # in the middle of a huge page: what it has not cached, nobody waits for
            finder.terminate()
            finder.join()


def _cache_articles(settings: RunSettings, sources: Sequence[Source], stop: EventType) -> None:
    """The article finder's process: Ctrl-C is for the run to handle, and any failure here only
    leaves the workers an article to find themselves (they report what is wrong with a file)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    with suppress(Exception):
        extractor_for(settings).cache_articles(sources, stop.is_set)


def _worker_context() -> multiprocessing.context.BaseContext:
    """Fork where it is safe and cheap (Linux): a worker starts with the modules, rules and
    pipeline this process has loaded, in milliseconds instead of the second a fresh interpreter
    needs to import spaCy and the second each worker would spend loading its own pipeline (the
    model's weights are shared with this process until written, which they never are). Spawn
    elsewhere (macOS and Windows, where fork is unsafe or absent), where each worker loads its own."""
    return multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")


@dataclass(frozen=True)
class _CachedTask:
    """A chunk's results from cached parses alone, or None when one of its texts has none."""

    settings: RunSettings

    def __call__(self, sources: list[Source]) -> list[FileResult] | None:
        from extract.run.extraction import ParseMissing

        try:
            return extractor_for(self.settings).process(sources, model=False)
        except ParseMissing:
            return None


@dataclass(frozen=True)
class _Task:
    """A picklable ``process_chunk`` bound to its settings (a lambda cannot cross processes)."""

    settings: RunSettings

    def __call__(self, sources: list[Source]) -> list[FileResult]:
        return process_chunk(self.settings, sources)
