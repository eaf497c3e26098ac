"""Parsing a corpus from the text of its files: structure, types, references and quotes.

:func:`parse_corpus` is pure: it takes the files' contents, not paths. :mod:`accords.corpus.read`
wraps it for directories. Every defect is collected (not only the first) and reported as
``file:line: what is wrong, what was expected, what to do``.
"""

from __future__ import annotations

import gc
import re
from collections import Counter
from collections.abc import Iterator, Mapping
from typing import Any

from pydantic import BaseModel, ValidationError

from accords.corpus.files import (
    AGREEMENTS_DIR,
    EVENTS_FILE,
    REQUIRED_FILES,
    CorpusManifest,
    IssuesFile,
    PartiesFile,
    SourcesFile,
    StancesFile,
    model_for,
)
from accords.corpus.humanise import DataPath, describe_errors, dotted, inner_model
from accords.corpus.quotes import clip_text, closest_passage, normalise_text
from accords.corpus.yaml_lines import LineMap, parse_yaml
from accords.exceptions import CorpusDefect, CorpusError
from accords.model import (
    Agreement,
    Attribution,
    Clout,
    Corpus,
    Deadline,
    Effect,
    EventPattern,
    Evidence,
    Issue,
    Party,
    Provision,
    ProvisionStateTest,
    Reservation,
    Settlement,
    Source,
    Stance,
)
from accords.model.basis import Based

__all__ = ["MIN_QUOTE_CHARS", "check_corpus", "find_control_character", "parse_corpus"]

Path = DataPath

#: The shortest evidence quote accepted (after white space is folded): a quote must say something.
MIN_QUOTE_CHARS = 8

#: Characters that a terminal interprets (C0 and C1 controls, DEL); newline and tab are text.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
#: Closest passages computed per corpus (each costs time proportional to quote x text).
_MAX_CLOSEST = 50
_MAX_CLOSEST_TEXT = 2_000_000

#: Keys every based record inherits; listed after the record's own keys in messages.
_BASIS_KEYS = frozenset(Based.model_fields)


def find_control_character(text: str, *, allow: str = "") -> int:
    """The offset of the first control character in ``text`` (-1 if none).

    Newline and tab are text; ``allow`` names other characters to accept (``"\\r"``).

    Examples
    --------
    >>> find_control_character("US \\x1b[8mHIDDEN")
    3
    >>> find_control_character("two\\nlines\\tand a tab")
    -1
    """
    for match in _CONTROL.finditer(text):
        if match.group() not in allow:
            return match.start()
    return -1


def parse_corpus(
    documents: Mapping[str, str],
    texts: Mapping[str, str],
    *,
    unreadable: Mapping[str, str] | None = None,
) -> Corpus:
    """Build a :class:`~accords.model.Corpus` from the contents of its files.

    Parameters
    ----------
    documents : mapping of str to str
        YAML text by path relative to the corpus (``"agreements/us-28.yaml"``).
    texts : mapping of str to str
        Source texts by path relative to the corpus (``"sources/bbc.txt"``).
    unreadable : mapping of str to str, optional
        Files of the corpus that could not be read, with the reason (``"not UTF-8 text"``); a
        source naming one is reported with that reason rather than as missing.

    Returns
    -------
    Corpus

    Raises
    ------
    CorpusError
        Listing every defect found, each with its file and line.

    Examples
    --------
    >>> docs = {"corpus.yaml": "id: demo\\ntitle: Demo\\n", "sources.yaml": "sources: []\\n"}
    >>> try:
    ...     parse_corpus(docs, {})
    ... except CorpusError as err:
    ...     print(*err.defects, sep="\\n")
    issues.yaml: missing file; a corpus needs corpus.yaml, sources.yaml, parties.yaml, issues.yaml
    parties.yaml: missing file; a corpus needs corpus.yaml, sources.yaml, parties.yaml, issues.yaml
    sources.yaml:1: sources: Tuple should have at least 1 item after validation, not 0; got ()
    """
    corpus, defects = _build(documents, texts, unreadable or {})
    if defects or corpus is None:
        raise CorpusError(defects)
    return corpus


def check_corpus(
    documents: Mapping[str, str],
    texts: Mapping[str, str],
    *,
    unreadable: Mapping[str, str] | None = None,
) -> list[CorpusDefect]:
    """Return every defect of a corpus (an empty list if it is sound); see :func:`parse_corpus`."""
    return _build(documents, texts, unreadable or {})[1]


