"""Notifications beyond feeds: position events by e-mail and webhook, once per target.

Real servers on loopback: aiosmtpd for e-mail, an HTTP server for Apprise's json:// and
form:// webhooks. Every store test runs on SQLite and on a real PostgreSQL.
"""

from __future__ import annotations

import email
import email.policy
import json
import logging
import os
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import pytest
from click.testing import CliRunner
from conftest import DEV, SEED, free_port
from sqlalchemy import select

from tracker.cli import main
from tracker.config import Config, load_config
from tracker.errors import ConfigError
from tracker.ingest import Ingestor
from tracker.notify.deliver import (
    configured_targets,
    notify,
    resend_interrupted,
    retry_at,
)
from tracker.notify.messages import compose_message
from tracker.store import Store, open_store
from tracker.store.models import Base, DeliveryRow
from tracker.store.queries import find_change

T0 = datetime(2026, 12, 1, 2, 30, tzinfo=UTC)  # the run that first sees the targets
T1 = T0 + timedelta(days=1)  # the next night: new letters
JBZ = [SEED / "jbz-2025-10-13.xml", DEV / "05-position-changes" / "new.html"]  # 6 events
RBZ = [DEV / "15-rbz-chain-january-to-february" / f for f in ("old.html", "new.pdf.txt")]
BASE = "https://tracker.example.nl"
SECRET = "Geheim-42x"
TOKEN = "Tokenx9Geheim77"


# --- local servers ---------------------------------------------------------------------


@dataclass
class Webhook:
    """An HTTP receiver on loopback: records every POST; can refuse or hold requests."""

    port: int
    received: list[dict[str, Any]] = field(default_factory=list)
    refuse: int = 0  # answer 500 to this many requests
    hold: threading.Event | None = None  # keep the request open until this is set
    arrived: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def url(self, scheme: str = "json", path: str = "hook", auth: str = "") -> str:
        return f"{scheme}://{auth}127.0.0.1:{self.port}/{path}"

    def titles(self, path: str = "/hook") -> list[str]:
        return [r["title"] for r in self.received if r["path"] == path]


def _handler(hook: Webhook) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()
            if "json" in self.headers.get("Content-Type", ""):
                payload = json.loads(body)
            else:
                payload = {k: v[0] for k, v in parse_qs(body).items()}
            with hook.lock:
                refused = hook.refuse > 0
                hook.refuse -= 1 if refused else 0
                if not refused:
                    hook.received.append({"path": self.path, **payload})
            hook.arrived.set()
            if hook.hold is not None:
                hook.hold.wait(60)
            try:
                self.send_response(500 if refused else 200)
                self.end_headers()
            except OSError:
                pass  # the sender was killed while it waited

        def log_message(self, *args: Any) -> None:
            pass

    return Handler


@pytest.fixture
def webhook() -> Iterator[Webhook]:
    hook = Webhook(free_port())
    server = ThreadingHTTPServer(("127.0.0.1", hook.port), _handler(hook))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield hook
    if hook.hold is not None:
        hook.hold.set()
    server.shutdown()
    server.server_close()


@dataclass
class Mailbox:
    port: int
    messages: list[email.message.EmailMessage] = field(default_factory=list)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.messages.append(message)  # type: ignore[arg-type]
        return "250 OK"

    def url(self) -> str:
        return (
            f"mailto://127.0.0.1:{self.port}?from=tracker@example.nl"
            "&to=redactie@example.nl&secure=no"
        )

    def subjects(self) -> list[str]:
        return [str(m["subject"]) for m in self.messages]


@pytest.fixture
def mailbox() -> Iterator[Mailbox]:
    from aiosmtpd.controller import Controller

    box = Mailbox(free_port())
    controller = Controller(box, hostname="127.0.0.1", port=box.port)
    controller.start()
    yield box
    controller.stop()


# --- helpers ---------------------------------------------------------------------------

