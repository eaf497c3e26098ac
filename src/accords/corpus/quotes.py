"""Finding verbatim quotes in source texts, forgiving only white space and typography."""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from accords.exceptions import QuoteNotFoundError

__all__ = [
    "clip_text",
    "closest_passage",
    "find_quote",
    "locate_quote",
    "normalise_text",
]

_TYPOGRAPHY = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u00a0": " ",
    }
)
_SPACE = re.compile(r"\s+")


def normalise_text(text: str) -> str:
    """Fold typographic quotes and dashes to ASCII and runs of white space to one space.

    Examples
    --------
    >>> normalise_text("“Safe  forever”\\n– Rubio")
    '"Safe forever" - Rubio'
    """
    return _SPACE.sub(" ", text.translate(_TYPOGRAPHY)).strip()


def find_quote(quote: str, text: str, *, source: str = "source") -> int:
    """Return the offset of ``quote`` in the normalised ``text``.

    Raises
    ------
    QuoteNotFoundError
        If the quote does not occur; the error carries the closest passage.

    Examples
    --------
    >>> find_quote("hold  elections", "Ukraine will hold elections in 100 days.")
    13
    """
    needle = normalise_text(quote)
    haystack = normalise_text(text)
    at = haystack.find(needle) if needle else -1
    if at < 0:
        raise QuoteNotFoundError(source, quote, closest_passage(needle, haystack))
    return at


def locate_quote(quote: str, text: str, *, source: str = "source") -> tuple[int, int]:
    r"""Return the raw character offsets ``(start, end)`` of ``quote`` in ``text``.

    The quote is matched as :func:`find_quote` matches it (typography and white space
    folded), and the offsets are those of the original text, so ``text[start:end]`` is the
    passage as written (a link can highlight it).

    Raises
    ------
    QuoteNotFoundError
        If the quote does not occur.

    Examples
    --------
    >>> text = "He said:  “hold\n elections” soon."
    >>> start, end = locate_quote('"hold elections"', text)
    >>> text[start:end]
    '“hold\n elections”'
    """
    folded: list[str] = []
    origin: list[int] = []  # origin[i]: raw offset of folded character i
    for i, char in enumerate(text):
        char = char.translate(_TYPOGRAPHY)
        if char.isspace():
            if not folded or folded[-1] == " ":
                continue
            char = " "
        folded.append(char)
        origin.append(i)
    haystack = "".join(folded)
    needle = normalise_text(quote)
    at = haystack.find(needle) if needle else -1
    if at < 0:
        raise QuoteNotFoundError(source, quote, closest_passage(needle, normalise_text(text)))
    last = at + len(needle) - 1
    return origin[at], origin[last] + 1


def closest_passage(quote: str, text: str) -> str:
    """The passage of ``text`` (as long as ``quote``) that shares the longest run with it."""
    if not quote or not text:
        return text[: len(quote)]
    matcher = SequenceMatcher(None, text, quote, autojunk=False)
    match = matcher.find_longest_match(0, len(text), 0, len(quote))
    start = max(0, match.a - match.b)
    end = min(len(text), start + len(quote))
    while start > 0 and text[start - 1] != " ":
        start -= 1
    while end < len(text) and text[end] != " ":
        end += 1
    return text[start:end].strip()


def clip_text(text: str, limit: int = 120) -> str:
    """Shorten ``text`` to ``limit`` characters, marking the cut with an ellipsis."""
    return text if len(text) <= limit else text[: limit - 3] + "..."
