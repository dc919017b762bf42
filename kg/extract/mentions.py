"""Mentions: NER spans, organisation names NER cuts short, «quoted» names, credit lines."""

from __future__ import annotations

import re

from kg.extract.labels import (
    clean,
    geo_adjective_place,
    known_place,
    match_case,
    nominative,
    organisation_label,
    phrase_nominative,
    place_label,
)
from kg.extract.names import PersonName, person_name
from kg.extract.people import same_name
from kg.extract.tree import head_token, tokens_in
from kg.lexicon import organisation_aliases, words
from kg.model import Mention, clean_name, fold
from kg.nlp import NerSpan, Parsed, Sentence

__all__ = ["find_mentions"]

_NER_TYPES = {"PER": "Person", "LOC": "Place", "ORG": "Organization"}
_QUOTED = re.compile(r"«([^«»\n]{1,80})»|\"([^\"\n]{1,80})\"")


def _is_credit(text: str, start: int) -> bool:
    line = text[max(text.rfind("\n", 0, start) + 1, start - 40) : start]
    m = re.search(r"([А-Яа-яЁё ]+)\s*[:：]\s*$", line)
    return bool(m) and m.group(1).strip().lower() in words("credits")


def _person(parsed: Parsed, span: NerSpan) -> PersonName | None:
    """The name a person span holds, in the nominative, with where it stands."""
    s = _sentence_of(parsed, span.start)
    name = person_name(tokens_in(s, span.start, span.end) if s else [])
    return name if name.tokens and name.name else None


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


def _in_quotes(text: str, start: int, end: int) -> bool:
    """Whether a span is written in quotation marks, as a club or a firm named after a place
    is ("мюнхенская «Бавария»")."""
    before, after = text[:start].rstrip()[-1:], text[end:].lstrip()[:1]
    return (before, after) in (("«", "»"), ('"', '"'), ("„", "“"), ("“", "”"))


def _ner_mention(parsed: Parsed, span: NerSpan) -> Mention:
    text = parsed.text
    type_ = _NER_TYPES.get(span.type, "Organization")
    normal = clean(span.normal)
    if (
        type_ == "Organization"
        and len(span.text.split()) <= 3
        and not _in_quotes(text, span.start, span.end)
        and known_place(span.normal)
    ):
        type_ = "Place"  # "Кузбассу" tagged ORG: a place acting as a party, not «Бавария»
    elif type_ == "Place" and fold(clean(span.normal)) in organisation_aliases():
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
    if type_ == "Person" and _organisation_word(parsed, span):
        type_ = "Organization"  # "главным инженером Уралмашзавода" tagged PER
        written = _org_normal(parsed, span)
        normal, alias = organisation_label(written), None
    start, end = span.start, span.end
    person = _person(parsed, span) if type_ == "Person" else None
    if person is not None:
        start, end, normal = person.tokens[0].start, person.tokens[-1].end, person.name
    return Mention(
        start=start,
        end=end,
        text=text[start:end],
        type=type_,
        normal=normal,
        credit=type_ == "Person" and _is_credit(text, start),
        alias=alias,
        patronymic=person.patronymic if person else None,
        nominative=person.nominative if person else _written_nominative(parsed, start, end),
    )


def _organisation_word(parsed: Parsed, span: NerSpan) -> bool:
    """Whether a name of one word ends as organisation names do ("Уралмашзавода",
    "Ростсельмашем": kg/lexicon/org_endings.tsv), longer than the ending by a stem."""
    s = _sentence_of(parsed, span.start)
    toks = [t for t in tokens_in(s, span.start, span.end) if t.pos != "PUNCT"] if s else []
    if len(toks) != 1 or not toks[0].text[:1].isupper():
        return False
    lemma = fold(toks[0].lemma)
    return any(lemma.endswith(e) and len(lemma) >= len(e) + 3 for e in words("org_endings"))


def _written_nominative(parsed: Parsed, start: int, end: int) -> bool:
    """Whether the words of a mention stand in the nominative (or have no case)."""
    s = _sentence_of(parsed, start)
    toks = [t for t in tokens_in(s, start, end) if t.pos != "PUNCT"] if s else []
    return bool(toks) and all(t.feats.get("Case") in (None, "Nom") for t in toks)


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
                head = head_token(toks) if toks else None
                if head is None or head.head != t.index or gap.strip():
                    continue
                if head.feats.get("Case") != "Gen" and not head.text.isupper():
                    continue  # "прокуратуры Московской области", "МИД РФ"
                plural = t.feats.get("Number") == "Plur"  # "силами США": "Силы США"
                first = match_case(nominative(t.text, plural=plural), t.text.capitalize())
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
    """«Quoted» names: products when a product or work noun stands beside them, else
    organisations."""
    products = words("products") | words("works")
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
        after = []
        stop = parsed.text.find("«", m.end())  # up to the next quoted name
        stop = stop if stop >= 0 else len(parsed.text)
        for t in (t for t in s.tokens if m.end() <= t.start < stop and t.pos != "PUNCT"):
            if t.pos in ("VERB", "AUX") or len(after) == 3:
                break  # "«Ромашка» выпускает автобусы": the noun is the verb's, not the name's
            after.append(t)
        inside = [t for t in s.tokens if start <= t.start < end]
        heads = [s.tokens[t.head] for t in inside[:1] if t.head >= 0]  # "фильм Иванова «Дом»"
        near = {t.lemma for t in before + after + heads}
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
    ner = [m for m in ner if _an_actor(parsed, m)]
    quoted = [m for m in _quoted_mentions(parsed, ner) if _names(m) and _an_actor(parsed, m)]
    # a quoted product replaces the NER span it covers
    ner = [n for n in ner if not any(q.start <= n.start and n.end <= q.end for q in quoted)]
    mentions = sorted(_unglued(_joined_places(parsed.text, ner)) + quoted, key=_position)
    mentions = _merge_org_tails(parsed, mentions)
    mentions += [m for m in _org_head_mentions(parsed, mentions) if _names(m)]
    mentions += _national_bodies(parsed, mentions)
    for m in mentions:  # lookalike letters and invisible characters make no other entity
        m.normal = clean_name(m.normal)
        m.alias = clean_name(m.alias) if m.alias else m.alias
    return sorted(mentions, key=lambda m: (m.start, -m.end))


