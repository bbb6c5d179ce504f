"""Every kind of input users have: saved pages, gzip, collections of articles, other text files,
NUL bytes, a cache that cannot be written. Nothing is lost or refused without a line saying so."""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from extract.cli import main
from extract.io.inputs import read, read_source
from extract.io.reader import decode
from extract.kb.sources import Sources
from extract.run.discovery import Options, discover
from extract.run.texts import safe_name

IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0

PARAGRAPHS = [
    "The city council approved a budget of £3.5m for the new library on Monday, after a long debate.",
    "“It is a fair deal for every family in the town,” said Jane Doe, the council leader, after the vote.",
    "Half of the 40 members voted in favour of the plan, and the rest said they needed more time to decide.",
    "Tom Lee, the chief executive of Acme, said the building work would start next spring and take two years.",
]
NAV = "<nav><ul><li><a href='/'>Home</a></li><li><a href='/news'>News</a></li><li>Sport</li></ul></nav>"
PAGE = f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Council backs library | The Town Herald</title>
<meta property="og:title" content="Council backs new library">
<meta property="og:site_name" content="The Town Herald">
<meta name="author" content="Sam Writer">
<meta property="article:published_time" content="2021-03-04T09:00:00Z">
</head><body>{NAV}
<article><h1>Council backs new library</h1>
{"".join(f"<p>{p}</p>" for p in PARAGRAPHS)}
</article><footer><p>© The Town Herald. All rights reserved.</p></footer></body></html>
"""
BARE_PAGE = f"<html><body><div>{''.join(f'<p>{p}</p>' for p in PARAGRAPHS)}</div></body></html>"


def run(*args: str, input: bytes | None = None):
    return CliRunner().invoke(main, ["run", "--quiet", "--no-cache", *args], input=input)


def lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def documents(kb: Path) -> dict[str, dict]:
    return {d["doc_id"]: d for d in lines(kb.with_name(kb.stem + ".documents.jsonl"))}


def kept_text(kb: Path, entry: dict) -> str:
    return (kb.parent / entry["text_path"]).read_text(encoding="utf-8")


def check_offsets(kb: Path) -> None:
    """Every record's offsets point into the text the documents list names."""
    docs = documents(kb)
    for record in lines(kb):
        entry = docs[record["doc_id"]]
        text = kept_text(kb, entry) if entry["text_path"] else Path(entry["path"]).read_text(encoding="utf-8")
        assert text[record["start"] : record["end"]] == record["text"]


# --- HTML -----------------------------------------------------------------------------------


def test_an_html_page_gives_its_article_and_metadata(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "library.html").write_text(PAGE, encoding="utf-8")
    kb = tmp_path / "out" / "kb.jsonl"
    kb.parent.mkdir()
    result = run(str(tmp_path / "in"), "-o", str(kb))
    assert result.exit_code == 0, result.stderr
    entry = documents(kb)["library.html"]
    assert entry["text_path"] == "kb.texts/library.html.txt"
    assert (entry["title"], entry["date"], entry["date_basis"]) == ("Council backs new library", "2021-03-04", "meta")
    assert (entry["author"], entry["site"]) == ("Sam Writer", "The Town Herald")
    text = kept_text(kb, entry)
    assert all(p in text for p in PARAGRAPHS) and "Home" not in text and "<p>" not in text
    assert "\n\n".join(PARAGRAPHS) in text  # one paragraph a line, a blank line between
    records = lines(kb)
    assert any(r["type"] == "quote" and r["speaker"] == "Jane Doe" for r in records)
    assert {(r["doc_title"], r["doc_date"], r["date_basis"]) for r in records} == {
        ("Council backs new library", "2021-03-04", "meta")
    }
    check_offsets(kb)
    assert Sources(documents(kb), kb.parent).text("library.html") == text  # report, review, export


# (words of the precise extraction, words of the one favouring recall, the one kept): a short
# precise reading is read again, and the second reading is kept when it is at least twice as long.
READINGS = [
    (24, 480, "recall"),  # a caption kept instead of the article
    (60, 100, "precise"),  # not twice as long: the precise reading stands
    (0, 300, "recall"),  # nothing found at first
    (150, 600, "precise"),  # long enough: not read again
]


