"""Public assessments: the bundled snapshots load, a Hub id finds its listings, which read as
evidence.

Everything here runs on the bundled snapshots (rules/assessments/, the real MOT and EOSAI data at
the commits in rules/assessments/NOTICE) and on files copied from the corpus into
tests/fixtures/assessments (see its PROVENANCE.md).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from clirunner import run_osai

from osai.assessments import (
    Databases,
    EosaiEntry,
    EosaiMatch,
    Grade,
    MatchKind,
    describe_eosai_match,
    describe_mot_match,
    eosai_evidence,
    eosai_release,
    load_databases,
    match,
    mot_release,
)
from osai.assessments.entries import read_entries
from osai.assessments.eosai_mapping import load_mapping
from osai.assessments.hubids import hub_organisation, names_another_model, read_hub_reference
from osai.errors import RulesError
from osai.evidence import Certainty, FindingKind, Presence
from osai.rules import RuleSet, load_ruleset
from osai.sources.manifest import read_manifest

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "assessments"
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def rules() -> RuleSet:
    return load_ruleset()


@pytest.fixture(scope="module")
def databases(rules: RuleSet, tmp_path_factory: pytest.TempPathFactory) -> Databases:
    return load_databases(rules, tmp_path_factory.mktemp("no-updates"))


# --- loading -----------------------------------------------------------------------------------


def test_the_bundled_snapshots_load_whole_and_without_warnings(
    rules: RuleSet, tmp_path: Path
) -> None:
    # no time bound: a timed assertion fails on a busy machine and proves nothing on a fast one
    loaded = load_databases(rules, tmp_path)
    assert len(loaded.mot.entries) == 273 and len(loaded.eosai.entries) == 193
    assert loaded.warnings == ()
    assert loaded.mot.info.commit == "8b5d30e90a7c62d7d6ece48b91e69ff495920a4d"
    assert loaded.eosai.info.commit == "5a388e871b88735e7ab7e6fb230b76c9d460d99a"
    assert (loaded.mot.info.source.licence, loaded.eosai.info.source.licence) == (
        "MIT",
        "CC-BY-4.0",
    )
    assert "doi:10.5281/zenodo.15386042" in loaded.eosai.info.source.attribution
    again = load_databases(rules, tmp_path)
    assert again.mot.entries is loaded.mot.entries  # cached per process


def test_the_bundled_mot_snapshot_keeps_each_file_verbatim(databases: Databases) -> None:
    corpus = FIXTURES / "mot" / "models"
    for path in sorted(corpus.glob("*.yml")):
        (entry,) = [e for e in databases.mot.entries if e.file == f"models/{path.name}"]
        assert entry.text == path.read_text(encoding="utf-8"), path.name


def test_the_notice_carries_both_licences_and_says_what_changed() -> None:
    notice = (ROOT / "rules" / "assessments" / "NOTICE").read_text(encoding="utf-8")
    assert "Copyright 2024 The Model Openness Tool Authors" in notice
    assert "Permission is hereby granted" in notice
    assert "CC-BY-4.0" in notice and "doi:10.5281/zenodo.15386042" in notice
    assert "doi:10.1145/3630106.3659005" in notice
    assert "Changes made" in notice


HOSTILE = ("alias-bomb.yml", "python-tag.yml", "wrong-types.yml")


@pytest.mark.parametrize("name", HOSTILE)
def test_a_hostile_mot_file_is_skipped_with_its_reason_and_the_rest_reads(
    rules: RuleSet, name: str
) -> None:
    good = (FIXTURES / "mot" / "models" / "Pythia-70M.yml").read_text(encoding="utf-8")
    bad = (FIXTURES / "hostile" / name).read_text(encoding="utf-8")
    entries, skipped = read_entries(
        "mot", [("models/Pythia-70M.yml", good), (f"models/{name}", bad)], rules
    )
    assert [e.file for e in entries] == ["models/Pythia-70M.yml"]
    assert [s.file for s in skipped] == [f"models/{name}"]
    assert not Path("/tmp/osai-hostile").exists()
    expected = {
        "alias-bomb.yml": "too many YAML aliases",
        "python-tag.yml": "python/object/apply",
        "wrong-types.yml": "release.name",
    }[name]
    assert expected in skipped[0].reason
    assert skipped[0].warning("mot").startswith(f"mot:models/{name}: skipped (")
    assert "\n" not in skipped[0].warning("mot")  # one warning is one line


@pytest.mark.parametrize("name", ["wrong-types.yaml", "python-tag.yaml"])
def test_a_hostile_eosai_file_is_skipped_and_the_rest_reads(rules: RuleSet, name: str) -> None:
    good = (FIXTURES / "eosai" / "OLMo.yaml").read_text(encoding="utf-8")
    bad = (FIXTURES / "hostile" / name).read_text(encoding="utf-8")
    entries, skipped = read_entries("eosai", [("OLMo.yaml", good), (name, bad)], rules)
    assert [e.file for e in entries] == ["OLMo.yaml"]
    assert [s.file for s in skipped] == [name]
    assert "expected a mapping" in skipped[0].reason or "python/name" in skipped[0].reason


def test_an_eosai_licence_text_pasted_for_its_id_is_skipped(rules: RuleSet) -> None:
    """100 KB of end-model licence was read as one: every component it covers quoted it, and a
    check of the repository the entry names printed 400 KB."""
    good = (FIXTURES / "eosai" / "OLMo.yaml").read_text(encoding="utf-8")
    bad = good.replace("endmodellicense: Apache-2.0", f"endmodellicense: {'A' * 100_000}", 1)
    entries, skipped = read_entries("eosai", [("OLMo.yaml", bad)], rules)
    assert entries == []
    assert skipped[0].reason.startswith(
        "system.endmodellicense: a licence expression of 100,000 characters is longer than osai "
        "reads (at most 2,000)"
    ), skipped[0].reason


@pytest.mark.parametrize(
    ("written", "found"),
    [("42", "the number 42"), ("2.0", "the number 2.0"), ("true", "true")],
)
def test_an_eosai_licence_that_is_not_text_is_skipped_as_a_mot_listings_is(
    rules: RuleSet, written: str, found: str
) -> None:
    """`endmodellicense: 42` was read as the licence '42' and set against the MOT listing's in a
    check's conflict, where a MOT listing's `name: 2.0` is skipped: neither is a licence."""
    good = (FIXTURES / "eosai" / "OLMo.yaml").read_text(encoding="utf-8")
    bad = good.replace("endmodellicense: Apache-2.0", f"endmodellicense: {written}", 1)
    entries, skipped = read_entries("eosai", [("OLMo.yaml", bad)], rules)
    assert entries == []
    assert skipped[0].reason == f"system.endmodellicense: expected text, found {found}"


@pytest.mark.parametrize(
    ("database", "file", "written", "field"),
    [
        ("mot", "models/Pythia-70M.yml", "  name: Pythia-70M\n", "release.name"),
        ("mot", "models/Pythia-70M.yml", "  producer: EleutherAI\n", "release.producer"),
        ("eosai", "OLMo.yaml", "    name: OLMo\n", "system.name"),
        ("eosai", "OLMo.yaml", "    basemodelname: Olmo-3-1125-32B\n", "system.basemodelname"),
        ("eosai", "OLMo.yaml", "    name: Ai2\n", "org.name"),
    ],
)
def test_an_entry_with_a_name_of_200_kb_is_skipped(
    rules: RuleSet, database: str, file: str, written: str, field: str
) -> None:
    """A name of 200 KB read: every check matched to the entry quoted it in a note (a 217 KB
    report), and every audit row of it (a 205 KB JSON audit).  The databases' longest field is a
    375-character link."""
    good = (FIXTURES / database / file).read_text(encoding="utf-8")
    assert written in good
    long = written.rstrip("\n") + "x" * 200_000 + "\n"
    entries, skipped = read_entries(database, [(file, good.replace(written, long, 1))], rules)
    assert entries == []
    assert skipped[0].reason.startswith(
        f"{field}: 200,0"  # the name and its 200,000 x
    ), skipped[0].reason
    assert "characters, longer than osai keeps of a name, date or link (at most 2,000)" in (
        skipped[0].reason
    )
    assert len(skipped[0].reason) < 300


def test_an_eosai_parameter_link_of_200_kb_is_skipped(rules: RuleSet) -> None:
    good = (FIXTURES / "eosai" / "OLMo.yaml").read_text(encoding="utf-8")
    line = "    link: https://huggingface.co/allenai/Olmo-3.1-32B-Think\n"
    second = good.index(line, good.index(line) + 1)  # the system's link, then a parameter's
    bad = good[:second] + line.rstrip("\n") + "x" * 200_000 + "\n" + good[second + len(line) :]
    entries, skipped = read_entries("eosai", [("OLMo.yaml", bad)], rules)
    assert entries == []
    assert ".link: 200,0" in skipped[0].reason, skipped[0].reason


@pytest.mark.parametrize(
    ("written", "found"), [("3", "the number 3"), ("OLMo", "'OLMo'"), ("yes", "true")]
)
def test_a_skipped_eosai_entry_says_what_it_found_in_words(
    rules: RuleSet, written: str, found: str
) -> None:
    """`system: 3` was skipped as "expected a mapping, found a int": Python's type name."""
    entries, skipped = read_entries("eosai", [("x.yaml", f"system: {written}\n")], rules)
    assert entries == []
    assert skipped[0].reason == f"system: expected a mapping, found {found}"


