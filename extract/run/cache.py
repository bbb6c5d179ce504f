"""The run cache: parsed documents and finished records, so re-runs skip the model.

Users iterate on patterns: edit a rule, re-run, look. The model is the cost of a run, and it
does not depend on the patterns, so each article body's parse is kept (spaCy's ``Doc.to_bytes``,
compressed) keyed by the body text, the model and its version; after a pattern edit only the rule stages
run again. When neither the file nor the rules changed, the finished records are reused as they
are. Entries are written atomically and checked on reading (each carries its full key, and a
parse its zlib checksum): a corrupt or stale entry is a miss and is rebuilt, never trusted.

Between the two, each body's claims are kept by rule stage, each stage's with the fingerprint of
the rules it reads, so a pattern edit re-runs only the stage it concerns (one file a body: a
run writes a few files per document, not one per stage). With them is the body's lexicon (its
words, lemmas and tags), and the rules each fingerprint stands for are kept too: when a stage's
rules changed, the changed rules (added, removed or edited) are checked against the lexicon, and
where none of them could match, the stage's claims stand and it does not run. A pattern edit
costs in proportion to the documents it can touch. Each page's article (body, title, date) is
kept keyed by the furniture rules.

Every key holds the package's own code (a digest of its source files), so an upgrade or a local
code change never reuses what older code made.

Layout under the cache folder (``--cache-dir``, ``$EXTRACT_CACHE_DIR``, else
``$XDG_CACHE_HOME/extract`` or ``~/.cache/extract``)::

    docs/<model>-<version>/<ab>/<sha256>.doc       one parsed body (keyed with the code that shapes it)
    claims/<ab>/<sha256>.json                      one body's claims, by stage, and its lexicon
    rules/<ab>/<sha256>.json                       the rules a stage ran with, by fingerprint
    articles/<ab>/<sha256>.json                    one page's article
    records/<ab>/<sha256>.json                     one document's article info, records and entities

Deleting the folder is always safe. A cache that cannot be written (a read-only folder, a full
disk, a file in its place) is one warning, and the run goes on without writing it.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import zlib
from dataclasses import asdict
from decimal import Decimal
from pathlib import Path
from typing import Any, NamedTuple

from spacy.tokens import Doc
from spacy.vocab import Vocab

from extract.document.article import Article
from extract.io.atomic import replaced_on_success
from extract.rules.folders import default_patterns_dir
from extract.rules.words import WORDS_FOLDER
from extract.stages.base import Claim
from extract.stages.registry import claim_type

# What a cached parse leaves out: the encoder's output (large, and no stage reads it) and user data.
DOC_EXCLUDE = ["tensor", "user_data"]
# The code and data that shape a parse: the tokenizer (model/), the paragraph breaks (document/),
# our stand-ins for the model's components and the rule matcher the attribute rules go through
# (faster/), and the word lists the tokenizer splits figures by.
PARSE_SOURCES = ("model/*.py", "document/*.py", "faster/*.py")


def _digest_files(files: list[tuple[str, Path]]) -> str:
    digest = hashlib.sha256()
    for name, path in sorted(files):
        digest.update(name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _code_digests() -> tuple[str, str]:
    """Digests of the code that shapes a parse, and of all the package's code: a cache entry made
    by other code is never reused, and no format number has to be raised by hand."""
    package = Path(__file__).resolve().parents[1]
    words = sorted((default_patterns_dir() / WORDS_FOLDER).glob("*.txt"))
    parse = [(str(p.relative_to(package)), p) for pattern in PARSE_SOURCES for p in package.glob(pattern)]
    code = [(str(p.relative_to(package)), p) for p in package.rglob("*.py")]
    return _digest_files(parse + [(f"words/{p.name}", p) for p in words]), _digest_files(code)


PARSE_CODE, CODE = _code_digests()


def default_cache_dir() -> Path:
    if os.environ.get("EXTRACT_CACHE_DIR"):
        return Path(os.environ["EXTRACT_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "extract"


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


def _write_atomic(path: Path, data: bytes) -> None:
    for first_try in (True, False):
        try:
            with replaced_on_success(path) as tmp:
                tmp.write_bytes(data)
            return
        except FileNotFoundError:  # its folder is new: made on the first write into it, not checked on each
            if not first_try:
                raise
            path.parent.mkdir(parents=True, exist_ok=True)


def cache_problem(folder: str | os.PathLike) -> str | None:
    """Why the cache cannot be written (one warning line), or None: tried once before a run, by
    writing a small file, so that no worker finds out on its own."""
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if not (folder / "CACHEDIR.TAG").is_file():
            _write_atomic(folder / "CACHEDIR.TAG", CACHEDIR_TAG)
        handle, probe = tempfile.mkstemp(prefix=".probe-", dir=folder)
        os.close(handle)
        os.unlink(probe)
    except OSError as err:
        return _unwritable(folder, err)
    return None


# The standard tag (bford.info/cachedir) that tells backup tools the folder holds only a cache.
CACHEDIR_TAG = b"Signature: 8a477f597d28d172789f06886806bc55\n# The run cache of `extract`: safe to delete.\n"


def _unwritable(folder: Path, err: OSError) -> str:
    reason = err.strerror or str(err)
    return f"cache {folder} cannot be written ({reason}): the run goes on without it (--cache-dir DIR, --no-cache)"


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


class StageClaims(NamedTuple):
    rules: str  # fingerprint of the rules the stage read
    claims: list[Claim]
    entities: list[dict[str, Any]] | None = None  # the ``doc._.entities`` it set (the quotes stage), as JSON


class KeptRecords(NamedTuple):
    """A document's article, records and entities (``doc._.entities`` as JSON, source offsets)."""

    article: Article
    records: list[dict[str, Any]]
    entities: list[dict[str, Any]]


