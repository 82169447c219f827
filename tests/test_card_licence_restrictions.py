"""A card's licence section restricting its weights' use without naming a licence.

A card with `license: apache-2.0` whose License section said "The model weights may be used for
non-commercial research purposes only; commercial use requires a separate commercial licence
from Acme" was `exempt` under the AI Act (`--require eu-ai-act:exempt` passed), and OSAID and
MOF met its weights as Apache-2.0: only a sentence naming another licence was read
(test_card_licence_section.py).  Such a sentence, said of the model or its weights, is now
evidence against the credited licence (rules/detection.yaml `card.licence_statements`
`restrictions`): prose is no licence osai can judge, so a verdict the licence meets is unknown,
with a CONFLICT finding quoting the card's line and an action to correct the card or the
licence; one it fails still fails.  A sentence that only mentions such uses restricts nothing.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from clirunner import EXAMPLES, run_osai
from loopback_hub import LoopbackHub
from test_card_licence_section import checked, conflicts, hub_env, hub_model, parameters

# how the weights' `unless` says it (osai.evidence.CARD_TERMS), as every report shows it
CARD_TERMS = "the use restrictions the card's licence section states apply"

REVIEWED = (
    "The model weights may be used for non-commercial research purposes only; commercial use "
    "requires a separate commercial licence from Acme."
)
# Everything the AI Act's exemption asks besides the licence, declared: the licence decides.
DECLARATIONS = """framework: {name: Model Openness Framework, version: '1.0', date: '2024-12-15'}
release:
  name: tiny-model
  license: {}
  unlisted_components: unknown
  components: []
  declarations:
    weights_access: ungated
    monetisation: none
    training_compute_flop: 3.1e+23
    systemic_risk_designation: none
    usage_integration: transformers AutoModelForCausalLM
    copyright_policy: {url: 'https://example.org/copyright-policy'}
"""


def tiny_model(tmp_path: Path, section: str, heading: str = "License") -> Path:
    """examples/tiny-model (`license: apache-2.0`), its card ending in a section `heading`
    saying `section`, with a manifest declaring what the AI Act asks besides the licence."""
    model = tmp_path / "model"
    shutil.copytree(EXAMPLES / "tiny-model", model)
    card = model / "README.md"
    card.write_text(f"{card.read_text('utf-8')}\n## {heading}\n\n{section}\n", encoding="utf-8")
    (model / "osai.yaml").write_text(DECLARATIONS, encoding="utf-8")
    return model


def section_line(model: Path) -> int:
    return len((model / "README.md").read_text("utf-8").splitlines())


def frameworks(model: Path) -> tuple[dict[str, Any], dict[str, dict[str, str]]]:
    """The JSON report's target, and each framework's requirement statuses."""
    result = run_osai(
        "check", str(model), "-f", "eu-ai-act", "-f", "osaid", "-f", "mof", "--format", "json"
    )
    assert result.code == 0, result.stderr
    (target,) = json.loads(result.stdout)["targets"]
    statuses = {
        framework["id"]: {r["id"]: r["status"] for r in framework["requirements"]}
        for framework in target["frameworks"]
    }
    report: dict[str, Any] = target
    return report, statuses


def test_without_the_restriction_the_weights_are_exempt(tmp_path: Path) -> None:
    """The reviewer's release, its License section saying only where the licence is."""
    model = tiny_model(tmp_path, "See LICENSE.")
    assert run_osai("check", str(model), "--require", "eu-ai-act:exempt").code == 0


