"""The themes, lighter and in the page's language: icons, scripts, interface strings."""


def setup(app):
    for name in ("strings", "icons", "scripts"):
        app.setup_extension(f"{__name__}.{name}")
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
