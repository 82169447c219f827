"""A Hugging Face cache snapshot (the folder snapshot_download returns, checked as a directory or
its README.md alone) is the Hub model it holds: the Hub id its path names (models--ORG--NAME)
matches the model's public assessments and rules/links.yaml's `own_code_of`, as a Hub check of
the model does.  The caches are built with huggingface_hub itself, against the loopback Hub."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from assessment_archives import (
    FIXTURES,
    MOT_PATH,
    Member,
    archive_server,
    loopback_download,
    mot_tree,
    tar_gz,
)
from clirunner import run_osai
from huggingface_hub import snapshot_download
from loopback_github import LoopbackGitHub
from loopback_hub import LoopbackHub
from test_local_source import REVISION, card, hf_cache_snapshot

from osai.assessments.update import update_database
from osai.backends.local_inside import cached_model
from osai.rules import load_ruleset

PYTHIA = "EleutherAI/pythia-70m"
FRAMEWORKS = "osaid,mof,eu-ai-act,eosai"
MESH_TRANSFORMER_JAX = "https://github.com/kingoflolz/mesh-transformer-jax"


def downloaded(hub: LoopbackHub, repo_id: str) -> Path:
    """The model's snapshot in the Hub client's cache (HF_HOME, a fresh directory per test)."""
    cache = Path(os.environ["HF_HOME"]) / "hub"
    return Path(snapshot_download(repo_id, endpoint=hub.endpoint, cache_dir=cache))


def check(*args: str, env: dict[str, str] | None = None) -> dict[str, Any]:
    result = run_osai("check", *args, "--format", "json", "-f", FRAMEWORKS, env=env)
    assert result.code == 0, result.stderr
    target: dict[str, Any] = json.loads(result.stdout)["targets"][0]
    return target


def verdicts(target: dict[str, Any]) -> dict[str, Any]:
    """Each framework's outcome, its certainty, and every requirement's status and certainty."""
    return {
        f["id"]: (
            f["outcome"],
            f["certainty"],
            f["best_level_proven"],
            {r["id"]: (r["status"], r["certainty"]) for r in f["requirements"]},
        )
        for f in target["frameworks"]
    }


def components(target: dict[str, Any]) -> dict[str, Any]:
    return {c["id"]: (c["presence"], c["licence"]) for c in target["components"]}


def messages(target: dict[str, Any]) -> list[str]:
    return [" ".join(f["message"].split()) for f in target["findings"]]


MOT_NOTE = "the MOT lists this repository: mot:models/Pythia-70M.yml"


def test_a_cache_snapshot_is_judged_as_the_hub_check_of_its_model(hub: LoopbackHub) -> None:
    """`osai check <cache>/models--EleutherAI--pythia-70m/snapshots/<commit>` was read as a
    directory with no Hub id: Pythia's MOT listing was never looked up (OSAID 8 unknown, MOF
    Class III not demonstrated, where `osai check EleutherAI/pythia-70m --no-follow` gives
    MOF Class I).  Now its verdicts are the Hub check's, its card alone's too, and reading it
    reaches no server: the public assessments are the bundled snapshots."""
    snapshot = downloaded(hub, PYTHIA)
    hub.clear_requests()
    cached = check(str(snapshot), "--no-follow")
    alone = check(str(snapshot / "README.md"), "--no-follow")
    assert hub.requests == []  # offline: the cache and the bundled databases only
    online = check(PYTHIA, "--no-follow", env={"HF_ENDPOINT": hub.endpoint})
    assert (cached["source"], cached["name"], cached["producer"]) == ("local", PYTHIA, "EleutherAI")
    assert verdicts(online)["mof"][:3] == ("class-1", "assessed", "class-1")
    for target in (cached, alone):
        assert verdicts(target) == verdicts(online)
        assert components(target) == components(online)
        assert any(m.startswith(MOT_NOTE) for m in messages(target))
    # --no-public-assessments: the cache's own evidence, as a Hub check's would be, and the
    # listing it left out named, as a Hub check names it
    bare = check(str(snapshot), "--no-follow", "--no-public-assessments")
    assert verdicts(bare)["mof"][0] != "class-1"
    assert [m for m in messages(bare) if "MOT" in m] == [
        "the MOT listing mot:models/Pythia-70M.yml was left out (--no-public-assessments): "
        "without that flag, osai takes its word as evidence about this repository"
    ]


def test_a_cache_snapshot_s_index_grades_are_set_beside_osai_s(hub: LoopbackHub) -> None:
    """The EOSAI index's grades of the same model, beside osai's own (-f eosai), as for the Hub
    check: the entry of BLOOMZ, built on BLOOM (bloomz.yaml, its base-model grades)."""
    snapshot = downloaded(hub, "bigscience/bloom")
    cached = check(str(snapshot), "--no-follow")
    online = check("bigscience/bloom", "--no-follow", env={"HF_ENDPOINT": hub.endpoint})
    references = [
        f["reference"] for t in (cached, online) for f in t["frameworks"] if f["id"] == "eosai"
    ]
    assert references[0]["entry"] == "eosai:bloomz.yaml"
    assert references[0] == references[1]


def test_a_hostile_entry_is_said_when_a_cache_snapshot_was_checked_with_them(
    hub: LoopbackHub, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What reading the snapshots skipped is said once a run that used them: a Hub id's, and now
    a cache snapshot's."""
    tree = mot_tree()
    tree["models/wrong-types.yml"] = Member((FIXTURES / "hostile" / "wrong-types.yml").read_bytes())
    with archive_server() as server:
        server.routes[MOT_PATH] = tar_gz(tree, "model_openness_tool-HEAD", "ab" * 20)
        outcome = update_database(
            load_ruleset(), tmp_path, "mot", loopback_download, codeload_base=server.url
        )
    assert outcome.updated, outcome.message
    monkeypatch.setenv("OSAI_DATA_DIR", str(tmp_path))
    snapshot = downloaded(hub, PYTHIA)
    result = run_osai("check", str(snapshot), "--no-follow", "-q")
    assert result.code == 0, result.stderr
    (warning,) = result.stderr.splitlines()
    assert warning.startswith("osai: warning: mot:models/wrong-types.yml: skipped")


