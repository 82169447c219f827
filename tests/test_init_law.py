"""The init law: `osai check DRAFT` reaches the verdict `osai check SOURCE` reaches — every
framework's outcome and every requirement's status and certainty, for every framework of
rules/frameworks, in the default and strict MOF modes — for every model directory (the example
and the directories built here) and every Hub fixture, read through the loopback Hub.  What the
source only inferred stays inferred in the draft, so a gate that wants detected evidence still
says NOT PROVEN; what the release states stays detected while the draft's first line says it is
one, so a gate that wants declared evidence is not passed by a draft no one has read.  Reviewed
(that line deleted), the draft is the publisher's word: what the release states, it declares.
"""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path
from shutil import copytree
from textwrap import dedent

import pytest
import yaml
from clirunner import EXAMPLES, Result, run_osai
from draftlines import explained
from loopback_hub import DEFAULT_FIXTURES_DIR, LoopbackHub

from osai.rules import load_ruleset

MODES = ("default", "strict")
# Every framework, not only the default ones: a fact only one of them reads (EOSAI's model card
# grade rests on architecture_description) must keep its certainty too.
EVERY_FRAMEWORK = tuple(
    option for framework in load_ruleset().frameworks for option in ("-f", framework)
)
MIT = (
    "MIT License\n\nCopyright (c) 2024 Example\n\nPermission is hereby granted, free of charge, "
    "to any person obtaining a copy of this software...\n"
)
APACHE = (EXAMPLES / "tiny-model" / "LICENSE").read_text(encoding="utf-8")
CONFIG = (
    '{"architectures": ["GPTNeoXForCausalLM"], "model_type": "gpt_neox", '
    '"transformers_version": "4.44.2"}'
)
MANIFEST_INSIDE = """\
framework: {name: Model Openness Framework, version: '1.0', date: '2024-12-15'}
release:
  name: declared-name
  producer: Someone
  license:
    distribution: {name: Apache-2.0}
  data_information:
    third_party_data_sources: none
    unshareable_data_description: false
  components:
    - name: Model parameters (Final)
    - name: Datasets
      license: CC-BY-4.0
    - name: Model card
"""

# A code file holds code: an empty one is no evidence (rules/detection.yaml empty_not_evidence).
CODE = "x = 1\n"


def card(front: str, body: str = "# Model\n\nA model.\n") -> str:
    return f"---\n{front}\n---\n{body}"


