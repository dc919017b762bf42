"""Places with one canonical Russian label and a stable id, read from `kg/lexicon/gazetteer.tsv`."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

__all__ = [
    "Place",
    "normalise",
    "lookup",
    "lookup_lemma",
    "places",
    "names",
    "prefer_city",
    "KINDS",
]

KINDS = ("country", "region", "city")

_DASHES = re.compile("[\u2010\u2011\u2012\u2013\u2014\u2015\u2212-]")
_APOSTROPHES = re.compile("['\u2019\u02bc`]")
_PUNCT = re.compile(r"[«»„“”\"().,;:!?/\\]")
_ABBREVIATIONS = {"обл": "область", "респ": "республика"}
_TOWN_PREFIXES = ("г", "город", "гор")


@dataclass(frozen=True)
class Place:
    """A country, a region (a federal subject of Russia, a state, province...) or a city."""

    id: str
    label: str
    kind: str
    geonames: str | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None


def normalise(name: str) -> str:
    """The lookup key of a name: lower case, ё → е, no stress marks, punctuation or dashes."""
    text = unicodedata.normalize("NFC", name).replace("\u0301", "").replace("\u0300", "")
    text = text.lower().replace("ё", "е")
    text = _APOSTROPHES.sub("", text)
    text = _PUNCT.sub(" ", _DASHES.sub(" ", text))
    words = [_ABBREVIATIONS.get(w, w) for w in text.split()]
    return " ".join(words)


def _without_town_prefix(key: str) -> str | None:
    head, _, rest = key.partition(" ")
    return rest if rest and head in _TOWN_PREFIXES else None


def _float(text: str) -> float | None:
    return float(text) if text else None


@lru_cache(maxsize=1)
def _load() -> tuple[dict[str, Place], dict[str, str]]:
    """Places by id and place ids by name key (aliases first, then labels in row order)."""
    text = resources.files("kg.lexicon").joinpath("gazetteer.tsv").read_text("utf-8")
    by_id: dict[str, Place] = {}
    labels: list[tuple[str, str]] = []
    index: dict[str, str] = {}
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        pid, label, kind, aliases, geonames, lat, lon, country = line.split("\t")
        by_id[pid] = Place(
            pid, label, kind, geonames or None, _float(lat), _float(lon), country or None
        )
        labels.append((normalise(label), pid))
        for alias in aliases.split("|") if aliases else ():
            index[normalise(alias)] = pid
    for key, pid in labels:
        index.setdefault(key, pid)
    return by_id, index


def places() -> dict[str, Place]:
    """Every place by id."""
    return _load()[0]


def lookup(name: str) -> Place | None:
    """The place a nominative name or alias denotes, in any letter case, or None."""
    by_id, index = _load()
    key = normalise(name)
    pid = index.get(key)
    if pid is None:
        bare = _without_town_prefix(key)
        pid = index.get(bare) if bare else None
    return by_id[pid] if pid else None


@lru_cache(maxsize=1)
def _lemma_index() -> dict[str, str]:
    """Place ids by the pymorphy lemmas of their names, where those differ from the names."""
    from kg.nlp import morph_parse

    by_id, index = _load()
    order = {pid: i for i, pid in enumerate(by_id)}
    out: dict[str, str] = {}
    for key, pid in sorted(index.items(), key=lambda kv: (order[kv[1]], kv[0])):
        words = key.split()
        variants = {" ".join(_lemma(morph_parse(w), w) for w in words)}
        if len(words) == 1:
            variants |= {p.normal_form for p in morph_parse(key) if "Geox" in p.tag}
        for variant in sorted(normalise(v) for v in variants):
            if variant != key and variant not in index:
                out.setdefault(variant, pid)
    return out


def _lemma(parses: list, word: str) -> str:
    """The likeliest lemma of a word, participles as adjectives ("соединенный", not "соединить")."""
    if not parses:
        return word
    best = parses[0]
    if best.tag.POS == "PRTF":
        form = best.inflect({"Masc", "Sing", "Nom"})
        if form is not None:
            return form.word
    return best.normal_form


def lookup_lemma(lemma: str) -> Place | None:
    """The place a lower-case pymorphy lemma denotes ("кемерово", "кемеровский область")."""
    found = lookup(lemma)
    if found is not None:
        return found
    pid = _lemma_index().get(normalise(lemma))
    return places()[pid] if pid else None


@lru_cache(maxsize=1)
def _names_by_id() -> dict[str, list[str]]:
    by_id, index = _load()
    out: dict[str, list[str]] = {pid: [] for pid in by_id}
    for key, pid in index.items():
        out[pid].append(key)
    return out


def names(place: Place) -> list[str]:
    """Every name key (normalised label and aliases) that leads to a place."""
    return sorted(_names_by_id().get(place.id, []))


@lru_cache(maxsize=1)
def _russian_cities() -> dict[str, Place]:
    return {p.label: p for p in places().values() if p.kind == "city" and p.country == "RU"}


def prefer_city(place: Place) -> Place:
    """A federal city named as a region ("Москва") as the city itself, which has coordinates."""
    if place.kind != "region":
        return place
    return _russian_cities().get(place.label, place)
