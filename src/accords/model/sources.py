"""Sources (articles) and evidence (verbatim quotes from them)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from accords.model._base import Date, Record, Slug

__all__ = ["Evidence", "Source", "SourceKind"]

SourceKind = Literal["news-report", "commentary", "analysis", "speculative"]


class Source(Record):
    """An article the corpus is built from.

    Parameters
    ----------
    id : str
        Identifier used by evidence.
    title : str
        Headline, or a descriptive title where the text has none.
    published : date or None
        Publication date where the text gives one.
    outlet, author, url : str or None
        Where the text says.
    kind : {"news-report", "commentary", "analysis", "speculative"}
        What sort of text it is; speculative sources are marked so in every output.
    path : str
        Path of its full text, relative to the corpus directory.
    """

    id: Slug
    title: str = Field(min_length=1)
    published: Date | None = None
    outlet: str | None = None
    author: str | None = None
    url: str | None = None
    kind: SourceKind
    path: str = Field(min_length=1)
    notes: str | None = None


class Evidence(Record):
    """A verbatim quote from a source that supports a claim.

    Loading a corpus checks that ``quote`` occurs in the source's text, normalising only white
    space and typographic quotes and dashes.

    Examples
    --------
    >>> Evidence(source="s1", quote="Ukraine will hold elections in 100 days.").source
    's1'
    """

    source: Slug
    quote: str = Field(min_length=1)
    note: str | None = None
