"""Process-wide tuning for a run that owns its process: the ``extract`` command opts in
(``RunSettings.tune_process``); a library caller's process is left as it is."""

from __future__ import annotations

import ctypes
import gc


def keep_large_blocks() -> None:
    """The model allocates arrays of tens of megabytes for each batch. glibc serves blocks that
    large by mapping fresh memory and unmaps it on free, so every batch pays its page faults
    again (a tenth of a cold run on this machine). Blocks up to 64 MB are kept on the heap, and
    freed memory is returned to the system only past 128 MB. Linux (glibc) only; a no-op elsewhere."""
    try:
        libc = ctypes.CDLL("libc.so.6")
        mallopt = libc.mallopt
    except (OSError, AttributeError):
        return
    m_trim_threshold, m_top_pad, m_mmap_threshold = -1, -2, -3
    mallopt(m_mmap_threshold, 64 << 20)
    mallopt(m_trim_threshold, 128 << 20)
    mallopt(m_top_pad, 64 << 20)


# Objects allocated (less those freed) between collections of the youngest generation; Python's
# default is 700. A run makes millions of small objects that live as long as a chunk (tokens,
# spans, claims, records), and importing spaCy and loading the model millions more that live as
# long as the process: at 700 the collector walks them again and again, and every hundredth
# collection is a full one (together a twentieth of a cold run's CPU, with no memory to show for it).
YOUNG_OBJECTS = 10_000


def collect_less() -> None:
    """Call first thing in a run that owns its process: the garbage collector runs less often
    (``YOUNG_OBJECTS``); a worker inherits it."""
    gc.set_threshold(YOUNG_OBJECTS, *gc.get_threshold()[1:])


def settle() -> None:
    """Call after loading a pipeline. It, and everything loaded with it, lives as long as the run: it is moved out of
    the garbage collector's reach (``gc.freeze``), or each full collection would walk it all, a
    few hundredths of a second every time; and the collector runs less often (``collect_less``,
    for a worker that starts afresh). Nothing is collected first: loading the model leaves a
    hundred or so unreachable objects, and collecting them would cost a run's start-up 0.07 s."""
    gc.freeze()
    collect_less()
