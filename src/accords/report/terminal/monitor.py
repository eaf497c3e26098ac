"""Rich renderers of ``accords monitor``: ingest, status, timeline, replay, waterfall.

Each takes a console and the result of the matching call of :mod:`accords.monitor.application`
(whose ``to_record()`` is the ``--format json`` document).
"""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from accords.model import Agreement
from accords.monitor.application import (
    EventFileIngest,
    MonitorStatus,
    MonitorTimeline,
    ScenarioReplay,
    WaterfallReport,
)
from accords.monitor.events import Event
from accords.monitor.results import MonitorReport

__all__ = [
    "STATE_STYLES",
    "render_ingest",
    "render_replay",
    "render_status",
    "render_timeline",
    "render_waterfall",
]

#: The style of each provision state.
STATE_STYLES = {
    "inactive": "dim",
    "in-force": "green",
    "suspended": "yellow",
    "fulfilled": "bold green",
    "violated": "bold red",
    "expired": "red",
    "voided": "bold magenta",
    "revoked": "magenta",
    "terminated": "cyan",
}


def render_ingest(console: Console, result: EventFileIngest) -> None:
    """Print each rejected record, then the counts."""
    report = result.report
    for defect in report.rejected:
        console.print(Text(str(defect), style="red"), soft_wrap=True)
    line = Text(f"{report.n_inserted} added, {report.n_unchanged} already stored")
    if report.n_replaced:
        line.append(f", {report.n_replaced} replaced")
    if report.rejected:
        line.append(f", {len(report.rejected)} rejected", style="bold red")
    line.append(
        f" ({report.n_read} read in {result.seconds:.2f} s; "
        f"{result.n_events_stored} events in {result.db})"
    )
    console.print(line)


def render_status(console: Console, result: MonitorStatus) -> None:
    """Print every provision's state, the triggers fired and the PAM score."""
    _render_report(console, result.report, result.agreement, f"events in {result.db}")


def render_replay(console: Console, result: ScenarioReplay) -> None:
    """Print a scenario's outcome (as :func:`render_status`) and its timeline."""
    source = f"events of scenario {result.scenario.title or result.path or ''}".rstrip()
    _render_report(console, result.report, result.agreement, source)
    _render_entries(console, result.report)


def render_timeline(console: Console, result: MonitorTimeline) -> None:
    """Print the agreement's timeline, then the events of the process, if any."""
    _render_entries(console, result.report)
    if result.process:
        _render_process(console, result.process, result.report.agreement)


def render_waterfall(console: Console, result: WaterfallReport) -> None:
    """Print the waterfall's recipients and the US share of the venture's profit."""
    w = result.waterfall
    table = Table(
        title=f"{result.agreement} point {result.provision}: {w.total / 1e9:,.3g}bn {w.currency}"
    )
    for column in ("recipient", "amount", "source", "shortfall"):
        table.add_column(column)
    for line in w.lines:
        table.add_row(
            Text(line.recipient),
            Text(f"{line.amount / 1e9:,.3f}bn"),
            Text(line.source),
            Text(f"{line.shortfall / 1e9:,.3f}bn" if line.shortfall else ""),
        )
    console.print(table)
    share = Text(f"US share of the US-led venture's profit: {w.profit_share:.0%}")
    if w.profit_to_us is not None:
        share.append(f" = {w.profit_to_us / 1e9:,.3f}bn {w.currency}")
    console.print(share)


def _render_report(
    console: Console, report: MonitorReport, agreement: Agreement, source: str
) -> None:
    console.print(Text(f"{agreement.title} [{agreement.id}]", style="bold"))
    head = Text(f"as of {report.as_of}; {report.n_events} {source}; ")
    if report.signed is None:
        head.append("not signed (no SIGN event names this agreement)", style="yellow")
    else:
        in_force = report.in_force.date if report.in_force is not None else "not yet"
        head.append(f"signed {report.signed.date}, in force {in_force}")
    console.print(head)
    table = Table(show_lines=False)
    for column in ("label", "modality", "state", "since", "cause", "event", "PAM"):
        table.add_column(column, overflow="fold")
    for p in report.provisions:
        table.add_row(
            Text(p.label),
            Text(p.modality),
            Text(p.state, style=STATE_STYLES.get(p.state, "")),
            Text(p.since.isoformat() if p.since else ""),
            Text(p.cause or ""),
            Text(p.event or (p.trigger or "")),
            Text(str(p.pam)),
        )
    console.print(table)
    for f in report.firings:
        effects = ", ".join(
            f"{e.action} {e.provision}" + ("" if e.applied else " (ignored)") for e in f.effects
        )
        console.print(Text(f"{f.date} trigger {f.trigger} (event {f.event}): {effects}"))
    pam = report.pam
    console.print(
        Text(
            f"Peace Accords Matrix implementation: {pam.score:.1f} "
            f"({pam.points}/{pam.max_points} points, {pam.n_provisions} provisions)",
            style="bold",
        )
    )


def _render_entries(console: Console, report: MonitorReport) -> None:
    table = Table(title=f"timeline of {report.agreement} to {report.as_of}")
    for column in ("date", "provision", "what", "event"):
        table.add_column(column, overflow="fold")
    rows: list[tuple[str, str, str, str, str]] = []
    for e in report.timeline:
        if e.kind == "transition":
            what = f"{e.from_state} -> {e.to_state} ({e.cause})"
            if e.trigger:
                what += f" by trigger {e.trigger}"
        else:
            what = e.detail
        style = "red" if e.kind == "ignored-effect" else ("bold" if e.kind == "trigger" else "")
        row = (e.date.isoformat(), e.provision or "", what, e.event or "", style)
        previous = rows[-1] if rows else None
        if (
            previous is not None
            and e.kind == "transition"
            and previous[0] == row[0]
            and previous[2] == row[2]
            and previous[3] == row[3]
        ):
            rows[-1] = (*previous[:1], f"{previous[1]}, {row[1]}", *previous[2:])  # same step
        else:
            rows.append(row)
    for day, provisions, what, event, style in rows:
        table.add_row(Text(day), Text(provisions), Text(what, style=style), Text(event))
    console.print(table)


def _shown_date(event: Event) -> str:
    if event.date is None:
        return "date unknown"
    text = event.date.isoformat()
    if event.date_precision == "month":
        text = text[:7]
    elif event.date_precision == "year":
        text = text[:4]
    if event.end_date is not None:
        text += f" to {event.end_date.isoformat()}"
    return text


def _render_process(console: Console, events: tuple[Event, ...], agreement: str) -> None:
    table = Table(title=f"the process around {agreement}")
    for column in ("date", "what", "who", "certainty", "id"):
        table.add_column(column, overflow="fold")
    for e in events:
        what = e.type + (f"/{e.mode}" if e.mode else "")
        if e.text:
            what += f": {e.text}"
        who = ", ".join(e.actors) + (f" -> {', '.join(e.recipients)}" if e.recipients else "")
        certainty: str = e.certainty
        if e.disputed_by:
            certainty += f" (disputed by {', '.join(e.disputed_by)})"
        style = "yellow" if e.certainty == "disputed" else ""
        table.add_row(
            Text(_shown_date(e)), Text(what), Text(who), Text(certainty, style=style), Text(e.id)
        )
    console.print(table)
