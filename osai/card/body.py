"""A card's markdown body: sections, evaluation tables, papers, code links, "not released".

Every reader here is linear in the body's length: each line is looked at a bounded number of
times, whatever it holds (thousands of arXiv ids or links on one line, thousands of headings).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice

from osai.card.front_matter import WORD_EDGES, Subjects
from osai.card.model import (
    CardDatasetLink,
    CardField,
    CardLicenceSentence,
    CardLink,
    CardPaper,
    CardRestriction,
    CardSection,
    CardStatement,
)
from osai.card.text import short
from osai.detection import CardPatterns
from osai.detection.card import CardFactRule, LicenceStatements
from osai.rules.links import RepositoryPaths
from osai.textsafe import words

# Each regex here has one way to match any text (no two unbounded runs that could take the same
# characters), so it is linear in the line however the line is made.  A heading's closing `#`s and
# trailing blanks are stripped in Python: `(.*?)[ \t#]*$` would be quadratic in a line of spaces.
_HEADING = re.compile(r" {0,3}(#{1,6})[ \t]+(.*)")
_HEADING_END = " \t#"
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_TABLE_CELL_RULE = re.compile(r":?-{3,}:?")  # one cell of a table's separator row, stripped
_HTML_TABLE = re.compile(r"<table\b", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r"[.;:!?](?=\s)")
# A sentence's end: "Copyright policy: not yet published." is one sentence of two clauses.
_SENTENCE_END = re.compile(r"[.!?](?=\s)")
# Where what a figure is said of starts: a sentence, or a clause after a semicolon ("Inference
# needs 1e10 FLOPs per token; training took 3e23 FLOPs"), not after a colon ("Inference: 1e10").
_STATEMENT_END = re.compile(r"[.;!?](?=\s)")
SENTENCE_REACH = 400  # characters read either side of a match for its sentence
_PARAGRAPH_START = re.compile(r"^\s*(?:[-*+]\s|\d+[.)]\s|\|)")
_COMMENT_OPEN, _COMMENT_CLOSE = "<!--", "-->"  # an HTML comment: never shown to the reader
_COMMENT_BLOCK = re.compile(r" {0,3}<!--")  # a comment that may run over several lines
# A label that titles a part of the card, as a heading would, at a line's start (a list item's
# too): "**Model Architecture:**", "- **Architecture:** ...", "- Architecture: GPT-NeoX ...".
_LABELS = (
    re.compile(r" {0,3}(?:[-*+] +)?(?:\*\*|__)([^*_]{1,80})(?:\*\*|__)"),
    re.compile(r" {0,3}(?:[-*+] +)?([A-Za-z][A-Za-z0-9 /&()'-]{0,60}):(?:\s|$)"),
)


@dataclass(frozen=True)
class Line:
    """One body line with its file line number and the headings above it (nearest first).
    `text`: the line as a reader sees it, without HTML comments (in code, as written)."""

    text: str
    number: int
    headings: tuple[str, ...]
    in_code: bool
    content: int = 0  # characters a reader sees: no HTML comment, no template placeholder
    # code a reader does not read as text: a fence's delimiters, and what a fence tagged with a
    # programming language holds (an untagged fence may hold a plain-text table)
    program: bool = False

    @property
    def nearest_heading(self) -> str:
        return self.headings[0] if self.headings else ""


@dataclass(frozen=True)
class Body:
    sections: tuple[CardSection, ...]
    lines: tuple[Line, ...]


def read_body(
    body: list[str],
    first_line: int,
    placeholders: re.Pattern[str] | None = None,
    code_languages: frozenset[str] = frozenset(),
) -> Body:
    """The body's lines and sections.  `placeholders`: template filler ("[More Information
    Needed]") that, like an HTML comment, is no section's content.  `code_languages`: a fence
    tagged with one of them holds code, not text."""
    stack: list[tuple[int, str]] = []
    lines: list[Line] = []
    headings: list[tuple[int, str, int, int]] = []  # level, heading, line, index in lines
    fence = ""
    program = in_comment = False
    for offset, text in enumerate(body):
        number = first_line + offset
        was_open = bool(fence)
        # a line inside a comment block is no heading or fence: nothing it holds is shown
        fence, in_code = (fence, False) if in_comment else _fence_state(text, fence)
        delimiter = in_code and not (was_open and fence)  # a fence opens or closes on it
        if in_code and not was_open:
            program = _fence_language(text) in code_languages
        heading = None if in_code or in_comment else _HEADING.fullmatch(text)
        if heading is not None:
            level, title = len(heading[1]), heading[2].rstrip(_HEADING_END).strip()
            while stack and stack[-1][0] >= level:
                stack.pop()
            stack.append((level, title))
            headings.append((level, title, number, len(lines)))
            continue
        above = tuple(title for _, title in reversed(stack))
        said, shown = text, text
        if not in_code:
            # what an HTML comment holds the card does not say: no statement, link or content
            said, in_comment = _uncommented(text, in_comment)
            shown = placeholders.sub(" ", said) if placeholders is not None else said
        code = delimiter or (in_code and program)
        lines.append(Line(said, number, above, in_code, len(shown.strip()), code))
    return Body(_sections(headings, lines), tuple(lines))


def _uncommented(text: str, in_comment: bool) -> tuple[str, bool]:
    """The line without its HTML comments, and whether a comment block is still open after it.
    As CommonMark reads them: a comment opened at a line's start (up to 3 spaces of indent)
    opens a block that lasts to the line holding `-->`; elsewhere on a line only a whole
    `<!-- ... -->` is a comment ("use <!-- to comment" hides nothing after it).  A template's
    guidance ("<!-- This should link to a Data Card... -->") is not what the card says."""
    position = 0
    if in_comment:
        end = text.find(_COMMENT_CLOSE)
        if end < 0:
            return "", True
        position = end + len(_COMMENT_CLOSE)
    elif (block := _COMMENT_BLOCK.match(text)) and text.find(_COMMENT_CLOSE, block.end()) < 0:
        return "", True
    shown: list[str] = []
    while (start := text.find(_COMMENT_OPEN, position)) >= 0:
        end = text.find(_COMMENT_CLOSE, start + len(_COMMENT_OPEN))
        if end < 0:  # no later opening on this line can close either: the rest is shown
            break
        shown.append(text[position:start])
        position = end + len(_COMMENT_CLOSE)
    shown.append(text[position:])
    return "".join(shown), False


def _fence_language(text: str) -> str:
    """The language a fence's opening line tags it with ("```python", "``` {python}"), else ""."""
    info = _FENCE.sub("", text, count=1).strip().lstrip("{.").split(maxsplit=1)
    return info[0].rstrip("},").lower() if info else ""


