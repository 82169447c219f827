"""The one-pass YAML walk (osai.yamlbuild) reads every document exactly as the general path does.

The general path is PyYAML's SafeConstructor with osai.yamlsafe's own line index; the walk is a
shortcut for plain documents.  Every YAML file the project ships or tests with, and documents
built to sit on each edge the walk hands over (aliases, merge keys, tags, bad dates, repeated
keys, deep nesting, node bombs), must give the same values (types included), the same lines, key
lines and boolean spellings, and the same error, either way.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pytest
from clirunner import ROOT

from osai import yamlsafe
from osai.errors import BadInput
from osai.yamlsafe import YamlDocument, parse_yaml

FILES = sorted(
    path
    for folder in ("rules", "examples", "tests/fixtures")
    for pattern in ("*.yml", "*.yaml")
    for path in (ROOT / folder).rglob(pattern)
)

EDGES: dict[str, str] = {
    "scalars": "a: 1\nb: 0x1F\nc: 1_000\nd: 1.5\nh: ~\ni: null\n"
    "j: yes\nk: Off\nl: 'yes'\nm: 2024-02-29\nn: 2024-02-29 10:00:00Z\no: !!binary aGVsbG8=\n"
    "p: !!str 12\nq: !!int '7'\nr: ''\ns: 0o17\nt: +12\nu: 1e3\nv: '1e3'\n",
    "infinite": "a: 1\ne: .inf\n",
    "minus-infinite": "f: [-.inf]\n",
    "not-a-number": "g: {x: .nan}\n",
    "past-the-largest-float": "h: 1.0e+999\n",
    "keys": "1: int key\ntrue: bool key\n~: null key\n2024-01-01: date key\n1.5: float\n"
    "x: [1, 2]\n",
    "nested": "a:\n  b:\n    - c: 1\n      d: [x, {e: f}]\n    - []\n    - {}\n",
    "aliases": "a: &x [1, 2]\nb: *x\nc: &s text\nd: *s\n",
    "merge": "base: &b {x: 1}\nderived:\n  <<: *b\n  y: 2\n",
    "set": "s: !!set {a, b}\n",
    "omap": "o: !!omap [{a: 1}, {b: 2}]\n",
    "pairs": "p: !!pairs [{a: 1}, {a: 2}]\n",
    "python-tag": "x: !!python/object/apply:os.system ['true']\n",
    "custom-tag": "x: !thing 1\n",
    "bad-date": "a: 2026-02-30\nb: 1\n",
    "bad-date-then-duplicate": "a: 2026-02-30\nb: 1\nb: 2\n",
    "duplicate": "a: 1\na: 2\n",
    "duplicate-nested": "a:\n  b: 1\n  b: 1\n",
    "int-and-text-key": "1: a\n'1': b\n",
    "bad-binary": "x: !!binary '%%%'\n",
    "complex-key": "? [a, b]\n: c\n",
    "mapping-key": "? {a: b}\n: c\n",
    "value-key": "a:\n  =: 1\n",
    "deep": "".join(f"{'  ' * depth}k{depth}:\n" for depth in range(70)) + "  " * 70 + "v\n",
    "deep-list": "[" * 70 + "]" * 70 + "\n",
    "many-nodes": "[" + ", ".join(["1"] * 200_001) + "]\n",
    "just-below-many": "[" + ", ".join(["1"] * 199_998) + "]\n",
    "scalar-document": "just text\n",
    "list-document": "- a\n- b: c\n",
    "empty": "",
    "comment-only": "# nothing\n",
    "tagged-root": "!!map {a: 1}\n",
    "str-tagged-mapping": "a: !!str {b: 1}\n",
    "quoted-keys": "'a': 1\n\"b\": 2\n? c\n: 3\n",
    "multiline": "a: |\n  one\n  two\nb: >\n  folded\n  text\nc: plain\n  continued\n",
}


def _general(text: str, path: Path, monkeypatch: pytest.MonkeyPatch) -> YamlDocument | str:
    with monkeypatch.context() as patched:
        patched.setattr(yamlsafe, "walk_document", lambda *args: None)
        return _outcome(text, path)


def _outcome(text: str, path: Path) -> YamlDocument | str:
    try:
        return parse_yaml(text, path)
    except BadInput as exc:
        return f"BadInput: {exc}"


def _typed(value: Any) -> Any:
    """Values with their types, NaN comparable: what == alone would not tell apart."""
    if isinstance(value, dict):
        return ("dict", [(_typed(k), _typed(v)) for k, v in value.items()])
    if isinstance(value, list):
        return ("list", [_typed(item) for item in value])
    if isinstance(value, set):
        return ("set", sorted(repr(item) for item in value))
    if isinstance(value, float) and math.isnan(value):
        return ("float", "nan")
    return (type(value).__name__, value)


def _same(fast: YamlDocument | str, general: YamlDocument | str) -> None:
    if isinstance(general, str) or isinstance(fast, str):
        assert fast == general
        return
    assert _typed(fast.data) == _typed(general.data)
    assert fast.lines == general.lines
    assert fast.key_lines == general.key_lines
    assert fast.boolean_spellings == general.boolean_spellings


@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(ROOT)) for p in FILES])
def test_every_shipped_yaml_file_reads_the_same_either_way(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = path.read_text(encoding="utf-8")
    _same(_outcome(text, path), _general(text, path, monkeypatch))


def test_the_mot_corpus_reads_the_same_either_way(monkeypatch: pytest.MonkeyPatch) -> None:
    files = sorted((ROOT / "tests" / "fixtures" / "mot").rglob("*.yml"))
    assert len(files) > 150
    for path in files:
        text = path.read_text(encoding="utf-8")
        _same(_outcome(text, path), _general(text, path, monkeypatch))


@pytest.mark.parametrize("name", sorted(EDGES))
def test_each_edge_reads_the_same_either_way(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    path = Path(f"{name}.yml")
    _same(_outcome(EDGES[name], path), _general(EDGES[name], path, monkeypatch))


def test_the_walk_itself_reads_plain_documents() -> None:
    """Else the comparisons above would compare the general path with itself."""
    import yaml

    from osai.yamlbuild import walk_document

    loader = yamlsafe._Loader("a: [1, {b: yes}]\n")
    try:
        walk = walk_document(loader, loader.get_single_node(), 64, 1000)
    finally:
        loader.dispose()
    assert walk is not None
    assert walk.data == {"a": [1, {"b": True}]}
    assert walk.booleans == {("a", 1, "b"): "yes"}
    loader = yamlsafe._Loader("a: &x [1]\nb: *x\n")
    try:
        assert walk_document(loader, loader.get_single_node(), 64, 1000) is None
    finally:
        loader.dispose()
    assert isinstance(yaml.__version__, str)


def test_the_hostile_edges_are_still_refused() -> None:
    for name, expected in (
        ("many-nodes", "more than 200,000 nodes"),
        ("deep", "nested too deeply (more than 64 levels)"),
        ("deep-list", "nested too deeply (more than 64 levels)"),
        ("duplicate", "duplicate key a (line"),
        ("bad-date", "invalid YAML value"),
        ("python-tag", "invalid YAML"),
    ):
        outcome = _outcome(EDGES[name], Path(f"{name}.yml"))
        assert isinstance(outcome, str) and expected in outcome, (name, outcome)


def _tags(node: Any, seen: dict[int, int] | None = None) -> Any:
    """The node graph as nested tuples; a node met again (an alias) is its first visit's
    number, so an alias bomb among the fixtures stays as small as its text."""
    if node is None:
        return None
    seen = {} if seen is None else seen
    if id(node) in seen:
        return ("alias", seen[id(node)])
    seen[id(node)] = len(seen)
    if isinstance(node.value, list):
        return (
            node.tag,
            [
                (_tags(item[0], seen), _tags(item[1], seen))
                if isinstance(item, tuple)
                else _tags(item, seen)
                for item in node.value
            ],
        )
    return (node.tag, node.value, node.start_mark.line)


def _compose(loader_class: Any, text: str) -> Any:
    loader = loader_class(text)
    try:
        return _tags(loader.get_single_node())
    finally:
        loader.dispose()


def test_the_remembered_tags_are_the_resolvers_own() -> None:
    """yamlsafe's loader remembers each plain scalar's tag: twice over, every file and edge
    composes exactly as PyYAML's own loader composes it."""
    import yaml

    plain = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    texts = [path.read_text(encoding="utf-8") for path in FILES]
    texts += [text for name, text in EDGES.items() if not name.startswith(("many", "just"))]
    for _ in range(2):
        for text in texts:
            try:
                expected = _compose(plain, text)
            except yaml.YAMLError as exc:
                expected = str(exc)
            try:
                found = _compose(yamlsafe._Loader, text)
            except yaml.YAMLError as exc:
                found = str(exc)
            assert found == expected
