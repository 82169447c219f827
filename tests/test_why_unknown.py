"""Why a requirement is unknown is a typed value (RequirementResult.why_unknown, JSON
`why_unknown`) that actions are worded from, never the reason's words."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path

from clirunner import EXAMPLES, run_osai
from loopback_hub import LoopbackHub
from report_text import actions_said

from osai.assessment import Assessment, FrameworkAssessment, NextStep, RequirementResult
from osai.evidence import ComponentEvidence, Presence, Release
from osai.formatters.actions import actions
from osai.schemas import instance_errors
from osai.verdict import Citation, FactRef, Reason, Status, WhyUnknown


def test_a_stated_value_that_does_not_settle_it_is_not_said_unstated(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    """Llama 2's gating form asks for personal data: the access requirement is unknown on a
    stated value, and its action said "How the weights can be obtained: not stated"; then
    "document … stated, but not in a way that settles it", where the rule leaves that value
    to a reading (review_if): the action is to review it."""
    env = {"HF_ENDPOINT": hub.endpoint, "HF_HOME": str(tmp_path), "COLUMNS": "200"}
    arguments = ("check", "meta-llama/Llama-2-7b-hf", "-f", "eu-ai-act")
    document = json.loads(run_osai(*arguments, "--format", "json", env=env).stdout)
    assert list(instance_errors("report", document)) == []
    (framework,) = document["targets"][0]["frameworks"]
    whys = {r["id"]: r["why_unknown"] for r in framework["requirements"]}
    assert whys["EUAIA-ACCESS"] == "left-to-reading"
    assert whys["EUAIA-NO-MONETISATION"] == "no-evidence"
    assert whys["EUAIA-WEIGHTS-PUBLIC"] is None  # met
    text = run_osai(*arguments, env=env).stdout
    # the value a manifest declares, and in words: "personal-data" alone read as osai's jargon
    said = "How the weights can be obtained: personal-data (only after giving personal data), "
    assert said + "which osai leaves to a reading" in " ".join(text.split())
    assert "stated, but not in a way that settles it" not in text
    assert "How the weights can be obtained: not stated" not in text


def _one_unknown(why: WhyUnknown | None, reason: Reason) -> Assessment:
    """A release whose training code is released, licence unknown, and one framework's one
    requirement about it, unknown for `why` and said in `reason`."""
    code = ComponentEvidence("training-code", Presence.PRESENT)
    release = Release("x", "local", "x", components={"training-code": code})
    result = RequirementResult(
        requirement_id="R",
        title="Training code",
        level="open",
        required=True,
        status=Status.UNKNOWN,
        reason=reason,
        citation=Citation("ref", "text"),
        remediation="",
        components=("training-code",),
        direct_component="training-code",
        why_unknown=why,
    )
    judged = FrameworkAssessment(
        framework_id="f",
        framework_name="F",
        short_name="F",
        version="1",
        mode="default",
        outcome="not-shown",
        outcome_label="not shown",
        definite=False,
        best_level_proven="",
        next_level="open",
        progress=None,
        results=(result,),
        next_steps=(NextStep("R", Status.UNKNOWN, ""),),
        levels=(("open", "open"),),
    )
    return Assessment(release, (judged,), (), ())


def test_an_action_is_worded_from_why_the_requirement_is_unknown_not_its_reason() -> None:
    """The reason's words ("licence unknown", "no evidence found") decided the action's detail:
    a reason reworded, or one that quoted them, changed what the action said."""
    names = {"training-code": "Training code"}
    released = _one_unknown(WhyUnknown.LICENCE_UNKNOWN, Reason.of("Training code: released"))
    assert [a.detail for a in actions(released, names, ())] == ["licence unknown"]
    quoted = _one_unknown(
        WhyUnknown.NO_EVIDENCE, Reason.of("Training code: 'licence unknown' in its card")
    )
    assert [a.detail for a in actions(quoted, names, ())] == [
        "whether it is released, and under which licence"
    ]
    unsaid = _one_unknown(None, Reason.of("Training code: no evidence found"))
    assert [a.detail for a in actions(unsaid, names, ())] == ["unknown"]


def _on_a_fact(
    why: WhyUnknown, fact: str, facts_unknown: tuple[tuple[str, WhyUnknown], ...]
) -> Assessment:
    """_one_unknown's requirement, on one fact (open: `facts_unknown` says whether unknown)."""
    base = _one_unknown(why, Reason.of(FactRef(fact), "open"))
    (judged,) = base.frameworks
    (result,) = judged.results
    on_facts = replace(
        result,
        direct_component="",
        components=(),
        facts=(fact,),
        facts_open=(fact,),
        facts_unknown=facts_unknown,
    )
    return replace(base, frameworks=(replace(judged, results=(on_facts,)),))


