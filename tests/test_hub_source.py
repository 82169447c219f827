"""The Hub backend (osai.backends.hub) through the real huggingface_hub client against LoopbackHub.

No HTTP layer is patched: every request goes over a socket to the loopback server, whose request
log gives the request counts.  The 18 repos are the corpus fixtures (tests/fixtures/hub/models),
served as the Hub API describes them; where a test needs a fact the corpus did not observe (a file
list, a LICENSE file, a manifest), it serves a copy under another id and says so.
"""

from __future__ import annotations

import copy
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pytest
from clirunner import run_osai_unprivileged
from huggingface_hub import constants, hf_hub_download
from loopback_hub import DEFAULT_FIXTURES_DIR, LoopbackHub
from loopback_hub_repos import lfs_pointer

from osai.assessment import Assessment, FrameworkAssessment, RequirementResult, Status
from osai.backends.hub import HubOptions, parse_hub_revision, parse_hub_target
from osai.engine import assess
from osai.errors import BadInput, EvidenceUnavailable
from osai.evidence import Certainty, FindingKind, Presence, Release
from osai.licenses import parse_licence
from osai.rules import RuleSet, load_ruleset
from osai.targets import ReadOptions, read_target

ROOT = Path(__file__).resolve().parent.parent
PYTHIA = "EleutherAI/pythia-70m"
T5 = "google-t5/t5-base"
LLAMA = "meta-llama/Llama-2-7b-hf"
BLOOM = "bigscience/bloom"
SECRET = "hf_osai_test_secret_0123456789"
MODEL_INFO = r"^/api/models/[^/]+/[^/]+$"
RESOLVE = r"/resolve/"


@pytest.fixture(scope="module")
def rules() -> RuleSet:
    return load_ruleset()


def options(hub: LoopbackHub, cache: Path, **changes: Any) -> HubOptions:
    settings: dict[str, Any] = {"timeout": 2.0, "deadline": 10.0, "retries": 3}
    settings.update(changes)
    return HubOptions(endpoint=hub.endpoint, cache_dir=cache, **settings)


def front_line(hub: LoopbackHub, repo_id: str, key: str) -> int:
    """The line of a front-matter key in the README the loopback Hub serves."""
    readme = hub.readme(repo_id)
    assert readme is not None
    return next(n for n, line in enumerate(readme.splitlines(), 1) if line.startswith(f"{key}:"))


def read_hub(
    target: str,
    rules: RuleSet,
    options: HubOptions,
    manifest: Path | None = None,
    follow: bool = False,
) -> Release:
    """A Hub target read as `osai check --no-follow` reads it: the repository alone (the links it
    leads to are tested in tests/test_links.py)."""
    return read_target(target, rules, ReadOptions(manifest=manifest, hub=options, follow=follow))


def check(
    hub: LoopbackHub, tmp_path: Path, rules: RuleSet, repo_id: str, **changes: Any
) -> Release:
    return read_hub(repo_id, rules, options(hub, tmp_path / "cache", **changes))


def judged(release: Release, rules: RuleSet) -> Assessment:
    return assess(release, rules, list(rules.default_frameworks()))


def licence_of(release: Release, component: str, rules: RuleSet) -> str:
    licence = release.component(component).licence
    assert licence is not None, f"{component} has no licence"
    return parse_licence(licence.text, rules.licences, exact=False).display


def fixture(repo_id: str) -> dict[str, Any]:
    path = DEFAULT_FIXTURES_DIR / f"{repo_id.replace('/', '__')}.json"
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def served_copy(hub: LoopbackHub, repo_id: str, new_id: str, **changes: Any) -> str:
    data = copy.deepcopy(fixture(repo_id))
    data.update(id=new_id, sha=None, **changes)
    return hub.add_repo(data)


def requests_for(hub: LoopbackHub, repo_id: str) -> list[str]:
    return [r.line for r in hub.requests if repo_id in r.path]


# --- targets -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("EleutherAI/pythia-70m", PYTHIA),
        ("https://huggingface.co/EleutherAI/pythia-70m", PYTHIA),
        ("https://huggingface.co/EleutherAI/pythia-70m/tree/step1000", PYTHIA),
        ("huggingface.co/EleutherAI/pythia-70m/blob/main/README.md", PYTHIA),
        ("https://hf.co/EleutherAI/pythia-70m", PYTHIA),
        ("HuggingFace.co/EleutherAI/pythia-70m", PYTHIA),  # a host is any case
        ("https://huggingface.co/datasets/EleutherAI/pile", None),
        ("https://huggingface.co/spaces/org/app", None),
        # Hub pages, not models: a card's link to a blog post read as the model blog/llama2
        ("https://huggingface.co/blog/llama2", None),
        ("https://huggingface.co/organizations/EleutherAI/share/x", None),
        ("https://huggingface.co/posts/someone/123", None),
        ("https://example.com/EleutherAI/pythia-70m", None),
        ("gpt2", "gpt2"),  # a legacy id without an organisation: the Hub redirects it
        ("bert-base-uncased", "bert-base-uncased"),
        ("https://huggingface.co/gpt2", "gpt2"),
        ("https://huggingface.co/t5-base/tree/main", "t5-base"),
        (f"https://huggingface.co/org/m/commit/{'b' * 40}", "org/m"),
        ("https://huggingface.co/gpt2/commit/607a30d", "gpt2"),
        ("https://huggingface.co/org/commit", "org/commit"),  # a model named commit
        ("gp--t2", None),
        ("a/b/c", None),
        ("org/na--me", None),
        ("org/name.git", None),
        # no Hub owner has a dot: a scheme-less web address, not the Hub's `github.com`
        ("github.com/EleutherAI", None),
        ("www.example.org/EleutherAI", None),
        ("www.example.org", None),
        # nor is a site's bare host a legacy one-name id
        ("arxiv.org", None),
        ("github.com", None),
        ("huggingface.co", None),
        ("EleutherAI/pythia-1.4b", "EleutherAI/pythia-1.4b"),  # a name may have dots
        ("./model", None),
        ("", None),
    ],
)
def test_parse_hub_target(text: str, expected: str | None) -> None:
    assert parse_hub_target(text) == expected


def test_parse_hub_revision() -> None:
    assert parse_hub_revision("https://huggingface.co/org/m/tree/step1000") == "step1000"
    assert parse_hub_revision("https://huggingface.co/gpt2/tree/v1") == "v1"
    assert parse_hub_revision("https://huggingface.co/org/m") is None
    assert parse_hub_revision("org/m") is None


@pytest.mark.parametrize(
    ("url", "revision"),
    [
        # as huggingface.co writes a pull request's and a slashed branch's addresses
        ("https://huggingface.co/org/m/tree/refs%2Fpr%2F1", "refs/pr/1"),
        ("https://huggingface.co/org/m/blob/refs%2Fpr%2F12/README.md", "refs/pr/12"),
        ("https://huggingface.co/org/m/tree/feature%2Fx", "feature/x"),
        # a pull request's ref typed with its slashes (it was the branch `refs`)
        ("https://huggingface.co/org/m/tree/refs/pr/1", "refs/pr/1"),
        ("https://huggingface.co/org/m/blob/refs/pr/3/config.json", "refs/pr/3"),
        ("https://huggingface.co/org/m/tree/main/sub", "main"),  # the folder sub of main
        # a commit's page names the commit (it was checked at main)
        (f"https://huggingface.co/org/m/commit/{'b' * 40}", "b" * 40),
        ("https://huggingface.co/gpt2/commit/607a30d", "607a30d"),
    ],
)
def test_a_url_revision_is_read_as_the_hub_writes_it(url: str, revision: str) -> None:
    assert parse_hub_revision(url) == revision


def test_not_a_hub_id_is_bad_input(rules: RuleSet) -> None:
    with pytest.raises(BadInput, match=r"not a Hugging Face (Hub )?model id"):
        read_hub("a/b/c", rules, HubOptions())


def test_importing_the_source_does_not_import_huggingface_hub() -> None:
    code = "import sys, osai.backends.hub; print('huggingface_hub' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


# --- detection over the 18 corpus repositories -------------------------------------------------


@dataclass(frozen=True)
class Expected:
    """What a user relies on for one repository (`present` is a subset of what is found)."""

    licence: str | None  # the card licence, as osai reads it (SPDX id or LicenseRef)
    present: frozenset[str] = frozenset()
    datasets: str = ""  # the public_data_sources fact
    gated: bool = False  # a finding about gating
    weights: bool = False
    checkpoints: bool = False


def expect(licence: str | None, *present: str, **flags: Any) -> Expected:
    return Expected(licence, frozenset(present), **flags)


CODE_LINKS = ("training-code", "evaluation-code")
EXPECTED: dict[str, Expected] = {
    "EleutherAI/gpt-neox-20b": expect(
        "Apache-2.0", "model-card", "research-paper", datasets="EleutherAI/pile"
    ),
    "EleutherAI/polyglot-ko-12.8b": expect("Apache-2.0", "model-card", *CODE_LINKS),
    "EleutherAI/pythia-6.9b": expect(
        "Apache-2.0", "model-card", "research-paper", *CODE_LINKS,
        datasets="EleutherAI/pile", checkpoints=True,
    ),
    PYTHIA: expect(
        "Apache-2.0", "model-card", "research-paper", "evaluation-results", "data-card",
        *CODE_LINKS, datasets="EleutherAI/pile", checkpoints=True,
    ),
    "HuggingFaceTB/SmolLM2-1.7B": expect("Apache-2.0", "model-card", *CODE_LINKS),
    "LLM360/Amber": expect(
        "Apache-2.0", "model-card", "data-preprocessing-code", "training-code", checkpoints=True
    ),
    "Qwen/Qwen2.5-7B": expect("Apache-2.0", "model-card"),
    "allenai/OLMo-7B": expect(
        "Apache-2.0", "model-card", "research-paper", "evaluation-results", *CODE_LINKS,
        datasets="allenai/dolma", checkpoints=True,
    ),
    BLOOM: expect(
        "LicenseRef-bigscience-bloom-rail-1.0", "model-card", "evaluation-results", *CODE_LINKS
    ),
    "deepseek-ai/DeepSeek-R1": expect(None, "model-card"),
    T5: expect(
        "Apache-2.0", "model-card", "research-paper",
        datasets="c4", weights=True,
    ),
    "ibm-granite/granite-3.0-8b-instruct": expect(
        "Apache-2.0", "model-card", "evaluation-results", weights=True
    ),
    # its card gated, its paper is known by a Hub tag alone, which names a paper it cites
    LLAMA: expect("LicenseRef-llama2", "model-card", gated=True, weights=True),
    "mistralai/Mistral-7B-v0.1": expect("Apache-2.0", "model-card", weights=True),
    "mistralai/Mixtral-8x7B-v0.1": expect("Apache-2.0", "model-card", weights=True),
    "swiss-ai/Apertus-70B-2509": expect("Apache-2.0", "model-card", gated=True),
    # `license: unknown`; the gating prompt names the licence.  Its card cites the RefinedWeb
    # paper under "Citation" and says its own paper is "coming soon": no research paper
    "tiiuae/falcon-180B": expect(
        "LicenseRef-falcon-180b-tii", "model-card",
        datasets="tiiuae/falcon-refinedweb", gated=True,
    ),
    "xai-org/grok-1": expect("Apache-2.0", "model-card"),
}  # fmt: skip


