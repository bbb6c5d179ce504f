"""A run over a folder: read every file, extract, write the KB, its entities and the documents list.

Files that cannot be processed get one line on stderr and an entry in the documents list; the
others go on. The outputs are written atomically, so an interrupted run leaves the previous
files intact; so is the folder of texts kept beside the KB when a document's text is not its
file's bytes (HTML, a collection's record: see ``extract.run.texts``).

The work is split in two so that every engine gives the same bytes: ``Extractor.process`` turns
a chunk of files into ``FileResult``s (in a worker process, a Dask worker or this process), and
``run`` writes the results in document order. Engines differ only in where chunks are processed.
The people and organisations of the documents join into the run's entities there too, once
every result is in (``extract.run.entities``).
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from spacy.language import Language

from extract.io.atomic import atomic_writer
from extract.io.inputs import read
from extract.io.reader import DEFAULT_NAMES, MAX_BYTES, Decoded, InputError, Source
from extract.io.storage import Location, canonical, locate
from extract.kb.records import dumps
from extract.run.cache import KeptRecords, RunCache, cache_problem
from extract.run.discovery import Options, discover, discover_piped
from extract.run.documents import dating, document_entry
from extract.run.entities import EntityJoin, entities_path, holding_file
from extract.run.process import keep_large_blocks, settle
from extract.run.texts import TextStore, docs_folder, listed_path, texts_folder
from extract.stages.registry import claim_types

if TYPE_CHECKING:
    from extract.run.extraction import Extracted


@dataclass(frozen=True)
class RunSettings:
    """Everything a worker needs to rebuild the same extractor (picklable, hashable)."""

    model: str
    patterns: tuple[str, ...] = ()
    cache_dir: str | None = None  # None: no cache
    max_bytes: int = MAX_BYTES
    tune_process: bool = False  # the process is ours (the CLI): tune its allocator and garbage collector


@dataclass
class FileResult:
    """One input file's outcome: its documents entry, its records, and its error line if any."""

    doc_id: str
    entry: dict[str, Any]
    records: list[dict[str, Any]]
    error: str | None = None
    text: str | None = None  # the text the offsets point into, when it is not the file's bytes: to keep
    warnings: list[str] = field(default_factory=list)  # lines for stderr that do not stop the document
    entities: list[dict[str, Any]] = field(default_factory=list)  # its people and organisations, to join


class NoArticles(InputError):
    """Nothing under the paths given is an article: the run has nothing to do."""


@dataclass
class RunSummary:
    documents: int = 0
    claims: Counter = field(default_factory=Counter)
    errors: list[tuple[str, str]] = field(default_factory=list)
    skipped: int = 0
    seconds: float = 0.0

    def line(self) -> str:
        per_type = ", ".join(f"{self.claims[kind.name]} {kind.name}" for kind in claim_types())
        return (
            f"{self.documents} documents, {sum(self.claims.values())} claims ({per_type}), "
            f"{len(self.errors)} files with errors, {self.skipped} skipped, {self.seconds:.1f}s"
        )


