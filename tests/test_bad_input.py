"""Bad input: one line naming the file and the problem, exit 2, never a traceback."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from clirunner import EXAMPLES, ROOT, run_osai, run_osai_process

from osai.own_reports import (
    AUDIT_KEYS,
    HEAD_BYTES,
    REPORT_KEYS,
    WHOLE_BYTES,
    report_of_osai,
    written_by_osai,
)
from osai.paths import MANIFEST_NAME

PYTHIA = (EXAMPLES / "pythia-70m.yml").read_text()


def bomb() -> str:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    previous = "a"
    for name in "bcdefghi":
        lines.append(f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]")
        previous = name
    return "\n".join(lines) + "\n"


CASES: dict[str, tuple[str | bytes | None, str]] = {
    "missing": (None, "no such file or directory"),
    "invalid-yaml": ("release: [unclosed\n", "invalid YAML"),
    "not-a-mapping": (
        "- just\n- a list\n",
        "expected a YAML mapping (framework:, release:), found a list",
    ),
    "empty": ("", "empty file"),
    "wrong-type": (
        PYTHIA.replace("  name: Pythia-70M\n", "  name: [a, b]\n", 1),
        "release.name: expected text, found a list",
    ),
    "unknown-component": (
        PYTHIA.replace("name: 'Training code'", "name: 'Training poem'"),
        "unknown component 'Training poem'",
    ),
    "duplicate-component": (
        PYTHIA.replace("name: 'Inference code'", "name: 'Training code'"),
        "listed twice",
    ),
    "alias-bomb": (bomb(), "aliases"),
    "tab-indented": (
        PYTHIA.replace("  name: Pythia-70M\n", "\tname: Pythia-70M\n", 1),
        "(YAML indents with spaces, not tabs)",
    ),
    "binary": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
    # saved so by Windows PowerShell 5's `>`: it was "binary file, not text"
    "utf-16": (PYTHIA.encode("utf-16"), "UTF-16 text, which osai does not read: save it as UTF-8"),
    "utf-16-be-no-bom": (PYTHIA.encode("utf-16-be"), ": UTF-16 text, which osai does not"),
    "utf-32": (PYTHIA.encode("utf-32"), ": UTF-32 text, which osai does not read"),
    "huge": ("x: " + "a" * (50 * 1024 * 1024) + "\n", "too large"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_manifest(case: str, tmp_path: Path) -> None:
    content, expected = CASES[case]
    path = tmp_path / f"{case}.yml"
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif content is not None:
        path.write_text(content)
    result = run_osai("check", str(path))
    assert result.code == 2, result
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert expected in lines[0]
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("gate", [(), ("--require", "osaid")])
def test_a_directory_of_nothing(tmp_path: Path, gate: tuple[str, ...]) -> None:
    """An empty directory was judged as a model ("not demonstrated (11 unknown)", exit 0): a
    mistyped or unpopulated CI path looked like a real model.  It is bad input, .git and the
    like aside; one file makes it a model again, and osai init still drafts a manifest there.
    Not called empty when it is not: a clone with only its .git was "an empty directory"."""
    model = tmp_path / "model"
    model.mkdir()
    made = (model / "a" / "b", model / ".git")
    reasons = (
        "an empty directory: no file to judge",
        "holds no file to judge (only empty directories)",
        "holds no file to judge (only .git, which osai does not read)",
    )
    for reason, directory in zip(reasons, (None, *made), strict=True):
        if directory is not None:
            directory.mkdir(parents=True)
        for args in (("-q",), ("--format", "json")):
            result = run_osai("check", str(model), *gate, *args)
            assert (result.code, result.stderr) == (2, f"osai: error: {model}: {reason}\n")
    (model / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    (model / "NOTES.txt").write_text("weights to come\n")
    assert run_osai("check", str(model), "-q").code == 0
    fresh = tmp_path / "fresh"
    fresh.mkdir()
    drafted = run_osai("init", str(fresh))
    assert drafted.code == 0 and (fresh / MANIFEST_NAME).exists(), drafted.stderr


@pytest.mark.parametrize(
    ("made", "reason"),
    [
        ((".gitattributes",), "only hidden files: .gitattributes"),
        ((".gitattributes", ".DS_Store"), "only hidden files: .DS_Store, .gitattributes"),
        (
            (".git/", ".gitattributes"),
            "only .git, which osai does not read, and hidden files: .gitattributes",
        ),
    ],
)
def test_a_directory_of_hidden_files_only(
    made: tuple[str, ...], reason: str, tmp_path: Path
) -> None:
    """A directory holding only `.gitattributes` (a Hub clone whose files were never fetched),
    or that and a `.DS_Store`, was judged as a model, all unknown, exit 0: like an empty one, it
    is bad input, saying what it holds; one file beside them makes it a model again."""
    model = tmp_path / "model"
    model.mkdir()
    for name in made:
        if name.endswith("/"):
            (model / name).mkdir()
        else:
            (model / name).write_text("*.safetensors filter=lfs diff=lfs merge=lfs -text\n")
    for args in (("-q",), ("--format", "json")):
        result = run_osai("check", str(model), *args)
        said = f"osai: error: {model}: holds no file to judge ({reason})\n"
        assert (result.code, result.stderr) == (2, said)
    (model / "NOTES.txt").write_text("weights to come\n")
    assert run_osai("check", str(model), "-q").code == 0


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["-f", "no-such-framework"], "unknown framework 'no-such-framework'"),
        # a variable unset: nothing misspelt ("unknown framework ''")
        (["-f", ""], "osai: error: -f: '' names no framework (known: osaid, mof,"),
        # named as given: it said `--mode mof=lenient`, a flag no one typed
        (["--mof-mode", "lenient"], "osai: error: --mof-mode lenient: framework 'mof' has no mode"),
        # a variable unset: it judged in the default mode without a word
        (["--mof-mode", ""], "osai: error: --mof-mode '': names no mode; give default, mot or"),
        (["--require", "mof:class-9"], "no level 'class-9'"),
        (["--format", "pdf"], "--format pdf: expected one of text, json,"),
    ],
)
def test_bad_flags(args: list[str], expected: str) -> None:
    result = run_osai("check", str(EXAMPLES / "pythia-70m.yml"), *args)
    assert result.code == 2
    assert expected in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (
            ("--mode", "mof=bogus"),
            "--mode mof=bogus: framework 'mof' has no mode 'bogus' (modes: default, mot, strict)",
        ),
        (
            ("--mode", "mof=stric"),
            "--mode mof=stric: framework 'mof' has no mode 'stric' (did you mean 'strict'?)",
        ),
        (
            ("--mode", "mfo=strict"),
            "--mode mfo=strict: unknown framework 'mfo' (did you mean 'mof'?)",
        ),
        (("--mode", "=strict"), "--mode =strict: expected FRAMEWORK=MODE, e.g. mof=strict"),
        (
            ("--mode", "eosai=x"),
            "--mode eosai=x: framework 'eosai' has no mode 'x' (modes: default)",
        ),
        (
            ("--mode", "eosai=default"),
            "--mode eosai=default: EOSAI is not among the frameworks checked (add -f eosai)",
        ),
    ],
)
def test_a_bad_mode_names_the_option_and_what_it_takes(args: tuple[str, ...], said: str) -> None:
    """`--mode mof=bogus` said "framework 'mof' has no mode 'bogus' (...)", naming no option,
    where every other refusal begins with the option and the value typed."""
    result = run_osai("check", str(EXAMPLES / "pythia-70m.yml"), *args)
    assert (result.code, result.stdout, result.stderr) == (2, "", f"osai: error: {said}\n")


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (
            ("--mof-mode", "strict", "--mode", "mof=mot"),
            "--mof-mode strict: mof is given a mode twice (mot at --mode mof=mot)",
        ),
        (
            ("--mode", "mof=mot", "--mode", "MOF=strict"),
            "--mode MOF=strict: MOF is given a mode twice (mot at --mode mof=mot)",
        ),
    ],
)
def test_two_modes_of_one_framework_on_the_command_line_are_refused(
    args: tuple[str, ...], said: str
) -> None:
    """`--mof-mode strict --mode mof=mot` judged in strict mode without a word (--mof-mode won
    whichever came first), where a configuration file refuses the same at its second mode."""
    for command in (
        ("check", str(EXAMPLES / "pythia-70m.yml"), "-q"),
        ("compare", "osaid", "mof", "--model", str(EXAMPLES / "pythia-70m.yml")),
    ):
        result = run_osai(*command, *args)
        assert (result.code, result.stdout, result.stderr) == (2, "", f"osai: error: {said}\n")
    # the same mode twice is one
    same = run_osai("check", str(EXAMPLES / "pythia-70m.yml"), "-q", "--mof-mode", "mot",
                    "--mode", "mof=mot")  # fmt: skip
    assert same.code == 0, same.stderr


@pytest.mark.parametrize(
    ("name", "text", "said"),
    [
        (".osai.yaml", "modes:\n  mof: bogus\n", ".osai.yaml:2: modes.mof: framework 'mof'"),
        (".osai.yaml", "mof-mode: bogus\n", ".osai.yaml:1: mof-mode: framework 'mof'"),
        (
            "pyproject.toml",
            "[tool.osai.modes]\nmof = 'bogus'\n",
            "pyproject.toml:2: tool.osai.modes.mof: framework 'mof'",
        ),
    ],
)
def test_a_bad_mode_from_a_file_is_named_where_the_file_writes_it(
    name: str, text: str, said: str, tmp_path: Path
) -> None:
    """A file's mode is no `--mode` flag: its error names the file, line and key, as a file's
    required policy does."""
    (tmp_path / name).write_text(text, encoding="utf-8")
    result = run_osai("check", str(EXAMPLES / "pythia-70m.yml"), cwd=tmp_path)
    assert (result.code, result.stdout) == (2, "")
    assert (
        result.stderr == f"osai: error: {said} has no mode 'bogus' (modes: default, mot, strict)\n"
    )


def test_a_misspelling_written_twice_is_refused_where_it_is_first_written(tmp_path: Path) -> None:
    """`frameworks: [osaid, osiad, mof, osiad]` was refused at its last `osiad` (line 5), a
    reader looking at the first one wondering what was wrong with it."""
    listed = "frameworks:\n  - osaid\n  - osiad\n  - mof\n  - osiad\n"
    (tmp_path / ".osai.yaml").write_text(listed, encoding="utf-8")
    result = run_osai("check", str(EXAMPLES / "pythia-70m.yml"), cwd=tmp_path)
    assert (result.code, result.stderr) == (
        2,
        "osai: error: .osai.yaml:3: frameworks[1]: unknown framework 'osiad' "
        "(did you mean 'osaid'?)\n",
    )


def test_a_files_mode_waits_for_its_framework_when_f_leaves_it_out(tmp_path: Path) -> None:
    """A team's `modes: {mof: strict}` refused `osai check -f osaid`, a look at one framework
    ("MOF is not among the frameworks checked"): the file's mode is a default for whenever its
    framework is judged, still checked to be one it has."""
    (tmp_path / ".osai.yaml").write_text("modes: {mof: strict}\n", encoding="utf-8")
    looked = run_osai("check", str(EXAMPLES / "pythia-70m.yml"), "-f", "osaid", cwd=tmp_path)
    assert looked.code == 0, looked.stderr
    (tmp_path / ".osai.yaml").write_text("modes: {mof: strcit}\n", encoding="utf-8")
    typo = run_osai("check", str(EXAMPLES / "pythia-70m.yml"), "-f", "osaid", cwd=tmp_path)
    assert (typo.code, typo.stderr) == (
        2,
        "osai: error: .osai.yaml:1: modes.mof: framework 'mof' has no mode 'strcit' "
        "(did you mean 'strict'?)\n",
    )


@pytest.mark.parametrize(
    ("settings", "flags", "said"),
    [
        (None, ("--mof-mode", "strict"), "--mof-mode strict"),
        ("modes: {mof: strict}\n", ("--mode", "mof=strict"), "--mode mof=strict"),
        ("mof-mode: strict\n", ("--mof-mode", "strict"), "--mof-mode strict"),
    ],
)
def test_a_flags_mode_for_a_framework_left_out_is_refused_whatever_the_file_says(
    settings: str | None, flags: tuple[str, ...], said: str, tmp_path: Path
) -> None:
    """`--mof-mode strict -f osaid` was judged without a word where `--mode mof=strict -f osaid`
    is refused (the README: `--mof-mode` is its short form), and `--mode mof=strict` beside a
    file's `modes: {mof: strict}` was taken for the file's default: both asked for a mode of a
    framework the run does not judge."""
    if settings is not None:
        (tmp_path / ".osai.yaml").write_text(settings, encoding="utf-8")
    refusal = f"osai: error: {said}: MOF is not among the frameworks checked (add -f mof)\n"
    checked = run_osai("check", str(EXAMPLES / "pythia-70m.yml"), "-f", "osaid", *flags,
                       cwd=tmp_path)  # fmt: skip
    assert (checked.code, checked.stdout, checked.stderr) == (2, "", refusal)
    compared = run_osai("compare", "osaid", "eosai", "--model", str(EXAMPLES / "pythia-70m.yml"),
                        *flags, cwd=tmp_path)  # fmt: skip
    # osai compare takes no -f: "(add -f mof)" named a flag it refuses
    assert (compared.code, compared.stdout, compared.stderr) == (
        2,
        "",
        f"osai: error: {said}: MOF is not among the frameworks checked "
        "(name mof among those compared)\n",
    )


@pytest.mark.parametrize(
    ("spec", "levels", "entry"),
    [("mof:", "class-3, class-2, class-1", "class-3"), ("osaid: ", "conformant", "conformant")],
)
def test_a_require_with_no_level_after_the_colon_is_refused(
    spec: str, levels: str, entry: str
) -> None:
    """`--require mof:` passed as `--require mof` and printed `--require mof:\u200b:` (the
    zero-width space that breaks a `::` GitHub would read as a workflow command)."""
    result = run_osai("check", str(EXAMPLES / "pythia-70m.yml"), "--require", spec)
    name = spec.partition(":")[0]
    assert (result.code, result.stdout) == (2, "")
    assert result.stderr == (
        f"osai: error: --require {name}: names no level after ':' (levels: {levels}); "
        f"--require {name} alone asks for {entry}\n"
    )


def test_one_bad_target_does_not_stop_the_others(tmp_path: Path) -> None:
    result = run_osai("check", str(EXAMPLES / "pythia-70m.yml"), str(tmp_path / "nope.yml"))
    assert result.code == 2
    assert "pythia-70m.yml" in result.stdout and "✔ conformant" in result.stdout  # the summary
    assert "nope.yml: error: no such file" in result.stdout  # said once: not on stderr too
    assert "nope.yml" not in result.stderr


def test_never_writes_a_report_over_the_input(tmp_path: Path) -> None:
    manifest = tmp_path / "m.yml"
    manifest.write_text(PYTHIA)
    result = run_osai("check", str(manifest), "-o", f"json={manifest}")
    assert result.code == 2
    assert manifest.read_text() == PYTHIA


@pytest.mark.parametrize("name", ["report.json", "report.sarif", "report.xml", "report.md"])
def test_a_report_written_into_the_directory_checked_is_replaced_by_the_next(
    tmp_path: Path, name: str
) -> None:
    """`osai check . -o report.sarif`, run twice in a model's repository, refused the second
    time ("refusing to write over an input"): its own report of the first run had become a file
    of the directory checked.  A report osai wrote is replaced, as any tool replaces its own;
    any other file there, and one a user wrote under that name, is still never written over."""
    model = tmp_path / "model"
    shutil.copytree(EXAMPLES / "tiny-model", model)
    first = run_osai("check", ".", "-o", name, cwd=model)
    assert first.code == 0, first.stderr
    written = (model / name).read_bytes()
    assert written_by_osai(written[:HEAD_BYTES])
    (model / name).write_bytes(b"stale " + written)  # no longer opens as osai's own
    refused = run_osai("check", ".", "-o", name, cwd=model)
    assert (refused.code, refused.stderr) == (
        2,
        f"osai: error: -o {name}: refusing to write over an input ({name})\n",
    )
    (model / name).write_bytes(written)
    again = run_osai("check", ".", "-o", name, cwd=model)
    assert (again.code, again.stderr) == (0, f"osai: wrote {name}\n")
    # the second run's report, not the first's: the same verdicts, read again
    assert written_by_osai((model / name).read_bytes()[:HEAD_BYTES])
    assert report_of_osai((model / name).read_bytes())


@pytest.mark.parametrize("name", ["results.json", "README.md"])
def test_a_report_written_into_the_directory_checked_is_no_evidence_of_the_model(
    tmp_path: Path, name: str
) -> None:
    """`osai check . -o results.json`, then `osai check .`: the second read the first's report
    as the model's evaluation results (present, at results.json); `-o README.md` in a directory
    with no card, as its model card.  A report osai wrote is passed over, with a note, and the
    next run's replaces it."""
    model = tmp_path / "model"
    shutil.copytree(EXAMPLES / "tiny-model", model)
    (model / "README.md").unlink()
    before = run_osai("check", ".", "--format", "json", cwd=model)
    assert run_osai("check", ".", "-o", name, cwd=model).code == 0
    after = run_osai("check", ".", "--format", "json", cwd=model)
    (target,) = json.loads(after.stdout)["targets"]
    notes = [f["message"] for f in target["findings"] if f["kind"] == "note"]
    assert f"{name}: a report osai wrote; not read as the model's evidence" in notes
    assert name not in json.dumps(target["components"])
    (earlier,) = json.loads(before.stdout)["targets"]
    assert target["frameworks"] == earlier["frameworks"]  # the same verdicts, on the same files
    again = run_osai("check", ".", "-o", name, cwd=model)
    assert (again.code, again.stderr) == (0, f"osai: wrote {name}\n")


