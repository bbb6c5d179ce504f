"""``extract report``: a KB as a page to read and check claims in."""

from __future__ import annotations

from pathlib import Path

import click

from extract.cli.app import DOCS_OPTION, fail, load_with_sources, main, warn


@main.command()
@click.argument("kb", type=click.Path(exists=True, dir_okay=False))
@click.option("-o", "--output", default="report.html", show_default=True, help="HTML file to write.")
@click.option(
    "--split-over",
    type=click.IntRange(min=0),
    default=300,
    show_default=True,
    help="Over this many documents, write an index page and one page per document (in OUTPUT-pages/).",
)
@DOCS_OPTION
def report(kb, output, split_over, docs) -> None:
    """A self-contained HTML page to check a KB: every claim highlighted in its article, with
    filters, a text search and the totals. No server or network is needed to open it.

    The articles are found through the documents list (relative paths beside it first); a
    missing article is a warning and a note in its place.

    \b
    Example:
      extract report kb.jsonl -o report.html
      extract report big.jsonl -o big.html --split-over 200   # big.html indexes big-pages/*.html
    """
    from extract.tools.report import write_report

    records, documents, sources = load_with_sources(kb, docs)
    try:
        count = write_report(records, documents, sources.text, sources.problem, Path(output), split_over)
    except OSError as err:  # a read-only or missing folder: one line, not a traceback
        fail(str(err) if str(output) in str(err) else f"cannot write {output}: {err.strerror or err}")
    for doc_id, problem in sorted(sources.problems.items()) if documents else ():  # else: one warning said it
        if not documents.get(doc_id, {}).get("error"):  # the run already reported the files it skipped
            warn(f"{doc_id}: {problem}")
    pages = f" (one page each in {Path(output).stem}-pages/)" if count > split_over else ""
    click.echo(f"{output}: {len(records)} claims in {count} documents{pages}", err=True)
