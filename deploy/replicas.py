"""rnnlab past one server: N `streamlit run app.py` replicas behind one nginx, as one process.

A Streamlit session lives in the process that opened it, so the replicas share nothing but the
cookie secret, and nginx keeps each browser on one of them (deploy/nginx.conf.template says how).
`python -m deploy.replicas --replicas 3 --port 8080` starts the replicas on loopback ports from
8501, waits until each answers /_stcore/health, renders the nginx config for them into a run
directory, and runs nginx in the foreground. It restarts a replica that exits, or that has not
answered its health check for a minute (its students reconnect to a fresh one and their pages
are drawn again from their links); it stops when nginx does, and stops everything on SIGTERM.
"""

from __future__ import annotations

import argparse
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = Path(__file__).with_name("nginx.conf.template")
START_TIMEOUT = 120.0  # a cold replica imports the engine before it answers
CHECK_EVERY = 10.0
UNHEALTHY_FOR = 60.0  # a replica busy with a class still answers within this


def render(replica_ports: list[int], listen: str) -> str:
    """The nginx config for replicas on 127.0.0.1:`replica_ports`, listening on `listen`
    ("8080", "127.0.0.1:8080"). Run as root, nginx's workers would switch to `nobody`, who cannot
    enter a private run directory: the workers then stay the user who starts nginx."""
    servers = "\n".join(f"        server 127.0.0.1:{port} max_fails=2 fail_timeout=10s;"
                        for port in replica_ports)
    user = "user root;" if os.geteuid() == 0 else ""
    text = TEMPLATE.read_text()
    for name, value in (("@SERVERS@", servers), ("@LISTEN@", listen), ("@USER@", user)):
        text = text.replace(name, value)
    return text


def write_config(directory: Path, replica_ports: list[int], listen: str) -> Path:
    conf = directory / "nginx.conf"
    conf.write_text(render(replica_ports, listen))
    return conf


def find_nginx() -> str | None:
    """nginx's path; Debian puts it in /usr/sbin, which a user's PATH may lack."""
    return shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin:/usr/local/sbin")


def nginx_command(conf: Path) -> list[str]:
    """nginx in the foreground with `conf`'s directory as its prefix (pid, temp files); errors
    go to stderr from the start, before the config is read."""
    nginx = find_nginx()
    if nginx is None:
        raise FileNotFoundError("nginx not found (apt-get install nginx)")
    return [nginx, "-p", str(conf.parent), "-c", str(conf), "-e", "stderr"]


def streamlit_command(port: int) -> list[str]:
    """One replica, reachable on loopback only: the students reach it through nginx."""
    return [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
            "--server.port", str(port), "--server.address", "127.0.0.1",
            "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"]


def healthy(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health",
                                    timeout=5) as response:
            return response.read().strip() == b"ok"
    except OSError:
        return False


class Replica:
    """One `streamlit run app.py` process on one port, started again when it has to be."""

    def __init__(self, port: int, env: dict[str, str]):
        self.port, self.env = port, env
        self.proc: subprocess.Popen | None = None
        self.last_ok = 0.0

    def start(self) -> None:
        self.proc = subprocess.Popen(streamlit_command(self.port), cwd=ROOT, env=self.env)
        self.last_ok = time.monotonic()

    def terminate(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def check(self) -> None:
        """Restart the replica if it exited or has not been healthy for UNHEALTHY_FOR s."""
        now = time.monotonic()
        if self.proc.poll() is None and healthy(self.port):
            self.last_ok = now
            return
        if self.proc.poll() is None and now - self.last_ok < UNHEALTHY_FOR:
            return
        print(f"replicas: restarting the replica on port {self.port} "
              f"(exit code {self.proc.poll()})", file=sys.stderr, flush=True)
        self.stop()
        self.start()


def wait_healthy(replicas: list[Replica]) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    for replica in replicas:
        while not healthy(replica.port):
            if replica.proc.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"replicas: the replica on port {replica.port} did not start "
                                 f"(exit code {replica.proc.poll()})")
            time.sleep(0.5)


def serve(count: int, listen: str, first_port: int, run_dir: Path) -> int:
    """Run `count` replicas and nginx until nginx exits or a signal arrives; nginx's exit code."""
    # Every replica signs the XSRF cookie with the same secret, so a student moved to another
    # replica (theirs was restarted) can still upload a text.
    env = dict(os.environ)
    env.setdefault("STREAMLIT_SERVER_COOKIE_SECRET", secrets.token_hex(32))
    replicas = [Replica(first_port + i, env) for i in range(count)]
    nginx: subprocess.Popen | None = None

    def on_signal(signum, frame):
        raise SystemExit(0)  # unwinds to the finally below, which stops every process

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    try:
        for replica in replicas:
            replica.start()
        wait_healthy(replicas)
        conf = write_config(run_dir, [r.port for r in replicas], listen)
        nginx = subprocess.Popen(nginx_command(conf))
        print(f"replicas: {count} replicas on ports {first_port}-{first_port + count - 1}, "
              f"nginx on {listen}", file=sys.stderr, flush=True)
        while nginx.poll() is None:
            time.sleep(CHECK_EVERY)
            for replica in replicas:
                replica.check()
        return nginx.returncode
    finally:
        for sig in (signal.SIGTERM, signal.SIGINT):
            signal.signal(sig, signal.SIG_IGN)  # a second signal must not cut the cleanup short
        if nginx is not None and nginx.poll() is None:
            nginx.terminate()  # SIGTERM: nginx's fast shutdown
            nginx.wait(10)
        for replica in replicas:  # all at once: `docker stop` waits only 10 s
            replica.terminate()
        for replica in replicas:
            replica.stop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replicas", type=int, default=int(os.environ.get("RNNLAB_REPLICAS", 2)),
                        help="streamlit processes, one a core (default $RNNLAB_REPLICAS or 2)")
    parser.add_argument("--port", default=os.environ.get("RNNLAB_PORT", "8080"),
                        help="where nginx listens: a port or address:port (default 8080)")
    parser.add_argument("--first-port", type=int, default=8501,
                        help="the first replica's loopback port; the others follow it")
    parser.add_argument("--run-dir", type=Path, default=None,
                        help="nginx's config, pid and temp files (default: a fresh temp dir)")
    args = parser.parse_args(argv)
    if args.run_dir is not None:
        args.run_dir.mkdir(parents=True, exist_ok=True)
        return serve(args.replicas, args.port, args.first_port, args.run_dir)
    with tempfile.TemporaryDirectory(prefix="rnnlab-nginx-") as run_dir:
        return serve(args.replicas, args.port, args.first_port, Path(run_dir))


if __name__ == "__main__":
    sys.exit(main())
