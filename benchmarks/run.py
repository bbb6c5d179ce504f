"""Throughput and memory of `extract` against the bare spaCy model it runs on.

    python benchmarks/run.py [--copies 20]

Builds a corpus of the articles in corpus/ repeated ``--copies`` times (each copy varied by a
counter line so no two texts are identical), then measures in one process, one after another:
the bare model (`nlp.pipe`, same batch size) and the full extract pipeline, with words per
second, their ratio, and peak resident memory. Figures, not tests: nothing here asserts.
"""

from __future__ import annotations

import argparse
import resource
import time
from pathlib import Path

import spacy

import extract
from extract.pipeline import DEFAULT_MODEL, extract_many

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
BATCH = 16


def texts(copies: int) -> list[tuple[str, str]]:
    base = [(p.name, p.read_text(encoding="utf-8")) for p in sorted(CORPUS.glob("*.txt"))]
    return [(f"{i:04d}/{name}", f"{text}\nCopy {i}.\n") for i in range(copies) for name, text in base]


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=20)
    args = parser.parse_args()
    items = texts(args.copies)
    words = sum(len(t.split()) for _, t in items)

    bare = spacy.load(DEFAULT_MODEL)
    start = time.perf_counter()
    for _ in bare.pipe((t for _, t in items), batch_size=BATCH):
        pass
    bare_wps = words / (time.perf_counter() - start)

    nlp = extract.load()
    start = time.perf_counter()
    claims = sum(len(recs) for *_, recs in extract_many(nlp, items, batch_size=BATCH))
    ours_wps = words / (time.perf_counter() - start)

    print(f"{len(items)} documents, {words} words, {claims} claims")
    print(f"{'measure':<28}{'value':>14}{'ratio':>10}")
    print(f"{'bare model words/s':<28}{bare_wps:>14.0f}{1.0:>10.2f}")
    print(f"{'extract cold words/s':<28}{ours_wps:>14.0f}{ours_wps / bare_wps:>10.2f}")
    print(f"{'peak memory MB':<28}{peak_mb():>14.0f}")


if __name__ == "__main__":
    main()
