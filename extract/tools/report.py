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
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from importlib.resources import files
from itertools import pairwise
from pathlib import Path
from string import Template
from typing import Any

from extract.rules.words import shipped_words
from extract.run.atomic import atomic_writer
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


@dataclass
class MoneyTotals:
    """Money mentioned, per document and currency, and what was left out of the sums and why.

    A sum adds up amounts that stand for money (a range counts its low end): an amount per unit
    or an exchange rate ("$100 per barrel", "Rs 13,500 per hectare", "$1.10 to the euro") is a
    price, not money spent or saved, and a figure repeated in one document ("£33m" in the story and
    again in a quote) is one figure, so each normalised value counts once per document.
    """

    sums: dict[str, dict[str, Decimal]]  # doc id -> currency -> sum
    left_out: dict[str, Counter]  # doc id -> "rate" / "repeat" -> how many amounts

    def totals(self) -> dict[str, Decimal]:
        """Per currency over all documents (a figure in two documents counts in both)."""
        out: defaultdict[str, Decimal] = defaultdict(Decimal)
        for per in self.sums.values():
            for currency, amount in per.items():
                out[currency] += amount
        return dict(sorted(out.items()))


_YEAR_WORDS = {"year", "years", "annum", "yr"}  # "£3bn a year" is a budget, summed like the others
_PER_UNIT_NOUNS = {"barrel", "share", "head", "person", "capita", "unit", "pupil", "patient", "household", "piece"}


@cache
def _rate_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """What follows and what precedes an amount that is a rate, from the shipped word lists."""
    words = shipped_words()
    units = (words["measure-units"] | words["time-units"] | _PER_UNIT_NOUNS) - _YEAR_WORDS
    currencies = "|".join(sorted(map(re.escape, words["currency-names"]), key=len, reverse=True))
    unit_words = "|".join(sorted(map(re.escape, units), key=len, reverse=True))
    years = "|".join(_YEAR_WORDS)
    after = re.compile(
        rf"\s*(?:(?:per|each|every)\s+(?!(?:{years})\b)\w|/\s*\w|each\b|apiece\b"
        rf"|an?\s+(?:{unit_words})s?\b|(?:to|against|per|=)\s+(?:the\s+|one\s+|a\s+|an\s+|1\s+)?(?:us\s+)?(?:{currencies})\b)",
        re.IGNORECASE,
    )
    before = re.compile(r"(?:\bper\s+(?!(?:" + years + r")\b)\w+\s*[:\-–]?|exchange\s+rate\s+(?:of\s+)?|=)\s*$", re.I)
    return after, before


def is_rate(record: Mapping[str, Any], text: str | None) -> bool:
    """Whether a money record is a price per unit or an exchange rate, from the words around it in
    ``text`` (the source) or, without it, in the record's sentence."""
    after, before = _rate_patterns()
    if text is not None and text[record["start"] : record["end"]] == record["text"]:
        return bool(after.match(text, record["end"])) or bool(
            before.search(text[max(0, record["start"] - 40) : record["start"]])
        )
    sentence = record.get("sentence") or ""
    at = sentence.find(record["text"])
    if at < 0:
        return False
    return bool(after.match(sentence, at + len(record["text"]))) or bool(before.search(sentence[max(0, at - 40) : at]))


