"""The review loop without a browser: the decisions file survives crashes and never loses a line,
decisions fold as documented (later wins, undo takes back one decision), a re-run's gone and
changed claims are found, and the server checks every request before it writes."""

from __future__ import annotations

import hashlib
import html
import http.client
import json
import os
import re
import threading
from pathlib import Path

import pytest

import extract
from extract.kb.sources import Sources
from extract.tools.review.decisions import DecisionLog, Review, judgement, read_review, review_path, undoing
from extract.tools.review.fields import FIELDS, record_digest
from extract.tools.review.server import ReviewServer, render_page
from extract.tools.review.session import RequestError, ReviewSession

# Two short articles: quotes with speakers (one only half right: "Union"), money, counts, stance,
# and a quote the pipeline misses ("A nurse ... put it bluntly: ...").
TEXTS = {
    "a.txt": "Council warns of deep cuts\n\n3 March 2024\n\n“The plan is badly flawed and we need £3.5m more to keep "
    "12 libraries open,” said Jane Smith, chief executive of Northshire Council.\n\nShe said the council would "
    "struggle to balance its budget.\n\n“We will not close a single library,” the council's leader, Tom Brown, "
    "told reporters.\n\nUnion officials believe the cuts will hit 40 jobs.\n",
    "b.txt": "Hospital trust reports deficit\n\n12 May 2024\n\nThe trust reported a deficit of £20m last year, and 40 "
    "per cent of its wards were full.\n\n“This is not sustainable,” said John Brown, the trust's finance director."
    "\n\nA nurse on the ward put it bluntly: the wards are full every night.\n",
}


def write_kb(folder: Path, records: list[dict], texts: dict[str, str] = TEXTS) -> Path:
    """A KB as `extract run` leaves it: articles in a folder, kb.jsonl, and a documents list whose
    paths are relative to it."""
    (folder / "articles").mkdir(parents=True, exist_ok=True)
    entries = []
    for doc_id, text in texts.items():
        data = text.encode("utf-8")
        (folder / "articles" / doc_id).write_bytes(data)
        title = text.split("\n")[0]
        sha = hashlib.sha256(data).hexdigest()
        entries.append({"doc_id": doc_id, "path": f"articles/{doc_id}", "sha256": sha, "title": title, "error": None})
    kb = folder / "kb.jsonl"
    kb.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    (folder / "kb.documents.jsonl").write_text("".join(json.dumps(e) + "\n" for e in entries), encoding="utf-8")
    return kb


@pytest.fixture(scope="module")
def records(nlp) -> list[dict]:
    return [r for doc_id, text in TEXTS.items() for r in extract.claims(text, nlp, doc_id=doc_id)]


def find(records: list[dict], kind: str, text: str) -> dict:
    return next(r for r in records if r["type"] == kind and text in r["text"])


def session_for(folder: Path, records: list[dict], entities: dict | None = None) -> ReviewSession:
    kb = write_kb(folder, records)
    documents = {json.loads(line)["doc_id"]: json.loads(line) for line in kb.with_name("kb.documents.jsonl").open()}
    for doc_id, names in (entities or {}).items():
        documents[doc_id]["entities"] = names
    return ReviewSession(records, documents, Sources(documents, folder), DecisionLog(review_path(kb)))


def test_every_claim_type_is_reviewable():
    from extract.stages.registry import claim_types

    assert set(FIELDS) == {kind.name for kind in claim_types()}


def test_lines_are_appended_whole_and_a_partial_last_line_is_ignored_then_cut(records, tmp_path):
    path = tmp_path / "kb.review.jsonl"
    log = DecisionLog(path)
    jane = find(records, "quote", "The plan is badly flawed")
    first = log.append(judgement("accept", jane))
    log.close()
    with path.open("ab") as handle:  # a server killed in the middle of a write
        handle.write(b'{"id": "d_half", "decision": "rej')
    assert [line["id"] for line in read_review(path).lines] == [first["id"]]
    log = DecisionLog(path)  # the next writer cuts the partial line off before appending
    second = log.append(judgement("reject", jane))
    log.close()
    lines = path.read_bytes().split(b"\n")
    assert lines[-1] == b"" and len(lines) == 3
    assert [json.loads(line)["id"] for line in lines[:2]] == [first["id"], second["id"]]
    assert read_review(path).standing(jane["id"])["decision"] == "reject"  # the later decision wins


