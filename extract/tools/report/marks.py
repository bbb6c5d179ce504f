"""What the page highlights and how: the layers (claim types and their parts) with their styles,
each record's marks, the text cut into marks, and the fields the panel shows of a record.

Claims overlap and may cross (a stance phrase running out of a quote), which HTML elements cannot.
The text is therefore cut at every claim boundary and each piece is one ``<mark>`` listing all the
marks covering it: the result is flat, so always well nested.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from itertools import pairwise
from typing import Any

from extract.stages.registry import claim_types
from extract.tools.report.escape import esc


@dataclass(frozen=True)
class Layer:
    """A kind of highlight: a claim type, or a part of one (a quote's speaker mention)."""

    name: str
    colour: str
    underline: bool = False
    part_of: str | None = None  # the claim type it is a part of
    field: str | None = None  # the part's span is the record's <field>_start to <field>_end


@dataclass(frozen=True)
class Style:
    """How the report shows a claim type: its colour (CSS), filled or underlined, and the parts
    it marks on their own, each a layer whose ``field`` locates it in the record."""

    colour: str
    underline: bool = False
    parts: tuple[Layer, ...] = ()


# claim type -> its style; a type without one is shown in DEFAULT_STYLE
STYLES: dict[str, Style] = {
    "quote": Style("#fff0a0", parts=(Layer("speaker", "#b8d6ff", part_of="quote", field="speaker"),)),
    "money": Style("#9fe3ad"),
    "count": Style("#ffc98f"),
    "stance": Style("#8e44c9", underline=True),
}
DEFAULT_STYLE = Style("#d8d8d8")


def layers() -> list[Layer]:
    """Every highlight layer: each registered claim type, then its parts."""
    found = []
    for kind in claim_types():
        style = STYLES.get(kind.name, DEFAULT_STYLE)
        found.append(Layer(kind.name, style.colour, style.underline))
        found += style.parts
    return found


def layer_styles(all_layers: list[Layer]) -> str:
    """The CSS of each layer's swatch and highlight: filled, underlined, or (a part) filled and bold."""
    rules = []
    for layer in all_layers:
        name, colour = layer.name, layer.colour
        if layer.underline:
            rules.append(
                f".swatch.{name} {{ background: var(--paper); border: 0; border-bottom: 3px solid {colour};"
                " border-radius: 0; }"
            )
            rules.append(f"mark.hl.on-{name} {{ border-bottom: 3px solid {colour}; }}")
        else:
            bold = " font-weight: 600;" if layer.part_of else ""
            rules.append(f".swatch.{name} {{ background: {colour}; }}")
            rules.append(f"mark.hl.on-{name} {{ background: {colour};{bold} }}")
    return "\n".join(rules)


# Fields the panel shows, in this order, when not null ("amount" is replaced by its formatted form).
PANEL_FIELDS = (
    "id",
    "type",
    "rule",
    "text",
    "amount",
    "currency",
    "comparator",
    "approx",
    "period",
    "purpose",
    "value",
    "value_high",
    "count_kind",
    "unit",
    "total",
    "change_role",
    "change_from",
    "change_to",
    "speaker",
    "speaker_mention",
    "speaker_role",
    "speaker_org",
    "quote_kind",
    "cue",
    "polarity",
    "stance_kind",
    "holder",
    "target",
    "negated",
    "negation_cue",
    "hedged",
    "hedge_cue",
    "quote_id",
    "start",
    "end",
)


@dataclass(frozen=True)
class Mark:
    """One highlighted span: a claim, or the speaker mention of a quote (then ``id`` ends in "-speaker")."""

    id: str
    type: str
    start: int
    end: int
    claim: str
    speaker: str | None


def amount_text(record: Mapping[str, Any]) -> str:
    """Exact amount with its currency ("GBP 3,500,000,000", "GBP 20,000,000–25,000,000"), never rounded."""
    low = f"{Decimal(str(record['amount'])):,}"
    high = f"–{Decimal(str(record['amount_high'])):,}" if record.get("amount_high") is not None else ""
    return f"{record.get('currency') or '?'} {low}{high}"


def speaker_of(record: Mapping[str, Any], by_id: Mapping[str, Mapping[str, Any]]) -> str | None:
    """Whose claim this is: the quote's speaker, else the speaker of the quote it sits in, else the stance holder."""
    if record["type"] == "quote":
        return record.get("speaker")
    quote = by_id.get(record.get("quote_id") or "")
    return (quote or {}).get("speaker") or record.get("holder")


def marks_of(
    records: Iterable[Mapping[str, Any]], text: str, by_id: Mapping[str, Mapping[str, Any]]
) -> tuple[list[Mark], int]:
    """The marks of one document's records, and how many records could not be placed in ``text``.

    A record whose offsets fall outside the text or whose ``text`` differs from the source there
    (the file changed since the run) is left out rather than highlighted in the wrong place.
    """
    marks: list[Mark] = []
    unplaced = 0
    parts: dict[str, list[Layer]] = defaultdict(list)
    for layer in layers():
        if layer.part_of is not None:
            parts[layer.part_of].append(layer)
    for record in records:
        start, end = record.get("start"), record.get("end")
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)) or (
            text[start:end] != record.get("text")
        ):
            unplaced += 1
            continue
        speaker = speaker_of(record, by_id)
        marks.append(Mark(record["id"], record["type"], start, end, record["id"], speaker))
        for part in parts.get(record["type"], ()):
            p_start, p_end = record.get(f"{part.field}_start"), record.get(f"{part.field}_end")
            if isinstance(p_start, int) and isinstance(p_end, int) and 0 <= p_start < p_end <= len(text):
                marks.append(Mark(f"{record['id']}-{part.name}", part.name, p_start, p_end, record["id"], speaker))
    return marks, unplaced


