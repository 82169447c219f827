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
    """A fact (rules/components.yaml `facts`) a card states through one of its fields."""

    fact: str
    field: str
    note: str


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
    evaluation_sections: Keywords
    paper_links: tuple[PaperPattern, ...]
    arxiv_text: re.Pattern[str]
    own_paper_headings: Keywords
    own_paper_lines: re.Pattern[str]
    technical_report: Keywords
    code_link: re.Pattern[str]
    dataset_link: re.Pattern[str] | None
    ignore_urls: re.Pattern[str] | None
    not_released: tuple[tuple[str, re.Pattern[str]], ...]
    not_released_before: re.Pattern[str] | None
    not_released_within: re.Pattern[str] | None
    gating_key: re.Pattern[str] | None
    mention_keys: tuple[str, ...] = ()
    mention_end: re.Pattern[str] | None = None
    mention_words: int = 0
    eu_disallowed_key: str = ""


def compile_card(card: Mapping[str, Any]) -> CardPatterns:
    data = card["data_sections"]
    evaluation = card["evaluation_sections"]
    gating = card.get("gating_keys") or []
    mentions = card.get("licence_mentions") or {}
    return CardPatterns(
        components=CardComponents(**card["components"]),
        facts=tuple(
            CardFactRule(fact, entry["field"], entry.get("note", ""))
            for fact, entry in (card.get("facts") or {}).items()
        ),
        host_tags=HostTags(**(card.get("host_tags") or {})),
        code_topics=tuple(
            (cid, keywords(e["keywords"], e.get("exclude", ())))
            for cid, e in card["code_topics"].items()
        ),
        data_sections=keywords(data["keywords"], data.get("exclude", ())),
        data_min_chars=int(data["min_content_chars"]),
        evaluation_sections=keywords(evaluation["keywords"], evaluation.get("exclude", ())),
        paper_links=tuple(
            PaperPattern(re.compile(e["pattern"], re.IGNORECASE), bool(e.get("arxiv")))
            for e in card["paper_links"]
        ),
        arxiv_text=re.compile(card["arxiv_text"], re.IGNORECASE),
        own_paper_headings=keywords(card["own_paper_headings"]),
        own_paper_lines=re.compile(alternatives(card["own_paper_lines"]), re.IGNORECASE),
        technical_report=keywords(card["technical_report_keywords"]),
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
        eu_disallowed_key=str(card.get("eu_disallowed_key") or ""),
    )


def _code_link(hosts: list[str]) -> re.Pattern[str]:
    return re.compile(
        rf"(?<![\w.\-/])(?:https?://)?(?:www\.)?(?P<host>{'|'.join(hosts)})/"
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
    return (
        set(card["code_topics"])
        | set(card["not_released"]["subjects"])
        | set(card["components"].values())
    )
