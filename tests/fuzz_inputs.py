"""Hostile inputs for the fuzz suite (tests/fuzz/): structured mutations of the embedded corpus
and event files built from good records and bad lines.

Every strategy is plain hypothesis; the suite runs seeded (``derandomize=True``), so a failure
is reproduced by running the same test again.
"""

from __future__ import annotations

import copy
import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from hypothesis import strategies as st

from accords.corpus import default_corpus_path

#: What the fuzz tests saw, by outcome (written out by tests/fuzz/conftest.py on request).
TALLY: Counter[str] = Counter()

#: A bound on the time of one input (seconds): past it, the input counts as a hang.
TIME_BOUND = 20.0

CORPUS_ROOT = default_corpus_path()
CORPUS_FILES: dict[str, bytes] = {
    p.relative_to(CORPUS_ROOT).as_posix(): p.read_bytes()
    for p in sorted(CORPUS_ROOT.rglob("*"))
    if p.is_file()
    and not any(part.startswith((".", "__")) for part in p.relative_to(CORPUS_ROOT).parts)
}
YAML_FILES = sorted(n for n in CORPUS_FILES if n.endswith(".yaml"))
_DATA = {n: yaml.safe_load(CORPUS_FILES[n]) for n in YAML_FILES}


def _paths(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [path]
    if isinstance(data, dict):
        for key, value in data.items():
            out += _paths(value, (*path, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            out += _paths(value, (*path, i))
    return out


_PATHS = {n: _paths(d)[1:] for n, d in _DATA.items()}

_DEEP: Any = "x"
for _ in range(300):
    _DEEP = [_DEEP]

HOSTILE_VALUES: list[Any] = [
    None,
    "",
    "   ",
    "US \x1b[8mHIDDEN\x1b[0m",
    "\x1b]0;title\x07",
    "x\x00y",
    "\x9b2J",
    -1,
    0,
    10**30,
    1e308,
    float("nan"),
    float("inf"),
    True,
    [],
    {},
    _DEEP,
    "a" * 20_000,
    "ukraine-army",
    "../../../../etc/passwd",
    {"unknown_key": 1},
    "2025-13-45",
    "é✓🙂 [bold]markup[/]",
    "dam",
    "us-28-point-plan",
    "europe",
]

TEXT_INSERTS: list[bytes] = [
    b"\xe9",
    b"\xff\xfe",
    b"\x00",
    b"\t",
    b"\n  - \n",
    b": : :",
    b"&a [x]\n*a\n",
    b"!!python/object/apply:os.system ['true']",
    b"position: " + b"9" * 5001 + b"\n",
    b"bomb: &a0 [lol,lol,lol,lol,lol,lol,lol,lol,lol]\n"
    + b"".join(f"b{i}: &a{i} [{','.join([f'*a{i - 1}'] * 9)}]\n".encode() for i in range(1, 9)),
]


@dataclass
class CorpusCase:
    """A mutated copy of the embedded corpus: files by name (None: removed) and links."""

    files: dict[str, bytes | None] = field(default_factory=dict)
    links: dict[str, str] = field(default_factory=dict)
    what: list[str] = field(default_factory=list)

    def write(self, root: Path) -> Path:
        for name, content in {**CORPUS_FILES, **self.files}.items():
            if content is None:
                continue
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
        for name, target in self.links.items():
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if path.exists() or path.is_symlink():
                path.unlink()
            path.symlink_to(target)
        return root


def _set(data: Any, path: tuple[Any, ...], value: Any) -> None:
    node = data
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = value


def _delete(data: Any, path: tuple[Any, ...]) -> None:
    node = data
    for part in path[:-1]:
        node = node[part]
    del node[path[-1]]


def _get(data: Any, path: tuple[Any, ...]) -> Any:
    node = data
    for part in path:
        node = node[part]
    return node


@st.composite
def corpus_cases(draw: st.DrawFn) -> CorpusCase:
    """One to three mutations of the embedded corpus."""
    case = CorpusCase()
    data: dict[str, Any] = {}
    for _ in range(draw(st.integers(1, 3))):
        kind = draw(
            st.sampled_from(
                [
                    "value",
                    "value",
                    "value",
                    "delete",
                    "duplicate",
                    "swap",
                    "bytes",
                    "truncate",
                    "remove",
                    "link",
                    "extra",
                ]
            )
        )
        name = draw(st.sampled_from(YAML_FILES))
        if kind in ("value", "delete", "duplicate", "swap"):
            doc = data.setdefault(name, copy.deepcopy(_DATA[name]))
            paths = _PATHS[name]
            path = paths[draw(st.integers(0, len(paths) - 1))]
            try:
                if kind == "value":
                    value = draw(st.sampled_from(HOSTILE_VALUES))
                    _set(doc, path, copy.deepcopy(value))
                elif kind == "delete":
                    _delete(doc, path)
                elif kind == "duplicate":
                    parent = _get(doc, path[:-1])
                    if isinstance(parent, list):
                        parent.append(copy.deepcopy(_get(doc, path)))
                else:
                    other = paths[draw(st.integers(0, len(paths) - 1))]
                    _set(doc, path, copy.deepcopy(_get(doc, other)))
            except (KeyError, IndexError, TypeError):
                continue  # the path went away with an earlier mutation
            case.what.append(f"{kind} {name}:{'.'.join(map(str, path))}")
        elif kind == "bytes":
            base = case.files.get(name) or _dump(data.pop(name, None)) or CORPUS_FILES[name]
            at = draw(st.integers(0, len(base)))
            insert = draw(st.sampled_from(TEXT_INSERTS))
            case.files[name] = base[:at] + insert + base[at:]
            case.what.append(f"insert {insert[:20]!r} at {name}:{at}")
        elif kind == "truncate":
            base = case.files.get(name) or _dump(data.pop(name, None)) or CORPUS_FILES[name]
            at = draw(st.integers(0, len(base)))
            case.files[name] = base[:at]
            case.what.append(f"truncate {name} at {at}")
        elif kind == "remove":
            target = draw(st.sampled_from(sorted(CORPUS_FILES)))
            case.files[target] = None
            data.pop(target, None)
            case.what.append(f"remove {target}")
        elif kind == "link":
            target = draw(st.sampled_from(sorted(n for n in CORPUS_FILES if n != "corpus.yaml")))
            case.links[target] = draw(st.sampled_from(["/etc/passwd", "/dev/zero", "/nonexistent"]))
            data.pop(target, None)
            case.what.append(f"link {target}")
        else:
            extra = draw(
                st.sampled_from(
                    ["notes.yml", "agreements/x/deep.yaml", "README.yaml", "sources/binary.txt"]
                )
            )
            case.files[extra] = draw(st.sampled_from([b"id: x\n", b"\xff\xfe\x00", b""]))
            case.what.append(f"extra {extra}")
    for name, doc in data.items():
        if name not in case.files:
            case.files[name] = _dump(doc)
    return case


def _dump(doc: Any) -> bytes:
    if doc is None:
        return b""
    try:
        return yaml.safe_dump(doc, allow_unicode=True, sort_keys=False).encode()
    except (ValueError, RecursionError):  # a value YAML cannot write: keep the file as it was
        return b"{}\n"


# ----------------------------------------------------------------------------- event files

EVENT_TYPES = ["AID", "ASSAULT", "RETREAT", "PERSONNEL_REPORT", "AGREE", "COERCE", "PROTEST"]
PARTIES = ["russia", "ukraine", "us", "eu", "nato"]


@st.composite
def good_records(draw: st.DrawFn) -> dict[str, Any]:
    """A valid event (its id is set by the caller, unique in the file)."""
    record: dict[str, Any] = {
        "date": draw(
            st.dates(
                min_value=__import__("datetime").date(2000, 1, 1),
                max_value=__import__("datetime").date(2040, 12, 31),
            )
        ).isoformat(),
        "type": draw(st.sampled_from(EVENT_TYPES)),
        "actors": draw(st.lists(st.sampled_from(PARTIES), min_size=1, max_size=3, unique=True)),
    }
    if draw(st.booleans()):
        record["text"] = draw(
            st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=40)
        )
    if draw(st.booleans()):
        record["attributes"] = {"justified": draw(st.booleans())}
    if record["type"] == "PERSONNEL_REPORT":
        record["attributes"] = {"personnel": draw(st.integers(0, 10**6))}
    if draw(st.booleans()):
        record["location"] = {"name": draw(st.sampled_from(["Kyiv", "Moscow", "Zaporizhzhia"]))}
    return record


def _nested(depth: int) -> bytes:
    return b'{"id": "deep", "a": ' + b"[" * depth + b"]" * depth + b"}"


def _rec(event_id: str, extra: bytes = b"", *, head: bytes | None = None) -> bytes:
    """A record line: the fields of a good event (or ``head``) followed by ``extra``."""
    body = head or b'"date": "2026-01-01", "type": "AID", "actors": ["us"]'
    return b'{"id": "' + event_id.encode() + b'", ' + body + extra + b"}"


BAD_LINES: list[bytes] = [
    _nested(100_000),
    _nested(2_000),
    _rec("caf").replace(b'"caf"', b'"caf\xe9"'),
    b"\xff\xfe{}",
    _rec("d", b', "id": "e"'),
    _rec("n", b', "attributes": {"share": NaN}'),
    _rec("i", b', "attributes": {"amount": -Infinity}'),
    _rec("z", b', "text": "a\\u0000b"'),
    _rec("l", b', "location": {"name": "V\\u0000"}'),
    _rec("h", b', "attributes": {"n": ' + b"9" * 5000 + b"}"),
    _rec("f", b', "location": {"lat": 1e400, "lon": 0}'),
    _rec("t")[:-1],
    b"[1, 2, 3]",
    b'"just text"',
    b"null",
    _rec("u", head=b'"date": "2026-02-30", "type": "AID", "actors": ["us"]'),
    _rec("r", head=b'"date": "2026-01-01", "type": "RETRET", "actors": ["us"]'),
    _rec("k", b', "colour": 1'),
    _rec("a", head=b'"date": "2026-01-01", "type": "AID", "actors": ["atlantis"]'),
    _rec("x", head=b'"date": "2026-01-01", "type": "AID", "actors": []'),
    _rec("x" * 10_000),
]


@dataclass
class EventCase:
    """An event file: its lines, which of them are good (by id) and which bad (by line)."""

    lines: list[bytes]
    good: dict[int, str]
    bad: set[int]
    batch_size: int


@st.composite
def event_cases(draw: st.DrawFn) -> EventCase:
    """Good records and bad lines in any order, with blank lines between some of them."""
    items = draw(
        st.lists(
            st.one_of(good_records(), st.sampled_from(BAD_LINES), st.just(b"")),
            max_size=40,
        )
    )
    lines: list[bytes] = []
    good: dict[int, str] = {}
    bad: set[int] = set()
    for i, item in enumerate(items):
        number = len(lines) + 1
        if isinstance(item, dict):
            event_id = f"g{i}"
            lines.append(
                json.dumps({"id": event_id, **item}, ensure_ascii=draw(st.booleans())).encode()
            )
            good[number] = event_id
        else:
            lines.append(item)
            if item:
                bad.add(number)
    return EventCase(lines, good, bad, draw(st.integers(1, 10)))
