"""Bytes → str: UTF-8 (with or without BOM), UTF-16 with BOM, GB18030/GBK; never a silent mis-decoding.

GB18030 decodes almost any byte string, so a result is accepted only when it reads as Chinese.
Two other East Asian encodings decode cleanly as GB18030 and need their own test:

- EUC-JP keeps kana at the code points GB2312 gives them, so Japanese read as GB18030 shows
  hiragana and katakana among the hanzi: refused when kana are more than a tenth of them.
- EUC-KR puts Hangul at GB2312 rows 16-40 (lead bytes 0xB0-0xC8), which hold hanzi whose
  pinyin runs from *a* to about *sh*; Chinese text has about 38% of its hanzi in the rest of
  the first level (lead bytes 0xC9-0xD7: 是, 在, 中, 政, 责, 新 …). Korean read as GB18030 has
  none there: refused when fewer than 3% of 30 or more hanzi are.
"""

from __future__ import annotations

import re

from ..errors import InputError

__all__ = ["decode_bytes"]

_CJK = re.compile(r"[\u4e00-\u9fff]")
_GBK_HANZI = re.compile(r"[\u4e00-\u9fa5]")
_PUA = re.compile(r"[\ue000-\uf8ff]")
_KANA = re.compile(r"[\u3041-\u30ff]")
_LATE_LEVEL_ONE = bytes(range(0xC9, 0xD8))
PROBE_CHARS = 200_000


def decode_bytes(data: bytes, *, name: str = "<bytes>") -> tuple[str, str]:
    """Decode document bytes, never silently mis-decoding.

    UTF-8 (with or without BOM) and UTF-16 with a BOM are taken as they are; otherwise
    GB18030 (a superset of GBK and GB2312) is tried, and accepted only when the result reads
    as Chinese text (CJK characters present, no private-use characters, few odd symbols, no
    Japanese kana, hanzi spread the way Chinese text spreads them; see the module notes).

    Parameters
    ----------
    data : bytes
        The file's bytes.
    name : str, keyword-only
        File name for the error message.

    Returns
    -------
    (text, encoding)

    Raises
    ------
    InputError
        Binary content (a NUL byte anywhere, or a NUL character after UTF-16 decoding), bytes
        that decode under no supported encoding, or Japanese/Korean bytes (EUC-JP, EUC-KR).

    Examples
    --------
    >>> decode_bytes("下陆区".encode("gbk"))
    ('下陆区', 'gb18030')
    >>> decode_bytes("서울특별시 지방자치단체는 협력하여 주민 복지를 증진한다 정부는 올해".encode("euc-kr"), name="k.txt")
    Traceback (most recent call last):
    ...
    xialu_graph.errors.InputError: k.txt: cannot decode: the bytes read as Korean (EUC-KR), not Chinese; save the file as UTF-8
    """
    if data.startswith(b"\xef\xbb\xbf"):
        _refuse_nul(data, name)
        try:
            return _decode(data, "utf-8", start=3), "utf-8-sig"
        except UnicodeDecodeError as e:
            raise InputError(f"invalid UTF-8 after a UTF-8 byte-order mark (byte {e.start})", source=name) from None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError("invalid UTF-16 text", source=name) from None
        if "\x00" in text:
            raise InputError("binary file, not a text document (NUL character)", source=name, line=text[: text.index("\x00")].count("\n") + 1)
        return text, "utf-16"
    _refuse_nul(data, name)
    try:
        return _decode(data, "utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = _decode(data, "gb18030")
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        raise InputError("cannot decode: neither UTF-8 nor GB18030/GBK", source=name, line=line) from None
    why = _not_chinese(text[:PROBE_CHARS])
    if why:
        raise InputError(f"cannot decode: {why}", source=name)
    return text, "gb18030"


def _decode(data: bytes, encoding: str, *, start: int = 0) -> str:
    """``data[start:].decode(encoding)`` in pieces.

    ``bytes.decode`` reserves two bytes per input byte before it knows the text is CJK and
    then copies the result: about 3x the file at its peak. Pieces of 4 MiB joined once cost
    the text twice (pieces + result). A UnicodeDecodeError's ``start`` is an offset in ``data``.
    """
    import codecs

    if len(data) - start <= _PIECE:
        try:
            return data[start:].decode(encoding)
        except UnicodeDecodeError as e:
            raise UnicodeDecodeError(e.encoding, data, e.start + start, e.end + start, e.reason) from None
    decoder = codecs.getincrementaldecoder(encoding)()
    parts = []
    view = memoryview(data)
    for at in range(start, len(data), _PIECE):
        end = min(at + _PIECE, len(data))
        try:
            parts.append(decoder.decode(view[at:end], final=end == len(data)))
        except UnicodeDecodeError as e:
            pending = len(decoder.getstate()[0]) if hasattr(decoder, "getstate") else 0
            raise UnicodeDecodeError(e.encoding, data, max(start, at + e.start - pending), at + e.end, e.reason) from None
    return "".join(parts)


_PIECE = 4 << 20


def _refuse_nul(data: bytes, name: str) -> None:
    i = data.find(b"\x00")
    if i >= 0:
        raise InputError("binary file, not a text document (NUL byte)", source=name, line=data.count(b"\n", 0, i) + 1)


def _not_chinese(probe: str) -> str:
    """Why text decoded as GB18030 is not Chinese, or '' when it reads as Chinese."""
    n_cjk = len(_CJK.findall(probe))
    n_pua = len(_PUA.findall(probe))
    non_ascii = sum(1 for c in probe if ord(c) > 127)
    generic = "bytes are not UTF-8 and do not read as GB18030/GBK Chinese"
    if n_pua or (non_ascii and n_cjk / non_ascii < 0.6):
        return generic
    n_kana = len(_KANA.findall(probe))
    if n_kana >= 5 and n_kana > 0.1 * (n_kana + n_cjk):
        return "the bytes read as Japanese (EUC-JP), not Chinese; save the file as UTF-8"
    hanzi = "".join(_GBK_HANZI.findall(probe))
    if len(hanzi) >= 30:
        leads = hanzi.encode("gbk")[0::2]
        late = len(leads) - len(leads.translate(None, _LATE_LEVEL_ONE))
        if late < 0.03 * len(leads):
            return "the bytes read as Korean (EUC-KR), not Chinese; save the file as UTF-8"
    return ""
