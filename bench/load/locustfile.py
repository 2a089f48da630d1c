"""The users of the load benchmark: what the demo accounts do in a busy week, as locust
users. Started by bench/load/run.py (which sets SAMOS_LOAD_FIXTURE and SAMOS_LOAD_SUMMARY);
it does not import Django (locust runs on gevent, in a process of its own).

Each user logs in once through the two-step login page (demo mode waives the second
factor, as for `make run`), then does its role's tasks with 1–3 s between them. CSRF as
a browser does it: the session keeps the csrftoken cookie, every POST sends the token of
the form it came from. A response counts as a failure when its status is not the one a
browser would get (a saved form redirects with 302; a PDF is application/pdf); a form
shown again with its errors is a failure too, with the first error as its message.

Request names are `group: what`; the summary groups them on the part before the colon.
The `floor` group is one anonymous user who fetches the login page and a static file:
the same server, the same load, nearly no work; the app's figures are also given as
ratios to it.
"""

import collections
import io
import itertools
import json
import os
import random
import re
import time
from datetime import datetime, timedelta
from pathlib import Path

from locust import HttpUser, between, constant, events, task
from locust.stats import RequestStats, StatsEntry

FIXTURE = json.loads(Path(os.environ["SAMOS_LOAD_FIXTURE"]).read_text())
PASSWORD = "samos-demo"  # noqa: S105  (the documented demo password)
STATIC_FILE = "/static/css/samos.css"

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
SUBMISSION_TOKEN = re.compile(r'name="submission_token" value="([^"]+)"')
SIGNAL_LINK = re.compile(r'href="(/signalen/[0-9a-f-]{36}/)"')
CASE_LINK = re.compile(r'href="(/casussen/[0-9a-f-]{36}/)"')
STALE = "Iemand anders heeft dit intussen gewijzigd"
FIELD_ERROR = re.compile(r'class="[^"]*invalid-feedback[^"]*"[^>]*>\s*(?:<[^>]+>\s*)*([^<]+)')

OBSERVATIONS = [
    "Groep van tien jongeren bij het dorpsplein, veel lawaai en een omgegooide bank.",
    "Nieuwe pamfletten tegen de opvang in de brievenbussen aan de Dorpsstraat.",
    "Spandoek aan het hek van de school, met een oproep tot protest.",
    "Online oproep in een buurtgroep om naar de informatieavond te komen.",
    "Bekladding op de muur van het dorpshuis, vanochtend ontdekt.",
    "Bewoners vertellen de wijkagent over harde woorden bij de supermarkt.",
]
STEP_TEXTS = [
    "Meer signalen dan vorige week; de toon online wordt harder.",
    "Jongerenwerk is 's avonds extra aanwezig; de dorpsraad is gebeld.",
    "Politie houdt de online groepen in de gaten en meldt wijzigingen.",
    "Nog geen geweld; wel zorgen bij ouders en ondernemers.",
]
# The runner steps of a first session that the chair fills in (free-text fields).
RUNNER_STEPS = ["motivering", "informatie", "directe_stappen", "beeldvorming"]

# The steady state starts when the last of the SAMOS_LOAD_USERS users has logged in: from
# then on every request is also recorded here (no logins, no first-request warm-up of the
# workers), next to locust's own statistics of the whole run.
EXPECTED_USERS = int(os.environ.get("SAMOS_LOAD_USERS", "0"))
STEADY = RequestStats(use_response_times_cache=False)
_state: dict = {"logged_in": 0, "steady_since": None}


