"""The model's attribute rules (tag → part of speech and morphology) and lemmatizer, by lookup.

English pipelines map fine-grained tags to coarse parts of speech, morphology and some lemmas
with an ``attribute_ruler`` of ~180 token patterns. Run through spaCy's Matcher on every token,
it costs about as much as the parser. Nearly every pattern tests one token's TAG, LOWER, DEP or
IS_SPACE, so an index by tag and word finds the same matches in a fraction of the time;
patterns of any other shape go through ``patterns.RuleMatcher`` (every match, as the ruler's
Matcher gives them), which tries them only around the words they need. The same rules, the same
precedence (a later rule wins) and the same values: ``tests/test_tagging.py`` checks token by
token against the model's own ruler, on the spaCy versions and models of ``CHECKED``.

Both read what spaCy does not document (``AttributeRuler.attrs`` and ``.indices``,
``Lemmatizer.mode``, and the rule lemmatizer's steps over its ``lemma_*`` tables, which
``IndexedLemmatizer._lemma`` repeats): this module is the only one that does.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any, NamedTuple

import numpy
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.strings import StringStore
from spacy.tokens import Doc, Token

from extract.factories import factory
from extract.faster.checked import MODELS, SPACY, Checked
from extract.faster.matcher import RuleMatcher

CHECKED = Checked(SPACY, MODELS)

SIMPLE_KEYS = {"TAG", "LOWER", "DEP", "IS_SPACE"}
_SETTERS = {"TAG": "tag", "DEP": "dep"}  # rare (whitespace tokens): set one by one
COLUMNS = {"POS": 0, "MORPH": 1, "LEMMA": 2}  # common: written back in one array


def _test(value: Any, wanted: Any) -> bool:
    if not isinstance(wanted, dict):
        return value == wanted
    ((op, arg),) = wanted.items()
    if op == "IN":
        return value in arg
    if op == "NOT_IN":
        return value not in arg
    return bool(re.search(arg, value))  # REGEX


def _simple(token_pattern: dict[str, Any]) -> bool:
    return set(token_pattern) <= SIMPLE_KEYS and all(
        not isinstance(v, dict) or (len(v) == 1 and next(iter(v)) in {"IN", "NOT_IN", "REGEX"})
        for v in token_pattern.values()
    )


class _Pattern(NamedTuple):
    """One of the ruler's patterns, as ``RuleMatcher`` reads a rule: its rule's index is its id."""

    id: str
    pattern: list[dict[str, Any]]


def unsupported_attribute_ruler(nlp: Language, name: str = "attribute_ruler") -> str | None:
    """Why ``IndexedAttributeRuler`` cannot stand in for the pipeline's ruler (None: it can): it
    writes back part of speech, morphology, lemma, tag and dependency only, and was checked
    against the spaCy versions and models of ``CHECKED``."""
    ruler = nlp.get_pipe(name)
    if type(ruler) is not AttributeRuler:
        return "it is not spaCy's AttributeRuler"
    names = {ruler.vocab.strings[key] for entry in ruler.attrs for key in entry}
    other = sorted(names - COLUMNS.keys() - _SETTERS.keys())
    return f"its rules set {', '.join(other)}" if other else CHECKED.unchecked(nlp.meta)


def unsupported_lemmatizer(nlp: Language, name: str = "lemmatizer") -> str | None:
    """Why ``IndexedLemmatizer`` cannot stand in for the pipeline's lemmatizer (None: it can): the
    lemma of spaCy's rule and lookup modes depends on the word, part of speech and morphology
    only, and it was checked against the spaCy versions and models of ``CHECKED``."""
    lemmatizer = nlp.get_pipe(name)
    if not isinstance(lemmatizer, Lemmatizer) or lemmatizer.mode not in {"rule", "lookup"}:
        return "it is not spaCy's Lemmatizer in rule or lookup mode"
    return CHECKED.unchecked(nlp.meta)


class IndexedAttributeRuler:
    """Applies an ``AttributeRuler``'s rules with one-token patterns looked up by tag or word.

    The index is built on the first doc: a pipeline read by ``spacy.load`` creates this
    component before the ruler's rules are loaded into it.
    """

    def __init__(self, ruler: AttributeRuler):
        self.ruler = ruler
        self.ready = False

    def _build(self) -> None:
        ruler = self.ruler
        attrs = [{self._name(ruler, key): value for key, value in entry.items()} for entry in ruler.attrs]
        # each rule's values: those written back in one array (column, value), and the others
        self.column_values = [[(COLUMNS[n], v) for n, v in a.items() if n in COLUMNS] for a in attrs]
        self.other_values = [[(_SETTERS[n], v) for n, v in a.items() if n not in COLUMNS] for a in attrs]
        self.by_tag: dict[str, list[int]] = defaultdict(list)
        self.by_lower: dict[str, list[int]] = defaultdict(list)
        self.always: list[int] = []
        self.tests: dict[int, dict[str, Any]] = {}
        complex_rules: list[_Pattern] = []
        self.indices = list(ruler.indices)
        self.memo: dict[tuple[int, int, int, int], list[int]] = {}
        for i, entry in enumerate(ruler.patterns):
            patterns = entry["patterns"]
            if len(patterns) == 1 and len(patterns[0]) == 1 and _simple(patterns[0][0]):
                self.tests[i] = pattern = patterns[0][0]
                self._index(i, pattern)
            else:
                complex_rules += [_Pattern(str(i), pattern) for pattern in patterns]
        self.matcher = RuleMatcher(ruler.vocab, complex_rules, longest=False)
        self.ready = True

    @staticmethod
    def _name(ruler: AttributeRuler, key: int) -> str:
        return ruler.vocab.strings[key]

    def _index(self, i: int, pattern: dict[str, Any]) -> None:
        for key, table in (("TAG", self.by_tag), ("LOWER", self.by_lower)):
            wanted = pattern.get(key)
            if isinstance(wanted, str):
                table[wanted].append(i)
                return
            if isinstance(wanted, dict) and "IN" in wanted:
                for value in wanted["IN"]:
                    table[value].append(i)
                return
        self.always.append(i)

    def _rules_for(self, key: tuple[int, int, int, int], strings: StringStore) -> list[int]:
        """The one-token rules a (tag, lower, dep, is_space) combination matches, worked out once."""
        tag, lower, dep = strings[key[0]] if key[0] else "", strings[key[1]], strings[key[2]] if key[2] else ""
        values = {"TAG": tag, "LOWER": lower, "DEP": dep, "IS_SPACE": bool(key[3])}
        candidates = (*self.by_tag.get(tag, ()), *self.by_lower.get(lower, ()), *self.always)
        return sorted(i for i in candidates if all(_test(values[k], wanted) for k, wanted in self.tests[i].items()))

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        if not self.ready:
            self._build()
        keys = doc.to_array([TAG, LOWER, DEP, IS_SPACE]).tolist()
        hits: list[list[int]] = []
        for key in map(tuple, keys):
            rules = self.memo.get(key)
            if rules is None:
                rules = self.memo[key] = self._rules_for(key, doc.vocab.strings)
            hits.append(rules)
        extra: dict[int, list[int]] = defaultdict(list)
        for match in self.matcher(doc):
            i = int(match.label_)
            extra[match[self.indices[i]].i].append(i)
        rows = doc.to_array([POS, MORPH, LEMMA]).tolist()  # a list: a numpy item write costs more
        for index, rules in enumerate(hits):
            if index in extra:
                rules = sorted({*rules, *extra[index]})
            row = rows[index]
            for i in rules:  # in rule order: later rules win, as in the AttributeRuler
                for column, value in self.column_values[i]:
                    row[column] = value
                for name, value in self.other_values[i]:
                    setattr(doc[index], name, value)
        doc.from_array([POS, MORPH, LEMMA], numpy.array(rows, dtype=numpy.uint64))
        return doc


class IndexedLemmatizer:
    """Runs a ``Lemmatizer`` once per distinct (word, part of speech, morphology) of a doc.

    spaCy's lemmatizer caches its answers by the same key, but asks for the key token by token,
    building a ``Token`` for each: that costs as much as the lemmatizing. Here the keys come
    from the doc's arrays and the lemmas go back in one array; a key never seen is lemmatized by
    the model's own lemmatizer's rules, on the token (``_lemma``).
    """

    def __init__(self, lemmatizer: Lemmatizer):
        self.lemmatizer = lemmatizer
        self.memo: dict[tuple[int, int, int], str] = {}  # strings, not ids: a memory zone frees ids
        self.indices: dict[str, tuple[object, frozenset[str]]] = {}  # part of speech -> (its list, as a set)

    def _lemma(self, token: Token) -> str:
        """The lemmatizer's first lemma: in rule mode, spaCy's ``rule_lemmatize`` with each part of
        speech's index of words (a list of up to 57,000 in English models, tested word by word) as a set."""
        lemmatizer = self.lemmatizer
        if lemmatizer.mode != "rule" or type(lemmatizer).rule_lemmatize is not Lemmatizer.rule_lemmatize:
            return lemmatizer.lemmatize(token)[0]
        string, univ_pos = token.text, token.pos_.lower()
        if univ_pos in ("", "eol", "space"):
            return lemmatizer.rule_lemmatize(token)[0]  # with spaCy's warning for a missing part of speech
        if lemmatizer.is_base_form(token):
            return string.lower()
        index_list = lemmatizer.lookups.get_table("lemma_index", {}).get(univ_pos)
        exceptions = lemmatizer.lookups.get_table("lemma_exc", {}).get(univ_pos)
        rules = lemmatizer.lookups.get_table("lemma_rules", {}).get(univ_pos)
        if not any((index_list, exceptions, rules)):
            return string if univ_pos == "propn" else string.lower()
        known = self.indices.get(univ_pos)
        if known is None or known[0] is not index_list:
            known = self.indices[univ_pos] = (index_list, frozenset(index_list or ()))
        index = known[1]
        string = string.lower()
        forms: list[str] = []
        oov_forms = []
        for old, new in rules or ():
            if string.endswith(old):
                form = string[: len(string) - len(old)] + new
                if not form:
                    continue
                if form in index:
                    forms.insert(0, form)
                elif not form.isalpha():
                    forms.append(form)
                else:
                    oov_forms.append(form)
        forms = list(dict.fromkeys(forms))
        for form in (exceptions or {}).get(string, []):
            if form not in forms:
                forms.insert(0, form)
        return (forms or oov_forms or [token.text])[0]

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        strings = doc.vocab.strings
        lemmas = []
        for i, (orth, pos, morph, lemma) in enumerate(doc.to_array([ORTH, POS, MORPH, LEMMA]).tolist()):
            if not lemma or self.lemmatizer.overwrite:
                key = (orth, pos, morph)
                if key not in self.memo:
                    self.memo[key] = self._lemma(doc[i])
                lemma = strings.add(self.memo[key])
            lemmas.append(lemma)
        doc.from_array([LEMMA], numpy.array(lemmas, dtype=numpy.uint64))
        return doc


@factory("extract_lemmatizer_v1", old_name="extract_lemmatizer", assigns=["token.lemma"])
def make_indexed_lemmatizer(nlp: Language, name: str) -> IndexedLemmatizer:
    """Runs the pipeline's own ``lemmatizer``, which ``build_pipeline`` disables."""
    return IndexedLemmatizer(nlp.get_pipe("lemmatizer"))


@factory("extract_attribute_rules_v1", old_name="extract_attribute_rules")
def make_indexed_attribute_ruler(nlp: Language, name: str) -> IndexedAttributeRuler:
    """Reads the pipeline's own ``attribute_ruler``, which ``build_pipeline`` disables."""
    return IndexedAttributeRuler(nlp.get_pipe("attribute_ruler"))
