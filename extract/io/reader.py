"""Turning an input's bytes into text, refusing what is not an article (finding the inputs:
``extract.run.discovery``).

The decoded text is the reference for every offset in the knowledge base: ``text[start:end]``
must be exactly what the claim quotes. It is therefore NOT normalised in any way: CRLF and CR line
endings, no-break spaces, zero-width characters and Unicode compositions are kept as they are in
the file. Only a byte-order mark is dropped, because it is part of the encoding, not the text.

Encodings: a byte-order mark decides; otherwise strict UTF-8; otherwise charset-normalizer.
charset-normalizer is unreliable at telling the single-byte Latin code pages apart (it calls short
English Windows-1252 text cp932, cp1250 or cp852, turning "£" into "Ł"), and legacy English news
is almost always Windows-1252, so whenever it judges cp1252 a fit on its own we take cp1252,
before asking for its best guess. That also prefers cp1252 over latin-1: the same letters, but
0x80-0x9F are curly quotes and dashes rather than control characters. The cost is that Turkish
cp1254 text is read as cp1252 (six letters differ).

Stray NUL bytes (a few, in otherwise valid UTF-8: a bad export) are dropped with a warning rather
than the article refused as binary; the text then differs from the file and is kept beside the KB.

Input kinds: plain text (any extension when named on the command line; ``.txt`` in folders), HTML
pages (``.html``/``.htm``, read with trafilatura: ``extract.io.html``) and collections of articles
(``.jsonl``/``.json``, one document per record: ``extract.io.collection``), each optionally gzipped
(by extension or magic bytes). Folders give ``.txt``, ``.html`` and ``.htm`` files by default, other
names only through ``--include`` patterns.

Also here: an article piped in (``stdin_source``).
"""

from __future__ import annotations

import codecs
import hashlib
import re
import stat
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from charset_normalizer import from_bytes

from extract.io.storage import Location, read_bytes

MAX_BYTES = 64_000_000
MAX_LINE_CHARS = 100_000

# UTF-32 first: its little-endian mark starts with the UTF-16 one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Control characters (C0 and C1) other than tab, newline, carriage return and form feed.
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_NEWLINE = re.compile("\r\n|\r|\n")
# NUL bytes dropped from otherwise valid UTF-8 when they are at most this share of the bytes.
MAX_NUL_SHARE = 0.01
GZIP_MAGIC = b"\x1f\x8b"

# What a file holds, from its name (a ".gz" suffix aside): the reading each kind gets.
TEXT, HTML, COLLECTION = "text", "html", "collection"
_HTML_SUFFIXES = (".html", ".htm", ".xhtml")
_COLLECTION_SUFFIXES = (".jsonl", ".ndjson", ".json")
# Read from folders without being asked: articles as text or as saved pages.
DEFAULT_SUFFIXES = (".txt", *_HTML_SUFFIXES[:2])
DEFAULT_NAMES = ", ".join(DEFAULT_SUFFIXES)


class InputError(Exception):
    """A file that cannot be processed.

    str(err) is one line naming the problem, starting lower-case; the caller adds the path.
    """


STDIN = "-"  # the path that stands for standard input


def kind_of(name: str) -> str:
    """TEXT, HTML or COLLECTION, from a file name (``.gz`` aside)."""
    lower = name.lower().removesuffix(".gz")
    if lower.endswith(_HTML_SUFFIXES):
        return HTML
    if lower.endswith(_COLLECTION_SUFFIXES):
        return COLLECTION
    return TEXT


def read_by_default(name: str) -> bool:
    """Whether a folder's file is read without ``--include``: .txt, .html, .htm, plain or gzipped."""
    return name.lower().removesuffix(".gz").endswith(DEFAULT_SUFFIXES)


@dataclass(frozen=True)
class Source:
    path: Location  # the file, as reached from the command-line argument: a local path or a URL
    # path relative to the folder given on the command line, '/'-separated;
    # a file given directly: its name; a collection's record: the file's id, "#", the record's id
    doc_id: str
    data: bytes | None = field(default=None, repr=False)  # the bytes already read (standard input)
    record: Record | None = field(default=None, repr=False)  # an article of a collection (or its problem)

    @property
    def name(self) -> str:
        """The name its kind is read from: the file's, or for standard input the --name given."""
        if self.data is not None:
            return self.doc_id
        return self.path.rpartition("/")[2] if isinstance(self.path, str) else self.path.name


