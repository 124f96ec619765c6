"""A fourth language in one command: added in progress (built, previewable, not
offered), completed, then offered everywhere: switcher, entry page, hreflang,
sitemap and the nginx settings, served by a real nginx.

German is added once for the module (``added``); the tests that only read
what add-language wrote share that copy, the one that builds and translates
gets its own copy of it (``german``)."""

from __future__ import annotations

import http.client
import os
import subprocess
import sys
import urllib.request

import pytest
from babel.messages.pofile import read_po, write_po

from conftest import LANGUAGES, copy_project, make, read_html
from site_helpers import Nginx

BASE_URL = "https://presskit.example/"


def add_language(project, lang):
    return subprocess.run(
        [
            sys.executable,
            str(project / "tools" / "catalogs.py"),
            "add-language",
            lang,
            "--no-install",
            "--srcdir",
            str(project),
        ],
        capture_output=True,
        text=True,
    )


def make_published(project, *targets):
    """``make`` (or ``targets``) with a base URL, so that hreflang and the sitemap are written."""
    return make(project, *targets, env={**os.environ, "PRESSKIT_BASE_URL": BASE_URL})


def translate_everything(project, lang):
    """A fake, complete translation: every message given its English text."""
    for po in (project / "locale" / lang).rglob("*.po"):
        with po.open("rb") as f:
            catalog = read_po(f, locale=lang)
        for message in catalog:
            if message.id:
                message.string = message.id
        with po.open("wb") as f:
            write_po(f, catalog, width=79)


def offered(project) -> dict[str, bool]:
    """Where German is offered to readers, after a build."""
    site = project / "_build" / "site"
    home = read_html(site / "en", "index")
    return {
        "published": (site / "de" / "index.html").exists(),
        "switcher": bool(home.select('nav.presskit-language-switcher a[hreflang="de"]')),
        "hreflang": bool(home.select('link[rel="alternate"][hreflang="de"]')),
        "entry page": bool(read_html(site, "index").select('a[hreflang="de"]')),
        "sitemap": "/de/" in (site / "sitemap.xml").read_text(),
        "nginx": "(?<presskit_c>en|ru|nl|de)" in (project / "_build" / "nginx" / "nginx-maps.conf").read_text(),
    }


@pytest.fixture(scope="module")
def added(tmp_path_factory):
    """A copy with German added (read only: a test that changes it copies it)."""
    project = copy_project(tmp_path_factory.mktemp("german") / "project")
    result = add_language(project, "de")
    assert result.returncode == 0, result.stdout + result.stderr
    return project


@pytest.fixture
def german(added, tmp_path):
    """A copy of ``added``, free to change."""
    return copy_project(tmp_path / "project", srcdir=added)


def test_a_new_language_is_registered_in_progress_with_every_catalogue(added):
    german = added
    conf = (german / "conf.py").read_text()
    assert 'presskit_in_progress = {"de": "Deutsch"}' in conf
    for po in (german / "locale" / "ru").rglob("*.po"):
        assert (german / "locale" / "de" / po.relative_to(german / "locale" / "ru")).exists(), po
    progress = subprocess.run(
        [sys.executable, str(german / "tools" / "catalogs.py"), "progress", "--srcdir", str(german)],
        capture_output=True,
        text=True,
    )
    assert progress.returncode == 0, progress.stderr  # in progress: not a failure
    assert "de is in progress" in progress.stdout


def test_a_language_in_progress_is_built_but_offered_once_complete(german, tmp_path):
    # In progress: the website is enough to show it is built and not offered.
    result = make_published(german, "site")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "[html de] ok" in result.stdout
    assert (german / "_build" / "parts" / "de-html" / "index.html").exists()  # previewable
    assert not any(offered(german).values()), offered(german)
    for lang in LANGUAGES:
        assert (german / "_build" / "site" / lang / "index.html").exists()

    # Complete: `make` (website and PDF) offers it, and its PDF builds and is published.
    translate_everything(german, "de")
    result = make_published(german)
    assert result.returncode == 0, result.stdout + result.stderr
    where = offered(german)
    assert all(where.values()), where
    assert (german / "_build" / "site" / "de" / "the-red-soul-de.pdf").is_file()

    site = german / "_build" / "site"
    with Nginx(site, german / "_build" / "nginx", tmp_path / "nginx") as server:
        connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
        connection.request("GET", "/", headers={"Accept-Language": "de-AT, de;q=0.9, en;q=0.5"})
        response = connection.getresponse()
        assert response.status in (301, 302, 307) and response.headers["Location"].endswith("/de/")
        connection.close()
        with urllib.request.urlopen(server.url + "de/index.html") as page:
            assert page.status == 200


def test_an_unknown_language_code_is_refused(project):
    result = add_language(project, "xx-nonsense")
    assert result.returncode != 0 and "not a language code" in result.stderr


def test_read_the_docs_gets_every_languages_tex_packages(added):
    import langpackages

    yaml = (added / ".readthedocs.yaml").read_text()
    for code in (*LANGUAGES, "de"):
        tex = langpackages.PACKAGES[code][1]
        assert not tex or f"    - {tex}\n" in yaml, (code, tex)
