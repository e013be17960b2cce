"""Templates per kind: every kind in both languages fills a new incident; the language is
chosen from the environment and the config file; user templates add to or replace the
built-in ones, and a bad one is named (file and line) while the built-in is used."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from journal import templates
from journal.cli import main
from journal.model import KINDS
from journal.store import Store

JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def new(capsys: pytest.CaptureFixture[str], kind: str, *extra: str) -> tuple[str, str]:
    code, out, err = run(
        capsys, "new", "--kind", kind, "--title", f"A {kind}", "--opened", "2026-11-20T09:12+09:00", *extra
    )
    assert code == 0, err
    return out.strip().splitlines()[-1], err


@pytest.mark.parametrize("language", templates.LANGUAGES)
@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_fills_a_new_incident_in_both_languages(kind, language, capsys, monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("INCIDENT_JOURNAL_LANG", language)
    incident_id, err = new(capsys, kind)
    incident = Store().load(incident_id)
    assert len(incident.checklist) >= 5
    assert all(item.done_at is None and item.text.strip() for item in incident.checklist)
    assert incident.follow_up_at is not None and incident.follow_up_at > incident.opened_at
    texts = [item.text for item in incident.checklist] + [r.question for r in incident.requests]
    if language == "ja":
        assert all(JAPANESE.search(text) for text in texts)
    else:
        assert not any(JAPANESE.search(text) for text in texts)
    # The file on disk holds them, and the person who created it sees them.
    text = (tmp_path / "data" / "incidents" / f"{incident_id}.toml").read_text()
    assert all(item.text in text for item in incident.checklist)
    said = "次にやること（チェックリスト）:" if language == "ja" else "Next steps (checklist):"  # the CLI speaks it too
    assert said in err and incident.checklist[0].text in err


@pytest.mark.parametrize("language", templates.LANGUAGES)
def test_security_review_lists_the_four_questions_support_asks(language, capsys, monkeypatch) -> None:
    monkeypatch.setenv("INCIDENT_JOURNAL_LANG", language)
    incident_id, err = new(capsys, "security-review")
    incident = Store().load(incident_id)
    questions = [r.question for r in incident.requests]
    assert len(questions) == 4
    assert all(r.answered_at is None and not r.answer for r in incident.requests)
    assert "VPN" in questions[0]
    assert any("Windows" in q and "iPhone" in q for q in questions)
    checklist = " ".join(c.text for c in incident.checklist)
    if language == "en":
        assert "password" in checklist and "two-factor" in checklist and "login history" in checklist
        assert "Support will likely ask for" in err
    else:
        assert "パスワード" in checklist and "二段階認証" in checklist and "ログイン履歴" in checklist


def test_contract_suspension_follows_up_on_day_three(capsys) -> None:
    incident_id, _ = new(capsys, "contract-suspension")
    incident = Store().load(incident_id)
    assert incident.follow_up_at.isoformat() == "2026-11-23T09:12:00+09:00"
    texts = " ".join(c.text for c in incident.checklist)
    assert "Stop work" in texts and "Job Success Score" in texts and "off the platform" in texts


def test_an_explicit_follow_up_wins_over_the_default(capsys) -> None:
    incident_id, _ = new(capsys, "account-hold", "--follow-up", "2026-11-21T10:00+09:00")
    assert Store().load(incident_id).follow_up_at.isoformat() == "2026-11-21T10:00:00+09:00"


@pytest.mark.parametrize(
    ("env", "config", "expected"),
    [
        ({}, None, "en"),
        ({"LANG": "ja_JP.UTF-8"}, None, "ja"),
        ({"LANG": "ja_JP.UTF-8", "LC_ALL": "en_US.UTF-8"}, None, "en"),
        ({"LC_ALL": "ja_JP.UTF-8", "LANG": "en_US.UTF-8"}, None, "ja"),
        ({"LANG": "fr_FR.UTF-8"}, None, "en"),
        ({"LANG": "ja_JP.UTF-8"}, "en", "en"),
        ({}, "ja", "ja"),
        ({"INCIDENT_JOURNAL_LANG": "ja"}, "en", "ja"),
        ({"INCIDENT_JOURNAL_LANG": "en", "LANG": "ja_JP.UTF-8"}, "ja", "en"),
        ({"INCIDENT_JOURNAL_LANG": "xx", "LANG": "ja_JP.UTF-8"}, None, "ja"),
    ],
)
def test_language_order(env, config, expected, monkeypatch, tmp_path) -> None:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    if config:
        (tmp_path / "config").mkdir()
        (tmp_path / "config" / "config.toml").write_text(f'language = "{config}"\n')
    assert templates.current_language() == expected


def user_template(tmp_path: Path, kind: str, text: str, language: str = "en") -> Path:
    folder = tmp_path / "config" / "templates" / language
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{kind}.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_user_template_adds_items_after_the_built_in_ones(capsys, tmp_path) -> None:
    user_template(tmp_path, "payment-hold", 'follow_up_days = 5\n\n[[checklist]]\ntext = "Email my accountant"\n')
    incident_id, err = new(capsys, "payment-hold")
    incident = Store().load(incident_id)
    builtin = templates.read_template_file(templates.builtin_path("payment-hold", "en"), "payment-hold", "en")[0]
    assert [c.text for c in incident.checklist] == builtin["checklist"] + ["Email my accountant"]
    assert incident.follow_up_at.isoformat() == "2026-11-25T09:12:00+09:00"
    assert "warning" not in err


def test_a_user_template_can_replace_the_built_in_one(capsys, tmp_path) -> None:
    user_template(
        tmp_path,
        "other",
        'mode = "replace"\nfollow_up_days = 0\n\n[[checklist]]\ntext = "Only this"\n\n[[requests]]\nquestion = "Your ID"\n',
    )
    incident = Store().load(new(capsys, "other")[0])
    assert [c.text for c in incident.checklist] == ["Only this"]
    assert [r.question for r in incident.requests] == ["Your ID"]
    assert incident.follow_up_at is None


@pytest.mark.parametrize(
    ("text", "line", "reason"),
    [
        ('[[checklist]]\ntext = "ok"\n\n[[checklist]]\ntext = 3\n', 5, "must be text"),
        ('[[checklist]]\ntext = "ok"\ntxet = "typo"\n', 3, "unknown key"),
        ("follow_up_days = -1\n", 1, "whole number"),
        ('follow_up_days = 2\ncopy_roster = "yes"\n', 2, "true or false"),
        ('per_contract = "Tell {name}"\n', 1, "{name}"),
        ('[[checklist]\ntext = "x"\n', 1, "not valid TOML"),
        ('kind = "account-hold"\n', 1, "is for 'other'"),
    ],
)
def test_a_bad_user_template_is_named_and_the_built_in_is_used(text, line, reason, capsys, tmp_path) -> None:
    path = user_template(tmp_path, "other", text)
    incident_id, err = new(capsys, "other")
    warnings = [w for w in err.splitlines() if "warning" in w]
    assert len(warnings) == 1
    assert f"{path}:{line}" in warnings[0] and reason in warnings[0] and "built-in template is used" in warnings[0]
    builtin = templates.load_template("other", "en")  # still reports the same problem
    assert builtin.problems and [c.text for c in Store().load(incident_id).checklist][:3] == [
        t
        for t in templates.read_template_file(templates.builtin_path("other", "en"), "other", "en")[0]["checklist"][:3]
    ]


def test_a_user_template_only_applies_to_its_language(capsys, monkeypatch, tmp_path) -> None:
    user_template(tmp_path, "other", '[[checklist]]\ntext = "自分の項目"\n', language="ja")
    english = Store().load(new(capsys, "other")[0])
    assert "自分の項目" not in [c.text for c in english.checklist]
    monkeypatch.setenv("INCIDENT_JOURNAL_LANG", "ja")
    japanese = Store().load(new(capsys, "other")[0])
    assert japanese.checklist[-1].text == "自分の項目"


def test_template_command_shows_what_a_kind_starts_with(capsys) -> None:
    code, out, _ = run(capsys, "template", "security-review", "--lang", "ja")
    assert code == 0
    assert "二段階認証" in out and "Support requests:" in out and "VPN" in out
    assert "copied in as affected" in out


def test_built_in_templates_are_in_the_wheel_sources() -> None:
    # Every kind has a file in each language, inside the package folder (shipped by hatchling).
    for language in templates.LANGUAGES:
        for kind in KINDS:
            path = templates.builtin_path(kind, language)
            assert path.is_file() and templates.BUILTIN_DIR in path.parents


def test_a_contract_item_names_a_timed_deadline_as_people_read_it() -> None:
    """Not `2026-11-30T09:00:00+00:00`: the local time, in the template's language."""
    from datetime import UTC, datetime

    from journal.templates import load_template

    deadline = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)  # 18:00 in Tokyo, the tests' zone
    english = load_template("contract-suspension", "en").contract_item("Acme", "", deadline)
    japanese = load_template("contract-suspension", "ja").contract_item("Acme", "", deadline)
    assert "2026-11-30 18:00 +09:00" in english and "T09:00" not in english
    assert "11月30日(月) 18:00" in japanese and "T09:00" not in japanese
