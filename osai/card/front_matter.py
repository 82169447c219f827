"""A card's metadata: the YAML front matter of README.md, or a host's parse of it (cardData).

Hostile until parsed: the YAML goes through osai.yamlsafe (bounded), every value's type is checked
before use, and a broken front matter is a problem recorded with the card, never an exception.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from itertools import chain
from pathlib import Path
from typing import Any

from osai.card.model import CardField, CardPaper
from osai.card.text import short
from osai.detection import CardPatterns
from osai.errors import BadInput, NotRead
from osai.snapshot import front_matter_end, opens_front_matter
from osai.yamlsafe import InvalidYaml, parse_yaml

LineOf = Callable[..., int | None]

# No square bracket inside the text or the address: each `[` starts at most one attempt, which
# stops at the next bracket, so a prompt of `[a](` repeated is read in linear time.
_MARKDOWN_LINK = re.compile(r"\[([^\[\]\n]{1,300})\]\(([^)\[\]\s]{0,2000})\)")
_TOKEN = re.compile(r"\S+")
WORD_EDGES = "\"'\u201c\u201d\u2018\u2019()[]{}<>*_,.;:!?"  # quotes, brackets, punctuation
MAX_MENTIONS = 64  # licence mentions kept from a gating prompt; the first ones are the ones shown
MAX_FIELD_CHARS = 64 * 1024  # characters of a gating prompt read (a host's cardData is not capped)


def no_line(*_: str | int) -> int | None:
    return None


@dataclass(frozen=True)
class FrontMatter:
    """The metadata (None: none could be read), where its values are, and the body after it.

    `present`: the card has a front matter block, even one that could not be read.
    """

    data: Mapping[str, Any] | None
    line_of: LineOf
    problems: tuple[CardField, ...]
    body: list[str]
    body_first_line: int
    present: bool = False


def split_front_matter(text: str, name: str) -> FrontMatter:
    """README.md text → its YAML front matter (bounded, with lines) and the body after it."""
    lines = text.splitlines()
    end = front_matter_end(lines)
    if end is None:
        unclosed = opens_front_matter(text)
        problems = (CardField("front matter", "front matter is never closed (---)", 1),)
        return FrontMatter(None, no_line, problems if unclosed else (), lines, 1)
    body, first = lines[end + 1 :], end + 2
    try:
        text = "\n".join(lines[1:end])
        document = parse_yaml(text, Path(name), first_line=2, non_finite_absent=True)
    except BadInput as exc:
        verdict = (
            "front matter not read" if isinstance(exc, NotRead) else "invalid YAML front matter"
        )
        # at the line the problem is on, as the message says it (a SARIF result was at line 1)
        line = exc.line if isinstance(exc, InvalidYaml) and exc.line is not None else 1
        problem = CardField("front matter", f"{verdict} ({_after_path(exc, name)})", line)
        return FrontMatter(None, no_line, (problem,), body, first, present=True)
    data = document.data if document.data is not None else {}
    if not isinstance(data, dict):
        problem = CardField("front matter", "front matter is not a YAML mapping", 1)
        return FrontMatter(None, no_line, (problem,), body, first, present=True)

    def line_of(*node: str | int) -> int | None:
        line = document.line_of(*node)
        return None if line is None else line + 1

    return FrontMatter(data, line_of, (), body, first, present=True)


def _after_path(exc: BadInput, name: str) -> str:
    """The error without the file's name (the card's problem names it): "line 3, column 1" or
    "line 3: date: invalid YAML value: …"."""
    said = str(exc)
    if ": invalid YAML: " in said:
        return said.split(": invalid YAML: ", 1)[1]
    said = said.removeprefix(f"{name}:")
    # a line number after the name ("README.md:3: …"), or a problem of the whole ("README.md:
    # too many YAML aliases"), which is on no line
    return f"line {said}" if said[:1].isdigit() else said.strip()


# --- fields ----------------------------------------------------------------------------------


def strings(
    front: Mapping[str, Any], key: str, line_of: LineOf, problems: list[CardField]
) -> tuple[CardField, ...]:
    """A field that is a string or a list of strings (`license`, `datasets`, `base_model`)."""
    value = front.get(key)
    if value is None:
        return ()
    if _is_scalar(value):
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


def single(front: Mapping[str, Any], key: str, line_of: LineOf) -> CardField | None:
    value = front.get(key)
    if isinstance(value, str) and value.strip():
        return CardField(key, value.strip(), line_of(key))
    return None


def one_word(
    front: Mapping[str, Any], key: str, line_of: LineOf, problems: list[CardField]
) -> CardField | None:
    """A field that is one string (`base_model_relation`), and a problem where it is something
    else: `[finetune, merge]` was dropped unsaid, and the model read as made from no base."""
    said = single(front, key, line_of)
    if said is None and front.get(key) is not None and not isinstance(front.get(key), str):
        problems.append(CardField(key, f"'{key}' is not a string: not read", line_of(key)))
    return said


def model_index(
    front: Mapping[str, Any], line_of: LineOf, problems: list[CardField]
) -> CardField | None:
    """How many evaluation results `model-index` carries (a metric with a value counts)."""
    index = front.get("model-index")
    if index is None:
        return None
    if not isinstance(index, list):
        problems.append(
            CardField("model-index", "'model-index' is not a list", line_of("model-index"))
        )
        return None
    metrics = sum(1 for metric in _metrics(index) if metric.get("value") is not None)
    if metrics == 0:
        return None
    return CardField("model-index", f"{metrics} evaluation result(s)", line_of("model-index"))


def _metrics(index: list[Any]) -> Iterator[Mapping[str, Any]]:
    """Every metric of every result of every entry, skipping what is not the expected shape."""
    for entry in index:
        results = entry.get("results") if isinstance(entry, dict) else None
        for result in results if isinstance(results, list) else ():
            metrics = result.get("metrics") if isinstance(result, dict) else None
            yield from (m for m in (metrics if isinstance(metrics, list) else ()) if _mapping(m))


def _mapping(value: object) -> bool:
    return isinstance(value, dict)


def gating(
    front: Mapping[str, Any], line_of: LineOf, patterns: CardPatterns
) -> tuple[CardField, ...]:
    if patterns.gating_key is None:
        return ()
    return tuple(
        CardField(key, short(str(value)), line_of(key))
        for key, value in front.items()
        if isinstance(key, str)
        and patterns.gating_key.fullmatch(key)
        and value not in (None, False)
    )


def licence_mentions(
    front: Mapping[str, Any], line_of: LineOf, patterns: CardPatterns, problems: list[CardField]
) -> tuple[CardField, ...]:
    """Phrases that may name a licence in the gating prompt: link texts first, then phrases
    ending in a licence word (longest first), in the order of `licence_mentions.keys`; at most
    MAX_MENTIONS of them, from the first MAX_FIELD_CHARS characters of each key (a problem says
    what was ignored beyond them).  One whose nearest subject is something else (the data, the
    code: `other_subjects`) is that thing's licence, not a mention of the repository's."""
    mentions: list[CardField] = []
    for key in patterns.mention_keys:
        value = front.get(key)
        if not isinstance(value, str):
            continue
        line = line_of(key)
        if len(value) > MAX_FIELD_CHARS:
            message = (
                f"'{key}' has {len(value):,} characters; only the first {MAX_FIELD_CHARS:,} "
                "were read for licence names"
            )
            problems.append(CardField(key, message, line))
            value = value[:MAX_FIELD_CHARS]
        plain, links = _plain(value)
        subjects = Subjects.of(plain, patterns)
        for phrase, start in chain(links[:MAX_MENTIONS], _ending_phrases(plain, patterns)):
            if subjects.another_before(start):
                continue
            mentions.append(CardField(key, " ".join(phrase.split()), line))
            if len(mentions) >= MAX_MENTIONS:
                return tuple(mentions)
    return tuple(mentions)


def _plain(text: str) -> tuple[str, list[tuple[str, int]]]:
    """The text with each markdown link replaced by its text, and each link text with where it
    starts in it."""
    pieces: list[str] = []
    links: list[tuple[str, int]] = []
    last = size = 0
    for match in _MARKDOWN_LINK.finditer(text):
        pieces.append(text[last : match.start()])
        size += match.start() - last
        links.append((match[1], size))
        pieces.append(match[1])
        size += len(match[1])
        last = match.end()
    pieces.append(text[last:])
    return "".join(pieces), links


# Where a sentence (or a clause of a list: "the data, CC-BY-4.0; the model, MIT") ends.
_SENTENCE_BREAK = re.compile(r"[.;!?](?=\s|$)|\n")
# What joins subjects of one list ("the model and its data", "software, code, and documentation"):
# a comma or a conjunction, then up to two words ("its", "training").  Bounded, so each gap is
# read in constant time.
_LIST_GLUE = re.compile(
    r"\s*(?:,\s*(?:(?:and|or|&|plus)\s+)?|(?:and|or|&|plus|as\s+well\s+as)\s+)"
    r"(?:[\w'\u2019-]{1,40}\s+){0,2}",
    re.IGNORECASE,
)
_MAX_GLUE = 100


@dataclass(frozen=True)
class Subjects:
    """Where a prompt's sentences start, and each subject it names (the data, the code, the
    model), each found once: a mention's subject is then looked up, not read again (a prompt of
    thousands of mentions is read in linear time).

    The subject nearest before a mention in its sentence is what the mention is about ("The
    weights are under the Llama 2 Community License and our code under the MIT License": the
    MIT License is the code's), with the subjects listed with it ("The model and its data are
    under ..." is the model's too); one inside a parenthesis closed before the mention only
    describes what precedes it ("The Llama Materials (software, code, and documentation) are
    licensed under ...")."""

    breaks: tuple[int, ...]
    starts: tuple[int, ...]  # each subject, in order
    own: tuple[bool, ...]  # whether the subject, or one listed with it before it, is the model's
    closes: tuple[int, ...]  # where the parenthesis the subject stands in closes (-1: none)
    outside: tuple[int, ...]  # the nearest subject at or before it outside parentheses (-1: none)

    @staticmethod
    def of(text: str, patterns: CardPatterns) -> Subjects:
        def found(regex: re.Pattern[str] | None, own: bool) -> list[tuple[int, int, bool]]:
            return [(m.start(), m.end(), own) for m in regex.finditer(text)] if regex else []

        subjects = _outermost(
            found(patterns.mention_other, False) + found(patterns.mention_own, True)
        )
        groups = _parentheses(text)
        opens = [open_ for open_, _ in groups]
        starts: list[int] = []
        own: list[bool] = []
        closes: list[int] = []
        outside: list[int] = []
        for index, (start, _, is_own) in enumerate(subjects):
            group = bisect.bisect_right(opens, start) - 1
            close = groups[group][1] if group >= 0 and groups[group][1] > start else -1
            listed = index > 0 and _listed(text, subjects[index - 1][1], start)
            starts.append(start)
            own.append(is_own or (listed and own[-1]))
            closes.append(close)
            outside.append(index if close < 0 else (outside[-1] if outside else -1))
        breaks = tuple(m.end() for m in _SENTENCE_BREAK.finditer(text))
        return Subjects(breaks, tuple(starts), tuple(own), tuple(closes), tuple(outside))

    def another_before(self, position: int) -> bool:
        """Whether the subject nearest before `position` in its sentence is another (the data,
        the code), listed with none of the model's."""
        index = self._nearest(position)
        return index >= 0 and not self.own[index]

    def own_before(self, position: int) -> bool:
        """Whether the subject nearest before `position` in its sentence is the model's (or
        listed with it): "The model weights are released under ..." speaks of the weights."""
        index = self._nearest(position)
        return index >= 0 and self.own[index]

    def sentence_start(self, position: int) -> int:
        sentence = bisect.bisect_right(self.breaks, position) - 1
        return self.breaks[sentence] if sentence >= 0 else 0

    def _nearest(self, position: int) -> int:
        """The subject nearest before `position` in its sentence (-1: none)."""
        index = bisect.bisect_left(self.starts, position) - 1
        if index >= 0 and 0 <= self.closes[index] < position:
            index = self.outside[index]  # a parenthesis over before the mention: what it follows
        start = self.sentence_start(position)
        return index if index >= 0 and self.starts[index] >= start else -1


def _outermost(subjects: list[tuple[int, int, bool]]) -> list[tuple[int, int, bool]]:
    """The subjects in order, each not within a longer one: "model" is not the subject of "the
    base model" or "this model card", which are another's."""
    kept: list[tuple[int, int, bool]] = []
    for subject in sorted(subjects, key=lambda found: (found[0], -found[1])):
        if not kept or subject[0] >= kept[-1][1]:
            kept.append(subject)
    return kept


def _listed(text: str, previous_end: int, start: int) -> bool:
    """Whether two subjects are listed together: only a comma or a conjunction between them."""
    return start - previous_end <= _MAX_GLUE and bool(
        _LIST_GLUE.fullmatch(text, previous_end, start)
    )


def _parentheses(text: str) -> list[tuple[int, int]]:
    """Each outermost parenthesis that closes: where it opens and closes, in order."""
    groups: list[tuple[int, int]] = []
    opened: list[int] = []
    for match in re.finditer(r"[()]", text):
        if match[0] == "(":
            opened.append(match.start())
        elif opened:
            open_ = opened.pop()
            if not opened:
                groups.append((open_, match.start()))
    return groups


def _ending_phrases(plain: str, patterns: CardPatterns) -> Iterator[tuple[str, int]]:
    """For each licence word, the phrases of up to `max_words` words that end with it, each with
    where it starts.

    Only the words just before each match are looked at (a bounded window), so a prompt that
    repeats "license" thousands of times is read in linear time.
    """
    if patterns.mention_end is None or patterns.mention_words < 1:
        return
    window = 64 * patterns.mention_words
    for match in patterns.mention_end.finditer(plain):
        before = list(_TOKEN.finditer(plain, max(0, match.end() - window), match.end()))
        tokens = before[-patterns.mention_words :]
        words = [token[0].strip(WORD_EDGES) for token in tokens]
        for start in range(len(words)):
            if words[start]:
                yield " ".join(words[start:]), tokens[start].start()


def form_fields(
    front: Mapping[str, Any], line_of: LineOf, patterns: CardPatterns
) -> tuple[CardField, ...]:
    """The names of the gating form's fields (the Hub's extra_gated_fields: label → type)."""
    access = patterns.access
    form = front.get(access.fields_key) if access is not None else None
    if access is None or not isinstance(form, dict):
        return ()
    line = line_of(access.fields_key)
    return tuple(
        CardField(access.fields_key, short(str(name)), line)
        for name in list(form)[:MAX_MENTIONS]
        if isinstance(name, str) and name.strip()
    )


def eu_disallowed(
    front: Mapping[str, Any], line_of: LineOf, patterns: CardPatterns
) -> CardField | None:
    key = patterns.eu_disallowed_key
    if key and front.get(key) is True:
        return CardField(key, "true", line_of(key))
    return None


def tag_papers(
    front: Mapping[str, Any], line_of: LineOf, patterns: CardPatterns
) -> tuple[CardPaper, ...]:
    """arXiv ids among the card's own `tags:` (the Hub derives arxiv: tags from them)."""
    tags = front.get("tags")
    if not isinstance(tags, list):
        return ()
    papers = []
    for index, tag in enumerate(tags):
        match = patterns.arxiv_text.fullmatch(str(tag).strip()) if _is_scalar(tag) else None
        if match:
            reference = f"arXiv:{match['id']}"
            line = line_of("tags", index)
            papers.append(CardPaper(reference, line, "", patterns.components.paper, True))
    return tuple(papers)
