"""``extract speakers`` and ``extract export``: a KB for other tools."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from extract.cli.app import DOCS_OPTION, fail, load_kb, main


@main.command()
@click.argument("kb", type=click.Path(exists=True, dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl", "csv"]), default="table", show_default=True)
@DOCS_OPTION
def speakers(kb, fmt, docs) -> None:
    """Who speaks across all documents: one row per speaker, with role, organisation, quote count,
    documents and first and last dates.

    \b
    Example:
      extract speakers kb.jsonl --format csv > speakers.csv
    """
    from extract.tools.speaker_index import format_table, speaker_index, write_csv, write_jsonl

    records, documents, _ = load_kb(kb, docs, need_texts=False)
    rows = speaker_index(records, documents)
    if fmt == "table":
        click.echo(format_table(rows))
    else:
        (write_csv if fmt == "csv" else write_jsonl)(rows, sys.stdout)


@main.command()
@click.argument("kb", type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--format", "fmt", required=True, type=click.Choice(["csv", "prodigy", "doccano", "label-studio", "sqlite"])
)
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="File to write.")
@DOCS_OPTION
def export(kb, fmt, output, docs) -> None:
    """Write a KB for other tools: CSV, span annotations for Prodigy, doccano or Label Studio, or a
    SQLite database (tables documents, claims, speakers).

    \b
    Example:
      extract export kb.jsonl --format sqlite -o kb.sqlite
      extract export kb.jsonl --format label-studio -o tasks.json
    """
    from extract.tools.export import export as write_export

    needs_texts = fmt in {"prodigy", "doccano", "label-studio"}
    records, documents, texts = load_kb(kb, docs, need_texts=needs_texts)
    try:
        count = write_export(records, texts, fmt, Path(output), documents=documents or None)
    except ValueError as err:
        fail(str(err))
    click.echo(f"{output}: {count} {fmt} items", err=True)
