"""GitHub annotations as a CI run shows them: GitHub shows ten of each kind per step, so the
run's annotations are budgeted for the whole run, not for each target."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from clirunner import EXAMPLES, ROOT, run_osai

from osai.formatters import github
from osai.formatters.findings import error_location
from osai.report import View
from osai.run import CheckRequest, run_check

LLAMA = EXAMPLES / "llama-2-7b.yml"
PYTHIA = EXAMPLES / "pythia-70m.yml"
BLOOM = EXAMPLES / "bloom.yml"
NEOX = EXAMPLES / "gpt-neox-20b.yml"
FOUR = (LLAMA, PYTHIA, BLOOM, NEOX)
# a requirement's or a finding's annotation: `::KIND file=F,…,title=RULE (…)` or `title=osai …`
ANNOTATION = re.compile(r"^::(\w+) file=([^,:]+)(?:,line=\d+)?,title=(?:[A-Z0-9-]+ \(|osai )", re.M)
CLOSING = re.compile(r"^::notice title=osai::(\d+) targets?: (\d+) more (\w+?)s? not annotated")


@pytest.fixture(autouse=True)
def _in_repository_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # locations relative to the current directory, as in CI


def render(*targets: Path, **options: Any) -> str:
    request = CheckRequest(tuple(str(t) for t in targets), output_format="github", **options)
    return run_check(request).stdout


def shown(output: str) -> Counter[tuple[str, str]]:
    """The annotations by kind and target's file."""
    return Counter((kind, file) for kind, file in ANNOTATION.findall(output))


def test_the_run_shows_ten_of_each_kind_shared_out_across_its_targets() -> None:
    """Four targets gave 21 warnings and 10 notices (ten of each per target): GitHub showed the
    first ten of each, so BLOOM's and GPT-NeoX's were never seen, nor any pointer to the rest."""
    output = render(*FOUR)
    counts = shown(output)
    by_kind = Counter(kind for kind, _ in counts.elements())
    # the 8 verdict notices and the 2 closing notices fill GitHub's ten notices: a requirement's
    # notice would be past them, unseen, so none is given (the closing notice counts them)
    assert by_kind == {"warning": 10}, by_kind
    assert sum(line.startswith("::notice") for line in output.splitlines()) == 10
    # in turn: each target with warnings to give gets one before any gets a second
    warnings = {Path(file).name: n for (kind, file), n in counts.items() if kind == "warning"}
    assert warnings == {"llama-2-7b.yml": 5, "bloom.yml": 4, "gpt-neox-20b.yml": 1}, warnings


