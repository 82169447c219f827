"""Two licences for one component from two different repositories: two releases of it, not a
contradiction.  Pure.

A Model Openness Tool listing that names the repository holding Pythia's data preprocessing code
(github.com/EleutherAI/the-pile, MIT) and a card that links another repository holding such code
(github.com/EleutherAI/gpt-neox, Apache-2.0) do not contradict each other: each speaks of its own
repository.  Which content types may be released so is rules/detection.yaml's
`conflicts.separate_releases`; a licence is compared only with the same repository's.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from osai.evidence import ComponentEvidence, Finding, FindingKind, LicenceFact, LicencePart
from osai.hubrefs import hub_repository_path, site_address
from osai.rules.links import RepositoryPaths
from osai.textsafe import joined


@dataclass(frozen=True)
class Split:
    """The detected licence against the declared side's repository: that same repository's
    licence (None when the detected side does not hold it) and the other repositories'."""

    same: LicenceFact | None
    others: tuple[LicencePart, ...]


def repository(address: str, paths: RepositoryPaths) -> str:
    """The repository a web address names, as host and path, case-folded ("" for anything
    else: a file in the release, a site's page): https://github.com/EleutherAI/gpt-neox/tree/main
    and https://github.com/eleutherai/gpt-neox.git are one repository; gitlab.com/group/sub/a
    and gitlab.com/group/sub/b two (`paths`: where a name ends); a Hub model, dataset and space
    of one name three."""
    if "://" not in address:
        return ""
    hub = hub_repository_path(address)
    if hub is not None:
        return f"huggingface.co/{hub}".casefold() if hub else ""
    site = site_address(address.strip())
    if site is None:  # `https://[oops/x`, `https://localhost/a/b`: no repository
        return ""
    host, split = site
    parts = [part for part in split.path.split("/") if part]
    if len(parts) < 2:
        return ""
    named = paths.name(host, parts)
    if len(named) < 2:
        return ""
    named[-1] = named[-1].removesuffix(".git")
    return "/".join((host, *named)).casefold()


def split_by_repository(
    declared: ComponentEvidence,
    detected: ComponentEvidence,
    licence: LicenceFact,
    paths: RepositoryPaths,
) -> Split | None:
    """How `licence` (the detected side's) divides by repository, when both sides name
    repositories and some differ from the declared side's; None when they speak of the same."""
    ours = repository(declared.location, paths)
    parts = licence.parts or (LicencePart(detected.location, licence),)
    named = [(repository(part.release, paths), part) for part in parts]
    if not ours or not all(name for name, _ in named):
        return None
    others = tuple(part for name, part in named if name != ours)
    if not others:
        return None
    same = next((part.licence for name, part in named if name == ours), None)
    return Split(same, others)


def other_releases_finding(
    component_name: str,
    declared: ComponentEvidence,
    ours: LicenceFact,
    others: Sequence[LicencePart],
    spelled: Callable[[str], str],
    said: tuple[str, str],
) -> Finding:
    """A note: the declared side's repository and licence, and which other repositories hold
    such code under which licence.  `said`: who states the declared licence, and where."""
    who, where = said
    by_licence = _by_licence(others, spelled, lambda part: _shown(part.release))
    holds = "; ".join(
        f"{joined(where)} also {'hold' if len(where) > 1 else 'holds'} "
        f"{component_name.lower()}, under {licence}"
        for licence, where in by_licence.items()
    )
    message = (
        f"{component_name}: {who} names {_shown(declared.location)}, under {spelled(ours.text)} "
        f"({where}); {holds}: another release of it, not a contradiction, "
        f"so osai keeps {who}'s {spelled(ours.text)}"
    )
    cited = (ours.provenance, *(part.licence.provenance for part in others))
    return Finding(FindingKind.NOTE, message, cited, declared.component)


def each_says(licence: LicenceFact, spelled: Callable[[str], str]) -> str:
    """Which repository says which licence ("a/LICENSE and b/LICENSE say 'Apache-2.0',
    c/LICENSE.md says 'MIT'"), for a licence combined from several; "" for one."""
    if not licence.parts:
        return ""
    by_licence = _by_licence(licence.parts, spelled, lambda part: part.licence.provenance.location)
    return ", ".join(
        f"{joined(where)} {'say' if len(where) > 1 else 'says'} {text}"
        for text, where in by_licence.items()
    )


def _by_licence(
    parts: Sequence[LicencePart],
    spelled: Callable[[str], str],
    named: Callable[[LicencePart], str],
) -> dict[str, list[str]]:
    """Each licence (as spelled) → the parts under it, each as `named` names it, in order."""
    grouped: dict[str, list[str]] = {}
    for part in parts:
        grouped.setdefault(spelled(part.licence.text), []).append(named(part))
    return grouped


def _shown(address: str) -> str:
    return address.split("://", 1)[-1].rstrip("/")