# Each a model directory as a publisher could ship it (or as a test elsewhere builds one).
DIRECTORIES: dict[str, dict[str, str | bytes]] = {
    # nothing osai detects (an empty directory is bad input to `osai check`)
    "nothing-detected": {"NOTES.txt": "Weights to come.\n"},
    "files-of-every-kind": {
        "model-00001-of-00002.safetensors": b"\0" * 16,
        "model-00002-of-00002.safetensors": b"\0" * 16,
        "model.safetensors.index.json": "{}",
        "generation_config.json": "{}",
        "tokenizer.json": "{}",
        "scripts/finetune_lora.py": CODE,
        "eval/run.py": CODE,
        "preprocess.py": CODE,
        "inference.py": CODE,
        "eval_results.json": "{}",
        "DATA_CARD.md": "# Data\n",
        "docs/technical_report.pdf": b"%PDF",
        "LICENSE": APACHE,
    },
    "card-says-not-released": {
        "README.md": card(
            "license: apache-2.0\ndatasets: [EleutherAI/pile]",
            "## Training\n\nThe data preprocessing code is not released.\n",
        ),
        "model.safetensors": b"\0" * 16,
    },
    "not-released-yet-found": {
        "train.py": CODE,
        "README.md": card("license: mit", "## Training\n\nThe training code is not released.\n"),
    },
    "licence-file-and-card-disagree": {
        "LICENSE": MIT,
        "README.md": card("license: llama2"),
        "train.py": CODE,
        "model.safetensors": b"\0" * 16,
    },
    "restricted-card-no-weights": {"README.md": card("license: llama2"), "train.py": CODE},
    "open-card-no-weights": {"README.md": card("license: apache-2.0"), "config.json": CONFIG},
    "bare-licence-file": {"LICENSE": MIT, "train.py": CODE, "model.safetensors": b"\0" * 16},
    "checkpoints": {
        "checkpoints/step1000/model.safetensors": b"\0" * 16,
        "checkpoint-500/pytorch_model.bin": b"\0" * 16,
        "checkpoint-500/optimizer.pt": b"",
        "model.safetensors": b"\0" * 16,
        "README.md": card("license: cc-by-4.0"),
    },
    "nearer-licence-files": {
        "LICENSE": MIT,
        "README.md": card("license: mit"),
        "weights/LICENSE": APACHE,
        "weights/model.safetensors": b"\0" * 16,
        "code/train.py": CODE,
    },
    "manifest-inside": {
        "osai.yaml": MANIFEST_INSIDE,
        "README.md": card("license: llama2"),
        "model.safetensors": b"\0" * 16,
        "train.py": CODE,
    },
    "unknown-licence-id": {"README.md": card("license: other"), "model.safetensors": b"\0" * 16},
    "card-lists-two-licences": {
        "README.md": card("license: [mit, llama2]"),
        "model.safetensors": b"\0" * 16,
    },
    "linked-and-inferred": {
        "README.md": card(
            "license: apache-2.0",
            "# linked\n\nA small model.\n\n## Training\n\n"
            "The training code is at https://github.com/example/linked-train.\n",
        ),
        "config.json": CONFIG,
        "LICENSE": APACHE,
        "model.safetensors": b"\0" * 16,
    },
    "card-states-a-training-compute": {
        "README.md": card(
            "license: mit",
            "# M\n\nA model.\n\n## Training\n\nIt was trained with 3.1e23 FLOPs on GPUs.\n",
        ),
        "model.safetensors": b"\0" * 16,
    },
    "citation": {
        "README.md": card("license: apache-2.0"),
        "CITATION.cff": dedent(
            """\
            cff-version: 1.2.0
            title: example
            message: cite the report
            authors: [{name: Example}]
            preferred-citation:
              type: report
              title: "example: a report"
              authors: [{name: Example}]
              license: CC-BY-4.0
            """
        ),
        "technical-report.md": "# Report\n",
    },
}


def make(root: Path, files: dict[str, str | bytes]) -> Path:
    root.mkdir(parents=True)
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


def sources(tmp_path: Path) -> dict[str, Path]:
    """Every local source: the example directory, the directories above, a card alone."""
    found = {name: make(tmp_path / name, files) for name, files in DIRECTORIES.items()}
    found["tiny-model"] = copytree(EXAMPLES / "tiny-model", tmp_path / "tiny-model")
    found["card-alone"] = EXAMPLES / "tiny-model" / "README.md"
    return found


LOCAL = sorted([*DIRECTORIES, "tiny-model", "card-alone"])
HUB = sorted(
    json.loads(path.read_text(encoding="utf-8"))["id"]
    for path in DEFAULT_FIXTURES_DIR.glob("*.json")
)


Verdict = tuple[str, str | None]


def verdicts(stdout: str, *, as_read: dict[str, str] | None = None) -> dict[str, Verdict]:
    """Every framework's outcome and every requirement's status, each with its certainty, from
    a JSON report; `as_read`: how a draft of this source states each certainty."""
    document = json.loads(stdout)
    said = as_read or {}
    found: dict[str, Verdict] = {}
    for framework in document["targets"][0]["frameworks"]:
        certainty = framework["certainty"]
        found[framework["id"]] = (framework["outcome"], said.get(certainty, certainty))
        for requirement in framework["requirements"]:
            certainty = said.get(requirement["certainty"], requirement["certainty"])
            found[f"{framework['id']}/{requirement['id']}"] = (requirement["status"], certainty)
    return found


# A draft still marked as one holds what it declares at detected (what the source's own manifest
# declared too, until someone reviews the draft); a reviewed draft declares what the release states.
UNREVIEWED_OF_A_MANIFEST = {"declared": "detected"}
REVIEWED = {"detected": "declared"}


