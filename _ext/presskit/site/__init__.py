"""The website around the pages: languages, sharing, downloads, title card, stills, CSP."""


def setup(app):
    for name in ("downloads", "languages", "sharing", "card", "stills", "csp"):
        app.setup_extension(f"{__name__}.{name}")
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
