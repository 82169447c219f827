"""Reading an `osai init` draft as a person does: a value with the comment that explains it,
whether the comment is on the value's line or, too long for it, on the lines above."""

from __future__ import annotations

from pathlib import Path

from osai.init.words import PLACEHOLDER


def explained(text: str, value: str) -> str:
    """The first line whose value starts `value` (after its indentation, and the `# ` of a
    commented-out entry), as `value...  # its comment`: the comment on its line, or the
    comment lines just above it (each starting as the line does, then `# `, and none a
    commented-out placeholder) joined."""
    lines = text.splitlines()
    for at, line in enumerate(lines):
        start = line.find(value)
        if start < 0 or line[:start].strip(" #"):
            continue
        lead = line[:start]
        above: list[str] = []
        for before in reversed(lines[:at]):
            said = before.removeprefix(f"{lead}# ")
            if said == before or not said or said.startswith(" ") or PLACEHOLDER in said:
                break
            above.insert(0, said)
        return f"{line[start:]}  # {' '.join(above)}" if above else line[start:]
    raise AssertionError(f"no line starts with {value!r}")


def reviewed_draft(model: Path) -> tuple[str, Path]:
    """`osai init DIR` run, its draft's `base_model:` line (its value, comment left out) and the
    draft reviewed as a publisher reviews it: its first line, the draft's mark, deleted."""
    from clirunner import run_osai

    result = run_osai("init", str(model))
    assert result.code == 0, result.stderr
    draft = model / "osai.yaml"
    lines = draft.read_text("utf-8").splitlines()
    line = next(line for line in lines if line.strip().startswith("base_model:"))
    draft.write_text("\n".join(lines[1:]) + "\n", "utf-8")
    return line.split("#", 1)[0].strip(), draft
