"""`osai db update` and `osai db status`: real archives from a loopback server, never the internet.

Each archive is a real tar.gz in `git archive`'s layout (tests/assessment_archives.py), served
over HTTP on 127.0.0.1.  The MOT archive holds the MOT's model files as the bundled snapshot keeps
them (their original text); the EOSAI archive the fixture files plus the other entries re-rendered.
"""

from __future__ import annotations

import datetime
import gzip
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import time
from dataclasses import replace
from pathlib import Path

import pytest
from assessment_archives import (
    EOSAI_PATH,
    FIXTURES,
    MOT_PATH,
    Member,
    archive_server,
    eosai_tree,
    loopback_download,
    mot_tree,
    render_eosai,
    tar_gz,
)
from clirunner import Result, run_osai, run_osai_process, run_osai_unprivileged
from conftest import REFUSED
from loopback_hub import LoopbackHub

from osai.assessments import db_status, load_databases, match, update_databases
from osai.assessments.archive import ArchiveError, read_archive
from osai.assessments.entries import eosai_entry
from osai.assessments.model import EntrySelection, EosaiEntry, LicenceStatement
from osai.assessments.snapshot import read_snapshot, write_snapshot
from osai.assessments.store import bundled_path, load_snapshot, updated_path
from osai.assessments.update import UpdateOutcome, licence_not_stated, update_database
from osai.errors import EvidenceUnavailable
from osai.formatters.assessments import render_status
from osai.rules import RuleSet, load_ruleset

NEW_COMMIT = "0123456789abcdef0123456789abcdef01234567"
MOT_TOP = "model_openness_tool-HEAD"
TODAY = datetime.date(2026, 7, 1)
TODAY_LATER = datetime.date(2026, 8, 1)


@pytest.fixture(scope="module")
def rules() -> RuleSet:
    return load_ruleset()


def _with_new_listing(tree: dict[str, Member]) -> dict[str, Member]:
    """The MOT tree plus one listing the bundled snapshot does not have."""
    text = (FIXTURES / "mot" / "models" / "Pythia-70M.yml").read_text(encoding="utf-8")
    renamed = text.replace("name: Pythia-70M", "name: Pythia-70M-deduped").replace(
        "EleutherAI/pythia-70m'", "EleutherAI/pythia-70m-deduped'"
    )
    return {**tree, "models/Pythia-70M-deduped.yml": Member(renamed.encode())}


def test_update_stores_a_validated_snapshot_records_its_commit_and_date_and_it_answers(
    rules: RuleSet, tmp_path: Path
) -> None:
    with archive_server() as server:
        server.routes[MOT_PATH] = tar_gz(_with_new_listing(mot_tree()), MOT_TOP, NEW_COMMIT)
        server.routes[EOSAI_PATH] = tar_gz(eosai_tree(), "main-database-HEAD", NEW_COMMIT)
        outcomes = update_databases(
            rules, tmp_path, loopback_download, codeload_base=server.url, today=TODAY
        )
    assert server.requests == [MOT_PATH, EOSAI_PATH]  # one archive per database
    mot, eosai = outcomes
    assert mot.updated and eosai.updated, (mot.message, eosai.message)
    assert mot.message.startswith("updated to 01234567 of 2026-06-09: 274 entries")
    assert mot.in_use.origin == "updated" and mot.in_use.commit == NEW_COMMIT
    assert mot.in_use.date == "2026-06-09"  # the commit's time, from the archive's members
    assert eosai.in_use.entry_count == 193
    loaded = load_databases(rules, tmp_path)
    assert loaded.mot.info.path == str(updated_path(tmp_path, "mot"))
    found = match(loaded, "EleutherAI/pythia-70m-deduped").mot
    assert found is not None and found.entry.file == "models/Pythia-70M-deduped.yml"
    # the same commit again: no news, said so (it said "updated to 01234567" again)
    with archive_server() as server:
        server.routes[MOT_PATH] = tar_gz(_with_new_listing(mot_tree()), MOT_TOP, NEW_COMMIT)
        server.routes[EOSAI_PATH] = tar_gz(eosai_tree(), "main-database-HEAD", NEW_COMMIT)
        again = update_databases(
            rules, tmp_path, loopback_download, codeload_base=server.url, today=TODAY
        )
    assert again[0].message.startswith("already up to date at 01234567 of 2026-06-09: 274 entries")
    statuses = {status.database: status for status in db_status(tmp_path)}
    assert statuses["mot"].in_use.origin == "updated"
    assert statuses["mot"].bundled is not None and statuses["mot"].bundled.entry_count == 273


def test_an_update_removes_the_scratch_file_a_killed_update_left_and_no_younger_one(
    rules: RuleSet, tmp_path: Path
) -> None:
    """`kill -9` between the scratch file's creation and its rename left `.mot.json.gz.*.tmp`
    beside the snapshot for good, one more with each killed update."""
    stored = updated_path(tmp_path, "mot")
    stored.parent.mkdir(parents=True)
    killed = stored.parent / f".{stored.name}.k1ll3d_x.tmp"  # mkstemp's eight characters
    in_progress = stored.parent / f".{stored.name}.wr1t1ng_.tmp"  # another update's, right now
    mine = stored.parent / f".{stored.name}.mine.tmp"  # not osai's, however old
    for scratch in (killed, in_progress, mine):
        scratch.write_bytes(b"\x1f\x8b half a snapshot")
    an_hour_ago = time.time() - 3700
    for old in (killed, mine):
        os.utime(old, (an_hour_ago, an_hour_ago))
    with archive_server() as server:
        server.routes[MOT_PATH] = tar_gz(mot_tree(), MOT_TOP, NEW_COMMIT)
        server.routes[EOSAI_PATH] = tar_gz(eosai_tree(), "main-database-HEAD", NEW_COMMIT)
        mot, _ = update_databases(
            rules, tmp_path, loopback_download, codeload_base=server.url, today=TODAY
        )
    assert mot.updated, mot.message
    assert not killed.exists() and in_progress.exists() and mine.exists()


def test_update_skips_each_hostile_entry_with_one_warning_and_keeps_the_rest(
    rules: RuleSet, tmp_path: Path
) -> None:
    tree = mot_tree()
    for name in ("alias-bomb.yml", "python-tag.yml", "wrong-types.yml"):
        tree[f"models/{name}"] = Member((FIXTURES / "hostile" / name).read_bytes())
    fifty_megabytes = b"release:\n" + b"  padding: xxxxxxxx\n" * 2_700_000
    tree["models/fifty-megabytes.yml"] = Member(fifty_megabytes)
    tree["models/link.yml"] = Member(target="../../etc/passwd")
    outcome = _update_mot_from(tree, rules, tmp_path)
    assert outcome.updated, outcome.message
    assert outcome.in_use.entry_count == 273
    hostile = ["alias-bomb.yml", "fifty-megabytes.yml", "link.yml", "python-tag.yml"]
    hostile.append("wrong-types.yml")
    assert sorted(w.split(":")[1].split("/")[1] for w in outcome.warnings) == hostile
    assert len(outcome.warnings) == 5  # one each
    assert any("too large (54,000,009 bytes" in w for w in outcome.warnings)
    assert any("a symbolic link" in w for w in outcome.warnings)
    assert not Path("/tmp/osai-hostile").exists()
    loaded = load_databases(rules, tmp_path)
    assert len(loaded.mot.entries) == 273
    assert sorted(w.split(":")[1] for w in loaded.warnings) == [f"models/{h}" for h in hostile]
    assert match(loaded, "EleutherAI/pythia-70m").mot is not None  # the check still answers


def test_each_member_that_is_no_file_is_skipped_naming_what_it_is(
    rules: RuleSet, tmp_path: Path
) -> None:
    """A mirror serving devices, a pipe or a directory where listings are: each is skipped
    saying which it is ("not a regular file, not a file" said the same thing twice)."""
    tree = mot_tree()
    kinds = {
        "char.yml": (tarfile.CHRTYPE, "a character device"),
        "block.yml": (tarfile.BLKTYPE, "a block device"),
        "fifo.yml": (tarfile.FIFOTYPE, "a named pipe"),
        "folder.yml": (tarfile.DIRTYPE, "a directory"),
        "hard.yml": (tarfile.LNKTYPE, "a hard link"),
    }
    for name, (kind, _) in kinds.items():
        tree[f"models/{name}"] = Member(kind=kind)
    outcome = _update_mot_from(tree, rules, tmp_path)
    assert outcome.updated, outcome.message
    assert sorted(outcome.warnings) == sorted(
        f"mot:models/{name}: skipped ({said}, not a file)" for name, (_, said) in kinds.items()
    )


def test_an_archive_of_the_stored_commit_with_other_files_says_it_replaced_the_snapshot(
    rules: RuleSet, tmp_path: Path
) -> None:
    """A mirror's archive naming the stored commit with one listing swapped for a link: the
    stored snapshot was replaced, so "already up to date" (said of the commit alone) hid that
    what answers had changed; the same files again are no news."""
    assert _update_mot_from(mot_tree(), rules, tmp_path).updated
    tree = mot_tree()
    tree["models/Pythia-70M.yml"] = Member(target="/etc/passwd")
    edited = _update_mot_from(tree, rules, tmp_path)
    assert edited.updated
    assert edited.message.startswith(
        "updated to 01234567 of 2026-06-09 again, from an archive of that commit whose files "
        "differ from the stored snapshot's (273 entries, 0 skipped): 272 entries, 1 skipped"
    ), edited.message
    same = _update_mot_from(tree, rules, tmp_path)
    assert same.message.startswith("already up to date at 01234567 of 2026-06-09: 272 entries")


def _update_mot_from(tree: dict[str, Member], rules: RuleSet, data_dir: Path) -> UpdateOutcome:
    """`db update` of the MOT database from an archive of `tree`, served on 127.0.0.1."""
    with archive_server() as server:
        server.routes[MOT_PATH] = tar_gz(tree, MOT_TOP, NEW_COMMIT)
        return update_database(
            rules, data_dir, "mot", loopback_download, codeload_base=server.url, today=TODAY
        )


