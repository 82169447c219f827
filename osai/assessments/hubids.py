"""Hugging Face model repository ids, as the databases write them: URLs, bare ids, pasted titles.

The listings are typed by hand, so the same repository appears as `org/name`,
`https://huggingface.co/org/name`, with `/tree/main`, `/blob/main/README.md`, a trailing slash, a
`#section`, or with the page title pasted after the URL (`… · Hugging Face`).  Everything here is
pure string work; comparison is case-insensitive, as the Hub's own repository lookup is.  URLs
and names are read by `osai.hubrefs`, as for `osai check`; only the listings' tolerance is here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from osai.hubrefs import (
    NOT_AN_OWNER,
    URL_VERBS,
    hub_url_segments,
    is_legacy_id,
    is_owner_name,
    is_repo_id,
    model_url_segments,
)

_ORGANISATION = "an organisation page, not a repository"
_REFUSED = "a Hub URL whose name the Hub does not allow"
# Size tokens end a model's family stem: pythia-70m, Llama-2-7b-hf, Mixtral-8x7B, phi-1_5.
_SIZE = re.compile(r"^(?:\d+x)?\d+(?:[._]\d+)?[kmbt]$", re.IGNORECASE)
# A parameter count inside a name (`_` as its decimal point read first: _sized), between separators.
# Not thousands: `4k`, `128k` in Phi-3-mini-4k-instruct are context lengths, not sizes.
_SIZE_IN_NAME = re.compile(r"(?:^|[-_\s])((?:\d+x)?\d+(?:\.\d+)?[mbt])(?=$|[-_\s])")
_UNDERSCORE_POINT = re.compile(r"(?<=\d)_(?=\d+[kmbt]\b)")  # the `_` of 1_6b
_SCALE = {"m": 1e6, "b": 1e9, "t": 1e12}
# Training-variant words end it too (granite-3.0-8b-instruct, Olmo-3-1125-32B-Think); size words
# (small, large, ...) do not, as they often name the family itself (Mistral Large 3).
_VARIANT = frozenset(
    {"base", "instruct", "chat", "it", "hf", "pt", "sft", "dpo", "rl", "think", "thinking",
     "preview", "deduped", "gguf"}
)  # fmt: skip
# The variant words that make another model than the one they are added to (a fine-tune for
# instructions or chat, a preference-tuned or reasoning model), each with what it means:
# `it` and `instruct` say the same (google/codegemma-7b-it is the MOT's CodeGemma-7B-Instruct).
# Not base, hf, pt, gguf, preview: Llama-3-8B and Llama-3-8B-Base, or a model and its -hf
# conversion, are one model's names.
_TUNED = {
    "instruct": "instruct", "it": "instruct", "chat": "chat", "sft": "sft", "dpo": "dpo",
    "rl": "rl", "think": "thinking", "thinking": "thinking",
}  # fmt: skip
# The variant words that say a model is not tuned (its pretrained release): a name that says so is
# of another model than a tuned one (Llama-Poro-2-70B-Base is not Llama-Poro-2-70B-Instruct).
_UNTUNED = frozenset({"base", "pt"})


@dataclass(frozen=True)
class HubReference:
    """What a listing's Hub field says: a model repository, or why it names none."""

    repo_id: str = ""  # "org/name" as written (case kept), "" when none
    problem: str = ""  # why no repository: "empty", "not a Hub reference", ...
    repaired: str = ""  # what was cleaned away to read it, e.g. "page title after the URL"

    @property
    def key(self) -> str:
        return self.repo_id.casefold()


def read_hub_reference(value: object) -> HubReference:
    """The model repository a field names, or the reason it names none."""
    if value is None:
        return HubReference(problem="no field")
    if not isinstance(value, str):
        return HubReference(problem="not a string")
    text = value.strip()
    if not text:
        return HubReference(problem="empty")
    first, _, after = text.partition(" ")
    repaired = "text after the URL" if after.strip() else ""
    parts = model_url_segments(first)
    if parts is None:
        # A bare `org/name` (no owner has a dot: `github.com/EleutherAI` is a web address).
        if is_repo_id(first):
            return HubReference(first, repaired=repaired)
        return HubReference(problem="not a Hub reference")
    found = _repository_in(parts)
    if not found.repo_id:
        return found
    # `/tree/main`, `/blob/main/README.md`, `#section`, `?query`: the repository's own page
    # ends with its name (and a slash at most).
    if not first.endswith((found.repo_id, f"{found.repo_id}/")):
        repaired = repaired or "path after the repository"
    return HubReference(found.repo_id, repaired=repaired)


def _repository_in(parts: list[str]) -> HubReference:
    """The model repository a Hub URL's path segments name, or why they name none."""
    if not parts:
        return HubReference(problem="a Hub page that is no model repository")
    owner = parts[0]
    if owner.casefold() in NOT_AN_OWNER:
        return HubReference(problem=f"a Hub {owner.casefold()} page, not a model repository")
    if len(parts) == 1:
        return HubReference(problem=_ORGANISATION if is_legacy_id(owner) else _REFUSED)
    if parts[1] in URL_VERBS:  # `t5-base/tree/main`: a legacy id's files, no `tree` model
        return HubReference(problem="one name (a legacy id or an organisation), not org/name")
    repo_id = f"{owner}/{parts[1]}"
    if not is_repo_id(repo_id):  # `org/name-`, `org/a--b`: the Hub refuses such a name
        return HubReference(problem=_REFUSED)
    return HubReference(repo_id)


