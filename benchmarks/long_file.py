"""Time and peak memory of `extract run` on one long file of many articles, beside ordinary ones.

    python benchmarks/long_file.py [--mb 2 20]

Archive exports put many articles in one file. Each size builds such a file (articles of
``../shared/dev/polnear`` where it is beside the checkout, else those of corpus/, joined by blank
lines; every round after the first varies each line, as the body finder skips repeated lines),
puts it in a folder with the corpus articles and runs `extract run --no-cache` on the folder in a
fresh process. Figures, not tests: nothing here asserts.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
POLNEAR = ROOT.parent / "shared" / "dev" / "polnear" / "data" / "train" / "text"


def articles() -> list[str]:
    folder = POLNEAR if POLNEAR.is_dir() else CORPUS
    return [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]


def long_text(megabytes: float) -> str:
    """Articles in turn until the text reaches ``megabytes``; round k > 0 tags each line with k."""
    target, parts, size, round_ = int(megabytes * 1_000_000), [], 0, 0
    texts = articles()
    while size < target:
        for text in texts:
            if round_:
                text = "\n".join(f"{line} ({round_})" if line.strip() else line for line in text.splitlines())
            parts.append(text)
            size += len(text.encode("utf-8")) + 2
            if size >= target:
                break
        round_ += 1
    return "\n\n".join(parts)


def measure(megabytes: float) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        (folder / "long.txt").write_text(long_text(megabytes), encoding="utf-8")
        for path in sorted(CORPUS.glob("*.txt")):
            (folder / path.name).write_bytes(path.read_bytes())
        kb = Path(tmp) / "kb.jsonl"
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        start = time.perf_counter()
        done = subprocess.run(
            [
                sys.executable,
                "-c",
                "from extract.cli import main; main()",
                "run",
                str(folder),
                "-o",
                str(kb),
                "--no-cache",
                "-q",
            ],
            capture_output=True,
            text=True,
        )
        seconds = time.perf_counter() - start
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        claims = sum(1 for _ in kb.open(encoding="utf-8")) if kb.exists() else 0
        return {
            "mb": megabytes,
            "exit": done.returncode,
            "seconds": round(seconds, 1),
            "peak_mb": round(max(peak, before) / 1024),
            "claims": claims,
            "stderr": done.stderr.strip()[-300:],
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, nargs="+", default=[2, 20])
    for megabytes in parser.parse_args().mb:
        print(measure(megabytes), flush=True)


if __name__ == "__main__":
    main()
