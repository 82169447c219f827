"""Markdown for a pull-request comment or `$GITHUB_STEP_SUMMARY`.

First an overview: one row per target with each framework's outcome and the gate, and the
targets that could not be checked, with why.  Then per target, folded in `<details>`: the
verdicts with their reasons (the text report's headline), the required policies, the actions,
the components (for a few targets), the differences and the findings.  A reader cannot run -v:
a few targets get every action, more get three and the rest folded, and of the required
policies those NOT PROVEN, with any FAIL beside them (a verdict says why a gate fails, not
what a gate on inferred evidence waits for).  A pull-request comment
holds 65,536 characters: when the whole report would not fit, the per-target detail is
shortened (the actions past three counted, with what they are for), then cut to the verdicts
with their reasons, then given for as many targets as fit (those the gate fails first), and the
report says for how many it is left out and where to read it.  The overview is always whole,
the targets not checked with it (each with its first problem where all would not fit).

Everything quoted from a release (a model card's sentence, a licence string, a target's name) is
data, never Markdown: osai.formatters.escaping is where it is escaped (`text` for prose, `code`
for code spans).  Only this module's own markup (`**PASS**`, code spans, tables) is Markdown.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet

from osai.assessment import NOT_IN_SCOPE, Assessment, FrameworkAssessment, Status, noted
from osai.formatters.actions import (
    Action,
    action_said,
    needs_of,
    needs_said,
    report_actions,
)
from osai.formatters.differences import differences_by_pair
from osai.formatters.escaping import html_text, markdown_cell, markdown_code, markdown_text
from osai.formatters.findings import (
    EXIT_ZERO_SAID,
    Doc,
    Shorts,
    component_requirement,
    data_credits,
    deciding_conflicts,
    gate_rank,
    gate_tally,
    licence_cell,
    link_answer,
    link_kind,
    said_beside_grades,
    shared_words,
    short_names,
    stand_in_words,
    status_marked,
    unsettled_why,
    waived_word,
)
from osai.formatters.headline import FrameworkHeadline, headline
from osai.formatters.json_report import report_document
from osai.formatters.settle import definite_hints, policy_said, reasons_said
from osai.formatters.text_evidence import how_we_know
from osai.formatters.text_graded import agreement_word, related_said
from osai.formatters.text_summary import (
    credits_said,
    gate_cell,
    gate_counts,
    outcome_cell,
    unread_said,
)
from osai.report import Report, error_subject, fail_on_unknown_named, policy_named, worst_gate
from osai.textsafe import counted

STATUS_MARK = {"met": "✅", "unmet": "❌", "unknown": "❔", "waived": "⚪"}
PRESENCE_MARK = {"present": "✅", "absent": "❌", "unknown": "❔"}
GATE_MARK = {
    "PASS": "✅",
    "PASS (waived)": "⚪",
    "NOT COMPARED": "⚪",
    "FAIL": "❌",
    "NOT PROVEN": "❔",
}
# What GitHub takes in one pull-request comment: "Body is too long (maximum is 65536 characters)".
# Measured in code points (len): those who probed it found the comment limit enforced on 262,144
# UTF-8 bytes (dead-claudia/github-limits#13), which 65,536 code points of at most 4 bytes never
# exceed, so the budget holds whichever the server counts.
COMMENT_LIMIT = 65_536
COMPONENTS_UP_TO = 5  # targets for which the components table is given
BRIEF_ACTIONS = 3  # with many targets


def render_markdown(report: Report) -> str:
    document = report_document(report)
    head = _head(document, report, first_problems=False)
    if len(_without_detail(report, document, head)) > COMMENT_LIMIT:
        # the targets not checked, one line a problem, leave no room even for the note that
        # every target's detail is left out: each says its first
        head = _head(document, report, first_problems=True)
    many = len(report.assessments) > COMPONENTS_UP_TO
    details: list[str] = []
    for level in ("brief" if many else "full", "brief", "counted", "verdicts"):
        details = _every_detail(report, document, level)
        rendered = _joined([*head, *details])
        if len(rendered) <= COMMENT_LIMIT:
            return rendered
    return _detail_that_fits(report, document, head, details)


def _head(document: Doc, report: Report, *, first_problems: bool) -> list[str]:
    """What the run answers first: its verdict, each target's, and the targets it could not
    check (the reason the run failed, which came last, after every target's detail)."""
    return [
        _summary(document, report),
        _overview(report),
        *_error_blocks(document["errors"], first_problems),
        _warnings_block(report),
        _interpretations(report),
        _credits(report),
    ]


def _credits(report: Report) -> str:
    """The public databases the verdicts rest on, credited once for the run, in the head that
    is always whole: a CC-BY-4.0 index's attribution must be wherever its data is used, and
    the detail that carried it (each target's notes) is the first thing cut for room."""
    credits = data_credits(report)
    return credits_said(credits, text, code) if credits else ""


def _every_detail(report: Report, document: Doc, detail: str) -> list[str]:
    """Each target's <details>, in the overview's order."""
    shorts = short_names(report)
    names = dict(report.info.component_names)
    by_target = {a.release.target: a for a in report.assessments}
    headed = _headings(document["targets"])
    return [
        _details(
            report,
            by_target[target["target"]],
            target,
            shorts,
            names,
            detail,
            heading,
        )
        for target, heading in zip(document["targets"], headed, strict=True)
    ]


def _headings(targets: Sequence[Doc]) -> list[str]:
    """Each target's detail headed by its release's name, and by the target too when another
    target of the run has that name: two copies of one manifest (a model in two folders) were
    folded under one heading twice, the reader left to guess which was which."""
    named = Counter(str(target["name"]) for target in targets)
    return [
        str(target["name"])
        if named[str(target["name"])] == 1
        else f"{target['name']} ({target['target']})"
        for target in targets
    ]


def _without_detail(report: Report, document: Doc, head: list[str]) -> str:
    """The report with every target's detail left out, and the note that says so."""
    targets = document["targets"]
    note = _left_out_note(targets, _worst_gates(targets), [], report.gated)
    return _joined([*head, note])


def _worst_gates(targets: Sequence[Doc]) -> list[str]:
    """Each target's gate as the document gives it (Report.target_gate; PASS in a run with no
    gate, as worst_gate says of no verdict): worked out again here from its policies, the two
    could drift."""
    return [str(target["gate"] or worst_gate(())) for target in targets]


def _detail_that_fits(
    report: Report, document: Doc, head: list[str], details: Sequence[str]
) -> str:
    """The detail of as many targets as fit one comment, the ones the gate fails first (then in
    the overview's order, which the blocks keep), and a note of the targets left out.  Leaving
    every target's detail out as soon as one did not fit gave 75 targets their detail and 80 none.
    The overview stays whole even when it alone would not fit."""
    targets = document["targets"]
    gates = _worst_gates(targets)
    order = sorted(range(len(targets)), key=lambda index: (gate_rank(gates[index]), index))
    kept: list[int] = []
    for index in order:
        tried = sorted([*kept, index])
        note = _left_out_note(targets, gates, tried, report.gated)
        if len(_joined([*head, *(details[i] for i in tried), note])) > COMMENT_LIMIT:
            break
        kept = tried
    note = _left_out_note(targets, gates, kept, report.gated)
    return _joined([*head, *(details[i] for i in kept), note])


def _left_out_note(
    targets: Sequence[Doc], gates: Sequence[str], kept: Sequence[int], gated: bool
) -> str:
    """How many targets' detail is left out, which, and where to read it (`gates`: each
    target's worst gate verdict)."""
    shown = set(kept)
    left = [index for index in range(len(targets)) if index not in shown]
    if not left:
        return ""
    if gated:
        said = ", ".join(gate_tally(gates[index] for index in left))
        which = f" (gate: {said}; the targets the gate fails come first)"
    elif kept:
        which = f", the last in the overview, from {code(str(targets[left[0]]['target']))} on"
    else:
        which = ""
    return (
        f"_Detail left out for {len(left)} of {len(targets)} targets{which}: a pull-request "
        f"comment holds {COMMENT_LIMIT:,} characters. `osai check -v` gives every target's "
        "detail; the JSON report (`-o json=osai.json`) every verdict with its reason._"
    )


def _joined(blocks: Iterable[str]) -> str:
    return "\n\n".join(block for block in blocks if block) + "\n"


def _summary(document: Doc, report: Report) -> str:
    errors = document["errors"]
    count = len(document["targets"])  # a target that could not be checked was not checked
    line = f"# osai openness report\n\n{count} target{'s' if count != 1 else ''} checked"
    if errors:  # one a problem: a target with two is one target not checked
        line += f" · {len({error['target'] for error in errors})} could not be checked"
    gate = document["gate"]  # the run's, counted once (Report.run_gate)
    counts = gate_counts(report) if gate is not None else []
    if counts:
        # which: "3 FAIL" of a run of many targets did not say what they failed
        settings = ", ".join(code(setting) for setting in report.gate_settings())
        line += f" · gate ({settings}): {', '.join(counts)}"
    if gate is not None and gate["unsettled"]:
        many = "s" if gate["unsettled"] != 1 else ""
        # "not proven", the verdict's word in every format: one resting on evidence below
        # --min-certainty is definite
        named = fail_on_unknown_named(report.fail_on_unknown_at)
        line += f" · {named}: {gate['unsettled']} verdict{many} not proven"
    if errors:  # the run failed (exit 2 or 3) whatever the verdicts of the others
        line += " — **ERROR**"
    elif gate is not None:
        # whole: "PASS (waived)", as the overview's row, JSON and standard error say it
        line += f" — **{gate['verdict']}**"
        # a step that passed beside FAIL: the comment's reader does not see the flag
        line += f" ({code(EXIT_ZERO_SAID)})" if gate["exit_forced_zero"] else ""
    return line + "." + _baseline_said(report)


def _baseline_said(report: Report) -> str:
    """--baseline's line, its own paragraph under the summary: FAIL and what got worse, or
    PASS and how much got better, as the text report's gate line says it."""
    if report.baseline is None:
        return ""
    return f"\n\n**{report.baseline.verdict}** {text(report.baseline.said)}"


def _overview(report: Report) -> str:
    """One row per target: each framework's outcome, and the gate."""
    columns: dict[str, str] = {}
    for assessment in report.assessments:
        for judged in assessment.frameworks:
            # whose verdict the column holds ("EOSAI (osai's grading)"): a score read as the index's
            columns.setdefault(
                judged.framework_id, noted(judged.short_in_mode, judged.outcome_note)
            )
    gated = report.gated
    headers = ["Target", *(text(short) for short in columns.values()), *(["Gate"] if gated else [])]
    rows = []
    for assessment in report.assessments:
        # a conflict that decides something in the row, where a reader who unfolds nothing
        # sees it
        conflicts = len(deciding_conflicts(assessment))
        marked = f" · ⚠ {counted(conflicts, 'conflict')}" if conflicts else ""
        row = [code(assessment.release.target) + marked]
        for framework_id in columns:
            found = assessment.framework(framework_id)
            row.append(text(outcome_cell(found).text) if found is not None else "—")
        if gated:
            verdict = gate_cell(report.gate_verdicts(assessment.release.target)).text
            row.append(f"{GATE_MARK.get(verdict, '')} **{verdict}**")
        rows.append(row)
    return table(headers, rows) if rows else ""


def _details(
    report: Report,
    assessment: Assessment,
    target: Doc,
    shorts: Shorts,
    names: Mapping[str, str],
    detail: str,
    heading: str,
) -> str:
    facts = {fact: title for fact, title, _ in report.info.fact_names}
    said = reasons_said(assessment, report.info.fact_names)  # as the other reports say them
    answer = headline(assessment, report.licences, names, facts)
    # Each framework by its short name, as the table above names it ("EU AI Act"): the first
    # word of its name and version read "EU ✘ not exempt"
    judged = zip(assessment.frameworks, answer.frameworks, strict=True)
    outcomes = " · ".join(f"{f.short_in_mode} {line.mark} {line.brief}" for f, line in judged)
    summary = html_text(f"{heading} — {outcomes}")
    # what says the target is not the one meant (a Hugging Face cache folder) before the
    # verdicts that rest on it (Finding.misdirected), and not again among the findings
    misdirected = [f for f in assessment.findings if f.misdirected]
    # a conflict that decides something (a fine-tune declaring Apache-2.0 whose base model
    # binds it to Llama 2's licence) and a file not read (a gated card, whence the unknowns)
    # change how the verdicts read: said before them, at every level of detail, where they
    # were the last notes of the findings, cut first for room.  A listing outvoted by the
    # release's own word stays among the findings.
    leading = [*misdirected, *deciding_conflicts(assessment)]
    parts = [
        *(text(f"{f.kind.value}: {f.message}") for f in leading),
        *(text(f"not read: {said}") for said in unread_said(assessment)),
        _bullets("", (_verdict_item(line) for line in answer.frameworks)),
    ]
    if detail == "full":
        parts += [
            _where(target),
            text(answer.settle) if answer.settle else "",
            *(text(hint) for hint in definite_hints(report, assessment, names)),
            _policy_table(target),
            _waivers_block(assessment, said, report.accepted_by_waiver(assessment.release.target)),
            _actions_block(report, assessment, None),
            _bullets("Sources of the verdicts", _outcome_sources(target, assessment)),
            *(_grades_block(framework, said, assessment) for framework in target["frameworks"]),
            _component_table(assessment, target, shorts, names, report.licence_readings),
            _links_block(assessment, report.licence_readings),
            *(
                _bullets(title, (text(d.message) for d in differences))
                for title, differences in differences_by_pair(assessment)
            ),
        ]
    elif detail in ("brief", "counted"):
        # the verdicts say why a level is not reached (a gate's FAIL), not why a gate on one
        # reached only on inferred evidence is NOT PROVEN, nor what to declare: the gate's
        # NOT PROVEN lines say it, and the FAILs beside them
        parts.append(_policy_table(target, brief=True))
        parts.append(
            _waivers_block(assessment, said, report.accepted_by_waiver(assessment.release.target))
        )
        parts.append(_actions_block(report, assessment, BRIEF_ACTIONS, detail == "brief"))
    # the full detail shows each published assessment's grades, headed by how it matched
    beside = [f["reference"]["how_matched"] for f in target["frameworks"] if f.get("reference")]
    shown = beside if detail == "full" else []
    findings = (
        f"{text(f['kind'])}: {text(f['message'])}"
        for f in target["findings"]
        if not said_beside_grades(f["message"], shown)
        and f["message"] not in {m.message for m in leading}
    )
    parts.append(_bullets("Findings", findings) if detail != "verdicts" else "")
    body = "\n\n".join(part for part in parts if part)
    return f"<details><summary>{summary}</summary>\n\n{body}\n\n</details>"


def _interpretations(report: Report) -> str:
    """Where the verdicts rest on osai's reading of a framework (OSAID's "OSI-approved terms",
    which OSI has not listed), as the terminal's notes say it, in full (a pull request's reader
    has no -v), once for the run, under the verdicts and the targets not checked: the comment
    gave OSAID's verdicts without a word that they rest on one."""
    said = dict.fromkeys(
        f"{judged.short_name}: {title} — {words}"
        for assessment in report.assessments
        for judged in assessment.frameworks
        for title, _, words in (i.partition(": ") for i in judged.interpretations)
    )
    return "\n\n".join(text(line) for line in said)


def _waivers_block(
    assessment: Assessment, reasons: Mapping[tuple[str, str], str], accepted: Collection[str]
) -> str:
    """Each waived requirement, what the evidence shows, and the waiver's reason and approver,
    in the words of -v, SARIF and GitHub ("… not released (waived: REASON — approved by X)";
    `reasons`: settle.reasons_said; `accepted`: those met on weaker evidence than asked that a
    waiver let the gate take, Report.accepted_by_waiver).  A pull request's reader saw "PASS
    (waived)" and "waived: Evaluation data", and not why."""
    items = (
        f"{STATUS_MARK['waived']} {code(result.requirement_id)} "
        f"{text(reasons[(judged.framework_id, result.requirement_id)])} "
        f"{text(f'({word}: {result.waiver.said})')}"
        for judged in assessment.frameworks
        for result in judged.results
        if result.waiver is not None and (word := waived_word(result, accepted))
    )
    return _bullets("Waivers", items)


def _verdict_item(line: FrameworkHeadline) -> str:
    standing = "".join(f" · {text(str(owed))}" for owed in line.standing)
    return f"{line.mark} **{text(line.name)}** {text(line.said)}{standing}"


def _actions_block(
    report: Report,
    assessment: Assessment,
    most: int | None,
    fold: bool = True,
) -> str:
    """The first `most` actions (None: all); the rest folded in a <details> of their own, or
    (not `fold`: where room is short) counted, with what they are for.  A reader of a pull
    request cannot run -v: "Actions (5 of 7)" with no way to the other two left them out."""
    found = report_actions(report, assessment)
    shown = found[:most]
    left = found[len(shown) :]
    if not left:
        return _bullets("Actions", map(_action_item, shown))
    needs = needs_said(needs_of(left))
    rest = f"{len(left)} more for {needs}"
    if not fold:
        said = (
            f"Actions ({len(shown)} of {len(found)}; {text(rest)}; {code('osai check -v')} for all)"
        )
        return _bullets(said, map(_action_item, shown))
    folded = _bullets("", map(_action_item, left))
    return (
        f"{_bullets('Actions', map(_action_item, shown))}\n\n"
        f"<details><summary>{html_text(rest)}</summary>\n\n{folded}\n\n</details>"
    )


def _action_item(action: Action) -> str:
    return f"**{action.kind}** {text(action_said(action))}"


def _where(target: Doc) -> str:
    revision = f" @ {code(target['revision'][:7])}" if target.get("revision") else ""
    moved = f", moved to {code(target['moved_to'])}" if target.get("moved_to") else ""
    # as the text heading says it: what the manifest declares is the checker's, not the host's
    given = target.get("given_manifest")
    given_said = f" + --manifest {code(given)}" if given else ""
    return f"{text(target['source'])}: {code(target['target'])}{revision}{moved}{given_said}"


def _outcome_sources(target: Doc, assessment: Assessment) -> Iterator[str]:
    """Each verdict's source: the requirements unmet that keep the next level back, each by
    its source and id, where some are ("not exempt, unmet: Guidelines C(2025) 5045 para 83
    (EUAIA-LICENCE-NO-DISQUALIFYING-TERMS)"), else the outcome's own citation.  The EU AI
    Act's "not exempt" cited "paras 76-91" whatever failed."""
    for framework in target["frameworks"]:
        judged = assessment.framework(str(framework["id"]))
        citation = framework.get("outcome_citation")
        unmet = _unmet_sources(judged) if judged is not None else {}
        if judged is not None and unmet:
            cited = "; ".join(f"{ref} ({', '.join(ids)})" for ref, ids in unmet.items())
            said = f"{_not_reached(judged)}, unmet: {cited}"
            yield f"{text(framework['name'])}: {text(said)}"
        elif citation is not None:
            yield f"{text(framework['name'])}: {text(citation['ref'])}"


def _not_reached(judged: FrameworkAssessment) -> str:
    """The outcome, then the levels its unmet requirements keep back where one is reached:
    "Class III, unmet: MOF 1.0, Class II, ..." read as if Class III had an unmet requirement."""
    if not judged.best_level_proven:
        return judged.brief_label  # "not exempt", "Class III not demonstrated": the level itself
    levels = dict.fromkeys(
        judged.level_label(result.level)
        for result in judged.blocking()
        if result.status is Status.UNMET
    )
    return f"{judged.brief_label}; {' and '.join(levels)} not reached"


def _unmet_sources(judged: FrameworkAssessment) -> dict[str, list[str]]:
    """The sources of the requirements unmet that block the next level of a framework of
    levels (waived ones are not unmet), each with the ids it is the source of, in order."""
    if judged.kind != "levels":
        return {}  # a graded framework's grades say their own sources, in its grades block
    found: dict[str, list[str]] = {}
    for result in judged.blocking():
        if result.status is Status.UNMET:
            found.setdefault(result.citation.ref, []).append(result.requirement_id)
    return found


def grade_names(assessment: Assessment, framework: Doc) -> Callable[[str], str]:
    """Grade id → its name in the rule file, which the report shows (the JSON keeps the id)."""
    judged = assessment.framework(str(framework["id"]))
    return judged.grade_name if judged is not None else lambda grade: grade


def grade_cell(requirement: Doc, named: Callable[[str], str]) -> str:
    grade = requirement.get("grade") or {}
    if grade.get("grade"):
        return text(named(grade["grade"]))
    if grade.get("at_least"):
        return text(f"≥{named(grade['at_least'])}")
    return "❔"


def _grades_block(
    framework: Doc, reasons: Mapping[tuple[str, str], str], assessment: Assessment
) -> str:
    """A graded framework: every requirement's grade and its reason in words (`reasons`:
    settle.reasons_said), then a published assessment's beside."""
    if framework.get("kind") != "graded" or framework["outcome"] == NOT_IN_SCOPE:
        return ""  # out of its scope, nothing is graded: a table of headings alone said nothing
    named = grade_names(assessment, framework)
    rows = [
        [
            text(r["title"]),
            grade_cell(r, named),
            text(reasons[(str(framework["id"]), str(r["id"]))]),
        ]
        for r in framework["requirements"]
    ]
    body = table(["Requirement", "Grade", "Why"], rows)
    reference = framework.get("reference")
    if reference is not None:
        titles = {r["id"]: r["title"] for r in framework["requirements"]}
        body += "\n\n" + _reference_table(reference, titles, named)
    title = html_text(f"{framework['name']}: grades")
    return f"<details><summary>{title}</summary>\n\n{body}\n\n</details>"


def _reference_table(reference: Doc, titles: Mapping[str, str], named: Callable[[str], str]) -> str:
    """Each parameter named by the title of the requirement grading it (`titles`), as the grades
    above name it, and each grade by its name (`named`); how the entry was matched names the
    entry."""
    score = reference["reference_score"]
    scored = f"; its score {score:.2f}" if score is not None else ""
    matched = text(reference["how_matched"])
    # a relative's grades are shown, never compared nor taken as evidence: said as -v says it
    about = related_said(reference["about_this_repository"])
    head = f"Beside {text(reference['source'] + about)}: {matched}{scored}"
    rows = []
    for grade in reference["grades"]:
        osai = named(grade["osai"]) or (
            f"≥{named(grade['osai_at_least'])}" if grade["osai_at_least"] else "?"
        )
        agreement = agreement_word(grade["steps_apart"], applies=grade["applies"])
        name = text(titles.get(grade["requirement"], grade["parameter"]))
        row = [name, text(osai), text(named(grade["reference"]) or "n/a"), agreement]
        rows.append(row)
    cited = reference.get("attribution") or ""
    source = f"\n\nSource of the experts' grades: {text(cited)}" if cited else ""
    return head + "\n\n" + table(["Parameter", "osai", "Experts", "Agreement"], rows) + source


def _policy_table(target: Doc, *, brief: bool = False) -> str:
    """The required policies on this target, each with its verdict and why (`brief`: where room
    is short, only where one is NOT PROVEN, as --fail-on-unknown's rows all are, and then those
    that failed beside it: the table of those not proven left a FAIL out of a target's detail,
    as if it had passed)."""
    policies = target["policies"]
    if brief:
        unproven = any(p["verdict"] == "NOT PROVEN" for p in policies) or bool(target["unsettled"])
        policies = [p for p in policies if unproven and p["verdict"] in ("FAIL", "NOT PROVEN")]
    if not policies and not target["unsettled"]:
        return ""
    rows = [
        [
            code(policy_named(p["require"], p["written_at"])),
            f"{GATE_MARK[p['verdict']]} **{p['verdict']}**",
            # what keeps it back is the headline's, above the table
            text(policy_said(p, target, blockers=False)),
        ]
        for p in policies
    ]
    rows += [
        [
            code(fail_on_unknown_named(u["written_at"])),
            f"{GATE_MARK[u['verdict']]} **{u['verdict']}**",
            text(unsettled_why(u)),
        ]
        for u in target["unsettled"]
    ]
    heading = "Required policies not passed" if brief else "Required policies"
    return f"#### {heading}\n\n" + table(["Policy", "Result", "Why"], rows)


def _component_table(
    assessment: Assessment,
    target: Doc,
    shorts: Shorts,
    names: Mapping[str, str],
    readings: Mapping[str, str],
) -> str:
    """Each component: found, its licence, each framework's verdict, and how osai knows (the
    text report's evidence column: a verdict names its evidence in every format)."""
    frameworks = target["frameworks"]
    short = {fid: levels.get("", fid) for fid, levels in shorts.items()}
    headers = [
        "Component",
        "Found",
        "Licence",
        *(text(short.get(f["id"], f["id"])) for f in frameworks),
        "How we know",
    ]
    rows = []
    for component in target["components"]:
        judged = [
            _component_verdict(f, component["id"], shorts, names, grade_names(assessment, f))
            for f in frameworks
        ]
        if component["presence"] == "unknown" and all(cell_ == "—" for cell_ in judged):
            continue
        licence = component["licence"]["text"] if component["licence"] else None
        present = component["presence"] == "present"
        rows.append(
            [
                text(names.get(component["id"], component["id"])),
                PRESENCE_MARK[component["presence"]],
                text(licence_cell(licence, present, readings)),
                *judged,
                text(
                    how_we_know(assessment.release.component(component["id"]), assessment.release)
                ),
            ]
        )
    body = table(headers, rows)
    return f"<details><summary>Components</summary>\n\n{body}\n\n</details>"


def _links_block(assessment: Assessment, readings: Mapping[str, str]) -> str:
    """The links followed (the text report's "Links followed"): each one's URL and answer, in
    the report's words (link_answer)."""
    items = []
    for link in assessment.release.links:
        mark = "✅" if link.read and link.found else "❌"
        cached = f" · {link.cached.describe()}" if link.cached is not None else ""
        answer = link_answer(link, readings)
        items.append(f"{mark} {text(link_kind(link))}: {code(link.url)} — {text(answer + cached)}")
    return _bullets("Links followed", items)


def _component_verdict(
    framework: Doc,
    component_id: str,
    shorts: Shorts,
    names: Mapping[str, str],
    graded: Callable[[str], str],
) -> str:
    """`graded`: grade id → name, for a graded framework's cell."""
    requirements = framework["requirements"]
    chosen = component_requirement(
        ((r["direct_component"], r["components"], r["status"], r["decides"]) for r in requirements),
        component_id,
        graded=framework.get("kind") == "graded",
    )
    if chosen is None:
        return "—"
    requirement, own = requirements[chosen[0]], chosen[1]
    if requirement.get("grade"):
        return grade_cell(requirement, graded)
    levels = shorts.get(framework["id"], {})
    # A level named where two decide or more, as the text report's evidence names it
    standing = {r["level"] for r in requirements if not r["decides"]}
    deciding = [level for level in levels if level and level not in standing]
    level = f" {text(levels.get(requirement['level'], ''))}" if len(deciding) > 1 else ""
    met_by = requirement.get("met_by") or ()
    shared = "" if own else f" ({text(shared_words(component_id, met_by, names))})"
    optional = ("" if requirement["required"] else " (optional)") + shared
    via = stand_in_words(requirement.get("substituted_by") or "", names)
    stand_in = f" {text(via)}" if via else ""
    said = f"{level}{optional}{stand_in}"
    if not status_marked(bool(requirement["required"]), str(requirement["status"])):
        return said.strip()
    return f"{STATUS_MARK[requirement['status']]}{said}"


def _bullets(title: str, items: Iterable[str]) -> str:
    """A list of Markdown items (each already escaped: see `text`), under a heading if titled."""
    lines = [f"- {item}" for item in items]
    if not lines:
        return ""
    heading = f"#### {title}\n\n" if title else ""
    return heading + "\n".join(lines)


def _error_item(target: str, message: str) -> str:
    """The target in code, named once: "`x.yml`:12: ..." or "`org/name`: why"."""
    if not target.strip():
        return f"- {text(message)}"
    named = error_subject(target, message)
    if named:
        return f"- {code(named)}{text(message[len(named) :])}"
    return f"- {code(target)}: {text(message)}"


def _error_blocks(errors: Sequence[Doc], first_problems: bool = False) -> list[str]:
    """Every problem, one a line; or (`first_problems`: where they would not fit a comment)
    each target's first, every target still named: 50 manifests of 21 problems each made a
    comment of 309,347 characters, which GitHub refused whole."""
    if not errors:
        return []
    if not first_problems:
        lines = [_error_item(str(error["target"]), str(error["message"])) for error in errors]
        return ["## Could not be checked\n\n" + "\n".join(lines)]
    problems: dict[str, list[str]] = {}
    for error in errors:
        problems.setdefault(str(error["target"]), []).append(str(error["message"]))
    lines = [
        _error_item(target, said[0])
        + (f" {text('(the first of its problems)')}" if said[1:] else "")
        for target, said in problems.items()
    ]
    note = (
        f"_Each target's first problem: a pull-request comment holds {COMMENT_LIMIT:,} "
        "characters. Standard error and the JSON report (`-o json=osai.json`) list the others._"
    )
    return ["## Could not be checked\n\n" + "\n".join(lines) + "\n\n" + note]


WARNINGS_SHOWN = 10  # a run's warnings in a comment, at most: 50 targets must still fit one


def _warnings_block(report: Report) -> str:
    """The run's warnings (a waiver matching no target, one expired or waiving nothing), which
    standard error says and a pull request's reader, who sees the comment and not the job's
    log, never read; not the verdicts --fail-on-unknown fails, which the gate above gives."""
    said = report.warnings_beside_gate()
    if not said:
        return ""
    items = [f"- {text(warning)}" for warning in said[:WARNINGS_SHOWN]]
    if len(said) > WARNINGS_SHOWN:
        items.append(f"- … and {len(said) - WARNINGS_SHOWN} more (the JSON report lists them)")
    return "## Warnings\n\n" + "\n".join(items)


def table(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    numeric: AbstractSet[int] = frozenset(),
) -> str:
    """A table of Markdown cells (each already escaped: see `text` and `code`).  The columns
    `numeric` (by index) align right, as numbers are read: down their right edge."""
    rule = ("---:" if index in numeric else "---" for index in range(len(headers)))
    lines = [_row(headers), "|" + "|".join(rule) + "|"]
    lines.extend(_row(row) for row in rows)
    return "\n".join(lines)


def _row(values: Sequence[str]) -> str:
    return "| " + " | ".join(_pipes_escaped(value) for value in values) + " |"


# --- quoting data: osai.formatters.escaping is the one place Markdown is escaped -------------

text = markdown_text
code = markdown_code


def cell(data: str) -> str:
    """Quoted data as the text of a cell of a table written by hand; `table` escapes its
    cells' pipes itself (a cell given to it escaped twice showed `a \\| b`)."""
    return markdown_cell(markdown_text(data))


def _pipes_escaped(markdown: str) -> str:
    return markdown_cell(markdown)
