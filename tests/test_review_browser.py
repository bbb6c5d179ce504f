"""The review loop in a real browser, as a reviewer works: through a document by keyboard, a
speaker corrected, a decision undone, the server killed mid-session and started again, a second
tab deciding the same claim, a missed quote added by selecting it; then `extract gold` and
`extract eval` give back exactly the figures of that review."""

from __future__ import annotations

import contextlib
import json
import os
import re
import select
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import extract
from extract.cli import main
from extract.tools.review.decisions import read_review, review_path

from .test_review import TEXTS, write_kb

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium (apt install chromium)"
)
SELECT = """(phrase) => {
  const walker = document.createTreeWalker(document.getElementById("text"), NodeFilter.SHOW_TEXT);
  const nodes = [];
  let text = "";
  for (let node = walker.nextNode(); node; node = walker.nextNode()) { nodes.push([node, text.length]); text += node.data; }
  const at = text.indexOf(phrase);
  if (at < 0) { return false; }
  const place = (offset, end) => {
    const [node, first] = nodes.filter(([n, first]) => first < offset + (end ? 0 : 1)).pop();
    return [node, offset - first];
  };
  const range = document.createRange();
  range.setStart(...place(at, false));
  range.setEnd(...place(at + phrase.length, true));
  getSelection().removeAllRanges();
  getSelection().addRange(range);
  return true;
}"""


class Server:
    """`extract review` as a user starts it: a process printing the address to open."""

    def __init__(self, kb: Path, port: int = 0) -> None:
        command = [sys.executable, "-c", "from extract.cli import main; main()", "review", str(kb), "--port", str(port)]
        self.process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        deadline, printed = time.monotonic() + 30, b""
        while not (found := re.search(rb"http://127\.0\.0\.1:(\d+)/", printed)):
            ready, _, _ = select.select([self.process.stdout], [], [], max(0.0, deadline - time.monotonic()))
            chunk = os.read(self.process.stdout.fileno(), 4096) if ready else b""
            if not chunk:  # it stopped, or is stuck: either way, say what it said
                self.process.kill()
                pytest.fail(f"extract review did not start: {self.process.communicate()[1].decode()}")
            printed += chunk
        self.url, self.port = found.group(0).decode(), int(found.group(1))

    def get(self, path: str) -> dict:
        with urllib.request.urlopen(self.url + path, timeout=10) as response:
            return json.load(response)

    def stop(self, kill: bool = False) -> None:
        (self.process.kill if kill else self.process.terminate)()
        self.process.wait(timeout=10)
        self.process.stdout.close()
        self.process.stderr.close()


@pytest.fixture(scope="module")
def kb(nlp, tmp_path_factory) -> Path:
    records = [r for doc_id, text in TEXTS.items() for r in extract.claims(text, nlp, doc_id=doc_id)]
    return write_kb(tmp_path_factory.mktemp("review"), records)


def icons(page) -> list[str]:
    return page.locator("#queue .icon").all_inner_texts()


def wait_icon(page, index: int, icon: str) -> None:
    page.wait_for_function(
        "([i, icon]) => { const all = document.querySelectorAll('#queue .icon'); return all[i] && all[i].textContent === icon; }",
        arg=[index, icon],
    )


@contextlib.contextmanager
def browsing(url: str) -> Iterator[tuple[Any, Any, list[str]]]:
    """Headless Chromium on ``url``: the browser, its page, and the script errors the page raises."""
    sync_api = pytest.importorskip("playwright.sync_api", reason="needs the playwright package (pip install)")
    errors: list[str] = []
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=["--headless", "--no-sandbox", "--disable-gpu"])
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.on("pageerror", lambda err: errors.append(str(err)))
            page.goto(url)
            yield browser, page, errors
        finally:
            browser.close()


