"""What the relation rules share about one article: its parse, mentions and entities."""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.extract.mentions import tokens_in
from kg.extract.timex import Timex, find_times
from kg.lexicon import posts, words
from kg.model import Article, Entity, Event, Evidence, Mention
from kg.nlp import Parsed, Sentence, Token

__all__ = ["Context", "build_context", "evidence_of", "subtree"]


@dataclass
class Context:
    """One article's parse, mentions and entities, indexed by (sentence, token)."""

    article: Article
    parsed: Parsed
    mentions: list[Mention]
    entities: dict[str, Entity]
    heads: dict[tuple[int, int], Mention] = field(default_factory=dict)
    covers: dict[tuple[int, int], Mention] = field(default_factory=dict)
    events: list[Event] = field(default_factory=list)
    post_holders: dict[tuple[int, int], Entity] = field(default_factory=dict)
    _times: list[Timex] | None = None

    def times_in(self, sent: Sentence) -> list[Timex]:
        """The time expressions of a sentence (the article is searched once)."""
        if self._times is None:
            self._times = find_times(self.parsed.text, self.article.date)
        return [t for t in self._times if sent.start <= t.start < sent.end]

    def mention_at(self, si: int, token: Token) -> Mention | None:
        """The mention headed by a token, else the longest one covering it."""
        key = (si, token.index)
        return self.heads.get(key) or self.covers.get(key)

    def entity_at(self, si: int, token: Token) -> Entity | None:
        """The entity a token names (credit lines name no actor)."""
        m = self.mention_at(si, token)
        if m is None or m.credit or m.entity_key is None:
            return None
        return self.entities[m.entity_key]

    def named_by_noun(self, si: int, token: Token) -> Entity | None:
        """The entity a common noun stands for: a post noun its holder ("президентом Беларуси
        Александром Лукашенко"), an organisation noun its name ("компания «Яндекс»")."""
        if (si, token.index) in self.post_holders:
            return self.post_holders[(si, token.index)]
        if token.lemma in posts():
            wanted = ("Person",)
        elif token.lemma in words("organisations"):
            wanted = ("Organization",)
        else:
            return None
        sent = self.parsed.sentences[si]
        for child in sent.children(token.index):
            if child.rel in ("appos", "flat:name", "nmod", "flat") and child.pos in (
                "PROPN",
                "NOUN",
            ):
                e = self.entity_at(si, child)
                if (
                    e is not None
                    and e.type in wanted
                    and (
                        wanted[0] == "Person"
                        or child.rel != "nmod"
                        or self.mention_at(si, child).start < token.end + 3
                    )
                ):
                    return e
        return None

    def argument(self, si: int, token: Token) -> list[Entity]:
        """The entities a syntactic argument stands for, following `conj` and post nouns."""
        sent = self.parsed.sentences[si]
        out: list[Entity] = []
        for t in [token] + conjuncts(sent, token):
            e = self.entity_at(si, t) or self.named_by_noun(si, t)
            if e is None and t.lemma == "сторона" and t.feats.get("Number") == "Plur":
                out.extend(self.last_participants())
            elif e is not None and e not in out:
                out.append(e)
        return out

    def last_participants(self) -> list[Entity]:
        """The participants of the last meeting or signing read so far."""
        for ev in reversed(self.events):
            if ev.type in ("Meeting", "AgreementSigning") and len(ev.participants) >= 2:
                return list(ev.participants)
        return []


def conjuncts(sent: Sentence, token: Token) -> list[Token]:
    """Tokens joined to `token` by `conj`, transitively."""
    out, todo = [], [token.index]
    while todo:
        i = todo.pop()
        for c in sent.children(i):
            if c.rel == "conj" and c not in out:
                out.append(c)
                todo.append(c.index)
    return out


def subtree(sent: Sentence, index: int, limit: int = 200) -> list[Token]:
    """A token and everything under it, in text order (guards against cycles)."""
    seen, todo = {index}, [index]
    while todo and len(seen) < limit:
        i = todo.pop()
        for c in sent.children(i):
            if c.index not in seen:
                seen.add(c.index)
                todo.append(c.index)
    return [sent.tokens[i] for i in sorted(seen)]


def evidence_of(sent: Sentence) -> Evidence:
    """The evidence record of a sentence."""
    return Evidence(text=sent.text, start=sent.start, end=sent.end)


def _head_token(tokens: list[Token]) -> Token:
    inside = {t.index for t in tokens}
    for t in tokens:
        if t.head not in inside:
            return t
    return tokens[0]


def build_context(article: Article, parsed: Parsed, mentions, entities) -> Context:
    """Index mentions by the tokens they head and cover."""
    ctx = Context(article, parsed, mentions, entities)
    for si, sent in enumerate(parsed.sentences):
        for m in mentions:
            if m.end <= sent.start or m.start >= sent.end:
                continue
            toks = tokens_in(sent, m.start, m.end)
            if not toks:
                continue
            head = _head_token(toks)
            prev = ctx.heads.get((si, head.index))
            if prev is None or prev.end - prev.start < m.end - m.start:
                ctx.heads[(si, head.index)] = m
            for t in toks:
                prev = ctx.covers.get((si, t.index))
                if prev is None or prev.end - prev.start < m.end - m.start:
                    ctx.covers[(si, t.index)] = m
    return ctx
