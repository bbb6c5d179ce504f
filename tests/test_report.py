"""The review page: untrusted article text stays text, overlapping claims stay well nested, totals add up,
and in a real browser the filters, the keyboard and the panel work."""

from __future__ import annotations

import html
import json
import re
from collections import Counter
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

import extract
from extract.cli import main
from extract.kb.records import record_keys
from extract.kb.sources import Sources
from extract.tools.report import money_by_document, render_report, top_speakers, write_report
from extract.tools.report.totals import TOTAL_ROWS

CHROMIUM = Path("/usr/bin/chromium")
VOID = {"meta", "input", "br", "img", "hr", "link"}
DATA_SCRIPT = re.compile(r'<script type="application/json" id="claims-data">(.*?)</script>', re.S)


def record(type_: str, start: int, end: int, text: str, doc_id: str = "a.txt", **fields) -> dict:
    """A full KB record (every key present, as in a real KB) whose text is ``text[start:end]``."""
    rec = dict.fromkeys(record_keys())
    rec.update(
        type=type_,
        id=f"{type_[0]}_{doc_id}_{start}_{end}",
        doc_id=doc_id,
        start=start,
        end=end,
        text=text[start:end],
        rule=f"rule-{type_}",
        **fields,
    )
    return rec


class Page(HTMLParser):
    """Checks that every element closes in order, and collects the marks and the script elements."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.marks: list[tuple[dict, str]] = []  # (attributes, text) of each <mark>
        self.scripts = 0
        self.tags: set[str] = set()
        self.in_text = 0  # depth inside <div class="text">, whose characters must be exactly the article
        self.text = ""

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.scripts += tag == "script"
        if tag in VOID:
            return
        self.stack.append(tag)
        if self.in_text:
            self.in_text += 1
        elif tag == "div" and ("class", "text") in attrs:
            self.in_text = 1
        if tag == "mark":
            self.marks.append((dict(attrs), ""))

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:]}")
            return
        self.stack.pop()
        self.in_text = max(self.in_text - 1, 0)

    def handle_data(self, data):
        if self.in_text:
            self.text += data
        if self.stack and self.stack[-1] == "mark":
            attrs, text = self.marks[-1]
            self.marks[-1] = (attrs, text + data)


def parse(page: str) -> Page:
    parser = Page()
    parser.feed(page)
    parser.close()
    assert not parser.errors and not parser.stack, (parser.errors, parser.stack)
    return parser


def panel_data(page: str) -> dict:
    return json.loads(DATA_SCRIPT.search(page).group(1))


def test_article_text_and_field_values_are_escaped():
    text = "Hi <script>alert(1)</script> “a </script><img src=x onerror=alert(2)> b,” said X & Y."
    start = text.index("“")
    quote = record(
        "quote",
        start,
        text.index("said") - 1,
        text,
        speaker="<img src=x onerror=alert(3)>",
        speaker_start=text.index("X"),
        speaker_end=len(text) - 1,
    )
    doc = {"a.txt": {"title": "<b>bold</b>", "date": None, "encoding": "utf-8", "error": None}}
    page = render_report([quote], {"a.txt": text}, doc)
    parsed = parse(page)
    assert parsed.scripts == 2  # the JSON data and the page's own code, nothing from the article
    assert "img" not in parsed.tags and "b" not in parsed.tags
    assert parsed.text == text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "&lt;b&gt;bold&lt;/b&gt;" in page
    data = DATA_SCRIPT.search(page).group(1)
    assert "<" not in data and ">" not in data
    assert panel_data(page)["claims"][quote["id"]]["speaker"] == "<img src=x onerror=alert(3)>"
    assert panel_data(page)["claims"][quote["id"]]["text"] == quote["text"]


def test_overlapping_and_crossing_claims_give_well_nested_segments():
    text = "“We need £3m more, and badly,” said Ann Lee of the trust."

    def span(part: str) -> tuple[int, int]:
        return text.index(part), text.index(part) + len(part)

    ann = span("Ann Lee")
    quote = record(
        "quote",
        *span("“We need £3m more, and badly,”"),
        text,
        speaker="Ann Lee",
        speaker_start=ann[0],
        speaker_end=ann[1],
    )
    money = record("money", *span("£3m"), text, quote_id=quote["id"], amount=3000000, currency="GBP")
    stance = record("stance", *span("need £3m more"), text, quote_id=quote["id"], polarity="negative")
    crossing = record("stance", *span("badly,” said Ann"), text, polarity="negative")  # runs out of the quote
    page = render_report([quote, money, stance, crossing], {"a.txt": text}, None)
    parsed = parse(page)
    assert parsed.text == text
    covered = {t: attrs["data-marks"].split() for attrs, t in parsed.marks}
    assert covered["£3m"] == [money["id"], stance["id"], quote["id"]]  # innermost first
    assert set(covered["badly,”"]) == {quote["id"], crossing["id"]}
    assert set(covered[" said "]) == {crossing["id"]}
    assert set(covered["Ann"]) == {crossing["id"], f"{quote['id']}-speaker"}
    assert covered[" Lee"] == [f"{quote['id']}-speaker"]
    # One Tab stop per claim: only segments where a claim starts.
    stops = [t for attrs, t in parsed.marks if attrs["tabindex"] == "0"]
    assert stops == ["“We ", "need ", "£3m", "badly,”", "Ann"]
    classes = {t: attrs["class"].split() for attrs, t in parsed.marks}
    assert {"t-quote", "t-money", "t-stance"} <= set(classes["£3m"])
    assert panel_data(page)["marks"][f"{quote['id']}-speaker"] == ["speaker", quote["id"], "Ann Lee"]
    assert panel_data(page)["marks"][money["id"]] == ["money", money["id"], "Ann Lee"]


def test_a_record_that_does_not_match_the_text_is_reported_not_misplaced():
    text = "It cost £5m."
    good = record("money", 8, 11, text, amount=5000000, currency="GBP")
    stale = dict(record("money", 0, 2, text), text="£9m")
    page = render_report([good, stale], {"a.txt": text}, None)
    marked = [attrs["data-marks"] for attrs, _ in parse(page).marks]
    assert marked == [good["id"]]
    assert "1 claims do not match this text" in page


def test_documents_without_text_show_their_error():
    documents = {"bad.txt": {"title": None, "date": None, "encoding": None, "error": "not text: binary file"}}
    page = render_report([], {}, documents)
    parse(page)
    assert "Skipped by the run: not text: binary file" in page
    assert "No money claims." in page


def test_totals():
    text_a, text_b = "£3.5bn and £20m-£25m and $7", "€1.10 x"
    records = [
        record("money", 0, 6, text_a, amount=3500000000, currency="GBP"),
        record("money", 11, 20, text_a, amount=20000000, amount_high=25000000, currency="GBP"),
        record("money", 25, 27, text_a, amount=7, currency="USD"),
        record("money", 0, 5, text_b, doc_id="b.txt", amount=1.1, currency="EUR"),
        record("quote", 0, 1, text_a, speaker="Bo"),
        record("quote", 1, 2, text_a, speaker="Al"),
        record("quote", 0, 1, text_b, doc_id="b.txt", speaker="Bo"),
        record("quote", 1, 2, text_b, doc_id="b.txt", speaker=None),
    ]
    totals = money_by_document(records)
    assert totals.sums == {"a.txt": {}, "b.txt": {}}  # no purpose said: each amount alone, none added
    assert totals.alone == {
        "a.txt": {"GBP": [Decimal("3500000000"), Decimal("20000000")], "USD": [Decimal(7)]},
        "b.txt": {"EUR": [Decimal("1.1")]},
    }
    assert top_speakers(records) == [("Bo", 2, 2), ("Al", 1, 1)]
    page = render_report(records, {"a.txt": text_a, "b.txt": text_b}, None)
    parse(page)
    alone, each = " <span class=n>purpose not said, alone</span>", " <span class=n>purpose not said, each alone</span>"
    assert f"GBP 3,500,000,000 · 20,000,000{each}<br>USD 7{alone}" in page
    assert f"EUR 1.1{alone}" in page
    footer = re.search(r"<tfoot>(.*?)</tfoot>", page).group(1)
    assert re.findall(r"<td class=num>(\d+)</td>", footer) == ["4", "4", "0", "0", "8"]  # quote money count stance all
    assert panel_data(page)["claims"][records[1]["id"]]["amount"] == "GBP 20,000,000–25,000,000"
    money_foot = re.findall(r"<tfoot>(.*?)</tfoot>", page)[-1]
    assert "4 purpose not said (shown alone)" in money_foot


def test_money_totals_leave_out_an_amount_inside_another():
    text = "The fund grew to $185 million, including a record $100 million, of which $40 million came in May."
    records = [
        record("money", text.index(part), text.index(part) + len(part), text, amount=amount, currency="USD")
        for part, amount in [("$185 million", 185000000), ("$100 million", 100000000), ("$40 million", 40000000)]
    ]
    totals = money_by_document(records, {"a.txt": text}.get)
    assert totals.alone == {"a.txt": {"USD": [Decimal(185000000)]}}
    assert totals.left_out == {"a.txt": Counter(part=2)}
    assert money_by_document([{**r, "sentence": text} for r in records]).left_out == {"a.txt": Counter(part=2)}
    assert "2 part of another" in render_report(records, {"a.txt": text}, None)


def test_money_totals_leave_out_rates_and_count_a_repeated_figure_once():
    text = (
        "The £5m fund pays £20 per hour, $100 a barrel and $1.10 to the euro. Per month $17.2 million. "
        "It costs £3bn a year. Again, the £5m fund."
    )

    def money(part: str, amount, currency: str, nth: int = 0, **fields) -> dict:
        start = -1
        for _ in range(nth + 1):
            start = text.index(part, start + 1)
        return record("money", start, start + len(part), text, amount=amount, currency=currency, **fields)

    records = [
        money("£5m", 5000000, "GBP"),
        money("£20", 20, "GBP"),
        money("$100", 100, "USD"),
        money("$1.10", 1.1, "USD"),
        money("$17.2 million", 17200000, "USD"),
        money("£3bn", 3000000000, "GBP"),
        money("£5m", 5000000, "GBP", nth=1),
    ]
    totals = money_by_document(records, {"a.txt": text}.get)
    assert totals.alone == {"a.txt": {"GBP": [Decimal(3000000000), Decimal(5000000)]}}
    assert totals.left_out == {"a.txt": Counter(rate=4, repeat=1)}
    # Without the article, the words around the amount come from its sentence.
    in_sentence = [{**r, "sentence": text} for r in records]
    assert money_by_document(in_sentence).left_out == {"a.txt": Counter(rate=4, repeat=1)}
    page = render_report(records, {"a.txt": text}, None)
    assert "4 rate or per-unit, 1 repeated" in page


# Amounts that measure different things are never added up (issue 29): a sum per currency and purpose.
PURPOSE_CASES = [
    (
        "three-purposes",
        "The council faces a funding gap of £20m, savings of £5m and a deficit of £3m.",
        [("£20m", 20000000, "funding gap"), ("£5m", 5000000, "savings"), ("£3m", 3000000, "deficit")],
        {("GBP", "deficit"): 3000000, ("GBP", "funding gap"): 20000000, ("GBP", "savings"): 5000000},
        {},
    ),
    (
        "same-purpose-added",
        "Two grants: a £2m grant for parks and a £1m grant for libraries.",
        [("£2m", 2000000, "grant"), ("£1m", 1000000, "Grant")],
        {("GBP", "grant"): 3000000},
        {},
    ),
    (
        "purpose-not-said-stands-alone",
        "It paid £4m and then £6m, plus a £1m fine.",
        [("£4m", 4000000, None), ("£6m", 6000000, None), ("£1m", 1000000, "fine")],
        {("GBP", "fine"): 1000000},
        {"GBP": [6000000, 4000000]},
    ),
    (
        "a-repeat-says-its-purpose",
        "It paid £4m. The £4m fine was a record.",
        [("£4m", 4000000, None), ("£4m fine", 4000000, "fine")],
        {("GBP", "fine"): 4000000},
        {},
    ),
    (
        "currencies-apart",
        "The fine was £3m here and $3m there.",
        [("£3m", 3000000, "fine"), ("$3m", 3000000, "fine")],
        {("GBP", "fine"): 3000000, ("USD", "fine"): 3000000},
        {},
    ),
]


@pytest.mark.parametrize(
    ("text", "amounts", "sums", "alone"), [pytest.param(*case[1:], id=case[0]) for case in PURPOSE_CASES]
)
def test_money_totals_add_only_amounts_of_one_currency_and_purpose(text, amounts, sums, alone):
    records = [
        record(
            "money",
            text.index(part),
            text.index(part) + len(part),
            text,
            amount=amount,
            currency="USD" if part.startswith("$") else "GBP",
            purpose=purpose,
        )
        for part, amount, purpose in amounts
    ]
    totals = money_by_document(records, {"a.txt": text}.get)
    assert totals.sums == {"a.txt": {key: Decimal(value) for key, value in sums.items()}}
    assert totals.alone == {"a.txt": {code: [Decimal(value) for value in values] for code, values in alone.items()}}


def test_money_totals_add_only_the_level_a_change_came_to():
    text = "Spending fell from £135m to £100m, then rose by £5m to £105m."
    ends = [("£135m", 135000000, "from"), ("£100m", 100000000, "to"), ("£5m", 5000000, "by"), ("£105m", 105000000, "to")]
    records = [
        record("money", text.index(part), text.index(part) + len(part), text, amount=amount, currency="GBP", change_role=role)
        for part, amount, role in ends
    ]
    totals = money_by_document(records, {"a.txt": text}.get)
    assert totals.alone == {"a.txt": {"GBP": [Decimal(105000000), Decimal(100000000)]}}
    assert totals.left_out == {"a.txt": Counter(change=2)}
    assert "2 earlier level or size of a change" in render_report(records, {"a.txt": text}, None)


def test_the_all_documents_row_lists_at_most_its_share_of_sums():
    text = "£1"
    records = [
        record("money", 0, 2, text, doc_id=f"d{i}.txt", amount=i + 1, currency="GBP", purpose=f"thing {i}")
        for i in range(TOTAL_ROWS + 2)
    ]
    page = render_report(records, {f"d{i}.txt": text for i in range(TOTAL_ROWS + 2)}, None)
    money_foot = re.findall(r"<tfoot>(.*?)</tfoot>", page)[-1]
    assert money_foot.count("<br>") == TOTAL_ROWS and "and 2 more" in money_foot


TEXTS = {
    "a.txt": "Council warns of deep cuts\n\n<script>window.__pwned=1</script>\n\n“The plan is badly flawed and we need "
    "£3.5m more to keep 12 libraries open,” said Jane Smith, chief executive of Northshire Council.\n\n"
    "She said the council would struggle to balance its budget.\n",
    "b.txt": "Hospital trust reports deficit\n\nThe trust reported a deficit of £20m last year, and 40 per cent of its "
    "wards were full.\n\n“This is not sustainable,” said John Brown, the trust's finance director.\n",
}


DOCUMENTS = {d: {"doc_id": d, "title": t.split("\n")[0], "encoding": "utf-8", "error": None} for d, t in TEXTS.items()}


@pytest.fixture(scope="module")
def text_records(nlp) -> list[dict]:
    records = [r for doc_id, text in TEXTS.items() for r in extract.claims(text, nlp, doc_id=doc_id)]
    assert {r["type"] for r in records} == {"quote", "money", "count", "stance"}
    return records


def test_articles_are_found_beside_the_documents_list_and_a_missing_one_is_a_warning(
    text_records, tmp_path, monkeypatch
):
    folder = tmp_path / "kb"
    (folder / "articles").mkdir(parents=True)
    for doc_id, text in TEXTS.items():
        (folder / "articles" / doc_id).write_text(text, encoding="utf-8", newline="")
    entries = [{**entry, "path": f"articles/{doc_id}"} for doc_id, entry in DOCUMENTS.items()]
    (folder / "kb.jsonl").write_text("".join(json.dumps(r) + "\n" for r in text_records), encoding="utf-8")
    (folder / "kb.documents.jsonl").write_text("".join(json.dumps(e) + "\n" for e in entries), encoding="utf-8")
    (folder / "articles" / "b.txt").unlink()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)  # the paths are relative to the documents list, not to here

    result = CliRunner().invoke(main, ["report", str(folder / "kb.jsonl"), "-o", "out.html"])
    assert result.exit_code == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if line.startswith("extract: warning:")]
    assert len(warnings) == 1 and "b.txt" in warnings[0] and "cannot read" in warnings[0]
    page = (elsewhere / "out.html").read_text(encoding="utf-8")
    assert parse(page).text == TEXTS["a.txt"]
    assert "Source text: " in page and "articles/b.txt" in page

    sources = Sources({"a.txt": {"path": "articles/a.txt", "sha256": "0" * 64}}, folder)
    assert sources.text("a.txt") == TEXTS["a.txt"]
    assert "changed since the run" in sources.problem("a.txt")


def test_a_large_kb_gets_an_index_and_one_page_per_document(text_records, tmp_path):
    out = tmp_path / "report.html"
    (tmp_path / "report-pages").mkdir()
    (tmp_path / "report-pages" / "00009.html").write_text("a page of a larger KB", encoding="utf-8")
    assert write_report(text_records, DOCUMENTS, TEXTS.get, lambda doc_id: None, out, split_over=1) == 2
    assert sorted(p.name for p in (tmp_path / "report-pages").iterdir()) == ["00000.html", "00001.html"]
    index = out.read_text(encoding="utf-8")
    assert parse(index).text == "" and 'href="report-pages/00001.html"' in index
    second = (tmp_path / "report-pages" / "00001.html").read_text(encoding="utf-8")
    assert parse(second).text == TEXTS["b.txt"]
    assert 'href="../report.html"' in second and 'href="00000.html"' in second
    assert set(panel_data(second)["claims"]) == {r["id"] for r in text_records if r["doc_id"] == "b.txt"}
    assert write_report(text_records, DOCUMENTS, TEXTS.get, lambda doc_id: None, out, split_over=2) == 2
    assert parse(out.read_text(encoding="utf-8")).text == TEXTS["a.txt"] + TEXTS["b.txt"]


@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium (apt install chromium)")
def test_report_in_a_headless_browser(text_records, tmp_path):
    sync_api = pytest.importorskip("playwright.sync_api", reason="needs the playwright package (pip install)")
    text = TEXTS["a.txt"]
    said = text.index("the council would struggle")
    unsaid = record("quote", said, text.index(".", said), text, speaker=None)  # a quote nobody is named for
    records = [*text_records, unsaid]
    report = tmp_path / "report.html"
    report.write_text(render_report(records, TEXTS, DOCUMENTS), encoding="utf-8")
    money_alone = next(r for r in records if r["type"] == "money" and r["quote_id"] is None)
    money_in_quote = next(r for r in records if r["type"] == "money" and r["quote_id"])
    jane = next(r for r in records if r["type"] == "quote" and r["speaker"] == "Jane Smith")

    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=["--headless", "--no-sandbox", "--disable-gpu"])
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            errors: list[str] = []
            page.on("pageerror", lambda err: errors.append(str(err)))
            page.goto(report.as_uri())

            for kind in ("quote", "speaker", "money", "count", "stance"):
                assert page.locator(f"mark.on-{kind}").first.is_visible(), kind
            assert page.evaluate("typeof window.__pwned") == "undefined"
            assert page.get_by_text("<script>window.__pwned=1</script>").is_visible()

            def background(mark_id: str) -> str:
                return page.locator(f'mark[data-marks^="{mark_id}"]').first.evaluate(
                    "el => getComputedStyle(el).backgroundColor"
                )

            quote_only = page.locator("mark.hl").filter(has_text="The plan is badly ").first
            quote_colour = quote_only.evaluate("el => getComputedStyle(el).backgroundColor")
            money_colour = background(money_alone["id"])
            assert money_colour not in ("rgba(0, 0, 0, 0)", quote_colour)
            page.locator('input[data-type="money"]').uncheck()
            assert page.locator("mark.on-money").count() == 0
            assert background(money_alone["id"]) == "rgba(0, 0, 0, 0)"  # the text stays, the highlight goes
            assert background(money_in_quote["id"]) == quote_colour  # the quote around it still shows
            page.locator('input[data-type="money"]').check()
            assert background(money_alone["id"]) == money_colour

            page.select_option("#f-speaker", "John Brown")
            assert page.locator("article.doc").filter(has_text="Jane Smith").is_hidden()
            assert "on-quote" not in page.locator(f'mark[data-marks~="{jane["id"]}"]').first.get_attribute("class")
            assert page.locator("mark.on-quote").first.is_visible()
            page.select_option("#f-speaker", "")
            assert page.locator("article.doc").filter(has_text="Jane Smith").is_visible()

            page.locator("body").click(position={"x": 5, "y": 5})
            for _ in range(40):
                page.keyboard.press("Tab")
                if page.evaluate("document.activeElement.matches('mark.hl')"):
                    break
            focused = page.evaluate("document.activeElement.getAttribute('data-marks')").split()[0]
            rule = next(r["rule"] for r in records if r["id"] == focused.removesuffix("-speaker"))
            panel = page.locator("#panel-body")
            assert panel.is_visible() and rule in panel.inner_text() and focused in panel.inner_text()
            page.keyboard.press("Escape")
            assert rule not in panel.inner_text()
            page.keyboard.press("Enter")
            assert rule in panel.inner_text()

            page.select_option("#f-doc", label=TEXTS["b.txt"].split("\n")[0])
            top = page.locator("#doc-1").evaluate("el => el.getBoundingClientRect().top")
            at_end = page.evaluate("Math.ceil(scrollY + innerHeight) >= document.documentElement.scrollHeight")
            assert page.evaluate("scrollY") > 0 and (top < 150 or at_end) and top >= 0  # scrolled to it
            assert page.locator("#doc-0").is_visible()  # nothing hidden
            assert page.evaluate("location.hash") == "#doc-1"

            page.fill("#f-search", "DEFICIT")
            page.keyboard.press("Enter")
            assert page.locator("#doc-0").is_hidden() and page.locator("#doc-1").is_visible()
            assert page.evaluate("CSS.highlights.get('search').size") == 2  # the headline and the story
            assert page.inner_text("#search-count") == "1 of 2"
            page.fill("#f-search", "")
            page.wait_for_function("!document.getElementById('doc-0').hidden")

            page.check("#f-nospeaker")
            shown = page.locator("mark.on-quote, mark.on-speaker, mark.on-money")
            assert shown.count() > 0
            assert all(unsaid["id"] in mark.get_attribute("data-marks") for mark in shown.all())
            assert page.locator("#doc-1").is_hidden()
            page.uncheck("#f-nospeaker")
            assert page.locator("#doc-1").is_visible()

            page.screenshot(path=str(tmp_path / "report.png"))
            assert errors == []
        finally:
            browser.close()
    assert (tmp_path / "report.png").stat().st_size > 0


# A page as the body finder sees it: a site line before the article, a caption and a read-more line
# inside it (left out where they stand), and comments after it.
FURNITURE_TEXT = (
    "Home | News | <b>Sport</b>\n\n"
    "Council warns of cuts\n\n"
    "“We need £3m more,” said Ann Lee.\n\n"
    "Photo: the town hall <script>x()</script>\n\n"
    "“The plan is flawed,” said Bo Chan.\n\n"
    "READ MORE: Cuts across the county\n\n"
    "The vote is on Monday.\n\n"
    "Comments (3)\nGreat story!\n"
)


def furniture_entry(text: str = FURNITURE_TEXT) -> dict:
    """A documents-list entry as the run writes it now: kept ranges and the skipped ones inside them."""

    def at(part: str) -> tuple[int, int]:
        return text.index(part), text.index(part) + len(part) + 2  # the line and its blank line

    caption, more = at("Photo: the town hall <script>x()</script>"), at("READ MORE: Cuts across the county")
    start, end = text.index("Council"), text.index("Comments")
    return {
        "doc_id": "a.txt",
        "title": "Council warns of cuts",
        "error": None,
        "body_start": start,
        "body_end": end,
        "body_spans": [[start, caption[0]], [caption[1], more[0]], [more[1], end]],
        "skipped": [
            {"start": caption[0], "end": caption[1], "reason": "caption <i>"},
            {"start": more[0], "end": more[1], "reason": "read-more line"},
        ],
    }


def out_spans(page: str, marked: bool = False) -> list[tuple[str, str]]:
    """(why, text) of each greyed piece of the articles; ``marked``: only those with a claim highlighted."""
    found = re.findall(r'<span class="out" data-why="([^"]*)" title="[^"]*">(.*?)</span>', page, re.S)
    return [
        (html.unescape(why), html.unescape(re.sub(r"<[^>]+>", "", inner)))
        for why, inner in found
        if not marked or "<mark" in inner
    ]


def test_text_left_out_of_the_body_is_greyed_with_why_and_claims_stay_highlighted():
    text, entry = FURNITURE_TEXT, furniture_entry()
    ann = text.index("“We need")
    quote = record("quote", ann, text.index(" said Ann"), text, speaker="Ann Lee")
    money = record("money", text.index("£3m"), text.index("£3m") + 3, text, amount=3000000, currency="GBP")
    page = render_report([quote, money], {"a.txt": text}, {"a.txt": entry})
    parsed = parse(page)
    assert parsed.text == text  # every character once, the greyed ones too
    assert "script" not in parsed.tags - {"script"} and "i" not in parsed.tags and "b" not in parsed.tags
    assert parsed.scripts == 2
    spans = out_spans(page)
    assert spans == [
        ("before the article body", "Home | News | <b>Sport</b>\n\n"),
        ("skipped as page furniture: caption <i>", "Photo: the town hall <script>x()</script>\n\n"),
        ("skipped as page furniture: read-more line", "READ MORE: Cuts across the county\n\n"),
        ("after the article body", "Comments (3)\nGreat story!\n"),
    ]
    assert 'title="Skipped as page furniture: caption &lt;i&gt;"' in page
    kept = len(text) - sum(len(inner) for _, inner in spans)
    assert f"2 ranges skipped (caption &lt;i&gt;, read-more line) · {kept:,} of {len(text):,} characters kept" in page
    covered = {t: attrs["data-marks"].split() for attrs, t in parsed.marks}
    assert covered["£3m"] == [money["id"], quote["id"]]
    assert "claims lie in greyed text" not in page
    assert 'class="legend-out"' in page


def test_a_claim_crossing_into_left_out_text_stays_well_nested_and_is_pointed_out():
    text, entry = FURNITURE_TEXT, furniture_entry()
    start = text.index("Bo Chan")
    crossing = record("stance", start, text.index("Monday"), text, polarity="negative")  # over the read-more line
    page = render_report([crossing], {"a.txt": text}, {"a.txt": entry})
    parsed = parse(page)
    assert parsed.text == text
    pieces = [t for attrs, t in parsed.marks]
    assert "".join(pieces) == crossing["text"] and len(pieces) == 3  # cut where the grey starts and ends
    assert [attrs["tabindex"] for attrs, _ in parsed.marks] == ["0", "-1", "-1"]  # still one Tab stop
    assert "1 claims lie in greyed text" in page


def test_old_documents_lists_show_the_outer_bounds_or_the_whole_text():
    text, entry = FURNITURE_TEXT, furniture_entry()
    bounds = {k: entry[k] for k in ("doc_id", "title", "error", "body_start", "body_end")}
    page = render_report([], {"a.txt": text}, {"a.txt": bounds})
    assert [why for why, _ in out_spans(page)] == ["before the article body", "after the article body"]
    kept = entry["body_end"] - entry["body_start"]
    assert f'<p class="meta body-note">{kept:,} of {len(text):,} characters kept as the article body</p>' in page
    assert "skipped" not in re.search(r'<p class="meta body-note">(.*?)</p>', page).group(1)
    assert parse(page).text == text

    plain = render_report([], {"a.txt": text}, {"a.txt": {"doc_id": "a.txt", "error": None}})
    assert "body-note" not in plain and '<span class="out"' not in plain and 'class="legend-out"' not in plain
    assert parse(plain).text == text
    nothing_skipped = render_report([], {"a.txt": text}, {"a.txt": {**bounds, "skipped": []}})
    assert "Nothing skipped inside the body" in nothing_skipped


def test_unusable_body_ranges_are_clipped_or_ignored_not_a_crash():
    text = "abcdefghij"
    entry = {
        "body_spans": [[2, 5], "x", [4, 99], [True, 3], [7, 6]],
        "skipped": [{"start": 3, "end": 4, "reason": None}, {"start": "a"}, {"start": 50, "end": 60, "reason": "far"}],
    }
    page = render_report([], {"a.txt": text}, {"a.txt": entry})
    assert parse(page).text == text
    assert [why for why, _ in out_spans(page)] == ["before the article body", "skipped as page furniture"]
    assert "1 range skipped (no reason given) · 7 of 10 characters kept" in page


def test_a_run_with_a_repeated_line_greys_it_in_the_report(tmp_path):
    source = Path(__file__).parent.parent / "corpus"
    article = next(source.glob("002_*.txt"))
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / article.name).write_bytes(article.read_bytes())
    kb = tmp_path / "kb.jsonl"
    ran = CliRunner().invoke(main, ["run", str(tmp_path / "news"), "-o", str(kb), "--quiet"])
    assert ran.exit_code == 0, ran.stderr
    entry = json.loads(kb.with_name("kb.documents.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert any(s["reason"] == "repeated line" for s in entry["skipped"])
    made = CliRunner().invoke(main, ["report", str(kb), "-o", str(tmp_path / "report.html")])
    assert made.exit_code == 0, made.stderr
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    text = article.read_text(encoding="utf-8")
    parsed = parse(page)
    assert parsed.text == text
    greyed = {inner: why for why, inner in out_spans(page)}
    for skipped in entry["skipped"]:
        assert greyed[text[skipped["start"] : skipped["end"]]] == f"skipped as page furniture: {skipped['reason']}"
    assert out_spans(page, marked=True) == []  # no claim comes from text left out
    assert "1 range skipped (repeated line)" in page and "claims lie in greyed text" not in page
