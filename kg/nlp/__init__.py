"""natasha, once: segmentation, morphology, syntax, NER and normal forms into plain records."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from functools import lru_cache

__all__ = [
    "Token",
    "Sentence",
    "NerSpan",
    "MAX_SENTENCE_TOKENS",
    "Parsed",
    "Pipeline",
    "load_pipeline",
    "morph_vocab",
    "morph_parse",
    "parse",
]


MAX_SENTENCE_TOKENS = 300
"""A longer sentence is parsed in pieces of this many tokens: natasha's syntax parser takes
time and memory in the square of a sentence's length (16,000 tokens: 12 s and 4 GB). The
longest sentence of the factRuEval texts has 198."""


@dataclass
class Token:
    """One token with its morphology and its place in the dependency tree."""

    index: int  # position in the sentence, 0-based
    text: str
    start: int
    end: int
    lemma: str
    pos: str
    feats: dict[str, str]
    head: int  # index of the head token in the sentence, -1 for the root
    rel: str


@dataclass
class Sentence:
    """A sentence with its tokens; offsets are into the article text."""

    start: int
    end: int
    text: str
    tokens: list[Token] = field(default_factory=list)

    def children(self, index: int) -> list[Token]:
        """The tokens whose head is the token at `index`."""
        return [t for t in self.tokens if t.head == index and t.index != index]

    def head_of(self, index: int) -> Token | None:
        """The head of the token at `index`, or None for the root (or a self-loop)."""
        h = self.tokens[index].head
        if h < 0 or h == index or h >= len(self.tokens):
            return None
        return self.tokens[h]


@dataclass
class NerSpan:
    """A named-entity span from natasha with its normal form."""

    start: int
    end: int
    type: str  # PER, LOC, ORG
    text: str
    normal: str


@dataclass
class Parsed:
    """An article after natasha: sentences and NER spans."""

    text: str
    sentences: list[Sentence]
    spans: list[NerSpan]


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
def morph_vocab():
    """natasha's MorphVocab (pymorphy2, patched for Python 3.11 by importing natasha first)."""
    from natasha import MorphVocab

    return MorphVocab()


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


# pymorphy2 asks unicodedata for the name of every letter of a word, and some letters have
# none (Tangut, Khitan): a ValueError, after which the word is taken as it is written.
_UNNAMED_LETTER = ValueError


def _sentence(sent, pipeline: Pipeline) -> Sentence:
    tokens = []
    for i, t in enumerate(sent.tokens):
        try:
            t.lemmatize(pipeline.morph_vocab)
        except _UNNAMED_LETTER:
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
    except _UNNAMED_LETTER:
        span.normal = span.text
    return NerSpan(
        start=span.start,
        end=span.stop,
        type=span.type,
        text=span.text,
        normal=span.normal or span.text,
    )


def _pieces(sent, text: str) -> list:
    """A natasha sentence cut into pieces of at most MAX_SENTENCE_TOKENS tokens; none for a
    sentence of no tokens (a text of white space alone), on which the syntax parser fails."""
    from natasha.doc import DocSent

    if len(sent.tokens) <= MAX_SENTENCE_TOKENS:
        return [sent] if sent.tokens else []
    out = []
    for i in range(0, len(sent.tokens), MAX_SENTENCE_TOKENS):
        tokens = sent.tokens[i : i + MAX_SENTENCE_TOKENS]
        start, stop = tokens[0].start, tokens[-1].stop
        out.append(DocSent(start, stop, text[start:stop], tokens=tokens))
    return out


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
        doc.tag_ner(pipeline.ner_tagger)
        sentences = [_sentence(s, pipeline) for s in doc.sents]
        spans = [_span(s, pipeline) for s in doc.spans]
    return Parsed(text=text, sentences=sentences, spans=spans)


@lru_cache(maxsize=50_000)
def morph_parse(word: str) -> tuple:
    """pymorphy2's analyses of a word (through natasha, which patches it for Python 3.11);
    none for a word pymorphy2 cannot read."""
    try:
        return tuple(morph_vocab().parse(word))
    except _UNNAMED_LETTER:
        return ()
