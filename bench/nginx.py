"""nginx serving the same bytes as the cached site: the ceiling for cached reads.

Why: a cached page is bytes kept in memory, so the fastest a server can deliver it
is what a static file server does with the same bytes. ``make bench`` fetches each
key URL once from the running site (no ``Accept-Encoding``, as wrk sends), writes the
body to a file, and serves it from nginx on another port with the same response
headers (``add_header``), ``sendfile`` on, no access log and as many workers as the
site has. wrk then measures both with the same parameters, one URL after the other, so
that the ratio ``cached site / nginx`` is from the same run on the same machine.

nginx is optional (Debian's ``nginx-light`` or ``nginx``); without it the comparison is
skipped and the report says so.
"""

import shutil
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

# headers nginx writes itself, or that describe the transfer rather than the response
_OWN_HEADERS = {"content-length", "content-type", "date", "server", "connection", "transfer-encoding"}
NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)


def available():
    return NGINX is not None


def _quote(value):
    """An nginx string literal: quoted, with quotes, backslashes and ``$`` escaped."""
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("$", "${dollar}")
    return f'"{escaped}"'


def snapshot(url):
    """``(body, content type, [(header, value)])`` of ``url`` as wrk would get it."""
    with urllib.request.urlopen(urllib.request.Request(url), timeout=120) as response:
        body = response.read()
        headers = [(k, v) for k, v in response.getheaders() if k.lower() not in _OWN_HEADERS]
        return body, response.headers.get("Content-Type", "application/octet-stream"), headers


def config(root, port, workers, locations):
    """The nginx.conf text for ``locations``: ``{name: (content type, headers)}``."""
    blocks = []
    for name, (content_type, headers) in locations.items():
        adds = "".join(f"      add_header {k} {_quote(v)} always;\n" for k, v in headers)
        blocks.append(
            f"    location = /{name} {{\n      default_type {_quote(content_type)};\n"
            f"      types {{ }}\n{adds}    }}\n"
        )
    return (
        f"worker_processes {workers};\npid {root}/nginx.pid;\nerror_log {root}/error.log error;\n"
        "daemon off;\nevents { worker_connections 1024; }\nhttp {\n"
        '  geo $dollar { default "$"; }\n'
        f"  access_log off;\n  sendfile on;\n  tcp_nopush on;\n  etag off;\n  server_tokens off;\n"
        f"  client_body_temp_path {root}/tmp;\n  proxy_temp_path {root}/tmp;\n"
        f"  fastcgi_temp_path {root}/tmp;\n  uwsgi_temp_path {root}/tmp;\n  scgi_temp_path {root}/tmp;\n"
        f"  server {{\n    listen 127.0.0.1:{port};\n    root {root}/files;\n" + "".join(blocks) + "  }\n}\n"
    )


class Twin:
    """Context manager: nginx on ``port`` serving a snapshot of each of ``urls``
    (``{name: absolute URL}``) at ``/<name>``; ``.url(name)`` is its address."""

    def __init__(self, urls, port, workers):
        self.urls, self.port, self.workers = urls, port, workers
        self.bytes = {}

    def url(self, name):
        return f"http://127.0.0.1:{self.port}/{name}"

    def __enter__(self):
        self.root = Path(tempfile.mkdtemp(prefix="bench-nginx-"))
        (self.root / "files").mkdir()
        (self.root / "tmp").mkdir()
        locations = {}
        for name, url in self.urls.items():
            body, content_type, headers = snapshot(url)
            (self.root / "files" / name).write_bytes(body)
            self.bytes[name] = len(body)
            locations[name] = (content_type, headers)
        conf = self.root / "nginx.conf"
        conf.write_text(config(self.root, self.port, self.workers, locations))
        self.root.chmod(0o755)
        for path in self.root.rglob("*"):
            path.chmod(0o755 if path.is_dir() else 0o644)
        self.proc = subprocess.Popen([NGINX, "-c", str(conf), "-p", str(self.root)])
        for _ in range(50):
            if self.proc.poll() is not None:
                log = (self.root / "error.log").read_text()
                raise RuntimeError(f"nginx exited ({self.proc.returncode}): {log}")
            try:
                urllib.request.urlopen(self.url(next(iter(self.urls))), timeout=2).read()
                return self
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("nginx did not start")

    def __exit__(self, *exc):
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        shutil.rmtree(self.root, ignore_errors=True)