def highlight(text: str, marks: list[Mark], left_out: Sequence[tuple[int, int, str]] = ()) -> str:
    """``text`` escaped, cut at every mark boundary, each covered piece one <mark> naming its marks.

    Marks are listed innermost (shortest) first, the order the panel shows them in. A piece is a
    Tab stop (tabindex 0) where a mark starts, so every claim is reached once with the keyboard.
    ``left_out`` (sorted, apart: text that is not the article body, with why) is wrapped in
    ``<span class="out">`` elements, cut there too, so a mark running out of the body is two pieces.
    """
    order = [layer.name for layer in layers()]
    spans = [(a, b, why) for a, b, why in left_out if 0 <= a < b <= len(text)]
    cuts = {x for m in marks for x in (m.start, m.end)} | {x for a, b, _ in spans for x in (a, b)}
    bounds = sorted({0, len(text)} | cuts)
    pending = sorted(marks, key=lambda m: m.start, reverse=True)
    active: list[Mark] = []
    out: list[str] = []
    at = 0  # the next left-out span
    for start, end in pairwise(bounds):
        if at < len(spans) and spans[at][0] == start:
            why = spans[at][2]
            out.append(f'<span class="out" data-why="{esc(why)}" title="{esc(why[:1].upper() + why[1:])}">')
        out.append(_piece(text, start, end, pending, active, order))
        if at < len(spans) and spans[at][1] == end:
            out.append("</span>")
            at += 1
    return "".join(out)


def _piece(text: str, start: int, end: int, pending: list[Mark], active: list[Mark], order: list[str]) -> str:
    """The HTML of ``text[start:end]``: plain, or a <mark> of the marks covering it (``active``, kept up to date)."""
    while pending and pending[-1].start <= start:
        active.append(pending.pop())
    active[:] = [m for m in active if m.end > start]
    piece = esc(text[start:end])
    covering = sorted(active, key=lambda m: (m.end - m.start, m.id))
    if not covering:
        return piece
    types = sorted({m.type for m in covering}, key=order.index)
    classes = " ".join(["hl", *(f"t-{t} on-{t}" for t in types)])
    ids = " ".join(m.id for m in covering)
    tabindex = 0 if any(m.start == start for m in covering) else -1
    return f'<mark class="{classes}" data-marks="{esc(ids)}" tabindex="{tabindex}">{piece}</mark>'


def panel_record(record: Mapping[str, Any]) -> dict[str, Any]:
    """The non-null fields the panel shows, with the amount as exact text and its currency."""
    shown = {name: record.get(name) for name in PANEL_FIELDS if record.get(name) is not None}
    if record["type"] == "money" and record.get("amount") is not None:
        shown["amount"] = amount_text(record)
    return shown