@pytest.mark.parametrize(("precise", "recalled", "kept"), READINGS)
def test_a_short_extraction_is_read_again_favouring_recall(monkeypatch, precise, recalled, kept) -> None:
    import types

    import trafilatura

    from extract.io.html import read_html

    def extraction(page, **settings):
        words = recalled if settings.get("favor_recall") else precise
        name = "recall" if settings.get("favor_recall") else "precise"
        text = " ".join([name] * words)
        return types.SimpleNamespace(text=text, title=None, date=None, author=None, sitename=None, url=None)

    monkeypatch.setattr(trafilatura, "bare_extraction", extraction)
    assert read_html(BARE_PAGE.encode(), "0").text.split()[0] == kept


def test_a_page_whose_precise_extraction_lost_the_article() -> None:
    """A dev page where trafilatura's precise mode keeps a fragment of a few words."""
    from extract.io.html import MIN_ARTICLE_WORDS, read_html

    pages = Path(__file__).resolve().parents[2] / "shared" / "dev" / "pages"
    if not pages.is_dir():
        pytest.skip("../shared is not beside the project")
    gold = json.loads((pages / "gold.json").read_text(encoding="utf-8"))
    short = "f8ff621a0b9b7646cc0d57d37416feabba2bf78ef5dd0bfc5b080f9f97bbe584"
    text = read_html(gzip.decompress((pages / "html" / f"{short}.html.gz").read_bytes()), "0").text
    article = set(gold[short]["articleBody"].split())
    assert len(text.split()) > MIN_ARTICLE_WORDS
    assert len(article & set(text.split())) >= 0.9 * len(article)


def test_an_html_page_without_metadata(tmp_path: Path) -> None:
    page = tmp_path / "bare.htm"
    page.write_text(BARE_PAGE, encoding="utf-8")
    kb = tmp_path / "kb.jsonl"
    result = run(str(page), "-o", str(kb))
    assert result.exit_code == 0, result.stderr
    entry = documents(kb)["bare.htm"]
    assert entry["author"] is None and entry["site"] is None and entry["date_basis"] != "meta"
    assert PARAGRAPHS[1] in kept_text(kb, entry)
    check_offsets(kb)


def test_html_pages_gzipped_by_name_or_by_magic_bytes(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.html.gz").write_bytes(gzip.compress(PAGE.encode()))
    (folder / "b.html").write_bytes(gzip.compress(PAGE.encode()))  # saved compressed, named plain
    (folder / "c.txt.gz").write_bytes(gzip.compress("\n\n".join(PARAGRAPHS).encode()))
    found = discover([folder])
    assert [s.doc_id for s in found.sources] == ["a.html.gz", "b.html", "c.txt.gz"]
    for source in found.sources:
        assert PARAGRAPHS[0] in read(source).text
    assert read(found.sources[0]).meta.title == "Council backs new library"
    assert not read(found.sources[2]).derived  # the gzipped text is the file's own text


def test_a_page_that_is_not_an_article_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "empty.html").write_text("<html><body><script>var a = 1;</script></body></html>", encoding="utf-8")
    (tmp_path / "broken.html.gz").write_bytes(gzip.compress(PAGE.encode())[:40])
    (tmp_path / "ok.txt").write_text("\n\n".join(PARAGRAPHS), encoding="utf-8")
    result = run(str(tmp_path), "-o", str(tmp_path / "kb.jsonl"))
    assert result.exit_code == 1
    errors = result.stderr.splitlines()
    assert any("empty.html: no article text found" in line for line in errors)
    assert any("broken.html.gz: cannot read: a truncated gzip file" in line for line in errors)
    assert len(errors) == 2
    assert documents(tmp_path / "kb.jsonl")["ok.txt"]["error"] is None