def _fence_state(text: str, fence: str) -> tuple[str, bool]:
    """The open fence after this line, and whether this line is code (fence lines included)."""
    match = _FENCE.match(text)
    if fence:
        closes = match is not None and match[1][0] == fence[0] and len(match[1]) >= len(fence)
        return ("" if closes else fence), True
    if match is not None:
        return match[1], True
    return "", False


def _sections(
    headings: list[tuple[int, str, int, int]], lines: list[Line]
) -> tuple[CardSection, ...]:
    """Each heading's section (subsections included) and the characters of text it holds (what
    a reader sees: template filler and comments are not content), and of code."""
    totals, code = [0], [0]
    for line in lines:
        totals.append(totals[-1] + line.content)
        code.append(code[-1] + (line.content if line.program else 0))
    ends = [len(lines)] * len(headings)
    open_sections: list[int] = []  # indices into headings, levels increasing
    for position, (level, _, _, start) in enumerate(headings):
        while open_sections and headings[open_sections[-1]][0] >= level:
            ends[open_sections.pop()] = start
        open_sections.append(position)
    return tuple(
        CardSection(
            title,
            level,
            number,
            totals[ends[position]] - totals[start],
            code[ends[position]] - code[start],
        )
        for position, (level, title, number, start) in enumerate(headings)
    )