@pytest.mark.parametrize(
    ("section", "terms"),
    [
        (REVIEWED, "no commercial use, research use only"),
        ("The model is licensed for research use only.", "research use only"),
        ("The weights are for non-commercial use only.", "no commercial use"),
        (
            "Use of the model by licensees with more than 700 million monthly active users "
            "requires a separate licence from Acme.",
            "a separate commercial licence for some uses, extra licensing above a user or "
            "revenue threshold",
        ),
        ("The model may not be used for commercial purposes.", "no commercial use"),
        # a threshold with the words that restrict, after it or before it
        (
            "If the model is used by services with more than 700 million monthly active users "
            "in the preceding calendar month, you must request a license from Acme.",
            "extra licensing above a user or revenue threshold",
        ),
        (
            "The model may not be used by services with more than 700 million monthly active "
            "users.",
            "extra licensing above a user or revenue threshold",
        ),
        # the licence it names is the one credited: the restriction is the card's own
        (
            "The model weights are released under Apache 2.0 for research use only.",
            "research use only",
        ),
    ],
)
def test_a_restriction_of_use_leaves_the_weights_licence_unknown(
    tmp_path: Path, section: str, terms: str
) -> None:
    model = tiny_model(tmp_path, section)
    line = section_line(model)
    report, statuses = frameworks(model)
    euaia = statuses["eu-ai-act"]
    assert euaia["EUAIA-LICENCE-FREEDOMS"] == "unknown"
    assert euaia["EUAIA-LICENCE-NO-DISQUALIFYING-TERMS"] == "unknown"
    assert statuses["osaid"]["OSAID-PARAMETERS"] == "unknown"
    assert statuses["mof"]["MOF-C3-MODEL-PARAMETERS-FINAL"] == "unknown"
    (eu,) = (f for f in report["frameworks"] if f["id"] == "eu-ai-act")
    assert eu["outcome"] == "exemption-not-shown"
    # read, and divided: not "not-read", which asks to read what was read
    (osaid,) = (f for f in report["frameworks"] if f["id"] == "osaid")
    (weights_met,) = (r for r in osaid["requirements"] if r["id"] == "OSAID-PARAMETERS")
    assert weights_met["why_unknown"] == "unsettled"
    weights = next(c for c in report["components"] if c["id"] == "model-parameters-final")
    assert weights["licence"]["text"] == "apache-2.0"  # not replaced: no licence is named
    assert weights["licence"]["unless"] == f"{CARD_TERMS} (README.md:{line}: {terms})"
    (conflict,) = conflicts(report)
    message = conflict["message"]
    assert message.startswith("the weights are credited apache-2.0 (README.md:2), but ")
    assert f'README.md:{line} says "{section}" ({terms})' in message
    assert message.endswith("(correct the card or the licence)")
    said = conflict["evidence"][1]
    assert (said["location"], said["line"], said["certainty"]) == ("README.md", line, "inferred")
    gate = run_osai("check", str(model), "--require", "eu-ai-act:exempt")
    assert gate.code == 1, gate.stderr
    assert "NOT PROVEN  --require eu-ai-act:exempt" in gate.stdout
    text = " ".join(run_osai("check", str(model), "-f", "eu-ai-act").stdout.split())
    assert (
        "review Model parameters (Final): under Apache-2.0, unless the use restrictions the "
        f"card's licence section states apply (README.md:{line}: {terms}): correct the card or "
        "the licence (a declaration does not settle it)"
    ) in text


@pytest.mark.parametrize(
    "section",
    [
        "Commercial use of the model is permitted.",
        "Unlike research-only licences, the model may be used for any purpose.",
        "The model may be used commercially; no separate licence is needed.",
        "The model may be used for commercial and non-commercial purposes.",
        "The model may be used for any purpose, commercial or non-commercial.",
        "The model does not require a separate licence for commercial use.",
        "The model is not restricted to research use.",
        "There is no monthly active users limit on the model.",
        "The model is free for research and commercial use.",
        # a user or revenue threshold, or non-commercial use, named without restricting words
        "The model can be deployed by any company, whatever its monthly active users.",
        "The model can be deployed by any company, irrespective of MAU.",
        "The model can be used in production by services with 50 million monthly active users.",
        "The model can be used by organisations with annual revenue of $5 billion or more, as by "
        "anyone.",
        "The model may be used for non-commercial purposes as well as for commercial ones.",
        "Use of the model above 700 million monthly active users does not need a separate licence.",
        # said of the data, not of the model
        "The training data is for non-commercial research use only.",
        # in code, not prose
        "```\nThe model weights are for non-commercial use only.\n```",
    ],
)
def test_a_sentence_that_only_mentions_such_uses_restricts_nothing(
    tmp_path: Path, section: str
) -> None:
    model = tiny_model(tmp_path, section)
    report, statuses = frameworks(model)
    assert statuses["osaid"]["OSAID-PARAMETERS"] == "met", section
    assert not conflicts(report), section
    assert run_osai("check", str(model), "--require", "eu-ai-act:exempt").code == 0, section


def test_the_same_sentence_outside_a_licence_section_restricts_nothing(tmp_path: Path) -> None:
    model = tiny_model(tmp_path, "The weights are for non-commercial use only.", heading="Usage")
    report, statuses = frameworks(model)
    assert statuses["osaid"]["OSAID-PARAMETERS"] == "met"
    assert not conflicts(report)