def test_a_report_too_large_to_read_whole_is_still_osais_both_ways(tmp_path: Path) -> None:
    """A JSON report of 45 targets (2.3 MB, past WHOLE_BYTES) written into a model's directory
    was read back as the model's evaluation results ("Evaluation results ✔ Apache-2.0
    results.json"), while the next `-o` replaced it as osai's: reading told by the whole file
    and gave up on a large one, writing by its opening.  One test now, shared: a file too large
    to read whole that opens as osai's is osai's, passed over and replaced."""
    models = []
    for number in range(45):
        models.append(tmp_path / f"m{number}")
        shutil.copytree(EXAMPLES / "tiny-model", models[-1])
    model = tmp_path / "model"
    shutil.copytree(EXAMPLES / "tiny-model", model)
    (model / "README.md").unlink()
    before = run_osai("check", str(model), "--format", "json")
    report = model / "results.json"
    written = run_osai("check", *map(str, models), "--format", "json", "-o", str(report))
    assert written.code == 0, written.stderr
    assert report.stat().st_size > WHOLE_BYTES  # else the test tells nothing
    after = run_osai("check", str(model), "--format", "json")
    (target,) = json.loads(after.stdout)["targets"]
    notes = [f["message"] for f in target["findings"] if f["kind"] == "note"]
    assert "results.json: a report osai wrote; not read as the model's evidence" in notes
    assert "results.json" not in json.dumps(target["components"])
    (earlier,) = json.loads(before.stdout)["targets"]
    assert target["frameworks"] == earlier["frameworks"]
    again = run_osai("check", str(model), "--format", "json", "-o", str(report))
    assert (again.code, again.stderr) == (0, f"osai: wrote {report}\n")


