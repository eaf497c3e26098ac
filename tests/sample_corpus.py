"""A small valid corpus (a fictional water-sharing negotiation) that tests mutate."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

SOURCE_TEXT = """\
River Accord talks resume in Geneva
The upstream state Highland and the downstream state Lowland met on Monday.
“We will release 40 % of the spring flow,” Highland’s minister said.
Lowland rejected any cap on its irrigation below 2,000 hectares – a red line, officials said.
Both sides agreed that a joint commission would monitor the dam.
"""

BASE_FILES: dict[str, str] = {
    "corpus.yaml": "id: river-accord\ntitle: River Accord (test corpus)\n",
    "sources.yaml": """\
sources:
  - id: geneva-report
    title: River Accord talks resume in Geneva
    published: 2024-03-04
    kind: news-report
    path: sources/geneva.txt
""",
    "parties.yaml": """\
parties:
  - id: highland
    name: Highland
    kind: state
  - id: lowland
    name: Lowland
    kind: state
  - id: basin
    name: Basin Council
    kind: group
    members: [highland, lowland]
""",
    "issues.yaml": """\
issues:
  - id: spring-flow
    title: Share of spring flow released downstream
    options:
      - {id: none, position: 0, description: no release}
      - {id: forty-percent, position: 40, description: 40 % released}
      - {id: all, position: 100, description: all released}
""",
    "stances.yaml": """\
stances:
  - party: highland
    issue: spring-flow
    ideal: forty-percent
    salience: 0.8
    evidence:
      - source: geneva-report
        quote: "We will release 40 % of the spring flow"
clout:
  - party: highland
    value: 0.6
    assumption: upstream control of the dam
""",
    "agreements/draft.yaml": """\
id: draft
title: Draft accord
proposers: [highland]
status: leaked-draft
sources: [geneva-report]
provisions:
  - label: "1"
    text: Highland releases 40 % of the spring flow.
    modality: obligation
    bearers: [highland]
    beneficiaries: [lowland]
    quantities:
      - {value: 40, unit: percent}
    settles:
      - {issue: spring-flow, option: forty-percent}
    evidence:
      - source: geneva-report
        quote: "We will release 40 % of the spring flow"
  - label: "2"
    text: A joint commission monitors the dam.
    modality: obligation
    bearers: [basin]
    triggers:
      - id: release-withheld
        description: if the release is withheld, the commission may suspend point 1
        condition:
          event: {type: COERCE, actors: [highland]}
        effects:
          - {action: suspend, provisions: ["1"]}
    evidence:
      - source: geneva-report
        quote: "a joint commission would monitor the dam"
""",
    "sources/geneva.txt": SOURCE_TEXT,
}


CorpusWriter = Callable[..., Path]


def large_agreement(n_provisions: int, *, evidence: bool = True) -> str:
    """The YAML of an agreement of the base corpus with ``n_provisions`` provisions.

    Each provision names parties, settles an issue and (with ``evidence``) quotes the source, so
    that every check of the validator runs on each; without evidence each provision is a defect.
    """
    lines = [
        "id: large",
        "title: Large accord",
        "proposers: [highland]",
        "status: leaked-draft",
        "sources: [geneva-report]",
        "provisions:",
    ]
    for i in range(1, n_provisions + 1):
        lines += [
            f'  - label: "{i}"',
            f"    text: Highland releases part {i} of the spring flow.",
            "    modality: obligation",
            "    bearers: [highland]",
            "    beneficiaries: [lowland]",
            "    settles:",
            "      - {issue: spring-flow, option: forty-percent}",
        ]
        if evidence:
            lines += [
                "    evidence:",
                "      - source: geneva-report",
                '        quote: "We will release 40 % of the spring flow"',
            ]
    return "\n".join(lines) + "\n"


def write_files(root: Path, changes: dict[str, str | None] | None = None) -> Path:
    """Write the base corpus to ``root`` with some files replaced (text) or removed (None)."""
    files = dict(BASE_FILES)
    for name, text in (changes or {}).items():
        if text is None:
            files.pop(name, None)
        else:
            files[name] = text
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    root.mkdir(parents=True, exist_ok=True)
    return root
