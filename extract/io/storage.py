"""Input and output on shared storage: fsspec URLs (s3://, gs://, memory://, ...) beside local paths.

A cluster's workers read the corpus from wherever it lives, so ``extract run`` takes URLs for its
inputs and ``-o``. Local paths, and ``file://`` URLs turned into paths, keep the reader's own route,
which knows about symlink loops, pipes and devices. Any other URL goes through fsspec, imported only
then, so the plain install does not need it; the backend (s3fs, gcsfs, ...) is the user's to install.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

# A local path, or the URL of a file or folder on some other filesystem.
Location = Path | str

_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")


def is_url(given: str | os.PathLike) -> bool:
    """Whether a path was given as a URL (``file://`` included)."""
    return bool(_URL.match(os.fspath(given)))


def locate(given: str | os.PathLike) -> Location:
    """A Path for a local path or a ``file://`` URL; the URL itself for any other filesystem."""
    text = os.fspath(given)
    if not _URL.match(text):
        return Path(text)
    if text.lower().startswith("file://"):
        return Path(unquote(urlparse(text).path))
    return text


def list_files(url: str) -> tuple[str, list[tuple[str, str]]]:
    """The files under the folder ``url`` (or the file itself) as (path relative to it, URL), sorted.

    Also returns the path of ``url`` on its filesystem, for telling apart files of the same name.
    Names starting with "." are left out inside a folder, as in a local walk.
    """
    fs, root = _filesystem(url)
    root = root.rstrip("/")
    if fs.isdir(root):
        found = []
        for path in sorted(fs.find(root)):
            rel = path[len(root) :].lstrip("/")
            if not any(part.startswith(".") for part in rel.split("/")):
                found.append((rel, fs.unstrip_protocol(path)))
        return root, found
    if fs.isfile(root):
        return root.rpartition("/")[0], [(root.rpartition("/")[2], fs.unstrip_protocol(root))]
    raise FileNotFoundError(f"no such file or folder: {url}")


def canonical(url: str) -> str:
    """One spelling per file (``memory://a`` and ``memory:///a`` are the same), to compare outputs with inputs."""
    fs, path = _filesystem(url)
    return fs.unstrip_protocol(path)


def read_bytes(url: str, limit: int) -> bytes:
    """The first ``limit`` bytes of the file at ``url`` (the caller compares the length with the limit)."""
    fs, path = _filesystem(url)
    with fs.open(path, "rb") as file:
        return file.read(limit)


def upload(local: Path, url: str) -> None:
    """Copy the finished file ``local`` to ``url`` in one put: object stores show it whole or not at all."""
    fs, path = _filesystem(url)
    fs.put_file(str(local), path)


def _filesystem(url: str) -> tuple[Any, str]:
    try:
        import fsspec
    except ImportError:
        raise OSError(
            f"{url}: reading and writing URLs needs fsspec: pip install fsspec (and its backend, e.g. s3fs)"
        ) from None
    try:
        return fsspec.core.url_to_fs(url)
    except (ImportError, ValueError) as err:  # an unknown protocol, or its backend not installed
        raise OSError(f"{url}: {err}") from None
