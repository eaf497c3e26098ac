"""Safe YAML parsing that remembers the line of every key and item.

Only the safe subset of YAML is accepted (no tags that build Python objects): nothing in a corpus
is ever executed. Each mapping key and sequence item is recorded by its path, so that a defect
found later (by the model or by a reference check) can be reported as ``file:line``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import yaml

__all__ = ["LineMap", "ParsedYaml", "YamlDefect", "parse_yaml"]

Path = tuple[str | int, ...]


@dataclass(frozen=True)
class YamlDefect:
    """A defect found while parsing: its 1-based line (or None) and what is wrong."""

    line: int | None
    message: str


@dataclass
class LineMap:
    """Lines of the values and keys of a YAML document, by path (``("provisions", 3, "label")``)."""

    lines: dict[Path, int] = field(default_factory=dict)

    def line(self, path: Sequence[str | int]) -> int | None:
        """The line of the deepest known prefix of ``path`` (the document start if none)."""
        key = tuple(path)
        while key:
            if key in self.lines:
                return self.lines[key]
            key = key[:-1]
        return self.lines.get((), None)


@dataclass(frozen=True)
class ParsedYaml:
    """The plain data of a YAML document, its line map and any defects found."""

    data: Any
    lines: LineMap
    defects: tuple[YamlDefect, ...]


def parse_yaml(text: str) -> ParsedYaml:
    """Parse one YAML document safely, keeping line numbers.

    Duplicate keys are reported as defects (the later value is kept so that checking can go on).

    Examples
    --------
    >>> parsed = parse_yaml("id: a\\nitems:\\n  - x\\n  - y\\n")
    >>> parsed.data
    {'id': 'a', 'items': ['x', 'y']}
    >>> parsed.lines.line(("items", 1))
    4
    >>> parse_yaml("a: 1\\na: 2\\n").defects[0].message
    "duplicate key 'a' (first on line 1); keep one of them"
    """
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = exc.problem or "malformed YAML"
        context = f" {exc.context}" if exc.context else ""
        return ParsedYaml(
            None,
            LineMap(),
            (YamlDefect(line, f"malformed YAML: {problem}{context}; fix the syntax"),),
        )
    except yaml.YAMLError as exc:
        return ParsedYaml(None, LineMap(), (YamlDefect(None, f"malformed YAML: {exc}"),))
    finally:
        loader.dispose()
    if node is None:
        return ParsedYaml(None, LineMap(), ())
    builder = _Builder(loader)
    try:
        data = builder.build(node, ())
    except yaml.constructor.ConstructorError as exc:
        mark = exc.problem_mark
        line = mark.line + 1 if mark is not None else None
        return ParsedYaml(
            None,
            builder.lines,
            (YamlDefect(line, f"unsupported YAML: {exc.problem}; use plain values only"),),
        )
    return ParsedYaml(data, builder.lines, tuple(builder.defects))


#: libyaml's parser where PyYAML was built with it (about 10x faster), else the pure-Python one.
_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_PLAIN = {"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}


class _Builder:
    def __init__(self, loader: Any) -> None:
        self.loader = loader
        self.lines = LineMap()
        self.defects: list[YamlDefect] = []

    def build(self, node: yaml.Node, path: Path) -> Any:
        self.lines.lines.setdefault(path, node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode | yaml.SequenceNode) and node.tag not in _PLAIN:
            raise yaml.constructor.ConstructorError(
                None, None, f"the tag {node.tag!r} is not allowed", node.start_mark
            )
        if isinstance(node, yaml.MappingNode):
            result: dict[Any, Any] = {}
            first: dict[Any, int] = {}
            for key_node, value_node in node.value:
                key = self.build_scalar(key_node)
                line = key_node.start_mark.line + 1
                if not isinstance(key, str | int | float | bool) or key is None:
                    self.defects.append(YamlDefect(line, "a mapping key must be a plain value"))
                    continue
                if key in first:
                    self.defects.append(
                        YamlDefect(
                            line,
                            f"duplicate key {key!r} (first on line {first[key]}); keep one of them",
                        )
                    )
                first.setdefault(key, line)
                sub = (*path, str(key))
                self.lines.lines[sub] = line
                result[key] = self.build(value_node, sub)
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        return self.build_scalar(node)

    def build_scalar(self, node: yaml.Node) -> Any:
        if not isinstance(node, yaml.ScalarNode):
            raise yaml.constructor.ConstructorError(
                None, None, "a key must be a plain value, not a list or mapping", node.start_mark
            )
        if node.tag == "tag:yaml.org,2002:timestamp":
            return str(node.value)  # dates are parsed (and range-checked) by the model
        return self.loader.construct_object(node, deep=True)