def labels(lines: tuple[Line, ...]) -> tuple[CardField, ...]:
    """The labels that title a part of the card outside its headings (a bold label, a list
    item's "Label:", a markdown table's column), each with its line: cards that write their
    sections so say what a heading would, and a card with one is not shown to lack what it
    names."""
    found: list[CardField] = []
    for index, line in enumerate(lines):
        if line.in_code:
            continue
        match = next((m for p in _LABELS if (m := p.match(line.text)) is not None), None)
        if match is not None and (label := match[1].strip().rstrip(":").strip()):
            found.append(CardField("label", label, line.number))
        elif _starts_table(lines, index) and not _HTML_TABLE.search(line.text):
            cells = line.text.strip().strip("|").split("|")[:_MAX_COLUMNS]
            found += [CardField("label", c.strip(" *_`"), line.number) for c in cells if c.strip()]
    return tuple(found)


_MAX_COLUMNS = 32  # a table's columns read as labels, at most (someone else's file)


def evaluation_tables(lines: tuple[Line, ...], patterns: CardPatterns) -> tuple[CardSection, ...]:
    """Each heading with an evaluation table under it (the first table's line): one under an
    evaluation heading, or one whose first header cell says it scores models (`| Metric |`)."""
    found: dict[str, CardSection] = {}
    for index, line in enumerate(lines):
        if line.in_code or not _starts_table(lines, index):
            continue
        heading = next((h for h in line.headings if patterns.evaluation_sections.matches(h)), None)
        if heading is None and _scores_models(line, patterns):
            heading = line.nearest_heading
        if heading and heading not in found:
            found[heading] = CardSection(heading, 0, line.number)
    return tuple(found.values())


def _scores_models(line: Line, patterns: CardPatterns) -> bool:
    """A markdown table's header row whose first cell names what models are scored on."""
    rule = patterns.evaluation_first_cells
    if rule is None or _HTML_TABLE.search(line.text):
        return False
    cells = line.text.strip().removeprefix("|").split("|")
    return rule.matches(cells[0].strip(" *_`"), line.headings)


def _starts_table(lines: tuple[Line, ...], index: int) -> bool:
    """A table with a row of its own: a header and its separator alone (`| Metric | Score |`
    left to fill in) are a heading with no content, no results, as an empty section is."""
    text = lines[index].text
    if _HTML_TABLE.search(text):
        return True
    following = lines[index + 1].text if index + 1 < len(lines) else ""
    first_row = lines[index + 2].text if index + 2 < len(lines) else ""
    return "|" in text and _is_table_separator(following) and _is_table_row(first_row)


def _is_table_row(text: str) -> bool:
    """A markdown table's row holding a value: a cell with more than spaces."""
    row = text.strip()
    return "|" in row and any(cell.strip() for cell in row.strip("|").split("|"))


def _is_table_separator(text: str) -> bool:
    """A markdown table's separator row: `| --- | :---: |` (outer pipes optional)."""
    row = text.strip()
    row = row[1:] if row.startswith("|") else row
    row = row[:-1] if row.endswith("|") else row
    return all(_TABLE_CELL_RULE.fullmatch(cell.strip()) for cell in row.split("|"))


# --- papers ----------------------------------------------------------------------------------


def card_title(sections: tuple[CardSection, ...]) -> str:
    """The card's title: its first top-level heading (usually the model's name)."""
    if not sections:
        return ""
    top = min(section.level for section in sections)
    return next(section.heading for section in sections if section.level == top)


def body_papers(
    lines: tuple[Line, ...], patterns: CardPatterns, title: str = ""
) -> Iterator[CardPaper]:
    """Each paper the body links or names; the model's own when a heading or its line says so.
    `title`: the card's title, which a label's other words ("GPT-NeoX-20B paper:") must name."""
    forthcoming = _forthcoming_paper(lines, patterns)
    for line in lines:
        references = list(_paper_references(line.text, patterns))
        if not references:
            continue
        component = _paper_component(line, patterns, title)  # once per line, however many papers
        aside = _set_aside(line, patterns, title, forthcoming) if component else None
        if aside is not None:
            component = ""  # a work cited while the card's own paper is due
        for reference, venue in references:
            yield CardPaper(
                reference, line.number, line.nearest_heading, component, venue=venue,
                forthcoming_line=aside,
            )  # fmt: skip