def test_a_cache_snapshot_s_draft_says_which_listing_it_leaves_out(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    """`osai init` of a cache snapshot says, as of a Hub id, that the listing `osai check` now
    merges is not copied into the draft (a third party's word)."""
    snapshot = downloaded(hub, PYTHIA)
    result = run_osai("init", str(snapshot), cwd=tmp_path)
    assert result.code == 0, result.stderr
    said = " ".join(result.stderr.split())
    assert "the MOT listing mot:models/Pythia-70M.yml is not copied into the draft" in said


def test_a_cache_snapshot_s_draft_names_the_model_and_its_hub_page(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    """The draft said it came "from the model directory '<commit hash>'" and asked for the
    model's Hugging Face URL, which the cache folder names."""
    snapshot = downloaded(hub, PYTHIA)
    assert run_osai("init", str(snapshot), cwd=tmp_path).code == 0
    draft = (tmp_path / "pythia-70m.osai.yaml").read_text(encoding="utf-8")
    said = " ".join(line[2:] for line in draft.splitlines() if line.startswith("# "))  # wrapped
    assert f"from the Hugging Face cache snapshot of {PYTHIA} at revision {snapshot.name}" in said
    assert f'huggingface: "https://huggingface.co/{PYTHIA}"' in draft


def test_a_plain_directory_is_not_matched_by_its_name(hub: LoopbackHub, tmp_path: Path) -> None:
    """The same files in a folder of one's own, even one whose path reads as the Hub id
    (EleutherAI/pythia-70m/) or is named as a cache repository but not laid out as one, are
    the user's own directory: no Hub id, no public assessment looked up."""
    snapshot = downloaded(hub, PYTHIA)
    for folder in ("EleutherAI/pythia-70m", "models--EleutherAI--pythia-70m/snapshots/x"):
        mine = tmp_path / "mine" / folder
        shutil.copytree(snapshot, mine)
        target = check(str(mine), "--no-follow")
        assert not any("MOT" in m or "EOSAI" in m for m in messages(target)), folder
        assert verdicts(target)["mof"][0] != "class-1"


@pytest.mark.parametrize(
    ("folder", "hub_id"),
    [
        ("models--EleutherAI--pythia-70m", PYTHIA),
        ("models--gpt2", "gpt2"),  # a legacy id, as huggingface_hub names its folder
        ("models--EleutherAI----pythia-70m", ""),  # no Hub id holds `--`
        ("models--EleutherAI--pythia-70m--", ""),
        ("models--a--b--c", ""),
        ("models--..--x", ""),
        ("models--github.com--x", ""),  # an owner's name has no dot
        ("models--Eleuther AI--pythia-70m", ""),
        ("models--https:----huggingface.co--x", ""),
        # huggingface.co/datasets/x is a dataset's page: no model has that id (osai init drafted
        # `huggingface: https://huggingface.co/datasets/x`, which --manifest then refused)
        ("models--datasets--x", ""),
        ("models--spaces--x", ""),
        ("models--models--x", ""),
    ],
)
def test_a_cache_snapshot_s_hub_id_is_its_folder_s_when_the_hub_allows_it(
    tmp_path: Path, folder: str, hub_id: str
) -> None:
    """A folder's name is anyone's text: it is the Hub id only when it is one huggingface_hub
    writes (`/` as `--`) of an id the Hub allows; otherwise the model keeps a name, and no id."""
    snapshot = hf_cache_snapshot(tmp_path / "hub" / folder, {"README.md": card("license: mit")})
    found = cached_model(snapshot)
    assert found is not None and found.commit == REVISION
    assert found.hub_id == hub_id


def test_a_folder_name_that_is_not_utf8_is_no_hub_id(tmp_path: Path) -> None:
    folder = os.fsencode(tmp_path / "hub") + b"/models--Eleuther\xffAI--pythia-70m"
    snapshot = hf_cache_snapshot(Path(os.fsdecode(folder)), {"README.md": card("license: mit")})
    found = cached_model(snapshot)
    assert found is not None and found.hub_id == ""
    target = check(str(snapshot), "--no-follow")
    assert target["name"] == "Eleuther\ufffdAI/pythia-70m"
    assert not any("MOT" in m for m in messages(target))


def test_a_cache_snapshot_s_own_code_is_its_model_s(
    hub: LoopbackHub, github: LoopbackGitHub
) -> None:
    """rules/links.yaml lists mesh-transformer-jax as a library others publish, and as GPT-J's
    own code (`own_code_of: [EleutherAI/gpt-j-6b]`, by Hub id): a cache snapshot of GPT-J, with
    no Hub id, read it as a third party's, where the Hub check of GPT-J reads its training code
    there."""
    github.add_readme("kingoflolz/mesh-transformer-jax", "# Mesh Transformer JAX\n\n## Training\n")
    repo_id = hub.add_repo(
        {
            "id": "EleutherAI/gpt-j-6b",
            "cardData": {"license": "apache-2.0"},
            "readme_outline": [
                {"kind": "heading", "level": 2, "text": "Model Description"},
                {"kind": "link", "text": "Mesh Transformer JAX", "url": f"{MESH_TRANSFORMER_JAX}/"},
            ],
        }
    )
    snapshot = downloaded(hub, repo_id)
    cached = check(str(snapshot), "--follow", "--no-public-assessments")
    online = check(repo_id, "--no-public-assessments", env={"HF_ENDPOINT": hub.endpoint})
    for target in (cached, online):
        (followed,) = [link for link in target["links"] if link["url"] == MESH_TRANSFORMER_JAX]
        assert followed["kind"] == "producer-code"
        training = {c["id"]: c for c in target["components"]}["training-code"]
        assert training["presence"] == "present"
    assert verdicts(cached) == verdicts(online)


def test_a_cache_snapshot_is_known_by_its_hub_id_for_waivers_manifests_and_boms(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    """What a Hub check of the model does by its Hub id, a cache snapshot's check did not: a
    waiver of `models: [EleutherAI/*]` waived nothing, a --manifest of another Hub model was
    merged as this one's, and its AI BOM named no Hugging Face package (nor which commit)."""
    snapshot = downloaded(hub, PYTHIA)
    config = tmp_path / "osai.yaml"
    config.write_text(
        "waivers:\n  - rule: MOF-C3-MODEL-CARD\n    reason: later\n    model: EleutherAI/*\n",
        encoding="utf-8",
    )
    waived = run_osai("check", str(snapshot), "--no-follow", "--config", str(config))
    assert waived.code == 0, waived.stderr
    assert "matches no target" not in waived.stderr
    other = tmp_path / "other.yml"
    other.write_text(
        (Path(__file__).parents[1] / "examples" / "amber.yml").read_text(), encoding="utf-8"
    )
    refused = run_osai("check", str(snapshot), "--no-follow", "--manifest", str(other))
    assert refused.code == 2
    assert "describes another model, LLM360/Amber" in refused.stderr
    bom = tmp_path / "m.cdx.json"
    written = run_osai("check", str(snapshot), "--no-follow", "-o", str(bom))
    assert written.code == 0, written.stderr
    model = json.loads(bom.read_text())["metadata"]["component"]
    assert (model["group"], model["name"]) == ("EleutherAI", "pythia-70m")
    assert model["purl"] == f"pkg:huggingface/EleutherAI/pythia-70m@{snapshot.name}"


@pytest.mark.parametrize(
    "folder", ["main", "not a commit", "0123456789ABCDEF0123456789ABCDEF01234567"]
)
def test_a_snapshot_folder_not_named_by_a_commit_gives_no_commit(
    tmp_path: Path, folder: str
) -> None:
    """huggingface_hub names each snapshot by its commit's hash (40 lower-case hex digits);
    one renamed (`snapshots/main`, `snapshots/not a commit`) was taken for that commit all the
    same: "EleutherAI/pythia-70m @ not a c", `revision: "not a commit"` in JSON.  The model
    keeps its name, its commit is unknown, and a note says why."""
    written = hf_cache_snapshot(
        tmp_path / "hub" / "models--EleutherAI--pythia-70m",
        {
            "README.md": card("license: mit"),
        },
    )
    snapshot = written.rename(written.parent / folder)
    found = cached_model(snapshot)
    assert found is not None and (found.name, found.commit) == (PYTHIA, "")
    target = check(str(snapshot), "--no-follow")
    assert (target["name"], target["revision"]) == (PYTHIA, "")
    assert (
        f"snapshots/{folder}: not a commit's hash, as huggingface_hub names a snapshot's "
        "folder; the model's commit is unknown"
    ) in messages(target)
    alone = check(str(snapshot / "README.md"), "--no-follow")
    assert (alone["name"], alone["revision"]) == (PYTHIA, "")


@pytest.mark.parametrize(
    ("folder", "name", "what"),
    [
        ("datasets--EleutherAI--pile", "datasets/EleutherAI/pile", "a dataset"),
        ("spaces--acme--demo", "spaces/acme/demo", "a Space"),
    ],
)
def test_a_dataset_s_or_a_space_s_cache_snapshot_is_named_and_said_to_be_no_model(
    tmp_path: Path, folder: str, name: str, what: str
) -> None:
    """snapshot_download(repo_type="dataset") leaves `datasets--ORG--NAME/snapshots/<rev>`: it
    was judged as a model named by the commit's hash, as the user's own folder ("declare them
    in …/snapshots/<rev>/osai.yaml"), and `osai init` wrote osai.yaml into the cache, where
    `osai check datasets/ORG/NAME` is refused as no model."""
    snapshot = hf_cache_snapshot(tmp_path / "hub" / folder, {"README.md": card("license: mit")})
    target = check(str(snapshot), "--no-follow")
    owner = name.split("/")[1]
    assert (target["name"], target["producer"], target["revision"]) == (name, owner, REVISION)
    said = (
        f"a Hugging Face cache snapshot of {what}, not of a model: osai checks models; its files "
        "are judged here as a model's would be"
    )
    assert said in messages(target)
    report = run_osai("check", str(snapshot), "--no-follow", env={"COLUMNS": "200"})
    heading = report.stdout.splitlines()[:2]
    assert heading[0].startswith(f"{name} @ {REVISION[:7]}") and said in heading[1], heading
    assert "osai.yaml" not in report.stdout  # no manifest to write into the cache
    drafted = run_osai("init", str(snapshot), cwd=tmp_path)
    assert drafted.code == 0, drafted.stderr
    assert not (snapshot / "osai.yaml").exists()
    draft = (tmp_path / f"{name.rsplit('/', 1)[-1]}.osai.yaml").read_text(encoding="utf-8")
    header = " ".join(line[2:] for line in draft.splitlines() if line.startswith("# "))
    assert f"from the Hugging Face cache snapshot of {name} at revision {REVISION}" in header


def test_a_cache_snapshot_with_downloads_cut_short_says_so(hub: LoopbackHub) -> None:
    """A download cut short leaves its blob as blobs/<hash>.incomplete and no file in the
    snapshot: the weights were unknown and nothing said a download had not finished."""
    snapshot = downloaded(hub, "EleutherAI/pythia-70m")
    said = (
        "the cache holds 1 unfinished download of this model (blobs/*.incomplete): files of it "
        "may be missing from this snapshot; download it again to check it whole"
    )
    assert said not in messages(check(str(snapshot)))
    (snapshot.parent.parent / "blobs" / f"{'ab' * 32}.incomplete").write_bytes(b"\0" * 16)
    assert said in messages(check(str(snapshot)))


def test_the_cache_and_a_repository_s_snapshots_folder_point_to_the_snapshot(
    hub: LoopbackHub,
) -> None:
    """`osai check ~/.cache/huggingface/hub` (the cache snapshot_download fills, with its
    CACHEDIR.TAG and .locks/) and `osai check .../models--org--name/snapshots` were checked as
    folders of no model (every requirement unknown) and nothing said where the model is, as it
    is said of the repository folder between them."""
    snapshot = downloaded(hub, PYTHIA)
    cache = snapshot.parents[2]
    assert (cache / "CACHEDIR.TAG").is_file()  # what huggingface_hub writes: the cache's mark
    commit = snapshot.name
    said = {
        cache: (
            "a Hugging Face cache, not a model's directory: check a model's snapshot "
            f"(models--EleutherAI--pythia-70m/snapshots/{commit}), each read as that Hub model "
            "at that commit"
        ),
        snapshot.parent: (
            "a Hugging Face cache repository's snapshots folder, not a model's directory: check "
            f"its snapshot, {commit}, read as that Hub model at that commit"
        ),
        snapshot.parent.parent: (
            "a Hugging Face cache repository, not a model's directory: check its snapshot, "
            f"snapshots/{commit}, read as that Hub model at that commit"
        ),
    }
    said[cache.parent] = (  # HF_HOME, `osai check ~/.cache/huggingface`: it said nothing
        "a Hugging Face home folder (HF_HOME, its cache in hub/), not a model's directory: check "
        f"a model's snapshot (hub/models--EleutherAI--pythia-70m/snapshots/{commit}), each read "
        "as that Hub model at that commit"
    )
    for folder, warning in said.items():
        assert warning in messages(check(str(folder), "--no-follow")), folder
        # before the verdicts that rest on it, not among the notes after the evidence
        text = run_osai("check", str(folder), "--no-follow", env={"COLUMNS": "400"}).stdout
        lines = text.splitlines()
        assert lines[1] == f"  warning: {warning}" and text.count(warning) == 1
        # its warning names where to look: no manifest to write into the cache folder
        assert "to settle what is unknown" not in text
        markdown = run_osai("check", str(folder), "--no-follow", "--format", "markdown").stdout
        words = " ".join(markdown.replace("\\", "").split())
        assert words.count(warning) == 1 and words.index(warning) < words.index("**OSAID")
    assert not [m for m in messages(check(str(snapshot), "--no-follow")) if "cache" in m]
    (cache / "CACHEDIR.TAG").unlink()
    shutil.rmtree(cache / ".locks", ignore_errors=True)  # a folder holding hub/ is no HF_HOME
    assert not [m for m in messages(check(str(cache.parent), "--no-follow")) if "cache" in m]


def test_the_cache_osai_fills_is_marked_as_huggingface_hub_marks_it(hub: LoopbackHub) -> None:
    """osai keeps the cards it reads in huggingface_hub's cache, but left out the CACHEDIR.TAG
    huggingface_hub writes there, the mark osai knows the cache by: in a cache only osai had
    filled, `cd ~/.cache/huggingface/hub && osai init EleutherAI/pythia-70m` wrote
    pythia-70m.osai.yaml among the cache's repositories (the README: refused, give -o), and
    `osai check ~/.cache/huggingface/hub` said nothing of the snapshot to check."""
    online = {"HF_ENDPOINT": hub.endpoint}
    assert run_osai("check", PYTHIA, "--no-follow", "-q", env=online).code == 0
    cache = Path(os.environ["HF_HOME"]) / "hub"
    tag = (cache / "CACHEDIR.TAG").read_text(encoding="utf-8")
    assert tag.startswith("Signature: 8a477f597d28d172789f06886806bc55\n")  # the standard's
    assert "a Hugging Face cache, not a model's directory" in " ".join(
        messages(check(str(cache), "--no-follow"))
    )
    result = run_osai("init", PYTHIA, cwd=cache, env=online)
    assert result.code == 2 and "is in the Hugging Face cache" in result.stderr
    assert not (cache / "pythia-70m.osai.yaml").exists()


def test_a_home_folder_whose_hub_is_a_symbolic_link_points_to_the_snapshot(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    """HF_HOME with its cache on another disk (`ln -s /data/hf-hub ~/.cache/huggingface/hub`,
    a common way to keep the weights off a small home) was checked as a folder of no model,
    every requirement unknown, with no word of the snapshot to check."""
    snapshot = downloaded(hub, PYTHIA)
    home = tmp_path / "huggingface"
    home.mkdir()
    (home / "hub").symlink_to(snapshot.parents[2], target_is_directory=True)
    warning = (
        "a Hugging Face home folder (HF_HOME, its cache in hub/), not a model's directory: check "
        f"a model's snapshot (hub/models--EleutherAI--pythia-70m/snapshots/{snapshot.name}), "
        "each read as that Hub model at that commit"
    )
    assert warning in messages(check(str(home), "--no-follow"))


def test_a_summary_of_several_targets_says_which_is_a_cache_folder(hub: LoopbackHub) -> None:
    """`osai check ~/.cache/huggingface/hub/models--*` (every cached model at once) gave a row of
    unknowns per folder and no word of the snapshot to check: the summary of several targets
    showed none of the warning one target's report puts under its heading."""
    snapshot = downloaded(hub, PYTHIA)
    repository = snapshot.parents[1]
    result = run_osai(
        "check", str(repository), "examples/pythia-70m.yml", "--no-follow",
        env={"COLUMNS": "400"},
    )  # fmt: skip
    warning = (
        "a Hugging Face cache repository, not a model's directory: check its snapshot, "
        f"snapshots/{snapshot.name}, read as that Hub model at that commit"
    )
    lines = result.stdout.splitlines()
    assert lines[0] == "Summary of 2 targets"
    assert f"  {repository}: warning: {warning}" in lines
    assert result.stdout.count(warning) == 1
    verbose = run_osai(
        "check", str(repository), "examples/pythia-70m.yml", "--no-follow", "-v",
        env={"COLUMNS": "400"},
    )  # fmt: skip
    assert verbose.stdout.count(warning) == 1  # under the target's heading, not again


def test_a_cache_repository_linked_from_outside_is_no_snapshot_to_check(tmp_path: Path) -> None:
    """A `models--…` folder of the cache that is a symlink to a folder elsewhere was followed:
    the cache's warning told the user to check `models--aaa--link/snapshots/secret`, a folder
    outside the cache (whose name it disclosed), while the same report said the link was "not
    walked, its files not read".  huggingface_hub never links a repository; it is left out, as a
    linked snapshot is (a linked hub/ is the cache kept on another disk, and is read)."""
    home = tmp_path / "home"
    cache = home / "hub"
    hf_cache_snapshot(cache / "models--acme--tiny", {"README.md": card("license: mit")})
    (cache / "CACHEDIR.TAG").write_text("Signature: 8a477f597d28d172789f06886806bc55\n")
    elsewhere = tmp_path / "elsewhere" / "models--aaa--link"
    hf_cache_snapshot(elsewhere, {"README.md": card("license: mit")})
    (elsewhere / "snapshots" / REVISION).rename(elsewhere / "snapshots" / "secret")
    (cache / "models--aaa--link").symlink_to(elsewhere, target_is_directory=True)
    for folder, prefix in ((cache, ""), (home, "hub/")):
        (warning,) = [m for m in messages(check(str(folder), "--no-follow")) if "cache" in m]
        assert "secret" not in warning, warning
        assert f"({prefix}models--acme--tiny/snapshots/{REVISION})" in warning, warning


def test_a_cache_repository_whose_snapshots_folder_is_a_link_names_no_snapshot(
    tmp_path: Path,
) -> None:
    """A cache repository whose snapshots/ is a symlink to a folder elsewhere had that folder's
    subfolders named as its snapshots to check (`snapshots/secret`, outside the cache); one
    linked to the repository itself named its blobs/ a snapshot.  huggingface_hub never links
    snapshots/ (nor blobs/, already refused): such a folder is no cache repository."""
    home = tmp_path / "home"
    cache = home / "hub"
    repository = cache / "models--acme--tiny"
    hf_cache_snapshot(repository, {"README.md": card("license: mit")})
    (cache / "CACHEDIR.TAG").write_text("Signature: 8a477f597d28d172789f06886806bc55\n")
    elsewhere = tmp_path / "elsewhere"
    (repository / "snapshots").rename(elsewhere)
    (elsewhere / REVISION).rename(elsewhere / "secret")
    (repository / "snapshots").symlink_to(elsewhere, target_is_directory=True)
    for folder in (cache, home, repository):
        assert not [m for m in messages(check(str(folder), "--no-follow")) if "secret" in m]
