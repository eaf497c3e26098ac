"""Plotly charts of the report, as HTML fragments without plotly.js (the page inlines it once).

Figures are plain plotly figure dicts (``{"data": [...], "layout": {...}}``): building
``plotly.graph_objects`` figures validates and copies a template per figure, which costs about
0.1 s each; plotly.js validates the dicts in the browser anyway.

Corpus text reaches a chart only through hover and tick labels, and is HTML-escaped first:
plotly.js renders a small set of tags in labels, so an escaped ``&lt;script&gt;`` is shown as
text and never parsed. Plotly's own JSON encoding also escapes ``<``, ``>`` and ``/``.
"""

from __future__ import annotations

import html
import textwrap
from collections.abc import Sequence
from typing import Any

import plotly.io as pio

from accords.analysis import VERDICTS, AcceptabilityMatrix, AgreementDeps
from accords.model import Agreement, Corpus
from accords.report.findings import short_title

__all__ = [
    "VERDICT_COLOURS",
    "VERDICT_MARKS",
    "acceptability_heatmap",
    "bearer_chart",
    "figure_html",
    "rejections_chart",
    "verdict_mix_chart",
]

Figure = dict[str, Any]

#: Colour of each verdict, shared by the charts and the page's CSS.
VERDICT_COLOURS = {
    "accepts": "#2e7d32",
    "conditional": "#f2a900",
    "unknown": "#d9dde3",
    "rejects": "#c62828",
}
#: Symbol printed in each heatmap cell, so that the verdict reads without colour or hover.
VERDICT_MARKS = {"accepts": "✓", "conditional": "~", "unknown": "", "rejects": "✗"}
_FONT = {"family": "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif", "size": 12}
_CONFIG = {"displaylogo": False, "responsive": True, "modeBarButtons": [["toImage"]]}


def _safe(text: str, width: int = 80, limit: int = 600) -> str:
    """Escape corpus text for a plotly label and wrap it with ``<br>``."""
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    lines = textwrap.wrap(text, width) or [""]
    return "<br>".join(html.escape(line, quote=True) for line in lines)


def _layout(**kwargs: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "font": _FONT,
        "paper_bgcolor": "#ffffff",
        "plot_bgcolor": "#ffffff",
        "margin": {"l": 10, "r": 10, "t": 40, "b": 10},
        "hoverlabel": {"align": "left", "font": {"size": 12}},
        "legend": {
            "orientation": "h",
            "y": 1.02,
            "yanchor": "bottom",
            "x": 0,
            "traceorder": "normal",
        },
    }
    base.update(kwargs)
    for axis in ("xaxis", "yaxis"):
        base[axis] = {
            "automargin": True,
            "gridcolor": "#e9edf2",
            "zeroline": False,
            **base.get(axis, {}),
        }
    return base


def figure_html(figure: Figure, div_id: str) -> str:
    """The figure as an HTML fragment (a div and its script), without plotly.js."""
    return str(
        pio.to_html(
            figure,
            full_html=False,
            include_plotlyjs=False,
            div_id=div_id,
            config=_CONFIG,
            validate=False,
        )
    )


def _trace(kind: str, **props: Any) -> dict[str, Any]:
    return {"type": kind, **props}


def _figure(data: dict[str, Any] | list[dict[str, Any]], *, layout: dict[str, Any]) -> Figure:
    return {"data": data if isinstance(data, list) else [data], "layout": layout}


def _names(corpus: Corpus, ids: Sequence[str]) -> list[str]:
    names = {p.id: p.name for p in corpus.parties}
    return [names.get(i, i) for i in ids]


def _clip(text: str, width: int = 160) -> str:
    return text if len(text) <= width else text[:width].rsplit(" ", 1)[0] + "…"


