"""A card saying a component is not released beside a file that shows it, in a directory whose
reviewed manifest declares the component: the manifest settles it, and the conflict says so.

Found by a product review (ajl): tiny-model's card says its data-preprocessing code is not
released (README.md:57); with preprocess.py added and osai.yaml declaring it, the verdict took the
manifest's word (conformant, declared), yet the note said "osai cannot tell which is right and
leaves it unknown - declare it in a manifest", false twice, and code scanning's OSAI-CONFLICT
alert at README.md:57 asked for what was done, in every run: no fix could close it.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from clirunner import EXAMPLES, run_osai
from report_text import action_lines

from osai.evidence import Release
from osai.paths import MANIFEST_NAME

SENTENCE = "The data-preprocessing code is not released."
COMPONENT = "    - name: Data preprocessing code\n"
# Every component OSAID asks for, declared: OSAID conformant on the manifest's word alone.
MANIFEST = f"""\
framework:
  name: Model Openness Framework
  version: '1.0'
  date: '2024-12-15'
release:
  name: tiny-model
  producer: Tiny Lab
  license:
    distribution:
      name: Apache-2.0
  data_information:
    training_data_description: 'Stories, normalised to NFC and deduplicated.'
    public_data_sources: roneneldan/TinyStories
    third_party_data_sources: none
    unshareable_data_description: 'A licensed corpus of stories, described in the card.'
  components:
    - name: Model architecture
      component_path: modeling_tiny.py
{COMPONENT}      component_path: preprocess.py
    - name: Training code
      component_path: train.py
    - name: Inference code
      component_path: modeling_tiny.py
    - name: Evaluation code
      component_path: evaluate.py
    - name: Supporting libraries and tools
      component_path: modeling_tiny.py
    - name: Model parameters (Final)
      component_path: model.safetensors
    - name: Datasets
    - name: Model card
      component_path: README.md
    - name: Data card
      component_path: README.md
    - name: Technical report
      license: CC-BY-4.0
      component_path: technical-report.md
    - name: Evaluation results
      component_path: README.md
