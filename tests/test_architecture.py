"""The package's shape: no import cycle among its modules, no module using another's private names.

Imports are read from the source with ``ast``, including those inside functions (a cycle
dodged by a function-local import is still a cycle of the design).
"""
import ast
import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "unlearn_bib"


def module_names(root: Path) -> dict[str, Path]:
    """Dotted module name -> file, for every .py under the package folder ``root``."""
    out = {}
    for path in sorted(root.rglob("*.py")):
        parts = list(path.relative_to(root.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


def _absolute(name: str, is_package: bool, node: ast.ImportFrom) -> str:
    """The absolute module a (possibly relative) ``from`` import in module ``name`` names."""
    if not node.level:
        return node.module or ""
    package = name.split(".")
    base = package[: len(package) - node.level + (1 if is_package else 0)]
    return ".".join(base + ([node.module] if node.module else []))


def imports(root: Path):
    """(importing module, imported module, names taken from it or None, line) for each import
    of a module of the package, anywhere in a file."""
    modules = module_names(root)
    top = root.name
    for name, path in modules.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name == top or alias.name.startswith(top + "."):
                        yield name, alias.name, None, node.lineno
            elif isinstance(node, ast.ImportFrom):
                source = _absolute(name, path.name == "__init__.py", node)
                if source != top and not source.startswith(top + "."):
                    continue
                for alias in node.names:
                    sub = f"{source}.{alias.name}"
                    if sub in modules:  # "from pkg import module"
                        yield name, sub, None, node.lineno
                    else:
                        yield name, source, alias.name, node.lineno


def import_graph(root: Path) -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {name: set() for name in module_names(root)}
    for importer, imported, _, _ in imports(root):
        if imported != importer:
            graph[importer].add(imported)
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle as [a, b, ..., a], or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node):
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return path[path.index(nxt):] + [nxt]
            if nxt not in state:
                found = visit(nxt)
                if found:
                    return found
        path.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state:
            found = visit(node)
            if found:
                return found
    return None


def private_uses(root: Path) -> list[str]:
    """Where a module takes another module's _private name: by ``from m import _x`` or by
    ``m._x`` on a module it imported."""
    problems = []
    modules = module_names(root)
    for importer, imported, taken, line in imports(root):
        if taken and taken.startswith("_") and not taken.endswith("__") and imported != importer:
            problems.append(f"{importer}:{line}: imports {imported}.{taken}")
    top = root.name
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        aliases = {}
        for node in ast.walk(tree):
            source = _absolute(name, path.name == "__init__.py", node) if isinstance(node, ast.ImportFrom) else ""
            if (source + ".").startswith(top + "."):
                for alias in node.names:
                    if f"{source}.{alias.name}" in modules:
                        aliases[alias.asname or alias.name] = f"{source}.{alias.name}"
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.asname and alias.name in modules:
                        aliases[alias.asname] = alias.name
        for node in ast.walk(tree):
            if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in aliases
                    and node.attr.startswith("_") and not node.attr.endswith("__")
                    and aliases[node.value.id] != name):
                problems.append(f"{name}:{node.lineno}: uses {aliases[node.value.id]}.{node.attr}")
    return problems


def test_no_import_cycle():
    assert find_cycle(import_graph(PACKAGE)) is None


def test_every_module_says_its_job():
    """A module docstring whose first line says what the module is for."""
    missing = [name for name, path in module_names(PACKAGE).items()
               if not (ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or "").strip()]
    assert missing == []


def test_no_module_uses_another_modules_private_names():
    assert private_uses(PACKAGE) == []


# The CSL layer, bottom up: a module may import only modules of a lower layer.
CSL_LAYERS = {"styles": 0, "base": 0, "workers": 0, "items": 0, "memo": 0, "text": 1, "richtext": 1, "correct": 2, "names_dates": 2, "conditions": 2,
              "fixes": 3, "disambiguate": 3, "compiled": 3, "engine": 4, "seams": 1, "compiled_names": 2, "compiled_leaves": 2}


def test_the_csl_layer_depends_one_way():
    """text rules <- element fixes <- engine, never back; the package's __init__ on top."""
    graph = import_graph(PACKAGE)
    modules = {m.rsplit(".", 1)[1] for m in graph if m.startswith("unlearn_bib.csl.")}
    assert modules == set(CSL_LAYERS), "a new csl module needs a layer here"
    for name, layer in CSL_LAYERS.items():
        for target in graph[f"unlearn_bib.csl.{name}"]:
            if target.startswith("unlearn_bib.csl"):
                assert target != "unlearn_bib.csl", f"csl.{name} imports the package's __init__"
                assert CSL_LAYERS[target.rsplit(".", 1)[1]] < layer, f"csl.{name} imports {target}"