def test_a_broken_line_in_the_middle_names_its_line(tmp_path):
    path = tmp_path / "kb.review.jsonl"
    path.write_text('{"id": "d_1", "decision": "accept", "claim": "q_1", "doc_id": "a"}\nnot json\n{}\n')
    with pytest.raises(ValueError, match=r"kb\.review\.jsonl:2: not a JSON line"):
        read_review(path)


def test_one_writer_at_a_time(tmp_path):
    path = tmp_path / "kb.review.jsonl"
    log = DecisionLog(path)
    try:
        with pytest.raises(ValueError, match="being written by another `extract review`"):
            DecisionLog(path)
    finally:
        log.close()
    DecisionLog(path).close()  # free again once the first one stops


def test_undo_takes_back_one_decision_and_an_earlier_one_stands_again(records):
    money = find(records, "money", "£3.5m")
    accepted = judgement("accept", money)
    corrected = judgement("correct", money, {"amount": 3600000})
    review = Review([accepted, corrected])
    assert review.standing(money["id"])["values"]["amount"] == 3600000
    review.add(undoing(corrected))
    assert review.standing(money["id"]) is accepted
    review.add(undoing(accepted))
    assert review.standing(money["id"]) is None and review.reviewed_documents() == set()


def test_a_rerun_lists_decided_claims_that_went_or_changed(records):
    jane, money, count = (
        find(records, "quote", "badly flawed"),
        find(records, "money", "£3.5m"),
        find(records, "count", "12"),
    )
    review = Review([judgement("accept", r) for r in (jane, money, count)])
    rerun = {r["id"]: r for r in records if r["id"] != count["id"]}
    rerun[jane["id"]] = {**jane, "speaker": "J. Smith"}
    rerun[money["id"]] = {**money, "sentence": "a sentence split elsewhere", "rule": "another-rule"}
    gone, changed = review.stale(rerun)
    assert [line["claim"] for line in gone] == [count["id"]]
    assert [line["claim"] for line in changed] == [jane["id"]]  # only reviewed fields and text count
    assert record_digest(rerun[money["id"]]) == review.standing(money["id"])["digest"]


