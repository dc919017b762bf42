"""Where things are, as names and punctuation say it: an organisation's seat named in its name
("Правительство Каталонии", "прокуратура Московской области") or by a geographic adjective
("Британская полиция", "американские ВВС"); a place inside a larger one written beside it
("Белово (Кемеровская область)", "Солсбери, Англия", "город Белово Кемеровской области").

A larger place is one of a higher kind in the gazetteer (a country over a region over a city)
and, where the gazetteer knows both, one of the country the smaller lies in: "в Москве,
Берлине" and "в Москве, Германия" give nothing, "Кливленд, Огайо" a city in a state. A
mission names the place it represents, not its seat ("посольство России",
kg/lexicon/missions.tsv).
"""

from __future__ import annotations

from kg.extract.bank import prior
from kg.extract.context import Context, organisation_named, place_of_adjective
from kg.extract.labels import known_place, place_label
from kg.extract.tree import case_of, evidence_of, head_token, tokens_in
from kg.io.decode import cyrillic_share
from kg.lexicon import table, words
from kg.lexicon.gazetteer import Place, lookup
from kg.model import Entity, Mention, Relation, TextSpan, entity_key
from kg.nlp import Sentence, Token

__all__ = ["find_seats", "find_headquarters", "find_places_within"]

_RANK = {"city": 1, "region": 2, "country": 3}


def _relation(
    rule: str, subject: Entity, place: Entity, sent: Sentence, object_span: TextSpan | None
) -> Relation:
    spans = {"object": object_span} if object_span else {}
    return Relation(
        "locatedIn", subject, place, evidence_of(sent), prior(rule), {}, rule, mentions=spans
    )


def _in_sentence(mentions: list[Mention], sent: Sentence, type_: str) -> list[Mention]:
    return [
        m
        for m in mentions
        if m.type == type_ and m.entity_key and not m.credit and sent.start <= m.start < sent.end
    ]


def find_seats(ctx: Context) -> list[Relation]:
    """locatedIn(organisation, place) for a place named inside the organisation's name, a
    place "в"/"на" its head word governs ("посольство США в Москве"), or a geographic
    adjective in the name or on its head word when the name holds no place."""
    out: list[Relation] = []
    missions = words("missions")
    kind_nouns = words("org_kinds") | words("organisations")
    for si, sent in enumerate(ctx.parsed.sentences):
        places = _in_sentence(ctx.mentions, sent, "Place")
        for org in _in_sentence(ctx.mentions, sent, "Organization"):
            entity = ctx.entities[org.entity_key]
            toks = tokens_in(sent, org.start, org.end)
            if not toks:
                continue
            head = head_token(toks)
            for c in sent.children(head.index):
                seat = ctx.entity_at(si, c) if c.rel == "nmod" else None
                if seat is not None and seat.type == "Place" and case_of(sent, c) in ("в", "на"):
                    out.append(_relation("seat-governed", entity, seat, sent, None))
            if toks[0].lemma in missions or head.lemma in missions:
                continue  # "посольство России", "российская делегация": where it comes from
            inside = [
                ctx.entities[p.entity_key]
                for p in places
                if org.start < p.start
                and p.end <= org.end
                and ctx.entities[p.entity_key].label != entity.label
                and not _eponym(sent, p.start)
            ]
            out += [_relation("seat-in-name", entity, place, sent, None) for place in inside]
            if not inside:  # "МИД РФ", "Суд Вены" read as one name: the place at its end
                written = _place_at_end(ctx, si, toks[1:], head)
                if written is not None and written[0].label != entity.label:
                    out.append(_relation("seat-in-name", entity, *written[:1], sent, written[1]))
                    inside = [written[0]]
            if inside:
                continue  # "Тверской суд Москвы": the place named wins over the adjective
            near = toks + [c for c in sent.children(head.index) if c.rel == "amod"]
            kind = [t for t in sent.tokens if t.end <= org.start and t.pos != "PUNCT"][-1:]
            if kind and kind[0].lemma in kind_nouns:
                # "Немецкий концерн Siemens": the adjective on the kind noun before the name
                near += [c for c in sent.children(kind[0].index) if c.rel == "amod"]
            for t in near:
                if t.pos != "ADJ" or t.lemma not in table("geo_adjectives"):
                    continue
                place = place_of_adjective(ctx, t.lemma)
                if place is not None and place.label != entity.label:
                    span = TextSpan(t.text, t.start, t.end)
                    out.append(_relation("seat-adjective", entity, place, sent, span))
    return out


