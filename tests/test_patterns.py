"""Every rule proves itself: its examples produce what it is for, its counterexamples do not.

One test case per rule, named by the rule id, so ``pytest -k cue-say`` runs one.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract.rules.loading import load_rules
from extract.rules.schema import DEPENDENCY_LABELS, PatternError, parse_rule, read_pattern_file
from extract.tools.rule_tests import RuleTester

RULES = load_rules()


@pytest.fixture(scope="module")
def tester(nlp) -> RuleTester:
    return RuleTester(nlp, RULES)


@pytest.mark.parametrize("rule", RULES.rules, ids=[r.id for r in RULES.rules])
def test_rule_examples(rule, tester):
    assert [str(failure) for failure in tester.failures([rule])] == []


def test_patterns_test_lists_each_failing_example_of_a_user_folder(tmp_path):
    from click.testing import CliRunner

    from extract.cli import main

    (tmp_path / "words").mkdir()
    (tmp_path / "words" / "quip-verbs.txt").write_text("# verbs of quipping\nchortle\nguffaw\n", encoding="utf-8")
    rule = {
        "id": "cue-quip",
        "label": "QUOTE_CUE",
        "cue_kind": "speech",
        "speaker": "subject",
        "pattern": [{"LEMMA": {"IN": "@quip-verbs"}, "POS": "VERB"}],
        "examples": ["“Not today,” she chortled.", "The weather was fine."],
        "counterexamples": ["“Not today,” she guffawed."],
    }
    (tmp_path / "mine.jsonl").write_text(json.dumps(rule) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["patterns", "test", str(tmp_path)])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{tmp_path / 'mine.jsonl'}:1: rule 'cue-quip' does not fire on example 'The weather was fine.'",
        f"{tmp_path / 'mine.jsonl'}:1: rule 'cue-quip' fires on counterexample '“Not today,” she guffawed.'",
    ]
    check = CliRunner().invoke(main, ["patterns", "check", str(tmp_path)])
    assert check.exit_code == 1 and "does not fire on example 'The weather was fine.'" in check.stderr
    assert "counterexample" not in check.stderr


def test_patterns_check_names_a_bad_word_list_and_an_unknown_list(tmp_path):
    from click.testing import CliRunner

    from extract.cli import main

    (tmp_path / "words").mkdir()
    (tmp_path / "words" / "bad.txt").write_text("two words\n", encoding="utf-8")
    rule = {"id": "x-1", "label": "HEDGE", "pattern": [{"LOWER": {"IN": "@nowhere"}}], "examples": ["a"]}
    (tmp_path / "mine.jsonl").write_text(json.dumps(rule) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["patterns", "check", str(tmp_path)])
    assert result.exit_code == 1
    assert f"{tmp_path / 'words' / 'bad.txt'}:1: expected one word" in result.stderr
    assert "no word list 'nowhere'" in result.stderr


def test_a_word_list_in_a_user_folder_extends_the_shipped_one(tmp_path):
    (tmp_path / "words").mkdir()
    (tmp_path / "words" / "role-nouns.txt").write_text("harbourmaster\n", encoding="utf-8")
    words = load_rules([tmp_path]).words
    assert "harbourmaster" in words["role-nouns"] and "chair" in words["role-nouns"]


BAD_RULES = [
    ({"id": "x", "label": "NOPE", "pattern": [{"LOWER": "a"}], "examples": ["a"]}, "'label' must be one of"),
    (
        {"id": "x", "label": "MONEY", "pattern": [{"LOWER": "a"}], "examples": ["a"], "polarty": "x"},
        "unknown key(s) ['polarty']",
    ),
    ({"id": "", "label": "MONEY", "pattern": [{"LOWER": "a"}], "examples": ["a"]}, "'id' must be"),
    ({"id": "x", "label": "MONEY", "pattern": [], "examples": ["a"]}, "'pattern' must be a non-empty list"),
    ({"id": "x", "label": "MONEY", "pattern": [{"LOWR": "a"}], "examples": ["a"]}, "invalid token pattern"),
    (
        {"id": "x", "label": "STANCE", "pattern": [{"LOWER": "a"}], "examples": ["a"], "stance_kind": "evaluation"},
        "missing 'polarity'",
    ),
    (
        {
            "id": "x",
            "label": "STANCE",
            "pattern": [{"LOWER": "a"}],
            "examples": ["a"],
            "polarity": "meh",
            "stance_kind": "evaluation",
        },
        "'polarity' must be one of",
    ),
    ({"id": "x", "label": "MONEY", "pattern": [{"LOWER": "a"}]}, "give at least one entry in 'examples'"),
    ({"id": "x", "label": "MONEY", "pattern": [{"LOWER": "a"}], "examples": "a"}, "'examples' must be a list"),
    (["not", "an", "object"], "expected a JSON object"),
]


SUBJECT = [
    {"RIGHT_ID": "cue", "RIGHT_ATTRS": {"POS": "VERB"}},
    {"LEFT_ID": "cue", "REL_OP": ">", "RIGHT_ID": "who", "RIGHT_ATTRS": {"DEP": "nsubj"}},
]
ATTRIBUTION = {"id": "x", "label": "ATTRIBUTION", "step": "subject", "examples": ["He said so."]}
BAD_RULES += [
    ({**ATTRIBUTION, "cue": "cue", "speaker": "speaker", "pattern": SUBJECT}, "'speaker' must name a node"),
    (
        {**ATTRIBUTION, "cue": "cue", "speaker": "who", "pattern": [SUBJECT[0], {**SUBJECT[1], "REL_OP": "~~"}]},
        "invalid dependency pattern",
    ),
    (
        {**ATTRIBUTION, "cue": "cue", "speaker": "who", "pattern": [{**SUBJECT[0], "RIGHT_ATTRS": {"POZ": "VERB"}}]},
        "invalid node attributes",
    ),
    ({**ATTRIBUTION, "cue": "cue", "speaker": "who", "step": "guess", "pattern": SUBJECT}, "'step' must be one of"),
]


@pytest.mark.parametrize(("obj", "message"), BAD_RULES)
def test_malformed_rules_are_rejected_with_a_reason(obj, message):
    with pytest.raises(PatternError) as err:
        parse_rule(obj, "rules.jsonl:7")
    assert str(err.value).startswith("rules.jsonl:7: ")
    assert message in str(err.value)


def test_bad_json_line_names_file_and_line(tmp_path):
    path = tmp_path / "mine.jsonl"
    good = {"id": "ok", "label": "MONEY", "pattern": [{"LOWER": "a"}], "examples": ["a"]}
    path.write_text(json.dumps(good) + "\n\n{not json\n", encoding="utf-8")
    with pytest.raises(PatternError, match=r"mine\.jsonl:3: not valid JSON"):
        read_pattern_file(path)


def test_duplicate_ids_across_folders_are_rejected(tmp_path):
    clash = {"id": RULES.rules[0].id, "label": "MONEY", "pattern": [{"LOWER": "a"}], "examples": ["a"]}
    (tmp_path / "mine.jsonl").write_text(json.dumps(clash) + "\n", encoding="utf-8")
    with pytest.raises(PatternError, match="duplicate rule id"):
        load_rules([tmp_path])


def test_patterns_test_proves_a_user_attribution_pattern(tmp_path):
    """An attribution shape added as data is run on its examples and counterexamples like any rule."""
    from click.testing import CliRunner

    from extract.cli import main

    rule = {
        **ATTRIBUTION,
        "id": "speaker-told",
        "cue": "cue",
        "speaker": "who",
        "pattern": [{"RIGHT_ID": "cue", "RIGHT_ATTRS": {"LEMMA": "tell"}}, SUBJECT[1]],
        "examples": ["Jane Smith told reporters the plan was dead."],
        "counterexamples": ["Jane Smith said the plan was dead.", "Tell them the plan is dead."],
    }
    (tmp_path / "mine.jsonl").write_text(json.dumps(rule) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["patterns", "test", str(tmp_path)])
    assert result.exit_code == 0, result.stderr
    rule["counterexamples"].append("Jane Smith told them.")
    (tmp_path / "mine.jsonl").write_text(json.dumps(rule) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["patterns", "test", str(tmp_path)])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{tmp_path / 'mine.jsonl'}:1: rule 'speaker-told' fires on counterexample 'Jane Smith told them.'"
    ]


def test_user_folder_adds_a_rule_that_the_pipeline_uses(tmp_path):
    import extract

    rule = {
        "id": "cue-tweet",
        "label": "QUOTE_CUE",
        "cue_kind": "speech",
        "speaker": "subject",
        "pattern": [{"LEMMA": "chortle", "POS": "VERB"}],
        "examples": ["“Not today,” she chortled."],
    }
    (tmp_path / "mine.jsonl").write_text(json.dumps(rule) + "\n", encoding="utf-8")
    nlp = extract.load(patterns=[tmp_path])
    records = extract.claims("“Not today,” Jane Smith chortled.", nlp)
    quotes = [r for r in records if r["type"] == "quote"]
    assert [(q["content"], q["speaker"], q["rule"]) for q in quotes] == [("Not today", "Jane Smith", "cue-tweet")]


# Shapes of rule beyond the shipped ones: each operator, regexes and wildcards (the Matcher's
# share), rules without an anchor, and two rules that match the same words.
MATCHER_SHAPES = [
    {"id": "lemma-pos", "pattern": [{"LEMMA": {"IN": ["say", "warn"]}, "POS": "VERB"}]},
    {"id": "lower", "pattern": [{"LOWER": "about"}]},
    {"id": "not-in", "pattern": [{"TAG": {"IN": ["NN", "NNS"]}, "LOWER": {"NOT_IN": ["plans", "time"]}}]},
    {"id": "text", "pattern": [{"TEXT": "£"}]},
    {"id": "dep-in", "pattern": [{"DEP": {"IN": ["nsubj", "dobj"]}, "POS": {"NOT_IN": ["PRON"]}}]},
    {"id": "regex", "pattern": [{"LOWER": {"REGEX": "^s"}}]},
    {"id": "flag", "pattern": [{"LIKE_NUM": True}]},
    {"id": "two-tokens", "pattern": [{"LOWER": "more"}, {"LOWER": "than"}]},
    {"id": "same-words", "pattern": [{"LOWER": "more"}, {"LOWER": "than"}]},
    {"id": "plus", "pattern": [{"POS": "DET"}, {"POS": "ADJ", "OP": "+"}, {"POS": "NOUN"}]},
    {
        "id": "star-both",
        "pattern": [
            {"POS": "ADV", "OP": "*"},
            {"LOWER": {"IN": ["be", "is", "was"]}},
            {"POS": {"IN": ["ADV", "ADJ"]}, "OP": "*"},
        ],
    },
    {"id": "range", "pattern": [{"LOWER": "the"}, {"POS": {"NOT_IN": ["VERB"]}, "OP": "{0,3}"}, {"POS": "NOUN"}]},
    {"id": "exactly", "pattern": [{"IS_ALPHA": True, "OP": "{2}"}, {"LOWER": "to"}]},
    {"id": "at-least", "pattern": [{"LOWER": "to"}, {"IS_ALPHA": True, "OP": "{2,}"}]},
    {"id": "negated", "pattern": [{"LEMMA": "be"}, {"POS": "ADV", "OP": "!"}]},
    {"id": "negated-last", "pattern": [{"POS": "NOUN"}, {"POS": "PUNCT", "OP": "!"}, {"LIKE_NUM": True, "OP": "?"}]},
    {"id": "wildcard", "pattern": [{"LOWER": "said"}, {"OP": "*"}, {"IS_PUNCT": True}]},
    {"id": "regex-side", "pattern": [{"LOWER": "to"}, {"TEXT": {"REGEX": "^[a-z]+e$"}, "OP": "+"}]},
    {"id": "regex-wildcard", "pattern": [{"TEXT": {"REGEX": "^[A-Z]"}}, {"OP": "*"}, {"LOWER": "said"}]},
    {"id": "regex-negated", "pattern": [{"LOWER": "the"}, {"TEXT": {"REGEX": "^[A-Z]"}, "OP": "!"}]},
    {
        "id": "no-anchor",
        "pattern": [
            {"POS": "ADJ", "OP": "+"},
            {"LOWER": {"NOT_IN": ["the", "a"]}, "POS": {"NOT_IN": ["NOUN"]}},
        ],
    },
]


def test_the_rule_matcher_gives_the_matcher_s_matches(nlp):
    """Lookup, anchors and stretches are a shortcut: the matches are spaCy's Matcher's."""
    from spacy.matcher import Matcher

    from extract.rules.loading import RuleSet

    from .conftest import CORPUS

    rules = [parse_rule({**r, "label": "HEDGE", "examples": ["-"]}, "test") for r in MATCHER_SHAPES]
    rules += [r for r in RULES.rules if r.label not in {"FURNITURE", *DEPENDENCY_LABELS}]
    reference = Matcher(nlp.vocab)
    for rule in rules:
        reference.add(rule.id, [rule.pattern], greedy="LONGEST")
    matcher = RuleSet(tuple(rules)).matcher(nlp.vocab, *{r.label for r in rules})
    assert all(i in matcher.matcher for i in ("regex", "regex-side", "regex-wildcard", "regex-negated", "no-anchor"))
    texts = [
        "He warned that more than £3.5bn, about half, was said to be lost.",
        "Said he: “Plans take time.”",
        "The very big old house is really quite good to have to see.",
        "Costs rose",
        "the Board said so, to date.",
    ]
    for doc in nlp.pipe(texts + [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]):
        expected = {(s.start, s.end, s.label_) for s in reference(doc, as_spans=True)}
        got = [(s.start, s.end, s.label_) for s in matcher(doc)]
        assert set(got) == expected and len(got) == len(expected)
        assert got == sorted(got, key=lambda m: (m[0], -m[1], matcher.order[m[2]]))


def test_where_two_rules_match_the_same_words_the_first_listed_comes_first(nlp):
    from extract.rules.loading import RuleSet

    shapes = {r["id"]: r for r in MATCHER_SHAPES}
    for first, second in [("two-tokens", "same-words"), ("same-words", "two-tokens")]:
        rules = [parse_rule({**shapes[i], "label": "HEDGE", "examples": ["-"]}, "test") for i in (first, second)]
        matched = RuleSet(tuple(rules)).matcher(nlp.vocab, "HEDGE")(nlp("It cost more than that."))
        assert [s.label_ for s in matched] == [first, second]


def test_a_label_that_is_not_a_string_is_a_located_error():
    with pytest.raises(PatternError, match="line 3: 'label' must be one of"):
        parse_rule({"label": []}, "line 3")


@pytest.fixture(scope="module")
def matcher_docs(nlp):
    return list(
        nlp.pipe(
            [
                "The new rules said more than a third of the old staff had to leave, the board said.",
                "Said the chair: “We want to see more of this.” More than 40 agreed to it",
            ]
        )
    )


PATTERN_TOKEN = st.fixed_dictionaries(
    {},
    optional={
        "LOWER": st.sampled_from(
            ["the", "said", "to", "more", {"IN": ["a", "of", "than"]}, {"NOT_IN": ["the", ","]}, {"IN": []}]
        ),
        "POS": st.sampled_from(["NOUN", "ADJ", "DET", {"IN": ["VERB", "AUX"]}, {"NOT_IN": ["PUNCT"]}]),
        "IS_ALPHA": st.booleans(),
        "TEXT": st.sampled_from([{"REGEX": "^[a-z]"}, {"REGEX": "e$"}]),
        "OP": st.sampled_from(["?", "*", "+", "!", "{0,2}", "{2}", "{1,}"]),
    },
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(patterns=st.lists(st.lists(PATTERN_TOKEN, min_size=1, max_size=4), min_size=1, max_size=3))
def test_any_rules_match_as_the_matcher_matches(nlp, matcher_docs, patterns):
    """Random rules of every operator and test kind: the same matches as spaCy's Matcher."""
    from spacy.matcher import Matcher

    from extract.faster.matcher import RuleMatcher
    from extract.rules.loading import RuleSet

    rules = [
        parse_rule({"id": f"r{i}", "label": "HEDGE", "pattern": p, "examples": ["-"]}, "test")
        for i, p in enumerate(patterns)
    ]
    reference, every = Matcher(nlp.vocab), Matcher(nlp.vocab)
    for rule in rules:
        reference.add(rule.id, [rule.pattern], greedy="LONGEST")
        every.add(rule.id, [rule.pattern])
    matcher = RuleSet(tuple(rules)).matcher(nlp.vocab, "HEDGE")
    all_matches = RuleMatcher(nlp.vocab, rules, longest=False)
    for doc in matcher_docs:
        expected = {(s.start, s.end, s.label_) for s in reference(doc, as_spans=True)}
        got = [(s.start, s.end, s.label_) for s in matcher(doc)]
        assert set(got) == expected and len(got) == len(expected)
        expected = {(s.start, s.end, s.label_) for s in every(doc, as_spans=True)}
        assert {(s.start, s.end, s.label_) for s in all_matches(doc)} == expected


