"""One pass over a composed YAML node tree: the values and every node's line together.

PyYAML's SafeConstructor walks the tree with a generator per collection and a state machine per
node, and osai.yamlsafe walked it a second time for the lines; for the plain documents osai reads
(manifests, rules: strings, numbers, booleans, lists and mappings, no aliases) one direct walk
gives the same values and lines in about a third of the time.

Anything this walk does not know for certain gives up (`None`) and osai.yamlsafe takes its
general path, the SafeConstructor, which decides and words every error as it always has: an
alias, a merge key or `=`, a tag other than the core scalars (timestamps and integers are built
by the SafeConstructor's own functions, so a bad date fails there), a key that is not a plain
scalar, a repeated key, nesting deeper than yamlsafe allows.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import yaml

from osai.memo import Memo

YamlPath = tuple[str | int, ...]

_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
_NULL = "tag:yaml.org,2002:null"
_BOOL = "tag:yaml.org,2002:bool"
# the tags of numbers, whose spelling a document keeps (YamlDocument.number_spellings)
NUMBER_TAGS = frozenset(("tag:yaml.org,2002:int", "tag:yaml.org,2002:float"))
# Built by the SafeConstructor's own function (a value, never a generator, for these tags).
_BY_CONSTRUCTOR = (
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:binary",
)
_BOOLEANS: dict[str, bool] = yaml.constructor.SafeConstructor.bool_values
# What a safe constructor raises on a value it cannot build: ValueError for 2026-02-30; for an
# explicit tag on a value it cannot be, the others (!!bool maybe, !!int "", !!timestamp 1).
CONSTRUCTION_ERRORS = (ValueError, TypeError, OverflowError, KeyError, IndexError, AttributeError)


def key_text(key: object) -> str:
    """A mapping key as YAML writes it: `null`, `true`, `1`, `2024-01-01`; not Python's `None`
    nor `True`.  A key YAML reads as a number or a date is text in osai's paths: `release.1` is
    a key, `release[1]` a list's entry."""
    if key is None:
        return "null"
    if isinstance(key, bool):
        return "true" if key else "false"
    return str(key)


def key_label(node: yaml.ScalarNode) -> str:
    """A scalar key's name in a document's paths: as written, but a null or a boolean as YAML
    writes it (`~` and `yes` are `null` and `true`), so that a problem named by the key YAML
    read finds its line, and `yes:` beside `true:` is the one key repeated it is."""
    if node.tag == _NULL:
        return "null"
    if node.tag == _BOOL:
        return key_text(_BOOLEANS.get(node.value.lower(), node.value))
    return str(node.value)


class GiveUp(Exception):
    """The general path must decide this document."""


class NodeWalk:
    """The values, lines, key lines and boolean spellings of one document, in one walk."""

    def __init__(
        self, loader: yaml.constructor.SafeConstructor, max_depth: int, max_nodes: int
    ) -> None:
        self.loader = loader
        self.max_depth = max_depth
        self.nodes_left = max_nodes
        self.lines: dict[YamlPath, int] = {}
        self.key_lines: dict[YamlPath, int] = {}
        self.booleans: dict[YamlPath, str] = {}
        self.numbers: dict[YamlPath, str] = {}  # as written (YamlDocument.number_spellings)
        self.seen: set[int] = set()  # collections met, so that an alias is noticed
        self.data: Any = None
        constructors = loader.yaml_constructors
        self.scalar_builders: dict[str, Callable[[Any, yaml.Node], Any]] = {
            tag: constructors[tag] for tag in _BY_CONSTRUCTOR
        }

    def value(self, node: yaml.Node, path: YamlPath) -> Any:
        self.nodes_left -= 1
        if self.nodes_left < 0:
            raise GiveUp
        self.lines[path] = node.start_mark.line + 1
        tag = node.tag
        if type(node) is yaml.ScalarNode:
            if tag == _BOOL:
                self.booleans[path] = node.value
            elif tag in NUMBER_TAGS:
                self.numbers[path] = node.value
            return self.scalar(node, tag)
        if len(path) > self.max_depth or id(node) in self.seen:
            raise GiveUp
        self.seen.add(id(node))
        if tag == _MAP and type(node) is yaml.MappingNode:
            return self.mapping(node, path)
        if tag == _SEQ and type(node) is yaml.SequenceNode:
            return [self.value(child, (*path, index)) for index, child in enumerate(node.value)]
        raise GiveUp

    def scalar(self, node: yaml.ScalarNode, tag: str) -> Any:
        if tag == _STR:
            return node.value
        if tag == _NULL:
            return None
        if tag == _BOOL:
            return _BOOLEANS[node.value.lower()]  # `!!bool maybe`: walk_document gives up
        builder = self.scalar_builders.get(tag)
        if builder is None:
            raise GiveUp
        return builder(self.loader, node)

    def mapping(self, node: yaml.MappingNode, path: YamlPath) -> dict[Any, Any]:
        mapping: dict[Any, Any] = {}
        labels: set[str] = set()
        for key_node, value_node in node.value:
            if type(key_node) is not yaml.ScalarNode:
                raise GiveUp
            label = key_label(key_node)
            if label in labels or key_node.tag not in _KEY_TAGS:
                raise GiveUp  # a repeated key, a merge key (<<), a value key (=): the general path
            labels.add(label)
            child = (*path, label)
            self.key_lines[child] = key_node.start_mark.line + 1
            key = self.scalar(key_node, key_node.tag)
            if key in mapping:  # `1.0:` beside `1:`, one key built: the general path says so
                raise GiveUp
            mapping[key] = self.value(value_node, child)
        return mapping


_KEY_TAGS = frozenset((_STR, _NULL, _BOOL, *_BY_CONSTRUCTOR))


def walk_document(
    loader: yaml.constructor.SafeConstructor, root: yaml.Node, max_depth: int, max_nodes: int
) -> NodeWalk | None:
    """The document walked in one pass, or None when the general path must decide it (its
    errors included: a bad date, say, is reported by the general path, in its order)."""
    walk = NodeWalk(loader, max_depth, max_nodes)
    try:
        walk.data = walk.value(root, ())
    except (GiveUp, yaml.YAMLError, *CONSTRUCTION_ERRORS):
        return None
    return walk


# The tag of each plain scalar, by its text: every manifest repeats the same keys and values,
# and the resolver tries its patterns on each one.  A plain scalar's tag depends on its text
# alone (no path resolvers are registered: yamlsafe adds none).
_PLAIN_TAGS: Memo[str, str] = Memo()
_MEMO_TEXT_LENGTH = 64  # longer texts are rarely repeated: resolved each time


def memoized_resolver(base: type[yaml.SafeLoader]) -> type[yaml.SafeLoader]:
    """`base` with the tag of each short plain scalar resolved once per process."""
    resolve: Callable[[Any, Any, Any, Any], Any] = base.resolve

    class MemoizedLoader(base):  # type: ignore[valid-type,misc]
        def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
            if kind is not yaml.ScalarNode or not implicit[0] or len(value) > _MEMO_TEXT_LENGTH:
                return resolve(self, kind, value, implicit)
            tag = _PLAIN_TAGS.get(value)
            if tag is None:
                tag = _PLAIN_TAGS.remember(value, resolve(self, kind, value, implicit))
            return tag

    return MemoizedLoader
