"""Export and import, word for word and file by file: the exact line of each refusal, the
header of an export whose evidence changed, what is masked and what is not, where a
replaced incident's old file goes. Each case was added because changing journal/sharing.py
there went unnoticed (mutation testing, docs/mutation.md)."""

from __future__ import annotations

import errno
import os
import re
import stat
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from journal import codec, importing, sharing
from journal.atomic import sha256_hex
from journal.errors import BadInputError, ConflictError, StoreError
from journal.keep import KeepingMasker
from journal.model import Attachment, ChecklistItem, Contract, Incident, Message, SupportRequest
from journal.store import Store

JST = timezone(timedelta(hours=9))
OPENED = datetime(2026, 11, 20, 9, 12, tzinfo=JST)


def incident() -> Incident:
    made = Incident(id="", title="Hold for ann@example.com", kind="account-hold", opened_at=OPENED)
    made.messages.append(
        Message(at=OPENED, subject="From 203.0.113.9", body="Mail ann@example.com", note="my note on ann@example.com")
    )
    made.checklist.append(ChecklistItem(text="Ask", note="checklist note"))
    made.contracts.append(Contract(client="Acme", note="contract note"))
    request = SupportRequest(question="Which IP? 203.0.113.9")
    request.attachments.append(Attachment(path="/home/ann/private/shot.png", sha256="a" * 64, size=3))
    made.requests.append(request)
    made.extra["custom"] = {"who": "ann@example.com", "list": ["ann@example.com", 3]}
    return made


@pytest.fixture
def saved(store: Store) -> Incident:
    return store.create(incident())


def test_an_unknown_format_is_refused_in_one_line(saved: Incident) -> None:
    with pytest.raises(BadInputError) as caught:
        sharing.build_export(saved, "pdf")
    assert str(caught.value) == "unknown export format 'pdf': expected one of toml, markdown"


def test_a_redacted_export_masks_every_text_but_the_stored_keys(saved: Incident) -> None:
    done = sharing.build_export(saved, "toml", redact=True, now=OPENED)
    shared = codec.loads(done.text)
    assert "ann@example.com" not in done.text and "203.0.113.9" not in done.text
    assert shared.title == "Hold for [email-1]"
    assert shared.id == "2026-11-20-account-hold-hold-for-email-1"  # the id held the address too
    assert shared.messages[0].subject == "From [ip-1]"
    assert shared.messages[0].body == "Mail [email-1]"
    assert shared.messages[0].note == ""  # notes left out
    assert shared.checklist[0].note == "" and shared.contracts[0].note == ""
    assert shared.requests[0].question == "Which IP? [ip-1]"
    assert shared.requests[0].attachments[0].path == "shot.png"
    assert shared.requests[0].attachments[0].sha256 == "a" * 64
    assert shared.extra["custom"] == {"who": "[email-1]", "list": ["[email-1]", 3]}
    assert shared.kind == "account-hold" and shared.status == "open"
    assert done.masked == 2
    assert done.masked_values == {"[email-1]": "ann@example.com", "[ip-1]": "203.0.113.9"}
    assert [done.text[s.start : s.end] for s in done.spans][:1] == ["[email-1]"]
    assert {done.text[s.start : s.end] for s in done.spans} == {"[email-1]", "[ip-1]"}
    assert done.format == "toml"


def test_notes_are_shared_only_when_asked_and_the_stored_incident_is_untouched(saved: Incident) -> None:
    before = codec.dumps(saved)
    done = sharing.build_export(saved, "toml", include_notes=True, now=OPENED)
    shared = codec.loads(done.text)
    assert shared.messages[0].note == "my note on ann@example.com"
    assert shared.checklist[0].note == "checklist note"
    assert shared.contracts[0].note == "contract note"
    assert shared.id == saved.id
    assert done.masked == 0 and done.spans == [] and done.masked_values == {} and done.kept == []
    assert codec.dumps(saved) == before
    assert saved.revision is not None


def test_a_platform_address_is_kept_and_said(store: Store) -> None:
    made = Incident(id="", title="t", kind="account-hold", opened_at=OPENED, platform="Upwork")
    made.messages.append(Message(at=OPENED, body="from support@upwork.com to ann@example.com"))
    saved = store.create(made)
    done = sharing.build_export(saved, "toml", redact=True, now=OPENED)
    assert "support@upwork.com" in done.text and "ann@example.com" not in done.text
    assert done.kept == ["support@upwork.com"]
    keep = sharing.build_export(saved, "toml", redact=True, now=OPENED, keep=["ann@example.com"])
    assert "ann@example.com" in keep.text and keep.masked == 0


