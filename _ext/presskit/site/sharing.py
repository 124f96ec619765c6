"""Sharing and search-engine metadata, in the page's language.

- Every page: Open Graph tags (``og:type`` ``video.movie``, title, description,
  locale and alternate locales, site name, ``og:url`` when the base URL is set)
  and ``<meta name="description">``.
- The home page of each language: a schema.org ``Movie`` as JSON-LD.

Nothing is typed here: facts come from ``presskit_facts`` (translated through
the ``facts`` catalogue, like the pages show them); a page's description is
its first paragraph of prose, trimmed at a word to what search engines show,
and the home page's (and the film's) is the logline (``.presskit-logline``);
both read from the translated doctrees; the reviews are the press quotes of
the data file.  ``og:locale`` is the language with its likely territory
(CLDR) unless ``presskit_territories`` (conf.py) names one.
"""

from __future__ import annotations

import json
import re
from html import escape
from typing import Any

from babel.core import Locale, get_global
from docutils import nodes
from sphinx.application import Sphinx

from ..facts import view
from ..facts.view import dash, voice
from .card import movie_image
from .languages import page_url

#: About as many characters of a description as search engines show.
DESCRIPTION_LENGTH = 160


def og_locale(lang: str, territories: dict[str, str]) -> str:
    """``ru`` → ``ru_RU``: Open Graph wants language_TERRITORY; the territory
    is the one ``territories`` gives (``{"en": "GB"}``) or CLDR's likely one."""
    locale = Locale.parse(get_global("likely_subtags").get(lang, lang))
    territory = territories.get(lang, locale.territory)
    return f"{locale.language}_{territory}" if territory else locale.language


def _codes(names: list[str], kind: str) -> list[str]:
    """English names of languages or countries (as the data file has them) →
    their codes (BCP 47 / ISO 3166), through CLDR's English names."""
    table = getattr(Locale("en"), kind)
    by_name = {v: k for k, v in table.items()}
    return [by_name.get(name, name) for name in names]


def logline(doctree: nodes.document) -> str:
    for para in doctree.findall(nodes.paragraph):
        if "presskit-logline" in para["classes"]:
            return " ".join(para.astext().split())
    return ""


def _doctree(app: Sphinx, docname: str) -> nodes.document:
    return app.env.get_doctree(docname)


def description(app: Sphinx) -> str:
    """The home page's logline, in the page's language."""
    return logline(_doctree(app, app.config.root_doc))


def first_paragraph(doctree: nodes.document) -> str:
    """The first paragraph of prose (in a section or a quotation, not in a
    table or list) as plain text on one line, or ``""``."""
    for para in doctree.findall(nodes.paragraph):
        if isinstance(para.parent, (nodes.section, nodes.block_quote)):
            return re.sub(r"[ \t\r\n]+", " ", para.astext()).strip()
    return ""


def trim(text: str, marks: str = "“”", limit: int = DESCRIPTION_LENGTH) -> str:
    """``text`` cut at the last space within ``limit`` characters, with "…";
    a quotation (in the language's ``marks``) cut short still closes: «… и…»."""
    if len(text) <= limit:
        return text
    short = text[: limit + 1].rsplit(" ", 1)[0].rstrip(" ,;:–—-") + "…"
    opening, closing = marks[:2]
    return short + closing if short.startswith(opening) and closing not in short else short


def page_description(app: Sphinx, pagename: str, doctree: nodes.document | None) -> str:
    """The page's own first paragraph; the logline on the home page and on a
    page without prose (the credits' table, the search page)."""
    if pagename != app.config.root_doc and doctree is not None and (text := first_paragraph(doctree)):
        return trim(text, app.config.presskit_quotation_marks.get(app.config.language, "“”"))
    return description(app)


def reviews(app: Sphinx) -> list[dict[str, Any]]:
    """The press quotes as schema.org Reviews, from the data file: the words
    as the page gives them (without quotation marks or markup)."""
    # Without the quotation marks around it, a quotation inside the quote takes
    # the outer marks: „900 дней“ becomes «900 дней».
    marks = app.config.presskit_quotation_marks.get(app.config.language, "")
    inner = re.compile(f"{marks[2]}([^{marks[2:4]}]*){marks[3]}") if len(marks) == 4 else None
    found = []
    for quote in view.quotes(app.config.presskit_facts, voice(app.config.language)):
        author: dict[str, Any] = {"@type": "Person", "name": quote.author}
        body = quote.text.replace("*", "")
        if inner:
            body = inner.sub(lambda m: marks[0] + m[1] + marks[1], body)
        review: dict[str, Any] = {"@type": "Review", "reviewBody": body, "author": author}
        if quote.outlet:
            review["publisher"] = {"@type": "Organization", "name": quote.outlet}
        else:
            author["affiliation"] = {"@type": "Organization", "name": quote.affiliation}
        found.append(review)
    return found


