"""Every class of corpus defect is rejected with file, line and a message saying what to do."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from accords import CorpusError, read_corpus, validate_corpus
from sample_corpus import BASE_FILES, CorpusWriter


def edit(file: str, old: str, new: str) -> dict[str, str | None]:
    text = BASE_FILES[file]
    assert old in text, f"test table is stale: {old!r} not in {file}"
    return {file: text.replace(old, new, 1)}


AGREEMENT = "agreements/draft.yaml"

# (id, changes, file, line, message pattern)
DEFECTS: list[tuple[str, dict[str, str | None], str, int | None, str]] = [
    (
        "duplicate-party-id",
        edit("parties.yaml", "id: lowland", "id: highland"),
        "parties.yaml",
        5,
        r"duplicate party id 'highland' \(first at parties.yaml:2\)",
    ),
    (
        "dangling-bearer",
        edit(AGREEMENT, "bearers: [highland]", "bearers: [ghost]"),
        AGREEMENT,
        10,
        r"names party 'ghost', which is not in parties.yaml \(known: basin, highland, lowland\)",
    ),
    (
        "dangling-member",
        edit("parties.yaml", "members: [highland, lowland]", "members: [highland, atlantis]"),
        "parties.yaml",
        11,
        r"member names party 'atlantis'",
    ),
    (
        "unknown-issue",
        edit(AGREEMENT, "{issue: spring-flow, option", "{issue: autumn-flow, option"),
        AGREEMENT,
        15,
        r"names issue 'autumn-flow', which is not in issues.yaml",
    ),
    (
        "unknown-option",
        edit(AGREEMENT, "option: forty-percent}", "option: fifty-percent}"),
        AGREEMENT,
        15,
        r"names option 'fifty-percent', which issue 'spring-flow' does not have "
        r"\(options: none, forty-percent, all\)",
    ),
    (
        "unknown-source",
        edit(AGREEMENT, "sources: [geneva-report]", "sources: [times]"),
        AGREEMENT,
        5,
        r"names source 'times', which is not in sources.yaml",
    ),
    (
        "unknown-evidence-source",
        edit("stances.yaml", "      - source: geneva-report", "      - source: times"),
        "stances.yaml",
        7,
        r"evidence names source 'times'",
    ),
    (
        "unknown-provision-in-trigger",
        edit(AGREEMENT, 'provisions: ["1"]', 'provisions: ["9"]'),
        AGREEMENT,
        29,
        r"trigger effect names provision '9', which is not in this agreement \(labels: 1, 2\)",
    ),
    (
        "unknown-derived-from",
        edit(AGREEMENT, "status: leaked-draft", "status: revision\nderived_from: first-draft"),
        AGREEMENT,
        5,
        r"derived_from names agreement 'first-draft'",
    ),
    (
        "quote-not-in-source",
        edit(
            AGREEMENT,
            '"a joint commission would monitor the dam"',
            '"a joint body would watch the dam"',
        ),
        AGREEMENT,
        32,
        r"quote not found in source 'geneva-report'.*closest passage: 'a joint commission would",
    ),
    (
        "salience-out-of-range",
        edit("stances.yaml", "salience: 0.8", "salience: 1.8"),
        "stances.yaml",
        5,
        r"stances\[0\].salience: Input should be less than or equal to 1; got 1.8",
    ),
    (
        "position-out-of-range",
        edit("issues.yaml", "position: 100", "position: 140"),
        "issues.yaml",
        7,
        r"less than or equal to 100",
    ),
    (
        "wrong-type",
        edit("stances.yaml", "salience: 0.8", "salience: high"),
        "stances.yaml",
        5,
        r"salience: Input should be a valid number.*; got 'high'",
    ),
    (
        "wrong-type-list",
        edit(AGREEMENT, "bearers: [highland]", "bearers: highland"),
        AGREEMENT,
        10,
        r"provisions\[0\].bearers: Input should be a valid tuple",
    ),
    (
        "unknown-key",
        edit(
            AGREEMENT,
            "    modality: obligation\n    bearers: [highland]",
            "    modality: obligation\n    bearer: [highland]",
        ),
        AGREEMENT,
        10,
        r"unknown key 'bearer' in provisions\[0\]; allowed keys: label, text, modality, bearers",
    ),
    (
        "bad-enum",
        edit(AGREEMENT, "modality: obligation", "modality: promise"),
        AGREEMENT,
        9,
        r"modality: Input should be 'obligation', 'prohibition', 'permission', 'power' or "
        r"'declaration'; got 'promise'",
    ),
    (
        "missing-key",
        edit(AGREEMENT, "    text: Highland releases 40 % of the spring flow.\n", ""),
        AGREEMENT,
        7,
        r"provisions\[0\].text: required key is missing",
    ),
    (
        "malformed-yaml",
        edit("parties.yaml", "    name: Lowland", "    name: [Lowland"),
        "parties.yaml",
        7,
        r"malformed YAML",
    ),
    (
        "duplicate-yaml-key",
        edit("parties.yaml", "    name: Lowland", "    name: Lowland\n    name: Low"),
        "parties.yaml",
        7,
        r"duplicate key 'name' \(first on line 6\)",
    ),
    (
        "python-tag-not-executed",
        edit(
            "corpus.yaml",
            "title: River",
            "title: !!python/object/apply:os.system ['true']\nx: River",
        ),
        "corpus.yaml",
        2,
        r"unsupported YAML",
    ),
    ("empty-file", {"issues.yaml": "  \n"}, "issues.yaml", None, r"empty file; expected a mapping"),
    (
        "top-level-list",
        {"issues.yaml": "- id: a\n"},
        "issues.yaml",
        1,
        r"expected a mapping with keys issues; got list",
    ),
    ("missing-file", {"parties.yaml": None}, "parties.yaml", None, r"missing file"),
    (
        "unexpected-file",
        {"positions.yaml": "stances: []\n"},
        "positions.yaml",
        None,
        r"unexpected file",
    ),
    (
        "source-text-missing",
        {"sources/geneva.txt": None},
        "sources.yaml",
        6,
        r"source text 'sources/geneva.txt' not found",
    ),
    (
        "stance-without-evidence",
        edit(
            "stances.yaml",
            """    evidence:
      - source: geneva-report
        quote: "We will release 40 % of the spring flow"
