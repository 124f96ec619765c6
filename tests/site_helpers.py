"""Serving the built site on localhost (with gzip, as deploy/nginx.conf does) and
driving Debian's Chromium; the tests and the benchmark (bench/weight.py) share both.

Playwright's own browser download is not reachable from every machine, so the
tests launch the system's ``/usr/bin/chromium`` (``tools/system-deps.sh``
installs it) with the switches that keep it from calling Google's hosts.
"""

from __future__ import annotations

import functools
import gzip
import io
import mimetypes
import re
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
NGINX_CONF = Path(__file__).resolve().parent.parent / "deploy" / "nginx.conf"


def nginx_policy() -> str:
    """The Content-Security-Policy header deploy/nginx.conf sends with pages."""
    found = re.search(r'add_header Content-Security-Policy "([^"]*)"', NGINX_CONF.read_text(encoding="utf-8"))
    return found[1] if found else ""


POLICY = nginx_policy()


#: Content types a server compresses (deploy/nginx.conf's gzip_types, and HTML).
COMPRESSED = {
    "text/html", "text/css", "text/javascript", "application/javascript", "application/json",
    "application/xml", "image/svg+xml", "text/plain", "application/manifest+json",
}
GZIP_LEVEL = 6

mimetypes.add_type("text/javascript", ".js")
mimetypes.add_type("text/javascript", ".mjs")
mimetypes.add_type("font/woff2", ".woff2")
mimetypes.add_type("image/svg+xml", ".svg")


def content_type(path: Path) -> str:
    return mimetypes.guess_type(path.name)[0] or "application/octet-stream"


class _Handler(SimpleHTTPRequestHandler):
    """Static files, gzip-compressed (level 6) for text types when the client
    accepts it, pages with the Content-Security-Policy header, as
    deploy/nginx.conf serves them; HTTP/1.1 keep-alive."""

    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args) -> None:  # noqa: A002
        pass

    def send_head(self):  # noqa: ANN201
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the redirect to "dir/"
            path = path / "index.html"
        if not path.is_file():
            self.send_error(404, "Not found")
            return None
        data = path.read_bytes()
        ctype = content_type(path)
        gzipped = ctype in COMPRESSED and "gzip" in self.headers.get("Accept-Encoding", "")
        if gzipped:
            data = gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", f"{ctype}; charset=utf-8" if ctype.startswith("text/") else ctype)
        self.send_header("Content-Length", str(len(data)))
        if ctype in COMPRESSED:
            self.send_header("Vary", "Accept-Encoding")
        if gzipped:
            self.send_header("Content-Encoding", "gzip")
        # As deploy/nginx.conf: pages revalidate, versioned assets are cached.
        cache = "no-cache" if ctype == "text/html" else "public, max-age=604800"
        self.send_header("Cache-Control", cache)
        if ctype == "text/html" and POLICY:
            self.send_header("Content-Security-Policy", POLICY)
        self.end_headers()

        return io.BytesIO(data)


class SiteServer:
    """``site`` served on 127.0.0.1 at a free port with gzip, in a thread::

        with SiteServer(site) as server:
            lighthouse(server.url + "en/index.html")
    """

    def __init__(self, site: Path, port: int = 0) -> None:
        handler = functools.partial(_Handler, directory=str(site))
        self.httpd = ThreadingHTTPServer(("127.0.0.1", port), handler)
        self.httpd.daemon_threads = True
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


class PolicyLog:
    """Every Content-Security-Policy violation in a browser context: the page's
    ``securitypolicyviolation`` events and the console's "Refused to ..." errors."""

    REPORT = """document.addEventListener("securitypolicyviolation", (e) =>
      window.presskitViolation(`${e.violatedDirective} blocked ${e.blockedURI || "inline"} at ${e.sourceFile}:${e.lineNumber}`));"""

    def __init__(self) -> None:
        self.violations: list[str] = []

    def attach(self, context) -> None:
        context.expose_function("presskitViolation", self._report)
        context.add_init_script(self.REPORT)
        context.on("console", self._console)

    def _report(self, text: str) -> None:
        self.violations.append(text)

    def _console(self, message) -> None:
        if message.type == "error" and "Content Security Policy" in message.text:
            self.violations.append(f"{message.location.get('url')}: {message.text}")


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
