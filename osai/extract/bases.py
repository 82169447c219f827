"""The base models a repository names beyond its card's `base_model`: its adapter's config
(adapter_config.json) and its merge's recipe (mergekit_config.yml).

Pure.  One reading, for the model checked (osai.extract.release) and for each base model its
lineage reads (osai.links.base_files): read for the model alone, a fine-tune of a merge whose
recipe merges Llama 2 met OSAID on its own MIT, where the merge checked directly is bound to
Llama 2's licence.
"""

from __future__ import annotations

from dataclasses import dataclass

from osai.card import CardFacts
from osai.detection import DetectionRules
from osai.evidence import BASES_BIND, Certainty, Fact, Finding, FindingKind, NamedLink, Provenance
from osai.extract.adapter import adapter_base, adapter_evidence
from osai.extract.merge_recipe import RecipeBases, recipe_bases
from osai.hubrefs import itself_ignored, names_itself
from osai.rules.links import LinkRules
from osai.snapshot import RepoSnapshot
from osai.textsafe import one_line


@dataclass(frozen=True)
class AdapterBases:
    """What an adapter's config shows of the base model its card does not name."""

    facts: tuple[Fact, ...] = ()
    findings: tuple[Finding, ...] = ()
    base_models: tuple[str, ...] = ()
    named_links: tuple[NamedLink, ...] = ()
    # the reservation on the weights' licence when the config names no base osai can take
    unread: str = ""
    # why the base it adapts is not known, said of the repository ("its adapter_config.json
    # names no base osai can read"), "" when it is: a lineage reading it as a base says so
    why: str = ""


@dataclass(frozen=True)
class FileBases:
    """The base models a repository's files name beyond its card: its adapter's config's, its
    merge's recipe's."""

    adapter: AdapterBases
    recipe: RecipeBases

    @property
    def base_models(self) -> tuple[str, ...]:
        return self.adapter.base_models + self.recipe.base_models

    @property
    def named_links(self) -> tuple[NamedLink, ...]:
        """Each as a link to follow, cited where its file names it."""
        return (*self.adapter.named_links, *self.recipe.named)

    @property
    def unread(self) -> tuple[str, ...]:
        """Why some of the models its files name are not known, each said of the repository
        ("its mergekit_config.yml could not be read")."""
        return tuple(why for why in (self.adapter.why, self.recipe.why) if why)


def file_bases(
    snapshot: RepoSnapshot, card: CardFacts | None, rules: DetectionRules, own_ids: frozenset[str]
) -> FileBases:
    """What the repository's adapter config and merge recipe name beyond `card`'s base models
    (and the model itself, `own_ids`: no model derives from itself)."""
    return FileBases(
        _adapter(snapshot, card, rules, own_ids),
        recipe_bases(snapshot, card, rules.files, own_ids),
    )


def _adapter(
    snapshot: RepoSnapshot, card: CardFacts | None, rules: DetectionRules, own_ids: frozenset[str]
) -> AdapterBases:
    base, problems = adapter_base(snapshot, card, rules.files)
    if base is None:
        # a config that cannot be read (`{`) or names no base: the adapter's base, whatever it
        # is, may bind it (it met on its card's Apache-2.0, as a merge's unread recipe did)
        path = problems[0].provenance[0].location if problems else ""
        unless = f"the model this adapter was made from ({path} names none osai can read)"
        if not problems:
            return AdapterBases()
        why = f"its {path} names no base osai can read"
        return AdapterBases(findings=problems, unread=f"{unless}{BASES_BIND}", why=why)
    if names_itself(base.cited.value, own_ids):
        # a model is not derived from itself (as a card's base_model naming it is ignored); an
        # adapter is of some base, and where the card names none it is not known (it met on
        # its card's Apache-2.0, where a config naming no base left it unknown)
        said = itself_ignored(base.said, base.cited.value)
        ignored = Finding(FindingKind.WARNING, said, (base.cited,))
        if base.beside_card:
            return AdapterBases(findings=(ignored,))
        unless = f"the model this adapter was made from ({base.said} names this model itself)"
        why = f"its {base.said} names the model itself"
        return AdapterBases(findings=(ignored,), unread=f"{unless}{BASES_BIND}", why=why)
    fact, note = adapter_evidence(base, rules.files)
    facts = (fact,) if fact is not None else ()
    return AdapterBases(facts, (note,), (base.cited.value,), (base.named_link,))


def unnamed_base_said(
    card: CardFacts | None, names_a_base: bool, rules: LinkRules, source: str
) -> tuple[str, Provenance] | None:
    """Where the card says the model was made from a base model (rules/links.yaml
    `unnamed_base`: `base_model_relation: finetune`, or one osai cannot read) and neither it nor
    the model's files name one (`names_a_base`): what it says, and where; None otherwise."""
    if card is None or names_a_base:
        return None
    relation, unread = card.base_relation, card.base_relation_unread
    if relation is not None and relation.value.casefold() in rules.unnamed_base_relations:
        said = f"{relation.key}: {one_line(relation.value, 40)}"
        return said, Provenance(
            source, card.path, relation.value, Certainty.DETECTED, relation.line
        )
    if relation is None and unread is not None:
        # `[finetune, merge]`: a relation osai cannot read is one all the same (it met on the
        # card's Apache-2.0, where `merge` alone left the weights' licence open)
        said = f"{unread.key}: not read"
        return said, Provenance(source, card.path, "", Certainty.DETECTED, unread.line)
    return None
