"""Word lists as data: ``patterns/words/<name>.txt``, one word a line, beside the pattern files.

Beneath them lie the lists taken from kept libraries (``extract/rules/vocabularies.py``: currencies
from Babel, measure units from pint), which the files extend.

A line is a word, or a word, a tab and its value ("bn<TAB>1000000000", "£<TAB>GBP"); ``#``
starts a comment. A ``words/`` folder in a user's ``--patterns`` folder extends the lists of the
same name (a word listed again takes the new value) and may add lists of its own.

Rules refer to a list by name where spaCy's token patterns take a list of values:
``{"LOWER": {"IN": "@role-nouns"}}`` is ``{"LOWER": {"IN": [every word of role-nouns]}}``; ``"@a|b"``
takes the words of both lists.

A stage keeps the lists of the rules it was initialised with (saved with it by ``to_disk``) and
passes them to what reads them; the tokenizer keeps the lists its settings name. No list is
ambient state: what reads one is given it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path

from extract.rules.errors import PatternError
from extract.rules.folders import default_patterns_dir
from extract.rules.vocabularies import library_lists

WORDS_FOLDER = "words"
REFERENCE = "@"


@dataclass(frozen=True)
class Words:
    """Named word lists, each an ordered mapping of word to value (None: a plain list)."""

    lists: dict[str, dict[str, str | None]]
    _sets: dict[tuple[str, ...], frozenset[str]] = field(default_factory=dict, compare=False, repr=False)
    _values: dict[str, dict[str, str]] = field(default_factory=dict, compare=False, repr=False)

    def __getitem__(self, name: str) -> frozenset[str]:
        return self.union(name)

    def union(self, *names: str) -> frozenset[str]:
        """The words of these lists together (worked out once per combination)."""
        if names not in self._sets:
            self._sets[names] = frozenset(word for name in names for word in self.entries(name))
        return self._sets[names]

    def entries(self, name: str) -> dict[str, str | None]:
        """A list's words and values, in file order."""
        if name not in self.lists:
            raise KeyError(f"no word list {name!r}: add patterns/{WORDS_FOLDER}/{name}.txt")
        return self.lists[name]

    def values(self, name: str) -> dict[str, str]:
        """A list's words that have a value, with it (worked out once per list: first names are
        looked up for every person; callers only read it)."""
        if name not in self._values:
            self._values[name] = {word: value for word, value in self.entries(name).items() if value is not None}
        return self._values[name]

    @cached_property
    def fingerprint(self) -> str:
        return hashlib.sha256(json.dumps(self.lists, sort_keys=True).encode("utf-8")).hexdigest()

    def __hash__(self) -> int:
        return hash(self.fingerprint)


def read_word_file(path: Path) -> dict[str, str | None]:
    """One list file: word -> value, in file order; a ``PatternError`` naming the line on a problem.

    Read once per process while the file's modification time and size stay the same: a run reads
    the lists for its rules, its tokenizer and the shipped ones, and a stamp costs a ``stat``."""
    try:
        info = path.stat()
    except OSError as err:
        raise PatternError(f"{path}: cannot read word list: {err}") from err
    return dict(_read_word_file(path, info.st_mtime_ns, info.st_size))


@cache
def _read_word_file(path: Path, mtime_ns: int, size: int) -> dict[str, str | None]:
    """``read_word_file`` for one version of the file (callers copy what this returns)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as err:
        raise PatternError(f"{path}: cannot read word list: {err}") from err
    entries: dict[str, str | None] = {}
    for number, line in enumerate(lines, 1):
        text = line.split("#", 1)[0]
        if not text.strip():
            continue
        word, _, value = text.partition("\t")
        word, value = word.strip(), value.strip()
        if not word or " " in word:
            raise PatternError(f"{path}:{number}: expected one word, optionally a tab and its value; got {line!r}")
        entries[word] = value or None
    return entries


def load_words(folders: Sequence[Path]) -> Words:
    """The lists taken from libraries (``vocabularies``), extended by each folder's ``words/``,
    later folders extending earlier ones."""
    lists = library_lists()
    for folder in folders:
        for path in sorted((Path(folder) / WORDS_FOLDER).glob("*.txt")):
            lists.setdefault(path.stem, {}).update(read_word_file(path))
    return Words(lists)


def expand(pattern: list[dict], words: Words, where: str) -> list[dict]:
    """A token pattern with each ``"@name"`` value list replaced by the words of that list."""

    def value(wanted: object) -> object:
        if isinstance(wanted, dict):
            return {op: value(arg) for op, arg in wanted.items()}
        if isinstance(wanted, str) and wanted.startswith(REFERENCE) and len(wanted) > 1:
            try:  # "@a|b": the words of lists a and b
                return list(dict.fromkeys(w for name in wanted[1:].split("|") for w in words.entries(name)))
            except KeyError as err:
                raise PatternError(f"{where}: {err.args[0]}") from None
        return wanted

    return [{key: value(wanted) if key != "OP" else wanted for key, wanted in token.items()} for token in pattern]


@cache
def shipped_words() -> Words:
    """The lists shipped with the package."""
    return load_words([default_patterns_dir()])
