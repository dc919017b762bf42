"""The people of one article: each person one entity, however the text names them.

Full names join when their surnames and first names are the same or inflected forms of one
another ("Оррина Хэтча" read as "Оррин Хэтча" and "Оррин Хэтч"); a surname alone joins the one
full name with that surname, initials the one whose first name they begin ("А. Третьяк",
"В. В. Путин"), a first name alone the one full name with that first name ("Виктором"), and a
first name with a patronymic only the person written with that patronymic ("Владимир
Кириллович" is not "Владимир Путин"). Two people with one surname and different first names
stay apart. Each person's label takes each word from the mentions written in the nominative
where there are any ("Тони Блэр", not "Тоня Блэр" from "Тони Блэра").
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from kg.extract.names import name_role
from kg.model import Mention, fold

__all__ = ["same_name", "resolve_people"]

# Case endings a name word takes on in Russian: a stem with one of them is the same name.
_ENDINGS = ("", "а", "я", "у", "ю", "е", "ом", "ем", "ём", "ой", "ей", "ым", "им", "ы", "и", "ой")


def same_name(a: str, b: str) -> bool:
    """Whether two name words are one name, perhaps one of them inflected.

    >>> same_name("хэтча", "хэтч"), same_name("тоня", "тони"), same_name("иван", "ивана")
    (True, True, True)
    >>> same_name("иванов", "иванова"), same_name("петр", "павел")
    (True, False)
    """
    if a == b:
        return True
    shorter, longer = sorted((a, b), key=len)
    if len(shorter) < 3:
        return False
    for cut in (0, 1):  # "хэтч"/"хэтча"; "тоня"/"тони": a stem and two endings
        stem = shorter[: len(shorter) - cut]
        if len(stem) >= 3 and longer.startswith(stem):
            tails = (shorter[len(stem) :], longer[len(stem) :])
            if all(t in _ENDINGS for t in tails):
                return True
    return False


@dataclass
class _Person:
    """A person of the article: the mentions that name them, and their name words."""

    mentions: list[Mention] = field(default_factory=list)
    firsts: Counter = field(default_factory=Counter)
    initials: Counter = field(default_factory=Counter)
    lasts: Counter = field(default_factory=Counter)
    patronymics: set[str] = field(default_factory=set)

    def add(self, m: Mention, first: str, last: str) -> None:
        self.mentions.append(m)
        weight = 3 if m.nominative else 1  # a word written in the nominative is the name
        if first and first.endswith("."):
            self.initials[first] += weight
        elif first:
            self.firsts[first] += weight
        if last:
            self.lasts[last] += weight
        if m.patronymic:
            self.patronymics.add(fold(m.patronymic))

    def has_last(self, last: str) -> bool:
        return any(same_name(fold(w), fold(last)) for w in self.lasts)

    def has_first(self, first: str) -> bool:
        if first.endswith("."):  # an initial: of a first name, or the same initial
            letter = fold(first[:-1])
            if self.firsts:
                return any(fold(w).startswith(letter) for w in self.firsts)
            return not self.initials or any(fold(w) == fold(first) for w in self.initials)
        return any(same_name(fold(w), fold(first)) for w in self.firsts)

    def label(self) -> str:
        firsts = self.firsts or self.initials  # "А. Третьяк" where no first name is written
        return " ".join(c.most_common(1)[0][0] for c in (firsts, self.lasts) if c)


def _parts(m: Mention) -> tuple[str, str]:
    """(first name, surname) of a person mention ("" where it names none); one word is a
    surname unless it is known as a first name (or comes with a patronymic)."""
    words = m.normal.split()
    if len(words) >= 2 and words[0].endswith("."):
        return words[0], words[-1]  # "В. В. Путин": the first initial is the first name's
    if len(words) >= 2:
        return " ".join(words[:-1]), words[-1]
    if words and (m.patronymic or name_role(words[0]) == "first"):
        return words[0], ""
    return "", words[0] if words else ""


def _first_name(p: _Person) -> bool:
    """Whether a person's first name is known as one: not a common noun or a neighbour's
    surname run into the name ("премьером Шпидла Руснок", "Прислуга Макафи")."""
    return any(name_role(w.split()[0]) == "first" for w in p.firsts)


def _likeliest(people: list[_Person]) -> list[_Person]:
    """Of the people a surname alone may name, the one it names where the others are names
    read wrong: the only one with a first name known as such, or the most named of people who
    share a first name ("Грегори Фолл", "Грегори Ваента Фолл")."""
    if len(people) < 2:
        return people
    known = [p for p in people if _first_name(p)]
    if len(known) == 1:
        return known
    firsts = [fold(p.label().split()[0]) for p in known or people]
    if all(same_name(firsts[0], f) for f in firsts):
        return [max(known or people, key=lambda p: len(p.mentions))]
    return people


def resolve_people(mentions: list[Mention]) -> dict[int, str]:
    """The label of the person each person mention names, by the mention's index in
    `mentions` (mentions of one person share one label)."""
    people: list[_Person] = []
    pending: list[tuple[int, Mention, str, str]] = []
    owner: dict[int, _Person] = {}
    for i, m in enumerate(mentions):
        if m.type != "Person":
            continue
        first, last = _parts(m)
        full = first and last and not first.endswith(".")
        if not full or (m.patronymic and not last):
            pending.append((i, m, first, last))
            continue
        found = [p for p in people if p.has_last(last) and p.has_first(first)]
        person = found[0] if len(found) == 1 else None
        if person is None:
            person = _Person()
            people.append(person)
        person.add(m, first, last)
        owner[i] = person
    # initials and a surname first, so that a surname alone can join them
    pending.sort(key=lambda item: (not (item[2] and item[3]), item[0]))
    for i, m, first, last in pending:
        if last and first:  # initials and a surname
            fits = [p for p in people if p.has_last(last) and p.has_first(first)]
        elif m.patronymic:  # "Бориса Николаевича": only the one written so
            fits = [p for p in people if p.has_first(first) and fold(m.patronymic) in p.patronymics]
        else:  # one word: a surname, else a first name, of the one person who has it
            word = last or first
            fits = _likeliest([p for p in people if p.has_last(word)])
            first, last = ("", word) if len(fits) == 1 else (first, last)
            if len(fits) != 1:
                fits = [p for p in people if p.has_first(word)] or fits
                if len(fits) == 1 and fits[0].firsts:
                    first, last = word, ""
        if len(fits) == 1:
            owner[i] = fits[0]
        else:
            owner[i] = _Person()
            people.append(owner[i])
        owner[i].add(m, first, last)
    return {i: (p.label() or mentions[i].normal) for i, p in owner.items()}
