"""The whole pipeline on the seed, held to its golden snapshot (`python tests/golden.py` or
`make golden` writes it anew, after a change meant to alter the output)."""

from __future__ import annotations

import difflib

import pytest
from golden import FILES, GOLDEN, snapshot

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    """The snapshot made by this checkout."""
    return snapshot(tmp_path_factory.mktemp("golden"))


@pytest.mark.parametrize("name", FILES)
def test_golden_snapshot(made, name):
    expected = (GOLDEN / name).read_text("utf-8")
    if made[name] != expected:
        diff = difflib.unified_diff(
            expected.splitlines(), made[name].splitlines(), "golden", "now", lineterm="", n=1
        )
        pytest.fail(f"{name} differs from its golden snapshot:\n" + "\n".join(list(diff)[:60]))