def assert_same_verdict(
    source: Result, draft: Result, as_read: dict[str, str] | None = None
) -> int:
    assert source.stdout and draft.stdout, (source.stderr, draft.stderr)
    before = verdicts(source.stdout, as_read=as_read)
    after = verdicts(draft.stdout)
    assert len(before) > 50
    assert {key for key in before if "/" not in key} == set(load_ruleset().frameworks)
    changed = {key: (was, after.get(key)) for key, was in before.items() if after.get(key) != was}
    assert not changed
    assert after.keys() == before.keys()
    return len(before)


def draft_of(target: str, draft: Path, env: dict[str, str] | None = None) -> str:
    result = run_osai("init", target, "-o", str(draft), env=env)
    assert result.code == 0, result.stderr
    assert draft.is_file()
    return draft.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", LOCAL)
def test_the_law_for_local_sources(name: str, tmp_path: Path) -> None:
    source = sources(tmp_path)[name]
    draft = tmp_path / "draft.yml"
    draft_of(str(source), draft)
    reviewed = tmp_path / "reviewed.yml"  # its first line, the draft's mark, deleted
    reviewed.write_text(draft.read_text(encoding="utf-8").split("\n", 1)[1], encoding="utf-8")
    for mode in MODES:
        before = run_osai(
            "check", str(source), *EVERY_FRAMEWORK, "--format", "json", "--mof-mode", mode
        )
        after = run_osai(
            "check", str(draft), *EVERY_FRAMEWORK, "--format", "json", "--mof-mode", mode
        )
        unreviewed = UNREVIEWED_OF_A_MANIFEST if name == "manifest-inside" else None
        assert_same_verdict(before, after, unreviewed)
        after = run_osai(
            "check", str(reviewed), *EVERY_FRAMEWORK, "--format", "json", "--mof-mode", mode
        )
        assert_same_verdict(before, after, REVIEWED)


@pytest.mark.parametrize("repo_id", HUB)
def test_the_law_for_hub_models(repo_id: str, hub: LoopbackHub, tmp_path: Path) -> None:
    env = {"HF_ENDPOINT": hub.endpoint, "HF_HOME": str(tmp_path / "home")}
    draft = tmp_path / "draft.yml"
    text = draft_of(repo_id, draft, env)
    said = " ".join(line[2:] for line in text.splitlines() if line.startswith("# "))  # wrapped
    assert f"from the Hugging Face Hub repository {repo_id} at revision" in said
    for mode in MODES:
        # A draft holds what the repository shows, not its public listings (osai init).
        before = run_osai(
            "check",
            repo_id,
            "--no-public-assessments",
            *EVERY_FRAMEWORK,
            "--format",
            "json",
            "--mof-mode",
            mode,
            env=env,
        )
        after = run_osai(
            "check", str(draft), *EVERY_FRAMEWORK, "--format", "json", "--mof-mode", mode
        )
        assert_same_verdict(before, after)


def test_the_fixtures_cover_what_matters() -> None:
    """The law is tested where drafts are hard: negative facts, inferences, covering licences,
    shards, a manifest inside, a card alone, and all 18 Hub fixtures."""
    assert len(HUB) == 18
    assert len(LOCAL) >= 15


def test_a_pythia_draft_from_the_hub(hub: LoopbackHub, tmp_path: Path) -> None:
    """`osai init EleutherAI/pythia-70m -o pythia.yml`, as the README shows it (its sample is
    generated and checked by scripts/readme_samples.py: tests/test_readme.py)."""
    env = {"HF_ENDPOINT": hub.endpoint, "HF_HOME": str(tmp_path / "home")}
    result = run_osai("init", "EleutherAI/pythia-70m", "-o", "pythia.yml", cwd=tmp_path, env=env)
    assert result.code == 0, result.stderr
    assert result.stderr.startswith("osai: wrote pythia.yml: ")  # as every line about the run
    text = (tmp_path / "pythia.yml").read_text(encoding="utf-8")
    # the Hub account, said as such: `producer: xai-org` read as what the release states
    assert (
        "  # the Hub account of EleutherAI/pythia-70m: correct it if another produced the\n"
        "  # model\n  producer: EleutherAI\n"
    ) in text
    assert explained(text, "name: Apache-2.0").startswith(
        "name: Apache-2.0  # detected: README.md:8"
    )
    # too long for the value's line, its comment is the line above, under the repository's
    # placeholder: "where osai read it" there read as the end of "(--follow reads it)"
    assert (
        "(--follow reads it)\n  # the Hub repository osai read\n"
        '  huggingface: "https://huggingface.co/EleutherAI/pythia-70m"\n'
    ) in text
    assert explained(text, "- name: Training code").startswith(
        "- name: Training code  # inferred: README.md:32 linked under"
    )
    # past 80 columns as one line: a line a pair
    assert (
        "      evidence:\n"
        '        url: "https://github.com/EleutherAI/pythia"\n'
        "        certainty: inferred\n"
    ) in text


