"""Manifest validation that guides: every problem at once, one per line, `file:line: path: what`,
with a did-you-mean, and no YAML 1.1 trap or unknown key passing silently."""

from __future__ import annotations

import gzip
import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from clirunner import EXAMPLES, ROOT, Result, run_osai

from osai.errors import BadInput
from osai.evidence import Certainty, Presence
from osai.rules import RuleSet, load_ruleset
from osai.rules.load import validate_rule_file
from osai.schemas import MAX_PROBLEMS
from osai.sources.manifest import read_manifest

HEAD = """\
framework:
  name: Model Openness Framework
  version: '1.0'
  date: '2024-12-15'
release:
  name: my-model
  producer: My Lab
  license:
    distribution:
      name: Apache-2.0
"""

FIVE_MISTAKES = """\
framework:
  name: Model Openness Framework
  version: '1.0'
  date: '2024-12-15'
release:
  name: my-model
  version: [1, 0]
  producer: My Lab
  license:
    distribution:
      name: Apache-2.0
  data_information:
    training_data_description: "Web text, described in our paper."
    public_data_sources: none
    third_party_data_sources: no
    unshareable_data_description: none
  components:
    - name: Model architecture
      licence: MIT
    - name: Trainig code
    - name: Model parameters (Final)
      license: Apache-2.O
"""


@pytest.fixture(scope="module")
def rules() -> RuleSet:
    return load_ruleset()