def acceptability_heatmap(
    corpus: Corpus, agreement: Agreement, matrix: AcceptabilityMatrix
) -> Figure:
    """Party x provision heatmap of verdicts; hover shows the reason and the first quote.

    Cell marks: ``✖`` deal-breaker, ``A`` assumed, ``D`` disputed, ``V`` a variant differs.
    """
    n_cols = len(matrix.labels)
    titles = {p.label: short_title(p.text, 4) for p in agreement.provisions}
    marks: list[list[str]] = []
    hover: list[list[list[str]]] = []
    for i, party in enumerate(matrix.parties):
        row_marks, row_hover = [], []
        for cell in matrix.cells[i * n_cols : (i + 1) * n_cols]:
            mark = "".join(
                m
                for m, on in (
                    ("✖", cell.deal_breaker),
                    ("A", cell.assumed),
                    ("D", cell.disputed),
                    ("V", cell.variant_differs),
                )
                if on
            )
            # The verdict's symbol is printed in the cell: readable without colour or hover.
            row_marks.append(VERDICT_MARKS[cell.verdict] + mark)
            quote = cell.evidence[0] if cell.evidence else None
            if cell.verdict == "unknown" and not cell.variant_differs:  # keeps the page small
                row_hover.append(["", html.escape(cell.label), "unknown", ""])
                continue
            support = (
                f"“{_safe(_clip(quote.quote))}”<br><i>{html.escape(quote.source)}</i>"
                if quote is not None
                else ("<i>assumption, no quote</i>" if cell.assumed else "")
            )
            extra = [f"<b>{html.escape(cell.verdict.upper())}</b>", _safe(cell.reason)]
            if cell.deal_breaker:
                extra.append("<b>deal-breaker</b>: the provision needs this party's consent")
            for v in cell.variants:
                if v.verdict != cell.verdict:
                    extra.append(f"variant {v.index + 1}: {html.escape(v.verdict)}")
            row_hover.append(
                [
                    html.escape(_names(corpus, [party])[0]),
                    html.escape(f"{cell.label} {titles[cell.label]}"),
                    "<br>".join(extra),
                    support,
                ]
            )
        marks.append(row_marks)
        hover.append(row_hover)
    n = len(VERDICTS)
    scale: list[list[float | str]] = []
    for k, verdict in enumerate(VERDICTS):
        scale += [[k / n, VERDICT_COLOURS[verdict]], [(k + 1) / n, VERDICT_COLOURS[verdict]]]
    heatmap = _trace(
        "heatmap",
        z=matrix.codes.tolist(),
        x=list(matrix.labels),
        y=[html.escape(n) for n in _names(corpus, matrix.parties)],
        zmin=-0.5,
        zmax=n - 0.5,
        colorscale=scale,
        xgap=2,
        ygap=2,
        text=marks,
        texttemplate="%{text}",
        textfont={"size": 11, "color": "#111"},
        customdata=hover,
        hovertemplate=(
            "<b>%{y}</b><br>%{customdata[1]}<br><br>%{customdata[2]}"
            "<br><br>%{customdata[3]}<extra></extra>"
        ),
        colorbar={
            "tickvals": list(range(n)),
            "ticktext": list(VERDICTS),
            "thickness": 14,
            "len": min(1.0, max(0.5, 0.12 * len(matrix.parties))),
            "outlinewidth": 0,
        },
    )
    height = 260 + 30 * max(len(matrix.parties), 3)
    return _figure(
        heatmap,
        layout=_layout(
            height=height,
            xaxis={
                "type": "category",
                "side": "top",
                "tickvals": list(matrix.labels),
                "ticktext": [html.escape(f"{x} {titles[x]}") for x in matrix.labels],
                "tickangle": -60,
                "tickfont": {"size": 10 if n_cols > 20 else 11},
                "automargin": True,
            },
            yaxis={"type": "category", "autorange": "reversed", "automargin": True},
            margin={"l": 10, "r": 10, "t": 40, "b": 10},
        ),
    )