def test_expectations_cover_every_fixture(hub: LoopbackHub) -> None:
    assert set(EXPECTED) == set(hub.repo_ids)


@pytest.mark.parametrize("repo_id", sorted(EXPECTED))
def test_detection_table(repo_id: str, hub: LoopbackHub, tmp_path: Path, rules: RuleSet) -> None:
    wanted = EXPECTED[repo_id]
    release = check(hub, tmp_path, rules, repo_id)
    assert release.source == "hub" and release.name == repo_id
    assert release.revision == hub.commit(repo_id)
    card_licence = release.component("model-card").licence
    if wanted.licence is None:
        assert card_licence is None
    else:
        assert licence_of(release, "model-card", rules) == wanted.licence
    present = {c for c, e in release.components.items() if e.presence is Presence.PRESENT}
    assert wanted.present <= present
    assert ("model-parameters-final" in present) is wanted.weights
    assert ("model-parameters-intermediate" in present) is wanted.checkpoints
    facts = release.facts.get("public_data_sources")
    assert (facts.value if facts else "") == wanted.datasets
    assert any("gated" in f.message for f in release.findings) is wanted.gated
    # What the Hub cannot show stays unknown: none of these cards says a component is withheld.
    assert not [c for c, e in release.components.items() if e.presence is Presence.ABSENT]
    # Every fact says where it comes from, and a link is never evidence of a licence.
    for evidence in release.components.values():
        assert all(p.source == "hub" for p in evidence.provenance)
        linked = all(
            p.certainty is Certainty.INFERRED and p.location in ("README.md", "tags")
            for p in evidence.provenance
        )
        if evidence.is_present and linked:
            assert evidence.licence is None, evidence


def test_llama2_licence_fails_osaid_definitely(
    hub: LoopbackHub, tmp_path: Path, rules: RuleSet
) -> None:
    release = check(hub, tmp_path, rules, LLAMA)
    assert licence_of(release, "model-parameters-final", rules) == "LicenseRef-llama2"
    weights = release.component("model-parameters-final")
    assert weights.provenance[0].location.startswith("siblings: ")
    assert weights.licence is not None
    # The README is gated: the card's metadata is read from the Hub's cardData.
    assert weights.licence.provenance.location == "cardData.license"
    assert weights.licence.inherited_from == "cardData.license"  # inherited, and it says so
    osaid = judged(release, rules).frameworks[0]
    assert (osaid.framework_id, osaid.outcome, osaid.definite) == ("osaid", "not-conformant", True)
    parameters = osaid.result("OSAID-PARAMETERS")
    assert parameters is not None and parameters.status is Status.UNMET


def test_pythia_has_intermediate_checkpoints(
    hub: LoopbackHub, tmp_path: Path, rules: RuleSet
) -> None:
    release = check(hub, tmp_path, rules, PYTHIA)
    checkpoints = release.component("model-parameters-intermediate")
    assert checkpoints.presence is Presence.PRESENT
    (where,) = checkpoints.provenance
    assert where.location == "refs: step0…step143000 (154 branches)"
    # The refs say where they are; its first branch's name alone ("step0") is no location: the
    # report showed "· step0" after them, as if a file or a URL.
    assert checkpoints.location == ""
    assert where.certainty is Certainty.DETECTED
    assert licence_of(release, "model-parameters-intermediate", rules) == "Apache-2.0"
    assert hub.find_requests(r"/refs$")  # asked for only because the card speaks of checkpoints
    assert (
        check(hub, tmp_path, rules, T5).component("model-parameters-intermediate").presence
        is Presence.UNKNOWN
    )
    assert not hub.find_requests(rf"^/api/models/{T5}/refs$")


def test_pythia_links_are_present_with_unknown_licence(
    hub: LoopbackHub, tmp_path: Path, rules: RuleSet
) -> None:
    release = check(hub, tmp_path, rules, PYTHIA)
    training = release.component("training-code")
    assert training.presence is Presence.PRESENT and training.licence is None
    assert training.provenance[0].value == "https://github.com/EleutherAI/pythia"
    assert training.provenance[0].location == "README.md" and training.provenance[0].line
    paper = release.component("research-paper")
    assert "arXiv:2304.01373" in [p.value for p in paper.provenance] and paper.licence is None
    card = release.component("model-card")
    licence_line = front_line(hub, PYTHIA, "license")
    assert card.licence is not None and card.licence.inherited_from == f"README.md:{licence_line}"
    fact = release.facts["public_data_sources"]
    assert fact.provenance.location == "README.md"
    assert fact.provenance.line == front_line(hub, PYTHIA, "datasets") + 1
    assert fact.provenance.certainty is Certainty.DETECTED


def bloom_with_files(hub: LoopbackHub) -> str:
    """bloom as the live Hub serves it: with a file list (the corpus did not observe it)."""
    files = ["README.md", "config.json", "model.safetensors.index.json", "tokenizer.json"]
    shards = [f"model_{i:05d}-of-00072.safetensors" for i in range(1, 73)]
    siblings = [{"rfilename": name} for name in files + shards]
    return served_copy(hub, BLOOM, "osai-test/bloom-with-files", siblings=siblings)


def test_bloom_licence_fails_osaid_definitely(
    hub: LoopbackHub, tmp_path: Path, rules: RuleSet
) -> None:
    release = check(hub, tmp_path, rules, bloom_with_files(hub))
    weights = release.component("model-parameters-final")
    assert weights.presence is Presence.PRESENT
    assert weights.provenance[0].note.startswith("72 files")  # the shards, not their index
    assert licence_of(release, "model-parameters-final", rules) == (
        "LicenseRef-bigscience-bloom-rail-1.0"
    )
    osaid = judged(release, rules).frameworks[0]
    assert (osaid.outcome, osaid.definite) == ("not-conformant", True)


# --- the repository's declared licence covers its own content, seen or not --------------------


def repository_licence(where: str) -> str:
    return f"the repository's declared licence ({where})"


def framework_result(release: Release, rules: RuleSet, framework_id: str) -> FrameworkAssessment:
    return next(f for f in judged(release, rules).frameworks if f.framework_id == framework_id)


def requirement(release: Release, rules: RuleSet, requirement_id: str) -> RequirementResult:
    osaid = framework_result(release, rules, "osaid")
    result = osaid.result(requirement_id)
    assert result is not None
    return result


def test_bloom_unlisted_weights_take_the_declared_rail_licence(
    hub: LoopbackHub, tmp_path: Path, rules: RuleSet
) -> None:
    """The unmodified fixture: the Hub did not list bloom's files, so its weights were not seen;
    whatever the repository holds is under the RAIL licence its card declares."""
    assert not fixture(BLOOM).get("siblings")
    release = check(hub, tmp_path, rules, BLOOM)
    weights = release.component("model-parameters-final")
    assert weights.presence is Presence.UNKNOWN  # not seen: presence is not invented
    assert weights.licence is not None
    line = front_line(hub, BLOOM, "license")
    assert weights.licence.inherited_from == repository_licence(f"README.md:{line}")
    assert weights.licence.provenance.location == "README.md"
    assert weights.licence.provenance.certainty is Certainty.INFERRED
    assert licence_of(release, "model-parameters-final", rules) == (
        "LicenseRef-bigscience-bloom-rail-1.0"
    )
    osaid = framework_result(release, rules, "osaid")
    assert (osaid.outcome, osaid.definite) == ("not-conformant", True)
    assert requirement(release, rules, "OSAID-PARAMETERS").status is Status.UNMET


def test_pythia_unlisted_weights_stay_unknown_under_an_open_licence(
    hub: LoopbackHub, tmp_path: Path, rules: RuleSet
) -> None:
    """Apache-2.0 would qualify, but weights that were not seen are not shown to be released."""
    assert not fixture(PYTHIA).get("siblings")
    release = check(hub, tmp_path, rules, PYTHIA)
    weights = release.component("model-parameters-final")
    assert weights.presence is Presence.UNKNOWN
    line = front_line(hub, PYTHIA, "license")
    assert weights.licence is not None
    assert weights.licence.inherited_from == repository_licence(f"README.md:{line}")
    assert licence_of(release, "model-parameters-final", rules) == "Apache-2.0"
    parameters = requirement(release, rules, "OSAID-PARAMETERS")
    assert parameters.status is Status.UNKNOWN
    assert framework_result(release, rules, "osaid").definite is False
    # Code and data published elsewhere are not the repository's content: no licence assumed.
    for component in ("data-preprocessing-code", "datasets", "evaluation-data"):
        assert release.component(component).licence is None, component


# --- a licence named in the gating prompt ------------------------------------------------------

FALCON = "tiiuae/falcon-180B"


