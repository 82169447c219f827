"""`osai init`: a faithful draft (canonical licences, the distribution licence, negative facts with
their evidence, every weights file, unknowns commented out) that loads as a manifest; `--blank`;
where it writes.  The init-then-check law over every fixture is tests/test_init_law.py."""

from __future__ import annotations

import datetime
import os
import re
import resource
import shlex
import shutil
import signal
import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import yaml
from clirunner import EXAMPLES, ROOT, run_osai
from draftlines import explained

from osai.errors import BadInput
from osai.evidence import (
    Certainty,
    ComponentEvidence,
    Fact,
    LicenceFact,
    Presence,
    Provenance,
    Release,
)
from osai.init import BLANK_MANIFEST, manifest_path, placeholder_count, render_manifest, scaffold
from osai.rules import RuleSet, load_ruleset
from osai.sources.blank import EXAMPLE_TEXTS
from osai.sources.manifest import read_manifest

TODAY = datetime.date(2026, 3, 1)
SHARDS = ("model-00001-of-00003.safetensors", "model-00002-of-00003.safetensors")
SHARDS += ("model-00003-of-00003.safetensors",)


def detected(location: str, value: str = "", line: int | None = None) -> Provenance:
    return Provenance("local", location, value, Certainty.DETECTED, line)


def inferred(location: str, value: str = "", line: int | None = None, note: str = "") -> Provenance:
    return Provenance("local", location, value, Certainty.INFERRED, line, note)


def hand_built_release(target: str = "models/tiny") -> Release:
    """What the local source could say of a small model directory."""
    card = LicenceFact("apache-2.0", detected("README.md", "apache-2.0", 2))
    return Release(
        target=target,
        source="local",
        name="tiny: the model",  # a name that needs quoting in YAML
        producer="Tiny Lab",
        components={
            "model-parameters-final": ComponentEvidence(
                "model-parameters-final",
                Presence.PRESENT,
                (detected(SHARDS[0], "weights file"),),
                card,
                SHARDS[0],
                SHARDS,
            ),
            "model-architecture": ComponentEvidence(
                "model-architecture", Presence.PRESENT, (detected("config.json", "gpt_neox"),)
            ),
            "training-code": ComponentEvidence(
                "training-code",
                Presence.ABSENT,
                (detected("README.md", "The training code is not released.", 9),),
            ),
            "inference-code": ComponentEvidence(
                "inference-code",
                Presence.PRESENT,
                (detected("infer.py", "inference code"),),
                LicenceFact("mit or apache-2.0", detected("LICENSE", "MIT OR Apache-2.0", 1)),
                "infer.py",
            ),
        },
        facts={
            "public_data_sources": Fact(
                "public_data_sources", "The Pile: https://pile.eleuther.ai/", detected("README.md")
            ),
            "third_party_data_sources": Fact(
                "third_party_data_sources", "The Pile", inferred("README.md", "The Pile", 20)
            ),
        },
        licence=card,
    )


@pytest.fixture(scope="module")
def rules() -> RuleSet:
    return load_ruleset()


def render_and_load(tmp_path: Path, release: Release, rules: RuleSet) -> tuple[str, Release]:
    text = render_manifest(release, rules, TODAY)
    path = tmp_path / "osai.yaml"
    path.write_text(text, encoding="utf-8")
    return text, read_manifest(path, rules)


def test_the_draft_loads_and_says_what_the_release_says(tmp_path: Path, rules: RuleSet) -> None:
    text, loaded = render_and_load(tmp_path, hand_built_release(), rules)
    assert loaded.name == "tiny: the model"
    assert loaded.producer == "Tiny Lab"
    weights = loaded.component("model-parameters-final")
    assert weights.presence is Presence.PRESENT
    assert weights.licence is not None and weights.licence.text == "Apache-2.0"
    assert weights.files == SHARDS  # every shard, not the first
    # past 80 columns, folded at its commas under the key
    assert f"      component_path: [{SHARDS[0]},\n        {SHARDS[1]}, {SHARDS[2]}]\n" in text
    # found, no licence found: released, licence unknown (as the directory reads)
    architecture = loaded.component("model-architecture")
    assert architecture.presence is Presence.PRESENT
    assert architecture.licence is not None and architecture.licence.text == "unknown"
    assert loaded.facts["public_data_sources"].value == "The Pile: https://pile.eleuther.ai/"


def test_licences_are_canonical_spdx(tmp_path: Path, rules: RuleSet) -> None:
    """The card's Hub id `apache-2.0` (which the Model Openness Tool rejects) is `Apache-2.0`."""
    text, loaded = render_and_load(tmp_path, hand_built_release(), rules)
    data = yaml.safe_load(text)["release"]
    written = [entry.get("license") for entry in data["components"]]
    written.append(data["license"]["distribution"]["name"])
    assert "apache-2.0" not in written and "Apache-2.0" in written
    assert "license: Apache-2.0  # detected: README.md:2 apache-2.0\n" in text
    assert "license: MIT OR Apache-2.0  # detected: LICENSE:1 MIT OR Apache-2.0\n" in text
    inference = loaded.component("inference-code").licence
    assert inference is not None and inference.text == "MIT OR Apache-2.0"


def test_licences_osai_cannot_choose_between_are_left_to_declare(
    tmp_path: Path, rules: RuleSet
) -> None:
    """A card's cc-by-4.0 beside a LICENSE of CC-BY-NC-4.0: osai cannot tell which applies to
    the weights, and the draft wrote `license: CC-BY-4.0` for them, which, reviewed, is the
    publisher's word settling what osai could not.  It asks, naming both."""
    release = hand_built_release()
    weights = release.component("model-parameters-final")
    assert weights.licence is not None
    nc = LicenceFact("CC-BY-NC-4.0", detected("LICENSE", "CC-BY-NC-4.0", 1))
    undecided = replace(weights, licence=replace(weights.licence, alternatives=(nc,)))
    release = replace(release, components={**release.components, weights.component: undecided})
    text, loaded = render_and_load(tmp_path, release, rules)
    written = loaded.component("model-parameters-final").licence
    assert written is not None and written.text == "unknown"
    line = next(
        explained(text, line.strip())
        for line in text.splitlines()
        if line.strip().startswith("license: unknown  # ?  — correct the source that is wrong")
    )
    assert "apache-2.0 (README.md:2 apache-2.0) or CC-BY-NC-4.0 (LICENSE:1 CC-BY-NC-4.0)" in line
    # declaring one does not settle it (the merge keeps what either may be): the sources do
    assert "(declaring one here does not settle it)." in line
    assert (
        placeholder_count(text)
        == placeholder_count(render_manifest(hand_built_release(), rules, TODAY)) + 1
    )


def test_the_distribution_licence_is_the_releases(tmp_path: Path, rules: RuleSet) -> None:
    text, loaded = render_and_load(tmp_path, hand_built_release(), rules)
    assert "    distribution:\n      name: Apache-2.0  # detected: README.md:2" in text
    assert loaded.licence is not None and loaded.licence.text == "Apache-2.0"
    data = yaml.safe_load(text)
    assert data["release"]["license"] == {"distribution": {"name": "Apache-2.0"}}


def test_a_negative_fact_is_kept_with_its_evidence(tmp_path: Path, rules: RuleSet) -> None:
    text, loaded = render_and_load(tmp_path, hand_built_release(), rules)
    entry = text[text.index("    - name: Training code\n") :]
    assert explained(entry, "released: false") == (
        'released: false  # detected: README.md:9: "The training code is not released."'
    )
    assert loaded.component("training-code").presence is Presence.ABSENT


def test_inferred_values_are_written_and_marked_inferred(tmp_path: Path, rules: RuleSet) -> None:
    text, loaded = render_and_load(tmp_path, hand_built_release(), rules)
    assert explained(text, "third_party_data_sources:") == (
        "third_party_data_sources: {text: The Pile, certainty: inferred}  # inferred: "
        "README.md:20 The Pile: confirm it, then delete `certainty: inferred`"
    )
    fact = loaded.facts["third_party_data_sources"]
    assert fact.provenance.certainty is Certainty.INFERRED