def bearer_chart(corpus: Corpus, deps: AgreementDeps) -> Figure:
    """Provisions per bearer, coloured by whether the bearer drafted and is at the table."""
    counts: dict[str, int] = {}
    drafted: dict[str, bool] = {}
    outside: dict[str, bool] = {}
    for p in deps.provisions:
        for b in p.bearers:
            counts[b] = counts.get(b, 0) + 1
            drafted[b] = b in p.drafters
            outside[b] = b in p.outside_parties
    ordered = sorted(counts, key=lambda b: (-counts[b], b))
    groups = (
        ("drafted the text", "#1f5fa8", [b for b in ordered if drafted[b]]),
        (
            "at the table, did not draft",
            "#e07b00",
            [b for b in ordered if not drafted[b] and not outside[b]],
        ),
        ("outside the talks", "#6a3d9a", [b for b in ordered if outside[b]]),
    )
    traces = [
        _trace(
            "bar",
            name=name,
            x=[counts[b] for b in members],
            y=[html.escape(n) for n in _names(corpus, members)],
            orientation="h",
            marker={"color": colour},
            hovertemplate="%{y}: %{x} provision(s)<extra>" + name + "</extra>",
        )
        for name, colour, members in groups
        if members
    ]
    return _figure(
        traces,
        layout=_layout(
            height=90 + 24 * max(len(ordered), 3),
            barmode="stack",
            xaxis={"title": "provisions that name the party as a bearer", "dtick": 1},
            yaxis={
                "type": "category",
                "categoryorder": "array",
                "categoryarray": [html.escape(n) for n in _names(corpus, ordered)][::-1],
            },
        ),
    )


def verdict_mix_chart(
    corpus: Corpus, matrices: Sequence[tuple[Agreement, AcceptabilityMatrix]]
) -> Figure:
    """Share of party x provision cells of each verdict, one stacked bar per agreement."""
    names = [html.escape(a.title) for a, _ in matrices]
    totals = [max(m.codes.size, 1) for _, m in matrices]
    traces = []
    for k, verdict in enumerate(VERDICTS):
        counts = [int((m.codes == k).sum()) for _, m in matrices]
        traces.append(
            _trace(
                "bar",
                name=verdict,
                y=names,
                x=[100 * c / t for c, t in zip(counts, totals, strict=True)],
                customdata=counts,
                orientation="h",
                marker={"color": VERDICT_COLOURS[verdict]},
                hovertemplate="%{y}<br>"
                + verdict
                + ": %{customdata} cell(s), %{x:.0f} %<extra></extra>",
            )
        )
    return _figure(
        traces,
        layout=_layout(
            height=130 + 40 * max(len(matrices), 2),
            barmode="stack",
            xaxis={"title": "% of party x provision cells", "range": [0, 100]},
            yaxis={"type": "category", "autorange": "reversed"},
        ),
    )


def rejections_chart(
    corpus: Corpus, matrices: Sequence[tuple[Agreement, AcceptabilityMatrix]]
) -> Figure:
    """Provisions each party rejects, one bar group per party, one colour per agreement."""
    parties: list[str] = []
    for _, m in matrices:
        parties += [p for p in m.parties if p not in parties]
    palette = ["#1f5fa8", "#e07b00", "#2a9d8f", "#6a3d9a", "#b5651d", "#4d4d4d"]
    traces = []
    for k, (agreement, m) in enumerate(matrices):
        rejects = {s.party: s.n_rejects for s in m.summaries()}
        breakers = {s.party: len(s.deal_breakers) for s in m.summaries()}
        traces.append(
            _trace(
                "bar",
                name=html.escape(agreement.title),
                x=[html.escape(n) for n in _names(corpus, parties)],
                y=[rejects.get(p, 0) for p in parties],
                customdata=[breakers.get(p, 0) for p in parties],
                marker={"color": palette[k % len(palette)]},
                hovertemplate=(
                    "%{x}: rejects %{y} provision(s), %{customdata} deal-breaker(s)"
                    "<extra>%{fullData.name}</extra>"
                ),
            )
        )
    return _figure(
        traces,
        layout=_layout(
            height=340,
            barmode="group",
            yaxis={"title": "provisions rejected", "dtick": 1, "rangemode": "tozero"},
            xaxis={"type": "category"},
        ),
    )
