"""The line under a view's header that says what its typed filter means, or what is wrong."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from kam_tui.domain.filters import Query
from kam_tui.ui.user_text import literal

HELP_HINT = "  ? lists the terms"
"""Where to learn the language, after an error."""


def query_content(query: Query, shown: int | None = None) -> Content:
    """What the line says: the query's meaning (and how many accounts it shows), or its
    error; empty for free words alone (the filter box shows them as they are)."""
    if query.error:
        return Content.assemble(
            ("Filter not applied: ", "bold $warning"),
            literal(query.error, "$warning"),
            (HELP_HINT, "$text-muted"),
        )
    described = query.describe()
    if not described or not query.terms:
        return Content("")
    count = f" ({shown} shown)" if shown is not None else ""
    return Content.assemble(("Filter: ", "bold"), literal(described), (count, "$text-muted"))


class QueryLine(Static):
    """One line, shown only while a typed filter has terms (or an error)."""

    DEFAULT_CSS = """
    QueryLine {
        height: auto;
        max-height: 2;
        padding: 0 1;
        background: $boost;
        display: none;
        &.-shown {
            display: block;
        }
    }
    """

    def show_query(self, query: Query, shown: int | None = None) -> None:
        """Say what `query` means (or what is wrong with it); hidden when it is empty."""
        content = query_content(query, shown)
        self.set_class(bool(content.plain), "-shown")
        self.update(content)
