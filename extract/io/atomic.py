"""Atomic writes: every output appears whole or not at all, so an interrupted run loses nothing."""

from __future__ import annotations

import itertools
import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO

from extract.io.storage import locate, upload


@contextmanager
def atomic_writer(path: str | os.PathLike) -> Iterator[IO[str]]:
    """Write to a temporary file beside ``path`` and rename it into place only on success.

    An interrupted run (Ctrl-C, kill, full disk) leaves the previous file intact. A URL (see
    ``extract.storage``) is written locally first and uploaded in one put when complete.
    """
    target = locate(path)
    if isinstance(target, str):
        with tempfile.TemporaryDirectory(prefix="extract-") as folder:
            finished = Path(folder) / "upload"
            with atomic_writer(finished) as handle:
                yield handle
            upload(finished, target)
        return
    with replaced_on_success(target) as tmp, tmp.open("w", encoding="utf-8", newline="\n") as handle:
        yield handle
        handle.flush()
        os.fsync(handle.fileno())


@contextmanager
def replaced_on_success(target: Path) -> Iterator[Path]:
    """A temporary path beside ``target``, renamed onto it when the block ends without an error.

    Concurrent writers of one target (cache entries, worker processes) each get their own
    temporary file, named by process and a counter. It is created as a plain write would create
    the target (mode 0o666 less the umask, so an output the user shares stays readable); an
    existing target keeps its mode.
    """
    tmp = _new_temporary(target)
    try:
        yield tmp
        with suppress(FileNotFoundError):
            os.chmod(tmp, stat.S_IMODE(target.stat().st_mode))
        os.replace(tmp, target)
    except OSError as err:
        tmp.unlink(missing_ok=True)
        raise _naming(err, tmp, target) from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _naming(err: OSError, tmp: Path, target: Path) -> OSError:
    """An error about our temporary file, told about the output the user named instead."""
    if err.filename is None or Path(err.filename) != tmp:
        return err
    named = type(err)(f"cannot write {target}: {err.strerror}")
    named.errno = err.errno
    return named


_TEMPORARIES = itertools.count()


def _new_temporary(target: Path) -> Path:
    while True:
        tmp = target.with_name(f".{target.name}.{os.getpid()}-{next(_TEMPORARIES)}.tmp")
        try:
            os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
            return tmp
        except FileExistsError:  # left by a process that had this id before
            continue
        except FileNotFoundError:  # name the folder the user gave, not our temporary file
            if target.parent.is_dir():
                raise
            raise FileNotFoundError(
                f"cannot write {target}: folder {target.parent} does not exist; create it first"
            ) from None
        except OSError as err:  # a read-only folder, a full disk: the output's, not our file's
            raise _naming(err, tmp, target) from None
