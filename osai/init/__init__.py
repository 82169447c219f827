"""`osai init`: a manifest drafted from what osai reads in a model directory, card or Hub model.

The draft is a Model Openness Framework model file with osai's extensions (or, `--for mot`, the
Model Openness Tool's format alone).  What the release states is filled in, with how it was
found; what osai only inferred is filled in and marked inferred; what it says is not released is
declared not released; everything unknown is a commented placeholder.  So `osai check DRAFT`
reaches the verdict, and the certainty, `osai check SOURCE` reaches (tests/test_init_law.py).

A Hub model's public listings (the MOT listing, the EOSAI entry) are a third party's word, so
they are not copied: the draft agrees with `osai check ORG/NAME --no-public-assessments`, and
says which listing it left out (osai.init.listings).

`scaffold` reads the target and renders the draft; `manifest_path` decides where it goes; the
CLI writes it.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, replace
from pathlib import Path

from osai.backends.local_inside import cache_folder, cached_model
from osai.errors import BadInput, EvidenceUnavailable
from osai.evidence import FindingKind, Release
from osai.hubrefs import is_hub_id, parse_hub_target
from osai.init.components import Form
from osai.init.drafts import (
    drafts_left_out,
    earlier_drafts,
    is_blank,
    is_draft,
    manifest_read_after,
    refuse_replacing,
    refuse_shadowing,
    same_path,
)
from osai.init.listings import listings_left_out
from osai.init.render import model_file_of, render_draft
from osai.init.words import PLACEHOLDER
from osai.outputs import (
    names_standard_output,
    refuse_input,
    refuse_parent,
    refuse_stream_unnamed,
    refuse_symlink,
    resolved,
    unusable,
)
from osai.paths import MANIFEST_NAME
from osai.rules import RuleSet
from osai.sources.blank import BLANK_MANIFEST, EXAMPLE_VALUES_SAID
from osai.targets import ReadOptions, bom_model, kind_of, read_target

OSAI_FORM = "osai"
DRAFTABLE = ("directory", "card", "hub")

__all__ = [
    "BLANK_MANIFEST",
    "EXAMPLE_VALUES_SAID",
    "MANIFEST_NAME",
    "OSAI_FORM",
    "Draft",
    "draft_form",
    "draft_form_named",
    "draft_forms",
    "manifest_path",
    "placeholder_count",
    "refuse_replacing",
    "render_manifest",
    "scaffold",
]


def draft_forms(rules: RuleSet) -> tuple[str, ...]:
    """`--for` values: osai's own form, and the tool that reads the model-file format (mot)."""
    tool = model_file_of(rules).tool
    return (OSAI_FORM, tool) if tool else (OSAI_FORM,)


def draft_form_named(rules: RuleSet, name: str) -> str:
    """The `--for` value NAME stands for, in any case (`--for MOT`), as osai's other keyword
    choices are matched (osai.cli.coercion)."""
    named = next((form for form in draft_forms(rules) if form.lower() == name.lower()), None)
    if named is None:
        raise BadInput(f"--for {name}: expected one of {', '.join(draft_forms(rules))}")
    return named


def draft_form(rules: RuleSet, name: str = OSAI_FORM) -> Form:
    """What a draft `--for NAME` may write, and how it spells licences."""
    name = draft_form_named(rules, name)
    if name == OSAI_FORM:
        return Form(rules.licences)
    model_file = model_file_of(rules)
    framework = next(f for f in rules.frameworks.values() if f.model_file == model_file)
    mode = framework.mode(model_file.tool_mode)
    accepted = tuple(
        dict.fromkeys(name for policy in mode.policies.values() for name in policy.all_sets())
    )
    return Form(rules.licences, False, model_file.tool_title, accepted)