def test_an_oversized_entry_is_skipped_before_it_is_parsed(rules: RuleSet) -> None:
    huge = "release:\n" + "  x: y\n" * 200_000
    entries, skipped = read_entries("mot", [("models/huge.yml", huge)], rules)
    assert entries == [] and "too large" in skipped[0].reason


# --- Hub ids -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "repo_id", "problem"),
    [
        ("https://huggingface.co/EleutherAI/pythia-70m", "EleutherAI/pythia-70m", ""),
        ("https://huggingface.co/EleutherAI/pythia-70m/", "EleutherAI/pythia-70m", ""),
        ("https://huggingface.co/EleutherAI/pythia-70m/tree/main", "EleutherAI/pythia-70m", ""),
        ("http://www.huggingface.co/microsoft/phi-1/blob/main/README.md", "microsoft/phi-1", ""),
        ("https://hf.co/xai-org/grok-1#model", "xai-org/grok-1", ""),
        ("xai-org/grok-1", "xai-org/grok-1", ""),
        (
            "https://huggingface.co/stabilityai/stable-diffusion-3-medium · Hugging Face",
            "stabilityai/stable-diffusion-3-medium",
            "",
        ),
        ("https://huggingface.co/papers/2309.16609", "", "a Hub papers page"),
        ("https://huggingface.co/collections/ibm-granite/granite-41", "", "a Hub collections"),
        ("https://huggingface.co/EleutherAI", "", "an organisation page"),
        ("Baichuan 2: Open Large-scale Language Models", "", "not a Hub reference"),
        ("https://github.com/EleutherAI/pythia", "", "not a Hub reference"),
        ("github.com/EleutherAI", "", "not a Hub reference"),
        ("", "", "empty"),
        (None, "", "no field"),
    ],
)
def test_hub_references_are_read_from_every_form_the_listings_use(
    written: str | None, repo_id: str, problem: str
) -> None:
    found = read_hub_reference(written)
    assert found.repo_id == repo_id
    assert found.problem.startswith(problem)


@pytest.mark.parametrize(
    "written",
    [
        "org/name-",
        "org/a--b",
        "org/x.git",
        "org/a..b",
        "https://huggingface.co/org/name.",
        "https://huggingface.co/org/a--b/tree/main",
    ],
)
def test_a_listing_naming_a_repository_the_hub_would_refuse_names_none(written: str) -> None:
    # The Hub refuses such a name, so no repository has it: one name grammar, the Hub's, for
    # the listings and for `osai check` alike (the listings' reader once took them).
    found = read_hub_reference(written)
    assert found.repo_id == ""
    assert found.problem in ("not a Hub reference", "a Hub URL whose name the Hub does not allow")


def test_a_listing_reads_a_model_url_as_osai_check_does() -> None:
    # `huggingface.co/models/org/name` and a host in capitals name the repository for
    # `osai check`; the listings' reader called the first "a Hub models page".
    assert read_hub_reference("https://huggingface.co/models/org/name").repo_id == "org/name"
    assert read_hub_reference("HuggingFace.co/org/name").repo_id == "org/name"


@pytest.mark.parametrize(
    ("written", "organisation"),
    [
        ("https://huggingface.co/EleutherAI", "EleutherAI"),
        ("https://huggingface.co/EleutherAI/", "EleutherAI"),
        ("https://huggingface.co/EleutherAI#models", "EleutherAI"),
        # A repository's page with its title pasted after it is no organisation's page.
        ("https://huggingface.co/EleutherAI/pythia-70m · Hugging Face", ""),
        ("https://huggingface.co/EleutherAI/pythia-70m", ""),
        ("https://huggingface.co/models/EleutherAI", ""),
        ("https://huggingface.co/papers", ""),
        ("https://huggingface.co/-org-", ""),
        ("https://github.com/EleutherAI", ""),
        ("https://huggingface.co/some.org", ""),  # no owner's name has a dot
    ],
)
def test_an_organisation_page_names_its_organisation(written: str, organisation: str) -> None:
    assert hub_organisation(written) == organisation


# --- matching ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "asked",
    [
        "EleutherAI/pythia-70m",
        "eleutherai/PYTHIA-70M",
        "https://huggingface.co/EleutherAI/pythia-70m",
        "https://huggingface.co/EleutherAI/pythia-70m/tree/main/",
    ],
)
def test_a_hub_id_finds_its_mot_file_in_any_case_and_url_form(
    databases: Databases, asked: str
) -> None:
    found = match(databases, asked)
    assert found.mot is not None
    assert (found.mot.kind, found.mot.entry.file) == (MatchKind.EXACT, "models/Pythia-70M.yml")


def test_several_files_naming_one_repository_pick_the_one_whose_name_is_closest(
    databases: Databases,
) -> None:
    found = match(databases, "Salesforce/codet5p-16b").mot
    assert found is not None and found.entry.file == "models/CodeT5+-16B.yml"
    assert "models/CodeT5+-220M.yml" in found.members  # reported, not hidden


