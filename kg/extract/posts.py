"""Posts: "губернатор Кузбасса Илья Середюк", "Алексей Миллер, председатель правления «Газпрома»",
"Баллак стал капитаном сборной".

Post phrases are read along the sentence next to the name (the parser often attaches
apposition in lists to the wrong name), and a post noun must agree in case with the name
it stands beside. Verbs of appointment ("назначен", "стал", "возглавил") use the tree.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from kg.extract.context import Context, evidence_of, subtree
from kg.extract.labels import geo_adjective_place, nominative, phrase_nominative
from kg.lexicon import posts, rows, words
from kg.lexicon.gazetteer import lookup
from kg.model import Entity, Mention, Relation, entity_key
from kg.nlp import Sentence, Token

__all__ = ["find_posts", "is_post"]

CONFIDENCE = {
    "post-before-name": 0.85,
    "post-after-name": 0.8,
    "post-tree": 0.7,
    "post-verb": 0.75,
    "post-context": 0.5,
    "post-anaphor": 0.45,
}
NO_WHERE_PENALTY = 0.2
_QUOTES = set("«»\"„“”'")
_DASHES = {"-", "–", "—"}
_PHRASE_POS = {"NOUN", "PROPN", "ADJ", "DET", "NUM", "X"}
_APPOINT = {
    "стать",
    "назначить",
    "избрать",
    "являться",
    "работать",
    "служить",
    "утвердить",
    "становиться",
    "назначать",
    "избирать",
    "переизбрать",
    "занимать",
    "занять",
}
_PLACE_NOUNS = {
    "государства": "country",
    "страны": "country",
    "города": "city",
    "региона": "region",
    "области": "region",
    "края": "region",
    "республики": "region",
}
_LEAVE = {"покинуть", "оставить", "освободить", "уйти", "сохранить", "занимать", "занять"}
_HEAD = {"возглавить", "возглавлять", "руководить", "возглавляться"}


def is_post(token: Token) -> bool:
    """Whether a token is a post noun ("губернатор", "экс-премьер", "вице-президент")."""
    lemma = token.lemma
    for prefix in ("экс-", "бывший-"):
        lemma = lemma.removeprefix(prefix)
    return token.pos in ("NOUN", "PROPN", "ADJ") and lemma in posts()


@dataclass
class _Span:
    """Token positions of a mention inside its sentence."""

    first: int
    last: int
    mention: Mention


def _spans(ctx: Context, sent: Sentence) -> list[_Span]:
    out = []
    for m in ctx.mentions:
        if m.start < sent.start or m.end > sent.end:
            continue
        idx = [t.index for t in sent.tokens if t.start >= m.start and t.end <= m.end]
        if idx:
            out.append(_Span(idx[0], idx[-1], m))
    return out


def _case(token: Token) -> str | None:
    return token.feats.get("Case")


def _agrees(post: Token, name: Token) -> bool:
    if post.feats.get("Number") == "Plur" and name.feats.get("Number") != "Plur":
        return False  # "Хлопонин, представители Госдумы": the post is not this one person's
    a, b = _case(post), _case(name)
    if a is None or b is None or a == b:
        return True
    return {a, b} <= {"Nom", "Acc"}  # indeclinable foreign names are often tagged either way


def _phrase_token(t: Token) -> bool:
    return t.pos in _PHRASE_POS or t.text in _QUOTES


def _role(sent: Sentence, post: Token, stop: int, named) -> list[Token]:
    """The title: adjectives before the post noun, the noun, and the non-named genitive nouns
    (with their adjectives) that follow it without a gap, up to position `stop`."""
    role = [post]
    i = post.index - 1
    while i >= 0 and sent.tokens[i].pos == "ADJ" and sent.tokens[i].head == post.index:
        if geo_adjective_place(sent.tokens[i].lemma):
            break
        adjective = sent.tokens[i]
        if adjective.lemma not in words("evaluative") and adjective.feats.get("Degree") != "Sup":
            role.insert(0, adjective)
        i -= 1
    j = post.index + 1
    while j < stop:
        t = sent.tokens[j]
        if named(t) or t.text in _QUOTES:
            break
        if t.pos == "ADJ" and not geo_adjective_place(t.lemma):
            k = j
            while k < stop and sent.tokens[k].pos == "ADJ":
                k += 1
            if (
                k < stop
                and sent.tokens[k].pos == "NOUN"
                and _case(sent.tokens[k]) == "Gen"
                and not named(sent.tokens[k])
            ):
                role += sent.tokens[j : k + 1]
                j = k + 1
                continue
            break
        if t.pos == "NOUN" and _case(t) == "Gen":
            role.append(t)
            j += 1
            continue
        break
    return role


def _role_text(role: list[Token], post: Token) -> str:
    gender = post.feats.get("Gender")
    out = []
    for t in role:
        if t.index < post.index:
            out.append(nominative(t.text.lower(), gender))
        elif t is post:
            out.append(nominative(t.text.lower()))
        else:
            out.append(t.text.lower())
    return " ".join(out)


def _geo_entity(ctx: Context, lemma: str) -> Entity | None:
    place = geo_adjective_place(lemma)
    if not place:
        return None
    for e in ctx.entities.values():
        if e.label == place:
            return e
    return Entity(key=entity_key("Place", place), label=place, type="Place")


def _named_where(ctx: Context, si: int, tokens: list[Token], person: Entity) -> Entity | None:
    """The first organisation or place named among the tokens."""
    for t in tokens:
        e = ctx.entity_at(si, t)
        if e is not None and e != person and e.type in ("Organization", "Place"):
            return e
    return None


def _where(ctx: Context, si: int, tokens: list[Token], person: Entity) -> Entity | None:
    """The first organisation or place named among the tokens, else a geographic adjective."""
    named = _named_where(ctx, si, tokens, person)
    if named is not None:
        return named
    for t in tokens:
        if t.pos == "ADJ":
            e = _geo_entity(ctx, t.lemma)
            if e is not None:
                return e
    return None


def _recent_organisation(ctx: Context, before: int, reach: int = 600) -> Entity | None:
    """The organisation named last within `reach` characters before a position."""
    for m in reversed(ctx.mentions):
        if m.type == "Organization" and before - reach <= m.start < before and m.entity_key:
            return ctx.entities[m.entity_key]
    return None


def _descriptor(ctx, si, role: list[Token], rest: list[Token], post: Token):
    """An unnamed organisation in the title ("глава палестинской делегации", "лидер фракции
    КПРФ"): the entity and the title without it, or (None, role)."""
    units = words("organisations")
    lead = []
    for t in rest:  # the words right after the title, up to a preposition
        if t.index != role[-1].index + 1 + len(lead) or t.pos == "ADP":
            break
        lead.append(t)
    if lead and any(t.lemma in units and t.pos == "NOUN" for t in lead[:3]):
        role = role + lead  # "главный тренер российской сборной": the team, not Russia
    for k, t in enumerate(role):
        if t.index > post.index and t.lemma in units and t.pos == "NOUN":
            start = k
            while start > 0 and role[start - 1].pos == "ADJ" and role[start - 1].index > post.index:
                start -= 1
            phrase = role[start:]
            cut = next((i for i, x in enumerate(phrase) if i and is_post(x)), len(phrase))
            phrase = phrase[:cut]  # "вооружённых сил генерал-лейтенанта": the rank is not the body
            for r in rest:  # a name right after the descriptor: "фракции КПРФ"
                m = ctx.mention_at(si, r)
                if r.index != phrase[-1].index + 1 or not (
                    (m is not None and m.type in ("Organization", "Place")) or r.text in _QUOTES
                ):
                    break
                phrase.append(r)
            phrase = [x for x in phrase if x.pos != "PUNCT" or x.text in _QUOTES]
            label = phrase_nominative(phrase, t)
            label = label[:1].upper() + label[1:]
            named = next((ctx.entity_at(si, x) for x in phrase if ctx.entity_at(si, x)), None)
            if named is None and len(phrase) == 1:
                earlier = _recent_organisation(ctx, ctx.parsed.sentences[si].start)
                if earlier is not None:  # "главу партии" after «Яблоко» was named: that party
                    return earlier, role[:start]
            scope = ctx.article.id if named is None else None  # a generic descriptor
            key = entity_key("Organization", label, scope or None)
            return Entity(key=key, label=label, type="Organization"), role[:start]
    return None, role


def _relation(ctx, si, sent, person, post, window, rule) -> Relation:
    ctx.post_holders.setdefault((si, post.index), person)
    stop = window[-1].index + 1 if window else post.index + 1
    role = _role(sent, post, stop, lambda t: ctx.mention_at(si, t) is not None)
    rest = [t for t in window if t.index not in {r.index for r in role}]
    before = [t for t in sent.tokens[max(0, role[0].index - 2) : role[0].index] if t.pos == "ADJ"]
    where = _named_where(ctx, si, rest, person)
    if where is None:
        where, role = _descriptor(ctx, si, role, rest, post)
    if where is None and (post.lemma in _state_posts() or post.lemma in words("national_posts")):
        # "британский премьер": the adjective names the state of a state office; beside
        # other titles it is a nationality ("бразильский космонавт"), not an employer
        where = _where(ctx, si, rest + before, person)
    where = where or _named_where(ctx, si, rest + before, person)
    conf = CONFIDENCE[rule] - (NO_WHERE_PENALTY if where is None else 0.0)
    return Relation(
        "holdsPosition",
        person,
        where,
        evidence_of(sent),
        round(conf, 3),
        {"role": _role_text(role, post)},
        rule,
    )


def _left_window(sent: Sentence, first: int, taken: set[int]) -> list[Token]:
    window: list[Token] = []
    j = first - 1
    while j >= 0 and len(window) < 12:
        t = sent.tokens[j]
        if j in taken or not (_phrase_token(t) or (t.pos == "ADP" and window)):
            break
        window.insert(0, t)
        j -= 1
    return window


def _before_name(ctx, si, sent, span: _Span, person, taken) -> list[Relation]:
    window = _left_window(sent, span.first, taken)
    name = sent.tokens[span.first]
    out: list[Relation] = []
    covered = -1  # "Глава представительства США в регионе помощник госсекретаря Мэтью Брайза":
    for k, t in enumerate(window):  # two titles in a row, each its own post
        if t.index <= covered or not is_post(t) or t.pos == "ADJ" or not _agrees(t, name):
            continue
        if out and _case(t) != "Nom" and _case(t) != _case(name):
            continue
        if out and t.index > 0 and is_post(sent.tokens[t.index - 1]):
            continue  # "полпреда президента": the second noun is whose envoy, not a post
        rel = _relation(ctx, si, sent, person, t, window[k + 1 :], "post-before-name")
        if rel.object is None and out and out[-1].object is not None:
            # "представитель вооружённых сил полковник X": the rank is held in the same body
            rel.object = out[-1].object
            rel.confidence = out[-1].confidence
        out.append(rel)
        covered = max(covered, _role_end(t, window))
        if len(out) == 1:
            out += _chained(ctx, si, sent, t, person, taken)
    return out


def _role_end(post: Token, window: list[Token]) -> int:
    """The last position the title and its organisation take after a post noun: up to the next
    post noun that heads a phrase of its own."""
    end = post.index
    for t in window:
        if t.index <= post.index:
            continue
        if is_post(t) and t.pos != "ADJ" and _case(t) == _case(post):
            break
        end = t.index
    return end


def _chained(ctx, si, sent, post: Token, person, taken: set[int]) -> list[Relation]:
    """ "политолог, глава «Клуба Регионов» Сергей Старовойтов": the post before the comma."""
    start = post.index
    while start > 0 and sent.tokens[start - 1].pos == "ADJ":
        start -= 1
    if start < 2 or sent.tokens[start - 1].text != ",":
        return []
    window = _left_window(sent, start - 1, taken)
    if window and window[0].index > 0 and window[0].index - 1 in taken:
        return []  # the post before the comma belongs to the name before it
    for k, t in enumerate(window):
        if is_post(t) and t.pos != "ADJ" and _agrees(t, post):
            return [_relation(ctx, si, sent, person, t, window[k + 1 :], "post-before-name")]
    return []


def _after_name(ctx, si, sent, span: _Span, person, taken) -> list[Relation]:
    """ "Матиас Йорш, докладчик ПАСЕ", "Андреас Кёпке (тренер вратарей)"."""
    name = sent.tokens[span.first]
    i = span.last + 1
    toks = sent.tokens
    if i < len(toks) and toks[i].text == "(" and not any(is_post(t) for t in toks[i + 1 : i + 4]):
        while i < len(toks) and toks[i].text != ")":  # "(Jürgen Klinsmann)"
            i += 1
        i += 1
    out: list[Relation] = []
    for _ in range(3):  # up to three appositive segments: ", известного борца..., члена ..."
        if i >= len(toks) or toks[i].text not in {",", "(", *_DASHES}:
            break
        i += 1
        segment = []
        while (
            i < len(toks)
            and i not in taken
            and len(segment) < 14
            and (
                _phrase_token(toks[i])
                or (toks[i].lemma == "и" and _post_follows(toks, i))
                # "известного борца с ксенофобией, члена Общественной палаты"
                or (
                    toks[i].pos == "ADP"
                    and segment
                    and i + 1 < len(toks)
                    and _phrase_token(toks[i + 1])
                )
            )
        ):
            segment.append(toks[i])
            i += 1
        if i in taken:
            break  # "X, известный правозащитник Лев Пономарев": the post is the next name's
        heads = [t for t in segment[:4] if t.pos == "NOUN"]
        if not heads or not _agrees(heads[0], name):
            break
        # "управляющий директор и совладелец агентства Kollektiv": both posts, one employer
        posts_here = [heads[0]] + [
            t for k, t in enumerate(segment) if k and segment[k - 1].lemma == "и" and is_post(t)
        ]
        for post in posts_here:
            if is_post(post):
                k = segment.index(post)
                out.append(
                    _relation(ctx, si, sent, person, post, segment[k + 1 :], "post-after-name")
                )
        if i < len(toks) and toks[i].text == ")":
            i += 1
    return out


def _post_follows(toks: list[Token], i: int) -> bool:
    """Whether a post noun (after its adjectives) follows position `i`."""
    for t in toks[i + 1 : i + 4]:
        if is_post(t) and t.pos != "ADJ":
            return True
        if t.pos != "ADJ":
            return False
    return False


def _phrase_after(sent: Sentence, post: Token, limit: int = 8) -> list[Token]:
    """The tokens of a noun phrase that follow a post noun, up to punctuation or a verb."""
    window = sent.tokens[post.index + 1 : post.index + 1 + limit]
    cut = next((k for k, t in enumerate(window) if not _phrase_token(t)), len(window))
    return window[:cut]


def _name_token(ctx, si, sent, span: _Span) -> Token | None:
    """The token that heads a person's name in the parse."""
    for i in range(span.first, span.last + 1):
        if ctx.heads.get((si, i)) is span.mention:
            return sent.tokens[i]
    return None


def _by_verb(ctx, si, sent, span: _Span, person) -> list[Relation]:
    """ "Баллак стал капитаном", "Иванов назначен директором завода", "X возглавил Y"."""
    name = _name_token(ctx, si, sent, span)
    if name is None or name.rel not in ("nsubj", "nsubj:pass", "obj"):
        return []
    head = sent.head_of(name.index)
    if head is None or head.pos not in ("VERB", "AUX"):
        return []
    out = []
    # "согласился занять пост премьер-министра": the verb or the verbs it governs
    verbs = [head] + [c for c in sent.children(head.index) if c.rel == "xcomp" and c.pos == "VERB"]
    for verb in verbs:
        out += _by_appointment(ctx, si, sent, verb, name, person)
    return out


def _by_appointment(ctx, si, sent, verb: Token, name: Token, person) -> list[Relation]:
    out = []
    if verb.lemma in _APPOINT | _LEAVE:
        for c in sent.children(verb.index):
            if c.lemma in ("пост", "должность", "кресло") and c.rel in ("obj", "obl"):
                # "занять пост премьер-министра РФ", "покинул должность директора"
                post = next((n for n in sent.children(c.index) if is_post(n)), None)
                if post is not None:
                    window = _phrase_after(sent, post)
                    out.append(_relation(ctx, si, sent, person, post, window, "post-verb"))
    if verb.lemma in _APPOINT:
        for c in sent.children(verb.index):
            if (
                c.rel in ("xcomp", "obl", "obj")
                and is_post(c)
                and _case(c) in ("Ins", "Gen", "Acc")
            ):
                if c.rel == "obj" and verb.lemma not in ("занимать", "занять"):
                    continue
                out.append(_relation(ctx, si, sent, person, c, _phrase_after(sent, c), "post-verb"))
    elif verb.lemma in _HEAD and name.rel == "nsubj":
        for c in sent.children(verb.index):
            e = ctx.entity_at(si, c) if c.rel in ("obj", "obl") else None
            if e is not None and e.type == "Organization":
                out.append(
                    Relation(
                        "holdsPosition",
                        person,
                        e,
                        evidence_of(sent),
                        CONFIDENCE["post-verb"],
                        {"role": "руководитель"},
                        "post-verb",
                    )
                )
    return out


def _subtree_after(sent: Sentence, post: Token, limit: int = 10) -> list[Token]:
    """The contiguous run of the post's dependents that follows it."""
    below = {t.index for t in subtree(sent, post.index)}
    run = []
    for t in sent.tokens[post.index + 1 : post.index + 1 + limit]:
        if t.index not in below or t.pos == "PUNCT" and t.text not in _QUOTES:
            break
        run.append(t)
    return run


def _by_tree(ctx, si, sent, span: _Span, person) -> list[Relation]:
    """Apposition in the tree when the post does not stand right beside the name."""
    name = _name_token(ctx, si, sent, span)
    if name is None:
        return []
    out = []
    parent = sent.head_of(name.index)
    if name.rel == "appos" and parent is not None and is_post(parent) and _agrees(parent, name):
        out.append(
            _relation(ctx, si, sent, person, parent, _subtree_after(sent, parent), "post-tree")
        )
    for c in sent.children(name.index):
        if c.rel == "appos" and is_post(c) and _agrees(c, name):
            out.append(_relation(ctx, si, sent, person, c, _subtree_after(sent, c), "post-tree"))
    return out


def _drop_subsumed(found: list[Relation]) -> list[Relation]:
    """A post without an organisation is dropped when the same title is known with one."""
    placed = {(r.subject.key, r.qualifiers["role"]) for r in found if r.object is not None}
    return [
        r
        for r in found
        if r.object is not None or (r.subject.key, r.qualifiers["role"]) not in placed
    ]


@lru_cache(maxsize=1)
def _state_posts() -> dict[str, str]:
    """State offices (post → the kind of place they are held in)."""
    return {r[0]: r[1] for r in rows("state_posts")}


def _dominant_places(ctx: Context) -> dict[str, Entity]:
    """The country, region and city an article is about: by kind, the only gazetteer place
    named, or the one named most often if at least twice and more often than any other."""
    counts: dict[str, Counter] = {}
    for m in ctx.mentions:
        if m.type != "Place" or m.entity_key is None:
            continue
        place = lookup(ctx.entities[m.entity_key].label)
        if place is not None:
            counts.setdefault(place.kind, Counter())[m.entity_key] += 1
    out = {}
    for kind, c in counts.items():
        top = c.most_common(2)
        if len(top) == 1 or (top[0][1] >= 2 and top[0][1] > top[1][1]):
            out[kind] = ctx.entities[top[0][0]]  # the only one named, or clearly the main one
    return out


def _complete_from_context(ctx: Context, found: list[Relation]) -> list[Relation]:
    """A state post with no place named ("Премьер-министр Владимир Путин") is read as held in
    the country (region, city) the article is about, with a lower confidence."""
    kinds = _state_posts()
    places = None
    out = []
    for r in found:
        words_ = r.qualifiers.get("role", "").split()
        # "глава государства", "мэр города": the title itself says what kind of place
        kind = next((_PLACE_NOUNS[w] for w in words_[1:] if w in _PLACE_NOUNS), None)
        kind = kind or (kinds.get(words_[0]) if words_ else None)
        if r.object is None and kind:
            places = places if places is not None else _dominant_places(ctx)
            where = places.get(kind)
            if where is not None and where != r.subject:
                r = Relation(
                    r.predicate,
                    r.subject,
                    where,
                    r.evidence,
                    CONFIDENCE["post-context"],
                    dict(r.qualifiers),
                    "post-context",
                )
        out.append(r)
    return out


def _anaphoric_posts(ctx: Context) -> list[Relation]:
    """A post with no name that acts in its sentence ("Об этом нынешний российский президент
    заявил") stands for the person last named before it, if the post has its place."""
    out: list[Relation] = []
    people = [m for m in ctx.mentions if m.type == "Person" and not m.credit and m.entity_key]
    for si, sent in enumerate(ctx.parsed.sentences):
        for t in sent.tokens:
            if (
                not is_post(t)
                or t.pos == "ADJ"
                or t.rel != "nsubj"
                or t.feats.get("Number") == "Plur"
                or (si, t.index) in ctx.post_holders
            ):
                continue  # "представители партии" are not one named person
            if any(ctx.mention_at(si, c) for c in sent.children(t.index) if c.rel == "appos"):
                continue
            before = [m for m in people if sent.start - 400 <= m.start < t.start]
            if not before or any(m.start >= sent.start for m in before):
                continue  # the name must come from an earlier sentence, with none in between
            phrase = _phrase_after(sent, t)
            if any((m := ctx.mention_at(si, x)) is not None and m.type == "Person" for x in phrase):
                continue  # "заместитель главы генерала Кердпола": a post of someone named here
            person = ctx.entities[before[-1].entity_key]
            rel = _relation(ctx, si, sent, person, t, phrase, "post-anaphor")
            del ctx.post_holders[(si, t.index)]  # a guess, not used to fill event arguments
            if rel.object is not None:
                out.append(rel)
    return out


def find_posts(ctx: Context) -> list[Relation]:
    """holdsPosition claims from post nouns beside person names and verbs of appointment."""
    out: list[Relation] = []
    for si, sent in enumerate(ctx.parsed.sentences):
        spans = _spans(ctx, sent)
        people = [s for s in spans if s.mention.type == "Person" and not s.mention.credit]
        for span in people:
            person = ctx.entities[span.mention.entity_key]
            others = {i for s in people if s is not span for i in range(s.first, s.last + 1)}
            found = _before_name(ctx, si, sent, span, person, others)
            found += _after_name(ctx, si, sent, span, person, others)
            if not found:
                found = _by_tree(ctx, si, sent, span, person)
            if not found:
                found = _by_verb(ctx, si, sent, span, person)
            out.extend(found)
    out += _anaphoric_posts(ctx)
    return _drop_subsumed(_complete_from_context(ctx, out))
