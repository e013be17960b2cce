import pytest
from textual.widgets import Input, TextArea

from tests.ui.conftest import list_loads_at_once, notices_stay  # noqa: F401  (autouse: the list at once; notices stay)


@pytest.fixture(autouse=True)
def cursors_hold_still(monkeypatch: pytest.MonkeyPatch) -> None:
    """A focused text field's cursor stays drawn: its blink (every 0.5 s) would otherwise
    decide, by how loaded the machine is, whether a picture shows it."""
    monkeypatch.setattr(TextArea, "_toggle_cursor_blink_visible", lambda self: None)
    monkeypatch.setattr(Input, "_toggle_cursor", lambda self: None)
