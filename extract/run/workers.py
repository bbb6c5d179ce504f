"""How many worker processes a run uses when not told: the machine's, as far as the files need."""

from __future__ import annotations

import os

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