def manifest_path(target: str, output: Path | None, *, force: bool) -> Path | None:
    """Where the draft goes: --output (None for `-`, standard output), else DIR/osai.yaml, next
    to a card, or NAME.osai.yaml here for a Hub model; never over a file without --force, and
    never through a symbolic link or over a file it drafts from (--force or not)."""
    kind = _draftable(target)
    if names_standard_output(output):
        return None
    own = _own_place(target, kind)
    path = own if output is None else output
    try:
        if output is None and own.parent == Path():
            _refuse_the_cache_here(own)
        if output is None:  # the place osai chose, in someone else's directory
            refuse_stream_unnamed(path)
        _refuse_place(path)
        refuse_parent(f"-o {path}", path)
        if kind != "hub" and resolved(path) != resolved(own) and not _left_out(path, target):
            # The draft's own place (an earlier draft) is what --force replaces; every other
            # file the draft is read from stays as it is, --force or not.
            refuse_input(f"-o {path}", path, (Path(target),))
        refuse_replacing(path, force=force)
    except OSError as exc:  # a directory that cannot be searched, a symbolic link loop
        if output is None and kind == "directory":
            raise EvidenceUnavailable(f"{target}: cannot read the directory") from None
        raise BadInput(unusable(path, exc)) from None
    return path


def _left_out(path: Path, target: str) -> bool:
    """An earlier draft (or blank manifest) at the top of the directory drafted: no file the
    draft is read from, as `osai init` says when it leaves it out, so --force replaces it
    (`osai init DIR --for mot -o DIR/model.yml --force` was refused as writing over an input)."""
    directory = Path(target)
    return (
        directory.is_dir()
        and resolved(path.parent) == resolved(directory)
        and (is_draft(path) or is_blank(path))
    )


def _refuse_the_cache_here(draft: Path) -> None:
    """BadInput when the current directory, where NAME.osai.yaml would go, is in the Hugging
    Face cache (a snapshot, a cache repository, hub/): `cd` into a snapshot then `osai init .`
    wrote the draft among huggingface_hub's links, the place a draft of a snapshot is kept
    out of.  Not the folder holding hub/ (HF_HOME, `~/.cache/huggingface`, a container's
    working directory set as it): none of the cache's links are there, and it was refused as
    "in the Hugging Face cache"."""
    here = Path.cwd()
    folder = cache_folder(here)
    if cached_model(here) is not None or (folder is not None and folder.folder != "home"):
        raise BadInput(
            f"{draft}: the current directory is in the Hugging Face cache, whose files "
            "huggingface_hub manages: write the draft elsewhere with -o, or run osai init from "
            "another directory"
        )


def _own_place(target: str, kind: str) -> Path:
    """Where a draft goes without --output: DIR/osai.yaml, next to a card, or NAME.osai.yaml
    here for a Hub model, downloaded or not: a draft written into a Hugging Face cache snapshot
    sat among the cache's links, where huggingface_hub manages every file."""
    if kind in ("directory", "card"):
        folder = Path(target) if kind == "directory" else Path(target).parent
        cached = cached_model(folder)
        if cached is None:
            return folder / MANIFEST_NAME
        # named for the model only when that name is one the Hub allows: a cache folder's name
        # is anyone's text, and `datasets--org--\x1b[31mred` wrote `\x1b[31mred.osai.yaml`,
        # `models--org--..` the hidden `...osai.yaml`
        named = "/".join(cached.name.split("/")[-2:])
        return _hub_draft(cached.name) if is_hub_id(named) else Path(MANIFEST_NAME)
    # the model's name, not the URL's last part (`…/blob/main/README.md` drafted
    # README.md.osai.yaml, `…/tree/main` main.osai.yaml)
    return _hub_draft(parse_hub_target(target) or target.rstrip("/"))


def _hub_draft(repo_id: str) -> Path:
    """NAME.osai.yaml in the current directory, NAME the Hub model's own name."""
    return Path(f"{repo_id.rsplit('/', 1)[-1]}.{MANIFEST_NAME}")


def _refuse_place(path: Path) -> None:
    refuse_symlink(path)
    if path.is_dir():
        raise BadInput(f"{path}: is a directory; give a file name with --output")


