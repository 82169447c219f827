"""What a report counts agrees with what it says (a review of the report's wording): a headline
cut short says what it leaves out, in requirements, and where they are; a GitHub verdict notice
counts the same requirements as its reasons; an error is said once in a CI log; `rules explain`
names one manifest path for one fact; "with the steps above" counts only the steps that serve
the level it names."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from clirunner import EXAMPLES, run_osai
from loopback_hub import LoopbackHub
from report_text import action_lines

from osai.rules import load_ruleset

LLAMA_HUB = "meta-llama/Llama-2-7b-hf"


def _hub_env(hub: LoopbackHub, tmp_path: Path, columns: int = 80) -> dict[str, str]:
    return {"HF_ENDPOINT": hub.endpoint, "HF_HOME": str(tmp_path), "COLUMNS": str(columns)}


def _framework_text(stdout: str, name: str) -> str:
    """A framework's headline (its verdict and reasons, over as many lines as they take), on
    one line."""
    lines = stdout.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(f"  {name}"))
    end = next(
        (i for i in range(start + 1, len(lines)) if not lines[i].startswith("      ")), len(lines)
    )
    return " ".join(" ".join(lines[start:end]).split())


def test_a_cut_headline_counts_the_requirements_it_leaves_out() -> None:
    """BLOOM at 80 columns: "+2 more below" hid "Data preprocessing code not released; 3 more
    unknown" (-v): one unmet requirement and three unknown ones, said as such, in the lines the
    headline had (where "(see Actions)" would take a fifth line, it is left out: the counts
    come first; Llama 2's has room for it)."""
    bloom = str(EXAMPLES / "bloom.yml")
    narrow = run_osai("check", bloom, env={"COLUMNS": "80"})
    full = run_osai("check", bloom, "-v", env={"COLUMNS": "80"})
    assert narrow.code == 0 and full.code == 0, narrow.stderr + full.stderr
    hidden = _framework_text(full.stdout, "OSAID 1.0")
    assert hidden.endswith("; Data preprocessing code not released; +3 more unknown")
    osaid = _framework_text(narrow.stdout, "OSAID 1.0")
    assert osaid.endswith("; +1 more unmet, 3 unknown")
    lines = narrow.stdout.splitlines()
    first, mof = (
        next(i for i, line in enumerate(lines) if line.startswith(f"  {name}"))
        for name in ("OSAID 1.0", "MOF 1.0")
    )
    assert mof - first <= 4  # the headline's budget: 4 lines a framework
    # Llama 2's: the split by status stays, and the licence's later terms are counted instead
    # (their sum alone, "+9 more", said nothing of what the nine were)
    llama = run_osai("check", str(EXAMPLES / "llama-2-7b.yml"), env={"COLUMNS": "80"}).stdout
    said = _framework_text(llama, "OSAID 1.0")
    assert said.endswith("permission; +1 more term); +4 more unmet, 5 unknown")
    wide = run_osai("check", str(EXAMPLES / "llama-2-7b.yml"), env={"COLUMNS": "120"}).stdout
    # two of OSAID's five steps are past the five actions shown (MOF Class III's three come
    # first), so it points at -v, not at the actions
    assert _framework_text(wide, "OSAID 1.0").endswith("+1 more unmet, 5 unknown (-v for all)")


# "N more unknown" not preceded by "+": the wording an uncut headline had.
_UNMARKED_MORE = re.compile(r"(?<!\+)\b\d+ more (?:unmet|unknown)")


@pytest.mark.parametrize("target", ["llama-2-7b.yml", "bloom.yml"])
def test_a_headline_counts_what_it_does_not_name_in_one_wording_cut_or_not(target: str) -> None:
    """Uncut (-v), Llama 2's OSAID line ended "; 5 more unknown"; cut (80 columns), "+4 more
    unmet, 5 unknown": two wordings of one count.  Both now say "+N more"."""
    path = str(EXAMPLES / target)
    full = _framework_text(run_osai("check", path, "-v", env={"COLUMNS": "120"}).stdout, "OSAID")
    cut = _framework_text(run_osai("check", path, env={"COLUMNS": "80"}).stdout, "OSAID")
    assert re.search(r"; \+\d+ more unknown$", full), full
    assert re.search(r"; \+\d+ more unmet, \d+ unknown(?: \(see Actions\))?$", cut), cut
    assert _UNMARKED_MORE.findall(full) == _UNMARKED_MORE.findall(cut) == []


# "+N more" in a headline, and what follows it: a count a reader cannot place ("+9 more") is
# what the test below rules out; "+1 more term" counts a licence's terms.
_MORE = re.compile(r"\+\d+ more(?: (\w+))?")
_SAID = {"unmet", "unknown", "waived", "term", "terms"}


@pytest.mark.parametrize("columns", [80, 100, 120])
def test_every_cut_headline_says_what_it_leaves_out(
    columns: int, hub: LoopbackHub, tmp_path: Path
) -> None:
    """Llama 2's manifest at 80 columns ended OSAID with "+9 more", Granite's Hub headline with
    "+6 more", where others said "+10 more unknown (-v for all)" and "+1 more unmet (see
    Actions)": every cut names its rest, unmet or unknown, within the width."""
    env = _hub_env(hub, tmp_path, columns)
    targets = [*map(str, sorted(EXAMPLES.glob("*.yml"))), str(EXAMPLES / "tiny-model")]
    targets += [LLAMA_HUB, "ibm-granite/granite-3.0-8b-instruct", "Qwen/Qwen2.5-7B"]
    for target in targets:
        for quiet in ((), ("-q",)):
            result = run_osai("check", target, *quiet, env=env)
            assert result.code == 0, result.stderr
            lines = result.stdout.splitlines()
            assert max(map(len, lines)) <= columns, result.stdout
            headline = " ".join(" ".join(lines).split())
            bare = [m[0] for m in _MORE.finditer(headline) if m[1] not in _SAID]
            assert bare == [], (target, columns, result.stdout)


def test_a_cut_hub_headline_counts_ten_unknowns_as_ten(hub: LoopbackHub, tmp_path: Path) -> None:
    """Llama 2 on the Hub: "+1 more below" hid "10 more unknown"."""
    env = _hub_env(hub, tmp_path)
    narrow = run_osai("check", LLAMA_HUB, env=env)
    full = run_osai("check", LLAMA_HUB, "-v", env=env)
    assert narrow.code == 0 and full.code == 0, narrow.stderr + full.stderr
    assert _framework_text(full.stdout, "OSAID 1.0").endswith("; +10 more unknown")
    # its Actions leave out OSAID's last steps (MOF Class III's, fewer, come first): -v
    assert _framework_text(narrow.stdout, "OSAID 1.0").endswith("; +10 more unknown (-v for all)")


@pytest.mark.parametrize("target", [LLAMA_HUB, "bigscience/bloom", "EleutherAI/pythia-70m"])
def test_a_github_verdict_counts_what_its_reasons_count(
    target: str, hub: LoopbackHub, tmp_path: Path
) -> None:
    """ "10 more unknown (1 unmet, 12 unknown)": the reasons counted the requirements of the next
    level, the tally every requirement, two optional ones among them.  The tally's first part
    counts what the reasons count; the rest is said apart, and nothing is left uncounted."""
    env = _hub_env(hub, tmp_path)
    result = run_osai("check", target, "--format", "github", env=env)
    assert result.code == 0, result.stderr
    document = json.loads(run_osai("check", target, "--format", "json", env=env).stdout)
    requirements = {f["id"]: len(f["requirements"]) for f in document["targets"][0]["frameworks"]}
    notices = [line for line in result.stdout.splitlines() if line.startswith("::notice ")]
    verdicts = [n for n in notices if re.search(r"title=[^:]*%3A ", n)]
    assert len(verdicts) == len(requirements)
    for notice, (short, count) in zip(verdicts, requirements.items(), strict=True):
        tally = re.search(
            r"\(((?:for [^:]+: )?[^()]*?(?:; (?:optional|the rest): [^()]*)?)\)$", notice
        )
        assert tally is not None, notice
        groups = tally[1].split("; ")
        numbers = [int(n) for n in re.findall(r"(\d+) (?:met|unmet|unknown|waived)", tally[1])]
        assert sum(numbers) == count, (short, notice)
        said = re.search(r"(\d+) more unknown \(", notice) or re.search(
            r"\((\d+) unknown\)", notice
        )
        if said is not None:
            first = re.search(r"(\d+) unknown", groups[0])
            assert first is not None and first[1] == said[1], notice
    llama = run_osai("check", LLAMA_HUB, "--format", "github", env=env).stdout
    assert "10 more unknown (1 unmet, 10 unknown; optional: 2 unknown)" in llama
    assert "4 more unknown (for Class III: 2 unmet, 4 unknown; the rest: " in llama


def test_an_error_in_github_format_is_said_once(hub: LoopbackHub, tmp_path: Path) -> None:
    """GitHub shows standard output and standard error in one log: the `::error` annotation
    states the error, so standard error does not repeat it; the exit code stays 2."""
    env = _hub_env(hub, tmp_path)
    result = run_osai("check", "nosuch/model", "--format", "github", env=env)
    assert result.code == 2
    errors = [line for line in result.stdout.splitlines() if line.startswith("::error ")]
    assert len(errors) == 1 and "nosuch/model: repository not found" in errors[0]
    assert "repository not found" not in result.stderr
    text = run_osai("check", "nosuch/model", env=env)  # the text report leaves it to stderr
    assert text.code == 2 and text.stderr.count("repository not found") == 1


def test_rules_explain_json_gives_a_check_without_its_label_and_one_manifest_path() -> None:
    """`"checks": ["checks: any of: …"]` held its key's label in the value, and the remediation
    named `data_information.…` where the check names `release.data_information.…`."""
    result = run_osai("rules", "explain", "OSAID-DATA-DESCRIPTION", "--format", "json")
    assert result.code == 0, result.stderr
    rule = json.loads(result.stdout)
    (check,) = rule["checks"]
    assert check.startswith("any of: fact 'training_data_description' stated")
    path = "release.data_information.training_data_description"
    assert f"(manifest: {path})" in check
    assert rule["remediation"].endswith(f"(manifest: {path}).")
    text = " ".join(run_osai("rules", "explain", "OSAID-DATA-DESCRIPTION").stdout.split())
    assert "to meet: Publish" in text and f"(manifest: {path})." in text
    assert "checks: any of:" in text and "checks: checks:" not in text
    shown = json.loads(run_osai("rules", "show", "osaid", "--format", "json").stdout)
    assert not [c for r in shown["requirements"] for c in r["checks"] if c.startswith("checks")]


def test_every_manifest_key_a_remedy_names_is_a_facts_manifest_key() -> None:
    """The rule files' remedies name where a manifest declares a fact (`declare_in`) as the
    fact's own manifest key says (rules/components.yaml), so `explain`, the actions and SARIF
    agree; the remedy's own words name no manifest, which a Hub model's reader does not have."""
    rules = load_ruleset()
    keys = {fact.manifest_key for fact in rules.facts.values()}
    requirements = [r for f in rules.frameworks.values() for r in f.requirements]
    named = [(r.id, place.key) for r in requirements for place in r.declare_in]
    assert len(named) >= 10
    wrong = [
        (rule, path)
        for rule, path in named
        if path not in keys
        and path != "release.components"
        and not (path.endswith("*") and any(k.startswith(path[:-1]) for k in keys))
    ]
    assert wrong == []
    assert [r.id for r in requirements if "manifest" in r.remediation] == []


def test_steps_above_count_only_those_for_the_same_level(hub: LoopbackHub, tmp_path: Path) -> None:
    """Pythia-70m, MOF strict: documenting two facts for OSAID came first, then relicensing
    read "with the steps above, reaches MOF Class III", though relicensing alone reaches it.
    Each names the one level it is for once: "— for OSAID; reaches OSAID" named it twice."""
    env = _hub_env(hub, tmp_path, columns=200)
    result = run_osai("check", "EleutherAI/pythia-70m", "--mof-mode", "strict", env=env)
    assert result.code == 0, result.stderr
    document, relicense = action_lines(result.stdout)
    assert document.startswith("document ") and document.endswith("— reaches OSAID")
    assert relicense.startswith("relicense ")
    assert "— reaches MOF Class III" in relicense and "for MOF" not in relicense
    assert "steps above" not in result.stdout


def test_steps_above_say_which_when_some_serve_another_framework() -> None:
    """Llama 2 (-v, every action): OSAID needs the first step and the last four, not the MOF
    Class III ones between them, so "the steps above" are the ones for OSAID; MOF Class III's
    steps come first (it needs three, OSAID five), and all above its third serve it, so plain
    "with the steps above" stays there, as it does for BLOOM's one step above.  The level is
    named once: "— for OSAID; with the steps above for OSAID, reaches OSAID" named it three
    times."""
    llama = action_lines(run_osai("check", str(EXAMPLES / "llama-2-7b.yml"), "-v").stdout)
    assert llama[-1].endswith("— reaches OSAID with the OSAID steps above")
    assert llama[2].endswith("— reaches MOF Class III with the steps above")
    bloom = action_lines(run_osai("check", str(EXAMPLES / "bloom.yml"), "-v").stdout)
    assert "— reaches MOF Class III with the steps above (" in bloom[1], bloom


def test_a_headline_lists_subjects_that_hold_an_and_apart(hub: LoopbackHub, tmp_path: Path) -> None:
    """Qwen's EU AI Act line read "Capabilities and intended uses, Limitations and How to
    integrate and run the model": where one subject ended was anyone's guess.  Reasons with a
    comma or an "and" of their own are parted by semicolons; one requirement's subjects (the
    usage information's facts) by commas alone."""
    env = _hub_env(hub, tmp_path, columns=200)
    result = run_osai("check", "Qwen/Qwen2.5-7B", "-q", "-f", "eu-ai-act,eosai", env=env)
    assert result.code == 0, result.stderr
    eu = _framework_text(result.stdout, "EU AI Act")
    assert "Capabilities and intended uses, Limitations, How to integrate and run the model" in eu
    eosai = _framework_text(result.stdout, "EOSAI")
    assert "Training code; Weights, training code and data under open licences" in eosai


def _left_out_needs(target: str, env: dict[str, str]) -> str:
    """What the actions the default report leaves out are for, read from -v's actions."""
    default = run_osai("check", target, env=env).stdout
    if "\nActions" not in default:
        return ""
    shown = action_lines(default)
    every = action_lines(run_osai("check", target, "-v", env=env).stdout)
    # the same actions first, by kind and purpose: without -v a read names five of its subjects
    assert list(map(_kind_and_purpose, every[: len(shown)])) == list(map(_kind_and_purpose, shown))
    return " ".join(line.rsplit(" — ", 1)[1] for line in every[len(shown) :])


def _kind_and_purpose(action: str) -> tuple[str, str]:
    return action.split(" ", 1)[0], action.rsplit(" — ", 1)[1]


def test_a_headline_points_at_the_actions_only_when_they_hold_its_rest() -> None:
    """Llama 2 at 80 columns: the MOF line once ended "+1 more unmet (see Actions)" where the
    five actions shown were all OSAID's.  Its Class III steps now come first (three against
    OSAID's five), so MOF points at the actions, OSAID does not (two of its steps are left
    out), and the Actions title says what the ones left out are for."""
    llama = run_osai("check", str(EXAMPLES / "llama-2-7b.yml"), env={"COLUMNS": "80"}).stdout
    assert _framework_text(llama, "MOF 1.0").endswith("; +1 more unmet (see Actions)")
    assert not _framework_text(llama, "OSAID 1.0").endswith("(see Actions)")
    assert "\nActions (5 of 8; 3 more for OSAID; -v for all)\n" in llama


@pytest.mark.parametrize("columns", [80, 120])
def test_no_headline_points_at_actions_left_out(
    columns: int, hub: LoopbackHub, tmp_path: Path
) -> None:
    """Wherever a verdict says its rest is in the Actions, none of the actions its level needs
    is left out of them (Llama 2 on the Hub said "+10 more unknown (see Actions)" where its
    MOF steps were all past the five)."""
    env = _hub_env(hub, tmp_path, columns)
    targets = [*map(str, sorted(EXAMPLES.glob("*.yml"))), LLAMA_HUB, "xai-org/grok-1"]
    pointed = 0
    for target in targets:
        result = run_osai("check", target, env=env)
        assert result.code == 0, result.stderr
        left_out = _left_out_needs(target, env)
        for name in ("OSAID 1.0", "MOF 1.0"):
            if _framework_text(result.stdout, name).endswith("(see Actions)"):
                pointed += 1
                assert name.split()[0] not in left_out, (target, result.stdout)
    assert pointed or columns > 80  # the check above ran (at 120 no headline is cut)
