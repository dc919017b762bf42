"""Mentions: NER spans, organisation names NER cuts short, «quoted» names, credit lines."""

from __future__ import annotations

import re

from kg.extract.labels import (
    clean,
    known_place,
    match_case,
    nominative,
    organisation_label,
    phrase_nominative,
    place_label,
)
from kg.extract.tree import tokens_in
from kg.lexicon import organisation_aliases, words
from kg.model import Mention
from kg.nlp import NerSpan, Parsed, Sentence, morph_parse

__all__ = ["find_mentions", "name_role"]

_NER_TYPES = {"PER": "Person", "LOC": "Place", "ORG": "Organization"}
_QUOTED = re.compile(r"«([^«»\n]{1,80})»|\"([^\"\n]{1,80})\"")


def _is_credit(text: str, start: int) -> bool:
    line = text[max(text.rfind("\n", 0, start) + 1, start - 40) : start]
    m = re.search(r"([А-Яа-яЁё ]+)\s*[:：]\s*$", line)
    return bool(m) and m.group(1).strip().lower() in words("credits")


_OC_CASE = {"Gen": "gent", "Dat": "datv", "Acc": "accs", "Ins": "ablt", "Loc": "loct"}
_NAME_TAGS = ("Name", "Surn", "Patr")


def _name_word(word: str, case: str | None) -> str:
    """A name word in the nominative, read from pymorphy's analyses in the token's case."""
    oc = _OC_CASE.get(case or "")
    if not oc or not word[:1].isupper():
        return word
    nouns = [p for p in morph_parse(word) if p.tag.POS == "NOUN" and oc in p.tag]
    nouns.sort(key=lambda p: not any(t in p.tag for t in _NAME_TAGS))
    return match_case(nouns[0].normal_form, word) if nouns else word


def name_role(word: str) -> str | None:
    """`first`, `middle` or `last` when pymorphy knows the word as such a name part."""
    for p in morph_parse(word):
        for tag, role in (("Patr", "middle"), ("Name", "first"), ("Surn", "last")):
            if tag in p.tag:
                return role
    return None


def _reorder(words_: list[str]) -> list[str]:
    """ "Середюк Илья Владимирович" → "Илья Середюк": first name, then surname, no patronymic."""
    if len(words_) not in (2, 3):
        return words_
    roles = [name_role(w) for w in words_]
    if len(words_) == 3 and roles[2] == "middle" and roles[1] == "first":
        return [words_[1], words_[0]]  # surname first, as in lists and documents
    if len(words_) == 3 and roles[1] == "middle":
        return [words_[0], words_[2]]
    return words_


def _person_normal(parsed: Parsed, span: NerSpan) -> str:
    """ "Ильей Середюком" → "Илья Середюк", also for names natasha leaves inflected."""
    normal = clean(span.normal)
    s = _sentence_of(parsed, span.start)
    toks = [t for t in tokens_in(s, span.start, span.end) if t.pos != "PUNCT"] if s else []
    words_ = normal.split()
    if len(toks) == len(span.text.split()) == len(words_) and toks:
        cases = {t.feats.get("Case") for t in toks}
        if len(cases) == 1:  # "посла Тоёхиса Кодзуки": parts in different cases are kept
            words_ = [
                _name_word(w, t.feats.get("Case")) if w == t.text else w
                for w, t in zip(words_, toks, strict=True)
            ]
    return " ".join(_reorder(words_))


def _org_normal(parsed: Parsed, span: NerSpan) -> str:
    """An organisation's name with its head noun (and the words before it) in the nominative
    and the rest as written: "Исламского комитета России" → "Исламский комитет России"."""
    s = _sentence_of(parsed, span.start)
    toks = tokens_in(s, span.start, span.end) if s else []
    if not toks:
        return clean(span.normal)
    inside = {t.index for t in toks}
    head = next((t for t in toks if t.head not in inside), toks[0])
    if head.feats.get("Case") in (None, "Nom") or head.text.isupper():
        return clean(span.text)
    return phrase_nominative(toks, head)


def _ner_mention(parsed: Parsed, span: NerSpan) -> Mention:
    text = parsed.text
    type_ = _NER_TYPES.get(span.type, "Organization")
    normal = clean(span.normal)
    if type_ == "Organization" and len(span.text.split()) <= 3 and known_place(span.normal):
        type_ = "Place"  # "Кузбассу" tagged ORG: a place acting as a party
    elif type_ == "Place" and clean(span.normal).lower() in organisation_aliases():
        type_ = "Organization"  # "Европейского союза" tagged LOC
    alias = None
    if type_ == "Place":
        normal = place_label(span.text, span.normal)
        written = clean(span.normal)
        alias = written if written != normal and known_place(written) == normal else None
    elif type_ == "Organization":
        written = _org_normal(parsed, span)
        normal = organisation_label(written)
        alias = written if written != normal else None
    elif type_ == "Person":
        normal = _person_normal(parsed, span)
    return Mention(
        start=span.start,
        end=span.end,
        text=span.text,
        type=type_,
        normal=normal,
        credit=type_ == "Person" and _is_credit(text, span.start),
        alias=alias,
    )


def _sentence_of(parsed: Parsed, pos: int) -> Sentence | None:
    for s in parsed.sentences:
        if s.start <= pos < s.end:
            return s
    return None


