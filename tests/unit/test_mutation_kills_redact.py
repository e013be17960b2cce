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