def _with_mot_copy(databases: Databases, file: str, date: str) -> Databases:
    """The bundled databases plus a copy of Pythia-70M's listing as `file`, dated `date`."""
    (pythia,) = [e for e in databases.mot.entries if e.file == "models/Pythia-70M.yml"]
    assert pythia.date == "2025-11-03"
    text = pythia.text.replace("  date: '2025-11-03'", f"  date: '{date}'")
    assert "  date: '2025-11-03'" in pythia.text
    copy = replace(pythia, file=file, date=date, text=text)
    return replace(databases, mot=replace(databases.mot, entries=(*databases.mot.entries, copy)))


@pytest.mark.parametrize("file", ["models/Pythia-70M-v2.yml", "models/A-Pythia.yml"])
def test_of_two_mot_files_naming_one_repository_alike_the_newer_answers_whatever_its_name(
    databases: Databases, file: str
) -> None:
    """Pythia-70M.yml (2025-11-03) answered over a newer file of the same model name
    (2026-01-20), because its file name was the repository's: the rule the code states is that
    the newer listing wins.  The note names the other file and says why this one."""
    newer = match(_with_mot_copy(databases, file, "2026-01-20"), "EleutherAI/pythia-70m").mot
    assert newer is not None and newer.entry.file == file
    said = describe_mot_match(newer)
    assert "1 other MOT file(s) name the same repository: mot:models/Pythia-70M.yml" in said
    assert (
        f"(osai takes mot:{file}: it is the newest listing, of 2026-01-20; the others are of "
        "2025-11-03)"
    ) in said, said
    older = match(_with_mot_copy(databases, file, "2024-01-01"), "EleutherAI/pythia-70m").mot
    assert older is not None and older.entry.file == "models/Pythia-70M.yml"
    assert "it is the newest listing, of 2025-11-03" in describe_mot_match(older)


def test_of_two_mot_files_alike_and_equally_dated_the_choice_is_said(
    databases: Databases,
) -> None:
    """Equal in name and date, the file whose name is the repository's, else the first by file
    name, answers, and the note says that this is all that told them apart."""
    found = match(databases, "meta-llama/Meta-Llama-3-8B-Instruct").mot
    assert found is not None and found.entry.file == "models/Meta-Llama-3-8B-Instruct.yml"
    assert (
        "mot:models/Llama-3-8B-Instruct.yml (osai takes mot:models/Meta-Llama-3-8B-Instruct.yml: "
        "the files are equally named and dated 2024-04-18, and its file name is the repository's)"
    ) in describe_mot_match(found)
    both = _with_mot_copy(databases, "models/Z-Pythia.yml", "2025-11-03")
    renamed = replace(
        both.mot,
        entries=tuple(
            replace(e, file="models/Y-Pythia.yml") if e.file == "models/Pythia-70M.yml" else e
            for e in both.mot.entries
        ),
    )
    found = match(replace(both, mot=renamed), "EleutherAI/pythia-70m").mot
    assert found is not None and found.entry.file == "models/Y-Pythia.yml"
    assert (
        "the files are equally named and dated 2025-11-03, and it is first by file name"
    ) in describe_mot_match(found)


def _mot_tied(databases: Databases, *copies: tuple[str, tuple[str, str]]) -> Databases:
    """The bundled databases with Pythia-70M.yml replaced by copies of it under other file
    names (none the repository's), each with its text changed as given (old, new): files equal
    in model name and date, which nothing but their file names tells apart."""
    (pythia,) = [e for e in databases.mot.entries if e.file == "models/Pythia-70M.yml"]
    others = tuple(e for e in databases.mot.entries if e is not pythia)

    def changed(old: str, new: str) -> str:
        assert old in pythia.text
        return pythia.text.replace(old, new, 1)

    made = tuple(replace(pythia, file=file, text=changed(*change)) for file, change in copies)
    return replace(databases, mot=replace(databases.mot, entries=(*others, *made)))


AS_IS = ("", "")
NON_COMMERCIAL = ("      name: Apache-2.0\n", "      name: CC-BY-NC-4.0\n")


def test_two_mot_files_alike_that_disagree_give_one_verdict_whatever_their_file_names(
    databases: Databases, rules: RuleSet
) -> None:
    """Two files named Pythia-70M, both dated 2025-11-03, one under Apache-2.0 and one under
    CC-BY-NC-4.0: the first by file name answered (`osai check EleutherAI/pythia-70m -f osaid`
    was undemonstrated, and not conformant with the names swapped).  Each weighs as much: the
    more restrictive licence stands whichever is first, and a conflict names both files."""
    kept = []
    for copies in (
        (("models/A-Pythia.yml", AS_IS), ("models/B-Pythia.yml", NON_COMMERCIAL)),
        (("models/A-Pythia.yml", NON_COMMERCIAL), ("models/B-Pythia.yml", AS_IS)),
    ):
        found = match(_mot_tied(databases, *copies), "EleutherAI/pythia-70m").mot
        assert found is not None and found.entry.file == "models/A-Pythia.yml"
        release = mot_release(found, rules)
        weights = release.components["model-parameters-final"]
        assert weights.licence is not None
        kept.append((weights.presence, weights.licence.text))
        (conflict,) = [
            f
            for f in release.findings
            if f.kind is FindingKind.CONFLICT and f.component == "model-parameters-final"
        ]
        cited = {p.location for p in conflict.provenance}
        assert cited == {"mot:models/A-Pythia.yml", "mot:models/B-Pythia.yml"}
        assert "osai keeps the more restrictive, 'CC-BY-NC-4.0'" in conflict.message
        (note,) = [f for f in release.findings if f.credit is not None]
        assert (
            "1 other MOT file(s) name the same repository: mot:models/B-Pythia.yml (nothing but "
            "the file names tells them apart, and they say different things: osai weighs "
            "mot:models/A-Pythia.yml and mot:models/B-Pythia.yml alike, and of each component "
            "and licence the more restrictive word stands; a conflict says where they disagree)"
        ) in note.message
        assert note.credit is not None
        assert note.credit.entries == ("mot:models/A-Pythia.yml", "mot:models/B-Pythia.yml")
    assert kept == [(Presence.PRESENT, "CC-BY-NC-4.0")] * 2


def test_a_component_one_mot_file_alike_lists_and_another_omits_is_ranked_as_the_merge_ranks(
    databases: Databases, rules: RuleSet
) -> None:
    """A model file that merely does not list a component does not outweigh one that lists it
    (osai.sources.merge, as it ranks a listing's omission against what is seen): whichever
    file is first, the training code stays listed, and the conflict names both files."""
    omitted = (
        "    -\n      name: 'Training code'\n      description: 'Code used for training the "
        "model'\n      license: MIT\n",
        "",
    )
    presences = []
    for copies in (
        (("models/A-Pythia.yml", AS_IS), ("models/B-Pythia.yml", omitted)),
        (("models/A-Pythia.yml", omitted), ("models/B-Pythia.yml", AS_IS)),
    ):
        found = match(_mot_tied(databases, *copies), "EleutherAI/pythia-70m").mot
        assert found is not None
        release = mot_release(found, rules)
        training = release.components["training-code"]
        presences.append((training.presence, training.licence.text if training.licence else ""))
        (conflict,) = [f for f in release.findings if f.component == "training-code"]
        # read of, never seen: not "there to see"
        assert "osai keeps 'released': not listing it does not outweigh listing it" in (
            conflict.message
        )
        assert {p.location for p in conflict.provenance} == {
            "mot:models/A-Pythia.yml",
            "mot:models/B-Pythia.yml",
        }
    assert presences == [(Presence.PRESENT, "MIT")] * 2


