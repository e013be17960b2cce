"""Mail text as mailers really send it: charset names to codecs, ISO-2022-JP as the Microsoft
superset (CP50220), and a careful guess when no charset is declared.

- ISO-2022-JP is decoded as CP50220 (RFC 1468 plus the NEC and IBM extensions Windows
  mailers put in it: `①`, `㈱`, `髙`, `～`). Python has no CP50220 codec, so each JIS X 0208
  pair is turned into its Shift_JIS bytes and decoded as cp932 (the mapping Microsoft
  documents for CP50220), which gives the same characters Windows shows.
- Every alias mailers use maps to the codec of the superset they really send
  (`Windows-31J`, `csWindows31J`, `MS_Kanji`, `x-sjis`, `Shift_JIS` -> cp932;
  `ks_c_5601-1987` -> cp949; `gb2312` -> gbk, gb18030; see `_ALIASES`).
- Only charsets that carry mail text are accepted: a name that Python knows but is not a
  mail charset (`unicode_escape`, `rot13`, `base64`, `zlib`, `idna`, ...) is unknown.
- With no charset (or a wrong one), ISO-2022-JP is found by its escape sequences, then
  UTF-8, cp932 and EUC-JP are tried; the guess is said.
- A decoding that still contains ESC is never accepted: a stray ESC becomes U+FFFD and the
  caller is told.

Why about 440 lines: the alias table, CP50220 and the guessing are one decision (which codec
reads these bytes), kept together so a fix to one cannot break another unseen.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

CP50220 = "cp50220"
"""Our name for the ISO-2022-JP decoder of this module (not a Python codec)."""

# Declared name (lower case, `_` as `-`) -> codecs to try, in order.
_ALIASES: dict[str, tuple[str, ...]] = {}
for _names, _codecs in (
    (
        (
            "iso-2022-jp",
            "csiso2022jp",
            "iso-2022-jp-ms",
            "iso-2022-jp-ext",
            "iso-2022-jp-1",
            "cp50220",
            "cp50221",
            "cp50222",
            "x-cp50220",
            "x-cp50221",
            "x-cp50222",
            "iso2022jp",
            "jis",
            "x-jis",
            "iso-2022-jp-2",
            "iso-2022-jp-3",
            "iso-2022-jp-2004",
            "csiso2022jp2",
        ),
        (CP50220,),
    ),
    (
        (
            "shift-jis",
            "shiftjis",
            "sjis",
            "x-sjis",
            "s-jis",
            "windows-31j",
            "cswindows31j",
            "ms-kanji",
            "csshiftjis",
            "ms932",
            "cp932",
            "x-ms-cp932",
            "ibm-943",
            "windows-932",
            "shift-jis-2004",
            "shift-jisx0213",
        ),
        ("cp932", "shift_jis_2004"),
    ),
    (
        (
            "euc-jp",
            "eucjp",
            "x-euc-jp",
            "x-euc",
            "ujis",
            "cseucpkdfmtjapanese",
            "eucjp-ms",
            "euc-jp-ms",
            "cp51932",
            "euc-jis-2004",
            "euc-jisx0213",
        ),
        ("euc_jp", "euc_jis_2004"),
    ),
    (
        (
            "gb2312",
            "csgb2312",
            "euc-cn",
            "x-euc-cn",
            "gbk",
            "cp936",
            "x-gbk",
            "ms936",
            "windows-936",
            "gb18030",
            "chinese",
        ),
        ("gbk", "gb18030"),
    ),
    (
        (
            "ks-c-5601-1987",
            "ks-c-5601",
            "ksc5601",
            "ksc-5601",
            "euc-kr",
            "cseuckr",
            "cp949",
            "uhc",
            "windows-949",
            "ms949",
            "korean",
        ),
        ("cp949",),
    ),
    (("big5", "csbig5", "cn-big5", "x-x-big5", "cp950", "big5-hkscs", "ms950"), ("cp950", "big5hkscs")),
    (("iso-8859-1", "latin1", "latin-1", "iso8859-1", "l1", "cp819", "windows-1252", "cp1252"), ("cp1252",)),
    (("us-ascii", "ascii", "ansi-x3.4-1968", "csascii", "us"), ("ascii",)),
    (("utf-8", "utf8", "unicode-1-1-utf-8", "x-unicode20utf8"), ("utf-8",)),
    (("tis-620", "windows-874", "cp874", "iso-8859-11"), ("cp874",)),
):
    for _name in _names:
        _ALIASES[_name] = _codecs

# Python codec names (as `codecs.lookup(...).name` gives them) that carry mail text.
_MAIL_CODECS = re.compile(
    r"(utf-8|utf-8-sig|utf-7|utf-16(-le|-be)?|utf-32(-le|-be)?|ascii|iso8859-\d+|cp125\d|cp874|cp437|cp85\d|"
    r"cp866|koi8-[ru]|mac-(roman|cyrillic|greek|latin2|turkish|iceland)|tis-620|big5|big5hkscs|cp950|"
    r"gb2312|gbk|gb18030|hz|euc_kr|cp949|johab|iso2022_kr|euc_jp|euc_jis_2004|euc_jisx0213|shift_jis|"
    r"shift_jis_2004|shift_jisx0213|cp932|iso2022_jp(_\w+)?|ptcp154|kz1048|cp1125)"
)
_LATIN1_AS_UTF8 = re.compile(rb"\xc2[\xa0-\xbf]|\xc3[\x80-\xbf]")
_JIS_ESCAPES = (b"\x1b$B", b"\x1b$@", b"\x1b(J", b"\x1b(I", b"\x1b$(D", b"\x1b(B")


@dataclass(frozen=True)
class Decoded:
    """Text decoded from bytes, and what the reader should know about it."""

    text: str
    """The text; never contains ESC."""
    charset: str
    """The codec that was used (`cp50220` for ISO-2022-JP)."""
    note: str = ""
    """One line when the charset was guessed or some bytes could not be read; else empty."""

    @property
    def damaged(self) -> bool:
        """True when some bytes could not be read (U+FFFD in the text)."""
        return "\ufffd" in self.text


def _label(name: str | None) -> str:
    return (name or "").strip().strip("\"'").lower().replace("_", "-")


def codecs_for(name: str | None) -> tuple[str, ...] | None:
    """The codecs to try, in order, for a declared charset name; None when the name is not
    a mail charset we know (or names a Python codec that is not a mail text encoding)."""
    label = _label(name)
    if not label:
        return None
    if label in _ALIASES:
        return _ALIASES[label]
    try:
        info = codecs.lookup(label)
    except (LookupError, ValueError):
        return None
    if not getattr(info, "_is_text_encoding", True) or not _MAIL_CODECS.fullmatch(info.name):
        return None
    if info.name.startswith("iso2022_jp"):
        return (CP50220,)
    return (info.name,)


def _jis_pair_to_sjis(j1: int, j2: int) -> bytes:
    """A JIS X 0208 code (two bytes 0x21-0x7E) as Shift_JIS bytes (JIS X 0208 annex 1)."""
    s1 = ((j1 + 1) >> 1) + (0x70 if j1 <= 0x5E else 0xB0)
    if j1 & 1:
        s2 = j2 + (0x1F if j2 <= 0x5F else 0x20)
    else:
        s2 = j2 + 0x7E
    return bytes((s1, s2))


_ESCAPE = re.compile(rb"\x1b(?:\(B|\(J|\(I|\$@|\$B|\$\(D|\$\(B|&@)")


def decode_iso2022jp(data: bytes) -> tuple[str, int]:
    """ISO-2022-JP bytes decoded as CP50220 (with the NEC and IBM extensions, and half-width
    katakana by `ESC ( I` or SO/SI). Returns (text, number of bytes that could not be read,
    each shown as U+FFFD). Never raises; the text never contains ESC."""
    out: list[str] = []
    bad = 0
    mode = "ascii"  # ascii | roman | kana | jis | jis0212
    shifted = False  # SO: half-width katakana until SI
    sjis = bytearray()

    def flush() -> None:
        nonlocal bad
        if sjis:
            text = bytes(sjis).decode("cp932", "replace")
            bad += text.count("\ufffd")
            out.append(text)
            sjis.clear()

    i, n = 0, len(data)
    while i < n:
        byte = data[i]
        if byte == 0x1B:
            match = _ESCAPE.match(data, i)
            if match is None:
                flush()
                out.append("\ufffd")
                bad += 1
                i += 1
                continue
            seq = match[0]
            previous = mode
            mode = {b"\x1b(B": "ascii", b"\x1b(J": "roman", b"\x1b(I": "kana", b"\x1b$(D": "jis0212"}.get(seq, "jis")
            if seq == b"\x1b&@":  # the JIS X 0208-1990 announcer: ESC $ B follows, mode unchanged
                mode = previous
            i = match.end()
            continue
        if byte == 0x0E:
            shifted = True
            i += 1
            continue
        if byte == 0x0F:
            shifted = False
            i += 1
            continue
        if byte in (0x0A, 0x0D):  # a line break never belongs to a two-byte character
            sjis.append(byte)
            i += 1
            continue
        if shifted or mode == "kana":
            if 0x21 <= byte <= 0x5F:
                sjis.append(byte + 0x80)
            elif 0xA1 <= byte <= 0xDF:
                sjis.append(byte)
            else:
                sjis.append(byte if byte < 0x80 else 0xFF)
            i += 1
            continue
        if mode in ("jis", "jis0212"):
            if i + 1 < n and 0x21 <= byte <= 0x7E and 0x21 <= data[i + 1] <= 0x7E:
                if mode == "jis":
                    sjis += _jis_pair_to_sjis(byte, data[i + 1])
                else:
                    flush()
                    try:
                        out.append((b"\x1b$(D" + data[i : i + 2] + b"\x1b(B").decode("iso2022_jp_2"))
                    except UnicodeDecodeError:
                        out.append("\ufffd")
                        bad += 1
                i += 2
                continue
            if byte in (0x20, 0x09):  # some mailers leave spaces in two-byte mode
                sjis.append(byte)
                i += 1
                continue
            sjis.append(0xFF)  # not a character: one U+FFFD
            i += 1
            continue
        if byte < 0x80:
            sjis.append(byte)  # JIS X 0201 Roman differs from ASCII only in ¥ and ‾: kept as ASCII
        elif 0xA1 <= byte <= 0xDF:
            sjis.append(byte)  # 8-bit half-width katakana, as some mailers send it
        else:
            sjis.append(0xFF)
        i += 1
    flush()
    return "".join(out), bad


def _strict(data: bytes, name: str) -> str | None:
    if name == CP50220:
        text, bad = decode_iso2022jp(data)
        return None if bad else text
    try:
        text = data.decode(name)
    except (UnicodeDecodeError, LookupError):
        return None
    return None if "\x1b" in text else text


def _replacing(data: bytes, name: str) -> str:
    if name == CP50220:
        return decode_iso2022jp(data)[0]
    try:
        return data.decode(name, "replace").replace("\x1b", "\ufffd")
    except LookupError:
        return data.decode("utf-8", "replace").replace("\x1b", "\ufffd")


def _japanese_score(text: str) -> float:
    """How much `text` looks like Japanese rather than mojibake: kana and common kanji count
    for it, half-width katakana, private-use and rare characters against it."""
    score = 0.0
    for char in text:
        code = ord(char)
        if 0x3040 <= code <= 0x30FF or 0x3000 <= code <= 0x303F or 0xFF01 <= code <= 0xFF5E:
            score += 2
        elif 0x4E00 <= code <= 0x9FFF:
            score += 1
        elif 0xFF61 <= code <= 0xFF9F or 0xE000 <= code <= 0xF8FF:
            score -= 3
        elif code > 0x7F and unicodedata.category(char) in ("Co", "Cn", "So", "Sk"):
            score -= 1
    return score


def _unreadable(text: str) -> int:
    """U+FFFD and private-use characters: what a reading could not make sense of."""
    return sum(1 for char in text if char == "\ufffd" or "\ue000" <= char <= "\uf8ff")


def guess(data: bytes, western: bool = True) -> Decoded:
    """Decode bytes whose charset is unknown: ISO-2022-JP when they carry its escapes, else
    UTF-8, else the better of cp932 and EUC-JP when it reads as Japanese, else (when
    `western`) Windows-1252, else the reading with the fewest U+FFFD. The note says what
    was guessed."""
    if data.isascii() and b"\x1b" not in data:
        return Decoded(data.decode("ascii"), "ascii")
    if b"\x1b" in data and any(esc in data for esc in _JIS_ESCAPES) and data.isascii():
        jis_text, bad = decode_iso2022jp(data)
        note = "no charset was declared; read as ISO-2022-JP (guessed)"
        if bad:
            note += f"; {bad} byte{'s' if bad != 1 else ''} could not be read (shown as \ufffd)"
        return Decoded(jis_text, CP50220, note)
    text = _strict(data, "utf-8")
    if text is not None:
        return Decoded(text, "utf-8", "no charset was declared; read as UTF-8 (guessed)")
    found = [(name, text) for name in ("cp932", "euc_jp", "euc_jis_2004") if (text := _strict(data, name)) is not None]
    if found:
        name, text = max(found, key=lambda pair: _japanese_score(pair[1]))
        if _japanese_score(text) > 0:
            shown = {"cp932": "Shift_JIS (cp932)", "euc_jp": "EUC-JP", "euc_jis_2004": "EUC-JP"}[name]
            return Decoded(text, name, f"no charset was declared; read as {shown} (guessed)")
    # Shift_JIS or EUC-JP bytes of which those in 0xA0-0xFF were turned into the UTF-8 of
    # the Latin-1 character of the same number (a script or gateway that took the text for
    # Latin-1): undone only when the whole text then reads cleanly.
    if _LATIN1_AS_UTF8.search(data):
        repaired = _LATIN1_AS_UTF8.sub(lambda m: bytes((((m[0][0] & 0x03) << 6) | (m[0][1] & 0x3F),)), data)
        found = [(name, text) for name in ("cp932", "euc_jp") if (text := _strict(repaired, name)) is not None]
        if found:
            name, text = max(found, key=lambda pair: _japanese_score(pair[1]))
            if _japanese_score(text) > 0:
                shown = "Shift_JIS (cp932)" if name == "cp932" else "EUC-JP"
                return Decoded(
                    text,
                    name,
                    f"no charset was declared; read as {shown} (guessed) after undoing "
                    "bytes re-encoded as UTF-8 Latin-1 characters",
                )
    if western and (text := _strict(data, "cp1252")) is not None:
        return Decoded(text, "cp1252", "no charset was declared; read as Windows-1252 (guessed)")
    candidates = [(name, _replacing(data, name)) for name in ("utf-8", "cp932", "euc_jp")]
    name, text = min(candidates, key=lambda pair: _unreadable(pair[1]))
    bad = text.count("\ufffd")
    return Decoded(
        text,
        name,
        f"the charset is unknown; read as {name} with {bad} unreadable byte{'s' if bad != 1 else ''} shown as \ufffd",
    )


def decode(data: bytes, declared: str | None) -> Decoded:
    """Decode mail text declared as `declared` (None or empty: not declared).

    The declared charset's codecs are tried in order (see `codecs_for`); when none reads the
    bytes cleanly, or the name is unknown or not a mail charset, the bytes are guessed (see
    `guess`), and when nothing reads them cleanly the best reading is kept with U+FFFD.
    The returned text never contains ESC; `note` says what was guessed or lost.
    """
    names = codecs_for(declared)
    if declared and names is None:
        found = guess(data)
        note = f"unknown charset {_label(declared)!r}; " + (found.note or "read as ASCII")
        return Decoded(found.text, found.charset, note)
    if not names:
        return guess(data) if not data.isascii() or b"\x1b" in data else Decoded(data.decode("ascii"), "ascii")
    for name in names:
        text = _strict(data, name)
        if text is not None:
            return Decoded(text, name)
    found = guess(data, western=False)
    japanese = found.charset in (CP50220, "cp932", "euc_jp", "euc_jis_2004") and _japanese_score(found.text) > 0
    if not found.damaged and japanese:
        note = f"the text is not valid {_label(declared)}; " + found.note.split("; ", 1)[-1]
        return Decoded(found.text, found.charset, note)
    text = _replacing(data, names[0])
    bad = text.count("\ufffd")
    what = "1 byte of the text is" if bad == 1 else f"{bad} bytes of the text are"
    return Decoded(text, names[0], f"{what} not valid {_label(declared)}; shown as \ufffd")


def decode_user_bytes(data: bytes, source: str) -> tuple[str, str]:
    """Text the user typed, pasted or saved (stdin, an editor's file), where nothing may be
    lost: UTF-8 (a BOM dropped); UTF-16 or UTF-32 with a BOM; else Shift_JIS or EUC-JP when
    the whole reads cleanly as Japanese; else UTF-8 with each unreadable byte as U+FFFD.

    Returns (text, note): the note (empty for plain UTF-8) starts with `source` ("stdin had",
    "the editor saved") and says which encoding was read, or how many bytes could not be read
    and on which line the first is.
    """
    for bom, name, shown in (
        (codecs.BOM_UTF32_LE, "utf-32", "UTF-32"),
        (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
        (codecs.BOM_UTF8, "utf-8-sig", ""),
        (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
        (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
    ):
        if data.startswith(bom):
            try:
                text = data.decode(name)
            except UnicodeDecodeError:
                break
            return text, (f"{source} {shown} text; it was read as such" if shown else "")
    try:
        return data.decode("utf-8"), ""
    except UnicodeDecodeError as error:
        first_line = data.count(b"\n", 0, error.start) + 1
    found = guess(data, western=False)
    names = {"cp932": "Shift_JIS", "euc_jp": "EUC-JP", "euc_jis_2004": "EUC-JP", CP50220: "ISO-2022-JP"}
    if found.charset in names and not found.damaged and "guessed)" in found.note and _japanese_score(found.text) > 0:
        return found.text, f"{source} {names[found.charset]} text; it was read as such"
    text = data.decode("utf-8", "replace")
    bad = text.count("\ufffd") - data.decode("utf-8", "ignore").count("\ufffd")
    what = "1 byte that is" if bad == 1 else f"{bad} bytes that are"
    return text, f"{source} {what} not UTF-8 (first on line {first_line}); kept as \ufffd"
