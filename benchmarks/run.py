"""Speed and memory of `extract run` against the bare spaCy model it runs on.

    python benchmarks/run.py [--copies 4]

Builds corpora from the articles in corpus/: ``--copies`` copies of each (1x), and 4x, 10x and
16x that, every copy varied by a sentence inside the body so the cache never sees a duplicate.
Each measurement runs in a fresh process (so peak memory is its own); those on the 1x corpus are
the fastest of five (the bare model and ours cold taking turns). The table compares:

- bare model: ``nlp.pipe`` over the same texts, same batch size, model loaded before timing;
- ours cold: ``extract run`` with an empty cache, one process, pipeline loaded before timing
  (the model, our rules and the article finder: what ``extract.load()`` does);
- ours with 2 workers against one process, on the 4x corpus, model loading included in both;
- re-run after a pattern edit (a rule for a word some articles hold; and one every article can
  match), and re-run with nothing changed (warm cache, everything included);
- peak memory at 1x and 10x; time per word at 1x, 4x and 16x (linear scaling is 1.00).

``--default-run`` measures what a user meets instead: ``extract run FOLDER`` with default options,
timed as a whole process (start-up, model loading and workers included) on real articles (the 84
PolNeAR dev articles when ``../shared`` is beside the project, else the 4x corpus), against the bare
model's throughput on the same texts (loaded before timing, one process); then the re-run after a
pattern edit, as a new process and as ``extract run --watch`` sees it (the seconds from saving the
rule to the KB rewritten), and the peak memory of the largest process (each worker holds its own
pipeline).

Figures, not tests: nothing here asserts. The same numbers go in the closing notes of issues.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
POLNEAR_DEV = ROOT.parent / "shared" / "dev" / "polnear" / "data" / "dev" / "text"
BATCH = 16
REPEAT = 5  # runs of each measure on the 1x corpus; the fastest counts (this machine varies by 15%)
# The pattern edits re-run after: a cue rule for a word some of the articles hold ("told": two of
# the five in corpus/), as a user adds a rule for what the tool missed; and one that every article
# can match (a second rule for "say"), the worst case, where the quote stage runs on every body.
EDIT_RULE = {
    "id": "bench-cue-told",
    "label": "QUOTE_CUE",
    "pattern": [{"LOWER": "told"}],
    "cue_kind": "speech",
    "speaker": "subject",
    "examples": ["“It will rain,” she told them."],
}
WIDE_EDIT_RULE = {
    **EDIT_RULE,
    "id": "bench-cue-say",
    "pattern": [{"LEMMA": "say", "POS": "VERB"}],
    "examples": ["She said so."],
}


def build_corpus(folder: Path, copies: int) -> int:
    """``copies`` varied copies of every corpus article under ``folder``; returns the word count."""
    folder.mkdir(parents=True, exist_ok=True)
    words = 0
    for i in range(copies):
        for path in sorted(CORPUS.glob("*.txt")):
            text = path.read_text(encoding="utf-8")
            middle = text.find("\n\n", len(text) // 2)
            middle = middle if middle > 0 else len(text)
            varied = f"{text[:middle]}\n\nThis is copy number {i} of the article.{text[middle:]}"
            (folder / f"{i:05d}-{path.name}").write_text(varied, encoding="utf-8")
            words += len(varied.split())
    return words


def peak_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, workers) / 1024


def child(mode: str, folder: Path, cache: str | None, patterns: str | None, workers: int) -> dict:
    """One measurement, in this (fresh) process."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]
    if mode == "bare":
        import spacy

        from extract.model.loading import DEFAULT_MODEL

        nlp = spacy.load(DEFAULT_MODEL)
        start = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=BATCH):
            pass
        return {"seconds": time.perf_counter() - start, "peak_mb": peak_mb()}
    from extract.model.loading import DEFAULT_MODEL
    from extract.run.corpus import RunSettings, extractor_for, run
    from extract.run.workers import local_engine

    settings = RunSettings(DEFAULT_MODEL, (patterns,) if patterns else (), cache, tune_process=True)  # as the CLI runs
    if mode == "cold":
        extractor_for(settings).nlp  # noqa: B018 - load the model before timing, as for the bare model
    with tempfile.TemporaryDirectory() as out:
        start = time.perf_counter()
        run(settings, [folder], f"{out}/kb.jsonl", None, warn=lambda m: None, engine=local_engine(workers))
        return {"seconds": time.perf_counter() - start, "peak_mb": peak_mb()}


