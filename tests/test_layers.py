"""The architecture, checked: imports point down the layers, sources see only the model and the
rules, and no module imports itself back, lazily or not.

Every `import` in osai/ counts, including the lazy ones inside functions (they run too).  Importing
a submodule also runs its package's __init__, so that edge is counted as well.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

OSAI = Path(__file__).resolve().parent.parent / "osai"

# Lowest first.  A module may import its own layer and the layers below it, never above.
LAYERS: tuple[tuple[str, ...], ...] = (
    # the model: what every layer speaks
    (
        "osai",
        "osai.__init__",
        "osai.errors",
        "osai.verdict",
        "osai.evidence",
        "osai.assessment",
        "osai.report",
        "osai.snapshot",
        "osai.paths",
        "osai.yamlsafe",
        "osai.tomllines",
        "osai.yamlbuild",
        "osai.jsonsafe",
        "osai.suggest",
        "osai.schemas",
        "osai.schemas_compiled",
        "osai.redaction",
        "osai.records",
        "osai.textsafe",
        "osai.memo",
        "osai.hubrefs",
        "osai.lineage_walk",
        "osai.workers",
        "osai.own_reports",
    ),
    # the rules: licence knowledge, detection patterns, frameworks
    (
        "osai.licenses",
        "osai.licence_spelling",
        "osai.licence_links",
        "osai.detection",
        "osai.rules",
        "osai.bommap",
    ),
    # pure logic on the model and the rules
    (
        "osai.engine",
        "osai.differences",
        "osai.licence_notes",
        "osai.policy",
        "osai.baseline",
        "osai.card",
        "osai.extract",
        "osai.sources",
        "osai.compare",
        "osai.inference",
        "osai.links",
    ),
    # where bytes come from, and the pipeline that reads them
    (
        "osai.net",
        "osai.backends",
        "osai.pipeline",
        "osai.targets",
        "osai.assessments",
        "osai.links.follow",
        "osai.census",
    ),
    # renderers, and where reports go
    ("osai.formatters", "osai.outputs"),
    # use cases
    (
        "osai.run",
        "osai.census.run",
        "osai.census.deep",
        "osai.references",
        "osai.audit",
        "osai.explain",
        "osai.explain_json",
        "osai.init",
        "osai.config",
        "osai.waivers",
        "osai.progress",
    ),
    # the only module that talks to the terminal
    ("osai.cli", "osai.__main__", "osai.entry", "osai.collector"),
)

# The sources of evidence may import only the model, the rules and one another (backends: also
# the HTTP layer).  A backend never interprets what it reads: it does not import extraction.
MODEL_AND_RULES = LAYERS[0] + LAYERS[1]
SOURCES_MAY_IMPORT: dict[str, tuple[str, ...]] = {
    "osai.backends": (*MODEL_AND_RULES, "osai.backends", "osai.net"),
    "osai.extract": (*MODEL_AND_RULES, "osai.extract", "osai.card", "osai.sources"),
    "osai.card": (*MODEL_AND_RULES, "osai.card", "osai.extract.observations"),
    "osai.sources": (*MODEL_AND_RULES, "osai.sources"),
}


def module_name(path: Path) -> str:
    parts = path.relative_to(OSAI.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(path): path for path in sorted(OSAI.rglob("*.py"))}


def imports(path: Path, name: str) -> Iterator[str]:
    """Every osai module this module imports, wherever the import statement stands."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names if alias.name.startswith("osai"))
        elif isinstance(node, ast.ImportFrom):
            base = _absolute(node, package)
            if not base.startswith("osai"):
                continue
            yield base
            for alias in node.names:  # `from osai.card import evidence` imports a module
                yield f"{base}.{alias.name}"


def _absolute(node: ast.ImportFrom, package: str) -> str:
    if not node.level:
        return node.module or ""
    parts = package.split(".")
    base = ".".join(parts[: len(parts) - node.level + 1])
    return f"{base}.{node.module}" if node.module else base


def graph() -> dict[str, set[str]]:
    """module → the osai modules it imports (with the packages whose __init__ that runs)."""
    known = modules()
    edges: dict[str, set[str]] = {}
    for name, path in known.items():
        targets = set()
        for imported in imports(path, name):
            if imported in known:
                targets.add(imported)
                # Its packages' __init__ run first, unless this module is inside them already.
                targets.update(p for p in _parents(imported, known) if not _inside(name, p))
        edges[name] = targets - {name}
    return edges


def _inside(name: str, package: str) -> bool:
    return name == package or name.startswith(package + ".")


def _parents(name: str, known: dict[str, Path]) -> Iterator[str]:
    parts = name.split(".")
    for end in range(1, len(parts)):
        parent = ".".join(parts[:end])
        if parent in known and parent != "osai":
            yield parent


def layer_of(name: str) -> int:
    best = -1, -1  # (layer, length of the matched prefix)
    for index, layer in enumerate(LAYERS):
        for prefix in layer:
            # "osai" is the package's __init__ alone, not a prefix of every module.
            inside = name.startswith(prefix + ".") and prefix != "osai"
            if (name == prefix or inside) and len(prefix) > best[1]:
                best = index, len(prefix)
    assert best[0] >= 0, f"{name} is in no layer: add it to LAYERS"
    return best[0]


def test_every_module_has_a_layer() -> None:
    for name in modules():
        layer_of(name)


def test_imports_point_down() -> None:
    upward = [
        f"{name} (layer {layer_of(name)}) imports {target} (layer {layer_of(target)})"
        for name, targets in graph().items()
        for target in sorted(targets)
        if layer_of(target) > layer_of(name)
    ]
    assert upward == []


@pytest.mark.parametrize("group", sorted(SOURCES_MAY_IMPORT))
def test_sources_see_only_the_model_and_the_rules(group: str) -> None:
    allowed = SOURCES_MAY_IMPORT[group]
    wrong = [
        f"{name} imports {target}"
        for name, targets in graph().items()
        if name == group or name.startswith(group + ".")
        for target in sorted(targets)
        if not any(target == a or target.startswith(a + ".") for a in allowed)
    ]
    assert wrong == []


def test_no_import_cycle() -> None:
    edges = graph()
    cycles = [component for component in _strongly_connected(edges) if len(component) > 1]
    assert cycles == []


def _strongly_connected(edges: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's algorithm, iteratively: the graph's strongly connected components."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    components: list[list[str]] = []
    counter = 0
    for root in sorted(edges):
        if root in index:
            continue
        work = [(root, iter(sorted(edges[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is None:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    components.append(sorted(component))
            elif child not in index:
                index[child] = low[child] = counter
                counter += 1
                stack.append(child)
                on_stack.add(child)
                work.append((child, iter(sorted(edges.get(child, ())))))
            elif child in on_stack:
                low[node] = min(low[node], index[child])
    return components


def test_the_checker_catches_an_upward_import(tmp_path: Path) -> None:
    """The check itself works: a model module importing the CLI would be reported."""
    fake = tmp_path / "evidence.py"
    fake.write_text("def f():\n    from osai.cli import main\n")
    assert "osai.cli" in set(imports(fake, "osai.evidence"))
    assert layer_of("osai.cli") > layer_of("osai.evidence")