def test_session_checks_requests_and_adds_missed_claims(records, tmp_path):
    session = session_for(tmp_path, records, {"b.txt": [{"name": "Nurse Ann Lee", "kind": "person"}]})
    union = find(records, "quote", "the cuts will hit 40 jobs")
    b = session.index_of("b.txt")
    with pytest.raises(RequestError, match="no claim 'q_nope'"):
        session.decide({"decision": "accept", "claim": "q_nope"})
    with pytest.raises(RequestError, match="amount must be a number"):
        session.decide(
            {"decision": "correct", "claim": find(records, "money", "£3.5m")["id"], "fields": {"amount": "lots"}}
        )
    with pytest.raises(RequestError, match="currency must be a three-letter"):
        session.decide(
            {"decision": "correct", "claim": find(records, "money", "£3.5m")["id"], "fields": {"currency": "£"}}
        )
    with pytest.raises(RequestError, match="cannot have rule corrected"):
        session.decide({"decision": "correct", "claim": union["id"], "fields": {"rule": "x"}})

    done = session.decide({"decision": "correct", "claim": union["id"], "fields": {"speaker": "  Union   officials "}})
    assert done["lines"][0]["values"]["speaker"] == "Union officials"
    claim = next(c for c in done["document"]["claims"] if c["id"] == union["id"])
    assert (
        claim["decision"]["fields"] == {"speaker": "Union officials"}
        and claim["values"]["speaker"] == "Union officials"
    )

    text = TEXTS["b.txt"]
    start = text.index("the wards are full")
    end = text.index(" every night") + len(" every night")
    with pytest.raises(RequestError, match="does not match the article"):
        session.decide({"decision": "add", "doc_id": "b.txt", "type": "quote", "start": start, "end": end, "text": "x"})
    unmarked = {"decision": "add", "doc_id": "b.txt", "type": "quote", "start": start - 1, "end": end,
                "text": text[start - 1 : end], "fields": {"speaker": "Nurse Ann Lee"}}  # fmt: skip
    with pytest.raises(RequestError, match="choose the quote's kind"):  # left at "—": not guessed as indirect
        session.decide(unmarked)
    added = session.decide({**unmarked, "fields": {"speaker": "Nurse Ann Lee", "quote_kind": "indirect"}})
    line = added["lines"][0]
    assert (line["decision"], line["start"], line["text"]) == ("add", start, "the wards are full every night")
    assert line["fields"] == {"speaker": "Nurse Ann Lee", "quote_kind": "indirect"}  # what the reviewer gave
    assert line["values"] == {
        "speaker": "Nurse Ann Lee",
        "quote_kind": "indirect",
        "cue": None,
        "content": line["text"],
    }
    document = session.document(b)
    shown = next(c for c in document["claims"] if c["id"] == line["claim"])
    assert shown["added"] and f'data-marks="{line["claim"]}"' in document["html"]
    assert {"name": "Nurse Ann Lee", "kind": "person"} in document["names"]
    assert {"name": "John Brown", "kind": "speaker"} in document["names"]

    # Correcting an added claim adds it again with the new values; rejecting it takes it back.
    again = session.decide({"decision": "correct", "claim": line["claim"], "fields": {"speaker": "Ann Lee"}})
    assert again["lines"][0]["decision"] == "add" and again["lines"][0]["values"]["speaker"] == "Ann Lee"
    gone = session.decide({"decision": "reject", "claim": line["claim"]})
    assert [x["decision"] for x in gone["lines"]] == ["undo", "undo"]
    assert all(c["id"] != line["claim"] for c in gone["document"]["claims"])

    # Adding a span the run found is a correction of that claim.
    money = find(records, "money", "£20m")
    same = session.decide(
        {"decision": "add", "doc_id": "b.txt", "type": "money", "start": money["start"], "end": money["end"],
         "text": money["text"], "fields": {"amount": "21000000"}}
    )  # fmt: skip
    assert (same["lines"][0]["decision"], same["lines"][0]["claim"]) == ("correct", money["id"])
    assert same["lines"][0]["values"]["amount"] == 21000000

    first = session.decide({"decision": "accept", "claim": money["id"]})["lines"][0]
    session.decide({"decision": "undo", "claim": money["id"], "undoes": first["id"]})
    with pytest.raises(RequestError, match="no longer standing") as err:
        session.decide({"decision": "undo", "claim": money["id"], "undoes": first["id"]})
    assert err.value.status == 409
    session.log.close()
    overview = session.overview()
    assert [(d["doc_id"], d["decided"], d["added"]) for d in overview["documents"]] == [
        ("a.txt", 1, 0),
        ("b.txt", 1, 0),
    ]


def _request(server: ReviewServer, method: str, path: str, body: bytes | None = None, **headers: str):
    connection = http.client.HTTPConnection("127.0.0.1", server.server_port, timeout=10)
    connection.request(method, path, body=body, headers=headers)
    response = connection.getresponse()
    data = response.read()
    connection.close()
    return response.status, data


def test_the_server_answers_its_own_page_only(records, tmp_path):
    session = session_for(tmp_path, records)
    server = ReviewServer(session, render_page("Review: kb.jsonl", ["GBP"]))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    host = f"127.0.0.1:{server.server_port}"
    try:
        assert server.url == f"http://{host}/" and server.server_address[0] == "127.0.0.1"
        status, page = _request(server, "GET", "/", Host=host)
        assert status == 200 and b"<title>Review: kb.jsonl</title>" in page and b"http" not in page.split(b"<body>")[1]
        status, data = _request(server, "GET", "/api/overview", Host=host)
        assert status == 200 and [d["doc_id"] for d in json.loads(data)["documents"]] == ["a.txt", "b.txt"]
        status, data = _request(server, "GET", "/api/documents/7", Host=host)
        assert status == 404 and "the KB has 2" in json.loads(data)["error"]
        assert _request(server, "GET", "/api/overview", Host="evil.example:80")[0] == 403  # DNS rebinding
        claim = records[0]["id"]
        body = json.dumps({"decision": "accept", "claim": claim}).encode()
        assert _request(server, "POST", "/api/decisions", body, Host=host, **{"Content-Type": "text/plain"})[0] == 415
        cross = {"Content-Type": "application/json", "Origin": "http://evil.example"}
        assert _request(server, "POST", "/api/decisions", body, Host=host, **cross)[0] == 403
        ok = {"Content-Type": "application/json", "Origin": f"http://{host}"}
        status, data = _request(server, "POST", "/api/decisions", body, Host=host, **ok)
        assert status == 200 and json.loads(data)["lines"][0]["claim"] == claim
        status, data = _request(server, "POST", "/api/decisions", b"[1]", Host=host, **ok)
        assert status == 400 and json.loads(data)["error"] == "a decision is a JSON object"
    finally:
        server.shutdown()
        server.server_close()
        session.log.close()
    assert [line["claim"] for line in read_review(tmp_path / "kb.review.jsonl").lines] == [claim]
    assert os.stat(tmp_path / "kb.review.jsonl").st_size > 0