def _photo() -> bytes:
    """A small real JPEG (a 320×240 gradient with a few shapes), made once."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (320, 240))
    draw = ImageDraw.Draw(image)
    for y in range(240):
        draw.line([(0, y), (319, y)], fill=(40 + y // 2, 90, 160 - y // 3))
    draw.rectangle([40, 60, 140, 200], fill=(200, 180, 60))
    draw.ellipse([180, 40, 290, 150], fill=(230, 230, 230))
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=80)
    return out.getvalue()


PHOTO = _photo()


def _first_error(html: str) -> str:
    if STALE in html:
        return "stale version (optimistic lock): " + STALE
    match = FIELD_ERROR.search(html)
    return match.group(1).strip()[:160] if match else "form shown again without a field error"


class SamosUser(HttpUser):
    """A logged-in demo account. Subclasses set `username` (or `usernames`) and tasks."""

    abstract = True
    wait_time = between(1, 3)
    usernames: tuple[str, ...] = ()
    # Numbered per user class: the accounts of a class and the chairs' sessions go round.
    _counters: dict[str, itertools.count] = collections.defaultdict(itertools.count)

    def on_start(self) -> None:
        number = next(SamosUser._counters[type(self).__name__])
        self.username = self.usernames[number % len(self.usernames)]
        self.number = number
        self.signal_links: list[str] = []
        self.case_links: list[str] = []
        page = self.client.get("/inloggen/", name="login: page")
        with self.client.post(
            "/inloggen/",
            data={
                "csrfmiddlewaretoken": self._csrf(page.text),
                "login_view-current_step": "auth",
                "auth-username": self.username,
                "auth-password": PASSWORD,
            },
            name="login: post",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"login of {self.username} gave {response.status_code}")
                return
        _state["logged_in"] += 1
        if _state["logged_in"] == EXPECTED_USERS:
            _state["steady_since"] = time.time()

    @staticmethod
    def _csrf(html: str) -> str:
        match = CSRF.search(html)
        return match.group(1) if match else ""

    def _page(self, url: str, name: str, *, contains: str = "") -> str:
        with self.client.get(url, name=name, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"status {response.status_code}")
            elif response.url and "/inloggen/" in response.url:
                response.failure("sent to the login page")
            elif contains and contains not in response.text:
                response.failure(f"no {contains!r} on the page")
            return response.text

    def _pdf(self, url: str, name: str) -> None:
        with self.client.get(url, name=name, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"status {response.status_code}")
            elif not response.content.startswith(b"%PDF"):
                response.failure(f"not a PDF ({response.headers.get('Content-Type')})")

    # --- tasks shared by several roles ----------------------------------------------------
    def start_page(self) -> None:
        self._page("/", "start: dashboard")

    def log_signal(self) -> None:
        form = self._page("/signalen/nieuw/", "signals: new form", contains="submission_token")
        token = SUBMISSION_TOKEN.search(form)
        if token is None:
            return
        observed = datetime.now() - timedelta(hours=3, minutes=random.randint(0, 600))  # noqa: DTZ005
        with self.client.post(
            "/signalen/nieuw/",
            data={
                "csrfmiddlewaretoken": self._csrf(form),
                "submission_token": token.group(1),
                "observation": random.choice(OBSERVATIONS),
                "observed_at": observed.strftime("%Y-%m-%dT%H:%M"),
                "area": random.choice(FIXTURE["areas"]),
                "themes": random.sample(FIXTURE["themes"], k=random.randint(1, 2)),
                "source_kind": random.choice(FIXTURE["source_kinds"]),
                "channel": random.choice(["offline", "online"]),
                "urgency": random.choice(["laag", "midden", "hoog"]),
                "confidentiality": "intern",
            },
            files={"attachments": ("foto.jpg", PHOTO, "image/jpeg")},
            name="signals: create with photo",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code == 200:
                response.failure(_first_error(response.text))
            elif response.status_code != 302:
                response.failure(f"status {response.status_code}")
            elif SIGNAL_LINK.search(f'href="{response.headers.get("Location", "")}"'):
                self.signal_links.append(response.headers["Location"])

    def browse_signals(self) -> None:
        html = self._page(f"/signalen/?page={random.randint(1, 5)}", "signals: list")
        self.signal_links = SIGNAL_LINK.findall(html) or self.signal_links

    def filter_signals(self) -> None:
        params = {"area": random.choice(FIXTURE["areas"])}
        if random.random() < 0.7:
            params["theme"] = random.choice(FIXTURE["themes"])
        if random.random() < 0.6:
            since = datetime.now() - timedelta(days=random.choice([7, 30, 90]))  # noqa: DTZ005
            params["observed_from"] = since.strftime("%Y-%m-%d")
        if random.random() < 0.3:
            params["urgency"] = random.choice(["laag", "midden", "hoog"])
        if random.random() < 0.2:
            params["q"] = random.choice(["pamflet", "jongeren", "spandoek", "online"])
        html = self._page(
            "/signalen/?" + "&".join(f"{k}={v}" for k, v in params.items()),
            "signals: list filtered",
        )
        self.signal_links = SIGNAL_LINK.findall(html) or self.signal_links

    def open_signal(self) -> None:
        if not self.signal_links:
            self.browse_signals()
        if self.signal_links:
            self._page(random.choice(self.signal_links), "signals: detail")

    def open_case(self) -> None:
        if not self.case_links or random.random() < 0.3:
            html = self._page("/casussen/", "cases: list")
            self.case_links = CASE_LINK.findall(html)
        if self.case_links:
            self._page(random.choice(self.case_links), "cases: detail")

    def decision_list_pdf(self) -> None:
        if random.random() < 0.5 or not FIXTURE["adopted_sessions"]:
            uuid = random.choice(FIXTURE["concept_sessions"])
            self._pdf(f"/bijeenkomsten/{uuid}/besluitenlijst.pdf", "pdf: besluitenlijst concept")
        else:
            uuid = random.choice(FIXTURE["adopted_sessions"])
            self._pdf(f"/bijeenkomsten/{uuid}/besluitenlijst.pdf", "pdf: besluitenlijst stored")

    def minutes_pdf(self) -> None:
        uuid = random.choice(FIXTURE["concept_sessions"])
        self._pdf(f"/bijeenkomsten/{uuid}/verslag.pdf", "pdf: verslag")

    def read_runner(self) -> None:
        uuid = random.choice(FIXTURE["running_sessions"])
        step = random.choice(RUNNER_STEPS)
        self._page(f"/bijeenkomsten/{uuid}/?stap={step}", "runner: step page")


class Signaleerder(SamosUser):
    """The wijkagent and the jongerenwerker: log what they see, look at their signals."""

    weight = 14
    usernames = ("signaleerder",)
    tasks = {
        SamosUser.log_signal: 3,
        SamosUser.browse_signals: 2,
        SamosUser.open_signal: 1,
        SamosUser.start_page: 1,
    }


class Coordinator(SamosUser):
    """The coördinator: triage, filter the list, read signals and cases."""

    weight = 12
    usernames = ("coordinator",)
    tasks = {
        SamosUser.filter_signals: 4,
        SamosUser.browse_signals: 2,
        SamosUser.open_signal: 2,
        SamosUser.open_case: 2,
        SamosUser.start_page: 1,
        SamosUser.log_signal: 1,
    }


class KernteamReader(SamosUser):
    """Kernteam members and the burgemeester: cases, the runner read along, the PDFs."""

    weight = 10
    usernames = ("kernteamlid", "burgemeester")
    tasks = {
        SamosUser.open_case: 3,
        SamosUser.decision_list_pdf: 2,
        SamosUser.minutes_pdf: 1,
        SamosUser.read_runner: 1,
        SamosUser.start_page: 1,
    }


class Chair(SamosUser):
    """The voorzitter runs a session: reads a step and saves it (optimistic lock)."""

    weight = 6
    usernames = ("voorzitter",)

    def on_start(self) -> None:
        super().on_start()
        # One running session per simulated chair: one editor per session, as in reality.
        sessions = FIXTURE["running_sessions"]
        self.session = sessions[self.number % len(sessions)]

    def save_step(self) -> None:
        step = random.choice(RUNNER_STEPS)
        html = self._page(f"/bijeenkomsten/{self.session}/?stap={step}", "runner: step page")
        action = f'action="/bijeenkomsten/{self.session}/stap/{step}/"'
        start = html.find(action)
        if start < 0:
            return
        form = html[start : html.find("</form>", start)]
        version = re.search(r'name="version" value="(\d+)"', form)
        data = {
            "csrfmiddlewaretoken": self._csrf(html),
            "version": version.group(1) if version else "0",
        }
        for name in re.findall(r'<textarea name="([a-z_]+)"', form):
            data[name] = random.choice(STEP_TEXTS)
        if random.random() < 0.5:
            data["verder"] = "1"
        with self.client.post(
            f"/bijeenkomsten/{self.session}/stap/{step}/",
            data=data,
            name="runner: step save",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code == 200:
                response.failure(_first_error(response.text))
            elif response.status_code != 302:
                response.failure(f"status {response.status_code}")

    tasks = {
        save_step: 4,
        SamosUser.open_case: 1,
        SamosUser.decision_list_pdf: 1,
        SamosUser.minutes_pdf: 1,
        SamosUser.start_page: 1,
    }


class Floor(HttpUser):
    """One anonymous visitor: the login page and a static file, the trivial requests the
    app's figures are compared with (same server, same moment, nearly no work)."""

    fixed_count = 1
    wait_time = constant(0.5)

    @task
    def login_page(self) -> None:
        self.client.get("/inloggen/", name="floor: login page")

    @task
    def static_file(self) -> None:
        self.client.get(STATIC_FILE, name="floor: static file")