def test_of_two_mot_files_alike_one_that_does_not_read_leaves_the_other_to_answer(
    databases: Databases, rules: RuleSet
) -> None:
    """The first by file name did not read, so no listing was used, though the other file,
    equal to it but for its name, reads: renaming one decided whether the MOT was heard."""
    alike = _mot_tied(databases, ("models/A-Pythia.yml", AS_IS), ("models/B-Pythia.yml", AS_IS))
    broken = tuple(
        replace(e, text="release: [broken\n") if e.file == "models/A-Pythia.yml" else e
        for e in alike.mot.entries
    )
    found = match(
        replace(alike, mot=replace(alike.mot, entries=broken)), "EleutherAI/pythia-70m"
    ).mot
    assert found is not None and found.entry.file == "models/A-Pythia.yml"
    release = mot_release(found, rules)
    assert release.components["model-parameters-final"].presence is Presence.PRESENT
    note = next(f.message for f in release.findings if f.credit is not None)
    assert note.startswith("the MOT lists this repository: mot:models/B-Pythia.yml")
    assert "(osai takes mot:models/B-Pythia.yml: mot:models/A-Pythia.yml does not read)" in note
    (warning,) = [f for f in release.findings if f.kind is FindingKind.WARNING]
    assert warning.message.startswith("mot:models/A-Pythia.yml:1: invalid YAML")


def test_mot_files_alike_that_read_the_same_still_let_one_answer(
    databases: Databases, rules: RuleSet
) -> None:
    """Meta-Llama-3-8B-Instruct.yml and Llama-3-8B-Instruct.yml differ in fields osai does not
    read (type, architecture, origin): they say the same, so one answers, as before."""
    found = match(databases, "meta-llama/Meta-Llama-3-8B-Instruct").mot
    assert found is not None
    release = mot_release(found, rules)
    assert not [f for f in release.findings if f.kind is FindingKind.CONFLICT]
    assert "osai takes mot:models/Meta-Llama-3-8B-Instruct.yml: the files" in next(
        f.message for f in release.findings if f.credit is not None
    )


def test_two_eosai_entries_told_apart_by_file_name_alone_say_so(databases: Databases) -> None:
    """Falcon180-a.yaml (all open) and Falcon180-b.yaml (all closed) both naming
    tiiuae/falcon-180B: the first by file name answered, unsaid, so renaming one changed the
    score.  Nothing else tells them apart (an entry has no date of its own): the note says so,
    naming the other entry."""
    (entry,) = [e for e in databases.eosai.entries if e.file == "deepseek-R1.yaml"]
    copies = (replace(entry, file="B-copy.yaml"), replace(entry, file="A-copy.yaml"))
    others = tuple(e for e in databases.eosai.entries if e is not entry)
    alike = replace(databases, eosai=replace(databases.eosai, entries=(*others, *copies)))
    found = match(alike, "deepseek-ai/DeepSeek-R1").eosai
    assert found is not None and found.entry.file == "A-copy.yaml"
    assert (
        "other entries matching the same way: eosai:B-copy.yaml (osai takes eosai:A-copy.yaml: "
        "nothing but the file names tells them apart, and it is first by file name)"
    ) in describe_eosai_match(found)
    assert not found.disagreeing  # saying the same, the first by file name stands for both
    alone = match(databases, "deepseek-ai/DeepSeek-R1").eosai
    assert alone is not None and not alone.chosen_by


Change = Callable[[EosaiEntry], EosaiEntry]


def _graded(grade: Grade, *keys: str) -> Change:
    """An entry with these parameters (all, when none is named) given `grade`."""

    def change(entry: EosaiEntry) -> EosaiEntry:
        parameters = {
            key: replace(given, grade=grade) if not keys or key in keys else given
            for key, given in entry.parameters.items()
        }
        return replace(entry, parameters=parameters)

    return change


def _tied(databases: Databases, *copies: tuple[str, Change]) -> Databases:
    """The bundled databases with deepseek-R1.yaml replaced by copies of it under other file
    names, each changed as given: entries nothing but their file names tells apart."""
    (entry,) = [e for e in databases.eosai.entries if e.file == "deepseek-R1.yaml"]
    others = tuple(e for e in databases.eosai.entries if e is not entry)
    made = tuple(change(replace(entry, file=file)) for file, change in copies)
    return replace(databases, eosai=replace(databases.eosai, entries=(*others, *made)))


def _tied_match(databases: Databases, *copies: tuple[str, Change]) -> EosaiMatch:
    found = match(_tied(databases, *copies), "deepseek-ai/DeepSeek-R1").eosai
    assert found is not None and found.kind is MatchKind.END_MODEL_NAME
    return found


def _weighed(found: EosaiMatch, rules: RuleSet) -> tuple[object, ...]:
    """What the tied entries establish, licences and grades included, whoever says it."""
    release = eosai_release(found, rules)
    assessed = eosai_evidence(found, rules)
    return (
        {
            key: (evidence.presence, evidence.licence.texts if evidence.licence else ())
            for key, evidence in release.components.items()
        },
        {key: fact.value for key, fact in release.facts.items()},
        {p.parameter: p.grade for p in assessed.parameters},
        assessed.score,
    )


def test_two_eosai_entries_alike_that_disagree_give_one_verdict_whatever_their_file_names(
    databases: Databases, rules: RuleSet
) -> None:
    """deepseek-R1-a.yaml graded all open and deepseek-R1-b.yaml all closed, nothing else
    telling them apart: the first by file name answered, so swapping the files' names moved
    the EOSAI score from 0.20-0.71 to 0.12-0.71.  Each weighs as much: of each component the
    more restrictive word stands (an assessed "not released" over an assessed "released", as
    the merge ranks them), of each grade the lower."""
    one = _tied_match(databases, ("a.yaml", _graded(Grade.OPEN)), ("b.yaml", _graded(Grade.CLOSED)))
    other = _tied_match(
        databases, ("a.yaml", _graded(Grade.CLOSED)), ("b.yaml", _graded(Grade.OPEN))
    )
    assert _weighed(one, rules) == _weighed(other, rules)
    components, facts, grades, score = _weighed(one, rules)
    assert isinstance(components, dict) and isinstance(grades, dict)
    for component in ("training-code", "data-preprocessing-code", "model-parameters-final"):
        assert components[component][0] is Presence.ABSENT, component
    assert "research-paper" not in components or components["research-paper"][0] is not (
        Presence.PRESENT
    )
    assert facts == {}  # "ungated" weights, said by one of the two only
    assert set(grades.values()) == {Grade.CLOSED} and score == 0.0


