"""The run's entities: clusters of several documents join into one entity only where one person
or organisation fits, the file follows its schema, records carry the ids, and the speakers index
reads it."""

from __future__ import annotations

import json
from importlib.resources import files
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from extract.cli import main
from extract.kb.entities import Cluster, corpus_entities, entity_id
from extract.kb.names import NameLists, affiliation, shipped_name_lists

LISTS = NameLists(
    titles=shipped_name_lists().titles,
    posts=shipped_name_lists().posts,
    first_names={"marta": "f", "tomas": "m", "ada": "f", "felix": "m", "rosa": "f"},
)


def cluster(doc: str, name: str, kind: str = "person", gender: str | None = None, at: int = 0) -> Cluster:
    return Cluster(doc, name, kind, [(at, at + len(name))], gender=gender)


def rows_of(*clusters: Cluster) -> list[list[str]]:
    """Each entity as its names (canonical first, then aliases)."""
    return [[row["name"], *row["aliases"]] for row in corpus_entities(list(clusters), LISTS).rows]


# (case, clusters in KB order, entities as [canonical, aliases...])
JOINS = [
    (
        "surname-joins-the-full-name-its-document-writes",
        [cluster("a", "Marta Quill"), cluster("a", "Quill", at=40)],
        [["Marta Quill", "Quill"]],
    ),
    (
        "surname-joins-the-one-full-name-of-the-run",
        [cluster("a", "Marta Quill"), cluster("b", "Marta Quill"), cluster("c", "Quill")],
        [["Marta Quill", "Quill"]],
    ),
    (
        "spellings-of-one-name-are-one-person",
        [cluster("a", "Ada J. Okafor"), cluster("b", "Ada Okafor"), cluster("c", "Ada Okafor"), cluster("d", "Okafor")],
        [["Ada Okafor", "Ada J. Okafor", "Okafor"]],
    ),
    (
        "two-people-of-one-surname-keep-the-surname-apart",
        [cluster(d, n) for d in "ab" for n in ("Felix Varga", "Rosa Varga")] + [cluster("c", "Varga")],
        [["Felix Varga"], ["Rosa Varga"], ["Varga"]],
    ),
    (
        "a-title-says-which-of-two",
        [cluster(d, n) for d in "ab" for n in ("Felix Varga", "Rosa Varga")] + [cluster("c", "Varga", gender="f")],
        [["Felix Varga"], ["Rosa Varga", "Varga"]],
    ),
    (
        "a-son-stays-apart-from-his-father",
        [cluster(d, n) for d in "ab" for n in ("Tomas Brandt", "Tomas Brandt Jr.")] + [cluster("c", "Brandt")],
        [["Tomas Brandt"], ["Tomas Brandt Jr."], ["Brandt"]],
    ),
    (
        "a-full-name-one-article-writes-once-attracts-no-surname",
        [cluster("a", "Marta Quill"), cluster("b", "Quill")],
        [["Marta Quill"], ["Quill"]],
    ),
    (
        "a-headline-word-before-a-known-name",
        [cluster("a", "Ada Okafor"), cluster("b", "Ada Okafor"), cluster("c", "Beleaguered Ada Okafor")],
        [["Ada Okafor", "Beleaguered Ada Okafor"]],
    ),
    (
        "a-person-the-model-took-for-an-organisation",
        [cluster("a", "Felix Varga"), cluster("a", "Varga", "organisation", at=50)],
        [["Felix Varga", "Varga"]],
    ),
    (
        "an-organisation-joins-only-its-own-name",
        [cluster("a", "Harbour Trust", "organisation"), cluster("b", "Harbour Trust", "organisation")],
        [["Harbour Trust"]],
    ),
    (
        "an-acronym-joins-the-one-name-of-its-initials",
        [
            cluster("a", "Northern Rail Authority", "organisation"),
            cluster("b", "NRA", "organisation"),
            cluster("c", "N.R.A.", "organisation"),
        ],
        [["Northern Rail Authority", "N.R.A.", "NRA"]],
    ),
    (
        "an-acronym-of-two-names-stays-apart",
        [
            cluster("a", "Northern Rail Authority", "organisation"),
            cluster("b", "National Rifle Association", "organisation"),
            cluster("c", "NRA", "organisation"),
        ],
        [["Northern Rail Authority"], ["National Rifle Association"], ["NRA"]],
    ),
    (
        "a-person-and-an-organisation-of-one-name-stay-apart",
        [cluster("a", "Harbour", "organisation"), cluster("b", "Harbour")],
        [["Harbour"], ["Harbour"]],
    ),
]


