"""Read the Docs: the kit as an English project with ru and nl translation
projects, each built by .readthedocs.yaml's own commands with RTD's variables."""

from __future__ import annotations

import os
import re
import subprocess

import pytest

from conftest import LANGUAGES, VENV, copy_project, read_html

HOST = "https://redsoul.readthedocs.io"


def job(yaml: str, name: str) -> list[str]:
    """The commands of ``build.jobs.build.<name>`` (html, pdf)."""
    block = re.search(rf"^      {name}:\n((?:        - .*\n)+)", yaml, re.M)
    return [line.strip()[2:] for line in block[1].splitlines()]


@pytest.fixture(scope="module")
def outputs(tmp_path_factory) -> dict:
    """Each language built as its own RTD project: {lang: $READTHEDOCS_OUTPUT}."""
    project = copy_project(tmp_path_factory.mktemp("rtd") / "project")
    yaml = (project / ".readthedocs.yaml").read_text()
    found = {}
    for lang in LANGUAGES:
        output = project.parent / f"output-{lang}"
        env = {
            **os.environ,
            "PATH": f"{VENV / 'bin'}:{os.environ['PATH']}",
            "READTHEDOCS": "True",
            "READTHEDOCS_LANGUAGE": lang,
            "READTHEDOCS_VERSION": "latest",
            "READTHEDOCS_CANONICAL_URL": f"{HOST}/{lang}/latest/",
            "READTHEDOCS_OUTPUT": str(output),
        }
        for command in job(yaml, "html") + job(yaml, "pdf"):
            run = subprocess.run(["bash", "-c", command], cwd=project, env=env, capture_output=True, text=True)
            assert run.returncode == 0, (command, run.stdout + run.stderr)
        found[lang] = output
    return found


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_project_has_its_pages_pdf_and_404_page(outputs, lang):
    html = outputs[lang] / "html"
    assert (html / "index.html").exists() and (html / "404.html").exists()
    assert len(list((outputs[lang] / "pdf").glob("*.pdf"))) == 1


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_downloads_page_links_every_languages_pdf_on_read_the_docs(outputs, lang):
    links = [a["href"] for a in read_html(outputs[lang] / "html", "press/downloads").select("ul.presskit-downloads a")]
    assert links == [f"{HOST}/_/downloads/{code}/latest/pdf/" for code in LANGUAGES]
    button = read_html(outputs[lang] / "html", "film/synopsis").select_one("a.btn-presskit-pdf-button")
    assert button["href"] == f"{HOST}/_/downloads/{lang}/latest/pdf/"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_base_url_comes_from_read_the_docs(outputs, lang):
    page = read_html(outputs[lang] / "html", "film/synopsis")
    assert page.select_one('link[rel="canonical"]')["href"] == f"{HOST}/{lang}/latest/film/synopsis.html"
    alternates = {link["hreflang"]: link["href"] for link in page.select('link[rel="alternate"][hreflang]')}
    for code in LANGUAGES:
        assert alternates[code] == f"{HOST}/{code}/latest/film/synopsis.html"
    switcher = {a["hreflang"]: a["href"] for a in page.select("nav.presskit-language-switcher a")}
    assert switcher[LANGUAGES[-1]] == f"{HOST}/{LANGUAGES[-1]}/latest/film/synopsis.html"
