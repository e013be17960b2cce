"""Redaction at the edges of what it finds: addresses percent-encoded at the very start of a
text or behind other encoded characters, and encoded runs it must skip without stopping.
Each case here was added because changing journal/redact.py there went unnoticed
(mutation testing, docs/mutation.md)."""

from __future__ import annotations

import pytest

from journal.redact import redact


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        # the address is the first character of the text
        ("taro%40example.jp", "[email-1]"),
        # it starts in the middle of an encoded run: the space before it stays
        ("mail:%20%74aro%40example.jp", "mail:%20[email-1]"),
        ("to=%E3%81%82%E3%81%84%40example.jp&a=1", "to=[email-1]&a=1"),
        # encoded bytes that are not UTF-8, or not printable, are skipped, not the end of the search
        ("%ff then taro%40example.jp", "%ff then [email-1]"),
        ("line%0Abreak then taro%40example.jp", "line%0Abreak then [email-1]"),
        ("%0A%ff then taro%40example.jp and hanako%40example.jp", "%0A%ff then [email-1] and [email-2]"),
    ],
)
def test_percent_encoded_addresses_are_masked_whole(text: str, shown: str) -> None:
    assert redact(text).text == shown


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("call 1 03-1234-5678 9", "call 1 [phone-1] 9"),
        ("call 1 03-1234-5678", "call 1 [phone-1]"),
        ("ref 1 2 03-1234-5678", "ref 1 2 [phone-1]"),
        ("ref 1 2 3 03-1234-5678 x", "ref 1 2 3 [phone-1] x"),
        ("1 03 12345678 9", "1 [phone-1] 9"),
        ("03 1234 567 8", "[phone-1]"),
        ("1 03-1234-5678 2 090-1234-5678 3", "1 [phone-1] 2 [phone-2] 3"),
        ("see 1 03 12345678 9", "see 1 [phone-1] 9"),
        ("+81 90-1234-5678 0 and 0 03 12345678 9", "[phone-1] 0 and 0 [phone-2] 9"),
        ("no 0 5 03 1234 5678 9", "no 0 5 [phone-1] 9"),
        ("(03) 1234 5678 0", "[phone-1] 0"),
        ("no 0 5 03 1234 5678", "no 0 5 [phone-1]"),
        ("1 03 12345678", "1 [phone-1]"),
        ("items 1 2 3 4 03 1234 5678 0", "items 1 2 3 4 [phone-1] 0"),
        # the longest run of groups that is a number, however many groups follow it
        ("+81 90-1234-5678 12", "[phone-1] 12"),
        ("+81 90-1234-5678 12 34", "[phone-1] 12 34"),
        ("+81 90-1234-5678 12a", "[phone-1] 12a"),
        # the shortest numbers there are: seven digits with the country code (Niue)
        ("+683 4002 1", "[phone-1] 1"),
        # groups of one digit after the first are no phone number's
        ("no 5 0 3 1234 5678", "no 5 0 3 1234 5678"),
        ("0 3 1234 5678 1", "0 3 1234 5678 1"),
        # nor is a number glued to a letter (a reference, an order number)
        ("id +81 90-1234-5678a.", "id +81 90-1234-5678a."),
    ],
)
def test_numbers_inside_a_run_of_digit_groups(text: str, shown: str) -> None:
    """A phone number written among other numbers (`1 03-1234-5678 9`) is masked alone, the
    numbers around it kept: the run is read group by group, from each `+`, `(` or `0`."""
    assert redact(text).text == shown


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("call +81 3 1234 5678 9am-5pm JST", "call [phone-1] 9am-5pm JST"),
        ("tel +81 3 1234 5678 1 2", "tel [phone-1] 1 2"),
        ("+33 1 23 45 67 89 0", "[phone-1] 0"),
        ("+81 (0)3 1234 5678 9", "[phone-1] 9"),
        ("+81 6 1234 5678 0 and +81 3 1234 5678 0", "[phone-1] 0 and [phone-2] 0"),
    ],
)
def test_a_one_digit_area_code_after_the_country_code_is_read(text: str, shown: str) -> None:
    """Tokyo, Osaka and Paris numbers have a one-digit area code (`+81 3 ...`, `+33 1 ...`):
    followed by another number, they were left unmasked in a redacted export."""
    assert redact(text).text == shown


def test_the_region_of_the_locale_is_read_from_lc_ctype_when_lc_all_is_unset(monkeypatch: pytest.MonkeyPatch) -> None:
    """A United States number without `+` is masked for a user whose LC_CTYPE is en_US, even
    when LANG names no region."""
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    assert redact("call (415) 555-2671 today").text == "call (415) 555-2671 today"
    monkeypatch.setenv("LC_CTYPE", "en_US.UTF-8")
    assert redact("call (415) 555-2671 today").text == "call [phone-1] today"