def test_what_init_says_is_wrapped_to_the_terminal(
    linked_world: LoopbackHub, tmp_path: Path
) -> None:
    """At 80 columns "wrote …: 26 facts left to declare …" ran to 104 columns and the note of
    the listing left out to 190 (found by the code review): each wraps under its text."""
    hub = linked_world  # GitHub too: a link it could not read would be warned of
    env = {"HF_ENDPOINT": hub.endpoint, "HF_HOME": str(tmp_path / "home"), "COLUMNS": "80"}
    result = run_osai("init", "EleutherAI/pythia-70m", "-o", "p.yml", cwd=tmp_path, env=env)
    assert result.code == 0, result.stderr
    assert result.stdout == ""  # what it did is said on standard error, with every other line
    said = result.stderr.splitlines()
    assert said[0].startswith("osai: wrote p.yml: ") and " facts left to declare " in said[0]
    assert [len(line) <= 80 for line in said[:2]] == [True, True]
    assert said[1].startswith("      ") and said[1].endswith("delete its first line")
    noted = said[2:]
    assert noted[0].startswith("osai: note: the MOT listing mot:models/Pythia-70M.yml")
    assert all(len(line) <= 80 for line in noted) and len(noted) > 1
    assert all(line.startswith(" " * len("osai: note: ")) for line in noted[1:])
    joined = " ".join(line.strip() for line in noted)
    assert joined == LEFT_OUT.format(
        "MOT listing mot:models/Pythia-70M.yml", "EleutherAI/pythia-70m"
    )
    # the command it names is on one line, to copy: it was split after "`osai check"
    assert any("`osai check EleutherAI/pythia-70m`" in line for line in noted), noted


LEFT_OUT = (
    "osai: note: the {} is not copied into the draft: it is a third party's word, not the "
    "publisher's; `osai check {}` still uses it"
)


@pytest.mark.parametrize(
    ("repo_id", "listed"),
    [
        (
            "EleutherAI/pythia-6.9b",
            ("EOSAI entry eosai:Pythia.yaml", "MOT listing mot:models/Pythia-6.9B.yml"),
        ),
        ("EleutherAI/pythia-70m", ("MOT listing mot:models/Pythia-70M.yml",)),
        ("HuggingFaceTB/SmolLM2-1.7B", ()),
    ],
)
def test_a_hub_draft_says_which_public_listing_it_leaves_out(
    repo_id: str, listed: tuple[str, ...], linked_world: LoopbackHub, tmp_path: Path
) -> None:
    """`osai check ORG/NAME` merges the model's public listings as evidence; the draft is the
    publisher's word, so it copies none, and says so on standard error, one note each (its
    standard output stays the draft alone); wide enough, each note is one line."""
    hub = linked_world  # GitHub too: a link it could not read would be warned of
    env = {"HF_ENDPOINT": hub.endpoint, "HF_HOME": str(tmp_path / "home"), "COLUMNS": "400"}
    result = run_osai("init", repo_id, "-o", "-", env=env)
    assert result.code == 0, result.stderr
    assert result.stderr.splitlines() == [LEFT_OUT.format(name, repo_id) for name in listed]
    assert "mot:" not in result.stdout and "eosai:" not in result.stdout
    assert yaml.safe_load(result.stdout)["release"]["name"]
    checked = run_osai("check", repo_id, "--format", "json", env=env)
    used = {
        evidence["location"]
        for framework in json.loads(checked.stdout)["targets"][0]["frameworks"]
        for requirement in framework["requirements"]
        for evidence in requirement["evidence"]
        if evidence["source"] in ("mot", "eosai")
    }
    assert used == {name.rsplit(" ", 1)[1] for name in listed}