@pytest.mark.parametrize(("clusters", "expected"), [pytest.param(c, e, id=i) for i, c, e in JOINS])
def test_clusters_join_only_where_one_entity_fits(clusters, expected):
    assert rows_of(*clusters) == expected


def test_ids_are_digests_of_kind_and_name_and_every_cluster_finds_its_own():
    found = corpus_entities([cluster("a", "Marta Quill"), cluster("a", "Quill"), cluster("b", "Quill", "organisation")])
    person, organisation = found.rows
    assert person["id"] == entity_id("person", "Marta Quill") and person["id"].startswith("e_")
    assert found.id_of("a", "Quill") == person["id"] and found.id_of("b", "Quill") == organisation["id"]
    assert found.id_of("b", "Marta Quill") is None and found.id_of("a", None) is None
    assert found.fuller("a", "Quill") == "Marta Quill" and found.fuller("b", "Quill") == "Quill"


# (case, role and organisation as a record has them, as an entity or the speakers index gives them)
AFFILIATIONS = [
    ("a-word-that-is-no-role", ("times", None), (None, None)),
    ("a-role-word-in-the-role", ("former port director", None), ("former port director", None)),
    ("a-title-as-the-organisation", (None, "Dr."), ("Dr.", None)),
    ("a-post-after-the-organisation", (None, "Assembly Speaker"), ("Speaker", "Assembly")),
    ("a-title-ending-a-company-name-stays", (None, "Burger King"), (None, "Burger King")),
    ("a-plural-role", ("party senators", "Greens"), ("party senators", "Greens")),
    ("a-role-modifier-as-the-organisation", ("former mayor", "Former"), ("former mayor", None)),
    ("a-role-modifier-before-the-organisation", ("chair", "Interim Port Board"), ("chair", "Port Board")),
]


@pytest.mark.parametrize(("written", "expected"), [pytest.param(w, e, id=i) for i, w, e in AFFILIATIONS])
def test_roles_and_organisations_come_only_from_their_words(written, expected):
    lists = shipped_name_lists()
    assert affiliation(*written, lists.titles, lists) == expected


ARTICLES = {
    "one.txt": "Marta Quill runs the Harbour Trust.\n\n“We will reopen the dock in May,” Marta Quill said.\n\n"
    "Quill added that the Northern Rail Authority (NRA) had agreed.\n",
    "two.txt": "“The dock matters to every family here,” said Marta Quill, who chairs the Harbour Trust.\n",
    "three.txt": "“Nobody asked us,” Quill said of the plan.\n\nThe NRA declined to comment.\n",
}


