"""The speaker index: one row per speaker across documents, and reading a KB back."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from extract.kb.io import read_documents, read_kb
from extract.kb.records import dumps, record_keys
from extract.tools.speaker_index import (
    SPEAKER_FIELDS,
    Lexicon,
    affiliation,
    clean_role,
    format_table,
    is_headline_fragment,
    is_place,
    is_title,
    name_key,
    shipped_lexicon,
    speaker_index,
    surname_counts,
    verb_forms,
    write_csv,
    write_jsonl,
)


def quote(speaker: str | None, doc_id: str = "a.txt", date: str | None = None, **fields) -> dict:
    record = dict.fromkeys(record_keys())
    record.update(type="quote", id=f"q_{len(fields)}", doc_id=doc_id, doc_date=date, speaker=speaker, **fields)
    return record


def test_one_speaker_is_merged_across_documents_with_dates(small_kb):
    rows = speaker_index(small_kb)
    assert [row["speaker"] for row in rows] == ["Jane Doe", "Tom Lee"]
    assert rows[0] == {
        "speaker": "Jane Doe",
        "role": "leader",
        "org": None,
        "quotes": 3,
        "documents": ["a.txt", "b.txt"],
        "first_date": "2024-03-03",
        "last_date": "2024-05-12",
        "id": None,  # no entities file given: rows merged by name have no entity id
    }
    assert rows[1]["org"] == "Acme" and rows[1]["role"] == "chief executive"
    assert tuple(rows[0]) == SPEAKER_FIELDS


def test_role_is_the_most_frequent_then_the_first_seen():
    records = [
        quote("Ann", speaker_role="chair"),
        quote("Ann", speaker_role="chief executive"),
        quote("Ann", speaker_role="chief executive"),
        quote("Ann", speaker_role=None, speaker_org="Acme"),
        quote("Bo", speaker_org="Beta"),
        quote("Bo", speaker_org="Acme"),
    ]
    ann, bo = speaker_index(records)
    assert (ann["role"], ann["org"], ann["quotes"]) == ("chief executive", "Acme", 4)
    assert (bo["role"], bo["org"]) == (None, "Beta")


def test_only_quotes_with_a_speaker_count_ties_sort_by_name_and_dates_fall_back_to_the_documents_list():
    stance = {**quote("Cy"), "type": "stance"}
    records = [quote("Cy", "b.txt"), quote("Bo", "a.txt", "2019-05"), quote(None), stance]
    documents = {"b.txt": {"doc_id": "b.txt", "date": "2020-01-02"}}
    rows = speaker_index(records, documents)
    assert [(r["speaker"], r["quotes"], r["first_date"]) for r in rows] == [
        ("Bo", 1, "2019-05"),
        ("Cy", 1, "2020-01-02"),
    ]
    assert speaker_index([quote("Cy")])[0]["first_date"] is None


def test_table_columns_line_up(small_kb):
    lines = format_table(speaker_index(small_kb)).splitlines()
    assert lines[0].split() == ["speaker", "role", "org", "quotes", "documents", "first", "last"]
    assert lines[1].startswith("Jane Doe ") and lines[2].startswith("Tom Lee ")
    assert len({line.index("2024-") for line in lines[1:]}) == 1
    assert lines[0].index("quotes") + len("quotes") == lines[1].index("3") + 1  # counts right-aligned
    assert format_table([]).split() == lines[0].split()


def test_csv_and_jsonl_round_trip(small_kb):
    rows = speaker_index(small_kb)
    handle = io.StringIO()
    assert write_csv(rows, handle) == 2
    got = list(csv.DictReader(io.StringIO(handle.getvalue())))
    assert got[0]["documents"].split(";") == ["a.txt", "b.txt"]
    assert got[0]["org"] == "" and int(got[0]["quotes"]) == 3
    handle = io.StringIO()
    assert write_jsonl(rows, handle) == 2
    assert [json.loads(line) for line in handle.getvalue().splitlines()] == rows


def test_kb_and_documents_list_read_back(small_kb, tmp_path: Path):
    path = tmp_path / "kb.jsonl"
    path.write_text("".join(dumps(r) + "\n" for r in small_kb) + "\n", encoding="utf-8")
    assert read_kb(path) == small_kb
    docs = tmp_path / "kb.documents.jsonl"
    docs.write_text('{"doc_id": "a.txt", "date": null}\n', encoding="utf-8")
    assert read_documents(docs) == {"a.txt": {"doc_id": "a.txt", "date": None}}


@pytest.mark.parametrize("line, problem", [("{oops", "line 2 is not JSON"), ('{"text": "x"}', "line 2 has no id")])
def test_a_file_that_is_not_a_kb_is_refused_with_its_line(tmp_path: Path, line: str, problem: str):
    path = tmp_path / "kb.jsonl"
    path.write_text(dumps(quote("Ann")) + "\n" + line + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match=problem):
        read_kb(path)


@pytest.mark.parametrize(
    ("names", "rows"),
    [
        ({"Donald Trump": 5, "Donald J. Trump": 2, "Trump": 3}, {"Donald Trump": 10}),
        ({"Donald Trump": 2, "Donald Trump Jr.": 1}, {"Donald Trump": 2, "Donald Trump Jr.": 1}),
        (
            {"Hillary Clinton": 4, "Bill Clinton": 1, "Clinton": 2},
            {"Hillary Clinton": 4, "Bill Clinton": 1, "Clinton": 2},
        ),
        ({"Mary Beard": 1, "Beard": 1, "CIPFA": 3}, {"Mary Beard": 2, "CIPFA": 3}),
    ],
)
def test_names_of_one_person_are_one_row(names, rows):
    from collections import Counter

    from extract.tools.speaker_index import merged_names

    merged = merged_names(Counter(names))
    totals: Counter[str] = Counter()
    for name, n in names.items():
        totals[merged[name]] += n
    assert dict(totals) == rows


# --- cleaning what the pipeline took for a speaker (issue 21): small pure rules, one table each ---
TITLES = shipped_lexicon().titles


@pytest.mark.parametrize(
    "role, cleaned",
    [
        ("54", None),
        ("aged 54", None),
        ("54-year-old", None),
        ("-", None),
        ("- police chief", "police chief"),
        ("9/11 widow", "9/11 widow"),
        ("chief executive", "chief executive"),
        ("MP", "MP"),
        (None, None),
    ],
)
def test_an_age_or_punctuation_is_no_role(role, cleaned):
    assert clean_role(role) == cleaned


@pytest.mark.parametrize(
    "org, title",
    [
        ("Sen.", True),
        ("Gov.", True),
        ("Indiana Gov.", True),
        ("Former Pennsylvania Gov.", True),
        ("U.S. Air Force Gen.", True),
        ("Governor", True),
        ("Dr.", True),
        ("Burger King", False),  # a spelt-out title at the end is a name's
        ("Department of Justice", False),
        ("King’s Fund", False),
        ("NHS Providers", False),
        ("White House", False),
    ],
)
def test_a_title_where_the_organisation_goes(org, title):
    assert is_title(org, TITLES) is title


@pytest.mark.parametrize(
    "role, org, cleaned",
    [
        (None, "Indiana Gov.", ("Indiana Gov.", None)),  # the title becomes the role
        ("presidential nominee", "Gov.", ("presidential nominee", None)),  # the role written stays
        ("54", "Sen.", ("Sen.", None)),
        ("spokesman", "White House", ("spokesman", "White House")),
        ("59", None, (None, None)),
        (None, " ", (None, None)),
    ],
)
def test_role_and_organisation_of_a_record(role, org, cleaned):
    assert affiliation(role, org, TITLES) == cleaned


SPEAKERS = ["Barack Obama", "Hillary Clinton", "Bill Clinton", "Donald Trump", "Edward Said", "Mike Pence"]
LEXICON = Lexicon(TITLES, *verb_forms(["say", "warn", "tell", "state", "deny"]))


@pytest.mark.parametrize(
    "name, fragment",
    [
        ("Obama Says", True),
        ("Clinton Said", True),
        ("Trump Warns Clinton", True),
        ("Trump vs Clinton", True),
        ("Obama Denies", True),
        ("Edward Said", False),  # nobody else is called Edward
        ("United States", False),  # "States" is no verb after a name nobody has
        ("Washington Post-ABC News", False),
        ("Donald Trump", False),
        ("Hillary Clinton", False),
        ("Trump Clinton", False),  # two words read as a name
        ("Pence Obama Clinton", False),  # not joined by a verb or "and"
    ],
)
def test_a_headline_fragment_is_no_speaker(name, fragment):
    surnames = surname_counts([*SPEAKERS, name])
    assert is_headline_fragment(name, surnames, LEXICON) is fragment


def test_verb_forms_cover_regular_and_irregular_verbs():
    past, present = verb_forms(["say", "deny", "quip", "stress", "echo", "note"])
    assert {"said", "denied", "quipped", "stressed", "echoed", "noted"} <= past
    assert {"says", "denies", "quips", "stresses", "echoes", "notes"} <= present
    assert {"say", "deny"}.isdisjoint(past | present)


@pytest.mark.parametrize(
    "name, place",
    [("Washington", True), ("New York", True), ("George Washington", False), ("Reuters", False)],
)
def test_a_place_is_no_speaker_when_a_place_list_is_given(name, place):
    assert is_place(name, frozenset({"washington", "new_york"})) is place
    assert not is_place(name, shipped_lexicon().places - {"washington", "new_york"})  # no list shipped yet


@pytest.mark.parametrize(
    "name, key",
    [
        ("Donald J. Trump", ("donald", "trump")),
        ("Donald Trump Jr.", ("donald", "trump", "jr")),
        ("Mr. Trump", ("trump",)),
        ("Mr Trump", ("trump",)),
        ("Sen. Bernie Sanders", ("bernie", "sanders")),
        ("President Barack Obama", ("barack", "obama")),
        ("President Obama", ("president", "obama")),  # a spelt-out title before one word may be a name's
        ("General Motors", ("general", "motors")),
        (">Sanders", ("sanders",)),
        ("the Clinton campaign", ("", "the clinton campaign")),
        ("many tax experts", ("", "many tax experts")),
    ],
)
def test_name_keys(name, key):
    assert name_key(name, TITLES) == key


@pytest.mark.parametrize(
    ("names", "rows"),
    [
        (
            {"Donald Trump": 5, "Donald J. Trump": 2, "Mr. Trump": 1, "Trump": 3},
            {"Donald Trump": 11},
        ),
        (  # Donald Trump Jr. carries the surname too: "Trump" could be either
            {"Donald Trump": 5, "Donald Trump Jr.": 1, "Mr. Trump": 1, "Trump": 3},
            {"Donald Trump": 5, "Donald Trump Jr.": 1, "Trump": 4},
        ),
        (
            {"the Clinton campaign": 2, "the Trump campaign": 1},
            {"the Clinton campaign": 2, "the Trump campaign": 1},
        ),
        ({"Sen. Bernie Sanders": 3, "Bernie Sanders": 1, ">Sanders": 1}, {"Bernie Sanders": 5}),
    ],
)
def test_titles_and_descriptions_when_merging(names, rows):
    from collections import Counter

    from extract.tools.speaker_index import merged_names

    merged = merged_names(Counter(names), TITLES)
    totals: Counter[str] = Counter()
    for name, n in names.items():
        totals[merged[name]] += n
    assert dict(totals) == rows


def test_the_index_drops_fragments_and_cleans_roles_and_organisations():
    records = [
        quote("Hillary Clinton", "a.txt", "2016-10-02", speaker_role="54", speaker_org="Sen."),
        quote("Mrs. Clinton", "b.txt", "2016-10-05"),
        quote("Clinton Said", "b.txt", "2016-10-05"),
        quote("Mike Pence", "c.txt", "2016-09-30", speaker_role="presidential nominee", speaker_org="Indiana Gov."),
    ]
    rows = {row["speaker"]: row for row in speaker_index(records)}
    assert set(rows) == {"Hillary Clinton", "Mike Pence"}
    clinton = rows["Hillary Clinton"]
    assert (clinton["role"], clinton["org"], clinton["quotes"]) == ("Sen.", None, 2)
    assert (clinton["first_date"], clinton["last_date"]) == ("2016-10-02", "2016-10-05")
    assert (rows["Mike Pence"]["role"], rows["Mike Pence"]["org"]) == ("presidential nominee", None)