def restricted_licence(tmp_path: Path, licence: str, section: str) -> dict[str, Any]:
    model = tiny_model(tmp_path, section)
    card = model / "README.md"
    card.write_text(
        card.read_text("utf-8").replace("license: apache-2.0", f"license: {licence}", 1),
        encoding="utf-8",
    )
    (model / "LICENSE").unlink()
    report, _ = frameworks(model)
    return report


@pytest.mark.parametrize(
    ("licence", "section"),
    [
        ("cc-by-nc-4.0", "The model weights are for non-commercial use only."),
        (
            "llama2",
            "Use of the model by licensees with more than 700 million monthly active users "
            "requires a separate licence from Meta.",
        ),
    ],
)
def test_a_restriction_the_licence_carries_describes_it(
    tmp_path: Path, licence: str, section: str
) -> None:
    """CC BY-NC's "non-commercial use only", Llama 2's user threshold: the card says what its
    licence says, with no conflict, and the licence fails as it did."""
    report = restricted_licence(tmp_path, licence, section)
    assert not conflicts(report)
    weights = next(c for c in report["components"] if c["id"] == "model-parameters-final")
    assert "unless" not in weights["licence"]
    (osaid,) = (f for f in report["frameworks"] if f["id"] == "osaid")
    assert {r["id"]: r["status"] for r in osaid["requirements"]}["OSAID-PARAMETERS"] == "unmet"


def test_a_licence_that_fails_still_fails_beside_a_restriction_it_lacks(tmp_path: Path) -> None:
    """CC BY-NC has no user threshold: the card's words conflict with it, but a verdict it fails
    is failed, whatever else binds (never made unknown, never met)."""
    section = "Use of the model above 700 million monthly active users requires a licence fee."
    report = restricted_licence(tmp_path, "cc-by-nc-4.0", section)
    assert len(conflicts(report)) == 1
    (osaid,) = (f for f in report["frameworks"] if f["id"] == "osaid")
    assert {r["id"]: r["status"] for r in osaid["requirements"]}["OSAID-PARAMETERS"] == "unmet"


def test_an_ai_bom_of_it_is_judged_the_same_read_back(tmp_path: Path) -> None:
    model = tiny_model(tmp_path, REVIEWED)
    bom = tmp_path / "m.cdx.json"
    assert run_osai("check", str(model), "-o", str(bom)).code in (0, 1)
    assert parameters(checked(str(bom))) == "unknown"


