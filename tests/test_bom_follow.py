"""`osai check --follow BOM`: the code repository an AI BOM names for the model (a CycloneDX `vcs`
external reference, an SPDX 3 `vcs` externalRef, or an SPDX downloadLocation on GitHub) is followed
as a manifest's `repository` is, read from the loopback GitHub (tests/loopback_github.py).  Each
check runs the command line in process, as a user would."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from clirunner import ROOT, run_osai
from loopback_arxiv import LoopbackArxiv
from loopback_github import LoopbackGitHub
from test_bom import FORMATS, cyclonedx_errors, spdx_objects, vcs_references
from test_links import MESH_TRANSFORMER_JAX, NEOX, check, component, messages, neox_manifest


@pytest.fixture(autouse=True)
def _cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The answers kept for linked resources: this test's own, never the user's cache."""
    monkeypatch.setenv("OSAI_CACHE_DIR", str(tmp_path / "cache"))


def bom(tmp_path: Path, form: str, *urls: Any) -> Path:
    """The manifest's BOM as osai writes it, with `urls` as the model's code repositories in
    `form`: cyclonedx (vcs externalReferences), spdx (vcs externalRefs) or spdx-download (the
    AI package's downloadLocation, the first url).  Its research paper gives no address: the
    repositories are the only links it names."""
    suffix = "cdx.json" if form == "cyclonedx" else "spdx.json"
    path = tmp_path / f"neox.{suffix}"
    result = run_osai("check", str(neox_manifest(tmp_path, paper=False)), "-o", str(path))
    assert result.code == 0, result.stderr
    data = json.loads(path.read_text())
    if form == "cyclonedx":
        model = data["metadata"]["component"]
        model.setdefault("externalReferences", []).extend({"type": "vcs", "url": u} for u in urls)
    else:
        (model,) = [e for e in data["@graph"] if e.get("name") == "GPT-NeoX-20B"]
        if form == "spdx-download":
            model["software_downloadLocation"] = urls[0]
        else:
            refs = [{"type": "ExternalRef", "externalRefType": "vcs", "locator": [u]} for u in urls]
            model["externalRef"] = refs
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    return path


def links(target: dict[str, Any]) -> list[tuple[str, str]]:
    """Each link followed, in order, as (kind, url) (test_links.links: by url)."""
    return [(link["kind"], link["url"]) for link in target["links"]]


def statuses(target: dict[str, Any]) -> dict[str, str]:
    return {r["id"]: r["status"] for f in target["frameworks"] for r in f["requirements"]}


@pytest.mark.parametrize("form", ["cyclonedx", "spdx", "spdx-download"])
def test_a_bom_follows_its_code_repository_only_when_asked_as_a_manifest_does(
    github: LoopbackGitHub, tmp_path: Path, form: str
) -> None:
    """`--follow` on a BOM followed nothing, with a note saying so: the gpt-neox repository its
    model names is now read, and settles the training code exactly as the same manifest's
    `repository` does (OSAID's training code requirement, MOF Class II)."""
    path = bom(tmp_path, form, NEOX)
    offline = check(str(path))
    assert github.requests == [] and offline["links"] == []
    assert component(offline, "training-code")["presence"] == "unknown"
    followed = check(str(path), "--follow")
    assert links(followed) == [("producer-code", NEOX)]
    training = component(followed, "training-code")
    assert training["presence"] == "present" and training["licence"]["text"] == "Apache-2.0"
    # linked with no role: its README's headings name it, as for a manifest; cited where the BOM
    # names the repository (its line)
    (evidence,) = training["evidence"]
    assert evidence["certainty"] == "detected"
    assert 'its README\'s section "Training and Finetuning" names it' in evidence["note"]
    assert f"{path}:" in evidence["note"] and f"= {NEOX})" in evidence["note"]
    assert not any("nothing followed" in m for m in messages(followed))
    as_manifest = check(str(neox_manifest(tmp_path, NEOX, paper=False)), "--follow")
    assert statuses(followed) == statuses(as_manifest)
    assert statuses(followed) != statuses(offline)
    assert statuses(followed)["OSAID-CODE-TRAINING"] == "met"


def outcomes(target: dict[str, Any]) -> dict[str, str]:
    return {f["id"]: f["outcome"] for f in target["frameworks"]}


def written(tmp_path: Path, name: str, declared: Path) -> Path:
    """The BOM osai writes of the manifest `declared`, in format `name`, checked as a user
    would (no --follow: the BOM carries what the manifest declares, not what a link showed)."""
    path = tmp_path / f"written.{name}.json"
    result = run_osai("check", str(declared), "-o", f"{name}={path}")
    assert result.code == 0, result.stderr
    return path


