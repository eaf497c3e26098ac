"""Rich renderers of the reader's lookups: profiles, stances and search hits.

Everything is laid out as blocks of wrapped text rather than wide tables, so that at 80
columns no id is cut and text wraps at word boundaries. Corpus text is always wrapped in
:class:`rich.text.Text` (never read as markup).
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console
from rich.text import Text

from accords.explore import (
    IssueProfile,
    PartyProfile,
    SearchResult,
    SourceProfile,
    StanceRow,
    StancesResult,
)
from accords.formatting import natural_key

__all__ = [
    "render_issue_profile",
    "render_party_profile",
    "render_search",
    "render_source_profile",
    "render_stance",
    "render_stances",
]


def _line(console: Console, *parts: tuple[str, str], indent: int = 0) -> None:
    text = Text(" " * indent)
    for part, style in parts:
        text.append(part, style=style)
    console.print(text)


def _heading(console: Console, title: str, ident: str) -> None:
    text = Text(title, style="bold")
    text.append(f"  [{ident}]", style="dim")
    console.print(text)


def _list(items: Sequence[str]) -> str:
    return ", ".join(items) if items else "—"


def render_stance(console: Console, row: StanceRow, *, show_party: bool = True) -> None:
    """One stance as a block: who on what, the position, then each quote and its speaker."""
    head = Text()
    if show_party:
        head.append(row.party_name, style="bold")
        head.append(f" [{row.party}]", style="dim")
        head.append(" on ")
    head.append(row.issue_title, style="bold")
    head.append(f" [{row.issue}]", style="dim")
    console.print(head)
    facts = []

    def based(name: str, text: str) -> str:
        # An inferred or assumed field never reads like a quoted one.
        basis = row.basis.get(name)
        return f"{text} ({basis})" if basis and basis != "quoted" else text

    if row.ideal:
        facts.append(based("ideal", f"ideal: {row.ideal}"))
    if row.red_lines:
        facts.append(based("red_lines", f"red lines: {', '.join(row.red_lines)}"))
    if row.acceptable:
        facts.append(based("acceptable", f"acceptable: {', '.join(row.acceptable)}"))
    if row.conditional:
        facts.append(based("conditional", f"conditional: {'; '.join(row.conditional)}"))
    if row.salience is not None:
        facts.append(based("salience", f"salience {row.salience:g}"))
    facts.append(f"confidence {row.confidence:g}")
    if row.as_of:
        facts.append(f"as of {row.as_of}")
    console.print(Text("  " + "; ".join(facts)))
    for q in row.quotes:
        quote = Text(f"  “{q.quote}”", style="italic")
        who = f"{q.speaker}, " if q.speaker else ""
        quote.append(f" — {who}{q.source}", style="dim")
        console.print(quote)
    if row.inference:
        console.print(Text(f"  inferred: {row.inference.strip()}", style="yellow"))
    if row.assumption:
        console.print(Text(f"  assumption: {row.assumption.strip()}", style="yellow"))
    if row.notes:
        console.print(Text(f"  note: {row.notes.strip()}", style="dim"))


def render_stances(console: Console, result: StancesResult) -> None:
    """Every stance of ``accords stances``, one block each."""
    filters = [
        f"{k} {v}"
        for k, v in (("party", result.party), ("issue", result.issue), ("source", result.source))
        if v
    ]
    title = f"{len(result.rows)} stance(s)" + (f" ({', '.join(filters)})" if filters else "")
    console.print(Text(title, style="bold"))
    for row in result.rows:
        console.print()
        render_stance(console, row)


def render_party_profile(console: Console, profile: PartyProfile) -> None:
    """A party: who it is, who speaks for it, its stances, what it must carry out."""
    _heading(console, profile.name, profile.id)
    _line(console, (f"{profile.party_kind}", ""), (f"; aliases: {_list(profile.aliases)}", ""))
    if profile.members:
        console.print(Text(f"members: {_list(profile.members)}"))
    if profile.all_members != sorted(profile.members):
        console.print(Text(f"all members (transitively): {_list(profile.all_members)}"))
    console.print(Text(f"member of: {_list(profile.member_of)}"))
    if profile.notes:
        console.print(Text(f"note: {profile.notes.strip()}", style="dim"))
    if profile.representatives:
        console.print(Text("\nRepresentatives", style="bold underline"))
        for r in profile.representatives:
            line = Text(f"  {r.name}", style="bold")
            if r.role:
                line.append(f" — {r.role}")
            console.print(line)
    console.print(Text(f"\nStances ({len(profile.stances)})", style="bold underline"))
    for row in profile.stances:
        render_stance(console, row, show_party=False)
    if profile.no_evidence:
        console.print(Text(f"no evidence on: {_list(profile.no_evidence)}", style="dim"))
    console.print(
        Text(f"\nProvisions it must carry out ({len(profile.provisions)})", style="bold underline")
    )
    for p in profile.provisions:
        line = Text(f"  {p.agreement} {p.label}", style="bold")
        line.append(f" ({p.how.replace('_', ' ')}) ", style="dim")
        line.append(p.text)
        console.print(line)


def render_issue_profile(console: Console, profile: IssueProfile) -> None:
    """An issue: its options with what settles each, then every party's stance."""
    _heading(console, profile.title, profile.id)
    if profile.category:
        console.print(Text(f"category: {profile.category}", style="dim"))
    if profile.description:
        console.print(Text(profile.description.strip()))
    console.print(Text("\nOptions", style="bold underline"))
    for o in profile.options:
        line = Text(f"  {o.position:g}  ", style="dim")
        line.append(o.id, style="bold")
        line.append(f": {o.description}")
        console.print(line)
        if o.ideal_of:
            console.print(Text(f"      ideal of: {_list(o.ideal_of)}", style="green"))
        if o.red_line_of:
            console.print(Text(f"      red line of: {_list(o.red_line_of)}", style="red"))
        for s in sorted(o.settled_by, key=lambda s: (s.agreement, natural_key(s.label))):
            what = "variant of " if s.variant else ""
            console.print(Text(f"      chosen by {what}{s.agreement} {s.label}", style="cyan"))
    console.print(Text(f"\nStances ({len(profile.stances)})", style="bold underline"))
    for row in profile.stances:
        render_stance(console, row)
    if profile.no_evidence:
        console.print(Text(f"no evidence from: {_list(profile.no_evidence)}", style="dim"))


