"""post-verb: a post given by a verb of appointment ("Михаэль Баллак стал капитаном сборной
Германии", "Иван Иванов назначен директором завода «Ромашка»"), through the seat it takes or
leaves ("согласился занять пост премьер-министра РФ", "покинул должность директора"), or by
heading an organisation ("возглавил компанию")."""

from __future__ import annotations

from functools import cache

from kg.extract.bank import prior
from kg.extract.context import Context, antecedent, organisation_named
from kg.extract.rules.post_phrase import (
    Holders,
    Span,
    case,
    is_post,
    name_token,
    phrase_after,
    words_of,
)
from kg.extract.rules.post_phrase import post_claim as claim
from kg.extract.tree import case_of, evidence_of
from kg.lexicon import rows, words
from kg.model import Entity, Relation, TextSpan
from kg.nlp import Sentence, Token

__all__ = ["RULE", "by_verb", "by_participle", "by_pronoun"]

RULE = "post-verb"


@cache
def _employment() -> dict[tuple[str, str], str]:
    """(verb, preposition) → role, and (verb, "") for each verb of kg/lexicon/employment_verbs."""
    out = {}
    for lemma, preposition, role in rows("employment_verbs"):
        out[(lemma, preposition)] = role
        out[(lemma, "")] = role
    return out


def _by_appointment(
    ctx: Context, holders: Holders, si: int, verb: Token, name: Token, person: Entity
) -> list[Relation]:
    sent = ctx.parsed.sentences[si]
    appoint, leave = words("appointment_verbs"), words("leaving_verbs")
    out = []
    # "утвердил на посту премьера лидера партии": an active verb with someone else as its
    # object gives the seat to the object, never to its subject
    someone = name.rel == "nsubj" and any(
        c.rel == "obj" and (is_post(c) or ctx.entity_at(si, c) is not None)
        for c in sent.children(verb.index)
    )
    if verb.lemma in appoint | leave and not someone:
        for c in sent.children(verb.index):
            if c.lemma in words("post_seats") and c.rel in ("obj", "obl"):
                # "занять пост премьер-министра РФ", "покинул должность директора"
                post = next((n for n in sent.children(c.index) if is_post(n)), None)
                if post is not None and not _named_holder(ctx, si, post, person):
                    window = phrase_after(sent, post)
                    out.append(claim(ctx, holders, si, person, post, window, RULE))
    if verb.lemma in appoint:
        appointee = _appointee(sent, verb, name)
        for c in sent.children(verb.index):
            if c.rel in ("xcomp", "obl", "obj") and is_post(c) and case(c) in ("Ins", "Gen", "Acc"):
                if _ranked(sent, c):
                    continue  # "стал лучшим бомбардиром": a ranking, not a post
                if c.rel == "obj" and verb.lemma not in ("занимать", "занять"):
                    continue
                if appointee is not None and c.rel == "xcomp":
                    continue  # "назначил Петрова министром": the post is the object's
                r = claim(ctx, holders, si, person, c, phrase_after(sent, c), RULE)
                out.append(_employed_in(ctx, si, verb, r))
    if name.rel == "nsubj" and (verb.lemma, "") in _employment():
        for c in sent.children(verb.index):
            # "работал в Малом театре", "играет за «Зенит»"
            role = _employment().get((verb.lemma, case_of(sent, c)))
            e = organisation_named(ctx, si, c) if c.rel in ("obl", "nmod") and role else None
            if e is not None and all(r.object != e for r in out):  # "инженером на заводе"
                out.append(_by_verb_alone(ctx, sent, verb, person, e, role))
    if name.rel == "nsubj":
        out += _seat_of_act(ctx, holders, si, verb, person)
    if verb.lemma in words("heading_verbs") and name.rel in ("nsubj", "obj"):
        # "возглавил «Ромашку»", "возглавил компанию «Ромашка»"; the parser may swap subject
        # and object ("Марио Драги возглавляет Центральный банк": a person heads the bank)
        others = ("obj", "obl") if name.rel == "nsubj" else ("nsubj",)
        for c in sent.children(verb.index):
            e = organisation_named(ctx, si, c) if c.rel in others else None
            if e is not None:
                out.append(_by_verb_alone(ctx, sent, verb, person, e, "руководитель"))
    return out


def _employed_in(ctx: Context, si: int, verb: Token, r: Relation) -> Relation:
    """A post with no organisation given one by its verb of employment ("работает
    бухгалтером в «Прогрессе»", "служил офицером на флоте")."""
    if r.object is not None:
        return r
    sent = ctx.parsed.sentences[si]
    for c in sent.children(verb.index):
        if c.rel == "obl" and (verb.lemma, case_of(sent, c)) in _employment():
            e = organisation_named(ctx, si, c)
            if e is not None:
                r.object, r.confidence = e, prior(RULE)
                return r
    return r


