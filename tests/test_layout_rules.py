"""The house keeps its plan: imports point one way between the design's boxes, natasha stays in
`kg/nlp/`, the data model imports nothing of kg, oxrdflib's insides stay in the Oxigraph
backend, no module grows past 400 lines, and the wheel lists every package.

Read from the code with `ast`, imports inside functions included.
"""

from __future__ import annotations

import ast
import tomllib
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
KG = ROOT / "kg"

# The boxes of the design, lower first: a module may import its own box and lower ones.
RANKS = {
    "model": 0,
    "errors": 0,
    "ontology": 0,
    "nlp": 1,
    "io": 1,
    "lexicon": 2,
    "extract": 3,
    "rdf": 3,
    "store": 4,
    "build": 5,
    "query": 5,
    "export": 5,
    "network": 5,
    "evaluate": 6,
    "cli": 7,
}
FACES = {"kg", "kg.__main__"}  # the package's API and `python -m kg` sit above every box
MAX_LINES = 400


def _name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@cache
def modules() -> dict[str, tuple[Path, ast.Module]]:
    """Every module of kg by its dotted name, parsed."""
    return {_name(p): (p, ast.parse(p.read_text("utf-8"))) for p in sorted(KG.rglob("*.py"))}


def imported(module: str) -> set[str]:
    """The absolute names a module imports, anywhere in its code."""
    _, tree = modules()[module]
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"{module}: relative import"
            base = node.module or ""
            out.add(base)
            out |= {f"{base}.{a.name}" for a in node.names if f"{base}.{a.name}" in modules()}
    return out


def box(module: str) -> str:
    """The design box a kg module belongs to: the part after `kg.`."""
    return module.split(".")[1]


def kg_imports(module: str) -> set[str]:
    """The kg modules a module imports."""
    return {m for m in imported(module) if m in modules() and m != "kg"}


def test_imports_point_down_the_boxes():
    wrong = []
    for module in modules():
        if module in FACES:
            continue
        for target in kg_imports(module):
            if box(target) != box(module) and RANKS[box(target)] >= RANKS[box(module)]:
                wrong.append(f"{module} -> {target}")
    assert not wrong, "imports against the plan:\n" + "\n".join(sorted(wrong))


def test_every_box_has_a_rank():
    assert {box(m) for m in modules() if m not in FACES} <= set(RANKS)


def test_extraction_knows_nothing_of_rdf_stores_networks_queries_or_the_cli():
    for module in [m for m in modules() if m not in FACES and box(m) == "extract"]:
        bad = {box(t) for t in kg_imports(module)} & {"rdf", "store", "network", "query", "cli"}
        assert not bad, f"{module} imports {bad}"


def test_only_nlp_imports_natasha():
    for module in modules():
        uses = {m for m in imported(module) if m.split(".")[0] == "natasha"}
        if uses:
            assert box(module) == "nlp", f"{module} imports {uses}"


def test_the_data_model_and_the_errors_import_nothing_of_kg():
    for module in ("kg.model", "kg.errors"):
        assert not kg_imports(module), kg_imports(module)


def test_the_network_and_its_view_never_reach_natasha():
    for module in [m for m in modules() if m.startswith("kg.network")]:
        seen, todo = set(), [module]
        while todo:
            m = todo.pop()
            if m in seen:
                continue
            seen.add(m)
            todo += sorted(kg_imports(m))
        assert not {m for m in seen if box(m) == "nlp"}, f"{module} reaches kg.nlp"
        assert not any(i.startswith("natasha") for m in seen for i in imported(m))


def test_only_the_oxigraph_backend_touches_oxrdflibs_insides():
    for module, (path, tree) in modules().items():
        inner = [n for n in ast.walk(tree) if isinstance(n, ast.Attribute) and n.attr == "_inner"]
        if inner:
            assert module == "kg.store.oxigraph", f"{path} reaches `._inner`"


@pytest.mark.parametrize("module", sorted(modules()))
def test_no_module_is_over_400_lines(module):
    path, tree = modules()[module]
    lines = path.read_text("utf-8").count("\n")
    doc = tree.body[0] if tree.body and isinstance(tree.body[0], ast.Expr) else None
    if doc is not None and isinstance(doc.value, ast.Constant):
        lines -= doc.end_lineno - doc.lineno + 1  # a long scoring docstring does not count
    assert lines <= MAX_LINES, f"{path}: {lines} lines"


def test_the_wheel_lists_every_package():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    on_disk = {_name(p.parent / "__init__.py") for p in KG.rglob("__init__.py")}
    data = {"kg.ontologies", "kg.ontologies.queries", "kg.network.assets"}
    assert listed == on_disk | data
    assert config["tool"]["setuptools"]["package-dir"] == {"kg.ontologies": "ontologies"}


def test_every_library_kg_imports_is_a_declared_dependency():
    """An import that only works because a test tool brought the library along (click, beside
    typer) fails in a fresh install."""
    import re
    import sys
    from importlib.metadata import packages_distributions

    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    project = config["project"]
    wanted = project["dependencies"] + project["optional-dependencies"]["dask"]
    declared = set()
    for requirement in wanted:  # "dask[distributed]>=2024.8": dask, and its extra distributed
        name, extras = re.match(r"([\w.-]+)(?:\[([\w,-]+)\])?", requirement).group(1, 2)
        declared |= {name.lower().replace("_", "-")} | set((extras or "").split(","))
    providers = packages_distributions()
    used = {
        name.split(".")[0]
        for module in modules()
        for name in imported(module)
        if name and name.split(".")[0] not in sys.stdlib_module_names
    } - {"kg"}
    missing = {}
    for name in sorted(used):
        dists = {d.lower().replace("_", "-") for d in providers.get(name, [name])}
        if not dists & declared:
            missing[name] = sorted(dists)
    assert not missing, f"imported but not declared in pyproject.toml: {missing}"