def write(tmp_path: Path, text: str, name: str = "m.yml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def problems(path: Path, rules: RuleSet) -> list[str]:
    with pytest.raises(BadInput) as raised:
        read_manifest(path, rules)
    return str(raised.value).splitlines()


def test_five_mistakes_five_lines_one_run(tmp_path: Path) -> None:
    path = write(tmp_path, FIVE_MISTAKES, "five.yml")
    result = run_osai("check", str(path))
    assert result.code == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [
        f"osai: error: {path}:7: release.version: expected text or a number, found a list",
        f"osai: error: {path}:15: release.data_information.third_party_data_sources: YAML reads "
        "`no` as false (not provided): write `none` if no such data was used, `false` if the "
        "item is not provided, or the item itself, in quotes",
        f"osai: error: {path}:19: release.components[0].licence: unknown key "
        "(did you mean 'license'?)",
        f"osai: error: {path}:20: release.components[1].name: unknown component 'Trainig code' "
        "(did you mean 'Training code'?)",
        f"osai: error: {path}:22: release.components[2].license: unknown licence 'Apache-2.O' "
        "(did you mean 'Apache-2.0'?)",
    ]


def test_licence_spelt_the_british_way_is_an_error_not_a_silent_inheritance(
    tmp_path: Path, rules: RuleSet
) -> None:
    """`licence: MIT` used to be dropped: the component took the distribution licence."""
    text = HEAD + "  components:\n    - name: Training code\n      licence: MIT\n"
    assert problems(write(tmp_path, text), rules) == [
        f"{tmp_path / 'm.yml'}:13: release.components[0].licence: unknown key "
        "(did you mean 'license'?)"
    ]


def test_a_licence_text_pasted_for_its_id_is_refused_in_one_line(tmp_path: Path) -> None:
    """A 100 KB licence was read as one: each component inheriting it quoted it in full, and
    the report ran to megabytes (`osai licenses show` refused the same text)."""
    pasted = "Permission is hereby granted, free of charge. " * 2_000
    text = HEAD + f"  components:\n    - name: Training code\n      license: '{pasted}'\n"
    path = write(tmp_path, text)
    result = run_osai("check", str(path))
    assert result.code == 2, result.stdout[:300]
    assert result.stderr == (
        f"osai: error: {path}:13: release.components[0].license: a licence expression of 92,000 "
        "characters is longer than osai reads (at most 2,000): give the licence's SPDX id or "
        "expression, not its text ('Permission is hereby granted, free of...')\n"
    )


@pytest.mark.parametrize(
    ("where", "key", "expected"),
    [
        ("top", "data_informations", "data_informations: unknown key"),
        ("release", "data_informations", "(did you mean 'data_information'?)"),
        ("release", "prodcer", "release.prodcer: unknown key (did you mean 'producer'?)"),
        ("framework", "verison", "framework.verison: unknown key (did you mean 'version'?)"),
        ("distribution", "nmae", "release.license.distribution.nmae: unknown key"),
        ("evidence", "ulr", "release.components[0].evidence.ulr: unknown key (did you mean"),
    ],
)
def test_unknown_keys_anywhere_are_errors(
    tmp_path: Path, rules: RuleSet, where: str, key: str, expected: str
) -> None:
    text = HEAD + "  components:\n    - name: Training code\n      license: MIT\n"
    text += "      evidence: {url: 'https://example.org'}\n"
    inserted = {
        "top": text + f"{key}: x\n",
        "release": text.replace("  producer: My Lab\n", f"  producer: My Lab\n  {key}: x\n"),
        "framework": text.replace("  version: '1.0'\n", f"  version: '1.0'\n  {key}: x\n", 1),
        "distribution": text.replace(
            "      name: Apache-2.0\n", f"      name: Apache-2.0\n      {key}: x\n"
        ),
        "evidence": text.replace("{url: 'https://example.org'}", f"{{{key}: x}}"),
    }[where]
    found = problems(write(tmp_path, inserted), rules)
    assert len(found) == 1, found
    assert expected in found[0]


@pytest.mark.parametrize(
    ("inserted", "expected"),
    [
        ('  "bad\\nkey": 1\n', ':11: release."bad\\nkey": unknown key'),
        (
            '  "bad\\nkey": 1\n  "bad\\nkey": 2\n',
            ':12: invalid YAML: duplicate key release."bad\\nkey" (line 12',
        ),
        ('  type: "lang\\nuage"\n', ":11: release.type: 'lang\\nuage' is not one of: language,"),
    ],
    ids=["key", "duplicate-key", "value"],
)
def test_a_newline_someone_wrote_stays_on_the_error_line(
    tmp_path: Path, inserted: str, expected: str
) -> None:
    """Keys and values quoting what the file says escape its newline once: raw, it would split
    the one `osai: error:` line in two; escaped twice, it would not read as what was written."""
    body = "  components:\n    - name: Training code\n      license: MIT\n"
    path = write(tmp_path, HEAD.replace("  type: language\n", "") + inserted + body)
    result = run_osai("check", str(path))
    assert result.code == 2
    assert len(result.stderr.splitlines()) == 1, result.stderr
    assert result.stderr.startswith(f"osai: error: {path}{expected}"), result.stderr


@pytest.mark.parametrize("spelling", ["no", "No", "off", "yes", "on", "True", "ON"])
def test_a_yaml_11_boolean_fact_says_how_to_write_it(
    tmp_path: Path, rules: RuleSet, spelling: str
) -> None:
    text = HEAD + f"  data_information:\n    third_party_data_sources: {spelling}\n"
    text += "  components: []\n"
    found = problems(write(tmp_path, text), rules)
    assert len(found) == 1, found
    assert f"YAML reads `{spelling}` as" in found[0]
    assert "write `none` if no such data was used, `false` if the item is not provided" in found[0]


def test_a_yaml_boolean_description_is_not_offered_none(tmp_path: Path, rules: RuleSet) -> None:
    """`none` is a description's word for one not given (rules/components.yaml
    not_provided_words), not "no such data was used", and `'no'` quoted is one too: "or text in
    quotes ('no')" offered a way out that is none."""
    text = HEAD + "  data_information:\n    training_data_description: no\n  components: []\n"
    (found,) = problems(write(tmp_path, text), rules)
    assert found.endswith(
        "YAML reads `no` as false (not provided): write `false` if the item is not provided, "
        "or the item itself, in quotes"
    ), found


@pytest.mark.parametrize(
    ("key", "value", "reading"),
    [
        ("third_party_data_sources", "false", (False, "not provided")),
        ("third_party_data_sources", "none", (True, "none")),  # none used: a listing
        ("unshareable_data_description", "None", (True, "None")),
        # the words for none used mean none used for each sources item (none_used_words)
        ("third_party_data_sources", "'no'", (True, "no")),
        ("unshareable_data_description", "n/a", (True, "n/a")),
        ("public_data_sources", "none", (True, "none")),
        ("public_data_sources", "Not applicable", (True, "Not applicable")),
        # the words for an item withheld are not provided, kept as written, however punctuated
        ("third_party_data_sources", "not provided", (False, "not provided")),
        ("unshareable_data_description", "undisclosed", (False, "undisclosed")),
        ("unshareable_data_description", "'Not disclosed.'", (False, "Not disclosed.")),
        ("public_data_sources", "Not  Provided", (False, "Not  Provided")),
        ("public_data_sources", "{text: undisclosed, note: ask us}", (False, "undisclosed")),
        ("public_data_sources", '"\u201cTBD\u201d"', (False, "\u201cTBD\u201d")),
        # a description has no "none used": each of those words is not provided
        ("training_data_description", "none", (False, "none")),
        ("training_data_description", "'no'", (False, "no")),
        ("training_data_description", "N/A", (False, "N/A")),
        ("training_data_description", "'N/A.'", (False, "N/A.")),
        ("training_data_description", "'None.'", (False, "None.")),
        ("training_data_description", "TBD", (False, "TBD")),
        ("training_data_description", "unknown", (False, "unknown")),
        ("training_data_description", "None of it is public", (True, "None of it is public")),
    ],
)
def test_false_and_quoted_words_are_what_they_say(
    tmp_path: Path, rules: RuleSet, key: str, value: str, reading: tuple[bool, str]
) -> None:
    """Words for an item not given (rules/components.yaml not_provided_words) read as `false`
    does: `training_data_description: none` (or 'not provided', 'N/A') met OSAID's description
    as any text did.  The words for none used (none_used_words) keep that meaning where a fact
    has it (`none_used`: the sources items), and are not provided elsewhere."""
    text = HEAD + f"  data_information:\n    {key}: {value}\n"
    text += "  components: []\n"
    fact = read_manifest(write(tmp_path, text), rules).facts[key]
    assert (fact.provided, fact.value) == reading


@pytest.mark.parametrize(
    ("block", "key", "value", "reading"),
    [
        ("declarations", "base_model", "{provided: false}", (False, "not provided", None)),
        ("declarations", "training_compute_flop", '{text: "3.1e+23"}', (True, "3.1e+23", 3.1e23)),
        ("declarations", "weights_access", "{text: ungated}", (True, "ungated", None)),
        ("data_information", "public_data_sources", "{text: The Pile}", (True, "The Pile", None)),
    ],
)
@pytest.mark.parametrize("marked", [False, True])
def test_every_kind_of_fact_keeps_an_inferred_mark(
    tmp_path: Path,
    rules: RuleSet,
    block: str,
    key: str,
    value: str,
    reading: tuple[bool, str, float | None],
    marked: bool,
) -> None:
    """What osai init only inferred (an item not provided, a number, a category, a statement) is
    read back as inferred; without the mark, as declared."""
    form = value.replace("}", ", certainty: inferred}") if marked else value
    text = HEAD + f"  {block}:\n    {key}: {form}\n  components: []\n"
    fact = read_manifest(write(tmp_path, text), rules).facts[key]
    assert (fact.provided, fact.value, fact.number) == reading
    assert fact.provenance.certainty is (Certainty.INFERRED if marked else Certainty.DECLARED)


def test_a_word_for_an_item_withheld_beside_a_url_says_what_it_means(
    tmp_path: Path, rules: RuleSet
) -> None:
    """`{text: 'TBD', url: ...}` was told "`text: TBD` says there is no
    training_data_description": TBD says it is not given yet, not that there is none.  Still
    refused: the url may give the description or only promise it, and reading either way
    would leave the other unread, as `{provided: false, url: ...}` is refused."""
    form = "{text: 'TBD', url: 'https://example.org/data'}"
    text = HEAD + f"  data_information:\n    training_data_description: {form}\n"
    assert problems(write(tmp_path, text + "  components: []\n"), rules) == [
        f"{tmp_path / 'm.yml'}:12: release.data_information.training_data_description: "
        "`text: TBD` says training_data_description is not provided (yet): remove url, or "
        "write in text what the url gives"
    ]


def test_an_item_not_provided_says_nothing_else(tmp_path: Path, rules: RuleSet) -> None:
    text = HEAD + "  declarations:\n    base_model: {provided: false, text: EleutherAI/pythia}\n"
    text += "  components: []\n"
    assert problems(write(tmp_path, text), rules) == [
        f"{tmp_path / 'm.yml'}:12: release.declarations.base_model: `provided: false` says "
        "base_model is not provided: remove text, or `provided: false`"
    ]


@pytest.mark.parametrize(
    ("form", "said"),
    [
        # what a reader of the README's `3.1e+23` writes in the {…} form: it was "expected text
        # or a mapping of text, url, …, found a mapping"
        (
            "training_compute_flop: {text: 3.1e+23}",
            "training_compute_flop: `text:` takes words in quotes, not the number 3.1e+23; "
            "write training_compute_flop: 3.1e+23, or text: '3.1e+23'",
        ),
        # a long value in the hint was echoed whole (a fuzzed 2,775-character line), then cut
        # and quoted wrongly ("write base_model: '['aaaaaaaaaa', ...'"): a list is no one value
        (
            "base_model: {text: [" + ", ".join(["aaaaaaaaaa"] * 40) + "]}",
            "base_model: `text:` takes words in quotes, not a list",
        ),
        (
            "base_model: {text: 12}",
            "base_model: `text:` takes words in quotes, not the number 12; write base_model: "
            "'12', or text: '12'",
        ),
        # 0 is refused for training compute: "write training_compute_flop: 0" led to the refusal
        (
            "training_compute_flop: {text: 0}",
            "training_compute_flop: `text:` takes words in quotes, not the number 0",
        ),
        # the url was dropped unread, and the weights met where the base it names binds them
        (
            "base_model: {text: None, url: 'https://huggingface.co/meta-llama/Llama-2-7b-hf'}",
            "base_model: `text: None` says there is no base_model: remove url, or the text",
        ),
        # `provided: no` read as false said "not provided" silently; `false` alone is asked
        (
            "base_model: {provided: no}",
            "base_model: `provided:` takes `false` only (the item is not provided), not `no`",
        ),
        (
            "base_model: {provided: yes}",
            "base_model: `provided:` takes `false` only (the item is not provided), not `yes`",
        ),
    ],
)
def test_the_mapping_form_of_a_fact_says_what_it_takes(
    tmp_path: Path, rules: RuleSet, form: str, said: str
) -> None:
    text = HEAD + f"  declarations:\n    {form}\n  components: []\n"
    assert problems(write(tmp_path, text), rules) == [
        f"{tmp_path / 'm.yml'}:12: release.declarations.{said}"
    ]


@pytest.mark.parametrize("key", ["base_model", "copyright_policy"])
@pytest.mark.parametrize("output_format", ["text", "json"])
def test_a_number_given_for_a_statement_is_refused_in_one_line(
    tmp_path: Path, key: str, output_format: str
) -> None:
    """The schema admits a number for any declaration (training compute is one): `base_model:
    7` ended the check in an internal error, and `copyright_policy: 7` the JSON, Markdown and
    SARIF reports, the statement being no text."""
    path = write(tmp_path, HEAD + f"  declarations:\n    {key}: 7\n  components: []\n")
    checked = run_osai("check", str(path), "--format", output_format)
    assert checked.code == 2, checked.stderr
    assert checked.stderr.splitlines() == [
        f"osai: error: {path}:12: release.declarations.{key}: takes words in quotes, not the "
        f"number 7; write {key}: '7', or text: '7'"
    ]


def test_a_constant_of_one_form_alone_does_not_name_the_form(
    tmp_path: Path, rules: RuleSet
) -> None:
    """`provided:` is a constant of the mapping form alone, not a key naming the form (as
    `kind:` names a scoring's): `provided: true` beside a misspelt key dropped the mapping form's
    problems, and `txt` was never said (ys's review of aba8ddf)."""
    text = HEAD + "  declarations:\n    base_model: {txt: a, provided: true}\n  components: []\n"
    assert problems(write(tmp_path, text), rules) == [
        f"{tmp_path / 'm.yml'}:12: release.declarations.base_model: `provided:` takes `false` "
        "only (the item is not provided), not `true`",
        f"{tmp_path / 'm.yml'}:12: release.declarations.base_model.txt: unknown key (did you "
        "mean 'text'?)",
    ]


@pytest.mark.parametrize(
    ("block", "form", "line", "said"),
    [
        # a publisher's typo in the mark `osai init` leaves on what it inferred: it was
        # "expected text or a mapping of text, url, note, certainty, provided or false, found a
        # mapping", at the fact's line, naming neither the key nor the fix
        (
            "declarations",
            "non_public_data:\n      text: Licensed to us only.\n      certainty: infered",
            14,
            "declarations.non_public_data.certainty: 'infered' is not one of: inferred (did you "
            "mean 'inferred'?)",
        ),
        (
            "data_information",
            "public_data_sources: {text: The Pile, certainty: Inferred}",
            12,
            "data_information.public_data_sources.certainty: 'Inferred' is not one of: inferred "
            "(did you mean 'inferred'?)",
        ),
        # two mistakes in one mapping: both said, at once
        (
            "declarations",
            "base_model: {txt: EleutherAI/pythia-70m, certainty: declared}",
            12,
            "declarations.base_model.txt: unknown key (did you mean 'text'?)|"
            "declarations.base_model.certainty: 'declared' is not one of: inferred",
        ),
    ],
)
def test_a_mistake_inside_a_fact_s_mapping_names_its_key(
    tmp_path: Path, rules: RuleSet, block: str, form: str, line: int, said: str
) -> None:
    text = HEAD + f"  {block}:\n    {form}\n  components: []\n"
    assert sorted(problems(write(tmp_path, text), rules)) == sorted(
        f"{tmp_path / 'm.yml'}:{line}: release.{one}" for one in said.split("|")
    )


def test_a_list_of_files_names_the_entry_that_is_no_file(tmp_path: Path, rules: RuleSet) -> None:
    """`component_path: [a.safetensors, 3]` was "expected text or a list, found a list"."""
    text = HEAD + (
        "  components:\n    - name: Model parameters (Final)\n"
        "      component_path: [model.safetensors, 3, {shard: b.safetensors}]\n"
    )
    head = f"{tmp_path / 'm.yml'}:13: release.components[0].component_path"
    assert problems(write(tmp_path, text), rules) == [
        f'{head}[1]: expected text, found the number 3 (write it in quotes to mean the text: "3")',
        f"{head}[2]: expected text, found a mapping",
    ]


def test_a_boolean_where_text_is_expected_says_what_yaml_did(
    tmp_path: Path, rules: RuleSet
) -> None:
    text = HEAD + "  components:\n    - name: Training code\n      license: off\n"
    assert problems(write(tmp_path, text), rules) == [
        f"{tmp_path / 'm.yml'}:13: release.components[0].license: expected text, found false "
        "(YAML reads `off` as false; quote it, 'off', if you mean the text)"
    ]


def test_enums_and_required_keys_in_plain_words(tmp_path: Path, rules: RuleSet) -> None:
    text = HEAD.replace("  producer: My Lab\n", "  type: langauge\n").replace(
        "  date: '2024-12-15'\n", ""
    )
    found = problems(write(tmp_path, text + "  components: []\n"), rules)
    assert found == [
        f"{tmp_path / 'm.yml'}:1: framework.date: missing (required)",
        f"{tmp_path / 'm.yml'}:6: release.type: 'langauge' is not one of: language, vision, "
        "image, audio, video, 3d, code, multimodal, other (did you mean 'language'?)",
    ]
    assert not any("$" in line for line in found)


def test_at_most_twenty_problems_and_a_count_of_the_rest(tmp_path: Path, rules: RuleSet) -> None:
    entries = "".join(f"    - name: Component {n}\n" for n in range(25))
    found = problems(write(tmp_path, HEAD + "  components:\n" + entries), rules)
    assert len(found) == MAX_PROBLEMS + 1
    assert found[-1] == "(and 6 more: fix these first)"
    # 25 unknown components, and 25 entries where the schema allows at most 17
    assert sum("unknown component" in line for line in found) == MAX_PROBLEMS - 1


def test_components_listed_twice_and_not_released_with_a_licence(
    tmp_path: Path, rules: RuleSet
) -> None:
    text = HEAD + (
        "  components:\n"
        "    - name: Training code\n"
        "    - name: training code\n"
        "    - name: Datasets\n      released: false\n      license: CC0-1.0\n"
    )
    found = problems(write(tmp_path, text), rules)
    assert [line.split(": ", 1)[1] for line in found] == [
        "release.components[1].name: 'training code' is listed twice (also release.components[0])",
        "release.components[2].license: a component declared not released (`released: false`) "
        "has no licence: remove one of the two",
    ]


def test_released_true_beside_the_not_included_keyword_is_refused(
    tmp_path: Path, rules: RuleSet
) -> None:
    """`released: true` with `license: not included` (meant, perhaps, as "no licence file
    included"): the keyword made the component not released, certain, while the line above
    said it was; which holds the file does not say, as with `released: false` and a licence."""
    text = HEAD + (
        "  components:\n"
        "    - name: Model parameters (Final)\n      released: true\n"
        "      license: not included\n"
    )
    found = problems(write(tmp_path, text), rules)
    assert [line.split(": ", 1)[1] for line in found] == [
        "release.components[0].license: 'not included' declares the component not included, "
        "and `released: true` declares it released: remove one of the two",
    ]


def test_released_false_declares_a_component_not_released(tmp_path: Path, rules: RuleSet) -> None:
    text = HEAD + (
        "  unlisted_components: unknown\n  components:\n"
        "    - name: Data preprocessing code\n      released: false\n"
        "      evidence: {note: 'the card: \"not released\"'}\n"
    )
    release = read_manifest(write(tmp_path, text), rules)
    evidence = release.component("data-preprocessing-code")
    assert evidence.presence is Presence.ABSENT
    assert evidence.provenance[0].note == 'the card: "not released"'
    assert release.component("training-code").presence is Presence.UNKNOWN


def test_an_unlisted_component_cites_the_components_key(tmp_path: Path, rules: RuleSet) -> None:
    """`not listed in release.components` cited the first item's line (m.yml:13), not the
    line of `components:` (12), where the list is."""
    text = HEAD + (
        "  unlisted_components: unknown\n  components:\n"
        "    - name: Training code\n      license: MIT\n"
    )
    assert text.splitlines()[11] == "  components:"
    release = read_manifest(write(tmp_path, text), rules)
    unlisted = release.component("data-preprocessing-code").provenance[0]
    assert unlisted.note == "not listed in release.components (not declared)"
    assert unlisted.line == 12


def test_free_text_licences_are_not_misspellings(tmp_path: Path, rules: RuleSet) -> None:
    """A licence osai does not know is judged unknown, not refused: only one typo away from an
    id osai knows is a misspelling."""
    for text in ("Llama 3.4 Community License", "BSD", "license", "Other License", "MTI"):
        body = HEAD + f"  components:\n    - name: Training code\n      license: '{text}'\n"
        read_manifest(write(tmp_path, body), rules)


LISTED = "  components:\n    - name: Model parameters (Final)\n"


def test_a_licence_expression_that_does_not_parse_is_refused_in_ones_own_manifest(
    tmp_path: Path,
) -> None:
    """`Apache-2.0 AND (` was read as a licence osai does not know, and the check went on to a
    verdict and exit 0, while `Apache-2.O` was refused."""
    text = HEAD.replace("name: Apache-2.0", "name: 'Apache-2.0 AND ('") + LISTED
    path = write(tmp_path, text)
    result = run_osai("check", str(path), "-q")
    assert (result.code, result.stderr) == (
        2,
        f"osai: error: {path}:10: release.license.distribution.name: "
        "'Apache-2.0 AND (' is not a licence expression: it is not complete: a parenthesis left "
        "open, or AND, OR or WITH without a licence on each side\n",
    )


def test_a_typo_in_a_choice_of_licences_is_refused_in_ones_own_manifest(
    tmp_path: Path,
) -> None:
    """`MIT OR Foo-1.0` reads as MIT for whoever chooses it; a typo beside MIT in one's own
    manifest is still a typo to correct, not a licence osai quietly reads past."""
    text = HEAD.replace("name: Apache-2.0", "name: 'Apache-2.O OR MIT'") + LISTED
    path = write(tmp_path, text)
    result = run_osai("check", str(path), "-q")
    assert (result.code, result.stderr) == (
        2,
        f"osai: error: {path}:10: release.license.distribution.name: unknown licence "
        "'Apache-2.O OR MIT' (did you mean 'Apache-2.0 OR MIT'?)\n",
    )


def test_a_long_expression_of_typos_is_refused_in_one_bounded_line(tmp_path: Path) -> None:
    """A long expression's correction was offered whole: 2,000 characters of misspelt ids made a
    refusal of 4,000, cut mid-licence where the CLI cuts a line.  Past a line's worth, the
    refusal names the words it corrects, the first few."""
    ids = ["Apache-2.O", "BSD-3-Clausr", "GPL-3.0-onlx", "MPL-2.O", *["MIT"] * 20]
    text = HEAD.replace("name: Apache-2.0", f"name: '{' or '.join(ids)}'") + LISTED
    path = write(tmp_path, text)
    result = run_osai("check", str(path), "-q")
    assert (result.code, result.stderr) == (
        2,
        f"osai: error: {path}:10: release.license.distribution.name: unknown licence "
        "'Apache-2.O or BSD-3-Clausr or GPL-3.0-onlx or MPL-2.O or ...' (did you mean "
        "'Apache-2.0' for 'Apache-2.O', 'BSD-3-Clause' for 'BSD-3-Clausr', 'GPL-3.0-only' for "
        "'GPL-3.0-onlx', +1 more?)\n",
    )


def test_a_typo_repeated_in_a_long_expression_is_corrected_once(tmp_path: Path) -> None:
    """The same misspelt id ten times made the refusal offer the same correction three times
    ("'Apache-2.0' for 'Apache-2.O', 'Apache-2.0' for 'Apache-2.O', …, +8 more") and hid the
    other typo behind the count: each correction is offered once."""
    ids = ["Apache-2.O"] * 10 + ["BSD-3-Clausr"]
    text = HEAD.replace("name: Apache-2.0", f"name: '{' or '.join(ids)}'") + LISTED
    path = write(tmp_path, text)
    result = run_osai("check", str(path), "-q")
    assert (result.code, result.stdout) == (2, "")
    assert result.stderr.endswith(
        " (did you mean 'Apache-2.0' for 'Apache-2.O', 'BSD-3-Clause' for 'BSD-3-Clausr'?)\n"
    ), result.stderr


@pytest.mark.parametrize(
    ("written", "why"),
    [
        (
            "(MIT",
            "it is not complete: a parenthesis left open, or AND, OR or WITH without a licence "
            "on each side",
        ),
        ("()", "it cannot be parsed"),
        # read as `MIT AND Apache-2.0`, and the weights it covers met OSAID
        ("MIT AND Apache-2.0 AND", "AND, OR or WITH with no licence on one side (at 'AND')"),
    ],
)
def test_a_parenthesis_left_open_is_refused_in_ones_own_manifest(
    tmp_path: Path, written: str, why: str
) -> None:
    """`licenses show "(MIT"` was refused while a manifest's `(MIT` was read as a name osai
    does not know: both now judge a licence by one test (malformed_expression), and a
    parenthesis that pairs with none, or encloses nothing, is an expression's, not a name's."""
    text = HEAD.replace("name: Apache-2.0", f"name: '{written}'") + LISTED
    path = write(tmp_path, text)
    result = run_osai("check", str(path), "-q")
    assert (result.code, result.stderr) == (
        2,
        f"osai: error: {path}:10: release.license.distribution.name: "
        f"'{written}' is not a licence expression: {why}\n",
    )


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("https://www.apache.org/licenses/LICENSE-2.0", "Apache-2.0"),
        ("https://creativecommons.org/licenses/by/4.0/", "CC-BY-4.0"),
        ("https://www.llama.com/llama2/license/", "LicenseRef-llama2"),
    ],
)
def test_licenses_show_names_the_licence_at_an_address_osai_knows(written: str, meant: str) -> None:
    """`licenses show https://www.apache.org/licenses/LICENSE-2.0` said only "a licence osai
    does not know", while osai reads that address as Apache-2.0 in a card's license_link (and
    `creativecommons.org/licenses/by/4.0`, with no scheme, read as CC-BY-4.0)."""
    shown = run_osai("licenses", "show", written).stdout.splitlines()
    assert shown[1] == f"  reads as: a licence osai does not know (did you mean '{meant}'?)"
    document = json.loads(run_osai("licenses", "show", written, "--format", "json").stdout)
    assert document["did_you_mean"] == meant


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("MIT Licence", "MIT"),
        ("The MIT Licence", "MIT"),
        ("Apache Licence 2.0", "Apache-2.0"),
        ("GPL-3.0 Licence", "GPL-3.0-only"),
        ("Apache-2.O", "Apache-2.0"),  # refused before: the same treatment
    ],
)
@pytest.mark.parametrize("where", ["component", "distribution", "directory"])
def test_a_licence_near_one_osai_knows_is_refused_in_ones_own_manifest(
    tmp_path: Path, written: str, meant: str, where: str
) -> None:
    """`license: 'MIT Licence'` in one's own manifest was read as a licence osai does not know:
    exit 0, a "review" action pointing to `osai licenses show "MIT Licence"`, which refused it
    (exit 2, did you mean 'MIT'?); as the distribution licence, every component inheriting it
    was unknown.  `Apache-2.O` was refused (in a directory's manifest, dropped with a warning
    a quiet report did not show): a name that reads as no licence and is near one is
    refused as it is, one line, with the licence meant."""
    component = "      license: MIT\n"
    text = HEAD + LISTED + component
    if where == "distribution":
        text = text.replace("name: Apache-2.0", f"name: '{written}'")
    else:
        text = text.replace(component, f"      license: '{written}'\n")
    if where == "directory":
        model = tmp_path / "model"
        model.mkdir()
        path = write(model, text, "osai.yaml")
        prefix, target = f"{model}: ", model
    else:
        path = write(tmp_path, text)
        prefix, target = "", path
    line, key = (10, "license.distribution.name")
    if where != "distribution":
        line, key = (13, "components[0].license")
    result = run_osai("check", str(target), "-q")
    said = f"unknown licence '{written}' (did you mean '{meant}'?)"
    assert (result.code, result.stdout) == (2, "")
    assert result.stderr == f"osai: error: {prefix}{path}:{line}: release.{key}: {said}\n"