def test_a_local_draft_has_no_listing_to_leave_out(tmp_path: Path) -> None:
    model = copytree(EXAMPLES / "tiny-model", tmp_path / "tiny-model")
    result = run_osai("init", str(model))
    assert result.code == 0
    assert [line for line in result.stderr.splitlines() if "note:" in line] == []
    assert result.stderr.startswith(f"osai: wrote {model / 'osai.yaml'}: ")


def test_every_weights_shard_is_listed(hub: LoopbackHub, tmp_path: Path) -> None:
    env = {"HF_ENDPOINT": hub.endpoint, "HF_HOME": str(tmp_path / "home")}
    text = draft_of("meta-llama/Llama-2-7b-hf", tmp_path / "llama.yml", env)
    shards = [
        "model-00001-of-00002.safetensors",
        "model-00002-of-00002.safetensors",
        "pytorch_model-00001-of-00002.bin",
        "pytorch_model-00002-of-00002.bin",
    ]
    # folded at its commas under the key when it passes 80 columns: read back, the same list
    listed = text[text.index("component_path: [") :]
    listed = listed[: listed.index("]") + 1]
    assert set(shards) <= set(yaml.safe_load(listed)["component_path"])
    assert "license: LicenseRef-llama2" in text


@pytest.mark.parametrize(
    ("target", "options", "said", "code"),
    [
        ("org/does-not-exist", (), "repository not found", 2),
        ("EleutherAI/pythia-70m", ("--offline",), "offline", 3),
    ],
)
def test_a_hub_model_that_cannot_be_read_drafts_nothing(
    target: str, options: tuple[str, ...], said: str, code: int, hub: LoopbackHub, tmp_path: Path
) -> None:
    """Not found: bad input (2); evidence unavailable: 3; one line, no file (as `osai check`)."""
    env = {"HF_ENDPOINT": hub.endpoint, "HF_HOME": str(tmp_path / "home")}
    draft = tmp_path / "draft.yml"
    result = run_osai("init", target, *options, "-o", str(draft), env=env)
    assert result.code == code
    assert len(result.stderr.splitlines()) == 1 and said in result.stderr
    assert not draft.exists()


def test_a_draft_no_one_reviewed_passes_no_declared_gate(tmp_path: Path) -> None:
    """A `--min-certainty declared` gate passed on a draft straight from `osai init`: what osai
    detected became the publisher's word without anyone reading it.  The draft's first line
    holds it at detected; deleted, the reviewed draft declares it."""
    draft = tmp_path / "osai.yaml"
    text = draft_of(str(EXAMPLES / "tiny-model"), draft)
    gate = ("--require", "mof:class-3", "--min-certainty", "declared")
    held = run_osai("check", str(draft), *gate)
    assert held.code == 1, held.stdout
    assert "NOT PROVEN  --require mof:class-3" in held.stdout
    said = " ".join(held.stdout.split())  # the note wraps at the terminal's width
    assert "an `osai init` draft not yet reviewed (its first line says so)" in said
    # the gate says what to do, where it asked to "declare" every component the draft declares
    assert (
        f"(--min-certainty declared): {draft} is an `osai init` draft: review it and delete its "
        "first line"
    ) in said
    assert "): declare " not in said
    draft.write_text(text.split("\n", 1)[1], encoding="utf-8")
    reviewed = run_osai("check", str(draft), *gate)
    assert reviewed.code == 0, reviewed.stdout
    assert "PASS  --require mof:class-3" in reviewed.stdout
    assert "not yet reviewed" not in reviewed.stdout


def test_a_draft_below_a_header_is_reviewed_by_deleting_its_mark_not_the_header(
    tmp_path: Path,
) -> None:
    """A header a tool added above the draft's mark: the gate said "delete its first line",
    the header, where the draft's note said "its line 2"; deleted, the draft stayed a draft."""
    draft = tmp_path / "osai.yaml"
    text = draft_of(str(EXAMPLES / "tiny-model"), draft)
    draft.write_text(f"# Copyright 2026 Acme\n{text}", encoding="utf-8")
    gate = ("--require", "mof:class-3", "--min-certainty", "declared")
    held = run_osai("check", str(draft), *gate)
    said = " ".join(held.stdout.split())
    assert "an `osai init` draft not yet reviewed (its line 2 says so)" in said, said
    assert f"{draft} is an `osai init` draft: review it and delete its line 2" in said, said
    assert "first line" not in said


