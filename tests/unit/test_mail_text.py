"""Real mail as mailers send it: Japanese charsets in bodies and headers, charset names,
Date zones and HTML bodies. The first test of each group is a field case."""

from __future__ import annotations

import base64
from datetime import datetime, timedelta, timezone

import pytest

from journal import charsets, codec, eml, htmltext
from journal.cli import main
from journal.store import Store

NOW = datetime(2026, 11, 28, 10, 0, tzinfo=timezone(timedelta(hours=9)))
HEAD = b"From: support@example.jp\nSubject: notice\nDate: Sat, 21 Nov 2026 10:00:00 +0900\nMIME-Version: 1.0\n"


def body_of(content_type: bytes, payload: bytes, extra: bytes = b"") -> str:
    raw = HEAD + b"Content-Type: " + content_type + b"\n" + extra + b"\n" + payload
    return eml.parse_email_bytes(raw, NOW).message.body


def parsed(raw: bytes) -> eml.ParsedEmail:
    return eml.parse_email_bytes(raw, NOW)


# ------------------------------------------------------------------ bodies: ISO-2022-JP as CP50220


def test_field_case_01_iso_2022_jp_body_with_nec_characters() -> None:
    payload = b"\x1b$B-!-j%5%s%W%kMM$H$N7@Ls$r0l;~Dd;_$7$^$7$?!#\x1b(B\n"
    assert body_of(b"text/plain; charset=ISO-2022-JP", payload) == "①㈱サンプル様との契約を一時停止しました。\n"


@pytest.mark.parametrize(
    "text",
    [
        "髙橋様：①から⑩まで、㈱と㈲、№と℡をご確認ください～\n",  # NEC row 13 and NEC-selected IBM kanji
        "ｱｶｳﾝﾄ（半角カナ）の件\n",  # half-width katakana, sent with ESC ( I by CP50221 mailers
        "Ⅰ期・Ⅱ期の支払い ∑ ∮ ∟\n",
    ],
)
def test_iso_2022_jp_is_read_as_the_microsoft_superset(text: str) -> None:
    # What a Windows mailer sends: each cp932 pair written back as JIS X 0208 bytes.
    payload = bytearray()
    for char in text:
        sjis = char.encode("cp932")
        if len(sjis) == 1 and 0xA1 <= sjis[0] <= 0xDF:
            payload += b"\x1b(I" + bytes((sjis[0] - 0x80,)) + b"\x1b(B"
        elif len(sjis) == 1:
            payload += sjis
        else:
            s1, s2 = sjis
            j1 = (s1 - (0x70 if s1 < 0xA0 else 0xB0)) * 2 - (1 if s2 < 0x9F else 0)
            j2 = s2 - (0x1F if s2 < 0x7F else 0x20 if s2 < 0x9F else 0x7E)
            payload += b"\x1b$B" + bytes((j1, j2)) + b"\x1b(B"
    assert body_of(b"text/plain; charset=iso-2022-jp", bytes(payload)) == text


def test_a_stray_escape_is_never_accepted_in_the_text() -> None:
    result = parsed(HEAD + b"Content-Type: text/plain; charset=ISO-2022-JP\n\n\x1b$B$*\x1b[31m\x1b(B\n")
    assert "\x1b" not in result.message.body and "\ufffd" in result.message.body
    result = parsed(HEAD + b"Content-Type: text/plain; charset=us-ascii\n\nred \x1b]0;title\x07 text\n")
    assert "\x1b" not in result.message.body and any("shown as" in note for note in result.notes)


# ------------------------------------------------------------------ bodies: no charset declared


def test_field_case_07_japanese_bodies_without_a_charset() -> None:
    want = "お客様のアカウントは保留中です。\n"
    jis = body_of(b"text/plain", b'\x1b$B$*5RMM$N%"%+%&%s%H$OJ]N1Cf$G$9!#\x1b(B\n')
    sjis = body_of(b"text/plain", want.encode("cp932"), b"Content-Transfer-Encoding: 8bit\n")
    assert jis == want and sjis == want