@pytest.mark.parametrize("written", ["MIT Licence", "GPL Licence", "BSD", "Acme License"])
def test_someone_elses_licence_in_words_is_unknown_not_refused(
    rules: RuleSet, written: str
) -> None:
    """A MOT listing (or a repository's manifest) is someone else's data: a licence written in
    words near one osai knows is read as written, a licence osai does not know."""
    from osai.assessments.mot import read_listing

    text = HEAD + LISTED + f"      license: '{written}'\n"
    release = read_listing(text, "mot:models/words.yml", rules)
    licence = release.components["model-parameters-final"].licence
    assert licence is not None and licence.text == written


def test_an_empty_component_licence_is_refused_not_read_as_no_licence(tmp_path: Path) -> None:
    """`license: ''` was read as `unlicensed`: both frameworks unmet ("released with no
    licence") on a value the publisher left blank, and a BOM written from it said NONE."""
    text = HEAD + LISTED + "      license: ''\n    - name: Training code\n      license: ' '\n"
    path = write(tmp_path, text)
    result = run_osai("check", str(path), "-q")
    blank = (
        "empty licence: write the component's licence, `unlicensed` if it has none, "
        "or leave the key out to inherit release.license"
    )
    assert (result.code, result.stderr.splitlines()) == (
        2,
        [
            f"osai: error: {path}:13: release.components[0].license: {blank}",
            f"osai: error: {path}:15: release.components[1].license: {blank}",
        ],
    )


