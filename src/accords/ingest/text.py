"""Paragraphs, sentences and quotations of an article, with raw character offsets.

Offsets always index the article's text as given: ``text[start:end]`` is the span.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from accords.ingest.nlp import load_pipeline

__all__ = ["Paragraph", "find_quotations", "split_paragraphs"]

_OPEN = "\u201c"
_CLOSE = "\u201d"


@dataclass(frozen=True)
class Paragraph:
    """A paragraph at ``start:end`` with its sentences as ``(start, end)`` article offsets."""

    start: int
    end: int
    sentences: tuple[tuple[int, int], ...]


def split_paragraphs(text: str) -> list[Paragraph]:
    """The non-empty lines of ``text`` as paragraphs, split into sentences by spaCy.

    >>> [p.sentences for p in split_paragraphs("He said it. She left.\\n\\nNext one.")]
    [((0, 11), (12, 21)), ((23, 32),)]
    """
    nlp = load_pipeline()
    spans = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text) if m.group(0).strip()]
    paragraphs: list[Paragraph] = []
    docs = nlp.pipe(text[s:e] for s, e in spans)
    for (start, end), doc in zip(spans, docs, strict=True):
        sentences: list[tuple[int, int]] = []
        for sent in doc.sents:
            s = start + sent.start_char
            e = start + sent.end_char
            while e > s and text[e - 1].isspace():
                e -= 1
            while s < e and text[s].isspace():
                s += 1
            if e > s:
                sentences.append((s, e))
        sentences = _reattach_opening_quotes(text, sentences)
        paragraphs.append(Paragraph(start, end, tuple(_merge_quoted(text, sentences))))
    return paragraphs


def _reattach_opening_quotes(text: str, sentences: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Give an opening quotation mark that spaCy left at a sentence's end to the next one."""
    fixed = list(sentences)
    for i in range(len(fixed) - 1):
        start, end = fixed[i]
        if end - start > 2 and text[end - 1] in '"\u201c' and text[end - 2].isspace():
            fixed[i] = (start, len(text[: end - 1].rstrip()))
            fixed[i + 1] = (end - 1, fixed[i + 1][1])
    return fixed


def _merge_quoted(text: str, sentences: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join sentences that a quotation spans (``“One. Two,” he said.`` is one sentence)."""
    merged: list[tuple[int, int]] = []
    depth = 0
    for start, end in sentences:
        if merged and depth > 0:
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
        chunk = text[start:end]
        depth += chunk.count(_OPEN) - chunk.count(_CLOSE)
        straight = chunk.count('"')
        if straight % 2:
            depth = 0 if depth > 0 else 1
        depth = max(depth, 0)
    return merged


def find_quotations(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Quotations in ``text[start:end]`` as ``(start, end)`` of their content (marks excluded).

    Typographic marks pair as opening and closing; straight ``"`` marks alternate. A paragraph
    with an odd number of marks (a quotation that runs on into the next paragraph, or a stray
    mark) keeps the quotations it can pair, and an opening mark left unclosed runs to the end
    of the paragraph.

    >>> t = 'He said \u201cwe will win.\u201d Then: \u201cand more'
    >>> [t[s:e] for s, e in find_quotations(t, 0, len(t))]
    ['we will win.', 'and more']
    >>> t = 'A "straight" one and "another'
    >>> [t[s:e] for s, e in find_quotations(t, 0, len(t))]
    ['straight', 'another']
    """
    quotes: list[tuple[int, int]] = []
    opened: int | None = None
    straight_open: int | None = None
    for i in range(start, end):
        ch = text[i]
        if ch == _OPEN:
            if opened is None:
                opened = i + 1
        elif ch == _CLOSE:
            if opened is not None:
                quotes.append((opened, i))
                opened = None
        elif ch == '"':
            if straight_open is None:
                straight_open = i + 1
            else:
                quotes.append((straight_open, i))
                straight_open = None
    for left in (opened, straight_open):
        if left is not None and end - left > 1:
            quotes.append((left, end))
    return sorted(q for q in quotes if q[1] > q[0])
