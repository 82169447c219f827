"""rules/detection.yaml's `card:` section, compiled: what a model card's parts are evidence for."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from osai.detection.words import Keywords, alternatives, any_of, keywords, word_regex


@dataclass(frozen=True)
class PaperPattern:
    regex: re.Pattern[str]
    arxiv: bool = False
    venue: bool = False  # a peer-reviewed venue (a conference's or journal's proceedings)


@dataclass(frozen=True)
class CardComponents:
    """What the card's own parts are evidence for (rules/detection.yaml `card.components`)."""

    card: str
    evaluation: str
    data: str
    datasets: str
    paper: str
    report: str


@dataclass(frozen=True)
class CardFactRule:
    """A fact (rules/components.yaml `facts`) a card states: through a metadata field, a section
    (a heading with a keyword, with enough text), or a sentence of its body."""

    fact: str
    note: str
    field: str = ""
    sections: Keywords | None = None
    min_chars: int = 0
    code_counts: bool = True  # code in the section counts toward min_chars
    text: re.Pattern[str] | None = None
    # a sentence `text` matches that also matches this does not state the fact ("We have not
    # published a copyright policy" is no copyright policy)
    unless: re.Pattern[str] | None = None
    number: bool = False
    # a figure whose sentence says this before it (since the figure before it) is not the fact's
    # ("Each training step takes 3.2e18 FLOPs" is no training compute)
    unless_before: re.Pattern[str] | None = None
    absent_when_read: bool = False
    # metadata fields any of which, stated, keeps the card from showing the fact absent (a
    # `base_model_relation: merge` card naming no base was read as trained from scratch)
    absent_unless: tuple[str, ...] = ()
    # words a label of the card (a bold label, a list item's "Label:", a table's column) may
    # say the fact with, besides its section keywords: Pythia's "| Layers | Model Dim | Heads |"
    # describes its architecture under "Model Details", which was read as no description
    absent_unless_labels: re.Pattern[str] | None = None
    papers: str = ""  # "preprint" | "peer-reviewed": the card's own papers of that kind
    # facts any of which, stated (by the card or the repository's files), keep the card from
    # stating this one (a fine-tune's `datasets:` is not the listing of all its training data)
    unless_stated: tuple[str, ...] = ()


@dataclass(frozen=True)
class HostTags:
    """Tag prefixes a host (the Hub) derives from a card: they stand in when the card's own
    metadata was not read (`license:apache-2.0`, `dataset:c4`, `arxiv:2304.01373`)."""

    licence: str = ""
    dataset: str = ""
    paper: str = ""


@dataclass(frozen=True)
class CardPatterns:
    """rules/detection.yaml `card:`, compiled once."""

    components: CardComponents
    facts: tuple[CardFactRule, ...]
    host_tags: HostTags
    code_topics: tuple[tuple[str, Keywords], ...]
    data_sections: Keywords
    data_min_chars: int
    data_code_counts: bool
    evaluation_sections: Keywords
    paper_links: tuple[PaperPattern, ...]
    arxiv_text: re.Pattern[str]
    own_paper_headings: Keywords
    own_paper_lines: re.Pattern[str]
    technical_report: Keywords
    citation_headings: Keywords
    forthcoming_paper: re.Pattern[str] | None
    code_link: re.Pattern[str]
    dataset_link: re.Pattern[str] | None
    ignore_urls: re.Pattern[str] | None
    not_released: tuple[tuple[str, re.Pattern[str]], ...]
    not_released_before: re.Pattern[str] | None
    not_released_within: re.Pattern[str] | None
    gating_key: re.Pattern[str] | None
    mention_keys: tuple[str, ...] = ()
    evaluation_first_cells: ScoreTables | None = None  # evaluation tables under any heading
    mention_end: re.Pattern[str] | None = None
    mention_words: int = 0
    # a mention's sentence names another subject (the data, the code) and not the model's
    mention_other: re.Pattern[str] | None = None
    mention_own: re.Pattern[str] | None = None
    eu_disallowed_key: str = ""
    access: AccessRule | None = None  # rules/detection.yaml `access` (it reads the gating form)
    placeholders: re.Pattern[str] | None = None  # filler, link addresses: no content
    # words of an own-paper label that say nothing of whose paper it is ("Link to paper:")
    own_paper_qualifiers: frozenset[str] = frozenset()
    # a fence tagged with one of these holds code; an untagged one (a plain-text table) text
    code_languages: frozenset[str] = frozenset()
    # of citation_headings, those naming a paper: a report to come sets aside none under them
    paper_headings: Keywords | None = None
    licence_statements: LicenceStatements | None = None  # the weights' licence, in prose
    # every component the card can show released or not (shown_components): one of them unknown
    # on a card osai could not read is not read, not unseen
    shown: tuple[str, ...] = ()

    @property
    def fields(self) -> tuple[str, ...]:
        """The metadata fields fact rules read."""
        fields = (name for rule in self.facts for name in (rule.field, *rule.absent_unless))
        return tuple(dict.fromkeys(name for name in fields if name))

    @property
    def text_rules(self) -> tuple[CardFactRule, ...]:
        return tuple(rule for rule in self.facts if rule.text is not None)


