"""Page weight budgets (issue 6), measured by tools/weight.py.

- Bytes: the home page and a content page of each language transfer at most
  250 kB on a first load with gzip on (the stock theme: ~915 kB), load no
  Font Awesome script or font, nothing from another host, and the search
  scripts only on the search page.
- Lighthouse's scores are figures of the benchmark (``make bench``), not tests:
  its one signal the tests would lack, console errors, the browser tests
  assert on every page (tests/test_browser.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest

import weight  # noqa: E402  (tools/weight.py)

PAGES = weight.pages()


@pytest.mark.parametrize("page", PAGES)
def test_first_load_stays_within_the_budget(built_site: Path, page: str):
    result = weight.transfer_bytes(built_site, page)
    paths = [r["path"] for r in result["resources"]]
    assert not result["missing"], f"{page} loads files the site lacks: {result['missing']}"
    assert not result["external"], f"{page} loads from other hosts: {result['external']}"
    assert not [p for p in paths if "fontawesome" in p or "fa-solid" in p or "fa-brands" in p], paths
    assert result["bytes"] <= weight.BUDGET, (
        f"{page}: {result['bytes'] / 1000:.1f} kB on a first load (budget "
        f"{weight.BUDGET / 1000:.0f} kB); largest: "
        + ", ".join(
            f"{r['path']} {r['bytes'] / 1000:.1f}" for r in sorted(result["resources"], key=lambda r: -r["bytes"])[:5]
        )
    )


@pytest.mark.parametrize("page", PAGES)
def test_search_scripts_load_on_the_search_page_only(built_site: Path, page: str):
    paths = [r["path"] for r in weight.transfer_bytes(built_site, page)["resources"]]
    assert not [p for p in paths if p.endswith(("searchindex.js", "searchtools.js", "language_data.js"))], paths
    lang = page.split("/")[0]
    search = [r["path"] for r in weight.transfer_bytes(built_site, f"{lang}/search.html")["resources"]]
    assert f"{lang}/searchindex.js" in search and f"{lang}/_static/searchtools.js" in search


def test_the_css_icons_cover_every_icon_the_pages_use(built_site: Path):
    """Every fa- class of every page has its CSS icon (the build warns too)."""
    import re

    static = built_site / "en" / "_static"
    theme = (static / "styles" / "pydata-sphinx-theme.css").read_text(encoding="utf-8")
    assert "woff2" not in theme and "presskit.theme.icons" in theme
    css = (static / "presskit-icons.css").read_text(encoding="utf-8")
    used = set()
    for html in built_site.glob("*/**/*.html"):
        if "_static" in html.parts:
            continue
        for classes in re.findall(r'class="([^"]*\bfa-[^"]*)"', html.read_text(encoding="utf-8")):
            used |= {c for c in classes.split() if c.startswith("fa-")}
    from presskit.theme.icons import MODIFIERS

    icons = used - MODIFIERS
    assert {"fa-bars", "fa-magnifying-glass", "fa-sun", "fa-moon", "fa-file-pdf"} <= icons
    missing = [cls for cls in sorted(icons) if f".{cls}{{--presskit-icon:url(" not in css]
    assert not missing, f"icons without CSS: {missing}"
