"""Import at its own limits: a file over the store's size cap but under the import cap (an
export of a full incident, with its header) is read; the escape cap, derived from the store's
cap, refuses in one line. Added because changing journal/importing.py there went unnoticed
(mutation testing, docs/mutation.md)."""

from __future__ import annotations

from pathlib import Path

import pytest

from journal import codec, importing
from journal.errors import BadInputError

INCIDENT = 'format = 1\nid = "x"\ntitle = "t"\nkind = "other"\nopened_at = 2026-11-20T09:12:00+09:00\n'


def test_a_file_over_the_store_cap_but_under_the_import_cap_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(codec, "MAX_FILE_BYTES", 200)
    source = tmp_path / "export.toml"
    source.write_text("# " + "h" * 200 + "\n" + INCIDENT)
    assert 200 < source.stat().st_size <= 400
    assert importing.read_import(source).title == "t"


def test_too_many_escapes_for_the_store_cap_are_refused_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(codec, "MAX_FILE_BYTES", 100)
    source = tmp_path / "escapes.toml"
    source.write_text(INCIDENT + "# " + "\\" * 101 + "\n")
    with pytest.raises(BadInputError) as caught:
        importing.read_import(source)
    assert str(caught.value) == f"{source}: has 101 backslash escapes; the import limit is 100; not imported"
    source.write_text(INCIDENT + "# " + "\\" * 100 + "\n")
    assert importing.read_import(source).id == "x"


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (
            lambda p: p.symlink_to(p.with_name("elsewhere.toml")),
            "could not read the file to import: is a symbolic link; not imported",
        ),
        # said once: "not read" (in Japanese the two endings read as one sentence twice)
        (lambda p: p.mkdir(), "the file to import is a folder, not a regular file; not read"),
    ],
    ids=["link", "folder"],
)
def test_a_file_that_is_not_a_regular_file_is_refused_in_one_line(tmp_path: Path, make, reason: str) -> None:
    source = tmp_path / "in.toml"
    make(source)
    with pytest.raises(BadInputError) as caught:
        importing.read_import(source)
    assert str(caught.value) == f"{source}: {reason}"