@dataclass(frozen=True)
class LicenceStatements:
    """Sentences of a card's licence section naming its weights' licence (rules/detection.yaml
    `card.licence_statements`): under `headings`, a `statement` ("are released under") with no
    `reject_before` before it in its sentence, then up to `max_words` words that may spell a
    licence, of the `components` it is said of.  And those restricting their use without naming
    a licence: by restriction category (rules/licenses.yaml `restrictions`), a pattern with no
    `restriction_reject_before` before it in its sentence ("for non-commercial use only")."""

    headings: Keywords
    statement: re.Pattern[str]
    reject_before: re.Pattern[str] | None
    max_words: int
    components: tuple[str, ...]
    restrictions: tuple[tuple[str, re.Pattern[str]], ...] = ()
    restriction_reject_before: re.Pattern[str] | None = None


def _licence_statements(entry: Mapping[str, Any] | None) -> LicenceStatements | None:
    if not entry:
        return None
    return LicenceStatements(
        headings=keywords(entry["headings"]),
        statement=re.compile(alternatives(entry["statements"]), re.IGNORECASE),
        reject_before=any_of(entry.get("reject_before") or []),
        max_words=int(entry["max_words"]),
        components=tuple(entry["components"]),
        restrictions=tuple(
            (category, re.compile(alternatives(patterns), re.IGNORECASE))
            for category, patterns in (entry.get("restrictions") or {}).items()
        ),
        restriction_reject_before=any_of(entry.get("restrictions_reject_before") or []),
    )


def card_restrictions(card: Mapping[str, Any]) -> set[str]:
    """Every restriction category the card section names (checked against rules/licenses.yaml
    `restrictions` by the loader)."""
    return set((card.get("licence_statements") or {}).get("restrictions") or {})


@dataclass(frozen=True)
class ScoreTables:
    """A markdown table whose first header cell has one of `first_cell`'s words is evaluation
    results under any heading, unless a heading above it has one of `exclude`'s
    (rules/detection.yaml `evaluation_sections.table_first_cells`, `table_exclude`)."""

    first_cell: re.Pattern[str]
    exclude: re.Pattern[str] | None = None

    def matches(self, cell: str, headings: tuple[str, ...]) -> bool:
        if not self.first_cell.search(cell):
            return False
        return self.exclude is None or not any(self.exclude.search(h) for h in headings)


def _first_cells(evaluation: Mapping[str, Any]) -> ScoreTables | None:
    cells = evaluation.get("table_first_cells") or ()
    exclude = evaluation.get("table_exclude") or ()
    if not cells:
        return None
    return ScoreTables(word_regex(cells), word_regex(exclude) if exclude else None)


def compile_card(card: Mapping[str, Any], access: Mapping[str, Any] | None = None) -> CardPatterns:
    data = card["data_sections"]
    evaluation = card["evaluation_sections"]
    gating = card.get("gating_keys") or []
    mentions = card.get("licence_mentions") or {}
    return CardPatterns(
        components=CardComponents(**card["components"]),
        shown=tuple(sorted(shown_components(card))),
        facts=tuple(_fact_rule(fact, entry) for fact, entry in (card.get("facts") or {}).items()),
        host_tags=HostTags(**(card.get("host_tags") or {})),
        code_topics=tuple(
            (cid, keywords(e["keywords"], e.get("exclude", ())))
            for cid, e in card["code_topics"].items()
        ),
        data_sections=keywords(data["keywords"], data.get("exclude", ())),
        data_min_chars=int(data["min_content_chars"]),
        data_code_counts=bool(data.get("code_counts", True)),
        evaluation_sections=keywords(evaluation["keywords"], evaluation.get("exclude", ())),
        evaluation_first_cells=_first_cells(evaluation),
        paper_links=tuple(
            PaperPattern(
                re.compile(e["pattern"], re.IGNORECASE), bool(e.get("arxiv")), bool(e.get("venue"))
            )
            for e in card["paper_links"]
        ),
        arxiv_text=re.compile(card["arxiv_text"], re.IGNORECASE),
        own_paper_headings=keywords(card["own_paper_headings"]),
        own_paper_lines=re.compile(alternatives(card["own_paper_lines"]), re.IGNORECASE),
        technical_report=keywords(card["technical_report_keywords"]),
        citation_headings=keywords(card.get("citation_headings") or ()),
        forthcoming_paper=any_of(card.get("forthcoming_paper_lines") or []),
        code_link=_code_link(card["code_hosts"]),
        dataset_link=re.compile(card["dataset_link"]) if card.get("dataset_link") else None,
        ignore_urls=any_of(card.get("ignore_urls") or []),
        not_released=_not_released(card["not_released"]),
        not_released_before=any_of(card["not_released"].get("reject_before") or []),
        not_released_within=any_of(card["not_released"].get("reject_within") or []),
        gating_key=any_of(gating, flags=0),
        mention_keys=tuple(mentions.get("keys") or ()),
        mention_end=word_regex(mentions["phrase_ends"]) if mentions.get("phrase_ends") else None,
        mention_words=int(mentions.get("max_words") or 0),
        mention_other=_words_or_none(mentions.get("other_subjects")),
        mention_own=_words_or_none(mentions.get("own_subjects")),
        eu_disallowed_key=str(card.get("eu_disallowed_key") or ""),
        access=compile_access(access),
        placeholders=any_of(card.get("placeholders") or []),
        own_paper_qualifiers=frozenset(
            w.lower() for w in card.get("own_paper_label_qualifiers") or ()
        ),
        code_languages=frozenset(str(w).lower() for w in card.get("code_languages") or ()),
        paper_headings=keywords(card["paper_headings"]) if card.get("paper_headings") else None,
        licence_statements=_licence_statements(card.get("licence_statements")),
    )


