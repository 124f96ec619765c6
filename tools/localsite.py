"""The built site on localhost, served as the nginx settings of tools/nginx.py
serve it (gzip, cache headers, the Content-Security-Policy), and Debian's
Chromium with the switches that keep it from calling Google's hosts: shared
by the tests and the benchmark (tools/weight.py).

Playwright's own browser download is not reachable from every machine, so
both launch the system's ``/usr/bin/chromium`` (``tools/system-deps.sh``
installs it).
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

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # No host name resolves but localhost: nothing a page asks of another host
    # leaves this machine (the tests record such requests as faults).
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
]


def nginx_policy(site: Path) -> str:
    """The Content-Security-Policy header the generated nginx.conf of the
    published ``site`` (``<outdir>/nginx/``, tools/nginx.py) sends."""
    conf = site.parent / "nginx" / "nginx.conf"
    found = re.search(r'add_header Content-Security-Policy "([^"]*)"', conf.read_text(encoding="utf-8"))
    return found[1] if found else ""


#: Content types a server compresses (tools/nginx.py's gzip_types, and HTML).
COMPRESSED = {
    "text/html",
    "text/css",
    "text/javascript",
    "application/javascript",
    "application/json",
    "application/xml",
    "image/svg+xml",
    "text/plain",
    "application/manifest+json",
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
    accepts it, pages with the site's Content-Security-Policy header, as nginx
    serves them (tools/nginx.py); HTTP/1.1 keep-alive."""

    protocol_version = "HTTP/1.1"
    policy = ""  # the site's Content-Security-Policy (SiteServer sets it)

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
        # As nginx (tools/nginx.py): pages revalidate, versioned assets are cached.
        cache = "no-cache" if ctype == "text/html" else "public, max-age=604800"
        self.send_header("Cache-Control", cache)
        if ctype == "text/html" and self.policy:
            self.send_header("Content-Security-Policy", self.policy)
        self.end_headers()

        return io.BytesIO(data)


class SiteServer:
    """``site`` served on 127.0.0.1 at a free port with gzip, in a thread::

    with SiteServer(site) as server:
        lighthouse(server.url + "en/index.html")
    """

    def __init__(self, site: Path, port: int = 0) -> None:
        conf = site.parent / "nginx" / "nginx.conf"
        policy = nginx_policy(site) if conf.exists() else ""
        handler = functools.partial(type("Handler", (_Handler,), {"policy": policy}), directory=str(site))
        self.httpd = ThreadingHTTPServer(("127.0.0.1", port), handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> SiteServer:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
