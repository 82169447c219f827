"""Build the bundled public-assessment snapshots (rules/assessments/*.json.gz) from the corpus.

    python scripts/build_assessments.py [--corpus DIR] [--out DIR]

(default corpus: /work/shared/corpus/public-assessments; default out: rules/assessments)

Reads every MOT model file (models/*.yml) and every EOSAI entry (*.yaml but the submission
template and the `_parameters*` files) exactly as `osai db update` reads an archive: each through
osai.yamlsafe and validated, a file that fails skipped with one line naming it.  Writes one
gzip-compressed JSON snapshot per database, then prints its size and entry counts.  The commits and
dates are the corpus snapshot's (its PROVENANCE.md); pass --mot-commit/--eosai-commit and
--mot-date/--eosai-date when building from another checkout.
"""

from __future__ import annotations

import argparse
import fnmatch
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from osai.assessments.entries import MAX_ENTRY_BYTES, read_entries  # noqa: E402
from osai.assessments.model import (  # noqa: E402
    DatabaseSource,
    EntrySelection,
    LicenceStatement,
    Skipped,
    SnapshotInfo,
)
from osai.assessments.snapshot import write_snapshot  # noqa: E402
from osai.errors import BadInput  # noqa: E402
from osai.rules import load_ruleset  # noqa: E402
from osai.yamlsafe import read_text_file  # noqa: E402

CORPUS = Path("/work/shared/corpus/public-assessments")
SOURCES = {
    "mot": DatabaseSource(
        database="mot",
        title="Model Openness Tool (LF AI & Data), model files",
        repository="https://github.com/lfai/model_openness_tool",
        archive_url="https://codeload.github.com/lfai/model_openness_tool/tar.gz/HEAD",
        selection=EntrySelection("models", (".yml", ".yaml")),
        licence="MIT",
        # the MIT licence's grant: an update whose LICENSE lacks it is refused
        licence_statement=LicenceStatement(
            "LICENSE", "Permission is hereby granted, free of charge"
        ),
        attribution=(
            "Copyright 2024 The Model Openness Tool Authors. MIT licence: the model files are "
            "distributed with the tool's permission notice (rules/assessments/NOTICE)."
        ),
    ),
    "eosai": DatabaseSource(
        database="eosai",
        title="European Open Source AI Index database",
        repository="https://github.com/Language-Technology-Assessment/main-database",
        archive_url=(
            "https://codeload.github.com/Language-Technology-Assessment/main-database/tar.gz/HEAD"
        ),
        selection=EntrySelection("", (".yaml",), ("_*", "a_submission_template.yaml")),
        licence="CC-BY-4.0",
        # the Zenodo record's licence id (the readme says it in prose: "licensed under CC-BY 4.0")
        licence_statement=LicenceStatement(".zenodo.json", "CC-BY-4.0", field="license"),
        attribution=(
            "European Open Source AI Index database (https://osai-index.eu/), "
            "doi:10.5281/zenodo.15386042; Liesenfeld, A. and Dingemanse, M. (2024), Rethinking "
            "open source generative AI: open-washing and the EU AI Act, FAccT 2024, pp. 1774-1787, "
            "doi:10.1145/3630106.3659005. CC-BY-4.0; osai keeps only some fields of each entry "
            "(rules/assessments/NOTICE)."
        ),
    ),
}
DEFAULTS = {
    "mot": ("mot", "8b5d30e90a7c62d7d6ece48b91e69ff495920a4d", "2026-05-11"),
    "eosai": ("eosai", "5a388e871b88735e7ab7e6fb230b76c9d460d99a", "2026-06-12"),
}


def directory_files(root: Path, selection: EntrySelection) -> list[tuple[str, str | Skipped]]:
    """(path in the repository, text or why it was skipped) for each entry file of a checkout."""
    folder = root / selection.directory if selection.directory else root
    prefix = f"{selection.directory}/" if selection.directory else ""
    files: list[tuple[str, str | Skipped]] = []
    for path in sorted(folder.iterdir()):
        name = path.name
        if not name.endswith(selection.suffixes) or name.startswith("."):
            continue
        if any(fnmatch.fnmatchcase(name, pattern) for pattern in selection.exclude):
            continue
        try:
            files.append((prefix + name, read_text_file(path, max_bytes=MAX_ENTRY_BYTES)))
        except BadInput as exc:
            files.append((prefix + name, Skipped(prefix + name, str(exc).split(": ", 1)[-1])))
    return files


def build(database: str, checkout: Path, commit: str, date: str, out: Path) -> None:
    rules = load_ruleset()
    source = SOURCES[database]
    started = time.perf_counter()
    entries, skipped = read_entries(database, directory_files(checkout, source.selection), rules)
    info = SnapshotInfo(
        source=source,
        commit=commit,
        date=date,
        obtained=(
            "bundled with osai: built by scripts/build_assessments.py from an unchanged copy of "
            f"the repository's {source.selection.directory or 'top-level'} files at that commit"
        ),
        entry_count=len(entries),
        skipped=tuple(skipped),
    )
    path = out / f"{database}.json.gz"
    size = write_snapshot(path, info, entries)
    seconds = time.perf_counter() - started
    print(
        f"{database}: {len(entries)} entries, {len(skipped)} skipped, commit {commit[:8]} of "
        f"{date} -> {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path} "
        f"({size:,} bytes, built in {seconds:.2f} s)"
    )
    for item in skipped:
        print(f"  warning: {item.warning(database)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--out", type=Path, default=ROOT / "rules" / "assessments")
    for name, (_, commit, date) in DEFAULTS.items():
        parser.add_argument(f"--{name}-commit", default=commit)
        parser.add_argument(f"--{name}-date", default=date)
    args = parser.parse_args()
    for name, (folder, _, _) in DEFAULTS.items():
        commit = getattr(args, f"{name}_commit")
        date = getattr(args, f"{name}_date")
        build(name, args.corpus / folder, commit, date, args.out)


if __name__ == "__main__":
    main()