# Every component released, Training code and the Research paper (standing in for the technical
# report MOF Class III asks) as `osai init` drafts what it only inferred: marked.
MARKED_NAMES = (
    "Model architecture", "Data preprocessing code", "Training code", "Inference code",
    "Evaluation code", "Supporting libraries and tools", "Model parameters (Final)",
    "Model parameters (Intermediate)", "Datasets", "Evaluation data", "Model metadata",
    "Sample model outputs", "Model card", "Data card", "Research paper", "Evaluation results",
)  # fmt: skip
DOCUMENTS = ("Datasets", "Evaluation data", "Data card", "Model card", "Research paper")
MARKED = """\
framework: {name: Model Openness Framework, version: '1.0', date: '2024-12-15'}
release:
  name: marked
  producer: My Lab
  license:
    distribution: {name: Apache-2.0}
  data_information:
    training_data_description: 'TinyStories, its train split only, as published.'
    public_data_sources: 'https://huggingface.co/datasets/roneneldan/TinyStories'
    third_party_data_sources: none
    unshareable_data_description: none
  components:
""" + "".join(
    f"    - name: {name}\n"
    + ("      license: CC-BY-4.0\n" if name in DOCUMENTS else "")
    + (
        "      evidence: {certainty: inferred}\n"
        if name in ("Training code", "Research paper")
        else ""
    )
    for name in MARKED_NAMES
)


def line_of(text: str, after: str, wanted: str) -> int:
    """The line (from 1) of the first `wanted` below `after`."""
    lines = text.splitlines()
    start = lines.index(after)
    return start + 1 + lines[start:].index(wanted)


def test_an_entry_marked_inferred_is_confirmed_not_declared_again(tmp_path: Path) -> None:
    """Training code declared (licence and all), its entry still marked `certainty: inferred`:
    the gate said "declare Training code", which it is; and where the Research paper stood in
    for the technical report, "declare Technical report", one the publisher does not ship.
    Each entry that carries the mark is named, with the mark's line, to confirm and delete."""
    manifest = tmp_path / "osai.yaml"
    manifest.write_text(MARKED, encoding="utf-8")
    training = line_of(MARKED, "    - name: Training code", "      evidence: {certainty: inferred}")
    paper = line_of(MARKED, "    - name: Research paper", "      evidence: {certainty: inferred}")
    result = run_osai("check", str(manifest), "--require", "osaid,mof:class-3")
    assert result.code == 1, result.stdout
    said = " ".join(result.stdout.split())
    assert (
        "(--min-certainty detected): confirm Training code and delete `certainty: inferred` at "
        f"osai.yaml:{training}"
    ) in said, said
    assert (
        f"(--min-certainty detected): confirm Research paper and delete `certainty: inferred` at "
        f"osai.yaml:{paper}"
    ) in said, said
    assert "declare Training code" not in said and "declare Technical report" not in said


def test_a_draft_gate_short_of_inferred_names_every_step_at_once(tmp_path: Path) -> None:
    """An unreviewed draft reached OSAID only on inferred evidence: the gate said "review it
    and delete its first line", which leaves it inferred (a draft counts as detected), and once
    done named the next step.  Every step is named at once: the marks to delete, and what to
    declare; the draft's line only where the gate wants declared evidence, and then what the
    draft declares is not asked again."""
    draft = tmp_path / "osai.yaml"
    text = f"# osai manifest for marked, drafted by `osai init` (osai 0.1.0)\n{MARKED}".replace(
        "    training_data_description: 'TinyStories, its train split only, as published.'\n", ""
    )
    draft.write_text(text, encoding="utf-8")
    training = line_of(text, "    - name: Training code", "      evidence: {certainty: inferred}")
    confirm = f"confirm Training code and delete `certainty: inferred` at osai.yaml:{training}"
    declare = "declare release.data_information.training_data_description"
    held = run_osai("check", str(draft), "--require", "osaid")
    said = " ".join(held.stdout.split())
    assert f"(--min-certainty detected): {confirm}; {declare}" in said, said
    assert "review it and delete its first line" not in said  # the note says "that line"
    declared = run_osai("check", str(draft), "--require", "osaid", "--min-certainty", "declared")
    said = " ".join(declared.stdout.split())
    review = f"{draft} is an `osai init` draft: review it and delete its first line"
    # the Research paper (one way to meet OSAID's data information) is marked too: each mark
    assert f"(--min-certainty declared): {review}; confirm each and delete its mark: " in said
    assert f"Training code (`certainty: inferred` at osai.yaml:{training})" in said, said
    assert f"; {declare}" in said, said
    assert "declare Model architecture" not in said and "declare Data card" not in said


