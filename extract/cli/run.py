"""``extract run``: a folder of articles in, a knowledge base out."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, NoReturn

import click

from extract.cli.app import MODEL_OPTION, PATTERNS_OPTION, default_docs, fail, main

if TYPE_CHECKING:
    from extract.run.corpus import FileResult, Progress, RunSettings, RunSummary
    from extract.run.watch import State

EXAMPLES_RUN = """\b
Examples:
  extract run corpus/                   # writes kb.jsonl and kb.documents.jsonl
  extract run corpus/ -o - | jq .text   # the knowledge base on stdout
  extract run saved_pages/ -o pages.jsonl   # .html/.htm pages (plain or .gz) read with trafilatura
  extract run articles.jsonl --text-field maintext   # one document per record
  extract run news/ --include '*.md' --include '*.jsonl'   # more than .txt/.html from folders
  extract run news/ --patterns my_rules/ -o news.jsonl
  curl -s URL | extract run - --name story.txt -o -   # one article from standard input
  extract run s3://bucket/news/ -o s3://bucket/kb.jsonl --engine dask --scheduler tcp://HOST:8786
"""


def progress_bar(stream: IO[str] | None) -> Progress:
    """Results passed through as they are, shown on ``stream`` (None: not shown) as a bar with
    files done of the total, the percentage, claims so far and the time left (tqdm's estimate)."""

    def show(results: Iterator[FileResult], total: int) -> Iterator[FileResult]:
        if stream is None:
            yield from results
            return
        from tqdm import tqdm

        claims = 0
        with tqdm(total=total, desc="extracting", unit="file", file=stream, dynamic_ncols=True) as bar:
            for result in results:
                claims += len(result.records)
                bar.set_postfix_str(f"{claims:,} claims", refresh=False)
                bar.update(1)
                yield result

    return show


def _usage_errors(paths, name, engine, scheduler, local_workers, scheduler_timeout) -> None:
    """Options that would otherwise be ignored without a word."""
    dask_only = {"--scheduler": scheduler, "--local-workers": local_workers, "--scheduler-timeout": scheduler_timeout}
    for option, value in dask_only.items():
        if value is not None and engine != "dask":
            raise click.UsageError(f"{option} needs --engine dask")
    if scheduler and local_workers:
        raise click.UsageError("--scheduler and --local-workers exclude each other: a cluster is reached or started")
    if "-" in paths and len(paths) > 1:
        raise click.UsageError("'-' (one article from standard input) cannot be given with other paths")
    if name is not None and paths != ("-",):
        raise click.UsageError("--name names the article read from standard input: give '-' as the path")


def _run_errors() -> tuple[type[Exception], ...]:
    """What stops a run with a one-line message (imported when needed: ``--help`` stays fast)."""
    from extract.io.reader import InputError
    from extract.model.loading import ModelNotFound
    from extract.rules.errors import PatternError

    return InputError, PatternError, ModelNotFound, OSError  # OSError: e.g. no Dask scheduler there


def _watch(run_once: Callable[[], object], settings: RunSettings, paths, output: str, options, quiet: bool) -> NoReturn:
    """``--watch``: run, then again after each change to what the run reads, until Ctrl-C. A run
    that fails (a pattern half-edited, a folder gone) says why in one line and the watch goes on,
    as the user is in the middle of an edit."""
    from extract.run.watch import describe, file_events, local_paths, run_state, watch, watch_folders

    try:
        local = local_paths(paths)
    except ValueError as err:
        raise click.UsageError(str(err)) from None
    patterns = [Path(p) for p in settings.patterns]
    say = (lambda m: None) if quiet else (lambda m: click.echo(f"extract: {m}", err=True))

    watching = f"watching {describe([str(p) for p in local])} and the rule files for changes; Ctrl-C stops"

    def attempt() -> None:
        nonlocal watching
        try:
            run_once()  # leaves spaCy, the rules and the pipelines it used loaded here, for the next run
        except _run_errors() as err:
            click.echo(f"extract: {err}", err=True)
        if watching:  # said once, after the first run
            say(watching)
            watching = ""

    def state() -> State:
        try:
            return run_state(local, patterns, options)
        except _run_errors() as err:  # the next run says what it is
            return ((str(err), 0, 0),)

    with contextlib.suppress(KeyboardInterrupt):
        watch(attempt, state, file_events(watch_folders(local, patterns)), say)
    click.echo(f"extract: stopped watching; {output} holds the last complete run", err=True)
    sys.exit(0)


@main.command(epilog=EXAMPLES_RUN)
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("-o", "--output", default="kb.jsonl", show_default=True, help="Knowledge base to write ('-' for stdout).")
@click.option("--docs", default=None, help="Documents list to write [default: KB name + .documents.jsonl].")
@click.option("--name", default=None, help="With PATH '-': the doc_id of the article read from standard input.")
@MODEL_OPTION
@PATTERNS_OPTION
@click.option("--max-bytes", type=click.IntRange(min=1), default=None, help="Largest file to read (default 64 MB).")
@click.option(
    "--include",
    multiple=True,
    metavar="PATTERN",
    help="Also read folder files whose name matches PATTERN ('*.md', '*.jsonl'); repeatable.",
)
@click.option(
    "--text-field",
    default=None,
    metavar="NAME",
    help="The field of a collection's records (.jsonl, .json) holding the article "
    "[default: the first of text, maintext, body, content, article].",
)
@click.option(
    "-w",
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes [default: one per usable core, at most one per file that needs the model, and 1 for "
    "up to 4 such files; files whose parses are cached, as after a pattern edit, run the rules only, by a "
    "worker per core on Linux]; "
    "the output is the same bytes whatever the number.",
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
    "--scheduler-timeout",
    type=click.FloatRange(min=0, min_open=True),
    default=None,
    help="Seconds to wait for the --scheduler to answer [default: 5].",
)
@click.option(
    "--local-workers",
    type=click.IntRange(min=1),
    default=None,
    help="With --engine dask and no --scheduler: start a local Dask cluster of N worker processes.",
)
@click.option(
    "--watch",
    is_flag=True,
    help="Keep running: run again whenever an article or a rule file changes (the pipeline stays loaded, so "
    "a pattern edit shows in the KB in a fraction of a second); Ctrl-C stops.",
)
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary.")
def run(
    paths,
    output,
    docs,
    name,
    model,
    patterns,
    max_bytes,
    include,
    text_field,
    workers,
    cache_dir,
    no_cache,
    engine,
    scheduler,
    scheduler_timeout,
    local_workers,
    watch,
    quiet,
) -> None:
    """Extract claims from the articles under PATHS into a JSONL knowledge base.

    Folders give their .txt, .html and .htm files (plain or gzipped); a file named in PATHS is
    read whatever its name: text, an HTML page, or a collection of articles (.jsonl, .json: one
    document per record). Texts that are not a file's own (HTML, records) are kept beside the KB
    in KB.texts/, which the offsets point into. PATHS and -o may be fsspec URLs (s3://, gs://,
    ...; needs fsspec and the backend); PATH '-' reads one article from standard input.
    Parsed articles are cached, so a re-run after editing a pattern file only re-runs the rules.
    """
    _usage_errors(paths, name, engine, scheduler, local_workers, scheduler_timeout)
    if watch and (paths == ("-",) or output == "-"):
        raise click.UsageError("--watch rewrites a KB file as its inputs change: give folders or files and -o FILE")
    if engine == "local":  # this process and its workers are the command's own: before spaCy is imported
        from extract.run.process import collect_less

        collect_less()
    from extract.io.reader import MAX_BYTES, stdin_source
    from extract.run.cache import default_cache_dir
    from extract.run.corpus import NoArticles, RunSettings
    from extract.run.corpus import run as run_corpus
    from extract.run.discovery import Options
    from extract.run.workers import local_engine

    if docs is None and output != "-":
        docs = default_docs(output)
    settings = RunSettings(
        model=model,
        patterns=tuple(str(Path(p).resolve()) for p in patterns),
        cache_dir=None if no_cache else str(Path(cache_dir or default_cache_dir()).resolve()),
        max_bytes=max_bytes or MAX_BYTES,
        tune_process=engine == "local",  # this process and its workers are the command's own
    )

    if engine == "dask":
        try:
            from extract.run.dask_engine import SCHEDULER_TIMEOUT, dask_engine
        except ImportError:
            fail("--engine dask needs the dask extra: pip install 'extract-claims[dask]'")
        chosen = dask_engine(
            scheduler=scheduler,
            local_workers=local_workers or workers or 1,
            scheduler_timeout=scheduler_timeout or SCHEDULER_TIMEOUT,
        )
    else:
        chosen = local_engine(workers)

    options = Options(include=include, text_field=text_field)
    piped = stdin_source(sys.stdin.buffer, name, settings.max_bytes) if paths == ("-",) else None

    def run_once() -> RunSummary:
        summary = run_corpus(
            settings,
            paths,
            output,
            docs,
            warn=lambda m: click.echo(f"extract: {m}", err=True),
            engine=chosen,
            progress=progress_bar(None if quiet or not sys.stderr.isatty() else sys.stderr),
            piped=piped,
            options=options,
        )
        if not quiet:
            click.echo(summary.line(), err=True)
        return summary

    if watch:
        _watch(run_once, settings, paths, output, options, quiet)
    try:
        summary = run_once()
    except NoArticles as err:
        fail(str(err), 1)
    except _run_errors() as err:
        fail(str(err))
    except KeyboardInterrupt:
        fail(f"interrupted: {output} left as it was", 130)
    sys.exit(1 if summary.errors else 0)
