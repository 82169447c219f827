"""A component's own licence, declared, beside the licence the card states for the whole
repository: no contradiction, the component's own wins (the MOF model file's rule: a component's
`license` over the release's).

Found by a product review (ajo): a Hub repository carrying the README's manifest template
(osai.yaml: the model card `license: CC-BY-4.0`, `license.distribution` Apache-2.0) beside a
card saying `license: apache-2.0` printed "conflict: Model card: the manifest says licence
'CC-BY-4.0' (osai.yaml:27) but README.md:8 says 'apache-2.0' (Apache-2.0); osai keeps the more
restrictive, 'CC-BY-4.0'": the maintainer was told to correct one of two statements that agree.
The same in a directory (tiny-model with such an osai.yaml).  Two licences each said of the
component (a licence file in its folder, the manifest's), or two for the release as a whole (the
manifest's license.distribution, the card's), still contradict; so does a component's own
licence more generous than the release's (Apache-2.0 weights where the card says Llama 2).
"""

from __future__ import annotations

import copy
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from clirunner import EXAMPLES, run_osai
from loopback_hub import DEFAULT_FIXTURES_DIR, LoopbackHub

from osai.paths import MANIFEST_NAME

COLUMNS = 80
MIT = "MIT License\n\nCopyright (c) 2025 Tiny Lab\n\nPermission is hereby granted, free of charge"


def manifest(distribution: str = "Apache-2.0", **own: str) -> str:
    """A reviewed manifest, as the README's template has it: a distribution licence, and
    components with a licence of their own (`own`: component name → licence)."""
    components = ["Model architecture", "Training code", "Inference code"]
    components += ["Model parameters (Final)", "Model card", *own]
    listed = "".join(
        f"    - name: {name}\n" + (f"      license: {own[name]}\n" if name in own else "")
        for name in dict.fromkeys(components)
    )
    return f"""\
framework:
  name: Model Openness Framework
  version: '1.0'
  date: '2024-12-15'
release:
  name: tiny-model
  producer: Tiny Lab
  license:
    distribution:
      name: {distribution}
  data_information:
    training_data_description: 'Stories, normalised to NFC and deduplicated.'
    public_data_sources: roneneldan/TinyStories
    third_party_data_sources: none
    unshareable_data_description: none
  components:
{listed}"""


def directory(tmp_path: Path, text: str, card_licence: str = "apache-2.0") -> Path:
    """tiny-model (its card: `license: apache-2.0`, or `card_licence`) with `text` as its
    osai.yaml."""
    model = tmp_path / "tiny-model"
    shutil.copytree(EXAMPLES / "tiny-model", model)
    card = model / "README.md"
    card.write_text(card.read_text().replace("license: apache-2.0", f"license: {card_licence}", 1))
    (model / MANIFEST_NAME).write_text(text)
    return model


def checked(target: str, env: dict[str, str] | None = None) -> tuple[str, dict[str, Any]]:
    """The report at 80 columns, and the JSON report's one target."""
    text = run_osai("check", target, "--no-follow", env={**(env or {}), "COLUMNS": f"{COLUMNS}"})
    assert text.code in (0, 1), text.stderr
    assert all(len(line) <= COLUMNS for line in text.stdout.splitlines()), text.stdout
    document = run_osai("check", target, "--no-follow", "--format", "json", env=env)
    (found,) = json.loads(document.stdout)["targets"]
    return text.stdout, found


def licence_conflicts(found: dict[str, Any], component: str) -> list[str]:
    return [
        f["message"]
        for f in found["findings"]
        if f["kind"] == "conflict" and f.get("component") == component and "licence" in f["message"]
    ]


def licence_of(found: dict[str, Any], component: str) -> dict[str, Any]:
    (one,) = [c for c in found["components"] if c["id"] == component]
    licence: dict[str, Any] = one["licence"]
    return licence


