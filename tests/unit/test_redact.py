"""Masking IP addresses, email addresses and phone numbers, and leaving look-alikes alone."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from journal.redact import LABEL, Masker, find, label_spans, redact


def masked(text: str) -> str:
    return redact(text).text


@pytest.mark.parametrize(
    "address",
    [
        "192.168.0.1",
        "10.0.0.255",
        "8.8.8.8",
        "0.0.0.0",
        "255.255.255.255",
    ],
)
def test_ipv4_is_masked(address: str) -> None:
    assert masked(f"login from {address}.") == "login from [ip-1]."
    assert masked(f"({address}:8080)") == "([ip-1]:8080)"
    assert masked(f"IPは{address}です") == "IPは[ip-1]です"


@pytest.mark.parametrize(
    "address",
    [
        "2001:0db8:0000:0000:0000:ff00:0042:8329",
        "2001:db8::ff00:42:8329",
        "2001:DB8::1",
        "::1",
        "fe80::",
        "fe80::1%eth0",
        "fe80::1%25en0",
        "::ffff:192.0.2.128",
        "64:ff9b::192.0.2.33",
        "2001:db8:0:0:1:0:0:1",
    ],
)
def test_ipv6_forms_are_masked(address: str) -> None:
    assert masked(f"seen {address} today") == "seen [ip-1] today"
    assert masked(f"アドレスは{address}です") == "アドレスは[ip-1]です"


def test_ipv6_in_urls_and_after_labels() -> None:
    assert masked("http://[2001:db8::1]:8080/login") == "http://[[ip-1]]:8080/login"
    assert masked("IPv6:fe80::abcd.") == "IPv6:[ip-1]."
    assert masked("addr=fe80::1%eth0, ok") == "addr=[ip-1], ok"


def test_same_address_gets_the_same_mask_in_any_form() -> None:
    masker = Masker()
    first = masker("2001:db8::1 and 2001:0DB8:0:0:0:0:0:1 and 192.0.2.128")
    second = masker("then ::ffff:192.0.2.128 and BOB@example.com, bob@example.com")
    assert first == "[ip-1] and [ip-1] and [ip-2]"
    assert second == "then [ip-2] and [email-1], [email-1]"
    assert masker.count == 3


@pytest.mark.parametrize(
    "address",
    ["bob@example.com", "taro.yamada+upwork@mail.co.jp", "a_b-c%d@sub.example-host.org", "X@Y.IO"],
)
def test_emails_are_masked(address: str) -> None:
    assert masked(f"write to {address}, please") == "write to [email-1], please"
    assert masked(f"連絡先は{address}です") == "連絡先は[email-1]です"
    assert masked(f"<{address}>") == "<[email-1]>"


def test_full_width_email_is_masked_on_its_original_span() -> None:
    text = "メール：ｂｏｂ＠ｅｘａｍｐｌｅ．ｃｏｍ まで"
    assert masked(text) == "メール：[email-1] まで"
    assert Masker()("bob@example.com ｂｏｂ＠ｅｘａｍｐｌｅ．ｃｏｍ") == "[email-1] [email-1]"


@pytest.mark.parametrize(
    "phone",
    [
        "+81 90-1234-5678",
        "+81-90-1234-5678",
        "+819012345678",
        "+81 (0)90-1234-5678",
        "090-1234-5678",
        "09012345678",
        "090 1234 5678",
        "090.1234.5678",
        "０９０－１２３４－５６７８",
        "０９０ー１２３４ー５６７８",
        "＋８１ ９０ １２３４ ５６７８",
    ],
)
def test_one_mobile_number_in_every_form_and_width(phone: str) -> None:
    masker = Masker()
    assert masker(f"call me on {phone}.") == "call me on [phone-1]."
    assert masker("or 090-1234-5678") == "or [phone-1]"  # the same number, the same mask
    assert masker(f"電話は{phone}です") == "電話は[phone-1]です"


@pytest.mark.parametrize(
    "phone",
    [
        "03-1234-5678",
        "(03) 1234-5678",
        "03(1234)5678",
        "0120-123-456",
        "0570-012-345",
        "+1 (415) 555-2671",
        "+44 20 7946 0958",
        "+33 1 23 45 67 89",
        "+81-3-1234-5678",
    ],
)
def test_landlines_and_international_numbers(phone: str) -> None:
    assert masked(f"tel {phone} (office)") == "tel [phone-1] (office)"


@pytest.mark.parametrize(
    "text",
    [
        "version 1.2.3.4.5 and v1.2.3.4",
        "999.1.1.1 and 256.0.0.1 and 01.02.03.04",
        "2026-11-20 09:12 +09:00 (2026-11-20 00:12 UTC)",
        "2026-11-20T09:12:00+09:00",
        "2026/11/20 and 2026.11.20 and 20.11.2026 and 03-12-2026",
        "09:12 and 09:12:30 and 3d 2h",
        "contract 38211011, contract id 40177230, order #0123-4567",
        "420.00 USD, $1,234.56, ¥15,000, 0.5, 12,345,678 bytes",
        "mac 00:1A:2B:3C:4D:5E",
        "std::vector and Foo::Bar and a :: b",
        "sha256 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
        "@handle, a@b, user@localhost, not-an-email@",
        "Milestone 2 (12 h) billed 2026-11-19",
        "0123 and 012-345",
        "１２３４５ and ２０２６年１１月２０日",
    ],
)
def test_look_alikes_stay(text: str) -> None:
    assert masked(text) == text
    assert find(text) == []


def test_spans_point_at_the_placeholders() -> None:
    result = redact("from 10.0.0.1 write bob@example.com or 090-1234-5678; again 10.0.0.1")
    assert [(s.kind, s.label) for s in result.spans] == [
        ("ip", "[ip-1]"),
        ("email", "[email-1]"),
        ("phone", "[phone-1]"),
        ("ip", "[ip-1]"),
    ]
    for span in result.spans:
        assert result.text[span.start : span.end] == span.label
    assert label_spans(result.text) == result.spans


def test_spans_are_right_after_wide_text() -> None:
    result = redact("ＩＰ：１９２．１６８．０．１ と ｂｏｂ＠ｅｘａｍｐｌｅ．ｃｏｍ")
    assert result.text == "ＩＰ：[ip-1] と [email-1]"
    assert [result.text[s.start : s.end] for s in result.spans] == ["[ip-1]", "[email-1]"]


def test_text_without_addresses_is_returned_as_is() -> None:
    text = "Dear freelancer,\r\n\tWe paused the contract.\n日本語の本文 \x1b[31m"
    assert redact(text).text == text
    assert redact(text).spans == []


ADDRESSES = st.sampled_from(
    [
        "203.0.113.7",
        "2001:db8::7",
        "fe80::1%eth0",
        "bob@example.com",
        "+81 90-1234-5678",
        "03-1234-5678",
        "０９０－１２３４－５６７８",
    ]
)
FILLER = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(FILLER, ADDRESSES), max_size=5), FILLER)
def test_addresses_between_any_text_are_masked_and_the_rest_kept(parts, tail) -> None:
    text = "".join(f"{filler} {address} " for filler, address in parts) + tail
    result = redact(text)
    for _, address in parts:
        assert f" {address} " not in result.text
    # everything outside the masked spans is kept, in order
    kept, position = [], 0
    for hit in find(text):
        kept.append(text[position : hit.start])
        position = hit.end
    kept.append(text[position:])
    assert LABEL.split(result.text) == kept


@settings(max_examples=200, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs",)), max_size=200))
def test_any_text_redacts_without_error_and_spans_are_labels(text: str) -> None:
    result = redact(text)
    for span in result.spans:
        assert result.text[span.start : span.end] == span.label
    if not result.spans:
        assert result.text == text
