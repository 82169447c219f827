"""A Hub that trickles its headers, and one that answers HTTP 500 with a 300 MB body (issue #14).

Each is `osai check <hub-id> --timeout 2 --deadline 8` (the issue's limits), run as a user runs it:
a new interpreter pointed at the fault server (tests/faultserver.py) by HF_ENDPOINT.  A well-formed
model is checked first, as the control: what a normal check costs on this machine.  For each it
prints the exit code, the wall time and the peak memory (the process's own VmHWM at exit).

    python benchmarks/hostile_hub.py [--deadline 8] [--timeout 2] [--repeat 1]

Before the fix the issue measured 47-50 s for trickled headers and 2.15 GB for the 300 MB body.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from faultserver import FaultServer, Reply, huge  # noqa: E402
from hostile_hub import MIB, Run, run_check, serve_model  # noqa: E402

SHA = "a" * 40


def _control(server: FaultServer) -> str:
    serve_model(server, "bench/control", sha=SHA)
    return "bench/control"


def _trickled_headers(server: FaultServer) -> str:
    server.route("/api/models/bench/trickled-headers", Reply(body=b"{}", trickle_head=0.2))
    return "bench/trickled-headers"


def _huge_error_body(server: FaultServer) -> str:
    reply = Reply(500, body=huge(300 * MIB), content_length=300 * MIB)
    server.route("/api/models/bench/huge-error", reply)
    return "bench/huge-error"


CASES: dict[str, Callable[[FaultServer], str]] = {
    "control (a well-formed model)": _control,
    "trickled headers (1 byte / 0.2 s)": _trickled_headers,
    "HTTP 500 with a 300 MB body": _huge_error_body,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--deadline", type=float, default=8.0)
    parser.add_argument("--timeout", type=float, default=2.0)
    parser.add_argument("--repeat", type=int, default=1, help="runs of each case")
    args = parser.parse_args(argv)
    limits = ("--timeout", f"{args.timeout:g}", "--deadline", f"{args.deadline:g}")
    print(f"osai check <hub-id> {' '.join(limits)}  (one run at a time)")
    print(f"{'case':36} {'exit':>4} {'wall s':>7} {'peak MiB':>9}  stderr")
    with FaultServer() as server:
        for name, setup in CASES.items():
            repo_id = setup(server)
            for _ in range(args.repeat):
                run = run_check(server, repo_id, *limits)
                print(_row(name, run), flush=True)
    return 0


def _row(name: str, run: Run) -> str:
    said = run.stderr.strip().splitlines()[0] if run.stderr.strip() else ""
    return f"{name:36} {run.code:>4} {run.wall:>7.2f} {run.peak_rss / MIB:>9.1f}  {said[:90]}"


if __name__ == "__main__":
    raise SystemExit(main())
