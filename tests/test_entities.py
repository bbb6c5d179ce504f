"""The windowed NER finds the names, numbers and dates the whole-text NER finds, and skips the rest."""

from __future__ import annotations

import pytest
import spacy

from extract.faster.entities import WindowedEntityRecognizer, windows
from extract.model.entities import entities_in, entity_at
from extract.model.loading import DEFAULT_MODEL
from extract.pipeline import stage_names

from .tables import params

# Labels our stages read: speakers (people, organisations, places, groups) and numbers (dates).
READ = {"PERSON", "ORG", "GPE", "NORP", "DATE", "TIME"}

SENTENCES = [
    "“The plans are fraught with problems,” said Richard Humphries, a senior fellow at the King’s Fund.",
    "The committee chair, Clive Betts MP, told reporters on 21 September 2017 that councils need £3.5bn.",
    "Ms Okafor, the mayor of Leeds, said British councils were struggling.",
    "Over half of the 56 respondents said the NHS in England would not cope by 2020.",
    "the council of the city of Glasgow met at 9am on Tuesday; Sturgeon spoke for the SNP.",
    "A spokeswoman for Goldman Sachs declined to comment, Reuters reported from New York.",
]


@pytest.fixture(scope="module")
def model():
    return spacy.load(DEFAULT_MODEL)


def _parse(model, texts):
    """The model's analysis up to its NER."""
    with model.select_pipes(disable=["ner"]):
        return list(model.pipe(texts))


def _ents(doc):
    return {(e.start, e.end, e.label_) for e in doc.ents if e.label_ in READ}


def test_same_entities_as_the_whole_text_ner(model):
    ner, docs = model.get_pipe("ner"), _parse(model, SENTENCES)
    expected = [_ents(ner(doc.copy())) for doc in docs]
    got = [_ents(doc) for doc in WindowedEntityRecognizer(ner).pipe([doc.copy() for doc in docs], batch_size=2)]
    assert got == expected


@pytest.mark.parametrize(
    ("text", "windows_expected"),
    params(
        [
            ("no-candidate", "the plans are good but the delivery is fraught with problems.", []),
            (
                "name-mid-sentence",
                "the plans are good, said a fellow of the Fund in a statement made today.",
                ["said a fellow of the Fund in a statement made today"],
            ),
            (
                "number-clipped-at-start",
                "55 of them agreed with the plan and the budget.",
                ["55 of them agreed with the"],
            ),
            (
                "two-merged",
                "the 12 members and the 40 others voted for the plan in the end.",
                ["the 12 members and the 40 others voted for the plan"],
            ),
            (
                "clipped-at-sentence-start",
                "We all agreed on that. Smith left the room early.",
                ["Smith left the room early."],
            ),
            ("sentence-first-stop-word", "The plans are good. But they are not enough.", []),
            (
                "sentence-first-name",
                "Humphries agreed with all of the plans that were made.",
                ["Humphries agreed with all of the"],
            ),
        ],
        {},
    ),
)
def test_windows_around_names_and_numbers(model, text, windows_expected):
    (doc,) = _parse(model, [text])
    assert [span.text for span in windows(doc)] == windows_expected


def test_words_outside_every_window_are_outside_any_entity(model):
    (doc,) = WindowedEntityRecognizer(model.get_pipe("ner")).pipe(_parse(model, ["it rained all day."]))
    assert not doc.ents and all(t.ent_iob_ == "O" for t in doc)


def test_the_pipeline_runs_the_windowed_ner_in_place_of_the_model_ner(nlp):
    assert "ner" not in nlp.pipe_names
    assert nlp.pipe_names.index("extract_entities") < min(nlp.pipe_names.index(s) for s in stage_names())


def test_a_doc_without_sentence_boundaries_is_one_sentence():
    doc = spacy.blank("en")("we met Smith at the office")
    assert [span.text for span in windows(doc)] == ["we met Smith at the office"]


def test_the_entity_at_a_token_and_the_entities_in_a_range_are_those_of_doc_ents(model):
    for doc in model.pipe(SENTENCES):
        for token in doc:
            containing = [(e.start, e.end, e.label_) for e in doc.ents if e.start <= token.i < e.end]
            found = entity_at(token)
            assert containing == ([(found.start, found.end, found.label_)] if found else [])
        for start in range(len(doc)):
            for end in range(start, len(doc) + 1, 3):
                inside = [(e.start, e.end, e.label_) for e in doc.ents if start <= e.start and e.end <= end]
                assert [(e.start, e.end, e.label_) for e in entities_in(doc, start, end)] == inside
