"""The review page: one self-contained HTML file with every claim highlighted in its article.

Reviewers judge extractions by reading them in place, so the page holds each full text with every
claim marked, a panel with the record's fields, filters, and the totals a reviewer looks at first.
It must open from disk with no network. Article text is untrusted (scraped web pages): every text
and value is HTML-escaped, and the panel data is JSON that cannot close its ``<script>`` element.

Claims overlap and may cross (a stance phrase running out of a quote), which HTML elements cannot.
The text is therefore cut at every claim boundary and each piece is one ``<mark>`` listing all the
marks covering it: the result is flat, so always well nested.
"""

from __future__ import annotations

import html
import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from importlib.resources import files
from itertools import pairwise
from string import Template
from typing import Any

from extract.stages.registry import claim_types


@dataclass(frozen=True)
class Layer:
    """A kind of highlight: a claim type, or a part of one (a quote's speaker mention)."""

    name: str
    colour: str
    underline: bool = False
    part_of: str | None = None  # the claim type it is a part of
    field: str | None = None  # the part's span is the record's <field>_start to <field>_end


def layers() -> list[Layer]:
    """Every highlight layer, from the claim-type registry: each type, then its parts."""
    found = []
    for kind in claim_types():
        found.append(Layer(kind.name, kind.colour, kind.underline))
        found += [Layer(part.name, part.colour, part_of=kind.name, field=part.field) for part in kind.parts]
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


TOP_SPEAKERS = 10
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


def esc(value: object) -> str:
    return html.escape(str(value), quote=True)


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


def top_speakers(records: Iterable[Mapping[str, Any]], n: int = TOP_SPEAKERS) -> list[tuple[str, int, int]]:
    """(speaker, quotes, documents) for the n speakers with most quotes; ties by name so the page is stable."""
    quotes: Counter[str] = Counter()
    docs: defaultdict[str, set[str]] = defaultdict(set)
    for record in records:
        if record["type"] == "quote" and record.get("speaker"):
            quotes[record["speaker"]] += 1
            docs[record["speaker"]].add(record["doc_id"])
    ranked = sorted(quotes.items(), key=lambda item: (-item[1], item[0]))[:n]
    return [(name, count, len(docs[name])) for name, count in ranked]


