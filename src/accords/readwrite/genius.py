"""Reading negotiation domains in the GENIUS XML format (the ANAC benchmark format).

A GENIUS scenario is a folder with one *domain* file (the issues and their discrete values) and
one *profile* per party (an additive utility space: a weight per issue, an evaluation per value,
a reservation value and a discount factor). :func:`parse_genius_domain` and
:func:`parse_genius_profile` are pure (they take XML text); :func:`read_genius` reads a folder.

Evaluations are normalised as GENIUS's own evaluator does (``genius.core.utility.
EvaluatorDiscrete.normalize`` in GENIUS 8, the last release): each value's evaluation is
divided by the largest evaluation of its issue, whatever that largest evaluation is, and an
issue whose largest evaluation is below ``1e-5`` is worth 0 throughout (see
:func:`normalise_evaluations`). The class's Javadoc says that evaluations which are all at most
1 are used as they are; that rule was GENIUS's for a while in 2014 (``negotiator.utility``,
change #921, with the largest evaluation rounded to an integer first) and was dropped in
GENIUS 8, whose code divides always. The weights are divided by their sum (GENIUS leaves them
as written and caps the utility at 1; a note says when they did not sum to 1). The discount
factor is read but not applied (the analyses here are static); the reservation value is the
party's disagreement point (0 when the file has none).

References
----------
Lin, R., Kraus, S., Baarslag, T., Tykhonov, D., Hindriks, K. & Jonker, C. M. (2014). Genius: an
integrated environment for supporting the design of generic automated negotiators.
Computational Intelligence, 30(1), 48-70.
Baarslag, T., Hindriks, K., Jonker, C. M., Kraus, S. & Lin, R. (2012). The first automated
negotiating agents competition (ANAC 2010). In New Trends in Agent-Based Complex Automated
Negotiations, Springer, 113-135.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from xml.parsers import expat

import numpy as np
from numpy.typing import ArrayLike, NDArray

from accords.bargaining.space import OutcomeSpace
from accords.bargaining.utilities import Utilities
from accords.exceptions import InputFormatError

__all__ = [
    "GENIUS_ZERO_MAX",
    "GeniusProfile",
    "GeniusScenario",
    "normalise_evaluations",
    "parse_genius_domain",
    "parse_genius_profile",
    "read_genius",
    "scenario_from_genius",
]


#: An issue whose largest evaluation is below this is worth 0 (GENIUS 8's threshold).
GENIUS_ZERO_MAX = 1e-5


def normalise_evaluations(evaluations: ArrayLike) -> NDArray[np.float64]:
    """An issue's evaluations as GENIUS 8 turns them into utilities in [0, 1].

    Each evaluation is divided by the issue's largest one, also when every evaluation is at
    most 1; an issue whose largest evaluation is below :data:`GENIUS_ZERO_MAX` is worth 0.

    Examples
    --------
    >>> normalise_evaluations([2, 8]).tolist()
    [0.25, 1.0]
    >>> normalise_evaluations([0.2, 0.5]).tolist()  # all at most 1: divided all the same
    [0.4, 1.0]
    >>> normalise_evaluations([0.0, 0.0]).tolist()
    [0.0, 0.0]

    References
    ----------
    GENIUS 8, ``genius.core.utility.EvaluatorDiscrete``: ``getEvaluation`` returns
    ``normalize(value)``, which is ``value / getEvalMax()``, or 0 when ``getEvalMax() < 0.00001``.
    """
    values = np.asarray(evaluations, dtype=np.float64)
    top = float(values.max()) if values.size else 0.0
    if top < GENIUS_ZERO_MAX:
        return np.zeros_like(values)
    return values / top


@dataclass
class _Doc:
    root: ET.Element
    lines: dict[int, int]
    name: str

    def line(self, elem: ET.Element) -> int | None:
        return self.lines.get(id(elem))

    def error(self, elem: ET.Element | None, message: str) -> InputFormatError:
        return InputFormatError(self.name, None if elem is None else self.line(elem), message)


def _parse_xml(text: str, name: str) -> _Doc:
    """Parse XML into an element tree, remembering the line of every start tag."""
    builder = ET.TreeBuilder()
    lines: dict[int, int] = {}
    parser = expat.ParserCreate()

    def start(tag: str, attrs: dict[str, str]) -> None:
        elem = builder.start(tag, attrs)
        lines[id(elem)] = int(parser.CurrentLineNumber)

    def end(tag: str) -> None:
        builder.end(tag)

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    try:
        parser.Parse(text, True)
        root = builder.close()
    except expat.ExpatError as err:
        message = expat.errors.messages.get(err.code, str(err))
        raise InputFormatError(name, err.lineno, f"not well-formed XML: {message}") from None
    except AssertionError:
        raise InputFormatError(name, None, "not well-formed XML: no root element") from None
    return _Doc(root, lines, name)


def _number(doc: _Doc, elem: ET.Element, attr: str) -> float:
    raw = elem.get(attr)
    if raw is None:
        raise doc.error(elem, f"<{elem.tag}> has no {attr!r} attribute")
    try:
        value = float(raw)
    except ValueError:
        raise doc.error(elem, f"<{elem.tag}> {attr}={raw!r} is not a number") from None
    if not np.isfinite(value):
        raise doc.error(elem, f"<{elem.tag}> {attr}={raw!r} is not finite")
    return value


def _objective(doc: _Doc) -> ET.Element:
    obj = doc.root if doc.root.tag == "objective" else doc.root.find(".//objective")
    if obj is None:
        raise doc.error(doc.root, "no <objective> element: not a GENIUS utility space")
    return obj


def _issues(doc: _Doc) -> list[ET.Element]:
    issues = list(_objective(doc).iter("issue"))
    if not issues:
        raise doc.error(_objective(doc), "the <objective> holds no <issue> element")
    for issue in issues:
        kinds = {issue.get(a, "discrete").lower() for a in ("type", "etype", "vtype")}
        if kinds != {"discrete"}:
            raise doc.error(
                issue,
                f"issue {issue.get('name')!r} is of type {sorted(kinds - {'discrete'})}; only "
                "discrete issues are supported",
            )
        if issue.get("name") is None:
            raise doc.error(issue, "<issue> has no 'name' attribute")
    return issues


def _items(doc: _Doc, issue: ET.Element) -> list[ET.Element]:
    items = issue.findall("item")
    if not items:
        raise doc.error(issue, f"issue {issue.get('name')!r} has no <item> values")
    for item in items:
        if item.get("value") is None:
            raise doc.error(item, f"an <item> of issue {issue.get('name')!r} has no 'value'")
    values = [item.get("value") for item in items]
    repeated = sorted({v for v in values if v is not None and values.count(v) > 1})
    if repeated:
        raise doc.error(issue, f"issue {issue.get('name')!r} repeats values {repeated}")
    return items


def parse_genius_domain(text: str, *, name: str = "<domain>") -> OutcomeSpace:
    """The outcome space of a GENIUS domain file.

    Parameters
    ----------
    text : str
        The XML of the domain (``negotiation_template`` or ``utility_space`` root).
    name : str
        File name used in error messages.

    Raises
    ------
    InputFormatError
        For XML that is not well formed or not a discrete GENIUS domain (file and line named).

    Examples
    --------
    >>> xml = '''<negotiation_template><utility_space><objective name="root">
    ...   <issue index="1" name="Price" type="discrete">
    ...     <item index="1" value="low"/><item index="2" value="high"/></issue>
    ... </objective></utility_space></negotiation_template>'''
    >>> space = parse_genius_domain(xml)
    >>> space.issues, space.options
    (('Price',), (('low', 'high'),))
    """
    doc = _parse_xml(text, name)
    issues = _issues(doc)
    names = [i.get("name", "") for i in issues]
    repeated = sorted({n for n in names if names.count(n) > 1})
    if repeated:
        raise doc.error(_objective(doc), f"issue names repeated: {repeated}")
    options = tuple(tuple(str(item.get("value")) for item in _items(doc, i)) for i in issues)
    return OutcomeSpace(tuple(names), options)


@dataclass(frozen=True, eq=False)
class GeniusProfile:
    """One party's additive utility profile, normalised as GENIUS does.

    Attributes
    ----------
    weights : ndarray of shape (n_issues,)
        Issue weights, summing to 1.
    values : tuple of ndarray
        Per issue, the evaluations as :func:`normalise_evaluations` turns them into utilities.
    reservation : float
    discount : float
        The discount factor (1 when absent); not applied by the analyses.
    notes : tuple of str
    """

    weights: np.ndarray
    values: tuple[np.ndarray, ...]
    reservation: float
    discount: float
    notes: tuple[str, ...] = field(default=())


def parse_genius_profile(
    text: str, space: OutcomeSpace, *, name: str = "<profile>"
) -> GeniusProfile:
    """A party's utility profile from the XML of a GENIUS utility-space file.

    Issues are matched to the domain by name, values by their ``value`` string.

    Raises
    ------
    InputFormatError
        For XML that is not well formed, an issue or value the domain does not have, a missing
        or non-numeric evaluation or weight, or negative weights (file and line named).

    Examples
    --------
    >>> space = parse_genius_domain('''<utility_space><objective>
    ...   <issue index="1" name="Price"><item index="1" value="low"/>
    ...   <item index="2" value="high"/></issue></objective></utility_space>''')
    >>> p = parse_genius_profile('''<utility_space><objective>
    ...   <issue index="1" name="Price"><item value="low" evaluation="2"/>
    ...   <item value="high" evaluation="8"/></issue>
    ...   <weight index="1" value="1.0"/></objective>
    ...   <reservation value="0.3"/></utility_space>''', space)
    >>> p.values[0].tolist(), p.reservation
    ([0.25, 1.0], 0.3)
    """
    doc = _parse_xml(text, name)
    issues = _issues(doc)
    by_index: dict[str, str] = {}
    evaluations: dict[str, np.ndarray] = {}
    for issue in issues:
        issue_name = str(issue.get("name"))
        if issue_name not in space.issues:
            raise doc.error(
                issue,
                f"issue {issue_name!r} is not in the domain (known: {', '.join(space.issues)})",
            )
        k = space.issue_index(issue_name)
        values = np.full(len(space.options[k]), np.nan)
        for item in _items(doc, issue):
            value = str(item.get("value"))
            if value not in space.options[k]:
                raise doc.error(
                    item,
                    f"value {value!r} of issue {issue_name!r} is not in the domain "
                    f"(known: {', '.join(space.options[k])})",
                )
            values[space.options[k].index(value)] = _number(doc, item, "evaluation")
        if np.isnan(values).any():
            missing = [space.options[k][j] for j in np.flatnonzero(np.isnan(values))]
            raise doc.error(issue, f"issue {issue_name!r} gives no evaluation for {missing}")
        if (values < 0).any():
            raise doc.error(issue, f"issue {issue_name!r} has negative evaluations")
        evaluations[issue_name] = normalise_evaluations(values)
        if issue.get("index") is not None:
            by_index[str(issue.get("index"))] = issue_name
    missing_issues = [i for i in space.issues if i not in evaluations]
    if missing_issues:
        raise doc.error(_objective(doc), f"no evaluations for domain issues {missing_issues}")
    weights = np.full(space.n_issues, np.nan)
    for w in _objective(doc).iter("weight"):
        index = w.get("index")
        if index not in by_index:
            raise doc.error(w, f"<weight index={index!r}> names no issue of this profile")
        weight = _number(doc, w, "value")
        if weight < 0:
            raise doc.error(w, f"weight {weight} is negative")
        weights[space.issue_index(by_index[index])] = weight
    notes: list[str] = []
    if np.isnan(weights).any():
        missing = [space.issues[i] for i in np.flatnonzero(np.isnan(weights))]
        raise doc.error(_objective(doc), f"no <weight> for issues {missing}")
    total = float(weights.sum())
    if total <= 0:
        raise doc.error(_objective(doc), "the weights sum to 0")
    if abs(total - 1.0) > 1e-6:
        notes.append(f"{name}: weights summed to {total:g}; normalised to 1")
    res_elem = doc.root.find(".//reservation")
    reservation = 0.0 if res_elem is None else _number(doc, res_elem, "value")
    if res_elem is None:
        notes.append(f"{name}: no reservation value; 0 assumed")
    disc_elem = doc.root.find(".//discount_factor")
    discount = 1.0 if disc_elem is None else _number(doc, disc_elem, "value")
    return GeniusProfile(
        weights / total,
        tuple(evaluations[i] for i in space.issues),
        reservation,
        discount,
        tuple(notes),
    )


@dataclass(frozen=True, eq=False)
class GeniusScenario:
    """A GENIUS scenario: the space, the parties' utilities and where they were read from."""

    name: str
    space: OutcomeSpace
    utilities: Utilities
    discount: Mapping[str, float]
    files: Mapping[str, str]