def test_falcon_licence_is_named_in_the_gating_prompt(
    hub: LoopbackHub, tmp_path: Path, rules: RuleSet
) -> None:
    """The unmodified fixture: `license: unknown`, and the gating prompt links the licence."""
    assert fixture(FALCON)["cardData"]["license"] == "unknown"
    release = check(hub, tmp_path, rules, FALCON)
    assert licence_of(release, "model-card", rules) == "LicenseRef-falcon-180b-tii"
    licence = release.component("model-card").licence
    assert licence is not None
    assert licence.text == "Falcon-180B TII license"  # the link text, as found
    line = front_line(hub, FALCON, "extra_gated_prompt")
    assert (licence.provenance.location, licence.provenance.line) == ("README.md", line)
    assert licence.provenance.certainty is Certainty.INFERRED
    assert "the card says 'unknown'" in licence.provenance.note
    weights = release.component("model-parameters-final")
    assert weights.presence is Presence.UNKNOWN and weights.licence is not None
    assert weights.licence.inherited_from == repository_licence(f"README.md:{line}")
    osaid = framework_result(release, rules, "osaid")
    assert (osaid.outcome, osaid.definite) == ("not-conformant", True)
    assert requirement(release, rules, "OSAID-PARAMETERS").status is Status.UNMET
    assert not hub.find_requests(r"LICENSE")  # no file list: no licence file to read


def test_the_gating_button_text_can_name_the_licence(
    hub: LoopbackHub, tmp_path: Path, rules: RuleSet
) -> None:
    card = {k: v for k, v in fixture(FALCON)["cardData"].items() if k != "extra_gated_prompt"}
    repo_id = served_copy(hub, FALCON, "osai-test/falcon-button", cardData=card)
    licence = check(hub, tmp_path, rules, repo_id).component("model-card").licence
    assert licence is not None and licence.text == "Falcon-180B TII license"
    assert licence.provenance.location == "README.md"
    assert licence.provenance.line == front_line(hub, repo_id, "extra_gated_button_content")


def test_a_settled_card_licence_is_not_replaced_by_the_gating_prompt(
    hub: LoopbackHub, tmp_path: Path, rules: RuleSet
) -> None:
    card = {**fixture(FALCON)["cardData"], "license": "apache-2.0"}
    repo_id = served_copy(hub, FALCON, "osai-test/falcon-apache", cardData=card)
    release = check(hub, tmp_path, rules, repo_id)
    assert licence_of(release, "model-card", rules) == "Apache-2.0"
    licence = release.component("model-card").licence
    assert licence is not None and licence.provenance.location == "README.md"


def test_a_gating_prompt_naming_no_known_licence_changes_nothing(
    hub: LoopbackHub, tmp_path: Path, rules: RuleSet
) -> None:
    card = {
        "license": "unknown",
        "extra_gated_prompt": "You agree to the [acceptable use policy](https://example.org/aup).",
        "extra_gated_button_content": "I agree to the Acme Model License",
    }
    repo_id = hub.add_repo({"id": "osai-test/unknown-gate", "cardData": card})
    release = check(hub, tmp_path, rules, repo_id)
    assert licence_of(release, "model-card", rules) == "unknown"
    osaid = framework_result(release, rules, "osaid")
    assert osaid.definite is False


def test_a_library_implementation_is_a_note_not_the_architecture(
    hub: LoopbackHub, tmp_path: Path, rules: RuleSet
) -> None:
    """transformers re-implements T5 under Apache-2.0; that is not Google releasing the
    architecture's code, so the component stays unknown and the report says why."""
    release = check(hub, tmp_path, rules, T5)
    assert release.component("model-architecture").presence is Presence.UNKNOWN
    notes = [f.message for f in release.findings if f.kind is FindingKind.NOTE]
    assert any("third-party implementation" in n and "transformers" in n for n in notes)
    assert licence_of(release, "model-parameters-final", rules) == "Apache-2.0"
    assert release.component("model-parameters-final").provenance[0].note.startswith("5 files")


def test_an_empty_weights_file_on_the_hub_stays_weights(
    hub: LoopbackHub, tmp_path: Path, rules: RuleSet
) -> None:
    """Only a local walk sets an empty weights file aside (it knows the size): a Hub listing
    says no size osai reads, so no file there is known to be empty."""
    repo_id = hub.add_repo({"id": "osai-test/empty-weights", "cardData": {"license": "mit"}})
    hub.add_file(repo_id, "model.safetensors", b"", lfs=True)
    release = check(hub, tmp_path, rules, repo_id)
    assert release.component("model-parameters-final").files == ("model.safetensors",)
    assert not any("empty" in f.message for f in release.findings)


def test_base_model_and_gating_are_findings(
    hub: LoopbackHub, tmp_path: Path, rules: RuleSet
) -> None:
    granite = check(hub, tmp_path, rules, "ibm-granite/granite-3.0-8b-instruct")
    assert any("ibm-granite/granite-3.0-8b-base" in f.message for f in granite.findings)
    llama = check(hub, tmp_path, rules, LLAMA)
    messages = " | ".join(f.message for f in llama.findings)
    # the host's gate and the card's gating form: one note, citing both
    (gate,) = [f for f in llama.findings if f.message.startswith("access is gated")]
    cited = {p.location: p.value for p in gate.provenance}
    assert cited["gated"] == "manual"
    assert "cardData.extra_gated_prompt" in cited
    assert "README.md could not be read: gated repository" in messages


def test_eu_disallowed_is_a_warning(hub: LoopbackHub, tmp_path: Path, rules: RuleSet) -> None:
    data = fixture(LLAMA)
    card = {**data["cardData"], "extra_gated_eu_disallowed": True}
    repo_id = served_copy(hub, LLAMA, "osai-test/eu-disallowed", cardData=card)
    release = check(hub, tmp_path, rules, repo_id)
    (said,) = [f.message for f in release.findings if "European Union" in f.message]
    # in words, not by the card's key (extra_gated_eu_disallowed), which the evidence cites
    assert said == "the card refuses access from the European Union"


# --- licence files and manifests ---------------------------------------------------------------


def other_licence_repo(hub: LoopbackHub) -> str:
    siblings = [{"rfilename": n} for n in ("README.md", "LICENSE", "model.safetensors")]
    repo_id = hub.add_repo(
        {
            "id": "osai-test/other-licence",
            "cardData": {"license": "other", "license_name": "acme-model-licence"},
            "siblings": siblings,
            "readme_outline": [{"kind": "heading", "level": 1, "text": "A model"}],
        }
    )
    hub.add_file(repo_id, "LICENSE", "LLAMA 2 COMMUNITY LICENSE AGREEMENT\nLlama 2 Version...\n")
    return repo_id


def test_license_other_is_read_through_the_licence_file(
    hub: LoopbackHub, tmp_path: Path, rules: RuleSet
) -> None:
    repo_id = other_licence_repo(hub)
    release = check(hub, tmp_path, rules, repo_id)
    assert licence_of(release, "model-parameters-final", rules) == "LicenseRef-llama2"
    licence = release.component("model-parameters-final").licence
    assert licence is not None and licence.provenance.location == "LICENSE"
    assert "acme-model-licence" in licence.provenance.note
    assert len(requests_for(hub, repo_id)) == 3  # model_info, README.md, LICENSE


def test_license_unknown_is_read_through_the_listed_licence_file(
    hub: LoopbackHub, tmp_path: Path, rules: RuleSet
) -> None:
    """falcon-180B's card says `license: unknown`; the live repo lists LICENSE.txt."""
    names = ("README.md", "LICENSE.txt", "ACCEPTABLE_USE_POLICY.txt", "config.json")
    siblings = [{"rfilename": n} for n in names]
    repo_id = served_copy(hub, "tiiuae/falcon-180B", "osai-test/falcon", siblings=siblings)
    hub.add_file(repo_id, "LICENSE.txt", "Falcon 180B TII License\nVersion 1.0 - September 2023\n")
    release = check(hub, tmp_path, rules, repo_id)
    assert licence_of(release, "model-card", rules) == "LicenseRef-falcon-180b-tii"
    licence = release.component("model-card").licence
    assert licence is not None and "the card says 'unknown'" in licence.provenance.note
    assert licence.provenance.location == "LICENSE.txt"  # the file wins over the gating prompt
    assert licence.provenance.certainty is Certainty.DETECTED
    assert hub.find_requests(r"/LICENSE\.txt$")


def test_license_link_names_the_file_to_read(
    hub: LoopbackHub, tmp_path: Path, rules: RuleSet
) -> None:
    """No file list (as in most corpus fixtures), but license_link names a file of the repo."""
    link = "https://huggingface.co/osai-test/linked-licence/blob/main/LICENSE.md"
    repo_id = hub.add_repo(
        {"id": "osai-test/linked-licence", "cardData": {"license": "other", "license_link": link}}
    )
    hub.add_file(repo_id, "LICENSE.md", "MIT License\n\nCopyright (c) 2024 Someone\n")
    release = check(hub, tmp_path, rules, repo_id)
    assert licence_of(release, "model-card", rules) == "MIT"
    assert hub.find_requests(r"/resolve/[0-9a-f]{40}/LICENSE\.md$")


def test_a_notice_never_resolves_license_other(
    hub: LoopbackHub, tmp_path: Path, rules: RuleSet
) -> None:
    """A NOTICE names licences but grants none: `other` stays unsettled, and it is not fetched."""
    siblings = [{"rfilename": n} for n in ("README.md", "NOTICE", "model.safetensors")]
    repo_id = hub.add_repo(
        {"id": "osai-test/notice-only", "cardData": {"license": "other"}, "siblings": siblings}
    )
    hub.add_file(repo_id, "NOTICE", "This product includes the Apache License, Version 2.0.\n")
    release = check(hub, tmp_path, rules, repo_id)
    licence = release.component("model-parameters-final").licence
    assert licence is not None and licence.text == "other"
    assert not hub.find_requests(r"/NOTICE$")