def find_headquarters(ctx: Context) -> list[Relation]:
    """locatedIn(organisation, place) for the seat noun of an organisation and the place it is
    in ("штаб-квартира ФСЭГ в Дохе", "штаб-квартира компании «Ромашка» находится в Казани")."""
    out: list[Relation] = []
    for si, sent in enumerate(ctx.parsed.sentences):
        for seat in sent.tokens:
            if seat.lemma not in words("seat_nouns"):
                continue
            owners = [organisation_named(ctx, si, c) for c in sent.children(seat.index)]
            owners = [e for e in owners if e is not None]
            near = list(sent.children(seat.index))
            up = sent.head_of(seat.index)
            if up is not None and seat.rel == "nsubj":  # "... находится в Казани"
                near += list(sent.children(up.index))
            places = [
                ctx.entity_at(si, c)
                for c in near
                if c.rel in ("nmod", "obl") and case_of(sent, c) in ("в", "на")
            ]
            places = [p for p in places if p is not None and p.type == "Place"]
            if owners and places:
                out.append(_relation("seat-governed", owners[0], places[0], sent, None))
    return out


def _eponym(sent: Sentence, start: int) -> bool:
    """Whether a name inside another follows "имени" ("МГУ имени Ломоносова", "им. Чехова"):
    a person honoured, not a place."""
    before = [t for t in sent.tokens if t.end <= start][-2:]
    return any(t.lemma in ("имя", "им") or t.text in ("им.", "им") for t in before)


def _place_at_end(ctx: Context, si: int, toks: list, head: Token) -> tuple[Entity, TextSpan] | None:
    """A known place the last one to three words of a name spell, in the genitive or as an
    abbreviation ("МИД РФ", "Административный суд Кёльна") or as the name's own head noun
    ("Единая Россия"), and the words; not a person ("Правительство Исама Шарафа") nor one
    honoured ("МГУ имени Ломоносова")."""
    sent = ctx.parsed.sentences[si]
    for n in (3, 2, 1):
        tail = toks[-n:] if len(toks) >= n else []
        if not tail:  # (the name's first word is never its place)
            continue
        if head not in tail and not all(
            t.feats.get("Case") == "Gen" or t.text.isupper() for t in tail
        ):
            continue
        if not all(t.text[:1].isupper() for t in tail) or _eponym(sent, tail[0].start):
            continue
        named = [ctx.mention_at(si, t) for t in tail]
        if any(m is not None and m.type == "Person" for m in named):
            continue
        text = ctx.parsed.text[tail[0].start : tail[-1].end]
        label = known_place(place_label(text, " ".join(t.lemma for t in tail)))
        if label:
            found = next((e for e in ctx.entities.values() if e.label == label), None)
            place = found or Entity(entity_key("Place", label), label, "Place")
            return place, TextSpan(text, tail[0].start, tail[-1].end)
    return None


def _larger(small: Entity, large: Entity) -> bool:
    """Whether the gazetteer has `large` as a place of a higher kind that `small` may lie in."""
    big = lookup(large.label)
    if big is None:
        return False
    little: Place | None = lookup(small.label)
    if little is None:
        return big.kind in ("country", "region")
    if _RANK[little.kind] >= _RANK[big.kind]:
        return False
    return little.country == big.country  # a city in a region of its own country


def find_places_within(ctx: Context) -> list[Relation]:
    """locatedIn(place, larger place) for "X (Y)", "X, Y" and "X Y" (the larger in the
    genitive, "город Белово Кемеровской области"), the larger place not starting a list; with
    a kind of place between them ("Лос-Анджелес, штат Калифорния", "Сват в провинции
    Хайбер-Пахтунхва") or brackets ("Финикс (Аризона)") the gazetteer need not know the
    larger; a place "в" another ("Модесто в Калифорнии") or in a part of it ("Солсбери на юге
    Англии") lies in it where the gazetteer does not say otherwise. And a geographic
    adjective on a place or on the kind of place before its name ("в каталонском Мартореле",
    "в индийском штате Джамму и Кашмир")."""
    out: list[Relation] = []
    text = ctx.parsed.text
    kinds = words("place_kinds")
    for si, sent in enumerate(ctx.parsed.sentences):
        places = sorted(_in_sentence(ctx.mentions, sent, "Place"), key=lambda m: m.start)
        for a, b in zip(places, places[1:], strict=False):
            gap = text[a.end : b.start]
            between = tokens_in(sent, a.end, b.start)
            named_kind = [t for t in between if t.pos != "PUNCT"]
            if len(named_kind) >= 2 and named_kind[0].lemma in kinds and "—" in gap:
                named_kind = named_kind[1:]  # "Свазиленд — государство в Южной Африке"
            located = bool(named_kind) and named_kind[0].lemma in ("в", "на")
            if located:  # "Сват в провинции Хайбер-Пахтунхва", "Солсбери на юге Англии"
                named_kind = named_kind[1:]
            if located and not named_kind:
                # "Модесто в Калифорнии": in the place the preposition puts it in
                if _case(sent, b) == "Loc" and _within(ctx, a, b):
                    out.append(_relation("place-within", *_ends(ctx, a, b), sent, None))
                continue
            if located and len(named_kind) == 1 and named_kind[0].lemma in words("area_nouns"):
                if _case(sent, b) == "Gen" and _within(ctx, a, b):
                    out.append(_relation("place-within", *_ends(ctx, a, b), sent, None))
                continue
            if named_kind and not all(t.lemma in kinds for t in named_kind):
                continue
            mark = gap.replace(" ", "")
            mark = "".join(c for c in mark if not c.isalpha())
            after = text[b.end : b.end + 3]
            if mark not in ("(", ",", "") or "\n" in gap:
                continue
            if mark == "(" and not after.startswith(")"):
                continue
            listed = after.lstrip().startswith(("и ", ",")) or after[:1] == ","
            if mark == "," and listed and not named_kind:
                continue  # "в Москве, Казани и Самаре": a list
            if mark == "" and not named_kind and not _genitive(sent, b):
                continue
            small, large = ctx.entities[a.entity_key], ctx.entities[b.entity_key]
            # in brackets the larger place is said to be larger ("Финикс (Аризона)")
            said = named_kind or [t for t in between if t.text == "("]
            if small.key != large.key and (
                _larger(small, large) or _kind_named(said, small, large)
            ):
                out.append(_relation("place-within", small, large, sent, None))
        out += _adjective_of_kind(ctx, sent, places, kinds)
        out += _capital_of(ctx, si, kinds)
    return out