class Extractor:
    """The pipeline and cache of one process, loaded only when a file needs them.

    With a warm cache and unchanged rules no pipeline is loaded at all; with cached parses
    (after a pattern edit) only our rule stages, on a blank pipeline; the model is loaded the
    first time a text has no cached parse.
    """

    def __init__(self, settings: RunSettings, model_id: str):
        """``model_id``: ``model_id(settings.model)``, which names this model's cache entries."""
        from extract.model.loading import require_model
        from extract.rules.loading import load_rules

        require_model(settings.model)
        self.settings = settings
        self.model_id = model_id
        self.rules = load_rules([Path(p) for p in settings.patterns])  # malformed patterns fail here, early

    @cached_property
    def nlp(self) -> Language:
        """The full pipeline (model and rules)."""
        from extract.pipeline import build_pipeline

        if self.settings.tune_process:
            keep_large_blocks()
        return self._settled(build_pipeline(self.settings.model, self.settings.patterns))

    @cached_property
    def rules_nlp(self) -> Language:
        from extract.pipeline import build_pipeline

        return self._settled(build_pipeline(self.settings.model, self.settings.patterns, rules_only=True))

    def _settled(self, nlp: Language) -> Language:
        if self.settings.tune_process:
            settle()
        return nlp

    def _extract(self, todo: list[tuple[str, str]], extracted: set[str], *, model: bool) -> list[Extracted]:
        """The chunk through the rules-only pipeline while every parse is cached, else the full one
        (``extracted``: the doc ids whose text is a page's main content, see ``find_article``).
        Without ``model``, a chunk that needs the model raises ``ParseMissing`` instead of loading it."""
        from extract.run.extraction import ParseMissing, extract_documents

        # Without ``model`` only cached parses are read, even when the model is loaded (for workers
        # to fork with: they parse the rest). No parse of this model kept at all (a first run): the
        # rules-only pipeline would not be used.
        cached = self.cache is not None and "nlp" not in self.__dict__ and self.cache.has_parses()
        use_rules_only = not model or cached
        nlp = self.rules_nlp if use_rules_only else self.nlp
        try:
            # Strings the chunk adds to the vocab are freed after it: memory stays flat on any corpus.
            with nlp.memory_zone():
                return list(extract_documents(nlp, todo, cache=self.cache, extracted=extracted))
        except ParseMissing:
            if not model:
                raise
            with self.nlp.memory_zone():
                return list(extract_documents(self.nlp, todo, cache=self.cache, extracted=extracted))

    def cache_articles(self, sources: Iterable[Source], stop: Callable[[], bool]) -> None:
        """Find the article of each file into the cache, until ``stop()`` says enough: the work of
        a process beside the one loading the model (``workers.local_engine``), so that the workers
        which parse the files find it done. A file that cannot be read is left to them to report."""
        from extract.pipeline import rule_folders
        from extract.run.extraction import article_of

        if self.cache is None:
            return
        patterns, furniture = rule_folders(self.settings.patterns), self.rules.fingerprint("FURNITURE")
        for source in sources:
            if stop():
                return
            try:
                decoded = read(source, max_bytes=self.settings.max_bytes)
            except InputError:
                continue
            article_of(decoded.text, patterns, furniture, self.cache, decoded.extracted)

    @cached_property
    def cache(self) -> RunCache | None:
        if self.settings.cache_dir is None:
            return None
        return RunCache(self.settings.cache_dir, self.model_id, self.rules.fingerprint())

    def process(self, sources: Sequence[Source], *, model: bool = True) -> list[FileResult]:
        """Read, extract and describe each file, in the order given. Without ``model``, from the
        cache alone: ``ParseMissing`` when a file needs the model, which is then not loaded."""
        results = self._process(sources, model=model)
        if self.cache is not None and (problem := self.cache.take_problem()) and results:
            results[0].warnings.append(problem)  # once per process; the run says it once in all
        return results

    def _process(self, sources: Sequence[Source], *, model: bool) -> list[FileResult]:
        results: dict[str, FileResult] = {}
        todo: list[tuple[str, str]] = []
        decoded: dict[str, Decoded] = {}
        for source in sources:
            try:
                decoded[source.doc_id] = read(source, max_bytes=self.settings.max_bytes)
            except InputError as err:
                entry = document_entry(source, None, None, [], str(err))
                results[source.doc_id] = FileResult(source.doc_id, entry, [], f"{source.path}: {err}")
                continue
            text = decoded[source.doc_id].text
            hit = self.cache.get_records(source.doc_id, text) if self.cache else None
            if hit is None:
                todo.append((source.doc_id, text))
            else:
                results[source.doc_id] = self._result(source, decoded[source.doc_id], hit)
        by_id = {source.doc_id: source for source in sources}
        extracted = {doc_id for doc_id, _ in todo if decoded[doc_id].extracted}
        for done in self._extract(todo, extracted, model=model) if todo else ():
            kept = KeptRecords(done.article, done.records, done.entities)
            if self.cache:
                self.cache.put_records(done.doc_id, done.text, kept)
            results[done.doc_id] = self._result(by_id[done.doc_id], decoded[done.doc_id], kept)
        return [results[s.doc_id] for s in sources]

    @staticmethod
    def _result(source: Source, decoded: Decoded, kept: KeptRecords) -> FileResult:
        """The file's result; records take the page's own title and date (HTML metadata, a record's
        fields), or the date of its path when the page has none (after the cache, which keys
        records by doc id and text, not by path or markup)."""
        article, recs = kept.article, kept.records
        date, basis = dating(source, article, decoded)
        if basis in ("path", "meta"):
            recs = [{**record, "doc_date": date, "date_basis": basis} for record in recs]
        if decoded.meta is not None and decoded.meta.title:
            recs = [{**record, "doc_title": decoded.meta.title} for record in recs]
        entry = document_entry(source, decoded, article, recs, None)
        warnings = [f"{source.path}: {warning}" for warning in decoded.warnings]
        text = decoded.text if decoded.derived else None
        return FileResult(source.doc_id, entry, recs, text=text, warnings=warnings, entities=kept.entities)


def extractor_for(settings: RunSettings) -> Extractor:
    """One extractor per process, settings and state of the rule files and model: a worker loads
    the pipeline once, not per task, and a rule file or a saved pipeline's config edited between
    two runs is read again."""
    from extract.model.loading import model_id
    from extract.rules.loading import rule_files_stamp

    return _extractor(settings, rule_files_stamp([Path(p) for p in settings.patterns]), model_id(settings.model))


@lru_cache(maxsize=4)
def _extractor(settings: RunSettings, stamp: tuple, model: str) -> Extractor:
    return Extractor(settings, model)


def process_chunk(settings: RunSettings, sources: Sequence[Source]) -> list[FileResult]:
    """The unit of work of every engine."""
    return extractor_for(settings).process(sources)


def _same(location: Location) -> Location:
    """What two spellings of one file have in common: its resolved path, or its URL."""
    return canonical(location) if isinstance(location, str) else location.resolve()


