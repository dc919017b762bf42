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


def _chained(
    ctx: Context, holders: Holders, si: int, post: Token, person: Entity, taken: set[int]
) -> list[Relation]:
    """ "политолог, глава «Клуба Регионов» Сергей Старовойтов": the post before the comma."""
    sent = ctx.parsed.sentences[si]
    start = post.index
    while start > 0 and sent.tokens[start - 1].pos == "ADJ":
        start -= 1
    if start < 2 or sent.tokens[start - 1].text != ",":
        return []
    window = _left_window(sent, start - 1, taken)
    if window and window[0].index > 0 and window[0].index - 1 in taken:
        return []  # the post before the comma belongs to the name before it
    for k, t in enumerate(window):
        if is_post(t) and t.pos != "ADJ" and agrees(t, post):
            return [claim(ctx, holders, si, person, t, window[k + 1 :], RULE)]
    return []


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
        if len(out) == 1:
            out += _chained(ctx, holders, si, t, person, taken)
    if out and window:
        out += _coordinated(ctx, holders, si, window[0].index, name, person, taken, out[0])
    return out


def _coordinated(
    ctx: Context,
    holders: Holders,
    si: int,
    first: int,
    name: Token,
    person: Entity,
    taken: set[int],
    later: Relation,
) -> list[Relation]:
    """ "президент и генеральный директор компании «Ромашка» Игорь Белов", "гитарист и
    сооснователь группы": a post joined by "и" to the title before the name, held in the same
    organisation where it names none."""
    sent = ctx.parsed.sentences[si]
    if first < 2 or sent.tokens[first - 1].text != "и":
        return []
    window = _left_window(sent, first - 1, taken)
    posts = [t for t in window if is_post(t) and t.pos != "ADJ" and agrees(t, name)]
    if not posts:
        return []
    rel = claim(ctx, holders, si, person, posts[-1], window[window.index(posts[-1]) + 1 :], RULE)
    if rel.object is None and later.object is not None:
        rel.object = later.object
        rel.confidence = later.confidence
    return [rel]
