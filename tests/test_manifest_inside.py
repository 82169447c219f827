"""A manifest found inside a target follows one rule, whichever backend found it.

Valid, it is merged with what is detected (declared facts fill what detection leaves unknown).
Invalid, a Hub repository's is not used, a warning finding says why, and the check goes on: a
manifest found there is evidence like the rest of it (possibly someone else's), not the user's
input.  A manifest the user names (a target, --manifest) is input: invalid, it is refused (exit
2); so is one in the user's own directory, with the same lines, unless it is an `osai init`
draft no one has reviewed (its first line says so), which is left out with a warning.
"""

from __future__ import annotations

import json
import re
import shutil
import time
from dataclasses import replace
from pathlib import Path

import pytest
from clirunner import EXAMPLES, run_osai
from loopback_hub import LoopbackHub

from osai.backends.hub import HubOptions
from osai.detection import compile_detection
from osai.errors import BadInput
from osai.evidence import FindingKind, Release
from osai.paths import rules_dir
from osai.rules import RuleSet, load_ruleset
from osai.sources.manifest import DRAFT_MARK
from osai.targets import ReadOptions, read_target
from osai.yamlsafe import MAX_MANIFEST_BYTES, YamlDocument, load_yaml_file

# Its `huggingface:` page left out: in a Hub repository of another name the manifest would be
# another model's, not used (extract.release._another_models).
PAGE = "  huggingface: 'https://huggingface.co/EleutherAI/pythia-70m'\n"
VALID = (EXAMPLES / "pythia-70m.yml").read_text().replace(PAGE, "")
INVALID = VALID.replace("  date: '2024-12-15'\n", "", 1)  # framework.date is required
CARD = "---\nlicense: apache-2.0\n---\n# A model\n"


@pytest.fixture(scope="module")
def rules() -> RuleSet:
    return load_ruleset()


def local(tmp_path: Path, manifest: str, rules: RuleSet) -> Release:
    (tmp_path / "README.md").write_text(CARD)
    (tmp_path / "osai.yaml").write_text(manifest)
    return read_target(str(tmp_path), rules, ReadOptions())


def on_the_hub(hub: LoopbackHub, tmp_path: Path, manifest: str, rules: RuleSet) -> Release:
    siblings = [{"rfilename": name} for name in ("README.md", "osai.yaml")]
    repo_id = hub.add_repo(
        {
            "id": "osai-test/with-manifest",
            "cardData": {"license": "apache-2.0"},
            "siblings": siblings,
        }
    )
    hub.add_file(repo_id, "osai.yaml", manifest)
    options = HubOptions(
        endpoint=hub.endpoint, cache_dir=tmp_path / "cache", timeout=2, deadline=10
    )
    return read_target(repo_id, rules, ReadOptions(hub=options))


def assert_not_used(release: Release) -> None:
    warnings = [f.message for f in release.findings if f.kind is FindingKind.WARNING]
    assert any("the repository's manifest was not used" in m for m in warnings), warnings
    assert any("framework" in m and "date" in m for m in warnings), warnings
    assert "third_party_data_sources" not in release.facts  # nothing it declares was taken


def assert_merged(release: Release) -> None:
    assert release.name == "Pythia-70M"
    assert release.facts["third_party_data_sources"].provenance.source == "manifest"


def test_an_invalid_manifest_in_a_directory_is_refused(tmp_path: Path, rules: RuleSet) -> None:
    with pytest.raises(BadInput, match=r"osai\.yaml:7: framework\.date: missing \(required\)"):
        local(tmp_path, INVALID, rules)


def test_an_invalid_draft_in_a_directory_is_not_used(tmp_path: Path, rules: RuleSet) -> None:
    """A draft no one has reviewed is not the release's word: left out, as a repository's, its
    first problem said at its line, as a check of the file says it ("the repository's manifest
    was not used (framework.date: …)" had no line, and called the user's draft someone's)."""
    draft = f"# osai manifest for m, {DRAFT_MARK} (osai 0.1.0)\n{INVALID}"
    release = local(tmp_path, draft, rules)
    warnings = [f.message for f in release.findings if f.kind is FindingKind.WARNING]
    path = tmp_path / "osai.yaml"
    said = (
        f"{path}:8: framework.date: missing (required); the `osai init` draft was not used "
        f"(`osai check {path}` says why)"
    )
    assert said in warnings, warnings
    assert "third_party_data_sources" not in release.facts  # nothing it declares was taken


