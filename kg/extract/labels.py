"""Canonical nominative labels: natasha's normal forms, mended for toponyms and aliases."""

from __future__ import annotations

import re

from kg.lexicon import organisation_aliases, place_aliases, table, words
from kg.lexicon.gazetteer import lookup, lookup_lemma, prefer_city
from kg.model import fold
from kg.nlp import morph_parse

__all__ = [
    "clean",
    "place_label",
    "agreeing",
    "nominative",
    "geo_adjective_place",
    "match_case",
    "abbreviation",
    "phrase_nominative",
    "known_place",
    "organisation_label",
]

_QUOTES = re.compile(r"[«»„“”\"']")


def clean(text: str) -> str:
    """A label without quotes, parenthesised asides ("(ОФДД)") and with single spaces."""
    text = re.sub(r"\s*\([^()]*\)", "", _QUOTES.sub("", text))
    return re.sub(r"\s+", " ", text).strip()


def match_case(word: str, model: str) -> str:
    """`word` written in the letter case of `model` (UPPER, Title or lower)."""
    if model.isupper() and len(model) > 1:
        return word.upper()
    if model[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def _geox_lemma(word: str) -> str | None:
    for p in morph_parse(word):
        if "Geox" in p.tag:
            return match_case(p.normal_form, word)
    return None


def known_place(name: str) -> str | None:
    """The canonical label of a place name: the hand list first, then the gazetteer; a state
    named with its form is the state ("Республика Аргентина", "Кыргызская Республика")."""
    name = clean(name)
    hand = place_aliases().get(fold(name))
    if hand:
        return hand
    found = lookup(name)
    if found:
        return prefer_city(found).label
    return _state_named(name)


def _state_named(name: str) -> str | None:
    """The state a name with a state form names: "Королевство Испания" → Испания, "Кыргызская
    Республика" → Киргизия (by its adjective)."""
    parts = name.split()
    forms = words("state_forms")
    if len(parts) >= 2 and parts[0].lower() in forms:
        found = lookup(" ".join(parts[1:]))
        return found.label if found is not None and found.kind == "country" else None
    if len(parts) == 2 and parts[1].lower() in forms:
        lemma = next((p.normal_form for p in morph_parse(parts[0]) if p.tag.POS == "ADJF"), "")
        place = table("geo_adjectives").get(lemma)
        found = lookup(place) if place else None
        return found.label if found is not None and found.kind == "country" else None
    return None


def place_label(text: str, normal: str) -> str:
    """The canonical label of a place mention (gazetteer alias, else a mended normal form)."""
    for candidate in (clean(normal), clean(text)):
        label = known_place(candidate)
        if label:
            return label
    words = clean(text).split()
    if len(words) == 1:
        lemma = _geox_lemma(words[0])
        if lemma:
            return known_place(lemma) or _capitals_kept(lemma, words)
    found = lookup_lemma(" ".join(t.lower() for t in clean(normal).split()))
    if found:
        return prefer_city(found).label
    # a place in -ия the gazetteer does not know, in an oblique case: "в Претории"
    if len(words) == 1 and words[0].endswith("ии") and clean(normal) == words[0]:
        return words[0][:-1] + "я"
    return _capitals_kept(agreeing(clean(normal)), words)


def _capitals_kept(label: str, written: list[str]) -> str:
    """A label with the capitals of the words as written, after a hyphen too: "Нью-гэмпшире"
    normalised from "Нью-Гэмпшире" is Нью-Гэмпшир."""
    words = label.split()
    if len(words) != len(written):
        return label
    out = []
    for word, model in zip(words, written, strict=True):
        parts, models = word.split("-"), model.split("-")
        if len(parts) == len(models):
            parts = [
                p[:1].upper() + p[1:] if m[:1].isupper() else p
                for p, m in zip(parts, models, strict=True)
            ]
        out.append("-".join(parts))
    return " ".join(out)


_GENDERS = {"masc": "Masc", "femn": "Fem", "neut": "Neut"}


def _last_part(word: str) -> tuple[str, str]:
    head, dash, last = word.rpartition("-")
    return head + dash, last


def _has(word: str, pos: str, *grams: str) -> bool:
    return any(pos == p.tag.POS and all(g in p.tag for g in grams) for p in morph_parse(word))


def agreeing(name: str) -> str:
    """A place name whose adjectives stand in the case of its noun, in the nominative: the
    normal form mended where it left a word inflected ("Смоленская области" → "Смоленская
    область", "Северо-Кавказском федеральный округ" → "Северо-Кавказский федеральный
    округ"); a plural name whose words agree stays plural ("Курильские острова").

    >>> agreeing("Смоленская области")
    'Смоленская область'
    >>> agreeing("Курильские острова")
    'Курильские острова'
    """
    words_ = name.split()
    head = next((i for i, w in enumerate(words_) if _has(_last_part(w)[1], "NOUN")), 0)
    adjectives = [_last_part(w)[1] for w in words_[:head]]
    if not adjectives or not all(_has(a, "ADJF") for a in adjectives):
        return name
    noun = words_[head]
    if _has(noun, "NOUN", "plur", "nomn") and all(
        _has(a, "ADJF", "plur", "nomn") for a in adjectives
    ):
        return name
    parses = [p for p in morph_parse(noun) if p.tag.POS == "NOUN"]
    form = parses[0].inflect({"Nom", "Sing"}) if parses else None
    gender = _GENDERS.get(form.tag.gender) if form is not None else None
    if form is None or gender is None:
        return name
    out = []
    for w in words_[:head]:
        prefix, last = _last_part(w)
        adj = next(p for p in morph_parse(last) if p.tag.POS == "ADJF")
        agreed = adj.inflect({"Nom", "Sing", gender})
        out.append(prefix + (match_case(agreed.word, last) if agreed else last))
    return " ".join([*out, match_case(form.word, noun), *words_[head + 1 :]])


def nominative(word: str, gender: str | None = None, plural: bool = False) -> str:
    """A noun or adjective in the nominative singular, or plural when asked (keeping `gender`
    for adjectives)."""
    parses = morph_parse(word)
    if not parses:
        return word
    p = parses[0]
    wanted = {"Nom", "Plur" if plural else "Sing"}
    if gender and p.tag.POS in ("ADJF", "PRTF"):
        wanted.add(gender)
    form = p.inflect(wanted) or p.inflect({"Nom"})
    return match_case(form.word, word) if form else word


def geo_adjective_place(lemma: str) -> str | None:
    """The canonical label of the place a geographic adjective refers to ("белорусский" →
    "Беларусь"), if known."""
    place = table("geo_adjectives").get(lemma)
    return (known_place(place) or place) if place else None


def abbreviation(word: str) -> str | None:
    """The bare abbreviation of an inflected one ("МИДа" → "МИД"), or None for other words."""
    stem = word.rstrip("аеиоуыюяйм")
    if len(stem) >= 2 and stem.isupper() and word[len(stem) :].islower():
        return stem
    return None


def _inflect(word: str, gender: str | None, number: str) -> str:
    parses = morph_parse(word)
    if not parses:
        return word
    wanted = {"Nom", number}
    if gender and number == "Sing" and parses[0].tag.POS in ("ADJF", "PRTF"):
        wanted.add(gender)
    form = parses[0].inflect(wanted) or parses[0].inflect({"Nom"})
    return match_case(form.word, word) if form else word


def phrase_nominative(tokens: list, head) -> str:
    """A noun phrase in the nominative: the head noun and the words before it inflected
    (agreeing with the head), the words after it as written, abbreviations bare."""
    number = "Plur" if head.feats.get("Number") == "Plur" else "Sing"
    out = []
    for t in tokens:
        bare = abbreviation(t.text)
        if bare:
            out.append(bare)
        elif (
            t.index > head.index
            or not t.text.replace("-", "").isalpha()
            or any(c.isupper() for c in t.text[1:])
        ):  # words after the head, and brand spellings ("ВымпелКом"), stay as written
            out.append(t.text)
        elif t.index == head.index or t.pos in ("ADJ", "VERB", "DET"):
            out.append(_inflect(t.text, head.feats.get("Gender"), number))
        else:
            out.append(t.text)
    return clean(" ".join(out)).replace(" - ", "-")


_RUSSIA = re.compile(r"\s+(?:РФ|Российской Федерации)$")


def organisation_label(name: str) -> str:
    """An organisation's canonical label: a known name's own label, else the name without its
    legal form ("ОАО «Газпром»" → "Газпром"), Russia named one way ("Прокуратура РФ",
    "Прокуратура Российской Федерации" → "Прокуратура России")."""
    name = _RUSSIA.sub(" России", clean(name))
    known = organisation_aliases().get(fold(name))
    if known:
        return known
    words_ = name.split()
    if len(words_) > 1 and words_[0].lower() in words("legal_forms"):
        rest = " ".join(words_[1:])
        return organisation_aliases().get(fold(rest), rest)
    return name