# A card's fields are someone else's: each may be any length and hold any character.  Each with
# whether the draft cuts a value of it.
HOSTILE_FIELDS: dict[str, tuple[dict[str, object], bool]] = {
    # past 1,000 characters init cuts a value; past 2,000 a licence is not read at all (a
    # licence's text pasted for its name: a warning, as a manifest's is refused)
    "a 1,500-character licence name": ({"license": "other", "license_name": "x" * 1_500}, True),
    "a 100 KB licence name": ({"license": "other", "license_name": "x" * 100_000}, False),
    "10,000 base models": (
        {"license": "mit", "base_model": [f"org/m-{i}" for i in range(10_000)]},
        True,
    ),
    "a 1 MB model name": ({"license": "mit", "model_name": "n" * 1_000_000}, False),
    "YAML's own characters": (
        {
            "license": "other",
            "license_name": "a: b\n- c\n# d\n'\"{[&*!|>%@`\\",
            "base_model": ["x\ny: z", "#c", "&a *b"],
        },
        False,
    ),
    "control characters": (
        {
            "license": "other",
            "license_name": "a\x07b\x1b[31mc\x00d\x7fe\x85f\x9fg\u2028h\u202ei\ufeffj",
            "base_model": ["x\x07y", "p\x1bq\x9f"],
        },
        False,
    ),
}


@pytest.mark.parametrize(("fields", "cut"), HOSTILE_FIELDS.values(), ids=HOSTILE_FIELDS.keys())
def test_a_hostile_card_drafts_a_bounded_manifest_that_reads_back(
    fields: dict[str, object], cut: bool, tmp_path: Path
) -> None:
    """A card's licence name of 100 KB was copied into a draft three times (300 KB), a list of
    10,000 base models made one line of 160 KB, and a control character the draft left raw made
    a manifest `osai check` refused as binary: each value is now cut (saying so) and escaped."""
    front = "\n".join(f"{key}: {json.dumps(value)}" for key, value in fields.items())
    source = make(tmp_path / "model", {"README.md": card(front), "model.safetensors": b"\0"})
    draft = tmp_path / "draft.yml"
    text = draft_of(str(source), draft)
    assert len(text.encode("utf-8")) < 20_000
    assert max(len(line) for line in text.splitlines()) < 1_200
    assert ("(cut by osai init: " in text) == cut
    before = run_osai("check", str(source), *EVERY_FRAMEWORK, "--format", "json")
    after = run_osai("check", str(draft), *EVERY_FRAMEWORK, "--format", "json")
    assert (after.code, after.stderr) == (before.code, before.stderr.replace(str(source), ""))
    assert_same_verdict(before, after)
    read = len(str(fields.get("license_name", ""))) <= 2_000
    if fields["license"] == "other" and read and not cut:  # read back as the card wrote it
        licence = yaml.safe_load(text)["release"]["license"]["distribution"]["name"]
        assert licence == fields["license_name"]


def test_a_lone_surrogate_in_a_card_value_reads_back() -> None:
    """A lone surrogate (a JSON source may carry one) was escaped as \\ud800, which YAML
    refuses ("invalid Unicode character escape code"): the draft would not read back."""
    import yaml

    from osai.init.words import scalar

    assert yaml.safe_load(scalar("a\ud800b")) == "a\ufffdb"


