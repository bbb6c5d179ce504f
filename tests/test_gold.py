"""A review becomes gold that `extract eval` reads, and scoring the KB against it gives back the
review: what was rejected is a false positive, what was added a miss, a corrected speaker a wrong one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import extract
from extract.cli import main
from extract.tools.evaluate import evaluate, load_gold
from extract.tools.export import export
from extract.tools.review.decisions import DecisionLog, addition, judgement, read_review, review_path
from extract.tools.review.fields import added_quote
from extract.tools.review.gold import counterexamples, gold_lines
from extract.tools.review.imports import annotation_review

from .conftest import SMALL_TEXTS
from .test_review import TEXTS, find, write_kb


@pytest.fixture(scope="module")
def records(nlp) -> list[dict]:
    return [r for doc_id, text in TEXTS.items() for r in extract.claims(text, nlp, doc_id=doc_id)]


def nurse_quote() -> dict:
    text = TEXTS["b.txt"]
    start = text.index("the wards are full")
    end = text.index(" every night") + len(" every night")
    given = {"speaker": "a nurse", "quote_kind": "indirect"}  # the page asks for a kind no marks show
    return addition("b.txt", "quote", start, end, text[start:end], {**added_quote(text, start, end), **given}, given)


def review_everything(records: list[dict], path: Path, speaker: str = "Union officials") -> dict[str, dict]:
    """Accept every claim but one stance (rejected) and one speaker (corrected), add the missed quote."""
    rejected = find(records, "stance", "deep cuts")
    corrected = find(records, "quote", "the cuts will hit 40 jobs")
    log = DecisionLog(path)
    for record in records:
        if record is rejected:
            log.append(judgement("reject", record))
        elif record is corrected:
            log.append(judgement("correct", record, {"speaker": speaker}))
        else:
            log.append(judgement("accept", record))
    log.append(nurse_quote())
    log.close()
    return {"rejected": rejected, "corrected": corrected}


def scores(gold_objects: list[dict], records: list[dict], tmp_path: Path, texts: dict[str, str] = TEXTS) -> dict:
    path = tmp_path / "gold.jsonl"
    path.write_text("".join(json.dumps(obj, ensure_ascii=False) + "\n" for obj in gold_objects), encoding="utf-8")
    return evaluate(load_gold(path), records, texts)["types"]


def test_eval_against_the_gold_gives_back_the_review(records, tmp_path):
    decided = review_everything(records, tmp_path / "kb.review.jsonl")
    review = read_review(tmp_path / "kb.review.jsonl")
    lines, summary = gold_lines(records, review, TEXTS.get)
    assert [line["doc"] for line in lines] == ["a.txt", "b.txt"] and summary.undecided == 0
    union = next(q for q in lines[0]["quotes"] if q["content"].startswith("the cuts will hit"))
    assert union["speaker"] == "Union officials" and union["kind"] == decided["corrected"]["quote_kind"]
    assert {
        "speaker": "a nurse",
        "content": "the wards are full every night",
        "kind": "indirect",
        "cue": None,
    } in lines[1]["quotes"]
    quotes = sum(r["type"] == "quote" for r in records)
    stances = sum(r["type"] == "stance" for r in records)
    types = scores(lines, records, tmp_path)
    assert (types["quote"]["tp"], types["quote"]["fp"], types["quote"]["fn"]) == (quotes, 0, 1)
    assert decided["corrected"]["speaker"] != "Union officials"
    assert types["quote"]["speaker_accuracy"] == pytest.approx((quotes - 1) / quotes)
    assert (types["stance"]["tp"], types["stance"]["fp"], types["stance"]["fn"]) == (stances - 1, 1, 0)
    for kind in ("money", "count"):
        assert (types[kind]["fn"], types[kind]["fp"], types[kind]["value_accuracy"]) == (0, 0, 1.0)
    assert counterexamples(review) == [
        {"rule": decided["rejected"]["rule"], "counterexamples": [" ".join(decided["rejected"]["sentence"].split())]}
    ]


def test_undecided_claims_and_unreviewed_documents(records, tmp_path):
    path = tmp_path / "kb.review.jsonl"
    log = DecisionLog(path)
    log.append(judgement("accept", find(records, "money", "£3.5m")))  # one decision: a.txt is reviewed, b.txt not
    log.close()
    review = read_review(path)
    dropped, summary = gold_lines(records, review, TEXTS.get)
    in_a = [r for r in records if r["doc_id"] == "a.txt"]
    assert [line["doc"] for line in dropped] == ["a.txt"] and summary.undecided == len(in_a) - 1
    assert dropped[0]["money"] == [{"text": "£3.5m", "amount": 3500000, "amount_high": None, "currency": "GBP"}]
    assert dropped[0]["quotes"] == [] and dropped[0]["counts"] == []
    kept, summary = gold_lines(records, review, TEXTS.get, undecided="accept")
    assert sum(len(kept[0][key]) for key in ("quotes", "money", "counts", "stance")) == len(in_a)
    with pytest.raises(ValueError, match="undecided claims are either drop or accept"):
        gold_lines(records, review, TEXTS.get, undecided="maybe")


def test_a_string_found_earlier_is_lengthened_until_eval_places_it(records, tmp_path):
    text = "It costs £5m now. Later it costs £5m more.\n"
    first, second = (text.index("£5m"), text.index("£5m", 10))
    claims = [
        {**find(records, "money", "£3.5m"), "doc_id": "c.txt", "id": f"m_{start}", "start": start,
         "end": start + 3, "text": "£5m", "amount": 5000000}
        for start in (first, second)
    ]  # fmt: skip
    log = DecisionLog(tmp_path / "kb.review.jsonl")
    log.append(judgement("reject", claims[0]))
    log.append(judgement("accept", claims[1]))
    log.close()
    lines, _ = gold_lines(claims, read_review(tmp_path / "kb.review.jsonl"), {"c.txt": text}.get)
    assert lines[0]["money"][0]["text"] == "£5m m"  # "£5m " still occurs first at the rejected one
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(lines[0]) + "\n", encoding="utf-8")
    types = evaluate(load_gold(path), claims, {"c.txt": text})["types"]
    assert (types["money"]["tp"], types["money"]["fp"], types["money"]["fn"]) == (1, 1, 0)
    assert types["money"]["false_positives"][0]["start"] == first


def test_gold_command_writes_gold_and_counterexamples_and_lists_a_reruns_changes(records, tmp_path):
    kb = write_kb(tmp_path, records)
    runner = CliRunner()
    nothing = runner.invoke(main, ["gold", str(kb), "-o", str(tmp_path / "gold.jsonl")])
    assert nothing.exit_code == 2 and "no decisions yet" in nothing.stderr and "extract review" in nothing.stderr
    decided = review_everything(records, review_path(kb))
    # A re-run after a pattern edit: one decided claim is gone, one has another speaker.
    gone = find(records, "count", "40 jobs")
    rerun = [
        {**r, "speaker": "Jane Smyth"} if r["speaker"] == "Jane Smith" and r["type"] == "quote" else r for r in records
    ]
    kb.write_text("".join(json.dumps(r) + "\n" for r in rerun if r is not gone), encoding="utf-8")
    changed = sum(r["speaker"] == "Jane Smith" and r["type"] == "quote" for r in records)
    gold_file, rejected_file = tmp_path / "gold.jsonl", tmp_path / "rejected.jsonl"
    result = runner.invoke(main, ["gold", str(kb), "-o", str(gold_file), "--counterexamples", str(rejected_file)])
    assert result.exit_code == 0, result.stderr
    assert f"1 decided claims no longer in the KB, {changed} changed since decided" in result.stderr
    assert "2 reviewed documents" in result.stderr and "0 undecided claims dropped" in result.stderr
    gold = [json.loads(line) for line in gold_file.read_text(encoding="utf-8").splitlines()]
    assert any(c["text"] == "40 jobs" for c in gold[0]["counts"])  # the reviewer's decision still counts
    assert [json.loads(line)["rule"] for line in rejected_file.read_text(encoding="utf-8").splitlines()] == [
        decided["rejected"]["rule"]
    ]
    report = runner.invoke(main, ["eval", str(gold_file), str(tmp_path / "articles"), "--kb", str(kb), "--json"])
    assert report.exit_code == 0, report.stderr
    types = json.loads(report.stdout)["types"]
    assert types["count"]["fn"] == 1  # the claim the re-run lost is a miss
    jane = sum(r["speaker"] == "Jane Smith" for r in records if r["type"] == "quote")
    assert types["quote"]["speaker_accuracy"] == pytest.approx((types["quote"]["tp"] - jane - 1) / types["quote"]["tp"])


# Round trip through the annotation tools: export, edit as an annotator would in each tool (delete
# the headline's stance, point the "Union" quote at another SPEAKER span, add the missed quote with
# its speaker), read the tool's export back, and get the same gold as the browser review gives.
def _prodigy_edit(tasks: list[dict], text: dict[str, str]) -> list[dict]:
    def span(task: dict, start: int, end: int, name: str) -> dict:
        first = next(t["id"] for t in task["tokens"] if t["start"] == start)
        last = next(t["id"] for t in task["tokens"] if t["end"] == end)
        return {"start": start, "end": end, "label": name, "token_start": first, "token_end": last}

    def said_by(task: dict, quote: dict, speaker: dict) -> None:
        task["relations"] = [r for r in task["relations"] if r["head_span"]["start"] != quote["start"]]
        ends = ("start", "end", "token_start", "token_end", "label")
        task["relations"].append(
            {"head": quote["token_end"], "child": speaker["token_end"], "label": "SAID_BY",
             "head_span": {k: quote[k] for k in ends}, "child_span": {k: speaker[k] for k in ends}}
        )  # fmt: skip

    a, b = tasks
    a["spans"] = [s for s in a["spans"] if s["text"] != "deep cuts"]
    union = next(s for s in a["spans"] if "the cuts will hit" in s["text"])
    council = span(a, *_at(text["a.txt"], "Northshire Council"), "SPEAKER")
    a["spans"].append(council)
    said_by(a, union, council)
    nurse, speaker = (
        span(b, *_at(text["b.txt"], "the wards are full every night"), "QUOTE"),
        span(b, *_at(text["b.txt"], "A nurse"), "SPEAKER"),
    )
    b["spans"] += [nurse, speaker]
    said_by(b, nurse, speaker)
    return [{**task, "answer": "accept"} for task in tasks]


def _doccano_edit(tasks: list[dict], text: dict[str, str]) -> list[dict]:
    def entity(task: dict, start: int, end: int, name: str) -> dict:
        new = {"id": 100 + len(task["entities"]), "label": name, "start_offset": start, "end_offset": end}
        task["entities"].append(new)
        return new

    a, b = tasks
    deep = next(e for e in a["entities"] if text["a.txt"][e["start_offset"] : e["end_offset"]] == "deep cuts")
    a["entities"].remove(deep)
    union = next(e for e in a["entities"] if text["a.txt"][e["start_offset"] :].startswith("the cuts will hit"))
    council = entity(a, *_at(text["a.txt"], "Northshire Council"), "SPEAKER")
    a["relations"] = [r for r in a["relations"] if r["from_id"] != union["id"]]
    a["relations"].append({"id": 99, "from_id": union["id"], "to_id": council["id"], "type": "SAID_BY"})
    nurse = entity(b, *_at(text["b.txt"], "the wards are full every night"), "QUOTE")
    speaker = entity(b, *_at(text["b.txt"], "A nurse"), "SPEAKER")
    b["relations"].append({"id": 99, "from_id": nurse["id"], "to_id": speaker["id"], "type": "SAID_BY"})
    return tasks


def _label_studio_edit(tasks: list[dict], text: dict[str, str]) -> list[dict]:
    def region(name: str, start: int, end: int, kind: str) -> dict:
        value = {"start": start, "end": end, "text": "", "labels": [kind]}
        return {"id": name, "from_name": "label", "to_name": "text", "type": "labels", "value": value}

    def relation(source: str, target: str) -> dict:
        return {"from_id": source, "to_id": target, "type": "relation", "direction": "right", "labels": ["SAID_BY"]}

    a, b = ([*task["predictions"][0]["result"]] for task in tasks)
    a = [r for r in a if r.get("value", {}).get("text") != "deep cuts"]
    union = next(r for r in a if r.get("value", {}).get("text", "").startswith("the cuts will hit"))
    a = [r for r in a if r.get("from_id") != union["id"]]
    a += [region("council", *_at(text["a.txt"], "Northshire Council"), "SPEAKER"), relation(union["id"], "council")]
    b += [region("nurse", *_at(text["b.txt"], "the wards are full every night"), "QUOTE")]
    b += [region("a-nurse", *_at(text["b.txt"], "A nurse"), "SPEAKER"), relation("nurse", "a-nurse")]
    for task, result in zip(tasks, (a, b), strict=True):
        task["annotations"] = [{"id": 1, "result": result}]
    return tasks


def _at(text: str, part: str) -> tuple[int, int]:
    return text.index(part), text.index(part) + len(part)


@pytest.mark.parametrize(
    "fmt, edit",
    [("prodigy", _prodigy_edit), ("doccano", _doccano_edit), ("label-studio", _label_studio_edit)],
)
def test_corrections_made_in_an_annotation_tool_come_back_through_gold(records, tmp_path, fmt, edit):
    kb = write_kb(tmp_path, records)
    exported = tmp_path / f"tasks.{fmt}"
    export(records, TEXTS, fmt, exported)
    text = exported.read_text(encoding="utf-8")
    tasks = json.loads(text) if fmt == "label-studio" else [json.loads(line) for line in text.splitlines()]
    annotated = tmp_path / f"annotated.{fmt}"
    edited = edit(tasks, TEXTS)
    annotated.write_text(
        json.dumps(edited) if fmt == "label-studio" else "".join(json.dumps(t) + "\n" for t in edited), encoding="utf-8"
    )
    gold_file = tmp_path / "gold.jsonl"
    result = CliRunner().invoke(main, ["gold", str(kb), "--annotations", str(annotated), "-o", str(gold_file)])
    assert result.exit_code == 0, result.stderr
    from_tool = [json.loads(line) for line in gold_file.read_text(encoding="utf-8").splitlines()]

    review_everything(records, tmp_path / "browser.review.jsonl", speaker="Northshire Council")
    from_browser, _ = gold_lines(records, read_review(tmp_path / "browser.review.jsonl"), TEXTS.get)
    for obj in from_browser:
        for quote in obj["quotes"]:
            if quote["content"] == "the wards are full every night":
                quote["speaker"] = "A nurse"  # the tool gives the mention's words
    assert from_tool == from_browser


def test_an_untouched_export_reads_back_as_all_accepted(small_kb, tmp_path):
    """Offsets come back from UTF-16 exactly: the emoji before the first claim shifts nothing."""
    for fmt in ("doccano", "label-studio", "prodigy"):
        out = tmp_path / fmt
        export(small_kb, SMALL_TEXTS, fmt, out)
        text = out.read_text(encoding="utf-8")
        tasks = json.loads(text) if fmt == "label-studio" else [json.loads(line) for line in text.splitlines()]
        for task in tasks:
            if fmt == "label-studio":
                task["annotations"] = [{"result": task["predictions"][0]["result"]}]
        review = annotation_review(tasks, small_kb, SMALL_TEXTS.get)
        assert {line["decision"] for line in review.lines} == {"accept"}, fmt
        assert len(review.lines) == len(small_kb)


def test_gold_from_an_untouched_export_scores_exactly_one(corpus_records, tmp_path):
    """Every claim of the corpus run, accepted as it is, is gold that the run matches exactly."""
    texts = {doc_id: text for doc_id, (text, _) in corpus_records.items()}
    records = [r for _, recs in corpus_records.values() for r in recs]
    out = tmp_path / "tasks.jsonl"
    export(records, texts, "prodigy", out)
    tasks = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    lines, _ = gold_lines(records, annotation_review(tasks, records, texts.get), texts.get)
    for kind, score in scores(lines, records, tmp_path, texts).items():
        assert (score["precision"], score["recall"]) == (1.0, 1.0), (kind, score["false_positives"], score["misses"])