def test_a_fact_left_unmet_is_not_said_unsettled_for_another_part_of_its_requirement() -> None:
    """The EU AI Act's architecture condition is met by the architecture's code or by its
    description: with the code's evidence divided (unsettled) and no description at all, the
    description's action read "stated, but not in a way that settles it" (the requirement's
    why, not the fact's; found by the code review)."""
    # open, and not unknown: unmet
    assessment = _on_a_fact(WhyUnknown.UNSETTLED, "architecture_description", ())
    (action,) = actions(assessment, {}, ())
    assert action.detail.endswith("not stated"), action.detail


def test_a_card_too_large_to_read_is_not_an_action_to_read_it() -> None:
    """A card larger than osai reads stays unread whatever the user does: its facts were "read
    … (README.md: larger than osai reads)", an action no one can take (found by the code
    review).  A gated card's, which a token lets osai read, stays "read"."""
    from osai.evidence import Unread, UnreadWhy

    fact = "usage_capabilities"
    base = _on_a_fact(WhyUnknown.NOT_READ, fact, ((fact, WhyUnknown.NOT_READ),))
    kinds = {}
    for why, hint in ((UnreadWhy.TOO_LARGE, ""), (UnreadWhy.GATED, "set HF_TOKEN")):
        unread = Unread("README.md", why, hint, (fact,))
        release = replace(base.release, source="hub", owned=False, unread=(unread,))
        (action,) = actions(replace(base, release=release), {}, ())
        kinds[why] = action.kind
        assert "not read (README.md: " in action.detail
    assert kinds == {UnreadWhy.TOO_LARGE: "document", UnreadWhy.GATED: "read"}


def test_a_drafts_unknown_licence_is_to_declare_not_to_read(tmp_path: Path) -> None:
    """`osai init` writes `license: unknown` where it found no licence; checked, the draft's
    training code read "review Training code: under unknown, whose terms osai cannot judge: read
    them (a waiver records your reading) … (osai licenses show unknown)", while that command
    says `unknown` is a state, not a licence.  A state that names no licence (rules/licenses.yaml
    `states`) leaves the licence unknown: the user declares it, as with no licence at all."""
    model = tmp_path / "m"
    shutil.copytree(EXAMPLES / "tiny-model", model)
    (model / "LICENSE").unlink()
    card = model / "README.md"
    card.write_text(
        "".join(
            line
            for line in card.read_text().splitlines(keepends=True)
            if not line.startswith("license:")
        )
    )
    assert run_osai("init", str(model)).code == 0
    assert "      license: unknown" in (model / "osai.yaml").read_text()
    env = {"COLUMNS": "300"}  # each action on one line
    text = run_osai("check", str(model), "--require", "osaid", env=env).stdout
    actions = text.split("\nActions", 1)[1].split("\n\n", 1)[0].splitlines()[1:]
    assert "  declare  Training code: licence unknown — for OSAID" in actions, actions
    assert not [line for line in actions if line.startswith("  review ")], actions
    assert "cannot judge" not in text and "osai licenses show unknown" not in text
    report = run_osai("check", str(model), "-f", "osaid", "--format", "json").stdout
    (framework,) = json.loads(report)["targets"][0]["frameworks"]
    whys = {r["id"]: r["why_unknown"] for r in framework["requirements"]}
    assert whys["OSAID-CODE-TRAINING"] == "licence-unknown"


