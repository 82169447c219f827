"""What a model card shows, as osai reads it: fields, sections, links, papers and statements.

Each value carries its 1-based line in the card file when known (None for metadata a host parsed,
such as the Hub's cardData).
"""

from __future__ import annotations

from dataclasses import dataclass

from osai.evidence import Certainty

# The metadata field saying how the model was made from its base (finetune, merge, ...)
BASE_RELATION_FIELD = "base_model_relation"


@dataclass(frozen=True)
class CardField:
    """A value the card states, with its 1-based line in the file (None when not known)."""

    key: str
    value: str
    line: int | None = None


@dataclass(frozen=True)
class CardSection:
    """A heading of the card body, and how much text its section holds (subsections included),
    of which `code_chars` code: inside a fence tagged with a programming language, or a fence's
    delimiters (an untagged fence may hold a plain-text table, which is text)."""

    heading: str
    level: int
    line: int
    content_chars: int = 0
    code_chars: int = 0

    def chars(self, code_counts: bool = True) -> int:
        """The section's text, its code included or not (a `load_dataset(...)` snippet says how
        to fetch data, not what it is; a "How to use" section's code is its content)."""
        return self.content_chars if code_counts else self.content_chars - self.code_chars


@dataclass(frozen=True)
class CardLink:
    """A link to a code repository, and the components its URL, line or section suggest."""

    url: str  # https://host/owner/repository (host/group/subgroup/project on GitLab), normalised
    line: int
    heading: str
    context: str
    topics: tuple[str, ...] = ()

    @property
    def repository(self) -> str:
        """The repository's path on its host: owner/repository, or group/subgroup/project
        where groups nest (rules/links.yaml `repositories`: the url holds it whole)."""
        return "/".join(self.url.split("/")[3:])

    @property
    def owner(self) -> str:
        return self.url.split("/")[3]


@dataclass(frozen=True)
class CardDatasetLink:
    """A link to a Hub dataset in the card's body; `training`: it stands in a data section."""

    dataset_id: str
    line: int
    heading: str
    training: bool


@dataclass(frozen=True)
class CardPaper:
    """A paper the card points to; `component` is "" when the card only cites another work."""

    reference: str
    line: int | None
    heading: str
    component: str
    tagged: bool = False
    venue: bool = False  # at a peer-reviewed venue (rules/detection.yaml paper_links `venue`)
    # Where the card says its own paper is still to come, when that set this paper aside: it is
    # only cited (under a citation heading), not the model's paper.
    forthcoming_line: int | None = None

    @property
    def preprint(self) -> bool:
        return self.reference.startswith("arXiv:")

    @property
    def ownership(self) -> Certainty:
        """How surely it is the model's own paper: a Hub tag (`arxiv:ID`) says so; a cue of the
        card (a label, a heading above it) only suggests it, and what is read of the paper
        (arXiv's record, its licence) says nothing of whose paper it is."""
        return Certainty.DETECTED if self.tagged else Certainty.INFERRED


@dataclass(frozen=True)
class CardStatement:
    """A sentence saying a component is not released."""

    component: str
    text: str
    line: int


@dataclass(frozen=True)
class CardLicenceSentence:
    """A sentence of the card's licence section saying under what the model (its weights) is
    released: the words after "released under" that may spell a licence, the sentence, its line."""

    words: tuple[str, ...]
    text: str
    line: int


@dataclass(frozen=True)
class CardRestriction:
    """A sentence of the card's licence section restricting the use of the model (its weights)
    without naming a licence: the restriction categories it says (rules/licenses.yaml
    `restrictions`: non-commercial, research-only...), the sentence, its line."""

    categories: tuple[str, ...]
    text: str
    line: int


@dataclass(frozen=True)
class CardFacts:
    """Everything osai reads from one model card.

    `path` is the card's file in the repository (README.md).  Its metadata (front matter) was read
    from the file itself, with lines, or, when `metadata_key` is set, from the host's parse of it
    (the Hub's cardData), without lines; `body_read` says whether the markdown body was read.
    """

    path: str = ""
    metadata_key: str = ""
    body_read: bool = False
    has_front_matter: bool = False  # a front matter block, even one that could not be read
    # Metadata osai read (its front matter, or the host's parse of it): only then is a field it
    # lacks evidence that the card does not state it (rules/detection.yaml `absent_when_read`).
    metadata_read: bool = False
    licences: tuple[CardField, ...] = ()
    licence_name: CardField | None = None
    licence_link: CardField | None = None
    datasets: tuple[CardField, ...] = ()
    base_models: tuple[CardField, ...] = ()
    base_relation: CardField | None = None  # base_model_relation: adapter, quantized, merge, ...
    model_index: CardField | None = None
    evaluation_tables: tuple[CardSection, ...] = ()
    papers: tuple[CardPaper, ...] = ()
    code_links: tuple[CardLink, ...] = ()
    dataset_links: tuple[CardDatasetLink, ...] = ()
    gating: tuple[CardField, ...] = ()
    licence_mentions: tuple[CardField, ...] = ()
    eu_disallowed: CardField | None = None
    data_sections: tuple[CardSection, ...] = ()
    not_released: tuple[CardStatement, ...] = ()
    sections: tuple[CardSection, ...] = ()
    # Bold labels and list items' "Label:" (osai.card.body.labels): titles no heading gives, by
    # which a card may state what a `sections` fact asks for; with one, absence is not shown.
    labels: tuple[CardField, ...] = ()
    body_chars: int = 0  # text a reader sees: no heading, HTML comment or template filler
    problems: tuple[CardField, ...] = ()
    # For the facts rules/detection.yaml `card.facts` reads: the metadata fields they name (each
    # value, keyed by field), the sentences their `text` patterns found (keyed by fact), and the
    # field names of the gating form (what it asks users for).
    stated_fields: tuple[CardField, ...] = ()
    mentions: tuple[CardField, ...] = ()
    gating_fields: tuple[CardField, ...] = ()
    licence_sentences: tuple[CardLicenceSentence, ...] = ()
    licence_restrictions: tuple[CardRestriction, ...] = ()

    @property
    def base_relation_unread(self) -> CardField | None:
        """The card's problem with its base_model_relation, when it states one osai could not
        read (`[finetune, merge]`): a relation all the same, each one made from a base."""
        return next((p for p in self.problems if p.key == BASE_RELATION_FIELD), None)

    def field_values(self, key: str) -> tuple[CardField, ...]:
        return tuple(item for item in self.stated_fields if item.key == key)

    @property
    def arxiv_ids(self) -> tuple[str, ...]:
        prefix = "arXiv:"
        return tuple(
            p.reference[len(prefix) :] for p in self.papers if p.reference.startswith(prefix)
        )

    @property
    def is_empty(self) -> bool:
        return not self.has_front_matter and self.body_chars == 0
