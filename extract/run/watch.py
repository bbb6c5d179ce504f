"""``extract run --watch``: the run again whenever an article or a rule file changes.

A user who adds a pattern re-runs to see what it finds. A new process pays Python's and spaCy's
start-up every time (importing spaCy alone takes most of a second), more than the rules take
on a cached corpus; a watching process keeps its modules, rules and rule pipeline loaded, so the
KB shows an edit a fraction of a second after it is saved. The filesystem's own change events
(watchfiles: inotify, FSEvents, ReadDirectoryChangesW) wake it, so it costs next to nothing while
idle (its thread wakes ten times a second).

What counts as a change is what a run reads: the files discovery finds (with their modification
times and sizes) and every rule file. Events that leave those as they were (the run's own KB
written inside a watched folder, an editor's swap file) do not start a run.
"""

from __future__ import annotations

import os
import queue
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

from extract.io.storage import locate
from extract.rules.folders import default_patterns_dir
from extract.rules.loading import rule_files_stamp
from extract.run.discovery import Options, discover

# (path, modification time in ns, size) of every file a run reads; -1, -1 for one gone meanwhile,
# 0, 0 for one it skips
State = tuple[tuple[str, int, int], ...]


def local_paths(paths: Sequence[str | os.PathLike]) -> list[Path]:
    """The command line's paths as local paths: a URL's folder sends no change events to watch."""
    located = [locate(str(p)) for p in paths]
    remote = [str(p) for p in located if not isinstance(p, Path)]
    if remote:
        raise ValueError(f"--watch needs local files or folders, not {', '.join(remote)}")
    return located  # type: ignore[return-value]


def run_state(paths: Sequence[Path], patterns: Sequence[Path], options: Options) -> State:
    """What a run would read, as it stands: the files discovery finds (their times and sizes), the
    names of those it skips (the documents list names them, whatever they hold) and the rule files."""
    found = discover(paths, options)
    stamp = []
    for name in sorted({str(s.path) for s in found.sources}):
        try:
            info = os.stat(name)
            stamp.append((name, info.st_mtime_ns, info.st_size))
        except OSError:
            stamp.append((name, -1, -1))
    skipped = sorted((str(path), 0, 0) for path, _ in found.skipped)
    return (*stamp, *skipped, *rule_files_stamp(patterns))


def changed(before: State, now: State) -> list[str]:
    """The files added, removed or edited between two states, sorted."""
    old, new = dict((p, rest) for p, *rest in before), dict((p, rest) for p, *rest in now)
    return sorted(p for p in old.keys() | new.keys() if old.get(p) != new.get(p))


def describe(files: Sequence[str], shown: int = 3) -> str:
    """A line's worth of changed file names: the first few and how many more."""
    names = [Path(f).name for f in files[:shown]]
    more = len(files) - shown
    return ", ".join(names) + (f" and {more} more" if more > 0 else "")


def watch_folders(paths: Sequence[Path], patterns: Sequence[Path]) -> list[Path]:
    """The folders whose changes may change a run: the input paths (a file's own folder, as
    editors replace files) and every rule folder."""
    folders = {p if p.is_dir() else p.parent for p in (p.resolve() for p in paths)}
    folders |= {Path(p).resolve() for p in (default_patterns_dir(), *patterns)}
    return sorted(folders)


def watch(
    run_once: Callable[[], object],
    state: Callable[[], State],
    events: Iterable[object],
    say: Callable[[str], None],
) -> None:
    """Run, then again whenever ``state`` is no longer what the last run read: looked at after each
    run (a change saved while it ran) and after each batch of ``events``."""
    events = iter(events)
    before = state()
    run_once()
    while True:
        now = state()
        if now == before:
            if next(events, None) is None:
                return
            continue
        say(f"{describe(changed(before, now))} changed: running again")
        before = now
        run_once()


def file_events(folders: Sequence[Path], tick_ms: int = 100) -> Iterator[object]:
    """Batches of filesystem changes under ``folders``, as they come. The watcher is already
    running when this returns, before the first run: a rule saved while that run goes on, or just
    after it, is a change to run again for (watchfiles starts its watcher only when first asked
    for a batch, which left a window where a save was missed). It follows the folders in a thread
    of its own, waking every ``tick_ms`` when idle; Ctrl-C in this thread raises KeyboardInterrupt."""
    from watchfiles import watch as watch_changes

    batches: queue.Queue[object] = queue.Queue()
    ready = threading.Event()

    def follow() -> None:
        try:
            # step: how long to wait for more changes of one save before running (an editor writes
            # a file in a few steps); debounce: the longest a stream of changes is held back.
            for batch in watch_changes(*folders, debounce=400, step=30, rust_timeout=tick_ms, yield_on_timeout=True):
                ready.set()  # the first batch, empty after tick_ms: the watcher is running
                if batch:
                    batches.put(batch)
        except Exception as err:  # a folder gone, a watcher that cannot start: say so and stop
            batches.put(err)
        finally:
            batches.put(None)
            ready.set()

    threading.Thread(target=follow, name="extract-watch", daemon=True).start()
    ready.wait()
    return _taken(batches)


def _taken(batches: queue.Queue[object]) -> Iterator[object]:
    """The batches the watcher's thread queues; a failure of it is raised here, where the run is."""
    while True:
        try:
            batch = batches.get(timeout=0.5)  # a timeout, so that Ctrl-C is not held up by the wait
        except queue.Empty:
            continue
        if isinstance(batch, Exception):
            raise batch
        if batch is None:
            return
        yield batch