def test_a_licence_a_base_model_may_bind_keeps_its_unless(tmp_path: Path, rules: RuleSet) -> None:
    """A fine-tune whose base model osai could not read: the check left its parameters'
    licence unknown ("unless base model X ... binds its derivatives to its licence"); the draft
    wrote the card's licence alone, and its own check met OSAID on it.  Kept as `unless`, the
    draft's check leaves it as unknown as its source's; a reviewer deletes it."""
    release = hand_built_release()
    weights = release.component("model-parameters-final")
    assert weights.licence is not None
    unless = "base model acme/gone (not found on the Hub) binds its derivatives to its licence"
    bound = replace(weights, licence=replace(weights.licence, unless=unless))
    release = replace(release, components={**release.components, bound.component: bound})
    text, loaded = render_and_load(tmp_path, release, rules)
    entry = text[text.index("    - name: Model parameters (Final)\n") :]
    assert "      # read the base model's licence, then delete `unless`\n" in entry
    listed = yaml.safe_load(text)["release"]["components"]
    (entry_read,) = [c for c in listed if c["name"] == "Model parameters (Final)"]
    assert entry_read["evidence"]["unless"] == unless
    licence = loaded.component("model-parameters-final").licence
    assert licence is not None and (licence.text, licence.unless) == ("Apache-2.0", unless)


def test_an_inference_names_its_rule_once(tmp_path: Path, rules: RuleSet) -> None:
    """The comment read "# inferred: NO-OTHER-DATA-BESIDE-RELEASED-DATASETS inferred by
    NO-OTHER-DATA-BESIDE-RELEASED-DATASETS from datasets…": the rule is the note's subject."""
    from osai.inference import with_inferences

    release = hand_built_release()
    datasets = ComponentEvidence(
        "datasets",
        Presence.PRESENT,
        (detected("README.md", "roneneldan/TinyStories", 9),),
        # the datasets' own open licence: what the rule infers from (not one they inherit)
        LicenceFact("cdla-sharing-1.0", detected("README.md", "cdla-sharing-1.0", 10)),
    )
    release = replace(release, components={**release.components, "datasets": datasets})
    text = render_manifest(with_inferences(release, rules), rules, TODAY)
    line = explained(text, "unshareable_data_description:")
    rule = "NO-OTHER-DATA-BESIDE-RELEASED-DATASETS"
    assert f"# inferred: inferred by {rule} from datasets released under" in line, line
    assert line.count(rule) == 1, line


def test_inferred_values_of_every_kind_keep_their_mark(tmp_path: Path, rules: RuleSet) -> None:
    """An item osai inferred is not provided, and a number it inferred, are marked inferred as
    a statement is: read back, they are as weak as they were (a draft is no declaration)."""
    facts = {
        "base_model": Fact(
            "base_model",
            "not stated",
            inferred("README.md", note="the card's metadata has no base_model"),
            provided=False,
        ),
        "training_compute_flop": Fact(
            "training_compute_flop",
            "3.1e+23",
            inferred("README.md", "3.1e+23", 10),
            number=3.1e23,
        ),
    }
    release = replace(hand_built_release(), facts=facts)
    text, loaded = render_and_load(tmp_path, release, rules)
    assert explained(text, "base_model:") == (
        "base_model: {provided: false, certainty: inferred}  # inferred: README.md the "
        "card's metadata has no base_model: confirm it, then delete `certainty: inferred`"
    )
    assert explained(text, "training_compute_flop:").startswith(
        'training_compute_flop: {text: "3.1e+23", certainty: inferred}  # inferred: '
    )
    base_model, compute = loaded.facts["base_model"], loaded.facts["training_compute_flop"]
    assert (base_model.provided, base_model.provenance.certainty) == (False, Certainty.INFERRED)
    assert (compute.number, compute.provenance.certainty) == (3.1e23, Certainty.INFERRED)


def test_every_unknown_is_commented_out(tmp_path: Path, rules: RuleSet) -> None:
    """Nothing unknown is stated: no empty producer, no null licence name, no '' anywhere; the
    only placeholders on uncommented lines are the explicit `license: unknown` of a component
    seen without a licence, and `license: {` (an empty mapping) when the release states none."""
    bare = Release("models/bare", "local", "bare")
    for release in (hand_built_release(), bare):
        text, _ = render_and_load(tmp_path, release, rules)
        data = yaml.safe_load(text)["release"]
        assert "''" not in text
        assert all(value not in (None, "") for value in data.values())
        for line in text.splitlines():
            if "?  — " in line and not line.lstrip().startswith("#"):
                assert line.lstrip().startswith(("license: unknown  #", "license: {  #")), line
    text, loaded = render_and_load(tmp_path, bare, rules)
    assert "  # producer: ?  — declare who produced the model" in text
    assert "  # Declare the licence the release is distributed under" in text
    assert "  license: {  # ?  — declare it, as described above\n" in text
    assert "  # data_information:" in text
    for key in rules.facts:
        assert f"\n  #   {key}: ?  — " in text
    assert loaded.facts == {} and loaded.producer == ""
    assert "  components: []  # nothing detected" in text
    assert placeholder_count(text) >= 20


@pytest.mark.parametrize("form", ["osai", "mot"])
@pytest.mark.parametrize("indent", ["    ", "  ", ""])
def test_uncommenting_the_suggested_distribution_licence_gives_a_manifest(
    tmp_path: Path, rules: RuleSet, indent: str, form: str
) -> None:
    """The draft said `license: {}  # ?  — declare the licence...` then
    `#   distribution: {name: Apache-2.0}`: uncommented, `invalid YAML: did not find expected
    key`.  Uncommented now (whatever indentation the user leaves), it declares the licence."""
    model = tmp_path / "model"
    model.mkdir()
    (model / "README.md").write_text("# A model\n\nWeights in `model.safetensors`.\n")
    (model / "model.safetensors").write_bytes(b"\0" * 16)
    text = scaffold(str(model), rules, TODAY, form=form).text
    suggested = [line for line in text.splitlines() if "# distribution: {name:" in line]
    assert len(suggested) == 1
    edited = text.replace(suggested[0], indent + "distribution: {name: Apache-2.0}")
    path = tmp_path / "edited.yaml"
    path.write_text(edited, encoding="utf-8")
    declared = read_manifest(path, rules)
    assert declared.licence is not None and declared.licence.text == "Apache-2.0"


def test_the_words_are_right(tmp_path: Path, rules: RuleSet) -> None:
    text, _ = render_and_load(tmp_path, hand_built_release(), rules)
    assert "s's " not in text  # "the datasets's licence"
    assert (
        "# - name: Datasets\n    #   license: ?  — not detected: if you release the datasets"
        in (text)
    )
    assert not re.search(r"from \.\.?\W", text)


def test_init_in_the_current_directory_names_it(tmp_path: Path) -> None:
    model = tmp_path / "my-model"
    model.mkdir()
    (model / "README.md").write_text("---\nlicense: mit\n---\n# m\n")
    result = run_osai("init", ".", "-o", "-", cwd=model)
    assert result.code == 0, result.stderr
    assert "drafted by `osai init`" in result.stdout
    assert "# on " in result.stdout and "from the model directory 'my-model'." in result.stdout
    assert "from .." not in result.stdout


def test_a_draft_on_an_ascii_stream_is_the_utf8_file_it_would_write(tmp_path: Path) -> None:
    """`osai init X -o - > osai.yaml` through an ASCII pipe: every "—" of the draft's comments
    and any letter of a name beyond ASCII read "?", a manifest osai then read as UTF-8.  It is
    the bytes -o FILE writes."""
    model = tmp_path / "modèle"
    shutil.copytree(EXAMPLES / "tiny-model", model)
    utf8 = run_osai("init", str(model), "-o", "-")
    shown = run_osai("init", str(model), "-o", "-", encoding="ascii")
    assert shown.code == utf8.code == 0, shown.stderr
    assert "\u2014" in utf8.stdout and "modèle" in utf8.stdout
    assert shown.stdout_bytes == utf8.stdout_bytes


# --- where it writes -----------------------------------------------------------------------