@dataclass(frozen=True)
class _Forthcoming:
    """Where the card first says its own paper or report is still to come, and whether any
    such line names a paper (not only a technical report)."""

    line: int
    paper: bool


def _forthcoming_paper(lines: tuple[Line, ...], patterns: CardPatterns) -> _Forthcoming | None:
    """Where the card says its own paper is still to come ("Paper coming soon")."""
    regex = patterns.forthcoming_paper
    if regex is None:
        return None
    first, paper = 0, False
    for line in lines:
        match = None if line.in_code else regex.search(line.text)
        if match is not None:
            first = first or line.number
            paper = paper or not _names_only_a_report(match[0], patterns)
    return _Forthcoming(first, paper) if first else None


def _names_only_a_report(text: str, patterns: CardPatterns) -> bool:
    """ "Technical report coming soon", not "Technical report and paper coming soon"."""
    papers = patterns.paper_headings
    report = patterns.technical_report
    return report.matches(text) and not (
        papers is not None and papers.matches(report.include.sub(" ", text))
    )


def _set_aside(
    line: Line, patterns: CardPatterns, title: str, forthcoming: _Forthcoming | None
) -> int | None:
    """The line saying the card's own paper is to come, when it sets this line's paper aside:
    one only cited, and, where only a technical report is due, not under a Paper heading (that
    section holds the paper; the report is what is to come)."""
    if forthcoming is None or not _only_cited(line, patterns, title):
        return None
    if not forthcoming.paper and _under_paper_heading(line, patterns):
        return None
    return forthcoming.line


def _under_paper_heading(line: Line, patterns: CardPatterns) -> bool:
    """A heading above the line names a paper ("## Paper"): a report to come is not its paper."""
    papers = patterns.paper_headings
    return papers is not None and any(papers.matches(h) for h in line.headings)


def _only_cited(line: Line, patterns: CardPatterns, title: str) -> bool:
    """A paper the card makes its own only by a heading it cites papers under ("Citation",
    "BibTeX", "Paper": `citation_headings`): neither its line nor another heading says it is the
    model's paper."""
    if _says_own_paper(line.text, patterns, title):
        return False
    return not any(
        patterns.own_paper_headings.matches(h) and not patterns.citation_headings.matches(h)
        for h in line.headings
    )


def arxiv_reference(address: str, patterns: CardPatterns) -> str | None:
    """The arXiv paper (`arXiv:ID`) an address names, as a card's link to it is read; None for
    another paper's, or none."""
    found = (reference for reference, _ in _paper_references(address, patterns))
    return next((reference for reference in found if reference.startswith("arXiv:")), None)


def _paper_references(text: str, patterns: CardPatterns) -> Iterator[tuple[str, bool]]:
    """Each paper a line links or names, and whether it is at a peer-reviewed venue."""
    for paper in patterns.paper_links:
        for match in paper.regex.finditer(text):
            if paper.arxiv:
                yield f"arXiv:{match['id']}", False
            else:
                yield "https://" + match[0].rstrip(".,;:"), paper.venue
    for match in patterns.arxiv_text.finditer(text):
        yield f"arXiv:{match['id']}", False


def _says_own_paper(text: str, patterns: CardPatterns, title: str) -> bool:
    """The line says its paper is the model's: a cue ("our paper", "Paper:"), and when the cue
    is a label or link text with other words before it (its `name` or `link_name` group: "Base
    model paper:", "[Llama 2 Technical Report]"), the card's title has every one of those words
    but the ones that name no work ("Link to paper:", `own_paper_qualifiers`), else the label
    names another work's paper."""
    title_words = words(title) | patterns.own_paper_qualifiers
    for match in patterns.own_paper_lines.finditer(text):
        # A label's words (`name`) or a link text's (`link_name`): one pattern holds each, as
        # Python's re names a group once.
        name = match.groupdict().get("name") or match.groupdict().get("link_name")
        if name is None or words(name) <= title_words:
            return True
    return False


