"""Document metadata from page-metadata lines and the preamble (notice, title, date)."""

from __future__ import annotations

import re

from ..model import Metadata
from .lines import normalise

_DATE_ISO = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
_DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,8}[〔\[]\s*\d{4}\s*[〕\]]\s*\d{1,4}\s*号")
_PLACE = re.compile(r"([\u4e00-\u9fff]{2,5}?(?:自治县|新区|区|县|市|州|省))(?:人民)?政府")
_PLACE_NAME = r"[\u4e00-\u9fff]{2,8}?(?:自治州|自治县|新区|区|县|市|州|省)"
_PLAN_TITLE = re.compile(r"^(?:" + _PLACE_NAME + r")?\d{4}年.{2,60}?(分解|意见|方案|清单|台账|安排|计划|要点|分工)[^通]{0,12}$")
_YEAR = re.compile(r"(\d{4})\s*(?:[-—–~～至到]\s*\d{4}\s*)?年")
_LEADING_PLACE = re.compile(r"^(" + _PLACE_NAME + r")(?!政府|人民政府)")
_TITLE_WORDS = ("分解", "方案", "计划", "要点", "清单", "分工", "任务", "意见", "安排", "台账", "措施", "责任")
_NOT_TITLE_START = ("各", "现将", "为", "经", "根据", "按照", "近日", "发布", "来源", "索引", "文号", "附件")
_SENTENCE_END = ("。", "；", "，", ";", ",", "：", ":")
_NOT_PLACE = ("已经", "印发", "关于", "根据", "通过", "现将", "同意", "我", "本", "全")
_NOTICE = re.compile(r"关于印发(.+?)的(?:通\s*知)")
_NOTICE_LOOSE = re.compile(r"^(?:.{0,30}?关于)?(?:印发)?(.+?)的(?:通\s*知)$")
_CJK = re.compile(r"[\u4e00-\u9fff]")


def file_name(source: str) -> str:
    """The file name of a source, never its folder ('<string>' and '<bytes>' unchanged).

    Examples
    --------
    >>> file_name("/home/me/docs/2021年分解.docx"), file_name(r"C:\\Users\\me\\a.txt"), file_name("<string>")
    ('2021年分解.docx', 'a.txt', '<string>')
    """
    s = str(source)
    if s.startswith("<") and s.endswith(">"):
        return s
    return s.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1] or s


def heading_title(lines: list[str]) -> str:
    """The document's heading among its first lines: a short line naming a plan, '' when none.

    A heading is 6 to 60 characters, mostly Chinese, names what the document is (分解, 方案, 要点 …),
    is not a sentence, a field (索引号:…) or a table row; a covering notice ('…的通知') gives the
    title it encloses.

    Examples
    --------
    >>> heading_title(["索引号:001", "黄石港区2021年重点工作任务分解表", "一、稳增长"])
    '黄石港区2021年重点工作任务分解表'
    >>> heading_title(["成都市“互联网+”2015—2017年三年行动计划的通知"])
    '成都市“互联网+”2015—2017年三年行动计划'
    >>> heading_title(["现将有关任务分解如下。"])
    ''
    """
    shown = [normalise(raw).strip() for raw in lines]
    shown = [x for x in shown if x][:8]
    for i, s in enumerate(shown):
        if "关于" in s and not s.endswith(_SENTENCE_END) and not s.replace(" ", "").endswith("通知"):
            # a covering notice broken over several short lines: 县人民政府办公室关于 / 对… / …的通知
            for j in range(i + 1, min(i + 6, len(shown))):
                if len(shown[j]) > 30 or shown[j].endswith(_SENTENCE_END):
                    break
                if shown[j].replace(" ", "").endswith("通知"):
                    shown[i:j + 1] = ["".join(shown[i:j + 1])]
                    break
    for s in shown:
        if s.startswith("《") and s.endswith("》"):
            s = s[1:-1]
        if not (6 <= len(s) <= 80) or len(_CJK.findall(s)) < 6 or "|" in s or s.endswith(_SENTENCE_END):
            continue
        if s.startswith(_NOT_TITLE_START) or re.search(r"[:：]", s) or iso_date(s) or _DOC_NUMBER.fullmatch(s):
            continue
        if s.replace(" ", "").endswith("通知"):
            m = _NOTICE_LOOSE.match(s.replace(" ", ""))
            inner = m.group(1).strip("《》 ") if m else ""
            if len(inner) >= 6 and any(w in inner for w in _TITLE_WORDS):
                return inner
            continue
        if len(s) <= 60 and any(w in s for w in _TITLE_WORDS):
            return s
    return ""


def year_of(text: str):
    """The plan year in a title: the first year, or the first of a range ('2018-2020年' → 2018).

    Examples
    --------
    >>> year_of("2020年区政府重点工作责任分解"), year_of("打赢蓝天保卫战实施方案(2018-2020年)"), year_of("分解")
    (2020, 2018, None)
    """
    m = _YEAR.search(text or "")
    return int(m.group(1)) if m else None


def leading_place(title: str) -> str:
    """The district, county, city or province a title starts with, '' when none.

    Examples
    --------
    >>> leading_place("黄石港区2021年重点工作任务分解表"), leading_place("区政府2021年工作要点")
    ('黄石港区', '')
    """
    m = _LEADING_PLACE.match(title or "")
    if not m:
        return ""
    cand = m.group(1)
    if cand.startswith(("区", "各", "县", "市", "省")) or any(w in cand for w in _NOT_PLACE):
        return ""
    return cand


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
    md = Metadata(source=file_name(source))
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
        md.title = heading_title(preamble)
    if not md.title:
        md.title = md.notice_title
    if not md.date:
        for s in reversed(text_lines):
            if len(s) <= 20:
                d = iso_date(s)
                if d:
                    md.date = d
                    break
    md.year = year_of(md.title) or year_of(md.notice_title)
    if md.year is None:
        heads = [x for x in text_lines[:8] if len(x) <= 40 and not iso_date(x)]
        md.year = next((y for y in map(year_of, heads) if y), None)
    if md.date and (md.year is None or md.year > int(md.date[:4]) + 1):
        md.year = int(md.date[:4])  # a plan is not for a year after next (…和2035年远景目标)
    for s in [md.issuer, md.notice_title] + [x for x in text_lines if len(x) <= 40]:
        for m in _PLACE.finditer(s or ""):
            cand = m.group(1)
            if cand.startswith(("区", "各", "县", "市", "省")) or any(w in cand for w in _NOT_PLACE):
                continue
            md.place = cand
            break
        if md.place:
            break
    if not md.place:
        md.place = leading_place(md.title) or leading_place(md.notice_title)
    if not md.place and md.issuer:
        m = re.match(r"([\u4e00-\u9fff]{2,5}?(?:区|县|市))", md.issuer)
        if m and not m.group(1).startswith(("区", "县", "市")):
            md.place = m.group(1)
    return md
