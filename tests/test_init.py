"""`osai init`: a manifest scaffolded from what is detected, that loads as a manifest."""

from __future__ import annotations

import datetime
import json
import re
from pathlib import Path

import pytest
import yaml
from clirunner import EXAMPLES
from typer.testing import CliRunner

from osai.cli import app
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
from osai.init import manifest_path, placeholder_count, render_manifest
from osai.rules import RuleSet, load_ruleset
from osai.sources.manifest import read_manifest

TODAY = datetime.date(2026, 3, 1)


def detected(location: str, value: str = "", line: int | None = None) -> Provenance:
    return Provenance("local", location, value, Certainty.DETECTED, line)


def hand_built_release(target: str = "models/tiny") -> Release:
    """What the local source could say of a small model directory."""
    licence = LicenceFact("Apache-2.0", detected("LICENSE", "Apache License 2.0", 1))
    return Release(
        target=target,
        source="local",
        name="tiny: the model",  # a name that needs quoting in YAML
        producer="Tiny Lab",
        components={
            "model-parameters-final": ComponentEvidence(
                "model-parameters-final",
                Presence.PRESENT,
                (detected("model.safetensors", "weights file"),),
                licence,
                "model.safetensors",
            ),
            "model-architecture": ComponentEvidence(
                "model-architecture", Presence.PRESENT, (detected("config.json", "gpt_neox"),)
            ),
            "training-code": ComponentEvidence(
                "training-code", Presence.ABSENT, (detected("README.md", "no training code", 9),)
            ),
        },
        facts={
            "public_data_sources": Fact(
                "public_data_sources", "The Pile: https://pile.eleuther.ai/", detected("README.md")
            )
        },
    )


@pytest.fixture(scope="module")
def rules() -> RuleSet:
    return load_ruleset()


def render_and_load(tmp_path: Path, release: Release, rules: RuleSet) -> tuple[str, Release]:
    text = render_manifest(release, rules, TODAY)
    path = tmp_path / "osai.yaml"
    path.write_text(text, encoding="utf-8")
    return text, read_manifest(path, rules)


def test_scaffold_loads_as_a_manifest(tmp_path: Path, rules: RuleSet) -> None:
    _, loaded = render_and_load(tmp_path, hand_built_release(), rules)
    assert loaded.name == "tiny: the model"
    assert loaded.producer == "Tiny Lab"
    weights = loaded.component("model-parameters-final")
    assert weights.presence is Presence.PRESENT
    assert weights.licence is not None and weights.licence.text == "Apache-2.0"
    assert weights.location == "model.safetensors"
    # found, but with no licence stated: left undeclared, not listed as "no licence"
    assert loaded.component("model-architecture").presence is Presence.UNKNOWN
    assert loaded.facts["public_data_sources"].value == "The Pile: https://pile.eleuther.ai/"


def test_detected_facts_say_how_they_were_found(tmp_path: Path, rules: RuleSet) -> None:
    text, _ = render_and_load(tmp_path, hand_built_release(), rules)
    assert "license: Apache-2.0  # detected: LICENSE:1 Apache License 2.0" in text
    assert "# Training code: not released (detected: README.md:9 no training code)" in text


def test_unknowns_are_commented_placeholders(tmp_path: Path, rules: RuleSet) -> None:
    text, _ = render_and_load(tmp_path, hand_built_release(), rules)
    assert "    # - name: Model architecture  # detected: config.json gpt_neox\n" in text
    assert "#   license: ?  — declare the model architecture's licence (SPDX id)" in text
    assert "    # - name: Datasets\n    #   license: ?  — not detected:" in text
    assert "# version: ?  — declare the release's version" in text
    assert "name:  # ?  — declare the licence the release is distributed under" in text
    for key in rules.facts:
        assert f"{key}:" in text
    assert "  #   training_data_description: ?  — Provenance, scope and characteristics" in text
    assert placeholder_count(text) >= 15


def test_data_information_block_is_commented_when_nothing_is_known(
    tmp_path: Path, rules: RuleSet
) -> None:
    release = Release("models/bare", "local", "bare")
    text, loaded = render_and_load(tmp_path, release, rules)
    assert "  # data_information:" in text
    for key in rules.facts:
        assert f"  #   {key}: ?  — " in text
    assert loaded.facts == {}
    assert "producer: ''  # ?  — declare who produced the model" in text


def test_only_the_scaffold_comments_are_yaml_comments(tmp_path: Path, rules: RuleSet) -> None:
    text, _ = render_and_load(tmp_path, hand_built_release(), rules)
    data = yaml.safe_load(text)
    assert data["release"]["license"] == {"distribution": {"name": None}}
    names = [c["name"] for c in data["release"]["components"]]
    assert names == ["Model parameters (Final)"]


# --- where it writes -----------------------------------------------------------------------


