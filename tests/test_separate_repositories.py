"""Which repository a web address names (osai/sources/separate.py, rules/links.yaml
`repositories`): a component's licences from two repositories are two releases of it, not a
contradiction, so two repositories must never read as one, nor one as two.

`huggingface.co/spaces/org/a` and `.../spaces/org/b` were one repository (`host/first/second`),
and so were two projects of a GitLab subgroup (`gitlab.com/group/sub/a`, `.../sub/b`)."""

from __future__ import annotations

import pytest

from osai.evidence import Certainty, ComponentEvidence, LicenceFact, Presence, Provenance, Release
from osai.rules import RuleSet, load_ruleset
from osai.rules.links import RepositoryPaths
from osai.sources.merge import merge_with_conflicts
from osai.sources.separate import repository


@pytest.fixture(scope="module")
def rules() -> RuleSet:
    return load_ruleset()


@pytest.fixture(scope="module")
def paths(rules: RuleSet) -> RepositoryPaths:
    return rules.links.repositories


@pytest.mark.parametrize(
    ("address", "named"),
    [
        # the Hub: a model, a dataset and a space are each org/name under their kind
        ("https://huggingface.co/spaces/org/a", "huggingface.co/spaces/org/a"),
        ("https://huggingface.co/spaces/org/b/blob/main/app.py", "huggingface.co/spaces/org/b"),
        ("https://huggingface.co/datasets/org/a/tree/main", "huggingface.co/datasets/org/a"),
        ("https://hf.co/datasets/Org/A", "huggingface.co/datasets/org/a"),
        ("https://huggingface.co/datasets/c4", "huggingface.co/datasets/c4"),
        ("https://huggingface.co/org/a/tree/v1", "huggingface.co/org/a"),
        ("https://huggingface.co/models/org/a", "huggingface.co/org/a"),
        ("https://www.huggingface.co/gpt2/blob/main/config.json", "huggingface.co/gpt2"),
        ("https://huggingface.co/docs/hub", ""),
        ("https://huggingface.co/spaces", ""),
        # GitHub and hosts like it: owner/name
        (
            "https://github.com/EleutherAI/gpt-neox/tree/main/megatron",
            "github.com/eleutherai/gpt-neox",
        ),
        ("https://www.github.com/eleutherai/gpt-neox.git", "github.com/eleutherai/gpt-neox"),
        ("https://codeberg.org/owner/name/src/branch/main", "codeberg.org/owner/name"),
        ("https://github.com/EleutherAI", ""),
        # GitLab: groups nest; the project is the whole path, up to a route
        ("https://gitlab.com/group/sub/project", "gitlab.com/group/sub/project"),
        ("https://gitlab.com/group/sub/deeper/project.git", "gitlab.com/group/sub/deeper/project"),
        (
            "https://gitlab.com/group/sub/project/-/blob/main/train.py",
            "gitlab.com/group/sub/project",
        ),
        ("https://gitlab.com/group/project/tree/main/src", "gitlab.com/group/project"),
        (
            "https://gitlab.inria.fr/team/sub/project/-/tree/main",
            "gitlab.inria.fr/team/sub/project",
        ),
        ("https://gitlab.com/group", ""),
        # no repository at all
        ("LICENSE", ""),
        ("https://localhost/a/b", ""),
    ],
)
def test_the_repository_an_address_names(address: str, named: str, paths: RepositoryPaths) -> None:
    assert repository(address, paths) == named


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("https://huggingface.co/spaces/org/a", "https://huggingface.co/spaces/org/b"),
        ("https://huggingface.co/org/a", "https://huggingface.co/spaces/org/a"),
        ("https://huggingface.co/org/a", "https://huggingface.co/datasets/org/a"),
        ("https://gitlab.com/group/sub/a", "https://gitlab.com/group/sub/b"),
        ("https://gitlab.com/group/sub", "https://gitlab.com/group/sub/project"),
        ("https://github.com/org/a", "https://gitlab.com/org/a"),
    ],
)
def test_distinct_repositories_stay_distinct(one: str, other: str, paths: RepositoryPaths) -> None:
    assert repository(one, paths) != repository(other, paths)


def _training_code(source: str, location: str, licence: str) -> Release:
    where = Provenance(source, location, licence, Certainty.DECLARED)
    evidence = ComponentEvidence(
        "training-code", Presence.PRESENT, (where,), LicenceFact(licence, where), location
    )
    return Release(location, source, "m", components={"training-code": evidence})


@pytest.mark.parametrize(
    ("declared", "detected"),
    [
        ("https://gitlab.com/group/sub/a", "https://gitlab.com/group/sub/b/-/blob/main/LICENSE"),
        ("https://huggingface.co/spaces/org/a", "https://huggingface.co/spaces/org/b"),
    ],
)
def test_two_projects_of_one_group_are_two_releases(
    declared: str, detected: str, rules: RuleSet
) -> None:
    """A manifest's training code in one project (MIT), another project's (Apache-2.0): a note
    that the other holds such code too, not a conflict, and the manifest's licence stands."""
    merged = merge_with_conflicts(
        _training_code("manifest", declared, "MIT"),
        _training_code("github", detected, "Apache-2.0"),
        rules,
    )
    assert merged.conflicts == ()
    (note,) = merged.notes
    assert "another release of it, not a contradiction" in note.message, note.message
    licence = merged.release.component("training-code").licence
    assert licence is not None and licence.text == "MIT"


def test_one_project_read_two_ways_still_conflicts(rules: RuleSet) -> None:
    """The same GitLab project, once as its page and once as a file's: one repository, so the
    two licences contradict each other."""
    merged = merge_with_conflicts(
        _training_code("manifest", "https://gitlab.com/group/sub/a", "MIT"),
        _training_code("github", "https://gitlab.com/group/sub/a/-/blob/main/LICENSE", "GPL-3.0"),
        rules,
    )
    assert merged.notes == ()
    assert [c.subject for c in merged.conflicts] == ["training-code"]