@pytest.mark.parametrize("codec_name", ["euc_jp", "cp932", "utf-8", "iso-2022-jp"])
@pytest.mark.parametrize(
    "text",
    ["ご返信ありがとうございます。本人確認書類を提出しました。\n", "契約番号 40022114 の支払いが保留されています\n"],
)
def test_a_guessed_charset_is_right_and_said(codec_name: str, text: str) -> None:
    raw = HEAD + b"Content-Type: text/plain\nContent-Transfer-Encoding: 8bit\n\n" + text.encode(codec_name)
    result = parsed(raw)
    assert result.message.body == text
    assert any("guessed" in note for note in result.notes)


def test_a_wrong_declared_charset_falls_back_to_the_japanese_reading_and_says_so() -> None:
    text = "アカウントは保留中です\n"
    result = parsed(HEAD + b"Content-Type: text/plain; charset=utf-8\n\n" + text.encode("cp932"))
    assert result.message.body == text and any("not valid utf-8" in n and "Shift_JIS" in n for n in result.notes)


# ------------------------------------------------------------------ charset names


@pytest.mark.parametrize(
    ("label", "text", "encoding"),
    [
        ("Windows-31J", "①髙～", "cp932"),
        ("csWindows31J", "①髙～", "cp932"),
        ("MS_Kanji", "㈱サンプル", "cp932"),
        ("x-sjis", "№１", "cp932"),
        ("Shift_JIS", "Ⅲ期", "cp932"),
        ("EUC-JP", "保留のお知らせ", "euc_jp"),
        ("x-euc-jp", "保留のお知らせ", "euc_jp"),
        ("ks_c_5601-1987", "계정이 보류되었습니다 똠", "cp949"),  # 똠 is only in the cp949 superset
        ("gb2312", "账户已冻结 镕", "gbk"),  # 镕 is only in GBK
        ('"big5"', "帳戶已凍結", "cp950"),
        ("latin1", "Café – “quoted”", "cp1252"),
    ],
)
def test_every_alias_maps_to_its_superset(label: str, text: str, encoding: str) -> None:
    content_type = f"text/plain; charset={label}".encode()
    assert body_of(content_type, text.encode(encoding) + b"\n", b"Content-Transfer-Encoding: 8bit\n") == text + "\n"


@pytest.mark.parametrize(
    "label", ["unicode_escape", "raw_unicode_escape", "rot13", "base64", "zlib", "hex", "idna", "punycode", "undefined"]
)
def test_a_python_codec_that_is_not_a_mail_charset_is_unknown(label: str) -> None:
    assert charsets.codecs_for(label) is None
    result = parsed(HEAD + f"Content-Type: text/plain; charset={label}\n\n".encode() + b"Pay \\u0041 now, uryyb\n")
    assert result.message.body == "Pay \\u0041 now, uryyb\n"
    assert any("unknown charset" in note for note in result.notes)


# ------------------------------------------------------------------ headers


def test_field_case_02_iso_2022_jp_headers_with_nec_characters() -> None:
    raw = (
        b"From: =?ISO-2022-JP?B?GyRCLWolNSVzJVclaxsoQg==?= <support@example.jp>\n"
        b"Subject: =?ISO-2022-JP?B?GyRCLSE3QExzMGw7fkRkO18kTiQqQ04kaSQ7GyhC?=\n"
        b"Date: Sat, 21 Nov 2026 10:00:00 +0900\nContent-Type: text/plain; charset=us-ascii\n\nbody\n"
    )
    message = parsed(raw).message
    assert message.subject == "①契約一時停止のお知らせ"
    assert message.sender == "㈱サンプル <support@example.jp>"
    assert message.raw_headers == {}


def test_field_case_06_raw_jis_in_the_subject() -> None:
    raw = (
        b'From: support@example.jp\nSubject: \x1b$B%"%+%&%s%HJ]N1$N$*CN$i$;\x1b(B\n'
        b"Date: Sat, 21 Nov 2026 10:00:00 +0900\nContent-Type: text/plain; charset=ISO-2022-JP\n\nbody\n"
    )
    assert parsed(raw).message.subject == "アカウント保留のお知らせ"


def _words(data: bytes, cut: int, charset: str = "UTF-8") -> str:
    first, second = base64.b64encode(data[:cut]).decode(), base64.b64encode(data[cut:]).decode()
    return f"=?{charset}?B?{first}?=\n =?{charset}?B?{second}?="


