"""Quotes: direct speech in any quote-mark style, reported speech, and who said it.

``marks`` finds quotations from the marks alone, ``finder`` attributes them in reading order,
``reported`` reads reported speech, and ``component`` is the spaCy component.
"""

from extract.stages.quotes.component import QuoteExtractor, QuoteFields

__all__ = ["QuoteExtractor", "QuoteFields"]