def test_a_file_passed_over_as_osais_is_replaced_and_one_read_as_evidence_is_kept(
    tmp_path: Path,
) -> None:
    """Writing told osai's report by its first line, reading by the whole file: results.json
    opening as osai's report with the user's "accuracy" inside was read as the model's
    evaluation results, and `-o results.json` wrote over it as osai's own."""
    model = tmp_path / "model"
    shutil.copytree(EXAMPLES / "tiny-model", model)
    assert run_osai("check", ".", "-o", "results.json", cwd=model).code == 0
    report = json.loads((model / "results.json").read_text())
    mine = json.dumps({**report, "accuracy": 0.9}).encode()
    (model / "results.json").write_bytes(mine)
    refused = run_osai("check", ".", "-o", "results.json", cwd=model)
    assert (refused.code, refused.stderr) == (
        2,
        "osai: error: -o results.json: refusing to write over an input (results.json)\n",
    )
    assert (model / "results.json").read_bytes() == mine


LLAMA_2 = (
    "LLAMA 2 COMMUNITY LICENSE AGREEMENT\nLlama 2 Version Release Date: July 18, 2023\n\n"
    '"Agreement" means the terms and conditions for use, reproduction, distribution and '
    "modification of the Llama Materials set forth herein.\n\nv. You will not use the Llama "
    "Materials or any output or results of the Llama Materials to improve any other large "
    "language model (excluding Llama 2 or derivative works thereof).\n"
)


@pytest.mark.parametrize(
    "opening",
    ["", "# osai openness report\n\n", "# osai openness report\n\n1 target checked.\n\n"],
)
def test_a_licence_opening_as_osais_report_is_read_as_the_licence(
    tmp_path: Path, opening: str
) -> None:
    """`LICENSE.md` opening "# osai openness report" over the Llama 2 licence was passed over as
    a report osai wrote: `--require mof:class-3` passed on the card's Apache-2.0, where the
    licence alone fails it.  A licence file is read whatever it opens with."""
    model = tmp_path / "model"
    shutil.copytree(EXAMPLES / "tiny-model", model)
    (model / "LICENSE").unlink()
    (model / "LICENSE.md").write_text(opening + LLAMA_2)
    result = run_osai("check", str(model), "--require", "mof:class-3", "--format", "json")
    assert result.code == 1, result.stderr
    (target,) = json.loads(result.stdout)["targets"]
    assert "LICENSE.md: a report osai wrote" not in json.dumps(target["findings"])


def test_a_file_is_osais_report_by_the_whole_of_it(tmp_path: Path) -> None:
    """A card or evaluation results opening as osai's report, with anything else below or
    inside, is the model's evidence, not a report passed over: its first line alone told it."""
    model = tmp_path / "model"
    shutil.copytree(EXAMPLES / "tiny-model", model)
    assert run_osai("check", ".", "-o", "results.json", "-o", "r.md", cwd=model).code == 0
    report = json.loads((model / "results.json").read_text())
    markdown = (model / "r.md").read_bytes()
    assert report_of_osai(markdown)
    assert not report_of_osai(b"# osai openness report\n\n" + LLAMA_2.encode())
    assert not report_of_osai(b"# osai openness report\n\n" + markdown)
    assert not report_of_osai(json.dumps({**report, "accuracy": 0.9}).encode())
    assert not report_of_osai((model / "results.json").read_bytes() + b"{}")


@pytest.mark.parametrize("name", ["report.sarif", "osai.json", "records/osai.md"])
def test_a_file_no_rule_reads_is_not_opened_to_tell_whether_osai_wrote_it(
    tmp_path: Path, name: str
) -> None:
    """The walk opened every .json/.md/.sarif/.xml file it met to tell whether osai wrote it: a
    directory of 100,000 JSON records took seconds longer to check, for files no rule reads
    (rules/detection.yaml).  A report under such a name is listed as any file, and judged as
    none: no note, the same verdicts; one under a name read (results.json, README.md) is still
    told apart (the test above)."""
    model = tmp_path / "model"
    shutil.copytree(EXAMPLES / "tiny-model", model)
    before = run_osai("check", ".", "--format", "json", cwd=model)
    (model / name).parent.mkdir(exist_ok=True)
    assert run_osai("check", ".", "-o", name, cwd=model).code == 0
    assert written_by_osai((model / name).read_bytes()[:HEAD_BYTES])
    after = run_osai("check", ".", "--format", "json", cwd=model)
    (target,) = json.loads(after.stdout)["targets"]
    assert [f["message"] for f in target["findings"] if name in f["message"]] == []
    (earlier,) = json.loads(before.stdout)["targets"]
    assert target["frameworks"] == earlier["frameworks"]
    assert target["components"] == earlier["components"]


def test_a_report_in_the_directory_checked_with_another_name_is_not_replaced(
    tmp_path: Path,
) -> None:
    """A report is written in place: one hard-linked into the model's directory from a report a
    user keeps elsewhere (and edited) was replaced, and the kept one with it."""
    model = tmp_path / "model"
    shutil.copytree(EXAMPLES / "tiny-model", model)
    kept = tmp_path / "kept.json"
    assert run_osai("check", ".", "-o", str(kept), cwd=model).code == 0
    kept.write_bytes(kept.read_bytes() + b"\nmy notes\n")
    os.link(kept, model / "report.json")
    before = kept.read_bytes()
    result = run_osai("check", ".", "-o", "report.json", cwd=model)
    assert (result.code, result.stderr) == (
        2,
        "osai: error: -o report.json: refusing to write over an input (report.json)\n",
    )
    assert kept.read_bytes() == before


def test_a_bom_written_into_the_directory_checked_is_evidence_never_replaced(
    tmp_path: Path,
) -> None:
    """An AI BOM in a model's directory is read as its evidence: osai's own is an input too."""
    model = tmp_path / "model"
    shutil.copytree(EXAMPLES / "tiny-model", model)
    assert run_osai("check", ".", "-o", "bom.cdx.json", cwd=model).code == 0
    written = (model / "bom.cdx.json").read_bytes()
    again = run_osai("check", ".", "-o", "bom.cdx.json", cwd=model)
    assert (again.code, again.stderr) == (
        2,
        "osai: error: -o bom.cdx.json: refusing to write over an input (bom.cdx.json)\n",
    )
    assert (model / "bom.cdx.json").read_bytes() == written