def _paper_component(line: Line, patterns: CardPatterns, title: str) -> str:
    own = _says_own_paper(line.text, patterns, title) or any(
        patterns.own_paper_headings.matches(heading) for heading in line.headings
    )
    if not own:
        return ""
    if any(patterns.technical_report.matches(text) for text in (line.text, *line.headings)):
        return patterns.components.report
    return patterns.components.paper


def dedupe_papers(papers: tuple[CardPaper, ...]) -> tuple[CardPaper, ...]:
    """One entry per paper: its first mention, or a later one that says it is the model's own."""
    chosen: dict[str, CardPaper] = {}
    for paper in papers:
        known = chosen.get(paper.reference)
        if known is None or (not known.component and paper.component):
            chosen[paper.reference] = paper
    return tuple(chosen.values())


# --- code links ------------------------------------------------------------------------------


def code_links(
    lines: tuple[Line, ...], patterns: CardPatterns, repositories: RepositoryPaths
) -> tuple[CardLink, ...]:
    """Links to code repositories, each named as its host names it (`repositories`)."""
    links: dict[tuple[str, tuple[str, ...]], CardLink] = {}
    for line in lines:
        segment_start = 0
        context = ""
        for match in patterns.code_link.finditer(line.text):
            segment = line.text[segment_start : match.end()]
            segment_start = match.end()
            context = context or short(line.text.strip())
            link = _code_link(match, segment, line, context, patterns, repositories)
            if link is not None:
                links.setdefault((link.url, link.topics), link)
    return tuple(links.values())


def _code_link(
    match: re.Match[str],
    segment: str,
    line: Line,
    context: str,
    patterns: CardPatterns,
    repositories: RepositoryPaths,
) -> CardLink | None:
    """A code repository link; its topics come from its URL, else the words before it on its
    line (since the previous link), else the nearest heading that has any."""
    whole = match[0]
    if patterns.ignore_urls is not None and patterns.ignore_urls.search(whole):
        return None
    if any(p.regex.search(whole) for p in patterns.paper_links):
        return None
    host = match["host"].lower()
    named = _repository_path(host, match, repositories)
    if named is None:
        return None
    url = f"https://{host}/{'/'.join(named)}"
    path_words = f"{_cleaned(match['repo'])} {match['rest']}"
    topics = code_topics_of(path_words, patterns) or code_topics_of(segment, patterns)
    if not topics:
        topics = next((t for h in line.headings if (t := code_topics_of(h, patterns))), ())
    return CardLink(url, line.number, line.nearest_heading, context, topics)


# A segment of a repository's name on a host: the characters an owner or a name may hold.
_NAME_SEGMENT = re.compile(r"[A-Za-z0-9_.\-]+")
# No host holds a longer segment (a file name's bound; GitHub's names stop at 100): a card's
# github.com/acme/qqq… of 100,000 characters was the training code's evidence, quoted whole.
_LONGEST_SEGMENT = 255


def _repository_path(
    host: str, match: re.Match[str], repositories: RepositoryPaths
) -> list[str] | None:
    """The segments of a code link that name its repository, as rules/links.yaml says where a
    name ends (RepositoryPaths.name): owner/name, or on a host whose groups nest (GitLab) the
    groups and the project, up to a route's segment (`-`, `tree`...).  None when the link names
    no repository (`gitlab.com/-/ide`)."""
    # a sentence's punctuation after the link is not part of its last segment ("…/project, and")
    rest = re.split(r"[?#]", match["rest"], maxsplit=1)[0].rstrip(".,;:!")
    after = rest.split("/")[1:] if rest.startswith("/") else []
    path = [match["owner"], match["repo"]]
    for segment in after:  # up to the first that no name holds (a blank, a `%20`, a `:`)
        if not _NAME_SEGMENT.fullmatch(segment):
            break
        path.append(segment)
    named = repositories.name(host, path)
    if len(named) < 2:
        return None
    named[-1] = _cleaned(named[-1])
    if any(len(segment) > _LONGEST_SEGMENT for segment in named):
        return None
    return named if named[-1] else None


def _cleaned(name: str) -> str:
    """A repository's name without a sentence's full stop after it, or a clone URL's `.git`."""
    return re.sub(r"\.git$", "", name.rstrip("."))