def _package(tmp_path: Path, files: dict[str, str]) -> Path:
    root = tmp_path / "pkg"
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root


@pytest.mark.parametrize("b_text", [
    "from pkg.a import x\n",
    "def f():\n    from pkg import a\n",           # hidden in a function
    "def f():\n    from . import a\n",             # relative
    "import pkg.sub.c\n",                           # through a subpackage
])
def test_the_cycle_finder_sees_cycles(tmp_path, b_text):
    root = _package(tmp_path, {
        "__init__.py": "", "a.py": "from pkg import b\nx = 1\n", "b.py": b_text,
        "sub/__init__.py": "", "sub/c.py": "from ..a import x\n",
    })
    cycle = find_cycle(import_graph(root))
    assert cycle is not None and cycle[0] == cycle[-1] and "pkg.a" in cycle


def test_the_cycle_finder_accepts_a_one_way_graph(tmp_path):
    root = _package(tmp_path, {"__init__.py": "", "a.py": "from pkg import b\n", "b.py": "import os\n"})
    assert find_cycle(import_graph(root)) is None


def test_private_uses_are_found(tmp_path):
    root = _package(tmp_path, {
        "__init__.py": "", "a.py": "_x = 1\n",
        "b.py": "def f():\n    from pkg.a import _x\n", "c.py": "from pkg import a as m\ny = m._x\n",
    })
    assert sorted(private_uses(root)) == ["pkg.b:2: imports pkg.a._x", "pkg.c:2: uses pkg.a._x"]


# The package's folders, bottom up: a module imports only from its own folder or a lower layer.
FOLDER_LAYERS = {"errors": 0, "outcomes": 0, "__init__": 0, "text": 1, "files": 2, "read": 3, "csl": 3, "catalog": 4,
                 "match": 5, "items": 6, "export": 6, "resolve": 7, "release": 7, "tasks": 8, "cli": 9,
                 "__main__": 10}


def _folder(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def test_folders_depend_one_way():
    """text <- files <- read, csl <- catalog <- match <- items, export <- resolve, release <- tasks <- cli."""
    graph = import_graph(PACKAGE)
    folders = {_folder(m) for m in graph}
    assert folders <= set(FOLDER_LAYERS), f"a new folder needs a layer here: {folders - set(FOLDER_LAYERS)}"
    wrong = [f"{a} -> {b}" for a, targets in graph.items() for b in targets
             if _folder(a) != _folder(b) and FOLDER_LAYERS[_folder(b)] >= FOLDER_LAYERS[_folder(a)]]
    assert wrong == []


def test_the_layer_test_sees_a_backward_import(tmp_path):
    root = _package(tmp_path, {"__init__.py": "", "text/__init__.py": "", "cli/__init__.py": "",
                               "cli/main.py": "x = 1\n", "text/latex.py": "def f():\n    from pkg.cli import main\n"})
    graph = import_graph(root)
    assert any(_folder(a) == "text" and _folder(b) == "cli" for a, bs in graph.items() for b in bs)


def test_few_modules_at_the_top_and_none_too_long():
    top = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert len(top) <= 6, top
    long = [f"{p.relative_to(PACKAGE)}: {n}" for p in sorted(PACKAGE.rglob("*.py"))
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > 450]
    assert long == []


def test_every_folder_says_what_it_holds():
    missing = [str(p.relative_to(PACKAGE)) for p in sorted(PACKAGE.glob("*/__init__.py"))
               if not (ast.get_docstring(ast.parse(p.read_text(encoding="utf-8"))) or "").strip()]
    assert missing == []


def test_architecture_doc_names_every_module():
    """docs/architecture.md must match the code: every module is named there."""
    doc = (Path(__file__).resolve().parents[1] / "docs" / "architecture.md").read_text(encoding="utf-8")
    words = set(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", doc))
    missing = [str(path.relative_to(PACKAGE)) for path in sorted(PACKAGE.rglob("*.py"))
               if path.stem != "__init__" and path.stem not in words]
    assert not missing, f"docs/architecture.md does not name: {missing}"