@pytest.mark.parametrize("name", FORMATS)
def test_the_bom_osai_writes_names_the_manifest_s_repository_and_follows_it(
    github: LoopbackGitHub, tmp_path: Path, name: str
) -> None:
    """Both writers dropped the manifest's release.repository: `osai check BOM --follow` of the
    BOM osai had written followed nothing, and its training code stayed unknown.  Each writes it
    as its format's vcs reference (a valid one), and the BOM follows the same link to the same
    verdicts as the manifest does."""
    declared = neox_manifest(tmp_path, NEOX, paper=False)
    path = written(tmp_path, name, declared)
    text = path.read_text()
    assert vcs_references(name, text) == [NEOX]
    if name == "cyclonedx":
        assert cyclonedx_errors(text) == []
    else:
        assert spdx_objects(text)
    assert github.requests == []  # written without --follow: nothing read
    followed = check(str(path), "--follow")
    as_manifest = check(str(declared), "--follow")
    assert links(followed) == links(as_manifest) == [("producer-code", NEOX)]
    assert component(followed, "training-code")["presence"] == "present"
    assert component(as_manifest, "training-code")["presence"] == "present"
    assert statuses(followed) == statuses(as_manifest)
    assert outcomes(followed) == outcomes(as_manifest)
    assert not any("nothing followed" in m for m in messages(followed))


@pytest.mark.parametrize(
    ("named", "written_as"),
    [
        ("github.com/EleutherAI/gpt-neox", [NEOX]),
        (f" {NEOX} ", [NEOX]),
        ("git@github.com:EleutherAI/gpt-neox.git", [NEOX]),
        ("not a url", []),
    ],
    ids=["no-scheme", "spaced", "ssh", "not-a-url"],
)
def test_a_repository_is_written_as_the_address_follow_reads(
    tmp_path: Path, named: str, written_as: list[str]
) -> None:
    """The address --follow reads the manifest's repository as (https:// when it names no
    scheme, the web address for git's SSH form); a repository that names no address is no vcs
    reference.  Where the final parameters are, so named, stays a valid BOM."""
    declared = neox_manifest(tmp_path, named, weights=named)
    for name in FORMATS:
        text = written(tmp_path, name, declared).read_text()
        assert vcs_references(name, text) == written_as
        if name == "cyclonedx":
            assert cyclonedx_errors(text) == []


def test_an_spdx_package_downloaded_from_its_repository_names_it_once(
    github: LoopbackGitHub, tmp_path: Path
) -> None:
    """An AI package's downloadLocation on GitHub is read as its code repository: the same
    repository named again as a vcs externalRef would name it twice.  CycloneDX's distribution
    reference says no repository, so its vcs reference is written."""
    declared = neox_manifest(tmp_path, NEOX, weights=f"{NEOX.lower()}/tree/main", paper=False)
    spdx = written(tmp_path, "spdx", declared).read_text()
    assert vcs_references("spdx", spdx) == []
    assert vcs_references("cyclonedx", written(tmp_path, "cyclonedx", declared).read_text()) == [
        NEOX
    ]
    followed = check(str(tmp_path / "written.spdx.json"), "--follow")
    assert [kind for kind, _ in links(followed)] == ["producer-code"]


def test_a_bom_s_repository_read_once_is_kept_for_an_offline_check(
    github: LoopbackGitHub, tmp_path: Path
) -> None:
    path = str(bom(tmp_path, "cyclonedx", NEOX))
    check(path, "--follow")
    asked = len(github.requests)
    offline = check(path, "--follow", "--offline")
    assert len(github.requests) == asked
    (link,) = offline["links"]
    assert link["url"] == NEOX and link["cached"]["because"] == "--offline"
    assert component(offline, "training-code")["presence"] == "present"


def test_a_bom_s_repository_that_is_a_third_party_library_releases_nothing(
    github: LoopbackGitHub, tmp_path: Path
) -> None:
    """Whose code it is, as for a manifest's `repository`: a listed library (rules/links.yaml)
    is a third party's, and releases no component of GPT-NeoX-20B."""
    github.add_readme("kingoflolz/mesh-transformer-jax", "# Mesh Transformer JAX\n\n## Training\n")
    target = check(str(bom(tmp_path, "cyclonedx", MESH_TRANSFORMER_JAX)), "--follow")
    assert links(target) == [("third-party-code", MESH_TRANSFORMER_JAX)]
    assert component(target, "training-code")["presence"] == "unknown"
    assert not github.find_requests(r"/git/trees/")  # its files are not even listed


