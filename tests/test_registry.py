"""The claim-type registry is the one place a type is declared: the schema, the docs and the rule
labels agree with it, and a new type needs only its module, which registers it."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from decimal import Decimal
from importlib import resources
from pathlib import Path

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from extract.kb.records import COMMON_FIELDS, record_keys, records
from extract.pipeline import build_pipeline, stage_names
from extract.rules.loading import RuleSet
from extract.rules.schema import LABELS
from extract.run.extraction import extract_many
from extract.stages.base import Claim, ClaimStage, add_claim
from extract.stages.numbers import Numbers
from extract.stages.registry import ClaimType, claim_types, register, stage_order, unregister
from extract.tools.evaluate import evaluate
from extract.tools.export import claim_columns
from extract.tools.report import layers, render_report
from extract.tools.report.marks import STYLES, Style
from extract.tools.scoring import SCORING, Scoring

SCHEMA = json.loads((resources.files("extract.kb") / "schema.json").read_text(encoding="utf-8"))
DOCS = (Path(__file__).resolve().parent.parent / "docs" / "kb_schema.md").read_text(encoding="utf-8")


def test_the_json_schema_lists_every_registered_type_and_field_in_order():
    assert list(SCHEMA["properties"]) == list(record_keys())
    assert SCHEMA["properties"]["type"]["enum"] == [kind.name for kind in claim_types()]
    prefixes = re.fullmatch(r"\^\[(\w+)\]_.*", SCHEMA["properties"]["id"]["pattern"]).group(1)
    assert sorted(prefixes) == sorted(kind.id_prefix for kind in claim_types())
    required_by_type = [rule["if"]["properties"]["type"]["const"] for rule in SCHEMA["allOf"]]
    assert required_by_type == [kind.name for kind in claim_types()]


def test_the_schema_doc_has_a_section_per_type_naming_each_of_its_fields():
    for kind in claim_types():
        section = DOCS.split(f"\n## {kind.name}\n", 1)
        assert len(section) == 2, f"docs/kb_schema.md has no '## {kind.name}' section"
        body = section[1].split("\n## ", 1)[0]
        documented = set(
            re.findall(r"`(\w+)`", " ".join(line.split("|")[1] for line in body.splitlines() if line.startswith("| `")))
        )
        assert set(kind.field_names()) - {"content"} <= documented | {"content"}, kind.name
    common = DOCS.split("\n## Common fields\n", 1)[1].split("\n## ", 1)[0]
    assert all(f"`{name}`" in common for name in COMMON_FIELDS)


def test_every_type_s_rule_labels_are_pattern_labels():
    nlp = build_pipeline(rules_only=True)
    for kind in claim_types():
        assert kind.producing_label in LABELS, kind.name
        assert set(nlp.get_pipe(kind.stage).labels) <= set(LABELS), kind.name


def test_a_stage_runs_after_the_stages_whose_claims_it_reads():
    order = [kind.name for kind in stage_order()]
    for kind in claim_types():
        assert all(order.index(read) < order.index(kind.name) for read in kind.reads)


# --- a toy claim type: its module (fields, stage, register call), nothing else; a colour and scoring if wanted


@dataclass
class PercentChangeFields:
    change: Decimal
    direction: str


class PercentChangeStage(ClaimStage):
    """ "rose by 5%", "fell 3 per cent": a direction verb, then a percentage."""

    labels = ()

    def use_rules(self, rules: RuleSet) -> None:
        self.verbs = {"rise": "up", "fall": "down", "climb": "up", "drop": "down"}
        self.numbers = Numbers(rules.words)

    def find(self, doc: Doc) -> None:
        for token in doc:
            direction = self.verbs.get(token.lemma_)
            number = next((t for t in doc[token.i + 1 : token.i + 4] if t.like_num), None)
            if direction and number is not None and number.i + 1 < len(doc) and doc[number.i + 1].text == "%":
                span = doc[token.i : number.i + 2]
                fields = PercentChangeFields(self.numbers.parse_number(number.text), direction)
                add_claim(doc, Claim("percent_change", span.start_char, span.end_char, "toy-change", fields))


@Language.factory("test_percent_change", default_config={"patterns": []})
def make_percent_change(nlp: Language, name: str, patterns: list[str]) -> PercentChangeStage:
    return PercentChangeStage(nlp, name, patterns)


@pytest.fixture
def toy_type(monkeypatch):
    register(ClaimType("percent_change", "p", "test_percent_change", PercentChangeFields, "PERCENT_CHANGE"))
    monkeypatch.setitem(STYLES, "percent_change", Style("#abcdef"))  # the report's, optional
    scoring = Scoring("percent_changes", "text", {"change": (("change", "number"), ("direction", "exact"))}, "change")
    monkeypatch.setitem(SCORING, "percent_change", scoring)  # extract eval's, optional
    yield
    unregister("percent_change")


def test_a_new_claim_type_needs_only_its_module_which_registers_it(toy_type):
    nlp = build_pipeline()
    assert "test_percent_change" in stage_names() and "test_percent_change" in nlp.pipe_names
    text = "Prices rose by 5 % last year, the office said. Sales fell 3 % in May."
    doc_id, _, _, recs = next(extract_many(nlp, [("toy.txt", text)]))
    toy = [r for r in recs if r["type"] == "percent_change"]
    assert [(r["text"], r["change"], r["direction"]) for r in toy] == [
        ("rose by 5 %", 5, "up"),
        ("fell 3 %", 3, "down"),
    ]
    assert all(r["id"].startswith("p_") for r in toy)
    assert all(list(r) == list(record_keys()) for r in recs)  # every record has the new fields too
    assert {"change", "direction"} <= set(claim_columns())  # the SQLite export types them
    assert "percent_change" in [layer.name for layer in layers()]
    assert "mark.hl.on-percent_change { background: #abcdef; }" in render_report(recs, {doc_id: text}, None)
    gold = {"toy.txt": {"doc": "toy.txt", "percent_changes": [{"text": "rose by 5 %", "change": 5, "direction": "up"}]}}
    report = evaluate(gold, recs, {"toy.txt": text})
    assert report["types"]["percent_change"]["tp"] == 1 and report["types"]["percent_change"]["fp"] == 1
    assert report["types"]["percent_change"]["e2e"]["tp"] == 1


def test_only_claims_of_registered_types_are_added():
    nlp = build_pipeline(rules_only=True)
    doc = Doc(nlp.vocab, words=["Hello"])
    with pytest.raises(KeyError, match="no claim type 'unknown' is registered"):
        add_claim(doc, Claim("unknown", 0, 5, "r", PercentChangeFields(Decimal(1), "up")))
    assert records(doc, "Hello", doc_id="d") == []
