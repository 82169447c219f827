"""A target given twice, or spelt two ways, is checked once: every report gave it twice."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from clirunner import ROOT, run_osai
from loopback_hub import LoopbackHub

from osai.targets import distinct_targets

LLAMA = "examples/llama-2-7b.yml"
PYTHIA = "examples/pythia-70m.yml"


@pytest.fixture(autouse=True)
def _in_repository_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


def checked(*targets: str, env: dict[str, str] | None = None) -> list[str]:
    result = run_osai("check", *targets, "--format", "json", env=env)
    assert result.code == 0, result.stderr
    return [str(target["target"]) for target in json.loads(result.stdout)["targets"]]


@pytest.mark.parametrize("fmt", ["text", "json", "markdown", "sarif", "github", "junit"])
def test_a_target_given_twice_is_reported_once_in_every_format(fmt: str) -> None:
    once = run_osai("check", PYTHIA, "--format", fmt)
    twice = run_osai("check", PYTHIA, PYTHIA, "--format", fmt)
    assert (twice.code, twice.stdout) == (once.code, once.stdout)


def test_spellings_of_one_path_are_one_target_first_spelling_first_order() -> None:
    spellings = (f"./{LLAMA}", PYTHIA, LLAMA, str(ROOT / PYTHIA), "examples//llama-2-7b.yml")
    assert distinct_targets(spellings) == (f"./{LLAMA}", PYTHIA)
    assert checked(*spellings) == [LLAMA, PYTHIA]  # the reports name ./x as x


def test_an_empty_target_is_not_the_current_directory() -> None:
    """Path("") is ".": an unset variable's empty target must still be refused, not dropped."""
    assert distinct_targets((".", "", "./")) == (".", "")


def test_a_directory_with_and_without_its_slash_is_one_target() -> None:
    assert checked("examples/tiny-model/", "examples/tiny-model") == ["examples/tiny-model/"]


def test_a_link_to_a_file_is_that_file_and_a_copy_is_another(tmp_path: Path) -> None:
    link, copy = tmp_path / "link.yml", tmp_path / "copy.yml"
    os.symlink(ROOT / PYTHIA, link)
    copy.write_text((ROOT / PYTHIA).read_text("utf-8"), "utf-8")
    assert checked(PYTHIA, str(link), str(copy)) == [PYTHIA, str(copy)]


def test_the_targets_of_a_configuration_file_are_checked_once(tmp_path: Path) -> None:
    config = tmp_path / ".osai.yaml"
    config.write_text(f"targets: [{ROOT / PYTHIA}, {ROOT / LLAMA}, {ROOT / PYTHIA}]\n", "utf-8")
    targets = checked("--config", str(config))
    assert targets == [str(ROOT / PYTHIA), str(ROOT / LLAMA)]


def test_a_hub_id_given_twice_is_checked_once(hub: LoopbackHub, tmp_path: Path) -> None:
    env = {"HF_ENDPOINT": hub.endpoint, "HF_HOME": str(tmp_path)}
    model = "EleutherAI/pythia-70m"
    assert checked(model, model, env=env) == [model]


def test_one_hub_model_spelt_as_its_address_or_in_other_letters_is_one_target() -> None:
    """The Hub reads ids in any case (it answers eleutherai/pythia-70m as EleutherAI's): one
    repository, at one revision, is one target however it is spelt; another revision is
    another target."""
    model = "EleutherAI/pythia-70m"
    spellings = (
        model,
        "eleutherai/PYTHIA-70m",
        f"https://huggingface.co/{model}",
        f"https://huggingface.co/{model}/tree/step1000",
        "EleutherAI/pythia-160m",
    )
    assert distinct_targets(spellings) == (
        model,
        f"https://huggingface.co/{model}/tree/step1000",
        "EleutherAI/pythia-160m",
    )


def test_a_hub_id_alone_and_its_address_at_main_are_one_target() -> None:
    """An id alone is the Hub's default branch, main: `org/name` and `…/org/name/tree/main`
    were checked twice, two summary rows of one label and one commit; with --revision, an id
    alone is at that revision."""
    model = "EleutherAI/pythia-70m"
    at_main = f"https://huggingface.co/{model}/tree/main"
    assert distinct_targets((model, at_main)) == (model,)
    at_step = f"https://huggingface.co/{model}/tree/step1000"
    assert distinct_targets((model, at_step), "step1000") == (model,)
    assert distinct_targets((model, at_main), "step1000") == (model, at_main)


def test_a_revision_of_targets_on_disk_alone_is_refused(tmp_path: Path) -> None:
    """`osai check model.yml --revision v1.0` checked the file as it is, exit 0, and the
    revision was said nowhere: a release gate could take the verdicts for that revision's."""
    for targets in ([PYTHIA], [PYTHIA, "examples/tiny-model"]):
        result = run_osai("check", *targets, "--revision", "v1.0")
        assert result.code == 2, result.stderr
        named = ", ".join(targets)
        it, is_ = ("it", "it is") if len(targets) == 1 else ("them", "they are")
        assert result.stderr == (
            f"osai: error: --revision v1.0: a Hub revision, and {named} "
            f"{'is' if len(targets) == 1 else 'are'} on disk (osai checks {it} as {is_} there: "
            "check that revision out first)\n"
        )
        assert result.stdout == ""


def test_a_revision_beside_hub_models_is_theirs_and_the_files_are_said_to_be_read_as_they_are(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    env = {"HF_ENDPOINT": hub.endpoint, "HF_HOME": str(tmp_path)}
    model = ("EleutherAI/pythia-70m", "--no-follow", "--no-public-assessments")
    result = run_osai("check", PYTHIA, *model, "--revision", "main", "-q", env=env)
    assert result.code == 0, result.stderr
    assert result.stderr == (
        f"osai: warning: --revision main: a Hub revision, and {PYTHIA} is on disk (osai checks "
        "it as it is there: check that revision out first)\n"
    )