@pytest.mark.parametrize(
    ("urls", "said"),
    [
        ((), "this AI BOM names no GitHub repository of the model's code (a vcs reference)"),
        (("not a url",), "its vcs reference (not a url) names no GitHub repository"),
        (("https://[oops/x/y",), "its vcs reference (https://[oops/x/y) names no GitHub"),
        (
            ("https://gitlab.com/a/b", "github.com/orgs/EleutherAI", " "),
            "its vcs references (https://gitlab.com/a/b, github.com/orgs/EleutherAI) name no",
        ),
        (
            # no repository's name, each sent to GitHub's API as a path: GET /user, GET /repos
            ("https://github.com/../user", "https://github.com/a/..", "https://github.com/a b/c"),
            "its vcs references (https://github.com/../user, https://github.com/a/..",
        ),
    ],
    ids=["none", "not-a-url", "unparsable", "not-github", "no-name"],
)
def test_a_bom_naming_no_github_repository_says_nothing_was_followed(
    github: LoopbackGitHub, tmp_path: Path, urls: tuple[str, ...], said: str
) -> None:
    target = check(str(bom(tmp_path, "cyclonedx", *urls)), "--follow")
    assert github.requests == [] and target["links"] == []
    (note,) = [m for m in messages(target) if m.startswith("--follow:")]
    assert note.startswith(f"--follow: nothing followed: {said}")
    assert note.endswith(
        ", and the BOM no Hub dataset, arXiv paper or Hub base model of the model: the links of "
        "an AI BOM osai follows; check the model's Hub id or directory to follow its card's links"
    )


def test_a_manifest_s_repository_that_is_no_name_is_not_asked_for(
    github: LoopbackGitHub, tmp_path: Path
) -> None:
    """A manifest's `repository: https://github.com/../user` asked GitHub's API for GET /user
    (with the user's token, if any), and reported "no such repository on GitHub"."""
    target = check(str(neox_manifest(tmp_path, "https://github.com/../user")), "--follow")
    assert github.requests == [] and target["links"] == []


def test_a_vcs_reference_that_is_no_string_is_one_line(tmp_path: Path) -> None:
    path = bom(tmp_path, "cyclonedx", {"href": NEOX})
    result = run_osai("check", str(path), "--follow")
    assert (result.code, result.stdout) == (2, "")
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"osai: error: {path}:") and "expected a string" in line


def test_a_bom_naming_thousands_of_repositories_reads_within_the_cap(
    github: LoopbackGitHub, tmp_path: Path
) -> None:
    """Each is a link like any other: --max-links reads the first, and a note counts the rest."""
    others = [f"https://github.com/EleutherAI/repository-{n}" for n in range(5000)]
    target = check(str(bom(tmp_path, "cyclonedx", NEOX, *others)), "--follow", "--max-links", "1")
    assert [link["url"] for link in target["links"]] == [NEOX]
    assert not github.find_requests(r"repository-")
    (capped,) = [m for m in messages(target) if "the --max-links cap" in m]
    assert capped.startswith("5000 more linked resource(s) not read (the --max-links cap)")
    assert len(capped) < 1200