def test_a_linked_licence_file_of_any_name_is_the_repositorys(
    hub: LoopbackHub, tmp_path: Path, rules: RuleSet
) -> None:
    """license_link names a top-level file no licence-file glob matches: it is still read."""
    card = {"license": "other", "license_link": "MODEL_TERMS.md"}
    siblings = [{"rfilename": n} for n in ("README.md", "MODEL_TERMS.md", "model.safetensors")]
    repo_id = hub.add_repo({"id": "osai-test/terms", "cardData": card, "siblings": siblings})
    hub.add_file(repo_id, "MODEL_TERMS.md", "MIT License\n\nCopyright (c) 2024 Someone\n")
    release = check(hub, tmp_path, rules, repo_id)
    assert licence_of(release, "model-parameters-final", rules) == "MIT"
    licence = release.component("model-parameters-final").licence
    assert licence is not None and licence.provenance.location == "MODEL_TERMS.md"


def test_a_settled_card_licence_fetches_no_licence_file(
    hub: LoopbackHub, tmp_path: Path, rules: RuleSet
) -> None:
    hub.allow_token(SECRET)
    check(hub, tmp_path, rules, LLAMA, token=SECRET)
    assert not hub.find_requests(r"LICENSE")  # LICENSE.txt is listed, but llama2 settles it


def test_the_repository_manifest_is_merged(
    hub: LoopbackHub, tmp_path: Path, rules: RuleSet
) -> None:
    siblings = [{"rfilename": n} for n in ("README.md", "osai.yaml")]
    repo_id = served_copy(hub, PYTHIA, "EleutherAI/pythia-with-manifest", siblings=siblings)
    # its page renamed to this copy's: naming EleutherAI/pythia-70m, it is another model's
    # manifest, not used (extract.release._another_models)
    text = (ROOT / "examples" / "pythia-70m.yml").read_text()
    hub.add_file(repo_id, "osai.yaml", text.replace("/pythia-70m'", "/pythia-with-manifest'"))
    release = check(hub, tmp_path, rules, repo_id)
    training = release.component("training-code")
    assert training.licence is not None and training.licence.text == "MIT"
    assert {p.source for p in training.provenance} == {"manifest", "hub"}
    assert release.facts["third_party_data_sources"].provenance.location == "osai.yaml"
    # model_info, README.md, refs (the card speaks of checkpoints), and the manifest: one request
    # beyond the usual three, for the file the file list showed.
    assert len(requests_for(hub, repo_id)) == 4


def test_a_local_manifest_is_merged(hub: LoopbackHub, tmp_path: Path, rules: RuleSet) -> None:
    manifest = ROOT / "examples" / "pythia-70m.yml"
    release = read_hub(PYTHIA, rules, options(hub, tmp_path / "c"), manifest=manifest)
    osaid = judged(release, rules).frameworks[0]
    assert osaid.outcome == "conformant"
    intermediate = release.component("model-parameters-intermediate")
    assert {p.source for p in intermediate.provenance} >= {"hub"}


# --- requests and the cache --------------------------------------------------------------------


def test_requests_cold_and_warm(hub: LoopbackHub, tmp_path: Path, rules: RuleSet) -> None:
    counts: dict[str, tuple[int, int]] = {}
    for repo_id in hub.repo_ids:
        hub.clear_requests()
        check(hub, tmp_path, rules, repo_id)
        cold = len(hub.requests)
        hub.clear_requests()
        check(hub, tmp_path, rules, repo_id)
        counts[repo_id] = (cold, len(hub.requests))
    assert all(cold <= 3 and warm <= 2 for cold, warm in counts.values()), counts
    assert counts[PYTHIA] == (3, 2)  # model_info + README + refs; then model_info + refs
    assert counts[T5] == (2, 1)
    assert not hub.find_requests(r"agent-harnesses")


def test_no_weights_are_downloaded(hub: LoopbackHub, tmp_path: Path, rules: RuleSet) -> None:
    for repo_id in hub.repo_ids:
        check(hub, tmp_path, rules, repo_id)
    fetched = {r.path.rsplit("/", 1)[-1] for r in hub.find_requests(RESOLVE)}
    assert fetched == {"README.md"}


def test_the_readme_is_cached_in_huggingface_hubs_layout(
    hub: LoopbackHub, tmp_path: Path, rules: RuleSet
) -> None:
    cache = tmp_path / "cache"
    release = check(hub, tmp_path, rules, PYTHIA)
    hub.clear_requests()
    path = hf_hub_download(PYTHIA, "README.md", revision=release.revision, cache_dir=cache,
                           endpoint=hub.endpoint)  # fmt: skip
    assert Path(path).read_text(encoding="utf-8") == hub.readme(PYTHIA)
    assert hub.requests == []  # served from the snapshot osai wrote
    ref = cache / "models--EleutherAI--pythia-70m" / "refs" / "main"
    assert ref.read_text() == release.revision


def test_revision_is_pinned(hub: LoopbackHub, tmp_path: Path, rules: RuleSet) -> None:
    release = check(hub, tmp_path, rules, PYTHIA, revision="step3000")
    sha = hub.commit(PYTHIA, "step3000")
    assert release.revision == sha
    assert hub.find_requests(rf"/resolve/{sha}/README.md")
    url = f"https://huggingface.co/{PYTHIA}/tree/step1000"
    by_url = read_hub(url, rules, options(hub, tmp_path / "cache"))
    assert by_url.revision == hub.commit(PYTHIA, "step1000")


def test_a_commit_named_by_its_start_is_read_at_that_commit(
    hub: LoopbackHub, tmp_path: Path, rules: RuleSet
) -> None:
    """The Hub resolves a commit id's first characters (the short id a page shows), as git
    does (huggingface_hub#197); the loopback Hub did not, and `--revision 399d67f` read as "not
    found".  Online the check is of the whole commit, and offline, after it, the cache answers."""
    sha = hub.commit(PYTHIA)
    release = check(hub, tmp_path, rules, PYTHIA, revision=sha[:7])
    assert release.revision == sha
    hub.clear_requests()
    offline = check(hub, tmp_path, rules, PYTHIA, revision=sha[:7], offline=True)
    assert (offline.revision, hub.requests) == (sha, [])


def test_offline_a_short_commit_id_reads_the_cached_commit_it_begins(
    hub: LoopbackHub, tmp_path: Path, rules: RuleSet
) -> None:
    """Checked online by its branch, then offline by the short id a page shows: "not in the
    local cache", though the commit it begins was.  The one cached commit it begins is read;
    a start two cached commits share is none."""
    sha = check(hub, tmp_path, rules, PYTHIA).revision
    offline = check(hub, tmp_path, rules, PYTHIA, revision=sha[:7], offline=True)
    assert offline.revision == sha
    today = time.strftime("%Y-%m-%d", time.gmtime())  # the day its card was cached, as by id
    note = next(f.message for f in offline.findings if f.message.startswith("offline:"))
    assert f"local cache of {today}, at commit {sha[:7]}" in note
    snapshots = tmp_path / "cache" / f"models--{PYTHIA.replace('/', '--')}" / "snapshots"
    (snapshots / (sha[:7] + "0" * 33)).mkdir()  # another cached commit with that start
    assert "not in the local cache" in unavailable(
        hub, tmp_path, rules, PYTHIA, revision=sha[:7], offline=True
    )


def test_offline_reads_the_cache(hub: LoopbackHub, tmp_path: Path, rules: RuleSet) -> None:
    online = check(hub, tmp_path, rules, PYTHIA)
    hub.clear_requests()
    offline = check(hub, tmp_path, rules, PYTHIA, offline=True)
    assert hub.requests == []
    assert offline.revision == online.revision
    assert licence_of(offline, "model-card", rules) == "Apache-2.0"
    assert offline.component("training-code").presence is Presence.PRESENT
    # the branches, as the Hub's description, kept by the online check (Pythia's checkpoints)
    assert offline.component("model-parameters-intermediate").presence is Presence.PRESENT
    assert any("offline" in f.message for f in offline.findings)


def test_offline_says_of_when_the_cache_is(
    hub: LoopbackHub, tmp_path: Path, rules: RuleSet
) -> None:
    """On a plane, a check said "offline: read from the local cache at commit 399d67f" and not
    of when: a card cached a year ago read as today's.  It names the day the Hub last named
    that commit (an online check confirms it), or, for a commit asked by id, the day its card
    was cached."""
    online = check(hub, tmp_path, rules, PYTHIA)
    repository = tmp_path / "cache" / f"models--{PYTHIA.replace('/', '--')}"
    long_ago = time.mktime((2025, 3, 1, 12, 0, 0, 0, 0, -1))
    os.utime(repository / "refs" / "main", (long_ago, long_ago))
    assert "local cache of 2025-03-01, at commit" in offline_note(hub, tmp_path, rules, PYTHIA)
    check(hub, tmp_path, rules, PYTHIA)  # the Hub names the same commit again
    today = time.strftime("%Y-%m-%d", time.gmtime())
    assert f"local cache of {today}, at commit" in offline_note(hub, tmp_path, rules, PYTHIA)
    card = os.path.realpath(repository / "snapshots" / online.revision / "README.md")
    os.utime(card, (long_ago, long_ago))
    pinned = offline_note(hub, tmp_path, rules, PYTHIA, revision=online.revision)
    assert "local cache of 2025-03-01, at commit" in pinned


def offline_note(
    hub: LoopbackHub, tmp_path: Path, rules: RuleSet, repo_id: str, **changes: Any
) -> str:
    release = check(hub, tmp_path, rules, repo_id, offline=True, **changes)
    return next(f.message for f in release.findings if f.message.startswith("offline:"))


def test_offline_reads_a_branch_whose_name_has_a_slash(
    hub: LoopbackHub, tmp_path: Path, rules: RuleSet
) -> None:
    """`--revision feature/x` read online, then offline: no ref was kept for a name with a
    slash (huggingface_hub keeps it as refs/feature/x), so the offline check said the card was
    not in the cache, and to check it once online first."""
    repo_id = served_copy(hub, T5, "osai-test/slashed", refs={"branches": ["feature/x"]})
    online = check(hub, tmp_path, rules, repo_id, revision="feature/x")
    assert online.revision == hub.commit(repo_id, "feature/x")
    offline = check(hub, tmp_path, rules, repo_id, revision="feature/x", offline=True)
    assert offline.revision == online.revision


