"""Rebuild ``XialuSansSC-Regular.ttf``: a TrueType subset of Noto Sans SC (SIL OFL 1.1).

Why a TrueType subset: matplotlib embeds fonts in PDF as Type 42 (``FontFile2``), which
needs TrueType (``glyf``) outlines; the OpenType/CFF Noto Sans SC that PyPI packages ship
cannot be embedded that way (matplotlib issue #2869), and the whole font is ~8 MB.

Coverage: ASCII, Latin-1, general punctuation, the minus sign, CJK symbols and
punctuation, full-width forms, and every character of GB 2312 (6,763 hanzi) plus the
hanzi of GBK level-1/2 blocks when ``--gbk`` is given.

Usage (not imported by the package; run by hand when the font must be rebuilt)::

    pip download --no-deps -d /tmp/f pylopdf-fonts-zh-cn==0.1.1   # OFL Noto Sans SC
    unzip -o /tmp/f/*.whl -d /tmp/f/x
    python xialu_graph/resources/fonts/build_font.py /tmp/f/x/pylopdf_fonts_zh_cn/NotoSansSC-Regular.otf

Renamed "Xialu Sans SC" (a Modified Version under the OFL; "Noto" is not a Reserved Font
Name but a distinct name keeps it from shadowing a full Noto Sans SC on the system).
"""

from __future__ import annotations

import sys
from pathlib import Path

FAMILY = "Xialu Sans SC"
PS_NAME = "XialuSansSC-Regular"
HERE = Path(__file__).resolve().parent


def codepoints(gbk: bool = False) -> set[int]:
    cps = set(range(0x20, 0x7F)) | set(range(0xA0, 0x180))
    cps |= set(range(0x2000, 0x2070)) | set(range(0x2100, 0x2200)) | {0x2212, 0x2236, 0x2248, 0x2264, 0x2265, 0x221E}
    cps |= set(range(0x2460, 0x24A0)) | set(range(0x2500, 0x2600)) | set(range(0x25A0, 0x2600))
    cps |= set(range(0x3000, 0x3040)) | set(range(0xFF01, 0xFF5F)) | set(range(0xFFE0, 0xFFE7))
    enc = "gbk" if gbk else "gb2312"
    for b1 in range(0x81, 0xFF):
        for b2 in range(0x40, 0xFF):
            try:
                ch = bytes([b1, b2]).decode(enc)
            except UnicodeDecodeError:
                continue
            cps.add(ord(ch))
    return cps


def build(src: str, out: Path, gbk: bool = False) -> Path:
    from fontTools import subset
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import TTFont, newTable

    opts = subset.Options()
    opts.layout_features = ["kern", "palt"]
    opts.drop_tables += ["DSIG", "VORG", "vhea", "vmtx", "BASE"]
    opts.name_IDs = [0, 1, 2, 3, 4, 5, 6, 7, 13, 14]
    opts.notdef_outline = True
    opts.recalc_timestamp = False
    font = TTFont(src)
    sub = subset.Subsetter(opts)
    sub.populate(unicodes=codepoints(gbk))
    sub.subset(font)

    # CFF (cubic) -> glyf (quadratic)
    order = font.getGlyphOrder()
    gs = font.getGlyphSet()
    glyphs = {}
    for name in order:
        pen = TTGlyphPen(gs)
        gs[name].draw(Cu2QuPen(pen, max_err=1.0, reverse_direction=True))
        glyphs[name] = pen.glyph()
    del font["CFF "]
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = glyphs
    font["glyf"] = glyf
    font["loca"] = newTable("loca")
    maxp = font["maxp"]
    maxp.tableVersion = 0x00010000
    for attr in ("maxZones", "maxTwilightPoints", "maxStorage", "maxFunctionDefs",
                 "maxInstructionDefs", "maxStackElements", "maxSizeOfInstructions",
                 "maxComponentElements", "maxPoints", "maxContours",
                 "maxCompositePoints", "maxCompositeContours", "maxComponentDepth"):
        setattr(maxp, attr, 0)
    maxp.maxZones = 1
    font["head"].glyphDataFormat = 0
    post = font["post"]
    post.formatType = 2.0
    post.extraNames = []
    post.mapping = {}
    post.glyphOrder = order
    font.sfntVersion = "\x00\x01\x00\x00"

    name = font["name"]
    for rec in list(name.names):
        if rec.nameID in (1, 4, 16):
            name.setName(FAMILY, rec.nameID, rec.platformID, rec.platEncID, rec.langID)
        elif rec.nameID == 6:
            name.setName(PS_NAME, rec.nameID, rec.platformID, rec.platEncID, rec.langID)
        elif rec.nameID == 3:
            name.setName(f"2.004;XIALU;{PS_NAME}", rec.nameID, rec.platformID, rec.platEncID, rec.langID)
        elif rec.nameID == 5:
            name.setName("Version 2.004; subset of Noto Sans SC 2.004", rec.nameID,
                         rec.platformID, rec.platEncID, rec.langID)
        elif rec.nameID == 7:
            name.removeNames(nameID=7)
    font["head"].modified = font["head"].created
    font.recalcTimestamp = False
    font.save(out)
    return out


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    out = build(args[0], HERE / f"{PS_NAME}.ttf", gbk="--gbk" in sys.argv)
    print(out, out.stat().st_size)