def test_manifest_path(tmp_path: Path) -> None:
    assert manifest_path(tmp_path, None, force=False) == tmp_path / "osai.yaml"
    (tmp_path / "osai.yaml").write_text("x")
    with pytest.raises(BadInput, match="already exists"):
        manifest_path(tmp_path, None, force=False)
    assert manifest_path(tmp_path, None, force=True) == tmp_path / "osai.yaml"
    assert manifest_path(tmp_path, tmp_path / "m.yml", force=False) == tmp_path / "m.yml"
    with pytest.raises(BadInput, match="not a directory"):
        manifest_path(tmp_path / "nope", None, force=False)


# --- the command ---------------------------------------------------------------------------


@pytest.fixture
def model_dir(tmp_path: Path) -> Path:
    """A small real model directory: a card with a licence, weights and training code."""
    (tmp_path / "README.md").write_text("---\nlicense: apache-2.0\n---\n# A model\n")
    (tmp_path / "model.safetensors").write_bytes(b"\0")
    (tmp_path / "train.py").write_text("print('training')\n")
    return tmp_path


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_init_writes_then_refuses_to_overwrite(
    tmp_path: Path, model_dir: Path, rules: RuleSet
) -> None:
    code, out, _ = invoke("init", str(tmp_path))
    assert code == 0
    written = tmp_path / "osai.yaml"
    assert f"wrote {written}" in out
    assert read_manifest(written, rules).name == tmp_path.name
    written.write_text(written.read_text() + "# my edits\n")
    code, _, err = invoke("init", str(tmp_path))
    assert code == 2
    assert err.strip().splitlines() == [
        f"osai: error: {written}: already exists (use --force to overwrite it)"
    ]
    assert written.read_text().endswith("# my edits\n")
    code, _, _ = invoke("init", str(tmp_path), "--force")
    assert code == 0
    assert not written.read_text().endswith("# my edits\n")


def test_init_output_elsewhere_and_input_manifest_protected(
    tmp_path: Path, model_dir: Path, rules: RuleSet
) -> None:
    manifest = tmp_path / "model.yml"
    manifest.write_text((EXAMPLES / "pythia-70m.yml").read_text())
    code, _, err = invoke("init", str(tmp_path), "--output", str(manifest))
    assert code == 2 and "already exists" in err
    assert manifest.read_text() == (EXAMPLES / "pythia-70m.yml").read_text()
    other = tmp_path / "drafts" / "osai-draft.yaml"
    code, _, _ = invoke("init", str(tmp_path), "--output", str(other))
    assert code == 0
    # model.yml there is a manifest: the draft carries what it declares.
    assert read_manifest(other, rules).producer == "EleutherAI"


def test_init_on_a_file_is_bad_input(tmp_path: Path, model_dir: Path) -> None:
    code, _, err = invoke("init", str(EXAMPLES / "pythia-70m.yml"))
    assert code == 2 and "not a directory" in err


def test_init_on_the_example_directory(tmp_path: Path, rules: RuleSet) -> None:
    """With the real local source: the example model directory scaffolds a loadable manifest."""
    directory = EXAMPLES / "tiny-model"
    if not directory.is_dir():
        pytest.skip("examples/tiny-model not present")
    output = tmp_path / "osai.yaml"
    code, _, err = invoke("init", str(directory), "--output", str(output))
    assert code == 0, err
    loaded = read_manifest(output, rules)
    assert loaded.component("model-parameters-final").presence is Presence.PRESENT


def test_checking_right_after_init_changes_no_verdict(tmp_path: Path) -> None:
    """The draft lists only what was detected; it must not declare the rest not released."""
    from shutil import copytree

    from clirunner import EXAMPLES, run_osai

    model = tmp_path / "tiny-model"
    copytree(EXAMPLES / "tiny-model", model)
    before = run_osai("check", str(model), "--format", "json")
    assert run_osai("init", str(model)).code == 0
    after = run_osai("check", str(model), "--format", "json")

    def outcomes(stdout: str) -> list[tuple[str, str]]:
        import json

        document = json.loads(stdout)
        return [(f["id"], f["outcome"]) for f in document["targets"][0]["frameworks"]]

    assert outcomes(after.stdout) == outcomes(before.stdout)


# --- a draft states nothing nobody stated -------------------------------------------------


def inferred(location: str, value: str = "", line: int | None = None, note: str = "") -> Provenance:
    return Provenance("local", location, value, Certainty.INFERRED, line, note)