def test_an_empty_component_licence_in_a_directorys_manifest_is_refused(tmp_path: Path) -> None:
    """Changed: written when `osai check DIR` read DIR/osai.yaml as someone else's repository,
    this test asserted its blank licence was unknown with a warning, and the check went on.  A
    local directory is now the user's own (RepoSnapshot.owned), so the blank is theirs to fill
    in and is refused as when they name the file: one line, file and line, exit 2 (a Hub
    repository's manifest, a MOT listing and a BOM still read it as unknown)."""
    model = tmp_path / "model"
    model.mkdir()
    path = write(model, HEAD + LISTED + "      license: ''\n", "osai.yaml")
    blank = (
        "empty licence: write the component's licence, `unlicensed` if it has none, "
        "or leave the key out to inherit release.license"
    )
    line = f"{path}:13: release.components[0].license: {blank}\n"
    # A directory's error line names the target first, as every target's does.
    for target, prefix in ((model, f"{model}: "), (path, "")):
        result = run_osai("check", str(target), "--format", "json", "--require", "osaid")
        assert (result.code, result.stderr) == (2, f"osai: error: {prefix}{line}")
        assert json.loads(result.stdout)["targets"] == []  # no verdict on the blank


def test_an_empty_component_licence_in_a_listing_is_unknown(rules: RuleSet) -> None:
    from osai.assessments.mot import read_listing

    release = read_listing(HEAD + LISTED + "      license: ''\n", "mot:models/m.yml", rules)
    assert release.components["model-parameters-final"].licence is None
    assert [f.component for f in release.findings] == ["model-parameters-final"]