def movie(app: Sphinx, pagename: str) -> dict[str, Any]:
    facts = app.config.presskit_facts
    film, premiere = facts.film, facts.premiere
    _ = voice(app.config.language)
    name = view.title(facts, _)
    alternate = [t for t in dict.fromkeys([film.original_title, film.title]) if t != name]
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Movie",
        "@id": "#film",
        "name": name,
        "alternateName": alternate,
        "description": description(app),
        "genre": _(film.genre),
        "director": [{"@type": "Person", "name": _(person)} for person in facts.credits.director],
        "duration": f"PT{film.runtime_minutes}M",
        "inLanguage": _codes(film.spoken_languages, "languages"),
        "subtitleLanguage": _codes(film.subtitle_languages, "languages"),
        "countryOfOrigin": {
            "@type": "Country",
            "name": _(film.country),
            "identifier": _codes([film.country], "territories")[0],
        },
        "productionCompany": [
            {"@type": "Organization", "name": _(company)} for company in [film.production_company, *film.co_production]
        ],
        "dateCreated": str(film.year),
        "subjectOf": {
            "@type": "ScreeningEvent",
            "name": _("World premiere"),
            "startDate": premiere.date.isoformat(),
            "location": {
                "@type": "Place",
                "name": _(premiere.city),
                "address": {"@type": "PostalAddress", "addressLocality": _(premiere.city)},
            },
            "superEvent": {
                "@type": "Festival",
                "name": _(premiere.festival_name),
                "alternateName": _(premiere.festival),
            },
            "workPresented": {"@id": "#film"},
        },
        "review": reviews(app),
    }
    if app.config.presskit_base_url:
        data["url"] = page_url(app, pagename, app.config.language)
    data.update(movie_image(app))  # the poster or the title card (presskit.site.card)
    return data


def open_graph(app: Sphinx, pagename: str, page_title: str, text: str) -> str:
    facts = app.config.presskit_facts
    lang = app.config.language
    territories = app.config.presskit_territories
    site = view.title(facts, voice(lang))
    title = site if pagename == app.config.root_doc or not page_title else f"{page_title} {dash(app.config)} {site}"
    props = [
        ("og:type", "video.movie"),
        ("og:site_name", site),
        ("og:title", title),
        ("og:description", text),
        ("og:locale", og_locale(lang, territories)),
        *[
            ("og:locale:alternate", og_locale(code, territories))
            for code in app.config.presskit_languages
            if code != lang
        ],
        ("video:duration", str(facts.film.runtime_minutes * 60)),
        ("video:release_date", facts.premiere.date.isoformat()),
    ]
    if app.config.presskit_base_url:
        props.append(("og:url", page_url(app, pagename, lang)))
    tags = [f'<meta name="description" content="{escape(text)}" />'] if text else []
    tags += [f'<meta property="{p}" content="{escape(v)}" />' for p, v in props if v]
    return "\n".join(tags) + "\n"


#: What a script element's text must not hold as it is ("</script>", "<!--"
#: and entities): JSON's own escapes, so the text stays the same JSON.
_SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


def json_ld(data: dict[str, Any]) -> str:
    text = json.dumps(data, ensure_ascii=False, indent=1).translate(_SCRIPT_SAFE)
    return f'<script type="application/ld+json">\n{text}\n</script>\n'


def page_context(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    if app.builder.format != "html":
        return
    title = app.env.titles[pagename].astext() if pagename in app.env.titles else ""
    extra = open_graph(app, pagename, title, page_description(app, pagename, doctree))
    if pagename == app.config.root_doc:
        extra += json_ld(movie(app, pagename))
        # "Press kit — The Red Soul", not the film's title twice.
        # (The templates take the title as HTML, as Sphinx gives it.)
        context["title"] = escape(view.pdf_document(app.config.presskit_facts, voice(app.config.language)).kind)
    context["metatags"] = context.get("metatags", "") + extra
    # "Synopsis – De rode ziel": the language's dash (the templates' htmltitle).
    context["presskit_dash"] = dash(app.config)


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("presskit.site.languages")
    app.add_config_value("presskit_territories", {}, "html", types=[dict])
    app.connect("html-page-context", page_context)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