def test_never_writes_a_report_over_the_configuration(tmp_path: Path) -> None:
    (tmp_path / "m.yml").write_text(PYTHIA)
    config = tmp_path / ".osai.yaml"
    config.write_text("targets: [m.yml]\n")
    result = run_osai("check", "-o", "json=.osai.yaml", cwd=tmp_path)
    assert result.code == 2
    assert config.read_text() == "targets: [m.yml]\n"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("a: " + "[" * 200 + "]" * 200 + "\n", "nested too deeply (more than 64 levels)"),
        ("framework: {}\nframework: {}\n", "duplicate key framework (line 2"),
        ("release:\n  date: 2026-02-30\n", "invalid YAML value"),
    ],
    ids=["deep", "duplicate-key", "impossible-date"],
)
def test_hostile_yaml(content: str, expected: str, tmp_path: Path) -> None:
    path = tmp_path / "m.yml"
    path.write_text(content)
    result = run_osai("check", str(path))
    assert result.code == 2
    assert expected in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("ending", ["\n", ""])
def test_yaml_left_open_is_said_at_the_end_with_where_it_began(ending: str, tmp_path: Path) -> None:
    """An unclosed `[` in a file of three lines was reported at "line 4, column 1", past its
    end: it is at the end of the file, and the sequence began on line 2."""
    path = tmp_path / "m.yml"
    path.write_text("name: x\ncomponents: [a,\n  b" + ending)
    result = run_osai("check", str(path))
    assert result.code == 2
    assert result.stderr == (
        f"osai: error: {path}:2: invalid YAML: did not find expected ',' or ']' at the end of the "
        "file (a flow sequence begun at line 2, column 13)\n"
    )


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (
            "release: {name: x, date: 2025-13-45}\n",
            "m.yml:1: release.date: invalid YAML value: month must be in 1..12",
        ),
        (
            "release:\n  name: x\n  components:\n    - {name: a, d: [1, 2026-02-30]}\n",
            "m.yml:4: release.components[0].d[1]: invalid YAML value: day is out of range for "
            "month",
        ),
        (
            "release:\n  name: x\n  2026-02-30: y\n",
            "m.yml:3: release.2026-02-30: invalid YAML value: day is out of range for month",
        ),
        # an explicit tag on a value it cannot be: PyYAML raised KeyError, IndexError and
        # AttributeError for these, and osai said "internal error" (exit 70)
        (
            "release:\n  name: x\n  date: !!timestamp 1\n",
            "m.yml:3: release.date: invalid YAML value: '1' is not a valid timestamp",
        ),
        (
            "release:\n  x: !!bool maybe\n",
            "m.yml:2: release.x: invalid YAML value: 'maybe' is not a valid bool",
        ),
        (
            "release:\n  x: !!int ''\n",
            "m.yml:2: release.x: invalid YAML value: '' is not a valid int",
        ),
    ],
    ids=["flow-mapping", "nested-list", "a-key", "timestamp-tag", "bool-tag", "int-tag"],
)
def test_a_bad_yaml_value_names_its_line_and_key(
    content: str, expected: str, tmp_path: Path
) -> None:
    """`date: 2025-13-45` said `m.yml: invalid YAML value: month must be in 1..12`: no line,
    no key, where the README promises both."""
    (tmp_path / "m.yml").write_text(content)
    result = run_osai("check", "m.yml", cwd=tmp_path)
    assert (result.code, result.stderr) == (2, f"osai: error: {expected}\n")


def _declaring_compute(value: str) -> str:
    """Pythia's manifest declaring its training compute as `value`, on FLOP_LINE."""
    return PYTHIA.replace(
        "release:\n", f"release:\n  declarations:\n    training_compute_flop: {value}\n", 1
    )


FLOP_LINE = PYTHIA[: PYTHIA.index("release:\n")].count("\n") + 3
FLOP = f"m.yml:{FLOP_LINE}: release.declarations.training_compute_flop"


@pytest.mark.parametrize(
    ("value", "said"),
    [
        ("{text: 1,000}", "1,000 inside {…} is 2 entries to YAML (1 and 000)"),
        ("[1,000]", "1,000 inside […] is 2 entries to YAML (1 and 000)"),
        (
            "{text: 12,500,000, note: x}",
            "12,500,000 inside {…} is 3 entries to YAML (12 and 500 and 000)",
        ),
    ],
)
def test_a_thousands_comma_in_braces_is_said_as_the_comma(
    value: str, said: str, tmp_path: Path
) -> None:
    """`training_compute_flop: {text: 1,000}` was blamed on the number beside the comma:
    "`text:` takes words in quotes, not the number 1" and "...training_compute_flop.0: unknown
    key" (YAML ends an entry at a comma inside {…}: `text: 1` and a key 000).  One line now
    says the comma, at the key's line."""
    (tmp_path / "m.yml").write_text(_declaring_compute(value))
    result = run_osai("check", "m.yml", cwd=tmp_path)
    digits = said.split(" ", 1)[0]
    assert (result.code, result.stderr) == (
        2,
        f"osai: error: {FLOP}: {said}: a comma there ends one; write {digits.replace(',', '')}"
        f", or '{digits}' for text\n",
    )


def test_a_thousands_comma_leaves_the_other_entries_problems_their_own(tmp_path: Path) -> None:
    """Only the entries a comma made of a number are said as that comma: a misspelt key
    beside `training_compute_flop: 1,000` in one {…} was hidden behind the comma's line."""
    (tmp_path / "m.yml").write_text(
        PYTHIA.replace(
            "release:\n",
            "release:\n  declarations: {training_compute_flop: 1,000, trainng_tokens: 5}\n",
            1,
        )
    )
    result = run_osai("check", "m.yml", cwd=tmp_path)
    comma, misspelt = result.stderr.splitlines()
    assert result.code == 2
    assert comma.endswith(
        "release.declarations: 1,000 inside {…} is 2 entries to YAML (1 and 000)"
        ": a comma there ends one; write 1000, or '1,000' for text"
    )
    assert "release.declarations.trainng_tokens: unknown declaration 'trainng_tokens'" in misspelt


def test_the_text_is_searched_for_thousands_commas_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Hostile input stays bounded: each entry of `[1,000,000,...]` searched its whole line
    again, so 100,000 commas on one line (400 kB, well under the size limit) took minutes
    to refuse; the text is searched once, and every split entry still found."""
    import re

    from osai import yamlsafe

    searches: list[str] = []

    class Counted:
        def __init__(self, pattern: re.Pattern[str]) -> None:
            self.pattern = pattern

        def search(self, text: str) -> re.Match[str] | None:
            searches.append(text)
            return self.pattern.search(text)

        def finditer(self, text: str) -> Iterator[re.Match[str]]:
            searches.append(text)
            return self.pattern.finditer(text)

    monkeypatch.setattr(yamlsafe, "_GROUPED_DIGITS", Counted(yamlsafe._GROUPED_DIGITS))
    text = "flops: [1" + ",000" * 500 + "]\n"
    document = yamlsafe.parse_yaml(text, Path("m.yml"))
    assert len(searches) == 1
    split = document.split_numbers[("flops",)]
    assert (split.line, split.parts) == (1, tuple(range(501)))


def test_numbers_listed_with_commas_are_no_thousands(tmp_path: Path) -> None:
    """`[1,2,3]` is three numbers, not a thousands separator: its problem is its own."""
    (tmp_path / "m.yml").write_text(_declaring_compute("[1,2,3]"))
    result = run_osai("check", "m.yml", cwd=tmp_path)
    assert (result.code, result.stderr) == (
        2,
        f"osai: error: {FLOP}: must be a number, e.g. 3.1e23\n",
    )


@pytest.mark.parametrize(
    ("value", "said"),
    [
        ("9" * 5000, "a number of 5,000 digits"),
        ("-1_" + "0" * 4999, "a number of 5,000 digits"),  # the sign and the `_` are no digits
        (
            "0x" + "f" * 3600,
            "a number of 3,600 hexadecimal digits is too long to read (at most 3,571)",
        ),
        (
            "!!int 0o" + "7" * 4800,
            "a number of 4,800 octal digits is too long to read (at most 4,761)",
        ),
        ("0b" + "1" * 15_000, "a number of 15,000 binary digits"),
        # YAML 1.1's 0-led octal: the 0 that says octal was counted as a digit
        ("0" + "7" * 4800, "a number of 4,800 octal digits is too long to read (at most 4,761)"),
    ],
    ids=["decimal", "signed-with-separators", "hexadecimal", "octal", "binary", "0-led-octal"],
)
def test_a_number_too_long_to_read_is_one_plain_line(value: str, said: str, tmp_path: Path) -> None:
    """A manifest whose training_compute_flop had 5,000 digits said Python's own words: "invalid
    YAML value: Exceeds the limit (4300 digits) for integer string conversion ...; use
    sys.set_int_max_str_digits() to increase the limit": advice for a programmer."""
    (tmp_path / "m.yml").write_text(_declaring_compute(value))
    result = run_osai("check", "m.yml", cwd=tmp_path)
    assert result.code == 2
    assert result.stderr.startswith(f"osai: error: {FLOP}: {said}")
    assert result.stderr.count("\n") == 1
    assert "sys." not in result.stderr and "invalid YAML" not in result.stderr


