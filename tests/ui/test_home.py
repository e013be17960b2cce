from datetime import datetime

from textual.widgets import DataTable

from journal.demo import write_demo
from journal.model import Incident
from journal.store import Store
from screens.app import make_app


async def test_home_lists_incidents_most_urgent_first(store: Store) -> None:
    write_demo(store)
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        table = app.query_one("#incidents", DataTable)
        assert table.row_count == 3
        first_title = str(table.get_row_at(0)[1])
        assert first_title == "Contract with Northwind Studio suspended"  # its follow-up is overdue
        assert str(table.get_row_at(0)[0]) == "!"
        assert app.title == "Incident Journal"
        await pilot.press("q")
    assert app.return_code == 0


async def test_markup_in_titles_is_shown_literally(store: Store, opened: datetime) -> None:
    store.create(Incident(id="", title="[Upwork] 停止 [/] [@click=app.quit]x[/]", kind="other", opened_at=opened))
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        table = app.query_one("#incidents", DataTable)
        assert str(table.get_row_at(0)[1]) == "[Upwork] 停止 [/] [@click=app.quit]x[/]"


async def test_empty_journal_says_how_to_begin(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.query_one("#empty").display