"""
GATE = ("--require", "osaid", "--min-certainty", "declared")


@pytest.fixture
def model(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """tiny-model with preprocess.py and a reviewed manifest declaring it, its card unchanged;
    checked from beside it (`model`), so that every path said is short."""
    monkeypatch.chdir(tmp_path)
    model = tmp_path / "model"
    shutil.copytree(EXAMPLES / "tiny-model", model)
    (model / "preprocess.py").write_text('"""Data preprocessing."""\n', encoding="utf-8")
    (model / MANIFEST_NAME).write_text(MANIFEST, encoding="utf-8")
    return model


def _line_of(path: Path, text: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    return 1 + next(n for n, line in enumerate(lines) if text in line)


def _notes(stdout: str) -> str:
    """The Notes block, as one line of words (wrapping aside)."""
    return " ".join(stdout.split("\nNotes\n", 1)[1].split("\nEvidence", 1)[0].split())


def _conflicts(*args: str) -> tuple[int, list[dict[str, Any]]]:
    run = run_osai("check", "model", *args, "--format", "sarif")
    results = json.loads(run.stdout)["runs"][0]["results"]
    return run.code, [r for r in results if r["ruleId"] == "OSAI-CONFLICT"]


def test_a_manifest_declaring_it_released_settles_the_card_and_says_to_correct_the_card(
    model: Path,
) -> None:
    run = run_osai("check", "model", *GATE, env={"COLUMNS": "80"})
    assert run.code == 0, run.stdout + run.stderr  # the gate passes on the declaration
    assert "OSAID 1.0  ✔ conformant (Open Source AI; declared)" in run.stdout
    assert all(len(line) <= 80 for line in run.stdout.splitlines())
    card, declared = (
        _line_of(model / "README.md", SENTENCE),
        _line_of(model / MANIFEST_NAME, COMPONENT),
    )
    notes = _notes(run.stdout)
    assert (
        f"conflict: Data preprocessing code: model/{MANIFEST_NAME}:{declared} declares it "
        f"released and preprocess.py shows it; README.md:{card} says not released ({SENTENCE}): "
        "correct the card"
    ) in notes
    assert "leaves it unknown" not in notes and "declare it in a manifest" not in notes


def test_the_card_s_alert_stays_until_the_card_is_corrected_and_fails_no_gate(
    model: Path,
) -> None:
    """Code scanning's alert points at the card's line, says to correct it, and closes when it
    is; the gate passes on the declaration throughout (no finding fails a gate)."""
    card = model / "README.md"
    line = _line_of(card, SENTENCE)
    code, conflicts = _conflicts(*GATE)
    assert code == 0
    assert [c["level"] for c in conflicts] == ["warning"]
    location = conflicts[0]["locations"][0]["physicalLocation"]
    assert (location["artifactLocation"]["uri"], location["region"]["startLine"]) == (
        "model/README.md",
        line,
    )
    message = conflicts[0]["message"]["text"]
    assert message.endswith("correct the card") and "leaves it unknown" not in message
    card.write_text(card.read_text("utf-8").replace(SENTENCE, "See preprocess.py."), "utf-8")
    assert _conflicts(*GATE) == (0, [])


def test_a_manifest_declaring_it_not_released_beside_the_file_says_so(model: Path) -> None:
    """`released: false` beside the card's "not released" and the file: the manifest's word
    stands (the more restrictive, as it was), and the note says what the action says."""
    manifest = model / MANIFEST_NAME
    text = manifest.read_text("utf-8")
    manifest.write_text(
        text.replace(
            f"{COMPONENT}      component_path: preprocess.py\n",
            COMPONENT + "      released: false\n",
        ),
        "utf-8",
    )
    run = run_osai("check", "model", "-v", env={"COLUMNS": "80"})
    assert run.code == 0, run.stderr
    card, declared = _line_of(model / "README.md", SENTENCE), _line_of(manifest, COMPONENT)
    assert (
        f"conflict: Data preprocessing code: model/{MANIFEST_NAME}:{declared} declares it not "
        f"released, as README.md:{card} says ({SENTENCE}); yet preprocess.py shows it: correct "
        "whichever is wrong"
    ) in _notes(run.stdout)
    assert (
        f"correct Data preprocessing code: {MANIFEST_NAME}:{declared} says not released, yet "
        "preprocess.py shows it; correct whichever is wrong — reaches OSAID"
    ) in action_lines(run.stdout)


def test_without_a_manifest_the_card_and_the_file_leave_it_unknown(model: Path) -> None:
    """Nothing declares it: osai cannot tell which is right, and says so; its requirements say
    the evidence is divided, not "no evidence found" above the two readings they cite."""
    (model / MANIFEST_NAME).unlink()
    run = run_osai("check", "model", "-v", env={"COLUMNS": "80"})
    assert "osai cannot tell which is right and leaves it unknown - declare it in a manifest" in (
        _notes(run.stdout)
    )
    said = " ".join(run.stdout.split())
    assert (
        said.count("Data preprocessing code: the evidence does not settle whether it is released")
        == 2
    )  # OSAID's requirement and the MOF's
    assert "Data preprocessing code: no evidence found" not in said
    assert "divided, see its conflict note: README.md:" in said


def _linked_showing(component: str) -> Release:
    """What a followed link, or a public listing, shows of the model: the component, released."""
    from osai.evidence import Certainty, ComponentEvidence, Presence, Provenance

    shown = Provenance(
        "github", "github.com/tiny-lab/tiny-model", "tree: preprocess.py", Certainty.DETECTED
    )
    evidence = ComponentEvidence(component, Presence.PRESENT, (shown,))
    return Release(target="model", source="links", name="", components={component: evidence})


@pytest.mark.parametrize("merged_as", ["link", "listing"])
def test_a_link_or_a_listing_that_shows_it_settles_the_card_too(
    model: Path, merged_as: str
) -> None:
    """The card's "not released" beside the file, and no manifest: a followed link (the
    producer's repository) or a public listing that shows the component is what the merge takes;
    the note still said "osai cannot tell which is right and leaves it unknown", as neither
    merge said the finding anew (links.combine built its findings from the repository's own; a
    listing under the repository's word settled nothing) (ajp)."""
    from osai.links.combine import with_linked
    from osai.rules import load_ruleset
    from osai.sources.merge import merge_releases
    from osai.targets import ReadOptions, read_target

    (model / MANIFEST_NAME).unlink()
    rules = load_ruleset()
    repository = read_target("model", rules, ReadOptions())
    assert repository.component("data-preprocessing-code").contested is not None
    linked = _linked_showing("data-preprocessing-code")
    if merged_as == "link":
        release = with_linked(repository, linked, rules)
    else:
        release = merge_releases(repository, linked, rules, yielding="the listing gives way")
    assert release.component("data-preprocessing-code").is_present
    said = [f.message for f in release.findings if f.component == "data-preprocessing-code"]
    assert not any("leaves it unknown" in message for message in said), said
    assert any(
        "github.com/tiny-lab/tiny-model says it is released and preprocess.py shows it; "
        "README.md:57 says not released"
        in message
        and message.endswith("correct the card")
        for message in said
    ), said
