"""The one way user text reaches the screen: literally, never as markup or terminal control.

Every string a user, a config or an import typed (names, notes, paths, filter text) is
shown through these helpers: it is never parsed as Textual or Rich markup (a name like
`x [/b] y` is a name, not a closing tag), and every character a terminal would act on
is shown in the visible notation of kam_tui.domain.text.printable (`^[` for ESC).
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.highlighter import Highlighter
from rich.style import Style
from rich.text import Text
from textual.content import Content
from textual.style import Style as TextualStyle
from textual.widgets import TextArea

from kam_tui.domain.text import pictured, printable

__all__ = [
    "CONTROL_PICTURES",
    "LiteralTextArea",
    "highlighted",
    "literal",
    "literal_text",
    "markup_escaped",
    "printable",
]


def literal(text: str, style: str = "", *, multiline: bool = False) -> Content:
    """User text as Textual Content shown exactly as typed, in `style`.

    Newlines are kept only when `multiline`; elsewhere they show as `^J`.
    """
    shown = printable(text, multiline=multiline)
    return Content.styled(shown, style) if style else Content(shown)


def literal_text(text: str, style: str | Style = "", *, end: str = "") -> Text:
    """User text as a Rich Text shown exactly as typed (for Rich renderables such as
    DataTable cells, which would parse a plain string as markup)."""
    return Text(printable(text), style=style, end=end)


def markup_escaped(text: str) -> str:
    """User text escaped for an API that only takes Textual markup (the palette's help line).

    Every `[` is escaped, not only those that look like a tag: the `escape` of Rich and
    of Textual leave `[/lin · x [/b]` as a closing tag that the parser refuses.
    """
    return printable(text).replace("[", "\\[")


def highlighted(shown: str, offsets: Iterable[int], style: TextualStyle) -> Content:
    """Shown text (already `printable`) for the command palette, with the letters found
    at `offsets` in `style` (Textual's Matcher.highlight would parse it as markup)."""
    content = Content(shown)
    for offset in offsets:
        if not shown[offset].isspace():
            content = content.stylize(style, offset, offset + 1)
    return content


class ControlPictures(Highlighter):
    """An Input highlighter that draws each control character of the text being edited as
    a visible character (`␛`), one for one, so the terminal never receives it."""

    def highlight(self, text: Text) -> None:
        text.plain = pictured(text.plain)


CONTROL_PICTURES = ControlPictures()
"""The highlighter every Input editing user text is given."""


class LiteralTextArea(TextArea):
    """A TextArea that draws each control character of its text as a visible character,
    one for one (the document keeps the text as it is: validation says what to fix)."""

    def get_line(self, line_index: int) -> Text:
        return Text(pictured(self.document.get_line(line_index)), end="", no_wrap=True)
