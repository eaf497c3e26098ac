"""Review: accepting candidates into a corpus directory and the event store, or rejecting them.

:func:`accept_candidates` writes what the candidates propose, all or nothing:

- the article becomes a source (``sources/<id>.txt`` and an entry in ``sources.yaml``);
- a stance candidate becomes a stance in ``stances.yaml`` (its draft, with the option given by
  ``option`` where the reviewer names one);
- an organisation entity becomes a party in ``parties.yaml`` (kind ``institution``), and a
  person whose party the article names becomes one of that party's representatives;
- an event candidate goes to the event store;
- statements, places and people without a party are marked accepted (they have no corpus
  record of their own).

The corpus files are replaced atomically (written beside, then renamed), the corpus is then
re-validated, and on any defect every file is restored and the defects are raised: nothing is
written. Events are stored only after the corpus validated.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from accords.corpus import default_corpus_path, validate_corpus
from accords.exceptions import (
    CorpusDefect,
    CorpusError,
    ModelSpecificationError,
    ReadOnlyCorpusError,
)
from accords.ingest.candidates import (
    Candidate,
    EntityCandidate,
    EventCandidate,
    IngestAcceptDocument,
    StanceCandidate,
)
from accords.ingest.store import load_article, load_candidates, set_status
from accords.model.stances import Stance
from accords.monitor.store import EventStore

__all__ = ["ReviewResult", "accept_candidates", "check_writable_corpus", "reject_candidates"]


@dataclass(frozen=True)
class ReviewResult:
    """What a review wrote (``to_record()`` is the ``ingest-review`` document)."""

    action: str
    candidates: tuple[str, ...]
    corpus: str | None = None
    files: tuple[str, ...] = ()
    n_stances: int = 0
    n_sources: int = 0
    n_events: int = 0
    n_parties: int = 0
    n_people: int = 0

    def to_record(self) -> dict[str, Any]:
        """The versioned ``ingest-review`` document."""
        return IngestAcceptDocument.build(
            action=self.action,
            candidates=self.candidates,
            corpus=self.corpus,
            files=self.files,
            n_stances=self.n_stances,
            n_sources=self.n_sources,
            n_events=self.n_events,
            n_parties=self.n_parties,
            n_people=self.n_people,
        )


def check_writable_corpus(path: Path) -> Path:
    """``path`` resolved, or :class:`ReadOnlyCorpusError` for the embedded corpus."""
    resolved = path.resolve()
    embedded = default_corpus_path().resolve()
    if resolved == embedded or embedded in resolved.parents:
        raise ReadOnlyCorpusError(str(path))
    return resolved


def reject_candidates(store: EventStore, ids: Sequence[str]) -> ReviewResult:
    """Mark candidates rejected (unknown ids raise before anything changes)."""
    found = load_candidates(store, ids)
    set_status(store, [c.id for c in found], "rejected")
    return ReviewResult("reject", tuple(c.id for c in found))


def _append_items(path: Path, key: str, items: list[dict[str, Any]]) -> str:
    """The file's text with ``items`` appended to its top-level list ``key`` (comments kept)."""
    text = path.read_text(encoding="utf-8") if path.exists() else f"{key}:\n"
    block = yaml.safe_dump(items, sort_keys=False, allow_unicode=True, width=100)
    block = "".join(f"  {line}\n" if line else "\n" for line in block.splitlines())
    lines = text.splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if line.startswith(f"{key}:")), None)
    if start is None:
        return text.rstrip("\n") + f"\n{key}:\n" + block
    if lines[start].strip() == f"{key}: []":
        lines[start] = f"{key}:\n"
    end = next(
        (
            i
            for i in range(start + 1, len(lines))
            if lines[i][:1].strip() and not lines[i].startswith("#")
        ),
        len(lines),
    )
    while end > start + 1 and not lines[end - 1].strip():
        end -= 1
    if end > 0 and not lines[end - 1].endswith("\n"):
        lines[end - 1] += "\n"
    return "".join([*lines[:end], block, *lines[end:]])


def _add_representative(text: str, party: str, name: str, sentence: str) -> str:
    """``parties.yaml`` with ``name`` added to the representatives of ``party``."""
    role = json.dumps(f"proposed by accords ingest: {sentence}"[:300], ensure_ascii=False)
    entry = f"{{name: {json.dumps(name, ensure_ascii=False)}, role: {role}}}"
    lines = text.splitlines(keepends=True)
    start = next(
        (
            i
            for i, line in enumerate(lines)
            if re.match(rf"^  - id:\s*{re.escape(party)}\s*$", line)
        ),
        None,
    )
    if start is None:
        return text  # validation then reports nothing new; the party is not in this file
    end = next(
        (i for i in range(start + 1, len(lines)) if re.match(r"^  - |^\S", lines[i])), len(lines)
    )
    reps = next((i for i in range(start, end) if lines[i].startswith("    representatives:")), None)
    if reps is None:
        last = end
        while last > start + 1 and not lines[last - 1].strip():
            last -= 1
        lines.insert(last, f"    representatives:\n      - {entry}\n")
        return "".join(lines)
    if lines[reps].strip() == "representatives: []":
        lines[reps] = "    representatives:\n"
    last = reps + 1
    while last < end and lines[last].startswith("      "):
        last += 1
    lines.insert(last, f"      - {entry}\n")
    return "".join(lines)


