"""extract: who said what, how much money, how many, and which position, from news articles.

For notebooks::

    import extract
    nlp = extract.load()                      # the spaCy pipeline with our components
    records = extract.claims("“It works,” she said.", nlp)
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from spacy.language import Language


def load(model: str | None = None, patterns: list[str | Path] | tuple = ()) -> Language:
    """The full pipeline: ``model`` (default: the bundled English model) plus our components."""
    from extract.model.loading import DEFAULT_MODEL
    from extract.pipeline import build_pipeline

    return build_pipeline(model or DEFAULT_MODEL, tuple(patterns))


@lru_cache(maxsize=1)
def _default_pipeline() -> Language:
    return load()


def claims(text: str, nlp: Language | None = None, doc_id: str = "text") -> list[dict[str, Any]]:
    """The knowledge-base records of one text, as dicts (offsets into ``text``)."""
    from extract.run.extraction import extract_many

    pipeline = nlp if nlp is not None else _default_pipeline()
    return next(extract_many(pipeline, [(doc_id, text)]))[3]
