"""Shared by the table tests: cases as pytest params, known failures as strict xfails."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import pytest

Q = tuple[str, str, str | None, str | None]  # a quote as the quote tables give it: content, quote_kind, speaker, cue


def params(cases: Iterable[tuple[str, Any, Any]], known_failures: Mapping[str, str]) -> list[Any]:
    """``(id, text, expected)`` cases as params; an id in ``known_failures`` is a strict xfail
    with that reason, so fixing it turns the suite red until the entry is removed."""
    return [
        pytest.param(
            text,
            expected,
            id=case_id,
            marks=[pytest.mark.xfail(strict=True, reason=known_failures[case_id])] if case_id in known_failures else [],
        )
        for case_id, text, expected in cases
    ]


def quote_records(text: str, nlp: Any) -> list[dict[str, Any]]:
    """The quote records the pipeline makes of ``text``, in text order."""
    import extract

    return sorted((r for r in extract.claims(text, nlp) if r["type"] == "quote"), key=lambda r: r["start"])


def quote_tuples(text: str, nlp: Any) -> list[Q]:
    """The quotes of ``text`` as the quote tables compare them (the cue in lower case)."""
    return [
        (r["content"], r["quote_kind"], r["speaker"], r["cue"].lower() if r["cue"] else None)
        for r in quote_records(text, nlp)
    ]
