"""Markdown stand-ins for README files, rebuilt from the corpus' outlines.

The corpus stores no prose: a model card or a GitHub README is kept as YAML front matter
(``cardData``) plus an outline of headings, links, table headers, bold labels and short
paraphrased facts. ``build_readme`` turns that back into a README.md that has the same structure
(not the same text) as the real one. Used by the loopback Hub and the loopback GitHub.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from itertools import pairwise
from typing import Any

import yaml


def _md_url(url: str) -> str:
    return f"<{url}>" if re.search(r"[\s()<>]", url) else url


def _table_separator(header_line: str) -> str:
    cells = header_line.strip()
    cells = cells[1:] if cells.startswith("|") else cells
    cells = cells[:-1] if cells.endswith("|") else cells
    return "|" + "|".join(" --- " for _ in cells.split("|")) + "|"


_ROW_END = " … |"  # how a table's placeholder row ends


def _table_row(header_line: str) -> str:
    cells = header_line.strip().strip("|").split("|")
    return "|" + "|".join(" … " for _ in cells) + "|"


def _outline_block(item: Mapping[str, Any]) -> str | None:
    kind = item.get("kind")
    text = str(item.get("text") or "")
    if kind == "heading":
        return f"{'#' * int(item.get('level') or 1)} {text}"
    if kind == "link":
        bang = "!" if item.get("image") else ""
        return f"{bang}[{text}]({_md_url(str(item.get('url') or ''))})"
    if kind == "table_header":
        # the real table's rows are not kept: one row of placeholders stands for them, so that
        # the table holds values as the real one does (a header alone is an empty table)
        line = str(item.get("line") or "").strip()
        return f"{line}\n{_table_separator(line)}\n{_table_row(line)}"
    if kind == "bold_label":
        return f"**{text}**"
    if kind == "fact":
        return str(item.get("note") or "")
    return None


def build_readme(fixture: Mapping[str, Any]) -> str | None:
    """Rebuild a README.md from a fixture's ``cardData`` and ``readme_outline``.

    ``cardData`` becomes YAML front matter (none when it is null); each outline item becomes a
    block: headings, links (images as images), table header rows with a separator row, bold
    labels, and facts as short paragraphs. Returns None when the fixture has neither.
    """
    card_data = fixture.get("cardData")
    outline = fixture.get("readme_outline") or []
    if card_data is None and not outline:
        return None
    parts: list[str] = []
    if card_data is not None:
        front = yaml.safe_dump(card_data, sort_keys=False, allow_unicode=True)
        parts.append(f"---\n{front}---")
    parts.extend(block for item in outline if (block := _outline_block(item)))
    # a table's placeholder row takes the blank line after it: every later line keeps the
    # number the corpus' outline gives it (reports cite README.md:N)
    text = parts[0] if parts else ""
    for before, block in pairwise(parts):
        text += ("\n" if before.endswith(_ROW_END) else "\n\n") + block
    return text + "\n"