_UNSEEN_WEIGHTS = """\
framework:
  name: 'Model Openness Framework'
  version: '1.0'
  date: '2024-12-15'
release:
  name: Acme
  version: 1B
  date: '2025-01-01'
  producer: Acme
  unlisted_components: unknown
  license:
    distribution:
      name: '{licence}'
  components:
    - name: 'Training code'
      license: MIT
"""


def test_an_unseen_component_under_a_licence_osai_cannot_judge_asks_for_more_than_release(
    tmp_path: Path,
) -> None:
    """Weights not declared, under a distribution licence that would cover them: under
    Apache-2.0, saying they are released settles it ("whether it is released").  Under a state
    naming no licence (`unknown`) or a licence osai cannot judge (a custom LicenseRef), the action
    asked the same, though declaring them released would still leave them unknown."""
    said = {}
    for licence in ("Apache-2.0", "unknown", "LicenseRef-acme-1.0"):
        manifest = tmp_path / f"{licence}.yml"
        manifest.write_text(_UNSEEN_WEIGHTS.format(licence=licence))
        text = run_osai("check", str(manifest), "-f", "osaid", env={"COLUMNS": "300"}).stdout
        actions = text.split("\nActions", 1)[1].split("\n\n", 1)[0].splitlines()[1:]
        said[licence] = [line for line in actions if "Model parameters (Final)" in line]
        report = run_osai("check", str(manifest), "-f", "osaid", "--format", "json").stdout
        (framework,) = json.loads(report)["targets"][0]["frameworks"]
        weights = {r["id"]: r for r in framework["requirements"]}["OSAID-PARAMETERS"]
        assert (weights["status"], weights["why_unknown"]) == ("unknown", "no-evidence")
    assert said["Apache-2.0"] == [
        "  declare  Model parameters (Final): whether they are released — for OSAID"
    ]
    (unknown,) = said["unknown"]
    assert ": whether they are released, and under which licence — for" in unknown, unknown
    assert said["LicenseRef-acme-1.0"] == [
        "  declare  Model parameters (Final): whether they are released; if they are, under "
        "LicenseRef-acme-1.0, whose terms osai cannot judge: read them (a waiver records your "
        "reading) — for OSAID"
    ]


def test_the_json_report_says_why_an_unseen_component_s_licence_leaves_it_unknown(
    tmp_path: Path,
) -> None:
    """Weights not declared: under Apache-2.0, declaring them released settles OSAID; under a
    state naming no licence, or a licence osai cannot judge, it would not.  The text's action
    said which from the typed licence_why_unknown, which the JSON report did not give."""
    whys = {}
    for licence in ("Apache-2.0", "unknown", "LicenseRef-acme-1.0"):
        manifest = tmp_path / f"{licence}.yml"
        manifest.write_text(_UNSEEN_WEIGHTS.format(licence=licence))
        report = run_osai("check", str(manifest), "-f", "osaid", "--format", "json").stdout
        document = json.loads(report)
        assert list(instance_errors("report", document)) == []
        (framework,) = document["targets"][0]["frameworks"]
        weights = {r["id"]: r for r in framework["requirements"]}["OSAID-PARAMETERS"]
        whys[licence] = weights["licence_why_unknown"]
    assert whys == {
        "Apache-2.0": None,
        "unknown": "licence-unknown",
        "LicenseRef-acme-1.0": "licence-unjudged",
    }