def _words_or_none(words: list[str] | None) -> re.Pattern[str] | None:
    return word_regex(words) if words else None


def _fact_rule(fact: str, entry: Mapping[str, Any]) -> CardFactRule:
    sections = entry.get("sections")
    text = entry.get("text")
    unless = entry.get("unless")
    before = entry.get("unless_before")
    return CardFactRule(
        fact=fact,
        note=entry.get("note", ""),
        field=entry.get("field", ""),
        sections=keywords(sections["keywords"], sections.get("exclude", ())) if sections else None,
        min_chars=int(sections["min_content_chars"]) if sections else 0,
        code_counts=bool(sections.get("code_counts", True)) if sections else True,
        text=re.compile(text, re.IGNORECASE) if text else None,
        unless=re.compile(unless, re.IGNORECASE) if unless else None,
        number=bool(entry.get("number")),
        unless_before=re.compile(before, re.IGNORECASE) if before else None,
        absent_when_read=bool(entry.get("absent_when_read")),
        absent_unless=tuple(entry.get("absent_unless") or ()),
        absent_unless_labels=_words_or_none(entry.get("absent_unless_labels")),
        papers=entry.get("papers", ""),
        unless_stated=tuple(entry.get("unless_stated") or ()),
    )


@dataclass(frozen=True)
class AccessRule:
    """How the weights can be obtained, as a category fact (rules/detection.yaml `access`)."""

    fact: str
    ungated: str
    gated: Mapping[str, str]
    personal_data: str
    fields_key: str
    personal_fields: re.Pattern[str] | None
    region_excluded: str


def compile_access(entry: Mapping[str, Any] | None) -> AccessRule | None:
    if entry is None:
        return None
    personal = entry["personal_data"]
    return AccessRule(
        fact=entry["fact"],
        ungated=entry["ungated"],
        gated=dict(entry["gated"]),
        personal_data=personal["value"],
        fields_key=personal["fields_key"],
        personal_fields=any_of(personal["field_names"]),
        region_excluded=entry["region_excluded"],
    )


def card_facts(card: Mapping[str, Any], access: Mapping[str, Any] | None) -> set[str]:
    """Every fact the card and access rules name (checked against the vocabulary by the loader)."""
    facts = card.get("facts") or {}
    named = set(facts) | {
        key for entry in facts.values() for key in entry.get("unless_stated") or ()
    }
    if access is not None:
        named.add(access["fact"])
    return named


def _code_link(hosts: list[str]) -> re.Pattern[str]:
    # Not after what continues a host name (an ASCII letter, digit, `_`, `.`, `-`) or a path:
    # `mygithub.com/a/b` is no GitHub link.  A CJK or other non-ASCII letter before it is not
    # part of the name: Chinese and Japanese write no space before a link ("代码见https://…").
    return re.compile(
        rf"(?<![A-Za-z0-9_.\-/])(?:https?://)?(?:www\.)?(?P<host>{'|'.join(hosts)})/"
        r"(?P<owner>[A-Za-z0-9_.\-]+)/(?P<repo>[A-Za-z0-9_.\-]+)(?P<rest>[^\s)\]>\"'`|]*)",
        re.IGNORECASE,
    )


def _not_released(rules: Mapping[str, Any]) -> tuple[tuple[str, re.Pattern[str]], ...]:
    end = f"(?:{rules['clause_end']})"
    compiled = []
    for component_id, phrases in rules["subjects"].items():
        subject = alternatives(phrases)
        statements = alternatives(
            s.replace("{subject}", subject).replace("{end}", end) for s in rules["statements"]
        )
        compiled.append((component_id, re.compile(statements, re.IGNORECASE)))
    return tuple(compiled)


def card_components(card: Mapping[str, Any]) -> set[str]:
    """Every component the card section names (checked against the vocabulary by the loader)."""
    return shown_components(card) | set(
        (card.get("licence_statements") or {}).get("components") or ()
    )


def shown_components(card: Mapping[str, Any]) -> set[str]:
    """The components a card's body can show released or not: its own parts (`components`: its
    data section, evaluation table, paper links), the code it links (`code_topics`) and what it
    says is not released (`not_released`).  Its licence statements say under which licence,
    not whether."""
    return (
        set(card["code_topics"])
        | set(card["not_released"]["subjects"])
        | set(card["components"].values())
    )