def test_a_number_as_long_as_python_reads_is_read(tmp_path: Path) -> None:
    """4,300 digits (Python's limit), with a sign and separators, in a card: read, no warning."""
    (tmp_path / "README.md").write_text(f"---\nlicense: mit\nx: +1_{'0' * 4299}\n---\n# m\n")
    result = run_osai("check", str(tmp_path))
    assert result.code in (0, 1), result.stderr
    assert "front matter" not in result.stdout


def test_a_number_past_the_largest_float_is_no_number_of_flop(tmp_path: Path) -> None:
    """400 digits, read as an integer, made `float()` overflow: "internal error: OverflowError"."""
    (tmp_path / "m.yml").write_text(_declaring_compute("1" + "0" * 400))
    result = run_osai("check", "m.yml", cwd=tmp_path)
    assert (result.code, result.stderr) == (
        2,
        f"osai: error: {FLOP}: must be a number, e.g. 3.1e23\n",
    )


@pytest.mark.parametrize(
    ("limit", "bound"), [("640", "640"), ("0", "4,300")], ids=["lowered", "unlimited"]
)
def test_the_number_bound_follows_pythons_own(limit: str, bound: str, tmp_path: Path) -> None:
    """PYTHONINTMAXSTRDIGITS lowers the bound; 0 (no limit) still has one: Python's default."""
    (tmp_path / "m.yml").write_text(_declaring_compute("9" * 5000))
    result = run_osai_process("check", "m.yml", cwd=tmp_path, env={"PYTHONINTMAXSTRDIGITS": limit})
    assert (result.code, result.stderr) == (
        2,
        f"osai: error: {FLOP}: a number of 5,000 digits is too long to read (at most {bound})\n",
    )


def test_a_card_s_number_too_long_is_a_plain_warning(tmp_path: Path) -> None:
    """The same in a model card's front matter (someone else's): a warning, the card read on.
    Valid YAML osai declines to read: it was called "invalid YAML front matter"."""
    (tmp_path / "README.md").write_text(f"---\nlicense: mit\nx: {'9' * 5000}\n---\n# m\n")
    result = run_osai("check", str(tmp_path))
    assert result.code in (0, 1), result.stderr
    said = " ".join(result.stdout.split())
    assert (
        "README.md: front matter not read (line 3: x: a number of 5,000 digits is too long" in said
    )
    assert "invalid" not in said
    assert "sys." not in said


def test_a_card_s_alias_bomb_is_said_as_front_matter_not_read(tmp_path: Path) -> None:
    """Valid YAML past osai's bounds (an alias bomb) in a card someone else wrote: it was said
    "invalid YAML front matter (line too many YAML aliases ...)", a line that was no line number
    and a verdict of invalid on valid YAML."""
    (tmp_path / "README.md").write_text(f"---\nlicense: mit\n{bomb()}---\n# m\n")
    result = run_osai("check", str(tmp_path))
    assert result.code in (0, 1), result.stderr
    said = " ".join(result.stdout.split())
    assert "README.md: front matter not read (too many YAML aliases (more than 100))" in said
    assert "invalid" not in said and "line too" not in said


def test_a_card_s_bad_front_matter_value_is_a_warning_at_its_file_line(tmp_path: Path) -> None:
    """A model card someone else wrote, `x: !!bool maybe` in its front matter: osai said
    "internal error: KeyError: 'maybe'".  Now a warning, at the card's own line (the front
    matter starts on line 2: the YAML's line 2 was said as line 2, one too few)."""
    (tmp_path / "README.md").write_text("---\nlicense: mit\nx: !!bool maybe\n---\n# m\n")
    result = run_osai("check", str(tmp_path))
    assert result.code in (0, 1), result.stderr
    said = " ".join(result.stdout.split())
    assert (
        "invalid YAML front matter (line 3: x: invalid YAML value: 'maybe' is not a valid" in said
    )


def test_a_special_file_is_refused() -> None:
    result = run_osai("check", "/dev/zero")
    assert result.code == 2
    assert "not a regular file" in result.stderr


def test_an_unknown_data_information_item(tmp_path: Path) -> None:
    path = tmp_path / "m.yml"
    path.write_text(PYTHIA.replace("    public_data_sources:", "    public_data_source:", 1))
    result = run_osai("check", str(path))
    assert result.code == 2
    assert "unknown data-information item 'public_data_source'" in result.stderr


def test_two_reports_to_one_file_are_refused(tmp_path: Path) -> None:
    out = tmp_path / "r.out"
    result = run_osai(
        "check", str(EXAMPLES / "pythia-70m.yml"), "-o", f"json={out}", "-o", f"sarif={out}"
    )
    assert result.code == 2
    assert "already the destination" in result.stderr