def test_a_damaged_ref_is_a_miss_and_an_online_check_mends_it(
    hub: LoopbackHub, tmp_path: Path, rules: RuleSet
) -> None:
    """refs/main holding bytes that are not text was an internal error (UnicodeDecodeError,
    exit 70), offline and online; and an online check whose card was already cached left a
    damaged or stale ref as it was, so --offline kept failing after it."""
    online = check(hub, tmp_path, rules, T5)
    ref = tmp_path / "cache" / f"models--{T5.replace('/', '--')}" / "refs" / "main"
    ref.write_bytes(b"\xff\xfe\x00 not a commit")
    assert "not in the local cache" in unavailable(hub, tmp_path, rules, T5, offline=True)
    assert check(hub, tmp_path, rules, T5).revision == online.revision  # the card: cached
    assert ref.read_text(encoding="ascii") == online.revision
    assert check(hub, tmp_path, rules, T5, offline=True).revision == online.revision
    for name in ("blobs", "snapshots"):  # a card not cached: fetched, the ref written
        shutil.rmtree(ref.parent.parent / name)
    ref.write_bytes(b"\xff\xfe\x00 not a commit")
    assert check(hub, tmp_path, rules, T5).revision == online.revision
    assert ref.read_text(encoding="ascii") == online.revision


def test_a_ref_that_is_a_pipe_or_overlong_is_a_miss_not_a_wait(
    hub: LoopbackHub, tmp_path: Path, rules: RuleSet
) -> None:
    """A ref file is a commit id: a pipe at refs/main was read, and the offline check waited on
    it for ever; a ref of megabytes was read whole into memory before it was refused."""
    check(hub, tmp_path, rules, T5)
    ref = tmp_path / "cache" / f"models--{T5.replace('/', '--')}" / "refs" / "main"
    sha = ref.read_text(encoding="ascii")
    ref.unlink()
    os.mkfifo(ref)
    said: list[str] = []
    reader = threading.Thread(
        target=lambda: said.append(unavailable(hub, tmp_path, rules, T5, offline=True)),
        daemon=True,
    )
    reader.start()
    reader.join(timeout=30)
    waited = reader.is_alive()
    if waited:  # let the read end, so that the test ends
        with ref.open("wb"):
            pass
        reader.join(timeout=30)
    assert not waited
    assert "not in the local cache" in said[0]
    ref.unlink()
    ref.write_bytes(sha.encode() + b" " * 1_000_000)
    assert "not in the local cache" in unavailable(hub, tmp_path, rules, T5, offline=True)


def test_a_cache_whose_snapshots_cannot_be_read_is_a_miss(hub: LoopbackHub, tmp_path: Path) -> None:
    """A Hub cache the user cannot read (snapshots/ of another user's, mode 000): huggingface_hub
    lists it to find a cached file, and its PermissionError was an internal error (exit 70)."""
    env = {
        "HF_ENDPOINT": hub.endpoint,
        "HF_HOME": str(tmp_path / "hf"),
        "OSAI_CACHE_DIR": str(tmp_path / "osai"),
    }
    online = run_osai_unprivileged("check", T5, cwd=tmp_path, env=env)
    assert online.code in (0, 1), online.stderr
    snapshots = tmp_path / "hf" / "hub" / f"models--{T5.replace('/', '--')}" / "snapshots"
    snapshots.chmod(0)
    try:
        offline = run_osai_unprivileged("check", "--offline", T5, cwd=tmp_path, env=env)
    finally:
        snapshots.chmod(0o755)
    assert (offline.code, offline.stdout) == (3, "")
    assert offline.stderr.count("\n") == 1 and "not in the local cache" in offline.stderr


def test_a_truncated_card_in_the_cache_is_fetched_again_not_read(
    hub: LoopbackHub, tmp_path: Path, rules: RuleSet
) -> None:
    """A card's blob cut short (a disk filled, a copy interrupted) was read as the card, online
    and offline: its front matter never closed, its licence and links were lost without a word.
    A blob is named by its git blob id: one that does not hold it is a miss."""
    online = check(hub, tmp_path, rules, PYTHIA)
    (blob,) = (tmp_path / "cache" / f"models--{PYTHIA.replace('/', '--')}" / "blobs").iterdir()
    whole = blob.read_bytes()
    blob.write_bytes(whole[:300])
    assert "not in the local cache" in unavailable(hub, tmp_path, rules, PYTHIA, offline=True)
    hub.clear_requests()
    again = check(hub, tmp_path, rules, PYTHIA)
    assert hub.find_requests(r"/resolve/.*/README\.md$")  # fetched again, and kept whole
    assert blob.read_bytes() == whole
    assert licence_of(again, "model-card", rules) == licence_of(online, "model-card", rules)
    assert not any("never closed" in f.message for f in again.findings)
    offline = check(hub, tmp_path, rules, PYTHIA, offline=True)
    assert not any("never closed" in f.message for f in offline.findings)


def test_a_cached_card_that_leads_out_of_the_cache_is_not_read(
    hub: LoopbackHub, tmp_path: Path, rules: RuleSet
) -> None:
    """A snapshot's README.md linking out of the cache repository (a hostile or broken cache:
    README.md -> ~/.ssh/id_rsa, or any file) was read as the model's card, online and offline:
    its licence became the model's, a file of the user's in its evidence.  Only a file inside
    the cache repository (its blobs, or a copy in its snapshot) is the cache's; any other is a
    miss: fetched again online, not in the cache offline."""
    online = check(hub, tmp_path, rules, PYTHIA)
    elsewhere = tmp_path / "elsewhere.md"
    elsewhere.write_text("---\nlicense: cc-by-nc-4.0\n---\n# not the card\n", encoding="utf-8")
    repository = tmp_path / "cache" / f"models--{PYTHIA.replace('/', '--')}"
    pointer = repository / "snapshots" / online.revision / "README.md"
    pointer.unlink()
    pointer.symlink_to(elsewhere)
    assert "not in the local cache" in unavailable(hub, tmp_path, rules, PYTHIA, offline=True)
    hub.clear_requests()
    again = check(hub, tmp_path, rules, PYTHIA)
    assert hub.find_requests(r"/resolve/.*/README\.md$")  # fetched, not read from elsewhere
    assert licence_of(again, "model-card", rules) == licence_of(online, "model-card", rules)
    assert elsewhere.read_text(encoding="utf-8").startswith("---\nlicense: cc-by-nc-4.0")


def test_offline_from_huggingface_hubs_own_switch(
    hub: LoopbackHub, tmp_path: Path, rules: RuleSet, monkeypatch: pytest.MonkeyPatch
) -> None:
    check(hub, tmp_path, rules, T5)
    hub.clear_requests()
    monkeypatch.setattr(constants, "HF_HUB_OFFLINE", True)
    release = check(hub, tmp_path, rules, T5)
    assert hub.requests == [] and release.revision == hub.commit(T5)


def test_an_oversized_readme_is_not_read(hub: LoopbackHub, tmp_path: Path, rules: RuleSet) -> None:
    repo_id = served_copy(hub, T5, "osai-test/huge-card")
    hub.add_file(repo_id, "README.md", "---\nlicense: mit\n---\n" + "x" * 2_000_000)
    release = check(hub, tmp_path, rules, repo_id)
    problem = next(f.message for f in release.findings if "was not read" in f.message)
    assert problem.startswith("README.md was not read: larger than 1,048,576 bytes")
    assert licence_of(release, "model-card", rules) == "Apache-2.0"  # cardData still speaks


def test_a_card_that_is_a_git_lfs_pointer_is_said_to_be_no_card(
    hub: LoopbackHub, tmp_path: Path, rules: RuleSet
) -> None:
    """A README.md served as a Git LFS pointer was read as the card, and nothing said that
    its body (three lines of the pointer) was no card at all."""
    repo_id = served_copy(hub, T5, "osai-test/pointer-card")
    hub.add_file(repo_id, "README.md", lfs_pointer(b"---\nlicense: mit\n---\n# A card\n" * 100))
    release = check(hub, tmp_path, rules, repo_id)
    (problem,) = [f.message for f in release.findings if "README.md" in f.message]
    assert problem.startswith(
        "README.md holds a Git LFS pointer (to 3,000 bytes), not a model card; the card's body "
        "(links, tables, sections) was not checked"
    )
    assert licence_of(release, "model-card", rules) == "Apache-2.0"  # cardData still speaks


# --- failures: never a verdict, never a traceback ----------------------------------------------


def unavailable(
    hub: LoopbackHub, tmp_path: Path, rules: RuleSet, repo_id: str, **changes: Any
) -> str:
    with pytest.raises(EvidenceUnavailable) as error:
        check(hub, tmp_path, rules, repo_id, **changes)
    assert error.value.exit_code == 3
    assert error.value.__cause__ is None and error.value.__suppress_context__  # no chained trace
    return str(error.value)


def host(hub: LoopbackHub) -> str:
    return f"127.0.0.1:{hub.port}"


def bad_input(
    hub: LoopbackHub, tmp_path: Path, rules: RuleSet, repo_id: str, **changes: Any
) -> str:
    """What the Hub says does not exist is bad input (exit 2): retrying cannot help."""
    with pytest.raises(BadInput) as error:
        check(hub, tmp_path, rules, repo_id, **changes)
    assert error.value.exit_code == 2
    assert error.value.__cause__ is None and error.value.__suppress_context__  # no chained trace
    return str(error.value)


def test_repository_not_found(hub: LoopbackHub, tmp_path: Path, rules: RuleSet) -> None:
    message = bad_input(hub, tmp_path, rules, "nobody/nothing")
    assert message == (
        f"nobody/nothing: repository not found on {host(hub)} (or private: set HF_TOKEN)"
    )