def test_where_two_eosai_entries_alike_disagree_a_conflict_names_both(
    databases: Databases, rules: RuleSet
) -> None:
    """The tie was said only in the match's note ("it is first by file name"), and the other
    entry's grades nowhere: each contradiction is now a conflict citing both entries, and the
    note and the credit (the -q line) name both."""
    found = _tied_match(
        databases, ("a.yaml", _graded(Grade.OPEN)), ("b.yaml", _graded(Grade.CLOSED))
    )
    release = eosai_release(found, rules)
    conflicts = {f.component: f for f in release.findings if f.kind is FindingKind.CONFLICT}
    training = conflicts["training-code"]
    assert {p.location for p in training.provenance} == {"eosai:a.yaml", "eosai:b.yaml"}
    assert "osai keeps 'not released'" in training.message
    assert training.message.endswith(
        "(the listings match this repository alike, and no file name outranks the other)"
    )
    (note,) = [f for f in release.findings if f.kind is FindingKind.NOTE]
    assert (
        "other entries matching the same way: eosai:b.yaml (nothing but the file names tells "
        "them apart, and they say different things: osai weighs eosai:a.yaml and eosai:b.yaml "
        "alike, and of each component, licence and grade the more restrictive word stands; a "
        "conflict says where they disagree)"
    ) in note.message
    assert note.credit is not None and note.credit.entries == ("eosai:a.yaml", "eosai:b.yaml")
    assert {p.location for p in note.provenance} == {"eosai:a.yaml", "eosai:b.yaml"}


def test_a_lower_grade_of_an_entry_alike_holds_back_what_the_other_shows(
    databases: Databases, rules: RuleSet
) -> None:
    """Partial weights say neither released nor not (rules/eosai-mapping.yaml): beside another
    entry's open weights they are the lower grade, so the weights stay unknown, the evidence
    divided, and the weights' licence (the entries' end-model licence) stays.  A grade of n/a
    beside open cannot be ranked: the grade is left out, and the training code is unknown."""
    found = _tied_match(
        databases,
        ("a.yaml", _graded(Grade.OPEN)),
        ("b.yaml", lambda e: _graded(Grade.PARTIAL, "weights_endmodel")(_graded(Grade.OPEN)(e))),
        ("c.yaml", lambda e: _graded(Grade.NOT_APPLICABLE, "trainingcode")(_graded(Grade.OPEN)(e))),
    )
    release = eosai_release(found, rules)
    weights = release.components["model-parameters-final"]
    assert weights.presence is Presence.UNKNOWN and weights.divided
    assert weights.licence is not None and weights.licence.text == "DeepSeek License Agreement"
    assert release.components["training-code"].presence is Presence.UNKNOWN
    assert "weights_access" not in release.facts
    conflicts = {f.component: f.message for f in release.findings if f.kind is FindingKind.CONFLICT}
    assert conflicts["model-parameters-final"].startswith(
        "Model parameters (Final): eosai:a.yaml:53 = weights_endmodel: open "
        "(https://huggingface.co/deepseek-ai/DeepSeek-R1) shows it released, but eosai:b.yaml:53 "
        "= weights_endmodel: partial (https://huggingface.co/deepseek-ai/DeepSeek-R1) does not; "
        "osai keeps neither: it stays unknown"
    ), conflicts["model-parameters-final"]
    assessed = eosai_evidence(found, rules)
    assert assessed.grade("weights_endmodel") is not None
    assert assessed.grade("weights_endmodel").grade is Grade.PARTIAL  # type: ignore[union-attr]
    assert assessed.grade("trainingcode") is None
    assert assessed.summary.endswith(
        "; eosai:a.yaml, eosai:b.yaml and eosai:c.yaml grade Training Code n/a and otherwise, "
        "which osai cannot rank: left ungraded"
    )


def test_of_two_licences_entries_alike_state_the_more_restrictive_stands(
    databases: Databases, rules: RuleSet
) -> None:
    """Two entries alike, one stating the end model under MIT and one under the DeepSeek
    licence: whichever file is first, the DeepSeek licence stands, and a conflict says so."""
    kept = []

    def under_mit(entry: EosaiEntry) -> EosaiEntry:
        return replace(entry, end_model_licence="MIT")

    def as_is(entry: EosaiEntry) -> EosaiEntry:
        return entry

    for copies in (
        (("a.yaml", under_mit), ("b.yaml", as_is)),
        (("a.yaml", as_is), ("b.yaml", under_mit)),
    ):
        release = eosai_release(_tied_match(databases, *copies), rules)
        weights = release.components["model-parameters-final"]
        assert weights.licence is not None
        kept.append(weights.licence.text)
        (conflict,) = [f for f in release.findings if f.component == "model-parameters-final"]
        assert "osai keeps the more restrictive, 'DeepSeek License Agreement'" in conflict.message
    assert kept == ["DeepSeek License Agreement"] * 2


def test_the_other_mot_files_naming_a_repository_are_cited_as_its_file_is(
    databases: Databases,
) -> None:
    """CodeT5+-16B's note named its file mot:models/CodeT5+-16B.yml and the other file naming
    the repository models/CodeT5+-220M.yml, as if from nowhere (EOSAI's say eosai:…)."""
    found = match(databases, "Salesforce/codet5p-16b").mot
    assert found is not None
    said = describe_mot_match(found)
    assert "mot:models/CodeT5+-16B.yml" in said
    others = said.split("name the same repository: ", 1)[1].split(", ")
    assert "mot:models/CodeT5+-220M.yml" in others, said
    assert all(other.startswith("mot:models/") for other in others), said


@pytest.mark.parametrize(
    ("repository", "file"),
    [
        # CodeGemma-7B.yml (name CodeGemma-7B, version 7B) gives google/codegemma-2b as its page.
        ("google/codegemma-2b", "models/CodeGemma-7B.yml"),
        # Both files giving google/codegemma-7b are of another model: the 2B, the instruct one.
        ("google/codegemma-7b", "models/CodeGemma-7B-Instruct.yml"),
        # Qwen2.5-72B-Instruct.yml is named Qwen2.5-32B-Instruct, version 32B.
        ("Qwen/Qwen2.5-72B-Instruct", "models/Qwen2.5-72B-Instruct.yml"),
    ],
)
def test_a_mot_file_whose_own_name_says_another_model_is_not_the_repositorys_listing(
    databases: Databases, rules: RuleSet, repository: str, file: str
) -> None:
    found = match(databases, repository).mot
    assert found is not None and (found.kind, found.entry.file) == (MatchKind.OTHER_MODEL, file)
    release = mot_release(found, rules)
    assert release.components == {} and release.facts == {}
    (note,) = release.findings
    assert f"gives this repository as its Hugging Face page, but is of {found.entry.name}" in (
        note.message
    )
    assert note.message.endswith("no evidence about this repository is taken from it")


