from tests.ui.conftest import list_loads_at_once  # noqa: F401  (autouse: the list is there at once)