def render_source_profile(console: Console, profile: SourceProfile, *, full: bool = True) -> None:
    """A source: its metadata, who cites it, then its text."""
    _heading(console, profile.title, profile.id)
    meta = [
        f"{k}: {v}"
        for k, v in (
            ("kind", profile.source_kind),
            ("published", profile.published),
            ("outlet", profile.outlet),
            ("author", profile.author),
            ("url", profile.url),
        )
        if v
    ]
    console.print(Text("; ".join(meta)))
    if profile.notes:
        console.print(Text(f"note: {profile.notes.strip()}", style="dim"))
    console.print(Text(f"\nCited by ({profile.n_citations})", style="bold underline"))
    for c in profile.citations:
        line = Text(f"  {c.kind} ", style="dim")
        line.append(c.id, style="bold")
        if c.quote:
            line.append(f": “{c.quote}”", style="italic")
        console.print(line)
    if full and profile.text:
        console.print(Text("\nText", style="bold underline"))
        for paragraph in profile.text.splitlines():
            if paragraph.strip():
                console.print(Text(paragraph.strip()))
                console.print()


def render_search(console: Console, result: SearchResult) -> None:
    """Ranked hits: rank, kind, id and field, then the passage."""
    shown = len(result.hits)
    console.print(
        Text(f"{result.n_matches} match(es) for {result.query!r}; best {shown}:", style="bold")
    )
    for h in result.hits:
        head = Text(f"{h.rank:>2}. ", style="dim")
        head.append(h.kind, style="cyan")
        head.append(" ")
        head.append(h.id, style="bold")
        head.append(f" ({h.field})", style="dim")
        console.print(head)
        console.print(Text(f"    {h.title}", style="dim"))
        console.print(Text(f"    {h.passage}"))
