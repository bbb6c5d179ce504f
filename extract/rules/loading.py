"""The rule set a run uses: the shipped pattern files plus a user's ``--patterns`` folders."""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

from spacy.matcher import DependencyMatcher
from spacy.vocab import Vocab

from extract.faster import SpanMatcher, rule_matcher
from extract.rules.errors import PatternError
from extract.rules.folders import default_patterns_dir
from extract.rules.schema import Rule, read_pattern_file
from extract.rules.vocabularies import library_lists
from extract.rules.words import WORDS_FOLDER, Words, load_words, read_word_file, shipped_words


@dataclass(frozen=True)
class RuleSet:
    """The rules of a run, in file order, with the word lists they and the stages read."""

    rules: tuple[Rule, ...]
    words: Words = field(default_factory=shipped_words)

    def with_label(self, *labels: str) -> list[Rule]:
        return [r for r in self.rules if r.label in labels]

    def meanings(self, *labels: str) -> list[str]:
        """Each rule (of ``labels``, default all) as what it does, in canonical JSON: its id,
        label, pattern and fields. Examples and file positions do not count. The word lists
        come last, as a rule that can match anywhere: the stages read them beside their rules,
        so any change to a list may change any stage's output."""
        own = [m for r, m in zip(self.rules, self._meanings, strict=True) if not labels or r.label in labels]
        return [*own, json.dumps(["@words", "WORDS", [{}], {"lists": self.words.fingerprint}])]

    @cached_property
    def _meanings(self) -> list[str]:
        return [json.dumps([r.id, r.label, r.pattern, r.fields], sort_keys=True) for r in self.rules]

    def fingerprint(self, *labels: str) -> str:
        """Changes whenever a rule (of ``labels``, default all) changes: what was cached with
        other rules is stale."""
        return hashlib.sha256(json.dumps(self.meanings(*labels)).encode("utf-8")).hexdigest()

    def matcher(self, vocab: Vocab, *labels: str) -> SpanMatcher:
        """One matcher over the rules with these labels; a match's label is its rule id."""
        return rule_matcher(vocab, self.with_label(*labels))

    def dependency_matcher(self, vocab: Vocab, *labels: str) -> DependencyMatcher:
        """One spaCy DependencyMatcher over the (dependency) rules with these labels, by rule id."""
        matcher = DependencyMatcher(vocab)
        for rule in self.with_label(*labels):
            matcher.add(rule.id, [rule.pattern])
        return matcher


def _rule_files(dirs: Sequence[Path]) -> list[Path]:
    """Every file ``load_rules`` reads: the pattern files and word lists of the shipped folder and ``dirs``."""
    return [
        path
        for folder in [default_patterns_dir(), *dirs]
        for path in [*sorted(Path(folder).glob("*.jsonl")), *sorted((Path(folder) / WORDS_FOLDER).glob("*.txt"))]
    ]


def rule_files_stamp(dirs: Sequence[Path] = ()) -> tuple[tuple[str, int, int], ...]:
    """Path, modification time and size of every rule file ``load_rules`` reads: changes when one is edited."""
    stamp = []
    for path in _rule_files(dirs):
        with contextlib.suppress(OSError):
            info = path.stat()
            stamp.append((str(path), info.st_mtime_ns, info.st_size))
    return tuple(stamp)


def _rule_files_digest(dirs: Sequence[Path]) -> str:
    """A digest of the names and bytes of every rule file: two reads of the same bytes give the same rules."""
    digest = hashlib.sha256()
    for path in _rule_files(dirs):
        with contextlib.suppress(OSError):
            digest.update(str(path).encode("utf-8", "surrogateescape") + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def load_rules(dirs: Sequence[Path] | None = None) -> RuleSet:
    """The shipped rules and word lists plus those in ``dirs`` (``--patterns``); rule ids must be unique.
    Read once per state of the files: a run's extractor, pipeline and article finder share them."""
    folders = tuple(Path(folder) for folder in (default_patterns_dir(), *(dirs or [])))
    return _read_rules(folders, _rule_files_digest(folders[1:]))


@lru_cache(maxsize=8)
def _read_rules(folders: tuple[Path, ...], files: str) -> RuleSet:
    for folder in folders:
        if not folder.is_dir():
            raise PatternError(f"{folder}: patterns folder not found")
    words = load_words(folders)
    rules: list[Rule] = []
    seen: dict[str, str] = {}
    for folder in folders:
        for path in sorted(folder.glob("*.jsonl")):
            for rule in read_pattern_file(path, words):
                if rule.id in seen:
                    raise PatternError(
                        f"{rule.origin}: duplicate rule id {rule.id!r} (first defined at {seen[rule.id]}); rename one"
                    )
                seen[rule.id] = rule.origin
                rules.append(rule)
    return RuleSet(tuple(rules), words)


def check_folders(dirs: Sequence[Path] = ()) -> list[str]:
    """Every problem in the shipped rule files and word lists and those of ``dirs``, one message
    each (``load_rules`` stops at the first)."""
    folders = [Path(folder) for folder in (default_patterns_dir(), *dirs)]
    problems = [f"{folder}: patterns folder not found" for folder in folders if not folder.is_dir()]
    words = Words(library_lists())
    for folder in folders:
        for path in sorted((folder / WORDS_FOLDER).glob("*.txt")):
            try:
                entries = read_word_file(path)
            except PatternError as err:
                problems.append(str(err))
                continue
            words.lists.setdefault(path.stem, {}).update(entries)
    for folder in folders:
        for path in sorted(folder.glob("*.jsonl")):
            try:
                read_pattern_file(path, words)
            except PatternError as err:
                problems.append(str(err))
    if not problems:
        try:
            load_rules(dirs)
        except PatternError as err:  # duplicate ids across files
            problems.append(str(err))
    return problems
