"""Terminal safety: corpus and event text never reaches the terminal as control sequences.

A corpus string such as ``"US \\x1b[8mHIDDEN\\x1b[0m"`` would hide text, clear the screen or set
the window title if printed raw. Rich strips only a few control characters from
:class:`rich.text.Text` (BEL, BS, VT, FF, CR); :class:`SafeConsole` strips every other one (the C0
controls but newline and tab, DEL and the C1 controls) from what is printed, while keeping Rich's
own styling. Every console accords prints with is a :class:`SafeConsole`
(:mod:`accords.cli.common` creates them), so every renderer is covered wherever it builds its
text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rich.console import Console, ConsoleOptions, RenderableType
from rich.segment import Segment

__all__ = ["SafeConsole", "strip_control"]

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def strip_control(text: str) -> str:
    """``text`` without control characters (newline and tab are kept).

    Examples
    --------
    >>> strip_control("US \\x1b[8mHIDDEN\\x1b[0m\\tok\\n")
    'US [8mHIDDEN[0m\\tok\\n'
    """
    return _CONTROL.sub("", text)


class SafeConsole(Console):
    """A Rich console that prints no control character from the text it renders.

    Examples
    --------
    >>> from rich.text import Text
    >>> console = SafeConsole(force_terminal=False, width=40)
    >>> with console.capture() as captured:
    ...     console.print(Text("title \\x1b]0;pwned\\x07 \\x1b[2Jplan"))
    >>> captured.get()
    'title ]0;pwned [2Jplan\\n'
    """

    def render(
        self, renderable: RenderableType, options: ConsoleOptions | None = None
    ) -> Iterable[Segment]:
        """Render as Rich does, with control characters removed from the text segments."""
        for segment in super().render(renderable, options):
            if segment.control is None and _CONTROL.search(segment.text):
                yield Segment(strip_control(segment.text), segment.style)
            else:
                yield segment
