"""How long ``dramatui add`` of a 16-episode show takes, beside the same requests alone.

``python -m bench.add`` starts a real HTTP server on 127.0.0.1 (stdlib, in a thread)
serving the 16-episode fixture (``tests/fixtures/tvmaze/show-90001.json``, with its other
names) and points ``DRAMATUI_TVMAZE_URL`` at it. It times, in this process after one
warm-up run:

- **add**: ``dramatui add --tvmaze 90001 -o FILE`` through ``main()`` — the requests, the
  hishel cache (a new, empty one each run, so every answer comes from the server), the
  pydantic models, HTML to text, the TOML, the library's id check and the atomic write;
- **baseline**: the same two requests made with a plain ``httpx.Client`` and ``json.loads``
  of the answers, nothing else.

Their difference is dramatui's own time. ``--quick`` runs each twice (the smoke test uses
it). It is a measurement, not a test: it exits 0 whatever the figures.
"""

from __future__ import annotations

import argparse
import contextlib
import http.server
import io
import json
import os
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

if __package__ in (None, ""):  # run as a script: python bench/add.py
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import httpx

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "tvmaze"
SHOW = "/shows/90001?embed[]=episodes&embed[]=cast"
ANSWERS = {
    "/shows/90001?embed%5B%5D=episodes&embed%5B%5D=cast": "show-90001.json",
    "/shows/90001/akas": "akas-90001.json",
}
TARGET = 0.3
"""Seconds of dramatui's own time the issue allows ("a few hundred milliseconds")."""


@contextlib.contextmanager
def server() -> Iterator[str]:
    """The two answers ``add --tvmaze 90001`` asks for, on a real socket."""
    bodies = {path: (FIXTURES / name).read_bytes() for path, name in ANSWERS.items()}

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            body = bodies.get(self.path)
            self.send_response(200 if body is not None else 404)
            body = body or b"{}"
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()


def run_add(url: str, work: Path, n: int) -> float:
    """One ``dramatui add`` into a fresh folder, with a fresh cache; seconds."""
    from dramatui.__main__ import main

    run_dir = work / f"run{n}"
    env = {
        "DRAMATUI_TVMAZE_URL": url,
        "XDG_CACHE_HOME": str(run_dir / "cache"),
        "XDG_DATA_HOME": str(run_dir / "data"),
    }
    saved = {key: os.environ.get(key) for key in env}
    os.environ.update(env)
    out = io.StringIO()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
            start = time.perf_counter()
            code = main(["add", "--tvmaze", "90001", "-o", str(work / f"show-{n}.toml")])
            elapsed = time.perf_counter() - start
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    if code != 0:
        raise RuntimeError(f"dramatui add failed: {out.getvalue()}")
    return elapsed


def run_baseline(url: str) -> float:
    """The same two requests with httpx alone, and json.loads of each answer; seconds."""
    start = time.perf_counter()
    with httpx.Client(base_url=url, timeout=15) as client:
        show = client.get("/shows/90001", params=[("embed[]", "episodes"), ("embed[]", "cast")])
        akas = client.get("/shows/90001/akas")
        data = json.loads(show.content), json.loads(akas.content)
    elapsed = time.perf_counter() - start
    assert len(data[0]["_embedded"]["episodes"]) == 16
    return elapsed


def _times(func: Callable[[int], float], runs: int) -> list[float]:
    func(-1)  # warm-up: imports, the first connection
    return [func(n) for n in range(runs)]


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.add", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="two runs each")
    parser.add_argument("--runs", type=int, default=None, help="runs each (default 15)")
    args = parser.parse_args(argv)
    runs = args.runs or (2 if args.quick else 15)
    with server() as url, tempfile.TemporaryDirectory(prefix="bench-add-") as tmp:
        work = Path(tmp)
        adds = _times(lambda n: run_add(url, work, n), runs)
        bases = _times(lambda n: run_baseline(url), runs)
    add_median, base_median = statistics.median(adds), statistics.median(bases)
    own = add_median - base_median
    print("| what | min | median | max |")
    print("| --- | --- | --- | --- |")
    for name, times in (("dramatui add (16 episodes)", adds), ("baseline: httpx alone", bases)):
        print(
            f"| {name} | {_ms(min(times))} | {_ms(statistics.median(times))} | {_ms(max(times))} |"
        )
    verdict = "within" if own <= TARGET else "OVER"
    print(
        f"\ndramatui's own time (median add - median baseline): {_ms(own)}, "
        f"{verdict} the {_ms(TARGET)} aim. Python {sys.version.split()[0]}; {runs} run(s) "
        "each after one warm-up; a fresh HTTP cache per add run."
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
