"""Deterministic IRIs for entities, articles, events, posts and claims: the same values give
the same IRI on every run and every machine.

>>> str(entity_iri("Person", "person:середюк|илья"))
'https://w3id.org/kg-ru/id/person/seredyuk-ilya-4f081f'
"""

from __future__ import annotations

import hashlib
import re

from rdflib import URIRef

from kg.rdf.vocabulary import GEONAMES, ID

__all__ = [
    "entity_iri",
    "article_iri",
    "node_iri",
    "geonames_iri",
    "web_iri",
    "slug",
]

_LETTERS = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"
_LATIN = [
    "a",
    "b",
    "v",
    "g",
    "d",
    "e",
    "e",
    "zh",
    "z",
    "i",
    "y",
    "k",
    "l",
    "m",
    "n",
    "o",
    "p",
    "r",
    "s",
    "t",
    "u",
    "f",
    "kh",
    "ts",
    "ch",
    "sh",
    "shch",
    "-",
    "y",
    "-",
    "e",
    "yu",
    "ya",
]
_TRANSLIT = dict(zip(_LETTERS, _LATIN, strict=True))


def slug(text: str) -> str:
    """A readable ASCII slug of a Russian or Latin name."""
    out = []
    for ch in text.lower():
        if ch in _TRANSLIT:
            t = _TRANSLIT[ch]
            out.append("" if t == "-" else t)
        elif ch.isascii() and ch.isalnum():
            out.append(ch)
        else:
            out.append("-")
    s = re.sub(r"-+", "-", "".join(out)).strip("-")
    return s or "x"


def _digest(text: str, size: int = 8) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:size]


def entity_iri(type_: str, key: str) -> URIRef:
    """The IRI of an entity of a type with a canonical key; the same key gives the same IRI."""
    name = key.split(":", 1)[1] if key.startswith(f"{type_.lower()}:") else key
    return ID[f"{type_.lower()}/{slug(name)}-{_digest(key, 6)}"]


def article_iri(article_id: str) -> URIRef:
    """The IRI of an article (also the name of its graph)."""
    return ID[f"article/{slug(article_id)}-{_digest(article_id, 6)}"]


def node_iri(kind: str, *parts: object) -> URIRef:
    """A deterministic IRI for an event, post or claim, from the values that define it."""
    return ID[f"{kind}/{_digest('|'.join(map(str, parts)), 16)}"]


def geonames_iri(geonames_id: str | None) -> URIRef | None:
    """The GeoNames IRI of a GeoNames id (`https://sws.geonames.org/<id>/`), None for none."""
    return GEONAMES[f"{geonames_id}/"] if geonames_id else None


_WEB = re.compile(r"^https?://[^\s<>\"{}|\\^`\x00-\x1f\x7f]+$", re.IGNORECASE)


def web_iri(url: str | None) -> URIRef | None:
    """An http(s) address as an IRI, None when it is not one that N-Triples can write.

    >>> web_iri("https://example.org/a?b=1"), web_iri("/home/me/a.txt"), web_iri("http://a b")
    (rdflib.term.URIRef('https://example.org/a?b=1'), None, None)
    """
    if not url or not _WEB.match(url.strip()):
        return None
    return URIRef(url.strip())