def test_encoded_words_split_inside_a_character_are_joined_before_decoding() -> None:
    text = "アカウント保留"
    data = text.encode("utf-8")
    raw = (
        b"From: a@example.jp\nSubject: " + _words(data, 4).encode() + b"\nDate: Sat, 21 Nov 2026 10:00:00 +0900\n\nx\n"
    )
    assert parsed(raw).message.subject == text
    jis = "①本人確認のお願い".encode("cp932")  # a shift state that spans two words
    iso = (
        b"\x1b$B"
        + b"".join(
            bytes(
                (
                    (s1 - (0x70 if s1 < 0xA0 else 0xB0)) * 2 - (1 if s2 < 0x9F else 0),
                    s2 - (0x1F if s2 < 0x7F else 0x20 if s2 < 0x9F else 0x7E),
                )
            )
            for s1, s2 in zip(jis[::2], jis[1::2])
        )
        + b"\x1b(B"
    )
    raw = (
        b"From: a@example.jp\nSubject: "
        + _words(iso, 7, "ISO-2022-JP").encode()
        + b"\nDate: Sat, 21 Nov 2026 10:00:00 +0900\n\nx\n"
    )
    assert parsed(raw).message.subject == "①本人確認のお願い"


@pytest.mark.parametrize("encoding", ["cp932", "euc_jp", "utf-8"])
def test_raw_8bit_japanese_headers_are_read(encoding: str) -> None:
    raw = b"From: " + "山田 <yamada@example.jp>".encode(encoding) + b"\nSubject: " + "支払い保留の件".encode(encoding)
    raw += b"\nDate: Sat, 21 Nov 2026 10:00:00 +0900\n\nx\n"
    message = parsed(raw).message
    assert (message.sender, message.subject) == ("山田 <yamada@example.jp>", "支払い保留の件")


def test_a_header_that_cannot_be_read_keeps_its_raw_text_and_a_note(capsys, tmp_path) -> None:
    raw = (
        b"From: support@example.jp\nSubject: =?x-made-up?B?////?= \xff\xfe\x1b$Bbroken\n"
        b"Date: Sat, 21 Nov 2026 10:00:00 +0900\n\nbody\n"
    )
    result = parsed(raw)
    assert "\x1b" not in result.message.subject
    assert any("Subject header could not be fully read" in note for note in result.notes)
    kept = result.message.raw_headers["Subject"]
    assert "\\xff\\xfe" in kept and "x-made-up" in kept
    # ... and the raw text is in the file, and read back.
    code = main(["new", "--kind", "account-hold", "--title", "t", "--opened", "2026-11-20T09:00+09:00"])
    incident_id = capsys.readouterr().out.strip().splitlines()[-1]
    path = tmp_path / "n.eml"
    path.write_bytes(raw)
    code = main(["add-message", incident_id, "--eml", str(path)])
    err = capsys.readouterr().err
    assert code == 0 and "Subject header could not be fully read" in err
    stored = Store().load(incident_id).messages[0]
    assert stored.raw_headers["Subject"] == kept
    text = codec.dumps(Store().load(incident_id))
    assert "raw_headers" in text


# ------------------------------------------------------------------ Date zones


@pytest.mark.parametrize(
    ("zone", "offset"),
    [
        ("JST", "+09:00"),
        ("CET", "+01:00"),
        ("KST", "+09:00"),
        ("CEST", "+02:00"),
        ("EDT", "-04:00"),
        ("PST", "-08:00"),
        ("BST", "+01:00"),
        ("IST", "+05:30"),
        ("GMT+9", "+09:00"),
        ("UTC+09:00", "+09:00"),
        ("GMT-0330", "-03:30"),
        ("+0900 (JST)", "+09:00"),
        ("(JST)", "+09:00"),
        ("Asia/Tokyo", "+09:00"),
        ("America/New_York", "-05:00"),
    ],
)
def test_field_case_08_named_zones_in_the_date_header(zone: str, offset: str) -> None:
    raw = f"From: a@example.jp\nSubject: x\nDate: Sat, 21 Nov 2026 10:00:00 {zone}\n\nx\n".encode()
    result = parsed(raw)
    assert result.message.at.isoformat() == f"2026-11-21T10:00:00{offset}"
    assert not result.notes


