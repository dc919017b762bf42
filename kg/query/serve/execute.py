"""Running one query and writing its answer: over an rdflib-backed kg store in this process,
or over an Oxigraph folder opened read-only in a worker process (`serve_tasks`)."""

from __future__ import annotations

from typing import NamedTuple

from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from kg.query.serve.results import write_ask, write_graph, write_select
from kg.rdf.vocabulary import XSD
from kg.store import Store

__all__ = ["Task", "answer_oxigraph", "answer_store", "failure", "serve_tasks"]

GRAPH_FORMS = ("CONSTRUCT", "DESCRIBE")


class Task(NamedTuple):
    """A checked query (prefixes declared), its form, the serialisation and the row limit."""

    query: str
    form: str
    fmt: str
    limit: int


def answer_store(store: Store, task: Task) -> tuple[bytes, bool]:
    """The task's answer over a kg store, and whether it was cut at the limit."""
    with store.results(task.query) as result:
        if task.form == "ASK":
            return write_ask(bool(result.askAnswer), task.fmt), False
        if task.form in GRAPH_FORMS:
            return write_graph(iter(result), task.fmt, task.limit)  # type: ignore[arg-type]
        return write_select(result.vars or [], iter(result), task.fmt, task.limit)


def _term(node: object) -> Node | None:
    """An rdflib term for a pyoxigraph one, the lexical form kept as it is."""
    import pyoxigraph as ox

    if node is None:
        return None
    if isinstance(node, ox.NamedNode):
        return URIRef(node.value)
    if isinstance(node, ox.BlankNode):
        return BNode(node.value)
    if isinstance(node, ox.Literal):
        if node.language:
            return Literal(node.value, lang=node.language)
        dt = node.datatype.value
        datatype = None if dt == str(XSD.string) else URIRef(dt)
        return Literal(node.value, datatype=datatype, normalize=False)
    return Literal(str(node))  # a triple term (RDF 1.2), written as its text


def answer_oxigraph(store: object, task: Task) -> tuple[bytes, bool]:
    """The task's answer over a pyoxigraph Store, its default graph read as kg's store reads
    it (the merge of the graphs; the union on a store of the earlier layout, unless the query
    names its dataset), and whether it was cut at the limit."""
    import pyoxigraph as ox

    from kg.store.dataset import names_dataset
    from kg.store.oxigraph import earlier_layout

    union = earlier_layout(store) and not names_dataset(task.query)
    result = store.query(task.query, use_default_graph_as_union=union)  # type: ignore[attr-defined]
    if isinstance(result, ox.QueryBoolean):
        return write_ask(bool(result), task.fmt), False
    if isinstance(result, ox.QueryTriples):
        triples = ((_term(t.subject), _term(t.predicate), _term(t.object)) for t in result)
        return write_graph(triples, task.fmt, task.limit)  # type: ignore[arg-type]
    variables = [v.value for v in result.variables]
    width = range(len(variables))
    rows = ([_term(s[i]) for i in width] for s in result)
    return write_select(variables, rows, task.fmt, task.limit)


def failure(e: Exception) -> tuple[int, str]:
    """The HTTP status and message for a query that failed as it ran."""
    message = str(e).splitlines()[0] if str(e) else type(e).__name__
    return (400 if isinstance(e, SyntaxError) else 500), f"query failed: {message}"


def limit_memory(megabytes: int) -> None:
    """Cap this process's data memory (heap and private maps) at `megabytes`: a query that
    asks for more fails in its own worker, which dies and is replaced, not the server."""
    import resource

    cap = megabytes * 1024 * 1024
    _, hard = resource.getrlimit(resource.RLIMIT_DATA)
    if hard != resource.RLIM_INFINITY:
        cap = min(cap, hard)
    resource.setrlimit(resource.RLIMIT_DATA, (cap, hard))


def serve_tasks(conn: object, path: str, memory: int = 0) -> None:
    """A worker's life: cap its memory at `memory` MB (0: no cap), open the Oxigraph folder
    read-only, then answer each task the pipe brings with ("ok", body, cut) or ("error",
    status, message), until the pipe closes."""
    import pyoxigraph as ox

    if memory:
        limit_memory(memory)
    store = ox.Store.read_only(path)
    while True:
        try:
            task = conn.recv()  # type: ignore[attr-defined]
        except (EOFError, OSError):
            return
        try:
            reply: tuple = ("ok", *answer_oxigraph(store, task))
        except Exception as e:
            reply = ("error", *failure(e))
        conn.send(reply)  # type: ignore[attr-defined]
