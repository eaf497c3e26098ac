"""Articles: reading a news article from bytes, and every check that refuses bad input.

An :class:`Article` is the text of one news article with its metadata. :func:`parse_article`
turns raw bytes into one, refusing what is not an article: an empty file, bytes that are not
UTF-8 (with the offset of the first bad byte), NUL bytes, HTML, a file over the size limit and
text that is not English. Every refusal is an :class:`~accords.exceptions.ArticleError` whose
message is one line that says what was expected.

Examples
--------
>>> import datetime
>>> a = parse_article(b"Putin said he would meet the envoy.", name="a.txt",
...                   published=datetime.date(2025, 12, 2))
>>> a.id, a.n_words
('a', 7)
>>> parse_article(b"", name="empty.txt", published=datetime.date(2025, 12, 2))
Traceback (most recent call last):
...
accords.exceptions.ArticleError: empty.txt: the file is empty; expected the plain text of an article
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from typing import Literal

from pydantic import Field

from accords.exceptions import ArticleError
from accords.model._base import Record, Slug

__all__ = [
    "DEFAULT_MAX_BYTES",
    "Article",
    "article_id",
    "parse_article",
    "parse_date_option",
    "read_article",
]

#: Largest article accepted by default (1 MB); ``--max-bytes`` changes it.
DEFAULT_MAX_BYTES = 1_000_000

ArticleKind = Literal["news-report", "commentary", "analysis", "speculative"]

_HTML = re.compile(
    rb"<\s*(?:!doctype\s+html|html|head|body|div|p|span|script|style|meta|a\s+href|br\s*/?)\b",
    re.IGNORECASE,
)
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
#: The most frequent English function words; running text has many of them.
_ENGLISH = frozenset(
    [
        "the",
        "of",
        "and",
        "to",
        "a",
        "in",
        "is",
        "that",
        "for",
        "it",
        "as",
        "was",
        "with",
        "be",
        "by",
        "on",
        "not",
        "he",
        "i",
        "this",
        "are",
        "or",
        "his",
        "from",
        "at",
        "which",
        "but",
        "have",
        "an",
        "they",
        "you",
        "were",
        "her",
        "she",
        "there",
        "been",
        "has",
        "their",
        "one",
        "we",
        "will",
        "would",
        "all",
        "its",
        "said",
        "who",
        "more",
        "if",
        "about",
        "also",
        "into",
        "than",
        "them",
        "can",
        "only",
        "other",
        "new",
        "some",
        "could",
        "these",
        "two",
        "may",
        "first",
        "any",
        "like",
        "our",
        "over",
        "such",
        "after",
        "most",
        "made",
        "before",
        "should",
        "where",
        "those",
        "just",
        "now",
        "when",
    ]
)


class Article(Record):
    """One news article: its text and what is known about it.

    Parameters
    ----------
    id : str
        Slug, from the file name (``putin-witkoff-summit``); candidate ids start with it.
    text : str
        The text, UTF-8 decoded, with ``\\n`` line ends (offsets count characters of it).
    published : date
        The article's date: the base for relative dates and the ``as_of`` of its stances.
    title, outlet, url : str or None
    kind : {"news-report", "commentary", "analysis", "speculative"}
    """

    id: Slug
    text: str = Field(min_length=1)
    published: datetime.date
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    kind: ArticleKind = "news-report"

    @property
    def n_words(self) -> int:
        """Number of words of the text."""
        return len(self.text.split())


def article_id(name: str) -> str:
    """The article id for a file name: its stem as a slug.

    >>> article_id("/tmp/Putin Witkoff_Summit (2).txt")
    'putin-witkoff-summit-2'
    """
    stem = Path(name).stem.lower()
    slug = re.sub(r"[^a-z0-9]+", "-", stem).strip("-")
    return (slug or "article")[:80]


def parse_date_option(value: str) -> datetime.date:
    """An ISO date given on the command line (``2025-12-02``).

    >>> parse_date_option("2025-12-02")
    datetime.date(2025, 12, 2)
    >>> parse_date_option("02/12/2025")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    accords.exceptions.ArticleError: --date: '02/12/2025' is not a date; expected YYYY-MM-DD ...
    """
    try:
        return datetime.date.fromisoformat(value.strip())
    except ValueError:
        raise ArticleError(
            "--date", f"{value!r} is not a date; expected YYYY-MM-DD (2025-12-02)"
        ) from None


def parse_article(
    data: bytes,
    *,
    name: str,
    published: datetime.date,
    max_bytes: int = DEFAULT_MAX_BYTES,
    title: str | None = None,
    outlet: str | None = None,
    url: str | None = None,
    kind: ArticleKind = "news-report",
    id: str | None = None,
) -> Article:
    """Check raw bytes and make them an :class:`Article`.

    Raises
    ------
    ArticleError
        Empty, over ``max_bytes``, NUL bytes, not UTF-8, HTML, or not English.
    """
    if len(data) > max_bytes:
        raise ArticleError(
            name,
            f"{len(data):,} bytes, over the limit of {max_bytes:,} (--max-bytes); "
            "expected one article of plain text",
        )
    if not data.strip():
        raise ArticleError(name, "the file is empty; expected the plain text of an article")
    nul = data.find(b"\x00")
    if nul >= 0:
        raise ArticleError(
            name, f"NUL byte at byte offset {nul}: a binary file? expected plain UTF-8 text"
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        bad = data[err.start : err.start + 1].hex()
        raise ArticleError(
            name,
            f"not UTF-8: byte 0x{bad} at byte offset {err.start} ({err.reason}); "
            "save the article as UTF-8",
        ) from None
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    match = _HTML.search(data)
    if match is not None and (data.lstrip()[:1] == b"<" or len(_HTML.findall(data)) >= 3):
        tag = match.group(0).decode("ascii", "replace")
        raise ArticleError(
            name,
            f"looks like HTML ({tag}... at byte offset {match.start()}); "
            "expected the article's plain text: save the page as text first",
        )
    if not is_english(text):
        raise ArticleError(
            name, "does not look like English text; the ingest pipeline reads English only"
        )
    return Article(
        id=id or article_id(name),
        text=text,
        published=published,
        title=title,
        outlet=outlet,
        url=url,
        kind=kind,
    )


def is_english(text: str) -> bool:
    """True when ``text`` reads as English: Latin letters and enough English function words.

    >>> is_english("The talks in Miami were productive, he said.")
    True
    >>> is_english("Переговоры в Майами были продуктивными.")
    False
    >>> is_english("Les négociations de Miami ont été productives, a-t-il dit.")
    False
    """
    words = _WORD.findall(text[:20_000])
    if not words:
        return False
    latin = sum(1 for w in words if w.isascii())
    if latin < 0.7 * len(words):
        return False
    common = sum(1 for w in words if w.lower() in _ENGLISH)
    return common >= max(1, round(0.2 * len(words)))


def read_article(
    path: str | Path,
    *,
    published: datetime.date,
    max_bytes: int = DEFAULT_MAX_BYTES,
    title: str | None = None,
    outlet: str | None = None,
    url: str | None = None,
    kind: ArticleKind = "news-report",
) -> Article:
    """Read and check the article at ``path`` (see :func:`parse_article`)."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as err:
        raise ArticleError(str(path), f"cannot read it ({err.strerror})") from None
    if size > max_bytes:
        raise ArticleError(
            str(path),
            f"{size:,} bytes, over the limit of {max_bytes:,} (--max-bytes); "
            "expected one article of plain text",
        )
    if path.is_dir():
        raise ArticleError(str(path), "is a directory; expected a text file")
    return parse_article(
        path.read_bytes(),
        name=str(path),
        published=published,
        max_bytes=max_bytes,
        title=title,
        outlet=outlet,
        url=url,
        kind=kind,
        id=article_id(path.name),
    )