def _appointee(sent: Sentence, verb: Token, name: Token) -> Token | None:
    """The object of a verb its subject appoints someone else with ("Смирнов назначил Петрова
    министром"), or None."""
    if name.rel != "nsubj":
        return None
    return next(
        (c for c in sent.children(verb.index) if c.rel == "obj" and c.pos in ("PROPN", "PRON")),
        None,
    )


def _named_holder(ctx: Context, si: int, post: Token, person: Entity) -> bool:
    """Whether a seat's post names another holder beside it ("утвердил на посту премьера
    лидера партии Педру Пассуш-Коэлью": the post is his, not the subject's)."""
    sent = ctx.parsed.sentences[si]
    near = [c for c in sent.children(post.index) if c.rel == "appos"]
    near += [g for c in near if is_post(c) for g in sent.children(c.index) if g.rel == "appos"]
    others = (ctx.entity_at(si, t) for t in near)
    return any(e is not None and e.type == "Person" and e.key != person.key for e in others)


def _seat_of_act(
    ctx: Context, holders: Holders, si: int, verb: Token, person: Entity
) -> list[Relation]:
    """The post its subject acts in, named before the verb ("На посту губернатора Иван Петров
    провёл реформу", "В должности директора он проработал год", "в качестве советника")."""
    sent = ctx.parsed.sentences[si]
    out: list[Relation] = []
    if verb.lemma in words("appointment_verbs") | words("leaving_verbs"):
        return out  # their seats are read with the appointment ("утвердил на посту")
    for c in sent.children(verb.index):
        seat = c.rel == "obl" and c.lemma in words("post_seats") | {"качество"}
        if not seat or case_of(sent, c) not in ("на", "в"):
            continue
        post = next((n for n in sent.children(c.index) if n.rel == "nmod" and is_post(n)), None)
        if post is not None and not _named_holder(ctx, si, post, person):
            out.append(claim(ctx, holders, si, person, post, phrase_after(sent, post), RULE))
    return out


def _by_verb_alone(
    ctx: Context, sent: Sentence, verb: Token, person: Entity, where: Entity, role: str
) -> Relation:
    """A post a verb gives with no post noun ("возглавил", "работает в"): the role the verb
    stands for, read from the verb."""
    return Relation(
        "holdsPosition",
        person,
        where,
        evidence_of(sent),
        prior(RULE),
        {"role": role},
        RULE,
        mentions={"role": words_of(ctx, [verb])},
    )


def _acting(ctx: Context, holders: Holders, si: int, verb: Token, person: Entity) -> list[Relation]:
    """ "исполнял обязанности министра", "назначена исполняющим обязанности главы": the post
    of the duties, held as acting."""
    sent = ctx.parsed.sentences[si]
    out = []
    for acting in [verb] + [c for c in sent.children(verb.index) if c.rel == "xcomp"]:
        if acting.lemma != "исполнять":
            continue
        for duties in sent.children(acting.index):
            if duties.lemma != "обязанность":
                continue
            for post in sent.children(duties.index):
                if is_post(post) and post.rel == "nmod":
                    r = claim(ctx, holders, si, person, post, phrase_after(sent, post), RULE)
                    role = r.mentions["role"]  # the title as written: "обязанности главы"
                    r.qualifiers["role"] = "исполняющий обязанности " + role.text
                    r.mentions["role"] = TextSpan(
                        ctx.parsed.text[acting.start : role.end], acting.start, role.end
                    )
                    out.append(r)
    return out


def by_verb(ctx: Context, holders: Holders, si: int, span: Span, person: Entity) -> list[Relation]:
    """The posts a verb gives the person who is its subject (or object), or a post noun the
    name is the subject of ("Сэмюэль Адамс был губернатором штата")."""
    sent = ctx.parsed.sentences[si]
    return _by_subject(ctx, holders, si, name_token(ctx, si, sent, span), person)


def by_pronoun(ctx: Context, holders: Holders, si: int) -> list[Relation]:
    """The posts a verb gives "он" or "она" for the person named before ("Иван Петров
    вернулся в Москву. Он стал вице-президентом компании")."""
    out: list[Relation] = []
    for t in ctx.parsed.sentences[si].tokens:
        person = antecedent(ctx, si, t) if t.rel in ("nsubj", "nsubj:pass") else None
        if person is not None:
            out += _by_subject(ctx, holders, si, t, person)
    return out


