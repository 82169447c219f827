"""The census report in a real browser: Debian's chromium, headless, renders the page `osai census
report --html` writes (from a census of a synthetic population with a hostile card planted in it),
takes a screenshot and dumps the DOM: every chart is drawn and not empty, the open-washing table
is there, and the hostile card's markup arrived as text.  No network: the page fetches nothing
(chromium runs with background networking off, and the page's CSP allows nothing)."""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import struct
import subprocess
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from census_hub import run_census, serving
from census_population import Planted, Population, build_population
from clirunner import run_osai

HOSTILE = '<img src=x onerror="alert(1)"> Fully Open <script>alert(2)</script>'
# A Hub name may run to 96 characters with no space or hyphen: quoted in a claim's evidence, it
# is one word as long as the table is wide.
LONG_NAME = "planted/Open-" + "unbroken" * 10
CHROMIUM_FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
)  # fmt: skip
WIDTH, HEIGHT = 1280, 5200


@dataclass(frozen=True)
class Page:
    html: Path
    markdown: Path
    population: Population


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Page]:
    population = build_population(1000, seed=5)
    hostile = next(item for item in population.listed if item["id"] == "planted/free-chat-1b")
    hostile["cardData"]["model_name"] = HOSTILE
    llama = "planted/OpenLlama-3-8B-chat"
    template = next(item for item in population.listed if item["id"] == llama)
    population.listed.append({**template, "id": LONG_NAME, "sha": "f" * 40})
    population.planted.append(Planted(LONG_NAME, "claim", 'has the word "Open"'))
    folder = tmp_path_factory.mktemp("report")
    db = folder / "census.duckdb"
    with serving(population, page_size=250) as hub:
        result = run_census(hub, db, "--sort", "downloads", "--deep", "3")
        assert result.code == 0, result.stderr
    html, markdown = folder / "report.html", folder / "report.md"
    report = run_osai("census", "report", "--db", str(db), "--html", str(html), "--markdown",
                      str(markdown))  # fmt: skip
    assert report.code == 0, report.stderr
    yield Page(html, markdown, population)


@pytest.fixture(scope="module")
def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        pytest.skip(
            "chromium is not installed, and could not be (.ci/run installs it with apt-get)"
        )
    return found


