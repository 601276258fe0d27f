"""The package's layouts (xialu_graph/layout.py): deterministic across processes, clusters boxed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import networkx as nx

from xialu_graph.layout import cluster_layout

ROOT = Path(__file__).resolve().parent.parent

_CODE = """
import json, xialu_graph as xg
from xialu_graph.analysis import analyse
from xialu_graph.graph import node_label
from xialu_graph.layout import cluster_layout, network_layout
a = analyse(xg.read_document("data/raw/xialu_2020.txt"), n_boot=10)
cl = dict(zip(a.clusters["unit"], a.clusters["cluster"]))
boxed = cluster_layout(a.P, {n: cl.get(node_label(a.P, n)) for n in a.P.nodes})
whole = network_layout(a.P)
print(json.dumps([sorted((str(k), [float(x) for x in v]) for k, v in p.items()) for p in (boxed, whole)]))
"""


def test_layouts_do_not_depend_on_the_hash_seed_of_the_process():
    # a subgraph of a few nodes iterates them in the order of a set (string hashes change with
    # PYTHONHASHSEED): the seed's cluster layout differed from run to run until the layouts took
    # their subgraphs in the graph's node order
    runs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        out = subprocess.run([sys.executable, "-c", _CODE], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
        runs.append(json.loads(out.stdout))
    assert runs[0] == runs[1]


def test_each_cluster_stands_in_a_box_of_its_own():
    G = nx.complete_graph(12)  # one dense projection: every unit shares a task with every other
    clusters = {v: v % 3 for v in G}
    pos = cluster_layout(G, clusters, seed=0)
    boxes = {c: [min(pos[v][0] for v in G if clusters[v] == c), min(pos[v][1] for v in G if clusters[v] == c),
                 max(pos[v][0] for v in G if clusters[v] == c), max(pos[v][1] for v in G if clusters[v] == c)]
             for c in range(3)}
    for a in range(3):
        for b in range(a + 1, 3):
            A, B = boxes[a], boxes[b]
            assert A[2] < B[0] or B[2] < A[0] or A[3] < B[1] or B[3] < A[1], (a, b, boxes)
