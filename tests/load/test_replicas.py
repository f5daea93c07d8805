"""Past one server: two `streamlit run app.py` replicas behind nginx, configured as deployed.

The config is deploy/nginx.conf.template rendered by deploy/replicas.py for two fresh servers on
loopback. nginx hands each browser a cookie that keeps it on one replica; every request it
proxies names the replica that answered (X-Rnnlab-Replica). The tests check, in file order:
the cookie pins a browser's page, health checks and websocket to one replica, and a class that
all comes from one address (as a classroom behind one NAT does) spreads over both; then a class
of protocol-level students (tests/load/protocol.py) opens its links through the proxy at once,
and every page ends with every chart and no exception. Where each session ran is checked
without trusting nginx's header too: a run is cached only in the process that trained it.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import time
import urllib.request
from contextlib import ExitStack
from dataclasses import dataclass

import pytest
from support import OUTPUT, free_port, healthy, stop, streamlit_server
from websockets.asyncio.client import connect

from deploy.replicas import find_nginx, nginx_command, write_config
from tests.load import protocol
from tests.load.protocol import Visit
from tests.load.test_protocol_class import PAGE_LIMIT_S, run, started

pytestmark = pytest.mark.load

REPLICAS = 2
PER_REPLICA = 3  # students a replica
COOKIE = "rnnlab_replica"
HEADER = "X-Rnnlab-Replica"
LOG = OUTPUT / "nginx_replicas.log"
START_TIMEOUT = 20.0


@dataclass(frozen=True)
class Proxy:
    url: str  # nginx
    replicas: dict[str, str]  # "127.0.0.1:port" as nginx names it -> the replica's own URL


def require_nginx() -> None:
    """Skip without nginx on a workstation; in CI (scripts/test.sh installs it) fail."""
    if find_nginx() is not None:
        return
    message = "nginx not found (apt-get install nginx; scripts/test.sh does this)"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="module")
def proxy(tmp_path_factory) -> Proxy:
    require_nginx()
    with ExitStack() as stack:
        urls = [stack.enter_context(streamlit_server(f"streamlit_replica{i}.log"))[0]
                for i in range(REPLICAS)]
        replicas = {url.removeprefix("http://"): url for url in urls}
        port = free_port()
        conf = write_config(tmp_path_factory.mktemp("nginx"),
                            [int(name.rsplit(":", 1)[1]) for name in replicas],
                            f"127.0.0.1:{port}")
        url = f"http://127.0.0.1:{port}"
        log = stack.enter_context(open(LOG, "wb"))
        nginx = subprocess.Popen(nginx_command(conf), stdout=log, stderr=subprocess.STDOUT,
                                 start_new_session=True)
        stack.callback(stop, nginx)
        deadline = time.monotonic() + START_TIMEOUT
        while not healthy(url):
            if nginx.poll() is not None or time.monotonic() > deadline:
                log.flush()
                pytest.fail(f"nginx did not answer {url}/_stcore/health (exit code "
                            f"{nginx.poll()}):\n{LOG.read_text(errors='replace')[-3000:]}")
            time.sleep(0.1)
        yield Proxy(url, replicas)


def get(url: str, cookie: str | None = None) -> tuple[str, str | None]:
    """GET `url` as a browser holding `cookie` ("rnnlab_replica=..."): the replica that answered,
    and the affinity cookie the response set (None: it set none)."""
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    with urllib.request.urlopen(request, timeout=30) as response:
        response.read()
        given = [value.split(";", 1)[0] for value in response.headers.get_all("Set-Cookie", [])
                 if value.startswith(COOKIE + "=")]
        return response.headers[HEADER], (given[0] if given else None)


@pytest.fixture(scope="module")
def cookies(proxy) -> dict[str, list[str]]:
    """PER_REPLICA affinity cookies for each replica, as nginx hands them to new browsers, all
    from 127.0.0.1. nginx picks the replica; a few dozen page loads reach both (or fail)."""
    found: dict[str, list[str]] = {name: [] for name in proxy.replicas}
    for _ in range(64):
        replica, cookie = get(proxy.url + "/")
        assert cookie is not None, "a browser without the cookie was given none"
        assert replica in found, f"answered by {replica}, not one of {list(found)}"
        found[replica].append(cookie)
        if min(len(c) for c in found.values()) >= PER_REPLICA:
            return {name: c[:PER_REPLICA] for name, c in found.items()}
    pytest.fail(f"64 new browsers from one address did not reach every replica: "
                f"{ {name: len(c) for name, c in found.items()} }")


class Student(protocol.Student):
    """A student whose browser holds nginx's cookie: the websocket's handshake carries it, and
    its answer names the replica that took the session."""

    def __init__(self, base_url: str, cookie: str):
        super().__init__(base_url)
        self.cookie = cookie
        self.replica: str | None = None

    async def __aenter__(self) -> Student:
        self.ws = await connect(self.ws_url, subprotocols=["streamlit"], max_size=None,
                                open_timeout=30, ping_interval=None,
                                additional_headers={"Cookie": self.cookie})
        self.replica = self.ws.response.headers.get(HEADER)
        return self


async def visit(base_url: str, cookie: str, query: str) -> tuple[str | None, Visit]:
    """One student opens `query` through the proxy: the session's replica, and the page."""
    async with Student(base_url, cookie) as student:
        return student.replica, await student.open(query)


async def class_at_once(base_url: str, seats: list[tuple[str, str]]):
    """Every seat's student (cookie, link) opens their page through the proxy at once."""
    return await asyncio.gather(*(visit(base_url, cookie, query) for cookie, query in seats))


def test_the_cookie_keeps_a_browser_on_one_replica(proxy, cookies):
    for replica, held in cookies.items():
        for cookie in held:
            for path in ("/", "/_stcore/health", "/_stcore/host-config"):
                answered, given = get(proxy.url + path, cookie)
                assert answered == replica, f"{path} with {cookie} went to {answered}"
                assert given is None, f"{path}: a browser with the cookie was given another"


def test_a_class_through_the_proxy(proxy, cookies):
    seats = [(cookie, f"seed={400 + 10 * r + i}&rho=1.05")
             for r, held in enumerate(cookies.values()) for i, cookie in enumerate(held)]
    results = run(class_at_once(proxy.url, seats))
    charts = set()
    where: dict[str, list[str]] = {name: [] for name in proxy.replicas}
    for (cookie, query), (replica, page) in zip(seats, results, strict=True):
        assert page.ok, f"?{query}: {page.exceptions}"
        assert page.seconds < PAGE_LIMIT_S, f"?{query} took {page.seconds:.1f} s"
        assert cookie in cookies.get(replica, []), f"?{query}: its session went to {replica}"
        charts.add((page.training_charts, page.analysis_charts))
        where[replica].append(query)
    assert len(charts) == 1, f"the pages drew different charts: {charts}"
    ((training, analysis),) = charts
    assert training >= 3 and analysis >= 2
    assert all(where.values()), f"a replica served no session: {where}"

    # Without nginx's word: a replica has cached the runs its own students' pages trained (so
    # reading one starts none) and not those of the other's (reading one trains it there).
    for name, url in proxy.replicas.items():
        mine = where[name][0]
        theirs = next(q for other, qs in where.items() if other != name for q in qs)
        before = started(url, mine)
        assert started(url, mine) == before, f"{mine} was not trained on {name}"
        started(url, theirs)
        assert started(url, mine) > before, f"{theirs} was already trained on {name}"