def _build(
    documents: Mapping[str, str], texts: Mapping[str, str], unreadable: Mapping[str, str]
) -> tuple[Corpus | None, list[CorpusDefect]]:
    # A corpus is hundreds of thousands of small acyclic objects: the cyclic collector's full
    # passes over them made validation grow faster than linearly (reference counting frees them).
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _build_all(documents, texts, unreadable)
    finally:
        if enabled:
            gc.enable()


def _build_all(
    documents: Mapping[str, str], texts: Mapping[str, str], unreadable: Mapping[str, str]
) -> tuple[Corpus | None, list[CorpusDefect]]:
    defects: list[CorpusDefect] = []
    parsed: dict[str, tuple[BaseModel, LineMap]] = {}
    for name in REQUIRED_FILES:
        if name not in documents:
            defects.append(
                CorpusDefect(
                    name, None, f"missing file; a corpus needs {', '.join(REQUIRED_FILES)}"
                )
            )
    for name in sorted(documents):
        if name == EVENTS_FILE:
            continue  # the process' event log: accords.monitor.process_events reads it
        model = model_for(name)
        if model is None:
            defects.append(
                CorpusDefect(
                    name,
                    None,
                    "unexpected file; expected corpus.yaml, sources.yaml, parties.yaml, "
                    f"issues.yaml, stances.yaml or {AGREEMENTS_DIR}/*.yaml: rename or move it",
                )
            )
            continue
        result = _parse_file(name, documents[name], model, defects)
        if result is not None:
            parsed[name] = result
    if defects:
        return None, _sorted(defects)

    def get(name: str, kind: type[BaseModel]) -> Any:
        entry = parsed.get(name)
        return entry[0] if entry is not None and isinstance(entry[0], kind) else None

    manifest: CorpusManifest = get("corpus.yaml", CorpusManifest)
    sources: SourcesFile = get("sources.yaml", SourcesFile)
    parties: PartiesFile = get("parties.yaml", PartiesFile)
    issues: IssuesFile = get("issues.yaml", IssuesFile)
    stances: StancesFile = get("stances.yaml", StancesFile) or StancesFile()
    agreements = {n: m for n, (m, _) in parsed.items() if isinstance(m, Agreement)}
    corpus = Corpus(
        id=manifest.id,
        title=manifest.title,
        description=manifest.description,
        sources=sources.sources,
        parties=parties.parties,
        issues=issues.issues,
        agreements=tuple(agreements[n] for n in sorted(agreements)),
        stances=stances.stances,
        clout=stances.clout,
        reservations=stances.reservations,
        texts={s.id: texts[s.path] for s in sources.sources if s.path in texts},
    )
    checker = _ReferenceChecker(
        corpus,
        texts,
        {n: lm for n, (_, lm) in parsed.items()},
        unreadable,
        basis_required=manifest.basis_required,
    )
    checker.check(
        {
            "sources.yaml": sources,
            "parties.yaml": parties,
            "issues.yaml": issues,
            "stances.yaml": stances,
            **agreements,
        }
    )
    return corpus, _sorted(checker.defects)


def _sorted(defects: list[CorpusDefect]) -> list[CorpusDefect]:
    return sorted(defects, key=lambda d: (d.file, d.line or 0))


def _parse_file(
    name: str, text: str, model: type[BaseModel], defects: list[CorpusDefect]
) -> tuple[BaseModel, LineMap] | None:
    expected = ", ".join(model.model_fields)
    if not text.strip():
        defects.append(CorpusDefect(name, None, f"empty file; expected a mapping with {expected}"))
        return None
    parsed = parse_yaml(text)
    defects.extend(CorpusDefect(name, d.line, d.message) for d in parsed.defects)
    if parsed.defects:
        return None
    if not isinstance(parsed.data, dict):
        got = type(parsed.data).__name__ if parsed.data is not None else "nothing"
        defects.append(CorpusDefect(name, 1, f"expected a mapping with keys {expected}; got {got}"))
        return None
    n_before = len(defects)
    for path, value in _strings(parsed.data, ()):
        at = find_control_character(value)
        if at >= 0:
            defects.append(
                CorpusDefect(
                    name,
                    parsed.lines.line(path),
                    f"{_dotted(path)}: control character U+{ord(value[at]):04X} in the text; "
                    "remove it (terminals act on control characters; only newline and tab "
                    "are text)",
                )
            )
    try:
        result = model.model_validate(_tuples(parsed.data))
    except ValidationError as exc:
        for path, message in describe_errors(exc.errors(), root=model, data=parsed.data):
            defects.append(CorpusDefect(name, parsed.lines.line(path), message))
        return None
    return (result, parsed.lines) if len(defects) == n_before else None


