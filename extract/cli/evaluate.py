"""``extract eval``: score the pipeline or a KB against gold annotations (gold.jsonl or PolNeAR's brat)."""

from __future__ import annotations

import json
from pathlib import Path

import click

from extract.cli.app import MODEL_OPTION, PATTERNS_OPTION, fail, main, pipeline


@main.command("eval")
@click.argument("gold", required=False, type=click.Path(exists=True))
@click.argument("paths", nargs=-1, type=click.Path(exists=True))
@click.option(
    "--polnear",
    type=click.Path(exists=True, file_okay=False),
    help="Score quotes against a PolNeAR compartment in brat layout (text/ and attributions/), "
    "by the development sets' protocol.",
)
@click.option(
    "--kb",
    type=click.Path(exists=True, dir_okay=False),
    help="Score this knowledge base instead of running the pipeline.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON (with every miss and error).")
@MODEL_OPTION
@PATTERNS_OPTION
def evaluate_cmd(gold, paths, polnear, kb, as_json, model, patterns) -> None:
    """Score the pipeline (or a --kb file) against GOLD annotations.

    GOLD is a gold.jsonl file, with PATHS the folders or files holding its documents (default:
    corpus/), or a folder in brat layout (as --polnear DIR: the texts are DIR/text).

    \b
    Example:
      extract eval tests/gold/gold.jsonl corpus/
      extract eval tests/gold/gold.jsonl corpus/ --kb kb.jsonl --json
      extract eval --polnear ../shared/dev/polnear/data/dev --kb kb.jsonl
    """
    brat = _brat_folder(gold, polnear, paths)
    if brat is not None:
        report, text, gold_ids = _polnear(brat, kb, model, patterns)
    else:
        report, text, gold_ids = _gold_jsonl(gold, paths, kb, model, patterns)
    if kb:
        text = _note_coverage(report, gold_ids, kb, text, by_stem=brat is not None)
    click.echo(json.dumps(report, ensure_ascii=False, indent=2) if as_json else text)


def _brat_folder(gold: str | None, polnear: str | None, paths: tuple[str, ...]) -> str | None:
    """The brat folder to score against, or None for a gold.jsonl; a usage error when the arguments clash."""
    from extract.tools.polnear import brat_folders_below, is_brat_folder

    if polnear and (gold or paths):
        fail(f"--polnear {polnear} takes no GOLD or PATHS (its texts are in {Path(polnear) / 'text'}); drop them")
    if not (gold or polnear):
        fail("no gold given: pass GOLD.jsonl [PATHS...] or --polnear DIR (a brat folder with text/ and attributions/)")
    folder = polnear or (gold if Path(gold).is_dir() else None)
    if folder is None:
        return None
    if paths:
        fail(f"{folder}: a brat folder takes no PATHS (its texts are in {Path(folder) / 'text'}); drop them")
    if not is_brat_folder(folder):
        below = brat_folders_below(folder)
        hint = f"did you mean {below[0]}?" if below else "give a folder with text/ and attributions/, or a gold.jsonl"
        fail(f"{folder}: not a brat folder (no text/ and attributions/ in it); {hint}")
    return folder


def _records(kb: str) -> list[dict]:
    import jsonlines

    try:
        with jsonlines.open(kb) as reader:
            return list(reader)
    except (ValueError, OSError) as err:  # jsonlines' InvalidLineError is a ValueError
        fail(f"{kb}: {err}; is it a KB written by extract run?")


def _kb_documents(kb: str) -> set[str]:
    """The documents a KB covers: its documents list's (a document without claims counts), else its records'."""
    from extract.cli.app import default_docs

    listed = Path(default_docs(kb))
    return {r["doc_id"] for r in _records(str(listed) if listed.is_file() else kb) if isinstance(r.get("doc_id"), str)}


def _note_coverage(report: dict, gold: list[str], kb: str, text: str, *, by_stem: bool) -> str:
    """Add how many gold documents the KB covers to the report (``covered``, ``missing``), and a
    warning line to its text when it is not all: a missing document's claims all count as misses."""
    from pathlib import PurePath

    from extract.tools.evaluate import coverage

    covered = _kb_documents(kb)
    if by_stem:
        covered = {PurePath(doc).stem for doc in covered}
    line = coverage(report, gold, covered)
    return f"{text}\n{line}" if line else text


def _run(items: list[tuple[str, str]], model: str, patterns: tuple[str, ...]) -> list[dict]:
    """The pipeline's records for (doc id, text) pairs."""
    from extract.run.extraction import extract_many

    nlp = pipeline(model, patterns)
    return [r for _, _, _, rs in extract_many(nlp, items) for r in rs]


def _polnear(folder: str, kb: str | None, model: str, patterns: tuple[str, ...]) -> tuple[dict, str, list[str]]:
    """Score against a brat folder; without --kb the pipeline runs on its texts, as ``<article>.txt``."""
    from extract.tools.polnear import format_polnear, read_brat, score_polnear

    try:
        docs = read_brat(folder)
    except (ValueError, OSError) as err:
        fail(str(err))
    recs = _records(kb) if kb else _run([(f"{d.doc_id}.txt", d.text) for d in docs], model, patterns)
    report = score_polnear(docs, recs)
    return report, format_polnear(report), [d.doc_id for d in docs]


def _gold_jsonl(
    gold: str, paths: tuple[str, ...], kb: str | None, model: str, patterns: tuple[str, ...]
) -> tuple[dict, str, list[str]]:
    """Score against a gold.jsonl whose documents are found under PATHS (default corpus/)."""
    from extract.io.inputs import read
    from extract.io.reader import InputError
    from extract.run.discovery import discover
    from extract.tools.evaluate import evaluate, format_report, load_gold

    try:
        gold_docs = load_gold(gold)
        found = discover(paths or ["corpus"])
    except (ValueError, InputError) as err:
        fail(str(err))
    wanted = [s for s in found.sources if s.doc_id in gold_docs]
    texts = {s.doc_id: read(s).text for s in wanted}
    recs = _records(kb) if kb else _run(list(texts.items()), model, patterns)
    try:
        report = evaluate(gold_docs, recs, texts)
    except ValueError as err:
        fail(str(err))
    return report, format_report(report), list(gold_docs)