def test_one_closing_notice_per_kind_counts_what_was_left_out(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """No pointer per target: one notice per kind for the run, with how many more, of how many
    targets, and where to read them; shown and left out add up to every annotation."""
    output = render(*FOUR)
    assert "not annotated here" not in "".join(
        line for line in output.splitlines() if line.startswith("::notice file=")
    )
    closing = [m.groups() for line in output.splitlines() if (m := CLOSING.match(line))]
    assert [(kind, targets) for targets, _, kind in closing] == [("warning", "2"), ("notice", "4")]
    # first (no gate here): before the verdict notices, within the ten notices GitHub shows
    assert output.splitlines()[:2] == [line for line in output.splitlines() if CLOSING.match(line)]
    assert output.splitlines()[0].endswith(f"(see osai check {LLAMA} {BLOOM} -v)")
    left = {kind: int(n) for _, n, kind in closing}
    monkeypatch.setattr(github, "PER_KIND", 1000)
    every = Counter(kind for kind, _ in shown(render(*FOUR)).elements())
    assert every == {"warning": 10 + left["warning"], "notice": left["notice"]}


def test_the_closing_notices_name_the_full_report_when_one_is_written() -> None:
    output = render(*FOUR, view=View(full_report="osai.md"))
    closing = [line for line in output.splitlines() if CLOSING.match(line)]
    assert len(closing) == 2
    assert all(line.endswith("(see the full report: osai.md)") for line in closing), closing


def test_the_pointers_name_where_osai_full_report_says_the_report_is(tmp_path: Path) -> None:
    """In the GitHub Action the pointers said "see the full report: osai-summary.md", a file on
    the runner no reader opens: the Action says where the reader finds it (OSAI_FULL_REPORT,
    "the job summary"), and the pointers name that, not the file."""
    summary = tmp_path / "osai-summary.md"
    args = ("check", *map(str, FOUR), "-o", f"markdown={summary}", "--format", "github")
    told = run_osai(*args, env={"OSAI_FULL_REPORT": "the job summary"}).stdout
    closing = [line for line in told.splitlines() if CLOSING.match(line)]
    assert closing and all(
        line.endswith("(see the full report in the job summary)") for line in closing
    )
    assert "osai-summary.md" not in told
    one = run_osai(
        "check", str(LLAMA), "--format", "github", env={"OSAI_FULL_REPORT": "the job summary"}
    )
    assert "not annotated here (see the full report in the job summary)" in one.stdout
    untold = run_osai(*args).stdout  # run elsewhere, the file written is where it is
    assert f"(see the full report: {summary})" in untold


def test_the_closing_notices_name_a_text_report_only_when_it_is_whole(tmp_path: Path) -> None:
    """A text report of several targets is their summary table, unless -v: the annotations'
    "more warnings not annotated here" pointed to it as "the full report", where they are not."""
    report = tmp_path / "osai.txt"
    args = ("check", *map(str, FOUR), "-o", f"text={report}", "--format", "github")
    closing = [line for line in run_osai(*args).stdout.splitlines() if CLOSING.match(line)]
    assert closing and not [line for line in closing if "the full report" in line], closing
    assert "each target's verdicts" in report.read_text("utf-8")  # the summary's -v hint
    closing = [line for line in run_osai(*args, "-v").stdout.splitlines() if CLOSING.match(line)]
    assert closing and all(line.endswith(f"(see the full report: {report})") for line in closing)


def test_one_target_keeps_ten_of_each_kind_and_its_own_pointer() -> None:
    """A run of one target is as it was: ten of each kind, and a pointer at the target, first
    (before its verdict notices: within the ten notices GitHub shows)."""
    output = render(LLAMA)
    assert Counter(kind for kind, _ in shown(output).elements()) == {"warning": 10, "notice": 5}
    assert output.splitlines()[0] == (
        f"::notice file={LLAMA.relative_to(ROOT)},title=osai::{LLAMA}: "
        f"15 more warnings not annotated here (see osai check {LLAMA} -v)"
    )


def test_the_pointer_s_command_quotes_a_target_whose_path_has_blanks(tmp_path: Path) -> None:
    """A target in `release train/` was pointed to as `osai check release train/llama.yml -v`:
    copied into a shell, that checks `release` and `train/llama.yml`, neither of them there."""
    spaced = tmp_path / "release train" / "llama.yml"
    spaced.parent.mkdir()
    spaced.write_bytes(LLAMA.read_bytes())
    first = render(spaced).splitlines()[0]
    assert first.endswith(f"(see osai check '{spaced}' -v)"), first


def test_under_a_gate_the_closing_notices_follow_the_gate_and_come_before_the_verdicts() -> None:
    """The gate's failures first, then where the rest is, then the gates met: a closing notice
    after the verdict notices (8 here) fell past the ten GitHub shows."""
    output = render(*FOUR, require=("osaid",)).splitlines()
    # the run's gate, in one line, first (several targets share it)
    assert output[0].startswith("::error title=osai gate::gate FAIL: "), output[0]
    output = output[1:]
    failed = [i for i, line in enumerate(output) if line.startswith("::error file=")]
    met = [i for i, line in enumerate(output) if "title=policy " in line and i not in failed]
    closing = [i for i, line in enumerate(output) if CLOSING.match(line)]
    verdicts = [
        i for i, line in enumerate(output) if re.match(r"::notice file=[^:]*,title=[^:]*%3A ", line)
    ]
    gate = failed[: len(FOUR) - len(met)]
    assert gate == list(range(len(gate))) and met, output[:6]
    assert all("title=policy " in output[i] for i in gate)
    kinds = [m.group(3) for line in output if (m := CLOSING.match(line))]
    assert kinds == ["error", "warning", "notice"], kinds
    assert closing == [len(gate), len(gate) + 1, len(gate) + 2], output[:8]
    assert met == list(range(len(gate) + 3, len(FOUR) + 3)), output[:8]
    assert verdicts and min(verdicts) > max(met)


def test_the_first_annotation_states_the_run_s_worst_gate() -> None:
    """Amber NOT PROVEN (inferred evidence) and Llama 2 FAIL: in target order the first line was
    Amber's NOT PROVEN, though the run's verdict (and the other reports' gate) was FAIL."""
    result = run_osai(
        "check", str(EXAMPLES / "amber.yml"), str(LLAMA), "--require", "osaid", "--format", "github"
    )
    assert result.code == 1, result.stderr
    gate = [line for line in result.stdout.splitlines() if "title=policy " in line]
    assert "llama-2-7b.yml: --require osaid not met" in gate[0], gate
    assert "amber.yml: --require osaid not proven" in gate[1], gate
    # the run's gate in one line, FAIL first, then the worst policy line
    first, second = result.stdout.splitlines()[:2]
    assert first.startswith("::error title=osai gate::gate FAIL: "), first
    assert first.index("llama-2-7b.yml") < first.index("NOT PROVEN: ") < first.index("amber.yml")
    assert second == gate[0]


def test_the_pointers_stay_among_the_ten_notices_when_many_targets_pass_the_gate(
    tmp_path: Path,
) -> None:
    """Ten models passed the gate and two failed it: the ten gates met were the ten notices
    GitHub shows, and the notice saying where the failures' other errors are came eleventh,
    unseen.  The pointers come before the gates met (the failed gates' errors still first)."""
    passing = []
    for n in range(10):
        copy = tmp_path / f"amber-{n:02}.yml"
        copy.write_bytes((EXAMPLES / "amber.yml").read_bytes())
        passing.append(copy)
    output = render(*passing, LLAMA, BLOOM, require=("mof:class-3",)).splitlines()
    notices = [line for line in output if line.startswith("::notice")]
    closing = [line for line in notices if CLOSING.match(line)]
    assert closing and all(notices.index(line) < 10 for line in closing), notices[:12]
    met = [line for line in notices if "title=policy " in line]
    assert len(met) == 10
    failed = [i for i, line in enumerate(output) if line.startswith("::error")]
    assert failed[:2] == [0, 1], output[:3]  # the failed gates first, as ever


def test_the_failed_gates_and_unchecked_targets_count_in_github_s_ten_errors(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A failed gate and a target that could not be checked are error annotations too, given
    before the requirements' errors: two failed gates, one unchecked target and ten unmet
    requirements were 13 errors, GitHub showed the first ten, and the closing notice counted
    none of the three it did not show."""
    missing = ROOT / "no-such-model.yml"
    output = render(*FOUR, missing, require=("osaid",)).splitlines()
    before = [line for line in output if line.startswith("::error") and "title=osai::" in line]
    gates = [line for line in output if line.startswith("::error") and "title=policy " in line]
    assert len(before) == 1 and len(gates) == 2, output[:8]
    assert sum(line.startswith("::error") for line in output) == 10
    (left,) = [
        int(m.group(2)) for line in output if (m := CLOSING.match(line)) and m.group(3) == "error"
    ]
    shown_errors = sum(n for (kind, _), n in shown("\n".join(output)).items() if kind == "error")
    monkeypatch.setattr(github, "PER_KIND", 1000)
    every = shown(render(*FOUR, missing, require=("osaid",)))
    assert shown_errors + left == sum(n for (kind, _), n in every.items() if kind == "error")


def test_a_target_that_could_not_be_checked_is_among_the_ten_errors_github_shows(
    tmp_path: Path,
) -> None:
    """Eleven models failing the gate and one manifest missing: the eleven gate errors came
    first, the missing manifest's error twelfth, and GitHub, which shows ten errors a step,
    never showed why the run exited 2.  A target that could not be checked comes first: its
    exit code is the run's (2 over 1), as the first line is."""
    failing = []
    for n in range(11):
        copy = tmp_path / f"llama-{n:02}.yml"
        copy.write_bytes(LLAMA.read_bytes())
        failing.append(copy)
    missing = tmp_path / "missing.yml"
    result = run_osai(
        "check", *map(str, (*failing, missing)), "--require", "osaid", "--format", "github"
    )
    assert result.code == 2, result.stderr
    errors = [line for line in result.stdout.splitlines() if line.startswith("::error")]
    # the run's gate in one line names it first; then its own error, then the policies'
    assert errors[0].startswith("::error title=osai gate::gate not checked: "), errors[0]
    assert "missing.yml: no such file" in errors[1], errors[:2]
    gates = [line for line in errors if "title=policy " in line]
    assert len(gates) == 11 and errors[2:13] == gates, errors[:13]


def test_several_targets_annotate_the_run_s_gate_first_in_one_line(tmp_path: Path) -> None:
    """45 targets failing gave 90 policy errors, of which GitHub shows ten: no annotation said
    how the run went as a whole (standard error's "gate FAIL: …; PASS: …" when the reports go
    to files).  It comes first, of the kind of the run's worst; one target gets none (its
    policy lines say it)."""
    failing = []
    for n in range(12):
        copy = tmp_path / f"llama-{n:02}.yml"
        copy.write_bytes(LLAMA.read_bytes())
        failing.append(copy)
    output = render(*failing[:9], PYTHIA, require=("osaid",)).splitlines()
    assert output[0] == (
        f"::error title=osai gate::gate FAIL: {failing[0]}, {failing[1]}, {failing[2]}, "
        "+6 more; PASS: 1 target"
    )
    assert render(PYTHIA, NEOX, require=("osaid",)).splitlines()[0] == (
        "::notice title=osai gate::gate PASS: 2 targets"
    )
    assert "title=osai gate" not in render(LLAMA, require=("osaid",))
    assert "title=osai gate" not in render(LLAMA, PYTHIA)  # no gate


def test_a_gate_whose_errors_github_cannot_all_show_says_where_they_are(tmp_path: Path) -> None:
    """Twelve models failing the gate were thirteen errors (the gate's, then a policy's each),
    never left out: GitHub showed the first ten, three targets' FAIL was unseen, and the gate's
    "+9 more" named none of them nor where to look.  Past ten, the gate says so and points to
    the full report; at ten, it says nothing more."""
    failing = []
    for n in range(12):
        copy = tmp_path / f"llama-{n:02}.yml"
        copy.write_bytes(LLAMA.read_bytes())
        failing.append(copy)
    view = View(full_report_in="the job summary")
    output = render(*failing, PYTHIA, require=("osaid",), view=view).splitlines()
    assert sum(line.startswith("::error") and "title=policy " in line for line in output) == 12
    assert output[0] == (
        f"::error title=osai gate::gate FAIL: {failing[0]}, {failing[1]}, {failing[2]}, "
        "+9 more; PASS: 1 target (13 errors, GitHub shows the first 10: see the full report "
        "in the job summary)"
    )
    bare = render(*failing[:2], require=("osaid",)).splitlines()[0]  # no report: its command
    assert bare.endswith(f"{failing[0]}, {failing[1]}")
    nine = render(*failing[:9], require=("osaid",)).splitlines()[0]  # ten errors: all shown
    assert "GitHub shows" not in nine
    ten = render(*failing[:10], require=("osaid",)).splitlines()[0]
    command = " ".join(map(str, failing[:10]))
    assert ten.endswith(f"(11 errors, GitHub shows the first 10: see osai check {command} -v)")


# eleven policies Llama 2 fails: OSAID, MOF's three classes, the EU exemption, six EOSAI scores
ELEVEN = (
    "osaid", "mof:class-1", "mof:class-2", "mof:class-3", "eu-ai-act:exempt",
    *(f"eosai:0.{n}" for n in range(9, 3, -1)),
)  # fmt: skip


def test_one_target_failing_more_policies_than_github_shows_leads_with_the_gate() -> None:
    """One target's policy lines said its gate, and no gate line came first: failing eleven
    policies, it gave eleven errors, of which GitHub showed ten, and nothing said the eleventh
    (eosai:0.4 not proven) was there, nor where to read it.  Past ten, the gate comes first for
    one target too; at ten, its policy lines are all shown and say it."""
    output = render(LLAMA, require=ELEVEN).splitlines()
    errors = [line for line in output if line.startswith("::error")]
    assert errors[0] == (
        f"::error title=osai gate::gate FAIL: {LLAMA} (12 errors, GitHub shows the first 10: "
        f"see osai check {LLAMA} -v)"
    )
    assert output[0] == errors[0]
    assert sum("title=policy " in line for line in errors) == 11
    ten = render(LLAMA, require=ELEVEN[:10])
    assert "title=osai gate" not in ten
    assert sum(line.startswith("::error") for line in ten.splitlines()[:10]) == 10


def test_a_run_s_gate_passed_by_waiver_is_no_error() -> None:
    """examples/ci/.osai.yaml as the action runs it: GPT-NeoX-20B passes mof:class-2 by its
    waiver, Pythia outright, and osai exits 0; the run's gate came first as an ::error, a red
    annotation on a green step, where the waived pass of one target is a notice as its policy
    line is."""
    from osai.config import Waiver

    waivers = (Waiver("MOF-C2-EVALUATION-DATA", "public benchmarks"),)
    output = render(NEOX, PYTHIA, require=("mof:class-2",), waivers=waivers).splitlines()
    assert output[0] == (f"::notice title=osai gate::gate PASS (waived): {NEOX}; PASS: 1 target"), (
        output[0]
    )
    assert not [line for line in output if line.startswith("::error")]


def test_the_verdict_notice_names_what_was_waived_and_where_its_waiver_is() -> None:
    """A waived requirement is never annotated, and the verdict notice said "1 waived" only: a
    reviewer saw the gate pass by a waiver and neither which requirement nor why.  The notice
    names it by id and says where its reason, approver and expiry are (the full report: the
    README said each waived result was a warning annotation, as SARIF's are)."""
    from osai.config import Waiver

    waivers = (Waiver("MOF-C2-EVALUATION-DATA", "public benchmarks", approved_by="r@x"),)
    view = View(full_report_in="the job summary")
    output = render(NEOX, PYTHIA, require=("mof:class-2",), waivers=waivers, view=view)
    (mof,) = [line for line in output.splitlines() if f"::{NEOX}: Class III" in line]
    assert mof.endswith(
        "; waived MOF-C2-EVALUATION-DATA (its waiver's reason, approver and expiry: see the full"
        " report in the job summary)"
    )
    assert "MOF-C2-EVALUATION-DATA (" not in output.replace(mof, "")  # not annotated
    unwaived = render(NEOX, PYTHIA, require=("mof:class-2",))
    assert "; waived " not in unwaived and "waiver's" not in unwaived
    alone = render(NEOX, waivers=waivers)  # no report written: the command that prints it
    said = "waived MOF-C2-EVALUATION-DATA (its waiver's reason, approver and expiry: see"
    assert f"{said} osai check {NEOX} -v)" in alone


def test_a_pointer_naming_many_targets_in_deep_directories_stays_whole(tmp_path: Path) -> None:
    """50 targets in deep directories made the closing pointer's command 6,000 characters, past
    the 4,096 GitHub shows of a message: its end, `-v`, was cut off.  A command that long is
    described instead."""
    deep = tmp_path / ("a-directory-with-a-long-name/" * 4)
    deep.mkdir(parents=True)
    targets = []
    for n in range(50):
        copy = deep / f"llama-2-7b-variant-{n:02}.yml"
        copy.write_bytes(LLAMA.read_bytes())
        targets.append(copy)
    output = render(*targets, require=("osaid",)).splitlines()
    closing = [line for line in output if CLOSING.match(line)]
    assert closing, output[:5]
    assert all(len(line) < 1500 for line in output if line.startswith("::notice")), max(
        len(line) for line in output
    )
    assert any("this run's osai check with -v" in line for line in closing), closing


def test_a_manifest_that_could_not_be_checked_is_annotated_at_the_line_its_error_names(
    tmp_path: Path,
) -> None:
    """`bad.yml:3: release.type: ...` was annotated on no file (`::error title=osai::...`): the
    pull request's diff did not show it where the line to mend is."""
    bad = tmp_path / "bad.yml"
    text = PYTHIA.read_text(encoding="utf-8").replace("type: language", "type: nope", 1)
    bad.write_text(text, encoding="utf-8")
    line = text.splitlines().index("  type: nope") + 1
    (error,) = [x for x in render(bad).splitlines() if x.startswith("::error")]
    assert error.startswith(f"::error file={bad},line={line},title=osai::{bad}:{line}: "), error
    # an error that names no line of a file (one it could not read) is on no file
    (missing,) = [x for x in render(tmp_path / "none.yml").splitlines() if x.startswith("::")]
    assert missing.startswith("::error title=osai::"), missing


def test_an_unchecked_manifest_whose_name_the_error_escapes_is_annotated_at_its_own_file(
    tmp_path: Path,
) -> None:
    """The error names `a\\nb.yml` (a line break in the name, escaped to stay one line): the
    annotation was at a file of that escaped name, which is not the manifest.  It is at the
    manifest, its line break %0A as GitHub reads a property; the error's words stay escaped."""
    bad = tmp_path / "a\nb.yml"
    bad.write_text("schema_version: 1\nrelease:\n  type: nope\n", encoding="utf-8")
    errors = [x for x in render(bad).splitlines() if x.startswith("::error")]
    real = str(bad).replace(":", "%3A").replace(",", "%2C").replace("\n", "%0A")
    assert errors, errors
    for error in errors:
        assert re.match(rf"::error file={re.escape(real)},line=\d+,title=osai::", error), error
        assert f"::{tmp_path}/a\\nb.yml:" in error, error


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("framework: [osaid\nrelease: {}\n", 2),  # where YAML found the problem
        ("release: [\n", 1),  # left open at the end: where it began, never past the end
        ("release:\n  name: x\n  name: y\n", 3),  # a duplicate key, at the second
    ],
)
def test_a_manifest_that_is_not_yaml_is_annotated_at_the_line_to_mend(
    tmp_path: Path, text: str, line: int
) -> None:
    """`m.yml: invalid YAML: ... (a flow sequence begun at line 1, column 12)` named its line
    in words only: the annotation was on no file, where every other problem of a manifest is
    at its line."""
    bad = tmp_path / "m.yml"
    bad.write_text(text, encoding="utf-8")
    (error,) = [x for x in render(bad).splitlines() if x.startswith("::error")]
    prefix = f"::error file={bad},line={line},title=osai::{bad}:{line}: invalid YAML: "
    assert error.startswith(prefix), error
    # no line past the file's end, in the words either ("a flow node begun at line 2")
    past = len(text.splitlines()) + 1
    assert f"line {past}," not in error, error