def test_an_invalid_drafts_problems_are_counted_all(tmp_path: Path, rules: RuleSet) -> None:
    """A draft of 30 mistakes said "and 20 more problems": the 19 a check shows after the
    first, and its "(and 10 more: fix these first)" line counted as one."""
    keys = "".join(f"  key{index}: x\n" for index in range(30))
    draft = f"# osai manifest for m, {DRAFT_MARK} (osai 0.1.0)\n{VALID}".replace(
        "release:\n", f"release:\n{keys}", 1
    )
    warnings = [f.message for f in local(tmp_path, draft, rules).findings]
    assert any("release.key0: unknown key; and 29 more problems;" in m for m in warnings), warnings


def test_a_directory_whose_draft_is_left_out_is_told_to_fix_the_draft(tmp_path: Path) -> None:
    """A publisher editing their `osai init` draft left a mistake in it: the check of the
    directory left it out, and its hint said "declare them in m/osai.yaml (osai init m drafts
    it)", where `osai init` refuses, the draft being there.  It names the draft, and the check
    that says what is wrong with it."""
    model = tmp_path / "m"
    model.mkdir()
    (model / "README.md").write_text(CARD)
    (model / "osai.yaml").write_text(f"# osai manifest for m, {DRAFT_MARK} (osai 0.1.0)\n{INVALID}")
    result = run_osai("check", str(model), "-q", env={"COLUMNS": "300"})
    assert result.code == 0, result.stderr
    path = model / "osai.yaml"
    hint = f"declare them in {path} (left out, being invalid: `osai check {path}` says why)"
    assert hint in result.stdout, result.stdout
    assert "osai init" not in result.stdout


def test_an_invalid_manifest_in_a_hub_repository_is_not_used(
    hub: LoopbackHub, tmp_path: Path, rules: RuleSet
) -> None:
    assert_not_used(on_the_hub(hub, tmp_path, INVALID, rules))


def test_a_valid_manifest_in_a_directory_is_merged(tmp_path: Path, rules: RuleSet) -> None:
    assert_merged(local(tmp_path, VALID, rules))


def test_a_valid_manifest_in_a_hub_repository_is_merged(
    hub: LoopbackHub, tmp_path: Path, rules: RuleSet
) -> None:
    assert_merged(on_the_hub(hub, tmp_path, VALID, rules))


@pytest.mark.parametrize(
    "mistake",
    [
        ("name: 'Data card'", "name: 'Data crad'"),  # a misspelt component
        ("  producer: EleutherAI\n", "   producer: EleutherAI\n"),  # one line mis-indented
    ],
    ids=["misspelt-component", "mis-indented"],
)
def test_a_directorys_invalid_manifest_is_refused_as_when_named(
    tmp_path: Path, mistake: tuple[str, str]
) -> None:
    """`osai check DIR --require osaid -q` with a mistake in DIR/osai.yaml printed verdicts from
    detection alone (exit 1, or 0 without --require) and a hint to declare what it declares: the
    only sign, a warning the quiet report, --format github and standard error did not show.  A
    local directory is the user's own: its manifest is refused with the lines naming it gives."""
    model = tmp_path / "model"
    model.mkdir()
    (model / "README.md").write_text(CARD)
    written, wrong = mistake
    assert written in VALID
    (model / "osai.yaml").write_text(VALID.replace(written, wrong, 1))
    named = run_osai("check", str(model / "osai.yaml"), "-q")
    assert named.code == 2 and named.stderr.startswith(f"osai: error: {model}/osai.yaml:")
    said = [line.replace("osai: error: ", "") for line in named.stderr.splitlines()]
    quiet = run_osai("check", str(model), "--require", "osaid", "-q")
    assert (quiet.code, quiet.stdout) == (2, "")
    assert quiet.stderr.splitlines() == [f"osai: error: {model}: {line}" for line in said]
    github = run_osai("check", str(model), "--require", "osaid", "--format", "github")
    annotation = "%0A".join(f"{model}: {line}" for line in said)  # one annotation, a line each
    # at the manifest's line when the problem names one (a3f43bf), else on no file
    at_line = re.match(rf"{re.escape(str(model))}/osai\.yaml:(\d+): ", said[0])
    where = f"file={model}/osai.yaml,line={at_line.group(1)}," if at_line else ""
    assert (github.code, github.stdout) == (2, f"::error {where}title=osai::{annotation}\n")