""",
            "",
        ),
        "stances.yaml",
        2,
        r"needs evidence \(a quote\) or an explicit assumption",
    ),
    (
        "options-out-of-order",
        edit("issues.yaml", "position: 40", "position: 0"),
        "issues.yaml",
        2,
        r"options must be listed in strictly increasing position; got \[0.0, 0.0, 100.0\]",
    ),
    (
        "duplicate-label",
        edit(AGREEMENT, 'label: "2"', 'label: "1"'),
        AGREEMENT,
        1,
        r"provision labels must be unique in an agreement; repeated: \['1'\]",
    ),
    (
        "bad-date",
        edit("sources.yaml", "published: 2024-03-04", "published: 2024-13-45"),
        "sources.yaml",
        4,
        r"published: Input should be a valid date",
    ),
]


@pytest.mark.parametrize(
    ("changes", "file", "line", "pattern"),
    [case[1:] for case in DEFECTS],
    ids=[case[0] for case in DEFECTS],
)
def test_defect_is_reported_with_file_and_line(
    write_corpus: CorpusWriter,
    changes: dict[str, str | None],
    file: str,
    line: int | None,
    pattern: str,
) -> None:
    root = write_corpus(changes)
    defects = validate_corpus(root)
    matching = [d for d in defects if d.file == file and re.search(pattern, d.message)]
    assert matching, f"no defect in {file} matches {pattern!r}; got: {[str(d) for d in defects]}"
    assert matching[0].line == line, str(matching[0])
    with pytest.raises(CorpusError) as info:
        read_corpus(root)
    assert any(re.search(pattern, d.message) for d in info.value.defects)


def test_base_corpus_is_valid(write_corpus: CorpusWriter) -> None:
    root = write_corpus()
    assert validate_corpus(root) == []
    corpus = read_corpus(root)
    assert corpus.agreement("draft").provision("2").triggers[0].effects[0].provisions == ("1",)


def test_all_defects_are_collected_not_only_the_first(write_corpus: CorpusWriter) -> None:
    changes = {
        **edit("stances.yaml", "salience: 0.8", "salience: high"),
        **edit("parties.yaml", "kind: state\n  - id: lowland", "kind: empire\n  - id: lowland"),
    }
    defects = validate_corpus(write_corpus(changes))
    assert {d.file for d in defects} == {"stances.yaml", "parties.yaml"}


@pytest.mark.parametrize(
    ("make", "pattern"),
    [
        (lambda p: p / "absent", r"no such directory"),
        (lambda p: (p / "file.txt").write_text("x") and p / "file.txt", r"not a directory"),
        (lambda p: p, r"not a corpus: no corpus.yaml"),
    ],
    ids=["absent", "a-file", "no-manifest"],
)
def test_not_a_corpus(tmp_path: Path, make: object, pattern: str) -> None:
    path = make(tmp_path)  # type: ignore[operator]
    with pytest.raises(CorpusError, match=pattern):
        read_corpus(path)


def test_typographic_quotes_and_whitespace_are_normalised(write_corpus: CorpusWriter) -> None:
    # The source writes “…” and ’ and an en dash; the quote uses ASCII and extra spaces.
    changes = edit(
        AGREEMENT,
        '"a joint commission would monitor the dam"',
        "'Lowland rejected any cap on its irrigation below 2,000 hectares -   a red line'",
    )
    assert validate_corpus(write_corpus(changes)) == []


def test_corpus_errors_render_one_line_per_defect(write_corpus: CorpusWriter) -> None:
    root = write_corpus(edit("stances.yaml", "salience: 0.8", "salience: 2"))
    with pytest.raises(CorpusError) as info:
        read_corpus(root)
    assert str(info.value).splitlines()[1].startswith("stances.yaml:5: ")
