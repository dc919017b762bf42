"""post-before-name: a title right before a person's name, agreeing with it in case
("губернатор Кузбасса Илья Середюк"), several titles in a row ("глава представительства США
помощник госсекретаря Мэтью Брайза"), and a title before a comma before that one
("политолог, глава «Клуба Регионов» Сергей Старовойтов"), and a title joined to the one before
the name by "и" ("президент и генеральный директор компании «Ромашка» Игорь Белов")."""

from __future__ import annotations

from kg.extract.context import Context
from kg.extract.rules.post_phrase import Holders, Span, agrees, case, is_post, phrase_token
from kg.extract.rules.post_phrase import post_claim as claim
from kg.model import Entity, Relation
from kg.nlp import Sentence, Token

__all__ = ["RULE", "before_name"]

RULE = "post-before-name"
_MAX_LISTED = 6


def _left_window(sent: Sentence, first: int, taken: set[int]) -> list[Token]:
    window: list[Token] = []
    j = first - 1
    while j >= 0 and len(window) < 12:
        t = sent.tokens[j]
        if j in taken or not (phrase_token(t) or (t.pos == "ADP" and window)):
            break
        window.insert(0, t)
        j -= 1
    return window


def _role_end(post: Token, window: list[Token]) -> int:
    """The last position the title and its organisation take after a post noun: up to the next
    post noun that heads a phrase of its own."""
    end = post.index
    for t in window:
        if t.index <= post.index:
            continue
        if is_post(t) and t.pos != "ADJ" and case(t) == case(post):
            break
        end = t.index
    return end


def before_name(
    ctx: Context, holders: Holders, si: int, span: Span, person: Entity, taken: set[int]
) -> list[Relation]:
    """The posts named before a person's name in its sentence (`taken`: the tokens of the
    sentence's other names)."""
    sent = ctx.parsed.sentences[si]
    window = _left_window(sent, span.first, taken)
    name = sent.tokens[span.first]
    out: list[Relation] = []
    covered = -1  # "Глава представительства США в регионе помощник госсекретаря Мэтью Брайза":
    for k, t in enumerate(window):  # two titles in a row, each its own post
        if t.index <= covered or not is_post(t) or t.pos == "ADJ" or not agrees(t, name):
            continue
        if out and case(t) != "Nom" and case(t) != case(name):
            continue
        if out and t.index > 0 and is_post(sent.tokens[t.index - 1]):
            continue  # "полпреда президента": the second noun is whose envoy, not a post
        rel = claim(ctx, holders, si, person, t, window[k + 1 :], RULE)
        if rel.object is None and out and out[-1].object is not None:
            # "представитель вооружённых сил полковник X": the rank is held in the same body
            rel.object = out[-1].object
            rel.confidence = out[-1].confidence
        out.append(rel)
        covered = max(covered, _role_end(t, window))
    if out and window:
        out += _listed(ctx, holders, si, window[0].index, person, taken, out[0])
    return out


def _listed(
    ctx: Context,
    holders: Holders,
    si: int,
    first: int,
    person: Entity,
    taken: set[int],
    nearest: Relation,
) -> list[Relation]:
    """The titles listed before the one next to the name, joined by commas and "и"
    ("музыкант, певец, композитор и автор песен Леонард Коэн", "политолог, глава «Клуба
    Регионов» Сергей Старовойтов"); one joined by "и" is held in the same organisation where
    it names none ("президент и генеральный директор компании «Ромашка» Игорь Белов")."""
    sent = ctx.parsed.sentences[si]
    post = sent.tokens[_post_index(sent, nearest)]
    out: list[Relation] = []
    start = first
    for _ in range(_MAX_LISTED):
        if start < 2 or sent.tokens[start - 1].text not in (",", "и"):
            break
        joined = sent.tokens[start - 1].text == "и"
        window = _left_window(sent, start - 1, taken)
        if not window or (window[0].index > 0 and window[0].index - 1 in taken):
            break  # the title before the comma belongs to the name before it
        posts = [t for t in window if is_post(t) and t.pos != "ADJ" and agrees(t, post)]
        if not posts:
            break
        rel = claim(
            ctx, holders, si, person, posts[-1], window[window.index(posts[-1]) + 1 :], RULE
        )
        if joined and rel.object is None and nearest.object is not None:
            rel.object = nearest.object
            rel.confidence = nearest.confidence
        out.append(rel)
        start = window[0].index
        while start > 0 and sent.tokens[start - 1].pos == "ADJ":
            start -= 1
    return out


def _post_index(sent: Sentence, r: Relation) -> int:
    """The position of the post noun a claim's title was read from."""
    span = r.mentions["role"]
    inside = [t for t in sent.tokens if span.start <= t.start < span.end and is_post(t)]
    return inside[-1].index if inside else 0