def test_the_header_of_an_export_whose_evidence_changed(saved: Incident, tmp_path: Path) -> None:
    done = sharing.build_export(saved, "toml", now=OPENED)
    assert done.text.startswith(
        "# Evidence not as recorded when this file was exported:\n#   shot.png (request 1): missing, "
    )
    header, _, body = done.text.partition("\n\n")
    assert header.count("\n") == 1 and body.startswith("format = ")
    assert [c.name for c in done.evidence_problems] == ["shot.png"]
    assert sharing.printable_comment("a\tb\nc\x00d\x1f\x7fe") == "a\tb?c?d??e"


def test_no_header_when_the_evidence_is_as_recorded(store: Store) -> None:
    saved = store.create(Incident(id="", title="t", kind="account-hold", opened_at=OPENED))
    done = sharing.build_export(saved, "toml", now=OPENED)
    assert done.text == codec.dumps(sharing.for_sharing(saved))
    assert done.evidence == [] and done.evidence_problems == []


def test_the_places_attachments_are_looked_for(store: Store) -> None:
    """Only the data folder's attachments/: never the data folder itself or the current folder,
    where a relative path from an imported file could reach the recipient's own files."""
    assert sharing.evidence_dirs_for(store) == [store.data_dir / "attachments"]


def test_write_export_refusals_word_for_word(tmp_path: Path, store: Store) -> None:
    with pytest.raises(BadInputError) as caught:
        sharing.write_export("  ", "x")
    assert str(caught.value) == "the export needs a file name (-o FILE); an empty name was given"
    link = tmp_path / "link.md"
    link.symlink_to(tmp_path / "elsewhere")
    with pytest.raises(ConflictError) as conflict:
        sharing.write_export(link, "x", force=True)
    assert str(conflict.value) == f"{link}: is a symbolic link; not written"
    with pytest.raises(ConflictError) as conflict:
        sharing.write_export(tmp_path, "x", force=True)
    assert str(conflict.value) == f"{tmp_path}: is a folder; give a file name"
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    with pytest.raises(ConflictError) as conflict:
        sharing.write_export(fifo, "x", force=True)
    assert str(conflict.value) == (
        f"{fifo}: is not a regular file (a device, FIFO or socket); not written, even with --force"
    )
    there = tmp_path / "there.md"
    there.write_text("keep")
    with pytest.raises(sharing.ExistsError) as exists:
        sharing.write_export(there, "x")
    assert str(exists.value) == f"{there}: already exists; not overwritten (use --force to replace it)"
    assert there.read_text() == "keep"
    inside = store.incidents_dir / "copy.md"
    data = store.data_dir.resolve()
    with pytest.raises(BadInputError) as caught:
        sharing.write_export(inside, "x", store=store)
    assert str(caught.value) == (
        f"{inside}: is inside the journal's data folder ({data}); an export never goes there "
        f"except {data / 'exports'}; choose another place"
    )
    assert not inside.exists()
    (store.data_dir / "exports").mkdir()
    saved_to = sharing.write_export(store.data_dir / "exports" / "a.md", "é", store=store)
    assert saved_to.read_bytes() == "é".encode()
    with pytest.raises(BadInputError):
        sharing.write_export(store.data_dir / "exports" / "sub" / "a.md", "x", store=store)
    beside = sharing.write_export(tmp_path / "beside.md", "x", store=store)
    assert beside.read_text() == "x"


def test_write_export_writes_a_private_file_and_replaces_only_with_force(tmp_path: Path) -> None:
    target = tmp_path / "out.md"
    assert sharing.write_export(target, "one") == target
    assert target.read_text() == "one" and stat.S_IMODE(target.stat().st_mode) == 0o600
    assert sharing.write_export(target, "two", force=True) == target
    assert target.read_text() == "two" and stat.S_IMODE(target.stat().st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "home") == ["out.md"]


def test_an_export_into_a_missing_folder_is_one_line(tmp_path: Path) -> None:
    target = tmp_path / "nope" / "x.md"
    with pytest.raises(StoreError) as caught:
        sharing.write_export(target, "x")
    assert str(caught.value) == f"{target}: could not write the export: no such file or folder; nothing was changed"


