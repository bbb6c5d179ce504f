"""``extract report``: a KB as a page to read and check claims in."""

from __future__ import annotations

import click

from extract.cli.app import DOCS_OPTION, load_kb, main


@main.command()
@click.argument("kb", type=click.Path(exists=True, dir_okay=False))
@click.option("-o", "--output", default="report.html", show_default=True, help="HTML file to write.")
@DOCS_OPTION
def report(kb, output, docs) -> None:
    """A self-contained HTML page to review a KB: every claim highlighted in its article.

    \b
    Example:
      extract report kb.jsonl -o report.html
    """
    from extract.run.atomic import atomic_writer
    from extract.tools.report import render_report

    records, documents, texts = load_kb(kb, docs, need_texts=True)
    with atomic_writer(output) as handle:
        handle.write(render_report(records, texts, documents))
    click.echo(f"{output}: {len(records)} claims in {len(texts)} documents", err=True)
