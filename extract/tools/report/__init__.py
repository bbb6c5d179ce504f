"""The review page: one self-contained HTML file with every claim highlighted in its article.

Reviewers judge extractions by reading them in place, so the page holds each full text with every
claim marked, a panel with the record's fields, filters, and the totals a reviewer looks at first.
It must open from disk with no network. Article text is untrusted (scraped web pages): every text
and value is HTML-escaped, and the panel data is JSON that cannot close its ``<script>`` element.

``escape`` makes text safe for the page, ``marks`` cuts each article into highlighted pieces,
``totals`` counts claims, speakers and money, and ``page`` fills the template ``report.html``
with the documents; this module writes the report, one page or an index with a page per document.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from pathlib import Path

from extract.io.atomic import atomic_writer
from extract.tools.report.escape import esc
from extract.tools.report.marks import layers
from extract.tools.report.page import documents_of, page_html
from extract.tools.report.totals import money_by_document, top_speakers, totals_html

__all__ = ["layers", "money_by_document", "render_report", "top_speakers", "write_report"]


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
    docs = documents_of(records, documents or {}, lambda i: f"#doc-{i}", also=texts)
    for doc in docs:
        doc.text, doc.problem = texts.get(doc.doc_id), (problems or {}).get(doc.doc_id)
    options = "".join(f'<option value="{d.index}">{esc(d.title or d.doc_id)}</option>' for d in docs)
    control = f'<label>Go to <select id="f-doc"><option value="">a document…</option>{options}</select></label>'
    title = f"Claims review: {len(records)} claims in {len(docs)} documents"
    return page_html(title, docs, records, totals_html(records, docs, texts.get), control)


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
    docs = documents_of(records, documents, lambda i: f"{folder.name}/{i:05d}.html")
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
        page = page_html(doc.title or doc.doc_id, [doc], doc.records, "", f'<nav class="pager">{pager}</nav>')
        doc.text = None  # one text in memory at a time
        name = Path(doc.href).name
        with atomic_writer(folder / name) as handle:
            handle.write(page)
        written.add(name)
    for old in folder.glob("*.html"):
        if re.fullmatch(r"\d{5,}\.html", old.name) and old.name not in written:
            old.unlink()
    title = f"Claims review: {len(records)} claims in {len(docs)} documents (one page each)"
    index = page_html(title, [], records, totals_html(records, docs, text_of), "")
    with atomic_writer(output) as handle:
        handle.write(index)
    return len(docs)