def test_revision_not_found(hub: LoopbackHub, tmp_path: Path, rules: RuleSet) -> None:
    message = bad_input(hub, tmp_path, rules, PYTHIA, revision="step7")
    assert message == f"{PYTHIA}: revision 'step7' not found"


def test_a_revision_not_found_is_quoted_cut(
    hub: LoopbackHub, tmp_path: Path, rules: RuleSet
) -> None:
    """A revision of 10,000 characters (a link's, a BOM's, a typed one) was quoted whole in the
    refusal, to where the CLI cuts a line; a control character in it is escaped, not blanked."""
    message = bad_input(hub, tmp_path, rules, PYTHIA, revision="a" * 10_000)
    assert message == f"{PYTHIA}: revision '{'a' * 57}...' not found"
    message = bad_input(hub, tmp_path, rules, PYTHIA, revision="ma\x1b[31min")
    assert message == f'{PYTHIA}: revision "ma\\u001b[31min" not found'


def test_a_legacy_id_is_read_through_the_hubs_redirect(
    hub: LoopbackHub, tmp_path: Path, rules: RuleSet
) -> None:
    hub.add_redirect("t5-base", T5)
    release = check(hub, tmp_path, rules, "t5-base")
    assert release.target == "t5-base" and release.revision == hub.commit(T5)
    assert release.component("model-card").is_present


def test_gated_repository_is_checked_with_what_is_readable(
    hub: LoopbackHub, tmp_path: Path, rules: RuleSet
) -> None:
    release = check(hub, tmp_path, rules, LLAMA)
    card = release.component("model-card")
    assert card.presence is Presence.PRESENT  # cardData is the card's front matter
    warning = next(f for f in release.findings if "could not be read" in f.message)
    assert warning.message.startswith(
        "README.md could not be read: gated repository "
        "(set HF_TOKEN to a token that has been granted access)"
    )


def test_gated_everywhere_is_unavailable(hub: LoopbackHub, tmp_path: Path, rules: RuleSet) -> None:
    hub.inject_status(MODEL_INFO, 403, error_code="GatedRepo", error_message="restricted")
    message = unavailable(hub, tmp_path, rules, LLAMA)
    assert message == (
        f"{LLAMA}: gated repository, access not granted "
        "(set HF_TOKEN to a token that has been granted access)"
    )


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


def test_connection_refused(tmp_path: Path, rules: RuleSet, hub: LoopbackHub) -> None:
    port = closed_port()
    start = time.monotonic()
    with pytest.raises(EvidenceUnavailable) as error:
        read_hub(PYTHIA, rules, HubOptions(endpoint=f"http://127.0.0.1:{port}",
                                           cache_dir=tmp_path, timeout=2))  # fmt: skip
    assert str(error.value) == (
        f"{PYTHIA}: cannot connect to 127.0.0.1:{port} "
        "(connection refused, host unreachable or TLS failed)"
    )
    assert time.monotonic() - start < 2


def test_the_hub_down_with_the_model_cached_says_offline_would_check_it(
    tmp_path: Path, rules: RuleSet, hub: LoopbackHub
) -> None:
    """A check online, then the network gone: the error said only that the Hub could not be
    reached, though `--offline` checks what the cache holds, and of when (the day the Hub last
    named that commit).  A 5xx says so too; a refusal (a gated repository) does not: reading
    the cache does not get round it."""
    sha = check(hub, tmp_path, rules, PYTHIA).revision
    today = time.strftime("%Y-%m-%d", time.gmtime())
    port = closed_port()
    down = HubOptions(endpoint=f"http://127.0.0.1:{port}", cache_dir=tmp_path / "cache", timeout=2)
    with pytest.raises(EvidenceUnavailable) as error:
        read_hub(PYTHIA, rules, down)
    assert str(error.value) == (
        f"{PYTHIA}: cannot connect to 127.0.0.1:{port} (connection refused, host unreachable or "
        f"TLS failed); the local cache of {today} holds it at commit {sha[:7]}: the same "
        "command with --offline checks that"
    )
    # a census's deep check names the command for the one model (`osai census` has no --offline)
    census = replace(down, command="osai check", revision="main")
    with pytest.raises(EvidenceUnavailable) as named:
        read_hub(PYTHIA, rules, census)
    assert str(named.value).endswith(f": osai check {PYTHIA} --revision main --offline checks that")
    with pytest.raises(EvidenceUnavailable) as uncached:
        read_hub(T5, rules, down)
    assert "--offline" not in str(uncached.value)
    hub.inject_status(MODEL_INFO, 503)
    cached = (
        f"the local cache of {today} holds it at commit {sha[:7]}: the same command with "
        "--offline checks that"
    )
    assert unavailable(hub, tmp_path, rules, PYTHIA, retries=0).endswith(
        f"(server error); {cached}"
    )
    hub.clear_faults()
    hub.inject_status(MODEL_INFO, 403, error_code="GatedRepo")
    gated = unavailable(hub, tmp_path, rules, PYTHIA)
    assert "gated repository" in gated and "--offline" not in gated


def test_timeout(hub: LoopbackHub, tmp_path: Path, rules: RuleSet) -> None:
    hub.inject_hang(MODEL_INFO)
    start = time.monotonic()
    message = unavailable(hub, tmp_path, rules, PYTHIA, timeout=0.5)
    assert message == f"{PYTHIA}: no answer from {host(hub)} within 0.5 s"
    assert time.monotonic() - start < 2
    assert len(hub.requests) == 1  # a timeout is not retried


def test_deadline(hub: LoopbackHub, tmp_path: Path, rules: RuleSet) -> None:
    hub.inject_hang(RESOLVE)
    start = time.monotonic()
    message = unavailable(hub, tmp_path, rules, PYTHIA, timeout=5, deadline=0.6)
    assert message == (
        f"{PYTHIA}: README.md could not be read: no complete answer from {host(hub)} within the "
        "0.6 s deadline"
    )
    assert time.monotonic() - start < 2


@pytest.mark.parametrize("path", [MODEL_INFO, RESOLVE])
def test_a_trickled_answer_is_bounded_by_the_deadline(
    path: str, hub: LoopbackHub, tmp_path: Path, rules: RuleSet
) -> None:
    """No read times out (a byte every 0.2 s, timeout 1 s), but the whole check must stop."""
    hub.inject_trickle(path, pause=0.2)
    start = time.monotonic()
    message = unavailable(hub, tmp_path, rules, PYTHIA, timeout=1, deadline=1.5)
    reading = "README.md could not be read: " if path == RESOLVE else ""  # the card's file
    assert message == (
        f"{PYTHIA}: {reading}no complete answer from {host(hub)} within the 1.5 s deadline"
    )
    assert time.monotonic() - start < 2.5


def test_a_slow_but_complete_answer_within_the_deadline_is_read(
    hub: LoopbackHub, tmp_path: Path, rules: RuleSet
) -> None:
    hub.inject_trickle(r"/README\.md$", pause=0.001, chunk=512)
    release = check(hub, tmp_path, rules, T5, timeout=1, deadline=10)
    assert release.component("data-card").presence is Presence.PRESENT  # the body was read


def test_rate_limit_then_success(hub: LoopbackHub, tmp_path: Path, rules: RuleSet) -> None:
    hub.inject_status(MODEL_INFO, 429, times=1, retry_after=1)
    start = time.monotonic()
    release = check(hub, tmp_path, rules, T5)
    assert release.revision == hub.commit(T5)
    assert len(hub.find_requests(MODEL_INFO)) == 2
    assert 1.0 <= time.monotonic() - start < 3  # Retry-After honoured


def test_rate_limit_past_the_deadline(hub: LoopbackHub, tmp_path: Path, rules: RuleSet) -> None:
    hub.inject_status(MODEL_INFO, 429, retry_after=3600)
    start = time.monotonic()
    message = unavailable(hub, tmp_path, rules, T5, deadline=2)
    assert re.fullmatch(
        # the date too when the hour falls on another day (an hour from 23:00 UTC)
        rf"{T5}: rate limited by {host(hub)} \(HTTP 429\); "
        r"try again after (\d{4}-\d\d-\d\d )?\d\d:\d\d UTC",
        message,
    ), message
    assert time.monotonic() - start < 1  # the capped wait would overrun the deadline: give up


def test_server_errors_exhaust_the_retries(
    hub: LoopbackHub, tmp_path: Path, rules: RuleSet
) -> None:
    hub.inject_status(MODEL_INFO, 503, retry_after=0)
    start = time.monotonic()
    message = unavailable(hub, tmp_path, rules, T5, retries=2)
    assert message.startswith(
        f"{T5}: {host(hub)} answered HTTP 503 (server error) after 3 attempts"
    )
    assert len(hub.requests) == 3
    assert time.monotonic() - start < 0.5  # Retry-After: 0 means no wait


def test_server_error_on_the_readme_is_retried(
    hub: LoopbackHub, tmp_path: Path, rules: RuleSet
) -> None:
    hub.inject_status(RESOLVE, 502, times=1, retry_after=0)
    release = check(hub, tmp_path, rules, T5)
    assert release.component("data-card").presence is Presence.PRESENT  # the body was read
    assert len(hub.find_requests(RESOLVE)) == 2


def test_malformed_json(hub: LoopbackHub, tmp_path: Path, rules: RuleSet) -> None:
    hub.inject_malformed_json(MODEL_INFO)
    message = unavailable(hub, tmp_path, rules, T5)
    assert message == (
        f"{T5}: malformed answer from {host(hub)}: the model information is not what the Hub API "
        "returns (JSONDecodeError)"
    )


def test_malformed_model_info(hub: LoopbackHub, tmp_path: Path, rules: RuleSet) -> None:
    hub.add_repo({"id": "osai-test/bad-siblings", "siblings": [{"name": "no rfilename"}]})
    message = unavailable(hub, tmp_path, rules, "osai-test/bad-siblings")
    assert message.endswith(": the model information is not what the Hub API returns (KeyError)")