def stdin_source(stream: BinaryIO, name: str | None, max_bytes: int = MAX_BYTES) -> Source:
    """An article piped in (``extract run -``): read here, at most one byte over the limit, so
    that it travels to a worker like a file's path does and is refused there like a file."""
    return Source(Path(STDIN), name or STDIN, stream.read(max_bytes + 1))


@dataclass(frozen=True)
class PageMeta:
    """What a page's markup or a collection's record says about the article, beside its text."""

    title: str | None = None
    date: str | None = None  # ISO 8601 (YYYY-MM-DD or YYYY-MM)
    author: str | None = None
    site: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Record:
    """One article of a collection, or the one-line reason its record is not one."""

    where: str  # "line 12" (JSON Lines) or "record 3" (a JSON array)
    text: str | None = None
    meta: PageMeta | None = None
    problem: str | None = None


@dataclass(frozen=True)
class Decoded:
    text: str  # the decoded text: offsets in the knowledge base are defined on exactly this string
    encoding: str  # e.g. "utf-8", "utf-8-sig", "utf-16", "cp1252"
    sha256: str  # hex digest of the raw bytes (a collection's record: of its text in UTF-8)
    # The text is not the file's decoded bytes (extracted from HTML, a record of a collection, NUL
    # bytes dropped): the run keeps it beside the KB, since the offsets point into it.
    derived: bool = False
    # The text is a page's main content as an extractor took it out: its bounds are the article's.
    extracted: bool = False
    meta: PageMeta | None = None
    warnings: tuple[str, ...] = ()  # one line each, e.g. the NUL bytes dropped


def load(path: Location, max_bytes: int) -> bytes:
    """A file's bytes, at most ``max_bytes`` of them (else the one-line size error)."""
    try:
        data = read_bytes(path, max_bytes + 1) if isinstance(path, str) else _read_local(path, max_bytes)
    except OSError as err:
        raise InputError(f"cannot read: {err.strerror or err}") from err
    if len(data) > max_bytes:  # the file grew since stat, or stat does not know (/proc, a URL)
        raise size_error(max_bytes)
    return data


def gunzip(data: bytes, max_bytes: int) -> bytes:
    """The content of gzipped ``data``, refused past ``max_bytes`` (a small file can unpack to gigabytes)."""
    inflate = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = inflate.decompress(data, max_bytes + 1)
    except zlib.error as err:
        raise InputError(f"cannot read: a damaged gzip file ({err})") from None
    if len(out) > max_bytes:
        raise InputError(f"unpacks to over the {_size(max_bytes)} limit; split it or raise --max-bytes")
    if not inflate.eof:
        raise InputError("cannot read: a truncated gzip file")
    return out


_HTML_START = re.compile(rb"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])", re.IGNORECASE | re.DOTALL)


def looks_like_html(data: bytes) -> bool:
    """A page saved or piped without its .html name: it opens with a doctype or an <html> tag."""
    return bool(_HTML_START.match(data.removeprefix(codecs.BOM_UTF8)[:4096]))


def _read_local(path: Path, max_bytes: int) -> bytes:
    info = path.stat()
    if not (stat.S_ISREG(info.st_mode) or stat.S_ISDIR(info.st_mode)):
        # Opening a pipe would wait for a writer; a device may never end.
        raise InputError("not a regular file (a pipe, socket or device); give files or folders")
    if info.st_size > max_bytes:
        raise size_error(max_bytes, info.st_size)
    with path.open("rb") as file:  # a folder raises IsADirectoryError here
        return file.read(max_bytes + 1)


def decode(data: bytes, *, max_line_chars: int = MAX_LINE_CHARS) -> Decoded:
    """Decode an article's bytes faithfully (see the module docstring), or say why it is not one."""
    text, encoding, dropped = _decode(data)
    check_text(text, max_line_chars=max_line_chars)
    warnings: tuple[str, ...] = ()
    if dropped:
        plural = "" if dropped == 1 else "s"
        warnings = (f"dropped {dropped} NUL byte{plural} (offsets refer to the text without them)",)
    return Decoded(text, encoding, hashlib.sha256(data).hexdigest(), derived=bool(dropped), warnings=warnings)


