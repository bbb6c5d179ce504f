"""``extract eval``: score the pipeline or a KB against gold annotations."""

from __future__ import annotations

import json

import click

from extract.cli.app import MODEL_OPTION, PATTERNS_OPTION, fail, main, pipeline


@main.command("eval")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@click.argument("paths", nargs=-1, type=click.Path(exists=True))
@click.option(
    "--kb",
    type=click.Path(exists=True, dir_okay=False),
    help="Score this knowledge base instead of running the pipeline.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@MODEL_OPTION
@PATTERNS_OPTION
def evaluate_cmd(gold, paths, kb, as_json, model, patterns) -> None:
    """Score the pipeline (or a --kb file) against GOLD annotations.

    PATHS are the folders or files holding the gold's documents (default: corpus/).

    \b
    Example:
      extract eval tests/gold/gold.jsonl corpus/
      extract eval tests/gold/gold.jsonl corpus/ --kb kb.jsonl --json
    """
    import jsonlines

    from extract.run.reader import InputError, discover, read_source
    from extract.tools.evaluate import evaluate, format_report, load_gold

    try:
        gold_docs = load_gold(gold)
        found = discover(paths or ["corpus"])
    except (ValueError, InputError) as err:
        fail(str(err))
    wanted = [s for s in found.sources if s.doc_id in gold_docs]
    texts = {s.doc_id: read_source(s.path).text for s in wanted}
    if kb:
        with jsonlines.open(kb) as reader:
            recs = list(reader)
    else:
        from extract.run.extraction import extract_many

        nlp = pipeline(model, patterns)
        recs = [r for _, _, _, rs in extract_many(nlp, texts.items()) for r in rs]
    try:
        report = evaluate(gold_docs, recs, texts)
    except ValueError as err:
        fail(str(err))
    click.echo(json.dumps(report, ensure_ascii=False, indent=2) if as_json else format_report(report))