def browse(chromium: str, profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Chromium with a fresh profile, its caches and config kept inside it (not in ~)."""
    env = {**os.environ, "XDG_CACHE_HOME": str(profile / "cache"),
           "XDG_CONFIG_HOME": str(profile / "config")}  # fmt: skip
    return subprocess.run(
        [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True, text=True, timeout=90, check=False, env=env,
    )  # fmt: skip


def test_every_chart_is_drawn_and_the_table_is_there(
    page: Page, chromium: str, tmp_path: Path
) -> None:
    done = browse(chromium, tmp_path / "profile", "--dump-dom", page.html.as_uri())
    assert done.returncode == 0, done.stderr[-2000:]
    dom = done.stdout
    figures = re.findall(r'<figure class="chart" data-chart="([^"]+)">(.*?)</figure>', dom, re.S)
    names = [name for name, _ in figures]
    assert names == [
        "verdicts-osaid", "verdicts-mof", "licence-families", "licence-classes", "months",
        "months-share",
    ]  # fmt: skip
    for name, figure in figures:
        assert "<svg" in figure, name
        shapes = re.findall(r'<rect [^>]*width="([\d.]+)"[^>]*height="([\d.]+)"', figure)
        assert any(float(w) > 1 and float(h) > 1 for w, h in shapes), name  # drawn, not empty
    table = re.search(r'<table id="open-washing">(.*?)</table>', dom, re.S)
    assert table is not None
    claims = [case.repo_id for case in page.population.planted if case.kind == "claim"]
    for repo_id in claims:
        assert f"<code>{repo_id}</code>" in table.group(1)
    assert len(re.findall(r"<tr>", table.group(1))) == len(claims) + 1  # and the header
    assert '<table id="licence-lineage">' in dom


def test_data_is_never_markup(page: Page, chromium: str, tmp_path: Path) -> None:
    done = browse(chromium, tmp_path / "profile", "--dump-dom", page.html.as_uri())
    dom = done.stdout
    assert "<img" not in dom and "<script" not in dom  # the card's markup did not become elements
    assert "&lt;img src=x onerror=" in dom and "&lt;script&gt;alert(2)&lt;/script&gt;" in dom
    markdown = page.markdown.read_text()
    assert not re.search(r"(?<!\\)<(img|script)", markdown)  # every < escaped
    assert "\\<img src=x onerror=" in markdown


def test_the_screenshot_shows_the_page(page: Page, chromium: str, tmp_path: Path) -> None:
    shot = tmp_path / "report.png"
    done = browse(
        chromium, tmp_path / "profile", f"--screenshot={shot}", f"--window-size={WIDTH},{HEIGHT}",
        page.html.as_uri(),
    )  # fmt: skip
    assert done.returncode == 0 and shot.is_file(), done.stderr[-2000:]
    width, height, pixels = png_pixels(shot.read_bytes())
    assert (width, height) == (WIDTH, HEIGHT)
    assert len(set(pixels[::7])) > 50  # text and coloured charts, not a blank page


# Run in the page (a copy, its Content-Security-Policy, which allows no script, taken out): where
# each table cell's content lies, and how the cell aligns it, as chromium laid the page out.
MEASURE = """<script>
const tables = [...document.querySelectorAll('table')].map(table => [...table.rows].map(
  row => [...row.cells].map(cell => {
    const range = document.createRange();
    range.selectNodeContents(cell);
    const box = range.getBoundingClientRect();
    return [getComputedStyle(cell).textAlign, box.left, box.right, cell.textContent];
  })));
const measured = document.createElement('pre');
measured.id = 'measured';
measured.textContent = JSON.stringify(tables);
document.body.appendChild(measured);
</script>"""
NUMERIC_HEADERS = {"#", "Models", "Share", "Downloads", "Share of downloads"}


def test_number_columns_align_right_under_their_header(
    page: Page, chromium: str, tmp_path: Path
) -> None:
    """Each column of numbers (counts, shares, downloads, ranks) is read down one right edge:
    its header's and every cell's content end at the same place, "n/a" and "unknown" among
    them.  The header of a share column was left-aligned above right-aligned numbers."""
    source = page.html.read_text(encoding="utf-8")
    scripted = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", source)
    measured_page = tmp_path / "measured.html"
    measured_page.write_text(scripted.replace("</body>", MEASURE + "</body>"), encoding="utf-8")
    done = browse(chromium, tmp_path / "profile", "--dump-dom", measured_page.as_uri())
    assert done.returncode == 0, done.stderr[-2000:]
    found = re.search(r'<pre id="measured">(.*?)</pre>', done.stdout, re.S)
    assert found is not None, done.stdout[-2000:]
    tables = json.loads(html.unescape(found.group(1)))
    shares = 0
    for table in tables:
        header, *body = table
        assert body, header
        for column, (align, left, right, name) in enumerate(header):
            cells = [row[column] for row in body]
            if name in NUMERIC_HEADERS:
                shares += name == "Share"
                assert {cell[0] for cell in cells} == {align} == {"right"}, (name, cells)
                ends = {round(cell[2]) for cell in cells}
                assert max(abs(end - right) for end in ends) < 1, (name, right, ends)
            else:
                assert {cell[0] for cell in cells} == {align} == {"left"}, (name, cells)
                assert max(abs(cell[1] - left) for cell in cells) < 1, (name, left, cells)
    assert shares >= 4  # the verdicts of each framework, the deep ones', the licence families


def png_pixels(data: bytes) -> tuple[int, int, bytes]:
    """A PNG's size and its (filtered) pixel bytes: enough to tell a drawing from a blank."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    position, width, height, compressed = 8, 0, 0, b""
    while position < len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind = data[position + 4 : position + 8]
        body = data[position + 8 : position + 8 + length]
        if kind == b"IHDR":
            width, height = struct.unpack(">II", body[:8])
        elif kind == b"IDAT":
            compressed += body
        position += 12 + length
    return width, height, zlib.decompress(compressed)


def test_the_markdown_states_each_licence_share_once(page: Page) -> None:
    """The headline share (no licence, or one unknown, other or custom) stands on its own line;
    the classes by what the licence allows follow as a list summing to all, the last two of
    them summing to the headline."""
    markdown = page.markdown.read_text()
    headline = r"^No licence, or licence unknown, .*: \*\*([\d.]+) ?%\*\* of models"
    lead = re.search(headline, markdown, re.M)
    assert lead, markdown
    listed = markdown.split("By what the licence allows:\n\n", 1)[1].split("\n\n", 1)[0]
    shares = [float(s) for s in re.findall(r"^- [^:]+: ([\d.]+) ?% of models", listed, re.M)]
    assert len(shares) == 4 and abs(sum(shares) - 100) < 0.5, listed
    assert abs(sum(shares[2:]) - float(lead.group(1))) < 0.15, listed
    assert "- Unknown or other" not in markdown


def test_the_markdown_and_the_page_head_the_open_washing_table_alike(page: Page) -> None:
    """The page headed the column of what shows a model's claim "Evidence", the Markdown
    "Claims": one table, two names, each built in its own renderer."""
    html = page.html.read_text()
    table = re.search(r'<table id="open-washing">(.*?)</table>', html, re.S)
    assert table is not None
    headers = [
        re.sub(r"<[^>]+>", "", h).strip()
        for h in re.findall(r"<th[^>]*>(.*?)</th>", table.group(1))
    ]
    markdown = page.markdown.read_text().split("### Claims to be open", 1)[1]
    header_row = next(line for line in markdown.splitlines() if line.startswith("| #"))
    assert [cell.strip() for cell in header_row.strip("|").split("|")] == headers
    assert "Evidence" in headers


# Run in the page (its CSP taken out, as above): the page's widest box against the window's width.
OVERFLOW = """<script>
const wide = [...document.querySelectorAll('body *')]
  .filter(element => element.getBoundingClientRect().right > window.innerWidth + 1)
  .map(element => element.tagName + (element.id ? '#' + element.id : ''));
const measured = document.createElement('pre');
measured.id = 'measured';
measured.textContent = JSON.stringify([window.innerWidth,
  document.documentElement.scrollWidth, [...new Set(wide)].slice(0, 12)]);
document.body.appendChild(measured);
</script>"""


def test_the_page_fits_a_phones_width(page: Page, chromium: str, tmp_path: Path) -> None:
    """Read on a phone (400 px), the page ran off its right edge (wide tables and charts), so
    the whole page scrolled sideways; a wide table or chart scrolls in its own box instead."""
    source = page.html.read_text(encoding="utf-8")
    scripted = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", source)
    measured_page = tmp_path / "narrow.html"
    measured_page.write_text(scripted.replace("</body>", OVERFLOW + "</body>"), encoding="utf-8")
    done = browse(
        chromium, tmp_path / "profile", "--window-size=400,900", "--dump-dom",
        measured_page.as_uri(),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    found = re.search(r'<pre id="measured">(.*?)</pre>', done.stdout, re.S)
    assert found is not None, done.stdout[-2000:]
    inner, scrolled, wide = json.loads(html.unescape(found.group(1)))
    assert scrolled <= inner, (inner, scrolled, wide)


def measured(page: Page, chromium: str, tmp_path: Path, script: str, width: int) -> Any:
    """What `script` (run in a copy of the page, its CSP taken out) put in <pre id="measured">,
    the page laid out by chromium in a window `width` px wide."""
    source = page.html.read_text(encoding="utf-8")
    scripted = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", source)
    measured_page = tmp_path / f"measured-{width}.html"
    measured_page.write_text(scripted.replace("</body>", script + "</body>"), encoding="utf-8")
    done = browse(
        chromium, tmp_path / "profile", f"--window-size={width},900", "--dump-dom",
        measured_page.as_uri(),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    found = re.search(r'<pre id="measured">(.*?)</pre>', done.stdout, re.S)
    assert found is not None, done.stdout[-2000:]
    return json.loads(html.unescape(found.group(1)))


CLAIMS_TABLE = """<script>
const table = document.getElementById('open-washing');
const ids = [...table.querySelectorAll('tbody tr td:nth-child(2) code')].map(
  code => [code.textContent, code.getClientRects().length]);
const measured = document.createElement('pre');
measured.id = 'measured';
measured.textContent = JSON.stringify([table.parentElement.clientWidth,
  table.getBoundingClientRect().width, ids]);
document.body.appendChild(measured);
</script>"""


def test_a_long_name_in_a_claim_leaves_the_table_readable(
    page: Page, chromium: str, tmp_path: Path
) -> None:
    """A model's 85-character name, one word, quoted in its claim's evidence set the Evidence
    column's least width: the table ran past its box at 1,000 px (the licences out of sight)
    and every other model id was squeezed into a column six characters wide, broken on each
    line.  Quoted data breaks anywhere, as the ids do."""
    box, width, ids = measured(page, chromium, tmp_path, CLAIMS_TABLE, 1000)
    assert width <= box + 1, (box, width)
    assert LONG_NAME in {name for name, _ in ids}
    broken = [(name, lines) for name, lines in ids if name != LONG_NAME and lines > 2]
    assert not broken, broken  # an ordinary id on a line or two, not cut every six characters


CHART_SCALES = """<script>
const scales = [...document.querySelectorAll('figure.chart svg')].map(
  svg => svg.getBoundingClientRect().width / svg.viewBox.baseVal.width);
const measured = document.createElement('pre');
measured.id = 'measured';
measured.textContent = JSON.stringify(scales);
document.body.appendChild(measured);
</script>"""


def test_a_charts_labels_stay_readable_on_a_phone(
    page: Page, chromium: str, tmp_path: Path
) -> None:
    """At a phone's 400 px each chart was scaled to the width, its 12 px labels drawn at 6 px:
    unreadable.  A chart scales down only so far (labels at 10 px), then scrolls in its own box;
    the page itself still fits (test_the_page_fits_a_phones_width)."""
    scales = measured(page, chromium, tmp_path, CHART_SCALES, 400)
    assert isinstance(scales, list) and len(scales) == 6, scales
    assert min(scales) * 12 >= 10, scales


TEXT_HEADERS = {"Verdict", "Licence family", "Model", "Evidence", "Licence", "Derivative",
                "Declares", "Base model", "Base licence", "Why", "Month"}  # fmt: skip


def test_the_markdown_aligns_number_columns_right(page: Page) -> None:
    """The page's columns of numbers align right, read down one edge; the Markdown's (the same
    tables, posted where GitHub renders them) were left-aligned: no `---:` rule."""
    from markdown_it import MarkdownIt

    rendered = MarkdownIt("commonmark").enable(["table"]).render(page.markdown.read_text())
    headers = re.findall(r'<th(?: style="text-align:(\w+)")?>(.*?)</th>', rendered)
    assert len({name for _, name in headers} & NUMERIC_HEADERS) == len(NUMERIC_HEADERS), headers
    for align, name in headers:
        assert align == ("" if name in TEXT_HEADERS else "right"), (name, align)


def test_a_month_with_no_model_created_is_an_empty_column(chromium: str, tmp_path: Path) -> None:
    """The chart of models created per month drew only the months in which some were: with
    none in February and March, January's column stood beside April's, an unbroken run where
    there was a gap (a census of one author's models has many such months).  Its axis is time:
    every month from the first to the last has its column, labelled."""
    from osai.census.summary import LICENCE_CLASSES, CensusSummary, Count, Month
    from osai.formatters.census_html import render_census_html

    def month(name: str, *models: int) -> Month:
        return Month(
            name, tuple(Count(c, n, 0) for c, n in zip(LICENCE_CLASSES, models, strict=True))
        )

    months = (month("2023-01", 1, 1, 0, 0), month("2023-04", 0, 0, 0, 1))
    summary = CensusSummary(
        3, 0, 3, None, (), (), 0, 0, 0, (), tuple(Count(c, 1, 0) for c in LICENCE_CLASSES),
        (), 0, (), 0, 0, 0, months, "",
    )  # fmt: skip
    page = tmp_path / "months.html"
    page.write_text(render_census_html(summary), encoding="utf-8")
    done = browse(chromium, tmp_path / "profile", "--dump-dom", page.as_uri())
    assert done.returncode == 0, done.stderr[-2000:]
    figure = re.search(r'data-chart="months">(.*?)</figure>', done.stdout, re.S)
    assert figure is not None, done.stdout[-2000:]
    labels = re.findall(r'<text [^>]*font-size="10"[^>]*>([^<]*)</text>', figure.group(1))
    assert labels == ["2023-01", "2023-02", "2023-03", "2023-04"]
