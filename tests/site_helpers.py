"""Serving the built site on localhost (with gzip, as the nginx settings of
tools/nginx.py do) and driving Debian's Chromium; the tests and the benchmark
(bench/weight.py) share both.  :class:`Nginx` runs a real nginx with those
settings (tests/test_nginx.py).

Playwright's own browser download is not reachable from every machine, so the
tests launch the system's ``/usr/bin/chromium`` (``tools/system-deps.sh``
installs it) with the switches that keep it from calling Google's hosts.
"""

from __future__ import annotations

import functools
import gzip
import io
import mimetypes
import os
import re
import shutil
import socket
import subprocess
import threading
import time
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


def nginx_policy(site: Path) -> str:
    """The Content-Security-Policy header the generated nginx.conf of the
    published ``site`` (``<outdir>/nginx/``, tools/nginx.py) sends."""
    conf = site.parent / "nginx" / "nginx.conf"
    found = re.search(r'add_header Content-Security-Policy "([^"]*)"', conf.read_text(encoding="utf-8"))
    return found[1] if found else ""


#: Content types a server compresses (tools/nginx.py's gzip_types, and HTML).
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


NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Nginx:
    """A real nginx serving ``site`` with the generated settings in ``settings``
    (``<outdir>/nginx/``, tools/nginx.py) on 127.0.0.1 at a free port; its
    configuration, pid, logs and temporary files in ``workdir``::

        with Nginx(out / "site", out / "nginx", tmp_path) as server:
            urlopen(server.url + "en/")
    """

    def __init__(self, site: Path, settings: Path, workdir: Path) -> None:
        self.workdir = workdir
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        workdir.mkdir(parents=True, exist_ok=True)
        conf_dir = re.search(r"--conf-path=(\S+)", subprocess.run(
            [NGINX, "-V"], capture_output=True, text=True).stderr)
        mime_types = Path(conf_dir[1]).parent / "mime.types" if conf_dir else Path("/etc/nginx/mime.types")
        temp = "\n".join(f"    {kind}_temp_path {workdir / kind};"
                         for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
        # As root, the workers would run as "nobody", who may not read the test's folders.
        user = "user root;\n" if os.geteuid() == 0 else ""
        self.conf = workdir / "nginx.conf"
        self.conf.write_text(f"""{user}worker_processes 1;
pid {workdir / "nginx.pid"};
error_log {workdir / "error.log"} warn;
events {{ worker_connections 64; }}
http {{
    include {mime_types};
    default_type application/octet-stream;
    access_log off;
{temp}
    include {settings / "nginx-maps.conf"};
    server {{
        listen 127.0.0.1:{self.port};
        root {site};
        include {settings / "nginx.conf"};
    }}
}}
""")
        self.process: subprocess.Popen | None = None

    def error_log(self) -> str:
        log = self.workdir / "error.log"
        return log.read_text() if log.exists() else ""

    def __enter__(self) -> "Nginx":
        self.process = subprocess.Popen(
            [NGINX, "-p", str(self.workdir), "-c", str(self.conf), "-g", "daemon off;"],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"nginx exited ({self.process.returncode}):\n"
                                   f"{self.process.stdout.read()}{self.error_log()}")
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return self
            except OSError:
                time.sleep(0.05)
        self.__exit__()
        raise RuntimeError(f"nginx did not listen on port {self.port}:\n{self.error_log()}")

    def __exit__(self, *exc) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()  # SIGTERM: nginx's fast shutdown
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.process and self.process.stdout:
            self.process.stdout.close()