UNNAMED_FILE = HEAD.replace("      name: Apache-2.0\n", "      path: LICENSE\n") + LISTED


def test_a_licence_file_with_no_name_in_ones_own_manifest_is_refused(tmp_path: Path) -> None:
    """`distribution: {path: LICENSE}` with no name was read as no licence at all: a listed
    component "released with no licence", both frameworks unmet on declared evidence, beside
    the publisher's own LICENSE file.  In the user's own manifest it is a value not filled in:
    refused, at its line, with what to write."""
    path = write(tmp_path, UNNAMED_FILE)
    result = run_osai("check", str(path), "-q")
    assert (result.code, result.stderr) == (
        2,
        f"osai: error: {path}:9: release.license.distribution.name: a licence file (LICENSE) "
        "with no name: write the licence it holds (SPDX id), e.g. name: Apache-2.0\n",
    )


def test_a_licence_file_with_no_name_in_a_listing_leaves_what_it_covers_unknown(
    rules: RuleSet,
) -> None:
    """Someone else's manifest naming its licence by its file alone: what it covers is
    unknown (a licence exists, not which), not unlicensed, and a warning says so."""
    from osai.assessments.mot import read_listing

    release = read_listing(UNNAMED_FILE, "mot:models/m.yml", rules)
    assert release.components["model-parameters-final"].licence is None
    (warning,) = [f.message for f in release.findings if "licence file" in f.message]
    assert warning.endswith(
        ": release.license.distribution: a licence file (LICENSE) with no name: what it covers "
        "reads as unknown"
    ), warning


def test_an_empty_global_licence_falls_through_as_in_the_tool(
    tmp_path: Path, rules: RuleSet
) -> None:
    """`release.license.code.name: ''` (as the MOT's Arkim listing writes) is no licence of
    that scope, so the distribution licence applies."""
    text = HEAD + "    code:\n      name: ''\n" + "  components:\n    - name: Training code\n"
    release = read_manifest(write(tmp_path, text), rules)
    licence = release.components["training-code"].licence
    assert licence is not None and licence.text == "Apache-2.0"


def test_a_licence_name_is_not_a_malformed_expression(tmp_path: Path, rules: RuleSet) -> None:
    """Without AND, OR or WITH, or with a character no licence id has (a URL, a list), a licence
    is a name osai does not know, judged unknown: as the MOT's own listings write some."""
    names = ("the Acme licence", "Custom (see LICENSE)", "Apache-2.0 OR https://example.org/l")
    for text in (*names, "mc4, cc100, wikipedia and EleutherAI/pile"):
        body = HEAD + f"  components:\n    - name: Training code\n      license: '{text}'\n"
        read_manifest(write(tmp_path, body), rules)


def test_someone_elses_malformed_licence_expression_is_unknown(rules: RuleSet) -> None:
    """A MOT listing (or a repository's manifest) is someone else's data: a licence expression
    in it that does not parse leaves that licence unknown; the listing is still read."""
    from osai.assessments.mot import read_listing

    text = HEAD.replace("name: Apache-2.0", "name: 'Apache-2.0 AND ('") + LISTED
    release = read_listing(text, "mot:models/broken.yml", rules)
    assert release.licence is not None and release.licence.text == "Apache-2.0 AND ("


def test_every_model_openness_tool_listing_loads(rules: RuleSet) -> None:
    """All 273 MOT model files osai bundles (and the corpus copies) stay valid manifests."""
    from osai.assessments.mot import read_listing

    bundled = json.loads(gzip.decompress((ROOT / "rules/assessments/mot.json.gz").read_bytes()))
    for entry in bundled["entries"]:
        read_listing(entry["text"], entry["file"], rules)
    copies = sorted((ROOT / "tests/fixtures/mot").glob("*/*.yml"))
    for path in [*copies, *sorted(EXAMPLES.glob("*.yml"))]:
        read_manifest(path, rules)
    assert len(bundled["entries"]) == 273 and len(copies) > 200


def test_framework_and_mode_names_suggest_the_nearest() -> None:
    pythia = str(EXAMPLES / "pythia-70m.yml")
    assert run_osai("check", pythia, "-f", "mfo").stderr == (
        "osai: error: -f: unknown framework 'mfo' (did you mean 'mof'?)\n"
    )
    # the option named, as its other refusals name it: which one of a command line was it?
    assert run_osai("check", pythia, "-f", "mof", "--require", "osiad:conformant").stderr == (
        "osai: error: --require osiad:conformant: unknown framework 'osiad' "
        "(did you mean 'osaid'?)\n"
    )
    assert "(did you mean 'mot'?)" in run_osai("check", pythia, "--mof-mode", "mott").stderr


CARD = "---\nlicense: mit\n---\n# m\n"


def check_on_the_hub(hub: Any, tmp_path: Path, name: str, text: str, *options: str) -> Result:
    """`osai check --format json` (or `options`) of a Hub repository with a card and the
    manifest `name`, at 80 columns."""
    files = {"README.md": CARD, name: text}
    siblings = [{"rfilename": path} for path in files]
    repo_id = hub.add_repo({"id": "osai-test/with-manifest", "siblings": siblings})
    for path, content in files.items():
        hub.add_file(repo_id, path, content)
    env = {"HF_ENDPOINT": hub.endpoint, "HF_HOME": str(tmp_path / "hf"), "COLUMNS": "80"}
    return run_osai("check", repo_id, *(options or ("--format", "json")), "--no-follow", env=env)


def not_used_warning(result: Result) -> str:
    assert result.code == 0, result.stderr
    findings = json.loads(result.stdout)["targets"][0]["findings"]
    return str(next(f["message"] for f in findings if "was not used" in f["message"]))


def test_a_repositorys_invalid_manifest_says_each_problem_at_its_line(
    hub: Any, tmp_path: Path
) -> None:
    """A Hub repository's osai.yaml of five mistakes gave one warning, the first alone and no
    line ("… (release.version: expected text or a number, found a list; and 4 more)"), where
    `osai check` of the same file gives all five, each at its line.  Each is a warning of its
    own, the line the check of the file gives, and in the JSON its line; and the hint asks the
    publisher to fix the file they have, not "to declare it in the repository's osai.yaml"."""
    named = run_osai("check", str(write(tmp_path, FIVE_MISTAKES, "osai.yaml")))
    lines = [line.removeprefix(f"osai: error: {tmp_path}/") for line in named.stderr.splitlines()]
    assert named.code == 2 and len(lines) == 5 and lines[0].startswith("osai.yaml:7: "), lines
    result = check_on_the_hub(hub, tmp_path, "osai.yaml", FIVE_MISTAKES)
    assert result.code == 0, result.stderr
    findings = json.loads(result.stdout)["targets"][0]["findings"]
    at = next(i for i, f in enumerate(findings) if "was not used" in f["message"])
    assert findings[at]["message"] == (
        "osai.yaml: the repository's manifest was not used, being invalid: 5 problems, each below"
    )
    problems = findings[at + 1 : at + 6]
    assert [f["message"] for f in problems] == lines
    assert [f["evidence"][0]["line"] for f in problems] == [
        int(line.split(":")[1]) for line in lines
    ]
    text = check_on_the_hub(hub, tmp_path, "osai.yaml", FIVE_MISTAKES, "--format", "text")
    assert all(len(line) <= 80 for line in text.stdout.splitlines())
    words = " ".join(text.stdout.split())
    assert "to declare it" not in words
    assert (
        "or ask osai-test to fix the repository's osai.yaml, which is there but invalid, so not "
        "used (the warnings say why)" in words
    )
    assert all(f"warning: {line}" in words for line in lines)


