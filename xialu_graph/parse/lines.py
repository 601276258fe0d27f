"""Classify single lines: page chrome, metadata, headings, numbered items, label lines, table rows.

All patterns run on a *normalised* copy of the line (:func:`normalise`), which maps
full-width punctuation and digits to half-width one character for one character, so a
match position in the normalised line is the same position in the original line.

Every regular expression here is anchored and linear (no nested quantifiers), so a
pathological line costs time proportional to its length.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

__all__ = ["normalise", "LineMatch", "match_heading", "match_item", "match_bare_item", "CN_NUM", "cn_to_int", "nth", "ITEM_START", "HEAD_START"]

_FW = "（）：；，．【】［］０１２３４５６７８９　！？｜﹒"
_HW = "():;,.[][]0123456789 !?|."
# Traditional → simplified, character for character, for the words of this genre (labels,
# unit names, common policy words). Matching runs on the simplified form; texts are kept as
# written.
TRADITIONAL = "區發財務稅衛辦員會環設場監規劃國資鎮鄉處廳農業經濟專領導組責單頭協參與負綜執體醫療險統計審應齊眾質檢驗電郵氣鐵運輸為將實現進項園縣職內數據關聯門開術報價類總獎勵產達議傳營層屬憑於機構調適廣興點擊圖書館檔說講訂認證讀錄頁顯選舉權歸護織罰際陸陳島橋樓漢滬幹寧徵銷貿標準條範製節圍黨級長鄰轉變優勢揮預測確強難題補貼維邊兩個們這樣種績極積彙結網絡繫費購買賣線屆團誼隊雙連戰堅脫貧鞏擴鬆緊張壓擔當幫養蘇約貫徹撥還債風評雜誌獲頒創瀾濱東車軌輛駕駛號碼戶簽僑臺灣復繞亞歐廠礦採煉鋼銅鋁鋅錫纜輕紡藥漁獸飼階鏈帶動輻態響災搶裝備訓練牽勞築廈獨倉儲義聽觀紀紅綠銀貸潔諮詢對時間問學師壽殘婦兒軍緝溝訊視聞錢論競爭糧飯歷萬億從見訪賴辭爲註稱額細礎"
SIMPLIFIED = "区发财务税卫办员会环设场监规划国资镇乡处厅农业经济专领导组责单头协参与负综执体医疗险统计审应齐众质检验电邮气铁运输为将实现进项园县职内数据关联门开术报价类总奖励产达议传营层属凭于机构调适广兴点击图书馆档说讲订认证读录页显选举权归护织罚际陆陈岛桥楼汉沪干宁征销贸标准条范制节围党级长邻转变优势挥预测确强难题补贴维边两个们这样种绩极积汇结网络系费购买卖线届团谊队双连战坚脱贫巩扩松紧张压担当帮养苏约贯彻拨还债风评杂志获颁创澜滨东车轨辆驾驶号码户签侨台湾复绕亚欧厂矿采炼钢铜铝锌锡缆轻纺药渔兽饲阶链带动辐态响灾抢装备训练牵劳筑厦独仓储义听观纪红绿银贷洁咨询对时间问学师寿残妇儿军缉沟讯视闻钱论竞争粮饭历万亿从见访赖辞为注称额细础"
_FW_PAIRS = tuple(zip(_FW, _HW))
_TRAD_RE = re.compile("[" + TRADITIONAL + "]")
_TRAD_TRANS = str.maketrans(TRADITIONAL, SIMPLIFIED)


def normalise(s: str) -> str:
    """Map full-width punctuation, digits and spaces to half-width, and traditional characters
    to simplified ones, char for char (so offsets in the result are offsets in the input).

    Examples
    --------
    >>> normalise("（一）牵头单位：区发改局；")
    '(一)牵头单位:区发改局;'
    >>> normalise("牽頭單位：區發改局")
    '牵头单位:区发改局'
    """
    # str.replace scans at C speed; str.translate costs a dict look-up per character
    for a, b in _FW_PAIRS:
        if a in s:
            s = s.replace(a, b)
    if _TRAD_RE.search(s):
        s = s.translate(_TRAD_TRANS)
    return s


CN_DIGITS = "零一二三四五六七八九十百"
CN_NUM = "[一二三四五六七八九十]{1,3}"
_CN_VAL = {c: i for i, c in enumerate("零一二三四五六七八九")}


_STEMS = "甲乙丙丁戊己庚辛壬癸"  # the Chinese ordinals: 乙 is "the second"


def nth(k: int) -> str:
    """The mark of the ``k``-th of several things of one number (k ≥ 2): 乙, 丙 … 癸, then ``k``.

    An id keeps the digits of the number as printed and no other (``2#乙``, not ``2#2``), so a
    reader, a corrections file or a scorer that reads the id's digits finds the printed number.

    Examples
    --------
    >>> [nth(k) for k in (2, 3, 10, 11)]
    ['乙', '丙', '癸', '11']
    """
    return _STEMS[k - 1] if k <= len(_STEMS) else str(k)


def cn_to_int(s: str) -> int:
    """Chinese numeral (up to 99) → int.

    Examples
    --------
    >>> cn_to_int("十二"), cn_to_int("二十"), cn_to_int("七")
    (12, 20, 7)
    """
    if not s:
        return 0
    if "十" in s:
        a, _, b = s.partition("十")
        tens = _CN_VAL.get(a, 1) if a else 1
        return tens * 10 + (_CN_VAL.get(b, 0) if b else 0)
    total = 0
    for c in s:
        total = total * 10 + _CN_VAL.get(c, 0)
    return total


CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"

_SECTION = re.compile(rf"^({CN_NUM})\s*[、.]\s*(.*)$")
_SECTION_PART = re.compile(rf"^第({CN_NUM})(?:部分|章|篇|项)\s*[、.:]?\s*(.*)$")
_CN_PAREN = re.compile(rf"^\(\s*({CN_NUM})\s*\)\s*[、.]?\s*(.*)$")
_ARABIC = re.compile(r"^(\d{1,4})\s*([、.])(?![\d%])\s*(.*)$")
_ARABIC_PAREN = re.compile(r"^\(\s*(\d{1,4})\s*\)\s*[、.]?\s*(.*)$")
_ARABIC_CLOSE = re.compile(r"^(\d{1,4})\s*\)\s*(.*)$")
PAREN_DIGITS = "⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇"
ITEM_START = frozenset("0123456789(" + CIRCLED + PAREN_DIGITS)
"""First characters of a line :func:`match_item` can match (a cheap test before the pattern)."""
HEAD_START = frozenset("一二三四五六七八九十(第")
"""First characters of a line :func:`match_heading` can match."""
_PAREN_DIGIT = re.compile(rf"^([{PAREN_DIGITS}])\s*(.*)$")
_CIRCLED = re.compile(rf"^([{CIRCLED}])\s*[、.]?\s*(.*)$")
_ATTACHMENT = re.compile(r"^附\s*件\s*(\d{1,3}|" + CN_NUM + r")?\s*[:.、]?\s*(.*)$")


@dataclass
class LineMatch:
    """A numbered line: its style, the number as written and as int, and the rest of the line.

    ``style`` is one of 'section' (一、, 第一部分), 'cn_paren' ((一)), 'arabic' (1、 / 1. / 1．),
    'arabic_paren' ((1)), 'circled' (①), 'paren_digit' (⑴), 'arabic_close' (1)), 'arabic_bare' (1大力…,
    no punctuation; :func:`match_bare_item`).
    ``start`` is the offset of ``rest`` in the line.
    """

    style: str
    label: str
    number: int
    rest: str
    start: int


def match_heading(norm: str) -> Optional[LineMatch]:
    """Match the Chinese-numbered styles 一、 and (一) on a normalised, left-stripped line."""
    m = _SECTION.match(norm) or _SECTION_PART.match(norm)
    if m:
        return LineMatch("section", m.group(1), cn_to_int(m.group(1)), m.group(2), m.start(2))
    m = _CN_PAREN.match(norm)
    if m:
        return LineMatch("cn_paren", m.group(1), cn_to_int(m.group(1)), m.group(2), m.start(2))
    return None


def match_item(norm: str) -> Optional[LineMatch]:
    """Match the item styles 1、 1. (1) ① ⑴ 1) on a normalised, left-stripped line."""
    m = _ARABIC.match(norm)
    if m:
        return LineMatch("arabic", m.group(1) + m.group(2), int(m.group(1)), m.group(3), m.start(3))
    m = _ARABIC_PAREN.match(norm)
    if m:
        return LineMatch("arabic_paren", f"({m.group(1)})", int(m.group(1)), m.group(2), m.start(2))
    m = _CIRCLED.match(norm)
    if m:
        return LineMatch("circled", m.group(1), CIRCLED.index(m.group(1)) + 1, m.group(2), m.start(2))
    m = _PAREN_DIGIT.match(norm)
    if m:
        return LineMatch("paren_digit", m.group(1), PAREN_DIGITS.index(m.group(1)) + 1, m.group(2), m.start(2))
    m = _ARABIC_CLOSE.match(norm)
    if m:
        return LineMatch("arabic_close", m.group(1) + ")", int(m.group(1)), m.group(2), m.start(2))
    return None


_ARABIC_BARE = re.compile(r"^(\d{1,2})(?=[\u4e00-\u9fff])(?![年月日时个项万亿千百元条家处名人次倍号届期批所座种户亩吨余多周季天岁级类])(.*)$")


def match_bare_item(norm: str) -> Optional[LineMatch]:
    """An arabic number written straight before the text, no punctuation (``1大力发展…``): style
    ``arabic_bare``. Only a candidate: a number before a measure word (``3个``, ``10年``) is none,
    and the numbering pass takes such lines as items only where they run 1, 2, 3 … and nothing
    else carries the assignments (:func:`.numbering.scan_numbering`).

    Examples
    --------
    >>> m = match_bare_item("1加快实施服务业倍增计划")
    >>> m.style, m.label, m.number, m.rest
    ('arabic_bare', '1', 1, '加快实施服务业倍增计划')
    >>> match_bare_item("3个百分点"), match_bare_item("2006年重点任务"), match_bare_item("1、抓项目")
    (None, None, None)
    """
    m = _ARABIC_BARE.match(norm)
    if not m:
        return None
    return LineMatch("arabic_bare", m.group(1), int(m.group(1)), m.group(2), m.start(2))


def match_attachment(norm: str) -> Optional[str]:
    """'附件2' (alone or followed by a short title) → '附件2'; None otherwise."""
    if not norm.startswith("附") or len(norm) > 60:
        return None
    m = _ATTACHMENT.match(norm)
    if not m:
        return None
    n = m.group(1) or ""
    if n and not n.isdigit():
        n = str(cn_to_int(n))
    return "附件" + n


# ---------------------------------------------------------------- chrome and metadata

_CHROME_EXACT = {
    "设为首页", "加入收藏", "无障碍阅读", "长者版", "打印本页", "关闭窗口", "返回顶部", "打印", "关闭",
    "分享到", "【打印】", "【关闭】", "网站地图", "联系我们", "首页", "字号", "大", "中", "小", "扫一扫",
    "扫一扫在手机打开当前页",
}
_CHROME_PREFIX = (
    "当前位置", "您当前的位置", "您的位置", "相关解读", "相关链接", "责任编辑", "来源:", "浏览次数", "访问量",
    "分享:", "【字体", "字体:", "附件下载", "上一篇", "下一篇", "扫一扫", "版权所有", "主办:", "主办单位",
    "ICP备", "网站标识码", "技术支持",
)
_URL = re.compile(r"https?://\S+")


def is_chrome(stripped: str, norm: str) -> bool:
    """Navigation, sharing and footer lines of a government web page."""
    s = norm.lstrip("-•·*>·● \t").strip()
    if not s:
        return bool(stripped)
    if s in _CHROME_EXACT:
        return True
    if s.startswith(_CHROME_PREFIX):
        return True
    if _URL.fullmatch(s):
        return True
    if ">" in s and len(s) < 80 and s.count(">") >= 2 and "首页" in s:
        return True
    return False


_SITE_CREDIT = re.compile(r"承办|ICP|版权|技术支持|网站|标识码|电话|地址|邮编|备案|政府办公室$|人民政府$")


def is_site_credit(norm: str) -> bool:
    """A web site's credit line (主办单位:XX区人民政府办公室 承办:…), not a task's label line.

    Examples
    --------
    >>> is_site_credit("主办单位:下陆区人民政府办公室 承办:区大数据中心"), is_site_credit("主办单位:区发改局")
    (True, False)
    """
    return bool(_SITE_CREDIT.search(norm))


_FOOTER = re.compile(r"^(抄送|主送|抄报|印发|联系人|联系电话|\(此件公开发布\)|此件公开发布|\(此件主动公开\)|此件主动公开|信息公开选项)")
_PRINTED = re.compile(r"\d{4}年\d{1,2}月\d{1,2}日\s*(印发|印)$")


def is_footer(norm: str) -> bool:
    """The closing lines of an official document: 抄送, 印发 date, contact, publication note."""
    return bool(_FOOTER.match(norm) or _PRINTED.search(norm))


META_KEYS = (
    ("notice_title", r"名\s*称"),
    ("index_number", r"索\s*引\s*号"),
    ("date", r"发布日期"),
    ("date", r"发布时间"),
    ("date", r"成文日期"),
    ("issuer", r"发布机构"),
    ("issuer", r"来\s*源"),
    ("doc_number", r"文\s*号"),
    ("category", r"文件分类"),
    ("category", r"主题分类"),
    ("owner", r"所属机构"),
)
_META_KEY_RE = re.compile("(" + "|".join(k for _, k in META_KEYS) + r")\s*:")
_META_NAMES = [(re.compile(k), name) for name, k in META_KEYS]


def match_metadata(norm: str) -> Optional[dict]:
    """Parse a page-metadata line (名 称: … 索 引 号: … 发布日期: …) into a dict, or None."""
    keys = list(_META_KEY_RE.finditer(norm))
    if not keys or keys[0].start() > 2:
        return None
    out: dict = {}
    for i, m in enumerate(keys):
        end = keys[i + 1].start() if i + 1 < len(keys) else len(norm)
        value = norm[m.end():end].strip()
        key_text = m.group(1)
        for rx, name in _META_NAMES:
            if rx.fullmatch(key_text):
                out.setdefault(name, value)
                break
    return out
