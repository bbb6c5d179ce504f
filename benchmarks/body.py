"""How well ``find_article`` finds the article body, on the shared development sets.

    python benchmarks/body.py [SHARED] [--verbose]

SHARED is the ``shared`` folder (default: beside the repository). No model is loaded: only the
article finder runs, with the shipped furniture rules. Figures:

- pages: the body kept on 181 whole web pages, scored by ``tools/score_body.py`` (4-word
  shingle precision and recall against the body a person marked; pages whose recall is under 0.8
  have lost their article);
- ggt: gold direct quotes of the GenderGapTracker articles that fall outside the kept body
  (a quote is kept when most of its characters lie in the kept ranges, as ``score_ggt.py`` says);
- seeds, news, polnear: gold quotes lost the same way on cleaner articles, and the share of their
  characters left out (outside the body or skipped) and skipped inside it, a proxy for prose lost.

The article finder is imported from whichever ``extract`` comes first on ``sys.path``, so
``PYTHONPATH=/other/checkout python benchmarks/body.py`` measures another version of it.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from extract.document.article import Article, FurnitureDetector, find_article
from extract.rules.loading import load_rules

SHARED = Path(__file__).resolve().parents[2] / "shared"
MOST = 0.5  # a quote is kept when at least this share of its characters is kept
Place = list[tuple[int, int]]  # one occurrence of a quote: its fragments (an interrupted quote has several)


def kept_share(article: Article, start: int, end: int) -> float:
    """The share of [start, end) that lies in the kept body."""
    kept = sum(max(0, min(end, e) - max(start, s)) for s, e in article.body_spans)
    return kept / max(1, end - start)


def left_out(article: Article, text: str) -> int:
    """Characters of ``text`` (not counting white space) the body does not keep."""
    kept = sum(len("".join(text[s:e].split())) for s, e in article.body_spans)
    return len("".join(text.split())) - kept


class QuoteSet:
    """Gold quotes of one development set: how many the kept body loses, and the prose left out."""

    def __init__(self, name: str):
        self.name = name
        self.quotes = self.lost = self.chars = self.out = self.skipped = 0
        self.missing: list[str] = []

    def article(self, doc_id: str, text: str, quotes: Iterable[list[Place]], finder: FurnitureDetector) -> None:
        """Score one article; each quote is a list of places it occurs (kept when any one is)."""
        article = find_article(text, finder)
        self.chars += len("".join(text.split()))
        self.out += left_out(article, text)
        self.skipped += sum(len("".join(text[s:e].split())) for s, e, _ in article.skipped)
        for places in quotes:
            self.quotes += 1
            if not any(self._kept(article, place) for place in places):
                self.lost += 1
                self.missing.append(f"{doc_id}@{places[0][0][0]}: {text[places[0][0][0] : places[0][-1][1]][:100]!r}")

    @staticmethod
    def _kept(article: Article, fragments: Place) -> bool:
        total = sum(e - s for s, e in fragments)
        return sum(kept_share(article, s, e) * (e - s) for s, e in fragments) >= MOST * total

    def report(self, verbose: bool) -> str:
        lines = [
            f"{self.name}: {self.lost} of {self.quotes} gold quotes outside the kept body; "
            f"{self.out / max(1, self.chars):.2%} of the text left out, "
            f"{self.skipped / max(1, self.chars):.2%} skipped inside the body"
        ]
        if verbose:
            lines += [f"  lost {m}" for m in self.missing]
        return "\n".join(lines)


def pages(shared: Path, finder: FurnitureDetector, verbose: bool) -> str:
    """The documents list of the pages set, scored by the benchmark's own script."""
    folder = shared / "dev" / "pages"
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", encoding="utf-8", delete=False) as out:
        for path in sorted((folder / "text").glob("*.txt")):
            article = find_article(path.read_text(encoding="utf-8"), finder)
            record = {
                "doc_id": path.name,
                "body_start": article.body_start,
                "body_end": article.body_end,
                "body_spans": [list(span) for span in article.body_spans],
            }
            out.write(json.dumps(record) + "\n")
    command = [sys.executable, str(shared / "tools" / "score_body.py"), out.name] + (["--verbose"] if verbose else [])
    result = subprocess.run(command, capture_output=True, text=True, check=True)
    Path(out.name).unlink()
    return "pages: " + (result.stdout if verbose else result.stdout.splitlines()[0])