def test_import_refusals_word_for_word(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(codec, "MAX_FILE_BYTES", 100)
    assert importing.import_caps() == (200, 100)
    big = tmp_path / "big.toml"
    big.write_bytes(b"#" * 201)
    with pytest.raises(BadInputError) as caught:
        importing.read_import(big)
    assert str(caught.value) == f"{big}: the file is over the import limit of 200 bytes; not imported"
    escapes = tmp_path / "escapes.toml"
    escapes.write_bytes(b"\\" * 101)
    monkeypatch.setattr(codec, "MAX_FILE_BYTES", 1000)  # the import cap alone decides
    monkeypatch.setattr(importing, "import_caps", lambda: (2000, 100))
    with pytest.raises(BadInputError) as caught:
        importing.read_import(escapes)
    assert str(caught.value) == f"{escapes}: has 101 backslash escapes; the import limit is 100; not imported"
    link = tmp_path / "link.toml"
    link.symlink_to(big)
    with pytest.raises(BadInputError) as caught:
        importing.read_import(link)
    assert str(caught.value).endswith("; not imported") and str(caught.value).startswith(f"{link}")
    missing = tmp_path / "missing.toml"
    with pytest.raises(BadInputError) as caught:
        importing.read_import(missing)
    assert str(caught.value) == f"{missing}: could not read the file: no such file or folder; nothing was changed"


def test_exactly_at_the_escape_limit_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = (
        'format = 1\nid = "x"\ntitle = "' + "\\\\" * 10 + '"\nkind = "other"\nopened_at = 2026-11-20T09:12:00+09:00\n'
    )
    monkeypatch.setattr(importing, "import_caps", lambda: (10_000, 20))
    source = tmp_path / "in.toml"
    source.write_text(text)
    assert importing.read_import(source).title == "\\" * 10


def test_an_import_under_a_taken_id_gets_a_new_one_and_says_which(
    saved: Incident, tmp_path: Path, store: Store
) -> None:
    source = tmp_path / "in.toml"
    source.write_text(store.path_for(saved.id).read_text())
    done = importing.import_incident(store, source)
    assert done.wanted_id == saved.id and done.renamed and done.replaced_to is None
    assert done.incident.id == f"{saved.id}-2"
    assert done.incident.revision == sha256_hex(store.path_for(done.incident.id).read_bytes())
    again, asked = importing.import_file(store, source)
    assert again.id == f"{saved.id}-3" and asked == saved.id
    fresh = tmp_path / "fresh.toml"
    fresh.write_text(store.path_for(saved.id).read_text().replace(f'id = "{saved.id}"', 'id = "2026-11-20-fresh"'))
    made, asked = importing.import_file(store, fresh)
    assert made.id == "2026-11-20-fresh" and asked is None


def test_replacing_keeps_each_old_file_in_the_trash(saved: Incident, tmp_path: Path, store: Store) -> None:
    original = store.path_for(saved.id).read_bytes()
    source = tmp_path / "in.toml"
    source.write_text(original.decode().replace("Hold for ann@example.com", "Second"))
    done = importing.import_incident(store, source, replace=True)
    assert done.incident.id == saved.id and not done.renamed
    assert done.replaced_to == store.trash_dir / f"{saved.id}.toml"
    assert done.replaced_to.read_bytes() == original
    second = store.path_for(saved.id).read_bytes()
    source.write_text(original.decode().replace("Hold for ann@example.com", "Third"))
    done = importing.import_incident(store, source, replace=True)
    assert done.replaced_to is not None
    assert re.fullmatch(rf"{saved.id}\.\d{{8}}T\d{{6}}-[0-9a-f]{{4}}\.toml", done.replaced_to.name)
    assert done.replaced_to.read_bytes() == second
    assert store.load(saved.id).title == "Third"
    assert stat.S_IMODE(store.trash_dir.stat().st_mode) == 0o700


def test_a_replace_over_a_link_is_refused(saved: Incident, tmp_path: Path, store: Store) -> None:
    path = store.path_for(saved.id)
    keep = tmp_path / "real.toml"
    keep.write_bytes(path.read_bytes())
    path.unlink()
    path.symlink_to(keep)
    source = tmp_path / "in.toml"
    source.write_bytes(keep.read_bytes())
    with pytest.raises(ConflictError) as caught:
        importing.import_incident(store, source, replace=True)
    assert str(caught.value) == f"{path}: not a regular file; not replaced"
    assert path.is_symlink()


def test_for_sharing_leaves_notes_out_unless_asked() -> None:
    shared = sharing.for_sharing(incident())
    assert [m.note for m in shared.messages] == [""]
    assert [c.note for c in shared.checklist] == [""] and [c.note for c in shared.contracts] == [""]
    assert sharing.for_sharing(incident(), include_notes=True).messages[0].note == "my note on ann@example.com"


def test_a_redacted_export_keeps_an_id_without_addresses_and_an_unsaved_one(store: Store, tmp_path: Path) -> None:
    made = Incident(id="2026-11-20-fresh", title="Hold", kind="account-hold", opened_at=OPENED)
    made.messages.append(Message(at=OPENED, body="ann@example.com"))
    assert codec.loads(sharing.build_export(made, "toml", redact=True).text).id == "2026-11-20-fresh"
    masker = KeepingMasker(keep=[])
    unsaved = Incident(id="", title="Hold for ann@example.com", kind="account-hold", opened_at=OPENED)
    assert sharing.for_sharing(unsaved, masker=masker).id == ""


def test_the_defaults_of_an_export_are_toml_in_english(saved: Incident) -> None:
    done = sharing.build_export(saved, now=OPENED)
    assert done.format == "toml" and codec.loads(done.text).title == saved.title
    plain = sharing.build_export(saved, "toml", now=OPENED)
    assert plain.format == "toml"
    summary = sharing.build_export(saved, "markdown", now=OPENED)
    assert summary == sharing.build_export(saved, "markdown", now=OPENED, lang="en")
    assert summary.format == "markdown"


def test_an_attachment_found_in_an_evidence_folder_is_as_recorded(store: Store, tmp_path: Path) -> None:
    folder = tmp_path / "evidence"
    folder.mkdir()
    (folder / "shot.png").write_bytes(b"png")
    made = Incident(id="", title="t", kind="account-hold", opened_at=OPENED)
    request = SupportRequest(question="q")
    request.attachments.append(Attachment(path="shot.png", sha256=sha256_hex(b"png"), size=3))
    made.requests.append(request)
    saved = store.create(made)
    done = sharing.build_export(saved, "toml", now=OPENED, evidence_dirs=[folder])
    assert done.evidence_problems == [] and not done.text.startswith("#")
    assert sharing.build_export(saved, "toml", now=OPENED).text.startswith("# Evidence not as recorded")


def test_a_redacted_export_masks_attachment_names_in_its_header_and_summary(store: Store) -> None:
    made = Incident(id="", title="t", kind="account-hold", opened_at=OPENED)
    request = SupportRequest(question="q")
    request.attachments.append(Attachment(path="/x/ann@example.com.png", sha256="a" * 64, size=3))
    made.requests.append(request)
    saved = store.create(made)
    for fmt in sharing.FORMATS:
        done = sharing.build_export(saved, fmt, redact=True, now=OPENED)
        assert "ann@example" not in done.text, fmt
        assert "[email-1]" in done.text, fmt
    header = sharing.build_export(saved, "toml", redact=True, now=OPENED).text
    assert header.startswith(
        "# Evidence not as recorded when this file was exported:\n#   [email-1] (request 1): missing"
    )
    plain = sharing.build_export(saved, "toml", now=OPENED)
    assert plain.text.startswith("# Evidence not as recorded when this file was exported:\n#   ann@example.com.png")


def test_only_the_exports_own_placeholders_are_spans(store: Store) -> None:
    made = Incident(id="", title="typed [ip-7] by hand", kind="account-hold", opened_at=OPENED)
    made.messages.append(Message(at=OPENED, body="from 203.0.113.9"))
    saved = store.create(made)
    done = sharing.build_export(saved, "toml", redact=True, now=OPENED)
    assert "[ip-7]" in done.text
    assert {done.text[s.start : s.end] for s in done.spans} == {"[ip-1]"}


def test_an_export_masking_makes_too_long_is_refused_in_one_line(store: Store) -> None:
    made = Incident(id="", title="a@b.co " * 9000, kind="other", opened_at=OPENED)
    saved = store.create(made)
    with pytest.raises(BadInputError) as caught:
        sharing.build_export(saved, "toml", redact=True, now=OPENED)
    assert str(caught.value) == (
        f"{saved.id}: the export would not import again (title is 90,000 characters; the limit is 65,536)"
    )


def test_a_file_that_appears_just_before_the_link_is_not_replaced(tmp_path: Path) -> None:
    target = tmp_path / "x.md"
    target.write_text("theirs")
    with pytest.raises(sharing.ExistsError) as caught:
        sharing._create_new(target, b"ours")
    assert str(caught.value) == f"{target}: already exists; not overwritten (use --force to replace it)"
    assert target.read_text() == "theirs"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "home") == ["x.md"]


def test_an_export_on_a_file_system_without_hard_links(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_links(*args: object, **kwargs: object) -> None:
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    target = tmp_path / "x.md"
    assert sharing.write_export(target, "text") == target
    assert target.read_text() == "text" and stat.S_IMODE(target.stat().st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "home") == ["x.md"]


def test_an_old_file_that_cannot_be_kept_in_the_trash_is_not_replaced(
    saved: Incident, tmp_path: Path, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = store.path_for(saved.id).read_bytes()
    source = tmp_path / "in.toml"
    source.write_text(before.decode().replace("Hold for ann@example.com", "Second"))

    def no_links(*args: object, **kwargs: object) -> None:
        raise OSError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(os, "link", no_links)
    target = store.path_for(saved.id)
    with pytest.raises(StoreError) as caught:
        importing.import_incident(store, source, replace=True)
    assert str(caught.value) == (
        f"{target}: could not keep the old file in the trash: permission denied; nothing was changed"
    )
    assert target.read_bytes() == before
