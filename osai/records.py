"""What a host says about a resource a model card links to: a Hub dataset, an arXiv paper, a base
model.  (A linked code repository is a whole RepoSnapshot: osai/snapshot.py.)

Backends produce these from their APIs' answers, every field's type checked; osai.links decides
what they are evidence of.  "" and None mean "not said", never "absent".  `cached`: the record
comes from an answer kept by an earlier run, because the server gave no fresh one.
"""

from __future__ import annotations

from dataclasses import dataclass

from osai.evidence import CachedAnswer


@dataclass(frozen=True)
class DatasetRecord:
    requested: str  # the id as the card names it
    id: str  # the id the Hub answers with (after a rename)
    url: str
    # The licence as osai reads the card's licence fields (osai.links.card_licence: `other`
    # through license_name or license_link); "" when none is given.  The backend leaves it ""
    # (a record an earlier osai kept has it, and no `licences`).
    licence: str = ""
    licence_field: str = ""  # where the licence was read
    licence_link: str = ""
    gated: str | None = None
    disabled: bool = False
    found: bool = True  # False: the Hub says there is no such dataset
    # The licences the card lists when it lists several (it does not say whether all apply or
    # one may be chosen, so `licence` stays ""); () when it names one or none.
    licences_listed: tuple[str, ...] = ()
    cached: CachedAnswer | None = None
    # Why the licence the card gives is not read, in a few words (a licence's text given for its
    # name, osai.links.evidence); `licence` is then "".
    licence_unread: str = ""
    # The card's licence fields as the Hub answers them: `license` (its first LISTED_KEPT
    # entries, each once, and how many more it lists), license_name, the gating prompt's texts.
    licences: tuple[str, ...] = ()
    licences_more: int = 0
    licence_name: str = ""
    gating_texts: tuple[str, ...] = ()
    # What the card's other licence fields name instead of `licence`, where they contradict it
    # (`license: apache-2.0` beside a license_link to the Llama 2 licence): either may hold.
    licence_instead: tuple[str, ...] = ()

    @property
    def licence_said(self) -> str:
        """What the dataset card says of its licence, in words, each licence as it spells it."""
        return licence_words(
            self.licence, self.licences_listed, self.licence_unread, self.licence_instead
        )


def licence_words(
    licence: str, listed: tuple[str, ...], unread: str = "", instead: tuple[str, ...] = ()
) -> str:
    """What a card says of its licence, in words, each licence as it spells it (the evidence
    quotes it): the licence (or those its other licence fields name instead, contradicting it),
    the licences it lists without saying how they combine, why the one it gives is not read, or
    that it gives none."""
    if licence and instead:
        return f"{' or '.join((licence, *instead))} (its licence fields contradict one another)"
    if licence:
        return licence
    if unread:
        return unread
    if listed:
        return f"lists {', '.join(listed)} without saying how they combine"
    return "licence not given"


@dataclass(frozen=True)
class PaperRecord:
    arxiv_id: str
    url: str
    title: str = ""
    licence_url: str = ""  # the licence arXiv records for the paper; "" when it gives none
    found: bool = True
    deleted: bool = False  # not found because arXiv's record of it is deleted (OAI-PMH status)
    cached: CachedAnswer | None = None


@dataclass(frozen=True)
class ModelRecord:
    """A base model's metadata (one model_info; its files are read apart, osai.links.follow)."""

    requested: str
    id: str
    url: str
    licence: str = ""
    licence_field: str = ""
    licence_link: str = ""
    base_models: tuple[str, ...] = ()
    gated: str | None = None
    found: bool = True
    # As a dataset's: the licences the card lists when it lists several (`licence` stays "");
    # each may or may not bind a model derived from it (osai.links.lineage).
    licences_listed: tuple[str, ...] = ()
    cached: CachedAnswer | None = None
    # The card's gating prompt, each `extra_gated_*` text as "key: text": a card whose `license`
    # settles none (Falcon-180B's `unknown`) names its licence there, as its own check reads it.
    gating_texts: tuple[str, ...] = ()
    # As a dataset's: the card's licence fields as the Hub answers them (`licence` is read from
    # them, osai.links.card_licence), and what its other fields name instead of `licence`.
    licences: tuple[str, ...] = ()
    licences_more: int = 0
    licence_name: str = ""
    licence_instead: tuple[str, ...] = ()
    # The commit the answer describes ("" when it names none), and the files at its top level
    # that may name the models it derives from beyond its card (a merge's recipe, an adapter's
    # config: those osai asks after), as its file list names them: a fine-tune of a merge whose
    # recipe merges Llama 2 met on its own MIT, the recipe never read.
    sha: str = ""
    naming_files: tuple[str, ...] = ()
    # How its card says it was made from its base (base_model_relation: finetune, merge, ...),
    # where it says so in a string, and whether it gives one that is none ([finetune, merge]):
    # a card saying so and naming no base leaves that base unread, as the model's own does.
    base_relation: str = ""
    base_relation_unread: bool = False


NO_LICENCE_IDENTIFIED = "NOASSERTION"  # GitHub's spdx_id for a licence file it cannot match


@dataclass(frozen=True)
class RepositoryAnswer:
    """What GET /repos/{owner}/{repo} says; found False: GitHub has no such repository."""

    requested: str
    full_name: str
    html_url: str
    default_branch: str
    licence: str  # GitHub's spdx_id, NOASSERTION for an unidentified licence file; "" for none
    licence_known: bool  # False: the answer carried no licence field at all
    fork: bool | None
    archived: bool | None
    found: bool = True
    description: str = ""  # the repository's one-line description ("" when it has none)
    cached: CachedAnswer | None = None
    owner_login: str = ""  # owner.login ("" when the answer does not say)

    @property
    def owner(self) -> str:
        """Whose repository it is now, as GitHub answers (a transferred one's new owner)."""
        return self.owner_login or self.full_name.split("/", 1)[0]

    @property
    def moved(self) -> bool:
        """GitHub answers under another name than the one asked for (renamed or transferred;
        names are case-insensitive)."""
        return self.found and self.full_name.casefold() != self.requested.casefold()
