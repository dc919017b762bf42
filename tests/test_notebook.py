"""The tour notebook runs from top to bottom in a fresh kernel, so it never rots."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

NOTEBOOK = Path(__file__).resolve().parent.parent / "notebooks" / "tour.ipynb"


def execute(nb: nbformat.NotebookNode, cwd: Path) -> nbformat.NotebookNode:
    """Run every cell in a new Python kernel started in `cwd`; a failing cell raises."""
    client = NotebookClient(
        nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(cwd)}}
    )
    client.execute()
    return nb


def output_text(nb: nbformat.NotebookNode) -> str:
    """Everything the cells printed or displayed, as text and HTML."""
    parts = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            parts.append(out.get("text", ""))
            data = out.get("data", {})
            parts += [data.get("text/plain", ""), data.get("text/html", "")]
    return "\n".join(parts)


@pytest.mark.slow
def test_tour_runs_and_shows_queries_ranking_and_view() -> None:
    nb = execute(nbformat.read(NOTEBOOK, as_version=4), NOTEBOOK.parent)
    text = output_text(nb)
    assert "<td>Илья Середюк</td>" in text and "<td>Андрей Конюшко</td>" in text  # who met whom
    assert "<td>губернатор</td><td>Кузбасс</td>" in text  # posts held
    assert "<td>met</td><td>Александр Лукашенко</td>" in text  # one person's claims
    assert "в Минске встретился с президентом Беларуси Александром Лукашенко" in text
    assert "14 actors, 14 relations" in text
    assert "<th>betweenness</th><th>community</th></tr><tr><td>Беларусь</td>" in text
    assert '<iframe srcdoc="&lt;!DOCTYPE html&gt;' in text and "kg-data" in text  # the view
    assert "Warning" not in text


def test_a_failing_cell_fails_the_run(tmp_path: Path) -> None:
    nb = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_code_cell("x = 1"), nbformat.v4.new_code_cell("x / 0")]
    )
    with pytest.raises(CellExecutionError, match="ZeroDivisionError"):
        execute(nb, tmp_path)