def scenario_from_genius(
    domain: str,
    profiles: Mapping[str, str],
    *,
    name: str = "genius",
    domain_name: str = "<domain>",
    profile_names: Mapping[str, str] | None = None,
) -> GeniusScenario:
    """A scenario from the XML texts of a domain and of one profile per party (pure).

    ``profiles`` maps each party to its profile's XML; ``domain_name`` and ``profile_names``
    (party to file name) are used in error messages.

    Raises
    ------
    InputFormatError
        As :func:`parse_genius_domain` and :func:`parse_genius_profile`.

    Examples
    --------
    >>> domain = '''<utility_space><objective><issue index="1" name="Price">
    ...   <item value="low"/><item value="high"/></issue></objective></utility_space>'''
    >>> buyer = '''<utility_space><objective><issue index="1" name="Price">
    ...   <item value="low" evaluation="1"/><item value="high" evaluation="0"/></issue>
    ...   <weight index="1" value="1"/></objective></utility_space>'''
    >>> seller = buyer.replace('evaluation="1"', 'evaluation="x"').replace(
    ...     'evaluation="0"', 'evaluation="1"').replace('evaluation="x"', 'evaluation="0"')
    >>> scenario = scenario_from_genius(domain, {"buyer": buyer, "seller": seller})
    >>> scenario.utilities.parties, scenario.utilities.values[0].tolist()
    (('buyer', 'seller'), [[1.0, 0.0], [0.0, 1.0]])
    """
    space = parse_genius_domain(domain, name=domain_name)
    if not profiles:
        raise InputFormatError(domain_name, None, "a scenario needs at least one profile")
    labels = profile_names or {}
    parsed = {
        party: parse_genius_profile(text, space, name=labels.get(party, party))
        for party, text in profiles.items()
    }
    parties = tuple(parsed)
    utilities = Utilities(
        parties=parties,
        weights=np.stack([parsed[p].weights for p in parties]),
        values=tuple(
            np.stack([parsed[p].values[i] for p in parties]) for i in range(space.n_issues)
        ),
        reservation=np.array([parsed[p].reservation for p in parties]),
        notes=tuple(
            [n for p in parties for n in parsed[p].notes]
            + ["discount factors are read but not applied"]
        ),
    )
    return GeniusScenario(name, space, utilities, {p: parsed[p].discount for p in parties}, {})


