"""Reading an input as its kind says: a file (text, gzip, an HTML page through trafilatura), the
bytes piped in, or a record of a collection. Here, above the readers of each kind, so none of
them imports another."""

from __future__ import annotations

import hashlib
from dataclasses import replace

from extract.io.collection import decode_record
from extract.io.html import read_html
from extract.io.reader import (
    COLLECTION,
    GZIP_MAGIC,
    HTML,
    MAX_BYTES,
    MAX_LINE_CHARS,
    Decoded,
    InputError,
    Source,
    decode,
    gunzip,
    kind_of,
    load,
    looks_like_html,
    size_error,
)
from extract.io.storage import Location


def read(source: Source, *, max_bytes: int = MAX_BYTES) -> Decoded:
    """A source's text: a collection's record, the bytes it carries (standard input), or its file."""
    if source.record is not None:
        return decode_record(source.record)
    if source.data is None:
        return read_source(source.path, max_bytes=max_bytes)
    if len(source.data) > max_bytes:
        raise size_error(max_bytes)
    return decode_file(source.data, source.name, max_bytes=max_bytes)


def read_source(path: Location, *, max_bytes: int = MAX_BYTES, max_line_chars: int = MAX_LINE_CHARS) -> Decoded:
    """Read and decode one file, checking its size before reading so a huge file is never loaded."""
    name = path.rpartition("/")[2] if isinstance(path, str) else path.name
    return decode_file(load(path, max_bytes), name, max_bytes=max_bytes, max_line_chars=max_line_chars)


def decode_file(data: bytes, name: str, *, max_bytes: int = MAX_BYTES, max_line_chars: int = MAX_LINE_CHARS) -> Decoded:
    """A file's text, read as its kind: gzip undone (by magic bytes), HTML through trafilatura,
    anything else as text. A file whose name says nothing (no .html) but which starts like an
    HTML page (``<!doctype html``, ``<html``) is read as HTML, except a ``.txt`` file."""
    sha256 = hashlib.sha256(data).hexdigest()
    if data.startswith(GZIP_MAGIC):
        data = gunzip(data, max_bytes)
    kind = kind_of(name)
    if kind == COLLECTION:
        raise InputError("a collection of articles (one document per record): read it with `extract run`")
    if kind == HTML or (not name.lower().removesuffix(".gz").endswith(".txt") and looks_like_html(data)):
        return read_html(data, sha256, max_line_chars=max_line_chars, max_bytes=max_bytes)
    decoded = decode(data, max_line_chars=max_line_chars)
    return decoded if decoded.sha256 == sha256 else replace(decoded, sha256=sha256)
