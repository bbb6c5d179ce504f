"""Quotes: direct speech in any quote-mark style, reported speech, and who said it.

``marks`` finds quotations from the marks alone, ``reading`` holds one document as attribution
reads it, ``steps`` attributes quotations by a chain of small steps (cue ``cues`` and sources
``sources``, page ``layout``, inheritance ``inherit``), ``reported`` and ``clauses`` read
reported speech, and ``component`` is the spaCy component.
"""

from extract.stages.quotes.component import QuoteExtractor, QuoteFields

__all__ = ["QuoteExtractor", "QuoteFields"]