def _future(sent: Sentence, head: Token) -> bool:
    """Whether a verb or a copula's noun is in the future ("станет", "будет министром": the
    tagger may call "будет" present)."""
    if head.feats.get("Tense") == "Fut":
        return True
    return any(
        c.rel in ("cop", "aux")
        and c.lemma == "быть"
        and (c.feats.get("Tense") == "Fut" or c.text.lower().startswith("буд"))
        for c in sent.children(head.index)
    )


def _ranked(sent: Sentence, post: Token) -> bool:
    """Whether a post noun is a ranking ("лучшим бомбардиром"): an adjective beginning as a
    word of kg/lexicon/rankings.tsv does ("лучший" is read as "хороший" by the tagger)."""
    stems = tuple(words("rankings"))
    return any(
        c.rel == "amod" and c.text.lower().startswith(stems) for c in sent.children(post.index)
    )


def _by_subject(
    ctx: Context, holders: Holders, si: int, name: Token | None, person: Entity
) -> list[Relation]:
    sent = ctx.parsed.sentences[si]
    if name is not None and name.rel == "appos":
        up = sent.tokens[name.head]
        if is_post(up) or (up.pos == "NOUN" and up.rel in ("nsubj", "nsubj:pass")):
            # "Мэром избран баскетболист Дэйв Бинг", "занял республиканец Джон Бенер": the
            # noun the name is set beside is the verb's argument
            name = up
    if name is None or name.rel not in ("nsubj", "nsubj:pass", "obj"):
        return []
    head = sent.head_of(name.index)
    if head is None:
        return []
    if name.rel == "nsubj" and is_post(head) and head.pos == "NOUN" and not _ranked(sent, head):
        found = [claim(ctx, holders, si, person, head, phrase_after(sent, head), RULE)]
        return _begun(found) if _future(sent, head) else found
    if head.pos not in ("VERB", "AUX") or head.lemma in words("modal_verbs"):
        return []  # "может стать сенатором", "хочет стать мэром": no post held
    # "согласился занять пост премьер-министра": the verb or the verbs it governs
    verbs = [head] + [c for c in sent.children(head.index) if c.rel == "xcomp" and c.pos == "VERB"]
    out: list[Relation] = []
    for verb in verbs:
        out += _by_appointment(ctx, holders, si, verb, name, person)
        out += _acting(ctx, holders, si, verb, person)
    return _begun(out) if _future(sent, head) else out


def _begun(posts: list[Relation]) -> list[Relation]:
    """Posts a future verb gives ("станет мэром", "будет премьер-министром"): they begin."""
    for r in posts:
        r.qualifiers["phase"] = "started"
    return posts


def by_participle(
    ctx: Context, holders: Holders, si: int, span: Span, person: Entity
) -> list[Relation]:
    """The posts a participle after a name gives it ("Таро Асо, занимавший пост
    премьер-министра Японии", "Анна Попова, назначенная директором")."""
    sent = ctx.parsed.sentences[si]
    name = name_token(ctx, si, sent, span)
    if name is None:
        return []
    out: list[Relation] = []
    heads = [name.index]
    if name.rel in ("appos", "flat:name"):  # "Министр финансов — Таро Асо, занимавший ..."
        heads.append(name.head)
    for verb in [c for h in heads for c in sent.children(h)]:
        if verb.rel == "acl" and verb.pos == "VERB" and verb.index > name.index:
            out += _by_appointment(ctx, holders, si, verb, name, person)
            out += _acting(ctx, holders, si, verb, person)
    which = _which(sent, span, name)
    if which is not None and which.rel in ("nsubj", "nsubj:pass", "obj"):
        out += _by_subject(ctx, holders, si, which, person)
    return out


def _which(sent: Sentence, span: Span, name: Token) -> Token | None:
    """ "который" opening a relative clause on the name ("Иван Петров, который тогда был
    министром", "..., которая работает директором", "..., которого назначили послом"): the
    clause's relative word, as the tree attaches it or right after the name's comma, agreeing
    with the name in number."""
    for clause in [c for i in range(span.first, span.last + 1) for c in sent.children(i)]:
        if clause.rel == "acl:relcl" and clause.index > span.last:
            found = [c for c in sent.children(clause.index) if c.lemma == "который"]
            if found:
                return found[0]
    after = sent.tokens[span.last + 1 : span.last + 3]
    if [t.text for t in after[:1]] != [","] or len(after) < 2 or after[1].lemma != "который":
        return None
    number = name.feats.get("Number")
    return after[1] if number is None or after[1].feats.get("Number") == number else None