def _pythia_with_a_pasted_licence() -> str:
    """Pythia-70M's listing with 100 KB pasted for its distribution licence's id."""
    text = (FIXTURES / "mot" / "models" / "Pythia-70M.yml").read_text(encoding="utf-8")
    return text.replace("name: Apache-2.0", f"name: '{'A' * 100_000}'", 1)


def test_a_listing_whose_licence_is_100_kb_is_skipped_as_hostile(
    rules: RuleSet, tmp_path: Path
) -> None:
    """A licence of 100 KB was read as a licence: every component inheriting it quoted it, and
    `osai check` on the repository the listing names printed 2.5 MB (JSON: 8.5 MB)."""
    tree = mot_tree()
    tree["models/Pythia-70M.yml"] = Member(_pythia_with_a_pasted_licence().encode())
    outcome = _update_mot_from(tree, rules, tmp_path)
    assert outcome.updated, outcome.message
    assert outcome.in_use.entry_count == 272
    (warning,) = outcome.warnings
    assert warning.startswith(
        "mot:models/Pythia-70M.yml: skipped (line 18: release.license.distribution.name: a "
        "licence expression of 100,000 characters is longer than osai reads (at most 2,000)"
    ), warning


def test_a_stored_listing_whose_licence_is_100_kb_is_not_used_by_a_check(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    """The same listing in a snapshot an older osai stored: the check says it was not used."""
    document = json.loads(gzip.decompress(bundled_path("mot").read_bytes()))
    (entry,) = [e for e in document["entries"] if e["file"] == "models/Pythia-70M.yml"]
    entry["text"] = _pythia_with_a_pasted_licence()
    _damaged_copy(tmp_path, date="2027-01-01", entries=document["entries"])
    env = {"OSAI_DATA_DIR": str(tmp_path), "HF_ENDPOINT": hub.endpoint}
    check = run_osai("check", "EleutherAI/pythia-70m", "--no-follow", env=env)
    assert check.code == 0, check.stderr
    assert len(check.stdout) < 20_000, len(check.stdout)
    said = " ".join(check.stdout.split())
    assert "a licence expression of 100,000 characters is longer than osai reads" in said
    assert "the MOT listing was not used" in said


@pytest.mark.parametrize("below", ["", "osai"], ids=["the-file", "under-the-file"])
def test_a_data_directory_that_is_a_file_is_said_and_the_bundled_snapshots_answer(
    hub: LoopbackHub, tmp_path: Path, below: str
) -> None:
    """OSAI_DATA_DIR naming a file: `osai db status` refused it, but a check read the bundled
    snapshots without a word, so an update the user believed in was not used.  So too under a
    file (~/.local/share a file, OSAI_DATA_DIR=~/.local/share/osai), which was still silent."""
    the_file = tmp_path / "data-is-a-file"
    the_file.write_text("mine\n", encoding="utf-8")
    data_dir = the_file / below if below else the_file
    env = {"OSAI_DATA_DIR": str(data_dir), "HF_ENDPOINT": hub.endpoint}
    check = run_osai("check", "EleutherAI/pythia-70m", "--no-follow", "-q", env=env)
    assert check.code == 0, check.stderr
    for database, commit in (("mot", "8b5d30e9"), ("eosai", "5a388e87")):
        said = (
            f"osai: warning: {data_dir}: not a directory, so no updated {database} snapshot is "
            f"read from it (see OSAI_DATA_DIR) (using the bundled snapshot, {commit})"
        )
        assert said in check.stderr.splitlines(), check.stderr
    assert "(assessed)" in check.stdout  # the bundled MOT listing still answers
    assert the_file.read_text(encoding="utf-8") == "mine\n"


def test_a_stored_eosai_entry_whose_licence_is_100_kb_is_dropped(tmp_path: Path) -> None:
    """The same in a snapshot an older osai stored: that entry is dropped, with a warning."""
    document = json.loads(gzip.decompress(bundled_path("eosai").read_bytes()))
    document["entries"][0]["end_model_licence"] = "A" * 100_000
    damaged = updated_path(tmp_path, "eosai")
    damaged.parent.mkdir(parents=True)
    damaged.write_bytes(gzip.compress(json.dumps({**document, "date": "2027-01-01"}).encode()))
    loaded = load_snapshot("eosai", tmp_path)
    assert (loaded.info.origin, len(loaded.entries)) == ("updated", 192)
    file = document["entries"][0]["file"]
    assert loaded.warnings[0].startswith(
        f"eosai:{file}: skipped (damaged in the snapshot eosai.json.gz: end_model_licence: a "
        "licence expression of 100,000 characters is longer than osai reads"
    ), loaded.warnings


def test_an_eosai_entry_named_in_200_kb_is_skipped_and_a_check_of_its_model_stays_small(
    rules: RuleSet, hub: LoopbackHub, tmp_path: Path
) -> None:
    """An update stored an entry whose name was 200 KB; a check of the model it assesses quoted
    the name in its note: 217 KB of report for one entry."""
    tree = eosai_tree()
    text = tree["deepseek-R1.yaml"].data.decode()
    assert "    name: DeepSeek R1\n" in text
    huge = text.replace("    name: DeepSeek R1\n", f"    name: DeepSeek R1 {'y' * 200_000}\n", 1)
    tree["deepseek-R1.yaml"] = Member(huge.encode())
    with archive_server() as server:
        server.routes[EOSAI_PATH] = tar_gz(tree, "main-database-HEAD", NEW_COMMIT)
        outcome = update_database(
            rules, tmp_path, "eosai", loopback_download, codeload_base=server.url, today=TODAY
        )
    assert outcome.updated, outcome.message
    (warning,) = outcome.warnings
    assert warning.startswith("eosai:deepseek-R1.yaml: skipped (system.name: 200,012 characters")
    env = {"OSAI_DATA_DIR": str(tmp_path), "HF_ENDPOINT": hub.endpoint}
    check = run_osai("check", "deepseek-ai/DeepSeek-R1", "--no-follow", env=env)
    assert check.code == 0, check.stderr
    assert len(check.stdout) < 20_000, len(check.stdout)


def test_an_entry_file_whose_name_no_file_system_holds_is_skipped_in_few_words(
    rules: RuleSet, tmp_path: Path
) -> None:
    """A listing named in 100 KB was kept, cited by that name in every note; one that did not
    read was skipped with a warning of 100 KB, repeated by every check, audit and status."""
    tree = mot_tree()
    listing = tree["models/Pythia-70M.yml"]
    tree[f"models/{'a' * 100_000}.yml"] = listing
    tree[f"models/{'b' * 100_000}.yml"] = Member(b"not: a listing\n")
    outcome = _update_mot_from(tree, rules, tmp_path)
    assert outcome.updated, outcome.message
    assert outcome.in_use.entry_count == 273
    assert len(outcome.warnings) == 2
    for warning in outcome.warnings:
        assert len(warning) < 300, warning[:300]
        assert "skipped (a file name of 100,004 characters, longer than a file system holds" in (
            warning
        ), warning[:300]
    assert len(updated_path(tmp_path, "mot").read_bytes()) < 100_000


def test_a_stored_entry_whose_file_name_no_file_system_holds_is_dropped_in_few_words(
    tmp_path: Path,
) -> None:
    """The same in a snapshot an older osai stored: the entry was kept and cited by its 100 KB
    name, and a listing it had skipped was warned of in 100 KB by every check and db status."""
    document = json.loads(gzip.decompress(bundled_path("mot").read_bytes()))
    document["entries"][0]["file"] = f"models/{'a' * 100_000}.yml"
    skipped = {"file": f"models/{'b' * 100_000}.yml", "reason": "did not read"}
    _damaged_copy(tmp_path, date="2027-01-01", entries=document["entries"], skipped=[skipped])
    loaded = load_snapshot("mot", tmp_path)
    assert (loaded.info.origin, len(loaded.entries)) == ("updated", 272)
    assert all(len(entry.file) < 300 for entry in loaded.entries)
    assert len(loaded.info.skipped) == 2
    for skip in loaded.info.skipped:
        assert len(skip.file) < 300 and len(skip.reason) < 300, skip.file[:300]
    said = [
        warning for warning in loaded.warnings if "a file name of 100,004 characters" in warning
    ]
    assert len(said) == 1, [warning[:300] for warning in loaded.warnings]


def test_a_stored_entry_named_in_200_kb_is_dropped(tmp_path: Path) -> None:
    """The same in a snapshot an older osai stored: that entry is dropped, with a warning."""
    document = json.loads(gzip.decompress(bundled_path("mot").read_bytes()))
    document["entries"][0]["name"] = "N" * 200_000
    _damaged_copy(tmp_path, date="2027-01-01", entries=document["entries"])
    loaded = load_snapshot("mot", tmp_path)
    assert (loaded.info.origin, len(loaded.entries)) == ("updated", 272)
    file = document["entries"][0]["file"]
    assert loaded.warnings[0].startswith(
        f"mot:{file}: skipped (damaged in the snapshot mot.json.gz: release.name: 200,000 "
        "characters, longer than osai keeps of a name, date or link (at most 2,000)"
    ), loaded.warnings


def test_an_eosai_entrys_notes_are_kept_up_to_2000_characters_read_or_stored(
    tmp_path: Path,
) -> None:
    """A parameter's notes (the EOSAI's own are at most ~500 characters) went whole into every
    report of the model, JSON and -v: 100 KB of them are cut, saying so, whether read from the
    archive by `db update` or from a snapshot stored before."""
    _, entries, _ = read_snapshot(bundled_path("eosai"), "bundled")
    entry = next(e for e in entries if isinstance(e, EosaiEntry) and e.parameters)
    key = next(iter(entry.parameters))
    long = {key: replace(entry.parameters[key], notes="n" * 100_000)}
    read = eosai_entry(entry.file, render_eosai(replace(entry, parameters=long)))
    cut = "n" * 2000 + "… (cut by osai: 100,000 characters)"
    assert read.parameters[key].notes == cut
    document = json.loads(gzip.decompress(bundled_path("eosai").read_bytes()))
    stored = next(e for e in document["entries"] if e["file"] == entry.file)
    stored["parameters"][key]["notes"] = "n" * 100_000
    damaged = updated_path(tmp_path, "eosai")
    damaged.parent.mkdir(parents=True)
    damaged.write_bytes(gzip.compress(json.dumps({**document, "date": "2027-01-01"}).encode()))
    loaded = next(e for e in load_snapshot("eosai", tmp_path).entries if e.file == entry.file)
    assert isinstance(loaded, EosaiEntry) and loaded.parameters[key].notes == cut


def test_an_eosai_entrys_notes_cut_keep_their_length_once_stored(tmp_path: Path) -> None:
    """Notes cut by `db update` are stored cut, longer than 2,000 characters with the words
    saying so: each later read cut them again, and said "cut by osai: 2,035 characters" of
    notes that had 100,000."""
    info, entries, _ = read_snapshot(bundled_path("eosai"), "bundled")
    entry = next(e for e in entries if isinstance(e, EosaiEntry) and e.parameters)
    key = next(iter(entry.parameters))
    long = {key: replace(entry.parameters[key], notes="n" * 100_000)}
    read = eosai_entry(entry.file, render_eosai(replace(entry, parameters=long)))
    stored = tmp_path / "eosai.json.gz"
    write_snapshot(stored, info, [read])
    _, (again,), _ = read_snapshot(stored, "updated")
    assert isinstance(again, EosaiEntry)
    assert again.parameters[key].notes == "n" * 2000 + "… (cut by osai: 100,000 characters)"


def test_a_corrupt_archive_is_refused_and_the_last_good_snapshot_stays(
    rules: RuleSet, tmp_path: Path
) -> None:
    good = tar_gz(mot_tree(), MOT_TOP, NEW_COMMIT)
    with archive_server() as server:
        server.routes[MOT_PATH] = good
        first = update_database(rules, tmp_path, "mot", loopback_download, codeload_base=server.url)
        assert first.updated
        stored = updated_path(tmp_path, "mot").read_bytes()
        for broken in (good[: len(good) // 2], b"<html>rate limited</html>", b""):
            server.routes[MOT_PATH] = broken
            again = update_database(
                rules, tmp_path, "mot", loopback_download, codeload_base=server.url
            )
            assert not again.updated
            assert "the updated snapshot 01234567" in again.message, again.message
            assert updated_path(tmp_path, "mot").read_bytes() == stored


def _cut_at_a_member(archive: bytes, share: float, into: str = "") -> bytes:
    """The tar inside `archive` cut where a member begins (about `share` of them in), or `into`
    bytes past it, and gzipped again: a whole gzip of a partial tar, with no end-of-archive."""
    raw = gzip.decompress(archive)
    with tarfile.open(fileobj=io.BytesIO(raw)) as whole:
        members = whole.getmembers()
    cut = members[int(len(members) * share)].offset + len(into)
    return gzip.compress(raw[:cut], mtime=0)


@pytest.mark.parametrize("into", ["", "x" * 100], ids=["at-a-member", "in-a-header"])
def test_db_update_refuses_a_tar_cut_short_and_the_stored_snapshot_stays(
    tmp_path: Path, into: str
) -> None:
    """A gzip of a tar cut where a member begins (a mirror's partial copy) has no end-of-archive
    blocks: read as a whole archive, it "updated ... 231 entries" over the stored 273 (above
    the 80% floor) and no word said 42 were lost.  Refused, exit 3, the stored snapshot kept."""
    later = 1_782_000_000
    with archive_server() as server:
        server.routes[MOT_PATH] = tar_gz(mot_tree(), MOT_TOP, NEW_COMMIT, mtime=later)
        server.routes[EOSAI_PATH] = tar_gz(eosai_tree(), "main-database-HEAD", NEW_COMMIT)
        assert _db_update(tmp_path, server.url).code == 0
        stored = updated_path(tmp_path, "mot").read_bytes()
        whole = tar_gz(mot_tree(), MOT_TOP, "fe" * 20, mtime=later + 86_400)
        server.routes[MOT_PATH] = _cut_at_a_member(whole, 0.85, into)
        result = _db_update(tmp_path, server.url)
    assert result.code == 3, result.stdout + result.stderr
    said = " ".join(result.stdout.split())
    assert "mot: not updated: truncated archive (it ends after " in said, said
    assert "before tar's end-of-archive blocks); the updated snapshot 01234567" in said, said
    assert updated_path(tmp_path, "mot").read_bytes() == stored
    assert "Traceback" not in result.stderr


def test_an_archive_with_far_fewer_entries_is_refused(rules: RuleSet, tmp_path: Path) -> None:
    few = {path: m for path, m in mot_tree().items() if "Pythia" in path or path == "LICENSE"}
    with archive_server() as server:
        server.routes[MOT_PATH] = tar_gz(few, MOT_TOP, NEW_COMMIT)
        outcome = update_database(
            rules, tmp_path, "mot", loopback_download, codeload_base=server.url
        )
    assert not outcome.updated
    assert "yields 10 entries, far fewer than the bundled snapshot's 273" in outcome.message
    assert outcome.in_use.origin == "bundled"
    assert not updated_path(tmp_path, "mot").exists()


def test_an_archive_of_another_schema_is_refused_in_a_few_lines_not_one_warning_a_file(
    rules: RuleSet, tmp_path: Path
) -> None:
    """The MOT's models/ holding EOSAI entries (a mirror serving the wrong repository, or a new
    MOF format): every file is skipped and the archive refused whole.  Each of the 273 skips was a
    warning of its own, 1,900 lines of them between the refusal and the other database's
    outcome; a few show why, and a count says how many more."""
    olmo = (FIXTURES / "eosai" / "OLMo.yaml").read_bytes()
    tree = {
        path: Member(olmo) if path.startswith("models/") else member
        for path, member in mot_tree().items()
    }
    outcome = _update_mot_from(tree, rules, tmp_path)
    assert not outcome.updated
    assert "yields 0 entries, far fewer than the bundled snapshot's 273" in outcome.message
    assert len(outcome.warnings) == 4, outcome.warnings
    assert all("skipped (" in w for w in outcome.warnings[:3])
    assert outcome.warnings[3] == (
        "mot: 270 more files skipped (the archive was refused whole; the 3 above say why)"
    )
    assert not updated_path(tmp_path, "mot").exists()


def test_an_archive_older_than_the_stored_snapshot_does_not_replace_it(
    rules: RuleSet, tmp_path: Path
) -> None:
    """A mirror (OSAI_CODELOAD_URL) or a force-pushed branch serving an older commit replaced
    the user's newer snapshot, the one that answered, and the update said "updated"."""
    with archive_server() as server:
        server.routes[MOT_PATH] = tar_gz(mot_tree(), MOT_TOP, NEW_COMMIT, mtime=1_783_000_000)
        first = update_database(
            rules, tmp_path, "mot", loopback_download, codeload_base=server.url, today=TODAY_LATER
        )
        assert first.updated and first.in_use.date == "2026-07-02", first.message
        stored = updated_path(tmp_path, "mot").read_bytes()
        older = "fedcba9876543210fedcba9876543210fedcba98"
        server.routes[MOT_PATH] = tar_gz(mot_tree(), MOT_TOP, older, mtime=1_760_000_000)
        again = update_database(
            rules, tmp_path, "mot", loopback_download, codeload_base=server.url, today=TODAY_LATER
        )
    assert not again.updated
    assert "the archive's commit fedcba98 of 2025-10-09 is older than" in again.message
    assert again.message.endswith("still answers")
    assert updated_path(tmp_path, "mot").read_bytes() == stored
    assert again.in_use.origin == "updated" and again.in_use.date == "2026-07-02"


def test_an_archive_dated_in_the_future_is_dated_the_day_it_was_fetched(
    rules: RuleSet, tmp_path: Path
) -> None:
    """A commit time in 2099 (a wrong clock, a hostile mirror) dated the snapshot 2099: it
    would answer instead of every newer bundled snapshot, and refuse every genuine update as
    older than itself."""
    with archive_server() as server:
        server.routes[MOT_PATH] = tar_gz(mot_tree(), MOT_TOP, NEW_COMMIT, mtime=4_070_908_800)
        first = update_database(
            rules, tmp_path, "mot", loopback_download, codeload_base=server.url, today=TODAY
        )
        assert first.updated and first.in_use.date == "2026-07-01", first.message
        server.routes[MOT_PATH] = tar_gz(mot_tree(), MOT_TOP, NEW_COMMIT, mtime=1_783_000_000)
        later = update_database(
            rules, tmp_path, "mot", loopback_download, codeload_base=server.url, today=TODAY_LATER
        )
    assert later.updated and later.in_use.date == "2026-07-02", later.message
    # a snapshot stored dated in the future (by a clock that ran ahead) refuses no update either
    with archive_server() as server:
        server.routes[MOT_PATH] = tar_gz(mot_tree(), MOT_TOP, NEW_COMMIT, mtime=4_070_908_800)
        ahead = datetime.date(2099, 6, 1)
        update_database(
            rules, tmp_path, "mot", loopback_download, codeload_base=server.url, today=ahead
        )
        server.routes[MOT_PATH] = tar_gz(mot_tree(), MOT_TOP, NEW_COMMIT, mtime=1_783_000_000)
        again = update_database(
            rules, tmp_path, "mot", loopback_download, codeload_base=server.url, today=TODAY_LATER
        )
    assert again.updated, again.message


def test_offline_the_bundled_snapshot_answers_and_the_update_says_so(
    rules: RuleSet, tmp_path: Path
) -> None:
    with archive_server() as server:
        gone = server.url  # nothing listens here once the server has stopped
    outcome = update_database(rules, tmp_path, "mot", loopback_download, codeload_base=gone)
    assert not outcome.updated
    assert "URLError" in outcome.message
    assert outcome.message.endswith("the bundled snapshot 8b5d30e9 of 2026-05-11 still answers")


def test_an_archive_member_leaving_the_archive_refuses_the_whole_archive() -> None:
    selection = EntrySelection("models", (".yml",))
    escaping = tar_gz({"../../models/evil.yml": Member(b"x: 1\n")}, MOT_TOP)
    with pytest.raises(ArchiveError, match="unsafe member path"):
        read_archive(escaping, selection)
    absolute = tar_gz({"/etc/models/evil.yml": Member(b"x: 1\n")}, MOT_TOP)
    with pytest.raises(ArchiveError, match="unsafe member path"):
        read_archive(absolute, selection)
    assert issubclass(ArchiveError, EvidenceUnavailable)  # exit 3, as any unavailable evidence


def test_an_archive_naming_one_entry_file_twice_is_refused_and_the_last_good_snapshot_stays(
    rules: RuleSet, tmp_path: Path
) -> None:
    """`git archive` names each file once: an archive repeating one listing 300 times (or one
    file under two top directories) is not a repository's snapshot, and its count of entries
    must not pass for the 273 listings the stored snapshot holds."""
    one = mot_tree()["models/Pythia-70M.yml"].data
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz", format=tarfile.PAX_FORMAT) as archive:
        for top in [MOT_TOP, "fork-HEAD"] * 150:
            member = tarfile.TarInfo(f"{top}/models/Pythia-70M.yml")
            member.size, member.mtime = len(one), 1_781_000_000
            archive.addfile(member, io.BytesIO(one))
    with archive_server() as server:
        server.routes[MOT_PATH] = tar_gz(mot_tree(), MOT_TOP, NEW_COMMIT)
        assert update_database(
            rules, tmp_path, "mot", loopback_download, codeload_base=server.url
        ).updated
        stored = updated_path(tmp_path, "mot").read_bytes()
        server.routes[MOT_PATH] = buffer.getvalue()
        outcome = update_database(
            rules, tmp_path, "mot", loopback_download, codeload_base=server.url
        )
    assert not outcome.updated
    assert "holds models/Pythia-70M.yml more than once" in outcome.message, outcome.message
    assert updated_path(tmp_path, "mot").read_bytes() == stored
    assert outcome.in_use.entry_count == 273


def test_a_gzip_bomb_stops_at_the_unpacked_size_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    import osai.assessments.archive as archive

    monkeypatch.setattr(archive, "MAX_UNPACKED_BYTES", 1_000_000)
    bomb = tar_gz({"models/zeros.bin": Member(bytes(5_000_000))}, MOT_TOP)
    assert len(bomb) < 20_000
    with pytest.raises(ArchiveError, match="unpacks to more than"):
        read_archive(bomb, EntrySelection("models", (".yml",)))


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_a_real_git_archive_yields_its_commit_and_only_the_entry_files(tmp_path: Path) -> None:
    repo = tmp_path / "main-database"
    shutil.copytree(FIXTURES / "eosai", repo)
    git = ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "."], check=True)
    env = {"GIT_COMMITTER_DATE": "2026-06-12T10:00:00Z", "GIT_AUTHOR_DATE": "2026-06-12T10:00Z"}
    env["PATH"] = "/usr/bin:/bin"
    subprocess.run([*git, "commit", "-qm", "snapshot"], check=True, env=env)
    commit = subprocess.run(
        [*git, "rev-parse", "HEAD"], check=True, capture_output=True, text=True
    ).stdout.strip()
    data = subprocess.run(
        [*git, "archive", "--format=tar", "--prefix=main-database-HEAD/", "HEAD"],
        check=True,
        capture_output=True,
    ).stdout
    contents = read_archive(
        gzip.compress(data),
        EntrySelection("", (".yaml",), ("_*", "a_submission_template.yaml")),
    )
    assert contents.commit == commit and contents.date == "2026-06-12"
    names = sorted(name for name, _ in contents.files)
    assert "a_submission_template.yaml" not in names and "_parameters.yml" not in names
    assert names == sorted(p.name for p in (FIXTURES / "eosai").glob("[!a_]*.yaml"))


# --- the command line ------------------------------------------------------------------------


def test_db_status_names_sources_commits_counts_licences_and_the_snapshot_in_use(
    tmp_path: Path,
) -> None:
    result = run_osai("db", "status", "--data-dir", str(tmp_path))
    assert result.code == 0, result.stderr
    out = result.stdout
    assert "in use       bundled snapshot 8b5d30e9 of 2026-05-11" in out
    assert "commit 5a388e871b88735e7ab7e6fb230b76c9d460d99a of 2026-06-12" in out
    assert "entries      273 (0 skipped)" in out and "entries      193 (0 skipped)" in out
    assert "licence      MIT" in out and "licence      CC-BY-4.0" in out
    assert "Copyright 2024 The Model Openness Tool Authors" in out
    assert "doi:10.1145/3630106.3659005" in out


def test_db_status_wraps_every_field_under_the_values(tmp_path: Path) -> None:
    """At 80 columns the attribution's continuation lines started at column 6, the other
    fields' at 14: one blank after its label, the longest, left no column to hang them at."""
    result = run_osai("db", "status", "--data-dir", str(tmp_path), env={"COLUMNS": "80"})
    assert result.code == 0, result.stderr
    lines = [line for line in result.stdout.splitlines() if line.startswith("  ")]
    # but the label whose URL, too wide to stand beside it, stands alone on the next line
    fields = [line for line in lines if not line.startswith("   ") and line != "  archive"]
    assert {len(re.match(r"  \S+(?: \S+)? +", line)[0]) for line in fields} == {15}, fields
    continued = [line for line in lines if line.startswith("   ")]
    assert continued and {len(line) - len(line.lstrip()) for line in continued} == {15}
    assert any("Dingemanse" in line for line in continued)  # the attribution's, among them


def _db_update(data_dir: Path, codeload: str) -> Result:
    """`osai db update` as a user runs it, its archives fetched from `codeload` (osai.net)."""
    env = {"OSAI_DATA_DIR": str(data_dir), "OSAI_CODELOAD_URL": codeload}
    return run_osai("db", "update", "--deadline", "20", env=env)


def test_db_update_fetches_both_archives_through_osai_net_and_the_update_answers(
    tmp_path: Path,
) -> None:
    with archive_server() as server:
        server.routes[MOT_PATH] = tar_gz(_with_new_listing(mot_tree()), MOT_TOP, NEW_COMMIT)
        server.routes[EOSAI_PATH] = tar_gz(eosai_tree(), "main-database-HEAD", NEW_COMMIT)
        result = _db_update(tmp_path, server.url)
    assert result.code == 0, result.stdout + result.stderr
    assert server.requests == [MOT_PATH, EOSAI_PATH]
    assert "mot: updated to 01234567 of 2026-06-09: 274 entries" in result.stdout
    assert "eosai: updated to 01234567 of 2026-06-09: 193 entries" in result.stdout
    status = run_osai("db", "status", "--data-dir", str(tmp_path))
    assert "in use       updated snapshot 01234567 of 2026-06-09" in status.stdout
    assert f"commit {NEW_COMMIT} of 2026-06-09" in status.stdout
    assert "fallback     bundled snapshot 8b5d30e9 of 2026-05-11" in status.stdout


def test_db_update_fits_its_lines_to_the_terminal(tmp_path: Path) -> None:
    """At 80 columns each outcome ran on in one line of up to 220 characters (db status fits
    its lines; update wrote its own unfitted): only a word longer than the room, a path or a
    URL, may stand past the edge, alone on its line."""
    few = {path: m for path, m in mot_tree().items() if "Pythia" in path or path == "LICENSE"}
    with archive_server() as server:
        server.routes[MOT_PATH] = tar_gz(few, MOT_TOP, NEW_COMMIT)
        env = {"OSAI_DATA_DIR": str(tmp_path), "OSAI_CODELOAD_URL": server.url, "COLUMNS": "80"}
        result = run_osai("db", "update", "--deadline", "20", env=env)
    assert result.code == 3, result.stderr
    assert "far fewer than the bundled snapshot's 273" in " ".join(result.stdout.split())
    lines = result.stdout.splitlines()
    assert [line for line in lines if len(line) > 80 and len(line.split()) > 1] == [], lines
    assert [line[:6] for line in lines if not line.startswith(" ")] == ["mot: n", "eosai:"]


def test_db_update_refuses_a_corrupt_archive_and_the_last_good_snapshot_answers(
    tmp_path: Path,
) -> None:
    good = tar_gz(mot_tree(), MOT_TOP, NEW_COMMIT)
    with archive_server() as server:
        server.routes[MOT_PATH] = good
        server.routes[EOSAI_PATH] = tar_gz(eosai_tree(), "main-database-HEAD", NEW_COMMIT)
        assert _db_update(tmp_path, server.url).code == 0
        stored = updated_path(tmp_path, "mot").read_bytes()
        server.routes[MOT_PATH] = good[: len(good) // 3]  # the connection dropped mid-archive
        result = _db_update(tmp_path, server.url)
    assert result.code == 3
    assert "mot: not updated: corrupt archive" in result.stdout
    assert "the updated snapshot 01234567 of 2026-06-09" in result.stdout
    assert "still answers" in result.stdout
    assert "eosai: already up to date at 01234567" in result.stdout  # the same commit again
    assert updated_path(tmp_path, "mot").read_bytes() == stored
    assert "Traceback" not in result.stderr


def test_db_status_says_why_the_last_update_failed_until_one_succeeds(tmp_path: Path) -> None:
    """After a mirror served a web page for the MOT archive, `db status` named the snapshot
    that answers and never that an update had been refused, nor why."""
    good = tar_gz(mot_tree(), MOT_TOP, NEW_COMMIT)
    with archive_server() as server:
        server.routes[MOT_PATH] = good
        server.routes[EOSAI_PATH] = tar_gz(eosai_tree(), "main-database-HEAD", NEW_COMMIT)
        assert _db_update(tmp_path, server.url).code == 0
        server.routes[MOT_PATH] = b"<html>mirror under maintenance</html>"
        assert _db_update(tmp_path, server.url).code == 3
        failed = run_osai("db", "status", "--data-dir", str(tmp_path), env={"COLUMNS": "80"})
        server.routes[MOT_PATH] = good
        assert _db_update(tmp_path, server.url).code == 0
        again = run_osai("db", "status", "--data-dir", str(tmp_path), env={"COLUMNS": "80"})
    mot, eosai = failed.stdout.split("\n\n")
    today = datetime.date.today().isoformat()
    # what came instead of the archive said: "not a gzip archive" alone left it to guess
    said = f"  last update  failed on {today}: not a gzip archive: an HTML page, beginning"
    assert said in mot, failed.stdout
    assert "'<html>mirror under maintenance</html>'\n" in mot, failed.stdout
    assert "updated snapshot 01234567" in mot  # and the snapshot kept still answers
    assert "last update" not in eosai
    assert "last update" not in again.stdout  # an update that succeeded clears it


def test_db_status_shows_a_damaged_failure_note_escaped_and_cut_to_the_terminal(
    tmp_path: Path,
) -> None:
    """The note lives in the user's directory, where anything may be written over it."""
    shown = _failure_shown(
        tmp_path, b"2026-01-01: \x1b[2Jgone\x07\xff" + b"x" * 50_000 + b"\nsecond line\n"
    )
    assert "\x1b" not in shown and "\x07" not in shown and "second line" not in shown
    assert "failed on 2026-01-01: [2Jgone" in shown, shown  # each control a blank, run as one
    # 2,000 characters with no blank were one line of 1,988: cut to the terminal's width, and
    # the file that holds all of it named
    lines = shown.splitlines()
    # only a path to the note longer than the terminal (pytest's) stands alone past the edge
    assert [line for line in lines if len(line) > 80 and not line.endswith("failed)")] == []
    assert 50 < shown.count("x") < 80 and "x…" in shown
    assert "(in full:" in shown and shown.rstrip().endswith("mot.update-failed)")


def test_db_status_hangs_a_failure_note_under_the_values_whatever_its_controls(
    tmp_path: Path,
) -> None:
    """Each control in the note is a blank once escaped, and two in a row were a run of blanks,
    where a wrapped field hangs its lines: the note's went on at column 6 or 40, not under the
    other fields' values (column 15)."""
    shown = _failure_shown(
        tmp_path, b"2026-01-01: the mirror said" + b" no\x1b\x07 archive here" * 12 + b"\n"
    )
    first, *rest = shown.splitlines()
    assert first.startswith("  last update  failed on 2026-01-01: the mirror said no ")
    assert rest and all(re.match(" {15}[a-z]", line) for line in rest), shown
    assert all(len(line) <= 80 for line in shown.splitlines()), shown


def test_db_status_keeps_every_line_within_80_columns_and_every_url_whole(
    tmp_path: Path,
) -> None:
    """The archive URL was said inside the source field, "(archive URL)": at 80 columns the
    EOSAI's line ran to 85, its URL and the closing parenthesis; alone on its line, to 84.  A
    URL cannot be broken (it could not be copied): it stands alone, and where even that is
    too wide, without its `https://` (76 characters), which a browser or `curl -L` takes."""
    result = run_osai("db", "status", "--data-dir", str(tmp_path), env={"COLUMNS": "80"})
    assert result.code == 0, result.stdout
    lines = result.stdout.splitlines()
    assert [line for line in lines if len(line) > 80] == []
    eosai = "codeload.github.com/Language-Technology-Assessment/main-database/tar.gz/HEAD"
    assert lines[lines.index("  archive") + 1] == eosai
    mot_archive = "https://codeload.github.com/lfai/model_openness_tool/tar.gz/HEAD"
    assert f"  archive      {mot_archive}" in lines  # beside its label where it fits
    assert "  source       https://github.com/lfai/model_openness_tool" in lines
    wide = run_osai("db", "status", "--data-dir", str(tmp_path), env={"COLUMNS": "120"})
    assert all(len(line) <= 120 for line in wide.stdout.splitlines())
    assert "  archive      https://codeload.github.com/Language-Technology" in wide.stdout


def test_a_first_update_that_fails_keeps_its_reason_for_db_status(tmp_path: Path) -> None:
    """With no snapshot stored yet, a failed update still makes the data directory, to hold
    its note (and its lock): that is where the user asked osai to keep its data, and without
    the note `db status` named the bundled snapshots as if no update had been tried."""
    data_dir = tmp_path / "osai"
    assert _db_update(data_dir, REFUSED).code == 3
    assert not updated_path(data_dir, "mot").exists()
    status = run_osai("db", "status", "--data-dir", str(data_dir), env={"COLUMNS": "80"})
    mot, eosai = status.stdout.split("\n\n")
    assert "  last update  failed on " in mot and "  last update  failed on " in eosai
    assert "in use       bundled snapshot 8b5d30e9" in mot


@pytest.mark.skipif(os.name == "nt", reason="the lock holder below is POSIX's")
def test_a_second_db_update_is_refused_in_one_line_and_a_killed_ones_lock_never_blocks(
    tmp_path: Path,
) -> None:
    """Two updates at once each compared their archive with the snapshot stored before either
    wrote: one served an older commit (a mirror, a force-push) overwrote the newer snapshot
    the other had stored meanwhile.  The second is refused at once, exit 3 (nothing the user
    gave is wrong; no snapshot could be updated now), nothing fetched or changed; and a lock
    whose holder was killed (`kill -9`) is the operating system's to release, never a file
    left to block every later update."""
    lock = tmp_path / "assessments" / "update.lock"  # osai.assessments.store.lock_path
    lock.parent.mkdir()
    holder = subprocess.Popen(  # another osai db update, in the middle of its downloads
        [
            sys.executable,
            "-c",
            "import fcntl, os, sys\n"
            "lock = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT)\n"
            "fcntl.flock(lock, fcntl.LOCK_EX)\n"
            "os.write(lock, f'{os.getpid()}\\n'.encode())\n"
            "print('held', flush=True)\n"
            "sys.stdin.read()",
            str(lock),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        with archive_server() as server:
            server.routes[MOT_PATH] = tar_gz(mot_tree(), MOT_TOP, NEW_COMMIT)
            server.routes[EOSAI_PATH] = tar_gz(eosai_tree(), "main-database-HEAD", NEW_COMMIT)
            refused = _db_update(tmp_path, server.url)
            assert server.requests == []
            assert refused.code == 3, refused.stdout + refused.stderr
            assert refused.stdout == ""
            assert refused.stderr == (
                f"osai: error: another osai db update (process {holder.pid}) is updating the "
                f"snapshots in {tmp_path}: nothing was changed; run it again once that one has "
                "finished\n"
            )
            assert not updated_path(tmp_path, "mot").exists()
            assert not (tmp_path / "assessments" / "mot.update-failed").exists()
            holder.kill()  # SIGKILL: no clean-up of its own
            holder.wait()
            after = _db_update(tmp_path, server.url)
        assert lock.read_text() == f"{os.getpid()}\n"  # the file left, now this process's
        assert after.code == 0, after.stdout + after.stderr
        assert updated_path(tmp_path, "mot").exists()
    finally:
        holder.kill()
        holder.wait()


def test_a_lock_file_that_is_a_link_is_refused_and_its_target_kept(tmp_path: Path) -> None:
    """The lock file is opened without following a link: one planted in its place had its
    target truncated and overwritten with a process id."""
    target = tmp_path / "notes.txt"
    target.write_text("a user's own words\n", encoding="utf-8")
    lock = tmp_path / "data" / "assessments" / "update.lock"  # store.lock_path
    lock.parent.mkdir(parents=True)
    lock.symlink_to(target)
    with archive_server() as server:
        result = _db_update(tmp_path / "data", server.url)
        assert server.requests == []
    assert target.read_text(encoding="utf-8") == "a user's own words\n"
    assert (result.code, result.stdout) == (2, ""), result
    assert (
        result.stderr
        == f"osai: error: {lock}: cannot lock for the update (Too many levels of symbolic links)\n"
    )


@pytest.mark.parametrize("setting", ["1", "true"])
def test_db_update_offline_fetches_nothing_and_keeps_the_snapshots(
    setting: str, tmp_path: Path
) -> None:
    """The archives come from codeload, not the Hub: HF_HUB_OFFLINE did not stop the update,
    and a user who had turned the network off saw both archives fetched (and stored)."""
    good = tar_gz(mot_tree(), MOT_TOP, NEW_COMMIT)
    with archive_server() as server:
        server.routes[MOT_PATH] = good
        server.routes[EOSAI_PATH] = tar_gz(eosai_tree(), "main-database-HEAD", NEW_COMMIT)
        assert _db_update(tmp_path, server.url).code == 0
        kept = updated_path(tmp_path, "mot").read_bytes()
        server.routes[MOT_PATH] = tar_gz(_with_new_listing(mot_tree()), MOT_TOP, "f" * 40)
        server.requests.clear()
        env = {"OSAI_DATA_DIR": str(tmp_path), "OSAI_CODELOAD_URL": server.url}
        result = run_osai("db", "update", env={**env, "HF_HUB_OFFLINE": setting})
    assert server.requests == []
    assert result.code == 3 and result.stdout == ""
    assert result.stderr == (
        "osai: error: offline mode is on (HF_HUB_OFFLINE), and db update downloads each "
        "database's archive: nothing was fetched, the snapshots that answer are unchanged\n"
    )
    assert updated_path(tmp_path, "mot").read_bytes() == kept
    assert not (tmp_path / "assessments" / "mot.update-failed").exists()


@pytest.mark.parametrize(
    ("served", "said"),
    [
        (b"", "not a gzip archive: the answer was empty"),
        (
            b"\n<!DOCTYPE html><html><title>Maintenance</title>" + b"x" * 5_000,
            "not a gzip archive: an HTML page, beginning "
            "'<!DOCTYPE html><html><title>Maintenance</title>x…'",
        ),
        (
            b'\x1b]8;;evil\x07{"message": "Not Found"}\n',
            "not a gzip archive: the answer begins "
            '\'\\x1b]8;;evil\\x07{"message": "Not Found"}\\n\'',
        ),
    ],
)
def test_an_answer_that_is_no_archive_is_said_by_how_it_begins_escaped(
    served: bytes, said: str
) -> None:
    """A mirror's maintenance page was "not a gzip archive", never what had come instead."""
    with pytest.raises(ArchiveError) as raised:
        read_archive(served, EntrySelection("models", (".yml",)))
    assert str(raised.value) == said


def _failure_shown(data_dir: Path, note: bytes) -> str:
    """The `last update` field of the MOT's block in `db status` at 80 columns, with `note` as
    the failure noted beside its snapshot."""
    path = data_dir / "assessments" / "mot.update-failed"
    path.parent.mkdir()
    path.write_bytes(note)
    status = run_osai("db", "status", "--data-dir", str(data_dir), env={"COLUMNS": "80"})
    assert status.code == 0, status.stderr
    return status.stdout[status.stdout.index("  last update") :].split("\n\n")[0]


NON_FREE = Member(b"Copyright 2027 The Authors. All rights reserved; no commercial use.\n")
RELICENSED = {
    "mot": ("LICENSE", NON_FREE),
    # relicensed, its record's description still telling of the licence it had: the id in the
    # description was taken for the licence's
    "eosai": (
        ".zenodo.json",
        Member(
            b'{"description": "Until 2027 the index was CC-BY-4.0; now CC-BY-NC-4.0.", '
            b'"license": {"id": "CC-BY-NC-4.0"}}'
        ),
    ),
}


@pytest.mark.parametrize(
    ("database", "change"),
    [("mot", "relicensed"), ("eosai", "relicensed"), ("mot", "no statement")],
)
def test_an_archive_whose_licence_statement_changed_is_refused_and_the_last_good_stays(
    database: str, change: str, tmp_path: Path
) -> None:
    """The database relicensed to terms that forbid what osai does with its data: an update
    took the archive's entries all the same, and every report went on crediting them as MIT or
    CC-BY-4.0 data (the licence the bundled snapshot recorded, copied into the new one).  Now
    an archive whose licence statement lacks the words it held (or that has none) is refused
    in one line, exit 3, and the last good snapshot answers."""
    trees = {"mot": mot_tree, "eosai": eosai_tree}
    paths = {"mot": (MOT_PATH, MOT_TOP), "eosai": (EOSAI_PATH, "main-database-HEAD")}
    statement, changed = RELICENSED[database]
    with archive_server() as server:
        for name, (route, top) in paths.items():
            server.routes[route] = tar_gz(trees[name](), top, NEW_COMMIT, mtime=1_782_000_000)
        assert _db_update(tmp_path, server.url).code == 0  # newer than either bundled snapshot
        stored = updated_path(tmp_path, database).read_bytes()
        tree = trees[database]()
        if change == "relicensed":
            tree[statement] = changed
        else:
            del tree[statement]
        route, top = paths[database]
        server.routes[route] = tar_gz(tree, top, "fe" * 20, mtime=1_783_000_000)
        result = _db_update(tmp_path, server.url)
    assert result.code == 3, result.stdout + result.stderr
    said = " ".join(result.stdout.split())
    if change == "relicensed" and database == "eosai":
        assert (
            "eosai: not updated: the archive's .zenodo.json license field is 'CC-BY-NC-4.0', not "
            "'CC-BY-4.0', the licence osai records for this database, so its data may be under "
            "other terms: refused"
        ) in said, said
    elif change == "relicensed":
        assert f"{database}: not updated: the archive's {statement} no longer says '" in said, said
    else:
        assert f"{database}: not updated: the archive has no {statement}, where the " in said
    assert "refused; the updated snapshot 01234567 of 2026-06-21" in said, said
    assert updated_path(tmp_path, database).read_bytes() == stored
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("record", "refused"),
    [
        (b'{"license": {"id": "CC-BY-4.0"}}', ""),
        (b'{"license": "cc-by-4.0"}', ""),  # Zenodo's own spelling of the id
        (
            b'{"license": "CC-BY-4.0-or-later-NC"}',
            "license field is 'CC-BY-4.0-or-later-NC', not 'CC-BY-4.0'",
        ),
        (b'{"description": "CC-BY-4.0"}', "license field names no licence (CC-BY-4.0 expected)"),
        (
            b'{"license": {"id": "CC-BY-4.0"}, "license": {"id": "CC-BY-NC-4.0"}}',
            "cannot be read as JSON (duplicate key 'license')",
        ),
        (b"CC-BY-4.0", "cannot be read as JSON ("),
    ],
)
def test_the_indexs_licence_is_read_from_its_records_licence_field_whole(
    record: bytes, refused: str
) -> None:
    """The Zenodo record's licence is its `license` field, compared whole: "CC-BY-4.0" found
    anywhere in the file (its description, a longer id) passed for it."""
    info, _, _ = read_snapshot(bundled_path("eosai"), "bundled")
    said = licence_not_stated(info.source, record.decode())
    if refused:
        assert said.startswith("the archive's .zenodo.json "), said
        assert refused in said and said.endswith("refused"), said
    else:
        assert said == "", said


@pytest.mark.parametrize(
    ("statement", "text", "refused"),
    [
        # a JSON file read as text: the words anywhere in it
        (LicenceStatement("meta.json", "CC-BY-4.0"), '{"note": "CC-BY-4.0"}', ""),
        # a field of a file whose name is not *.json: still the field alone
        (
            LicenceStatement("CITATION.cff.json5", "CC-BY-4.0", field="license"),
            '{"note": "CC-BY-4.0", "license": "CC-BY-NC-4.0"}',
            "CITATION.cff.json5 license field is 'CC-BY-NC-4.0', not 'CC-BY-4.0', the licence",
        ),
        (
            LicenceStatement("record.json", "CC-BY-4.0", field="rights"),
            '{"license": "CC-BY-4.0", "rights": {"id": "CC0-1.0"}}',
            "record.json rights field is 'CC0-1.0', not 'CC-BY-4.0', the licence",
        ),
    ],
    ids=["json-as-text", "field-any-name", "another-field"],
)
def test_a_licence_statement_says_which_field_holds_the_licence_not_its_extension(
    statement: LicenceStatement, text: str, refused: str
) -> None:
    """Whether the statement was a JSON field or words to find switched on the path's ending in
    ".json"; it is now the statement's own data (`field`, kept in the snapshot)."""
    info, _, _ = read_snapshot(bundled_path("eosai"), "bundled")
    assert info.source.licence_statement == LicenceStatement(
        ".zenodo.json", "CC-BY-4.0", field="license"
    )
    source = replace(info.source, licence_statement=statement)
    said = licence_not_stated(source, text)
    assert (refused in said and said.endswith("refused")) if refused else said == "", said


def test_db_update_offline_exits_3_and_says_which_snapshot_answers(tmp_path: Path) -> None:
    result = _db_update(tmp_path, REFUSED)
    assert result.code == 3
    assert "mot: not updated: cannot connect to 127.0.0.1" in result.stdout, result.stdout
    assert "the bundled snapshot 8b5d30e9 of 2026-05-11 still answers" in result.stdout
    assert "the bundled snapshot 5a388e87 of 2026-06-12 still answers" in result.stdout
    assert not updated_path(tmp_path, "mot").exists()
    assert "Traceback" not in result.stderr


def test_db_update_refuses_an_archive_larger_than_it_reads(
    rules: RuleSet, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The size cap holds while the body arrives (osai.net), not after it was read whole."""
    import osai.assessments.download as download

    monkeypatch.setattr(download, "MAX_ARCHIVE_BYTES", 10_000)
    archive = tar_gz(mot_tree(), MOT_TOP, NEW_COMMIT)
    assert len(archive) > 10_000
    with archive_server() as server:
        server.routes[MOT_PATH] = archive
        outcome = update_database(
            rules, tmp_path, "mot", download.bounded_download(), codeload_base=server.url
        )
    assert not outcome.updated
    assert "was larger than 10,000 bytes, the most osai reads" in outcome.message
    assert outcome.in_use.origin == "bundled"


def test_a_damaged_updated_snapshot_falls_back_to_the_bundled_one_with_a_warning(
    tmp_path: Path,
) -> None:
    damaged = updated_path(tmp_path, "mot")
    damaged.parent.mkdir(parents=True)
    damaged.write_bytes(b"\x1f\x8b not really gzip")
    result = run_osai("db", "status", "--data-dir", str(tmp_path))
    assert result.code == 0, result.stderr
    assert "in use       bundled snapshot 8b5d30e9" in result.stdout
    assert f"warning {damaged}: unreadable snapshot" in " ".join(result.stdout.split())


def test_a_named_pipe_for_a_snapshot_is_a_warning_not_a_wait(tmp_path: Path) -> None:
    """A FIFO where the updated MOT snapshot is stored held `db status` and every check of a
    Hub model for ever, waiting for a writer: it is a damaged snapshot like any other."""
    pipe = updated_path(tmp_path, "mot")
    pipe.parent.mkdir(parents=True)
    os.mkfifo(pipe)
    # in a process of its own, bounded: in process, a regression would hang the suite
    result = run_osai_process("db", "status", "--data-dir", str(tmp_path))
    assert result.code == 0, result.stderr
    assert "in use       bundled snapshot 8b5d30e9" in result.stdout
    said = " ".join(result.stdout.split())
    assert f"warning {pipe}: unreadable snapshot (not a regular file)" in said


def _damaged_copy(data_dir: Path, **header: object) -> Path:
    """The bundled MOT snapshot stored as an updated one, with some header fields replaced."""
    document = json.loads(gzip.decompress(bundled_path("mot").read_bytes()))
    document.update(header)
    damaged = updated_path(data_dir, "mot")
    damaged.parent.mkdir(parents=True)
    damaged.write_bytes(gzip.compress(json.dumps(document).encode()))
    return damaged


@pytest.mark.parametrize(
    ("header", "words"),
    [
        ({"commit": None}, "commit: expected text, found NoneType"),
        ({"date": 20260101}, "date: expected text, found int"),
        ({"obtained": ["x"]}, "obtained: expected text, found list"),
        # A date that is no date sorted after every real one and won over the bundled snapshot.
        ({"date": "zzzz"}, "date: expected a date (YYYY-MM-DD), found 'zzzz'"),
    ],
)
def test_a_snapshot_with_a_damaged_header_falls_back_to_the_bundled_one(
    hub: LoopbackHub, tmp_path: Path, header: dict[str, object], words: str
) -> None:
    """A commit, date or note of the wrong type in an updated snapshot was an internal error
    (exit 70) of `db status` and of every Hub check, where a damaged entry costs one warning."""
    damaged = _damaged_copy(tmp_path, **header)
    status = run_osai("db", "status", "--data-dir", str(tmp_path))
    assert status.code == 0, status.stderr
    assert "in use       bundled snapshot 8b5d30e9" in status.stdout
    said = " ".join(status.stdout.split())
    assert f"warning {damaged}: snapshot header is damaged ({words})" in said, said
    env = {"OSAI_DATA_DIR": str(tmp_path), "HF_ENDPOINT": hub.endpoint}
    check = run_osai("check", "EleutherAI/pythia-70m", "--no-follow", env=env)
    assert check.code == 0, check.stderr
    assert f"osai: warning: {damaged}: snapshot header is damaged ({words})" in check.stderr
    assert "MOT snapshot 8b5d30e9 of 2026-05-11" in " ".join(check.stdout.split())


def test_a_snapshot_of_a_newer_format_says_so_and_the_bundled_one_answers(
    tmp_path: Path,
) -> None:
    """A snapshot written by a newer osai (another schema) was called "not an osai assessment
    snapshot", as if the file were something else entirely."""
    damaged = _damaged_copy(tmp_path, schema="osai/assessment-snapshot/2")
    status = run_osai("db", "status", "--data-dir", str(tmp_path))
    assert status.code == 0, status.stderr
    said = " ".join(status.stdout.split())
    assert (
        f"warning {damaged}: a snapshot of format osai/assessment-snapshot/2, which this osai "
        "cannot read (it reads osai/assessment-snapshot/1): upgrade osai, or move it aside "
        "for this osai's db update to store one"
    ) in said, said
    assert "in use       bundled snapshot 8b5d30e9" in status.stdout


@pytest.mark.parametrize(
    ("what", "words"),
    [
        (b"my notes, not a snapshot\n", "unreadable snapshot (Not a gzipped file"),
        (gzip.compress(b'{"mine": true}'), "not an osai assessment snapshot"),
        ("newer", "a snapshot of format osai/assessment-snapshot/2, which this osai cannot read"),
    ],
    ids=["not-gzip", "another-json", "newer-format"],
)
def test_db_update_never_overwrites_a_file_it_cannot_read_as_a_snapshot(
    tmp_path: Path, what: bytes | str, words: str
) -> None:
    """A file that is no osai snapshot where the MOT's is stored was overwritten without a word;
    so was a newer osai's snapshot dated 2026-11-30, by an archive of 2026-06-09 (its date
    unreadable, "older than the stored snapshot" did not apply).  Refused in one line that
    says what is there and how to replace it on purpose; the other database updates."""
    if what == "newer":
        stored = _damaged_copy(tmp_path, schema="osai/assessment-snapshot/2", date="2026-11-30")
    else:
        stored = updated_path(tmp_path, "mot")
        stored.parent.mkdir(parents=True)
        stored.write_bytes(what if isinstance(what, bytes) else b"")
    before = stored.read_bytes()
    with archive_server() as server:
        server.routes[MOT_PATH] = tar_gz(mot_tree(), MOT_TOP, NEW_COMMIT)
        server.routes[EOSAI_PATH] = tar_gz(eosai_tree(), "main-database-HEAD", NEW_COMMIT)
        result = _db_update(tmp_path, server.url)
    assert result.code == 3, result.stdout + result.stderr
    assert stored.read_bytes() == before
    assert server.requests == [EOSAI_PATH]  # nothing fetched that could not be stored
    said = " ".join(result.stdout.split())
    assert f"mot: not updated: {stored}: {words}" in said, said
    how = (
        "upgrade osai, or move it aside for this osai's db update to store one: refused, not "
        "overwritten"
        if what == "newer"
        else "; an update would overwrite it: refused (to replace it, move it aside or delete "
        "it, then run osai db update again)"
    )
    assert f"{how}; the bundled snapshot 8b5d30e9" in said, said
    assert "eosai: updated to 01234567" in said, said
    assert "Traceback" not in result.stderr


def test_db_update_replaces_a_snapshot_of_an_older_format(tmp_path: Path) -> None:
    """Any version of osai's format but this osai's was called a newer osai's, and `db update`
    refused to replace it ("upgrade osai, or move it aside"): the snapshot an older osai stored
    is the one an update exists to replace, even one dated after the archive."""
    schema = "osai/assessment-snapshot/0"
    stored = _damaged_copy(tmp_path, schema=schema, date="2026-11-30")
    status = run_osai("db", "status", "--data-dir", str(tmp_path))
    assert status.code == 0, status.stderr
    said = " ".join(status.stdout.split())
    assert (
        f"warning {stored}: a snapshot of format {schema}, which this osai no longer reads "
        "(it reads osai/assessment-snapshot/1): osai db update replaces it"
    ) in said, said
    assert "newer" not in said and "upgrade osai" not in said, said
    with archive_server() as server:
        server.routes[MOT_PATH] = tar_gz(mot_tree(), MOT_TOP, NEW_COMMIT)
        server.routes[EOSAI_PATH] = tar_gz(eosai_tree(), "main-database-HEAD", NEW_COMMIT)
        result = _db_update(tmp_path, server.url)
    assert result.code == 0, result.stdout + result.stderr
    assert "mot: updated to 01234567 of 2026-06-09: 273 entries" in result.stdout, result.stdout
    info, _, _ = read_snapshot(stored, "updated")
    assert (info.commit, info.date) == (NEW_COMMIT, "2026-06-09")


def test_a_snapshot_holding_more_entries_than_osai_writes_is_refused_whole(
    tmp_path: Path,
) -> None:
    """8 million empty entries in a 24 KB snapshot each became a warning: `db status` ran for
    ten minutes and 6 GB before it was stopped, and every check printed a line per entry.  No
    snapshot osai writes holds more entries than an archive may name (20,000)."""
    damaged = _damaged_copy(tmp_path, date="2027-01-01", entries=[{}] * 20_001)
    loaded = load_snapshot("mot", tmp_path)
    assert loaded.info.origin == "bundled" and loaded.info.short_commit == "8b5d30e9"
    assert loaded.warnings == (
        f"{damaged}: holds 20,001 entries, more than any snapshot osai writes (at most 20,000) "
        "(using the bundled snapshot, 8b5d30e9)",
    )


def test_db_status_of_a_snapshot_with_every_entry_damaged_answers_at_once(tmp_path: Path) -> None:
    """Each warning was compared with every skipped entry, to list a skipped one once: 20,000
    damaged entries (as many as a snapshot holds) kept `db status` for 38 s."""
    _damaged_copy(tmp_path, date="2027-01-01", entries=[{}] * 20_000)
    started = time.monotonic()
    text = render_status(db_status(tmp_path))
    assert time.monotonic() - started < 5
    assert text.count("skipped      entry #") == 20_000
    assert "  warning  " not in text  # each is listed once, as skipped


def test_a_stored_entry_missing_a_field_is_dropped_naming_the_field(tmp_path: Path) -> None:
    """It said "damaged in the snapshot mot.json.gz: 'text'": a KeyError's own words."""
    document = json.loads(gzip.decompress(bundled_path("mot").read_bytes()))
    del document["entries"][0]["text"]
    _damaged_copy(tmp_path, date="2027-01-01", entries=document["entries"])
    file = document["entries"][0]["file"]
    assert load_snapshot("mot", tmp_path).warnings == (
        f"mot:{file}: skipped (damaged in the snapshot mot.json.gz: text: missing)",
    )


def test_db_status_escapes_what_a_damaged_snapshot_header_says(tmp_path: Path) -> None:
    """A snapshot's source, licence, attribution and note reached the terminal as they were in
    the file: an escape sequence or a line of its own ("osai: error: ...") in a damaged
    updated snapshot was printed raw by `db status` (the reports escaped the same text)."""
    source = json.loads(gzip.decompress(bundled_path("mot").read_bytes()))["source"]
    hostile = "EVIL \x1b[31mred\x1b[0m\nosai: error: forged\u202eline"
    source.update(title=hostile, licence=hostile, attribution=hostile, repository=hostile)
    _damaged_copy(tmp_path, source=source, obtained=hostile, date="2027-01-01")
    status = run_osai("db", "status", "--data-dir", str(tmp_path))
    assert status.code == 0, status.stderr
    assert "in use       updated snapshot 8b5d30e9 of 2027-01-01" in status.stdout
    assert "\x1b" not in status.stdout and "\u202e" not in status.stdout
    assert not [line for line in status.stdout.splitlines() if line.startswith("osai: error")]
    assert status.stdout.count("EVIL") == 5


@pytest.mark.parametrize("under", ["", "sub"])
@pytest.mark.parametrize("how", ["--data-dir", "OSAI_DATA_DIR"])
def test_db_update_into_a_file_is_bad_input_before_any_download(
    tmp_path: Path, under: str, how: str
) -> None:
    """A data directory that is a file (or lies under one) downloaded both archives, then
    failed to store them: "cannot write (Not a directory)", exit 3, as if the network had."""
    afile = tmp_path / "afile"
    afile.write_text("not a directory\n")
    where = afile / under if under else afile
    given = ("--data-dir", str(where)) if how == "--data-dir" else ()
    with archive_server() as server:
        server.routes[MOT_PATH] = tar_gz(mot_tree(), MOT_TOP, NEW_COMMIT)
        server.routes[EOSAI_PATH] = tar_gz(eosai_tree(), "main-database-HEAD", NEW_COMMIT)
        env = {"OSAI_CODELOAD_URL": server.url}
        env |= {"OSAI_DATA_DIR": str(where)} if how == "OSAI_DATA_DIR" else {}
        result = run_osai("db", "update", *given, "--deadline", "20", env=env)
    named = f"--data-dir {where}" if how == "--data-dir" else f"data directory {where}"
    assert result.stderr == f"osai: error: {named}: {afile} is not a directory\n"
    assert (result.code, result.stdout, server.requests) == (2, "", [])
    assert afile.read_text() == "not a directory\n"


def test_db_update_into_a_read_only_data_directory_is_bad_input_before_any_download(
    tmp_path: Path,
) -> None:
    """A data directory osai may not write: both archives were downloaded, then neither
    stored, "not updated: … cannot write (Permission denied)", exit 3 as if the network had
    failed.  It is refused before any download (run without root's override of modes)."""
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    data_dir.chmod(0o555)
    try:
        with archive_server() as server:
            server.routes[MOT_PATH] = tar_gz(mot_tree(), MOT_TOP, NEW_COMMIT)
            server.routes[EOSAI_PATH] = tar_gz(eosai_tree(), "main-database-HEAD", NEW_COMMIT)
            env = {"OSAI_CODELOAD_URL": server.url}
            update = ("db", "update", "--data-dir", str(data_dir))
            result = run_osai_unprivileged(*update, cwd=tmp_path, env=env)
    finally:
        data_dir.chmod(0o755)
    assert result.stderr == (
        f"osai: error: --data-dir {data_dir}: {data_dir} is not writable, where osai stores "
        "a snapshot\n"
    )
    assert (result.code, result.stdout, server.requests) == (2, "", [])


def test_db_update_where_a_directory_stands_for_a_snapshot_is_bad_input_before_any_download(
    tmp_path: Path,
) -> None:
    """A directory where the MOT snapshot is stored: both archives were downloaded, EOSAI's
    stored, MOT's "cannot write (Is a directory)", exit 3 as if the network had failed."""
    in_the_way = updated_path(tmp_path, "mot")
    in_the_way.mkdir(parents=True)
    with archive_server() as server:
        server.routes[MOT_PATH] = tar_gz(mot_tree(), MOT_TOP, NEW_COMMIT)
        server.routes[EOSAI_PATH] = tar_gz(eosai_tree(), "main-database-HEAD", NEW_COMMIT)
        env = {"OSAI_CODELOAD_URL": server.url}
        result = run_osai("db", "update", "--data-dir", str(tmp_path), env=env)
    assert result.stderr == (
        f"osai: error: --data-dir {tmp_path}: {in_the_way} is a directory, where osai stores "
        "a snapshot\n"
    )
    assert (result.code, result.stdout, server.requests) == (2, "", [])
    assert not updated_path(tmp_path, "eosai").exists()
    status = run_osai("db", "status", "--data-dir", str(tmp_path))  # says so, and answers
    assert status.code == 0, status.stderr
    assert "in use       bundled snapshot 8b5d30e9" in status.stdout
    # not "([Errno 21] Is a directory: '/tmp/…/mot.json.gz')", the path said twice
    said = " ".join(status.stdout.split())
    assert f"warning {in_the_way}: unreadable snapshot (Is a directory) (using the bundled" in said


@pytest.mark.parametrize("how", ["--data-dir", "OSAI_DATA_DIR"])
def test_db_status_of_a_file_is_bad_input_not_the_bundled_snapshots(
    tmp_path: Path, how: str
) -> None:
    """A data directory that is a file reported the bundled snapshots, exit 0: a mistyped
    --data-dir read as "nothing updated there" when nothing could ever be stored there."""
    afile = tmp_path / "afile"
    afile.write_text("not a directory\n")
    given = ("--data-dir", str(afile)) if how == "--data-dir" else ()
    env = {"OSAI_DATA_DIR": str(afile)} if how == "OSAI_DATA_DIR" else {}
    result = run_osai("db", "status", *given, env=env)
    named = f"--data-dir {afile}" if how == "--data-dir" else f"data directory {afile}"
    assert result.stderr == f"osai: error: {named}: {afile} is not a directory\n"
    assert (result.code, result.stdout) == (2, "")
    assert afile.read_text() == "not a directory\n"


def test_db_update_says_check_reads_snapshots_from_osai_data_dir_only() -> None:
    """`osai check` has no --data-dir: a snapshot stored with `db update --data-dir X` answers
    a check only under OSAI_DATA_DIR=X, and the help of the command that stores it says so."""
    text = " ".join(run_osai("db", "update", "--help", env={"COLUMNS": "200"}).stdout.split())
    assert "osai check and osai audit read snapshots from $OSAI_DATA_DIR only" in text, text
    assert "OSAI_DATA_DIR=X" in text, text


@pytest.mark.parametrize(
    ("mirror", "problem"),
    [
        ("file:///srv/mirror", "scheme file:"),
        ("/srv/mirror", "no scheme"),
        ("http://[::1", "Invalid IPv6 URL"),
        ("http://", "no host"),
        ("http://mir\x1bror.example/", "a control character"),
        ("http://mirror.example/a\x01b", "a control character"),
        ("http://mirror.example/\u202egro", "a control character"),
        ("http://mirror.example/" + "p" * 100_000, "100,022 characters, longer than 8,192"),
        ("http://mir ror.example/", "a blank in its host"),
        # "not updated: /%20http://mirror.example/lfai/…/tar.gz/HEAD is not an http:// or
        # https:// address", naming no setting: urlsplit drops a blank before the scheme
        (" http://mirror.example/", "a blank before or after it"),
        ("http://mirror.example/\t", "a control character"),
        ("http://mirror.example/ ", "a blank before or after it"),
        ("a" * 5_000 + "://mirror.example/", "scheme aaaaaaaaaaaaaaaaa...:"),
        # "internal error: InvalidURL: Invalid IDNA hostname", exit 70
        ("http://\u2603\u2603/", "an invalid host name"),
        ("http://\uff21\uff22\uff23.example/", "an invalid host name"),
        # "not updated: UnicodeError: encoding with 'idna' codec failed", exit 3
        ("http://mirror..example/", "an invalid host name"),
        ("http://" + "m" * 300 + ".example/", "an invalid host name"),
    ],
)
def test_db_update_with_an_osai_codeload_url_no_server_can_answer_is_bad_input(
    tmp_path: Path, mirror: str, problem: str
) -> None:
    """A mirror that is no http(s) address with a host was "not updated" twice, exit 3, as if
    the network had failed (the second "ValueError: Invalid IPv6 URL", naming no setting): it
    is the user's setting, refused in one line naming it, and nothing is stored.  A mirror
    with a control character in it, or a path of 100 KB, passed the check and
    failed in the HTTP client: "internal error: InvalidURL: Invalid non-printable ASCII
    character in URL", "URL too long", exit 70; one with a blank in its host was "not updated"
    from "exa%20mple.com", exit 3, as if the network had failed; a scheme of 5 KB was quoted
    whole.  A host no encoding takes (`☃☃`, an empty label, one of 300 characters) was exit 70
    or "not updated: UnicodeError", exit 3.  Each is the user's setting, refused in one bounded
    line naming it, exit 2."""
    env = {"OSAI_DATA_DIR": str(tmp_path), "OSAI_CODELOAD_URL": mirror}
    result = run_osai("db", "update", "--deadline", "20", env=env)
    assert result.stderr == (
        "osai: error: OSAI_CODELOAD_URL: not an http:// or https:// address with a host "
        f"({problem})\n"
    )
    assert (result.code, result.stdout) == (2, "")
    assert not (tmp_path / "assessments").exists()


def test_an_archive_with_far_fewer_entries_than_the_stored_snapshot_does_not_replace_it(
    rules: RuleSet, tmp_path: Path
) -> None:
    """The floor was the bundled snapshot's count alone: a database grown well past it (here
    273 listings and 100 more), then served by a broken branch with a third of its files gone,
    replaced the user's last good snapshot, since what was left still passed the bundled floor."""
    template = (FIXTURES / "mot" / "models" / "Pythia-70M.yml").read_text(encoding="utf-8")
    grown = dict(mot_tree())
    for number in range(100):
        text = template.replace("name: Pythia-70M", f"name: Grown-{number}")
        grown[f"models/Grown-{number}.yml"] = Member(text.encode())
    with archive_server() as server:
        server.routes[MOT_PATH] = tar_gz(grown, MOT_TOP, NEW_COMMIT)
        first = update_database(
            rules, tmp_path, "mot", loopback_download, codeload_base=server.url, today=TODAY
        )
        assert first.updated and first.in_use.entry_count == 373, first.message
        stored = updated_path(tmp_path, "mot").read_bytes()
        broken = dict(list(sorted(grown.items()))[:251])  # 249 listings, above the floor of 273
        server.routes[MOT_PATH] = tar_gz(broken, MOT_TOP, NEW_COMMIT)
        again = update_database(
            rules, tmp_path, "mot", loopback_download, codeload_base=server.url, today=TODAY
        )
    assert not again.updated, again.message
    assert "far fewer than the updated snapshot's 373 (at least 298 expected)" in again.message
    assert updated_path(tmp_path, "mot").read_bytes() == stored
    assert again.in_use.entry_count == 373
    # a database that did shrink is not refused for good: the message says the way out
    assert (
        "refused (if the database did shrink, delete the updated snapshot, then update); "
        f"the updated snapshot 01234567 of 2026-06-09 ({updated_path(tmp_path, 'mot')}) still "
        "answers"
    ) in again.message
    updated_path(tmp_path, "mot").unlink()
    with archive_server() as server:
        server.routes[MOT_PATH] = tar_gz(broken, MOT_TOP, NEW_COMMIT)
        taken = update_database(
            rules, tmp_path, "mot", loopback_download, codeload_base=server.url, today=TODAY
        )
    assert taken.updated and taken.in_use.entry_count == 249, taken.message
