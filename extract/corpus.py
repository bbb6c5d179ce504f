"""A run over a folder: read every file, extract, write the KB and the documents list.

Files that cannot be processed get one line on stderr and an entry in the documents list; the
others go on. Both outputs are written atomically, so an interrupted run leaves the previous
files intact.
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from spacy.language import Language

from extract.kb import atomic_writer, dumps
from extract.pipeline import extract_many
from extract.reader import Decoded, InputError, Source, discover, read_source

CLAIM_TYPES = ("quote", "money", "count", "stance")


@dataclass
class RunSummary:
    documents: int = 0
    claims: Counter = field(default_factory=Counter)
    errors: list[tuple[str, str]] = field(default_factory=list)
    skipped: int = 0
    seconds: float = 0.0

    def line(self) -> str:
        per_type = ", ".join(f"{self.claims[t]} {t}" for t in CLAIM_TYPES)
        return (
            f"{self.documents} documents, {sum(self.claims.values())} claims ({per_type}), "
            f"{len(self.errors)} files with errors, {self.skipped} skipped, {self.seconds:.1f}s"
        )


def document_entry(source: Source, decoded: Decoded | None, article: Any, recs: list[dict], error: str | None) -> dict:
    counts = Counter(r["type"] for r in recs)
    text = decoded.text if decoded else ""
    return {
        "doc_id": source.doc_id,
        "path": str(source.path),
        "sha256": decoded.sha256 if decoded else None,
        "encoding": decoded.encoding if decoded else None,
        "title": article.title if article else None,
        "date": article.date if article else None,
        "body_start": article.body_start if article else None,
        "body_end": article.body_end if article else None,
        "chars": len(text) if decoded else None,
        "words": len(text.split()) if decoded else None,
        "claims": {t: counts[t] for t in CLAIM_TYPES},
        "error": error,
    }


def run(
    nlp: Language,
    paths: Sequence[str | Path],
    kb_out: str,
    docs_out: str | None,
    *,
    warn: Callable[[str], None],
    progress: Callable[[Iterator], Iterator] = lambda it: it,
    max_bytes: int | None = None,
) -> RunSummary:
    """Process every .txt file under ``paths``; ``kb_out`` "-" writes the KB to stdout."""
    started = time.perf_counter()
    found = discover(paths)
    summary = RunSummary(skipped=len(found.skipped))
    entries: list[dict] = []  # one small dict per file, written sorted at the end
    for path, reason in found.skipped:
        warn(f"{path}: skipped: {reason}")
        entries.append(document_entry(Source(path, str(path)), None, None, [], f"skipped: {reason}"))
    inputs = {s.path.resolve() for s in found.sources}
    for target in (kb_out, docs_out):
        if target and target != "-" and Path(target).resolve() in inputs:
            raise InputError(f"refusing to overwrite input file {target}; choose another -o/--docs")
    decoded: dict[str, Decoded] = {}
    sources = {s.doc_id: s for s in found.sources}

    def readable() -> Iterator[tuple[str, str]]:
        for source in found.sources:
            try:
                result = read_source(source.path, **({"max_bytes": max_bytes} if max_bytes else {}))
            except InputError as err:
                warn(f"{source.path}: {err}")
                summary.errors.append((source.doc_id, str(err)))
                entries.append(document_entry(source, None, None, [], str(err)))
                continue
            decoded[source.doc_id] = result
            yield source.doc_id, result.text

    with ExitStack() as stack:
        kb: IO[str] = sys.stdout if kb_out == "-" else stack.enter_context(atomic_writer(kb_out))
        for doc_id, _text, article, recs in progress(extract_many(nlp, readable())):
            for record in recs:
                kb.write(dumps(record) + "\n")
            summary.documents += 1
            summary.claims.update(r["type"] for r in recs)
            entries.append(document_entry(sources[doc_id], decoded.pop(doc_id), article, recs, None))
        kb.flush()
        if docs_out:
            with atomic_writer(docs_out) as docs:
                for entry in sorted(entries, key=lambda e: e["doc_id"]):
                    docs.write(dumps(entry) + "\n")
    summary.seconds = time.perf_counter() - started
    return summary