def money_by_document(
    records: Iterable[Mapping[str, Any]], text_of: Callable[[str], str | None] = lambda doc_id: None
) -> MoneyTotals:
    """The money sums of each document and currency, exact with Decimal (see ``MoneyTotals``);
    ``text_of`` gives a document's source, to read the words around an amount."""
    sums: dict[str, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    left_out: dict[str, Counter] = defaultdict(Counter)
    seen: set[tuple] = set()
    for record in records:
        if record["type"] != "money" or record.get("amount") is None:
            continue
        doc, currency = record["doc_id"], record.get("currency") or "?"
        high = record.get("amount_high")
        key = (doc, currency, Decimal(str(record["amount"])), None if high is None else Decimal(str(high)))
        if is_rate(record, text_of(doc)):
            left_out[doc]["rate"] += 1
        elif key in seen:
            left_out[doc]["repeat"] += 1
        else:
            seen.add(key)
            sums[doc][currency] += key[2]
    docs = sorted(set(sums) | set(left_out))
    return MoneyTotals({d: dict(sorted(sums[d].items())) for d in docs}, {d: left_out[d] for d in docs})


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

    def link(self) -> str:
        name = f'{esc(self.title)} <span class="n">{esc(self.doc_id)}</span>' if self.title else esc(self.doc_id)
        return f'<a href="{esc(self.href)}">{name}</a>'


def _article(doc: _Document, marks: list[Mark], unplaced: int) -> str:
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
    i = doc.index
    return (
        f'<article class="doc" id="doc-{i}" data-index="{i}" aria-labelledby="doc-{i}-h" tabindex="-1">'
        f'<h2 id="doc-{i}-h">{esc(doc.title or doc.doc_id)}</h2><p class="meta">{meta}</p>'
        + "".join(f'<p class="warn">{note}</p>' for note in notes)
        + (f'<div class="text">{highlight(doc.text, marks)}</div>' if doc.text is not None else "")
        + "</article>"
    )


def _left_out(counts: Counter) -> str:
    parts = {"rate": "rate or per-unit", "repeat": "repeated"}
    return ", ".join(f"{n} {parts[why]}" for why, n in sorted(counts.items()) if n)


def _totals(records: list[dict], docs: list[_Document], text_of: Callable[[str], str | None]) -> str:
    """The first section: claims per document and type, top speakers, money per document and currency."""
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
    money = money_by_document(records, text_of)

    def sums(per: Mapping[str, Decimal]) -> str:
        return "<br>".join(f"{esc(currency)} {total:,}" for currency, total in per.items())

    money_rows = [
        [by_doc[doc_id].link(), sums(per), esc(_left_out(money.left_out[doc_id]))] for doc_id, per in money.sums.items()
    ]
    all_left_out = sum((c for c in money.left_out.values()), Counter())
    money_table = (
        _table(
            ["Document", "sum", "not added"],
            money_rows,
            ["All documents", sums(money.totals()), _left_out(all_left_out)],
        )
        if money_rows
        else "<p>No money claims.</p>"
    )
    return (
        '<section class="totals" id="totals" aria-labelledby="totals-h"><h2 class="wide" id="totals-h">Totals</h2>'
        f'<div class="wide"><h3>Claims per document and type</h3>{claims_table}</div>'
        f"<div><h3>Top speakers (quotes)</h3>{speakers_table}</div>"
        '<div class="wide"><h3>Money mentioned per document</h3><p class="n">Each figure once per document;'
        f" prices per unit and exchange rates are not added.</p>{money_table}</div></section>"
    )


def _documents(
    records: list[dict],
    documents: Mapping[str, Mapping[str, Any]],
    href: Callable[[int], str],
    also: Iterable[str] = (),
) -> list[_Document]:
    """Every document (of the documents list, the records, and ``also``), sorted by id."""
    per_doc: defaultdict[str, list[dict]] = defaultdict(list)
    for record in records:
        per_doc[record["doc_id"]].append(record)
    doc_ids = sorted(set(documents) | set(per_doc) | set(also))
    return [
        _Document(i, doc_id, documents.get(doc_id) or {}, per_doc[doc_id], href(i)) for i, doc_id in enumerate(doc_ids)
    ]


def _page(title: str, docs: list[_Document], records: list[dict], totals: str, doc_control: str) -> str:
    """One HTML page: the totals given, then the articles of ``docs`` (their texts set) with filters and panel."""
    by_id = {r["id"]: r for r in records}
    marks: dict[str, list] = {}  # mark id -> [type, claim id, speaker], for the filters and the panel
    articles: list[str] = []
    for doc in docs:
        doc_marks, unplaced = marks_of(doc.records, doc.text, by_id) if doc.text is not None else ([], 0)
        marks.update({m.id: [m.type, m.claim, m.speaker] for m in doc_marks})
        articles.append(_article(doc, doc_marks, unplaced))
    shown = [r for d in docs for r in d.records]
    type_counts = Counter(m[0] for m in marks.values())
    quotes = Counter(m[2] for m in marks.values() if m[0] == "quote")
    speakers = sorted({m[2] for m in marks.values() if m[2]})
    all_layers = layers()
    template = Template(files("extract.tools").joinpath("report.html").read_text(encoding="utf-8"))
    return template.substitute(
        title=esc(title),
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
        doc_control=doc_control,
        totals=totals,
        articles="\n".join(articles),
        data=script_json({"claims": {r["id"]: panel_record(r) for r in shown}, "marks": marks}),
    )


def render_report(
    records: list[dict],
    texts: Mapping[str, str],
    documents: Mapping[str, dict] | None,
    problems: Mapping[str, str] | None = None,
) -> str:
    """The one-page report of a KB: ``texts`` maps doc id to decoded source text, ``documents`` doc id
    to its entry, ``problems`` doc id to why its text is missing (shown in its place).

    Documents are the union of the inputs, sorted by id; one without text shows its error or a note.
    """
    docs = _documents(records, documents or {}, lambda i: f"#doc-{i}", also=texts)
    for doc in docs:
        doc.text, doc.problem = texts.get(doc.doc_id), (problems or {}).get(doc.doc_id)
    options = "".join(f'<option value="{d.index}">{esc(d.title or d.doc_id)}</option>' for d in docs)
    control = f'<label>Go to <select id="f-doc"><option value="">a document…</option>{options}</select></label>'
    title = f"Claims review: {len(records)} claims in {len(docs)} documents"
    return _page(title, docs, records, _totals(records, docs, texts.get), control)


def write_report(
    records: list[dict],
    documents: Mapping[str, dict],
    text_of: Callable[[str], str | None],
    problem_of: Callable[[str], str | None],
    output: Path,
    split_over: int,
) -> int:
    """Write the report to ``output``; the number of documents.

    Up to ``split_over`` documents it is one page. Over that, ``output`` is an index (the totals,
    each document linked) and each document gets its own page in the folder ``<output stem>-pages``
    beside it, so a KB of 10,000 articles is 10,000 small pages, not one page too large to open.
    Pages a previous, larger report left in that folder are removed.
    """
    folder = output.with_name(f"{output.stem}-pages")
    docs = _documents(records, documents, lambda i: f"{folder.name}/{i:05d}.html")
    if len(docs) <= split_over:
        texts = {d.doc_id: text for d in docs if (text := text_of(d.doc_id)) is not None}
        problems = {d.doc_id: problem for d in docs if (problem := problem_of(d.doc_id))}
        page = render_report(records, texts, documents, problems)
        with atomic_writer(output) as handle:
            handle.write(page)
        return len(docs)
    folder.mkdir(exist_ok=True)
    written = set()
    for doc in docs:
        doc.text, doc.problem = text_of(doc.doc_id), problem_of(doc.doc_id)
        near = [docs[i] for i in (doc.index - 1, doc.index + 1) if 0 <= i < len(docs)]
        pager = " · ".join(
            [f'<a href="../{esc(output.name)}">all documents</a>']
            + [f'<a href="{esc(Path(d.href).name)}">{"previous" if d.index < doc.index else "next"}</a>' for d in near]
        )
        page = _page(doc.title or doc.doc_id, [doc], doc.records, "", f'<nav class="pager">{pager}</nav>')
        doc.text = None  # one text in memory at a time
        name = Path(doc.href).name
        with atomic_writer(folder / name) as handle:
            handle.write(page)
        written.add(name)
    for old in folder.glob("*.html"):
        if re.fullmatch(r"\d{5,}\.html", old.name) and old.name not in written:
            old.unlink()
    title = f"Claims review: {len(records)} claims in {len(docs)} documents (one page each)"
    index = _page(title, [], records, _totals(records, docs, text_of), "")
    with atomic_writer(output) as handle:
        handle.write(index)
    return len(docs)
