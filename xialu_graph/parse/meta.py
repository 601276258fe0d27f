"""Document metadata from page-metadata lines and the preamble (notice, title, date)."""

from __future__ import annotations

import re

from ..model import Metadata
from .lines import normalise

_DATE_ISO = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
_DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,8}[〔\[]\s*\d{4}\s*[〕\]]\s*\d{1,4}\s*号")
_PLACE = re.compile(r"([\u4e00-\u9fff]{2,5}?(?:自治县|新区|区|县|市|州|省))(?:人民)?政府")
_PLAN_TITLE = re.compile(r"^\d{4}年.{2,60}?(分解|意见|方案|清单|台账|安排|计划)[^通]{0,12}$")
_YEAR = re.compile(r"(\d{4})年")
_NOT_PLACE = ("已经", "印发", "关于", "根据", "通过", "现将", "同意", "我", "本", "全")
_NOTICE = re.compile(r"关于印发(.+?)的(?:通\s*知)")


def iso_date(s: str) -> str:
    """'2020年6月28日' or '2020-06-28' → '2020-06-28'; '' when no complete date.

    Examples
    --------
    >>> iso_date("2020年6月28日"), iso_date("发布时间:2021-06-02"), iso_date("20251月13")
    ('2020-06-28', '2021-06-02', '')
    """
    m = _DATE_ISO.search(s)
    if not m:
        return ""
    y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return ""
    return f"{y:04d}-{mo:02d}-{d:02d}"


def build_metadata(page_meta: dict, preamble: list[str], source: str) -> Metadata:
    """Combine page-metadata fields and preamble lines into a Metadata record."""
    md = Metadata(source=source)
    md.notice_title = page_meta.get("notice_title", "")
    md.index_number = page_meta.get("index_number", "")
    md.issuer = page_meta.get("issuer", "")
    md.date = iso_date(page_meta.get("date", ""))
    md.doc_number = page_meta.get("doc_number", "")
    text_lines = [normalise(s).strip() for s in preamble]
    if not md.doc_number:
        for s in text_lines:
            m = _DOC_NUMBER.search(s)
            if m:
                md.doc_number = m.group(0).replace(" ", "")
                break
    if not md.notice_title:
        for s in text_lines:
            if "关于印发" in s and "通知" in s:
                md.notice_title = _DOC_NUMBER.sub("", s).strip()
                break
    for s in text_lines:
        if _PLAN_TITLE.match(s) and "通知" not in s and "《" not in s:
            md.title = s
    if not md.title and md.notice_title:
        m = _NOTICE.search(md.notice_title)
        if m:
            md.title = m.group(1).strip("《》 ")
    if not md.title:
        md.title = md.notice_title
    if not md.date:
        for s in reversed(text_lines):
            if len(s) <= 20:
                d = iso_date(s)
                if d:
                    md.date = d
                    break
    m = _YEAR.search(md.title or md.notice_title)
    if m:
        md.year = int(m.group(1))
    for s in [md.issuer, md.notice_title] + [x for x in text_lines if len(x) <= 40]:
        for m in _PLACE.finditer(s or ""):
            cand = m.group(1)
            if cand.startswith(("区", "各", "县", "市", "省")) or any(w in cand for w in _NOT_PLACE):
                continue
            md.place = cand
            break
        if md.place:
            break
    if not md.place and md.issuer:
        m = re.match(r"([\u4e00-\u9fff]{2,5}?(?:区|县|市))", md.issuer)
        if m and not m.group(1).startswith(("区", "县", "市")):
            md.place = m.group(1)
    return md
