"""The HTML report: self-contained, complete, and every piece of corpus text escaped (checked in
the markup and in a real headless browser)."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markupsafe import escape

from accords import load_corpus
from accords.report import build_report_data, render_html, version_pairs, word_diff, write_html

KESSEL = Path(__file__).resolve().parents[1] / "corpora" / "kessel-2031"
SCRIPT = "<script>alert(1)</script>"
IMG = """<img src=x onerror="document.body.setAttribute('data-pwned','1')">"""
TITLE = "<script>document.title='PWNED'</script>"
FIXED = datetime(2031, 3, 15, 12, 0, tzinfo=UTC)


def hostile_corpus(root: Path) -> Path:
    """The Kessel corpus with markup in quotes, source text, names, titles and a javascript: URL."""
    target = root / "hostile"
    shutil.copytree(KESSEL, target)

    def edit(name: str, old: str, new: str) -> None:
        path = target / name
        text = path.read_text(encoding="utf-8")
        assert old in text, (name, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    edit(
        "sources/corvia-draft-leak.txt",
        "Both sides would exchange",
        f"Payload one {SCRIPT} two {IMG} three {TITLE} end.\n\nBoth sides would exchange",
    )
    edit(
        "agreements/kessel-draft.yaml",
        "    text: Frell guarantees the new line.\n",
        f"    text: 'Frell guarantees the new line. {SCRIPT}'\n",
    )
    edit(
        "agreements/kessel-draft.yaml",
        "        quote: Frell, which borders both countries, would guarantee the new line\n",
        "        quote: Frell, which borders both countries, would guarantee the new line\n"
        "      - source: corvia-draft-leak\n"
        f"        quote: '{SCRIPT} two {IMG.replace(chr(39), 2 * chr(39))}'\n",
    )
    edit(
        "stances.yaml",
        "stances:\n",
        "stances:\n  - party: frell\n    issue: summit-membership\n    red_lines: [readmitted]\n"
        f"    evidence:\n      - source: corvia-draft-leak\n        quote: '{SCRIPT}'\n"
        f'      - source: corvia-draft-leak\n        quote: "{TITLE}"\n',
    )
    edit("parties.yaml", "name: Frell,", f"name: 'Frell {SCRIPT}',")
    edit(
        "issues.yaml", "description: Brask is readmitted}", f"description: 'readmitted {SCRIPT}'}}"
    )
    edit("issues.yaml", "title: Brask in the Summit of Five", f"title: 'Summit {SCRIPT}'")
    edit(
        "sources.yaml",
        "    url: https://example.org/courier/kessel-draft",
        f"    url: 'javascript:alert(1)'\n    notes: '{SCRIPT}'",
    )
    edit("sources.yaml", "title: Leaked Corvian draft", f"title: '{SCRIPT} Leaked Corvian draft")
    edit("sources.yaml", "would freeze the Kessel front\n", "would freeze the Kessel front'\n")
    edit("corpus.yaml", "title: Kessel valley", f"title: '{SCRIPT}' # Kessel valley")
    return target


@pytest.fixture(scope="module")
def kessel_page() -> tuple[str, int]:
    return render_html(build_report_data(load_corpus(KESSEL)), generated=FIXED)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    corpus = load_corpus(hostile_corpus(tmp_path_factory.mktemp("xss")))
    out = tmp_path_factory.mktemp("out") / "report.html"
    write_html(build_report_data(corpus), out, generated=FIXED)
    return out, out.read_text(encoding="utf-8")


def test_hostile_corpus_loads_and_carries_the_payloads(hostile: tuple[Path, str]) -> None:
    _, page = hostile
    # every payload reached the page, as text
    assert page.count(str(escape(SCRIPT))) >= 8  # names, titles, quotes, text, notes
    assert str(escape(IMG)) in page
    assert str(escape(TITLE)) in page


@pytest.mark.parametrize("payload", [SCRIPT, IMG, TITLE, 'onerror="document'], ids=str)
def test_payload_never_appears_unescaped(hostile: tuple[Path, str], payload: str) -> None:
    _, page = hostile
    assert payload not in page


def test_only_safe_links(hostile: tuple[Path, str]) -> None:
    _, page = hostile
    markup = re.sub(r"<script[^>]*>.*?</script>", "", page, flags=re.S)  # drop plotly.js
    hrefs = re.findall(r'href="([^"]*)"', markup)
    assert hrefs
    assert all(h.startswith(("#", "http://", "https://")) for h in hrefs), hrefs
    assert "javascript:alert(1)" in markup  # shown as text, not as a link
    assert 'href="javascript' not in markup


def test_self_contained(kessel_page: tuple[str, int]) -> None:
    page, n_charts = kessel_page
    assert not re.search(r"<script[^>]+src=", page)
    assert not re.search(r"<link[^>]+stylesheet", page)
    assert "@import" not in page
    assert "url(http" not in page
    scripts = re.findall(r"<script[^>]*>(.*?)</script>", page, flags=re.S)
    assert sum(len(s) > 1_000_000 for s in scripts) == 1  # plotly.js, inlined once
    assert page.count("Plotly.newPlot(") == n_charts == 6


def test_report_content(kessel_page: tuple[str, int]) -> None:
    page, _ = kessel_page
    corpus = load_corpus(KESSEL)
    for agreement in corpus.agreements:
        assert f'id="{agreement.id}"' in page
        assert f'id="heatmap-{agreement.id}"' in page
        for p in agreement.provisions:
            assert f'id="{agreement.id}-p-{p.label}"' in page
            for e in p.evidence:
                assert str(escape(e.quote)) in page
            for v in p.variants:
                assert str(escape(v.text)) in page
    for source in corpus.sources:
        assert f'id="src-{source.id}"' in page
    assert 'id="diff-kessel-draft-kessel-union-counter"' in page
    assert "<del>" in page
    assert "<ins>" in page
    assert "Vetoed:" in page
    assert "generated 2031-03-15 12:00 UTC" in page


def test_same_input_same_page(kessel_page: tuple[str, int]) -> None:
    again, _ = render_html(build_report_data(load_corpus(KESSEL)), generated=FIXED)
    assert again == kessel_page[0]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("a b c", "a b c", [("eq", "a b c")]),
        ("a b c", "a x c", [("eq", "a "), ("del", "b "), ("ins", "x "), ("eq", "c")]),
        ("", "new text", [("ins", "new text")]),
        ("<b> x", "<b> y", [("eq", "<b> "), ("del", "x"), ("ins", "y")]),
    ],
    ids=["same", "replace", "from-empty", "markup-kept-raw"],
)
def test_word_diff(old: str, new: str, expected: list[tuple[str, str]]) -> None:
    assert word_diff(old, new) == expected
    assert "".join(t for op, t in expected if op != "del") == new


def test_version_pairs_follow_derived_from() -> None:
    assert version_pairs(load_corpus(KESSEL)) == (("kessel-draft", "kessel-union-counter"),)


# ---- a real browser --------------------------------------------------------------------------


class _Dom(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[str] = []
        self.attrs: list[tuple[str, dict[str, str | None]]] = []
        self._in_script = False
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.attrs.append((tag, dict(attrs)))
        self._in_script = tag == "script"
        self._in_title = tag == "title"
        if self._in_script:
            self.scripts.append("")

    def handle_endtag(self, tag: str) -> None:
        self._in_script = self._in_script and tag != "script"
        self._in_title = self._in_title and tag != "title"

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts[-1] += data
        if self._in_title:
            self.title += data


def test_headless_chromium_renders_text_not_markup(hostile: tuple[Path, str]) -> None:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        pytest.skip("chromium is not installed (apt-get install -y chromium)")
    path, _ = hostile
    result = subprocess.run(
        [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--virtual-time-budget=5000",
            "--dump-dom",
            path.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    dom = _Dom()
    dom.feed(result.stdout)
    # the injected scripts did not run and did not become elements
    assert "PWNED" not in dom.title
    assert not any("data-pwned" in attrs for _, attrs in dom.attrs)
    assert not any(tag == "img" for tag, _ in dom.attrs)
    # only plotly.js, the page's own script and one script per chart; chart data carries the
    # payload entity-escaped
    assert len(dom.scripts) == 2 + 6
    assert not any(s.strip() in {"alert(1)", "document.title='PWNED'"} for s in dom.scripts)
    assert all(SCRIPT not in s for s in dom.scripts)
    # plotly.js ran offline and drew the charts
    classes = " ".join(a.get("class") or "" for _, a in dom.attrs)
    assert classes.count("js-plotly-plot") == 6
    assert "main-svg" in classes
    # the payload is there, as text, in the page and in the chart labels plotly drew
    assert html.escape(SCRIPT, quote=False) in result.stdout
    tick = re.search(r'data-unformatted="Frell [^"]*"[^>]*>([^<]*)</text>', result.stdout)
    assert tick is not None
    assert tick.group(1) == html.escape(f"Frell {SCRIPT}", quote=False)
