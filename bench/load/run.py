"""Load benchmark: 50 users for 2 minutes against gunicorn + PostgreSQL on loopback.

    .venv/bin/python bench/load/run.py [--users 50] [--minutes 2] [--workers 5] [--spawn-rate 1]
                                       [--signals 20000] [--sessions 10]

Run as root (like CI: PostgreSQL's initdb runs as the postgres user through runuser).
Everything lives in one `mktemp -d` folder: a PostgreSQL 15 cluster on 127.0.0.1:5481
(own port; the server's usual settings, fsync on), the var folder of SAMOS (private
files, file cache, mail, Celery's filesystem queue: no worker runs, the queued mail just
waits) and locust's CSV files. Steps: initdb and start PostgreSQL, `prepare.py` (migrate,
demo data, N generated signals, running sessions for the chair), gunicorn (sync workers,
2 × cores + 1 by default) on 127.0.0.1:8781 in demo mode (no second factor, as `make
run`), then locust headless with the users of locustfile.py plus one floor probe. At the
end — also after an error or Ctrl-C — gunicorn and PostgreSQL are stopped and the folder
is removed.

Prints per request name and per group: requests, requests/s, p50/p95/p99/max (ms) and
failures; the floor (p50 of the anonymous login page measured by the probe during the same
run, and once more on the idle server before the load); the app's p50 and p95 as ratios
to it; the errors; and the target (zero errors, p95 < 300 ms) with met / NOT met.
Note `uptime` before and after: the machines are shared.
"""

# S603: every command here is a fixed argument list of our own (no shell, no user input).
# ruff: noqa: S603

import argparse
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
BIN = Path(sys.executable).parent
PG_PORT = 5481
WEB_PORT = 8781
TARGET_P95_MS = 300


def _pg_bin() -> Path:
    candidates = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: int(p.parent.name))
    if not candidates:
        raise SystemExit("No PostgreSQL server binaries under /usr/lib/postgresql/*/bin.")
    return candidates[-1]


def _port_free(port: int) -> None:
    with socket.socket() as sock:
        if sock.connect_ex(("127.0.0.1", port)) == 0:
            raise SystemExit(f"Port {port} on 127.0.0.1 is in use; stop what listens there.")


def _as_postgres(*command: str, check: bool = True, quiet: bool = False) -> None:
    runuser = shutil.which("runuser") or "/usr/sbin/runuser"
    subprocess.run(
        [runuser, "-u", "postgres", "--", *command],
        check=check,
        stdout=subprocess.DEVNULL if quiet else None,
        cwd="/",  # the postgres user may not enter the caller's folder
    )


def _wait_for(url: str, *, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 (loopback)
                if response.status == 200:
                    return
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise SystemExit(f"{url} did not answer within {seconds:.0f} s.")
        time.sleep(0.3)


def _idle_floor(url: str, *, requests: int = 30) -> float:
    """Median ms of GET URL on the idle server (after a warm-up)."""
    timings = []
    for _ in range(requests + 3):
        start = time.perf_counter()
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (loopback)
            response.read()
        timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings[3:])


def _row(name: str, f: dict) -> str:
    return (
        f"{name:<34} {f['requests']:>7} {f['rps']:>7.1f} {f['p50']:>6.0f} {f['p95']:>6.0f} "
        f"{f['p99']:>6.0f} {f['max']:>7.0f} {f['failures']:>6}"
    )


def _table(title: str, rows: dict, *, total: dict | None = None) -> None:
    print(
        f"\n--- {title} (ms) ---\n{'request':<34} {'count':>7} {'req/s':>7} {'p50':>6} "
        f"{'p95':>6} {'p99':>6} {'max':>7} {'errors':>6}"
    )
    for name in sorted(rows):
        print(_row(name, rows[name]))
    if total is not None:
        print(_row("APP TOTAL (without floor)", total))


