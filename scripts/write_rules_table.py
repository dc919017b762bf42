"""Write the rule bank's table (kg/lexicon/rules.toml) into README.md, between the lines
`<!-- rules -->` and `<!-- /rules -->`. Run from the repository root: `make readme`."""

from __future__ import annotations

import re
from pathlib import Path

from kg.extract.bank import markdown_table

README = Path(__file__).resolve().parent.parent / "README.md"


def main() -> None:
    """Replace the README's rules block with the bank's table."""
    text = README.read_text("utf-8")
    block = re.compile(r"(<!-- rules -->\n).*?(<!-- /rules -->)", re.S)
    if not block.search(text):
        raise SystemExit("README.md has no <!-- rules --> ... <!-- /rules --> block")
    table = markdown_table()
    README.write_text(block.sub(lambda m: m.group(1) + table + m.group(2), text), "utf-8")
    print(f"wrote the rules table into {README.name}")


if __name__ == "__main__":
    main()
