"""How ``extract eval`` scores each claim type against gold (see ``tests/gold/GUIDELINES.md``).

Scoring belongs to evaluation, not to the claim type: a type without an entry here is extracted
and written to the KB like any other, and simply not scored (its gold list is not read).
"""

from __future__ import annotations

from dataclasses import dataclass

from extract.stages.registry import claim_types


@dataclass(frozen=True)
class Scoring:
    """How one type is scored.

    ``gold_list`` is the gold key holding the type's items, ``gold_text`` the item field located
    in the document; each accuracy compares fields of matched pairs (field, comparison), and
    ``end_to_end`` names the accuracy a match must also pass to count end to end.
    """

    gold_list: str
    gold_text: str
    accuracies: dict[str, tuple[tuple[str, str], ...]]
    end_to_end: str | None = None
    gold_numbers: tuple[str, ...] = ()  # gold fields that must be numbers or null


# claim type -> how it is scored
SCORING: dict[str, Scoring] = {
    "quote": Scoring("quotes", "content", {"speaker": (("speaker", "name"),)}, end_to_end="speaker"),
    "money": Scoring(
        "money",
        "text",
        {"value": (("amount", "number"), ("amount_high", "number"), ("currency", "exact"))},
        end_to_end="value",
        gold_numbers=("amount", "amount_high"),
    ),
    "count": Scoring(
        "counts", "text", {"value": (("value", "number"),)}, end_to_end="value", gold_numbers=("value", "total")
    ),
    "stance": Scoring("stance", "text", {"polarity": (("polarity", "exact"),), "holder": (("holder", "name"),)}),
}


def scored() -> dict[str, Scoring]:
    """The registered types that are scored, in registry order, with their scoring."""
    return {kind.name: SCORING[kind.name] for kind in claim_types() if kind.name in SCORING}