def _stance_record(candidate: StanceCandidate, option: str | None) -> dict[str, Any]:
    draft = dict(candidate.draft)
    basis = draft.pop("basis", None)
    if option is not None:
        for key in ("ideal", "red_lines", "conditional"):
            draft.pop(key, None)
        if candidate.draft.get("red_lines"):
            draft["red_lines"] = [option]
        elif candidate.draft.get("conditional"):
            draft["conditional"] = [{"option": option, "condition": candidate.quote}]
        else:
            draft["ideal"] = option
    if basis is not None and "basis" in Stance.model_fields:
        draft["basis"] = basis  # read defensively: only corpora whose Stance has ``basis``
        if basis == "inferred" and not draft.get("inference"):
            chosen = "chosen by the reviewer (--option)" if option else "named by the linker"
            draft["inference"] = (
                f"read by accords ingest (rule {candidate.rule}) from the quoted statement; "
                f"the option was {chosen}, not stated in these words"
            )
    elif basis is not None:
        draft["notes"] = f"{draft.get('notes', '')} (basis: {basis})".strip()
    return draft


def accept_candidates(
    store: EventStore,
    ids: Sequence[str],
    *,
    corpus_dir: Path,
    option: str | None = None,
) -> ReviewResult:
    """Accept candidates into ``corpus_dir`` and the event store, all or nothing.

    Raises
    ------
    ReadOnlyCorpusError
        If ``corpus_dir`` is the embedded corpus.
    UnknownCandidateError
        If an id names no stored candidate.
    CorpusError
        If the corpus would have defects; nothing is written.
    """
    root = check_writable_corpus(corpus_dir)
    if not (root / "corpus.yaml").is_file():
        raise CorpusError(
            [CorpusDefect(str(corpus_dir), None, "not a corpus directory: no corpus.yaml")]
        )
    candidates: list[Candidate] = load_candidates(store, ids)
    if option is not None and not any(isinstance(c, StanceCandidate) for c in candidates):
        raise ModelSpecificationError("--option applies to stance candidates; none was given")
    articles = sorted({c.article for c in candidates})
    sources_yaml = root / "sources.yaml"
    existing = (
        yaml.safe_load(sources_yaml.read_text(encoding="utf-8"))
        if (sources_yaml.exists())
        else None
    )
    known_sources = {s["id"] for s in (existing or {}).get("sources") or []}
    writes: dict[Path, str] = {}
    new_sources: list[dict[str, Any]] = []
    for article_id in articles:
        if article_id in known_sources:
            continue
        article = load_article(store, article_id)
        text_path = root / "sources" / f"{article.id}.txt"
        writes[text_path] = article.text
        entry: dict[str, Any] = {
            "id": article.id,
            "title": article.title or article.id.replace("-", " ").capitalize(),
            "kind": article.kind,
            "published": article.published.isoformat(),
            "path": f"sources/{article.id}.txt",
        }
        for key in ("outlet", "url"):
            value = getattr(article, key)
            if value:
                entry[key] = value
        entry["notes"] = "added by accords ingest accept"
        new_sources.append(entry)
    if new_sources:
        writes[sources_yaml] = _append_items(sources_yaml, "sources", new_sources)
    stances = [_stance_record(c, option) for c in candidates if isinstance(c, StanceCandidate)]
    if stances:
        path = root / "stances.yaml"
        writes[path] = _append_items(path, "stances", stances)
    parties = [
        {
            "id": c.proposed_id,
            "name": c.name,
            "kind": "institution",
            "notes": f"proposed by accords ingest from {c.id}: {c.sentence}",
        }
        for c in candidates
        if isinstance(c, EntityCandidate) and c.type == "organisation"
    ]
    people = [
        c
        for c in candidates
        if isinstance(c, EntityCandidate) and c.type == "person" and c.party is not None
    ]
    if parties or people:
        path = root / "parties.yaml"
        content = (
            _append_items(path, "parties", parties) if parties else path.read_text(encoding="utf-8")
        )
        for person in people:
            assert person.party is not None
            content = _add_representative(content, person.party, person.name, person.sentence)
        writes[path] = content
    _write_validated(root, writes)
    events = [c for c in candidates if isinstance(c, EventCandidate)]
    if events:
        from accords.monitor.events import Event

        store.add_events(
            [Event.model_validate(c.event) for c in events], source="accords ingest accept"
        )
    set_status(store, [c.id for c in candidates], "accepted")
    return ReviewResult(
        "accept",
        tuple(c.id for c in candidates),
        corpus=str(root),
        files=tuple(sorted(str(p.relative_to(root)) for p in writes)),
        n_stances=len(stances),
        n_sources=len(new_sources),
        n_events=len(events),
        n_parties=len(parties),
        n_people=len(people),
    )


def _write_validated(root: Path, writes: dict[Path, str]) -> None:
    """Replace the files atomically, validate the corpus, restore everything on a defect."""
    if not writes:
        return
    originals = {p: (p.read_bytes() if p.exists() else None) for p in writes}
    try:
        for path, content in writes.items():
            _atomic_write(path, content.encode("utf-8"))
        defects = validate_corpus(root)
        if defects:
            raise CorpusError(defects)
    except BaseException:
        for path, data in originals.items():
            if data is None:
                path.unlink(missing_ok=True)
            else:
                _atomic_write(path, data)
        raise


def _atomic_write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