@pytest.mark.parametrize(
    ("listed", "repository", "size", "another"),
    [
        ("CodeGemma-7B", "codegemma-2b", "", True),
        ("Qwen2.5-32B-Instruct", "Qwen2.5-72B-Instruct", "", True),
        ("CodeGemma-7B-Instruct", "codegemma-7b", "", True),
        ("Llama-2-7B-Chat", "Llama-2-7b-hf", "", True),
        ("Hawk", "hawk-small-1.1b-gguf", "7B", True),  # no size in the name: the version's
        ("Qwen1.5-7B", "Qwen1.5-7B", "14B", False),  # the name's size, not the version's
        ("CodeGemma-7B-Instruct", "codegemma-7b-it", "", False),  # -it is instruct
        ("StableLM-2", "stablelm-2-1_6b", "1.6B", False),  # 1_6b is 1.6b
        ("Mixtral-8x7B-v0.1", "Mixtral-8x7B-v0.1", "47B", False),
        ("Llama-3-8B", "Meta-Llama-3-8B-Base", "", False),  # base is no other model
        ("InternLM", "internlm2_5-20b-chat", "20B", False),  # a short name omits the variant
        ("Pythia-6.9B", "pythia-6.9b", "", False),
        # a context length is no size; counts compare as numbers; a total against experts none
        ("Phi-3-Mini", "Phi-3-mini-4k-instruct", "3.8B", False),
        ("Phi-3-Mini-3.8B", "Phi-3-mini-128k-instruct", "", False),
        ("Pythia-1.0B", "pythia-1b", "", False),
        ("Mixtral", "Mixtral-8x7B-v0.1", "46.7B", False),
        ("Mixtral-8x7B", "Mixtral-8x22B-v0.1", "", True),
        # a name that says it is untuned is not its instruct model, nor the other way round
        ("Llama-Poro-2-70B-Base", "Llama-Poro-2-70B-Instruct", "", True),
        ("Gemma-3-1B-pt", "gemma-3-1b-it", "", True),
        ("Llama-3-8B-Base", "Meta-Llama-3-8B", "", False),
        ("Meta-Llama-3-8B", "Llama-3-8B-Base", "", False),
        # a short name without a variant word still covers the repository it names
        ("gemma-1.1-2b", "gemma-1.1-2b-it", "2B", False),
        ("Yi-1.5", "Yi-1.5-34B-Chat", "34B", False),
    ],
)
def test_a_listed_name_says_another_model_only_by_a_size_or_variant_that_contradicts(
    listed: str, repository: str, size: str, another: bool
) -> None:
    assert names_another_model(listed, repository, size) is another


@pytest.mark.parametrize(
    ("base_model", "repository", "another"),
    [
        # A base model's assessment is no evidence about its instruct or chat fine-tune.
        ("Gemma-2-2B", "gemma-2-2b-it", True),
        ("Llama-Poro-2-70B", "Llama-Poro-2-70B-Instruct", True),
        ("Llama-2-7b", "Llama-2-7b-chat-hf", True),
        ("Qwen2.5-7B-Instruct", "Qwen2.5-7B", True),
        # a conversion or an untuned word is no variant of it
        ("OLMo-7B", "OLMo-7B-hf", False),
        ("Llama-2-7b", "Llama-2-7b-hf", False),
        ("pythia-12b", "pythia-12b-deduped", False),
        ("Mistral-7B-v0.1", "Mistral-7B-v0.1", False),
        ("Llama-3-8B", "Meta-Llama-3-8B-Base", False),
        ("Qwen2.5-7B-Instruct", "Qwen2.5-7B-Instruct", False),
    ],
)
def test_a_base_models_name_is_of_another_model_than_a_tuned_repository(
    base_model: str, repository: str, another: bool
) -> None:
    assert names_another_model(base_model, repository, base_model=True) is another


@pytest.mark.parametrize(
    ("repository", "file"),
    [
        ("google/gemma-1.1-2b-it", "models/gemma-1.1-2b.yml"),
        ("internlm/internlm2_5-20b-chat", "models/InternLM.yml"),
        ("01-ai/Yi-1.5-34B-Chat", "models/Yi-1.5.yml"),
        ("xverse/XVERSE-65B-Chat-GGUF", "models/XVERSE.yml"),
        ("allenai/OLMo-7B", "models/OLMo-7B.yml"),
    ],
)
def test_a_mot_file_with_a_short_name_stays_the_listing_of_the_tuned_repository_it_names(
    databases: Databases, repository: str, file: str
) -> None:
    found = match(databases, repository).mot
    assert found is not None and (found.kind, found.entry.file) == (MatchKind.EXACT, file)


def test_a_renamed_repository_finds_the_listing_under_its_former_id(databases: Databases) -> None:
    # ChatGLM's MOT file names THUDM/chatglm-6b; the organisation is now zai-org.
    assert match(databases, "zai-org/chatglm-6b").mot is None
    found = match(databases, "zai-org/chatglm-6b", renamed_from=["THUDM/chatglm-6b"]).mot
    assert found is not None
    assert (found.kind, found.via, found.entry.file) == (
        MatchKind.RENAMED,
        "THUDM/chatglm-6b",
        "models/ChatGLM.yml",
    )


def test_a_declared_base_model_is_a_weaker_match_that_says_so(
    databases: Databases, rules: RuleSet
) -> None:
    found = match(databases, "someone/pythia-70m-poems", base_models=["EleutherAI/pythia-70m"])
    assert found.mot is not None and found.mot.kind is MatchKind.DECLARED_BASE_MODEL
    release = mot_release(found.mot, rules)
    assert release.components == {}  # nothing about this repository is taken from it
    assert "names as its base model" in release.findings[0].message


def test_eosai_matches_its_system_link_its_end_model_and_its_base_model(
    databases: Databases,
) -> None:
    exact = match(databases, "allenai/Olmo-3.1-32B-Think").eosai
    assert exact is not None and (exact.kind, exact.entry.file) == (MatchKind.EXACT, "OLMo.yaml")
    # DeepSeek R1's system.link names the -0528 revision; its end model is DeepSeek-R1.
    by_name = match(databases, "deepseek-ai/DeepSeek-R1").eosai
    assert by_name is not None and by_name.kind is MatchKind.END_MODEL_NAME
    base = match(databases, "allenai/Olmo-3-1125-32B").eosai
    assert base is not None and base.kind is MatchKind.ENTRY_BASE_MODEL


@pytest.mark.parametrize(
    "repository",
    [
        # CogVideoX.yaml: base model "CogVideoX-5b", base-model weights zai-org/CogVideoX-2b.
        "zai-org/CogVideoX-5b",
        "zai-org/CogVideoX-2b",
        # DeepSeek-Coder.yaml: base model "DeepSeek-V2", weights DeepSeek-Coder-V2-Base.
        "deepseek-ai/DeepSeek-V2",
        # llama-3.1.yaml: base model "Llama-3.1-405B", weights meta-llama/Meta-Llama-3.1-8B.
        "meta-llama/Llama-3.1-405B",
        "meta-llama/Meta-Llama-3.1-8B",
        # another family: Claire.yaml's base model "Falcon-7B", its link Claire-7B-0.1;
        # DeepSeek-Coder.yaml's base model "DeepSeek-V2", its link DeepSeek-Coder-V2-Base
        "OpenLLM-France/Claire-7B-0.1",
        "deepseek-ai/DeepSeek-Coder-V2-Base",
        # Gemma Japanese.yaml: base model "Gemma-2-2B", weights google/gemma-2-2b-it (an
        # instruct fine-tune is no base model's repository), and the other way round
        "google/gemma-2-2b-it",
        "google/gemma-2-2b",
    ],
)
def test_an_entrys_base_model_named_and_linked_as_two_models_grades_neither(
    databases: Databases, rules: RuleSet, repository: str
) -> None:
    found = match(databases, repository).eosai
    assert found is not None and found.kind is MatchKind.OTHER_MODEL
    release = eosai_release(found, rules)
    assert release.components == {} and release.facts == {}
    assert not [p for p in eosai_evidence(found, rules).parameters if p.applies]
    (note,) = release.findings
    assert f"as '{found.entry.base_model}', its weights at https://huggingface.co/" in note.message
    assert "its base-model grades are not taken as this repository's" in note.message