_OPEN: list[Store] = []


@pytest.fixture(autouse=True)
def _close_stores() -> Iterator[None]:
    yield
    while _OPEN:
        _OPEN.pop().engine.dispose()


def _config(tmp_path: Path, database_url: str, notifications: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(
        f'[store]\ndatabase = "{database_url}"\n'
        f'[paths]\ninbox = "{tmp_path / "inbox"}"\nsnapshots = "{tmp_path / "snapshots"}"\n'
        f'lock = "{tmp_path / "tracker.lock"}"\n'
        "[sources.koop_sru]\nenabled = false\n[sources.tk_odata]\nenabled = false\n"
        f'[web]\nbase_url = "{BASE}"\n' + notifications,
        "utf-8",
    )
    return path


def _setup(tmp_path: Path, database_url: str, notifications: str) -> tuple[Store, Config, Path]:
    path = _config(tmp_path, database_url, notifications)
    config = load_config(path)
    return _open(database_url, tmp_path), config, path


def _open(database_url: str, tmp_path: Path) -> Store:
    store = open_store(database_url, tmp_path / "snapshots")
    _OPEN.append(store)
    return store


def _ingest(store: Store, files: list[Path], now: datetime) -> None:
    outcomes = Ingestor(store, 10**9).ingest_paths(files, now).outcomes
    assert all(o.status in ("added", "version") for o in outcomes), outcomes


def _statuses(store: Store) -> list[tuple[str, int]]:
    with store.sessions() as session:
        rows = session.execute(select(DeliveryRow.status, DeliveryRow.tries))
        return sorted((status, tries) for status, tries in rows)


def _titles(store: Store, files_formation: str | None = None) -> list[str]:
    """The feed titles of the stored position events, as a target should receive them."""
    from tracker.store.queries import feed_items

    items = feed_items(store, kind="position", formation=files_formation, limit=1000)
    return sorted(compose_message(item, BASE).title for item in items)


# --- the message -------------------------------------------------------------------------

MESSAGE = """\
Standpunt van Nederland: tegen → voor.
Agendapunt: Europese Verordening ter voorkoming en bestrijding van seksueel misbruik van kinderen (II.4)
Brief: JBZ-Raad 13 oktober 2025 (Eerste Kamer), vergeleken met JBZ-Raad 13 oktober 2025 (Eerste Kamer).

Zin (tegen → voor):
Was: Het Deense compromisvoorstel, met bovengenoemde elementen, past niet binnen deze onderhandelingskaders.
Nu: Het gewijzigde Deense compromisvoorstel, waarin detectie van nieuw materiaal niet langer verplicht wordt gesteld, past binnen deze onderhandelingskaders.

Zin (tegen → voor):
Was: Op basis van het huidige compromisvoorstel zal Nederland zich daarom desgevraagd aansluiten bij de lidstaten die de algemene oriëntatie niet kunnen steunen.
Nu: Nederland zal de gedeeltelijke algemene oriëntatie op basis van het nieuwe compromisvoorstel daarom kunnen steunen.

Bekijk de wijziging: https://tracker.example.nl/changes/e345db57e79d3d9bcdbf2175bcb2b0c2
Officiële publicatie: https://zoek.officielebekendmakingen.nl/kst-32317-AT.html"""


def test_the_message_names_the_letter_the_move_and_links_the_change(tmp_path: Path) -> None:
    store = _open(f"sqlite:///{tmp_path / 't.db'}", tmp_path)
    _ingest(store, JBZ, T1)
    item = find_change(store, "tracker:position:e345db57e79d3d9bcdbf2175bcb2b0c2")
    message = compose_message(item, BASE + "/")
    assert message.title == (
        "Europese Verordening ter voorkoming en bestrijding van seksueel misbruik van "
        "kinderen — Nederland: tegen → voor (JBZ-Raad 13 oktober 2025)"
    )
    assert message.body == MESSAGE


# --- sending -----------------------------------------------------------------------------


def test_each_event_goes_once_to_the_mailbox_and_the_webhook(
    database_url: str, tmp_path: Path, mailbox: Mailbox, webhook: Webhook
) -> None:
    store, config, _ = _setup(
        tmp_path,
        database_url,
        f'[notifications.all]\nurls = ["{mailbox.url()}", "{webhook.url("form", "form")}"]\n'
        f'[notifications.jbz]\nurls = ["{webhook.url()}"]\n',
    )
    assert notify(store, config, T0).line == "notifications: 0 queued, nothing to send"
    _ingest(store, JBZ, T1)
    report = notify(store, config, T1)
    expected = _titles(store)
    assert len(expected) == 6
    assert report.line == "notifications: 18 queued, 18 sent"
    assert sorted(mailbox.subjects()) == expected
    assert sorted(webhook.titles("/hook")) == expected
    assert sorted(webhook.titles("/form")) == expected
    hook_message = next(r for r in webhook.received if "II.4" in r["message"])
    assert hook_message["message"] == MESSAGE
    mail = next(m for m in mailbox.messages if "misbruik" in str(m["subject"]))
    assert mail.get_content().replace("\r\n", "\n").strip() == MESSAGE
    assert _statuses(store) == [("sent", 1)] * 18

    # Again, later, after a restart, and after a rebuild re-derived every event: nothing.
    assert notify(store, config, T1).line == "notifications: 0 queued, nothing to send"
    restarted = _open(database_url, tmp_path)
    Ingestor(restarted, 10**9).rebuild(T1 + timedelta(days=1))
    assert _titles(restarted) == expected
    later = notify(restarted, config, T1 + timedelta(days=2))
    assert later.line == "notifications: 0 queued, nothing to send"
    assert len(mailbox.messages) == 6 and len(webhook.received) == 12


def test_a_new_target_starts_with_the_letters_fetched_after_it_was_first_seen(
    database_url: str, tmp_path: Path, webhook: Webhook
) -> None:
    store, config, _ = _setup(
        tmp_path, database_url, f'[notifications.all]\nurls = ["{webhook.url()}"]\n'
    )
    _ingest(store, JBZ, T0)  # fetched in the run that first sees the target: history
    assert notify(store, config, T0).line == "notifications: 0 queued, nothing to send"
    _ingest(store, RBZ, T1)
    rbz = _titles(store, "rbz")
    assert len(rbz) == 3
    assert notify(store, config, T1).queued == 3
    assert sorted(webhook.titles()) == rbz


def test_a_refused_send_is_retried_later_and_then_given_up(
    database_url: str, tmp_path: Path, webhook: Webhook
) -> None:
    store, config, _ = _setup(
        tmp_path,
        database_url,
        "[notifications]\nmax_tries = 3\nretry_minutes = 10\n"
        f'[notifications.jbz]\nurls = ["{webhook.url()}"]\n',
    )
    notify(store, config, T0)
    _ingest(store, JBZ, T1)
    webhook.refuse = 6 + 6 + 1  # the first two runs fail, and one of the third
    first = notify(store, config, T1)
    assert first.line == "notifications: 6 queued, 6 retry"
    assert first.attempts[0].error is not None and "500" in first.attempts[0].error
    assert _statuses(store) == [("pending", 1)] * 6
    # Not due yet: nothing is tried.
    assert notify(store, config, T1 + timedelta(minutes=9)).line == (
        "notifications: 0 queued, nothing to send"
    )
    second = notify(store, config, T1 + timedelta(minutes=10))
    assert second.line == "notifications: 0 queued, 6 retry"
    # The wait doubles: 20 minutes after the second failure.
    assert notify(store, config, T1 + timedelta(minutes=29)).attempts == []
    third = notify(store, config, T1 + timedelta(minutes=30))
    assert third.line == "notifications: 0 queued, 1 failed, 5 sent"
    assert _statuses(store) == [("failed", 3)] + [("sent", 3)] * 5
    assert notify(store, config, T1 + timedelta(days=3)).attempts == []
    assert len(webhook.titles()) == 5 and len(set(webhook.titles())) == 5


def test_an_event_gone_from_the_store_is_not_sent_until_it_comes_back(
    database_url: str, tmp_path: Path, webhook: Webhook
) -> None:
    from sqlalchemy import delete

    from tracker.store.models import FeedEntryRow, PositionEventRow

    store, config, _ = _setup(
        tmp_path, database_url, f'[notifications.all]\nurls = ["{webhook.url()}"]\n'
    )
    notify(store, config, T0)
    _ingest(store, JBZ, T1)
    webhook.refuse = 6
    assert notify(store, config, T1).line == "notifications: 6 queued, 6 retry"
    guid = "tracker:position:e345db57e79d3d9bcdbf2175bcb2b0c2"
    title = _title(store, guid)
    with store.sessions.begin() as session:  # as a refold that no longer finds the move
        session.execute(delete(FeedEntryRow).where(FeedEntryRow.guid == guid))
        session.execute(delete(PositionEventRow).where(PositionEventRow.guid == guid))
    gone = notify(store, config, T1 + timedelta(minutes=10))
    assert gone.line == "notifications: 0 queued, 1 gone, 5 sent"
    assert title not in webhook.titles()
    Ingestor(store, 10**9).rebuild(T1 + timedelta(days=1))  # the event is derived again
    back = notify(store, config, T1 + timedelta(days=1))
    assert back.line == "notifications: 1 queued, 1 sent"
    assert sorted(webhook.titles()) == _titles(store)


def test_a_large_backlog_is_queued_in_batches_and_only_once(
    database_url: str, tmp_path: Path
) -> None:
    from tracker.store import deliveries

    store = _open(database_url, tmp_path)
    deliveries.register_targets(store, ["json://127.0.0.1:9/x"], T0)
    guids = [f"tracker:position:{n:032x}" for n in range(2 * deliveries.BATCH + 500)]
    assert deliveries.enqueue(store, "json://127.0.0.1:9/x", guids + guids[:10], T1) == 2500
    assert deliveries.enqueue(store, "json://127.0.0.1:9/x", guids, T1) == 0
    assert len(deliveries.due(store, ["json://127.0.0.1:9/x"], T1)) == 2500


def test_retries_wait_longer_each_time_up_to_a_day() -> None:
    config = load_config(None).notifications
    waits = [retry_at(n, T0, config) for n in range(1, 10)]
    assert [w - T0 if w else None for w in waits] == [
        timedelta(minutes=10),
        timedelta(minutes=20),
        timedelta(minutes=40),
        timedelta(minutes=80),
        timedelta(minutes=160),
        None,  # max_tries = 6 by default
        None,
        None,
        None,
    ]
    many = type(config)(max_tries=20, retry_minutes=10)
    assert retry_at(19, T0, many) == T0 + timedelta(days=1)


def test_events_go_to_the_targets_of_their_formation(
    database_url: str, tmp_path: Path, webhook: Webhook
) -> None:
    store, config, _ = _setup(
        tmp_path,
        database_url,
        f'[notifications.jbz]\nurls = ["{webhook.url(path="jbz")}", "{webhook.url(path="both")}"]\n'
        f'[notifications.rbz]\nurls = ["{webhook.url(path="rbz")}", "{webhook.url(path="both")}"]\n'
        f'[notifications.lvr]\nurls = ["{webhook.url(path="lvr")}"]\n'
        f'[notifications.all]\nurls = ["{webhook.url(path="all")}"]\n',
    )
    notify(store, config, T0)
    _ingest(store, JBZ + RBZ, T1)
    notify(store, config, T1)
    jbz, rbz = _titles(store, "jbz"), _titles(store, "rbz")
    assert len(jbz) == 6 and len(rbz) == 3
    assert sorted(webhook.titles("/jbz")) == jbz
    assert sorted(webhook.titles("/rbz")) == rbz
    assert webhook.titles("/lvr") == []
    # A URL listed for two formations is one target: each event once.
    assert sorted(webhook.titles("/both")) == sorted(jbz + rbz)
    assert sorted(webhook.titles("/all")) == sorted(jbz + rbz)


def test_a_sub_formation_goes_to_its_formations_targets() -> None:
    from tracker.notify.config import NotificationsConfig, Route

    (target,) = configured_targets(NotificationsConfig((Route("rbz", ("json://127.0.0.1:9/x",)),)))
    assert target.wants("rbz") and target.wants("rbz-handel")
    assert target.wants("Buitenlandse Zaken")
    assert not target.wants("jbz") and not target.wants("raz")


# --- concurrency and crashes -------------------------------------------------------------


def test_two_processes_at_once_send_each_event_once(
    database_url: str, tmp_path: Path, webhook: Webhook
) -> None:
    store, config, _ = _setup(
        tmp_path,
        database_url,
        f'[notifications.all]\nurls = ["{webhook.url()}", "{webhook.url("form", "form")}"]\n',
    )
    notify(store, config, T0)
    _ingest(store, JBZ + RBZ, T1)
    stores = [_open(database_url, tmp_path) for _ in range(3)]
    start = threading.Barrier(len(stores))
    errors: list[BaseException] = []

    def run(one: Store) -> None:
        try:
            start.wait()
            notify(one, config, T1)
        except BaseException as exc:  # a failure in a thread must fail the test
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(s,)) for s in stores]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert errors == []
    titles = _titles(store)
    assert sorted(webhook.titles("/hook")) == titles
    assert sorted(webhook.titles("/form")) == titles
    assert _statuses(store) == [("sent", 1)] * 18