def _tail_of(parsed: Parsed, a: Mention, b: Mention) -> bool:
    """Whether `b` continues the organisation name `a` ("Палаты представителей" + "Конгресса",
    "Совет муфтиев" + "России", "Центра поддержки" + "БЕЛАЗ")."""
    if a.type != "Organization" or b.type not in ("Organization", "Place") or b.credit:
        return False
    gap = parsed.text[a.end : b.start]
    if gap.strip(' «»"') or "\n" in gap:
        return False
    s = _sentence_of(parsed, a.start)
    if s is None:
        return False
    inside = {t.index for t in tokens_in(s, a.start, a.end)}
    tail = tokens_in(s, b.start, b.end)
    if not tail or tail[0].head not in inside:
        return False
    # a place only in the genitive: "Совет муфтиев России" is one name, "фонд в России" is not
    return b.type != "Place" or tail[0].feats.get("Case") == "Gen" or tail[0].text.isupper()


def _merge_org_tails(parsed: Parsed, mentions: list[Mention]) -> list[Mention]:
    """Organisation names NER cut into pieces, joined; the merged mention replaces its first
    piece, and the later pieces stay mentions of their own."""
    out: list[Mention] = []
    acc: Mention | None = None
    for m in sorted(mentions, key=lambda m: (m.start, -m.end)):
        if acc is not None and m.start >= acc.end and _tail_of(parsed, acc, m):
            written = f"{acc.alias or acc.normal} {clean(m.text)}"
            label = organisation_label(written)
            alias = written if written != label else None
            acc = Mention(
                acc.start, m.end, parsed.text[acc.start : m.end], acc.type, label, alias=alias
            )
            out.append(m)
            continue
        if acc is not None:
            out.append(acc)
        acc = m if m.type == "Organization" else None
        if acc is None:
            out.append(m)
    if acc is not None:
        out.append(acc)
    return sorted(out, key=lambda m: (m.start, -m.end))


def _org_head_mentions(parsed: Parsed, taken: list[Mention]) -> list[Mention]:
    """ "администрация Кемеровской области": an organisation noun before a named place or body."""
    heads = words("organisations")
    out = []
    for s in parsed.sentences:
        for t in s.tokens:
            if t.lemma not in heads or t.pos != "NOUN" or t.lemma in words("org_kinds"):
                continue  # "компании «ВымпелКом»" names the company, not a body of it
            if any(m.start <= t.start < m.end for m in taken):
                continue  # already inside a name: "Исламского комитета России"
            for m in taken:
                toks = tokens_in(s, m.start, m.end)
                if not toks or m.type not in ("Place", "Organization") or m.start <= t.start:
                    continue
                gap = parsed.text[t.end : m.start]
                if toks[0].head != t.index or gap.strip() or toks[0].feats.get("Case") != "Gen":
                    continue
                first = match_case(nominative(t.text), t.text.capitalize())
                out.append(
                    Mention(
                        t.start,
                        m.end,
                        parsed.text[t.start : m.end],
                        "Organization",
                        f"{first} {parsed.text[m.start : m.end]}",
                    )
                )
    return out


def _quoted_mentions(parsed: Parsed, ner: list[Mention]) -> list[Mention]:
    """«Quoted» names: products when a product noun stands beside them, else organisations."""
    products = words("products")
    out = []
    for m in _QUOTED.finditer(parsed.text):
        start, end = m.span(1) if m.group(1) else m.span(2)
        inner = parsed.text[start:end]
        if not inner[:1].isupper() or len(inner.split()) > 4:
            continue
        s = _sentence_of(parsed, start)
        if s is None:
            continue
        before = [t for t in s.tokens if t.end <= m.start()][-2:]
        after = [t for t in s.tokens if t.start >= m.end() and t.pos != "PUNCT"][:3]
        near = {t.lemma for t in before + after}
        known = [n for n in ner if n.start >= start and n.end <= end]
        if near & products:
            type_ = "Product"
        elif (known and known[0].type == "Organization") or any(
            t.lemma in words("organisations") for t in before
        ):
            type_ = "Organization"
        else:
            continue
        normal = (
            known[0].normal if known and known[0].end - known[0].start == end - start else inner
        )
        out.append(Mention(start, end, inner, type_, clean(normal)))
    return out


def find_mentions(parsed: Parsed) -> list[Mention]:
    """All mentions in an article, ordered by position; overlapping NER spans are replaced."""
    ner = [m for m in (_ner_mention(parsed, s) for s in parsed.spans) if _names(m)]
    quoted = [m for m in _quoted_mentions(parsed, ner) if _names(m)]
    # a quoted product replaces the NER span it covers
    ner = [n for n in ner if not any(q.start <= n.start and n.end <= q.end for q in quoted)]
    mentions = sorted(ner + quoted, key=lambda m: (m.start, -m.end))
    mentions = _merge_org_tails(parsed, mentions)
    mentions += [m for m in _org_head_mentions(parsed, mentions) if _names(m)]
    return sorted(mentions, key=lambda m: (m.start, -m.end))


def _names(m: Mention) -> bool:
    """Whether a mention names something: NER sometimes tags a lone quote mark ("„"), whose
    label, quotes taken away, is empty."""
    return any(c.isalnum() for c in m.normal)
