"""The word lists speaker resolution reads (``patterns/words/``) that it reads together."""

from __future__ import annotations

from extract.rules.words import Words

SOURCE_LISTS = ("source-nouns", "role-nouns", "document-nouns", "respondent-nouns", "body-nouns", "quantity-heads")


def source_nouns(words: Words) -> frozenset[str]:
    """Every noun that can head a source: roles, documents, respondents, bodies, quantities and the rest."""
    return words.union(*SOURCE_LISTS)