Engine = Callable[[RunSettings, Sequence[Source]], Iterable[list[FileResult]]]
# Shows the results as they pass (a progress bar): given them and how many files there are.
Progress = Callable[[Iterator[FileResult], int], Iterator[FileResult]]


def _no_progress(results: Iterator[FileResult], total: int) -> Iterator[FileResult]:
    return results


def _check_folder(target: str | None) -> None:
    """Fail before the work, not after it, when an output's folder does not exist."""
    if not target or target == "-":
        return
    location = locate(target)
    if isinstance(location, Path) and not location.absolute().parent.is_dir():
        raise InputError(f"cannot write {target}: folder {location.parent} does not exist; create it first")


def run(
    settings: RunSettings,
    paths: Sequence[str | Path],
    kb_out: str,
    docs_out: str | None,
    *,
    warn: Callable[[str], None],
    engine: Engine | None = None,
    progress: Progress = _no_progress,
    piped: Source | None = None,
    options: Options | None = None,
) -> RunSummary:
    """Process every article under ``paths`` (see ``reader.discover``), or the one article
    ``piped`` (standard input); ``kb_out`` "-" writes the KB to stdout. Texts that are not their
    file's bytes are kept in the folder ``texts.texts_folder`` names; with the KB on stdout and no
    documents list there is nowhere to name them, and one warning says so."""
    started = time.perf_counter()
    warn = _once(warn)
    options = replace(options or Options(), max_bytes=settings.max_bytes)
    if settings.cache_dir is not None and (problem := cache_problem(settings.cache_dir)):
        warn(problem)
        settings = replace(settings, cache_dir=None)
    extractor_for(settings)  # a malformed pattern file stops the run before any work
    for target in (kb_out, docs_out):
        _check_folder(target)
    folder = texts_folder(kb_out, docs_out)
    store = TextStore(folder, docs_out) if folder is not None else None
    if store:
        store.check()
    found = discover_piped(piped, options) if piped else discover(paths, options)
    if not found.sources:
        n = len(found.skipped)
        others = f" ({n} other file{'' if n == 1 else 's'} skipped)" if n else ""
        raise NoArticles(f"no articles ({DEFAULT_NAMES} files) under {', '.join(map(str, paths))}{others}")
    summary = RunSummary(skipped=len(found.skipped))
    entries: list[dict] = []  # one small dict per file, written sorted at the end
    for path, reason in found.skipped:
        warn(f"{path}: skipped: {reason}")
        entries.append(document_entry(Source(path, str(path)), None, None, [], f"skipped: {reason}"))
    inputs = {_same(s.path) for s in found.sources}
    entities_out = entities_path(kb_out, docs_out)
    for target in (kb_out, docs_out, entities_out):
        if target and target != "-" and _same(locate(target)) in inputs:
            raise InputError(f"refusing to overwrite input file {target}; choose another -o/--docs")

    def results() -> Iterator[FileResult]:
        from extract.run.workers import local_engine

        for part in (engine or local_engine())(settings, found.sources):
            yield from part

    unkept = 0  # texts with nowhere to go (KB on stdout, no documents list)
    with ExitStack() as stack:
        if store:
            stack.callback(store.discard)  # on failure: the staged texts go, the old folder stays
        kb: IO[str] = sys.stdout if kb_out == "-" else stack.enter_context(atomic_writer(kb_out))
        join = EntityJoin(stack.enter_context(holding_file()))
        for result in progress(results(), len(found.sources)):
            entries.append(result.entry)
            for warning in result.warnings:
                warn(warning)
            if result.error:
                warn(result.error)
                summary.errors.append((result.doc_id, result.entry["error"]))
                continue
            if result.text is not None:
                if store:
                    result.entry["text_path"] = store.put(result.doc_id, result.text)
                else:
                    unkept += 1
            join.add(result.doc_id, result.records, result.entities)
            summary.documents += 1
            summary.claims.update(r["type"] for r in result.records)
        join.write(kb, entities_out)  # the entities join across documents, then the records take their ids
        kb.flush()
        with ExitStack() as last:  # the texts go in place once the documents list is written whole
            docs = last.enter_context(atomic_writer(docs_out)) if docs_out else None
            listed_from = docs_folder(docs_out)
            for entry in sorted(entries, key=lambda e: e["doc_id"]) if docs else ():
                docs.write(dumps({**entry, "path": listed_path(entry["path"], listed_from)}) + "\n")
            if store:
                store.commit()
    if unkept:
        warn(
            f"{unkept} document text{'s are' if unkept > 1 else ' is'} not a file's own text (HTML, a collection's "
            "record, NUL bytes dropped) and not kept: give --docs FILE to keep them beside it"
        )
    summary.seconds = time.perf_counter() - started
    return summary


def _once(warn: Callable[[str], None]) -> Callable[[str], None]:
    """``warn``, saying each message only once (every worker process meets a broken cache)."""
    said: set[str] = set()

    def once(message: str) -> None:
        if message not in said:
            said.add(message)
            warn(message)

    return once