class BodyClaims(NamedTuple):
    stages: dict[str, StageClaims]
    lexicon: dict[str, set[str]] | None  # its words, lemmas and tags (``patterns.lexicon_sets``)
    records_rules: str | None  # the rules fingerprint of the last run's records for it


class RunCache:
    """Parses keyed by (model, body text); records keyed by (document, rules, model, version)."""

    def __init__(self, folder: str | os.PathLike, model_id: str, rules_fingerprint: str):
        self.folder = Path(folder)
        self.model_id = model_id
        self.rules_fingerprint = rules_fingerprint
        self._rules: dict[str, list[str] | None] = {}  # rule sets read in this run, by fingerprint
        safe_model = "".join(c if c.isalnum() or c in "-_." else "_" for c in model_id)
        self.docs = self.folder / "docs" / safe_model
        self.writable = True  # False after a write failed: nothing more is written in this process
        self._problem: str | None = None  # that failure's warning, until ``take_problem``

    def _write(self, path: Path, data: bytes) -> None:
        """Write an entry; the first failure (full disk, a read-only folder) stops writing, quietly
        but for one warning: the cache makes runs faster, never stops one."""
        if not self.writable:
            return
        try:
            _write_atomic(path, data)
        except OSError as err:
            self.writable = False
            self._problem = _unwritable(self.folder, err)

    def take_problem(self) -> str | None:
        """The warning of a failed write, once."""
        problem, self._problem = self._problem, None
        return problem

    def _doc_key(self, model_text: str) -> str:
        return _digest(self.model_id, PARSE_CODE, model_text)

    def get_doc(self, model_text: str, vocab: Vocab) -> Doc | None:
        """The parse, if the entry is the one written for this text (it starts with its key) and
        is whole (zlib checks its own data)."""
        key = self._doc_key(model_text)
        data = _read(self.docs / key[:2] / f"{key}.doc")
        if data is None or not data.startswith(key.encode("ascii") + b"\n"):
            return None
        try:
            return Doc(vocab).from_bytes(zlib.decompress(data[len(key) + 1 :]), exclude=DOC_EXCLUDE)
        except Exception:
            return None

    def has_parses(self) -> bool:
        """Whether any parse of this model is kept (an empty cache: every text needs the model)."""
        try:
            return any(self.docs.iterdir())
        except OSError:
            return False

    def put_doc(self, model_text: str, doc: Doc) -> None:
        # zlib's fastest level: a fifth of the size, at a fraction of what the default level costs
        key = self._doc_key(model_text)
        data = key.encode("ascii") + b"\n" + zlib.compress(doc.to_bytes(exclude=DOC_EXCLUDE), 1)
        self._write(self.docs / key[:2] / f"{key}.doc", data)

    # -- JSON entries: each file carries its full key, checked on reading ------------------
    def _key(self, kind: str, *parts: str) -> str:
        return _digest(kind, *parts, self.model_id, CODE)

    def _get(self, kind: str, key: str) -> Any:
        data = _read(self.folder / kind / key[:2] / f"{key}.json")
        if data is None:
            return None
        try:
            entry = json.loads(data, object_hook=_from_json)
        except ValueError:
            return None
        return entry.get("value") if isinstance(entry, dict) and entry.get("key") == key else None

    def _put(self, kind: str, key: str, value: Any) -> None:
        data = json.dumps({"key": key, "value": value}, ensure_ascii=False, default=_to_json)
        self._write(self.folder / kind / key[:2] / f"{key}.json", data.encode("utf-8"))

    def get_records(self, doc_id: str, text: str, rules: str | None = None) -> KeptRecords | None:
        """A document's article, records and entities, made with these rules (default: this run's)."""
        value = self._get("records", self._key("records", doc_id, text, rules or self.rules_fingerprint))
        try:
            return KeptRecords(_article(value["article"]), value["records"], value["entities"]) if value else None
        except (KeyError, TypeError, ValueError):
            return None

    def put_records(self, doc_id: str, text: str, kept: KeptRecords) -> None:
        key = self._key("records", doc_id, text, self.rules_fingerprint)
        self._put("records", key, {"article": asdict(kept.article), "records": kept.records, "entities": kept.entities})

    def get_claims(self, body: str) -> BodyClaims:
        """Each stage's claims on a body, with the fingerprint of the rules that made them, and
        the body's lexicon, which says which rules could match in it."""
        value = self._get("claims", self._key("claims", body))
        try:
            return BodyClaims(
                {
                    name: StageClaims(s["rules"], list(map(_claim, s["claims"])), s["entities"])
                    for name, s in value["stages"].items()
                },
                {attr: set(values) for attr, values in value["lexicon"].items()},
                value["records_rules"],
            )
        except (AttributeError, KeyError, TypeError):  # none, or not what this code writes
            return BodyClaims({}, None, None)

    def put_claims(self, body: str, entry: BodyClaims) -> None:
        # vars, not asdict: asdict deep-copies every field, and JSON needs no copy
        stages = entry.stages.items()
        value = {
            "stages": {
                name: {"rules": s.rules, "claims": list(map(_claim_json, s.claims)), "entities": s.entities}
                for name, s in stages
            },
            "lexicon": {attr: sorted(values) for attr, values in (entry.lexicon or {}).items()},
            "records_rules": entry.records_rules,
        }
        self._put("claims", self._key("claims", body), value)

    def get_rules(self, fingerprint: str) -> list[str] | None:
        """The rules (``RuleSet.meanings``) that a fingerprint stands for, if a run kept them."""
        if fingerprint not in self._rules:
            value = self._get("rules", self._key("rules", fingerprint))
            valid = isinstance(value, list) and all(isinstance(m, str) for m in value)
            self._rules[fingerprint] = value if valid else None
        return self._rules[fingerprint]

    def keep_rules(self, fingerprint: str, meanings: list[str]) -> None:
        """Keep the rules a stage runs with, so a later run with other rules can tell what changed."""
        if self.get_rules(fingerprint) is None:
            self._put("rules", self._key("rules", fingerprint), meanings)
            self._rules[fingerprint] = meanings

    def get_article(self, text: str, fingerprint: str) -> Article | None:
        value = self._get("articles", self._key("articles", text, fingerprint))
        try:
            return _article(value) if value is not None else None
        except (KeyError, TypeError, ValueError):
            return None

    def put_article(self, text: str, fingerprint: str, article: Article) -> None:
        self._put("articles", self._key("articles", text, fingerprint), asdict(article))


def _to_json(value: Any) -> dict[str, str]:
    """Claim amounts are Decimals: kept exactly, as their digits."""
    if isinstance(value, Decimal):
        return {"__decimal__": str(value)}
    raise TypeError(f"cannot cache a {type(value).__name__}")


def _from_json(obj: dict[str, Any]) -> Any:
    return Decimal(obj["__decimal__"]) if obj.keys() == {"__decimal__"} else obj


def _claim_json(claim: Claim) -> dict[str, Any]:
    return {**vars(claim), "fields": vars(claim.fields)}


def _claim(value: dict[str, Any]) -> Claim:
    fields = claim_type(value["type"]).fields(**value["fields"])
    parts = {name: (start, end) for name, (start, end) in value["parts"].items()}
    return Claim(value["type"], value["start"], value["end"], value["rule"], fields, parts)


def _article(value: dict[str, Any]) -> Article:
    return Article(**{**value, "skipped": tuple(tuple(item) for item in value["skipped"])})
