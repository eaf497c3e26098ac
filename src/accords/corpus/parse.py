"""Parsing a corpus from the text of its files: structure, types, references and quotes.

:func:`parse_corpus` is pure: it takes the files' contents, not paths. :mod:`accords.corpus.read`
wraps it for directories. Every defect is collected (not only the first) and reported as
``file:line: what is wrong, what was expected, what to do``.
"""

from __future__ import annotations

import re
import types
import typing
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

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
from accords.model.vocabulary import VOCABULARY_NOUNS

__all__ = ["check_corpus", "parse_corpus"]

Path = tuple[str | int, ...]

#: Keys every based record inherits; listed after the record's own keys in messages.
_BASIS_KEYS = frozenset(Based.model_fields)


def parse_corpus(documents: Mapping[str, str], texts: Mapping[str, str]) -> Corpus:
    """Build a :class:`~accords.model.Corpus` from the contents of its files.

    Parameters
    ----------
    documents : mapping of str to str
        YAML text by path relative to the corpus (``"agreements/us-28.yaml"``).
    texts : mapping of str to str
        Source texts by path relative to the corpus (``"sources/bbc.txt"``).

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
    corpus, defects = _build(documents, texts)
    if defects or corpus is None:
        raise CorpusError(defects)
    return corpus


def check_corpus(documents: Mapping[str, str], texts: Mapping[str, str]) -> list[CorpusDefect]:
    """Return every defect of a corpus (an empty list if it is sound)."""
    return _build(documents, texts)[1]


def _build(
    documents: Mapping[str, str], texts: Mapping[str, str]
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
    try:
        return model.model_validate(_tuples(parsed.data)), parsed.lines
    except ValidationError as exc:
        errors = exc.errors()
        for error in errors:
            if _is_consequence(error, errors):
                continue
            path = _data_path(parsed.data, error["loc"])
            defects.append(
                CorpusDefect(name, parsed.lines.line(path), _describe(error, path, model))
            )
        return None


def _is_consequence(error: ErrorDetails, errors: list[ErrorDetails]) -> bool:
    """True for an error on a container that only reflects an error inside it."""
    loc = tuple(error["loc"])
    return any(len(o["loc"]) > len(loc) and tuple(o["loc"][: len(loc)]) == loc for o in errors)


def _tuples(data: Any) -> Any:
    """YAML sequences as tuples, as the frozen, strict model expects."""
    if isinstance(data, dict):
        return {k: _tuples(v) for k, v in data.items()}
    if isinstance(data, list):
        return tuple(_tuples(v) for v in data)
    return data


def _data_path(data: Any, loc: Sequence[str | int]) -> Path:
    """The path of an error in the data, dropping pydantic's union-member tags."""
    path: list[str | int] = []
    node = data
    for i, part in enumerate(loc):
        if _has(node, part):
            node = node[part]
            path.append(part)
        elif i == len(loc) - 1 and isinstance(part, str) and not _is_tag(part):
            path.append(part)
    return tuple(path)


def _has(node: Any, part: str | int) -> bool:
    if isinstance(node, dict):
        return part in node
    return isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)


def _is_tag(part: str) -> bool:
    return "[" in part or part in {"str", "int", "float", "bool", "tuple", "none"}


def _dotted(path: Path) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out or "(top level)"


def _describe(error: ErrorDetails, path: Path, root: type[BaseModel]) -> str:
    kind = error["type"]
    where = _dotted(path)
    if kind == "extra_forbidden":
        parent = _model_at(root, path[:-1])
        allowed = (
            ", ".join(sorted(parent.model_fields, key=lambda n: n in _BASIS_KEYS))
            if parent is not None
            else "see `accords schema`"
        )
        return f"unknown key {path[-1]!r} in {_dotted(path[:-1])}; allowed keys: {allowed}"
    if kind == "missing":
        return f"{where}: required key is missing; add it (see `accords schema`)"
    if kind == "literal_error":
        message = describe_vocabulary_error(error)
        if message is not None:
            return message
    got = error.get("input")
    shown = repr(got) if not isinstance(got, dict | list) else type(got).__name__
    if len(shown) > 80:
        shown = shown[:77] + "..."
    message = error["msg"].replace("Value error, ", "")
    if kind == "value_error" and isinstance(got, dict):
        return f"{where}: {message}"  # a check of the whole record: its message says what
    return f"{where}: {message}; got {shown}"


def describe_vocabulary_error(error: ErrorDetails) -> str | None:
    """``unknown event type 'RETRET' (expected one of AGREE, ...)`` for a word outside one of
    the model's closed vocabularies (:mod:`accords.model.vocabulary`); None for other errors.

    Examples
    --------
    >>> from pydantic import ValidationError
    >>> from accords.model import EventPattern
    >>> try:
    ...     EventPattern(type="RETRET")
    ... except ValidationError as err:
    ...     print(describe_vocabulary_error(err.errors()[0])[:60])
    unknown event type 'RETRET' (expected one of AGREE, CONSULT,
    """
    if error["type"] != "literal_error":
        return None
    words = tuple(re.findall(r"'([^']*)'", str(error.get("ctx", {}).get("expected", ""))))
    noun = VOCABULARY_NOUNS.get(words)
    if noun is None:
        return None
    return f"unknown {noun} {error.get('input')!r} (expected one of {', '.join(words)})"


def _model_at(root: type[BaseModel], path: Path) -> type[BaseModel] | None:
    model: type[BaseModel] | None = root
    for part in path:
        if model is None:
            return None
        if isinstance(part, int):
            continue
        field = model.model_fields.get(part)
        model = _inner_model(field.annotation) if field is not None else None
    return model


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin in (tuple, list, typing.Union, types.UnionType, typing.Annotated):
        for arg in typing.get_args(annotation):
            found = _inner_model(arg)
            if found is not None:
                return found
    return None


class _ReferenceChecker:
    """Checks every id a corpus names, and every quote, with the line of the reference."""

    def __init__(
        self,
        corpus: Corpus,
        texts: Mapping[str, str],
        lines: dict[str, LineMap],
        *,
        basis_required: bool = False,
    ):
        self.corpus = corpus
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
                ids = [t.id for p in root.provisions for t in p.triggers]
                for repeated in sorted({i for i in ids if ids.count(i) > 1}):
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
            if item.path not in self.texts:
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
            if item.derived_from is not None and item.derived_from not in self.agreements:
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
        text = self.normalised.get(evidence.source)
        if text is None:
            return  # the missing text is reported once, at the source
        quote = normalise_text(evidence.quote)
        if quote not in text:
            closest = closest_passage(quote, text)
            self.report(
                file,
                (*path, "quote"),
                f"quote not found in source {evidence.source!r}: {clip_text(evidence.quote)!r}; "
                f"closest passage: {clip_text(closest)!r}; copy the quote verbatim from the source",
            )


def _walk(obj: Any, path: Path) -> Iterator[tuple[Path, BaseModel]]:
    """Every record nested in ``obj`` (itself included), with its path."""
    if isinstance(obj, BaseModel):
        yield path, obj
        for name in type(obj).model_fields:
            yield from _walk(getattr(obj, name), (*path, name))
    elif isinstance(obj, tuple):
        for i, item in enumerate(obj):
            yield from _walk(item, (*path, i))