def test_never_writes_a_report_into_a_model_directory_target(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("---\nlicense: mit\n---\n# m\n")
    result = run_osai("check", str(tmp_path), "-o", f"json={tmp_path / 'README.md'}")
    assert result.code == 2
    assert (tmp_path / "README.md").read_text().startswith("---")


def test_an_added_framework_may_not_take_a_bundled_name(tmp_path: Path) -> None:
    clash = tmp_path / "fake-osaid.yaml"
    source = (Path(__file__).parent / "fixtures" / "frameworks" / "euaia-sketch.yaml").read_text()
    clash.write_text(source.replace("aliases: [eu-ai-act-sketch]", "aliases: [osi]"))
    result = run_osai("check", str(EXAMPLES / "pythia-70m.yml"), "--add-framework", str(clash))
    assert result.code == 2
    assert f"{clash}:7: aliases[0]: id or alias 'osi' is already framework 'osaid'" in (
        result.stderr
    )
    validated = run_osai("rules", "validate", str(clash))  # the command and the loader agree
    assert (validated.code, validated.stderr) == (2, result.stderr)


def test_an_alias_given_twice_is_refused_where_it_is(tmp_path: Path) -> None:
    """`aliases: [x, x]` validated: a framework file's author is told of the slip."""
    twice = tmp_path / "twice.yaml"
    source = (Path(__file__).parent / "fixtures" / "frameworks" / "euaia-sketch.yaml").read_text()
    twice.write_text(source.replace("aliases: [eu-ai-act-sketch]", "aliases: [sketch, sketch]"))
    validated = run_osai("rules", "validate", str(twice))
    assert (validated.code, validated.stderr) == (
        2,
        f"osai: error: {twice}:7: aliases: 'sketch' is given twice\n",
    )


def test_an_added_framework_may_not_take_a_bundled_short_name(tmp_path: Path) -> None:
    """An added framework with `short_name: OSAID` gave two "OSAID" rows in the headline, and
    `rules validate` called it valid."""
    clash = tmp_path / "also-osaid.yaml"
    source = (Path(__file__).parent / "fixtures" / "frameworks" / "euaia-sketch.yaml").read_text()
    clash.write_text(source.replace("short_name: EUAIA-sketch", "short_name: OSAID"))
    line = (
        f"osai: error: {clash}:9: short_name: short_name 'OSAID' is already framework "
        "'osaid' (osaid.yaml); choose another\n"
    )
    checked = run_osai("check", str(EXAMPLES / "pythia-70m.yml"), "--add-framework", str(clash))
    assert (checked.code, checked.stderr) == (2, line)
    validated = run_osai("rules", "validate", str(clash))
    assert (validated.code, validated.stderr) == (2, line)


def test_an_added_framework_may_not_take_a_bundled_requirement_id(tmp_path: Path) -> None:
    """A framework of one's own reusing EUAIA-ACCESS loaded: `osai rules explain EUAIA-ACCESS`
    showed the bundled rule, and a waiver or a SARIF rule of that id named either."""
    clash = tmp_path / "mine.yaml"
    source = (Path(__file__).parent / "fixtures" / "frameworks" / "euaia-sketch.yaml").read_text()
    clash.write_text(source.replace("id: EUAIA-PARAMETERS", "id: EUAIA-ACCESS", 1))
    line = source.splitlines().index("  - id: EUAIA-PARAMETERS") + 1
    said = (
        f"osai: error: {clash}:{line}: requirements[0].id: requirement id 'EUAIA-ACCESS' is "
        "already one of framework 'eu-ai-act' (eu-ai-act.yaml); choose another (a framework copied "
        "from another renames its requirements too)\n"
    )
    for command in (
        ("check", str(EXAMPLES / "pythia-70m.yml"), "--add-framework", str(clash)),
        ("rules", "explain", "EUAIA-ACCESS", "--add-framework", str(clash)),
        ("rules", "validate", str(clash)),
    ):
        result = run_osai(*command)
        assert (result.code, result.stderr) == (2, said)


def test_a_new_report_beside_a_directory_target_is_fine(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("---\nlicense: mit\n---\n# m\n")
    result = run_osai("check", ".", "-o", "sarif=osai.sarif", cwd=tmp_path)
    assert result.code == 0, result.stderr
    assert (tmp_path / "osai.sarif").exists()


def test_mot_is_not_a_framework_name_but_a_mode_of_mof() -> None:
    """`-f mot` ran MOF in its default mode, an easy trap next to `--mof-mode mot` (the Model
    Openness Tool's own reading): it is not a framework's name."""
    result = run_osai("check", str(EXAMPLES / "pythia-70m.yml"), "-f", "mot")
    assert (result.code, result.stdout) == (2, "")
    assert result.stderr == "osai: error: -f: unknown framework 'mot' (did you mean 'mof'?)\n"


@pytest.mark.parametrize("command", ["check", "init"])
@pytest.mark.parametrize("name", ["x" * 300, "{tmp}/" + "x" * 300, "a/" * 3000])
def test_a_name_too_long_for_a_file_is_bad_input_not_an_internal_error(
    command: str, name: str, tmp_path: Path
) -> None:
    """The system refuses to look such a name up (ENAMETOOLONG: a part over 255 bytes, or the
    whole over 4,096): it names no file, and is no Hub id either, so it is bad input like any
    target that names nothing."""
    result = run_osai(command, name.format(tmp=tmp_path))
    assert result.code == 2, result
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("osai: error: ") and "internal error" not in line
    assert "not a Hugging Face model id" in line
    assert len(line) < 1100


def test_a_web_address_python_cannot_parse_is_bad_input(tmp_path: Path) -> None:
    """`https://[oops/x/y` (an IPv6 host never closed): Python's URL parser raises on it, and
    osai said "internal error: ValueError: Invalid IPv6 URL", exit 70."""
    result = run_osai("check", "https://[oops/x/y", cwd=tmp_path)
    assert (result.code, result.stdout) == (2, "")
    assert result.stderr == (
        "osai: error: https://[oops/x/y: no such file or directory, and not a Hugging Face "
        "model id\n"
    )


def test_a_licence_link_python_cannot_parse_names_no_file(tmp_path: Path) -> None:
    """A card's `license_link: https://[oops/…` (an IPv6 host never closed), in a directory or
    anyone's Hub model: osai said "internal error: ValueError: Invalid IPv6 URL", exit 70."""
    card = "---\nlicense: other\nlicense_link: https://[oops/blob/main/LICENSE\n---\n# m\n"
    (tmp_path / "README.md").write_text(card)
    result = run_osai("check", ".", cwd=tmp_path)
    assert result.code in (0, 1), result.stderr
    assert result.stderr == ""


@pytest.mark.parametrize(
    ("name", "content", "said"),
    [
        (
            "report.json",
            '{"model": "pythia-70m", "components": 3}',
            "not an osai manifest (no framework: or release:) nor an AI BOM (no bomFormat or "
            "@context); its keys: model, components",
        ),
        # a BOM's mark misspelt was told it had none: "no bomFormat or @context"
        (
            "lower.cdx.json",
            '{"bomFormat": "cyclonedx", "specVersion": "1.6"}',
            "not an osai manifest (no framework: or release:) nor an AI BOM (its bomFormat "
            "('cyclonedx') is not 'CycloneDX'); its keys: bomFormat, specVersion",
        ),
        (
            "other.jsonld.json",
            '{"@context": "https://schema.org/", "@graph": []}',
            "not an osai manifest (no framework: or release:) nor an AI BOM (its @context is not "
            "SPDX 3's, https://spdx.org/rdf/3.0.1/spdx-context.jsonld); its keys: @context, @graph",
        ),
        (
            "notes.yml",
            "a: 1\nb: 2\nc: 3\nd: 4\n",
            "not an osai manifest (no framework: or release:); its keys: a, b, c, +1 more",
        ),
        # empty: a .json file may have been meant as a BOM ("not a manifest" alone)
        ("bom.cdx.json", "", "empty file, not a manifest nor an AI BOM"),
        ("empty.yml", "", "empty file, not a manifest"),
        # a key of no text was named by nothing: "its keys: "
        ("blank.yml", '"": 1\n', "not an osai manifest (no framework: or release:); its keys: ''"),
        (
            ".osai.yaml",
            "require: osaid\n",
            "an osai configuration, not a manifest: `osai check --config .osai.yaml` reads it",
        ),
    ],
)
def test_a_file_that_is_no_manifest_is_said_in_one_line(
    tmp_path: Path, name: str, content: str, said: str
) -> None:
    """A JSON file that is no AI BOM either (another tool's output), or an
    osai configuration, named as a target was told each of its keys is unknown and a
    manifest's framework: and release: missing, four lines for one mistake."""
    (tmp_path / name).write_text(content, encoding="utf-8")
    result = run_osai("check", name, cwd=tmp_path)
    assert (result.code, result.stdout) == (2, "")
    assert result.stderr == f"osai: error: {name}: {said}\n"


def test_a_pattern_no_shell_expanded_says_osai_does_not_expand_it(tmp_path: Path) -> None:
    """The GitHub Action passes its targets unglobbed: `examples/*.yml` read as one missing
    file, with no word of why."""
    result = run_osai("check", "models/*.yml", cwd=tmp_path)
    assert (result.code, result.stdout) == (2, "")
    assert result.stderr == (
        "osai: error: models/*.yml: no such file or directory, and not a Hugging Face model id "
        "(a pattern: osai does not expand it; list the files)\n"
    )


@pytest.mark.parametrize(
    ("target", "hint"),
    [
        ("EleutherAI/pythia-70m@nope", "osai check EleutherAI/pythia-70m --revision nope"),
        ("acme/m@release 2", "osai check acme/m --revision 'release 2'"),
        ("acme/m@ main", "osai check acme/m --revision main"),
        # a control character shown as a space, or a revision cut: no command naming a
        # revision that was not typed ("--revision 'x y'" for x\x01y), which a user copies
        ("acme/m@x\x01y", "with --revision"),
        ("acme/m@" + "a" * 200, "with --revision"),
    ],
)
def test_an_id_at_a_revision_says_how_a_revision_is_given(
    tmp_path: Path, target: str, hint: str
) -> None:
    """Reports and waivers name a model at a commit ID@REVISION, and so did a user: refused as
    no model id, with no word of --revision."""
    result = run_osai("check", target, cwd=tmp_path)
    assert (result.code, result.stdout) == (2, "")
    [line] = result.stderr.splitlines()
    assert line.startswith("osai: error: ")
    assert line.endswith(
        "no such file or directory, and not a Hugging Face model id (a revision is given apart"
        + (f": {hint})" if hint.startswith("osai check") else f", {hint})")
    )


@pytest.mark.parametrize(
    ("link", "said"),
    [
        ("/mnt/unmounted/run7", "a symbolic link to nothing (where it leads does not exist)"),
        ("final", "a symbolic link in a loop (Too many levels of symbolic links)"),
    ],
    ids=["to nothing", "loop"],
)
def test_a_symlink_that_leads_nowhere_is_never_taken_for_a_hub_id(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, link: str, said: str
) -> None:
    """`osai check ckpt/final`, a link to storage not mounted, was asked of the Hub as the model
    ckpt/final ('repository not found'; a link named like a real model would have checked that
    model instead): the entry is the user's, and the line says what it is."""
    monkeypatch.setenv("HF_ENDPOINT", "http://127.0.0.1:9")  # never the internet's Hub
    (tmp_path / "ckpt").mkdir()
    (tmp_path / "ckpt" / "final").symlink_to(link)
    result = run_osai("check", "ckpt/final", cwd=tmp_path)
    assert (result.code, result.stdout) == (2, "")
    assert result.stderr == f"osai: error: ckpt/final: {said}; nothing to read\n"


def test_a_path_through_a_symlink_that_leads_nowhere_is_never_taken_for_a_hub_id(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`osai check ckpt/final` where ckpt is the link to storage not mounted was still asked of
    the Hub as the model ckpt/final: the path is the user's as much as a link at its end is."""
    monkeypatch.setenv("HF_ENDPOINT", "http://127.0.0.1:9")  # never the internet's Hub
    (tmp_path / "ckpt").symlink_to("/mnt/unmounted/run7")
    result = run_osai("check", "ckpt/final", cwd=tmp_path)
    assert (result.code, result.stdout) == (2, "")
    assert result.stderr == (
        "osai: error: ckpt/final: ckpt is a symbolic link to nothing (where it leads does not "
        "exist); nothing to read\n"
    )


def test_a_mistyped_file_names_the_one_beside_it(tmp_path: Path) -> None:
    """`osai check modle.yml` beside model.yml said only "no such file or directory"."""
    (tmp_path / "models").mkdir()
    (tmp_path / "models" / "pythia-70m.yml").write_text(PYTHIA, encoding="utf-8")
    result = run_osai("check", "models/pythia-70n.yml", cwd=tmp_path)
    assert (result.code, result.stdout) == (2, "")
    assert result.stderr == (
        "osai: error: models/pythia-70n.yml: no such file or directory (did you mean "
        "'models/pythia-70m.yml'?), and not a Hugging Face model id\n"
    )
    far = run_osai("check", "models/bloom.yml", cwd=tmp_path)
    assert far.code == 2 and "did you mean" not in far.stderr


def test_compare_names_the_mof_mode_flag_given() -> None:
    result = run_osai(
        "compare", "osaid", "mof", "--model", str(EXAMPLES / "amber.yml"), "--mof-mode", "x"
    )
    assert result.code == 2
    assert result.stderr.startswith("osai: error: --mof-mode x: framework 'mof' has no mode 'x'")


def test_compare_refuses_an_empty_model_as_check_does() -> None:
    """`osai compare osaid mof --model "$MODEL"` with MODEL unset printed the table alone, exit 0,
    as if no model had been asked for; `osai check ""` says it names nothing."""
    result = run_osai("compare", "osaid", "mof", "--model", "")
    assert (result.code, result.stdout) == (2, "")
    assert result.stderr == "osai: error: an empty target names nothing (is a variable unset?)\n"
    moded = run_osai("compare", "osaid", "mof", "--model", "", "--mof-mode", "strict")
    assert (moded.code, moded.stderr) == (2, result.stderr)


@pytest.mark.parametrize(
    ("name", "content", "what"),
    [
        ("tiny-Q4_K_M.gguf", b"GGUF\x03\x00\x00\x00" + b"\x00" * 16, "weights file"),
        ("model.safetensors", b"\x08\x00\x00\x00\x00\x00\x00\x00{}      ", "weights file"),
        ("config.json", '{"architectures": ["GPTNeoXForCausalLM"]}\n', "model configuration"),
        ("generation_config.json", '{"bos_token_id": 0}\n', "training or generation configuration"),
        ("LICENSE", "MIT License\n\nCopyright (c) 2024: someone\n", "licence file"),
        # "a evaluation results": the kind's label, said as a model directory's
        ("results.json", '{"results": {"arc": 0.2}}\n', "evaluation results"),
    ],
    ids=["gguf", "safetensors", "config", "generation-config", "licence", "results"],
)
def test_a_file_of_a_model_s_directory_is_not_read_as_a_manifest(
    tmp_path: Path, name: str, content: str | bytes, what: str
) -> None:
    """`osai check model.gguf` (a GGUF downloaded alone), or a model directory's config.json or
    LICENSE, was read as a manifest: "binary file, not text", or four lines of schema errors
    ("framework: missing (required)", "architectures: unknown key").  One line says what the
    file is, and that osai checks the directory that holds it."""
    path = tmp_path / "model" / name
    path.parent.mkdir()
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    for args in (("check", str(path)), ("check", str(path.parent), "--manifest", str(path))):
        result = run_osai(*args)
        assert result.code == 2, result
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1, result.stderr
        assert lines[0].startswith("osai: error: ")
        assert lines[0].endswith(
            f" {path}: a model directory's {what}, not a manifest: check the directory that "
            f"holds it (osai check {path.parent})"
        )


def test_a_manifest_named_as_a_model_s_file_is_still_read_as_one(tmp_path: Path) -> None:
    """A manifest is known by its keys, whatever its name: one named config.json is checked."""
    path = tmp_path / "config.json"
    path.write_text(PYTHIA)
    assert run_osai("check", str(path)).code == 0


def test_a_training_config_s_name_that_is_not_yaml_keeps_its_yaml_error(tmp_path: Path) -> None:
    """A .yml osai cannot parse may be a manifest with a slip (pretrain.yml, a name detection
    takes for a training configuration): its YAML error is said, not its name's kind."""
    path = tmp_path / "pretrain.yml"
    path.write_text("release: [unclosed\n")
    result = run_osai("check", str(path))
    assert result.code == 2 and "invalid YAML" in result.stderr, result


def test_the_directory_a_model_s_file_is_in_is_offered_as_one_target(tmp_path: Path) -> None:
    """In a folder whose name has a space, `osai check "my model/config.json"` offered `osai
    check my model`, two targets (my, model) for a user who copies it: it is quoted."""
    path = tmp_path / "my model" / "config.json"
    path.parent.mkdir()
    path.write_text('{"architectures": ["GPTNeoXForCausalLM"]}\n')
    result = run_osai("check", "my model/config.json", cwd=tmp_path)
    assert result.code == 2, result
    assert result.stderr.rstrip().endswith("(osai check 'my model')"), result.stderr


@pytest.mark.parametrize("separator", ["\n", "\r", "\u2028"])
def test_a_name_with_a_line_break_is_one_error_line(separator: str, tmp_path: Path) -> None:
    """A file name holding a newline (a script's unquoted variable, a pasted list): its error
    read as two, `osai: error: a` and then `osai: error: b.yml: no such file…`, the first
    naming nothing; and a bad file so named was said twice over, on three lines."""
    missing = run_osai("check", f"a{separator}b.yml", cwd=tmp_path)
    assert (missing.code, missing.stdout) == (2, "")
    escaped = json.dumps(separator)[1:-1]
    assert missing.stderr == (
        f"osai: error: a{escaped}b.yml: no such file or directory, and not a Hugging Face "
        "model id\n"
    )
    (tmp_path / f"bad{separator}name.yml").write_text("release: [unclosed\n")
    bad = run_osai("check", f"bad{separator}name.yml", cwd=tmp_path)
    assert bad.code == 2
    (line,) = bad.stderr.splitlines()
    assert line.startswith(f"osai: error: bad{escaped}name.yml:1: invalid YAML")


def test_a_files_several_problems_are_still_one_line_each(tmp_path: Path) -> None:
    """Each problem of a file is its own error line (the lines a line break in a name must not
    add to)."""
    (tmp_path / "m.yml").write_text("framework: {}\nrelease: {}\nfoo: 1\nbar: 2\n")
    result = run_osai("check", "m.yml", cwd=tmp_path)
    assert result.code == 2
    lines = result.stderr.splitlines()
    assert len(lines) >= 3 and all(line.startswith("osai: error: m.yml:") for line in lines)
    assert any(line.endswith("foo: unknown key") for line in lines)
    assert any(line.endswith("bar: unknown key") for line in lines)


def test_a_summary_names_a_target_with_a_line_break_as_its_errors_do(tmp_path: Path) -> None:
    """Of several targets, the summary named `c\\nd.yml` as `c d.yml`, its error lines beside
    it as `c\\nd.yml`: two names for one file."""
    (tmp_path / "c\nd.yml").write_text("framework: {}\n")
    result = run_osai("check", "c\nd.yml", str(EXAMPLES / "pythia-70m.yml"), "-q", cwd=tmp_path)
    assert result.code == 2
    summary = [line for line in result.stdout.splitlines() if "✘ " in line]
    assert summary and all("c d.yml" not in line for line in summary), result.stdout
    assert any(line.startswith("  ✘ c\\nd.yml: error:") for line in summary), result.stdout


@pytest.mark.parametrize("zero", ["0", "0.0", "'0'"])
def test_no_flop_at_all_is_refused_not_taken_for_an_estimate(tmp_path: Path, zero: str) -> None:
    """`training_compute_flop: 0`, a placeholder, met the EU AI Act's "at most 10^25 FLOP": no
    model is trained with no compute (rules/components.yaml `positive`)."""
    (tmp_path / "m.yml").write_text(_declaring_compute(zero))
    result = run_osai("check", "m.yml", cwd=tmp_path)
    assert (result.code, result.stderr) == (
        2,
        f"osai: error: {FLOP}: must be more than 0, not 0 (give the estimate, or leave it out)\n",
    )


def test_a_negative_count_of_flop_is_said_as_below_zero(tmp_path: Path) -> None:
    """`training_compute_flop: -3e23` was told it "must be a number, e.g. 3.1e23": it is one."""
    (tmp_path / "m.yml").write_text(_declaring_compute("-3e23"))
    result = run_osai("check", "m.yml", cwd=tmp_path)
    assert (result.code, result.stderr) == (
        2,
        f"osai: error: {FLOP}: must be 0 or more, not -3e+23\n",
    )


def test_a_report_linked_from_outside_the_directory_is_not_opened(tmp_path: Path) -> None:
    """A symlinked file is read only if it resolves inside the directory checked: telling
    whether `results.json -> ../kept/results.json` was a report osai wrote opened the file
    outside (and passed it over as one).  It is listed as any link out of the directory is."""
    model, kept = tmp_path / "model", tmp_path / "kept"
    shutil.copytree(EXAMPLES / "tiny-model", model)
    kept.mkdir()
    assert run_osai("check", str(model), "-o", str(kept / "results.json")).code == 0
    (model / "results.json").symlink_to(kept / "results.json")
    result = run_osai("check", ".", "--format", "json", cwd=model)
    (target,) = json.loads(result.stdout)["targets"]
    assert not [f for f in target["findings"] if "a report osai wrote" in f["message"]]


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("examples\\pythia-70m.yml", "'examples/pythia-70m.yml'? paths here are written with /"),
        ("examples\\pythia-70m.yaml", "'examples/pythia-70m.yml'?"),
    ],
)
def test_a_windows_path_names_the_path_written_with_slashes(
    written: str, meant: str, tmp_path: Path
) -> None:
    """`osai check examples\\pythia-70m.yml`, pasted from a Windows guide, was "no such file or
    directory, and not a Hugging Face model id", naming nothing near: a path here is written
    with /, and the error now names it so, as it names a misspelt one."""
    (tmp_path / "examples").mkdir()
    shutil.copy(EXAMPLES / "pythia-70m.yml", tmp_path / "examples")
    result = run_osai("check", written, cwd=tmp_path)
    assert (result.code, result.stdout) == (2, "")
    assert result.stderr == (
        f"osai: error: {written}: no such file or directory (did you mean {meant}), and not a "
        "Hugging Face model id\n"
    )


@pytest.mark.parametrize("written", ["C:\\models\\m.yml", "C:/models/m.yml"])
def test_a_target_on_a_windows_drive_is_said_to_be_one(written: str, tmp_path: Path) -> None:
    """`C:\\models\\m.yml` is no file here, nor is `C:/models/m.yml` (a folder named `C:`):
    said to be a Windows path, never offered written with / nor read from a folder `C:` (the
    `/` spelling was "no such file or directory", no word of the drive)."""
    if os.sep != "/":
        pytest.skip("a backslash separates paths here")
    (tmp_path / "C:" / "models").mkdir(parents=True)
    shutil.copy(EXAMPLES / "pythia-70m.yml", tmp_path / "C:" / "models" / "m.yml")
    result = run_osai("check", written, cwd=tmp_path)
    assert (result.code, result.stdout) == (2, "")
    assert result.stderr == (
        f"osai: error: {written}: a Windows path on drive C:, which names no file here: give "
        "its path on this system\n"
    )


@pytest.mark.parametrize(
    ("args", "config", "said"),
    [
        (
            ("-o", "sarif=reports\\osai.sarif"),
            "",
            "-o sarif=reports\\osai.sarif: paths here are written with / "
            "(-o sarif=reports/osai.sarif)",
        ),
        (
            ("-o", "reports\\osai.sarif"),
            "",
            "-o reports\\osai.sarif: paths here are written with / (-o reports/osai.sarif)",
        ),
        # a drive's path: `-o json=C:/out/o.json` was the suggestion, a folder named `C:` here
        (
            ("-o", "json=C:\\out\\o.json"),
            "",
            "-o json=C:\\out\\o.json: a Windows path on drive C:, which names no file here: "
            "give its path on this system",
        ),
        (
            ("-o", "c:\\o.sarif"),
            "",
            "-o c:\\o.sarif: a Windows path on drive c:, which names no file here: give its "
            "path on this system",
        ),
        # with / too: `-o C:/out/o.json` wrote ./C:/out/o.json and said "wrote C:/out/o.json"
        (
            ("-o", "C:/out/o.json"),
            "",
            "-o C:/out/o.json: a Windows path on drive C:, which names no file here: give its "
            "path on this system",
        ),
        (
            (),
            "outputs:\n  - json=d:/out/o.json\n",
            ".osai.yaml:2: outputs[0]: -o json=d:/out/o.json: a Windows path on drive d:, which "
            "names no file here: give its path on this system",
        ),
        (
            (),
            "outputs:\n  - junit=reports\\osai.xml\n",
            ".osai.yaml:2: outputs[0]: -o junit=reports\\osai.xml: paths here are written "
            "with / (-o junit=reports/osai.xml)",
        ),
    ],
)
def test_an_output_path_written_as_on_windows_is_refused_as_a_target_is(
    args: tuple[str, ...], config: str, said: str, tmp_path: Path
) -> None:
    """`-o sarif=reports\\osai.sarif` on Linux wrote a file of that name, backslash and all, in
    the working directory, where the upload step found no `reports/osai.sarif`; a target or a
    baseline written so was refused, "paths here are written with /"."""
    if os.sep != "/":
        pytest.skip("a backslash separates paths here")
    (tmp_path / "reports").mkdir()
    shutil.copy(EXAMPLES / "pythia-70m.yml", tmp_path)
    if config:
        (tmp_path / ".osai.yaml").write_text(config, encoding="utf-8")
    result = run_osai("check", "pythia-70m.yml", *args, cwd=tmp_path)
    assert (result.code, result.stdout) == (2, "")
    assert result.stderr == f"osai: error: {said}\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["reports", "pythia-70m.yml", *([".osai.yaml"] if config else [])]
    )


