"""Compare two report packs file by file (the invariant check of the report benchmarks).

Usage::

    python benchmarks/compare_packs.py BASE_DIR NEW_DIR

For every file under either folder:

* CSV, JSON, GEXF, GraphML, Markdown: bytes (GEXF/GraphML/XLSX/DOCX dates aside);
* HTML: bytes, else the same page once the embedded PNGs are decoded (max pixel difference);
* PNG: decoded pixels (numpy), the maximum absolute channel difference is printed;
* SVG: bytes, else the same drawing within 0.5 pt (tests/figure_compare.svg_difference);
* PDF: bytes, else every content-stream token equal except numbers (the largest coordinate
  difference is printed);
* XLSX, DOCX: every zip member except ``docProps/core.xml`` (the container's dates).

Prints one line per file that differs and a summary; exits 1 when something differs beyond
what is allowed (PNG pixel difference > ``--png-tol``, default 0).
"""

from __future__ import annotations

import argparse
import io
import re
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))


def _png_diff(a: bytes, b: bytes) -> int:
    import numpy as np
    from PIL import Image

    x = np.asarray(Image.open(io.BytesIO(a)).convert("RGBA"), dtype=np.int16)
    y = np.asarray(Image.open(io.BytesIO(b)).convert("RGBA"), dtype=np.int16)
    if x.shape != y.shape:
        return 10**6
    return int(np.abs(x - y).max())


def _zip_members(data: bytes) -> dict:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {n: z.read(n) for n in z.namelist() if n != "docProps/core.xml"}


_PDF_STREAM = re.compile(rb"stream\n(.*?)\nendstream", re.S)
_PDF_NUM = re.compile(rb"^-?\d+(?:\.\d+)?$")


def _pdf_difference(a: bytes, b: bytes):
    """Largest coordinate difference between two PDFs that draw the same thing (every stream
    token equal except numbers), or None when they differ otherwise."""
    import zlib

    sa, sb = _PDF_STREAM.findall(a), _PDF_STREAM.findall(b)
    if len(sa) != len(sb):
        return None
    worst, images = 0.0, []
    for x, y in zip(sa, sb):
        if x == y:
            continue
        try:
            x, y = zlib.decompress(x), zlib.decompress(y)
        except zlib.error:
            return None
        if b"stream" not in x and b"BT" not in x and len(x) == len(y) and b" re " not in x:
            # an image's samples (resampled to the placed size): count the bytes that differ
            n = sum(1 for p, q in zip(x, y) if p != q)
            if n > len(x) // 100:
                return None
            images.append(f"image samples differ in {n} of {len(x)} bytes, by at most "
                          f"{max(abs(p - q) for p, q in zip(x, y))}")
            continue
        tx, ty = re.findall(rb"\S+", x), re.findall(rb"\S+", y)
        if len(tx) != len(ty):
            return None
        for p, q in zip(tx, ty):
            if p == q:
                continue
            if not (_PDF_NUM.match(p) and _PDF_NUM.match(q)):
                return None
            worst = max(worst, abs(float(p) - float(q)))
    return worst, images


_DATA_PNG = re.compile(rb"data:image/png;base64,([A-Za-z0-9+/=]+)")


def _html_difference(a: bytes, b: bytes):
    """Max pixel difference of the embedded PNGs when two pages differ only in them, else None."""
    import base64

    if _DATA_PNG.sub(b"", a) != _DATA_PNG.sub(b"", b):
        return None
    ia, ib = _DATA_PNG.findall(a), _DATA_PNG.findall(b)
    return max((_png_diff(base64.b64decode(x), base64.b64decode(y)) for x, y in zip(ia, ib)), default=0)


_GEXF_DATE = re.compile(rb'lastmodifieddate="[^"]*"')


def compare(base: Path, new: Path, *, png_tol: int = 0) -> list[str]:
    """Lines describing the differences between two packs ('' list when identical)."""
    problems: list[str] = []
    notes: list[str] = []
    fa = {p.relative_to(base) for p in base.rglob("*") if p.is_file()}
    fb = {p.relative_to(new) for p in new.rglob("*") if p.is_file()}
    for rel in sorted(fa ^ fb):
        problems.append(f"only in {'base' if rel in fa else 'new'}: {rel}")
    for rel in sorted(fa & fb):
        a, b = (base / rel).read_bytes(), (new / rel).read_bytes()
        if a == b:
            continue
        ext = rel.suffix.lower()
        if ext == ".png":
            d = _png_diff(a, b)
            (problems if d > png_tol else notes).append(f"png bytes differ, max pixel difference {d}: {rel}")
        elif ext == ".svg":
            from figure_compare import svg_difference

            d = svg_difference(a.decode("utf-8"), b.decode("utf-8"))
            (problems if d else notes).append(f"svg bytes differ{': ' + d if d else ', same drawing within 0.5 pt'}: {rel}")
        elif ext in (".xlsx", ".docx"):
            ma, mb = _zip_members(a), _zip_members(b)
            diff = sorted(n for n in set(ma) | set(mb) if ma.get(n) != mb.get(n))
            (problems if diff else notes).append(f"{ext[1:]} container differs, members {diff or 'identical'}: {rel}")
        elif ext == ".html" and (d := _html_difference(a, b)) is not None:
            (problems if d > png_tol else notes).append(
                f"html differs only in its embedded PNGs, max pixel difference {d}: {rel}")
        elif ext == ".gexf" and _GEXF_DATE.sub(b"", a) == _GEXF_DATE.sub(b"", b):
            notes.append(f"gexf differs only in its date: {rel}")
        elif ext == ".pdf":
            d = _pdf_difference(a, b)
            if d is None:
                problems.append(f"pdf differs beyond coordinates ({len(a)} vs {len(b)} bytes): {rel}")
            else:
                notes.append(f"pdf bytes differ, same drawing, coordinates within {d[0]:.4f} pt"
                             f"{''.join('; ' + x for x in d[1])}: {rel}")
        else:
            problems.append(f"bytes differ: {rel}")
    return problems, notes, len(fa & fb)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("base", type=Path)
    ap.add_argument("new", type=Path)
    ap.add_argument("--png-tol", type=int, default=0)
    a = ap.parse_args(argv)
    problems, notes, n = compare(a.base, a.new, png_tol=a.png_tol)
    for line in notes:
        print("note:", line)
    for line in problems:
        print("DIFF:", line)
    print(f"{n} common files, {len(problems)} difference(s), {len(notes)} allowed difference(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
