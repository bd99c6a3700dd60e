"""A fake TVmaze for tests: the JSON fixtures in tests/fixtures/tvmaze, served either through
httpx's mock transport (respx) or by a real HTTP server on 127.0.0.1 in a thread.

The fixtures are written by us in the shapes TVmaze documents (a one-season K-drama, a long
show with specials, a show with missing dates and runtimes, searches, and every failure).
"""

from __future__ import annotations

import http.server
import json
import threading
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx

FIXTURES = Path(__file__).parent / "fixtures" / "tvmaze"
API = "https://api.tvmaze.com"


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


@dataclass
class Answer:
    status: int
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class FakeTVmaze:
    """Routes like TVmaze's; *overrides* replace the answer for a path (with its query)."""

    overrides: dict[str, list[Answer]] = field(default_factory=dict)
    """path -> answers given in turn (the last one repeats)."""
    cache_control: str | None = None
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    """(path with query, headers) of every request that reached the fake."""

    def answer(self, target: str, headers: dict[str, str]) -> Answer:
        self.requests.append((target, {k.lower(): v for k, v in headers.items()}))
        target = urllib.parse.unquote_plus(target)
        if target in self.overrides:
            queue = self.overrides[target]
            return queue.pop(0) if len(queue) > 1 else queue[0]
        found = self._route(target)
        if found is not None and self.cache_control and found.status == 200:
            found.headers["Cache-Control"] = self.cache_control
        return found or Answer(404, b'{"name":"Not Found","message":"","code":0,"status":404}')

    def _route(self, target: str) -> Answer | None:
        parsed = urllib.parse.urlsplit(target)
        query: dict[str, list[str]] = {}
        for pair in parsed.query.split("&"):
            key, _, value = pair.partition("=")
            if key:
                query.setdefault(key, []).append(value)
        parts = parsed.path.strip("/").split("/")
        json_ok = {"Content-Type": "application/json; charset=UTF-8"}
        if parts == ["search", "shows"]:
            words = " ".join(query.get("q", [""])).lower()
            name = {"harbour lights": "search-harbour.json", "harbour": "search-harbour.json"}.get(
                words, "search-one.json" if words == "harbour lights 2023" else "search-none.json"
            )
            return Answer(200, fixture(name), dict(json_ok))
        if parts == ["lookup", "shows"]:
            if query.get("imdb") == ["tt9000001"]:
                return Answer(301, b"", {"Location": "/shows/90001"})
            return None
        if len(parts) >= 2 and parts[0] == "shows" and parts[1].isdigit():
            show_id = parts[1]
            if len(parts) == 2:
                names = [f"show-{show_id}.json"] + sorted(
                    p.name for p in FIXTURES.glob(f"show-{show_id}-*.json")
                )
                if "embed[]" not in query and show_id == "90001":
                    names = ["lookup-90001.json"]
            elif parts[2] == "akas":
                names = [f"akas-{show_id}.json"]
            elif parts[2] == "episodes" and query.get("specials") == ["1"]:
                names = [f"episodes-{show_id}-specials.json"]
            else:
                return None
            for name in names:
                if (FIXTURES / name).exists():
                    return Answer(200, fixture(name), dict(json_ok))
        return None

    # -- through httpx's mock transport --------------------------------------------

    def handler(self, request: httpx.Request) -> httpx.Response:
        target = request.url.raw_path.decode("ascii")
        found = self.answer(target, dict(request.headers))
        return httpx.Response(found.status, content=found.body, headers=found.headers)

    def paths(self) -> list[str]:
        return [urllib.parse.unquote_plus(target) for target, _ in self.requests]


@contextmanager
def serve(fake: FakeTVmaze) -> Iterator[str]:
    """A real HTTP server on 127.0.0.1 answering as *fake*; yields its base URL."""

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            found = fake.answer(self.path, dict(self.headers.items()))
            self.send_response(found.status)
            for key, value in found.headers.items():
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(found.body)))
            self.end_headers()
            self.wfile.write(found.body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def too_many(retry_after: str | None = "0") -> Answer:
    headers = {"Retry-After": retry_after} if retry_after is not None else {}
    return Answer(429, b'{"name":"Too Many Requests","status":429}', headers)


def json_answer(data: object) -> Answer:
    return Answer(200, json.dumps(data).encode(), {"Content-Type": "application/json"})
