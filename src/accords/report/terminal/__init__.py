"""Rich renderers for the terminal, one module per topic.

Each renderer takes a Rich console and a result (the same result whose ``to_record()`` is the
``--format json`` document) and prints it. Corpus text is always wrapped in
:class:`rich.text.Text`, so that ``[brackets]`` in a quote are printed, never read as markup.

The bargaining renderers (:mod:`accords.report.terminal.bargaining`) are imported from their
module, so that the analysis commands do not load the solver stack.
"""

from accords.report.terminal.analysis import (
    VERDICT_STYLES,
    VERDICT_SYMBOLS,
    render_acceptability,
    render_deps,
    render_diff,
    render_report_summary,
)
from accords.report.terminal.explore import (
    render_issue_profile,
    render_party_profile,
    render_search,
    render_source_profile,
    render_stance,
    render_stances,
)

__all__ = [
    "VERDICT_STYLES",
    "VERDICT_SYMBOLS",
    "render_acceptability",
    "render_deps",
    "render_diff",
    "render_issue_profile",
    "render_party_profile",
    "render_report_summary",
    "render_search",
    "render_source_profile",
    "render_stance",
    "render_stances",
]