def test_a_licence_the_manifest_says_is_unknown_gives_way_to_the_one_found(
    tmp_path: Path, rules: RuleSet
) -> None:
    """`osai init` writes `license: unknown` where it found none; the publisher then adds a
    LICENSE.  The draft's "unknown" was kept as "the more restrictive" of two licences, with a
    conflict, and the verdict never moved: an undisclosed licence says nothing a found one
    contradicts.  A licence really stated stays in conflict as before."""
    apache = (EXAMPLES / "tiny-model" / "LICENSE").read_text()
    (tmp_path / "train.py").write_text("import torch\nfor step in range(10):\n    pass\n")
    (tmp_path / "LICENSE").write_text(apache)
    components = "  components:\n    - name: Training code\n      license: {}\n"
    head = VALID.split("  components:", 1)[0]
    for said, kept, conflicts in (("unknown", "Apache-2.0", 0), ("MIT", "MIT", 1)):
        release = local(tmp_path, head + components.format(said), rules)
        training = release.components["training-code"]
        assert training.licence is not None and training.licence.text == kept
        found = [f for f in release.findings if f.kind is FindingKind.CONFLICT]
        assert len([f for f in found if f.component == "training-code"]) == conflicts


def test_the_manifest_osai_init_drafts_is_one_a_directory_reads(rules: RuleSet) -> None:
    """`osai init DIR` writes DIR/osai.yaml and the report tells a directory's owner to declare
    there: the detection rules must read that name, first."""
    from osai.paths import MANIFEST_NAME

    assert rules.detection.files.manifest_names[0] == MANIFEST_NAME


# --- a directory's manifest too large: one limit however it is named, and refused when over it ---


def test_a_directorys_manifest_is_read_as_far_as_when_it_is_named(tmp_path: Path) -> None:
    """A reviewed DIR/osai.yaml with 1.3 MB of comments: `osai check DIR/osai.yaml` read it
    (a manifest's 2 MiB), `osai check DIR` dropped it (a directory file's 1 MiB) with a warning,
    all unknown, exit 0, and a hint to declare in the very file it had not read.  One limit:
    the directory reads it, and the two checks say the same verdicts."""
    model = tmp_path / "model"
    model.mkdir()
    (model / "README.md").write_text(CARD)
    (model / "osai.yaml").write_text(VALID + "# " + "x" * 1_300_000 + "\n")
    named = run_osai("check", str(model / "osai.yaml"), "-q", env={"COLUMNS": "80"})
    inside = run_osai("check", str(model), "-q", env={"COLUMNS": "80"})
    assert (named.code, inside.code) == (0, 0), (named.stderr, inside.stderr)
    assert "too large" not in inside.stdout + inside.stderr
    verdicts = [line for line in inside.stdout.splitlines() if "OSAID 1.0" in line]
    assert verdicts == [line for line in named.stdout.splitlines() if "OSAID 1.0" in line]
    assert "declared)" in verdicts[0], verdicts


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(VALID + "# " + "x" * (MAX_MANIFEST_BYTES + 1) + "\n", id="too-large"),
        pytest.param("framework:\x00\n", id="binary"),
    ],
)
def test_a_directorys_manifest_that_cannot_be_read_is_refused_as_when_named(
    tmp_path: Path, content: str
) -> None:
    """Over the limit (or no text), the user's own manifest is bad input, as when they name it,
    with its line: it was a warning, the check going on as if the directory had none."""
    model = tmp_path / "model"
    model.mkdir()
    (model / "README.md").write_text(CARD)
    (model / "osai.yaml").write_text(content)
    named = run_osai("check", str(model / "osai.yaml"), "-q", env={"COLUMNS": "80"})
    inside = run_osai("check", str(model), "-q", env={"COLUMNS": "80"})
    assert (named.code, inside.code, inside.stdout) == (2, 2, "")
    said = named.stderr.removeprefix("osai: error: ")
    assert said.startswith(f"{model / 'osai.yaml'}: ") and said.count("\n") == 1, said
    assert inside.stderr == f"osai: error: {model}: {said}"


