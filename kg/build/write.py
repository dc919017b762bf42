"""An extraction as the graphs a store takes: its RDF, its content hash, and the labels other
articles already give its entities.

An entity keeps one label in the store: an article adopts the label other articles give an
entity (the smallest, when they differ), and its own spelling becomes an alias ("ВымпелКом" /
"Вымпелком"). A batch adopts the labels of the articles before it in the batch as well, so it
gives the graph article-by-article writes give.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from kg import __version__
from kg.model import Article, Extraction
from kg.rdf.iris import article_iri, entity_iri
from kg.rdf.mapping import article_graph, article_metadata
from kg.rdf.nquads import Triple
from kg.rdf.vocabulary import KG, RDFS
from kg.store.base import ArticleGraphs, Store

__all__ = ["content_hash", "stored_hashes", "stored_labels", "write_articles"]


def content_hash(article: Article) -> str:
    """The SHA-256 of what an article's graph is made from: its text, date, title and url."""
    parts = (article.text, article.date or "", article.title or "", article.url or "")
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def stored_hashes(store: Store) -> dict[str, str]:
    """The content hash of every article in the store, by article IRI, for those written by
    this version of kg (an article from another version is due to be extracted again)."""
    rows = store.query(
        f"SELECT ?doc ?hash WHERE {{ ?doc {KG.contentHash.n3()} ?hash ; "
        f'{KG.extractorVersion.n3()} ?version FILTER(STR(?version) = "{__version__}") }}'
    )
    return {str(doc): str(h) for doc, h in rows}


def _iris(x: Extraction) -> dict[str, str]:
    return {str(entity_iri(e.type, e.key)): e.key for e in x.entities.values()}


def stored_labels(store: Store, x: Extraction) -> dict[str, str]:
    """The labels other articles in the store already give this article's entities (entity
    key → label), so that one entity keeps one label however articles spell it."""
    iris = _iris(x)
    if not iris:
        return {}
    doc = article_iri(x.article.id)
    values = " ".join(f"<{iri}>" for iri in sorted(iris))
    rows = store.query(
        "SELECT ?e (MIN(STR(?l)) AS ?label) WHERE { VALUES ?e { " + values + " } "
        f"GRAPH ?g {{ ?e {RDFS.label.n3()} ?l }} FILTER(?g != {doc.n3()}) }} GROUP BY ?e"
    )
    return {iris[str(e)]: str(label) for e, label in rows if label is not None}


def _adopted(body: list[Triple], x: Extraction) -> dict[str, str]:
    """The label each entity of the article gets in its graph (entity key → label)."""
    keys = _iris(x)
    return {keys[str(s)]: str(o) for s, p, o in body if p == RDFS.label and str(s) in keys}


def write_articles(store: Store, xs: Sequence[Extraction]) -> int:
    """Replace the named graphs and metadata of several articles; returns triples written.

    The embedded store writes them all in one transaction: a reader or a crash sees every
    article of the batch or none."""
    pending: dict[str, str] = {}
    graphs: list[ArticleGraphs] = []
    for x in xs:
        labels = {k: v for k, v in pending.items() if k in x.entities} | stored_labels(store, x)
        body = article_graph(x, labels)
        for key, label in _adopted(body, x).items():
            pending.setdefault(key, label)
        meta = article_metadata(x.article, content_hash(x.article))
        graphs.append(ArticleGraphs(article_iri(x.article.id), body, meta))
    store.replace_articles(graphs)
    return sum(len(g) for g in graphs)
