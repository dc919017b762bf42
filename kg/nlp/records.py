"""kg's records of natasha's analysis: tokens with morphology and dependencies, sentences,
named-entity spans; offsets are into the article text."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Token", "Sentence", "NerSpan", "Parsed"]


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
