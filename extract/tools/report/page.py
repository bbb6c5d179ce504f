"""The documents of a report and the HTML page that shows them: each article with its claims
highlighted, the filters and the panel, filled into the template ``report.html``."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from importlib.resources import files
from string import Template
from typing import Any

from extract.kb.records import by_document
from extract.tools.report.body import OUT_STYLES, Body, body_of
from extract.tools.report.escape import esc, script_json
from extract.tools.report.marks import Mark, highlight, layer_styles, layers, marks_of, panel_record


@dataclass
class Document:
    """What the page shows of one document, from whichever of the inputs know it."""

    index: int
    doc_id: str
    entry: Mapping[str, Any]
    records: list[dict]
    href: str  # where its article is: "#doc-3" on the one page, "report-pages/00003.html" when paged
    text: str | None = None
    problem: str | None = None  # why its text is missing, or that its file changed since the run

    @property
    def title(self) -> str | None:
        return self.entry.get("title") or next((r["doc_title"] for r in self.records if r.get("doc_title")), None)

    @property
    def date(self) -> str | None:
        return self.entry.get("date") or next((r["doc_date"] for r in self.records if r.get("doc_date")), None)

    def body(self) -> Body:
        """Where the article body is in the text (greyed around and inside it: what the run left out)."""
        return body_of(self.entry, len(self.text or ""))

    def link(self) -> str:
        name = f'{esc(self.title)} <span class="n">{esc(self.doc_id)}</span>' if self.title else esc(self.doc_id)
        return f'<a href="{esc(self.href)}">{name}</a>'


BODY_LEGEND = (
    '<span class="legend-out"><span class="out">grey text</span> is not in the article body'
    " (hover it for why); claims come from the rest</span>"
)


def _article(doc: Document, marks: list[Mark], unplaced: int) -> str:
    facts = (doc.doc_id, doc.date, f"{len(doc.records)} claims", doc.entry.get("encoding"))
    meta = " · ".join(esc(x) for x in facts if x)
    notes = []
    if doc.entry.get("error"):
        notes.append(f"Skipped by the run: {esc(doc.entry['error'])}")
    elif doc.problem:
        notes.append(f"Source text: {esc(doc.problem)}")
    elif doc.text is None:
        notes.append("Source text not available.")
    if unplaced and doc.text is not None:
        notes.append(f"{unplaced} claims do not match this text (changed since the run?) and are not highlighted.")
    body = doc.body()
    outside = len({m.claim for m in marks if body.why_left_out(m.start, m.end)}) if doc.text is not None else 0
    if outside:
        notes.append(f"{outside} claims lie in greyed text, left out of the body (KB and documents list of two runs?).")
    line = body.note() if doc.text is not None else None
    i = doc.index
    return (
        f'<article class="doc" id="doc-{i}" data-index="{i}" aria-labelledby="doc-{i}-h" tabindex="-1">'
        f'<h2 id="doc-{i}-h">{esc(doc.title or doc.doc_id)}</h2><p class="meta">{meta}</p>'
        + (f'<p class="meta body-note">{esc(line)}</p>' if line else "")
        + "".join(f'<p class="warn">{note}</p>' for note in notes)
        + (f'<div class="text">{highlight(doc.text, marks, body.left_out)}</div>' if doc.text is not None else "")
        + "</article>"
    )


def documents_of(
    records: list[dict],
    documents: Mapping[str, Mapping[str, Any]],
    href: Callable[[int], str],
    also: Iterable[str] = (),
) -> list[Document]:
    """Every document (of the documents list, the records, and ``also``), sorted by id."""
    per_doc = by_document(records)
    doc_ids = sorted(set(documents) | set(per_doc) | set(also))
    return [
        Document(i, doc_id, documents.get(doc_id) or {}, per_doc[doc_id], href(i)) for i, doc_id in enumerate(doc_ids)
    ]


def page_html(title: str, docs: list[Document], records: list[dict], totals: str, doc_control: str) -> str:
    """One HTML page: the totals given, then the articles of ``docs`` (their texts set) with filters and panel."""
    by_id = {r["id"]: r for r in records}
    marks: dict[str, list] = {}  # mark id -> [type, claim id, speaker], for the filters and the panel
    articles: list[str] = []
    greyed = False
    for doc in docs:
        doc_marks, unplaced = marks_of(doc.records, doc.text, by_id) if doc.text is not None else ([], 0)
        marks.update({m.id: [m.type, m.claim, m.speaker] for m in doc_marks})
        articles.append(_article(doc, doc_marks, unplaced))
        greyed = greyed or '<span class="out"' in articles[-1]
    shown = [r for d in docs for r in d.records]
    type_counts = Counter(m[0] for m in marks.values())
    quotes = Counter(m[2] for m in marks.values() if m[0] == "quote")
    speakers = sorted({m[2] for m in marks.values() if m[2]})
    all_layers = layers()
    template = Template(files("extract.tools.report").joinpath("report.html").read_text(encoding="utf-8"))
    return template.substitute(
        title=esc(title),
        type_filters="".join(
            f'<label><input type="checkbox" data-type="{t}" checked> <span class="swatch {t}"></span>{t}'
            f' <span class="n">{type_counts[t]}</span></label>'
            for t in (layer.name for layer in all_layers)
        ),
        type_styles=layer_styles(all_layers),
        out_styles=OUT_STYLES,
        mark_types=script_json([layer.name for layer in all_layers]),
        speaker_options="".join(
            f'<option value="{esc(name)}">{esc(name)} ({counted(quotes[name], "quote")})</option>' for name in speakers
        ),
        doc_control=doc_control,
        body_legend=BODY_LEGEND if greyed else "",
        totals=totals,
        articles="\n".join(articles),
        data=script_json({"claims": {r["id"]: panel_record(r) for r in shown}, "marks": marks}),
    )


def counted(n: int, noun: str) -> str:
    """``n`` and the noun, singular for one ("1 quote", "3 quotes")."""
    return f"{n} {noun}{'' if n == 1 else 's'}"