def test_a_repositorys_manifest_of_ten_thousand_problems_is_a_few_warnings(
    hub: Any, tmp_path: Path
) -> None:
    """A hostile manifest of 10,000 unknown keys: the first few problems, each at its line,
    and how many there are, not pages of warnings."""
    keys = "".join(f"  key{index}: x\n" for index in range(10_000))
    hostile = FIVE_MISTAKES.replace("  producer: My Lab\n", f"  producer: My Lab\n{keys}", 1)
    result = check_on_the_hub(hub, tmp_path, "osai.yaml", hostile)
    assert result.code == 0, result.stderr
    said = [f["message"] for f in json.loads(result.stdout)["targets"][0]["findings"]]
    about = [m for m in said if m.startswith("osai.yaml")]
    assert about[0] == (
        "osai.yaml: the repository's manifest was not used, being invalid: 10,005 problems, "
        "the first 5 below"
    )
    assert about[1:] == [
        "osai.yaml:7: release.version: expected text or a number, found a list",
        *(f"osai.yaml:{9 + index}: release.key{index}: unknown key" for index in range(4)),
    ]


def test_a_directorys_invalid_manifest_is_refused_line_by_line(tmp_path: Path) -> None:
    """A local directory is the user's own: its manifest's mistakes are refused as when they
    name the file, every one on its line, each naming the directory checked."""
    model = tmp_path / "model"
    model.mkdir()
    (model / "README.md").write_text(CARD)
    path = write(model, FIVE_MISTAKES, "osai.yaml")
    named = run_osai("check", str(path))
    result = run_osai("check", str(model), "--require", "osaid", "-q")
    assert (result.code, result.stdout) == (2, "")
    said = named.stderr.replace("osai: error: ", f"osai: error: {model}: ")
    assert len(said.splitlines()) == 5 and result.stderr == said


@pytest.mark.parametrize(
    ("name", "text", "said"),
    [
        ("osai.yaml", "framework: [\n", "invalid YAML"),
        ("osai.yml", "release: {name: m}\n", "framework: missing (required)"),
    ],
    ids=["bad-yaml", "keys-missing"],
)
def test_a_file_with_osais_own_manifest_name_is_never_dropped_silently(
    hub: Any, tmp_path: Path, name: str, text: str, said: str
) -> None:
    """`osai.yaml` is always meant as a manifest (unlike `model.yml`, which may be a training
    config): one that cannot be read as one is refused in the user's own directory, and gives a
    warning saying why in a Hub repository."""
    model = tmp_path / "model"
    model.mkdir()
    (model / "README.md").write_text(CARD)
    (model / name).write_text(text)
    result = run_osai("check", str(model), "--format", "json")
    assert result.code == 2 and said in result.stderr
    assert result.stderr.startswith(f"osai: error: {model}: {model / name}")
    result = check_on_the_hub(hub, tmp_path, name, text)
    assert "the repository's manifest was not used" in not_used_warning(result)
    findings = json.loads(result.stdout)["targets"][0]["findings"]
    assert any(f["message"].startswith(f"{name}") and said in f["message"] for f in findings)


def test_a_model_yml_that_is_not_a_manifest_is_not_taken_for_one(tmp_path: Path) -> None:
    model = tmp_path / "model"
    model.mkdir()
    (model / "README.md").write_text("---\nlicense: mit\n---\n# m\n")
    (model / "model.yml").write_text("layers: 12\nhidden: 768\n")
    result = run_osai("check", str(model), "--format", "json")
    assert result.code == 0, result.stderr
    findings = json.loads(result.stdout)["targets"][0]["findings"]
    assert not [f for f in findings if "was not used" in f["message"]]


def test_licenses_show_suggests_the_licence_meant() -> None:
    shown = run_osai("licenses", "show", "Apache-2.O").stdout.splitlines()
    assert shown[1] == "  reads as: a licence osai does not know (did you mean 'Apache-2.0'?)"
    shown = run_osai("licenses", "show", "Other License").stdout.splitlines()
    assert shown[1] == "  reads as: a licence osai does not know"


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("Llama-2", "LicenseRef-llama2"),  # by its alias `llama2`
        ("Llama 2 Community Licence", "LicenseRef-llama2"),  # by its name
        ("Tongyi Qianwen", "LicenseRef-tongyi-qianwen"),  # its alias, hyphened
    ],
)
def test_licenses_show_suggests_a_licence_by_its_name_or_alias(written: str, meant: str) -> None:
    """`licenses show Llama-2` said only "a licence osai does not know": a typo is corrected
    id by id, and this is no id's typo, but it is one typo from the Llama 2 licence's alias."""
    shown = run_osai("licenses", "show", written).stdout.splitlines()
    assert shown[1] == f"  reads as: a licence osai does not know (did you mean '{meant}'?)"
    document = json.loads(run_osai("licenses", "show", written, "--format", "json").stdout)
    assert document["did_you_mean"] == meant


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("MIT Licence", "MIT"),  # an id, then a word: no SPDX expression
        ("The MIT Licence", "MIT"),
        ("MIT licensed", "MIT"),
        ("Apache Licence 2.0", "Apache-2.0"),  # a name that parses, one typo from a licence's
        ("GPL-3.0 Licence", "GPL-3.0-only"),  # a word osai reads, then "Licence"
    ],
)
@pytest.mark.parametrize("output", [(), ("--format", "json")], ids=["text", "json"])
def test_licenses_show_reads_a_name_in_words_as_unknown_with_the_licence_meant(
    written: str, meant: str, output: tuple[str, ...]
) -> None:
    """Changed: `licenses show "MIT Licence"` (an id, then a word) was refused, exit 2, with
    the licence meant; "Apache Licence 2.0", as near, was read as a licence osai does not know,
    exit 0, with the same did-you-mean; "GPL-3.0 Licence" was refused with no suggestion.  A
    lookup of a name osai does not know has an answer: unknown, with what it may mean, exit 0,
    as every report judges such a name (only text written as an expression that does not
    parse, `Apache-2.0 OR`, is bad input)."""
    result = run_osai("licenses", "show", written, *output)
    assert (result.code, result.stderr) == (0, "")
    if output:
        document = json.loads(result.stdout)
        assert (document["state"], document["did_you_mean"]) == ("unrecognised", meant)
    else:
        said = f"  reads as: a licence osai does not know (did you mean '{meant}'?)"
        assert result.stdout.splitlines()[1] == said


@pytest.mark.parametrize(
    ("written", "first", "more"),
    [
        ("GPL", "GPL-2.0-only, GPL-3.0-only, GPL-2.0-or-later, GPL-3.0-or-later", 2),
        ("GPL Licence", "GPL-2.0-only, GPL-3.0-only, GPL-2.0-or-later, GPL-3.0-or-later", 2),
        ("BSD Licence", "BSD-1-Clause, BSD-2-Clause, BSD-3-Clause, BSD-3-Clause-LBNL", 25),
        ("BSD", "BSD-1-Clause, BSD-2-Clause, BSD-3-Clause, BSD-3-Clause-LBNL", 25),
        # a version after the name: CC-BY's, not CC-BY-NC's, -ND's or -SA's
        ("CC-BY", "CC-BY-1.0, CC-BY-2.0, CC-BY-2.5, CC-BY-3.0", 8),
    ],
)
def test_licenses_show_offers_a_familys_licences_for_its_name(
    written: str, first: str, more: int
) -> None:
    """ "GPL Licence" and "BSD Licence" were a licence osai does not know with no suggestion,
    where "MIT Licence" got one: a family's name names no single licence (not `0BSD` or
    `NGPL`, a letter away, nor one version of several), so its licences are offered to choose
    from, OSI-approved first; the JSON lists them all."""
    shown = run_osai("licenses", "show", written, env={"COLUMNS": "300"}).stdout.splitlines()
    prefix = written.split()[0]
    said = f"(did you mean one of {first} or {more} more {prefix}-… ids?)"
    assert shown[1] == f"  reads as: a licence osai does not know {said}"
    document = json.loads(run_osai("licenses", "show", written, "--format", "json").stdout)
    family = document["did_you_mean_one_of"]
    assert ", ".join(family[:4]) == first and len(family) == 4 + more
    assert all(licence.startswith(f"{prefix}-") for licence in family)
    assert document["did_you_mean"] == ""
    apache = run_osai("licenses", "show", "Apache Licence").stdout.splitlines()[1]
    assert apache.endswith("(did you mean one of Apache-1.1, Apache-2.0 or Apache-1.0?)")


