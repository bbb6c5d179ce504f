"""``extract speakers`` and ``extract export``: a KB for other tools."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click

from extract.cli.app import DOCS_OPTION, fail, load_kb, main

# As ``extract.tools.export.FORMATS``, spelled out so that ``--help`` does not import the exporters.
FORMATS = ("csv", "prodigy", "doccano", "label-studio", "sqlite", "parquet")


@main.command()
@click.argument("kb", type=click.Path(exists=True, dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl", "csv"]), default="table", show_default=True)
@DOCS_OPTION
def speakers(kb, fmt, docs) -> None:
    """Who speaks across all documents: one row per person or organisation of the run's entities
    (KB.entities.jsonl), with role, organisation, quote count, documents, first and last dates
    and entity id.

    \b
    Example:
      extract speakers kb.jsonl --format csv > speakers.csv
    """
    from extract.tools.speaker_index import format_table, speaker_index, write_csv, write_jsonl

    records, documents, _ = load_kb(kb, docs, need_texts=False)
    rows = speaker_index(records, documents, entities=_entities(kb))
    if fmt == "table":
        click.echo(format_table(rows))
    else:
        (write_csv if fmt == "csv" else write_jsonl)(rows, sys.stdout)


@main.command()
@click.argument("kb", type=click.Path(exists=True, dir_okay=False))
@click.option("--format", "fmt", required=True, type=click.Choice(FORMATS))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="File to write.")
@DOCS_OPTION
def export(kb, fmt, output, docs) -> None:
    """Write a KB for other tools: CSV, span annotations for Prodigy, doccano or Label Studio, a
    SQLite database (tables documents, claims, speakers), or Parquet (the claims, typed columns;
    needs pyarrow).

    \b
    Example:
      extract export kb.jsonl --format sqlite -o kb.sqlite
      extract export kb.jsonl --format parquet -o kb.parquet
      extract export kb.jsonl --format label-studio -o tasks.json
    """
    from extract.kb.io import iter_kb
    from extract.tools.export import STREAMED
    from extract.tools.export import export as write_export

    if fmt in STREAMED:  # read as written: a KB of millions of claims is never all in memory
        records, documents, texts = _named(iter_kb(Path(kb)), kb), None, {}
    else:
        records, documents, texts = load_kb(kb, docs, need_texts=fmt in {"prodigy", "doccano", "label-studio"})
    entities = _entities(kb, say=False) if fmt == "sqlite" else None  # its speakers table is merged by name
    try:
        count = write_export(records, texts, fmt, Path(output), documents=documents or None, entities=entities)
    except ValueError as err:
        fail(str(err))
    except OSError as err:  # ours name the problem already (a missing folder); the system's need the file
        fail(str(err) if err.strerror is None else f"cannot write {output}: {err.strerror}")
    click.echo(f"{output}: {count} {fmt} items", err=True)


def _entities(kb: str, *, say: bool = True) -> list[dict[str, Any]] | None:
    """The run's entities beside the KB; None for a KB without them (written before entities
    were), with one line saying to run again when ``say``."""
    from extract.kb.io import entities_beside, read_entities

    found = entities_beside(kb)
    if not found.exists():
        if say:
            click.echo(f"{found} not found: speakers are merged by name; re-run `extract run` to write it", err=True)
        return None
    try:
        return read_entities(found)
    except (OSError, ValueError) as err:
        fail(f"{found}: {err}")


def _named(records: Iterator[dict[str, Any]], kb: str) -> Iterator[dict[str, Any]]:
    """The records of a KB read as they are written out, a bad line's error naming the KB."""
    try:
        yield from records
    except ValueError as err:
        raise ValueError(f"{kb}: {err}") from err
