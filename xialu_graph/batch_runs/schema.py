"""The panel's columns (name → meaning) and the Arrow schemas of the parts and the panel tables."""

from __future__ import annotations

import functools

SCHEMA_VERSION = 1
"""Bumped whenever a part's content changes meaning; part keys include it."""

_DOC_KEYS = {
    "document": "the document: its path relative to the input folder (or the glob's folder), or the file as given",
    "doc_key": "content key of the part (SHA-256 of package version, options and file bytes, 20 hex digits)",
    "place": "district or county named in the metadata ('' when not found)",
    "year": "plan year from the metadata (<NA> when not found)",
    "level": "level of government from the place name: district (区), county (县/旗), city (市), "
    "province (省), '' when unknown; a 市 may be a county-level city",
}

UNIT_PANEL_COLUMNS = {
    **_DOC_KEYS,
    "unit": "canonical unit name within the document (alias tables of data/units applied)",
    "canonical_unit": "unit name across documents: confirmed unit_matches.csv rows applied, otherwise = unit",
    "unit_kind": "unit kind (department, street_office, vertical, enterprise, task_force, collective, …)",
    "n_lead": "tasks on which the unit leads (牵头)",
    "n_support": "tasks on which the unit supports (配合/责任单位 after a lead)",
    "n_responsible": "tasks on which the unit is responsible with no lead named",
    "n_tasks": "tasks the unit is on (n_lead + n_support + n_responsible)",
    "weighted_load": "sum of the role weights on the unit's tasks (default lead 1, support 0.5, responsible 1)",
    "share": "weighted_load / total weighted_load of the ranked units (<NA> for collectives)",
    "load_rank": "1 = heaviest weighted_load among ranked units, ties share the lower rank (<NA> unranked)",
    "ranked": "False for collectives (kept out of rankings, shares and Gini)",
    "degree": "two-mode degree centrality: n_tasks / tasks in the document",
    "betweenness": "two-mode betweenness (networkx bipartite normalisation); NaN unless betweenness=True",
    "cluster": "co-responsibility cluster (seeded Louvain, 0 = largest); <NA> for collectives or clusters=False",
}

TASK_PANEL_COLUMNS = {
    **_DOC_KEYS,
    "task_id": "task number as written (附件 tasks keep their prefix)",
    "section_no": "section number (一, 二, …)",
    "section": "section title",
    "line": "first line of the task in the document",
    "n_units": "units on the task (after collectives are expanded, unless expand_collectives=False)",
    "n_lead": "units leading the task",
    "n_support": "units supporting",
    "n_responsible": "units responsible with no lead named",
    "n_via_collective": "units on the task only through a collective name (各街办 …)",
    "has_lead": "True when at least one unit leads the task",
    "weighted_load": "sum of the role weights on the task's edges",
    "cluster": "cluster the task is assigned to (Barber's rule; -1 no clustered unit; <NA> clusters=False)",
}

DOCUMENT_PANEL_COLUMNS = {
    **_DOC_KEYS,
    "edition": "1 = earliest document of the place (by year, then document); <NA> without a place",
    "n_editions": "documents of the same place in the panel",
    "title": "plan title",
    "date": "publication date (ISO) when found",
    "format": "text, html or docx",
    "n_tasks": "tasks parsed",
    "n_units": "distinct units on the graph (collectives expanded unless expand_collectives=False)",
    "n_ranked_units": "units ranked (not collectives)",
    "n_assignments": "unit–task edges",
    "gini": "Gini coefficient of weighted_load over ranked units (0 equal … (n-1)/n one unit)",
    "hhi": "Herfindahl–Hirschman index of weighted_load shares (1/n … 1)",
    "top5_share": "share of the weighted load carried by the 5 heaviest ranked units",
    "gini_lead": "Gini coefficient of n_lead over ranked units",
    "collective_share": "share of unit–task edges that come from a collective name (各街办 …)",
    "no_lead_share": "share of tasks with no lead unit",
    "n_clusters": "co-responsibility clusters (<NA> clusters=False)",
    "modularity": "modularity of the clusters on the unit projection (NaN clusters=False)",
    "n_warnings": "parse warnings",
    "truncated": "True when the text stops mid-item (an excerpt)",
}

FAILURE_COLUMNS = {
    "document": "the document as given",
    "reason": "one line: why it could not be read or analysed",
}

PANEL_TABLES = ("units", "tasks", "documents", "failures")


@functools.lru_cache(maxsize=1)
def arrow_schemas() -> dict:
    """The Arrow schemas of a part's two tables and of the four panel tables (built once).

    Returns
    -------
    dict
        ``units_part`` and ``tasks_part`` (the tables a worker returns, without the document
        keys), ``units``, ``tasks``, ``documents`` and ``failures`` (the panel tables).

    Examples
    --------
    >>> s = arrow_schemas()
    >>> sorted(s)
    ['documents', 'failures', 'tasks', 'tasks_part', 'units', 'units_part']
    >>> s["units"].names[:7]
    ['document', 'doc_key', 'place', 'year', 'level', 'unit', 'canonical_unit']
    >>> s["units"].names == list(UNIT_PANEL_COLUMNS)
    True
    """
    import pyarrow as pa

    s, i, f, b = pa.string(), pa.int64(), pa.float64(), pa.bool_()
    key = [("document", s), ("doc_key", s), ("place", s), ("year", i), ("level", s)]
    units_part = [
        ("unit", s), ("unit_kind", s), ("n_lead", i), ("n_support", i), ("n_responsible", i), ("n_tasks", i),
        ("weighted_load", f), ("share", f), ("load_rank", i), ("ranked", b), ("degree", f), ("betweenness", f),
        ("cluster", i),
    ]
    tasks_part = [
        ("task_id", s), ("section_no", s), ("section", s), ("line", i), ("n_units", i), ("n_lead", i),
        ("n_support", i), ("n_responsible", i), ("n_via_collective", i), ("has_lead", b), ("weighted_load", f),
        ("cluster", i),
    ]
    units = key + units_part[:1] + [("canonical_unit", s)] + units_part[1:]
    docs = key + [
        ("edition", i), ("n_editions", i), ("title", s), ("date", s), ("format", s), ("n_tasks", i), ("n_units", i),
        ("n_ranked_units", i), ("n_assignments", i), ("gini", f), ("hhi", f), ("top5_share", f), ("gini_lead", f),
        ("collective_share", f), ("no_lead_share", f), ("n_clusters", i), ("modularity", f), ("n_warnings", i),
        ("truncated", b),
    ]
    return {
        "units_part": pa.schema(units_part),
        "tasks_part": pa.schema(tasks_part),
        "units": pa.schema(units),
        "tasks": pa.schema(key + tasks_part),
        "documents": pa.schema(docs),
        "failures": pa.schema([("document", s), ("reason", s)]),
    }