def test_a_directory_whose_manifest_could_not_be_checked_is_annotated_at_its_line(
    tmp_path: Path,
) -> None:
    """`osai check ./my-model --format github` (the README's CI step): its osai.yaml's error,
    `my-model/osai.yaml:3: release.type: ...`, was annotated on no file, as a manifest named
    as the target no longer was."""
    model = tmp_path / "my-model"
    model.mkdir()
    text = PYTHIA.read_text(encoding="utf-8").replace("type: language", "type: nope", 1)
    (model / "osai.yaml").write_text(text, encoding="utf-8")
    line = text.splitlines().index("  type: nope") + 1
    (error,) = [x for x in render(model).splitlines() if x.startswith("::error")]
    assert error.startswith(f"::error file={model / 'osai.yaml'},line={line},title=osai::"), error
    # the directory the run is in, and a Hub repository's manifest (no file of the run's)
    here = error_location(".", "osai.yaml:3: release.type: 'nope' is not one of ...")
    assert here is not None and here.line == 3 and here.path.endswith("osai.yaml")
    assert error_location("org/name", "osai.yaml:3: release.type: ...") is None
    assert error_location(".", "../osai.yaml:3: release.type: ...") is None


def _llama_fine_tune(tmp_path: Path) -> Path:
    """A model directory declaring Apache-2.0, a fine-tune of Llama 2 (license: at README.md:2)."""
    model = tmp_path / "m"
    model.mkdir()
    card = "---\nlicense: apache-2.0\nbase_model: meta-llama/Llama-2-7b-hf\n---\n# m\n"
    (model / "README.md").write_text(card, encoding="utf-8")
    (model / "model.safetensors").write_bytes(b"weights")
    return model


