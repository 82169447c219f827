"""The census summary as one self-contained static HTML page: inline CSS, inline SVG charts
(osai.formatters.svg), no script, nothing fetched at view time (a Content-Security-Policy says
so to the browser as well).

Pure.  Every string from the data is HTML-escaped: data is never markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from html import escape

from osai.census.summary import (
    LICENCE_CLASSES,
    CensusSummary,
    Count,
    FrameworkCounts,
    Month,
    dated_months,
    one_month_sentence,
    undated_note,
)
from osai.formatters.census_markdown import (
    COUNT_COLUMNS,
    COUNT_NUMERIC,
    DEEP_COLUMNS,
    DEEP_NUMERIC,
    NO_MODELS,
    RANKED_NUMERIC,
    Markup,
    count_rows,
    deep_heading,
    deep_kept_line,
    deep_lead,
    deep_rows,
    derivatives_checked,
    derivatives_declared,
    licence_headline,
    metadata_only,
    metadata_tables,
    number,
    overview_items,
    share,
)
from osai.formatters.svg import Bar, Stack, horizontal_bars, stacked_bars, stacked_columns

STYLE = """
body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:2rem auto;max-width:62rem;
color:#1d232a;line-height:1.45;padding:0 1rem}
h1{margin-bottom:.2rem}h2{border-bottom:1px solid #ccd;padding-bottom:.2rem;margin-top:2.2rem}
.note{background:#f3f5f8;border-left:4px solid #3b6ea5;padding:.6rem .9rem}
table{border-collapse:collapse;width:100%;font-size:.9rem;margin:.6rem 0 1rem}
th,td{border-bottom:1px solid #dde;padding:.25rem .45rem;text-align:left;vertical-align:top}
th{background:#f3f5f8}.n{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
figure{margin:1rem 0}figcaption{font-weight:600;margin-bottom:.3rem}
code{font-size:.85rem;overflow-wrap:anywhere}ul.evidence{margin:0;padding-left:1rem}
ul.evidence,.data{overflow-wrap:anywhere}
.wide,.chart{overflow-x:auto}svg{max-width:100%;min-width:40rem;height:auto}
"""
# Quoted data (a model's name in a claim's evidence, a licence string) may be one long word: it
# breaks anywhere, as a model id in <code> does, or one such word set its column's least width
# and squeezed the others (the ids broke every six characters, the licences ran off the box).
# A chart scales down with the page only so far: at a phone's 400 px its 12 px labels were
# drawn at 6 px; below 40rem (labels at 10 px) it scrolls in its own box, as a table does.
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


def render_census_html(summary: CensusSummary) -> str:
    if not summary.models:
        return _page(["<h1>Hub census</h1>", _overview(summary), f"<p>{escape(NO_MODELS)}</p>"])
    sections = [
        "<h1>Hub census</h1>",
        _overview(summary),
        f'<p class="note">{metadata_only(summary, _code)}</p>',
        "<h2>Verdicts per framework</h2>",
        f"<p>{escape(metadata_tables(summary))}</p>" if summary.deep_models else "",
        *(_verdicts(framework, summary) for framework in summary.frameworks),
        _deep(summary),
        "<h2>Licences</h2>",
        _licences(summary),
        '<h2 id="open-washing-candidates">Open-washing candidates</h2>',
        _claims(summary),
        _lineage(summary),
        "<h2>Change over time (by creation month)</h2>",
        _months(summary),
    ]
    return _page(sections)


def _page(sections: Sequence[str]) -> str:
    body = "\n".join(section for section in sections if section)
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>Hub census</title><style>{STYLE}</style></head>\n"
        f"<body>\n{body}\n</body></html>\n"
    )


def _overview(summary: CensusSummary) -> str:
    markup = Markup(words=escape, data=escape, code=_code, strong=_strong)
    items = overview_items(summary, markup)
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


def _figure(name: str, caption: str, svg: str) -> str:
    return (
        f'<figure class="chart" data-chart="{escape(name)}">'
        f"<figcaption>{escape(caption)}</figcaption>{svg}</figure>"
    )


def _verdicts(framework: FrameworkCounts, summary: CensusSummary) -> str:
    labels = [c.label for c in framework.outcomes]
    stacks = [
        Stack("by models", tuple(float(c.models) for c in framework.outcomes)),
        Stack("by downloads", tuple(float(c.downloads) for c in framework.outcomes)),
    ]
    title = f"{framework.name}: verdicts by models and by downloads"
    chart = stacked_bars(stacks, labels, title=title)
    name = f"verdicts-{framework.framework}"
    return (
        f"<h3>{escape(framework.name)}</h3>"
        + _figure(name, title, chart)
        + _count_table("Verdict", framework.outcomes, summary)
    )


def _deep(summary: CensusSummary) -> str:
    if not summary.deep:
        return ""
    heading = f"The {deep_heading(summary.deep_models)} (<code>--deep</code>)"
    parts = [f"<h3>{heading}</h3>", f"<p>{deep_lead(_code)}</p>"]
    for framework in summary.deep:
        rows = deep_rows(framework.outcomes, escape)
        parts.append(
            f"<p>{escape(framework.name)}</p>" + _table(DEEP_COLUMNS, rows, numeric=DEEP_NUMERIC)
        )
    if summary.deep_kept:
        parts.append(f"<p>{deep_kept_line(summary.deep_kept, _code)}</p>")
    return "".join(parts)


def _licences(summary: CensusSummary) -> str:
    bars = [
        Bar(c.label, float(c.models), f"{c.models:,} ({share(c.models, summary.models)})")
        for c in summary.families
    ]
    families = _figure(
        "licence-families",
        "Licence families, by models",
        horizontal_bars(bars, title="Licence families"),
    )
    classes = summary.licence_classes
    stacks = [
        Stack("by models", tuple(float(c.models) for c in classes)),
        Stack("by downloads", tuple(float(c.downloads) for c in classes)),
    ]
    restriction = _figure(
        "licence-classes",
        "Licences by what they allow, by models and by downloads",
        stacked_bars(stacks, [c.label for c in classes], title="Licence classes"),
    )
    lead = f"<p>{licence_headline(summary, _code, _strong)}</p>"
    derived = derivatives_declared(summary.derived, _code)
    restriction += f"<p>{derived}</p>" if derived else ""
    return lead + families + restriction + _count_table("Licence family", summary.families, summary)


def _claims(summary: CensusSummary) -> str:
    heading = (
        "<h3>Claims to be open under a use-restricted or missing licence "
        f"({summary.claims_total:,})</h3>"
    )
    if not summary.claims:
        return heading + "<p>None found.</p>"
    rows = [
        [str(rank), f"<code>{escape(c.repo_id)}</code>", number(c.downloads), _evidence(c.evidence),
         _data(c.licence)]
        for rank, c in enumerate(summary.claims, start=1)
    ]  # fmt: skip
    headers = ["#", "Model", "Downloads", "Evidence", "Licence"]
    return heading + _table(headers, rows, numeric=RANKED_NUMERIC, table_id="open-washing")


def _lineage(summary: CensusSummary) -> str:
    heading = (
        "<h3>Derivatives declaring a licence their base model's licence does not allow "
        f"({summary.lineage_total:,})</h3>"
    )
    lead = f"<p>{derivatives_checked(summary)} Rule: {escape(summary.lineage_basis)}</p>"
    if not summary.lineage:
        return heading + lead + "<p>None found.</p>"
    rows = [
        [str(rank), f"<code>{escape(c.repo_id)}</code>", number(c.downloads), _evidence(c.evidence)]
        for rank, c in enumerate(summary.lineage, start=1)
    ]
    headers = ["#", "Derivative", "Downloads", "Evidence"]
    return (
        heading + lead + _table(headers, rows, numeric=RANKED_NUMERIC, table_id="licence-lineage")
    )


def _months(summary: CensusSummary) -> str:
    dated = dated_months(summary.months)
    said = undated_note(summary.months)  # the Markdown's words too
    note = f"<p>{escape(said)}</p>" if said else ""
    if len(dated) < 2:  # no change to show: say what is known, never more
        return note + f"<p>{escape(one_month_sentence(summary.months, known_only=True))}</p>"
    columns = _calendar(dated)
    counts = _figure(
        "months",
        "Models created per month, by licence class",
        stacked_columns(columns, LICENCE_CLASSES, title="Models created per month"),
    )
    shares = _figure(
        "months-share",
        "Share of each licence class among the models created each month",
        stacked_columns(columns, LICENCE_CLASSES, title="Licence classes per month", shares=True),
    )
    return note + counts + shares


def _calendar(dated: Sequence[Month]) -> list[Stack]:
    """A column for every month from the first to the last, one in which no model was created
    an empty column: the chart's axis is time, and a month with none left out drew its
    neighbours side by side (2022-07 beside 2022-09), an unbroken run where there was a gap."""
    by_month = {m.month: tuple(float(c.models) for c in m.counts) for m in dated}
    none = (0.0,) * len(LICENCE_CLASSES)
    first, last = _month_number(min(by_month)), _month_number(max(by_month))
    names = (f"{number // 12:04d}-{number % 12 + 1:02d}" for number in range(first, last + 1))
    return [Stack(name, by_month.get(name, none)) for name in names]


def _month_number(month: str) -> int:
    """``2023-07`` as months since year 0 (January 0 is 0)."""
    year, number = month.split("-")
    return int(year) * 12 + int(number) - 1


def _evidence(lines: Sequence[str]) -> str:
    return '<ul class="evidence">' + "".join(f"<li>{escape(line)}</li>" for line in lines) + "</ul>"


def _count_table(header: str, counts: Sequence[Count], summary: CensusSummary) -> str:
    rows = count_rows(counts, summary, escape)
    return _table([header, *COUNT_COLUMNS], rows, numeric=COUNT_NUMERIC)


def _table(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    numeric: AbstractSet[int] = frozenset(),
    table_id: str = "",
) -> str:
    """Cells are HTML already (escaped by the caller).  The columns `numeric` (by index) align
    right, their header with them, whatever a cell holds ("n/a", "unknown"): a column is read
    down its right edge, not cell by cell."""
    attribute = f' id="{table_id}"' if table_id else ""
    head = "".join(_cell("th", escape(h), i in numeric) for i, h in enumerate(headers))
    body = "".join(
        "<tr>" + "".join(_cell("td", value, i in numeric) for i, value in enumerate(row)) + "</tr>"
        for row in rows
    )
    table = f"<table{attribute}><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    return f'<div class="wide">{table}</div>'  # scrolls in its own box on a narrow screen


def _cell(tag: str, value: str, numeric: bool) -> str:
    return f'<{tag} class="n">{value}</{tag}>' if numeric else f"<{tag}>{value}</{tag}>"


def _data(text: str) -> str:
    return f'<span class="data">{escape(text)}</span>'


def _code(name: str) -> str:
    return f"<code>{escape(name)}</code>"


def _strong(figure: str) -> str:
    return f"<strong>{escape(figure)}</strong>"