def test_manifest_path(tmp_path: Path) -> None:
    directory = str(tmp_path)
    assert manifest_path(directory, None, force=False) == tmp_path / "osai.yaml"
    (tmp_path / "osai.yaml").write_text("# osai manifest, drafted by `osai init`\nx: 1\n")
    with pytest.raises(BadInput, match="already exists"):
        manifest_path(directory, None, force=False)
    assert manifest_path(directory, None, force=True) == tmp_path / "osai.yaml"
    (tmp_path / "osai.yaml").write_text("x: 1\n")  # reviewed: the publisher's, never replaced
    with pytest.raises(BadInput, match="--force replaces only those"):
        manifest_path(directory, None, force=True)
    assert manifest_path(directory, tmp_path / "m.yml", force=False) == tmp_path / "m.yml"
    assert manifest_path(directory, Path("-"), force=False) is None
    assert manifest_path("EleutherAI/pythia-70m", None, force=False) == Path("pythia-70m.osai.yaml")
    with pytest.raises(BadInput, match="no such file or directory"):
        manifest_path(str(tmp_path / "nope"), None, force=False)
    with pytest.raises(BadInput, match="a manifest already declares the release"):
        manifest_path(str(EXAMPLES / "pythia-70m.yml"), None, force=False)


# --- the command ---------------------------------------------------------------------------


@pytest.fixture
def model_dir(tmp_path: Path) -> Path:
    """A small real model directory: a card with a licence, weights and training code."""
    (tmp_path / "README.md").write_text("---\nlicense: apache-2.0\n---\n# A model\n")
    (tmp_path / "model.safetensors").write_bytes(b"\0")
    (tmp_path / "train.py").write_text("print('training')\n")
    return tmp_path


def test_init_writes_then_refuses_to_overwrite(
    tmp_path: Path, model_dir: Path, rules: RuleSet
) -> None:
    result = run_osai("init", str(tmp_path))
    assert result.code == 0
    written = tmp_path / "osai.yaml"
    assert f"osai: wrote {written}" in result.stderr
    assert read_manifest(written, rules).name == tmp_path.name
    written.write_text(written.read_text() + "# my edits\n")
    result = run_osai("init", str(tmp_path))
    assert result.code == 2
    assert result.stderr.splitlines() == [
        f"osai: error: {written}: already exists, a draft (--force replaces it, and keeps a copy "
        "if it was edited; delete its first line to keep it as yours)"
    ]
    edited = written.read_text()
    assert edited.endswith("# my edits\n")
    result = run_osai("init", str(tmp_path), "--force")
    assert result.code == 0
    assert not written.read_text().endswith("# my edits\n")
    # what was edited is kept beside it, never over another file
    assert result.stderr.splitlines()[-1] == (
        f"osai: the draft it replaced differed from the new one (edited, or drafted from files "
        f"since changed): kept as {written}.bak"
    )
    assert (tmp_path / "osai.yaml.bak").read_text() == edited
    written.write_text(written.read_text() + "# more edits\n")
    assert run_osai("init", str(tmp_path), "--force").code == 0
    assert (tmp_path / "osai.yaml.bak").read_text() == edited
    assert (tmp_path / "osai.yaml.bak2").read_text().endswith("# more edits\n")
    # nor does the blank manifest replace a draft without a copy, said as what it is: a draft
    # no one edited was said to be "edited, or drafted from files since changed"
    result = run_osai("init", "--blank", "-o", str(written), "--force")
    assert result.stderr.splitlines()[-1] == (
        f"osai: the draft it replaced differed from the blank manifest: kept as {written}.bak3"
    )