WORDS = {
    "ORTH": {"He", "told", "them", "."},
    "LOWER": {"he", "told", "them", "."},
    "LEMMA": {"he", "tell", "they", "."},
    "TAG": {"PRP", "VBD", "."},
    "POS": {"PRON", "VERB", "PUNCT"},
}


@pytest.mark.parametrize(
    ("pattern", "possible"),
    [
        ([{"LOWER": "told"}], True),
        ([{"LOWER": "reckoned"}], False),
        ([{"LEMMA": {"IN": ["say", "tell"]}, "POS": "VERB"}], True),
        ([{"LEMMA": "tell", "POS": "NOUN"}], False),  # no noun in the doc
        ([{"LOWER": "he"}, {"LOWER": "never", "OP": "?"}, {"LOWER": "told"}], True),
        ([{"LOWER": "he"}, {"LOWER": "never"}, {"LOWER": "told"}], False),  # "never" is required
        ([{"LOWER": "never", "OP": "?"}, {"LOWER": "told"}], True),  # an optional word may be missing
        ([{"LOWER": "never", "OP": "+"}], True),  # no token required exactly once: lookup cannot say
        ([{"LOWER": {"NOT_IN": ["told"]}}], True),
        ([{"TEXT": {"REGEX": "^z"}}], True),  # the Matcher's alone to judge
        ([{"TEXT": "Told"}], False),
        ([{"NORM": "zzz"}], True),  # an attribute the lexicon does not hold
    ],
)
def test_a_rule_could_match_only_where_the_words_it_requires_are(pattern, possible):
    from extract.rules.lexicon import could_match

    assert could_match(pattern, WORDS) is possible


def test_the_lexicon_of_a_doc_holds_its_words_lemmas_and_tags(nlp):
    from extract.rules.lexicon import lexicon_sets

    words = lexicon_sets(nlp("She told them."))
    assert {"told", "them"} <= words["LOWER"] and "tell" in words["LEMMA"] and "VERB" in words["POS"]
    assert "VBD" in words["TAG"] and "She" in words["ORTH"]