def _capital_of(ctx: Context, si: int, kinds: frozenset[str]) -> list[Relation]:
    """ "в столице Чехии Праге", "в Минске, столице Беларуси": a place in apposition to a kind
    of place whose genitive names the larger."""
    sent = ctx.parsed.sentences[si]
    out = []
    for kind in sent.tokens:
        if kind.lemma not in kinds or kind.pos != "NOUN":
            continue
        near = list(sent.children(kind.index))
        if kind.rel == "appos" and kind.head >= 0:
            near.append(sent.tokens[kind.head])  # "в Минске, столице Беларуси"
        larger = [c for c in near if c.rel == "nmod" and c.head == kind.index]
        larger = [c for c in larger if _is_place(ctx, si, c)]
        smaller = [t for t in near if t.rel in ("appos", "obl", "nmod") or t.index == kind.head]
        smaller = [t for t in smaller if _is_place(ctx, si, t) and t not in larger]
        if smaller and larger:
            small, large = ctx.entity_at(si, smaller[0]), ctx.entity_at(si, larger[0])
            if small.key != large.key and _kind_named([kind], small, large):
                out.append(_relation("place-within", small, large, sent, None))
    return out


def _is_place(ctx: Context, si: int, token: Token) -> bool:
    e = ctx.entity_at(si, token)
    return e is not None and e.type == "Place"


def _kind_named(named: list, small: Entity, large: Entity) -> bool:
    """A kind of place (or a bracket) written before the larger one: it stands, unless the
    gazetteer knows the two the other way round, the smaller is a country or region it knows
    and the larger one it does not, or the larger is written in Latin letters."""
    if not named or not cyrillic_share(large.label):
        return False  # "Эль-Калафате (El Calafate)": the name in Latin letters, no place
    a, b = lookup(small.label), lookup(large.label)
    if a is not None and b is None and a.kind != "city":
        return False  # "Беларусь (Минск)": a country or region lies in no unknown place
    return not (a and b and _RANK[a.kind] >= _RANK[b.kind])


def _adjective_of_kind(
    ctx: Context, sent: Sentence, places: list[Mention], kinds: set[str]
) -> list[Relation]:
    out = []
    for m in places:
        before = [t for t in sent.tokens if t.end <= m.start][-1:]
        if not before:
            continue
        if before[0].lemma in kinds:  # "в индийском штате Джамму и Кашмир"
            adjectives = [c for c in sent.children(before[0].index) if c.rel == "amod"]
        else:  # "в каталонском Мартореле", "в белорусском Бресте"
            adjectives = [before[0]] if before[0].pos == "ADJ" else []
        for c in adjectives:
            if c.lemma not in table("geo_adjectives"):
                continue
            place = place_of_adjective(ctx, c.lemma)
            small = ctx.entities[m.entity_key]
            if place is not None and place.key != small.key:
                span = TextSpan(c.text, c.start, c.end)
                out.append(_relation("place-within", small, place, sent, span))
    return out


def _case(sent: Sentence, m: Mention) -> str | None:
    toks = tokens_in(sent, m.start, m.end)
    return head_token(toks).feats.get("Case") if toks else None


def _ends(ctx: Context, a: Mention, b: Mention) -> tuple[Entity, Entity]:
    return ctx.entities[a.entity_key], ctx.entities[b.entity_key]


def _within(ctx: Context, a: Mention, b: Mention) -> bool:
    """Whether the place of `b` may hold the place of `a`: larger by the gazetteer, or neither
    known to it (two places of one kind it knows are side by side, not one in the other)."""
    small, large = _ends(ctx, a, b)
    if small.key == large.key:
        return False
    if _larger(small, large):
        return True
    return lookup(small.label) is None and lookup(large.label) is None


def _genitive(sent: Sentence, m: Mention) -> bool:
    toks = tokens_in(sent, m.start, m.end)
    return bool(toks) and head_token(toks).feats.get("Case") == "Gen"