def test_a_draft_s_instructions_fit_80_columns(hub: LoopbackHub, tmp_path: Path) -> None:
    """The comments a draft opens with, which say how to review it, ran to 87 columns (128 for
    the line naming a Hub revision), and an unlisted component's "if you release the supporting
    libraries and tools, uncomment this entry" to 103: each now wraps at 80.  The first line
    alone may run on: it holds the draft's mark, and deleting it must delete the mark whole."""
    env = {"HF_ENDPOINT": hub.endpoint, "HF_HOME": str(tmp_path / "home")}
    targets = {"EleutherAI/pythia-70m": "osai", "allenai/OLMo-7B": "mot"}
    targets[str(EXAMPLES / "tiny-model")] = "osai"
    for number, (target, form) in enumerate(targets.items()):
        draft = tmp_path / f"{number}.yml"
        result = run_osai("init", target, "--for", form, "-o", str(draft), env=env)
        assert result.code == 0, result.stderr
        lines = draft.read_text(encoding="utf-8").splitlines()
        opening = list(itertools.takewhile(lambda line: line.startswith("#"), lines))
        # an unlisted component's instructions (what osai saw of it, in parentheses, aside)
        entries = [line for line in lines if re.match(r" {4}#   (license: \?|  [^(])", line)]
        assert len(opening) > 5 and entries, target
        too_long = [line for line in opening[1:] + entries if len(line) > 80]
        assert too_long == [], target
        # a placeholder with a list of values to choose from (release.type, a category fact)
        # wraps too: a continuation uncommented with the value is no value of the list, and
        # is refused, where a free text's would be read as part of it
        listed = [
            line for line in lines if re.match(r" *# (  )?\w+: \?  — (declare )?one of", line)
        ]
        assert listed and [line for line in listed if len(line) > 80] == [], target
    # its first line reviewed away, `type` declared with its continuation uncommented too
    text = (tmp_path / "0.yml").read_text(encoding="utf-8").split("\n", 1)[1]
    declared = re.sub(r"  # type: .*\n  #   ", "  type: language\n    ", text)
    assert declared != text
    (tmp_path / "typed.yml").write_text(declared, encoding="utf-8")
    refused = run_osai("check", str(tmp_path / "typed.yml"), env=env)
    assert refused.code == 2 and "release.type: 'language multimodal, other'" in refused.stderr


def test_a_hub_draft_names_the_code_its_card_links_for_follow(
    linked_world: LoopbackHub, tmp_path: Path
) -> None:
    """The draft of a card that links its code on GitHub asked only to "declare the URL of the
    code repository": the links osai had read were in its components, and `osai check DRAFT
    --follow` followed nothing ("this manifest names no GitHub repository").  It now names what
    the card links, still commented (which one is the release's code is the publisher's word),
    and the one the reviewer writes in is followed."""
    env = {"HF_HOME": str(tmp_path / "home")}
    draft = tmp_path / "pythia.yml"
    lines = draft_of("EleutherAI/pythia-70m", draft, env).splitlines()
    asked = next(n for n, line in enumerate(lines) if line.startswith("  # repository: ?  — "))
    assert lines[asked].endswith("the code repository (--follow reads it)")
    # above it, at the key's column: below and deeper, a line uncommented with the URL written
    # in would be read as more of it
    start = max(n for n in range(asked) if lines[n].startswith("  # (the card links "))
    said = " ".join(line.lstrip(" #") for line in lines[start:asked])
    assert said.startswith("(the card links ") and said.endswith(")")
    assert "https://github.com/EleutherAI/gpt-neox" in said
    assert "https://github.com/EleutherAI/pythia" in said
    reviewed = [*lines[1:asked], "  repository: https://github.com/EleutherAI/gpt-neox"]
    draft.write_text("\n".join([*reviewed, *lines[asked + 1 :]]) + "\n", encoding="utf-8")
    checked = run_osai("check", str(draft), "--follow", "--format", "json", env=env)
    assert checked.code == 0, checked.stderr
    followed = json.loads(checked.stdout)["targets"][0]["links"]
    assert [link["url"] for link in followed if link["kind"] == "producer-code"] == [
        "https://github.com/EleutherAI/gpt-neox"
    ]