def check_text(text: str, *, max_line_chars: int = MAX_LINE_CHARS) -> None:
    """Refuse, in one line, a text that is not an article: empty, binary, or a line too long to be prose."""
    if not text.strip():
        raise InputError("empty file (nothing to extract)")
    if len(_CONTROL.findall(text)) * 10 > len(text):
        raise _binary_error()
    # Lines split at LF alone are never shorter than at CR, LF or CRLF: a quick look first (a 20 MB
    # file has a million lines), the exact line only for the message.
    if len(text) > max_line_chars and max(map(len, text.split("\n"))) > max_line_chars:
        for number, line in enumerate(_NEWLINE.split(text), 1):
            if len(line) > max_line_chars:
                raise InputError(
                    f"line {number:,} is {len(line):,} characters long, over the {max_line_chars:,} limit: "
                    "not article text"
                )


def _decode(data: bytes) -> tuple[str, str, int]:
    """The text, the name of its encoding, and how many stray NUL bytes were dropped."""
    bom_encoding = next((encoding for bom, encoding in _BOMS if data.startswith(bom)), None)
    if bom_encoding in ("utf-16", "utf-32"):
        return _strict(data, bom_encoding), bom_encoding, 0
    if b"\x00" in data:
        return _without_nul(data, bom_encoding)
    if bom_encoding:
        return _strict(data, bom_encoding), bom_encoding, 0
    try:
        return data.decode("utf-8"), "utf-8", 0
    except UnicodeDecodeError:
        pass
    text, encoding = _guess(data)
    return text, encoding, 0


def _without_nul(data: bytes, bom_encoding: str | None) -> tuple[str, str, int]:
    """UTF-8 with a few stray NUL bytes (a faulty export or copy): read without them. Anything
    else with NUL bytes is binary (or UTF-16 without its mark, which we cannot tell apart)."""
    nuls = data.count(0)
    if nuls > len(data) * MAX_NUL_SHARE:
        raise _binary_error()
    encoding = bom_encoding or "utf-8"
    try:
        return data.replace(b"\x00", b"").decode(encoding), encoding, nuls
    except UnicodeDecodeError:
        raise _binary_error() from None


# charset-normalizer reads this much of a large file: enough to tell a code page, and a 20 MB
# file is not read through several times.
GUESS_SAMPLE = 1_000_000


def _guess(data: bytes) -> tuple[str, str]:
    """A single-byte or legacy encoding, guessed from a sample; cp1252 when it fits (module docstring)."""
    sample = data if len(data) <= GUESS_SAMPLE else _sample(data)
    if from_bytes(sample, cp_isolation=["cp1252"]).best() is not None:
        try:
            return data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:  # a byte cp1252 lacks outside the sample
            pass
    best = from_bytes(sample).best()
    if best is None:
        raise InputError("cannot decode the text (not UTF-8, UTF-16 or a single-byte encoding)")
    encoding = codecs.lookup(best.encoding).name
    try:
        return data.decode(encoding), encoding
    except UnicodeDecodeError:
        raise InputError(f"cannot decode the text: it reads as {encoding} at first, but not throughout") from None


def _sample(data: bytes) -> bytes:
    """Pieces from the start, middle and end of ``data``, cut at line breaks so no character is split."""
    piece = GUESS_SAMPLE // 3
    parts = []
    for at in (0, len(data) // 2, len(data) - piece):
        start = data.find(b"\n", at) + 1 if at else 0
        end = data.rfind(b"\n", start, start + piece)
        parts.append(data[start : end if end > start else start + piece])
    return b"\n".join(parts)


def _strict(data: bytes, encoding: str) -> str:
    """Decode as the byte-order mark says: a file that breaks its own mark is corrupt."""
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        name = encoding.removesuffix("-sig").upper()
        raise InputError(
            f"cannot decode the text: it starts with a {name} byte-order mark but is not valid {name}"
        ) from None


def _binary_error() -> InputError:
    return InputError("binary content, not text (is this really an article?)")


def size_error(limit: int, size: int | None = None) -> InputError:
    """The too-big error; ``size`` None when only "bigger than the limit" is known."""
    limit_text = _size(limit)
    if size is None:
        return InputError(f"file is over the {limit_text} limit; split it or raise --max-bytes")
    size_text = _size(size)
    if size_text == limit_text:  # "10 MB, over the 10 MB limit" would look like a bug
        size_text, limit_text = f"{size:,} bytes", f"{limit:,} bytes"
    return InputError(f"file is {size_text}, over the {limit_text} limit; split it or raise --max-bytes")


def _size(n: int) -> str:
    for unit, scale in (("MB", 1_000_000), ("kB", 1_000)):
        if n >= scale:
            return f"{n / scale:.1f}".removesuffix(".0") + f" {unit}"
    return f"{n:,} bytes"
