"""Generated documents in the genre's text form, for tests and benchmarks of batch runs."""

from __future__ import annotations

from pathlib import Path

from ..datasets import synthetic_document

SYNTHETIC_PLACES = ("下陆区", "黄石港区", "西塞山区", "铁山区", "阳新县", "大冶市")
"""Places of :func:`write_synthetic_corpus`, in turn."""


def synthetic_text(seed: int = 0, *, place: str = "下陆区", year: int = 2020, n_tasks: int = 100) -> str:
    """A synthetic document (:func:`xialu_graph.datasets.synthetic_document`) as genre text.

    The notice names the place and the year; each task is written ``k、text[牵头单位:…;责任单位:…]``
    (``[责任单位:…]`` when it has no lead), a collective as its written name (各街办(新区)).

    Examples
    --------
    >>> text = synthetic_text(1, n_tasks=2, place="黄石港区", year=2021)
    >>> text.splitlines()[3]
    '1、大力实施疫情防控工作,认真做好数字经济。[牵头单位:区医保局;责任单位:下陆公安分局、区财政局、区项目办、区发改局]'
    >>> import xialu_graph as xg
    >>> doc = xg.read_document(text)
    >>> doc.metadata.place, doc.metadata.year, len(doc.tasks)
    ('黄石港区', 2021, 2)
    """

    doc = synthetic_document(seed, n_tasks=n_tasks)
    lines = [f"{place}人民政府关于印发{year}年政府重点工作责任分解的通知", f"{year}年政府重点工作责任分解"]
    section = None
    for t in doc.tasks:
        if t.section_no != section:
            section = t.section_no
            lines.append(f"{section}、{t.section}")
        lead = [a.unit for a in t.assignments if a.role == "lead" and not a.via]
        rest = [a.unit for a in t.assignments if a.role != "lead" and not a.via]
        rest += sorted({a.via for a in t.assignments if a.via})
        if lead:
            brackets = f"[牵头单位:{'、'.join(lead)}" + (f";责任单位:{'、'.join(rest)}]" if rest else "]")
        else:
            brackets = f"[责任单位:{'、'.join(rest)}]"
        lines.append(f"{t.number}、{t.text}{brackets}")
    return "\n".join(lines) + "\n"


def write_synthetic_corpus(folder, n: int, *, seed: int = 0, n_tasks: int = 100, first_year: int = 2015) -> list[Path]:
    """Write ``n`` synthetic documents as ``<place>_<year>_<i>.txt`` files (for tests and benchmarks).

    Document ``i`` has seed ``seed + i``, place ``SYNTHETIC_PLACES[i % 6]`` and year
    ``first_year + (i // 6) % 10``.

    Examples
    --------
    >>> import tempfile
    >>> [p.name for p in write_synthetic_corpus(tempfile.mkdtemp(), 2, n_tasks=3)]
    ['下陆区_2015_00000.txt', '黄石港区_2015_00001.txt']
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(n):
        place = SYNTHETIC_PLACES[i % len(SYNTHETIC_PLACES)]
        year = first_year + (i // len(SYNTHETIC_PLACES)) % 10
        p = folder / f"{place}_{year}_{i:05d}.txt"
        p.write_text(synthetic_text(seed + i, place=place, year=year, n_tasks=n_tasks), encoding="utf-8")
        out.append(p)
    return out