def assert_the_manifests_own_stands(report: str, found: dict[str, Any], licence: str) -> None:
    assert licence_conflicts(found, "model-card") == []
    assert "conflict: Model card" not in report
    kept = licence_of(found, "model-card")
    assert kept["text"] == licence and kept["inherited_from"] == ""
    assert (kept["evidence"]["source"], kept["evidence"]["certainty"]) == ("manifest", "declared")
    assert f"✔ Model card · {licence} ·" in report


def test_a_model_cards_own_licence_beside_the_cards_for_the_directory_is_no_conflict(
    tmp_path: Path,
) -> None:
    model = directory(tmp_path, manifest(**{"Model card": "CC-BY-4.0"}))
    report, found = checked(str(model))
    assert_the_manifests_own_stands(report, found, "CC-BY-4.0")


def test_a_model_cards_own_licence_beside_the_cards_on_the_hub_is_no_conflict(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    """A copy of pythia-70m (its card: `license: apache-2.0`) with the osai.yaml added."""
    path = DEFAULT_FIXTURES_DIR / "EleutherAI__pythia-70m.json"
    data = copy.deepcopy(json.loads(path.read_text(encoding="utf-8")))
    siblings = [{"rfilename": name} for name in ("README.md", MANIFEST_NAME)]
    data.update(id="osai-test/pythia-with-osai-yaml", sha=None, siblings=siblings)
    repo_id = hub.add_repo(data)
    hub.add_file(repo_id, MANIFEST_NAME, manifest(**{"Model card": "CC-BY-4.0"}))
    env = {"HF_ENDPOINT": hub.endpoint, "HF_HOME": str(tmp_path / "home")}
    report, found = checked(repo_id, env)
    assert_the_manifests_own_stands(report, found, "CC-BY-4.0")


def test_an_own_licence_more_restrictive_than_the_cards_stands_unsaid(tmp_path: Path) -> None:
    """The model card's own CC-BY-NC-4.0 beside the card's apache-2.0 for the repository: the
    component's own applies, and there is nothing to correct."""
    model = directory(tmp_path, manifest(**{"Model card": "CC-BY-NC-4.0"}))
    report, found = checked(str(model))
    assert_the_manifests_own_stands(report, found, "CC-BY-NC-4.0")


def test_an_own_licence_more_generous_than_the_cards_stays_a_conflict(tmp_path: Path) -> None:
    """A manifest's Apache-2.0 for the weights where the card says Llama 2 for the repository:
    taken unsaid, the manifest's word would pass the weights on the more generous statement."""
    text = manifest(**{"Model parameters (Final)": "Apache-2.0"})
    model = directory(tmp_path, text, card_licence="llama2")
    report, found = checked(str(model))
    (said,) = licence_conflicts(found, "model-parameters-final")
    assert "the manifest says licence 'Apache-2.0'" in said
    assert "osai keeps the more restrictive, 'llama2'" in said
    assert licence_of(found, "model-parameters-final")["text"] == "llama2"
    assert "conflict: Model parameters (Final)" in report


@pytest.mark.parametrize(
    ("component", "licence"),
    [("Model card", "CC-BY-4.0"), ("Evaluation results", "CC-BY-4.0")],
)
def test_a_fine_tunes_own_documents_and_code_stand_beside_the_cards_llama_2(
    tmp_path: Path, component: str, licence: str
) -> None:
    """A Llama 2 fine-tune's card says `license: llama2`, as the Hub wants, for its weights; its
    manifest declares its own model card CC-BY-4.0: "osai cannot rank them … correct the source
    that is wrong", though neither was wrong (akf #4).  What the publisher wrote is theirs to
    license (rules/detection.yaml `own_licence_stands`): it stands, and a note says over what."""
    model = directory(tmp_path, manifest(**{component: licence}), card_licence="llama2")
    report, found = checked(str(model))
    component_id = component.lower().replace(" ", "-")
    assert licence_conflicts(found, component_id) == []
    assert licence_of(found, component_id)["text"] == licence
    (note,) = [
        f["message"]
        for f in found["findings"]
        if f["kind"] == "note" and f.get("component") == component_id
    ]
    assert note.startswith(f"{component}: the manifest declares it under '{licence}' (")
    assert "which stands over the release's 'llama2' (LicenseRef-llama2)" in note
    assert f"note: {component}: the manifest declares it" in report


def test_the_manifests_licence_for_the_release_beside_the_cards_stays_a_conflict(
    tmp_path: Path,
) -> None:
    """The model card inherits the manifest's license.distribution (MIT), and the card says
    apache-2.0 for the repository: two licences of the release as a whole contradict."""
    model = directory(tmp_path, manifest(distribution="MIT"))
    report, found = checked(str(model))
    (said,) = licence_conflicts(found, "model-card")
    assert "the manifest says licence 'MIT'" in said and "'apache-2.0'" in said
    assert "conflict: Model card" in report


@pytest.mark.parametrize("folder", ["train", ""])
def test_a_licence_file_of_the_components_own_stays_a_conflict(tmp_path: Path, folder: str) -> None:
    """The training code's own licence file (in its folder, or the repository's LICENSE the
    code takes first) says MIT, the manifest says Apache-2.0 for it: both said of the
    component, they contradict."""
    model = directory(tmp_path, manifest(**{"Training code": "Apache-2.0"}))
    if folder:
        (model / folder).mkdir()
        (model / "train.py").rename(model / folder / "train.py")
    (model / folder / "LICENSE").write_text(MIT)
    report, found = checked(str(model))
    (said,) = licence_conflicts(found, "training-code")
    assert "the manifest says licence 'Apache-2.0'" in said and "'MIT'" in said
    assert "conflict: Training code" in report


@pytest.mark.parametrize(("named", "used"), [("allenai/OLMo-7B-hf", False), ("", True)])
def test_another_models_manifest_in_a_hub_repository_is_not_used(
    hub: LoopbackHub, tmp_path: Path, named: str, used: bool
) -> None:
    """A Llama 2 fine-tune's repository holding a manifest whose `huggingface:` names another
    model (OLMo's, copied with its files): read as the repository's word, its model card's
    CC-BY-4.0 stood over the card's llama2 (own_licence_stands), a note saying the publisher
    gave it.  `--manifest` refuses such a manifest; inside the repository it is not used, a
    warning says why (akr).  One naming this repository, or none, is still read."""
    path = DEFAULT_FIXTURES_DIR / "EleutherAI__pythia-70m.json"
    data = copy.deepcopy(json.loads(path.read_text(encoding="utf-8")))
    siblings = [{"rfilename": name} for name in ("README.md", MANIFEST_NAME)]
    data.update(id="osai-test/llama-fine-tune", sha=None, siblings=siblings)
    repo_id = hub.add_repo(data)
    text = manifest(**{"Model card": "CC-BY-4.0"})
    if named:
        page = f"  huggingface: 'https://huggingface.co/{named}'\n"
        text = text.replace("  producer: Tiny Lab\n", f"  producer: Tiny Lab\n{page}")
    hub.add_file(repo_id, MANIFEST_NAME, text)
    hub.add_file(repo_id, "README.md", "---\nlicense: llama2\n---\n# A fine-tune\n")
    env = {"HF_ENDPOINT": hub.endpoint, "HF_HOME": str(tmp_path / "home")}
    report, found = checked(repo_id, env)
    assert (licence_of(found, "model-card")["text"] == "CC-BY-4.0") is used
    warnings = [f["message"] for f in found["findings"] if f["kind"] == "warning"]
    said = f"its huggingface: names {named}, not {repo_id}: another model's manifest"
    assert any(said in w and "was not used" in w for w in warnings) is not used, warnings
    assert ("another model's manifest" in report) is not used