# --- more than one manifest: one is read, and the others are named, never passed in silence ----

RESTRICTIVE = VALID.replace("name: Apache-2.0", "name: CC-BY-NC-4.0")


def test_the_manifests_not_read_are_named_beside_the_one_read(
    tmp_path: Path, rules: RuleSet
) -> None:
    (tmp_path / "mof.yml").write_text(RESTRICTIVE)
    (tmp_path / "model.yaml").write_text(VALID)
    release = local(tmp_path, VALID, rules)
    warnings = [f for f in release.findings if f.kind is FindingKind.WARNING]
    assert len(warnings) == 1, [f.message for f in release.findings]
    message = warnings[0].message
    assert message.startswith(f"{tmp_path / 'mof.yml'}, {tmp_path / 'model.yaml'}: manifests not")
    assert f"osai reads one manifest, {tmp_path / 'osai.yaml'}" in message
    assert [p.location for p in warnings[0].provenance] == [
        str(tmp_path / name) for name in ("osai.yaml", "mof.yml", "model.yaml")
    ]
    assert_merged(release)  # osai.yaml, the first of manifests.names, is the one read


def test_a_file_only_named_like_a_manifest_is_not_called_one(
    tmp_path: Path, rules: RuleSet
) -> None:
    (tmp_path / "model.yml").write_text("n_layer: 24\nd_model: 1024\n")  # a training config
    release = local(tmp_path, VALID, rules)
    assert not [f for f in release.findings if f.kind is FindingKind.WARNING]