def test_minus_zero_is_utc_with_the_zone_unknown_and_said() -> None:
    result = parsed(b"From: a@b.c\nSubject: x\nDate: Sat, 21 Nov 2026 10:00:00 -0000\n\nbody\n")
    assert result.message.at.isoformat() == "2026-11-21T10:00:00+00:00"
    assert any("zone unknown" in note for note in result.notes)


@pytest.mark.parametrize("zone", ["XYZ", "Tokyo Standard Time", "", "+2500"])
def test_an_unreadable_zone_is_never_a_silent_utc(zone: str) -> None:
    result = parsed(f"From: a@b.c\nSubject: x\nDate: Sat, 21 Nov 2026 10:00:00 {zone}\n\nbody\n".encode())
    assert result.message.at.replace(tzinfo=None) == datetime(2026, 11, 21, 10, 0)
    assert any("zone" in note and ("unknown" in note or "range" in note) for note in result.notes)


# ------------------------------------------------------------------ HTML bodies


def test_html_keeps_link_targets_cells_and_pre_and_drops_hidden_text() -> None:
    html = (
        "<p>Please <a href='https://upwork.example-verify.top/login?id=1'>verify your account</a> now.</p>"
        "<p>Mail <a href='mailto:help@example.com'>help@example.com</a></p>"
        "<table><tr><th>Contract</th><th>Amount</th></tr><tr><td>40022114</td><td>$420.00</td></tr></table>"
        "<pre>Ref:   A-1\n  indented   line</pre>"
        "<div style='display: none'>hidden preheader <b>text</b></div><span hidden>also hidden</span>"
        "<p>End<img src='x.png' alt='logo'><br/>after</p>"
    )
    text = htmltext.html_to_text(html)
    assert "verify your account <https://upwork.example-verify.top/login?id=1> now." in text
    assert "Mail help@example.com\n" in text
    assert "Contract | Amount\n40022114 | $420.00" in text
    assert "Ref:   A-1\n  indented   line" in text
    assert "hidden" not in text and "End[logo]\nafter" in text


@pytest.mark.parametrize(
    ("html", "want"),
    [
        # A phishing link whose text looks like a real address: both are on record.
        (
            '<a href="https://upwork.example-login.top/">https://www.upwork.com/login</a>',
            "https://www.upwork.com/login <https://upwork.example-login.top/>\n",
        ),
        # Outlook's hidden preheader, nested, and visibility:hidden.
        (
            '<div style="DISPLAY:NONE;max-height:0"><p>secret <span>nested</span></p></div><p style="visibility: hidden">x</p>Shown',
            "Shown\n",
        ),
        # A link's text equal to its target is written once.
        (
            '<p>See <a href="https://support.example/case/1">https://support.example/case/1</a></p>',
            "See https://support.example/case/1\n",
        ),
        # <pre> keeps spacing and entities are decoded; a stray end tag changes nothing.
        ("<pre>Amount:   $420.00\n&lt;pending&gt;</pre></span><p>end</p>", "Amount:   $420.00\n<pending>\n\nend\n"),
        # Cells of a layout table, and a row of one cell.
        (
            "<table><tr><td>Case</td><td>#4471</td><td>open</td></tr><tr><td>Total</td></tr></table>",
            "Case | #4471 | open\nTotal\n",
        ),
    ],
)
def test_more_html_bodies(html: str, want: str) -> None:
    assert htmltext.html_to_text(html) == want


def test_an_asctime_date_with_a_zone_name_is_read() -> None:
    result = parsed(b"From: a@b.c\nSubject: x\nDate: Sat Nov 21 10:00:00 2026 JST\n\nbody\n")
    assert result.message.at.isoformat() == "2026-11-21T10:00:00+09:00" and not result.notes


@pytest.mark.parametrize(
    ("header", "shown"),
    [
        (b'"Upwork Support" <support@upwork.example>', "Upwork Support <support@upwork.example>"),
        (b'"=?UTF-8?B?5bGx55Sw?=" <yamada@example.jp>', "山田 <yamada@example.jp>"),
        (b'"Doe, J" <j@example.com>, "B" <b@example.com>', "Doe, J <j@example.com>, B <b@example.com>"),
    ],
)
def test_quoted_display_names_are_shown_without_quotes(header: bytes, shown: str) -> None:
    raw = b"From: " + header + b"\nSubject: s\nDate: Sat, 21 Nov 2026 10:00:00 +0900\n\nx\n"
    assert parsed(raw).message.sender == shown