def test_a_malformed_branch_list_is_said_as_the_model_information_is(
    hub: LoopbackHub, tmp_path: Path, rules: RuleSet
) -> None:
    """The branch list's malformed answer was said without the error's type, unlike the model
    information's: one form for both."""
    hub.inject_malformed_json(r"/refs$")
    message = unavailable(hub, tmp_path, rules, PYTHIA)
    assert message == (
        f"{PYTHIA}: malformed answer from {host(hub)}: the branch list is not what the Hub API "
        "returns (JSONDecodeError)"
    )


def test_truncated_body_is_retried(hub: LoopbackHub, tmp_path: Path, rules: RuleSet) -> None:
    hub.inject_truncated_body(MODEL_INFO, times=1)
    assert check(hub, tmp_path, rules, T5).revision == hub.commit(T5)
    assert len(hub.find_requests(MODEL_INFO)) == 2


def test_truncated_body_every_time(hub: LoopbackHub, tmp_path: Path, rules: RuleSet) -> None:
    hub.inject_truncated_body(RESOLVE)
    message = unavailable(hub, tmp_path, rules, T5, retries=1)
    assert message == (
        f"{T5}: README.md could not be read: the connection to {host(hub)} broke off mid-answer "
        "after 2 attempts"
    )


def test_offline_with_an_empty_cache(hub: LoopbackHub, tmp_path: Path, rules: RuleSet) -> None:
    message = unavailable(hub, tmp_path, rules, PYTHIA, offline=True)
    assert message == (
        f"{PYTHIA}: offline, and its model card is not in the local cache "
        "(check it once online first; a gated model's card is kept only once access is granted)"
    )
    assert hub.requests == []


def test_offline_after_a_gated_check_says_why_the_card_is_not_kept(
    hub: LoopbackHub, tmp_path: Path, rules: RuleSet
) -> None:
    """Llama 2 checked online (its README gated, read from cardData), then with --offline: the
    error said to "check it once online first", which the user had just done; the card of a
    gated model is not cached until access is granted, and the message now says so.  (The
    Hub's description kept, the offline check is judged on it, as online: tests/
    test_offline_hub_answers.py; here, one kept by an osai that kept none.)"""
    check(hub, tmp_path, rules, LLAMA)
    offline = check(hub, tmp_path, rules, LLAMA, offline=True)
    assert any("README.md could not be read: gated" in f.message for f in offline.findings)
    shutil.rmtree(Path(os.environ["OSAI_CACHE_DIR"]))
    message = unavailable(hub, tmp_path, rules, LLAMA, offline=True)
    assert message.startswith(f"{LLAMA}: offline, and its model card is not in the local cache")
    assert "a gated model's card is kept only once access is granted" in message


def test_a_commit_the_hub_named_then_denies_is_no_bad_revision(
    hub: LoopbackHub, tmp_path: Path, rules: RuleSet
) -> None:
    """The model information names main's commit; the card's GET at that commit answers
    "revision not found" (a force-push between the two, a mirror that serves no commit ids):
    it said "revision 'main' not found", exit 2, of a branch that is there."""
    hub.inject_status(r"/resolve/", 404, error_code="RevisionNotFound")
    message = unavailable(hub, tmp_path, rules, PYTHIA)
    assert message == (
        f"{PYTHIA}: malformed answer from {host(hub)}: the Hub named commit 399d67f for "
        "'main', then said it does not exist when README.md was asked for at it"
    )


def test_unexpected_status(hub: LoopbackHub, tmp_path: Path, rules: RuleSet) -> None:
    hub.inject_status(MODEL_INFO, 418)
    message = unavailable(hub, tmp_path, rules, T5)
    assert message == f"{T5}: {host(hub)} refused the request (HTTP 418)"


def test_a_bad_request_is_a_refusal_not_a_malformed_answer(
    hub: LoopbackHub, tmp_path: Path, rules: RuleSet
) -> None:
    """A 400 (the Hub no longer knowing an `expand` value osai asks for, say) is
    huggingface_hub's BadRequestError, a ValueError too: it was said to be "malformed answer
    ...: the model information is not what the Hub API returns (BadRequestError)"."""
    hub.inject_status(MODEL_INFO, 400, error_message='"expand" has invalid values: config')
    message = unavailable(hub, tmp_path, rules, T5)
    assert message == f"{T5}: {host(hub)} refused the request (HTTP 400)"
    hub.clear_faults()
    hub.inject_status(r"/refs$", 400)
    message = unavailable(hub, tmp_path, rules, PYTHIA)
    assert message == f"{PYTHIA}: {host(hub)} refused the request (HTTP 400)"


# --- the token ---------------------------------------------------------------------------------


def test_hf_token_is_honoured_and_never_shown(
    hub: LoopbackHub, tmp_path: Path, rules: RuleSet, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HF_TOKEN", SECRET)
    monkeypatch.setattr(constants, "HF_HUB_DISABLE_IMPLICIT_TOKEN", False)
    hub.allow_token(SECRET)
    release = check(hub, tmp_path, rules, LLAMA)
    assert all(r.authorization == f"Bearer {SECRET}" for r in hub.requests)
    assert not any("could not be read" in f.message for f in release.findings)
    assert release.component("model-card").provenance[0].location == "README.md"
    assert SECRET not in repr(release)
    message = bad_input(hub, tmp_path, rules, "nobody/nothing")
    assert SECRET not in message
    assert message.endswith("(or private, and the token in use cannot read it)")


def test_a_token_the_hub_refuses_is_named_as_the_cause(
    hub: LoopbackHub, tmp_path: Path, rules: RuleSet, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An expired HF_TOKEN: the Hub answers every request, a public model's too, 401 "Invalid
    credentials", which huggingface_hub does not call "not found".  osai said "refused the
    request (HTTP 401)", not a word of the token, and every model failed so."""
    invalid = "Invalid credentials in Authorization header"
    hub.inject_status(MODEL_INFO, 401, error_message=invalid)
    assert (
        unavailable(hub, tmp_path, rules, T5) == f"{T5}: {host(hub)} refused the request (HTTP 401)"
    )
    monkeypatch.setenv("HF_TOKEN", SECRET)
    message = unavailable(hub, tmp_path, rules, T5)
    assert message == (
        f"{T5}: {host(hub)} refused the token in HF_TOKEN (HTTP 401): renew it, or unset it to "
        "read public models without one"
    )
    monkeypatch.delenv("HF_TOKEN")
    given = unavailable(hub, tmp_path, rules, T5, token=SECRET)
    assert given.endswith("refused the token given (HTTP 401): renew it, or give none")
    assert SECRET not in message + given


def test_a_token_in_the_endpoint_is_never_shown(
    hub: LoopbackHub, tmp_path: Path, rules: RuleSet
) -> None:
    endpoint = f"http://user:{SECRET}@127.0.0.1:{closed_port()}"
    with pytest.raises(EvidenceUnavailable) as error:
        read_hub(T5, rules, HubOptions(endpoint=endpoint, cache_dir=tmp_path))
    assert SECRET not in str(error.value)


def test_a_token_in_a_working_endpoint_is_never_in_the_release(
    hub: LoopbackHub, tmp_path: Path, rules: RuleSet
) -> None:
    """The document (the endpoint), facts and licences are redacted too."""
    endpoint = f"http://user:{SECRET}@127.0.0.1:{hub.port}"
    release = read_hub(PYTHIA, rules, HubOptions(endpoint=endpoint, cache_dir=tmp_path))
    assert release.document == f"http://127.0.0.1:{hub.port}/{PYTHIA}"
    assert SECRET not in repr(release)


def test_telemetry_is_off_unless_the_user_set_it(
    hub: LoopbackHub, tmp_path: Path, rules: RuleSet, monkeypatch: pytest.MonkeyPatch
) -> None:
    from huggingface_hub.utils import _detect_agent

    # As test_loopback_hub's telemetry test: were the side request sent, it would go here.
    monkeypatch.delenv("HF_HUB_DISABLE_TELEMETRY")
    monkeypatch.setattr(constants, "HF_HUB_DISABLE_TELEMETRY", False)
    monkeypatch.setattr(constants, "ENDPOINT", hub.endpoint)
    monkeypatch.setattr(constants, "AGENT_HARNESSES_PATH", str(tmp_path / "agents.json"))
    monkeypatch.setattr(_detect_agent, "_registry", None)
    check(hub, tmp_path, rules, T5)
    assert not hub.find_requests(r"agent-harnesses")
    assert constants.HF_HUB_DISABLE_TELEMETRY is True


# --- the must-show table -----------------------------------------------------------------------


def test_the_hub_table_regenerates() -> None:
    """benchmarks/hub_table.py starts its own loopback Hub and prints one row per fixture."""
    env = {k: v for k, v in os.environ.items() if k not in ("HF_TOKEN", "HF_HUB_OFFLINE")}
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "hub_table.py")],
        cwd=ROOT, capture_output=True, text=True, check=True, timeout=60, env=env,
    )  # fmt: skip
    rows = {line.split(" | ")[0].strip("| `"): line for line in result.stdout.splitlines()
            if line.startswith("| `")}  # fmt: skip
    assert set(rows) == set(EXPECTED)
    assert "LicenseRef-falcon-180b-tii" in rows[FALCON]
    assert rows[BLOOM].split(" | ")[-2:] == ["not-conformant", "none |"]


APACHE_TITLE = "Apache License\nVersion 2.0, January 2004\nhttp://www.apache.org/licenses/\n"


def test_a_reuse_licence_directory_settles_a_silent_card(
    hub: LoopbackHub, tmp_path: Path, rules: RuleSet
) -> None:
    """A card naming no licence, and REUSE's LICENSES/Apache-2.0.txt: the Hub read no file under
    the top level, so everything stayed unknown with a note that the file was not read."""
    names = ("README.md", "LICENSES/Apache-2.0.txt", "model.safetensors", "train.py")
    siblings = [{"rfilename": n} for n in names]
    repo_id = hub.add_repo({"id": "osai-test/reuse", "cardData": {}, "siblings": siblings})
    hub.add_file(repo_id, "LICENSES/Apache-2.0.txt", APACHE_TITLE)
    release = check(hub, tmp_path, rules, repo_id)
    for component in ("model-parameters-final", "training-code"):
        assert licence_of(release, component, rules) == "Apache-2.0"
        licence = release.component(component).licence
        assert licence is not None and licence.provenance.location == "LICENSES/Apache-2.0.txt"
    assert not any("did not read" in f.message for f in release.findings)
    assert len(requests_for(hub, repo_id)) == 3  # model_info, README.md, the licence text


