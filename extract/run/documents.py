"""A file's entry in the documents list: where it is, how it was read, its title and date and
where they come from, what of its text was kept as the article body, and its claims per type."""

from __future__ import annotations

from collections import Counter
from typing import Any

from extract.document.article import Article
from extract.io.reader import Decoded, Source
from extract.run.discovery import source_date
from extract.stages.registry import claim_types


def dating(source: Source, article: Article | None, decoded: Decoded | None = None) -> tuple[str | None, str | None]:
    """A document's date and where it comes from: the page's metadata or the collection record's
    date field ("meta"), else a date line above the article ("text"), else its path ("path")."""
    if article is None:
        return None, None
    if decoded is not None and decoded.meta is not None and decoded.meta.date:
        return decoded.meta.date, "meta"
    if article.date:
        return article.date, "text"
    date = source_date(source)
    return date, "path" if date else None


def titling(article: Article | None, decoded: Decoded | None) -> str | None:
    """The page's own title (HTML metadata, a record's title) before the headline the body finder saw."""
    if decoded is not None and decoded.meta is not None and decoded.meta.title:
        return decoded.meta.title
    return article.title if article else None


def document_entry(
    source: Source, decoded: Decoded | None, article: Article | None, recs: list[dict], error: str | None
) -> dict[str, Any]:
    counts = Counter(r["type"] for r in recs)
    text = decoded.text if decoded else ""
    date, basis = dating(source, article, decoded)
    meta = decoded.meta if decoded else None
    return {
        "doc_id": source.doc_id,
        "path": str(source.path),
        "text_path": None,  # set by the run when it keeps the text (``FileResult.text``)
        "sha256": decoded.sha256 if decoded else None,
        "encoding": decoded.encoding if decoded else None,
        "title": titling(article, decoded),
        "date": date,
        "date_basis": basis,
        "author": meta.author if meta else None,
        "site": meta.site if meta else None,
        "url": meta.url if meta else None,
        "body_start": article.body_start if article else None,
        "body_end": article.body_end if article else None,
        "body_spans": [list(span) for span in article.body_spans] if article else None,
        "skipped": [{"start": s, "end": e, "reason": why} for s, e, why in article.skipped] if article else None,
        "chars": len(text) if decoded else None,
        "words": len(text.split()) if decoded else None,
        "claims": {kind.name: counts[kind.name] for kind in claim_types()},
        "error": error,
    }