def release_with_inferences() -> Release:
    """A linked training repository, an architecture known from its library, an inferred fact."""
    library = LicenceFact(
        "Apache-2.0",
        inferred("config.json", "transformers: Apache-2.0", note="the transformers library's"),
        "the transformers library",
    )
    link = "https://github.com/example/train"
    return Release(
        target="models/linked",
        source="local",
        name="linked",
        components={
            "training-code": ComponentEvidence(
                "training-code",
                Presence.PRESENT,
                (inferred("README.md", link, 10, "linked under 'Training'"),),
                None,
                "README.md",
            ),
            "model-architecture": ComponentEvidence(
                "model-architecture",
                Presence.PRESENT,
                (inferred("config.json", "GPTNeoXForCausalLM", note="ships in transformers"),),
                library,
                "config.json",
            ),
        },
        facts={
            "public_data_sources": Fact(
                "public_data_sources", "The Pile", inferred("README.md", "The Pile", 20)
            )
        },
    )


def test_inferred_and_unlicensed_components_are_commented_entries(
    tmp_path: Path, rules: RuleSet
) -> None:
    text, loaded = render_and_load(tmp_path, release_with_inferences(), rules)
    assert "    # - name: Training code  # inferred: README.md:10 linked under 'Training'\n" in text
    assert "    #   license: ?  — declare the training code's licence (SPDX id)" in text
    assert '    #   evidence: {url: "https://github.com/example/train"}\n' in text
    assert "component_path: README.md" not in text
    assert "    # - name: Model architecture  # inferred: config.json ships in" in text
    assert (
        "    #   license: Apache-2.0  # ?  — inferred, not stated (config.json the transformers "
        "library's): confirm it, then uncomment\n"
    ) in text
    assert "component_path: config.json" not in text
    assert "  #   public_data_sources: The Pile  # ?  — inferred, not stated (README.md:20" in text
    assert "  # data_information:" in text
    for component in ("training-code", "model-architecture"):
        assert loaded.component(component).presence is Presence.UNKNOWN
    assert loaded.facts == {}
    assert placeholder_count(text) >= 3


def test_a_confirmed_entry_uncommented_loads_with_its_link(tmp_path: Path, rules: RuleSet) -> None:
    text = render_manifest(release_with_inferences(), rules, TODAY)
    text = text.replace("    # - name: Training code", "    - name: Training code")
    declare = r"    #   license: \?  — declare the training code's.*"
    text = re.sub(declare, "      license: MIT", text)
    text = text.replace("    #   evidence: {url:", "      evidence: {url:")
    text = re.sub(r"  components: \[\]  # nothing detected.*", "  components:", text)
    path = tmp_path / "osai.yaml"
    path.write_text(text, encoding="utf-8")
    training = read_manifest(path, rules).component("training-code")
    assert training.presence is Presence.PRESENT
    assert training.licence is not None and training.licence.text == "MIT"
    assert training.location == "https://github.com/example/train"


def make_linked_model(directory: Path) -> Path:
    """A model directory as the reviewer built it: a card linking training code on GitHub, a
    transformers config (architecture inferred), a LICENSE, weights."""
    directory.mkdir()
    (directory / "README.md").write_text(
        "---\nlicense: apache-2.0\n---\n# linked\n\nA small model.\n\n## Training\n\n"
        "The training code is at https://github.com/example/linked-train.\n",
        encoding="utf-8",
    )
    (directory / "config.json").write_text(
        '{"model_type": "gpt_neox", "architectures": ["GPTNeoXForCausalLM"], '
        '"transformers_version": "4.40.0"}\n',
        encoding="utf-8",
    )
    (directory / "LICENSE").write_text((EXAMPLES / "tiny-model" / "LICENSE").read_text())
    (directory / "model.safetensors").write_bytes(b"\0" * 16)
    return directory


def verdicts(stdout: str) -> dict[str, str]:
    """Every framework's outcome and every requirement's status, from a JSON report."""
    document = json.loads(stdout)
    found: dict[str, str] = {}
    for framework in document["targets"][0]["frameworks"]:
        found[framework["id"]] = framework["outcome"]
        for requirement in framework["requirements"]:
            found[f"{framework['id']}/{requirement['id']}"] = requirement["status"]
    return found


def test_init_on_linked_and_inferred_evidence_changes_no_verdict(tmp_path: Path) -> None:
    from clirunner import run_osai

    model = make_linked_model(tmp_path / "linked")
    before = run_osai("check", str(model), "--format", "json")
    assert run_osai("init", str(model)).code == 0
    after = run_osai("check", str(model), "--format", "json")
    assert before.stdout and after.stdout, (before.stderr, after.stderr)
    before_verdicts = verdicts(before.stdout)
    assert any("/" in key for key in before_verdicts)
    assert verdicts(after.stdout) == before_verdicts
    written = (model / "osai.yaml").read_text(encoding="utf-8")
    assert 'evidence: {url: "https://github.com/example/linked-train"}' in written
    assert "component_path: README.md\n" in written  # the model card's own file, and only it
    assert written.count("component_path: README.md") == 1