@pytest.fixture(scope="module")
def run_folder(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("entities")
    (folder / "news").mkdir()
    for name, text in ARTICLES.items():
        (folder / "news" / name).write_text(text, encoding="utf-8")
    for workers in ("1", "2"):
        out = str(folder / f"kb{workers}.jsonl")
        result = CliRunner().invoke(main, ["run", str(folder / "news"), "-o", out, "-q", "--no-cache", "-w", workers])
        assert result.exit_code == 0, result.stderr
    return folder


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_the_entities_file_follows_its_schema_and_is_the_same_bytes_whatever_the_workers(run_folder):
    one, two = run_folder / "kb1.entities.jsonl", run_folder / "kb2.entities.jsonl"
    assert one.read_bytes() == two.read_bytes()
    assert (run_folder / "kb1.jsonl").read_bytes() == (run_folder / "kb2.jsonl").read_bytes()
    schema = json.loads(files("extract.kb").joinpath("entities.schema.json").read_text(encoding="utf-8"))
    entities = _lines(one)
    for entity in entities:
        jsonschema.validate(entity, schema)
    texts = {name: text for name, text in ARTICLES.items()}
    quill = next(e for e in entities if e["name"] == "Marta Quill")
    assert {texts[m["doc_id"]][m["start"] : m["end"]] for m in quill["mentions"]} >= {"Marta Quill", "Quill"}
    assert {m["doc_id"] for m in quill["mentions"]} == set(ARTICLES)
    assert not list(run_folder.glob(".*.tmp"))  # written through a temporary file renamed into place


def test_records_past_what_is_held_in_memory_go_through_the_holding_file_in_order(run_folder, monkeypatch):
    """A KB larger than ``HELD_RECORDS`` is the same bytes: the records held in the temporary file
    come first, then those still in memory, with the same ids."""
    monkeypatch.setattr("extract.run.entities.HELD_RECORDS", 2)
    out = run_folder / "spilled.jsonl"
    result = CliRunner().invoke(main, ["run", str(run_folder / "news"), "-o", str(out), "-q", "--no-cache", "-w", "1"])
    assert result.exit_code == 0, result.stderr
    assert out.read_bytes() == (run_folder / "kb1.jsonl").read_bytes()
    assert out.with_suffix(".entities.jsonl").read_bytes() == (run_folder / "kb1.entities.jsonl").read_bytes()


def test_records_carry_the_ids_of_the_entities(run_folder):
    ids = {e["id"]: e["name"] for e in _lines(run_folder / "kb1.entities.jsonl")}
    quotes = [r for r in _lines(run_folder / "kb1.jsonl") if r["type"] == "quote"]
    assert quotes and all(ids[q["speaker_id"]] == q["speaker"] == "Marta Quill" for q in quotes)
    stances = [r for r in _lines(run_folder / "kb1.jsonl") if r["type"] == "stance"]
    assert all(r["holder_id"] is None or ids[r["holder_id"]] == r["holder"] for r in stances)


def test_the_speakers_index_reads_the_entities_file(run_folder):
    result = CliRunner().invoke(main, ["speakers", str(run_folder / "kb1.jsonl"), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(row["speaker"], row["quotes"], len(row["documents"])) for row in rows] == [("Marta Quill", 4, 3)]
    assert rows[0]["id"] == entity_id("person", "Marta Quill")


def test_the_speakers_index_of_a_kb_without_entities_says_to_run_again(run_folder, tmp_path):
    kb = tmp_path / "old.jsonl"
    kb.write_bytes((run_folder / "kb1.jsonl").read_bytes())
    result = CliRunner().invoke(main, ["speakers", str(kb)])
    assert result.exit_code == 0
    assert "old.entities.jsonl not found" in result.stderr and "re-run `extract run`" in result.stderr
    assert "Marta Quill" in result.stdout


def test_sqlite_export_joins_quotes_to_entities_and_their_mentions(run_folder, tmp_path):
    import sqlite3

    out = tmp_path / "kb.sqlite"
    result = CliRunner().invoke(main, ["export", str(run_folder / "kb1.jsonl"), "--format", "sqlite", "-o", str(out)])
    assert result.exit_code == 0, result.output
    db = sqlite3.connect(out)
    said = db.execute(
        "SELECT e.name, count(*) FROM claims c JOIN entities e ON c.speaker_id = e.id WHERE c.type = 'quote' GROUP BY 1"
    ).fetchall()
    documents = db.execute(
        "SELECT count(DISTINCT m.doc_id) FROM mentions m JOIN entities e ON m.entity_id = e.id WHERE e.name = ?",
        ("Marta Quill",),
    ).fetchone()
    assert said == [("Marta Quill", 4)] and documents == (3,)
    assert db.execute("SELECT id FROM speakers").fetchall() == [(entity_id("person", "Marta Quill"),)]
    db.close()


@pytest.mark.parametrize("fmt", ["prodigy", "doccano", "label-studio"])
def test_annotation_exports_give_each_speaker_span_its_entity_id(run_folder, tmp_path, fmt):
    out = tmp_path / "tasks"
    result = CliRunner().invoke(main, ["export", str(run_folder / "kb1.jsonl"), "--format", fmt, "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    tasks = json.loads(text) if fmt == "label-studio" else [json.loads(line) for line in text.splitlines()]
    quill = entity_id("person", "Marta Quill")
    if fmt == "prodigy":
        speakers = [span for task in tasks for span in task["spans"] if span["label"] == "SPEAKER"]
        assert speakers and all(span["entity_id"] == quill for span in speakers)
    elif fmt == "doccano":
        speakers = [e for task in tasks for e in task["entities"] if e["label"] == "SPEAKER"]
        assert speakers and all(e["entity_id"] == quill for e in speakers)
    else:
        results = [r for task in tasks for r in task["predictions"][0]["result"] if r.get("value", {}).get("labels")]
        speakers = [r for r in results if r["value"]["labels"] == ["SPEAKER"]]
        assert speakers and all(r["meta"]["text"] == [f"entity: {quill}"] for r in speakers)


# (case, sentence, the speaker's name and kind among the document's entities)
KINDS = [
    ("a-plural-noun-is-a-group", "“The money will run out by spring,” headteachers said.", ("headteachers", "group")),
    ("another-plural-noun", "“The rules for the port are unclear,” experts warned.", ("experts", "group")),
    ("a-named-person", "“We are ready for the storm,” said Marta Quill.", ("Marta Quill", "person")),
]


@pytest.mark.parametrize(("text", "expected"), [pytest.param(t, e, id=i) for i, t, e in KINDS])
def test_a_speaker_named_by_a_plural_noun_is_a_group(nlp, text, expected):
    doc = nlp(text)
    assert expected in {(entity.name, entity.kind) for entity in doc._.entities}
