"""How many MOT files and EOSAI entries a Hub id can find, and why the others cannot.

    python benchmarks/assessment_matching.py [--data-dir DIR] [--details]

Runs over the snapshots osai uses (the bundled ones unless an update is newer) with osai's own
matching: for each listing, the Hub ids it names are matched back, and the listing counts as
found when matching returns it.  Offline: whether a named repository still exists on the Hub is
not checked (a listing naming a deleted or renamed repository still counts as naming one).
Also prints the matches of the 18 development repositories the loopback Hub serves.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from osai.assessments import Databases, MatchKind, load_databases, match  # noqa: E402
from osai.assessments.hubids import name_of, read_hub_reference  # noqa: E402
from osai.assessments.matching import (  # noqa: E402
    entry_names,
    listing_of_another_model,
)
from osai.assessments.model import EosaiEntry, MotEntry  # noqa: E402
from osai.rules import load_ruleset  # noqa: E402
from osai.yamlsafe import parse_yaml  # noqa: E402

HUB_FIXTURES = ROOT / "tests" / "fixtures" / "hub" / "models"


def mot_category(databases: Databases, entry: MotEntry) -> tuple[str, str]:
    """(category, detail) for one MOT file."""
    reference = read_hub_reference(entry.huggingface or None)
    if not reference.repo_id:
        if reference.problem == "no field":
            release = parse_yaml(entry.text, Path(entry.label)).data["release"]
            present = "huggingface" in release
            return f"no huggingface field ({'empty' if present else 'absent'})", ""
        if reference.problem.startswith("a Hub "):
            return f"huggingface field is {reference.problem}", entry.huggingface
        return "huggingface field is not a Hub reference", entry.huggingface
    found = match(databases, reference.repo_id).mot
    if found is not None and found.entry.file == entry.file and found.kind is MatchKind.EXACT:
        how = f" (read after cleaning: {reference.repaired})" if reference.repaired else ""
        bare = "" if "huggingface" in entry.huggingface else " (a bare org/name id)"
        return "matched exactly", how or bare
    if listing_of_another_model(entry, name_of(reference.key)):
        version = entry.version
        of = f"{entry.name} (version {version})" if version else entry.name
        return "names a repository, but is of another model (a note, not evidence)", (
            f"{reference.repo_id} is not {of}"
        )
    chosen = found.entry.file if found is not None else "?"
    return "names a repository another file is matched to", f"{reference.repo_id} -> {chosen}"


_OTHER_MODEL = {
    "end_model": "names a repository, its end-model weights link another (a note, not evidence)",
    "base_model": (
        "names a repository, its base model's name and weights link two models (a note, not "
        "evidence)"
    ),
}


def eosai_category(databases: Databases, entry: EosaiEntry) -> tuple[str, str]:
    names = entry_names(entry)
    candidates = [
        *sorted(names.system),
        *sorted(names.end_weights),
        *sorted(names.base_weights),
    ]
    best: tuple[int, MatchKind, str, str] | None = None
    for key in candidates:
        found = match(databases, key).eosai
        if found is None or found.entry.file != entry.file:
            continue
        rank = list(MatchKind).index(found.kind)
        if best is None or rank < best[0]:
            best = (rank, found.kind, key, found.subject)
    if best is not None and best[1] is MatchKind.OTHER_MODEL:
        return _OTHER_MODEL[best[3]], best[2]
    if best is not None and best[1] is not MatchKind.FAMILY:
        return f"matched: {best[1].value}", best[2]
    link = read_hub_reference(entry.link)
    where = link.problem if not link.repo_id else "a Hub repository"
    if names.organisations:
        orgs = ", ".join(sorted(names.organisations))
        return "family only (a Hub organisation, no repository it can be matched by)", (
            f"{orgs}; system.link: {where}"
        )
    if names.system or names.end_weights or names.base_weights:
        return "names Hub repositories of other organisations only", where
    kind = "a Hub page that is no repository" if link.problem.startswith("a Hub") else where
    return "no Hub repository or organisation named", f"system.link: {kind} ({entry.link})"


def show(title: str, rows: Iterable[tuple[str, str, str]], total: int, details: bool) -> None:
    rows = list(rows)
    counts = Counter(category for _, category, _ in rows)
    print(f"{title}: {total}")
    for category, count in counts.most_common():
        print(f"  {count:4}  {category}")
        if details and category not in ("matched exactly", "matched: exact"):
            for name, cat, detail in rows:
                if cat == category:
                    print(f"          {name}{': ' + detail if detail else ''}")
    print()


def duplicate_repositories(databases: Databases) -> None:
    named: dict[str, list[str]] = {}
    for entry in databases.mot.entries:
        key = read_hub_reference(entry.huggingface or None).key
        if key:
            named.setdefault(key, []).append(entry.file.removeprefix("models/"))
    print("MOT repositories named by more than one file:")
    for key, files in sorted(named.items()):
        if len(files) > 1:
            print(f"  {key}: {', '.join(files)}")
    print()


def development_repositories(databases: Databases) -> None:
    print("The loopback Hub's development repositories:")
    for path in sorted(HUB_FIXTURES.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        card = data.get("cardData") or {}
        bases = card.get("base_model") or ()
        bases = [bases] if isinstance(bases, str) else [b for b in bases if isinstance(b, str)]
        found = match(databases, data["id"], base_models=bases)
        mot = f"{found.mot.kind.value} {found.mot.entry.file}" if found.mot else "-"
        eosai = f"{found.eosai.kind.value} {found.eosai.entry.file}" if found.eosai else "-"
        print(f"  {data['id']:40} MOT: {mot:45} EOSAI: {eosai}")
    print()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", type=Path, default=Path("/nonexistent/osai-data"))
    parser.add_argument("--details", action="store_true", help="list the files in each category")
    args = parser.parse_args()
    databases = load_databases(load_ruleset(), args.data_dir)
    for db in (databases.mot.info, databases.eosai.info):
        print(f"{db.database}: {db.origin} snapshot {db.short_commit} of {db.date}")
    print()
    mot = [
        (e.file.removeprefix("models/"), *mot_category(databases, e)) for e in databases.mot.entries
    ]
    show("MOT model files", mot, len(databases.mot.entries), args.details)
    repaired = Counter(detail for _, cat, detail in mot if cat == "matched exactly" and detail)
    for detail, count in repaired.most_common():
        print(f"  of the exact matches, {count} {detail.strip()}")
    print()
    eosai = [(e.file, *eosai_category(databases, e)) for e in databases.eosai.entries]
    show("EOSAI entries", eosai, len(databases.eosai.entries), args.details)
    duplicate_repositories(databases)
    development_repositories(databases)


if __name__ == "__main__":
    main()
