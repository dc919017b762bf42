"""natasha, once: segmentation, morphology, syntax, NER and normal forms into kg's records.

The only package of kg that imports natasha; its models ship inside natasha's wheel and load
once per process.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from functools import lru_cache

from kg.nlp.morph import UNNAMED_LETTER, morph_vocab
from kg.nlp.records import NerSpan, Parsed, Sentence, Token

__all__ = ["MAX_SENTENCE_TOKENS", "Pipeline", "load_pipeline", "parse"]

_LINE = re.compile(r"[^\r\n]+")
_LINE_BREAK = re.compile(r"[\r\n]")

MAX_SENTENCE_TOKENS = 300
"""A longer sentence is parsed in pieces of this many tokens: natasha's syntax parser takes
time and memory in the square of a sentence's length (16,000 tokens: 12 s and 4 GB). The
longest sentence of the factRuEval texts has 198."""


@dataclass
class Pipeline:
    """The loaded natasha components."""

    segmenter: object
    morph_vocab: object
    morph_tagger: object
    syntax_parser: object
    ner_tagger: object
    lock: threading.Lock = field(default_factory=threading.Lock)


@lru_cache(maxsize=1)
def load_pipeline() -> Pipeline:
    """Load natasha's models (shipped inside the wheel) once per process."""
    from natasha import (
        NewsEmbedding,
        NewsMorphTagger,
        NewsNERTagger,
        NewsSyntaxParser,
        Segmenter,
    )

    emb = NewsEmbedding()
    vocab = morph_vocab()
    return Pipeline(
        segmenter=Segmenter(),
        morph_vocab=vocab,
        morph_tagger=NewsMorphTagger(emb),
        syntax_parser=NewsSyntaxParser(emb),
        ner_tagger=NewsNERTagger(emb),
    )


def _index(token_id: str) -> int:
    return int(token_id.split("_")[1]) - 1


def _sentence(sent, pipeline: Pipeline) -> Sentence:
    tokens = []
    for i, t in enumerate(sent.tokens):
        try:
            t.lemmatize(pipeline.morph_vocab)
        except UNNAMED_LETTER:
            t.lemma = t.text
        tokens.append(
            Token(
                index=i,
                text=t.text,
                start=t.start,
                end=t.stop,
                lemma=(t.lemma or t.text).lower(),
                pos=t.pos or "X",
                feats=dict(t.feats or {}),
                head=_index(t.head_id) if t.head_id else -1,
                rel=t.rel or "dep",
            )
        )
    return Sentence(start=sent.start, end=sent.stop, text=sent.text, tokens=tokens)


def _span(span, pipeline: Pipeline) -> NerSpan:
    try:
        span.normalize(pipeline.morph_vocab)
    except UNNAMED_LETTER:
        span.normal = span.text
    return NerSpan(
        start=span.start,
        end=span.stop,
        type=span.type,
        text=span.text,
        normal=span.normal or span.text,
    )


def _lines(sent, text: str) -> list[list]:
    """A sentence's tokens, cut wherever a line break stands between two of them: a headline,
    a caption or a dateline is never glued to the body."""
    out: list[list] = []
    for token in sent.tokens:
        if not out or _LINE_BREAK.search(text, out[-1][-1].stop, token.start):
            out.append([token])
        else:
            out[-1].append(token)
    return out


def _pieces(sent, text: str) -> list:
    """A natasha sentence cut at line breaks and into pieces of at most MAX_SENTENCE_TOKENS
    tokens; none for a sentence of no tokens (a text of white space alone), on which the
    syntax parser fails."""
    from natasha.doc import DocSent

    out = []
    for line in _lines(sent, text):
        for i in range(0, len(line), MAX_SENTENCE_TOKENS):
            tokens = line[i : i + MAX_SENTENCE_TOKENS]
            start, stop = tokens[0].start, tokens[-1].stop
            out.append(DocSent(start, stop, text[start:stop], tokens=tokens))
    return out


def _tag_ner(doc, tagger) -> None:
    """Named entities line by line: a name never runs across a line break ("Рафаэль Корреа"
    ending a headline and "Эдвард Сноуден" opening the next line are two names)."""
    from natasha.doc import DocSpan

    lines = [m for m in _LINE.finditer(doc.text) if m.group().strip()]
    spans = []
    for line, markup in zip(lines, tagger.map([m.group() for m in lines]), strict=True):
        for s in markup.spans:
            start, stop = line.start() + s.start, line.start() + s.stop
            spans.append(DocSpan(start, stop, s.type, doc.text[start:stop]))
    doc.spans = spans
    doc.envelop_span_tokens()
    doc.envelop_sent_spans()


def parse(text: str, pipeline: Pipeline | None = None) -> Parsed:
    """Run natasha over a text: sentences with lemmas and syntax, NER spans with normal forms."""
    from natasha import Doc

    pipeline = pipeline or load_pipeline()
    with pipeline.lock:
        doc = Doc(text)
        doc.segment(pipeline.segmenter)
        doc.sents = [piece for s in doc.sents for piece in _pieces(s, text)]
        if not doc.sents:
            return Parsed(text=text, sentences=[], spans=[])
        doc.tag_morph(pipeline.morph_tagger)
        doc.parse_syntax(pipeline.syntax_parser)
        _tag_ner(doc, pipeline.ner_tagger)
        sentences = [_sentence(s, pipeline) for s in doc.sents]
        spans = [_span(s, pipeline) for s in doc.spans]
    return Parsed(text=text, sentences=sentences, spans=spans)