def test_a_crash_while_sending_is_reported_and_not_sent_again(
    database_url: str, tmp_path: Path, webhook: Webhook
) -> None:
    store, config, path = _setup(
        tmp_path, database_url, f'[notifications.all]\nurls = ["{webhook.url()}"]\n'
    )
    now = datetime.now(UTC)
    notify(store, config, now - timedelta(hours=2))
    _ingest(store, JBZ, now - timedelta(hours=1))
    webhook.hold = threading.Event()
    command = [sys.executable, "-c", "from tracker.cli import main; main()"]
    child = subprocess.Popen(
        [*command, "--config", str(path), "notify"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={k: v for k, v in os.environ.items() if k != "TRACKER_DATABASE_URL"},
    )
    try:
        assert webhook.arrived.wait(60), "the first message never arrived"
        os.kill(child.pid, signal.SIGKILL)  # between sending and recording
        child.wait(30)
    finally:
        webhook.hold.set()
    webhook.hold = None
    assert _statuses(store) == [("pending", 0)] * 5 + [("sending", 1)]
    # Just claimed: it may still be on its way from a live process; not released yet.
    assert resend_interrupted(store, config, now) == 0
    later = notify(store, config, now + timedelta(hours=1))
    assert later.line == "notifications: 0 queued, 5 sent, 1 interrupted"
    (lost,) = later.interrupted
    assert webhook.titles().count(_title(store, lost.event_guid)) == 1
    assert sorted(webhook.titles()) == _titles(store)  # the interrupted one arrived once
    assert notify(store, config, now + timedelta(days=1)).attempts == []

    # The operator may choose to send it again: then it can arrive twice.
    assert resend_interrupted(store, config, now + timedelta(hours=2)) == 1
    again = notify(store, config, now + timedelta(hours=2))
    assert again.line == "notifications: 0 queued, 1 sent"
    assert webhook.titles().count(_title(store, lost.event_guid)) == 2


def _title(store: Store, guid: str) -> str:
    return compose_message(find_change(store, guid), BASE).title


# --- secrets, configuration, the command and the fetch hook ------------------------------


def test_secrets_in_urls_are_never_stored_printed_or_logged(
    database_url: str, tmp_path: Path, webhook: Webhook, caplog: pytest.LogCaptureFixture
) -> None:
    # A password (HTTP basic auth) and a token in the request's path (Mattermost's hook),
    # which Apprise and urllib3 both write in their debug logs.
    urls = [webhook.url(auth=f"redactie:{SECRET}@"), f"mmost://127.0.0.1:{webhook.port}/{TOKEN}"]
    store, config, path = _setup(
        tmp_path, database_url, f"[notifications.all]\nurls = {json.dumps(urls)}\n"
    )
    assert SECRET not in repr(config) and TOKEN not in repr(config)
    notify(store, config, T0)
    _ingest(store, JBZ, T1)
    webhook.refuse = 100
    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.DEBUG, logger="urllib3")
    report = notify(store, config, T1)
    assert report.line == "notifications: 12 queued, 12 retry"
    result = CliRunner().invoke(main, ["-v", "--config", str(path), "notify"])
    assert "json://redactie:****@127.0.0.1" in result.output
    assert f"mmost://127.0.0.1:{webhook.port}/T...7/" in result.output
    assert f"/hooks/{TOKEN}" not in caplog.text and "/hooks/****" in caplog.text
    for secret in (SECRET, TOKEN):
        assert secret not in result.output + caplog.text + repr(report)
        with store.sessions() as session:
            for table in Base.metadata.sorted_tables:
                for row in session.execute(select(table)):
                    assert secret not in repr(tuple(row)), table.name


