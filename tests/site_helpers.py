"""What the browser and nginx tests share: which requests stay on localhost,
logs of Content-Security-Policy violations and of requests, and a real nginx
with the generated settings (tests/test_nginx.py).  Serving the site and
starting Chromium: tools/localsite.py (shared with the benchmark).
"""

from __future__ import annotations

import asyncio
import inspect
import os
import re
import shutil
import socket
import subprocess
import time
from pathlib import Path
from urllib.parse import urlsplit

from localsite import CHROMIUM, CHROMIUM_ARGS, SiteServer, nginx_policy  # noqa: F401  (the tests' names)

LOCAL_HOSTS = {"127.0.0.1", "localhost"}


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

    def attach(self, context):
        """Record ``context``'s violations; under Playwright's async API, await
        what this returns."""
        context.on("console", self._console)
        steps = [context.expose_function("presskitViolation", self._report), context.add_init_script(self.REPORT)]
        if all(inspect.isawaitable(step) for step in steps):
            return asyncio.gather(*steps)
        return None

    def _report(self, text: str) -> None:
        self.violations.append(text)

    def _console(self, message) -> None:
        if message.type == "error" and "Content Security Policy" in message.text:
            self.violations.append(f"{message.location.get('url')}: {message.text}")


class RequestLog:
    """Every request a browser context makes, and those to any other host.
    None reaches the outside: Chromium resolves no host name but localhost's
    (``tools/localsite.CHROMIUM_ARGS``).  Nothing is intercepted, so the
    browser's cache works as a reader's does."""

    def __init__(self) -> None:
        self.foreign: list[str] = []
        self.count = 0

    def attach(self, context) -> None:
        context.on("request", self._request)

    def _request(self, request) -> None:
        self.count += 1
        if not is_local(request.url):
            self.foreign.append(request.url)


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
        conf_dir = re.search(r"--conf-path=(\S+)", subprocess.run([NGINX, "-V"], capture_output=True, text=True).stderr)
        mime_types = Path(conf_dir[1]).parent / "mime.types" if conf_dir else Path("/etc/nginx/mime.types")
        temp = "\n".join(
            f"    {kind}_temp_path {workdir / kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
        )
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

    def __enter__(self) -> Nginx:
        self.process = subprocess.Popen(
            [NGINX, "-p", str(self.workdir), "-c", str(self.conf), "-g", "daemon off;"],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"nginx exited ({self.process.returncode}):\n{self.process.stdout.read()}{self.error_log()}"
                )
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
