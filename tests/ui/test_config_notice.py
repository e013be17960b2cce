"""The terminal UI names each wrong entry of the config file at start, and the rest of the
file still applies (a good keymap entry works, a good theme is used)."""

from __future__ import annotations

from journal import paths
from journal.store import Store
from screens.app import make_app


async def test_wrong_config_entries_are_told_at_start_and_the_rest_applies(store: Store, held) -> None:
    path = paths.config_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        'theme = "nord"\nlanguage = "jp"\n\n[keymap]\n"home.new" = "f2"\n"home.nope" = "x"\n"list.up" = "ctrl+foo"\n'
    )
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        notices = [n.message for n in app._notifications]
        assert any(f"{path}:2: unknown language 'jp'" in n for n in notices)
        assert any(f"{path}:6: unknown binding id 'home.nope'" in n for n in notices)
        assert any(f"{path}:7: 'ctrl+foo'" in n for n in notices)
        assert app.theme == "nord"
        await pilot.press("f2")  # the good keymap entry applies
        await pilot.pause()
        assert type(app.screen).__name__ != "HomeScreen"
