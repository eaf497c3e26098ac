"""Safe YAML parsing that remembers the line of every key and item.

Only the safe subset of YAML is accepted (no tags that build Python objects): nothing in a corpus
is ever executed. Each mapping key and sequence item is recorded by its path, so that a defect
found later (by the model or by a reference check) can be reported as ``file:line``.

Hostile documents are refused, not expanded: a document whose aliases would build more than
:data:`MAX_ALIASED` values (a "billion laughs" bomb expands 322 bytes into billions), that nests
deeper than :data:`MAX_DEPTH`, or that holds an integer too long to convert is a defect.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import yaml

__all__ = ["MAX_ALIASED", "MAX_DEPTH", "LineMap", "ParsedYaml", "YamlDefect", "parse_yaml"]

#: Values that aliases may add to a document (each use of an alias counts its whole value).
MAX_ALIASED = 100_000
#: Nesting depth of mappings and lists.
MAX_DEPTH = 200

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


def parse_yaml(
    text: str, *, max_aliased: int = MAX_ALIASED, max_depth: int = MAX_DEPTH
) -> ParsedYaml:
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
    >>> bomb = "a: &a [x, x]\\nb: &b [*a, *a]\\nc: [*b, *b]\\n"
    >>> parse_yaml(bomb, max_aliased=10).defects[0].message[:40]
    'too many aliases: expanding them would a'
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
    except RecursionError:
        return ParsedYaml(None, LineMap(), (_too_deep(None, max_depth),))
    finally:
        loader.dispose()
    if node is None:
        return ParsedYaml(None, LineMap(), ())
    builder = _Builder(loader, max_aliased=max_aliased, max_depth=max_depth)
    try:
        data = builder.build(node, ())
    except _LimitError as exc:
        return ParsedYaml(None, builder.lines, (exc.defect,))
    except RecursionError:
        return ParsedYaml(None, builder.lines, (_too_deep(None, max_depth),))
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
_STR = "tag:yaml.org,2002:str"


class _LimitError(Exception):
    def __init__(self, defect: YamlDefect) -> None:
        self.defect = defect


def _too_deep(line: int | None, max_depth: int) -> YamlDefect:
    return YamlDefect(line, f"nested more than {max_depth} levels deep; flatten the document")


class _Builder:
    def __init__(self, loader: Any, *, max_aliased: int, max_depth: int) -> None:
        self.loader = loader
        self.lines = LineMap()
        self.defects: list[YamlDefect] = []
        self.max_aliased = max_aliased
        self.max_depth = max_depth
        self.seen: set[int] = set()
        self.n_aliased = 0

    def build(self, node: yaml.Node, path: Path) -> Any:
        line = node.start_mark.line + 1
        if id(node) in self.seen:  # a node met again is reached through an alias
            self.n_aliased += 1
            if self.n_aliased > self.max_aliased:
                raise _LimitError(
                    YamlDefect(
                        line,
                        f"too many aliases: expanding them would add more than "
                        f"{self.max_aliased} values; write the values out or drop the aliases",
                    )
                )
        else:
            self.seen.add(id(node))
        if len(path) > self.max_depth:
            raise _LimitError(_too_deep(line, self.max_depth))
        self.lines.lines.setdefault(path, line)
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
        if node.tag == _STR:
            return node.value  # what the constructor would return, without its machinery
        if node.tag == "tag:yaml.org,2002:timestamp":
            return str(node.value)  # dates are parsed (and range-checked) by the model
        try:
            return self.loader.construct_object(node, deep=True)
        except ValueError as exc:  # an integer of thousands of digits (int() refuses it)
            raise _LimitError(
                YamlDefect(
                    node.start_mark.line + 1,
                    f"cannot read the value {_clip(str(node.value))!r}: a number of "
                    f"{len(str(node.value))} characters is too long; write a smaller number",
                )
            ) from exc


def _clip(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."