def test_a_review_in_the_browser_survives_a_restart_and_becomes_gold(kb, tmp_path):
    server = Server(kb)
    records = [json.loads(line) for line in kb.read_text(encoding="utf-8").splitlines()]
    first = server.get("api/documents/0")["claims"]
    second = server.get("api/documents/1")["claims"]
    try:
        with browsing(server.url) as (browser, page, errors):
            page.wait_for_selector("#queue li")
            assert page.inner_text("#doc-title") == "Council warns of deep cuts"
            assert page.inner_text("#progress").startswith(f"0 of {len(records)} claims decided")

            # Through the first document by keyboard: accept, reject the headline's stance,
            # correct a speaker; reject one by mistake and undo it.
            for i, claim in enumerate(first):
                if i == 1:
                    page.keyboard.press("r")
                    wait_icon(page, 1, "✗")
                    page.keyboard.press("u")
                    wait_icon(page, 1, "·")
                    assert page.locator("#queue button").nth(1).get_attribute("aria-current") == "true"
                if claim["text"] == "deep cuts":
                    page.keyboard.press("r")
                    wait_icon(page, i, "✗")
                elif "the cuts will hit 40 jobs" in claim["text"]:
                    page.keyboard.press("c")
                    speaker = page.locator("#edit input[name=speaker]")
                    assert speaker.input_value() == claim["values"]["speaker"]
                    assert speaker.evaluate("el => el === document.activeElement")
                    speaker.fill("Union officials")
                    page.screenshot(path=str(tmp_path / "correct-speaker.png"))
                    page.keyboard.press("Enter")
                    wait_icon(page, i, "✎")
                    page.wait_for_selector("#edit", state="hidden")  # and on to the next claim
                else:
                    page.keyboard.press("a")
                    wait_icon(page, i, "✓")
            assert page.locator(".doc-link").first.inner_text().endswith(f"{len(first)}/{len(first)}")
            assert page.locator('mark.hl[data-state="reject"]').count() > 0

            # The server dies mid-write: a half line is on disk. The page says so; nothing is lost.
            server.stop(kill=True)
            with review_path(kb).open("ab") as handle:
                handle.write(b'{"id": "d_cut", "decision": "acc')
            page.keyboard.press("]")
            page.wait_for_function("document.getElementById('toast').textContent.includes('not answering')")
            server = Server(kb, server.port)
            page.reload()
            page.wait_for_selector("#queue li")
            assert icons(page) == [
                ("✗" if c["text"] == "deep cuts" else "✎" if "the cuts will hit" in c["text"] else "✓")
                for c in first
            ]

            # The second document, with a second tab deciding the same claim.
            page.keyboard.press("]")
            page.wait_for_function("document.getElementById('doc-title').textContent.startsWith('Hospital')")
            stance = next(i for i, c in enumerate(second) if c["type"] == "stance")
            for i in range(len(second)):  # typed without waiting: each key acts on the next claim
                page.keyboard.press("r" if i == stance else "a")
            for i in range(len(second)):
                wait_icon(page, i, "✗" if i == stance else "✓")
            other = browser.new_page(viewport={"width": 1400, "height": 900})
            other.goto(server.url + "#doc=1")
            other.wait_for_selector("#queue li")
            assert icons(other) == icons(page)
            for _ in range(stance):
                other.keyboard.press("j")
            other.keyboard.press("a")
            wait_icon(other, stance, "✓")
            page.keyboard.press("u")  # this tab takes back its own rejection; the other tab's accept stands
            wait_icon(page, stance, "✓")

            # A missed quote: select it in the article, press s, say who said it.
            assert page.evaluate(SELECT, "the wards are full every night")
            page.wait_for_function("!document.getElementById('do-add').disabled")
            page.keyboard.press("s")
            assert page.locator("#edit-type").input_value() == "quote"
            page.screenshot(path=str(tmp_path / "add-claim.png"))
            page.locator("#edit input[name=speaker]").fill("a nurse")
            page.keyboard.press("Enter")  # its kind left at "—": asked for, not saved as indirect
            page.wait_for_function("document.getElementById('edit-error').textContent.includes('kind')")
            page.locator("#edit select[name=quote_kind]").select_option("indirect")
            page.keyboard.press("Enter")
            wait_icon(page, len(second), "+")
            page.wait_for_selector("#edit", state="hidden")
            assert page.locator(".doc-link").nth(1).inner_text().endswith(f"{len(second)}/{len(second)} +1")
            page.screenshot(path=str(tmp_path / "review.png"))
            assert errors == []
    finally:
        server.stop()

    review = read_review(review_path(kb))
    assert all(line["id"] != "d_cut" for line in review.lines)
    assert review_path(kb).read_bytes().endswith(b"\n")
    gold = tmp_path / "gold.jsonl"
    made = CliRunner().invoke(main, ["gold", str(kb), "-o", str(gold)])
    assert made.exit_code == 0, made.stderr
    scored = CliRunner().invoke(main, ["eval", str(gold), str(kb.parent / "articles"), "--kb", str(kb), "--json"])
    assert scored.exit_code == 0, scored.stderr
    types = json.loads(scored.stdout)["types"]
    quotes = sum(r["type"] == "quote" for r in records)
    assert (types["quote"]["tp"], types["quote"]["fp"], types["quote"]["fn"]) == (quotes, 0, 1)
    assert types["quote"]["speaker_accuracy"] == pytest.approx((quotes - 1) / quotes)
    stances = sum(r["type"] == "stance" for r in records)
    assert (types["stance"]["tp"], types["stance"]["fp"], types["stance"]["fn"]) == (stances - 1, 1, 0)
    for kind in ("money", "count"):
        assert (types[kind]["fp"], types[kind]["fn"], types[kind]["value_accuracy"]) == (0, 0, 1.0)