CONFIG_ERRORS = {
    "unknown-formation": (
        "[notifications.jbzz]\nurls = []\n",
        "notifications.jbzz: not a formation key (tracker.formations) nor 'all'",
    ),
    "urls-not-a-list": (
        '[notifications.all]\nurls = "json://x"\n',
        "notifications.all.urls must be a list of Apprise URLs (scheme://...)",
    ),
    "unknown-key": (
        '[notifications.all]\nurl = ["json://x"]\n',
        "notifications.all: unknown key url (only urls)",
    ),
    "bad-tries": ("[notifications]\nmax_tries = 0\n", "notifications.max_tries must be"),
    "bad-minutes": ('[notifications]\nretry_minutes = "x"\n', "notifications.retry_minutes"),
    "a-setting-that-is-not": ("[notifications]\nurls = 3\n", "notifications.urls: not a"),
}


@pytest.mark.parametrize("case", CONFIG_ERRORS, ids=list(CONFIG_ERRORS))
def test_a_bad_notifications_table_is_an_error_that_names_it(tmp_path: Path, case: str) -> None:
    text, message = CONFIG_ERRORS[case]
    path = tmp_path / "config.toml"
    path.write_text(text, "utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert str(caught.value).startswith(f"{path}: ")
    assert message in str(caught.value)


def test_a_url_apprise_cannot_use_is_named_by_place_not_by_its_secrets() -> None:
    from tracker.notify.config import NotificationsConfig, Route

    config = NotificationsConfig((Route("jbz", ("json://x", f"nosuch://u:{SECRET}@h")),))
    with pytest.raises(ConfigError) as caught:
        configured_targets(config)
    assert str(caught.value) == (
        "notifications.jbz.urls[1]: Apprise cannot use this URL (scheme 'nosuch')"
    )


def test_tracker_fetch_notifies_and_tracker_notify_shows_what_is_left(
    tmp_path: Path, webhook: Webhook
) -> None:
    database_url = f"sqlite:///{tmp_path / 't.db'}"
    path = _config(tmp_path, database_url, f'[notifications.jbz]\nurls = ["{webhook.url()}"]\n')
    runner = CliRunner()
    label = f"json://127.0.0.1:{webhook.port}/hook"
    new_target = f"new target: {label} (receives the letters fetched from now on)\n"
    nothing = "notifications: 0 queued, nothing to send\n"
    dry = runner.invoke(main, ["--config", str(path), "notify", "--dry-run"])
    assert dry.exit_code == 0, dry.output
    assert dry.output == new_target + nothing
    first = runner.invoke(main, ["--config", str(path), "notify"])  # registers the target
    assert first.output == new_target + nothing
    (tmp_path / "inbox").mkdir()
    for index, file in enumerate(JBZ):
        (tmp_path / "inbox" / f"{index}-{file.name}").write_bytes(file.read_bytes())
    fetched = runner.invoke(main, ["--config", str(path), "fetch", "--source", "inbox"])
    assert fetched.exit_code == 0, fetched.output
    with _open(database_url, tmp_path).sessions() as session:
        guids = session.scalars(select(DeliveryRow.event_guid).order_by(DeliveryRow.id)).all()
    store = _OPEN[-1]
    sent = "".join(f"sent: {label}: {_title(store, guid)}\n" for guid in guids)
    assert fetched.output.endswith(sent + "notifications: 6 queued, 6 sent\n")
    assert len(webhook.titles()) == 6
    again = runner.invoke(main, ["--config", str(path), "notify", "--dry-run"])
    assert again.output == nothing
    without = _config(tmp_path, database_url, "")
    none = runner.invoke(main, ["--config", str(without), "notify"])
    assert none.exit_code == 1
    assert "no [notifications] targets in the configuration" in none.output


def test_the_daemons_nightly_run_notifies_and_logs_one_line(
    tmp_path: Path, webhook: Webhook, caplog: pytest.LogCaptureFixture
) -> None:
    from tracker.daemon import run_fetch

    database_url = f"sqlite:///{tmp_path / 't.db'}"
    store, config, _ = _setup(
        tmp_path, database_url, f'[notifications.all]\nurls = ["{webhook.url()}"]\n'
    )
    run_fetch(store, config, T0)  # the first night sees the target
    (tmp_path / "inbox").mkdir(exist_ok=True)
    for index, file in enumerate(JBZ):
        (tmp_path / "inbox" / f"{index}-{file.name}").write_bytes(file.read_bytes())
    caplog.set_level(logging.INFO, logger="tracker")
    run_fetch(store, config, T1)
    assert "notifications: 6 queued, 6 sent" in caplog.messages
    assert len(webhook.titles()) == 6


def test_the_scheduled_job_notifies_and_the_job_store_holds_no_secret(
    tmp_path: Path, webhook: Webhook
) -> None:
    import time

    from sqlalchemy import text

    from tracker.daemon import start_scheduler

    database_url = f"sqlite:///{tmp_path / 't.db'}"
    url = webhook.url(auth=f"redactie:{SECRET}@")
    store, config, path = _setup(tmp_path, database_url, f'[notifications.all]\nurls = ["{url}"]\n')
    notify(store, config, datetime.now(UTC) - timedelta(hours=1))  # the target is known
    (tmp_path / "inbox").mkdir()
    for index, file in enumerate(JBZ):
        (tmp_path / "inbox" / f"{index}-{file.name}").write_bytes(file.read_bytes())
    scheduler = start_scheduler(store, config, path)  # never ran: now
    try:
        deadline = time.monotonic() + 120
        while len(webhook.titles()) < 6 and time.monotonic() < deadline:
            time.sleep(0.1)
    finally:
        scheduler.shutdown(wait=True)
    assert sorted(webhook.titles()) == _titles(store)
    with store.engine.connect() as connection:
        jobs = connection.execute(text("SELECT job_state FROM apscheduler_jobs")).scalars().all()
    assert len(jobs) == 1
    assert SECRET.encode() not in jobs[0] and b"redactie" not in jobs[0]
