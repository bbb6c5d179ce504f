"""Running the built pipeline over (doc_id, text) pairs, reusing what the run cache still holds.

Each page's article body goes to the model (or its cached parse), then each rule stage runs,
unless its cached claims on the body still hold: the same rules, or rules whose changes cannot
match in the body (its lexicon says so). A body where no stage has to run keeps its records.
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import minibatch

from extract.document.article import Article, find_article, furniture_detector
from extract.kb.records import document_entities, records
from extract.pipeline import PipelineSettings
from extract.rules.lexicon import could_match, lexicon_sets
from extract.run.cache import BodyClaims, KeptRecords, RunCache, StageClaims
from extract.stages.base import add_claim, claims_of
from extract.stages.registry import claim_type, stage_order
from extract.stages.speakers.entities import Entity

# What the model reads better: no-break spaces as spaces, CR line ends as LF. Always one
# character for one ("\r\n" becomes " \n"), so offsets are unchanged.
MODEL_TEXT = str.maketrans({"\u00a0": " ", "\u2007": " ", "\u202f": " ", "\r": "\n"})


# The longest text the model reads at once: a longer body is read in pieces (spaCy refuses texts
# over a million characters, and the parser's memory grows with the text).
PIECE_CHARS = 100_000
BATCH_CHARS = 200_000  # at most this much text parsed at once: the parser's memory grows with it
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s+")


class ParseMissing(RuntimeError):
    """A rules-only pipeline met a text whose parse is not in the cache: load the model."""


def article_of(
    text: str, patterns: tuple[str, ...], furniture: str, cache: RunCache | None, extracted: bool
) -> Article:
    """The page's article (``find_article``) by the furniture rules of ``patterns`` (``furniture``:
    their fingerprint), from the cache where it holds it; an article found goes in."""
    key = f"{furniture}:extracted" if extracted else furniture
    article = cache.get_article(text, key) if cache is not None else None
    if article is None:
        article = find_article(text, furniture_detector(patterns, furniture), extracted=extracted)
        if cache is not None:
            cache.put_article(text, key, article)
    return article


def model_text(body: str) -> str:
    return body.replace("\r\n", " \n").translate(MODEL_TEXT)


def _parse(nlp: Language, texts: list[str], cache: RunCache | None, batch_size: int) -> list[Doc]:
    """The model's analysis of each text, from the cache where it holds a valid entry."""
    docs: list[Doc | None] = [cache.get_doc(t, nlp.vocab) if cache else None for t in texts]
    missing = [i for i, doc in enumerate(docs) if doc is None]
    settings = PipelineSettings.of(nlp)
    if missing and settings.rules_only:
        raise ParseMissing(f"{len(missing)} text(s) have no cached parse")
    longest = max((len(texts[i]) for i in missing), default=1)
    batch_size = max(1, min(batch_size, BATCH_CHARS // max(1, longest)))  # long bodies: fewer at once
    with nlp.select_pipes(disable=list(settings.stages)):
        for i, doc in zip(missing, nlp.pipe([texts[i] for i in missing], batch_size=batch_size), strict=True):
            if cache:
                cache.put_doc(texts[i], doc)
            docs[i] = doc
    return docs  # type: ignore[return-value]


def _still_holds(
    ran_with: str,
    stage: str,
    words: dict[str, set[str]] | None,
    settings: PipelineSettings,
    cache: RunCache | None,
    settled: Collection[str] = (),
) -> bool:
    """Whether a stage's cached claims on a body, made with the rules ``ran_with`` stands for, are
    what its rules now would make: the same rules, or every rule added, removed or edited since
    is one that cannot match in the body (its lexicon says so), and the others keep their order
    (the first listed of two that match the same words comes first). Changes to rules of the
    ``settled`` labels do not count: the stage reads them only through the output of stages
    whose output on this body is what it was (see ``_settled_labels``)."""
    if ran_with == settings.stages[stage]:
        return True
    before = cache.get_rules(ran_with) if cache and words is not None else None
    changed = _changed_patterns(tuple(before), tuple(settings.stage_rules[stage])) if before is not None else None
    return changed is not None and not any(
        could_match(pattern, words)  # type: ignore[arg-type]
        for label, pattern in changed
        if label not in settled
    )


@lru_cache(maxsize=64)
def _changed_patterns(
    before: tuple[str, ...], now: tuple[str, ...]
) -> tuple[tuple[str, list[dict[str, Any]]], ...] | None:
    """The labels and patterns of the rules added, removed or edited between two rule lists
    (``RuleSet.meanings``: each is [id, label, pattern, fields]), worked out once per pair, not
    once per body; None when the rules they share changed order."""
    kept_before, kept_now = set(before), set(now)
    if [m for m in before if m in kept_now] != [m for m in now if m in kept_before]:
        return None
    return tuple((meaning[1], meaning[2]) for meaning in map(json.loads, kept_before ^ kept_now))


def _settled_labels(
    stage: str, own: Collection[str], ran: dict[str, StageClaims], entry: BodyClaims, settings: PipelineSettings
) -> set[str]:
    """The rule labels a stage depends on only through the stages it reads (stance reads quotes'
    spans and speakers), where those stages' output on this body this run (``ran``) is what the
    cache holds (``entry``): their rules changed, but not what the stage reads of them. Its
    ``own`` labels never settle, and neither do the word lists (every stage reads them)."""
    settled: set[str] = set()
    for kind in (k for k in stage_order() if k.stage == stage):
        for read in (claim_type(name).stage for name in kind.reads):
            now, before = ran.get(read), entry.stages.get(read)
            if (
                now is not None
                and before is not None
                and (now.claims, now.entities) == (before.claims, before.entities)
            ):
                settled.update(settings.stage_labels.get(read, ()))
    return settled - set(own)


@dataclass(frozen=True)
class Extracted:
    """One document's outcome: its records, and its people and organisations (``doc._.entities``
    as JSON, mentions in source offsets), which the run joins across documents."""

    doc_id: str
    text: str
    article: Article
    records: list[dict[str, Any]]
    entities: list[dict[str, Any]]


def extract_many(
    nlp: Language,
    items: Iterable[tuple[str, str]],
    batch_size: int = 16,
    cache: RunCache | None = None,
    extracted: Collection[str] = (),
) -> Iterator[tuple[str, str, Article, list[dict[str, Any]]]]:
    """(doc_id, text) pairs in, (doc_id, text, article, records) out, in the same order (see
    ``extract_documents``, which gives each document's entities too)."""
    for done in extract_documents(nlp, items, batch_size, cache, extracted):
        yield done.doc_id, done.text, done.article, done.records


def extract_documents(
    nlp: Language,
    items: Iterable[tuple[str, str]],
    batch_size: int = 16,
    cache: RunCache | None = None,
    extracted: Collection[str] = (),
) -> Iterator[Extracted]:
    """(doc_id, text) pairs in, each document's ``Extracted`` out, in the same order.
    ``extracted``: the doc ids whose text a main-content extractor took out of a page (its bounds
    are the article's: ``find_article``).

    The model only sees each article's body, with skipped furniture blanked and plain spaces and
    line feeds; offsets are shifted back into the full text, and every text field is cut from the
    original. A body longer than ``PIECE_CHARS`` is read in pieces cut at paragraph breaks (see
    ``pieces``), one piece at a time, so memory stays flat on a file of any length. With a
    ``cache``, parsed bodies are reused and only the rule stages whose rules changed run on them;
    a body where no stage needs to run keeps its earlier records, and its parse is not loaded.
    """
    settings = PipelineSettings.of(nlp)
    for name in settings.stages if cache else ():
        cache.keep_rules(settings.stages[name], settings.stage_rules[name])  # type: ignore[union-attr]
    for batch in minibatch(items, batch_size):
        articles = [
            article_of(text, settings.patterns, settings.furniture, cache, doc_id in extracted)
            for doc_id, text in batch
        ]
        split = [pieces(model_text(a.blanked(text)), PIECE_CHARS) for (_, text), a in zip(batch, articles, strict=True)]
        whole = [
            _Body(doc_id, text, a, a.body_start, parts[0][1], True)
            for (doc_id, text), a, parts in zip(batch, articles, split, strict=True)
            if len(parts) == 1
        ]
        found = _extract_bodies(nlp, whole, settings, cache, batch_size)
        done = dict(zip((b.doc_id for b in whole), found, strict=True))
        for (doc_id, text), article, parts in zip(batch, articles, split, strict=True):
            if doc_id in done:
                yield Extracted(doc_id, text, article, *done[doc_id])
                continue
            recs: list[dict[str, Any]] = []
            entities: list[dict[str, Any]] = []
            for at, body in parts:  # one piece at a time: the parser's memory grows with the tokens it reads at once
                piece = _Body(doc_id, text, article, article.body_start + at, body, False)
                more, named = _extract_bodies(nlp, [piece], settings, cache, 1)[0]
                recs.extend(more)
                entities.extend(named)
            yield Extracted(doc_id, text, article, recs, entities)


@dataclass(frozen=True)
class _Body:
    """What the model reads of one document: its body, or one piece of a long body."""

    doc_id: str
    text: str  # the document's whole text
    article: Article
    offset: int  # where ``body`` starts in ``text``
    body: str
    whole: bool  # the whole body: its records may be kept from an earlier run


def _extract_bodies(
    nlp: Language, items: list[_Body], settings: PipelineSettings, cache: RunCache | None, batch_size: int
) -> list[tuple[list[dict[str, Any]], list[dict[str, Any]]]]:
    """The records and entities of each body, parsing only those whose claims the cache does not still hold."""
    stored = [cache.get_claims(item.body) if cache else BodyClaims({}, None, None) for item in items]
    kept = [
        _kept_records(cache, item.doc_id, item.text, item.article, entry, settings) if item.whole else None
        for item, entry in zip(items, stored, strict=True)
    ]
    missing = [i for i, recs in enumerate(kept) if recs is None]
    parsed = dict(zip(missing, _parse(nlp, [items[i].body for i in missing], cache, batch_size), strict=True))
    out = []
    for i, (item, entry) in enumerate(zip(items, stored, strict=True)):
        earlier = kept[i]
        if earlier is not None:  # the entry stays as it is: its claims, and the records they made, still hold
            out.append((earlier.records, earlier.entities))
            continue
        doc = parsed[i]
        stages = _run_stages(nlp, doc, entry, settings, cache)
        words = entry.lexicon if entry.lexicon is not None or cache is None else lexicon_sets(doc)
        recs = records(
            doc,
            item.text,
            doc_id=item.doc_id,
            offset=item.offset,
            title=item.article.title,
            date=item.article.date,
            keep=item.article.keeps,
        )
        entities = document_entities(_entities_json(doc), item.body, offset=item.offset, keep=item.article.keeps)
        out.append((recs, entities))
        if cache and (now := BodyClaims(stages, words, cache.rules_fingerprint)) != entry:
            cache.put_claims(item.body, now)
    return out


def _entities_json(doc: Doc) -> list[dict[str, Any]] | None:
    """``doc._.entities`` as JSON (None when no stage set it), mentions as lists: as the cache reads them back.
    Its fields are strings but for the mentions: ``vars``, not ``asdict``, which deep-copies each."""
    if doc._.entities is None:
        return None
    return [{**vars(entity), "mentions": [list(mention) for mention in entity.mentions]} for entity in doc._.entities]


def _entities_from(values: list[dict[str, Any]]) -> list[Entity]:
    return [Entity(**{**value, "mentions": [(start, end) for start, end in value["mentions"]]}) for value in values]


def pieces(body: str, limit: int = PIECE_CHARS) -> list[tuple[int, str]]:
    """(offset, text) pieces of a body, each at most ``limit`` characters, that together are the
    body: cut after the last line break in reach, else after the last sentence end, else at the
    last space (so no word is split), else at the limit. A body within the limit is one piece."""
    out, at = [], 0
    while len(body) - at > limit:
        window = body[at : at + limit]
        cut = window.rfind("\n") + 1
        if not cut:
            ends = list(_SENTENCE_END.finditer(window))
            cut = ends[-1].end() if ends else window.rfind(" ") + 1
        cut = cut or limit
        out.append((at, body[at : at + cut]))
        at += cut
    out.append((at, body[at:]))
    return out


def _run_stages(
    nlp: Language, doc: Doc, entry: BodyClaims, settings: PipelineSettings, cache: RunCache | None
) -> dict[str, StageClaims]:
    """Each stage's claims on a doc: kept from the cache where they still hold, else from running it."""
    stages: dict[str, StageClaims] = {}
    for name in settings.stages:
        cached, rules = entry.stages.get(name), settings.stages[name]
        settled = _settled_labels(name, nlp.get_pipe(name).labels, stages, entry, settings) if cached else ()
        if cached is not None and _still_holds(cached.rules, name, entry.lexicon, settings, cache, settled):
            for claim in cached.claims:
                add_claim(doc, claim)
            if cached.entities is not None:  # what later stages read of it (stance holders)
                doc._.entities = _entities_from(cached.entities)
            stages[name] = StageClaims(rules, cached.claims, cached.entities)
        else:
            before, entities = set(map(id, claims_of(doc))), doc._.entities  # run it; keep only what it added
            doc = nlp.get_pipe(name)(doc)
            added = _entities_json(doc) if doc._.entities is not entities else None
            stages[name] = StageClaims(rules, [c for c in claims_of(doc) if id(c) not in before], added)
    return stages


def _kept_records(
    cache: RunCache | None, doc_id: str, text: str, article: Article, entry: BodyClaims, settings: PipelineSettings
) -> KeptRecords | None:
    """The records an earlier run wrote for this document, when every stage's claims on its body
    still hold and the page reads the same (title, date): no stage runs, no parse is loaded."""
    if cache is None or entry.records_rules is None or not set(settings.stages) <= set(entry.stages):
        return None
    if not all(
        _still_holds(entry.stages[name].rules, name, entry.lexicon, settings, cache) for name in settings.stages
    ):
        return None
    earlier = cache.get_records(doc_id, text, rules=entry.records_rules)
    return earlier if earlier is not None and earlier.article == article else None
