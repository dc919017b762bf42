"""kg: a knowledge-graph builder for Russian news.

The Python API, in the order an article travels: read articles, extract what they say, open a
store, build articles into it, ask it in SPARQL (a query, or a saved one by name), take the
actor network out, rank it and draw it.

>>> import kg
>>> article = kg.Article(id="a", text="Губернатор Кузбасса Илья Середюк посетил Белово.")
>>> [(r.predicate, r.subject.label, r.object.label) for r in kg.extract(article).relations]
[('holdsPosition', 'Илья Середюк', 'Кузбасс')]
>>> with kg.open_store("memory") as store:
...     report = kg.build([kg.Article(id="b", text=article.text)], store)
...     g = kg.actor_graph(store)
>>> report.written, sorted(g.nodes[n]["label"] for n in g)
(1, ['Илья Середюк', 'Кузбасс'])

`kg.extract` and `kg.build` are the functions (their packages are reached by importing their
modules, `from kg.extract.mentions import find_mentions`); the other names load their modules
when first used, so `import kg` stays light.
"""

import os
from importlib import import_module

# natasha's models run on numpy: one BLAS thread per process is as fast on an idle machine
# and much faster on a busy one (the user can still set these variables).
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

__version__ = "0.1.0"

from kg.build.builder import build  # noqa: E402 - after the BLAS threads are set
from kg.extract import extract  # noqa: E402

_API = {
    "Article": "kg.model",
    "Extraction": "kg.model",
    "read_articles": "kg.io.articles",
    "open_store": "kg.store",
    "run_query": "kg.query.sparql",
    "run_saved": "kg.query.saved",
    "actor_graph": "kg.network.graph",
    "ranking": "kg.network.analytics",
    "write_view": "kg.network.view",
}
__all__ = ["__version__", "build", "extract", *_API]


def __getattr__(name: str):
    """A name of the API, from its module."""
    if name not in _API:
        raise AttributeError(f"module 'kg' has no attribute {name!r}")
    return getattr(import_module(_API[name]), name)


def __dir__() -> list[str]:
    """The API's names."""
    return sorted(__all__)
