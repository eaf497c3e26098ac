"""Hostile corpora: each is refused with file, line and a message, never a hang or a traceback."""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import pytest

from accords import CorpusError, read_corpus, validate_corpus
from accords.corpus import parse_yaml
from sample_corpus import BASE_FILES, CorpusWriter, large_agreement, write_files

AGREEMENT = "agreements/draft.yaml"


def edit(file: str, old: str, new: str) -> dict[str, str | None]:
    text = BASE_FILES[file]
    assert old in text, f"test table is stale: {old!r} not in {file}"
    return {file: text.replace(old, new, 1)}


def alias_bomb(levels: int) -> str:
    lines = ["id: river-accord", "title: River Accord", 'a0: &a0 ["lol","lol","lol","lol","lol"]']
    for i in range(1, levels + 1):
        refs = ",".join([f"*a{i - 1}"] * 9)
        lines.append(f"a{i}: &a{i} [{refs}]")
    return "\n".join(lines) + "\n"


# (id, changes, file, line, message pattern)
HOSTILE: list[tuple[str, dict[str, str | None], str, int | None, str]] = [
    (
        "alias-bomb-9-levels",
        {"corpus.yaml": alias_bomb(9)},
        "corpus.yaml",
        None,
        r"too many aliases: expanding them would add more than 100000 values",
    ),
    (
        "deep-nesting",
        {"corpus.yaml": "id: river-accord\ntitle: T\nx: " + "[" * 300 + "]" * 300 + "\n"},
        "corpus.yaml",
        3,
        r"nested more than 200 levels deep|maximum nesting depth",
    ),
    (
        "5001-digit-position",
        edit("issues.yaml", "position: 40,", "position: " + "9" * 5001 + ","),
        "issues.yaml",
        6,
        r"a number of 5001 characters is too long",
    ),
    (
        "escape-sequence-in-text",
        edit(
            AGREEMENT,
            "text: A joint commission monitors the dam.",
            'text: "US \\e[8mHIDDEN\\e[0m monitors"',
        ),
        AGREEMENT,
        20,
        r"provisions\[1\]\.text: control character U\+001B",
    ),
    (
        "osc-title-in-party-name",
        edit("parties.yaml", "name: Lowland", 'name: "Low\\e]0;pwned\\aland"'),
        "parties.yaml",
        6,
        r"parties\[1\]\.name: control character U\+001B",
    ),
    (
        "control-character-in-source-text",
        {"sources/geneva.txt": BASE_FILES["sources/geneva.txt"] + "hidden \x1b[2J\n"},
        "sources/geneva.txt",
        6,
        r"control character U\+001B in the source text",
    ),
    (
        "derived-from-itself",
        edit(AGREEMENT, "status: leaked-draft", "status: leaked-draft\nderived_from: draft"),
        AGREEMENT,
        5,
        r"agreement 'draft' names itself in derived_from",
    ),
    (
        "membership-cycle",
        edit(
            "parties.yaml",
            "kind: state\n  - id: lowland",
            "kind: state\n    members: [basin]\n  - id: lowland",
        ),
        "parties.yaml",
        12,
        r"membership forms a cycle: basin -> highland -> basin",
    ),
    (
        "blank-quote",
        edit(AGREEMENT, '"a joint commission would monitor the dam"', '"   "'),
        AGREEMENT,
        32,
        r"quote '   ' is too short to be evidence \(at least 8 characters\)",
    ),
    (
        "three-character-quote",
        edit(AGREEMENT, '"a joint commission would monitor the dam"', '"dam"'),
        AGREEMENT,
        32,
        r"quote 'dam' is too short",
    ),
]


@pytest.mark.parametrize(
    ("changes", "file", "line", "pattern"),
    [case[1:] for case in HOSTILE],
    ids=[case[0] for case in HOSTILE],
)
def test_hostile_corpus_is_a_defect(
    write_corpus: CorpusWriter,
    changes: dict[str, str | None],
    file: str,
    line: int | None,
    pattern: str,
) -> None:
    root = write_corpus(changes)
    start = time.perf_counter()
    defects = validate_corpus(root)
    assert time.perf_counter() - start < 10
    matching = [d for d in defects if d.file == file and re.search(pattern, d.message)]
    assert matching, f"no defect in {file} matches {pattern!r}; got: {[str(d) for d in defects]}"
    if line is not None:
        assert matching[0].line == line, str(matching[0])
    with pytest.raises(CorpusError):
        read_corpus(root)


