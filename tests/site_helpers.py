"""Serving the built site on localhost and driving Debian's Chromium.

Playwright's own browser download is not reachable from every machine, so the
tests launch the system's ``/usr/bin/chromium`` (``tools/system-deps.sh``
installs it) with the switches that keep it from calling Google's hosts.
"""

from __future__ import annotations

import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOCAL_HOSTS = {"127.0.0.1", "localhost"}


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args) -> None:  # noqa: A002
        pass


class SiteServer:
    """``site`` served on 127.0.0.1 at a free port, in a thread."""

    def __init__(self, site: Path) -> None:
        handler = functools.partial(QuietHandler, directory=str(site))
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> "SiteServer":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def is_local(url: str) -> bool:
    parts = urlsplit(url)
    # chrome:// and chrome-extension:// are the browser's own (its PDF viewer).
    internal = {"data", "blob", "about", "chrome", "chrome-extension"}
    return parts.scheme in internal or parts.hostname in LOCAL_HOSTS


class RequestLog:
    """Every request a browser context makes; requests to any other host are
    recorded and aborted, so that a test never reaches the outside."""

    def __init__(self) -> None:
        self.foreign: list[str] = []
        self.count = 0

    def attach(self, context) -> None:
        context.route("**/*", self._route)

    def _route(self, route) -> None:
        self.count += 1
        url = route.request.url
        if is_local(url):
            route.continue_()
        else:
            self.foreign.append(url)
            route.abort()
