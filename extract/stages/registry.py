"""The claim types: one entry each, and everything else iterates over them.

The pipeline adds each type's stage, the KB gives its records their fields and id prefix, the
run summary, exports and report count them, all from ``claim_types()``. A type registers itself
from its own module (its fields dataclass, its ``ClaimStage``, and one ``register`` call);
``extract/stages/__init__.py`` imports the modules, in registry order. How the report colours a
type is the report's (``extract.tools.report.marks``), how ``extract eval`` scores it is
``extract.tools.evaluate``'s; ``tests/test_registry.py`` proves the JSON Schema, the docs and
the rule labels agree.
"""

from __future__ import annotations

from dataclasses import dataclass, fields


@dataclass(frozen=True)
class ClaimType:
    """One kind of claim: what it is called, which stage makes it and how its records look."""

    name: str  # the record's "type", and the key of its span group (``doc.spans[name]``)
    id_prefix: str  # record ids are "<prefix>_<digest>"
    stage: str  # the name of the spaCy component that makes it, in the shipped pipeline
    fields: type  # the dataclass of its record fields
    producing_label: str  # the rule label whose rule id a record carries in "rule"
    reads: tuple[str, ...] = ()  # claim types whose claims its stage reads (their stages run first)
    factory: str | None = None  # the stage's factory (a ``ClaimStage``), if not named ``stage``

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
    try:
        return _TYPES[name]
    except KeyError:
        known = ", ".join(_TYPES)
        raise KeyError(f"no claim type {name!r} is registered (known: {known}): its module calls register()") from None


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