def code_topics_of(text: str, patterns: CardPatterns) -> tuple[str, ...]:
    """The code components (training, evaluation...) the words of `text` name."""
    return tuple(cid for cid, words in patterns.code_topics if words.matches(text))


# --- dataset links -----------------------------------------------------------------------------


def dataset_links(lines: tuple[Line, ...], patterns: CardPatterns) -> tuple[CardDatasetLink, ...]:
    """Links to Hub datasets, once each; in a data section (not an evaluation one) they name the
    training data."""
    if patterns.dataset_link is None:
        return ()
    found: dict[str, CardDatasetLink] = {}
    for line in lines:
        for match in patterns.dataset_link.finditer(line.text):
            dataset_id = match["id"].rstrip(".")
            training = any(patterns.data_sections.matches(h) for h in line.headings[:1])
            known = found.get(dataset_id)
            if known is None or (training and not known.training):
                found[dataset_id] = CardDatasetLink(
                    dataset_id, line.number, line.nearest_heading, training
                )
    return tuple(found.values())


# --- "not released" --------------------------------------------------------------------------


def not_released(lines: tuple[Line, ...], patterns: CardPatterns) -> tuple[CardStatement, ...]:
    statements = []
    for paragraph in _paragraphs(lines):
        for component_id, regex in patterns.not_released:
            match = next(
                (m for m in regex.finditer(paragraph.text) if paragraph.states(m, patterns)), None
            )
            if match is not None:
                statements.append(
                    CardStatement(
                        component_id,
                        short(paragraph.clause(match)),
                        paragraph.line_at(match.start()),
                    )
                )
    return tuple(statements)


@dataclass(frozen=True)
class _Paragraph:
    """Prose lines joined (a sentence may wrap), with where each line and clause starts."""

    text: str
    offsets: tuple[int, ...]  # where each line starts in `text`
    numbers: tuple[int, ...]  # its line number in the file
    breaks: tuple[int, ...]  # where each clause break ends

    def line_at(self, offset: int) -> int:
        return self.numbers[bisect.bisect_right(self.offsets, offset) - 1]

    def clause_start(self, offset: int) -> int:
        index = bisect.bisect_right(self.breaks, offset) - 1
        return self.breaks[index] if index >= 0 else 0

    def states(self, match: re.Match[str], patterns: CardPatterns) -> bool:
        """The statement is the card's own: no condition, other subject or negation before it
        in its clause, nothing (a baseline's code) within it that makes it about something
        else."""
        clause = self.text[self.clause_start(match.start()) : match.start()]
        before = patterns.not_released_before
        if before is not None and before.search(clause):
            return False
        within = patterns.not_released_within
        return within is None or within.search(match[0]) is None

    def sentence(self, match: re.Match[str]) -> str:
        """The whole sentence a match stands in, what comes after it too, up to SENTENCE_REACH
        characters either side (a hostile card's one long paragraph is not read again for
        each match in it)."""
        start = max(0, match.start() - SENTENCE_REACH)
        ends = [end.end() for end in _SENTENCE_END.finditer(self.text, start, match.start())]
        stop = min(len(self.text), match.end() + SENTENCE_REACH)
        after = _SENTENCE_END.search(self.text, match.end(), stop)
        return self.text[ends[-1] if ends else start : after.end() if after else stop]

    def clause(self, match: re.Match[str]) -> str:
        """The sentence a statement stands in."""
        start = self.clause_start(match.start())
        after = _CLAUSE_BREAK.search(self.text, match.end())
        return self.text[start : after.end() if after else len(self.text)].strip()


def _paragraphs(lines: tuple[Line, ...]) -> Iterator[_Paragraph]:
    """The body's prose paragraphs.  Code, blank lines, headings, list items and table rows
    break paragraphs."""
    parts: list[str] = []
    numbers: list[int] = []
    previous = -1
    for line in lines:
        stripped = line.text.strip()
        breaks = line.number != previous + 1 or _PARAGRAPH_START.match(line.text) is not None
        if (breaks or line.in_code or not stripped) and parts:
            yield _paragraph(parts, numbers)
            parts, numbers = [], []
        previous = line.number
        if stripped and not line.in_code:
            parts.append(stripped)
            numbers.append(line.number)
    if parts:
        yield _paragraph(parts, numbers)


