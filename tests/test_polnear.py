"""``extract eval --polnear``: PolNeAR's brat layout and the development sets' quote protocol.

Unit tests use small brat folders written to tmp_path; the integration tests read
``../shared/dev/polnear`` (beside the checkout, as CI has it) and check the figures against the
reference scorer, and skip where it is absent.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from extract.cli import main
from extract.tools.polnear import Attribution, BratDoc, format_polnear, parse_ann, read_brat, score_polnear

from .shared import SHARED, reference_tool

POLNEAR = SHARED / "dev" / "polnear"
DEV = POLNEAR / "data" / "dev"

# --- reading .ann files ---------------------------------------------------------------------------

ANN_TEXT = 'Trump said "we will win" and added "big."'  # 41 characters


@pytest.mark.parametrize(
    "lines, expected",
    [
        (  # one attribution, roles in any order
            [
                "T1\tSource 0 5\tTrump",
                "T2\tCue 6 10\tsaid",
                'T3\tContent 11 23\t"we will win"',
                "T4\tAttribution 6 10\tsaid",
                "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1",
            ],
            [Attribution("E1", ((0, 5),), ((6, 10),), ((11, 23),))],
        ),
        (  # a discontinuous content, and a second content role (Content2), flattened in order
            [
                'T1\tContent 11 15;35 41\t"we big."',
                'T2\tContent 16 23\twin"',
                "T3\tAttribution 6 10\tsaid",
                "E1\tAttribution:T3 Content:T1 Content2:T2",
            ],
            [Attribution("E1", (), (), ((11, 15), (35, 41), (16, 23)))],
        ),
        (  # notes, relations, comments and a span text's continuation line are skipped
            [
                "#1\tAnnotatorNotes T1\tnote",
                "R1\tRel Arg1:T1 Arg2:T1",
                "A1\tFlag T1",
                "T1\tSource 0 5\tTr",
                "ump",
                "",
                "E1\tAttribution-no-source:T1 Source:T1",
            ],
            [Attribution("E1", ((0, 5),), (), ())],
        ),
        (["T1\tSource 0 5\tTrump"], []),  # spans alone are no attribution
    ],
)
def test_ann_files_give_attributions(lines, expected):
    assert list(parse_ann("\n".join(lines) + "\n", len(ANN_TEXT))) == expected


@pytest.mark.parametrize(
    "line, problem",
    [
        ("T1\tSource 0 5", "a span line is ID<TAB>LABEL START END"),
        ("T1\tSource\tTrump", "a span line is ID<TAB>LABEL START END"),
        ("T1\tSource 0 x\tTrump", "span offsets '0 x' are not START END"),
        ("T1\tSource 0 5;6\tTrump", "span offsets '6' are not START END"),
        ("T1\tSource 30 50\tTrump", "span 30-50 is outside the 41-character text"),
        ("E2\tAttribution:T1 Source", "event argument 'Source' is not ROLE:ID"),
        ("E2\tAttribution:T1 Source:T9", "event E2 refers to T9, a span the file does not define"),
    ],
)
def test_a_malformed_ann_line_names_file_line_and_problem(line, problem):
    content = f"T1\tSource 0 5\tTrump\n{line}\n"
    with pytest.raises(ValueError) as err:
        parse_ann(content, len(ANN_TEXT), "a_4e07.ann")
    assert str(err.value).startswith("a_4e07.ann:2: ") and problem in str(err.value)


# --- reading a folder -----------------------------------------------------------------------------

ONE = "E1\tAttribution:T2 Source:T1 Content:T3\nT1\tSource 0 5\tTrump\nT2\tCue 6 10\tsaid\nT3\tContent 11 23\tx\n"


def brat(folder: Path, texts: dict[str, str], anns: dict[str, str]) -> Path:
    """A compartment with ``text/<name>.txt`` and ``attributions/<name>.ann``."""
    for sub, files, ext in (("text", texts, "txt"), ("attributions", anns, "ann")):
        (folder / sub).mkdir(parents=True, exist_ok=True)
        for name, content in files.items():
            (folder / sub / f"{name}.{ext}").write_text(content, encoding="utf-8")
    return folder


def test_a_folder_gives_one_annotators_file_per_annotated_article(tmp_path):
    folder = brat(
        tmp_path,
        {"b": ANN_TEXT, "a": ANN_TEXT, "unannotated": ANN_TEXT},
        {"b_4e07": ONE, "a_ef2d": "", "a_0a1b": ONE, ".hidden_0000": "garbage", "a_ffff": "garbage"},
    )
    docs = read_brat(folder)
    assert [d.doc_id for d in docs] == ["a", "b"]
    assert docs[0].text == ANN_TEXT and len(docs[0].attributions) == 1  # a_0a1b, first by name
    assert docs[1].attributions[0].source == ((0, 5),)


@pytest.mark.parametrize(
    "texts, anns, problem",
    [
        ({}, {"a_4e07": ONE}, "a_4e07.ann: no text file"),
        ({"a": ANN_TEXT}, {}, "attributions: no .ann files"),
        ({"a": "short"}, {"a_4e07": ONE}, "a_4e07.ann:3: span 6-10 is outside the 5-character text"),
    ],
)
def test_a_broken_folder_names_the_file(tmp_path, texts, anns, problem):
    with pytest.raises(ValueError, match=problem):
        read_brat(brat(tmp_path, texts, anns))


def test_a_file_that_is_not_utf8_is_named(tmp_path):
    folder = brat(tmp_path, {"a": ANN_TEXT}, {"a_4e07": ONE})
    (folder / "text" / "a.txt").write_bytes("Trump said “x”".encode("cp1252"))
    with pytest.raises(ValueError, match=r"a\.txt: not UTF-8 \(invalid start byte at byte 11\)"):
        read_brat(folder)


def test_a_folder_without_the_layout_is_refused(tmp_path):
    with pytest.raises(ValueError, match="not a brat folder"):
        read_brat(tmp_path)


# --- the protocol ---------------------------------------------------------------------------------

TEXT = 'Trump said "we will win big" today. Clinton said the plan was bad. "It is over," she added, "for good."'


def spans(*subs: str) -> tuple[tuple[int, int], ...]:
    return tuple((TEXT.index(s), TEXT.index(s) + len(s)) for s in subs)


GOLD = BratDoc(
    "art",
    TEXT,
    (
        Attribution("E1", spans("Trump"), spans("said"), spans('"we will win big"')),
        Attribution("E2", spans("Clinton"), (), spans("the plan was bad")),  # indirect: not a gold quote
        Attribution("E3", spans("she"), spans("added"), spans('"It is over,"', '"for good."')),
        Attribution("E4", (), (), spans('"we will')),  # no source: found, but no speaker to score
    ),
)


def quote(sub: str, mention: str | None = None, doc_id: str = "art.txt", **extra) -> dict:
    """A quote record spanning ``sub`` in TEXT, its speaker mention at ``mention``."""
    start = TEXT.index(sub)
    speaker = {}
    if mention is not None:
        s = TEXT.index(mention)
        speaker = {"speaker_start": s, "speaker_end": s + len(mention), "speaker_mention": mention}
    return {"type": "quote", "doc_id": doc_id, "start": start, "end": start + len(sub), **speaker, **extra}


@pytest.mark.parametrize(
    "records, gold, pred, found, right, speaker_n, speaker_right",
    [
        ([], 3, 0, 0, 0, 0, 0),
        # every gold quote, speakers right (E4 is found by the first prediction too: not one to one)
        ([quote('"we will win big"', "Trump"), quote('"It is over," she added, "for good."', "she")], 3, 2, 3, 2, 2, 2),
        # one fragment of an interrupted quote is enough when it covers 30% of the content
        ([quote('"It is over,"', "she")], 3, 1, 1, 1, 1, 1),
        ([quote('"for goo', "she")], 3, 1, 1, 1, 1, 1),  # 8 of 24 characters
        ([quote('"for go', "she")], 3, 1, 0, 1, 0, 0),  # 7 of 24: missed, yet inside gold
        # precision: half inside any gold content, indirect speech too
        ([quote("the plan was bad. ")], 3, 1, 0, 1, 0, 0),  # 16 of 18 inside
        ([quote("said the p")], 3, 1, 0, 1, 0, 0),  # 5 of 10 inside
        ([quote("said the ")], 3, 1, 0, 0, 0, 0),  # 4 of 9 inside
        ([quote("today. Clinton said")], 3, 1, 0, 0, 0, 0),
        # the speaker mention must overlap the gold source; no mention is an error
        ([quote('"we will win big"', "Clinton")], 3, 1, 2, 1, 1, 0),
        ([quote('"we will win big"')], 3, 1, 2, 1, 1, 0),
        # the best prediction decides the speaker: the larger share, the first in KB order among equals
        ([quote('"we will', "Clinton"), quote('"we will win big"', "Trump")], 3, 2, 2, 2, 1, 1),
        ([quote('"we will win big"', "Clinton"), quote('"we will win big"', "Trump")], 3, 2, 2, 2, 1, 0),
        # records of other articles and other types are not scored; a doc_id in a folder is its stem
        (
            [quote('"we will win big"', "Trump", doc_id="other.txt"), {**quote("Trump"), "type": "money"}],
            3,
            0,
            0,
            0,
            0,
            0,
        ),
        ([quote('"we will win big"', "Trump", doc_id="text/art.txt")], 3, 1, 2, 1, 1, 1),
    ],
)
def test_the_protocol(records, gold, pred, found, right, speaker_n, speaker_right):
    q = score_polnear([GOLD], records)["types"]["quote"]
    counts = (q["gold"], q["predicted"], q["found"], q["right"], q["speaker_n"], q["speaker_right"])
    assert counts == (gold, pred, found, right, speaker_n, speaker_right)
    assert (len(q["misses"]), len(q["false_positives"])) == (gold - found, pred - right)
    assert len(q["speaker_errors"]) == speaker_n - speaker_right


def test_scores_and_speaker_errors_in_the_report():
    records = [quote('"we will win big"', "Clinton", speaker="Hillary Clinton"), quote("today. Clinton said")]
    report = score_polnear([GOLD], records)
    q = report["types"]["quote"]
    assert (q["precision"], q["recall"], q["f1"], q["speaker_accuracy"]) == pytest.approx((0.5, 2 / 3, 4 / 7, 0.0))
    start = TEXT.index('"we will win big"')
    assert q["speaker_errors"] == [
        {
            "doc": "art",
            "start": start,
            "end": start + 17,
            "text": '"we will win big"',
            "predicted_start": start,
            "predicted_end": start + 17,
            "gold_speaker": "Trump",
            "gold_speaker_start": 0,
            "gold_speaker_end": 5,
            "predicted_speaker": "Clinton",
            "predicted_speaker_start": TEXT.index("Clinton"),
            "predicted_speaker_end": TEXT.index("Clinton") + 7,
            "predicted_speaker_name": "Hillary Clinton",
        }
    ]
    assert q["misses"] == [
        {
            "doc": "art",
            "start": 67,
            "end": TEXT.index("for good") + 10,
            "text": '"It is over," "for good."',
            "covered": 0.0,
        }
    ]
    assert q["false_positives"][0]["text"] == "today. Clinton said"
    assert json.loads(json.dumps(report)) == report
    lines = format_polnear(report).splitlines()
    assert lines[1].split() == ["type", "gold", "pred", "found", "right", "P", "R", "F1", "speaker"]
    assert lines[2].split() == ["quote", "3", "2", "2", "1", "0.500", "0.667", "0.571", "0.000", "(0", "of", "1)"]
    assert lines[3:] == ["documents: 1", "speaker errors: 1 (listed with --json)"]


@pytest.mark.parametrize("bad", [{"start": None}, {"end": 10_000}, {"start": 5, "end": 5}])
def test_records_that_cannot_be_scored_are_errors(bad):
    report = score_polnear([GOLD], [{**quote('"we will win big"', "Trump"), **bad, "id": "q_bad"}])
    assert report["types"]["quote"]["predicted"] == 0
    assert len(report["errors"]) == 1 and report["errors"][0].startswith("art.txt: record q_bad: ")


# --- the command ----------------------------------------------------------------------------------


@pytest.fixture
def small_brat(tmp_path) -> tuple[Path, Path]:
    ann = "".join(
        f"T{i}\t{label} {s} {e}\tx\n"
        for i, (label, (s, e)) in enumerate(
            [("Source", spans("Trump")[0]), ("Content", spans('"we will win big"')[0])], 1
        )
    )
    folder = brat(tmp_path / "dev", {"art": TEXT}, {"art_4e07": ann + "E1\tAttribution:T1 Source:T1 Content:T2\n"})
    kb = tmp_path / "kb.jsonl"
    kb.write_text(json.dumps(quote('"we will win big"', "she")) + "\n", encoding="utf-8")
    return folder, kb


@pytest.mark.parametrize("how", [["--polnear", "{dir}"], ["{dir}"]])
def test_eval_reads_a_brat_folder_given_either_way(small_brat, how):
    folder, kb = small_brat
    args = ["eval", *(a.format(dir=folder) for a in how), "--kb", str(kb)]
    table = CliRunner().invoke(main, args)
    assert table.exit_code == 0, table.stderr
    assert "speaker errors: 1" in table.stdout
    report = json.loads(CliRunner().invoke(main, [*args, "--json"]).stdout)
    q = report["types"]["quote"]
    assert (report["protocol"], q["found"], q["speaker_accuracy"]) == ("polnear", 1, 0.0)
    assert q["speaker_errors"][0]["gold_speaker"] == "Trump" and q["speaker_errors"][0]["predicted_speaker"] == "she"


@pytest.mark.parametrize(
    "args, problem",
    [
        (["--polnear", "{dir}", "{kb}"], "takes no GOLD or PATHS"),
        (["{dir}", "{kb}"], "a brat folder takes no PATHS"),
        (["{parent}"], "not a brat folder (no text/ and attributions/ in it); did you mean {dir}?"),
        (["--polnear", "{dir}/text"], "not a brat folder"),
        ([], "no gold given"),
    ],
)
def test_eval_usage_errors_say_what_to_do(small_brat, args, problem):
    folder, kb = small_brat
    values = {"dir": folder, "kb": kb, "parent": folder.parent}
    result = CliRunner().invoke(main, ["eval", *(a.format(**values) for a in args), "--kb", str(kb)])
    assert result.exit_code == 2
    assert problem.format(**values) in result.stderr and len(result.stderr.splitlines()) == 1


# --- against PolNeAR itself -----------------------------------------------------------------------

needs_polnear = pytest.mark.skipif(not (DEV.is_dir() and (SHARED / "tools").is_dir()), reason="../shared is absent")


@needs_polnear
def test_the_reader_agrees_with_the_reference_loader_on_the_whole_dev_set():
    reference = {
        art: (
            text,
            [(a["id"], *(tuple(se for f in a[r] for se in f) for r in ("source", "cue", "content"))) for a in atts],
        )
        for art, text, atts in reference_tool("polnear_load").load(str(POLNEAR), "dev")
    }
    ours = {d.doc_id: (d.text, [(a.id, a.source, a.cue, a.content) for a in d.attributions]) for d in read_brat(DEV)}
    assert ours == reference and len(ours) == 84


@needs_polnear
def test_eval_without_a_kb_runs_the_pipeline_and_agrees_with_the_reference_scorer(tmp_path, nlp):
    """Three dev articles (the first of them annotated by six annotators), copied to a tmp compartment."""
    folder = tmp_path / "data" / "dev"
    anns = sorted((DEV / "attributions").glob("*.ann"))
    picked = [a for a in anns if a.name.startswith("politico_2016-09-08_flynn")] + anns[:2]
    for sub in ("text", "attributions"):
        (folder / sub).mkdir(parents=True)
    for ann in picked:
        shutil.copy(ann, folder / "attributions")
        article = ann.stem.rsplit("_", 1)[0]
        shutil.copy(DEV / "text" / f"{article}.txt", folder / "text")
    result = CliRunner().invoke(main, ["eval", "--polnear", str(folder), "--json"])
    assert result.exit_code == 0, result.stderr
    ours = json.loads(result.stdout)["types"]["quote"]

    from extract.kb.io import write_jsonl
    from extract.run.extraction import extract_many

    items = [(p.name, p.read_text(encoding="utf-8")) for p in sorted((folder / "text").glob("*.txt"))]
    kb = tmp_path / "kb.jsonl"
    with kb.open("w", encoding="utf-8") as handle:
        write_jsonl((r for _, _, _, recs in extract_many(nlp, items) for r in recs), handle)
    scorer = reference_tool("score_polnear")
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr("builtins.print", lambda *a, **k: None)
        theirs = scorer.main([str(tmp_path), "dev", str(kb)])
    assert theirs["gold"] > 0 and theirs["speaker_n"] > 0
    assert (ours["gold"], ours["predicted"], ours["speaker_n"]) == (theirs["gold"], theirs["pred"], theirs["speaker_n"])
    for key, their_key in (("precision", "p"), ("recall", "r"), ("f1", "f1"), ("speaker_accuracy", "speaker_acc")):
        assert round(ours[key], 4) == theirs[their_key], key
