"""accords schema: descriptions are prose, not raw numpydoc."""

from __future__ import annotations

import json

from accords.corpus import corpus_schema


def descriptions(node: object) -> list[str]:
    if isinstance(node, dict):
        found = [node["description"]] if isinstance(node.get("description"), str) else []
        return found + [d for v in node.values() for d in descriptions(v)]
    if isinstance(node, list):
        return [d for v in node for d in descriptions(v)]
    return []


def test_descriptions_are_prose() -> None:
    texts = descriptions(corpus_schema())
    assert len(texts) > 20
    for text in texts:
        assert ">>>" not in text
        assert "----" not in text
        assert "``" not in text
    source = corpus_schema("sources.yaml")
    assert "Identifier used by evidence" in json.dumps(source)
