"""The model card parser, shared by every source: README.md text (or cardData + body) → CardFacts.

A card shows: licence(s), datasets, base model, evaluation results (model-index, or a table under an
evaluation heading), papers (arXiv ids, paper and report links), links to code repositories and the
section they stand in, gating fields (and the licences their prompt names), data information
sections, and sentences saying a component is not released; each with its line in the file.
Patterns come from rules/detection.yaml (`card:`).

Pure: the caller passes the text; nothing here reads a file, prints or exits.  A broken front matter
is a problem recorded in the facts, never an exception: a card is evidence, not input osai refuses.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from osai.errors import BadInput, RulesError
from osai.evidence import Certainty, Fact, Finding, FindingKind, LicenceFact, Presence, Provenance
from osai.licenses import LicenceKnowledge, fold
from osai.rules import RuleSet
from osai.sources.compiled import compiled
from osai.sources.merge import Observation, normalised_licence, settles
from osai.yamlsafe import parse_yaml

LineOf = Callable[..., int | None]

_HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)[ \t#]*$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_TABLE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
_HTML_TABLE = re.compile(r"<table\b", re.IGNORECASE)
_MARKDOWN_LINK = re.compile(r"\[([^\]\n]+)\]\(([^)\s]*)\)")
_WORD_EDGES = "\"'\u201c\u201d\u2018\u2019()[]{}<>*_,.;:!?"  # quotes, brackets, punctuation
_CONTEXT_CHARS = 200


# --- what a card shows -----------------------------------------------------------------------


@dataclass(frozen=True)
class CardField:
    """A value the card states, with its 1-based line in the file (None when not known)."""

    key: str
    value: str
    line: int | None = None


@dataclass(frozen=True)
class CardSection:
    """A heading of the card body, and how much text its section holds (subsections included)."""

    heading: str
    level: int
    line: int
    content_chars: int = 0


@dataclass(frozen=True)
class CardLink:
    """A link to a code repository, and the components its URL, line or section suggest."""

    url: str
    line: int
    heading: str
    context: str
    topics: tuple[str, ...] = ()


@dataclass(frozen=True)
class CardPaper:
    """A paper the card points to; `component` is "" when the card only cites another work."""

    reference: str
    line: int | None
    heading: str
    component: str
    tagged: bool = False


@dataclass(frozen=True)
class CardStatement:
    """A sentence saying a component is not released."""

    component: str
    text: str
    line: int


@dataclass(frozen=True)
class CardFacts:
    """Everything osai reads from one model card."""

    has_front_matter: bool = False
    licences: tuple[CardField, ...] = ()
    licence_name: CardField | None = None
    licence_link: CardField | None = None
    datasets: tuple[CardField, ...] = ()
    base_models: tuple[CardField, ...] = ()
    model_index: CardField | None = None
    evaluation_tables: tuple[CardSection, ...] = ()
    papers: tuple[CardPaper, ...] = ()
    code_links: tuple[CardLink, ...] = ()
    gating: tuple[CardField, ...] = ()
    licence_mentions: tuple[CardField, ...] = ()
    eu_disallowed: CardField | None = None
    data_sections: tuple[CardSection, ...] = ()
    not_released: tuple[CardStatement, ...] = ()
    sections: tuple[CardSection, ...] = ()
    body_chars: int = 0
    problems: tuple[CardField, ...] = ()

    @property
    def arxiv_ids(self) -> tuple[str, ...]:
        prefix = "arXiv:"
        return tuple(
            p.reference[len(prefix) :] for p in self.papers if p.reference.startswith(prefix)
        )

    @property
    def is_empty(self) -> bool:
        return not self.has_front_matter and self.body_chars == 0


# --- patterns --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Keywords:
    """Whole-word keywords (spaces also match - and _), with words that rule a match out."""

    include: re.Pattern[str]
    exclude: re.Pattern[str] | None = None

    def matches(self, text: str) -> bool:
        if not self.include.search(text):
            return False
        return self.exclude is None or not self.exclude.search(text)


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
class CardPatterns:
    """rules/detection.yaml `card:`, compiled once."""

    components: CardComponents

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
    ignore_urls: re.Pattern[str] | None
    not_released: tuple[tuple[str, re.Pattern[str]], ...]
    not_released_before: re.Pattern[str] | None
    not_released_within: re.Pattern[str] | None
    gating_key: re.Pattern[str] | None
    mention_keys: tuple[str, ...] = ()
    mention_end: re.Pattern[str] | None = None
    mention_words: int = 0
    eu_disallowed_key: str = ""


def card_patterns(rules: RuleSet) -> CardPatterns:
    """The compiled card patterns of a rule set (compiled once per rule set)."""
    return compiled(rules, "card", _card_patterns)


def _card_patterns(rules: RuleSet) -> CardPatterns:
    return compile_card_patterns(rules.detection["card"], set(rules.components))


def compile_card_patterns(card: Mapping[str, Any], component_ids: set[str]) -> CardPatterns:
    topics = tuple(
        (cid, keywords(e["keywords"], e.get("exclude", ())))
        for cid, e in card["code_topics"].items()
    )
    data = card["data_sections"]
    not_released = card["not_released"]
    subjects: Mapping[str, list[str]] = not_released["subjects"]
    components = CardComponents(**card["components"])
    named = set(card["code_topics"]) | set(subjects) | set(card["components"].values())
    _check_components(named, component_ids)
    hosts = "|".join(card["code_hosts"])
    gating = card.get("gating_keys") or []
    mentions = card.get("licence_mentions") or {}
    return CardPatterns(
        components=components,
        code_topics=topics,
        data_sections=keywords(data["keywords"], data.get("exclude", ())),
        data_min_chars=int(data["min_content_chars"]),
        evaluation_sections=keywords(
            card["evaluation_sections"]["keywords"], card["evaluation_sections"].get("exclude", ())
        ),
        paper_links=tuple(
            PaperPattern(re.compile(e["pattern"], re.IGNORECASE), bool(e.get("arxiv")))
            for e in card["paper_links"]
        ),
        arxiv_text=re.compile(card["arxiv_text"], re.IGNORECASE),
        own_paper_headings=keywords(card["own_paper_headings"]),
        own_paper_lines=re.compile("|".join(f"(?:{p})" for p in card["own_paper_lines"]), re.I),
        technical_report=keywords(card["technical_report_keywords"]),
        code_link=re.compile(
            rf"(?<![\w.\-/])(?:https?://)?(?:www\.)?(?P<host>{hosts})/"
            r"(?P<owner>[A-Za-z0-9_.\-]+)/(?P<repo>[A-Za-z0-9_.\-]+)(?P<rest>[^\s)\]>\"'`|]*)",
            re.IGNORECASE,
        ),
        ignore_urls=_any_of(card.get("ignore_urls") or []),
        not_released=tuple(
            (cid, _statement_regex(not_released, phrases)) for cid, phrases in subjects.items()
        ),
        not_released_before=_any_of(not_released.get("reject_before") or []),
        not_released_within=_any_of(not_released.get("reject_within") or []),
        gating_key=re.compile("|".join(f"(?:{p})" for p in gating)) if gating else None,
        mention_keys=tuple(mentions.get("keys") or ()),
        mention_end=_word_regex(mentions["phrase_ends"]) if mentions.get("phrase_ends") else None,
        mention_words=int(mentions.get("max_words") or 0),
        eu_disallowed_key=str(card.get("eu_disallowed_key") or ""),
    )


def keywords(include: Any, exclude: Any = ()) -> Keywords:
    """Whole-word, case-insensitive keyword matching; a space in a keyword also matches - or _."""
    return Keywords(_word_regex(include), _word_regex(exclude) if exclude else None)


def _word_regex(words: Any) -> re.Pattern[str]:
    alternatives = sorted((_word(w) for w in words), key=len, reverse=True)
    return re.compile(
        rf"(?<![A-Za-z0-9])(?:{'|'.join(alternatives)})(?![A-Za-z0-9])", re.IGNORECASE
    )


def _word(word: str) -> str:
    return r"[\s_\-]+".join(re.escape(part) for part in str(word).split())


def _any_of(patterns: list[str]) -> re.Pattern[str] | None:
    if not patterns:
        return None
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


def _statement_regex(not_released: Mapping[str, Any], subjects: list[str]) -> re.Pattern[str]:
    subject = "|".join(f"(?:{s})" for s in subjects)
    end = f"(?:{not_released['clause_end']})"
    return re.compile(
        "|".join(
            f"(?:{s.replace('{subject}', subject).replace('{end}', end)})"
            for s in not_released["statements"]
        ),
        re.IGNORECASE,
    )


def _check_components(named: set[str], known: set[str]) -> None:
    unknown = sorted(named - known)
    if unknown:
        raise RulesError(f"rules/detection.yaml: card: unknown component(s): {', '.join(unknown)}")


# --- parsing ---------------------------------------------------------------------------------


def parse_card(text: str, patterns: CardPatterns, *, name: str = "README.md") -> CardFacts:
    """Read a whole README.md: YAML front matter (bounded), then the markdown body."""
    lines = text.splitlines()
    end = _front_matter_end(lines)
    if end is None:
        unclosed = bool(lines) and lines[0].lstrip("\ufeff").rstrip() == "---"
        problems = (CardField("front matter", "front matter is never closed (---)", 1),)
        return _facts(None, lambda *_: None, problems if unclosed else (), lines, 1, patterns)
    front_text = "\n".join(lines[1:end])
    try:
        document = parse_yaml(front_text, Path(name))
    except BadInput as exc:
        problem = CardField("front matter", f"invalid YAML front matter ({_after_path(exc)})", 1)
        return _facts({}, lambda *_: None, (problem,), lines[end + 1 :], end + 2, patterns)
    data = document.data if document.data is not None else {}
    if not isinstance(data, dict):
        problem = CardField("front matter", "front matter is not a YAML mapping", 1)
        return _facts({}, lambda *_: None, (problem,), lines[end + 1 :], end + 2, patterns)

    def line_of(*node: str | int) -> int | None:
        line = document.line_of(*node)
        return None if line is None else line + 1

    return _facts(data, line_of, (), lines[end + 1 :], end + 2, patterns)


def parse_card_data(
    card_data: Mapping[str, Any] | None,
    body: str,
    patterns: CardPatterns,
    *,
    body_first_line: int = 1,
) -> CardFacts:
    """Read a card the Hub has already parsed (cardData) and its markdown body (may be empty).

    Front matter lines are unknown here (None); body lines count from `body_first_line`.
    """
    data = dict(card_data) if card_data is not None else None
    return _facts(data, lambda *_: None, (), body.splitlines(), body_first_line, patterns)


def _front_matter_end(lines: list[str]) -> int | None:
    if not lines or lines[0].lstrip("\ufeff").rstrip() != "---":
        return None
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            return index
    return None


def _after_path(exc: BadInput) -> str:
    message = str(exc)
    return message.split(": invalid YAML: ", 1)[-1]


def _facts(
    data: dict[str, Any] | None,
    line_of: LineOf,
    problems: tuple[CardField, ...],
    body: list[str],
    first_line: int,
    patterns: CardPatterns,
) -> CardFacts:
    front = data or {}
    front_problems: list[CardField] = list(problems)
    licences = _strings(front, "license", line_of, front_problems)
    sections, blocks = _read_body(body, first_line)
    tag_papers = _tag_papers(front, line_of, patterns)
    return CardFacts(
        has_front_matter=data is not None,
        licences=licences,
        licence_name=_single(front, "license_name", line_of),
        licence_link=_single(front, "license_link", line_of),
        datasets=_strings(front, "datasets", line_of, front_problems),
        base_models=_strings(front, "base_model", line_of, front_problems),
        model_index=_model_index(front, line_of, front_problems),
        evaluation_tables=_evaluation_tables(blocks, patterns),
        papers=_dedupe_papers((*tag_papers, *_body_papers(blocks, patterns))),
        code_links=_code_links(blocks, patterns),
        gating=_gating(front, line_of, patterns),
        licence_mentions=_licence_mentions(front, line_of, patterns),
        eu_disallowed=_eu_disallowed(front, line_of, patterns),
        data_sections=tuple(
            s
            for s in sections
            if patterns.data_sections.matches(s.heading)
            and s.content_chars >= patterns.data_min_chars
        ),
        not_released=_not_released(blocks, patterns),
        sections=sections,
        body_chars=sum(len(line.strip()) for line in body),
        problems=tuple(front_problems),
    )


# --- front matter ----------------------------------------------------------------------------


def _strings(
    front: Mapping[str, Any], key: str, line_of: LineOf, problems: list[CardField]
) -> tuple[CardField, ...]:
    value = front.get(key)
    if value is None:
        return ()
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        return (CardField(key, str(value).strip(), line_of(key)),) if str(value).strip() else ()
    if isinstance(value, list):
        for index, item in enumerate(value):
            if not _is_scalar(item):
                where = line_of(key, index)
                problems.append(CardField(key, f"'{key}' item {index + 1} is not a string", where))
        return tuple(
            CardField(key, str(item).strip(), line_of(key, index))
            for index, item in enumerate(value)
            if _is_scalar(item) and str(item).strip()
        )
    problems.append(CardField(key, f"'{key}' is neither a string nor a list", line_of(key)))
    return ()


def _is_scalar(item: object) -> bool:
    return isinstance(item, str | int | float) and not isinstance(item, bool)


def _single(front: Mapping[str, Any], key: str, line_of: LineOf) -> CardField | None:
    value = front.get(key)
    if isinstance(value, str) and value.strip():
        return CardField(key, value.strip(), line_of(key))
    return None


def _model_index(
    front: Mapping[str, Any], line_of: LineOf, problems: list[CardField]
) -> CardField | None:
    index = front.get("model-index")
    if index is None:
        return None
    if not isinstance(index, list):
        problems.append(
            CardField("model-index", "'model-index' is not a list", line_of("model-index"))
        )
        return None
    metrics = sum(
        1
        for entry in index
        if isinstance(entry, dict)
        for result in entry.get("results") or []
        if isinstance(result, dict)
        for metric in result.get("metrics") or []
        if isinstance(metric, dict) and metric.get("value") is not None
    )
    if metrics == 0:
        return None
    return CardField("model-index", f"{metrics} evaluation result(s)", line_of("model-index"))


def _gating(
    front: Mapping[str, Any], line_of: LineOf, patterns: CardPatterns
) -> tuple[CardField, ...]:
    if patterns.gating_key is None:
        return ()
    return tuple(
        CardField(key, _short(str(value)), line_of(key))
        for key, value in front.items()
        if isinstance(key, str)
        and patterns.gating_key.fullmatch(key)
        and value not in (None, False)
    )


def _licence_mentions(
    front: Mapping[str, Any], line_of: LineOf, patterns: CardPatterns
) -> tuple[CardField, ...]:
    """Phrases that may name a licence in the gating prompt: link texts first, then phrases
    ending in a licence word (longest first), in the order of `licence_mentions.keys`."""
    mentions: list[CardField] = []
    for key in patterns.mention_keys:
        value = front.get(key)
        if not isinstance(value, str):
            continue
        line = line_of(key)
        phrases = [*_link_texts(value), *_ending_phrases(value, patterns)]
        mentions.extend(CardField(key, " ".join(p.split()), line) for p in phrases)
    return tuple(mentions)


def _link_texts(text: str) -> list[str]:
    return [match[1] for match in _MARKDOWN_LINK.finditer(text)]


def _ending_phrases(text: str, patterns: CardPatterns) -> Iterator[str]:
    """For each licence word, the phrases of up to `max_words` words that end with it."""
    if patterns.mention_end is None or patterns.mention_words < 1:
        return
    plain = _MARKDOWN_LINK.sub(lambda match: match[1], text)
    for match in patterns.mention_end.finditer(plain):
        words = [w.strip(_WORD_EDGES) for w in plain[: match.end()].split()]
        words = words[-patterns.mention_words :]
        for start in range(len(words)):
            if words[start]:
                yield " ".join(words[start:])


def _eu_disallowed(
    front: Mapping[str, Any], line_of: LineOf, patterns: CardPatterns
) -> CardField | None:
    key = patterns.eu_disallowed_key
    if key and front.get(key) is True:
        return CardField(key, "true", line_of(key))
    return None


def _tag_papers(
    front: Mapping[str, Any], line_of: LineOf, patterns: CardPatterns
) -> tuple[CardPaper, ...]:
    tags = front.get("tags")
    if not isinstance(tags, list):
        return ()
    papers = []
    for index, tag in enumerate(tags):
        match = patterns.arxiv_text.fullmatch(str(tag).strip())
        if match:
            reference = f"arXiv:{match['id']}"
            line = line_of("tags", index)
            papers.append(CardPaper(reference, line, "", patterns.components.paper, True))
    return tuple(papers)


# --- body ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Line:
    """One body line with its file line number and the headings above it (nearest first)."""

    text: str
    number: int
    headings: tuple[str, ...]
    in_code: bool


def _read_body(
    body: list[str], first_line: int
) -> tuple[tuple[CardSection, ...], tuple[_Line, ...]]:
    stack: list[tuple[int, str, int]] = []
    blocks: list[_Line] = []
    raw_sections: list[tuple[int, str, int, int]] = []  # level, heading, line, index in blocks
    fence = ""
    for offset, text in enumerate(body):
        number = first_line + offset
        fence, in_code = _fence_state(text, fence)
        heading = None if in_code else _HEADING.match(text)
        if heading is not None:
            level, title = len(heading[1]), heading[2].strip()
            while stack and stack[-1][0] >= level:
                stack.pop()
            stack.append((level, title, number))
            raw_sections.append((level, title, number, len(blocks)))
            continue
        headings = tuple(title for _, title, _ in reversed(stack))
        blocks.append(_Line(text, number, headings, in_code))
    return _sections(raw_sections, blocks), tuple(blocks)


def _fence_state(text: str, fence: str) -> tuple[str, bool]:
    """The open fence after this line, and whether this line is code (fence lines included)."""
    match = _FENCE.match(text)
    if fence:
        closes = match is not None and match[1][0] == fence[0] and len(match[1]) >= len(fence)
        return ("" if closes else fence), True
    if match is not None:
        return match[1], True
    return "", False


def _sections(raw: list[tuple[int, str, int, int]], blocks: list[_Line]) -> tuple[CardSection, ...]:
    sections = []
    for position, (level, title, line, start) in enumerate(raw):
        end = next((r[3] for r in raw[position + 1 :] if r[0] <= level), len(blocks))
        chars = sum(len(b.text.strip()) for b in blocks[start:end])
        sections.append(CardSection(title, level, line, chars))
    return tuple(sections)


def _evaluation_tables(
    blocks: tuple[_Line, ...], patterns: CardPatterns
) -> tuple[CardSection, ...]:
    found: dict[str, CardSection] = {}
    for index, line in enumerate(blocks):
        if line.in_code or not _starts_table(blocks, index):
            continue
        heading = next((h for h in line.headings if patterns.evaluation_sections.matches(h)), None)
        if heading is not None and heading not in found:
            found[heading] = CardSection(heading, 0, line.number)
    return tuple(found.values())


def _starts_table(blocks: tuple[_Line, ...], index: int) -> bool:
    text = blocks[index].text
    if _HTML_TABLE.search(text):
        return True
    following = blocks[index + 1].text if index + 1 < len(blocks) else ""
    return "|" in text and bool(_TABLE_SEPARATOR.match(following))


def _body_papers(blocks: tuple[_Line, ...], patterns: CardPatterns) -> Iterator[CardPaper]:
    for line in blocks:
        for reference in _paper_references(line.text, patterns):
            yield CardPaper(
                reference, line.number, _nearest(line), _paper_component(line, patterns)
            )


def _paper_references(text: str, patterns: CardPatterns) -> Iterator[str]:
    for paper in patterns.paper_links:
        for match in paper.regex.finditer(text):
            yield f"arXiv:{match['id']}" if paper.arxiv else "https://" + match[0].rstrip(".,;:")
    for match in patterns.arxiv_text.finditer(text):
        yield f"arXiv:{match['id']}"


def _paper_component(line: _Line, patterns: CardPatterns) -> str:
    own = patterns.own_paper_lines.search(line.text) or any(
        patterns.own_paper_headings.matches(heading) for heading in line.headings
    )
    if not own:
        return ""
    if any(patterns.technical_report.matches(text) for text in (line.text, *line.headings)):
        return patterns.components.report
    return patterns.components.paper


def _dedupe_papers(papers: tuple[CardPaper, ...]) -> tuple[CardPaper, ...]:
    """One entry per paper: its first mention, or a later one that says it is the model's own."""
    chosen: dict[str, CardPaper] = {}
    for paper in papers:
        known = chosen.get(paper.reference)
        if known is None or (not known.component and paper.component):
            chosen[paper.reference] = paper
    return tuple(chosen.values())