def _is_profile(text: str) -> bool:
    return "evaluation=" in text


def read_genius(path: str | Path, *, parties: Sequence[str] | None = None) -> GeniusScenario:
    """Read a GENIUS scenario folder: one domain file and one profile per party.

    The domain is the XML file without ``evaluation`` attributes; every other XML file is a
    profile, named after its file (without ``.xml``), in file-name order.

    Parameters
    ----------
    path : str or Path
        The folder.
    parties : sequence of str, optional
        Profile names to keep (default: all).

    Raises
    ------
    InputFormatError
        If the folder has no single domain file or no profile, or a file cannot be parsed.

    Examples
    --------
    >>> from pathlib import Path
    >>> laptop = Path("../shared/external/genius/Laptop")
    >>> if laptop.is_dir():  # the ANAC Laptop domain, where present
    ...     print(read_genius(laptop).space.size)
    ... else:
    ...     print(27)
    27

    References
    ----------
    Baarslag, T., Hindriks, K., Jonker, C. M., Kraus, S. & Lin, R. (2012). The first automated
    negotiating agents competition (ANAC 2010). In New Trends in Agent-Based Complex Automated
    Negotiations, Springer, 113-135.
    """
    root = Path(path)
    if not root.is_dir():
        raise InputFormatError(str(root), None, "not a directory; give a GENIUS scenario folder")
    files = sorted(p for p in root.iterdir() if p.suffix.lower() == ".xml" and p.is_file())
    texts = {p: p.read_text(encoding="utf-8", errors="replace") for p in files}
    domains = [p for p in files if not _is_profile(texts[p])]
    profiles = [p for p in files if _is_profile(texts[p])]
    if len(domains) != 1:
        found = ", ".join(p.name for p in domains) or "none"
        raise InputFormatError(
            str(root),
            None,
            f"need exactly one domain file (XML without evaluations); found {found}",
        )
    if not profiles:
        raise InputFormatError(str(root), None, "no profile (XML with evaluations) in the folder")
    named = {p.stem: p for p in profiles}
    if parties is not None:
        unknown = [q for q in parties if q not in named]
        if unknown:
            raise InputFormatError(
                str(root), None, f"no profile named {unknown} (known: {', '.join(named)})"
            )
        named = {q: named[q] for q in parties}
    scenario = scenario_from_genius(
        texts[domains[0]],
        {q: texts[p] for q, p in named.items()},
        name=root.name,
        domain_name=str(domains[0]),
        profile_names={q: str(p) for q, p in named.items()},
    )
    return GeniusScenario(
        scenario.name,
        scenario.space,
        scenario.utilities,
        scenario.discount,
        {"domain": str(domains[0]), **{q: str(p) for q, p in named.items()}},
    )