def hub_organisation(value: object) -> str:
    """The organisation a Hub organisation page names (`https://huggingface.co/EleutherAI`)."""
    if not isinstance(value, str):
        return ""
    # As written: `/models/EleutherAI` is no organisation's page.
    parts = hub_url_segments(value.strip())
    if parts is None or len(parts) != 1 or parts[0].casefold() in NOT_AN_OWNER:
        return ""
    return parts[0] if is_owner_name(parts[0]) else ""


def normalise_repo_id(value: str) -> str:
    """A Hub id or URL as the case-folded key matching uses ("" when it names no repository)."""
    return read_hub_reference(value).key


def owner_of(key: str) -> str:
    return key.partition("/")[0]


def name_of(key: str) -> str:
    return key.partition("/")[2]


def fold_name(name: str) -> str:
    """A model name for comparison: case-folded, spaces as hyphens (`Olmo 3` = `olmo-3`)."""
    return re.sub(r"\s+", "-", name.strip()).casefold()


def _sized(name: str) -> str:
    """A name folded (fold_name), `_` read as the decimal point of a size (stablelm-2-1_6b is
    StableLM 2 1.6B): one reading for the family stem and the sizes alike."""
    return _UNDERSCORE_POINT.sub(".", fold_name(name))


def _tokens(name: str) -> list[str]:
    return re.split(r"[-_\s]+", _sized(name))


def family_stem(name: str) -> str:
    """The family part of a model name: the tokens before its size or first variant word.

    `pythia-70m-deduped` → `pythia`; `Llama-2-7b-hf` → `llama-2`; `Qwen2.5-7B-Instruct` →
    `qwen2.5`; `Mistral-Large-3-675B-Base-2512` → `mistral-large-3`.  A name with neither
    (`bloom`) is its own stem, so two models without sizes never share a family by accident.
    """
    tokens = _tokens(name)
    stem: list[str] = []
    for token in tokens:
        if _SIZE.match(token) or token in _VARIANT:
            break
        stem.append(token)
    return "-".join(stem)


def in_family(name: str, stem: str) -> bool:
    """Whether a model name belongs to a family stem (`pythia-70m` to `pythia`, not `pythiax`)."""
    folded = fold_name(name)
    if len(stem) < 3 or not folded.startswith(stem):
        return False
    rest = folded[len(stem) :]
    return not rest or not rest[0].isalpha()


def model_sizes(name: str) -> frozenset[str]:
    """The sizes a model name gives (`Qwen2.5-72B-Instruct` → {"72b"}; `stablelm-2-1_6b` →
    {"1.6b"}): its size tokens, case-folded, `_` read as a decimal point."""
    return frozenset(_SIZE_IN_NAME.findall(_sized(name)))


def tuned_variants(name: str) -> frozenset[str]:
    """The variant words of a model name that make it another model (`CodeGemma-7B-Instruct` →
    {"instruct"}; `codegemma-7b-it` → {"instruct"}; `Llama-3-8B-Base` → none)."""
    return frozenset(_TUNED[token] for token in _tokens(name) if token in _TUNED)


def names_another_model(
    listed: str, repo_name: str, listed_size: str = "", *, base_model: bool = False
) -> bool:
    """Whether a listing's model name says it is of another model than the repository's name:
    both give a size and they share none (CodeGemma-7B for codegemma-2b), or their variants
    differ (CodeGemma-7B-Instruct for codegemma-7b; Llama-Poro-2-70B-Base for
    Llama-Poro-2-70B-Instruct).

    `listed_size`: the listing's own size field, read when its name gives none.  A listing whose
    name gives no variant word is not contradicted by one in the repository's name: listings often
    give a model's short or family name (the MOT's "InternLM" lists internlm2_5-20b-chat, its
    "gemma-1.1-2b" the only Gemma 1.1 2B, google/gemma-1.1-2b-it).  Unless it says it is of an
    untuned model: by a word (`-Base`, `-pt`), or by what it is (`base_model`: a fine-tune's base
    model, whose assessment is no evidence about an instruct or chat model, Gemma Japanese's base
    "Gemma-2-2B" for google/gemma-2-2b-it).
    """
    named = model_sizes(listed)
    sizes = named or model_sizes(listed_size)
    theirs = model_sizes(repo_name)
    if sizes and theirs and not _sizes_agree(sizes, theirs, counted=not named):
        return True
    variants = tuned_variants(listed)
    if variants or base_model or _says_untuned(listed):
        return variants != tuned_variants(repo_name)
    return False


def _says_untuned(name: str) -> bool:
    return not _UNTUNED.isdisjoint(_tokens(name))


def _sizes_agree(listed: frozenset[str], theirs: frozenset[str], *, counted: bool) -> bool:
    """Whether two names' sizes may be one model's: a count in common, compared as numbers
    (`1.0b` is `1b`, `1000m` is `1b`).  A mixture of experts (`8x7b`) is compared only with
    another: `46.7B`, a listing's `version` (`counted`), counts its parameters in all, and the
    name gives no total to compare."""
    experts = ({s for s in listed if "x" in s}, {s for s in theirs if "x" in s})
    if any(experts):
        return counted or not all(experts) or bool(experts[0] & experts[1])
    return bool(_counts(listed) & _counts(theirs))


def _counts(sizes: frozenset[str]) -> set[float]:
    """Parameter counts, rounded to three significant figures (`1.6b` → 1.6e9)."""
    return {float(f"{float(size[:-1]) * _SCALE[size[-1]]:.3g}") for size in sizes}