def _file_size_limited(limit: int) -> None:
    """In a child, before osai runs: files it writes end at `limit` bytes, with an error
    (EFBIG), not a signal, past it: a copy that cannot be written whole, as on a full disk."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))


def test_a_copy_of_the_edits_cut_off_is_not_left_behind(tmp_path: Path) -> None:
    """The copy --force keeps of an edited draft failed part way (a file too large, a disk
    full): exit 2 and the draft kept, but a cut-off osai.yaml.bak stayed, which read as the
    edits kept (and the next run's copy went to osai.yaml.bak2)."""
    model = tmp_path / "model"
    shutil.copytree(EXAMPLES / "tiny-model", model)
    assert run_osai("init", str(model)).code == 0
    draft = model / "osai.yaml"
    edited = draft.read_text() + "# " + "x" * 3_000_000 + "\n"
    draft.write_text(edited)
    completed = subprocess.run(
        [sys.executable, "-m", "osai", "init", str(model), "--force"],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=120,
        check=False,
        preexec_fn=lambda: _file_size_limited(1_000_000),
    )
    assert (completed.returncode, completed.stderr) == (
        2,
        f"osai: error: {draft}.bak: cannot write (File too large)\n",
    )
    assert draft.read_text() == edited
    assert sorted(path.name for path in model.iterdir() if ".bak" in path.name) == []


def test_force_keeps_no_copy_of_a_draft_nobody_edited(tmp_path: Path) -> None:
    """Drafted another day or by another osai, a draft is no edit: no copy left behind."""
    from shutil import copytree

    model = tmp_path / "model"
    copytree(EXAMPLES / "tiny-model", model)
    assert run_osai("init", str(model)).code == 0
    draft = model / "osai.yaml"
    text = draft.read_text()
    older = re.sub(
        r"\(osai [^)]*\)",
        "(osai 0.0.9)",
        re.sub(r"\d{4}-\d{2}-\d{2}", "2025-01-31", text, count=1),
        count=1,
    )
    assert older != text
    draft.write_text(older)
    result = run_osai("init", str(model), "--force")
    assert result.code == 0, result.stderr
    assert "kept as" not in result.stderr
    assert sorted(path.name for path in model.iterdir() if ".bak" in path.name) == []


def test_a_draft_nobody_edited_is_not_said_to_hold_edits(tmp_path: Path) -> None:
    """A file added to the model since its draft: the draft --force replaced differed from the
    new one and was kept, but said to have "held edits", which nobody made (its reader went
    looking for them)."""
    model = tmp_path / "model"
    shutil.copytree(EXAMPLES / "tiny-model", model)
    assert run_osai("init", str(model)).code == 0
    drafted = (model / "osai.yaml").read_text()
    (model / "finetune.py").write_text("print('training')\n")
    result = run_osai("init", str(model), "--force")
    assert result.code == 0, result.stderr
    assert "edits" not in result.stderr
    assert result.stderr.splitlines()[-1] == (
        f"osai: the draft it replaced differed from the new one (edited, or drafted from files "
        f"since changed): kept as {model / 'osai.yaml'}.bak"
    )
    assert (model / "osai.yaml.bak").read_text() == drafted


def test_the_refusal_without_force_says_how_to_keep_what_is_there(tmp_path: Path) -> None:
    """Without --force, the refusal said "delete its first line to keep it as yours" of every
    file --force replaces: of a draft under a header added above its mark, that deleted the
    header and left a draft; of the blank manifest, it made its example values declared."""
    from shutil import copytree

    model = tmp_path / "model"
    copytree(EXAMPLES / "tiny-model", model)
    assert run_osai("init", str(model)).code == 0
    draft = model / "osai.yaml"
    draft.write_text("# SPDX-FileCopyrightText: 2026 Acme\n---\n" + draft.read_text())
    result = run_osai("init", str(model))
    assert (result.code, result.stderr) == (
        2,
        f"osai: error: {draft}: already exists, a draft (--force replaces it, and keeps a copy "
        "if it was edited; delete its line 3 to keep it as yours)\n",
    )
    blank = tmp_path / "blank.yaml"
    assert run_osai("init", "--blank", "-o", str(blank)).code == 0
    result = run_osai("init", "--blank", "-o", str(blank))
    assert (result.code, result.stderr) == (
        2,
        f"osai: error: {blank}: already exists, `osai init --blank`'s manifest, not filled in "
        "(--force replaces it; fill it in to keep it)\n",
    )
    assert blank.read_text() == BLANK_MANIFEST


def test_force_never_replaces_a_reviewed_manifest(tmp_path: Path) -> None:
    """A draft reviewed (its first line, the draft's mark, deleted) is the publisher's manifest:
    `osai init DIR --force` replaced it with a fresh draft, every declaration back to '?'."""
    from shutil import copytree

    model = tmp_path / "model"
    copytree(EXAMPLES / "tiny-model", model)
    assert run_osai("init", str(model)).code == 0
    manifest = model / "osai.yaml"
    reviewed = manifest.read_text(encoding="utf-8").split("\n", 1)[1] + "# reviewed\n"
    manifest.write_text(reviewed, encoding="utf-8")
    result = run_osai("init", str(model), "--force")
    assert (result.code, result.stdout) == (2, "")
    assert result.stderr == (
        f"osai: error: {manifest}: already exists, and is not a draft of `osai init` (no line "
        "it opens with says so) nor its blank manifest: --force replaces only those; move it "
        "away, or write elsewhere with -o\n"
    )
    assert manifest.read_text(encoding="utf-8") == reviewed
    elsewhere = run_osai("init", str(model), "-o", str(tmp_path / "new.yml"))
    assert elsewhere.code == 0, elsewhere.stderr


@pytest.mark.parametrize("blank", [False, True])
def test_a_file_init_never_replaces_is_refused_as_such_without_force(
    tmp_path_factory: pytest.TempPathFactory, model_dir: Path, blank: bool
) -> None:
    """`osai init DIR -o notes.yaml` over the user's own notes said "already exists (use --force
    to overwrite it)", and --force was then refused too ("not a draft of `osai init`"): the
    first answer now says what the second did, and names no flag that cannot help."""
    notes = tmp_path_factory.mktemp("elsewhere") / "notes.yaml"  # not in model_dir: no input
    notes.write_text("my notes\n")
    given = ("--blank",) if blank else (str(model_dir),)
    for force in ((), ("--force",)):
        result = run_osai("init", *given, "-o", str(notes), *force)
        assert (result.code, result.stdout) == (2, "")
        said = " ".join(result.stderr.split())
        assert said.startswith(f"osai: error: {notes}: already exists, and is not a draft"), said
        assert "use --force" not in said
    assert notes.read_text() == "my notes\n"


def test_a_draft_forced_over_an_earlier_one_is_read_without_it(tmp_path: Path) -> None:
    """`osai init DIR --force` read DIR/osai.yaml, the draft it was replacing, as the release's
    word: every detected value came back "declared: DIR/osai.yaml:31", and the placeholder
    `license: unknown` as a declared licence.  It is now the draft a fresh directory gives."""
    from shutil import copytree

    model = tmp_path / "tiny-model"
    copytree(EXAMPLES / "tiny-model", model)
    fresh = tmp_path / "fresh.yml"
    assert run_osai("init", str(model), "-o", str(fresh)).code == 0
    assert run_osai("init", str(model)).code == 0
    assert run_osai("init", str(model), "--force").code == 0
    again = (model / "osai.yaml").read_text(encoding="utf-8")
    assert again == fresh.read_text(encoding="utf-8")
    assert "osai.yaml:" not in again


def test_a_draft_beside_an_earlier_draft_does_not_cite_it(tmp_path: Path) -> None:
    """README's flow, `osai init DIR` then `osai init DIR --for mot -o DIR/model.yml`, drafted
    model.yml from DIR/osai.yaml: every value came back "declared: DIR/osai.yaml:31", what osai
    had only detected or inferred promoted to declared.  An earlier draft is now left out (and
    said); model.yml is the draft a directory without it gives."""
    from shutil import copytree

    model = tmp_path / "tiny-model"
    copytree(EXAMPLES / "tiny-model", model)
    fresh = tmp_path / "fresh.yml"
    assert run_osai("init", str(model), "--for", "mot", "-o", str(fresh)).code == 0
    assert run_osai("init", str(model)).code == 0
    drafted = run_osai("init", str(model), "--for", "mot", "-o", str(model / "model.yml"))
    assert drafted.code == 0
    assert (model / "model.yml").read_text(encoding="utf-8") == fresh.read_text(encoding="utf-8")
    said = " ".join(drafted.stderr.split())
    assert f"{model / 'osai.yaml'} is an earlier `osai init` draft" in said
    assert f"`osai check {model}` still reads it" in said


def test_force_replaces_an_earlier_draft_beside_the_model_s_files(tmp_path: Path) -> None:
    """The README: `--force` replaces an earlier draft.  `osai init DIR --for mot -o DIR/model.yml
    --force` over the draft the same command wrote was refused "refusing to write over an input",
    though an earlier draft is left out of what a draft is read from (and said so).  A file of
    the model's own stays refused, --force or not."""
    from shutil import copytree

    model = tmp_path / "tiny-model"
    copytree(EXAMPLES / "tiny-model", model)
    again = ("init", str(model), "--for", "mot", "-o", str(model / "model.yml"))
    assert run_osai(*again).code == 0
    with (model / "model.yml").open("a", encoding="utf-8") as draft:
        draft.write("# an edit, the draft's mark kept\n")
    refused = run_osai(*again)
    assert refused.code == 2 and "--force" in refused.stderr  # not without --force
    replaced = run_osai(*again, "--force")
    assert replaced.code == 0, replaced.stderr
    assert "release:" in (model / "model.yml").read_text(encoding="utf-8")
    (model / "notes.yml").write_text("mine: true\n", encoding="utf-8")
    for own in ("notes.yml", "README.md"):
        kept = run_osai("init", str(model), "-o", str(model / own), "--force")
        assert (kept.code, "refusing to write over an input" in kept.stderr) == (2, True)


def test_force_never_writes_through_a_hard_link(tmp_path: Path) -> None:
    """A draft with another name (`ln model/osai.yaml ../kept.yml`) was written in place by
    --force: the file under the other name, outside the model directory, became the new draft.
    Refused as a symbolic link is; the file is left as it was."""
    from shutil import copytree

    model = tmp_path / "tiny-model"
    copytree(EXAMPLES / "tiny-model", model)
    assert run_osai("init", str(model)).code == 0
    other = tmp_path / "kept.yml"
    os.link(model / "osai.yaml", other)
    before = other.read_bytes()
    (model / "README.md").write_text("# changed since\n", encoding="utf-8")
    refused = run_osai("init", str(model), "--force")
    assert refused.code == 2 and "has another name (a hard link)" in refused.stderr
    assert len(refused.stderr.splitlines()) == 1
    assert other.read_bytes() == before


def test_a_draft_the_check_does_not_read_is_not_said_to_be_read(tmp_path: Path) -> None:
    """README's flow, then `osai init DIR --force`: the note said "`osai check DIR` still reads"
    DIR/model.yml, where the check reads DIR/osai.yaml, the first of manifests.names, and warns
    that model.yml is not read.  Drafted elsewhere with -o, DIR/osai.yaml is still the one."""
    from shutil import copytree

    model = tmp_path / "tiny-model"
    copytree(EXAMPLES / "tiny-model", model)
    assert run_osai("init", str(model)).code == 0
    assert run_osai("init", str(model), "--for", "mot", "-o", str(model / "model.yml")).code == 0
    forced = run_osai("init", str(model), "--force")
    assert forced.code == 0
    said = " ".join(forced.stderr.split())
    assert f"{model / 'model.yml'} is an earlier `osai init` draft" in said
    assert "still reads it" not in said
    assert f"`osai check {model}` reads {model / 'osai.yaml'}, not it (and warns of it)" in said
    checked = run_osai("check", str(model))
    assert f"{model / 'model.yml'}: manifest not read" in " ".join(checked.stdout.split())
    elsewhere = run_osai("init", str(model), "-o", str(tmp_path / "other.yml"))
    notes = [" ".join(line.split()) for line in elsewhere.stderr.split("osai: note: ")[1:]]
    assert [note.startswith(str(model / "osai.yaml")) for note in notes] == [True, False]
    assert "still reads it" in notes[0] and "still reads it" not in notes[1]


def test_a_reviewed_draft_is_the_release_s_word(tmp_path: Path) -> None:
    """A draft whose first line (the draft's mark) was deleted is a manifest like any other."""
    from shutil import copytree

    model = tmp_path / "tiny-model"
    copytree(EXAMPLES / "tiny-model", model)
    assert run_osai("init", str(model)).code == 0
    written = model / "osai.yaml"
    written.write_text(written.read_text(encoding="utf-8").split("\n", 1)[1], encoding="utf-8")
    drafted = run_osai("init", str(model), "-o", "-")
    assert drafted.code == 0 and "osai.yaml:" in drafted.stdout and drafted.stderr == ""


def test_init_output_elsewhere_and_input_manifest_protected(
    tmp_path: Path, model_dir: Path, rules: RuleSet
) -> None:
    manifest = tmp_path / "model.yml"
    manifest.write_text((EXAMPLES / "pythia-70m.yml").read_text())
    for force in ((), ("--force",)):
        result = run_osai("init", str(tmp_path), "--output", str(manifest), *force)
        assert result.code == 2 and "refusing to write over an input" in result.stderr
        assert manifest.read_text() == (EXAMPLES / "pythia-70m.yml").read_text()
    other = tmp_path / "drafts" / "osai-draft.yaml"
    assert run_osai("init", str(tmp_path), "-o", str(other)).code == 0
    # model.yml there is a manifest: the draft carries what it declares.
    assert read_manifest(other, rules).producer == "EleutherAI"


@pytest.mark.parametrize(
    ("target", "output"),
    [("card/README.md", "card/README.md"), ("card", "card/LICENSE"), ("card", "card/train.py")],
)
@pytest.mark.parametrize("force", [(), ("--force",)])
def test_init_never_writes_over_what_it_drafts_from(
    tmp_path: Path, target: str, output: str, force: tuple[str, ...]
) -> None:
    """`osai init card/README.md -o card/README.md --force` replaced the model card with the
    draft, and `osai init card -o card/LICENSE --force` the licence: --force replaces an earlier
    draft, never an input (as `osai check -o` never does)."""
    from shutil import copytree

    copytree(EXAMPLES / "tiny-model", tmp_path / "card")
    before = (tmp_path / output).read_bytes()
    result = run_osai("init", target, "-o", output, *force, cwd=tmp_path)
    assert result.code == 2
    refusal = f"-o {output}: refusing to write over an input ({output})"
    assert result.stderr == f"osai: error: {refusal}\n"
    assert (tmp_path / output).read_bytes() == before


def test_force_replaces_an_earlier_draft(tmp_path: Path) -> None:
    """The draft's own place (DIR/osai.yaml, beside a card), however it is named, and a file
    outside the directory are not inputs: --force replaces them."""
    from shutil import copytree

    model = tmp_path / "model"
    copytree(EXAMPLES / "tiny-model", model)
    own = ("-o", str(model / "osai.yaml"))
    assert run_osai("init", "model", cwd=tmp_path).code == 0
    for target, place in (("model", ()), ("model", own), ("model/README.md", ())):
        for force, code in (((), 2), (("--force",), 0)):
            assert run_osai("init", target, *place, *force, cwd=tmp_path).code == code
    drafts = ("-o", str(tmp_path / "drafts" / "m.yml"))
    for force, code in (((), 0), ((), 2), (("--force",), 0)):
        assert run_osai("init", "model", *drafts, *force, cwd=tmp_path).code == code


def test_init_on_a_manifest_or_a_bad_form_is_bad_input(model_dir: Path) -> None:
    result = run_osai("init", str(EXAMPLES / "pythia-70m.yml"))
    assert result.code == 2
    assert "a manifest already declares the release (check it with `osai check`)" in (result.stderr)
    result = run_osai("init", str(model_dir), "--for", "mof-tool", "-o", "-")
    assert result.code == 2
    assert result.stderr == "osai: error: --for mof-tool: expected one of osai, mot\n"


def test_the_form_is_named_in_any_case(model_dir: Path) -> None:
    """`--for MOT` was refused ("expected one of osai, mot") while `--format JSON` and
    `--sort Downloads` are taken: osai's keyword choices are matched in any case."""
    drafts = [
        run_osai("init", str(model_dir), "--for", named, "-o", "-") for named in ("mot", "MOT")
    ]
    assert [draft.code for draft in drafts] == [0, 0]
    assert drafts[1].stdout == drafts[0].stdout
    assert drafts[1].stdout.startswith("# model file for ")  # the tool's form, not osai's


@pytest.mark.parametrize(("written", "called"), [("cyclonedx", "CycloneDX"), ("spdx", "SPDX 3")])
def test_init_on_an_ai_bom_calls_it_so(written: str, called: str, tmp_path: Path) -> None:
    """It said "a bom already declares the release": an internal word, in lower case."""
    bom = tmp_path / "x.json"
    assert run_osai("check", str(EXAMPLES / "pythia-70m.yml"), "-o", f"{written}={bom}").code == 0
    for target in (str(bom), f"{bom}#Pythia-70M"):  # a model of it, as a report names it
        result = run_osai("init", target)
        assert result.code == 2
        assert result.stderr.startswith(
            f"osai: error: {target}: an AI BOM ({called}) already declares the release (check "
            "it with `osai check`); "
        )


@pytest.mark.parametrize(
    ("text", "called"),
    [
        (
            '<?xml version="1.0"?>\n<bom xmlns="http://cyclonedx.org/schema/bom/1.5"/>\n',
            "CycloneDX XML",
        ),
        ("SPDXVersion: SPDX-2.3\nDataLicense: CC0-1.0\n", "SPDX 2 tag-value"),
        ('{"spdxVersion": "SPDX-2.3", "packages": []}', "SPDX 2"),
        (  # it said "not a model card, a manifest or an AI BOM"
            '{"@context": "https://spdx.org/rdf/4.0/spdx-context.jsonld", "@graph": []}',
            "SPDX JSON-LD of another version",
        ),
    ],
)
def test_init_on_a_bom_osai_does_not_read_does_not_point_to_check(
    tmp_path: Path, text: str, called: str
) -> None:
    """It said "(check it with `osai check`)" of a BOM `osai check` refuses (yq's review)."""
    bom = tmp_path / "bom.txt"
    bom.write_text(text, encoding="utf-8")
    result = run_osai("init", str(bom))
    assert (result.code, result.stderr) == (
        2,
        f"osai: error: {bom}: an AI BOM ({called}) already declares the release in a form osai "
        "does not read (it reads CycloneDX JSON and SPDX 3 JSON-LD); osai init drafts from a "
        "model directory, a model card or a Hub model id\n",
    )
    assert run_osai("check", str(bom)).code == 2


def test_a_bad_for_is_said_before_an_existing_draft(model_dir: Path) -> None:
    """The options are checked before the file system: the mistake the user made is the one
    said, not `already exists`."""
    (model_dir / "osai.yaml").write_text("earlier draft\n", encoding="utf-8")
    result = run_osai("init", "--for", "bogus", str(model_dir))
    assert (result.code, result.stderr) == (
        2,
        "osai: error: --for bogus: expected one of osai, mot\n",
    )
    assert (model_dir / "osai.yaml").read_text(encoding="utf-8") == "earlier draft\n"


@pytest.mark.parametrize("target", ["EleutherAI/pythia-70m", ".", "my model"])
def test_init_blank_takes_no_target(target: str, tmp_path: Path) -> None:
    """`--blank` drafts from nothing: a target given with it is refused, never ignored.  The
    refusal said only that, and `osai init --blank my-model` wanted one of two things: a draft
    of my-model, or the blank manifest in it; it names the command for each."""
    result = run_osai("init", "--blank", target, "-o", "blank.yml", cwd=tmp_path)
    assert result.code == 2 and result.stdout == ""
    assert result.stderr == (
        f"osai: error: --blank writes a manifest to fill in and takes no target ({target}): "
        f"osai init {shlex.quote(target)} drafts one from it, osai init --blank -o FILE writes "
        "the blank one to FILE\n"
    )
    assert not (tmp_path / "blank.yml").exists()


@pytest.mark.parametrize(
    ("given", "named"),
    [
        (["--for", "mot"], "--for"),
        (["--for", "osai"], "--for"),
        (["--revision", "main", "--offline"], "--revision, --offline"),
        (["--timeout", "5", "--deadline", "9"], "--timeout, --deadline"),
    ],
)
def test_init_blank_refuses_what_only_a_draft_uses(
    given: list[str], named: str, tmp_path: Path
) -> None:
    """`--blank --for mot` printed osai's manifest, extensions and all, exit 0: an option the
    blank cannot honour is refused, never silently ignored."""
    result = run_osai("init", "--blank", *given, "-o", "blank.yml", cwd=tmp_path)
    assert (result.code, result.stdout) == (2, "")
    verb = "apply" if ", " in named else "applies"
    assert result.stderr == (
        f"osai: error: --blank prints osai's manifest to fill in; {named} only {verb} to a "
        "draft from a target (osai init TARGET)\n"
    )
    assert not (tmp_path / "blank.yml").exists()


def test_checking_the_directory_right_after_init_changes_no_verdict(tmp_path: Path) -> None:
    """The draft, written into the directory, is merged with what is detected there: checking
    the directory then, or drafting it again, reaches the directory's verdicts, and what osai
    only inferred stays inferred (the next draft does not cite it back as declared)."""
    from shutil import copytree

    from test_init_law import EVERY_FRAMEWORK, assert_same_verdict, verdicts

    model = tmp_path / "tiny-model"
    copytree(EXAMPLES / "tiny-model", model)
    before = run_osai("check", str(model), *EVERY_FRAMEWORK, "--format", "json")
    assert run_osai("init", str(model)).code == 0
    after = run_osai("check", str(model), *EVERY_FRAMEWORK, "--format", "json")
    # A draft not yet reviewed declares nothing: merged, it repeats the detection's certainty.
    assert verdicts(after.stdout) == verdicts(before.stdout)
    again = tmp_path / "again.yml"
    assert run_osai("init", str(model), "-o", str(again)).code == 0
    redrafted = run_osai("check", str(again), *EVERY_FRAMEWORK, "--format", "json")
    assert_same_verdict(before, redrafted)
    text = again.read_text(encoding="utf-8")
    assert explained(text, "base_model:").startswith(
        "base_model: {provided: false, certainty: inferred}  # inferred: "
    )
    # its card gives the architecture under a label ("- Architecture: GPT-NeoX ..."), not a
    # heading: not shown absent; its config.json, read beside modeling_tiny.py, states it
    assert explained(text, "architecture_description:").startswith(
        "architecture_description: TinyForCausalLM (model_type gpt_neox)  # detected: config.json"
    )
    assert ": false  # declared" not in text


# --- a blank manifest, and the README's -----------------------------------------------------


def readme_manifest() -> str:
    """The first YAML block of the README's "Write a manifest" section, as the README shows it."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Write a manifest\n", 1)[1].split("\n## ", 1)[0]
    found = re.search(r"```yaml\n(.*?)```", section, re.DOTALL)
    assert found is not None, "no ```yaml block in README's 'Write a manifest'"
    return found.group(1)


def test_init_blank_prints_the_readme_manifest() -> None:
    result = run_osai("init", "--blank")
    assert result.code == 0 and result.stderr == ""
    assert result.stdout == BLANK_MANIFEST == readme_manifest()


def test_init_blank_fits_80_columns() -> None:
    """`osai init --blank` prints on a terminal what the user then edits in one: its comments
    ran to 99 columns (`components:`'s), and two example sentences to 93 and 82, where a draft's
    are wrapped at 80."""
    result = run_osai("init", "--blank", env={"COLUMNS": "80"})
    wide = [line for line in result.stdout.splitlines() if len(line) > 80]
    assert result.code == 0 and wide == []


def test_the_readme_manifest_checks_cleanly_once_filled_in(tmp_path: Path, rules: RuleSet) -> None:
    """As printed, its values are examples ("My Lab", `none`): it was read as the publisher's
    declared word (MOF "no class reached (declared)" of a file no one had filled in), so it is
    refused until it is edited; with its name given, it checks cleanly."""
    path = tmp_path / "osai.yaml"
    path.write_text(readme_manifest(), encoding="utf-8")
    unfilled = run_osai("check", str(path), "-q")
    assert (unfilled.code, unfilled.stdout) == (2, "")
    assert unfilled.stderr == (
        f"osai: error: {path}: `osai init --blank`'s manifest, not filled in: its values are "
        "examples (My Lab, none), not the release's word; fill it in, then check it\n"
    )
    directory = run_osai("check", str(tmp_path), "-q")  # in the directory checked, the same
    assert directory.code == 2 and "not filled in" in directory.stderr
    path.write_text(filled_in(readme_manifest()), encoding="utf-8")
    result = run_osai("check", str(path), "--format", "json")
    assert result.code == 0, result.stderr
    assert result.stderr == ""
    release = read_manifest(path, rules)
    assert release.licence is not None and release.licence.text == "Apache-2.0"
    data_information = [k for k, kind in rules.facts.items() if kind.block == "data_information"]
    assert sorted(release.facts) == sorted(data_information)
    uncommented = filled_in(readme_manifest()).replace("  # declarations:", "  declarations:")
    path.write_text(uncommented.replace("  #   ", "    "), encoding="utf-8")
    declared = read_manifest(path, rules).facts
    assert declared["training_compute_flop"].number == 3.1e23
    assert declared["weights_access"].value == "ungated"


def filled_in(blank: str) -> str:
    """The blank manifest as its user fills it in: its name, and its example sentences."""
    words = ("The tiny corpus, as train.py filters it.", "Stories for children, nothing else.")
    for example, written in zip(EXAMPLE_TEXTS, words, strict=True):
        assert example in blank
        blank = blank.replace(example, written)
    return blank.replace("my-model", "tiny")


@pytest.mark.parametrize("where", ["file", "directory"])
def test_the_blank_manifests_example_sentences_are_no_description(
    where: str, tmp_path: Path
) -> None:
    """A blank manifest filled in but for its example sentence was read as the release's word:
    'What the data is, where it comes from, how it was processed.' met OSAID's training-data
    description, declared.  Left as it is, or as a fact's text, it is refused, where it is."""
    path = tmp_path / "osai.yaml"
    example = EXAMPLE_TEXTS[0]
    edited = filled_in(readme_manifest()).replace(
        "      'The tiny corpus, as train.py filters it.'",
        f"      '{example}'",
    )
    edited = edited.replace("  # declarations:", "  declarations:").replace("  #   ", "    ")
    edited = edited.replace(
        "usage_limitations:\n      'Stories for children, nothing else.'",
        f"usage_limitations: {{text: '  {EXAMPLE_TEXTS[1].lower()}'}}",
    )
    path.write_text(edited, encoding="utf-8")
    result = run_osai("check", str(path if where == "file" else tmp_path), "-q")
    assert (result.code, result.stdout) == (2, "")
    said = "`osai init --blank`'s example, not the release's word: write what the release says, "
    said += "or leave the key out while it is not known"
    named = f"{path}:" if where == "file" else f"{tmp_path}: {path}:"
    assert result.stderr == (
        f"osai: error: {named}17: release.data_information.training_data_description: {said}\n"
        f"osai: error: {named}27: release.declarations.usage_limitations: {said}\n"
    )


@pytest.mark.parametrize(
    "written",
    [
        EXAMPLE_TEXTS[0].removesuffix("."),
        EXAMPLE_TEXTS[0] + "..",
        EXAMPLE_TEXTS[0].replace("data", "da\u200bta"),
        EXAMPLE_TEXTS[0].replace("What", "\uff37hat"),
    ],
    ids=["full-stop-dropped", "dots-added", "zero-width-space", "full-width"],
)
def test_the_blank_manifests_example_sentence_near_missed_is_no_description(
    written: str, tmp_path: Path
) -> None:
    """The example sentence with its full stop dropped, dots added, a zero-width space in a
    word or a full-width letter was read as the release's declared training-data description
    (OSAID's met on it); a description that uses the example's words is still one's own."""
    path = tmp_path / "osai.yaml"
    filled = filled_in(readme_manifest())
    description = "      'The tiny corpus, as train.py filters it.'"
    path.write_text(filled.replace(description, f'      "{written}"'))
    result = run_osai("check", str(path), "-q")
    assert (result.code, result.stdout) == (2, ""), result.stderr
    assert result.stderr.startswith(
        f"osai: error: {path}:17: release.data_information.training_data_description: "
        "`osai init --blank`'s example, not the release's word"
    ), result.stderr
    own = "What the data is: Common Crawl, deduplicated, where it comes from: the web."
    path.write_text(filled.replace(description, f"      '{own}'"))
    assert run_osai("check", str(path), "-q").code == 0


def test_init_blank_writes_a_file_once(tmp_path: Path) -> None:
    path = tmp_path / "osai.yaml"
    assert run_osai("init", "--blank", "-o", str(path)).code == 0
    assert path.read_text() == BLANK_MANIFEST
    assert run_osai("init", "--blank", "-o", str(path)).code == 2


@pytest.mark.parametrize("name", ["osai.yaml", "my model.yaml"])
def test_init_blank_says_what_to_do_with_the_file_it_wrote(tmp_path: Path, name: str) -> None:
    """`osai: wrote osai.yaml`, and nothing more: the newcomer ran `osai check osai.yaml` and was
    refused for values no one had filled in.  The line says what a draft's line says: what is
    left to do, and the command that checks it once done (quoted, to copy as it is)."""
    result = run_osai("init", "--blank", "-o", name, cwd=tmp_path)
    assert (result.code, result.stdout) == (0, "")
    assert result.stderr == (
        f"osai: wrote {name}: its values are examples (My Lab, none): fill it in, then run "
        f"osai check {shlex.quote(name)}\n"
    )


def test_blank_force_replaces_only_what_osai_wrote(tmp_path: Path) -> None:
    """`osai init --blank -o notes.yaml --force` replaced the user's own notes.yaml: --force
    replaces a draft or an unedited blank manifest, as a draft's --force does, nothing else."""
    notes = tmp_path / "notes.yaml"
    notes.write_text("my notes\n", encoding="utf-8")
    result = run_osai("init", "--blank", "-o", str(notes), "--force")
    assert (result.code, result.stdout) == (2, "")
    assert result.stderr == (
        f"osai: error: {notes}: already exists, and is not a draft of `osai init` (no line it "
        "opens with says so) nor its blank manifest: --force replaces only those; move it away, "
        "or write elsewhere with -o\n"
    )
    assert notes.read_text(encoding="utf-8") == "my notes\n"
    blank = tmp_path / "osai.yaml"
    assert run_osai("init", "--blank", "-o", str(blank)).code == 0
    assert run_osai("init", "--blank", "-o", str(blank), "--force").code == 0
    blank.write_text(BLANK_MANIFEST.replace("my-model", "their-model"), encoding="utf-8")
    assert run_osai("init", "--blank", "-o", str(blank), "--force").code == 2  # filled in
    draft = tmp_path / "draft.yaml"
    assert run_osai("init", str(EXAMPLES / "tiny-model"), "-o", str(draft)).code == 0
    assert run_osai("init", "--blank", "-o", str(draft), "--force").code == 0
    assert draft.read_text(encoding="utf-8") == BLANK_MANIFEST
    # and a draft's --force replaces the blank manifest it was given to fill in
    assert run_osai("init", str(EXAMPLES / "tiny-model"), "-o", str(draft), "--force").code == 0


def test_a_licence_for_a_component_not_seen_is_spelt_as_the_draft_spells_licences(
    rules: RuleSet,
) -> None:
    """`(if released, it is under mit: …)`: the hint under a commented component kept the
    card's spelling, where the draft writes `MIT`; uncommented, it should read as the rest."""
    release = hand_built_release()
    unseen = ComponentEvidence(
        "inference-code",
        Presence.UNKNOWN,
        licence=LicenceFact("mit", detected("README.md", "mit", 2)),
    )
    release = replace(release, components={**release.components, "inference-code": unseen})
    text = render_manifest(release, rules, TODAY)
    assert "(if released, it is under MIT: " in text
    assert "it is under mit" not in text


def test_a_new_draft_leaves_an_unfilled_blank_out_and_says_so(tmp_path: Path) -> None:
    model = tmp_path / "tiny"
    shutil.copytree(EXAMPLES / "tiny-model", model)
    assert run_osai("init", "--blank", "-o", str(model / "osai.yaml")).code == 0
    result = run_osai("init", str(model), "--for", "mot", "-o", str(model / "model.yml"))
    assert result.code == 0, result.stderr
    assert (
        f"osai: note: {model / 'osai.yaml'} is `osai init --blank`'s manifest, not filled in: "
        "not read into this draft" in result.stderr
    )
    assert "My Lab" not in (model / "model.yml").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "above",
    ["---\n", "# SPDX-License-Identifier: CC0-1.0\n", "\n", "---\n# Copyright 2026 Lab\n\n"],
)
def test_lines_added_above_the_drafts_mark_are_no_review(above: str, tmp_path: Path) -> None:
    """`---` or a licence header (what `reuse annotate` writes) above the mark made a draft the
    publisher's declared word: its every value rose to declared, and in the Model Openness
    Tool's format every component it does not list became "not released"."""
    model = tmp_path / "tiny"
    shutil.copytree(EXAMPLES / "tiny-model", model)
    assert run_osai("init", str(model), "--for", "mot", "-o", str(model / "model.yml")).code == 0
    before = run_osai("check", str(model), "-q").stdout
    draft = model / "model.yml"
    draft.write_text(above + draft.read_text(encoding="utf-8"), encoding="utf-8")
    after = run_osai("check", str(model), "-q").stdout
    # the same verdicts; the settle line names the mark's line, no longer the first (13c0c784)
    said = re.sub(r"its line \d+", "its first line", " ".join(after.split()))
    assert said == " ".join(before.split()) and "(declared)" not in after


def test_a_reviewed_manifest_that_quotes_the_mark_in_prose_is_no_draft(tmp_path: Path) -> None:
    """Any leading comment holding the phrase counted as the mark: a header saying the file was
    "first drafted by `osai init`" made a reviewed manifest a draft again, its declarations
    read as detected (and `init --force` free to replace it)."""
    model = tmp_path / "tiny"
    shutil.copytree(EXAMPLES / "tiny-model", model)
    assert run_osai("init", str(model)).code == 0
    manifest = model / "osai.yaml"
    body = manifest.read_text(encoding="utf-8").split("\n", 1)[1]
    manifest.write_text(
        "# Reviewed by Jane: first drafted by `osai init` and checked by hand.\n" + body,
        encoding="utf-8",
    )
    result = run_osai("check", str(model), "-q")
    assert "(declared)" in result.stdout, result.stdout
    assert run_osai("init", str(model), "--force").code == 2


def test_a_mark_below_a_header_is_named_by_its_line(tmp_path: Path) -> None:
    """ "delete its first line" would have deleted the licence header above the mark."""
    model = tmp_path / "tiny"
    shutil.copytree(EXAMPLES / "tiny-model", model)
    assert run_osai("init", str(model)).code == 0
    manifest = model / "osai.yaml"
    manifest.write_text(
        "# SPDX-License-Identifier: CC0-1.0\n" + manifest.read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    result = run_osai("check", str(model), "-v")
    assert "an `osai init` draft not yet reviewed (its line 2 says so)" in " ".join(
        result.stdout.split()
    )


@pytest.mark.parametrize(
    "edited",
    [
        lambda text: text + "\n",  # a newline more
        lambda text: text.rstrip("\n"),  # none at the end
        lambda text: text.replace("My Lab", "My Lab "),  # a trailing blank
        lambda text: text.replace("\n", "\r\n"),  # CRLF
    ],
)
def test_the_blank_is_known_whatever_an_editor_did_to_its_blanks(
    edited: Any, tmp_path: Path
) -> None:
    """One byte from the blank, its example values were read as declared again; and `osai
    init`, which knew the blank byte for byte, refused a CRLF copy as "not filled in" while
    leaving an LF one out with a note."""
    model = tmp_path / "tiny"
    shutil.copytree(EXAMPLES / "tiny-model", model)
    (model / "osai.yaml").write_bytes(edited(BLANK_MANIFEST).encode("utf-8"))
    checked = run_osai("check", str(model), "-q")
    assert checked.code == 2 and "not filled in" in checked.stderr
    drafted = run_osai("init", str(model), "-o", str(model / "model.yml"))
    assert drafted.code == 0 and "`osai init --blank`'s manifest, not filled in" in drafted.stderr
    assert run_osai("init", "--blank", "-o", str(model / "osai.yaml"), "--force").code == 0


def test_a_cache_snapshot_s_draft_is_written_here_not_into_the_cache(tmp_path: Path) -> None:
    """`osai init` of a Hugging Face cache snapshot wrote osai.yaml among the cache's links
    (snapshots/<commit>/), where huggingface_hub manages every file; a downloaded Hub model's
    draft goes where a Hub id's does: NAME.osai.yaml in the current directory."""
    from test_local_source import card, hf_cache_snapshot

    snapshot = hf_cache_snapshot(
        tmp_path / "hub" / "models--acme--tiny", {"README.md": card("license: apache-2.0")}
    )
    result = run_osai("init", str(snapshot), cwd=tmp_path)
    assert result.code == 0, result.stderr
    assert sorted(p.name for p in snapshot.iterdir()) == ["README.md"]
    assert (tmp_path / "tiny.osai.yaml").is_file()
    assert result.stderr.startswith("osai: wrote tiny.osai.yaml:")
    # and of its card alone (a card's draft goes beside it, anywhere else)
    (tmp_path / "tiny.osai.yaml").unlink()
    result = run_osai("init", str(snapshot / "README.md"), cwd=tmp_path)
    assert result.code == 0, result.stderr
    assert sorted(p.name for p in snapshot.iterdir()) == ["README.md"]
    assert (tmp_path / "tiny.osai.yaml").is_file()
    # and never from inside the cache, where "here" is the snapshot (`cd` there, `osai init .`)
    for here, draft in ((snapshot, "tiny.osai.yaml"), (snapshot.parent.parent, "osai.yaml")):
        result = run_osai("init", ".", cwd=here)
        assert (result.code, result.stderr) == (
            2,
            f"osai: error: {draft}: the current directory is in the Hugging Face cache, "
            "whose files huggingface_hub manages: write the draft elsewhere with -o, or run "
            "osai init from another directory\n",
        )
    assert sorted(p.name for p in snapshot.iterdir()) == ["README.md"]
    assert run_osai("init", ".", "-o", str(tmp_path / "t.yaml"), cwd=snapshot).code == 0


@pytest.mark.parametrize(
    "folder", ["models--org--\x1b[31mred", "datasets--org--..", "models--org--a\nb"]
)
def test_a_cache_snapshot_named_no_hub_name_drafts_osai_yaml_here(
    tmp_path: Path, folder: str
) -> None:
    """A cache folder's name is anyone's text: the draft was named after it, and
    `datasets--org--\x1b[31mred` wrote a file named with an escape, `datasets--org--..` the
    hidden `...osai.yaml`.  A name the Hub would not allow drafts osai.yaml here."""
    from test_local_source import card, hf_cache_snapshot

    here = tmp_path / "here"
    here.mkdir()
    snapshot = hf_cache_snapshot(tmp_path / "hub" / folder, {"README.md": card("license: mit")})
    result = run_osai("init", str(snapshot), cwd=here)
    assert result.code == 0, result.stderr
    assert sorted(path.name for path in here.iterdir()) == ["osai.yaml"]


def test_a_draft_is_written_in_the_folder_holding_the_cache(tmp_path: Path) -> None:
    """HF_HOME (`~/.cache/huggingface`, or a container's working directory set as it) holds the
    cache's hub/, its token and more, and none of huggingface_hub's links: the draft of a
    snapshot was refused there as "in the Hugging Face cache", which it is not."""
    from test_local_source import card, hf_cache_snapshot

    snapshot = hf_cache_snapshot(
        tmp_path / "hub" / "models--acme--tiny", {"README.md": card("license: apache-2.0")}
    )
    (tmp_path / "hub" / ".locks").mkdir()  # as huggingface_hub's downloads leave it
    result = run_osai("init", str(snapshot), cwd=tmp_path)
    assert result.code == 0, result.stderr
    assert (tmp_path / "tiny.osai.yaml").is_file()
    # hub/ itself is the cache: refused there still
    result = run_osai("init", str(snapshot), cwd=tmp_path / "hub")
    assert result.code == 2
    assert "the current directory is in the Hugging Face cache" in result.stderr


@pytest.mark.parametrize("file", ["", "README.md"])
def test_a_revision_of_a_target_on_disk_is_refused(model_dir: Path, file: str) -> None:
    """`osai init ./my-model --revision v1.0` drafted the working tree, exit 0, the revision
    nowhere: a Hub option a target on disk cannot honour is refused, never silently ignored."""
    target = str(model_dir / file) if file else str(model_dir)
    output = model_dir / "draft.yaml"
    result = run_osai("init", target, "--revision", "v1.0", "-o", str(output))
    assert (result.code, result.stdout) == (2, "")
    assert result.stderr == (
        f"osai: error: --revision v1.0: a Hub revision, and {target} is on disk (osai init "
        "drafts it as it is there: check that revision out first)\n"
    )
    assert not output.exists()


def test_a_placeholder_uncommented_but_not_filled_in_is_named(tmp_path: Path) -> None:
    """The draft says to declare a `?  —` line by uncommenting it and filling it in.  Uncommented
    and not yet filled in, `osai check` said only "mapping keys are not allowed in this context
    (line 23, column 12)": YAML reads `? ` as a key, which nothing in the draft mentions.  The
    line now says the `?` is the draft's placeholder, to replace with the value."""
    draft = tmp_path / "draft.yml"
    assert run_osai("init", str(EXAMPLES / "tiny-model"), "-o", str(draft)).code == 0
    text = draft.read_text(encoding="utf-8")
    assert "\n  # version: ?  — " in text
    draft.write_text(text.replace("\n  # version: ?  — ", "\n  version: ?  — ", 1), "utf-8")
    line = text.split("\n").index(next(x for x in text.split("\n") if "# version: ?" in x)) + 1
    checked = run_osai("check", str(draft))
    assert checked.code == 2
    said = checked.stderr.splitlines()
    assert len(said) == 1 and said[0].startswith(f"osai: error: {draft}:{line}: invalid YAML: ")
    assert f"(line {line}, column 12)" in said[0]
    assert said[0].endswith("`?  — …`, osai init's placeholder, is not a value: write the value")


def test_a_draft_is_not_written_where_check_would_read_it_instead_of_the_manifest(
    tmp_path: Path,
) -> None:
    """A directory whose manifest is the publisher's mof.yml: `osai init DIR` wrote DIR/osai.yaml,
    which `osai check DIR` reads first (rules/detection.yaml manifests.names), so the manifest
    someone wrote stopped counting and its declared verdicts fell to detected, with nothing said
    but a later warning that mof.yml was not read.  It is now refused, and -o writes elsewhere."""
    model = tmp_path / "tiny-model"
    shutil.copytree(EXAMPLES / "tiny-model", model)
    draft = tmp_path / "draft.yml"
    assert run_osai("init", str(model), "-o", str(draft)).code == 0
    theirs = draft.read_text(encoding="utf-8").split("\n", 1)[1]  # reviewed: the mark deleted
    (model / "mof.yml").write_text(theirs, encoding="utf-8")
    refused = run_osai("init", str(model))
    assert refused.code == 2
    assert refused.stderr == (
        f"osai: error: {model / 'osai.yaml'}: `osai check {model}` would read this draft instead "
        f"of {model / 'mof.yml'}, the manifest there (osai.yaml comes first in "
        "rules/detection.yaml manifests.names): write the draft elsewhere with -o\n"
    )
    assert not (model / "osai.yaml").exists()
    assert (model / "mof.yml").read_text(encoding="utf-8") == theirs
    assert run_osai("init", str(model), "-o", str(tmp_path / "again.yml")).code == 0


def test_a_training_config_named_as_a_manifest_does_not_refuse_a_draft(tmp_path: Path) -> None:
    """A model.yml that is a training config (learning_rate, epochs) is no manifest `osai check`
    reads: `osai init DIR` was refused as shadowing "the manifest there", which was none."""
    model = tmp_path / "tiny-model"
    shutil.copytree(EXAMPLES / "tiny-model", model)
    (model / "model.yml").write_text("learning_rate: 0.0003\nepochs: 3\n", encoding="utf-8")
    written = run_osai("init", str(model))
    assert written.code == 0, written.stderr
    assert (model / "osai.yaml").is_file()


def test_the_blank_manifest_asks_a_fine_tune_s_compute_with_its_base_model_s() -> None:
    """The blank read "FLOP used to train the model", to a fine-tuner the fine-tuning's: 5e+22
    of a 10^24 base showed the model "not in scope" of the EU AI Act, whose cumulative compute
    counts the weights it was initialised from (guidelines paras 119-122)."""
    blank = run_osai("init", "--blank").stdout
    (line,) = [line for line in blank.splitlines() if "training_compute_flop:" in line]
    assert line.endswith("# training FLOP, a base model's too")


def test_two_places_of_one_file_saying_the_same_are_one_comment() -> None:
    """A draft said "README.md:43 the model card carries the data information; README.md:55
    the model card carries the data information" (agm's report): one file's two lines, once."""
    draft = run_osai("init", str(EXAMPLES / "tiny-model"), "-o", "-").stdout
    assert "# detected: README.md:43, 55 the model card carries the data information\n" in draft
    assert draft.count("the model card carries the data information") == 1