def _verdict(label: str, part: dict) -> bool:
    app = part["app"]
    floor = part["names"].get("floor: login page")
    errors = app["failures"] + (floor["failures"] if floor else 0)
    ok = errors == 0 and app["p95"] < TARGET_P95_MS
    ratios = ""
    if floor and floor["p50"]:
        ratios = (
            f"; floor p50 {floor['p50']:.0f} ms, app p50/floor {app['p50'] / floor['p50']:.1f}, "
            f"app p95/floor {app['p95'] / floor['p50']:.1f}"
        )
    print(
        f"{label}: {app['requests']} requests, {app['rps']:.1f} req/s, p50 {app['p50']:.0f} ms, "
        f"p95 {app['p95']:.0f} ms, p99 {app['p99']:.0f} ms, {errors} errors{ratios}"
    )
    print(f"  target zero errors and p95 < {TARGET_P95_MS} ms: {'met' if ok else 'NOT met'}")
    return ok


def _report(summary: dict, *, idle_floor_ms: float, args) -> bool:
    whole, steady = summary["whole"], summary["steady"]
    _table("whole run, per request", whole["names"])
    _table("whole run, per group", whole["groups"], total=whole["app"])
    if steady:
        after = summary["steady_after_s"]
        title = f"steady state (after the last login, {after:.0f} s in), per request"
        _table(title, steady["names"])
        _table("steady state, per group", steady["groups"], total=steady["app"])
    else:
        print(f"\nno steady state: only {summary['logged_in']} of {args.users} users logged in")
    errors = whole["errors"] + [
        {"count": e["count"], "method": "task", "name": "exception", "error": e["msg"]}
        for e in summary["exceptions"]
    ]
    if errors:
        print("\n--- errors (whole run) ---")
        for error in sorted(errors, key=lambda e: -e["count"]):
            print(f"{error['count']:>6} × {error['method']} {error['name']}: {error['error']}")
    print(
        f"\n--- result: {args.users} users + 1 floor probe, {args.minutes:g} min, "
        f"{args.workers} gunicorn workers, demo data + {args.signals} signals ---"
    )
    print(f"floor on the idle server (GET /inloggen/, median of 30): {idle_floor_ms:.1f} ms")
    ok = _verdict("whole run   ", whole) and not summary["exceptions"]
    if steady:
        _verdict("steady state", steady)
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--minutes", type=float, default=2)
    # One login per second: 50 people do not all log in within five seconds, and each login
    # costs ~0.35 s of CPU by design (PBKDF2, 1,000,000 iterations). --spawn-rate 10 shows
    # that storm: on two cores it queues everything behind it for ~10 s.
    parser.add_argument("--spawn-rate", type=float, default=1)
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1)
    parser.add_argument("--signals", type=int, default=20_000)
    parser.add_argument("--sessions", type=int, default=10)
    args = parser.parse_args()

    pg_bin = _pg_bin()
    for port in (PG_PORT, WEB_PORT):
        _port_free(port)
    print(f"uptime before: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} (load 1/5 min)")

    folder = Path(tempfile.mkdtemp(prefix="samos-load-"))
    shutil.chown(folder, user="postgres")
    folder.chmod(0o755)
    pg_data = folder / "pg"
    gunicorn = None
    pg_started = False

    # SIGTERM (a stopped CI job, `kill`) cleans up like Ctrl-C does.
    def _terminate(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, _terminate)
    try:
        _as_postgres(
            f"{pg_bin}/initdb", "-D", str(pg_data), "-U", "postgres", "--auth=trust",
            "-E", "UTF8", "--locale=C.UTF-8", "-N", quiet=True,
        )  # fmt: skip
        _as_postgres(
            f"{pg_bin}/pg_ctl", "-D", str(pg_data), "-l", str(folder / "pg.log"), "-w", "-s",
            "-o", f"-p {PG_PORT} -k {folder} -c listen_addresses=127.0.0.1",
            "start",
        )  # fmt: skip
        pg_started = True

        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "samos.settings",
            "DATABASE_URL": f"postgres://postgres@127.0.0.1:{PG_PORT}/postgres",
            "SAMOS_VAR_DIR": str(folder / "var"),
            "SAMOS_STATIC_ROOT": str(folder / "static"),
            "SAMOS_DEMO_MODE": "1",
            "SAMOS_LOAD_FIXTURE": str(folder / "fixture.json"),
            "SAMOS_LOAD_SUMMARY": str(folder / "summary.json"),
            "SAMOS_LOAD_USERS": str(args.users),
        }
        env.pop("DEBUG", None)
        started = time.perf_counter()
        subprocess.run(
            [
                sys.executable, str(HERE / "prepare.py"), "--signals", str(args.signals),
                "--sessions", str(args.sessions), "--out", env["SAMOS_LOAD_FIXTURE"],
            ],
            check=True, env=env, cwd=REPO,
        )  # fmt: skip
        print(f"database ready in {time.perf_counter() - started:.0f} s")

        gunicorn = subprocess.Popen(
            [
                str(BIN / "gunicorn"), "samos.wsgi:application",
                "--bind", f"127.0.0.1:{WEB_PORT}", "--workers", str(args.workers),
                "--worker-tmp-dir", str(folder), "--timeout", "60", "--graceful-timeout", "30",
                "--error-logfile", str(folder / "gunicorn.log"),
            ],
            env=env, cwd=REPO, start_new_session=True,
        )  # fmt: skip
        base = f"http://127.0.0.1:{WEB_PORT}"
        _wait_for(f"{base}/inloggen/", seconds=60)
        idle_floor_ms = _idle_floor(f"{base}/inloggen/")
        print(f"gunicorn up ({args.workers} workers); idle floor {idle_floor_ms:.1f} ms")

        seconds = round(args.minutes * 60)
        print(f"locust: {args.users} users (+1 floor probe) for {seconds} s …", flush=True)
        with open(folder / "locust.log", "w") as locust_log:
            locust = subprocess.run(
                [
                    str(BIN / "locust"), "-f", str(HERE / "locustfile.py"), "--headless",
                    "--host", base, "--users", str(args.users + 1),
                    "--spawn-rate", str(args.spawn_rate), "--run-time", f"{seconds}s",
                    "--csv", str(folder / "locust"), "--only-summary", "--loglevel", "WARNING",
                ],
                env=env, cwd=REPO, stdout=locust_log, stderr=subprocess.STDOUT,
            )  # fmt: skip
        summary_file = Path(env["SAMOS_LOAD_SUMMARY"])
        if not summary_file.exists():
            print(f"locust ended with {locust.returncode} and wrote no summary; its log:")
            print((folder / "locust.log").read_text(errors="replace")[-4000:])
            return 1
        ok = _report(json.loads(summary_file.read_text()), idle_floor_ms=idle_floor_ms, args=args)
        log = (folder / "gunicorn.log").read_text(errors="replace")
        problems = [line for line in log.splitlines() if "ERROR" in line or "Traceback" in line]
        if problems:
            print(f"\ngunicorn log: {len(problems)} error lines, first: {problems[0][:200]}")
        print(f"uptime after: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} (load 1/5 min)")
        return 0 if ok else 2
    except KeyboardInterrupt:
        print("\ninterrupted; cleaning up")
        return 130
    except subprocess.CalledProcessError as error:
        print(f"\nfailed: {' '.join(map(str, error.cmd[:3]))} … exited with {error.returncode}")
        return 1
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C must not skip this
        if gunicorn is not None and gunicorn.poll() is None:
            os.killpg(gunicorn.pid, signal.SIGTERM)
            try:
                gunicorn.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(gunicorn.pid, signal.SIGKILL)
                gunicorn.wait()
        if pg_started:
            _as_postgres(
                f"{pg_bin}/pg_ctl", "-D", str(pg_data), "-m", "fast", "-w", "-s", "stop",
                check=False,
            )  # fmt: skip
        shutil.rmtree(folder, ignore_errors=True)
        print("stopped gunicorn and PostgreSQL; removed the temporary folder")


if __name__ == "__main__":
    sys.exit(main())
