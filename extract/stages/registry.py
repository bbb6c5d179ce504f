"""The claim types: one entry each, and everything else iterates over them.

The pipeline adds each type's stage, the KB gives its records their fields and id prefix, the
run summary, exports and report count and colour them, and ``extract eval`` scores them, all from
``claim_types()``. Adding a type is one module (its fields dataclass and its ``ClaimStage``) and
one ``register`` call; ``tests/test_registry.py`` proves the JSON Schema and the docs agree.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from extract.stages.counts import CountFields
from extract.stages.money import MoneyFields
from extract.stages.quotes import QuoteFields
from extract.stages.stance import StanceFields


@dataclass(frozen=True)
class Scoring:
    """How ``extract eval`` scores a type against gold (see ``tests/gold/GUIDELINES.md``).

    ``gold_list`` is the gold key holding the type's items, ``gold_text`` the item field located
    in the document; each accuracy compares fields of matched pairs (field, comparison), and
    ``end_to_end`` names the accuracy a match must also pass to count end to end.
    """

    gold_list: str
    gold_text: str
    accuracies: dict[str, tuple[tuple[str, str], ...]]
    end_to_end: str | None = None
    gold_numbers: tuple[str, ...] = ()  # gold fields that must be numbers or null


@dataclass(frozen=True)
class Part:
    """A part of a claim the report marks on its own (a quote's speaker mention): its span is
    the record's ``<field>_start`` to ``<field>_end``."""

    name: str
    field: str
    colour: str


@dataclass(frozen=True)
class ClaimType:
    """One kind of claim: what it is called, which stage makes it and how its records look."""

    name: str  # the record's "type"
    id_prefix: str  # record ids are "<prefix>_<digest>"
    stage: str  # the spaCy component (a ``ClaimStage`` factory) that makes it
    fields: type  # the dataclass of its record fields
    producing_label: str  # the rule label whose rule id a record carries in "rule"
    scoring: Scoring
    colour: str  # its highlight in the report (a CSS colour)
    underline: bool = False  # the report underlines it instead of filling it
    reads: tuple[str, ...] = ()  # claim types whose claims its stage reads (their stages run first)
    parts: tuple[Part, ...] = ()  # parts the report marks on their own

    def field_names(self) -> tuple[str, ...]:
        return tuple(f.name for f in fields(self.fields))


_TYPES: dict[str, ClaimType] = {}


def register(claim_type: ClaimType) -> None:
    """Add a claim type (or replace one of the same name)."""
    _TYPES[claim_type.name] = claim_type


def unregister(name: str) -> None:
    _TYPES.pop(name, None)


def claim_types() -> tuple[ClaimType, ...]:
    """Every registered type, in registry order (the order of KB columns and of summaries)."""
    return tuple(_TYPES.values())


def claim_type(name: str) -> ClaimType:
    return _TYPES[name]


def stage_order() -> list[ClaimType]:
    """The types in the order their stages run: registry order, except that a stage runs after
    the stages whose claims it reads."""
    done: list[ClaimType] = []

    def visit(kind: ClaimType) -> None:
        if kind not in done:
            for name in kind.reads:
                visit(_TYPES[name])
            done.append(kind)

    for kind in claim_types():
        visit(kind)
    return done


def record_fields() -> tuple[str, ...]:
    """Every type's record fields, in registry order; a field several types share (``approx``)
    sits with the last of them."""
    names: list[str] = []
    kinds = claim_types()
    for i, kind in enumerate(kinds):
        later = {name for other in kinds[i + 1 :] for name in other.field_names()}
        names += [name for name in kind.field_names() if name not in later and name not in names]
    return tuple(names)


register(
    ClaimType(
        "quote",
        "q",
        "extract_quotes",
        QuoteFields,
        "QUOTE_CUE",
        Scoring("quotes", "content", {"speaker": (("speaker", "name"),)}, end_to_end="speaker"),
        colour="#fff0a0",
        parts=(Part("speaker", "speaker", "#b8d6ff"),),
    )
)
register(
    ClaimType(
        "money",
        "m",
        "extract_money",
        MoneyFields,
        "MONEY",
        Scoring(
            "money",
            "text",
            {"value": (("amount", "number"), ("amount_high", "number"), ("currency", "exact"))},
            end_to_end="value",
            gold_numbers=("amount", "amount_high"),
        ),
        colour="#9fe3ad",
    )
)
register(
    ClaimType(
        "count",
        "c",
        "extract_counts",
        CountFields,
        "COUNT",
        Scoring(
            "counts", "text", {"value": (("value", "number"),)}, end_to_end="value", gold_numbers=("value", "total")
        ),
        colour="#ffc98f",
        reads=("money",),
    )
)
register(
    ClaimType(
        "stance",
        "s",
        "extract_stance",
        StanceFields,
        "STANCE",
        Scoring("stance", "text", {"polarity": (("polarity", "exact"),), "holder": (("holder", "name"),)}),
        colour="#8e44c9",
        underline=True,
    )
)