def _code_links(blocks: tuple[_Line, ...], patterns: CardPatterns) -> tuple[CardLink, ...]:
    links: dict[tuple[str, tuple[str, ...]], CardLink] = {}
    for line in blocks:
        segment_start = 0
        for match in patterns.code_link.finditer(line.text):
            segment = line.text[segment_start : match.end()]
            segment_start = match.end()
            link = _code_link(match, segment, line, patterns)
            if link is not None:
                links.setdefault((link.url, link.topics), link)
    return tuple(links.values())


def _code_link(
    match: re.Match[str], segment: str, line: _Line, patterns: CardPatterns
) -> CardLink | None:
    """A code repository link; its topics come from its URL, else the words before it on its
    line (since the previous link), else the nearest heading that has any."""
    whole = match[0]
    if patterns.ignore_urls is not None and patterns.ignore_urls.search(whole):
        return None
    if any(p.regex.search(whole) for p in patterns.paper_links):
        return None
    repo = re.sub(r"\.git$", "", match["repo"].rstrip("."))
    if not repo:
        return None
    url = f"https://{match['host'].lower()}/{match['owner']}/{repo}"
    path_words = f"{repo} {match['rest']}"
    topics = _topics(path_words, patterns) or _topics(segment, patterns)
    if not topics:
        topics = next((t for h in line.headings if (t := _topics(h, patterns))), ())
    return CardLink(url, line.number, _nearest(line), _short(line.text.strip()), topics)