def test_check_says_which_manifest_it_did_not_read(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text(CARD)
    (tmp_path / "osai.yaml").write_text(VALID)
    (tmp_path / "mof.yml").write_text(RESTRICTIVE)
    shown = " ".join(run_osai("check", str(tmp_path)).stdout.split())
    assert f"{tmp_path / 'mof.yml'}: manifest not read; osai reads one manifest" in shown
    # named with --manifest, it is merged: no longer "not read" (it was warned about, and merged)
    merged = run_osai("check", str(tmp_path), "--manifest", str(tmp_path / "mof.yml"))
    shown = " ".join(merged.stdout.split())
    assert "manifest not read" not in shown
    assert "CC-BY-NC-4.0" in shown or "Non Commercial" in shown


# --- a malformed or blank licence: the user's own directory refuses it, a Hub repository's not ---

MALFORMED = VALID.replace("      license: MIT\n", "      license: 'Apache-2.0 OR'\n", 1)
MALFORMED_LINE = VALID.split("      license: MIT\n", 1)[0].count("\n") + 1
BLANK = VALID.replace("      license: MIT\n", "      license: ''\n", 1)


def test_a_licence_expression_in_a_directorys_manifest_is_refused_as_when_it_is_named(
    tmp_path: Path,
) -> None:
    """A local directory is the user's own (the report tells them to declare in its osai.yaml),
    yet `license: 'Apache-2.0 OR'` in it read as a licence osai cannot judge, with a "review"
    action, while the same file named refused it.  Now both refuse it: one line, the file and
    the line, exit 2."""
    (tmp_path / "README.md").write_text(CARD)
    (tmp_path / "osai.yaml").write_text(MALFORMED)
    where = f"{tmp_path / 'osai.yaml'}:{MALFORMED_LINE}: release.components[1].license: "
    problem = "'Apache-2.0 OR' is not a licence expression: "
    for target in (tmp_path, tmp_path / "osai.yaml"):
        result = run_osai("check", str(target))
        assert result.code == 2, result.stdout
        assert result.stderr.count("\n") == 1, result.stderr
        assert f"{where}{problem}" in result.stderr, result.stderr


def test_a_hub_repositorys_manifest_stays_someone_elses(
    hub: LoopbackHub, tmp_path: Path, rules: RuleSet
) -> None:
    """The same manifest in a Hub repository is a third party's: merged, the expression it
    cannot parse read as a licence osai cannot judge (the rest of the file still counts)."""
    release = on_the_hub(hub, tmp_path, MALFORMED, rules)
    assert_merged(release)
    licence = release.components["data-preprocessing-code"].licence
    assert licence is not None and licence.text == "Apache-2.0 OR"
    assert not [f for f in release.findings if "not used" in f.message]


def test_a_blank_licence_in_a_hub_repositorys_manifest_stays_unknown_with_a_warning(
    hub: LoopbackHub, tmp_path: Path, rules: RuleSet
) -> None:
    """A local directory's blank component licence is refused (tests/test_manifest_errors.py);
    the same blank in a Hub repository's manifest is a third party's: merged, the licence
    unknown (not `unlicensed`), and a warning names the line."""
    release = on_the_hub(hub, tmp_path, BLANK, rules)
    assert_merged(release)
    assert release.components["data-preprocessing-code"].licence is None
    (warning,) = [f.message for f in release.findings if "empty licence" in f.message]
    assert f":{MALFORMED_LINE}: release.components[1].license: empty licence" in warning


def test_a_component_path_the_repository_does_not_hold_is_warned_of(
    hub: LoopbackHub, tmp_path: Path, rules: RuleSet
) -> None:
    """A manifest inside the repository naming as a component's files a path the repository
    does not hold (a draft's `train.py` moved to `scripts/`, a typo) was cited as the evidence
    for the component met, in silence.  A warning names the path, the component and the
    manifest's line; held paths, directories holding files, URLs and names that are no path
    (a MOT listing's "arxiv license") are not warned of."""
    paths = "['nope/train.py', ./README.md, src, 'https://github.com/EleutherAI/the-pile']"
    manifest = VALID.replace(
        "      component_path: 'https://github.com/EleutherAI/the-pile'\n",
        f"      component_path: {paths}\n",
        1,
    )
    line = manifest.split("nope/train.py", 1)[0].count("\n") - 1  # the entry's `- name:` line
    (tmp_path / "src" / "a").mkdir(parents=True)
    (tmp_path / "src" / "a" / "prep.py").write_text("print(1)\n")
    release = local(tmp_path, manifest, rules)
    warned = [f.message for f in release.findings if "component_path" in f.message]
    assert warned == [
        f"{tmp_path}/osai.yaml:{line}: Data preprocessing code: component_path nope/train.py: "
        f"no such file or directory in {tmp_path}"
    ]
    # the same manifest in a Hub repository, which holds README.md and osai.yaml only
    hub_warned = [
        f.message
        for f in on_the_hub(hub, tmp_path, manifest, rules).findings
        if "component_path" in f.message
    ]
    assert [m.split(": ", 1)[1] for m in hub_warned] == [
        "Data preprocessing code: component_path: 2 paths with no such file or directory "
        "(nope/train.py, src) in osai-test/with-manifest"
    ]


def reviewed_tiny_model(tmp_path: Path) -> Path:
    """The bundled tiny-model with its `osai init` draft reviewed (its first line deleted): the
    release engineer's own manifest, whose Training code is `component_path: train.py`."""
    model = tmp_path / "model"
    shutil.copytree(EXAMPLES / "tiny-model", model)
    assert run_osai("init", str(model)).code == 0
    manifest = model / "osai.yaml"
    text = manifest.read_text(encoding="utf-8")
    assert "      component_path: train.py\n" in text
    manifest.write_text(text.split("\n", 1)[1], encoding="utf-8")
    return model


def training_code(model: Path, *given: str) -> str:
    """OSAID's training-code requirement on the directory (or a manifest, or the directory
    with `given` options), as its JSON report judges it."""
    result = run_osai("check", *given, str(model), "-f", "osaid", "--format", "json")
    assert result.code == 0, result.stderr
    (osaid,) = json.loads(result.stdout)["targets"][0]["frameworks"]
    (row,) = [r for r in osaid["requirements"] if r["id"] == "OSAID-CODE-TRAINING"]
    return str(row["status"])


def test_a_component_whose_named_file_is_gone_is_unknown_and_a_gate_not_proven(
    tmp_path: Path,
) -> None:
    """`git rm train.py`, the manifest still naming it: Training code stayed "✔ released" on the
    manifest's word alone, the gate passed, and a warning in Notes was all that said so.  The
    directory belies the manifest: unknown (the path may be a typo for code elsewhere), a
    conflict note, and a "correct" action naming the line and the path."""
    model = reviewed_tiny_model(tmp_path)
    assert training_code(model) == "met"
    (model / "train.py").unlink()
    assert training_code(model) == "unknown"
    result = run_osai("check", str(model), "-f", "mof", "--require", "mof:class-2")
    assert result.code == 1, result.stdout
    said = " ".join(result.stdout.split())
    assert "gate NOT PROVEN --require mof:class-2" in said
    line = re.search(r"correct Training code: osai\.yaml:(\d+) names train\.py, which is not", said)
    assert line is not None, said
    assert "mend the path, or restore the file" in said
    conflict = f"conflict: {model}/osai.yaml:{line[1]}: Training code: component_path train.py"
    assert conflict in said


def test_a_manifest_named_beside_its_directory_is_checked_as_one_found_in_it(
    tmp_path: Path,
) -> None:
    """`--manifest DIR/osai.yaml DIR` passed the gate (declared) on train.py deleted, which
    `osai check DIR` said was not there: a --manifest beside a directory is merged as a manifest
    found in it is, the files it names checked against the directory's."""
    model = reviewed_tiny_model(tmp_path)
    (model / "train.py").unlink()
    found = run_osai("check", str(model), "-f", "mof", "--require", "mof:class-2")
    named = run_osai(
        "check",
        "--manifest",
        str(model / "osai.yaml"),
        str(model),
        "-f",
        "mof",
        "--require",
        "mof:class-2",
    )
    assert (named.code, found.code) == (1, 1), named.stdout
    # the same report, bar its heading (which names the --manifest)
    assert named.stdout.split("  MOF 1.0", 1)[1] == found.stdout.split("  MOF 1.0", 1)[1]
    assert "names train.py, which is not there" in " ".join(named.stdout.split())
    assert training_code(model, "--manifest", str(model / "osai.yaml")) == "unknown"


def test_a_manifest_checked_alone_is_not_checked_against_its_directory(tmp_path: Path) -> None:
    """A manifest as the target is declared facts, of a release that may be kept elsewhere
    (a Hub model's `NAME.osai.yaml` in the working directory, a MOT model file): the files it
    names are not looked for beside it, so that it is judged offline as it is written."""
    model = reviewed_tiny_model(tmp_path)
    (model / "train.py").unlink()
    assert training_code(model / "osai.yaml") == "met"


def test_a_component_shown_elsewhere_stays_released_when_its_named_file_is_gone(
    tmp_path: Path,
) -> None:
    """The path mistyped, the training code still in the directory under another name that
    osai detects: released, as the directory shows it, and the missing path a warning."""
    model = reviewed_tiny_model(tmp_path)
    (model / "train.py").rename(model / "train_model.py")
    assert training_code(model) == "met"


def test_a_component_path_osai_cannot_have_seen_missing_is_not_warned_of(
    tmp_path: Path, rules: RuleSet
) -> None:
    """A component_path is said to name no file only where the listing would show it: not a
    MOT listing's words ("arxiv license", "ODC-BY": noted as "not a path or URL" already), not
    a held file spelt `./src//a/prep.py`, not one below a directory osai does not walk (a
    symlink out of the directory, node_modules).  Each was "no such file or directory", beside
    the note that the symlinked directory's files were not read."""
    paths = (
        "['arxiv license', ODC-BY, ./src//a/prep.py, src/./a, weights/model.safetensors, "
        "node_modules/tok/index.js, 'nope/train.py']"
    )
    manifest = VALID.replace(
        "      component_path: 'https://github.com/EleutherAI/the-pile'\n",
        f"      component_path: {paths}\n",
        1,
    )
    (tmp_path / "src" / "a").mkdir(parents=True)
    (tmp_path / "src" / "a" / "prep.py").write_text("print(1)\n")
    (tmp_path / "node_modules" / "tok").mkdir(parents=True)
    (tmp_path / "node_modules" / "tok" / "index.js").write_text("1\n")
    outside = tmp_path.parent / f"{tmp_path.name}-weights"
    outside.mkdir()
    (outside / "model.safetensors").write_bytes(b"w")
    (tmp_path / "weights").symlink_to(outside)
    release = local(tmp_path, manifest, rules)
    warned = [f.message for f in release.findings if "component_path" in f.message]
    assert [m.split(": ", 2)[2] for m in warned] == [
        f"component_path nope/train.py: no such file or directory in {tmp_path}"
    ]


def test_a_hub_repositorys_manifest_of_a_megabyte_of_words_is_a_report_of_a_few_lines(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    """Someone else's manifest whose component_path is 300,000 characters, or 20,000 values that
    are no place, and whose evidence note is 300,000 characters: each was quoted whole on the
    component's evidence line, a report of a megabyte at 80 columns.  The path, longer than any
    a system opens, is no place; the words are the first few, bounded, and how many more."""
    words = ", ".join(f"'w {index}'" for index in range(20_000))
    manifests = {
        "path": (f"'{'x' * 300_000}'", f'component_path: "{"x" * 119}…" (not a path or URL)'),
        "words": (f"[{words}]", '"w 2" (not a path or URL); 19,997 more not a path or URL'),
        "note": (f"src\n      evidence:\n        note: '{'n ' * 150_000}'", "n n n…"),
    }
    for form, (component_path, said) in manifests.items():
        manifest = VALID.replace(
            "component_path: 'https://github.com/EleutherAI/the-pile'",
            f"component_path: {component_path}",
            1,
        )
        repo_id = hub.add_repo(
            {"id": f"osai-test/{form}", "siblings": [{"rfilename": "osai.yaml"}]}
        )
        hub.add_file(repo_id, "osai.yaml", manifest)
        result = run_osai("check", repo_id, env={"COLUMNS": "80", "HF_ENDPOINT": hub.endpoint})
        assert result.code == 0, result.stderr
        assert len(result.stdout) < 8_000, (form, len(result.stdout))
        assert "".join(said.split()) in "".join(result.stdout.split()), form  # wrapped, cut


def test_a_hub_listing_naming_a_file_50000_directories_deep_costs_what_a_shallow_one_does(
    hub: LoopbackHub,
) -> None:
    """A manifest's component_path is looked for among the files and the directories of the
    Hub's listing.  Every directory of every file was written down, a file 50,000 directories
    deep (a listing of 100 KB) each of its 50,000 parents: 2.5 billion characters, some 15 s
    of CPU for one file, where the same check of a shallow one takes a few hundredths.  The
    ratio of the two checks' CPU time, not the wall clock, is bounded."""
    manifest = VALID.replace(
        "component_path: 'https://github.com/EleutherAI/the-pile'",
        "component_path: [d, nope.py]",
        1,
    )

    def cpu_of_a_check(depth: int, repository: str) -> float:
        siblings = [{"rfilename": "osai.yaml"}, {"rfilename": "d/" * depth + "f.py"}]
        repo_id = hub.add_repo({"id": f"osai-test/{repository}", "siblings": siblings})
        hub.add_file(repo_id, "osai.yaml", manifest)
        started = time.process_time()
        result = run_osai("check", repo_id, env={"HF_ENDPOINT": hub.endpoint})
        spent = time.process_time() - started
        assert result.code == 0, result.stderr
        said = " ".join(result.stdout.split())
        assert "component_path nope.py: no such file or directory" in said  # d is held
        return spent

    def least_cpu(depth: int) -> float:  # of three checks: a busy machine only adds
        return min(cpu_of_a_check(depth, f"deep-{depth}-{run}") for run in range(3))

    cpu_of_a_check(1, "warm")  # what a first check loads is no listing's cost
    assert least_cpu(50_000) < 5 * least_cpu(2)


def test_a_walk_stopped_at_its_limit_warns_of_no_component_path(
    tmp_path: Path, rules: RuleSet
) -> None:
    """A walk stopped at its entry limit lists part of the directory: a component_path in the
    rest was "no such file or directory", the files being there unread."""
    detection = load_yaml_file(rules_dir() / "detection.yaml").data
    document = YamlDocument(
        Path("detection.yaml"),
        {**detection, "limits": {**detection["limits"], "max_entries": 3}},
    )
    compiled = compile_detection(document, set(rules.components))
    few = replace(rules, compilers=replace(rules.compilers, detection=lambda: compiled))
    manifest = VALID.replace(
        "      component_path: 'https://github.com/EleutherAI/the-pile'\n",
        "      component_path: a/prep.py\n",
        1,
    )
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "prep.py").write_text("print(1)\n")
    (tmp_path / "zz.txt").write_text("the fourth entry\n")
    release = local(tmp_path, manifest, few)
    messages = [f.message for f in release.findings]
    assert "stopped after 3 entries; the rest was not scanned" in messages
    assert not [m for m in messages if "component_path" in m]


def test_a_manifest_naming_ten_thousand_missing_paths_is_one_warning(
    tmp_path: Path, rules: RuleSet
) -> None:
    """Someone else's manifest naming 10,000 component paths the repository does not hold was
    10,000 warnings, 20,000 lines of a report; it is one, with the first few and a count (a
    conflict: none of them there, the component is unknown)."""
    paths = ", ".join(f"p{i}/x.py" for i in range(10_000))
    manifest = VALID.replace(
        "      component_path: 'https://github.com/EleutherAI/the-pile'\n",
        f"      component_path: [{paths}]\n",
        1,
    )
    release = local(tmp_path, manifest, rules)
    warned = [f.message for f in release.findings if "component_path" in f.message]
    assert [m.split(": ", 2)[2] for m in warned] == [
        "component_path: 10,000 paths with no such file or directory (p0/x.py, p1/x.py, "
        f"p2/x.py, +9,997 more) in {tmp_path}; whether it is released is unknown until the "
        "path is mended"
    ]


def test_a_component_path_through_a_link_inside_the_directory_is_not_said_missing(
    tmp_path: Path, rules: RuleSet
) -> None:
    """`latest -> checkpoints/step9`, a training run's usual link: the walk lists the weights
    by their target's path alone, and the manifest's `latest/model.bin` was warned of as no
    such file, though it is there."""
    (tmp_path / "checkpoints" / "step9").mkdir(parents=True)
    (tmp_path / "checkpoints" / "step9" / "model.bin").write_bytes(b"w" * 2048)
    (tmp_path / "latest").symlink_to("checkpoints/step9", target_is_directory=True)
    manifest = VALID.replace(
        "      component_path: 'https://github.com/EleutherAI/the-pile'\n",
        "      component_path: [latest/model.bin, gone/model.bin]\n",
        1,
    )
    release = local(tmp_path, manifest, rules)
    warned = [f.message for f in release.findings if "component_path" in f.message]
    assert len(warned) == 1 and "component_path gone/model.bin: no such file" in warned[0]


def test_a_component_path_naming_a_directory_osai_does_not_walk_is_not_said_missing(
    tmp_path: Path, rules: RuleSet
) -> None:
    """A manifest naming `venv` (a directory the walk skips, as it skips .git): the check
    warned "component_path venv: no such file or directory", though it is there; a path below
    it was already left alone."""
    (tmp_path / "venv").mkdir()
    (tmp_path / "venv" / "lib.py").write_text("x = 1\n", encoding="utf-8")
    manifest = VALID.replace(
        "      component_path: 'https://github.com/EleutherAI/the-pile'\n",
        "      component_path: [venv, venv/lib.py, gone]\n",
        1,
    )
    release = local(tmp_path, manifest, rules)
    warned = [f.message for f in release.findings if "component_path" in f.message]
    assert len(warned) == 1 and "component_path gone: no such file" in warned[0], warned


def test_a_component_whose_named_files_are_all_gone_says_so_of_each(tmp_path: Path) -> None:
    """Two paths named and both gone: "names train.py, prepare.py, which is not there" read as
    one path of a comma; each is said to be missing, and both to be mended."""
    model = reviewed_tiny_model(tmp_path)
    manifest = model / "osai.yaml"
    text = manifest.read_text(encoding="utf-8")
    named = "      component_path: [train.py, prepare.py]\n"
    manifest.write_text(text.replace("      component_path: train.py\n", named), encoding="utf-8")
    (model / "train.py").unlink()
    result = run_osai("check", str(model), "-f", "mof", "--require", "mof:class-2")
    said = " ".join(result.stdout.split())
    assert re.search(r"names train\.py, prepare\.py: none is there; mend the paths, or", said), said
    assert "which is not there" not in said