def test_html_piped_in_is_read_as_html(tmp_path: Path) -> None:
    result = run("-", "--name", "story", "-o", "-", "--docs", str(tmp_path / "docs.jsonl"), input=PAGE.encode())
    assert result.exit_code == 0, result.stderr
    [entry] = lines(tmp_path / "docs.jsonl")
    assert entry["title"] == "Council backs new library"
    assert entry["text_path"] == f"docs.texts/{safe_name('story')}"
    assert PARAGRAPHS[0] in (tmp_path / entry["text_path"]).read_text(encoding="utf-8")


def test_with_the_kb_on_stdout_and_no_documents_list_one_warning_says_texts_are_not_kept(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text(PAGE, encoding="utf-8")
    result = run(str(tmp_path / "a.html"), "-o", "-")
    assert result.exit_code == 0
    assert result.stderr.count("\n") == 1 and "not kept: give --docs FILE" in result.stderr
    assert any(json.loads(line)["speaker"] == "Jane Doe" for line in result.stdout.splitlines())


# --- the folder of texts ----------------------------------------------------------------------


def test_a_failed_run_leaves_the_previous_texts_and_a_kb_in_the_folder_is_not_read_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a.html").write_text(PAGE, encoding="utf-8")
    kb = tmp_path / "kb.jsonl"  # written into the corpus folder
    assert run(str(tmp_path), "-o", str(kb)).exit_code == 0
    before = {p.name: p.read_bytes() for p in (tmp_path / "kb.texts").iterdir()}
    kb_before = kb.read_bytes()
    second = run(str(tmp_path), "-o", str(kb))
    assert second.exit_code == 0 and "kb.texts" not in second.stderr  # its texts are not read back as articles
    assert kb.read_bytes() == kb_before
    (tmp_path / "a.html").write_text(PAGE.replace("Jane Doe", "Ann Roe"), encoding="utf-8")

    def fail(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("extract.run.texts.TextStore.commit", fail)
    assert run(str(tmp_path), "-o", str(kb)).exit_code == 130
    assert {p.name: p.read_bytes() for p in (tmp_path / "kb.texts").iterdir()} == before
    assert kb.read_bytes() == kb_before
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_a_folder_of_that_name_that_is_not_ours_is_never_replaced(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "kb.texts").mkdir()
    (tmp_path / "kb.texts" / "mine.txt").write_text("keep me", encoding="utf-8")
    result = run(str(tmp_path / "a.html"), "-o", str(tmp_path / "kb.jsonl"))
    assert result.exit_code == 2 and "was not written by `extract run`" in result.stderr
    assert (tmp_path / "kb.texts" / "mine.txt").read_text(encoding="utf-8") == "keep me"


def test_safe_names_are_plain_and_distinct() -> None:
    assert safe_name("a.html") == "a.html.txt"
    names = {safe_name(d) for d in ("a/b.html", "a_b.html", "f.jsonl#1", "f.jsonl#1/", "..", "-")}
    assert len(names) == 6 and all("/" not in n and not n.startswith((".", "-")) for n in names)


# --- collections of articles ------------------------------------------------------------------

RECORDS = [
    json.dumps({"id": "a1", "title": "Library approved", "date": "2021-03-04T10:00:00Z", "text": PARAGRAPHS[1]}),
    "{not json",
    json.dumps({"id": "a3", "headline": "No text here"}),
    json.dumps({"url": "https://example.org/story", "maintext": PARAGRAPHS[3]}),
    "",
    json.dumps({"text": "   "}),
    json.dumps({"content": PARAGRAPHS[2]}),
]


def test_a_collection_gives_one_document_per_record_and_one_line_per_bad_record(tmp_path: Path) -> None:
    collection = tmp_path / "news.jsonl"
    collection.write_text("\n".join(RECORDS) + "\n", encoding="utf-8")
    kb = tmp_path / "kb.jsonl"
    result = run(str(collection), "-o", str(kb))
    assert result.exit_code == 1
    errors = sorted(result.stderr.splitlines())
    assert errors == [
        f"extract: {collection}: line 2: not valid JSON (Expecting property name enclosed in double quotes)",
        f"extract: {collection}: line 3: no text field (text, maintext, body, content, article)",
        f"extract: {collection}: line 6: empty text in field 'text'",
    ]
    docs = documents(kb)
    good = ["news.jsonl#7", "news.jsonl#a1", "news.jsonl#https://example.org/story"]
    assert sorted(d for d in docs if docs[d]["error"] is None) == good
    entry = docs["news.jsonl#a1"]
    assert (entry["title"], entry["date"], entry["date_basis"]) == ("Library approved", "2021-03-04", "meta")
    assert kept_text(kb, entry) == PARAGRAPHS[1]
    quote = next(r for r in lines(kb) if r["type"] == "quote" and r["doc_id"] == "news.jsonl#a1")
    assert (quote["speaker"], quote["doc_title"], quote["doc_date"]) == ("Jane Doe", "Library approved", "2021-03-04")
    check_offsets(kb)


def test_a_json_array_gzipped_and_a_named_text_field(tmp_path: Path) -> None:
    path = tmp_path / "dump.json.gz"
    path.write_bytes(gzip.compress(json.dumps([{"id": 1, "story": PARAGRAPHS[1]}, {"id": 2, "story": 5}]).encode()))
    found = discover([path], Options(text_field="story"))
    assert [s.doc_id for s in found.sources] == ["dump.json.gz#1", "dump.json.gz#2"]
    assert read(found.sources[0]).text == PARAGRAPHS[1]
    with pytest.raises(Exception, match="record 2: field 'story' is not a string"):
        read(found.sources[1])
    [whole] = discover([path]).sources  # without --text-field: not a collection of articles
    with pytest.raises(Exception, match="no record has a text field"):
        read(whole)


def test_collections_in_folders_are_read_only_when_included(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(PARAGRAPHS[0], encoding="utf-8")
    (tmp_path / "news.jsonl").write_text(RECORDS[0] + "\n", encoding="utf-8")
    assert [s.doc_id for s in discover([tmp_path]).sources] == ["a.txt"]
    assert [s.doc_id for s in discover([tmp_path], Options(include=("*.jsonl",))).sources] == [
        "a.txt",
        "news.jsonl#a1",
    ]


def test_our_own_outputs_are_refused_in_one_line(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("\n\n".join(PARAGRAPHS), encoding="utf-8")
    first = run(str(corpus), "-o", str(corpus / "kb.jsonl"))
    assert first.exit_code == 0, first.stderr
    result = run(str(corpus), "--include", "*.jsonl", "-o", str(tmp_path / "again.jsonl"))
    assert result.exit_code == 0
    assert sorted(result.stderr.splitlines()) == [
        f"extract: {corpus / 'kb.documents.jsonl'}: skipped: a documents list written by `extract run`, not articles",
        f"extract: {corpus / 'kb.entities.jsonl'}: skipped: an entities file written by `extract run`, not articles",
        f"extract: {corpus / 'kb.jsonl'}: skipped: a knowledge base written by `extract run`, not articles",
    ]
    named = run(str(corpus / "kb.jsonl"), str(corpus / "a.txt"), "-o", str(tmp_path / "b.jsonl"))
    assert "kb.jsonl: skipped: a knowledge base" in named.stderr and named.exit_code == 0


# --- other text files, NUL bytes, size --------------------------------------------------------


def test_a_named_markdown_file_is_read(tmp_path: Path) -> None:
    notes = tmp_path / "notes.md"
    notes.write_text("# Library\n\n" + "\n\n".join(PARAGRAPHS), encoding="utf-8")
    kb = tmp_path / "kb.jsonl"
    result = run(str(notes), "-o", str(kb))
    assert result.exit_code == 0, result.stderr
    assert documents(kb)["notes.md"]["text_path"] is None  # the file's own text: nothing to keep
    assert any(r["speaker"] == "Jane Doe" for r in lines(kb))


def test_stray_nul_bytes_are_dropped_with_a_warning(tmp_path: Path) -> None:
    data = "\n\n".join(PARAGRAPHS).encode().replace(b"library", b"lib\x00rary", 1) + b"\x00"
    decoded = decode(data)
    assert decoded.text == "\n\n".join(PARAGRAPHS) and decoded.derived
    assert decoded.warnings == ("dropped 2 NUL bytes (offsets refer to the text without them)",)
    (tmp_path / "a.txt").write_bytes(data)
    kb = tmp_path / "kb.jsonl"
    result = run(str(tmp_path / "a.txt"), "-o", str(kb))
    assert result.exit_code == 0
    assert (
        result.stderr
        == f"extract: {tmp_path / 'a.txt'}: dropped 2 NUL bytes (offsets refer to the text without them)\n"
    )
    assert kept_text(kb, documents(kb)["a.txt"]) == decoded.text
    check_offsets(kb)


def test_a_20_mb_article_file_is_read(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    paragraph = ("\n\n".join(PARAGRAPHS) + "\n\n").encode("cp1252")
    path.write_bytes(paragraph * (20_000_000 // len(paragraph) + 1))
    decoded = read_source(path)
    assert decoded.encoding == "cp1252" and decoded.text.count("£3.5m") > 40_000
    result = run(str(path), "-o", str(tmp_path / "kb.jsonl"), "--max-bytes", "1000000")
    assert result.exit_code == 1
    assert result.stderr == f"extract: {path}: file is 20 MB, over the 1 MB limit; split it or raise --max-bytes\n"


# --- the cache --------------------------------------------------------------------------------


def _cached_run(tmp_path: Path, cache: Path | None, name: str):
    (tmp_path / "a.txt").write_text("\n\n".join(PARAGRAPHS), encoding="utf-8")
    where = ["--cache-dir", str(cache)] if cache else []
    return CliRunner().invoke(main, ["run", "-q", str(tmp_path / "a.txt"), "-o", str(tmp_path / name), *where])


def test_a_file_where_the_cache_should_be_is_one_warning(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "cache"
    cache.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("EXTRACT_CACHE_DIR", str(cache))  # the default cache: --cache-dir FILE is a usage error
    result = _cached_run(tmp_path, None, "kb.jsonl")
    assert result.exit_code == 0
    assert (
        result.stderr.count("\n") == 1
        and "cannot be written" in result.stderr
        and "goes on without it" in result.stderr
    )
    assert run(str(tmp_path / "a.txt"), "-o", str(tmp_path / "plain.jsonl")).exit_code == 0
    assert (tmp_path / "kb.jsonl").read_bytes() == (tmp_path / "plain.jsonl").read_bytes()


def test_files_in_place_of_the_cache_folders_are_one_warning(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    for name in ("docs", "claims", "articles", "records", "rules"):
        (cache / name).write_text("in the way", encoding="utf-8")
    result = _cached_run(tmp_path, cache, "kb.jsonl")
    assert result.exit_code == 0, result.stderr
    assert result.stderr.count("\n") == 1 and "Not a directory" in result.stderr


@pytest.mark.skipif(IS_ROOT, reason="root can write any folder")
def test_a_read_only_cache_is_one_warning(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    cache.chmod(0o555)
    try:
        result = _cached_run(tmp_path, cache, "kb.jsonl")
    finally:
        cache.chmod(0o755)
    assert result.exit_code == 0 and result.stderr.count("\n") == 1 and "Permission denied" in result.stderr


def test_a_full_disk_during_the_run_is_one_warning(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def full(path: Path, data: bytes) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("extract.run.cache._write_atomic", full)
    monkeypatch.setattr("extract.run.cache.cache_problem", lambda folder: None)  # the disk fills later
    monkeypatch.setattr("extract.run.corpus.cache_problem", lambda folder: None)
    result = _cached_run(tmp_path, tmp_path / "cache", "kb.jsonl")
    assert result.exit_code == 0
    assert result.stderr.count("\n") == 1 and "No space left on device" in result.stderr
    assert any(r["speaker"] == "Jane Doe" for r in lines(tmp_path / "kb.jsonl"))
