"""The Markdown export carries the platform rules' deadlines and the money at risk, in the
export's language, escaped like any user text."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from journal import at_risk, markdown
from journal.cli import main
from journal.model import Contract, Incident

JST = ZoneInfo("Asia/Tokyo")
START = datetime(2026, 11, 26, 10, 0, tzinfo=JST)
NOW = datetime(2026, 11, 29, 10, 0, tzinfo=JST)


def _hold() -> Incident:
    incident = Incident(id="x", title="Verify", kind="identity-verification", opened_at=START)
    incident.contracts = [
        Contract("Acme", amounts=at_risk.parse_amounts("420 USD in escrow until 12/09; 30 USD refunded", NOW))
    ]
    return incident


def test_the_english_export_lists_each_deadline_with_its_source() -> None:
    text = markdown.render(_hold(), NOW)
    section = text.split("## Deadlines (the platform rules)\n\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert section[0].startswith("- Verify your identity by 2026-12-03 10:00")
    assert "7 calendar days (UTC)" in section[0]
    assert any(
        line.startswith("  - source: https://support.upwork.com/") and "(read 2026-11-29)" in line for line in section
    )
    assert "- Money at risk: 420.00 USD: 420.00 USD in escrow until 12/09" in text
    assert "- Acme: active, 420.00 USD in escrow until 12/09; 30.00 USD refunded, client not told yet" in text


def test_the_japanese_export_says_it_in_japanese() -> None:
    text = markdown.render(_hold(), NOW, lang="ja")
    assert "## 締切（プラットフォームの規則）" in text
    assert "- 本人確認を済ませる 期限 2026-12-03 10:00" in text
    assert "  - 出典: https://support.upwork.com/" in text
    assert "- 種類: 本人確認" in text
    assert "- 未確定の金額: 420.00 USD：420.00 USD エスクロー中（12/09 まで）" in text
    assert "420.00 USD エスクロー中（12/09 まで）、30.00 USD 返金済み" in text


def test_a_closed_incident_has_no_deadlines_section() -> None:
    incident = _hold()
    incident.status, incident.closed_at = "resolved", NOW
    assert "Deadlines" not in markdown.render(incident, NOW)


def test_export_command_prints_the_deadlines(capsys) -> None:
    assert (
        main(["new", "--kind", "identity-verification", "--title", "Verify", "--opened", "2026-11-26T10:00+09:00"]) == 0
    )
    incident_id = capsys.readouterr().out.strip().splitlines()[-1]
    assert main(["export", incident_id, "--format", "markdown", "--lang", "ja"]) == 0
    out = capsys.readouterr().out
    assert "## 締切（プラットフォームの規則）" in out and "本人確認を済ませる 期限" in out


def test_a_contract_deadline_with_a_time_reads_as_a_moment_in_both_languages() -> None:
    """A roster deadline kept with its time is shown as every other moment of the export
    (date, time, offset and UTC), never as raw ISO text."""
    incident = _hold()
    incident.contracts[0].deadline = datetime(2026, 11, 30, 18, 0, tzinfo=JST)
    for lang, word in (("en", "deadline"), ("ja", "締切")):
        text = markdown.render(incident, NOW, lang=lang)
        line = next(line for line in text.splitlines() if line.startswith("- Acme:"))
        assert f"{word} 2026-11-30 18:00 +09:00" in line, line
        assert "09:00 UTC" in line and "T18:00:00" not in line, line
