"""The model card, parsed once per snapshot: metadata (front matter), then the markdown body.

A card shows: licence(s), datasets, base model, evaluation results (model-index, or a table under an
evaluation heading), papers (arXiv ids, paper and report links), links to code repositories and the
section they stand in, gating fields (and the licences their prompt names), data information
sections, and sentences saying a component is not released; each with its line in the file.
Patterns come from rules/detection.yaml (`card:`); which part of a code link names its repository,
from rules/links.yaml (`repositories`).

Pure: the caller passes the text (and any metadata a host parsed); nothing here reads a file,
prints or exits.  A broken front matter is a problem recorded in the facts, never an exception: a
card is evidence, not input osai refuses.

Bounded: every reader is linear in what it reads, and at most MAX_CARD_CHARS of a card's text are
read (a longer card is cut at a line end, and a problem says how much was ignored), so a card,
which is parsed after the check's deadline has bounded its download, costs about a second at most.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from osai.card.body import (
    arxiv_reference,
    body_papers,
    card_title,
    code_links,
    code_topics_of,
    dataset_links,
    dedupe_papers,
    evaluation_tables,
    labels,
    licence_restrictions,
    licence_sentences,
    mentions,
    read_body,
)
from osai.card.body import not_released as not_released_statements
from osai.card.front_matter import (
    MAX_FIELD_CHARS,
    FrontMatter,
    eu_disallowed,
    form_fields,
    gating,
    licence_mentions,
    model_index,
    no_line,
    one_word,
    single,
    split_front_matter,
    strings,
    tag_papers,
)
from osai.card.model import (
    BASE_RELATION_FIELD,
    CardFacts,
    CardField,
    CardLink,
    CardPaper,
    CardSection,
    CardStatement,
)
from osai.detection import CardPatterns
from osai.licence_spelling import overlong_licence
from osai.rules.links import RepositoryPaths

# Characters of a card's text read; beyond them, ignored (said so).  Half the read limit (1 MiB,
# rules/detection.yaml `limits`): the largest real cards are near 200 KB, and the worst card for
# the parsers costs at most about a second.
MAX_CARD_CHARS = 512 * 1024

__all__ = [
    "MAX_CARD_CHARS",
    "MAX_FIELD_CHARS",
    "CardFacts",
    "CardField",
    "CardLink",
    "CardPaper",
    "CardSection",
    "CardStatement",
    "arxiv_reference",
    "code_topics_of",
    "parse_card",
]


def parse_card(
    text: str | None,
    patterns: CardPatterns,
    *,
    repositories: RepositoryPaths,
    path: str = "README.md",
    host_metadata: Mapping[str, Any] | None = None,
    host_key: str = "cardData",
) -> CardFacts:
    """Read a model card: its file's text when read, else (or when its own front matter cannot be
    read) the metadata a host parsed from it, located at `host_key` (the Hub's cardData).
    `repositories`: where a code link's repository name ends (rules/links.yaml)."""
    host = _host(host_metadata)
    if text is None:
        front = FrontMatter(host, no_line, (), [], 1, present=host is not None)
        key = host_key if host is not None else ""
        return _facts(front, path, key, patterns, repositories, False)
    text, cut = bounded_text(text)
    front = split_front_matter(text, path)
    front = replace(front, problems=(*front.problems, *cut))
    if front.data is None and host is not None:
        from_host = replace(front, data=host, line_of=no_line, present=True)
        return _facts(from_host, path, host_key, patterns, repositories, True)
    return _facts(front, path, "", patterns, repositories, True)


def bounded_text(text: str) -> tuple[str, tuple[CardField, ...]]:
    """The card's text to read: all of it, or its first MAX_CARD_CHARS characters up to the last
    blank among them (no id or link is read cut in two), with the problem that says what was
    ignored."""
    if len(text) <= MAX_CARD_CHARS:
        return text, ()
    kept = text[:MAX_CARD_CHARS]
    blank = max(kept.rfind(" "), kept.rfind("\n"), kept.rfind("\t"))
    kept = kept[: blank + 1] if blank > 0 else kept
    line = kept.count("\n") + 1
    message = (
        f"the card has {len(text):,} characters; only the first {len(kept):,} were read, "
        f"the {len(text) - len(kept):,} after them (from line {line}) were ignored"
    )
    return kept, (CardField("card", message, line),)


def _optional(field: CardField | None) -> tuple[CardField, ...]:
    return () if field is None else (field,)


def _readable(fields: tuple[CardField, ...], problems: list[CardField]) -> tuple[CardField, ...]:
    """The licence fields short enough to be a licence's id or expression, as a manifest's
    must be (licence_spelling.overlong_licence); one longer is a licence's text pasted for its
    id, said once as a problem and read as no licence: a card's 112,000-character `license`
    was quoted in every verdict and action, an 800 KB text report.  Beside others, none is
    read: `[mit, <a research-only licence's text>]` states two licences, and read as MIT alone
    met every MIT verdict (two listed are read as none, osai.card.evidence)."""
    said = [(field, overlong_licence(field.value)) for field in fields]
    problems.extend(replace(f, value=f"'{f.key}': {overlong}") for f, overlong in said if overlong)
    return () if any(overlong for _, overlong in said) else fields


def _host(metadata: Mapping[str, Any] | None) -> Mapping[str, Any] | None:
    return dict(metadata) if isinstance(metadata, Mapping) else None


def _facts(
    front: FrontMatter,
    path: str,
    metadata_key: str,
    patterns: CardPatterns,
    repositories: RepositoryPaths,
    body_read: bool,
) -> CardFacts:
    data = front.data or {}
    line_of = front.line_of
    problems: list[CardField] = list(front.problems)
    body = read_body(
        front.body, front.body_first_line, patterns.placeholders, patterns.code_languages
    )
    licences = _readable(strings(data, "license", line_of, problems), problems)
    licence_name = _readable(_optional(single(data, "license_name", line_of)), problems)
    title = card_title(body.sections)
    papers = (*tag_papers(data, line_of, patterns), *body_papers(body.lines, patterns, title))
    return CardFacts(
        path=path,
        metadata_key=metadata_key,
        body_read=body_read,
        has_front_matter=front.present,
        metadata_read=front.data is not None,
        licences=licences,
        licence_name=licence_name[0] if licence_name else None,
        licence_link=single(data, "license_link", line_of),
        datasets=strings(data, "datasets", line_of, problems),
        base_models=strings(data, "base_model", line_of, problems),
        base_relation=one_word(data, BASE_RELATION_FIELD, line_of, problems),
        model_index=model_index(data, line_of, problems),
        evaluation_tables=evaluation_tables(body.lines, patterns),
        papers=dedupe_papers(papers),
        code_links=code_links(body.lines, patterns, repositories),
        dataset_links=dataset_links(body.lines, patterns),
        gating=gating(data, line_of, patterns),
        licence_mentions=licence_mentions(data, line_of, patterns, problems),
        eu_disallowed=eu_disallowed(data, line_of, patterns),
        data_sections=tuple(
            s
            for s in body.sections
            if patterns.data_sections.matches(s.heading)
            and s.chars(patterns.data_code_counts) >= patterns.data_min_chars
        ),
        not_released=not_released_statements(body.lines, patterns),
        sections=body.sections,
        labels=labels(body.lines),
        # what a reader sees, headings aside: a README of only a comment, template filler or
        # bare headings says nothing of the model, and was its model card (MOF Class III)
        body_chars=sum(line.content for line in body.lines),
        problems=tuple(problems),
        stated_fields=tuple(
            item for key in patterns.fields for item in strings(data, key, line_of, [])
        ),
        mentions=mentions(body.lines, patterns.text_rules),
        gating_fields=form_fields(data, line_of, patterns),
        licence_sentences=licence_sentences(body.lines, patterns),
        licence_restrictions=licence_restrictions(body.lines, patterns),
    )