def measure(
    mode: str, folder: Path, cache: Path | None = None, patterns: Path | None = None, workers: int = 1, repeat: int = 1
) -> dict:
    """The fastest of ``repeat`` fresh runs (each on its own copy of the cache), so a busy moment
    of the machine does not decide a ratio."""
    results = []
    for _ in range(repeat):
        run_cache = cache
        if cache and repeat > 1:
            run_cache = Path(tempfile.mkdtemp(dir=cache.parent, prefix=f"{cache.name}-"))
            if cache.exists():
                shutil.copytree(cache, run_cache, dirs_exist_ok=True)
        args = [sys.executable, __file__, "--child", mode, "--folder", str(folder), "--workers", str(workers)]
        args += ["--cache", str(run_cache)] if run_cache else []
        args += ["--patterns", str(patterns)] if patterns else []
        out = subprocess.run(args, check=True, capture_output=True, text=True).stdout
        results.append(json.loads(out.splitlines()[-1]))
    return min(results, key=lambda r: r["seconds"])


def user_command(*args: str) -> tuple[list[str], dict[str, str]]:
    """``extract ARGS`` as a user's shell starts it: the installed script, with Python's bytecode
    cache on, as on a user's machine."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return [str(Path(sys.executable).parent / "extract"), *args], env


def default_run(folder: Path, cache: Path, patterns: Path | None = None) -> dict:
    """``extract run FOLDER`` as a user types it, timed from outside: the whole process, on a copy
    of ``cache`` (so a re-run measures the edit, not the cache the run before it updated)."""
    with tempfile.TemporaryDirectory() as out:
        copy = Path(out) / "cache"
        if cache.exists():
            shutil.copytree(cache, copy)
        command, env = user_command("run", str(folder), "-q", "--cache-dir", str(copy))
        command += ["--patterns", str(patterns)] if patterns else []
        start = time.perf_counter()
        subprocess.run([*command, "-o", f"{out}/kb.jsonl"], check=True, cwd=out, env=env)
        seconds = time.perf_counter() - start
        if not cache.exists():
            shutil.copytree(copy, cache)
    return {"seconds": seconds, "peak_mb": peak_mb()}


def watched_edit(folder: Path, cache: Path, rule: dict) -> dict:
    """``extract run FOLDER --watch`` started on a copy of ``cache``; once it watches, ``rule`` is
    saved in its patterns folder: the seconds from the save to the KB rewritten (what a user
    waits for, the change's detection included)."""
    with tempfile.TemporaryDirectory() as out:
        copy, rules, kb = Path(out) / "cache", Path(out) / "rules", Path(out) / "kb.jsonl"
        shutil.copytree(cache, copy)
        rules.mkdir()
        command, env = user_command(
            "run", str(folder), "--watch", "-o", str(kb), "--cache-dir", str(copy), "--patterns", str(rules)
        )
        watcher = subprocess.Popen(command, cwd=out, env=env, stderr=subprocess.PIPE, text=True)
        try:
            for line in watcher.stderr:  # type: ignore[union-attr]
                if "watching" in line:
                    break
            before = kb.stat().st_mtime_ns
            start = time.perf_counter()
            (rules / "edit.jsonl").write_text(json.dumps(rule) + "\n", encoding="utf-8")
            while kb.stat().st_mtime_ns == before:
                time.sleep(0.002)
            seconds = time.perf_counter() - start
        finally:
            watcher.send_signal(signal.SIGINT)
            watcher.communicate(timeout=60)
    return {"seconds": seconds}


def default_run_table(root: Path, copies: int) -> None:
    """The default run against the bare model on real articles (see the module docstring)."""
    folder = POLNEAR_DEV if POLNEAR_DEV.is_dir() else root / "articles"
    if folder is not POLNEAR_DEV:
        build_corpus(folder, copies * 4)
    files = sorted(folder.glob("*.txt"))
    words = sum(len(p.read_text(encoding="utf-8").split()) for p in files)
    rules = root / "edit"
    rules.mkdir(exist_ok=True)
    (rules / "edit.jsonl").write_text(json.dumps(EDIT_RULE) + "\n", encoding="utf-8")
    bare = measure("bare", folder, repeat=3)
    cold = min((default_run(folder, root / f"cold{i}") for i in range(3)), key=lambda r: r["seconds"])
    edit = min((default_run(folder, root / "cold0", rules) for _ in range(3)), key=lambda r: r["seconds"])
    same = min((default_run(folder, root / "cold0") for _ in range(3)), key=lambda r: r["seconds"])
    watched = min((watched_edit(folder, root / "cold0", EDIT_RULE) for _ in range(3)), key=lambda r: r["seconds"])
    from extract.run.workers import default_workers

    print(f"{folder}: {words} words in {len(files)} documents; default workers {default_workers(len(files))}")
    print(f"{'measure':<48}{'value':>10}{'ratio':>8}  target")
    rows = [
        ("bare model, words/s (loaded, one process)", f"{words / bare['seconds']:.0f}", 1.0, ""),
        (
            "extract run, default options, cold, words/s",
            f"{words / cold['seconds']:.0f}",
            bare["seconds"] / cold["seconds"],
            ">= 1.5",
        ),
        # A new process pays Python's and spaCy's start-up (about 0.07 of a cold run) before any
        # rule runs: the edit-and-re-run loop's target is --watch's, which keeps them loaded.
        (
            "  re-run after a pattern edit (new process), s",
            f"{edit['seconds']:.2f}",
            edit["seconds"] / cold["seconds"],
            "",
        ),
        ("  re-run, nothing changed (new process), s", f"{same['seconds']:.2f}", same["seconds"] / cold["seconds"], ""),
        (
            "  the edit saved under run --watch, s",
            f"{watched['seconds']:.2f}",
            watched["seconds"] / cold["seconds"],
            "<= 0.10",
        ),
        ("  peak memory of the largest process, MB", f"{cold['peak_mb']:.0f}", 1.0, ""),
    ]
    for name, value, ratio, target in rows:
        print(f"{name:<48}{value:>10}{ratio:>8.2f}  {target}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=4, help="copies of each corpus article in the 1x corpus")
    parser.add_argument("--default-run", action="store_true", help="measure the default run only (see above)")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--folder", help=argparse.SUPPRESS)
    parser.add_argument("--cache", help=argparse.SUPPRESS)
    parser.add_argument("--patterns", help=argparse.SUPPRESS)
    parser.add_argument("--workers", type=int, default=1, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, Path(args.folder), args.cache, args.patterns, args.workers)))
        return
    if args.default_run:
        with tempfile.TemporaryDirectory() as tmp:
            default_run_table(Path(tmp), args.copies)
        return

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        words = {n: build_corpus(root / f"x{n}", args.copies * n) for n in (1, 4, 10, 16)}
        rules, wide_rules = root / "edit", root / "wide-edit"
        for folder, rule in ((rules, EDIT_RULE), (wide_rules, WIDE_EDIT_RULE)):
            folder.mkdir()
            (folder / "edit.jsonl").write_text(json.dumps(rule) + "\n", encoding="utf-8")

        # bare and cold in turns, each on an empty cache: a slow spell of the machine hits both
        turns = [
            (measure("bare", root / "x1"), measure("cold", root / "x1", cache=root / f"cold{i}")) for i in range(REPEAT)
        ]
        bare, cold = (min((turn[k] for turn in turns), key=lambda r: r["seconds"]) for k in (0, 1))
        measure("cold", root / "x1", cache=root / "cache1")  # the cache the re-runs start from
        edit = measure("warm", root / "x1", cache=root / "cache1", patterns=rules, repeat=REPEAT)
        wide_edit = measure("warm", root / "x1", cache=root / "cache1", patterns=wide_rules, repeat=REPEAT)
        same = measure("warm", root / "x1", cache=root / "cache1", repeat=REPEAT)
        cold4 = measure("cold", root / "x4", cache=root / "cache4")
        started4 = measure("started", root / "x4", cache=root / "cache4s")
        workers4 = measure("started", root / "x4", cache=root / "cache4w", workers=2)
        cold10 = measure("cold", root / "x10", cache=root / "cache10")
        cold16 = measure("cold", root / "x16", cache=root / "cache16")

    def wps(result: dict, n: int = 1) -> float:
        return words[n] / result["seconds"]

    def per_word(result: dict, n: int) -> float:
        return result["seconds"] / words[n]

    rows = [
        ("bare model, words/s", f"{wps(bare):.0f}", 1.0, ""),
        ("ours cold, 1 process, words/s", f"{wps(cold):.0f}", wps(cold) / wps(bare), ">= 1.3"),
        (
            "ours, 2 workers (4x, start-up in), words/s",
            f"{wps(workers4, 4):.0f}",
            started4["seconds"] / workers4["seconds"],
            ">= 1.8",
        ),
        ("re-run after pattern edit, s", f"{edit['seconds']:.2f}", edit["seconds"] / cold["seconds"], "<= 0.10"),
        (
            "  ... an edit every article can match, s",
            f"{wide_edit['seconds']:.2f}",
            wide_edit["seconds"] / cold["seconds"],
            "",
        ),
        ("re-run, nothing changed, s", f"{same['seconds']:.2f}", same["seconds"] / cold["seconds"], "<= 0.05"),
        ("peak memory 1x, MB", f"{cold['peak_mb']:.0f}", 1.0, ""),
        ("peak memory 10x, MB", f"{cold10['peak_mb']:.0f}", cold10["peak_mb"] / cold["peak_mb"], "<= 1.1"),
        (
            "time per word 4x / 1x",
            f"{per_word(cold4, 4) * 1e6:.0f} us",
            per_word(cold4, 4) / per_word(cold, 1),
            "1 +- 0.1",
        ),
        (
            "time per word 16x / 1x",
            f"{per_word(cold16, 16) * 1e6:.0f} us",
            per_word(cold16, 16) / per_word(cold, 1),
            "1 +- 0.1",
        ),
    ]
    print(f"1x corpus: {words[1]} words in {args.copies * len(list(CORPUS.glob('*.txt')))} documents")
    print(f"{'measure':<38}{'value':>12}{'ratio':>9}  target")
    for name, value, ratio, target in rows:
        print(f"{name:<38}{value:>12}{ratio:>9.2f}  {target}")


if __name__ == "__main__":
    main()