def _paragraph(parts: list[str], numbers: list[int]) -> _Paragraph:
    offsets, position = [], 0
    for part in parts:
        offsets.append(position)
        position += len(part) + 1
    text = " ".join(parts)
    breaks = tuple(match.end() for match in _CLAUSE_BREAK.finditer(text))
    return _Paragraph(text, tuple(offsets), tuple(numbers), breaks)


# A number a card states, read at most this many times: enough to see that it gives two.
MAX_NUMBER_MENTIONS = 20


def mentions(lines: tuple[Line, ...], rules: tuple[CardFactRule, ...]) -> tuple[CardField, ...]:
    """For each text rule, the first sentence of the body's prose (outside code) that matches
    it: the fact's value (its `value` group, else the match) and the line it starts on; for a
    number, each one the prose states (up to MAX_NUMBER_MENTIONS), so that a card stating two
    ("the smallest run used 2e21 FLOPs, the final model 8e24 FLOPs") is not read by its first.
    Prose is read by paragraph, since a sentence may wrap ("licensed to us / only and may not
    be redistributed" is one sentence, not its second half)."""
    found: list[CardField] = []
    paragraphs: list[_Paragraph] | None = None
    for rule in rules:
        pattern = rule.text
        if pattern is None:
            continue
        if paragraphs is None:
            paragraphs = list(_paragraphs(lines))
        wanted = MAX_NUMBER_MENTIONS if rule.number else 1
        matched = (
            (paragraph, match)
            for paragraph in paragraphs
            for match in (
                _figures(pattern, paragraph, rule.unless_before)
                if rule.number
                else _first(pattern, paragraph, rule.unless)
            )
        )
        for paragraph, match in islice(matched, wanted):
            value = (match.groupdict().get("value") or match[0]).strip()
            start = match.start("value") if "value" in match.groupdict() else match.start()
            found.append(CardField(rule.fact, short(value), paragraph.line_at(start)))
    return tuple(found)


def _figures(
    pattern: re.Pattern[str], paragraph: _Paragraph, unless_before: re.Pattern[str] | None
) -> Iterator[re.Match[str]]:
    """Each figure `pattern` finds but those whose statement says before it what sets it
    aside (`unless_before`: "Each training step takes 3.2e18 FLOPs", "Our fine-tuning stage
    used 2.1e19 FLOPs"), read from where its sentence or clause starts, or the figure before
    it ends ("3e23 FLOPs, and the fine-tuning 2e19 FLOPs": the fine-tuning's is the second),
    at most SENTENCE_REACH characters back."""
    since = 0
    for match in pattern.finditer(paragraph.text):
        start = max(since, match.start() - SENTENCE_REACH)
        ends = [end.end() for end in _STATEMENT_END.finditer(paragraph.text, start, match.start())]
        since = match.end()
        before = ends[-1] if ends else start
        if unless_before is None or not unless_before.search(paragraph.text, before, match.start()):
            yield match


def _first(
    pattern: re.Pattern[str], paragraph: _Paragraph, unless: re.Pattern[str] | None
) -> tuple[re.Match[str], ...]:
    """The first match whose sentence `unless` does not match (a negation, a condition)."""
    for match in pattern.finditer(paragraph.text):
        if unless is None or unless.search(paragraph.sentence(match)) is None:
            return (match,)
    return ()


# "released under" statements of a licence section read, at most: a hostile section repeating
# one is read in bounded time (a real card states its weights' licence once or twice).
MAX_LICENCE_SENTENCES = 64
_WORDS_AFTER = re.compile(r"[^\s.;!?]+(?:[.][^\s.;!?]+)*")  # a word, "4.0" and "v2.1" whole