def test_an_add_snaps_to_word_edges_and_stays_within_a_paragraph(records, tmp_path):
    session = session_for(tmp_path, records)
    text = TEXTS["b.txt"]
    start, end = text.index("ards are full"), text.index(" every night") + len(" every nig")
    added = session.decide(
        {"decision": "add", "doc_id": "b.txt", "type": "quote", "start": start, "end": end,
         "text": text[start:end], "fields": {"quote_kind": "indirect"}}
    )  # fmt: skip
    assert added["lines"][0]["text"] == "wards are full every night"  # whole words, as every claim
    start, end = text.index("finance director"), text.index("the wards are full")
    with pytest.raises(RequestError, match="spans two paragraphs"):
        session.decide(
            {"decision": "add", "doc_id": "b.txt", "type": "quote", "start": start, "end": end,
             "text": text[start:end], "fields": {"quote_kind": "direct"}}
        )  # fmt: skip


def test_text_left_out_of_the_body_is_greyed_and_an_add_there_is_allowed_but_pointed_out(records, tmp_path):
    session = session_for(tmp_path, records)
    text = TEXTS["b.txt"]
    nurse = text.index("A nurse")
    body_start, body_end = text.index("The trust"), len(text)
    session.documents["b.txt"].update(
        body_start=body_start,
        body_end=body_end,
        body_spans=[[body_start, nurse]],
        skipped=[{"start": nurse, "end": body_end, "reason": "caption"}],
    )
    b = session.index_of("b.txt")
    document = session.document(b)
    assert html.unescape(re.sub(r"<[^>]+>", "", document["html"])) == text
    assert document["left_out"] == [
        [0, body_start, "before the article body"],
        [nurse, body_end, "skipped as page furniture: caption"],
    ]
    kept = nurse - body_start
    assert (
        document["body_note"]
        == f"1 range skipped (caption) · {kept} of {len(text)} characters kept as the article body"
    )
    assert '<span class="out" data-why="skipped as page furniture: caption"' in document["html"]
    assert all(c["left_out"] is None for c in document["claims"] if body_start <= c["start"] and c["end"] <= nurse)

    # A reviewer who thinks the finder was wrong adds the missed quote from the skipped line: it is
    # added (not refused), and the page is told it lies in text the run left out.
    start = text.index("the wards are full")
    end = text.index(" every night") + len(" every night")
    added = session.decide(
        {"decision": "add", "doc_id": "b.txt", "type": "quote", "start": start, "end": end,
         "text": text[start:end], "fields": {"speaker": "a nurse", "quote_kind": "indirect"}}
    )  # fmt: skip
    line = added["lines"][0]
    assert line["decision"] == "add" and "left_out" not in line  # the decisions file keeps its format
    claim = next(c for c in added["document"]["claims"] if c["id"] == line["claim"])
    assert claim["added"] and claim["left_out"] == "skipped as page furniture: caption"
    assert re.search(rf'<span class="out"[^>]*>[^<]*<mark [^>]*data-marks="{line["claim"]}"', added["document"]["html"])

    # The other document's entry has none of the keys (an older run): the whole text, as before.
    a = session.document(session.index_of("a.txt"))
    assert a["body_note"] is None and a["left_out"] == [] and 'class="out"' not in a["html"]
    assert all(c["left_out"] is None for c in a["claims"])


def test_the_page_carries_the_grey_styles():
    page = render_page("kb.jsonl", ["GBP"])
    assert ".text .out" in page and 'id="edit-note"' in page and 'id="doc-body"' in page