@pytest.mark.parametrize("written", ["OpenMDW", "openmdw", "OpenMDW License"])
def test_licenses_show_offers_the_openmdw_licences_for_its_name(written: str) -> None:
    """ "OpenMDW", the licence the MOF's own people wrote, was a licence osai does not know with
    nothing offered: SPDX lists OpenMDW-1.0 alone (a family of one is no choice), and 1.1 is
    osai's own LicenseRef-OpenMDW-1.1, which the family's licences left out."""
    shown = run_osai("licenses", "show", written, env={"COLUMNS": "300"}).stdout.splitlines()
    assert shown[1] == (
        "  reads as: a licence osai does not know"
        " (did you mean one of OpenMDW-1.0 or LicenseRef-OpenMDW-1.1?)"
    )
    document = json.loads(run_osai("licenses", "show", written, "--format", "json").stdout)
    assert document["did_you_mean_one_of"] == ["OpenMDW-1.0", "LicenseRef-OpenMDW-1.1"]
    # osai's own licences are no family of one either: Falcon-7B is Apache-2.0, not TII's
    assert run_osai("licenses", "show", "Falcon").stdout.splitlines()[1] == (
        "  reads as: a licence osai does not know"
    )


@pytest.mark.parametrize(
    "written", ["see LICENSE", "Other License", "Llama 3.4 Community License", "Bloom"]
)
def test_licenses_show_suggests_no_licence_far_from_every_one(written: str) -> None:
    """A name sharing most of its letters with one is not it ("SL License", "Unlicense");
    another version is another licence (not "Llama 3.3 Community License", one letter away);
    a word of a name is read only as it stands ("Other" is no typo of an id)."""
    shown = run_osai("licenses", "show", written).stdout.splitlines()
    assert shown[1] == "  reads as: a licence osai does not know"


def test_an_alias_is_said_once() -> None:
    """'reads as: LicenseRef-llama2 (alias → LicenseRef-llama2)' said the reading twice."""
    shown = run_osai("licenses", "show", "llama2").stdout.splitlines()
    assert shown[1] == "  reads as: LicenseRef-llama2 (an alias osai knows)"


@pytest.mark.parametrize("written", ["Proprietary License", "gemma licence", "OpenRAIL licence"])
def test_ones_own_name_for_a_custom_licence_is_unknown_not_refused(
    written: str, tmp_path: Path
) -> None:
    """Near one of osai's own names for a custom licence (LicenseRef-…), a name is how its
    author names it, not a slip: refused as "did you mean 'LicenseRef-proprietary'", a
    manifest that had been read failed with exit 2."""
    manifest = (EXAMPLES / "pythia-70m.yml").read_text(encoding="utf-8")
    path = tmp_path / "m.yml"
    path.write_text(manifest.replace("license: MIT", f"license: '{written}'", 1))
    result = run_osai("check", str(path), "--format", "json")
    assert result.code in (0, 1), result.stderr


@pytest.mark.parametrize(
    ("given", "what"),
    [
        ("missing.yml", "no such file"),
        (".", "is a directory, not a file"),
        ("fifo.yml", "not a regular file"),  # there: "no such file" sent the reader looking
    ],
)
def test_a_manifest_that_names_no_file_is_said_once_before_any_target_is_read(
    given: str, what: str, tmp_path: Path
) -> None:
    os.mkfifo(tmp_path / "fifo.yml")
    targets = [str(EXAMPLES / "pythia-70m.yml"), str(EXAMPLES / "amber.yml")]
    result = run_osai("check", *targets, "--manifest", given, cwd=tmp_path)
    assert result.code == 2
    assert result.stderr == f"osai: error: --manifest {given}: {what}\n"
    assert result.stdout == ""


def test_a_manifest_of_another_hub_model_is_refused_for_a_manifest_target_too() -> None:
    amber = str(EXAMPLES / "amber.yml")
    result = run_osai("check", amber, "--manifest", str(EXAMPLES / "pythia-70m.yml"), "-q")
    assert result.code == 2
    assert "describes another model, EleutherAI/pythia-70m (its huggingface: field)" in (
        result.stderr
    )
    assert "Pythia" not in result.stdout  # not Pythia's verdicts under amber.yml's name
    same = run_osai("check", amber, "--manifest", amber, "-q")
    assert same.code == 0
    assert same.stdout.startswith("Amber")


def test_a_manifest_on_one_line_lists_its_problems_in_file_order(
    tmp_path: Path, rules: RuleSet
) -> None:
    # JSON is YAML: a manifest a program writes may be one line, where every problem is on line
    # 1 and only the path orders them; components[10] came before components[2]
    manifest = manifest_data([{"name": f"Component {n}"} for n in range(12)])
    found = problems(write(tmp_path, json.dumps(manifest)), rules)
    named = [line.split(": ")[1] for line in found]
    assert named == [f"release.components[{n}].name" for n in range(12)]


def manifest_data(components: list[dict[str, str]]) -> dict[str, Any]:
    return {
        "framework": {"name": "Model Openness Framework", "version": "1.0", "date": "2024-12-15"},
        "release": {
            "name": "my-model",
            "license": {"distribution": {"name": "MIT"}},
            "components": components,
        },
    }


def test_a_comment_joined_to_a_licence_is_refused_in_words_that_say_so(tmp_path: Path) -> None:
    """A draft's instruction uncommented with its licence (`MIT uncomment this entry and
    declare its licence`) was refused as "invalid symbols sequence such as (A B)", the parser's
    words: the part it stopped at, and why, say what happened."""
    written = "MIT uncomment this entry and declare its licence"
    text = HEAD.replace("name: Apache-2.0", f"name: '{written}'") + LISTED
    path = write(tmp_path, text)
    result = run_osai("check", str(path), "-q")
    assert result.code == 2
    assert result.stderr.endswith(
        f"'{written}' is not a licence expression: 'uncomment this entry' follows a licence with "
        "no AND, OR or WITH between them\n"
    ), result.stderr


_SOURCES = "    public_data_sources: roneneldan/TinyStories"
_PROSE = "    A detailed description of any unshareable data"


@pytest.mark.parametrize(
    ("lines", "noticed", "at"),
    [
        # YAML notices at the line below it
        ([_SOURCES, _PROSE, "    preprint: none"], "could not find expected ':'", 6),
        # or at the next key, lines below
        ([_PROSE, "    # a comment", _SOURCES], "did not find expected key", 5),
        # or joined to the key below, at that key's `:`
        ([_PROSE, _SOURCES], "mapping values are not allowed", 5),
    ],
)
def test_prose_where_a_key_belongs_is_named_by_its_line(
    lines: list[str], noticed: str, at: int, tmp_path: Path
) -> None:
    """A draft's comment uncommented by mistake: YAML said "could not find expected ':' (line
    6, column 3)" of the line below it, or "did not find expected key (line 8, column 5)" of
    the next key, four lines down: the line to mend, the prose, was named nowhere."""
    manifest = tmp_path / "osai.yaml"
    head = [
        "framework: {name: Model Openness Framework, version: '1.0', date: '2024-12-15'}",
        "release:",
        "  name: tiny",
        "  data_information:",
    ]
    manifest.write_text("\n".join([*head, *lines]) + "\n", encoding="utf-8")
    result = run_osai("check", str(manifest))
    assert result.code == 2
    (line,) = result.stderr.splitlines()
    assert noticed in line
    assert line.endswith(
        f"; line {at} holds text where a key belongs (a comment uncommented by mistake?)"
    )