@pytest.mark.parametrize(
    ("repository", "file"),
    [
        # dolly.yaml: system and end model dolly-v2-12b, end-model weights dolly-v2-7b.
        ("databricks/dolly-v2-12b", "dolly.yaml"),
        # deepseek-R1.yaml: system link the -0528 revision, end model and its weights DeepSeek-R1.
        ("deepseek-ai/DeepSeek-R1-0528", "deepseek-R1.yaml"),
        # Instella.yaml: end model "Instella-3B-Instruct", weights amd/Instella-3B-Long-Instruct.
        ("amd/Instella-3B-Instruct", "Instella.yaml"),
        # Cosmos.yaml: system link nvidia/Cosmos-Predict2.5-2B, end-model weights the 14B.
        ("nvidia/Cosmos-Predict2.5-2B", "Cosmos.yaml"),
    ],
)
def test_an_entrys_end_model_grades_go_only_to_the_repository_its_weights_link_names(
    databases: Databases, rules: RuleSet, repository: str, file: str
) -> None:
    found = match(databases, repository).eosai
    assert found is not None
    assert (found.kind, found.entry.file, found.subject) == (
        MatchKind.OTHER_MODEL,
        file,
        "end_model",
    )
    release = eosai_release(found, rules)
    assert release.components == {} and release.facts == {}
    assert not [p for p in eosai_evidence(found, rules).parameters if p.applies]
    (note,) = release.findings
    assert f"as '{found.entry.end_model}', its system at " in note.message
    assert "its end-model and system grades are not taken as this repository's" in note.message


@pytest.mark.parametrize(
    ("repository", "kind", "file"),
    [
        # Phi.yaml's system link is the base model: phi-4-reasoning is its end model's weights.
        ("microsoft/phi-4", MatchKind.ENTRY_BASE_MODEL, "Phi.yaml"),
        ("microsoft/phi-4-reasoning", MatchKind.END_MODEL_NAME, "Phi.yaml"),
        ("inclusionAI/Ling-2.5-1T", MatchKind.ENTRY_BASE_MODEL, "Ling.yaml"),
        ("inclusionAI/Ring-2.5-1T", MatchKind.END_MODEL_NAME, "Ling.yaml"),
        # The system link and the end model's weights link name one repository.
        ("LumiOpen/Llama-Poro-2-70B-Instruct", MatchKind.EXACT, "Poro.yaml"),
        ("deepseek-ai/DeepSeek-R1", MatchKind.END_MODEL_NAME, "deepseek-R1.yaml"),
        # ... under an organisation's old and new names (THUDM is zai-org now)
        ("zai-org/codegeex4-all-9b", MatchKind.EXACT, "CodeGeeX.yaml"),
        # ... in another format: the weights link gives CodeLlama-70b-Instruct-hf
        ("meta-llama/CodeLlama-70b-Instruct", MatchKind.END_MODEL_NAME, "CodeLlama.yaml"),
        # No end-model weights link: nothing contradicts the system link.
        ("meta-llama/Meta-Llama-3.1-405B-Instruct", MatchKind.EXACT, "llama-3.1.yaml"),
    ],
)
def test_an_entrys_end_model_is_the_repository_its_weights_link_agrees_with(
    databases: Databases, repository: str, kind: MatchKind, file: str
) -> None:
    found = match(databases, repository).eosai
    assert found is not None and (found.kind, found.entry.file) == (kind, file)


def test_an_entrys_base_model_is_the_repository_its_name_and_weights_link_both_name(
    databases: Databases,
) -> None:
    # The link names it, and the name is of its family and size (Pythia.yaml).
    pythia = match(databases, "EleutherAI/pythia-6.9b").eosai
    assert pythia is not None and pythia.kind is MatchKind.ENTRY_BASE_MODEL
    # The link names a former id of the repository (the Hub redirects it there).
    renamed = match(databases, "zai-org/CogVideoX-5b", renamed_from=["zai-org/CogVideoX-2b"])
    assert renamed.eosai is not None and renamed.eosai.kind is MatchKind.ENTRY_BASE_MODEL
    # A name with no weights link on the Hub (CodeGemma.yaml's base model "Gemma-7B").
    gemma = match(databases, "google/gemma-7b").eosai
    assert gemma is not None and gemma.kind is MatchKind.ENTRY_BASE_MODEL


def test_a_family_only_match_is_reported_as_a_family(databases: Databases) -> None:
    found = match(databases, "EleutherAI/pythia-70m-deduped")
    assert found.mot is not None and found.mot.kind is MatchKind.FAMILY
    assert found.mot.family == "EleutherAI/pythia-*"
    assert "models/Pythia-70M.yml" in found.mot.members
    eosai = match(databases, "EleutherAI/pythia-70m").eosai
    assert eosai is not None and eosai.kind is MatchKind.FAMILY
    assert eosai.family == "EleutherAI/pythia-*" and eosai.entry.file == "Pythia.yaml"


def test_matching_is_conservative_about_names_and_organisations(databases: Databases) -> None:
    # Another organisation's repository with OLMo's end-model name is not OLMo.
    assert match(databases, "BramVanroy/Olmo-3.1-32B-Think").eosai is None
    # Guru.yaml swaps its base and end model names (end model "Qwen2.5-32B"): Qwen is not Guru's
    # organisation, so Qwen/Qwen2.5-32B is only Qwen's family, not Guru's end model.
    qwen = match(databases, "Qwen/Qwen2.5-32B").eosai
    assert qwen is not None and (qwen.kind, qwen.entry.file) == (MatchKind.FAMILY, "Qwen.yaml")
    # CodeLlama is built on Llama 2 but is not the Llama 2 family; the MOT's Llama 2 files name
    # no repository.
    found = match(databases, "meta-llama/Llama-2-7b-hf")
    assert (found.mot, found.eosai) == (None, None)
    assert match(databases, "nobody/nothing").mot is None
    assert match(databases, "not a repository id").eosai is None


# --- as evidence -------------------------------------------------------------------------------