def _figures(entry) -> dict:
    return {
        "requests": entry.num_requests,
        "failures": entry.num_failures,
        "rps": entry.total_rps,
        "p50": entry.get_response_time_percentile(0.5),
        "p95": entry.get_response_time_percentile(0.95),
        "p99": entry.get_response_time_percentile(0.99),
        "max": entry.max_response_time,
        "avg": entry.avg_response_time,
    }


def _summarise(stats) -> dict:
    """Per request name, per group and for the app as a whole (without the floor); the
    groups merge locust's own response-time histograms."""
    names, groups = {}, {}
    app = StatsEntry(stats, "app", "", use_response_times_cache=False)
    for entry in stats.entries.values():
        names[entry.name] = _figures(entry)
        group = entry.name.split(":", 1)[0]
        if group not in groups:
            groups[group] = StatsEntry(stats, group, "", use_response_times_cache=False)
        groups[group].extend(entry)
        if group != "floor":
            app.extend(entry)
    return {
        "names": names,
        "groups": {g: _figures(e) for g, e in groups.items()},
        "app": _figures(app),
        "errors": [
            {"name": e.name, "method": e.method, "error": str(e.error), "count": e.occurrences}
            for e in stats.errors.values()
        ],
    }


@events.request.add_listener
def _record_steady(request_type, name, response_time, response_length, exception=None, **kw):
    if _state["steady_since"] is None:
        return
    STEADY.log_request(request_type, name, response_time, response_length)
    if exception is not None:
        STEADY.log_error(request_type, name, exception)


@events.quitting.add_listener
def _write_summary(environment, **kwargs) -> None:
    """The whole run and the steady state, in JSON for run.py."""
    target = os.environ.get("SAMOS_LOAD_SUMMARY")
    if not target:
        return
    since = _state["steady_since"]
    exceptions = environment.runner.exceptions.values() if environment.runner else []
    summary = {
        "whole": _summarise(environment.stats),
        "steady": _summarise(STEADY) if since else None,
        "steady_after_s": (since - environment.stats.total.start_time) if since else None,
        "logged_in": _state["logged_in"],
        "exceptions": [{"count": e["count"], "msg": e["msg"]} for e in exceptions],
    }
    Path(target).write_text(json.dumps(summary, indent=2))