def _strings(data: Any, path: Path) -> Iterator[tuple[Path, str]]:
    """Every string of plain data (keys included), with its path."""
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            if isinstance(key, str):
                yield (*path, key), key
            yield from _strings(value, (*path, str(key)))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _strings(value, (*path, i))


def _tuples(data: Any) -> Any:
    """YAML sequences as tuples, as the frozen, strict model expects."""
    if isinstance(data, dict):
        return {k: _tuples(v) for k, v in data.items()}
    if isinstance(data, list):
        return tuple(_tuples(v) for v in data)
    return data


def _dotted(path: Path) -> str:
    return dotted(path)


class _ReferenceChecker:
    """Checks every id a corpus names, and every quote, with the line of the reference."""

    def __init__(
        self,
        corpus: Corpus,
        texts: Mapping[str, str],
        lines: dict[str, LineMap],
        unreadable: Mapping[str, str],
        *,
        basis_required: bool = False,
    ):
        self.corpus = corpus
        self.unreadable = unreadable
        self.n_closest = 0
        self.basis_required = basis_required
        self.lines = lines
        self.defects: list[CorpusDefect] = []
        self.parties = {p.id for p in corpus.parties}
        self.issues = {i.id: i for i in corpus.issues}
        self.sources = {s.id: s for s in corpus.sources}
        self.agreements = {a.id for a in corpus.agreements}
        self.normalised = {
            s.id: normalise_text(texts[s.path]) for s in corpus.sources if s.path in texts
        }
        self.texts = texts

    def report(self, file: str, path: Path, message: str) -> None:
        line_map = self.lines.get(file)
        line = line_map.line(path) if line_map is not None else None
        self.defects.append(CorpusDefect(file, line, message))

    def check(self, files: Mapping[str, BaseModel]) -> None:
        self._duplicates(files)
        for file, root in files.items():
            agreement = root if isinstance(root, Agreement) else None
            labels = {p.label for p in agreement.provisions} if agreement else set()
            for path, item in _walk(root, ()):
                self._item(file, path, item, labels)
        self._derivation_cycles(files)
        self._membership_cycles()

    def _derivation_cycles(self, files: Mapping[str, BaseModel]) -> None:
        where = {a.id: f for f, a in files.items() if isinstance(a, Agreement)}
        parent = {a.id: a.derived_from for a in self.corpus.agreements}
        for cycle in _cycles({k: [v] if v is not None else [] for k, v in parent.items()}):
            if len(cycle) == 1:
                continue  # an agreement derived from itself is reported at the agreement
            chain = " -> ".join([*cycle, cycle[0]])
            first = min(cycle)
            self.report(
                where[first],
                ("derived_from",),
                f"derived_from forms a cycle: {chain}; an agreement derives from an earlier one",
            )

    def _membership_cycles(self) -> None:
        index = {p.id: i for i, p in enumerate(self.corpus.parties)}
        members = {p.id: [m for m in p.members if m in index] for p in self.corpus.parties}
        for cycle in _cycles(members):
            if len(cycle) == 1:
                continue  # reported as "cannot be its own member"
            chain = " -> ".join([*cycle, cycle[0]])
            first = min(cycle)
            self.report(
                "parties.yaml",
                ("parties", index[first], "members"),
                f"membership forms a cycle: {chain} (each is a member of the next); "
                "a group cannot contain itself",
            )

    def _duplicates(self, files: Mapping[str, BaseModel]) -> None:
        seen: dict[str, dict[str, str]] = {}
        for file, root in files.items():
            for path, item in _walk(root, ()):
                if not isinstance(item, Source | Party | Issue | Agreement):
                    continue
                kind = type(item).__name__.lower()
                where = f"{file}:{self.lines[file].line(path)}"
                first = seen.setdefault(kind, {}).get(item.id)
                if first is not None:
                    self.report(
                        file, (*path, "id"), f"duplicate {kind} id {item.id!r} (first at {first})"
                    )
                seen[kind].setdefault(item.id, where)
        for file, root in files.items():
            if isinstance(root, Agreement):
                counts = Counter(t.id for p in root.provisions for t in p.triggers)
                for repeated in sorted(i for i, n in counts.items() if n > 1):
                    self.report(file, (), f"duplicate trigger id {repeated!r} in the agreement")

    def _party(self, file: str, path: Path, party: str, role: str) -> None:
        if party not in self.parties:
            known = ", ".join(sorted(self.parties))
            self.report(
                file,
                path,
                f"{role} names party {party!r}, which is not in parties.yaml (known: {known}); "
                "add it there or correct the id",
            )

    def _label(self, file: str, path: Path, label: str, labels: set[str], role: str) -> None:
        if label not in labels:
            self.report(
                file,
                path,
                f"{role} names provision {label!r}, which is not in this agreement "
                f"(labels: {', '.join(sorted(labels))})",
            )

    def _option(self, file: str, path: Path, issue_id: str, option: str, role: str) -> None:
        issue = self.issues.get(issue_id)
        if issue is None:
            known = ", ".join(sorted(self.issues))
            self.report(
                file,
                path,
                f"{role} names issue {issue_id!r}, which is not in issues.yaml (known: {known})",
            )
        elif option not in {o.id for o in issue.options}:
            known = ", ".join(o.id for o in issue.options)
            self.report(
                file,
                path,
                f"{role} names option {option!r}, which issue {issue_id!r} does not have "
                f"(options: {known})",
            )

    def _item(self, file: str, path: Path, item: BaseModel, labels: set[str]) -> None:
        if self.basis_required and isinstance(item, Stance | Provision):
            missing = item.missing_basis()
            if missing:
                self.report(
                    file,
                    path,
                    f"no basis for {', '.join(missing)}; corpus.yaml sets basis_required: give "
                    "basis: quoted, inferred or assumption (basis_fields for fields that differ)",
                )
        if isinstance(item, Evidence):
            self._evidence(file, path, item)
        elif isinstance(item, Source):
            if item.path in self.unreadable:
                self.report(
                    file,
                    (*path, "path"),
                    f"source text {item.path!r} cannot be used: {self.unreadable[item.path]}",
                )
            elif item.path in self.texts:
                self._text(item.path, self.texts[item.path])
            else:
                self.report(
                    file,
                    (*path, "path"),
                    f"source text {item.path!r} not found in the corpus directory; "
                    "give the path of the text file relative to the corpus",
                )
        elif isinstance(item, Party):
            for i, member in enumerate(item.members):
                self._party(file, (*path, "members", i), member, f"party {item.id!r} member")
                if member == item.id:
                    self.report(file, (*path, "members", i), "a party cannot be its own member")
        elif isinstance(item, Agreement):
            for i, party in enumerate(item.proposers):
                self._party(file, (*path, "proposers", i), party, "proposer")
            for i, source in enumerate(item.sources):
                if source not in self.sources:
                    self.report(
                        file,
                        (*path, "sources", i),
                        f"agreement names source {source!r}, which is not in sources.yaml",
                    )
            if item.derived_from == item.id:
                self.report(
                    file,
                    (*path, "derived_from"),
                    f"agreement {item.id!r} names itself in derived_from; name the agreement "
                    "it was derived from, or drop the key",
                )
            elif item.derived_from is not None and item.derived_from not in self.agreements:
                self.report(
                    file,
                    (*path, "derived_from"),
                    f"derived_from names agreement {item.derived_from!r}, which is not in "
                    f"{AGREEMENTS_DIR}/ (known: {', '.join(sorted(self.agreements))})",
                )
        elif isinstance(item, Provision):
            for role in ("bearers", "beneficiaries"):
                for i, party in enumerate(getattr(item, role)):
                    self._party(file, (*path, role, i), party, f"provision {item.label!r} {role}")
        elif isinstance(item, Attribution):
            for i, party in enumerate(item.parties):
                self._party(file, (*path, "parties", i), party, f"attribution ({item.role})")
        elif isinstance(item, Settlement):
            self._option(file, path, item.issue, item.option, "settlement")
        elif isinstance(item, EventPattern):
            for role in ("actors", "recipients"):
                for i, party in enumerate(getattr(item, role)):
                    self._party(file, (*path, role, i), party, f"event pattern {role}")
        elif isinstance(item, ProvisionStateTest):
            self._label(file, (*path, "label"), item.label, labels, "condition")
        elif isinstance(item, Effect):
            for i, label in enumerate(item.provisions):
                self._label(file, (*path, "provisions", i), label, labels, "trigger effect")
        elif isinstance(item, Deadline) and item.provision is not None:
            self._label(file, (*path, "provision"), item.provision, labels, "deadline")
        elif isinstance(item, Stance):
            self._stance(file, path, item)
        elif isinstance(item, Clout | Reservation):
            self._party(file, (*path, "party"), item.party, type(item).__name__.lower())

    def _stance(self, file: str, path: Path, stance: Stance) -> None:
        self._party(file, (*path, "party"), stance.party, "stance")
        if stance.issue not in self.issues:
            known = ", ".join(sorted(self.issues))
            self.report(
                file,
                (*path, "issue"),
                f"stance names issue {stance.issue!r}, which is not in issues.yaml "
                f"(known: {known})",
            )
            return
        if stance.ideal is not None:
            self._option(file, (*path, "ideal"), stance.issue, stance.ideal, "stance ideal")
        for key in ("red_lines", "acceptable"):
            for i, option in enumerate(getattr(stance, key)):
                self._option(file, (*path, key, i), stance.issue, option, f"stance {key}")
        for i, cond in enumerate(stance.conditional):
            self._option(
                file, (*path, "conditional", i), stance.issue, cond.option, "stance conditional"
            )

    def _evidence(self, file: str, path: Path, evidence: Evidence) -> None:
        if evidence.source not in self.sources:
            known = ", ".join(sorted(self.sources))
            self.report(
                file,
                (*path, "source"),
                f"evidence names source {evidence.source!r}, which is not in sources.yaml "
                f"(known: {known})",
            )
            return
        quote = normalise_text(evidence.quote)
        if len(quote) < MIN_QUOTE_CHARS:
            self.report(
                file,
                (*path, "quote"),
                f"quote {evidence.quote!r} is too short to be evidence (at least "
                f"{MIN_QUOTE_CHARS} characters); quote the words that make the point",
            )
            return
        text = self.normalised.get(evidence.source)
        if text is None:
            return  # the missing text is reported once, at the source
        if quote not in text:
            self.n_closest += 1
            if (
                self.n_closest <= _MAX_CLOSEST
                and len(quote) <= 5_000
                and len(text) <= _MAX_CLOSEST_TEXT
            ):
                hint = f"closest passage: {clip_text(closest_passage(quote, text))!r}; "
            else:
                hint = ""
            self.report(
                file,
                (*path, "quote"),
                f"quote not found in source {evidence.source!r}: {clip_text(evidence.quote)!r}; "
                f"{hint}copy the quote verbatim from the source",
            )

    def _text(self, name: str, text: str) -> None:
        at = find_control_character(text, allow="\r\f")
        if at >= 0:
            line = text.count("\n", 0, at) + 1
            self.defects.append(
                CorpusDefect(
                    name,
                    line,
                    f"control character U+{ord(text[at]):04X} in the source text; remove it "
                    "(terminals act on control characters)",
                )
            )