def test_a_line_yaml_cannot_place_that_is_no_prose_is_not_called_prose(tmp_path: Path) -> None:
    manifest = tmp_path / "osai.yaml"
    manifest.write_text("release:\n  name: tiny\n   - item\n", encoding="utf-8")
    result = run_osai("check", str(manifest))
    assert result.code == 2
    assert "a comment uncommented" not in result.stderr


def test_a_long_part_the_parser_stopped_at_is_quoted_cut(tmp_path: Path) -> None:
    """The part the parser stopped at was quoted whole: 1,900 characters of it, and the error
    line was cut ('... (1,041 more characters)') before the words that say what is wrong."""
    written = f"MIT AND (Apache-2.0 {'X' * 1900})"
    path = write(tmp_path, HEAD.replace("name: Apache-2.0", f"name: '{written}'") + LISTED)
    result = run_osai("check", str(path), "-q")
    assert result.code == 2
    (line,) = result.stderr.splitlines()
    assert line.endswith(
        f"is not a licence expression: '{'X' * 57}...' follows a licence with no AND, OR or "
        "WITH between them"
    ), line


@pytest.mark.parametrize("blank", ['""', '"   "'])
def test_a_blank_unless_is_refused_not_ignored(tmp_path: Path, blank: str) -> None:
    """`evidence: {unless: "   "}` was taken and did nothing: what may bind the licence is said
    in words, or not at all."""
    text = (EXAMPLES / "olmo-7b.yml").read_text(encoding="utf-8")
    weights = "      name: 'Model parameters (Final)'\n"
    assert text.count(weights) == 1
    (tmp_path / "m.yml").write_text(
        text.replace(weights, f"{weights}      evidence: {{unless: {blank}}}\n"), encoding="utf-8"
    )
    result = run_osai("check", "m.yml", cwd=tmp_path)
    assert (result.code, result.stderr.count("\n")) == (2, 1), result.stderr
    assert "evidence.unless: expected some text, not blank" in result.stderr


def _tiny_draft(tmp_path: Path) -> Path:
    """`osai init`'s draft of examples/tiny-model, in a copy of it."""
    model = tmp_path / "tiny"
    shutil.copytree(EXAMPLES / "tiny-model", model)
    assert run_osai("init", str(model)).code == 0
    return model / "osai.yaml"


def _filled_in(draft: Path, placeholder: str, filled: str) -> int:
    """The draft with the line `placeholder` (one of its `?` lines) replaced by `filled`; the
    line's number."""
    lines = draft.read_text(encoding="utf-8").splitlines()
    at = lines.index(placeholder)
    lines[at] = filled
    draft.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return at + 1


# A draft's commented-out entry for a component osai did not detect, as `osai init` writes it
INFERENCE_ENTRY = (
    "    # - name: Inference code\n"
    "    #   license: ?  — not detected: if you release the inference code, uncomment\n"
    "    #     this entry and declare its licence (SPDX id)\n"
)


def _refusals_of_draft(draft: Path) -> list[str]:
    """The one line `osai check` refuses a draft with (exit 2), named as a file and as its
    directory (which finds it)."""
    said = []
    for target in (draft, draft.parent):
        result = run_osai("check", str(target))
        assert result.code == 2
        (line,) = result.stderr.splitlines()
        said.append(line)
    return said


@pytest.mark.parametrize(
    ("placeholder", "filled", "key", "note"),
    [
        (
            "  #   third_party_data_sources: ?  — declare it, as described above",
            "    third_party_data_sources: none  — declare it, as described above",
            "release.data_information.third_party_data_sources",
            "— declare it",
        ),
        (
            "  # producer: ?  — declare who produced the model (organisation or person)",
            "  producer: Acme AI  — declare who produced the model (organisation or person)",
            "release.producer",
            "— declare who",
        ),
    ],
    ids=["data-information", "producer"],
)
def test_a_value_written_in_place_of_the_question_mark_alone_is_refused(
    tmp_path: Path, placeholder: str, filled: str, key: str, note: str
) -> None:
    """A publisher filling in `osai init`'s draft wrote the value over its `?` and left the rest
    of the line, the draft's note: `third_party_data_sources: none  — declare it, as described
    above` was read as the release's word and met OSAID's item, and `producer: Acme AI  —
    declare who produced the model (organisation or person)` named the producer so.  Each is
    refused, on one line naming the note to delete."""
    draft = _tiny_draft(tmp_path)
    line = _filled_in(draft, placeholder, filled)
    for said in _refusals_of_draft(draft):
        assert said.endswith(
            f"osai.yaml:{line}: {key}: `{note}…` is `osai init`'s note on what to write, left "
            "beside the value: delete it, from its `—`"
        )


def test_a_licence_written_in_place_of_the_question_mark_alone_is_named_as_such(
    tmp_path: Path,
) -> None:
    """`license: Apache-2.0  — not detected: if you release the inference code, …`, a draft's
    component uncommented and its `?` replaced: YAML said "mapping values are not allowed in
    this context (line 145, column 42)", at the note's own colon, and nothing of the note."""
    draft = _tiny_draft(tmp_path)
    text = draft.read_text(encoding="utf-8")
    entry = INFERENCE_ENTRY
    assert entry in text
    filled = entry.replace("    # ", "    ").replace("license: ?", "license: Apache-2.0")
    draft.write_text(text.replace(entry, filled), encoding="utf-8")
    result = run_osai("check", str(draft))
    assert result.code == 2
    (said,) = result.stderr.splitlines()
    assert "invalid YAML: mapping values are not allowed" in said
    assert said.endswith(
        "; `— …` beside the value is osai init's note on what to write: delete it, and any line "
        "it runs on to"
    )


@pytest.mark.parametrize("licence", ["Apache-2.0", "Apache-2.0 AND", "MIT OR Apache-2.0"])
def test_a_licence_joined_to_the_end_of_the_note_names_the_note(
    tmp_path: Path, licence: str
) -> None:
    """The entry uncommented whole and its first line's `?  — not detected: …,` replaced by a
    licence: YAML joins the note's last line to the value, and it was refused as "'Apache-2.0
    uncomment this entry and declare its licence (SPDX id)' is not a licence expression: '('
    follows a licence with no AND, OR or WITH between them", nothing of the note."""
    draft = _tiny_draft(tmp_path)
    text = draft.read_text(encoding="utf-8")
    entry = INFERENCE_ENTRY
    filled = (
        "    - name: Inference code\n"
        f"      license: {licence}\n"
        "        this entry and declare its licence (SPDX id)\n"
    )
    draft.write_text(text.replace(entry, filled), encoding="utf-8")
    line = draft.read_text(encoding="utf-8").splitlines().index("    - name: Inference code") + 2
    for said in _refusals_of_draft(draft):
        assert said.endswith(
            f"osai.yaml:{line}: release.components[3].license: `this entry and…`, the end of "
            "`osai init`'s note, was left uncommented on the line below and is read as part of "
            "the value: delete that line"
        )


def test_a_word_for_none_used_and_for_an_item_not_given_at_once_is_refused(
    tmp_path: Path,
) -> None:
    """A word in both none_used_words and not_provided_words would say both "none used" and
    "not given": `n/a` of the public sources read as not provided failed a release that used
    none."""
    source = (ROOT / "rules" / "components.yaml").read_text(encoding="utf-8")
    listed = "  - withheld\n"
    assert source.count(listed) == 1
    broken = tmp_path / "components.yaml"
    broken.write_text(source.replace(listed, listed + "  - n/a\n"), encoding="utf-8")
    (problem,) = validate_rule_file(broken)
    assert problem.endswith("none_used_words: 'n/a' is one of not_provided_words too"), problem


def test_none_used_on_a_fact_that_reads_no_words_is_refused(tmp_path: Path) -> None:
    source = (ROOT / "rules" / "components.yaml").read_text(encoding="utf-8")
    reads = "    reads_not_provided_words: true\n    none_used: true  # `none`"
    assert source.count(reads) == 1
    broken = tmp_path / "components.yaml"
    broken.write_text(source.replace(reads, "    none_used: true  # `none`"), encoding="utf-8")
    (problem,) = validate_rule_file(broken)
    assert problem.endswith("none_used: needs reads_not_provided_words: true"), problem
