"""An AI BOM states what was found, never what could not be read: written alone (`osai check DIR
--format cyclonedx`), a README.md osai could not read was said nowhere, and the BOM lacked the
model card with no word why.  Then each warning of a target is said on standard error, as `osai
init` says the warnings its draft has none of; beside a report that states them, it is not."""

from __future__ import annotations

from pathlib import Path

from clirunner import run_osai

UNREAD = "README.md: UTF-16 text, which osai does not read: save it as UTF-8"


def _model(tmp_path: Path) -> Path:
    model = tmp_path / "model"
    model.mkdir()
    (model / "README.md").write_bytes("\ufeff---\nlicense: mit\n---\n# m\n".encode("utf-16-le"))
    (model / "train.py").write_text("print(1)\n")
    return model


def test_a_bom_alone_says_on_standard_error_what_could_not_be_read(tmp_path: Path) -> None:
    model = _model(tmp_path)
    for form in ("cyclonedx", "spdx"):
        result = run_osai("check", str(model), "--format", form)
        assert result.code in (0, 1), result.stderr
        assert f"osai: warning: {model}: {UNREAD}\n" in result.stderr
        assert UNREAD not in result.stdout


def test_beside_a_report_that_states_it_the_warning_is_not_said_again(tmp_path: Path) -> None:
    model = _model(tmp_path)
    bom = tmp_path / "m.cdx.json"
    result = run_osai("check", str(model), "--format", "json", f"-ocyclonedx={bom}")
    assert result.code in (0, 1), result.stderr
    assert UNREAD in result.stdout and UNREAD not in result.stderr


def test_a_target_whose_name_has_a_line_break_is_named_as_its_errors_name_it(
    tmp_path: Path,
) -> None:
    """The warning named `mo\\ndel` 'mo del' (the line break made a blank), a directory there
    is not; as an error line names it, the break is escaped."""
    model = _model(tmp_path)
    broken = model.rename(tmp_path / "mo\ndel")
    result = run_osai("check", str(broken), "--format", "cyclonedx")
    assert result.code in (0, 1), result.stderr
    escaped = str(broken).replace("\n", "\\n")
    assert f"osai: warning: {escaped}: {UNREAD}\n" in result.stderr, result.stderr
