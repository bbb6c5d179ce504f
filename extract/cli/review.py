"""``extract review`` and ``extract gold``: check claims in the browser, then turn the decisions into gold."""

from __future__ import annotations

from typing import Any

import click

from extract.cli.app import DOCS_OPTION, fail, load_with_sources, main, warn

REVIEW_OPTION = click.option(
    "--review",
    "review_file",
    type=click.Path(dir_okay=False),
    default=None,
    help="The decisions file [default: KB name + .review.jsonl].",
)


def _stale_line(gone: list[dict[str, Any]], changed: list[dict[str, Any]]) -> str:
    return f"{len(gone)} decided claims no longer in the KB, {len(changed)} changed since decided"


@main.command()
@click.argument("kb", type=click.Path(exists=True, dir_okay=False))
@click.option("--port", type=click.IntRange(0, 65535), default=0, help="Port on 127.0.0.1 [default: any free one].")
@DOCS_OPTION
@REVIEW_OPTION
def review(kb, port, docs, review_file) -> None:
    """Serve a page (on this machine only) to review a KB's claims: accept, reject or correct each
    claim, and add the ones the run missed. Keys: j/k next/previous, a accept, r reject, c correct,
    u undo, s add the selected text, ]/[ next/previous document.

    Every decision is appended to the decisions file at once, so stopping the server loses nothing;
    starting it again shows the decisions so far. Open the printed address in a browser.

    \b
    Example:
      extract review kb.jsonl              # then open the address it prints
      extract gold kb.jsonl -o gold.jsonl  # the reviewed claims as gold
    """
    from extract.tools.review.decisions import DecisionLog, review_path
    from extract.tools.review.server import ReviewServer, render_page
    from extract.tools.review.session import ReviewSession

    records, documents, sources = load_with_sources(kb, docs)
    try:
        log = DecisionLog(review_file or review_path(kb))
    except (OSError, ValueError) as err:
        fail(str(err))
    try:
        session = ReviewSession(records, documents, sources, log)
        currencies = sorted({"EUR", "GBP", "USD"} | {r["currency"] for r in records if r.get("currency")})
        page = render_page(f"Review: {click.format_filename(kb)}", currencies)
        try:
            server = ReviewServer(session, page, port)
        except OSError as err:
            fail(f"cannot listen on 127.0.0.1:{port} ({err.strerror or err}): choose another --port, or leave it out")
        gone, changed = session.stale()
        if gone or changed:
            warn(f"{_stale_line(gone, changed)} (listed on the page; their decisions stand until decided again)")
        click.echo(
            f"extract review: {len(session.doc_ids)} documents, {len(records)} claims, decisions in {log.path}\n"
            f"open {server.url} in a browser; Ctrl-C stops"
        )
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            server.server_close()
    finally:
        log.close()


@main.command()
@click.argument("kb", type=click.Path(exists=True, dir_okay=False))
@REVIEW_OPTION
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="Gold file to write (JSONL).")
@click.option(
    "--undecided",
    type=click.Choice(["drop", "accept"]),
    default="drop",
    show_default=True,
    help="Claims left undecided in a reviewed document: not gold (drop) or gold as the KB has them (accept).",
)
@click.option(
    "--annotations",
    type=click.Path(exists=True, dir_okay=False),
    default=None,
    help="Take the decisions from this annotation export instead (Prodigy or doccano JSONL, Label Studio JSON).",
)
@click.option(
    "--counterexamples",
    type=click.Path(dir_okay=False),
    default=None,
    help="Also write the sentences of rejected claims, one JSON line per rule: {rule, counterexamples}.",
)
@DOCS_OPTION
def gold(kb, review_file, output, undecided, annotations, counterexamples, docs) -> None:
    """Turn a review into gold annotations for `extract eval`.

    Only documents with at least one decision are reviewed and written. In them, accepted,
    corrected and added claims are gold (with the values the reviewer saw), rejected claims are
    not, and undecided claims follow --undecided. Decided claims a re-run took away or changed are
    listed; their decisions still count.

    With --annotations, the decisions are what annotators did in Prodigy, doccano or Label Studio
    to the tasks `extract export` wrote: spans kept, deleted or added, SAID_BY relations moved.

    \b
    Example:
      extract gold kb.jsonl -o gold.jsonl --counterexamples rejected.jsonl
      extract eval gold.jsonl corpus/ --kb kb.jsonl
      extract gold kb.jsonl --annotations label-studio-export.json -o gold.jsonl
    """
    from extract.io.atomic import atomic_writer
    from extract.kb.io import write_jsonl
    from extract.tools.review.decisions import read_review, review_path
    from extract.tools.review.gold import counterexamples as rejected_sentences
    from extract.tools.review.gold import gold_lines
    from extract.tools.review.imports import annotation_review, read_annotations

    if annotations and review_file:
        raise click.UsageError("--annotations and --review exclude each other: the decisions come from one of them")
    path = annotations or review_file or review_path(kb)
    records, _, sources = load_with_sources(kb, docs)
    try:
        if annotations:
            review = annotation_review(read_annotations(annotations), records, sources.text)
        else:
            review = read_review(path)
        if not review.lines:
            fail(f"{path}: no decisions yet: review the KB first with `extract review {kb}`")
        gone, changed = review.stale({r["id"]: r for r in records})
        lines, summary = gold_lines(records, review, sources.text, undecided)
    except (OSError, ValueError) as err:
        fail(str(err))
    if gone or changed:
        warn(f"{_stale_line(gone, changed)}: run `extract review {kb}` to see them")
    for problem in summary.problems:
        warn(problem)
    with atomic_writer(output) as handle:
        write_jsonl(lines, handle)
    if counterexamples:
        with atomic_writer(counterexamples) as handle:
            rules = write_jsonl(rejected_sentences(review), handle)
        click.echo(f"{counterexamples}: counterexamples for {rules} rules", err=True)
    items = ", ".join(f"{n} {kind}" for kind, n in summary.items.items())
    what = "dropped" if undecided == "drop" else "kept as the KB has them"
    click.echo(
        f"{output}: {summary.documents} reviewed documents, {items}; {summary.undecided} undecided claims {what}",
        err=True,
    )
