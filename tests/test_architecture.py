"""The shape of the house: data flows one way, no cycle, imports at module top, light import."""

from __future__ import annotations

import ast
import importlib.util
import subprocess
import sys
from pathlib import Path

import networkx as nx

ROOT = Path(__file__).resolve().parent.parent
PKG = ROOT / "xialu_graph"

_spec = importlib.util.spec_from_file_location("import_graph", ROOT / "scripts" / "import_graph.py")
import_graph = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(import_graph)

# read → parse → units → graph → metrics → views/export → report/cli; lower layers never import higher ones.
LAYERS = [
    ["errors", "files", "model", "palette", "glossary", "lazy"],
    ["read"],
    ["parse"],
    ["units"],
    ["pipeline"],
    ["graph"],
    ["layout", "datasets"],
    ["metrics"],
    ["text"],
    ["analysis", "compare", "scenarios"],
    ["export", "batch_runs"],
    ["viz"],
    ["report", "cache"],
    ["cli", "__main__"],
]
RANK = {name: i for i, names in enumerate(LAYERS) for name in names}


def _rank(mod: str) -> int:
    part = mod.split(".")[1]
    return RANK[part]


def test_import_graph_has_no_cycle():
    G = import_graph.import_graph()
    assert G.number_of_nodes() > 30
    assert list(nx.simple_cycles(G)) == []


def test_every_module_has_a_layer_and_imports_only_downstream():
    G = import_graph.import_graph()
    bad = []
    for a, b in G.edges:
        if a == "xialu_graph" or b == "xialu_graph":
            continue  # the package root (version, lazy API) stands outside the chain
        if a.split(".")[1] == b.split(".")[1]:
            continue  # inside one subpackage
        if _rank(a) < _rank(b):
            bad.append(f"{a} -> {b}")
    assert bad == [], "upward imports: " + "; ".join(bad)


def _function_imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out = []
    for fn in ast.walk(tree):
        if isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for node in ast.walk(fn):
                if isinstance(node, ast.ImportFrom) and (node.level or (node.module or "").startswith("xialu_graph")):
                    out.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    return out


def test_own_modules_are_imported_at_module_top():
    """So that a future cycle fails at import, not at the first call."""
    found = [x for p in sorted(PKG.rglob("*.py")) if "resources" not in p.parts for x in _function_imports(p)]
    assert found == []


def test_no_private_name_crosses_a_module():
    found = []
    for p in sorted(PKG.rglob("*.py")):
        if "resources" in p.parts:
            continue
        for node in ast.walk(ast.parse(p.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.level or (node.module or "").startswith("xialu_graph")):
                mods = (node.module or "").split(".")
                if any(m.startswith("_") for m in mods if m) or any(a.name.startswith("_") and a.name != "__version__" for a in node.names):
                    found.append(f"{p.relative_to(ROOT)}:{node.lineno}")
    assert found == []


def test_import_is_light_and_cli_parse_avoids_heavy_libraries():
    code = (
        "import sys, xialu_graph, xialu_graph.cli; "
        "print(sorted(m for m in ('matplotlib', 'pyvis', 'jieba', 'openpyxl', 'docx', 'PIL', 'scipy') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "[]"