def test_derived_from_cycle(write_corpus: CorpusWriter) -> None:
    other = (
        BASE_FILES[AGREEMENT]
        .replace("id: draft", "id: revision")
        .replace("status: leaked-draft", "status: leaked-draft\nderived_from: draft")
    )
    changes = {
        **edit(AGREEMENT, "status: leaked-draft", "status: leaked-draft\nderived_from: revision"),
        "agreements/revision.yaml": other,
    }
    defects = validate_corpus(write_corpus(changes))
    assert [str(d) for d in defects] == [
        "agreements/draft.yaml:5: derived_from forms a cycle: draft -> revision -> draft; "
        "an agreement derives from an earlier one"
    ]


def test_alias_bomb_is_refused_quickly() -> None:
    start = time.perf_counter()
    parsed = parse_yaml(alias_bomb(12))
    assert time.perf_counter() - start < 2
    assert parsed.data is None
    assert "too many aliases" in parsed.defects[0].message


def test_a_few_aliases_are_still_plain_yaml() -> None:
    parsed = parse_yaml("base: &b {x: 1}\ncopy: *b\nmore: [*b, *b]\n")
    assert parsed.defects == ()
    assert parsed.data == {"base": {"x": 1}, "copy": {"x": 1}, "more": [{"x": 1}, {"x": 1}]}


@pytest.mark.skipif(not Path("/etc/passwd").exists(), reason="needs /etc/passwd")
def test_link_to_a_system_file_is_named_never_read(write_corpus: CorpusWriter) -> None:
    root = write_corpus({"sources/geneva.txt": None})
    (root / "sources").mkdir()
    (root / "sources" / "geneva.txt").symlink_to("/etc/passwd")
    defects = validate_corpus(root)
    texts = [str(d) for d in defects]
    assert any(
        t.startswith("sources/geneva.txt: a link to a file outside the corpus") for t in texts
    ), texts
    assert not any("root:" in t for t in texts), texts


def test_agreement_linked_from_outside_is_refused(
    write_corpus: CorpusWriter, tmp_path: Path
) -> None:
    outside = tmp_path / "elsewhere.yaml"
    outside.write_text(BASE_FILES[AGREEMENT].replace("id: draft", "id: smuggled"))
    root = write_corpus()
    (root / "agreements" / "smuggled.yaml").symlink_to(outside)
    defects = validate_corpus(root)
    assert [d.file for d in defects] == ["agreements/smuggled.yaml"]
    assert "outside the corpus" in defects[0].message


def test_link_inside_the_corpus_is_fine(write_corpus: CorpusWriter) -> None:
    root = write_corpus()
    os.rename(root / "sources" / "geneva.txt", root / "geneva-original.txt")
    (root / "sources" / "geneva.txt").symlink_to(root / "geneva-original.txt")
    assert validate_corpus(root) == []


@pytest.mark.parametrize(
    ("content", "pattern"),
    [
        (b"caf\xe9 talks\n", r"cannot be used: not UTF-8 text \(byte 0xE9 on line 1\)"),
        (b"x" * 64, r"cannot be used: the file is too large \(64 bytes, over the limit of 32;"),
    ],
    ids=["latin-1", "too-large"],
)
def test_unusable_source_text_says_why(
    write_corpus: CorpusWriter, monkeypatch: pytest.MonkeyPatch, content: bytes, pattern: str
) -> None:
    monkeypatch.setattr("accords.corpus.read._MAX_TEXT_BYTES", 32)
    root = write_corpus({"sources/geneva.txt": None})
    (root / "sources").mkdir()
    (root / "sources" / "geneva.txt").write_bytes(content)
    defects = validate_corpus(root)
    assert any(re.search(pattern, d.message) for d in defects), [str(d) for d in defects]
    assert not any("not found" in d.message for d in defects)


def _seconds(root: Path) -> float:
    best = float("inf")
    for _ in range(2):
        start = time.perf_counter()
        validate_corpus(root)
        best = min(best, time.perf_counter() - start)
    return best


@pytest.mark.parametrize("evidence", [False, True], ids=["every-provision-a-defect", "valid"])
def test_validation_grows_linearly(tmp_path: Path, evidence: bool) -> None:
    small = write_files(
        tmp_path / "s", {"agreements/large.yaml": large_agreement(500, evidence=evidence)}
    )
    large = write_files(
        tmp_path / "l", {"agreements/large.yaml": large_agreement(2000, evidence=evidence)}
    )
    ratio = _seconds(large) / _seconds(small)
    assert ratio < 8, f"4x the provisions took {ratio:.1f}x the time (quadratic would be 16x)"


def test_many_defects_are_capped_in_the_message(tmp_path: Path) -> None:
    root = write_files(
        tmp_path / "c", {"agreements/large.yaml": large_agreement(300, evidence=False)}
    )
    with pytest.raises(CorpusError) as info:
        read_corpus(root)
    assert len(info.value.defects) == 300
    message = str(info.value)
    assert message.count("\n") == 101
    assert message.endswith("... and 200 more defect(s)")