@pytest.mark.parametrize("annotate", [(), ("--annotate", "all")])
def test_a_requirement_failing_on_an_inherited_licence_is_annotated_at_the_declaring_line(
    linked_world: object, tmp_path: Path, annotate: tuple[str, ...]
) -> None:
    """Under --require with --follow, OSAID-PARAMETERS failing on the base model's Llama 2
    licence had no line= (its evidence is the base's Hub page), and the conflict saying why
    (the card's apache-2.0 against the base's licence) was dropped under the gate: the pull
    request showed an error on no line and no reason.  Both are at the card's license: line."""
    _llama_fine_tune(tmp_path)
    args = ("check", "m", "--follow", "--require", "osaid", "-o", "github=-", *annotate)
    result = run_osai(*args, cwd=tmp_path)
    assert result.code == 1, result.stderr
    lines = result.stdout.splitlines()
    failing = [line for line in lines if "title=OSAID-PARAMETERS " in line]
    assert [line.split("::")[1].split(",title=")[0] for line in failing] == [
        "error file=m/README.md,line=2"
    ]
    conflicts = [line for line in lines if "title=osai conflict" in line]
    assert len(conflicts) == 1 and conflicts[0].startswith(
        "::warning file=m/README.md,line=2,title=osai conflict::m: conflict: declared Apache-2.0"
    )
