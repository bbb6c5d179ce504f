"""The model's named entities, found only around the words that can be part of one.

NER is the most expensive part of the English model (its own token encoder and a transition
step per token), and most words of a news body are far from any name, number or date. The
entities our stages read (people, organisations, places and groups for speakers, dates and times
for numbers) contain a capitalised word or a number, so the model's NER runs on windows of
``WINDOW`` words either side of such a word, cut at sentence ends. The window is wider than the
encoder's receptive field (4 words for the English pipelines), so every word a kept entity
contains is encoded as it would be in the whole sentence. Words outside every window are
outside any entity. Entities without such a word ("today", "last year") are not found; no stage
reads them. ``tests/test_entities.py`` and ``test_pipeline.py`` check it against the model's own
NER, on the spaCy versions and models of ``CHECKED``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.attrs import NORM
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.pipeline import EntityRecognizer
from spacy.tokens import Doc, Span, Token
from spacy.util import minibatch

from extract.factories import factory
from extract.faster.checked import MODELS, SPACY, Checked

CHECKED = Checked(SPACY, MODELS)

WINDOW = 5  # words either side of a candidate word
NAME_OR_NUMBER_TAGS = {"NNP", "NNPS", "CD"}


def is_candidate(token: Token) -> bool:
    """A word that a name, number or date entity can contain."""
    if token.tag_ in NAME_OR_NUMBER_TAGS or token.like_num or any(c.isdigit() for c in token.text):
        return True
    if not token.text[:1].isupper():
        return False
    return not token.is_sent_start or token.lower_ not in STOP_WORDS  # "The", "But" open sentences


def windows(doc: Doc, width: int = WINDOW) -> list[Span]:
    """Spans of ``width`` words either side of each candidate word, merged, within sentences."""
    spans: list[Span] = []
    for sent in doc.sents if doc.has_annotation("SENT_START") else [doc[:]]:
        start = end = None
        for token in sent:
            if not is_candidate(token):
                continue
            lo, hi = max(sent.start, token.i - width), min(sent.end, token.i + width + 1)
            if end is not None and lo <= end:
                end = hi
                continue
            if start is not None:
                spans.append(doc[start:end])
            start, end = lo, hi
        if start is not None:
            spans.append(doc[start:end])
    return spans


def window_docs(doc: Doc, spans: list[Span]) -> list[Doc]:
    """Each span as a doc of its own with the words and norms the NER reads (``Span.as_doc``
    copies every annotation and costs more than the NER saves)."""
    words = [t.text for t in doc]
    spaces = [bool(t.whitespace_) for t in doc]
    norms = doc.to_array([NORM])
    docs = []
    for span in spans:
        part = Doc(doc.vocab, words=words[span.start : span.end], spaces=spaces[span.start : span.end])
        part.from_array([NORM], norms[span.start : span.end])
        docs.append(part)
    return docs


WINDOW_ENCODERS = {
    "spacy.MaxoutWindowEncoder.v1",
    "spacy.MaxoutWindowEncoder.v2",
    "spacy.MishWindowEncoder.v1",
    "spacy.MishWindowEncoder.v2",
}


def unsupported_ner(nlp: Language, name: str = "ner") -> str | None:
    """Why the windowed NER cannot stand in for the pipeline's ``name`` component (None: it can).

    Windows give the same entities only when the NER has a convolutional token encoder of its
    own that reads fewer words either side than a window holds: a shared (listener) or
    transformer encoder sees the whole text, and a wider window changes what the NER sees. And
    it was checked against the spaCy versions and models of ``CHECKED``.
    """
    if type(nlp.get_pipe(name)) is not EntityRecognizer:
        return f"{name!r} is not spaCy's EntityRecognizer"
    encoder = nlp.config["components"][name].get("model", {}).get("tok2vec", {})
    architecture = encoder.get("@architectures")
    if architecture in {"spacy.HashEmbedCNN.v1", "spacy.HashEmbedCNN.v2"}:
        reach = encoder["depth"] * encoder["window_size"]
    elif (
        architecture in {"spacy.Tok2Vec.v1", "spacy.Tok2Vec.v2"}
        and encoder["encode"].get("@architectures") in WINDOW_ENCODERS
    ):
        reach = encoder["encode"]["depth"] * encoder["encode"]["window_size"]
    else:
        return f"its token encoder ({architecture}) is not a convolutional encoder of its own"
    if reach >= WINDOW:
        return f"its encoder reads {reach} words either side, as many as a {WINDOW}-word window or more"
    return CHECKED.unchecked(nlp.meta)


class WindowedEntityRecognizer:
    """Runs a trained ``EntityRecognizer`` on the candidate windows of each doc."""

    def __init__(self, ner: EntityRecognizer):
        self.ner = ner

    def __call__(self, doc: Doc) -> Doc:
        return next(self.pipe([doc]))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for batch in minibatch(docs, batch_size):
            spans = [windows(doc) for doc in batch]
            parts = [part for doc, doc_spans in zip(batch, spans, strict=True) for part in window_docs(doc, doc_spans)]
            tagged = iter(self.ner.pipe(parts, batch_size=max(1, len(parts))))  # the batch's windows at once
            for doc, doc_spans in zip(batch, spans, strict=True):
                ents = [
                    Span(doc, span.start + ent.start, span.start + ent.end, label=ent.label)
                    for span in doc_spans
                    for ent in next(tagged).ents
                ]
                doc.set_ents(ents, default="outside")
                yield doc


@factory("extract_entities_v1", old_name="extract_entities", assigns=["doc.ents", "token.ent_type"])
def make_windowed_entity_recognizer(nlp: Language, name: str) -> WindowedEntityRecognizer:
    """Runs the pipeline's own ``ner``, which ``build_pipeline`` disables (and saves with the pipeline)."""
    return WindowedEntityRecognizer(nlp.get_pipe("ner"))