def _topics(text: str, patterns: CardPatterns) -> tuple[str, ...]:
    return tuple(cid for cid, words in patterns.code_topics if words.matches(text))


def _not_released(blocks: tuple[_Line, ...], patterns: CardPatterns) -> tuple[CardStatement, ...]:
    statements = []
    for text, starts in _paragraphs(blocks):
        for component_id, regex in patterns.not_released:
            match = next((m for m in regex.finditer(text) if _states(m, text, patterns)), None)
            if match is not None:
                line = next(n for offset, n in reversed(starts) if offset <= match.start())
                statements.append(CardStatement(component_id, _short(_clause(match, text)), line))
    return tuple(statements)


_CLAUSE_BREAK = re.compile(r"[.;:!?](?=\s)")
_PARAGRAPH_START = re.compile(r"^\s*(?:[-*+]\s|\d+[.)]\s|\|)")


def _paragraphs(blocks: tuple[_Line, ...]) -> Iterator[tuple[str, list[tuple[int, int]]]]:
    """The body's prose paragraphs (a sentence may wrap over lines), each with where its lines
    start in it: (offset, line number).  Code, blank lines, headings, list items and table rows
    break paragraphs."""
    text, previous = "", -1
    starts: list[tuple[int, int]] = []
    for line in blocks:
        stripped = line.text.strip()
        breaks = line.number != previous + 1 or _PARAGRAPH_START.match(line.text) is not None
        if (breaks or line.in_code or not stripped) and text:
            yield text, starts
            text, starts = "", []
        previous = line.number
        if stripped and not line.in_code:
            starts.append((len(text) + (1 if text else 0), line.number))
            text = f"{text} {stripped}" if text else stripped
    if text:
        yield text, starts