def test_on_the_hub_a_restriction_is_read_against_the_card_licence(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    env = hub_env(hub, tmp_path / "home")
    said = hub_model(hub, "acme/research-only", "The model is licensed for research use only.")
    report = checked(said, env)
    assert parameters(report) == "unknown"
    (conflict,) = conflicts(report)
    assert 'README.md:8 says "The model is licensed for research use only."' in conflict["message"]
    result = run_osai("check", said, "-f", "osaid", env=env)
    assert "its card and its licence disagree" in " ".join(result.stdout.split())


def draft_of(model: Path, env: dict[str, str] | None = None) -> str:
    (model / "osai.yaml").unlink()
    result = run_osai("init", str(model), env=env)
    assert result.code == 0, result.stderr
    return (model / "osai.yaml").read_text("utf-8")


def test_a_draft_keeps_the_restriction_and_says_what_settles_it(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    """`osai init` keeps the weights' `unless` (its check leaves them unknown as the check it
    was drafted from did), and says to correct the card or the licence: "read the base
    model's licence" was said of a card naming no base.  One naming a base model, which
    --follow reads, dropped any `unless` for that base's: the card's terms are kept."""
    model = tiny_model(tmp_path, REVIEWED)
    draft = draft_of(model)
    assert "# correct the card's licence section or the licence, then delete `unless`" in draft
    assert "unless: \"the use restrictions the card's licence section states apply" in draft
    assert "read the base model's licence" not in draft
    hub.add_repo({"id": "acme/base", "cardData": {"license": "apache-2.0"}})
    card = model / "README.md"
    card.write_text(
        card.read_text("utf-8").replace(
            "license: apache-2.0", "license: apache-2.0\nbase_model: acme/base", 1
        ),
        encoding="utf-8",
    )
    (model / "osai.yaml").write_text(DECLARATIONS, encoding="utf-8")
    draft = draft_of(model, hub_env(hub, tmp_path / "home"))
    assert "unless: \"the use restrictions the card's licence section states apply" in draft
    drafted = run_osai("check", str(model / "osai.yaml"), "-f", "osaid", "--format", "json")
    assert parameters(json.loads(drafted.stdout)["targets"][0]) == "unknown"


# rev2's manifest: the weights declared Apache-2.0, what the AI Act asks besides declared
OWN_WEIGHTS = DECLARATIONS.replace(
    "  components: []\n",
    "  components:\n    - name: Model parameters (Final)\n      license: Apache-2.0\n",
)


def test_the_hint_to_settle_leaves_out_what_no_declaration_settles(tmp_path: Path) -> None:
    """One's own directory, its weights' licence unknown only for the card's terms: -q said
    "to settle what is unknown: declare them in model/osai.yaml", the action beside it "(a
    declaration does not settle it)".  The hint says what does, once."""
    model = tiny_model(tmp_path, REVIEWED)
    (model / "osai.yaml").write_text(OWN_WEIGHTS, encoding="utf-8")
    result = run_osai("check", str(model), "-f", "mof", "-q")
    text = " ".join(result.stdout.split())
    assert "? Class III not demonstrated (1 unknown) — Model parameters (Final)" in text, text
    assert "→ to settle what is unknown: correct the card or the licence" in text, text
    assert "declare them in" not in text, text
    full = " ".join(run_osai("check", str(model), "-f", "mof").stdout.split())
    assert full.count("→ to settle") == 1, full
    assert "alone (correct the card or the licence) Evidence" in full, full  # the conflict's note


def test_someone_elses_card_is_its_publishers_to_correct(hub: LoopbackHub, tmp_path: Path) -> None:
    """A Hub model checked with the checker's own --manifest (`owned` then): "correct the card
    or the licence" asked them to correct a card that is not theirs.  Its publisher must."""
    env = hub_env(hub, tmp_path / "home")
    said = hub_model(hub, "acme/research-only", "The model is licensed for research use only.")
    mine = tmp_path / "mine.yml"
    mine.write_text(OWN_WEIGHTS.replace("tiny-model", "research-only"), encoding="utf-8")
    result = run_osai("check", said, "--manifest", str(mine), "-f", "mof", env=env)
    text = " ".join(result.stdout.split())
    assert "licence: correct the card" not in text and "(correct the card" not in text, text
    # what else is unknown, the manifest settles; the card's terms, acme
    assert f"→ to settle what is unknown: declare them in {mine}" in text, text
    assert "(its publisher must correct the card or the licence)" in text, text
    assert (
        "its card and its licence disagree: acme must correct its card or its licence (a "
        "declaration does not settle it)"
    ) in text, text


def test_someone_elses_card_alone_unknown_is_settled_by_its_publisher(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    """A Hub model whose only unknown is its card's terms: no --manifest settles it, so the
    hint to settle names its publisher, not "--manifest FILE adds what acme documents"."""
    env = hub_env(hub, tmp_path / "home")
    said = "acme/research-only"
    card = (
        "---\nlicense: apache-2.0\n---\n# Acme model\n\n## License\n\n"
        "The model is licensed for research use only.\n"
    )
    # its publisher's manifest declares everything else the AI Act asks
    declared = OWN_WEIGHTS.replace("tiny-model", "research-only").replace(
        "    - name: Model parameters (Final)\n",
        "    - {name: Model architecture, license: Apache-2.0}\n"
        "    - name: Model parameters (Final)\n",
    ) + (
        "    usage_modalities: text in, text out\n"
        "    usage_capabilities: English text generation\n"
        "    usage_limitations: English only\n"
    )
    files = {"README.md": card, "osai.yaml": declared}
    hub.add_repo(
        {
            "id": said,
            "cardData": {"license": "apache-2.0"},
            "tags": ["license:apache-2.0"],
            "siblings": [{"rfilename": name} for name in (*files, "model.safetensors")],
        }
    )
    for name, text in files.items():
        hub.add_file(said, name, text)
    hub.add_file(said, "model.safetensors", b"\0" * 64, lfs=True)
    result = run_osai("check", said, "-f", "eu-ai-act", "-q", env=env)
    text = " ".join(result.stdout.split())
    assert "→ to settle what is unknown: acme must correct its card or its licence" in text, text
    assert "--manifest FILE" not in text, text