def test_text_left_out_of_the_body_is_greyed_and_adding_from_it_says_so(nlp, tmp_path):
    records = [r for doc_id, text in TEXTS.items() for r in extract.claims(text, nlp, doc_id=doc_id)]
    kb = write_kb(tmp_path, records)
    text = TEXTS["b.txt"]
    nurse, start = text.index("A nurse"), text.index("The trust")
    docs = kb.with_name("kb.documents.jsonl")
    entries = [json.loads(line) for line in docs.read_text(encoding="utf-8").splitlines()]
    for entry in entries:
        if entry["doc_id"] == "b.txt":
            entry.update(body_start=start, body_end=len(text), body_spans=[[start, nurse]],
                         skipped=[{"start": nurse, "end": len(text), "reason": "caption"}])  # fmt: skip
    docs.write_text("".join(json.dumps(e) + "\n" for e in entries), encoding="utf-8")
    server = Server(kb)
    try:
        with browsing(server.url + "#doc=1") as (_, page, errors):
            page.wait_for_function("document.getElementById('doc-title').textContent.startsWith('Hospital')")
            assert page.inner_text("#doc-body").startswith("1 range skipped (caption)")
            greyed = page.locator("#text .out").last
            assert greyed.get_attribute("title") == "Skipped as page furniture: caption"
            ink = page.locator("#text").evaluate("el => getComputedStyle(el).color")
            assert greyed.evaluate("el => getComputedStyle(el).color") != ink
            assert page.evaluate("document.getElementById('text').textContent") == text

            assert page.evaluate(SELECT, "the wards are full every night")
            page.wait_for_function("!document.getElementById('do-add').disabled")
            page.keyboard.press("s")
            note = page.locator("#edit-note")
            assert note.is_visible() and "caption" in note.inner_text() and "still add" in note.inner_text()
            page.locator("#edit input[name=speaker]").fill("a nurse")
            page.locator("#edit select[name=quote_kind]").select_option("indirect")
            page.keyboard.press("Enter")
            page.wait_for_selector("#edit", state="hidden")
            page.wait_for_function("document.getElementById('claim').textContent.includes('left out')")
            added = page.locator("#text .out mark.hl")
            assert added.count() > 0 and added.first.evaluate("el => getComputedStyle(el).color") == ink
            page.screenshot(path=str(tmp_path / "left-out.png"))

            page.keyboard.press("[")  # the other document has no body keys: nothing greyed
            page.wait_for_function("document.getElementById('doc-title').textContent.startsWith('Council')")
            assert page.locator("#text .out").count() == 0 and page.locator("#doc-body").is_hidden()
            assert errors == []
    finally:
        server.stop()
    assert [line["decision"] for line in read_review(review_path(kb)).lines] == ["add"]
