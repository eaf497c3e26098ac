"""Reading articles: every bad input is refused with one line that says what was expected."""

from __future__ import annotations

import datetime

import pytest

from accords.exceptions import ArticleError
from accords.ingest import article_id, parse_article, parse_date_option

DAY = datetime.date(2025, 12, 2)
ENGLISH = b"Putin said on Tuesday that the talks with the envoy were useful and would go on."

BAD = [
    ("empty", b"", "the file is empty"),
    ("blank", b"  \n\t\n", "the file is empty"),
    ("not-utf8", b"Putin said \xff\xfe that it is so.", r"not UTF-8: byte 0xff at byte offset 11"),
    ("nul", b"Putin said\x00 it.", "NUL byte at byte offset 10"),
    ("html", b"<!DOCTYPE html><html><body><p>Putin said.</p></body></html>", "looks like HTML"),
    ("too-big", ENGLISH * 40, r"over the limit of 1,000 \(--max-bytes\)"),
    ("russian", "Путин заявил, что переговоры были полезными.".encode(), "not look like English"),
    ("german", b"Die Gespraeche in Miami waren laut dem Kreml sehr nuetzlich und gut.", "English"),
]


@pytest.mark.parametrize(("data", "message"), [b[1:] for b in BAD], ids=[b[0] for b in BAD])
def test_bad_article_is_refused(data: bytes, message: str) -> None:
    with pytest.raises(ArticleError, match=message) as info:
        parse_article(data, name="in.txt", published=DAY, max_bytes=1_000)
    assert "\n" not in str(info.value)
    assert str(info.value).startswith("in.txt: ")


def test_good_article_keeps_its_text_with_unix_line_ends() -> None:
    article = parse_article(b"\xef\xbb\xbf" + ENGLISH + b"\r\nMore.", name="A b.txt", published=DAY)
    assert article.id == "a-b"
    assert article.text == ENGLISH.decode() + "\nMore."
    assert article.published == DAY


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("2025-12-02", True),
        (" 2025-12-02 ", True),
        ("2025-13-01", False),
        ("yesterday", False),
        ("", False),
    ],
)
def test_date_option(value: str, ok: bool) -> None:
    if ok:
        assert parse_date_option(value) == DAY
    else:
        with pytest.raises(ArticleError, match="expected YYYY-MM-DD"):
            parse_date_option(value)


@pytest.mark.parametrize(
    ("name", "expected"),
    [("x/Witkoff Flies!.txt", "witkoff-flies"), ("___.txt", "article"), ("A.B.txt", "a-b")],
)
def test_article_id(name: str, expected: str) -> None:
    assert article_id(name) == expected