def _draftable(target: str) -> str:
    kind = kind_of(target)
    if kind == "manifest" and not _meant_as_manifest(Path(target)):
        # kind_of calls every other file a manifest (`osai check` reads it as one): a model's
        # config.json, its weights, a script declare nothing; its directory is what to draft
        path = Path(target)
        # a regular file of a model directory; a device or pipe (/dev/stdin) is in none
        own = f" (this file's: `osai init {path.parent}`)" if path.is_file() else ""
        raise BadInput(
            f"{target}: not a model card, a manifest or an AI BOM; osai init drafts from a "
            f"model directory{own}, a model card or a Hub model id"
        )
    if kind not in DRAFTABLE:
        raise BadInput(
            f"{target}: {_declaration(target, kind)}; osai init drafts from a model directory, "
            "a model card or a Hub model id"
        )
    return kind


def _meant_as_manifest(path: Path) -> bool:
    """One of osai's own manifest names, or YAML (JSON) whose top level has a manifest's key
    (rules/detection.yaml `manifests`): a manifest, however incomplete, that `osai check`
    will say how to mend."""
    from osai.rules import load_ruleset
    from osai.yamlsafe import read_text_file

    try:
        text = read_text_file(path)
    except (BadInput, OSError):  # binary, too large: a manifest only by its name
        text = ""
    return load_ruleset().detection.files.is_manifest(path.name.lower(), text, every_key=False)


def _declaration(target: str, kind: str) -> str:
    """That a declaring file already declares the release, as a person calls it ("a manifest",
    "an AI BOM (CycloneDX)"), and how to check it: `osai check` refuses a BOM in a form it does
    not read, and was pointed to all the same."""
    check = "(check it with `osai check`)"
    if kind != "bom":
        return f"a {kind} already declares the release {check}"
    from osai.sources.bom_sniff import READ_FORMATS, bom_format

    path, _ = bom_model(target) or (Path(target), "")  # FILE#MODEL: a model of the BOM FILE
    found = bom_format(path)
    if found not in READ_FORMATS:
        check = f"in a form osai does not read (it reads {' and '.join(READ_FORMATS.values())})"
    return f"an AI BOM ({found}) already declares the release {check}"


@dataclass(frozen=True)
class Draft:
    """A draft's text, and what `osai check` of its target uses that the draft leaves out (one
    line each: a Hub model's public listings); `warnings`: what the read could not use (a gated
    card's body, metadata that is not YAML), one line each, as `osai check` warns of it: the
    draft lacks what it would have drawn from it, and said nothing."""

    text: str
    left_out: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()


def scaffold(
    target: str,
    rules: RuleSet,
    today: datetime.date,
    options: ReadOptions | None = None,
    form: str = OSAI_FORM,
    destination: Path | None = None,
) -> Draft:
    """Read a target as `osai check --no-public-assessments` reads it, and render its draft.
    `destination`: where the draft goes; an earlier draft there is not read, nor one beside it
    (osai.init.drafts: the new one would cite it, not the files, as the release's word)."""
    chosen = draft_form(rules, form)
    kind = _draftable(target)
    if destination is not None:
        refuse_shadowing(destination, rules)
    drafts = earlier_drafts(Path(target), rules) if kind == "directory" else ()
    replaced = () if destination is None else (destination,)
    reading = replace(options or ReadOptions(), left_out=(*replaced, *drafts), empty_ok=True)
    release: Release = read_target(target, rules, reading)
    beside = tuple(d for d in drafts if destination is None or not same_path(d, destination))
    read = manifest_read_after(Path(target), destination, rules) if beside else None
    left_out = (*drafts_left_out(beside, target, read), *listings_left_out(release, rules))
    warnings = tuple(f.message for f in release.findings if f.kind is FindingKind.WARNING)
    return Draft(render_draft(release, rules, today, chosen), left_out, warnings)


def render_manifest(
    release: Release, rules: RuleSet, today: datetime.date, form: str = OSAI_FORM
) -> str:
    return render_draft(release, rules, today, draft_form(rules, form))


def placeholder_count(text: str) -> int:
    """How many facts the draft leaves for the publisher to declare."""
    marker = re.escape(PLACEHOLDER)
    return sum(1 for line in text.splitlines() if re.search(rf"#.*{marker}", line))
