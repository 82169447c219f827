"""A page in a data directory is a data card, inferred, unless a directory of code lies above it
(rules/detection.yaml, kind `data-directory-page`, `not_under`).

scripts/data/ and tools/datasets/ are where the scripts that prepare data live: a README there
documents the scripts, not the data.  gpt-neox's tools/datasets/README.md (headed "Data Scripts")
and open-instruct's scripts/data/filtering_and_updates/README.md and TEST_README.md each met the
MOF's data card and OSAID's complete description of all training data.  The GitHub trees are the
corpus' (tests/fixtures/links, see its PROVENANCE.md).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from clirunner import ROOT, run_osai

from osai.detection import compile_detection
from osai.extract.files import scan_listing
from osai.paths import rules_dir
from osai.rules import RuleSet, load_ruleset
from osai.yamlsafe import YamlDocument, load_yaml_file

GITHUB_TREES = ROOT / "tests" / "fixtures" / "links" / "github"
APACHE = "Apache License\nVersion 2.0, January 2004\n"


@pytest.fixture(scope="module")
def rules() -> RuleSet:
    return load_ruleset()


def data_cards(paths: list[str], rules: RuleSet) -> list[str]:
    """The files a listing shows as the data card, all kinds together."""
    scan = scan_listing(paths, rules.detection.files, rules.detection.checkpoints)
    return [path for m in scan.matches if m.component == "data-card" for path in m.paths]


def tree_paths(name: str) -> list[str]:
    tree = json.loads((GITHUB_TREES / f"{name}.json").read_text("utf-8"))["tree"]
    return [e["path"] for e in tree["tree"] if e["type"] == "blob"]


@pytest.mark.parametrize(
    "page",
    [
        "tools/datasets/README.md",
        "scripts/data/filtering_and_updates/README.md",
        "scripts/data/filtering_and_updates/TEST_README.md",
        "data/scripts/README.md",
        "src/data/README.md",
    ],
)
def test_a_page_under_a_directory_of_code_is_no_data_card(page: str, rules: RuleSet) -> None:
    assert data_cards([page, page.rsplit("/", 1)[0] + "/preprocess_data.py"], rules) == []


@pytest.mark.parametrize(
    "page",
    [
        "data/README.md",
        "datasets/c4/README.md",
        "docs/data/preference-data.md",
        "DATASHEET.md",
        "data_card.md",
        # named a data card: one wherever it lies
        "scripts/datasheet.md",
    ],
)
def test_a_data_card_stays_one(page: str, rules: RuleSet) -> None:
    assert data_cards([page], rules) == [page]


def test_not_under_holds_for_a_kind_found_by_name(rules: RuleSet) -> None:
    """A kind found by its name (datasheet*.md) that declares `not_under` is not taken under
    those directories either: the rule is the kind's, however its files are found."""
    detection = load_yaml_file(rules_dir() / "detection.yaml").data
    kinds = [
        {**kind, "not_under": ["examples"]} if kind["kind"] == "data-card" else kind
        for kind in detection["file_kinds"]
    ]
    document = YamlDocument(Path("detection.yaml"), {**detection, "file_kinds": kinds})
    compiled = compile_detection(document, set(rules.components))
    scan = scan_listing(
        ["examples/datasheet.md", "datasheet.md"], compiled.files, compiled.checkpoints
    )
    found = [path for m in scan.matches if m.component == "data-card" for path in m.paths]
    assert found == ["datasheet.md"]


def test_the_repositories_scripts_pages_are_no_data_card(rules: RuleSet) -> None:
    """gpt-neox holds no data card; open-instruct's is its docs/data/ page, not the README of
    scripts/data/azure_batch/ or scripts/data/filtering_and_updates/."""
    assert data_cards(tree_paths("EleutherAI__gpt-neox"), rules) == []
    found = data_cards(tree_paths("allenai__open-instruct"), rules)
    assert found == ["docs/data/preference-data.md"]


def test_a_directory_of_data_scripts_meets_no_data_card(tmp_path: Path) -> None:
    """`osai check DIR` on gpt-neox's tools/datasets/: the data card and OSAID's description of
    the training data were met on the scripts' README; both are unknown."""
    (tmp_path / "tools" / "datasets").mkdir(parents=True)
    (tmp_path / "LICENSE").write_text(APACHE, "utf-8")
    readme = tmp_path / "tools" / "datasets" / "README.md"
    readme.write_text("# Data Scripts\n\nScripts that download and tokenize datasets.\n", "utf-8")
    (tmp_path / "tools" / "datasets" / "preprocess_data.py").write_text("x = 1\n", "utf-8")
    result = run_osai("check", str(tmp_path), "--no-public-assessments", "--format", "json")
    assert result.code == 0, result.stderr
    checked = json.loads(result.stdout)["targets"][0]
    statuses = {r["id"]: r["status"] for f in checked["frameworks"] for r in f["requirements"]}
    assert statuses["MOF-C3-DATA-CARD"] == "unknown"
    assert statuses["OSAID-DATA-DESCRIPTION"] == "unknown"