def test_mot_release_for_pythia_equals_reading_the_mot_file_as_a_manifest(
    databases: Databases, rules: RuleSet
) -> None:
    found = match(databases, "EleutherAI/pythia-70m").mot
    assert found is not None
    listed = mot_release(found, rules)
    direct = read_manifest(FIXTURES / "mot" / "models" / "Pythia-70M.yml", rules)
    assert (listed.name, listed.producer, listed.version) == (
        direct.name,
        direct.producer,
        direct.version,
    )
    assert listed.components.keys() == direct.components.keys()
    for component_id, evidence in direct.components.items():
        mot = listed.components[component_id]
        assert (mot.presence, mot.location) == (evidence.presence, evidence.location)
        assert [p.line for p in mot.provenance] == [p.line for p in evidence.provenance]
        assert (mot.licence is None) == (evidence.licence is None)
        if mot.licence is not None and evidence.licence is not None:
            assert (mot.licence.text, mot.licence.inherited_from, mot.licence.provenance.line) == (
                evidence.licence.text,
                evidence.licence.inherited_from,
                evidence.licence.provenance.line,
            )
    training = listed.components["training-code"]
    cited = training.provenance[0]
    assert (listed.source, cited.source, cited.certainty) == ("mot", "mot", Certainty.ASSESSED)
    assert cited.describe() == "mot:models/Pythia-70M.yml:31 = Training code"
    assert cited.note.endswith("MOT listing of 2025-11-03")
    assert listed.target == "EleutherAI/pythia-70m"


def test_a_mot_listing_that_no_longer_reads_is_a_warning_not_an_error(
    databases: Databases, rules: RuleSet
) -> None:
    found = match(databases, "EleutherAI/pythia-70m").mot
    assert found is not None
    damaged = replace(found, entry=replace(found.entry, text="release: [broken"))
    release = mot_release(damaged, rules)
    assert release.components == {}
    assert release.findings[0].kind.value == "warning"
    assert release.findings[0].message.startswith("mot:models/Pythia-70M.yml:1: invalid YAML")


def test_eosai_evidence_gives_every_parameter_its_grade_link_notes_and_mapping(
    databases: Databases, rules: RuleSet
) -> None:
    found = match(databases, "allenai/Olmo-3.1-32B-Think").eosai
    assert found is not None
    assessment = eosai_evidence(found, rules)
    assert len(assessment.parameters) == 12
    assert assessment.score == 0.958  # the index website's figure for OLMo
    paper = assessment.grade("paper")
    assert paper is not None and paper.grade is Grade.PARTIAL and paper.line is not None
    assert paper.links == ("https://openreview.net/forum?id=2ezugTT9kU#discussion",)
    assert "COLM 2025" in paper.notes
    code = assessment.grade("trainingcode")
    assert code is not None and code.maps_to == ("training-code", "data-preprocessing-code")
    base_weights = assessment.grade("weights_basemodel")
    assert base_weights is not None and not base_weights.applies  # another repository's weights


def test_eosai_release_establishes_only_what_the_grades_say(
    databases: Databases, rules: RuleSet
) -> None:
    found = match(databases, "allenai/Olmo-3.1-32B-Think").eosai
    assert found is not None
    release = eosai_release(found, rules)
    assert release.source == "eosai"
    weights = release.components["model-parameters-final"]
    assert weights.presence is Presence.PRESENT
    assert weights.licence is not None and weights.licence.text == "Apache-2.0"
    assert weights.licence.provenance.note.startswith("system.endmodellicense")
    code = release.components["training-code"]
    assert (code.presence, code.licence) == (Presence.PRESENT, None)  # a grade says no licence
    assert code.location == "https://github.com/allenai/open-instruct"
    cited = code.provenance[0]
    assert cited.certainty is Certainty.ASSESSED
    assert cited.describe().startswith("eosai:OLMo.yaml:54 = trainingcode: open")
    assert "evaluation-code" not in release.components  # the index grades no evaluation code
    assert release.facts["public_data_sources"].value.startswith("https://huggingface.co/datasets")


def test_closed_weights_are_assessed_absent_and_no_licence_is_invented(
    databases: Databases, rules: RuleSet
) -> None:
    found = match(databases, "mosaicml/mpt-30b-instruct").eosai  # "Weights removed from HF"
    assert found is not None and found.kind is MatchKind.EXACT
    release = eosai_release(found, rules)
    weights = release.components["model-parameters-final"]
    assert (weights.presence, weights.licence) == (Presence.ABSENT, None)


def test_family_and_base_model_matches_take_only_the_grades_about_them(
    databases: Databases, rules: RuleSet
) -> None:
    family = match(databases, "EleutherAI/pythia-70m").eosai
    assert family is not None
    release = eosai_release(family, rules)
    assert release.components == {} and release.facts == {}
    assert "EOSAI assesses the Pythia family (EleutherAI/pythia-*)" in release.findings[0].message
    assert "this exact model is not listed" in release.findings[0].message
    base = match(databases, "allenai/Olmo-3-1125-32B").eosai
    assert base is not None
    base_release = eosai_release(base, rules)
    assert base_release.components["model-parameters-final"].presence is Presence.PRESENT
    assert base_release.components["model-parameters-final"].licence is None
    assert "model-card" not in base_release.components  # the card graded is the end model's


def test_the_entrys_base_model_takes_no_grade_about_the_system_built_on_it(
    databases: Databases, rules: RuleSet
) -> None:
    """bloomz.yaml grades BLOOMZ's system: its Training Code cites BLOOMZ's fine-tuning code
    (xmtf), its Datasheet the fine-tuning dataset xP3.  BLOOM, the entry's base model, takes its
    base-model grades only, as the match note says."""
    base = match(databases, "bigscience/bloom").eosai
    assert base is not None and base.kind is MatchKind.ENTRY_BASE_MODEL
    release = eosai_release(base, rules)
    assert sorted(release.components) == ["datasets", "model-parameters-final"]
    assert sorted(release.facts) == ["public_data_sources", "weights_access"]
    cited = {p.value.split(":")[0] for e in release.components.values() for p in e.provenance}
    assert cited == {"datasources_basemodel", "weights_basemodel"}
    assessment = eosai_evidence(base, rules)
    applying = sorted(p.parameter for p in assessment.parameters if p.applies)
    assert applying == ["datasources_basemodel", "weights_basemodel"]


def test_the_mapping_is_data_validated_against_the_vocabulary(
    rules: RuleSet, tmp_path: Path
) -> None:
    bundled = ROOT / "rules" / "eosai-mapping.yaml"
    valid = run_osai("rules", "validate", str(bundled))
    assert valid.code == 0 and valid.stdout == f"{bundled}: valid\n"
    broken = tmp_path / "eosai-mapping.yaml"
    broken.write_text(
        bundled.read_text(encoding="utf-8").replace(
            "component: training-code", "component: training-poems"
        ),
        encoding="utf-8",
    )
    result = run_osai("rules", "validate", str(broken))
    problems = result.stderr.splitlines()
    assert result.code == 2
    assert len(problems) == 1 and "unknown component 'training-poems'" in problems[0]
    assert problems[0].startswith(f"osai: error: {broken}:")
    with pytest.raises(RulesError, match="training-poems"):
        load_mapping(rules, broken)
    # read as every rule file is (one door): a rule file of another kind is said to be one
    with pytest.raises(RulesError, match="a framework rule file, not a eosai-mapping"):
        load_mapping(rules, ROOT / "rules" / "frameworks" / "osaid.yaml")
