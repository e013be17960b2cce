"""The security-hold story of DOMAIN.md in Japanese, in a real terminal (tmux): with
LANG=ja_JP.UTF-8 the user records a security review (its template adds support's usual
questions), keeps the notice and opens Now; home and Now show no English word of the app's own, at 120x36 and
again at 80x24 (what the user typed, key names, file formats and ids may be in Latin letters),
and the footer keeps `?` at both sizes."""

from __future__ import annotations

import re
import shlex
import subprocess
import time
from pathlib import Path

from tests.e2e.test_tmux import COMMAND, Tmux, journal_env, pytestmark, wait_for  # noqa: F401  (pytestmark: skip without tmux)

TITLE = "セキュリティ確認でアカウント保留"
SUBJECT = "Your account is on hold"
NOTICE = (
    "Hello,\n\nWe noticed unusual activity and placed your account on hold for your protection.\n"
    "Please reply with a screenshot of an IP-check site (no VPN).\n\nUpwork Trust & Safety\n"
)
ALLOWED = {
    # key names, as the footer and hints write them
    *("enter", "escape", "esc", "tab", "space", "ctrl", "shift", "home", "end", "pageup", "pagedown"),
    # file formats and names that are the same in every language
    *("toml", "markdown", "sha", "md", "txt", "zip", "manifest"),
    "upwork",  # the platform's name
}
NAMES = ("vpn", "ip", "windows", "mac", "iphone", "android")
"""Names inside the Japanese template texts (support's usual questions); a cell may cut one."""
ID = re.compile(r"\b\d{4}-\d{2}-\d{2}-[a-z0-9-]+")


def english_words(screen: str, typed: list[str]) -> list[str]:
    """Words of two Latin letters or more on `screen` that are not data the user typed, a key
    name, a file format or an incident id: an English label the app forgot to translate."""
    for text in typed:
        for line in text.splitlines():
            if line.strip():
                screen = screen.replace(line.strip(), " ")
    screen = ID.sub(" ", screen)
    words = re.findall(r"[A-Za-z]{2,}", screen)
    return [w for w in words if w.lower() not in ALLOWED and not any(n.startswith(w.lower()) for n in NAMES)]


def start_in_japanese(tmp_path: Path, data: Path, columns: int, rows: int) -> tuple[Tmux, Path]:
    status = tmp_path / "exit-status"
    env = journal_env(tmp_path, data) | {"LANG": "ja_JP.UTF-8"}
    exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
    command = f"env -i {exports} {shlex.quote(str(COMMAND))}; echo $? > {shlex.quote(str(status))}; sleep 60"
    tmux = Tmux(tmp_path / "tmux.sock", "journal")
    tmux.run("-f", "/dev/null", "new-session", "-d", "-s", "journal", "-x", str(columns), "-y", str(rows), command)
    return tmux, status


def expect(tmux: Tmux, check, what: str) -> None:
    """`wait_for`, with the screen in the failure message."""
    try:
        wait_for(check, what)
    except AssertionError as error:
        raise AssertionError(f"{error}; the screen:\n{tmux.screen()}") from None


def footer(screen: str) -> str:
    return screen.rstrip("\n").splitlines()[-1].lstrip()


def no_english(tmux: Tmux, where: str) -> str:
    """The screen once its footer is drawn (it starts with `?`), checked for English labels.
    Home's line of what needs the user today is left out: its words are the core's
    (journal.followups.today_line, with the CLI's `now`), checked with the core's wording."""
    expect(tmux, lambda: footer(tmux.screen()).startswith("? "), f"the footer of {where}, ? first")
    # the notices of the incident screen and its forms have gone (this checks the screen itself)
    expect(tmux, lambda: "▌" not in tmux.screen(), f"the notices over {where} gone")
    screen = tmux.screen()
    lines = screen.splitlines()
    today = next((n for n, line in enumerate(lines) if "t で今日やること" in line), 0)
    shown = "\n".join(lines[:1] + lines[today + 1 :])  # the title, then what follows the today line
    found = english_words(shown, [TITLE, SUBJECT, NOTICE])
    assert not found, f"English on {where}: {found}\n{screen}"
    return screen


def incident_file(data: Path) -> Path | None:
    files = list((data / "incidents").glob("*.toml"))
    return files[0] if len(files) == 1 else None


def file_holds(data: Path, text: str):
    def check() -> bool:
        path = incident_file(data)
        return path is not None and text in path.read_text(encoding="utf-8")

    return check


def test_the_security_hold_story_in_japanese_shows_no_english_label(tmp_path: Path) -> None:
    data = tmp_path / "data"
    tmux, status = start_in_japanese(tmp_path, data, 120, 36)
    try:
        expect(tmux, tmux.shows("インシデントはまだありません"), "the empty home screen in Japanese")
        no_english(tmux, "the empty home screen")

        tmux.keys("n")
        expect(tmux, tmux.shows("ctrl+s"), "the new-incident form")
        tmux.keys("--", TITLE, literal=True)
        expect(tmux, tmux.shows(TITLE), "the title typed")
        for key in ("Tab", "Enter", "Down", "Down", "Enter"):  # Kind: the third, a security review
            tmux.keys(key)
            time.sleep(0.25)  # a burst may reach the app as one read
        tmux.keys("C-s")
        expect(tmux, file_holds(data, 'kind = "security-review"'), "the incident saved")
        expect(tmux, lambda: "ctrl+s" not in tmux.screen(), "the incident screen")

        for key in ("2", "a"):  # the notice, pasted as it came
            tmux.keys(key)
            time.sleep(0.25)
        expect(tmux, tmux.shows("ctrl+s"), "the message form")
        buffer = tmp_path / "notice.txt"
        buffer.write_text(NOTICE, encoding="utf-8")
        tmux.run("load-buffer", str(buffer))
        tmux.run("paste-buffer", "-p", "-t", "journal")
        expect(tmux, tmux.shows("unusual activity"), "the paste in the body")
        for key in ("BTab", "BTab"):  # body -> note -> subject
            tmux.keys(key)
            time.sleep(0.25)
        tmux.keys("--", SUBJECT, literal=True)
        expect(tmux, tmux.shows(SUBJECT), "the subject typed")
        tmux.keys("C-s")
        expect(tmux, file_holds(data, "[[messages]]"), "the notice saved")
        expect(tmux, lambda: "ctrl+s" not in tmux.screen(), "the message form closed")

        tmux.keys("Escape")
        expect(tmux, tmux.shows("インシデント 1件"), "home with the incident")
        no_english(tmux, "home")
        row = next(line for line in tmux.screen().splitlines() if TITLE in line and "Upwork" in line)
        assert "セキュリティ審査" in row, row

        tmux.keys("t")
        expect(tmux, tmux.shows("回答すべき依頼"), "Now with the questions to answer")
        screen = no_english(tmux, "Now at 120x36")
        assert "サポートに回答" in screen and TITLE[:6] in screen

        tmux.run("resize-window", "-t", "journal", "-x", "80", "-y", "24")
        expect(tmux, lambda: len(tmux.screen().splitlines()[0]) <= 80, "the terminal at 80x24")
        expect(tmux, tmux.shows("回答すべき依頼"), "Now at 80x24")
        no_english(tmux, "Now at 80x24")

        tmux.keys("Escape")
        expect(tmux, tmux.shows("インシデント 1件"), "home at 80x24")
        no_english(tmux, "home at 80x24")
        tmux.keys("q")
        wait_for(lambda: status.exists() and status.read_text().strip() != "", "the command to end")
        assert status.read_text().strip() == "0"
    finally:
        subprocess.run([*tmux.base, "kill-server"], capture_output=True)
