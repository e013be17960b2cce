"""Redaction of what people really write: labelled phone numbers in signatures, numbers of
the user's region, Unicode and percent-encoded email addresses. The first test of each
group is a field case."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from journal.cli import main
from journal.redact import LABEL, Masker, find, redact, user_region


def masked(text: str) -> str:
    return redact(text).text


def test_field_case_09_labelled_numbers_in_a_signature(capsys, monkeypatch) -> None:
    assert main(["new", "--kind", "account-hold", "--title", "field case", "--opened", "2026-11-20T09:00+09:00"]) == 0
    incident_id = capsys.readouterr().out.strip().splitlines()[-1]
    body = "Regards,\nYamada Taro\nTEL.03-1234-5678 FAX.03-1234-5679\n℡090-1234-5678\n"
    monkeypatch.setattr("sys.stdin", __import__("io").TextIOWrapper(__import__("io").BytesIO(body.encode())))
    assert main(["add-message", incident_id, "--subject", "sig", "--sender", "client", "--at", "2026-11-21 10:00"]) == 0
    capsys.readouterr()
    assert main(["export", incident_id, "--format", "markdown", "--redact"]) == 0
    out = capsys.readouterr().out
    assert "TEL.[phone-1] FAX.[phone-2]\n℡[phone-3]" in out
    assert "1234" not in out


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Tel: 03-1234-5678", "Tel: [phone-1]"),
        ("FAX:06-6123-4567", "FAX:[phone-1]"),
        ("電話：090-1234-5678（平日）", "電話：[phone-1]（平日）"),
        ("携帯 080 1234 5678", "携帯 [phone-1]"),
        ("ＴＥＬ．０３－１２３４－５６７８", "ＴＥＬ．[phone-1]"),
        ("Mob+44 7911 123456", "Mob[phone-1]"),
        ("T 0120-123-456 / F 03-1234-5679", "T [phone-1] / F [phone-2]"),
        ("03(1234)5678 まで", "[phone-1] まで"),
        ("+81-(0)3-1234-5678", "[phone-1]"),
        ('<a href="tel:0312345678">', '<a href="tel:[phone-1]">'),
        ("電話番号：０３－１２３４－５６７８", "電話番号：[phone-1]"),
    ],
)
def test_numbers_after_labels_are_masked_and_the_label_kept(text: str, want: str) -> None:
    assert masked(text) == want


@pytest.mark.parametrize(
    ("lang", "text", "masked_there"),
    [
        ("en_US.UTF-8", "call (415) 555-2671 today", True),
        ("en_GB.UTF-8", "ring 020 7946 0958 please", True),
        ("de_DE.UTF-8", "Tel. 030 12345678", True),
        ("C.UTF-8", "call (415) 555-2671 today", False),
        ("ja_JP.UTF-8", "call (415) 555-2671 today", False),
    ],
)
def test_the_users_region_comes_from_the_locale(monkeypatch, lang: str, text: str, masked_there: bool) -> None:
    monkeypatch.setenv("LANG", lang)
    assert ("[phone-1]" in masked(text)) is masked_there


def test_international_numbers_are_always_masked(monkeypatch) -> None:
    monkeypatch.setenv("LANG", "C.UTF-8")
    assert user_region() is None
    assert (
        masked("US +1 415-555-2671, UK +44 20 7946 0958, DE +49 30 12345678")
        == "US [phone-1], UK [phone-2], DE [phone-3]"
    )
    monkeypatch.setenv("LC_ALL", "fr_FR.UTF-8")
    assert user_region() == "FR"


def test_the_same_number_in_every_form_gets_one_placeholder() -> None:
    masker = Masker()
    assert masker("03-1234-5678") == "[phone-1]"
    assert masker("+81 3 1234 5678") == "[phone-1]"
    assert masker("０３（１２３４）５６７８") == "[phone-1]"


@pytest.mark.parametrize(
    "text",
    [
        "2026-11-20 09:12 +09:00",
        "v1.2.3.4",
        "contract 40022114",
        "$1,234.56 and ¥120,000",
        "Ref 12345678901",
        "ticket #0042-7781",
        "2026/12/01 9:00",
    ],
)
def test_look_alikes_stay(text: str) -> None:
    assert masked(text) == text


def test_field_case_11_a_percent_encoded_address_in_a_url() -> None:
    text = "Verify here: https://www.example.com/account/verify?email=taro.yamada%40example.jp&token=abc\n"
    assert masked(text) == "Verify here: https://www.example.com/account/verify?email=[email-1]&token=abc\n"


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("https://x.example/u?to=Taro.Yamada%40Example.JP", "https://x.example/u?to=[email-1]"),
        ("login?user=%E3%83%A6%E3%83%BC%E3%82%B6%E3%83%BC%40%E4%BE%8B%E3%81%88.jp&x=1", "login?user=[email-1]&x=1"),
        ("mailto:taro%2Bupwork%40mail.co.jp?subject=hold", "mailto:[email-1]?subject=hold"),
        ("https://x.example/?next=%2Fhome%3Fid%3D3", "https://x.example/?next=%2Fhome%3Fid%3D3"),
    ],
)
def test_percent_encoded_addresses_are_mapped_back_to_the_original_text(text: str, want: str) -> None:
    assert masked(text) == want


def test_a_percent_encoded_address_and_the_plain_one_share_a_placeholder() -> None:
    masker = Masker()
    assert masker("taro@example.jp") == "[email-1]"
    assert masker("?e=taro%40example.jp") == "?e=[email-1]"


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("ユーザー@例え.jp に送ってください", "[email-1] に送ってください"),
        ("連絡先: taro@example.jpまでご連絡ください", "連絡先: [email-1]までご連絡ください"),
        ("write to josé.garcía@correo.es now", "write to [email-1] now"),
        ("почта: иван@пример.рф", "почта: [email-1]"),
        ("ｔａｒｏ＠ｅｘａｍｐｌｅ．ｊｐ です", "[email-1] です"),
    ],
)
def test_unicode_addresses_are_masked(text: str, want: str) -> None:
    assert masked(text) == want


@settings(max_examples=150, deadline=None)
@given(st.text(st.characters(exclude_categories=("Cs",)), max_size=120))
def test_redaction_never_changes_text_outside_a_mask(text: str) -> None:
    result = redact(text)
    kept, position = [], 0
    for hit in find(text):
        kept.append(text[position : hit.start])
        position = hit.end
    kept.append(text[position:])
    assert LABEL.split(result.text) == kept