def money_by_document(records: Iterable[Mapping[str, Any]]) -> dict[str, dict[str, Decimal]]:
    """Sum of money amounts per document and currency (a range counts its low end), exact with Decimal."""
    sums: dict[str, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    for record in records:
        if record["type"] == "money" and record.get("amount") is not None:
            sums[record["doc_id"]][record.get("currency") or "?"] += Decimal(str(record["amount"]))
    return {doc: dict(sorted(per.items())) for doc, per in sorted(sums.items())}


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


def highlight(text: str, marks: list[Mark]) -> str:
    """``text`` escaped, cut at every mark boundary, each covered piece one <mark> naming its marks.

    Marks are listed innermost (shortest) first, the order the panel shows them in. A piece is a
    Tab stop (tabindex 0) where a mark starts, so every claim is reached once with the keyboard.
    """
    order = [layer.name for layer in layers()]
    bounds = sorted({0, len(text)} | {m.start for m in marks} | {m.end for m in marks})
    pending = sorted(marks, key=lambda m: m.start, reverse=True)
    active: list[Mark] = []
    out: list[str] = []
    for start, end in pairwise(bounds):
        while pending and pending[-1].start <= start:
            active.append(pending.pop())
        active = [m for m in active if m.end > start]
        piece = esc(text[start:end])
        covering = sorted(active, key=lambda m: (m.end - m.start, m.id))
        if not covering:
            out.append(piece)
            continue
        types = sorted({m.type for m in covering}, key=order.index)
        classes = " ".join(["hl", *(f"t-{t} on-{t}" for t in types)])
        ids = " ".join(m.id for m in covering)
        tabindex = 0 if any(m.start == start for m in covering) else -1
        out.append(f'<mark class="{classes}" data-marks="{esc(ids)}" tabindex="{tabindex}">{piece}</mark>')
    return "".join(out)


def panel_record(record: Mapping[str, Any]) -> dict[str, Any]:
    """The non-null fields the panel shows, with the amount as exact text and its currency."""
    shown = {name: record.get(name) for name in PANEL_FIELDS if record.get(name) is not None}
    if record["type"] == "money" and record.get("amount") is not None:
        shown["amount"] = amount_text(record)
    return shown


def script_json(data: object) -> str:
    """JSON safe inside <script>: no "<", ">" or "&" survive, so "</script>" in an article cannot end the element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _table(head: list[str], rows: list[list[str]], foot: list[str] | None = None) -> str:
    """An HTML table from cells that are already escaped; every column after the first is right-aligned."""

    def row(cells: list[str], tag: str) -> str:
        return (
            "<tr>"
            + "".join(f"<{tag}{' class=num' if i else ''}>{cell}</{tag}>" for i, cell in enumerate(cells))
            + "</tr>"
        )

    tfoot = f"<tfoot>{row(foot, 'td')}</tfoot>" if foot else ""
    return f"<table><thead>{row(head, 'th')}</thead><tbody>{''.join(row(r, 'td') for r in rows)}</tbody>{tfoot}</table>"


@dataclass
class _Document:
    """What the page shows of one document, from whichever of the three inputs know it."""

    index: int
    doc_id: str
    entry: Mapping[str, Any]
    records: list[dict]
    text: str | None

    @property
    def title(self) -> str | None:
        return self.entry.get("title") or next((r["doc_title"] for r in self.records if r.get("doc_title")), None)

    @property
    def date(self) -> str | None:
        return self.entry.get("date") or next((r["doc_date"] for r in self.records if r.get("doc_date")), None)

    def link(self) -> str:
        name = f'{esc(self.title)} <span class="n">{esc(self.doc_id)}</span>' if self.title else esc(self.doc_id)
        return f'<a href="#doc-{self.index}">{name}</a>'


def _article(doc: _Document, marks: list[Mark], unplaced: int) -> str:
    facts = (doc.doc_id, doc.date, f"{len(doc.records)} claims", doc.entry.get("encoding"))
    meta = " · ".join(esc(x) for x in facts if x)
    notes = []
    if doc.entry.get("error"):
        notes.append(f"Skipped by the run: {esc(doc.entry['error'])}")
    elif doc.text is None:
        notes.append("Source text not available.")
    if unplaced and doc.text is not None:
        notes.append(f"{unplaced} claims do not match this text (changed since the run?) and are not highlighted.")
    i = doc.index
    return (
        f'<article class="doc" id="doc-{i}" data-index="{i}" aria-labelledby="doc-{i}-h">'
        f'<h2 id="doc-{i}-h">{esc(doc.title or doc.doc_id)}</h2><p class="meta">{meta}</p>'
        + "".join(f'<p class="warn">{note}</p>' for note in notes)
        + (f'<div class="text">{highlight(doc.text, marks)}</div>' if doc.text is not None else "")
        + "</article>"
    )


def _totals(records: list[dict], docs: list[_Document]) -> dict[str, str]:
    """The three tables of the first section: claims per document and type, top speakers, money per document."""
    counts = {d.doc_id: Counter(r["type"] for r in d.records) for d in docs}
    names = [kind.name for kind in claim_types()]
    claims_table = _table(
        ["Document", *names, "all"],
        [[d.link(), *(str(counts[d.doc_id][t]) for t in names), str(len(d.records))] for d in docs],
        ["All documents", *(str(sum(c[t] for c in counts.values())) for t in names), str(len(records))],
    )
    speakers_table = _table(
        ["Speaker", "quotes", "documents"], [[esc(name), str(n), str(k)] for name, n, k in top_speakers(records)]
    )
    by_doc = {d.doc_id: d for d in docs}
    money_rows = [
        [by_doc[doc_id].link(), "<br>".join(f"{esc(currency)} {total:,}" for currency, total in sums.items())]
        for doc_id, sums in money_by_document(records).items()
    ]
    money_table = _table(["Document", "sum"], money_rows) if money_rows else "<p>No money claims.</p>"
    return {"claims_table": claims_table, "speakers_table": speakers_table, "money_table": money_table}


def render_report(records: list[dict], texts: Mapping[str, str], documents: Mapping[str, dict] | None) -> str:
    """The review page of a KB: ``texts`` maps doc id to decoded source text, ``documents`` doc id to its entry.

    Documents are the union of the three inputs, sorted by id; one without text shows its error or a note.
    """
    documents = documents or {}
    by_id = {r["id"]: r for r in records}
    per_doc: defaultdict[str, list[dict]] = defaultdict(list)
    for record in records:
        per_doc[record["doc_id"]].append(record)
    docs = [
        _Document(i, doc_id, documents.get(doc_id) or {}, per_doc[doc_id], texts.get(doc_id))
        for i, doc_id in enumerate(sorted(set(texts) | set(documents) | set(per_doc)))
    ]
    marks: dict[str, list] = {}  # mark id -> [type, claim id, speaker], for the filters and the panel
    articles: list[str] = []
    for doc in docs:
        doc_marks, unplaced = marks_of(doc.records, doc.text, by_id) if doc.text is not None else ([], 0)
        marks.update({m.id: [m.type, m.claim, m.speaker] for m in doc_marks})
        articles.append(_article(doc, doc_marks, unplaced))

    type_counts = Counter(m[0] for m in marks.values())
    quotes = Counter(m[2] for m in marks.values() if m[0] == "quote")
    speakers = sorted({m[2] for m in marks.values() if m[2]})
    all_layers = layers()
    template = Template(files("extract.tools").joinpath("report.html").read_text(encoding="utf-8"))
    return template.substitute(
        title=esc(f"Claims review: {len(records)} claims in {len(docs)} documents"),
        type_filters="".join(
            f'<label><input type="checkbox" data-type="{t}" checked> <span class="swatch {t}"></span>{t}'
            f' <span class="n">{type_counts[t]}</span></label>'
            for t in (layer.name for layer in all_layers)
        ),
        type_styles=layer_styles(all_layers),
        mark_types=script_json([layer.name for layer in all_layers]),
        speaker_options="".join(
            f'<option value="{esc(name)}">{esc(name)} ({quotes[name]} quotes)</option>' for name in speakers
        ),
        document_options="".join(f'<option value="{d.index}">{esc(d.title or d.doc_id)}</option>' for d in docs),
        articles="\n".join(articles),
        data=script_json({"claims": {r["id"]: panel_record(r) for r in records}, "marks": marks}),
        **_totals(records, docs),
    )
