"""Print the import graph between the package's own modules and fail on a cycle.

Usage: python scripts/import_graph.py [--dot]     (exit 1 when the graph has a cycle)

Reads every module of ``xialu_graph`` with :mod:`ast` (nothing is imported), keeps the imports of
the package's own modules wherever they stand (module top or inside a function), and prints
one line per module with what it imports, then the modules in dependency order. With ``--dot``
it prints Graphviz instead.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import networkx as nx

PKG = Path(__file__).resolve().parent.parent / "xialu_graph"


def module_name(path: Path) -> str:
    rel = path.relative_to(PKG.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def resolve(mod: str, is_pkg: bool, level: int, target: str | None) -> str:
    base = mod.split(".") if is_pkg else mod.split(".")[:-1]
    if level > 1:
        base = base[: len(base) - (level - 1)]
    return ".".join(base + ([target] if target else []))


def import_graph() -> nx.DiGraph:
    """Directed graph module → module it imports (own modules only)."""
    files = [p for p in PKG.rglob("*.py") if "resources" not in p.parts]
    names = {module_name(p) for p in files}
    G = nx.DiGraph()
    for p in files:
        mod = module_name(p)
        G.add_node(mod)
        for node in ast.walk(ast.parse(p.read_text(encoding="utf-8"))):
            targets = []
            if isinstance(node, ast.ImportFrom):
                if node.level:
                    base = resolve(mod, p.name == "__init__.py", node.level, node.module)
                else:
                    base = node.module or ""
                targets = [f"{base}.{a.name}" for a in node.names] + [base]
            elif isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            for t in targets:
                # the longest own-module prefix of the target
                while t and t not in names:
                    t = t.rpartition(".")[0]
                if t and t != mod and not mod.startswith(t + "."):
                    G.add_edge(mod, t)
                    break
    return G


def main(argv: list[str]) -> int:
    G = import_graph()
    if "--dot" in argv:
        print("digraph imports {\n  rankdir=LR;")
        for a, b in sorted(G.edges):
            print(f'  "{a}" -> "{b}";')
        print("}")
    else:
        for n in sorted(G):
            print(f"{n} -> {', '.join(sorted(G[n])) or '(nothing)'}")
    cycles = list(nx.simple_cycles(G))
    if cycles:
        print(f"CYCLES: {cycles[:5]}", file=sys.stderr)
        return 1
    if "--dot" not in argv:
        print("\nno cycle; dependency order (each module imports only modules above it):")
        print("  " + "\n  ".join(reversed(list(nx.topological_sort(G)))))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