def test_the_report_keys_osai_knows_are_its_schemas_properties() -> None:
    """REPORT_KEYS was a hand-written copy of the report schema's properties, tied by no test:
    a key added to the report and not to it made every report osai wrote 'not osai's'."""
    for keys, schema in ((REPORT_KEYS, "report"), (AUDIT_KEYS, "audit")):
        path = ROOT / "rules" / "schema" / f"{schema}.schema.json"
        assert keys == set(json.loads(path.read_text(encoding="utf-8"))["properties"]), schema


def test_o_never_writes_over_json_osai_cannot_read_whole_as_its_own(tmp_path: Path) -> None:
    """A file opening as osai's report that osai cannot read whole as one it wrote is kept: a
    user's data file cut short or claiming a newer schema was replaced, its own keys
    ("accuracy", "my_notes") unseen past the cut.  A report of osai's cut short is refused as
    well (the user deletes it): losing a file is worse than one refusal."""
    manifest = str(EXAMPLES / "pythia-70m.yml")
    whole = tmp_path / "r.json"
    assert run_osai("check", manifest, "--format", "json", "-o", str(whole)).code == 0
    data = whole.read_bytes()
    report = json.loads(data)
    opening = data[: data.index(b'"rules"')]
    kept = {
        "user-cut.json": opening + b'"accuracy": 0.93, "my_notes": "keep this',
        "user-newer.json": json.dumps(
            {"schema_version": "9.0", "tool": report["tool"], "my_dataset": [1, 2, 3]}
        ).encode(),
        "accuracy.json": json.dumps({**report, "accuracy": 0.9}).encode(),
        "more.json": data + b"{}",
        "cut.json": data[:3000],
    }
    for name, content in kept.items():
        path = tmp_path / name
        path.write_bytes(content)
        result = run_osai("check", manifest, "--format", "json", "-o", str(path))
        assert result.code == 2, (name, result.stderr)
        assert "a file osai did not write is there" in result.stderr
        assert path.read_bytes() == content, name
        assert not report_of_osai(content), name
    # and the whole report osai wrote is replaced, as always
    assert run_osai("check", manifest, "--format", "json", "-o", str(whole)).code == 0
