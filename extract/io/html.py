"""Saved web pages: the article's text and what the page says about it, through trafilatura.

Users keep pages as ``.html`` (often gzipped by the tool that saved them). The article is taken
out of the page's markup by trafilatura, paragraphs apart by a blank line; navigation, comments and other
furniture stay behind. Its settings were chosen by measurement on 181 annotated news pages
(../shared/dev/pages, body F1 of 4-word shingles): ``favor_precision`` with comments left out
scores 0.964 (P 0.958, R 0.971) on the extracted text, against 0.958 for the defaults and 0.959
for ``favor_recall``; tables are kept (leaving them out loses recall). A page whose precise
extraction is under ``MIN_ARTICLE_WORDS`` is read again favouring recall (see ``FULLER``). The
headline is NOT put on the first line: it cost 0.01 F1 (the body finder keeps it in the body),
and the page's title is known anyway from its metadata, which gives each record its ``doc_title``.

Decoding is ours, not trafilatura's: a byte-order mark, then the page's declared charset (which
trafilatura ignores), then the same rules as for text files (UTF-8, else cp1252 when it fits).
"""

from __future__ import annotations

import codecs
import copy
import logging
import re
from configparser import ConfigParser
from functools import lru_cache

from extract.io.reader import MAX_BYTES, MAX_LINE_CHARS, Decoded, InputError, PageMeta, check_text, decode

# trafilatura's extraction settings (see the module docstring for how they were chosen).
SETTINGS = {"favor_precision": True, "include_comments": False, "include_tables": True}
# An extraction this short has likely lost its article (the precise mode sometimes keeps a
# fragment: a caption, a teaser): the page is read again favouring recall, and that reading is
# taken when it holds at least FULLER times as many words.
MIN_ARTICLE_WORDS = 100
FULLER = 2

RECALL = {**SETTINGS, "favor_precision": False, "favor_recall": True}

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
# What browsers read these labels as (the WHATWG encoding standard): Windows-1252.
_AS_CP1252 = {"iso8859-1", "latin-1", "ascii", "iso-8859-1", "us-ascii", "latin1"}
_ISO_DATE = re.compile(r"\d{4}-\d{2}(-\d{2})?$")

# trafilatura and its helpers log their doubts ("wrong encoding detected") as warnings; with no
# logging set up Python would print them on stderr between our one-line messages.
for _name in ("trafilatura", "htmldate", "courlan", "justext", "charset_normalizer"):
    logging.getLogger(_name).addHandler(logging.NullHandler())


def read_html(data: bytes, sha256: str, *, max_line_chars: int = MAX_LINE_CHARS, max_bytes: int = MAX_BYTES) -> Decoded:
    """The article of an HTML page (already un-gzipped), with its title, date, author and site."""
    import trafilatura

    page, encoding = decode_html(data)
    try:
        doc = trafilatura.bare_extraction(page, with_metadata=True, config=_config(max_bytes), **SETTINGS)
        if (words := _words(doc)) < MIN_ARTICLE_WORDS:
            recalled = trafilatura.bare_extraction(page, with_metadata=True, config=_config(max_bytes), **RECALL)
            doc = recalled if _words(recalled) >= FULLER * max(1, words) else doc
    except Exception as err:  # lxml or trafilatura on a page they cannot handle
        raise InputError(f"cannot read the HTML page: {type(err).__name__}: {err}".splitlines()[0]) from None
    # A blank line between paragraphs, as in the text files the pipeline is tuned on.
    text = "\n\n".join(line.strip() for line in (doc.text or "").splitlines() if line.strip()) if doc else ""
    if not text:
        raise InputError("no article text found in the HTML page")
    check_text(text, max_line_chars=max_line_chars)
    meta = PageMeta(
        title=_clean(doc.title),
        date=doc.date if doc.date and _ISO_DATE.match(doc.date) else None,
        author=_clean(doc.author),
        site=_clean(doc.sitename),
        url=_clean(doc.url),
    )
    return Decoded(text, encoding, sha256, derived=True, extracted=True, meta=meta)


def decode_html(data: bytes) -> tuple[str, str]:
    """The page as text and its encoding: its byte-order mark, else the charset it declares (if
    the bytes are valid in it), else as a text file is decoded."""
    declared = _CHARSET.search(data[:4096])
    if declared and not data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            name = codecs.lookup(declared.group(1).decode("ascii")).name
        except LookupError:
            name = None
        if name:
            name = "cp1252" if name in _AS_CP1252 else name
            try:
                return data.decode(name), name
            except UnicodeDecodeError:
                pass
    try:
        decoded = decode(data, max_line_chars=len(data) + 1)  # markup may sit on one long line
    except InputError as err:
        raise InputError(f"{err} (an HTML page)") from None
    return decoded.text, decoded.encoding


@lru_cache(maxsize=4)
def _config(max_bytes: int) -> ConfigParser:
    """trafilatura's settings, with its size limit (20 MB) raised to ours: ours was checked already."""
    from trafilatura.settings import DEFAULT_CONFIG

    config = copy.deepcopy(DEFAULT_CONFIG)
    config["DEFAULT"]["MAX_FILE_SIZE"] = str(max(max_bytes, 1))
    return config


def _words(doc) -> int:
    """The words of an extraction (None: nothing extracted)."""
    return len(doc.text.split()) if doc is not None and doc.text else 0


def _clean(value: str | None) -> str | None:
    """One line, spaces collapsed; None for an empty value."""
    return " ".join(value.split()) or None if value else None