def _national_bodies(parsed: Parsed, taken: list[Mention]) -> list[Mention]:
    """A body named by a geographic adjective and an organisation noun, in the singular and
    not inside a name ("перуанская армия", "шведская академия", "британская полиция")."""
    heads = words("organisations")
    out = []
    for s in parsed.sentences:
        for t in s.tokens:
            if t.lemma not in heads or t.pos != "NOUN" or t.feats.get("Number") != "Sing":
                continue
            if t.lemma in words("org_kinds") or any(m.start <= t.start < m.end for m in taken):
                continue  # "российская компания" names no one company
            adjectives = [
                c for c in s.children(t.index) if c.rel == "amod" and c.index == t.index - 1
            ]
            if not adjectives or not geo_adjective_place(adjectives[0].lemma):
                continue
            start, end = adjectives[0].start, t.end
            label = phrase_nominative([adjectives[0], t], t)
            label = label[:1].upper() + label[1:]
            out.append(Mention(start, end, parsed.text[start:end], "Organization", label))
    return out


def _an_actor(parsed: Parsed, m: Mention) -> bool:
    """Whether a mention names an actor, not the media or the net ("СМИ", "Интернет"), power
    in general, a drug (kg/lexicon/not_actors.tsv), nor a thing named after someone
    ("болезнь Паркинсона", "премия «Грэмми»": kg/lexicon/eponym_nouns.tsv)."""
    if fold(m.normal) in words("not_actors"):
        return False
    s = _sentence_of(parsed, m.start)
    before = [t for t in s.tokens if t.end <= m.start][-2:] if s else []
    before = [t for t in before if t.pos != "PUNCT"][-1:]
    return not (before and before[0].lemma in words("eponym_nouns") and m.type != "Place")


def _names(m: Mention) -> bool:
    """Whether a mention names something: NER sometimes tags a lone quote mark ("„"), whose
    label, quotes taken away, is empty."""
    return any(c.isalnum() for c in m.normal)


def _position(m: Mention) -> tuple[int, int]:
    return m.start, -m.end


def _joined_places(text: str, mentions: list[Mention]) -> list[Mention]:
    """Two place spans joined by "и" that together name one known place, as one mention:
    "Тринидад и Тобаго", "Джамму и Кашмир"."""
    out: list[Mention] = []
    for m in sorted(mentions, key=_position):
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.type == m.type == "Place"
            and text[prev.end : m.start] == " и "
        ):
            label = known_place(f"{prev.normal} и {m.normal}") or known_place(
                text[prev.start : m.end]
            )
            if label:
                out[-1] = Mention(
                    prev.start,
                    m.end,
                    text[prev.start : m.end],
                    "Place",
                    label,
                    nominative=prev.nominative and m.nominative,
                )
                continue
        out.append(m)
    return out


def _names_one(a: list[str], b: list[str]) -> bool:
    return len(a) == len(b) and all(same_name(fold(x), fold(y)) for x, y in zip(a, b, strict=True))


def _unglued(mentions: list[Mention]) -> list[Mention]:
    """Person spans of two names run together split in two: a caption "Рафаэль Корреа Эдвард
    Сноуден" is two people when the article names one of them elsewhere by either half."""
    names = [m.normal.split() for m in mentions if m.type == "Person"]
    out = []
    for m in mentions:
        words = m.normal.split()
        pieces = list(re.finditer(r"\S+", m.text))
        cut = None
        if m.type == "Person" and len(words) >= 4 and len(pieces) == len(words):
            for k in range(2, len(words) - 1):
                left, right = words[:k], words[k:]
                if any(_names_one(left, n) or _names_one(right, n) for n in names):
                    cut = k
                    break
        if cut is None:
            out.append(m)
            continue
        for part, first, last in ((words[:cut], 0, cut - 1), (words[cut:], cut, len(words) - 1)):
            start, end = m.start + pieces[first].start(), m.start + pieces[last].end()
            out.append(
                Mention(
                    start,
                    end,
                    m.text[start - m.start : end - m.start],
                    "Person",
                    " ".join(part),
                    credit=m.credit,
                    nominative=m.nominative,
                )
            )
    return out