def ggt(shared: Path, finder: FurnitureDetector) -> QuoteSet:
    """Direct quotes of the GGT set, at their gold offsets."""
    folder = shared / "dev" / "ggt"
    gold: dict[str, list[list[Place]]] = {}
    for line in (folder / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        quote = json.loads(line)
        if quote["kind"] == "direct":
            gold.setdefault(quote["doc_id"], []).append([[(quote["start"], quote["end"])]])
    scored = QuoteSet("ggt direct")
    for path in sorted((folder / "docs").glob("*.txt")):
        scored.article(path.name, path.read_text(encoding="utf-8"), gold.get(path.name, []), finder)
    return scored


def listed(name: str, docs: Path, gold: Path, finder: FurnitureDetector) -> QuoteSet:
    """Quotes listed by their text (a quote stands for every place it occurs)."""
    scored = QuoteSet(name)
    for line in gold.read_text(encoding="utf-8").splitlines():
        entry = json.loads(line)
        text = (docs / entry["doc"]).read_text(encoding="utf-8")
        places = [[[span] for span in _occurrences(text, quote["content"])] for quote in entry["quotes"]]
        scored.article(entry["doc"], text, [p for p in places if p], finder)
    return scored


def _occurrences(text: str, quote: str) -> list[tuple[int, int]]:
    """Where ``quote`` occurs in ``text``, white space matched loosely."""
    words = [re.escape(word) for word in quote.split()]
    return [m.span() for m in re.finditer(r"\s+".join(words), text)] if words else []


def polnear(shared: Path, finder: FurnitureDetector) -> QuoteSet:
    """PolNeAR attributions whose content holds a double quote mark (direct and mixed quotes)."""
    sys.path.insert(0, str(shared / "tools"))
    import polnear_load  # the set's own reader, beside the scorers

    scored = QuoteSet("polnear direct+mixed")
    for compartment in ("dev", "train"):
        for name, text, attributions in polnear_load.load(str(shared / "dev" / "polnear"), compartment):
            quotes = [
                [[frag for frags in a["content"] for frag in frags]]
                for a in attributions
                if polnear_load.is_direct_or_mixed(text, a)
            ]
            scored.article(name, text, [q for q in quotes if q[0]], finder)
    return scored


def skipped_reasons(folder: Path, finder: FurnitureDetector) -> Counter[str]:
    """How often each reason skipped a range inside the body, over a folder of texts."""
    return Counter(
        why
        for path in folder.glob("*.txt")
        for _, _, why in find_article(path.read_text(encoding="utf-8"), finder).skipped
    )


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("shared", nargs="?", type=Path, default=SHARED)
    parser.add_argument("--verbose", action="store_true", help="list every page's score and every quote lost")
    args = parser.parse_args(argv)
    finder = FurnitureDetector(load_rules([]))
    shared: Path = args.shared
    print(pages(shared, finder, args.verbose))
    sets = [
        ggt(shared, finder),
        listed("seeds", shared / "seeds", shared / "gold" / "gold.jsonl", finder),
        listed("news", shared / "dev" / "news" / "docs", shared / "dev" / "news" / "gold.jsonl", finder),
        polnear(shared, finder),
    ]
    for scored in sets:
        print(scored.report(args.verbose))
    reasons = skipped_reasons(shared / "dev" / "pages" / "text", finder)
    print("skipped on pages:", ", ".join(f"{why} {n}" for why, n in reasons.most_common()))


if __name__ == "__main__":
    main(sys.argv[1:])
