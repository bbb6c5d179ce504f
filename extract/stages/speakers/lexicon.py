"""The word lists speaker resolution reads (``patterns/words/``), as the running stage has them."""

from __future__ import annotations

from extract.rules.words import active


def honorifics() -> frozenset[str]:
    return active()["honorifics"]


def post_titles() -> frozenset[str]:
    return active()["post-titles"]


def role_nouns() -> frozenset[str]:
    return active()["role-nouns"]


def document_nouns() -> frozenset[str]:
    return active()["document-nouns"]


def respondent_nouns() -> frozenset[str]:
    return active()["respondent-nouns"]


def first_person() -> frozenset[str]:
    return active()["first-person"]


def negative_determiners() -> frozenset[str]:
    return active()["negative-determiners"]


def body_nouns() -> frozenset[str]:
    return active()["body-nouns"]


def spokes_nouns() -> frozenset[str]:
    return active()["spokes-nouns"]


def quantity_heads() -> frozenset[str]:
    return active()["quantity-heads"]


def source_nouns() -> frozenset[str]:
    """Every noun that can head a source: roles, documents, respondents, bodies, quantities and the rest."""
    return active().union(
        "source-nouns", "role-nouns", "document-nouns", "respondent-nouns", "body-nouns", "quantity-heads"
    )