def _states(match: re.Match[str], text: str, patterns: CardPatterns) -> bool:
    """The statement is the card's own: no condition, other subject or negation before it in
    its clause, nothing (a baseline's code) within it that makes it about something else."""
    before = text[: match.start()]
    breaks = list(_CLAUSE_BREAK.finditer(before))
    clause = before[breaks[-1].end() :] if breaks else before
    if patterns.not_released_before is not None and patterns.not_released_before.search(clause):
        return False
    within = patterns.not_released_within
    return within is None or within.search(match[0]) is None


def _clause(match: re.Match[str], text: str) -> str:
    """The sentence a statement stands in."""
    before = list(_CLAUSE_BREAK.finditer(text[: match.start()]))
    start = before[-1].end() if before else 0
    after = _CLAUSE_BREAK.search(text, match.end())
    return text[start : after.end() if after else len(text)].strip()


def _nearest(line: _Line) -> str:
    return line.headings[0] if line.headings else ""


def _short(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= _CONTEXT_CHARS else flat[: _CONTEXT_CHARS - 3] + "..."


# --- from card facts to evidence -------------------------------------------------------------


@dataclass(frozen=True)
class CardEvidence:
    """What a card is evidence of: observations per component, the card licence, facts, findings.

    `licence` is the card's licence id (``license:``, or ``license_name`` for ``other``);
    `named_licence` a licence its gating prompt names (inferred), for when the id does not settle
    the licence (osai.sources.merge.repository_licence decides).
    """

    observations: tuple[Observation, ...] = ()
    licence: LicenceFact | None = None
    facts: Mapping[str, Fact] = field(default_factory=dict)
    findings: tuple[Finding, ...] = ()
    named_licence: LicenceFact | None = None
    unsettled_licences: tuple[str, ...] = ()


def card_evidence(
    card: CardFacts,
    location: str,
    source: str,
    rules: RuleSet,
    *,
    keyed: bool = False,
) -> CardEvidence:
    """Map a card's facts onto components.

    Things the card itself carries (the card, its data section, its evaluation results) are in the
    release at `location` and inherit its licences; things it only names or links (datasets, papers,
    code repositories) are published elsewhere, so they are present with no licence.  A sentence
    saying a component is not released makes it absent (unknown, with a CONFLICT finding, when the
    same source also shows it: osai.sources.merge).  A licence list whose entries differ settles
    no licence (`unsettled_licences`, with a WARNING finding).  `keyed`: the card's metadata is an
    object (the Hub's cardData), so a licence is located at its key (``cardData.license``).
    """
    cite = _Citer(location, source, keyed)
    knowledge = rules.licences
    patterns = card_patterns(rules)
    observations = [
        *_card_itself(card, cite, patterns.components),
        *_named_elsewhere(card, cite, patterns.components),
        *(
            Observation(
                s.component,
                Presence.ABSENT,
                cite(s.line, s.text, note="the card says it is not released"),
            )
            for s in card.not_released
        ),
    ]
    unsettled = unsettled_licences(card, knowledge)
    if unsettled:
        findings = (
            *_card_findings(card, cite, patterns),
            _licence_list_finding(card, cite, unsettled),
        )
        return CardEvidence(
            tuple(observations), None, _card_facts(card, cite), findings, None, unsettled
        )
    return CardEvidence(
        tuple(observations),
        _card_licence(card, cite),
        _card_facts(card, cite),
        _card_findings(card, cite, patterns),
        _named_licence(card, cite, knowledge),
    )


@dataclass(frozen=True)
class _Citer:
    location: str
    source: str
    keyed: bool = False

    def __call__(
        self,
        line: int | None,
        value: str,
        certainty: Certainty = Certainty.DETECTED,
        note: str = "",
    ) -> Provenance:
        return Provenance(self.source, self.location, value, certainty, line, note)

    def field(
        self, item: CardField, certainty: Certainty = Certainty.DETECTED, note: str = ""
    ) -> Provenance:
        """Where a front-matter field is: its key in a metadata object, else its line."""
        location = f"{self.location}.{item.key}" if self.keyed else self.location
        return Provenance(self.source, location, item.value, certainty, item.line, note)


def _card_itself(card: CardFacts, cite: _Citer, ids: CardComponents) -> Iterator[Observation]:
    here = cite.location
    if not card.is_empty:
        yield Observation(ids.card, Presence.PRESENT, cite(None, "model card"), here)
    if card.model_index is not None:
        value = f"model-index: {card.model_index.value}"
        yield Observation(
            ids.evaluation, Presence.PRESENT, cite(card.model_index.line, value), here
        )
    for table in card.evaluation_tables:
        value = f"evaluation table under '{table.heading}'"
        yield Observation(ids.evaluation, Presence.PRESENT, cite(table.line, value), here)
    for section in card.data_sections:
        value = f"section '{section.heading}' ({section.content_chars} characters)"
        note = "the model card carries the data information"
        yield Observation(ids.data, Presence.PRESENT, cite(section.line, value, note=note), here)


def _named_elsewhere(card: CardFacts, cite: _Citer, ids: CardComponents) -> Iterator[Observation]:
    for dataset in card.datasets:
        yield Observation(
            ids.datasets, Presence.PRESENT, cite(dataset.line, f"{dataset.key}: {dataset.value}")
        )
    for paper in card.papers:
        if paper.component:
            certainty = Certainty.DETECTED if paper.tagged else Certainty.INFERRED
            yield Observation(
                paper.component, Presence.PRESENT, cite(paper.line, paper.reference, certainty)
            )
    for link in card.code_links:
        note = f"linked under '{link.heading}'" if link.heading else "linked in the card"
        for topic in link.topics:
            yield Observation(
                topic, Presence.PRESENT, cite(link.line, link.url, Certainty.INFERRED, note)
            )


def _card_licence(card: CardFacts, cite: _Citer) -> LicenceFact | None:
    """The card's `license:` (`other` read through license_name), when it names one licence
    (a list of one, or of the same licence repeated: see `unsettled_licences`)."""
    if not card.licences:
        return None
    text, item = _listed_licence(card.licences[0], card)
    if item is not card.licences[0]:
        return LicenceFact(text, cite.field(item, note=f"license: {card.licences[0].value}"))
    return LicenceFact(text, cite.field(item, note="the card's license (the repository's)"))


def _listed_licence(item: CardField, card: CardFacts) -> tuple[str, CardField]:
    """A licence the card lists, `other` read through license_name when there is one."""
    if item.value.lower() == "other" and card.licence_name is not None:
        return card.licence_name.value, card.licence_name
    return item.value, item


def unsettled_licences(card: CardFacts, knowledge: LicenceKnowledge) -> tuple[str, ...]:
    """The licences a card lists, when they are not all the same licence.

    A list does not say how its licences combine (all applying? one per part?), so such a card
    settles no licence: osai does not invent an AND or an OR.
    """
    entries = [_listed_licence(item, card)[0] for item in card.licences]
    if len({normalised_licence(text, knowledge) for text in entries}) > 1:
        return tuple(entries)
    return ()


def _licence_list_finding(card: CardFacts, cite: _Citer, unsettled: tuple[str, ...]) -> Finding:
    listed = ", ".join(unsettled)
    message = (
        f"{cite.location}: the card lists several licences ({listed}) without saying how they "
        "combine; osai reads no licence from it (a component passes a policy only if every "
        "listed licence does: declare the licence of each component in a manifest)"
    )
    first = card.licences[0]
    return Finding(FindingKind.WARNING, message, (cite.field(replace(first, value=listed)),))


def _named_licence(
    card: CardFacts, cite: _Citer, knowledge: LicenceKnowledge
) -> LicenceFact | None:
    """The first licence the gating prompt names (a link text, a phrase) that osai knows."""
    for mention in card.licence_mentions:
        if _names_known_licence(mention.value, knowledge):
            note = f"the gating prompt names '{mention.value}'"
            return LicenceFact(mention.value, cite.field(mention, Certainty.INFERRED, note))
    return None


def _names_known_licence(phrase: str, knowledge: LicenceKnowledge) -> bool:
    """The phrase is a licence id or an alias (rules/licenses.yaml) of licences osai knows."""
    key = fold(phrase)
    target = knowledge.aliases.get(key) or (info.id if (info := knowledge.lookup(key)) else "")
    return bool(target) and settles(target, knowledge)


def _card_facts(card: CardFacts, cite: _Citer) -> dict[str, Fact]:
    if not card.base_models:
        return {}
    value = ", ".join(b.value for b in card.base_models)
    return {"base_model": Fact("base_model", value, cite(card.base_models[0].line, value))}


def _card_findings(card: CardFacts, cite: _Citer, patterns: CardPatterns) -> tuple[Finding, ...]:
    findings = [
        Finding(FindingKind.WARNING, f"{cite.location}: {p.value}", (cite(p.line, p.key),))
        for p in card.problems
    ]
    if card.gating:
        keys = ", ".join(g.key for g in card.gating)
        message = (
            f"access is gated ({keys}): users must accept terms before downloading; "
            "check those terms for restrictions beyond the licence"
        )
        findings.append(
            Finding(FindingKind.NOTE, message, tuple(cite(g.line, g.key) for g in card.gating))
        )
    if card.eu_disallowed is not None:
        message = f"the card refuses access from the European Union ({patterns.eu_disallowed_key})"
        findings.append(
            Finding(FindingKind.WARNING, message, (cite(card.eu_disallowed.line, "true"),))
        )
    return tuple(findings)
