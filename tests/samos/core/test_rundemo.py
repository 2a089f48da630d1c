"""`make run`'s command for real: it serves, its worker links to the demo's own port, and a
TERM stops the server, the worker and beat — nothing keeps running afterwards."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from samos.core.management.commands.rundemo import demo_base_url

ROOT = Path(__file__).resolve().parents[3]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _descendants(pid: int) -> set[int]:
    """Every living process below PID, read from /proc (children of children too)."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # "pid (comm) state ppid …": comm may hold spaces, so split after the last ")".
        fields = stat.rsplit(")", 1)[1].split()
        if fields[0] != "Z":
            parents[int(entry.name)] = int(fields[1])
    found, frontier = set(), {pid}
    while frontier:
        children = {child for child, parent in parents.items() if parent in frontier}
        frontier = children - found
        found |= children
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _wait_until(condition, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return condition()


def test_an_explicit_base_url_wins_over_the_port(monkeypatch):
    monkeypatch.delenv("SAMOS_BASE_URL", raising=False)
    assert demo_base_url(8101) == "http://127.0.0.1:8101"
    monkeypatch.setenv("SAMOS_BASE_URL", "https://samos.voorbeeldrade.example/")
    assert demo_base_url(8101) == "https://samos.voorbeeldrade.example"


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads processes from /proc")
def test_rundemo_serves_links_to_its_port_and_term_stops_everything(tmp_path):
    port = _free_port()
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"SAMOS_BASE_URL", "DATABASE_URL", "CELERY_BROKER_URL"}
    }
    env.update(
        SAMOS_DEMO_MODE="1",
        SAMOS_VAR_DIR=str(tmp_path),
        DJANGO_SETTINGS_MODULE="samos.settings",
    )
    demo = subprocess.Popen(  # noqa: S603  (fixed argument list)
        [sys.executable, "manage.py", "rundemo", "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    children: set[int] = set()
    try:

        def serving() -> bool:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/gezond/", timeout=2)  # noqa: S310
            except urllib.error.HTTPError:
                return True  # it answered
            except OSError:
                return False
            return True

        assert _wait_until(serving, 60), "rundemo did not start serving"
        # The worker and its beat are up: at least the worker itself runs below rundemo.
        assert _wait_until(lambda: len(_descendants(demo.pid)) >= 1, 30)
        children = _descendants(demo.pid)
        worker_env = [Path(f"/proc/{pid}/environ").read_bytes().split(b"\0") for pid in children]
        expected = f"SAMOS_BASE_URL=http://127.0.0.1:{port}".encode()
        assert all(expected in environ for environ in worker_env)
        # Let celery finish starting (and start beat) before it is asked to stop.
        time.sleep(3)
        children = _descendants(demo.pid)

        demo.send_signal(signal.SIGTERM)
        demo.wait(timeout=40)
        assert _wait_until(lambda: not any(_alive(pid) for pid in children), 20), (
            "processes outlived rundemo: " + ", ".join(map(str, children))
        )
        output = demo.stdout.read()
        assert f"SAMOS draait op http://127.0.0.1:{port}/" in output
    finally:
        if demo.poll() is None:
            demo.kill()
        # Orphans are no longer below rundemo: kill what was seen there.
        for pid in children | _descendants(demo.pid):
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)


def test_a_taken_port_is_refused_before_any_worker_starts(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        env = {**os.environ, "SAMOS_DEMO_MODE": "1", "SAMOS_VAR_DIR": str(tmp_path)}
        env.pop("DATABASE_URL", None)
        result = subprocess.run(  # noqa: S603  (fixed argument list)
            [sys.executable, "manage.py", "rundemo", "--port", str(port)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert result.returncode != 0
    assert f"Poort {port} is al in gebruik" in result.stderr
    assert "celery" not in result.stdout.lower()


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads processes from /proc")
def test_the_worker_ends_even_when_rundemo_is_killed(tmp_path):
    port = _free_port()
    env = {**os.environ, "SAMOS_DEMO_MODE": "1", "SAMOS_VAR_DIR": str(tmp_path)}
    for key in ("SAMOS_BASE_URL", "DATABASE_URL", "CELERY_BROKER_URL"):
        env.pop(key, None)
    demo = subprocess.Popen(  # noqa: S603  (fixed argument list)
        [sys.executable, "manage.py", "rundemo", "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    children: set[int] = set()
    try:
        assert _wait_until(lambda: len(_descendants(demo.pid)) >= 1, 30)
        children = _descendants(demo.pid)
        demo.kill()  # -9: no cleanup of our own can run
        demo.wait(timeout=10)
        assert _wait_until(lambda: not any(_alive(pid) for pid in children), 30), children
    finally:
        for pid in children:
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)
