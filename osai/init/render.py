"""A Release → the text of a draft manifest (osai's form, or a tool's model file).

The law the draft keeps (tests/test_init_law.py): `osai check DRAFT` reaches the verdict `osai
check SOURCE --no-public-assessments` reaches — every framework's outcome and every requirement's
status and certainty (what the release states, the reviewed draft declares: until its first line
is deleted, osai.sources.manifest reads it as detected).  So what the release states
is written as stated, what osai inferred is written and marked inferred (whatever its value: an
item not provided too), what the release says is not released is written as not released, and
everything unknown is a comment.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from pathlib import Path

from osai import __version__
from osai.errors import RulesError
from osai.evidence import Fact, Release
from osai.hubrefs import hub_organisation, named_hub_model
from osai.init.components import Form, component_entry, held_against
from osai.init.words import (
    PLACEHOLDER,
    asked,
    comment,
    described,
    explained,
    how,
    keyed,
    label,
    mapping,
    scalar,
    stated,
    wrapped,
)
from osai.links.plan import LinkKind
from osai.rules import ModelFile, RuleSet
from osai.schemas import load_schema
from osai.sources.manifest import DRAFT_MARK

HUB_URL = "https://huggingface.co/"


def render_draft(release: Release, rules: RuleSet, today: datetime.date, form: Form) -> str:
    model_file = model_file_of(rules)
    lines = [
        *_header(release, today, form),
        *_framework(model_file),
        "release:",
        *_identity(release, form),
        *_licence(release, form),
        *_fact_block(release, rules, form, "data_information"),
        *_fact_block(release, rules, form, "declarations"),
    ]
    bases = _bases_declared(release, rules, form)
    # osai's form writes the facts themselves (the blocks above), which hold them unknown there too
    against = held_against(release, rules) if not form.extensions else {}
    entries = [
        line
        for component in rules.components.values()
        for line in component_entry(
            component,
            release.component(component.id),
            form,
            bases=bases,
            against=against.get(component.id),
        )
    ]
    if form.extensions:
        lines.extend(
            explained(
                "  ",
                "unlisted_components: unknown",
                "a draft: delete once every released component is listed",
            )
        )
    if any(line.startswith("    - ") for line in entries):
        lines.append("  components:")
    else:
        lines.append("  components: []  # nothing detected: remove [] when you uncomment entries")
    return "\n".join([*lines, *entries]) + "\n"


def _bases_declared(release: Release, rules: RuleSet, form: Form) -> str:
    """What the draft's declarations.base_model does for a licence a base may bind: its check
    leaves that licence unknown until the base is read, which --follow does by its Hub id ("" when
    the draft declares no base model, and an `unless` must say it)."""
    fact = release.facts.get(rules.links.base_model_fact)
    if not form.extensions or fact is None or not fact.provided or not fact.value.strip():
        return ""
    if all(named_hub_model(base) for base in release.base_models):
        return "declarations.base_model names it, and osai check --follow reads its licence"
    # declaring its Hub id here does not settle it: the card's or adapter_config.json's name
    # stays a base osai cannot read, and --follow leaves it unread
    return "osai reads a base model by its Hub id only: name it by one where the release names it"


def model_file_of(rules: RuleSet) -> ModelFile:
    """The model-file format a framework declares (the MOF's): the format drafts are in."""
    formats = [f.model_file for f in rules.frameworks.values() if f.model_file is not None]
    if not formats:
        raise RulesError("no framework declares a model_file: osai init has no format to write")
    return formats[0]


def source_label(release: Release) -> str:
    """Where the draft comes from, in words (never `..`: a directory is named by its name)."""
    at = f" at revision {release.revision}" if release.revision else ""
    if release.source == "hub":
        return f"the Hugging Face Hub repository {release.target}{at}"
    if release.hub_id:  # a cache snapshot: its folder is a commit's hash
        return f"the Hugging Face cache snapshot of {release.hub_id}{at}"
    if release.source == "local" and not release.owned:  # a dataset's (or no Hub id's) snapshot
        return f"the Hugging Face cache snapshot of {release.name}{at}"
    if release.source == "local":
        named = Path(release.target).resolve()
        kind = "model directory" if named.is_dir() else "model card"
        return f"the {kind} '{named.name}'"
    return f"{release.source} {release.target}"


# --- sections ------------------------------------------------------------------------------


def _header(release: Release, today: datetime.date, form: Form) -> list[str]:
    kind = "osai manifest" if form.extensions else "model file"
    drafted = [
        # one line, however long the name: deleting it is what removes the draft's mark
        f"# {kind} for {comment(release.name)}, {DRAFT_MARK} (osai {__version__})",
        *wrapped("# ", f"on {today.isoformat()} from {comment(source_label(release))}.", "# "),
    ]
    if not form.extensions:
        return [
            *drafted,
            *wrapped(
                "# ",
                f"A Model Openness Framework model file for {form.tool_title}: its format only.",
                "# ",
            ),
            "# Uncommented values are what the release states; comments say how osai found",
            f"# them.  Each `{PLACEHOLDER.strip()}` line is a fact osai could not find.",
            "# In this format a component that is not listed counts as NOT RELEASED.  osai's",
            "# extensions (data information, evidence) are left as comments.",
        ]
    return [
        *drafted,
        "# A Model Openness Framework model file with osai's extensions",
        "# (data_information, declarations, unlisted_components; on components: released,",
        "# evidence, lists of files).",
        "#",
        "# Uncommented values are what the release states; comments say how osai found",
        "# them.  `certainty: inferred` marks what osai only inferred: confirm it (delete",
        f"# that mark) or correct it.  Each `{PLACEHOLDER.strip()}` line is a fact osai could not",
        "# find: declare it (uncomment and fill in) or leave it commented.  Nothing",
        "# commented counts.",
        "# While `unlisted_components: unknown` stays, a component that is not listed is",
        "# undeclared.  Once every released component is listed, delete that line: then,",
        "# as in every MOF model file, a required component that is not listed counts as",
        "# NOT RELEASED.",
        "# Until you delete this file's first line, osai reads what it declares as",
        "# detected: delete it once you have reviewed the draft, to make it your word.",
        "# Check it with: osai check <this file>",
    ]


def _framework(model_file: ModelFile) -> list[str]:
    return [
        "framework:",
        f"  name: {scalar(model_file.name)}",
        f"  version: '{model_file.version}'",
        f"  date: '{model_file.date}'",
    ]


def _identity(release: Release, form: Form) -> Iterator[str]:
    yield from keyed("  ", "name", scalar(release.name))
    if release.version:
        yield from keyed("  ", "version", scalar(release.version))
    else:
        yield f"  # version: {PLACEHOLDER}declare the release's version (e.g. 7B, v1.0)"
    yield f"  # date: {PLACEHOLDER}declare the release date (YYYY-MM-DD)"
    for key in ("type", "architecture", "treatment"):
        choices = ", ".join(value for value in _enum(key) if value)
        yield from wrapped(f"  # {key}: {PLACEHOLDER}", f"declare one of: {choices}", "  #   ")
    if release.producer:
        yield from _producer(release)
    elif form.extensions:
        yield f"  # producer: {PLACEHOLDER}declare who produced the model (organisation or person)"
    else:
        yield from asked(
            "  ",
            "producer: ''",
            f"required by {form.tool_title}'s schema",
            "declare who produced the model",
        )
    yield from _repository(release)
    if release.source == "hub":
        page = scalar(HUB_URL + release.target)
        yield from explained("  ", f"huggingface: {page}", "the Hub repository osai read")
    elif release.hub_id:
        page = scalar(HUB_URL + release.hub_id)
        yield from explained("  ", f"huggingface: {page}", "the Hub model its cache folder holds")
    else:
        yield f"  # huggingface: {PLACEHOLDER}declare the model's Hugging Face URL, if any"


def _producer(release: Release) -> list[str]:
    """The producer, and where it came from when it is the Hub account the model is under
    (`xai-org`, `meta-llama`): written bare, it read as what the release states, though it is
    an account's name, not always the producer's (a re-upload's account is not its maker)."""
    line = keyed("  ", "producer", scalar(release.producer))
    account = release.hub_id or (release.target if release.source == "hub" else "")
    if not account or "/" not in account or release.producer != hub_organisation(account):
        return line
    said = f"the Hub account of {account}: correct it if another produced the model"
    return explained("  ", line, said)


def _repository(release: Release) -> Iterator[str]:
    """The code repository asked for, with the producer's code the card links: which of them
    is the release's code is the publisher's word, so none is written in; but a manifest's
    `--follow` reads `release.repository` alone, and a draft naming none followed nothing."""
    linked = [
        link.url for link in release.links if link.kind == LinkKind.PRODUCER_CODE and link.found
    ]
    if linked:
        # above, at the key's column: uncommented with the URL filled in, a line below it
        # indented deeper would be read as more of the URL
        yield from wrapped("  # (the card links ", f"{', '.join(linked)})", "  # ")
    yield f"  # repository: {PLACEHOLDER}declare the URL of the code repository (--follow reads it)"


def _enum(key: str) -> list[str]:
    properties = load_schema("manifest")["properties"]["release"]["properties"]
    return [str(value) for value in properties.get(key, {}).get("enum", [])]


def _licence(release: Release, form: Form) -> list[str]:
    licence = release.licence
    if licence is None or not licence.text.strip():
        # An empty flow mapping over three lines: `license` must be a mapping, and uncommenting
        # the middle line (however its indentation is left) gives one with a distribution
        # licence.  A block mapping's `license: {}` then an indented `distribution:` was invalid.
        return [
            *wrapped(
                "  # ",
                "Declare the licence the release is distributed under (SPDX id), uncommenting "
                "the line in braces below; a listed component with no licence of its own "
                "inherits it.",
                "  # ",
            ),
            f"  license: {{  # {PLACEHOLDER}declare it, as described above",
            "    # distribution: {name: Apache-2.0}",
            "    }",
        ]
    written, note = form.licence(licence.text)
    said = f"{label(licence.provenance)}: {how(licence.provenance)}"
    return [
        "  license:",
        "    distribution:",
        *explained(
            "      ",
            keyed("      ", "name", scalar(written)),
            said + (f"; {note}" if note else ""),
        ),
    ]


_BLOCK_TITLES = {
    "data_information": "the OSAID data information",
    "declarations": "what the provider declares (EU AI Act exemption, EOSAI grades)",
}


def _fact_block(release: Release, rules: RuleSet, form: Form, block: str) -> list[str]:
    """One block of facts (release.data_information, release.declarations), a line each."""
    kinds = {key: kind for key, kind in rules.facts.items() if kind.block == block}
    facts = {key: release.facts.get(key) for key in kinds}
    written = form.extensions and any(fact is not None for fact in facts.values())
    prefix = "" if written else "# "
    why = "" if form.extensions else f" ({form.tool_title} does not read it)"
    title = _BLOCK_TITLES.get(block, block)
    lines = explained(f"  {prefix}", f"{block}:", f"osai extension: {title}{why}")
    for key, fact in facts.items():
        kind = kinds[key]
        if fact is None and kind.type == "category":
            # wrapped: a continuation uncommented with the value is no value of the list, so
            # it is refused; a free text's would be read as part of the text, so it runs on
            hint = f"one of {', '.join(kind.values)}. {kind.description}"
            lines.extend(wrapped(f"  #   {key}: {PLACEHOLDER}", hint, "  #     "))
        else:
            lines.extend(_fact_lines(key, fact, kind.description, written))
    return lines


def _fact_lines(key: str, fact: Fact | None, hint: str, written: bool) -> list[str]:
    if fact is None:
        return described("  #   ", key, hint)
    indent = "    " if written else "  #   "
    said = f"{label(fact.provenance)}: {how(fact.provenance)}"
    value = scalar(fact.value) if fact.provided else "false"
    if stated(fact.provenance):
        return explained(indent, keyed(indent, key, value), said)
    # Inferred, whatever the value (an item not provided too): the {…} form carries the mark.
    form = ("text", value) if fact.provided else ("provided", "false")
    return explained(
        indent,
        mapping(indent, key, [form, ("certainty", "inferred")]),
        f"{said}: confirm it, then delete `certainty: inferred`",
    )