def licence_sentences(
    lines: tuple[Line, ...], patterns: CardPatterns
) -> tuple[CardLicenceSentence, ...]:
    """The sentences of the card's licence section (rules/detection.yaml
    `card.licence_statements`) that say under what the model or its weights are released: the
    subject nearest before the statement is the model's (not the data's, the code's), and no
    negation or contrast precedes it in its sentence."""
    rule = patterns.licence_statements
    if rule is None:
        return ()
    found: list[CardLicenceSentence] = []
    read = 0
    for paragraph in _licence_section(lines, rule):
        subjects: Subjects | None = None
        for match in rule.statement.finditer(paragraph.text):
            read += 1
            if read > MAX_LICENCE_SENTENCES:
                return tuple(found)
            subjects = subjects or Subjects.of(paragraph.text, patterns)
            if not _said_of_the_model(paragraph, subjects, match, rule.reject_before):
                continue
            words = _words_after(paragraph.text, match.end(), rule.max_words)
            if words:
                sentence = short(paragraph.sentence(match).strip())
                found.append(CardLicenceSentence(words, sentence, paragraph.line_at(match.start())))
    return tuple(found)


def licence_restrictions(
    lines: tuple[Line, ...], patterns: CardPatterns
) -> tuple[CardRestriction, ...]:
    """The sentences of the card's licence section that restrict the use of the model or its
    weights without naming a licence (rules/detection.yaml `card.licence_statements`
    `restrictions`: "The model weights may be used for non-commercial research purposes
    only"), each once with every restriction category it says, in the order of the card.  Read
    as licence_sentences reads its statements: the subject nearest before is the model's, no
    negation or contrast precedes it in its sentence ("no separate licence is needed"), and at
    most MAX_LICENCE_SENTENCES matches are read."""
    rule = patterns.licence_statements
    if rule is None or not rule.restrictions:
        return ()
    said: dict[str, tuple[int, list[str]]] = {}  # sentence -> its line, its categories
    read = 0
    for paragraph in _licence_section(lines, rule):
        subjects: Subjects | None = None
        for category, pattern in rule.restrictions:
            for match in pattern.finditer(paragraph.text):
                read += 1
                if read > MAX_LICENCE_SENTENCES:
                    return _restrictions(said)
                subjects = subjects or Subjects.of(paragraph.text, patterns)
                if not _said_of_the_model(
                    paragraph, subjects, match, rule.restriction_reject_before
                ):
                    continue
                sentence = short(paragraph.sentence(match).strip())
                _, categories = said.setdefault(sentence, (paragraph.line_at(match.start()), []))
                if category not in categories:
                    categories.append(category)
    return _restrictions(said)


def _restrictions(said: dict[str, tuple[int, list[str]]]) -> tuple[CardRestriction, ...]:
    found = (CardRestriction(tuple(c), text, line) for text, (line, c) in said.items())
    return tuple(sorted(found, key=lambda restriction: restriction.line))


def _licence_section(lines: tuple[Line, ...], rule: LicenceStatements) -> Iterator[_Paragraph]:
    """The prose paragraphs under a heading of the card's licence section."""
    return _paragraphs(
        tuple(
            line
            for line in lines
            if not line.in_code and any(rule.headings.matches(h) for h in line.headings)
        )
    )


def _said_of_the_model(
    paragraph: _Paragraph,
    subjects: Subjects,
    match: re.Match[str],
    reject_before: re.Pattern[str] | None,
) -> bool:
    """Whether what `match` says is said of the model or its weights: the subject nearest
    before it in its sentence is the model's, and nothing `reject_before` matches (a
    negation, a contrast, a condition) precedes it there."""
    start = max(subjects.sentence_start(match.start()), match.start() - SENTENCE_REACH)
    if reject_before is not None and reject_before.search(paragraph.text, start, match.start()):
        return False
    return subjects.own_before(match.start())


def _words_after(text: str, position: int, count: int) -> tuple[str, ...]:
    """Up to `count` words after `position`, to the sentence's end, without quotes or brackets."""
    stop = _SENTENCE_END.search(text, position, position + 64 * count)
    end = stop.start() if stop is not None else min(len(text), position + 64 * count)
    words = (m[0].strip(WORD_EDGES) for m in _WORDS_AFTER.finditer(text, position, end))
    return tuple(word for word in words if word)[:count]