def _mit_beside_a_non_commercial_text(hub: LoopbackHub, repo_id: str) -> str:
    """A repository whose card names no licence: LICENSE (MIT) beside a REUSE
    LICENSES/CC-BY-NC-4.0.txt, and the weights."""
    names = ("README.md", "LICENSE", "LICENSES/CC-BY-NC-4.0.txt", "model.safetensors")
    siblings = [{"rfilename": n} for n in names]
    repo_id = hub.add_repo({"id": repo_id, "cardData": {}, "siblings": siblings})
    hub.add_file(repo_id, "LICENSE", "MIT License\n\nCopyright (c) 2024 Someone\n")
    hub.add_file(
        repo_id,
        "LICENSES/CC-BY-NC-4.0.txt",
        "Attribution-NonCommercial 4.0 International\n\nCreative Commons Corporation\n",
    )
    return repo_id


def test_a_licence_beside_a_licence_directory_is_read_with_it(
    hub: LoopbackHub, tmp_path: Path, rules: RuleSet
) -> None:
    """LICENSE (MIT) beside LICENSES/CC-BY-NC-4.0.txt, a card naming none: a local directory
    reads both (side by side, a verdict stands only where both give it); the Hub read LICENSE
    alone and made the weights MIT."""
    repo_id = _mit_beside_a_non_commercial_text(hub, "osai-test/reuse-beside")
    release = check(hub, tmp_path, rules, repo_id)
    licence = release.component("model-parameters-final").licence
    assert licence is not None and licence.alternatives
    assert {licence.text, *(a.text for a in licence.alternatives)} == {"MIT", "CC-BY-NC-4.0"}
    assert any(
        f.kind is FindingKind.WARNING and "cannot tell which covers what" in f.message
        for f in release.findings
    )


def test_offline_reads_the_licence_directory_the_online_check_read(
    hub: LoopbackHub, tmp_path: Path, rules: RuleSet
) -> None:
    """LICENSE (MIT) beside LICENSES/CC-BY-NC-4.0.txt, both read online and kept in the cache:
    offline, only the snapshot's top-level files were read, so the card was MIT, with no word
    of the CC-BY-NC-4.0 text osai had read and kept (an online check that failed on a
    licence file says "--offline checks that")."""
    repo_id = _mit_beside_a_non_commercial_text(hub, "osai-test/reuse-offline")
    online = check(hub, tmp_path, rules, repo_id)
    offline = check(hub, tmp_path, rules, repo_id, offline=True)
    for release in (online, offline):
        licence = release.component("model-card").licence
        assert licence is not None and licence.alternatives
        assert {licence.text, *(a.text for a in licence.alternatives)} == {"MIT", "CC-BY-NC-4.0"}
        assert any("cannot tell which covers what" in f.message for f in release.findings)


def _ninth_licence(
    hub: LoopbackHub, repo_id: str, ninth: str, card: dict[str, Any] | None = None
) -> str:
    """A repository of eight top-level LICENSE-NN (Apache-2.0) and a ninth licence file,
    CC-BY-NC-4.0, at `ninth`; its card `card` (naming no licence by default)."""
    texts = {f"LICENSE-{n:02d}": APACHE_TITLE for n in range(8)}
    texts[ninth] = "Attribution-NonCommercial 4.0 International\n"
    siblings = [{"rfilename": n} for n in ("README.md", *texts, "model.safetensors")]
    repo_id = hub.add_repo({"id": repo_id, "cardData": card or {}, "siblings": siblings})
    for name, text in texts.items():
        hub.add_file(repo_id, name, text)
    return repo_id


@pytest.mark.parametrize(
    ("repo_id", "ninth"),
    [("osai-test/reuse-many", "LICENSES/CC-BY-NC-4.0.txt"), ("osai-test/nine", "LICENSE-08")],
)
def test_a_licence_file_past_the_settling_reads_is_unread_not_passed_over(
    hub: LoopbackHub, tmp_path: Path, rules: RuleSet, repo_id: str, ninth: str
) -> None:
    """Eight top-level LICENSE-NN (Apache-2.0) and a ninth licence file (CC-BY-NC-4.0: a
    REUSE text, or a ninth LICENSE-NN), a card naming none: the Hub reads eight
    (SETTLING_READS), and the ninth, never read, was taken as decided by those read: the
    weights Apache-2.0, no note; a local directory reads it and keeps CC-BY-NC-4.0 beside
    Apache-2.0. Unread, it leaves what it covers unknown, and a note names it."""
    release = check(hub, tmp_path, rules, _ninth_licence(hub, repo_id, ninth))
    assert release.component("model-parameters-final").licence is None
    assert any(f"did not read: {ninth}" in f.message for f in release.findings)


def test_a_card_naming_the_licence_leaves_the_top_level_files_unread_and_undeciding(
    hub: LoopbackHub, tmp_path: Path, rules: RuleSet
) -> None:
    """A card that names the licence settles it: the top-level files are not read, nor said
    unread (the ninth LICENSE-NN is not one of those read to settle it)."""
    card = {"license": "apache-2.0"}
    release = check(
        hub, tmp_path, rules, _ninth_licence(hub, "osai-test/nine-named", "LICENSE-08", card)
    )
    licence = release.component("model-parameters-final").licence
    assert licence is not None and licence.text.lower() == "apache-2.0"
    assert not any("did not read" in f.message for f in release.findings)


def test_a_licence_file_too_large_to_read_is_tried_not_passed_over(
    hub: LoopbackHub, tmp_path: Path, rules: RuleSet
) -> None:
    """A card naming no licence, LICENSE (MIT) beside a LICENSE.pdf past the bytes osai reads:
    the Hub tried the PDF and could not read it, so it is a copy of the LICENSE read beside it,
    as a local directory takes it (the weights MIT); kept as never tried, it stood beside the
    LICENSE as a ninth LICENSE-NN does and left the weights unknown.  Alone, the LICENSE too
    large is said unread, where nothing said it."""
    too_large = "%PDF-1.4\n" + "x" * 2_000_000
    names = ("README.md", "LICENSE", "LICENSE.pdf", "model.safetensors")
    siblings = [{"rfilename": n} for n in names]
    repo_id = hub.add_repo({"id": "osai-test/licence-pdf", "cardData": {}, "siblings": siblings})
    hub.add_file(repo_id, "LICENSE", "MIT License\n\nCopyright (c) 2024 Someone\n")
    hub.add_file(repo_id, "LICENSE.pdf", too_large)
    release = check(hub, tmp_path, rules, repo_id)
    assert licence_of(release, "model-parameters-final", rules) == "MIT"
    assert not any("not read" in f.message for f in release.findings)
    siblings = [{"rfilename": n} for n in ("README.md", "LICENSE", "model.safetensors")]
    repo_id = hub.add_repo({"id": "osai-test/licence-huge", "cardData": {}, "siblings": siblings})
    hub.add_file(repo_id, "LICENSE", "MIT License\n\n" + "x" * 2_000_000)
    release = check(hub, tmp_path, rules, repo_id)
    assert any("did not read: LICENSE;" in f.message for f in release.findings)


def test_a_small_licence_file_that_is_not_text_is_a_copy_not_a_licence_of_its_own(
    hub: LoopbackHub, tmp_path: Path, rules: RuleSet
) -> None:
    """A card naming no licence, LICENSE (MIT) beside a LICENSE.pdf small enough to read: the
    Hub's bytes were decoded with U+FFFD for each that is not UTF-8, read as a licence osai
    could not identify, and it left the weights unknown ("LICENSE is MIT but LICENSE.pdf is a
    licence osai could not identify").  A local directory does not read a file that is not
    UTF-8, and takes it for a copy of the one read beside it: the Hub does too."""
    pdf = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Length 44 >>\nstream\n\x89\xff\xfe\x00\x81\n"
    names = ("README.md", "LICENSE", "LICENSE.pdf", "model.safetensors")
    siblings = [{"rfilename": n} for n in names]
    repo_id = hub.add_repo(
        {"id": "osai-test/licence-pdf-small", "cardData": {}, "siblings": siblings}
    )
    hub.add_file(repo_id, "LICENSE", "MIT License\n\nCopyright (c) 2024 Someone\n")
    hub.add_file(repo_id, "LICENSE.pdf", pdf)
    release = check(hub, tmp_path, rules, repo_id)
    assert licence_of(release, "model-parameters-final", rules) == "MIT"
    assert not any("cannot tell which covers what" in f.message for f in release.findings)


def test_a_utf_8_licence_file_holding_u_fffd_is_read_on_the_hub_as_in_a_directory(
    hub: LoopbackHub, tmp_path: Path, rules: RuleSet
) -> None:
    """A LICENSE of MIT in UTF-8 whose copyright line holds U+FFFD itself: its bytes are UTF-8,
    so it is read and identified, as a local directory reads it.  Taken for a file whose bytes
    were not (the Hub's are decoded with U+FFFD for each), it was "licence files osai did not
    read: LICENSE", and the weights unknown."""
    names = ("README.md", "LICENSE", "model.safetensors")
    siblings = [{"rfilename": n} for n in names]
    repo_id = hub.add_repo({"id": "osai-test/licence-fffd", "cardData": {}, "siblings": siblings})
    hub.add_file(repo_id, "LICENSE", "MIT License\n\nCopyright (c) 2024 Ren\ufffd\n")
    release = check(hub, tmp_path, rules, repo_id)
    assert licence_of(release, "model-parameters-final", rules) == "MIT"
    assert not any("did not read" in f.message for f in release.findings)