def _walk(obj: Any, path: Path) -> Iterator[tuple[Path, BaseModel]]:
    """Every record nested in ``obj`` (itself included), with its path."""
    if isinstance(obj, BaseModel):
        yield path, obj
        for name in _record_fields(type(obj)):
            yield from _walk(getattr(obj, name), (*path, name))
    elif isinstance(obj, tuple):
        for i, item in enumerate(obj):
            yield from _walk(item, (*path, i))


_RECORD_FIELDS: dict[type[BaseModel], tuple[str, ...]] = {}


def _record_fields(model: type[BaseModel]) -> tuple[str, ...]:
    """The fields of ``model`` that can hold records (text and number fields are skipped)."""
    fields = _RECORD_FIELDS.get(model)
    if fields is None:
        fields = tuple(
            name
            for name, info in model.model_fields.items()
            if inner_model(info.annotation) is not None
        )
        _RECORD_FIELDS[model] = fields
    return fields


def _cycles(graph: Mapping[str, list[str]]) -> list[list[str]]:
    """Every cycle of a directed graph, once each, as its nodes in order (iterative DFS).

    A node that lies on a cycle is part of exactly one reported cycle: the first found.
    """
    state: dict[str, int] = {}  # 1 on the current path, 2 done
    found: list[list[str]] = []
    for start in sorted(graph):
        if state.get(start):
            continue
        stack: list[tuple[str, Iterator[str]]] = [(start, iter(graph.get(start, ())))]
        path = [start]
        state[start] = 1
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                stack.pop()
                path.pop()
                state[node] = 2
            elif state.get(child) == 1:
                found.append(path[path.index(child) :])
            elif not state.get(child) and child in graph:
                state[child] = 1
                path.append(child)
                stack.append((child, iter(graph[child])))
    return found