def test_an_unseen_component_asks_what_settles_it_for_every_framework_it_is_for(
    tmp_path: Path,
) -> None:
    """Weights not declared, under FreeBSD-DOC: OSAID accepts it (declaring them released
    settles OSAID), the EU AI Act neither accepts nor refuses it (osai cannot judge its terms).
    The one action for both took the first framework's words: with OSAID first, the EU AI Act
    was asked only "whether it is released", which leaves it unknown."""
    manifest = tmp_path / "acme.yml"
    manifest.write_text(_UNSEEN_WEIGHTS.format(licence="FreeBSD-DOC"))
    for order in (("osaid", "eu-ai-act"), ("eu-ai-act", "osaid")):
        frameworks = [arg for framework in order for arg in ("-f", framework)]
        text = run_osai("check", str(manifest), *frameworks, env={"COLUMNS": "300"}).stdout
        actions = text.split("\nActions", 1)[1].split("\n\n", 1)[0].splitlines()[1:]
        (weights,) = [line for line in actions if "Model parameters (Final):" in line]
        assert weights.startswith(
            "  declare  Model parameters (Final): whether they are released; if they are, under "
            "FreeBSD-DOC, whose terms osai cannot judge: read them (a waiver records your "
            "reading) — for "
        ), (order, weights)


_WEIGHTS_ONLY = """\
framework: {name: Model Openness Framework, version: '1.0', date: '2024-12-15'}
release:
  name: Weights only
  unlisted_components: unknown
  license: {distribution: {name: Apache-2.0}}
  components:
    - name: Model parameters (Final)
"""


def test_a_fact_or_a_component_any_one_of_which_would_do_is_one_step_saying_both(
    tmp_path: Path,
) -> None:
    """OSAID's data description is met by the description stated or a data card, its public
    sources by their listing or the datasets, the AI Act's architecture by the architecture or
    a description of it.  With a manifest listing only its weights, the actions asked "declare
    release.data_information: training_data_description, public_data_sources, …: not stated",
    never saying that publishing the data card or the datasets would do as well.  Its other
    components' presence unknown (`unlisted_components: unknown`, as `osai init` drafts), the
    other route is to declare one released, not "publish the Data card": it may be."""
    manifest = tmp_path / "weights.yml"
    manifest.write_text(_WEIGHTS_ONLY, encoding="utf-8")
    text = run_osai(
        "check", str(manifest), "-f", "osaid", "-f", "eu-ai-act", "-v", env={"COLUMNS": "80"}
    ).stdout
    assert max(map(len, text.splitlines())) <= 80, text
    said = actions_said(text)
    assert (
        "declare release.data_information.training_data_description, or the Data card released;"
        " release.data_information.public_data_sources, or the Datasets released: neither shown"
        " — for OSAID"
    ) in said, said
    assert (
        "declare release.declarations.architecture_description, or the Model architecture"
        " released: neither shown"
    ) in said, said
    assert "publish" not in said, said
    # a manifest whose unlisted components are not released (the MOF's reading): publish them
    manifest.write_text(_WEIGHTS_ONLY.replace("  unlisted_components: unknown\n", ""), "utf-8")
    text = run_osai("check", str(manifest), "-f", "osaid", "-v").stdout
    assert (
        "declare release.data_information.training_data_description, or publish the Data card;"
    ) in actions_said(text)
    # the facts only stating settles stay a step of their own
    assert (
        "declare release.data_information: third_party_data_sources and"
        " unshareable_data_description: not stated"
    ) in said, said
    assert said.count("training_data_description") == 1, said


def test_on_a_hub_model_either_route_is_its_publisher_s_to_take(
    linked_world: LoopbackHub,
) -> None:
    """On someone else's release the step names the fact in words and declares nothing."""
    text = run_osai("check", "mistralai/Mistral-7B-v0.1", "-v", env={"COLUMNS": "80"}).stdout
    said = actions_said(text)
    assert (
        "document Complete description of all training data, or publish the Data card;"
        " Publicly available training data, and where to obtain it, or publish the Datasets:"
        " neither shown — for OSAID"
    ) in said, said
    assert "declare" not in said and "release.data_information" not in said, said
