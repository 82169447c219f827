"""A directory of manifests: `osai check examples`, where examples/ holds several manifests,
each the declaration of a release of its own (bloom.yml, llama-2-7b.yml...).  The directory is
still judged as one model (from the files it holds, and its own manifest, osai.yaml); a note
says which manifests it holds and how to check each, so that a verdict on "examples" is not
read as a verdict on them.

Only the top level is looked at, only files named *.yml or *.yaml that are not the directory's
own manifest names (rules/detection.yaml `manifests.names`), at most MAX_CANDIDATES of them,
each read as the directory's other files are (bounded by `limits.max_read_bytes`, no symlink
out of the directory).  A file is a manifest when its top level has every key
of one (`manifests.required_keys`); a file that cannot be read or parsed is not one.
"""

from __future__ import annotations

from collections.abc import Callable
from shlex import quote

from osai.detection import DetectionRules
from osai.evidence import Certainty, Finding, FindingKind, Provenance
from osai.textsafe import counted, joined

Read = Callable[[str], "str | None"]  # a top-level file's text, None when it cannot be read

MAX_CANDIDATES = 100  # a directory of thousands of YAML files is not read through
NAMED = 3  # manifests named in the note; the rest counted
SUFFIXES = (".yml", ".yaml")


def manifests_finding(
    read: Read, target: str, listing: tuple[str, ...], rules: DetectionRules, source: str
) -> Finding | None:
    """A note when the directory's top level holds two or more manifests of their own; a
    warning when it holds one and no manifest under the directory's own names (_renamed)."""
    own = set(rules.files.manifest_names)
    yaml_files = [
        path
        for path in listing
        if "/" not in path and path.lower().endswith(SUFFIXES) and path.lower() not in own
    ]
    found = [path for path in yaml_files[:MAX_CANDIDATES] if _is_manifest(path, read(path), rules)]
    if len(found) == 1:
        return _renamed(read, target, listing, found[0], rules, source)
    if len(found) < 2:
        return None
    more = f"; +{len(found) - NAMED} more" if len(found) > NAMED else ""
    shown = joined(found[:NAMED]) + more
    folder = target.rstrip("/") or target
    patterns = " ".join(
        f"{folder}/*{suffix}" for suffix in SUFFIXES if any(p.endswith(suffix) for p in found)
    )
    # the YAML files beyond those read may be manifests too: 180 of them were "100 manifests"
    at_least = "at least " if len(yaml_files) > MAX_CANDIDATES else ""
    message = (
        f"{folder} holds {at_least}{counted(len(found), 'manifest')}, each of a release of its own "
        f"({shown}): this report judges the directory as one model; "
        f"osai check {patterns} checks each manifest"
    )
    cited = tuple(Provenance(source, path, "", Certainty.DETECTED) for path in found)
    return Finding(FindingKind.NOTE, message, cited)


def _renamed(
    read: Read,
    target: str,
    listing: tuple[str, ...],
    path: str,
    rules: DetectionRules,
    source: str,
) -> Finding | None:
    """A warning when the one manifest of a directory with none of its own names is not read:
    a team's osai.yaml renamed release.yaml stopped counting, and the check went on on what
    it detects without a word of what the team had declared."""
    own = set(rules.files.manifest_names)
    if any(name.lower() in own and _is_manifest(name, read(name), rules) for name in listing):
        return None
    folder = target.rstrip("/") or target
    names = rules.files.manifest_names
    shown = ", ".join(names[:2]) + ("…" if len(names) > 2 else "")
    message = (
        f"{folder}/{path}: a manifest, not read: osai reads a directory's manifest under one "
        f"of the names in rules/detection.yaml manifests.names ({shown}); "
        f"rename it {names[0]}, or check it alone with osai check {quote(f'{folder}/{path}')}"
    )
    return Finding(
        FindingKind.WARNING, message, (Provenance(source, path, "", Certainty.DETECTED),)
    )


def _is_manifest(path: str, text: str | None, rules: DetectionRules) -> bool:
    return text is not None and rules.files.is_manifest(path.lower(), text)