def test_the_hub_commit_owasp_s_generator_gives_as_vcs_is_not_followed(
    github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    """OWASP's AIBOM Generator writes the model's Hub commit as its `vcs` reference: no code
    repository, so GitHub is not asked.  The arXiv papers it names as the model's documentation
    (the card's arxiv: tags, which rules/bom.yaml reads as its research paper) are read, as a
    card's own papers are, within the cap; its c4, in no formulation workflow, is no training
    dataset, and is not read."""
    fixture = ROOT / "tests" / "fixtures" / "bom" / "aibom-generator-t5-base.json"
    target = check(str(fixture), "--follow")
    assert github.requests == []
    assert {kind for kind, _ in links(target)} == {"paper"}
    assert len(target["links"]) == 8 and len(arxiv.requests) == 8
    assert not any(m.startswith("--follow:") for m in messages(target))
    assert component(target, "research-paper")["presence"] == "present"


@pytest.mark.parametrize("name", FORMATS)
def test_a_hub_model_s_bom_names_no_repository_only_a_public_listing_gives(
    hub: Any, tmp_path: Path, name: str
) -> None:
    """Pythia's MOT listing names github.com/EleutherAI/pythia (a third party's assessment):
    the BOM of the Hub model wrote it as the model's own vcs reference, which its reader takes
    as the BOM author's word, and `osai check BOM --follow` followed it as the producer's code.
    The repository the user's manifest declares (--manifest) is the release's, and is written."""
    env = {"HF_ENDPOINT": hub.endpoint, "HF_HOME": str(tmp_path / "hf")}
    path = tmp_path / f"pythia.{name}.json"
    for declared in ((), ("--manifest", str(ROOT / "examples" / "pythia-70m.yml"))):
        result = run_osai(
            "check",
            "EleutherAI/pythia-70m",
            "--no-follow",
            "-o",
            f"{name}={path}",
            *declared,
            env=env,
        )
        assert result.code == 0, result.stderr
        said = vcs_references(name, path.read_text())
        assert said == (["https://github.com/EleutherAI/pythia"] if declared else []), declared


@pytest.mark.parametrize(
    "address",
    [
        "https://github.com/EleutherAI/gpt-neox|x",
        "https://github.com/EleutherAI/{gpt-neox}",
        "https://github.com/EleutherAI/gpt-neox%zz",
        "https://github.com/EleutherAI/gpt-neox\\x",
        "https://github.com/EleutherAI/[gpt-neox]",
        "https://github.com/EleutherAI/gpt-neox\ufffe",
    ],
    ids=["bar", "braces", "bad-escape", "backslash", "brackets", "non-character"],
)
def test_an_address_no_iri_can_be_is_written_as_no_url(tmp_path: Path, address: str) -> None:
    """A manifest's repository, or where its final parameters are, that no IRI can be: written
    as a CycloneDX url (a vcs or distribution reference) it failed the BOM's validation whole
    (CycloneDX 1.6 `iri-reference`).  Neither names a GitHub repository --follow reads."""
    declared = neox_manifest(tmp_path, address, weights=address)
    text = written(tmp_path, "cyclonedx", declared).read_text()
    assert cyclonedx_errors(text) == []
    assert vcs_references("cyclonedx", text) == []
    assert spdx_objects(written(tmp_path, "spdx", declared).read_text())


def test_a_repository_in_capitals_is_written_as_follow_reads_it(tmp_path: Path) -> None:
    """`HTTPS://GitHub.com/…` is the repository --follow reads: the BOM dropped it."""
    declared = neox_manifest(tmp_path, "HTTPS://GitHub.com/EleutherAI/gpt-neox")
    for name in FORMATS:
        text = written(tmp_path, name, declared).read_text()
        assert vcs_references(name, text) == ["HTTPS://GitHub.com/EleutherAI/gpt-neox"]


@pytest.mark.parametrize("form", ["cyclonedx", "spdx"])
def test_the_repository_a_manifest_gives_with_a_bom_is_followed(
    github: LoopbackGitHub, tmp_path: Path, form: str
) -> None:
    """`osai check BOM --manifest m.yml --follow`, the BOM naming no repository and the
    manifest gpt-neox: osai said "nothing followed: this AI BOM names no GitHub repository"
    and read nothing, where `osai check DIR --manifest m.yml --follow` reads it."""
    path = bom(tmp_path, form)
    followed = check(str(path), "--manifest", str(neox_manifest(tmp_path, NEOX)), "--follow")
    assert links(followed) == [("producer-code", NEOX)]
    assert component(followed, "training-code")["presence"] == "present"
    assert not any("nothing followed" in m for m in messages(followed))
    elsewhere = neox_manifest(tmp_path, "https://gitlab.com/EleutherAI/gpt-neox")
    followed = check(str(path), "--manifest", str(elsewhere), "--follow")
    said = f"--follow: nothing followed: --manifest {elsewhere} names no GitHub repository ("
    assert followed["links"] == [] and any(m.startswith(said) for m in messages(followed))


def test_a_repository_s_credentials_are_not_written_into_the_bom(tmp_path: Path) -> None:
    """A manifest's `repository: https://user:token@github.com/…` was written into the BOM as
    it stood: a BOM is published, and the token with it."""
    declared = neox_manifest(tmp_path, "https://user:s3cret@github.com/EleutherAI/gpt-neox")
    for name in FORMATS:
        text = written(tmp_path, name, declared).read_text()
        assert "s3cret" not in text and "user:" not in text
        assert NEOX in text


@pytest.mark.parametrize("form", ["manifest", *FORMATS])
def test_what_the_links_do_not_show_keeps_why_it_is_unknown(
    github: LoopbackGitHub, tmp_path: Path, form: str
) -> None:
    """A component neither the release nor its links show is unknown, and says why as it does
    without --follow ('not listed in release.components (not declared)', 'not described in the
    BOM'): --follow dropped that note, and the report cited nothing for it."""
    path = neox_manifest(tmp_path, NEOX) if form == "manifest" else bom(tmp_path, form, NEOX)
    offline = component(check(str(path)), "sample-model-outputs")
    followed = check(str(path), "--follow")
    assert links(followed) == [("producer-code", NEOX)]
    assert offline["presence"] == "unknown" and offline["evidence"]
    assert component(followed, "sample-model-outputs") == offline
