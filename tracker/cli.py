"""The command line: thin commands over the library."""

from __future__ import annotations

import gc
import logging
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import click

from tracker import __version__, kept
from tracker.config import Config, database_url, find_config, load_config
from tracker.errors import TrackerError

if TYPE_CHECKING:
    from rich.console import Console

    from tracker.ingest import Ingestor
    from tracker.models import Letter
    from tracker.notify.deliver import NotifyReport
    from tracker.sources.runner import SourceRun
    from tracker.store import Store
    from tracker.store.queries import LetterInfo

EXAMPLE = "example-jbz-2025-10-13.pdf.txt"
log = logging.getLogger(__name__)
CONFIG_PATH = "tracker.config_path"  # ctx.meta: the configuration file read (None: embedded)
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
LOG_DATE = "%Y-%m-%dT%H:%M:%S%z"
DIFF_YOUNG_OBJECTS = 10_000  # allocations between collections of the youngest, in `diff`


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="tracker")
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="config.toml to use (default: $TRACKER_CONFIG, else ./config.toml, else "
    "~/.config/tracker/config.toml, else /etc/tracker/config.toml, else the embedded defaults).",
)
@click.option("-v", "--verbose", is_flag=True, help="Log more.")
@click.pass_context
def main(ctx: click.Context, config_path: Path | None, verbose: bool) -> None:
    """Follow the Dutch government's positions in the annotated EU Council agendas.

    Example: tracker normalise letter.pdf
    """
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.WARNING,
        format=LOG_FORMAT,
        datefmt=LOG_DATE,
        stream=sys.stderr,
    )
    # urllib3 logs every retry; the sources report what finally went wrong themselves.
    logging.getLogger("urllib3").setLevel(logging.DEBUG if verbose else logging.ERROR)
    try:
        path = find_config(config_path, os.environ, Path.cwd(), Path.home())
        ctx.obj = load_config(path)
        ctx.meta[CONFIG_PATH] = path
    except TrackerError as exc:
        if ctx.invoked_subcommand == "diff":
            raise DiffTrouble(str(exc)) from None
        raise click.ClickException(str(exc)) from None


def command() -> None:
    """The `tracker` command: `main`, and for a command that has `Finished`, an end at once."""
    try:
        main()
    except Finished as done:
        kept.save_all()  # what the exit handlers, skipped here, would have written
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        except (OSError, ValueError):  # a closed pipe: Python's own exit reports it
            raise done from None
        os._exit(done.code)


class Finished(SystemExit):
    """The exit of a command that has written all it had to and holds nothing to close
    (no store, no thread, no open file), with its exit status.

    In a process that runs the command alone (`command`), it ends the process at once:
    Python's exit would free every object the command made, one by one (`tracker diff
    a.pdf b.pdf`: ~40 ms of ~300). Anywhere else it is the `sys.exit` it extends.
    """

    code: int


class DiffTrouble(click.ClickException):
    """Trouble in `tracker diff` (a bad file, an unknown id): exit status 2, as diff(1)."""

    exit_code = 2


@main.command()
@click.argument("file", required=False, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(),
    help="Write the snapshot here: a folder (stable name <id>.xml) or a file.",
)
@click.pass_obj
def normalise(config: Config, file: Path | None, output: str | None) -> None:
    """Read a letter (PDF, DOCX, HTML, official XML, text or snapshot) as canonical XML.

    Without FILE, normalises the real letter the package ships as its example.

    Example: tracker normalise kst-32317-AT.pdf -o snapshots/
    """
    from tracker.snapshots import normalise_file, write_snapshot

    try:
        letter, xml = normalise_file(file or _example(), config.normalise.max_bytes)
        for warning in letter.warnings:
            click.echo(f"warning: {letter.source}: {warning}", err=True)
        if output is None:
            click.echo(xml.decode("utf-8"), nl=False)
        else:
            click.echo(str(write_snapshot(letter, xml, output)))
    except TrackerError as exc:
        raise click.ClickException(str(exc)) from None


@main.command()
@click.argument("old")
@click.argument("new")
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(["text", "html", "json", "unified"]),
    default="text",
    show_default=True,
    help="text: terminal view; html: one self-contained page; json: the tracker.diff/1 "
    "object; unified: plain text for scripts and mail.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to this file instead of standard output.",
)
@click.option(
    "--duplicates",
    "all_duplicates",
    is_flag=True,
    help="List every near-duplicate pair in text and unified, also those whose two "
    "copies say the same (by default only pairs that differ).",
)
@click.pass_obj
def diff(
    config: Config, old: str, new: str, fmt: str, output: Path | None, all_duplicates: bool
) -> None:
    """Show what changed from letter OLD to letter NEW, positions first.

    OLD and NEW are letter files in any format `tracker normalise` reads (they may
    differ: a PDF against an HTML page) or ids of stored letters (`tracker letters`:
    an official id, `id@version` or a content hash prefix).

    Exit status, as diff(1): 0 when the letters are the same (no item changed, added or
    removed; renumbering alone is no difference), 1 when they differ, 2 on trouble (a
    file that is missing or cannot be read, an unknown id, a usage error).

    Example: tracker diff oktober.pdf december.html --format html -o diff.html
    """
    # A one-off diff keeps nearly all it makes (modules, two letters, their units): the
    # young objects collected every 700 allocations are mostly survivors traced again.
    young = gc.get_threshold()
    gc.set_threshold(DIFF_YOUNG_OBJECTS, *young[1:])
    try:
        letters = _letters(config, old, new)
        from tracker.diff import diff_letters  # after the reading: a forked copy starts sooner
        from tracker.views.reading import letters_differ

        result = diff_letters(*letters)
        _show_diff(result, fmt, output, all_duplicates)
    except (TrackerError, click.ClickException) as exc:
        message = exc.message if isinstance(exc, click.ClickException) else str(exc)
        raise DiffTrouble(message) from None
    finally:
        gc.set_threshold(*young)  # a process that goes on (a test, a script) keeps its own
    status = 1 if letters_differ(result) else 0
    if os.path.isfile(old) and os.path.isfile(new):  # no store was opened
        raise Finished(status)
    sys.exit(status)


def _letters(config: Config, old: str, new: str) -> tuple[Letter, Letter]:
    """Letters `old` and `new`. When both are files and there is a second core, the larger
    is extracted meanwhile in a forked copy of this process, which needs only the reader
    of its format: this process imports the rest, reads the other and normalises both
    (two PDFs: ~30 ms sooner than each process normalising its own). Warnings and errors
    come as reading them one after the other gives them: a file that failed is read again
    in its turn, to report its error."""
    from tracker.forked import Aside, can_fork

    if not (os.path.isfile(old) and os.path.isfile(new) and can_fork()):
        return _letter(config, old), _letter(config, new)
    from tracker.extract import extract_file

    max_bytes = config.normalise.max_bytes
    aside, here = (old, new) if os.path.getsize(old) > os.path.getsize(new) else (new, old)
    read: dict[str, Letter | None] = {}
    with Aside(extract_file, Path(aside), max_bytes) as copy:
        from tracker.snapshots import normalise_bytes, normalise_file

        try:
            read[here] = normalise_file(Path(here), max_bytes)[0]
        except TrackerError:
            read[here] = None
        import tracker.diff  # noqa: F401 - the larger file takes longer: import while it is read
        import tracker.views.reading  # noqa: F401
        from tracker.positions import compile_rules

        compile_rules(stop=copy.ready)  # the diff's first sentences then find them compiled
        extracted = copy.result()
    read[aside] = None
    if extracted is not None:
        data, blocks = extracted
        try:
            read[aside] = normalise_bytes(data, str(Path(aside)), extracted=blocks)[0]
        except TrackerError:
            pass
    first, second = read[old], read[new]
    first = _said(first) if first is not None else _letter_file(config, Path(old))
    second = _said(second) if second is not None else _letter_file(config, Path(new))
    return first, second


def _letter(config: Config, name: str) -> Letter:
    """The letter in file `name`, or else the stored letter with that id."""
    path = Path(name)
    if path.exists() or _looks_like_path(name):
        return _letter_file(config, path)
    from tracker.store.queries import NotFound, find_letter

    missing = _missing_store(config)
    if missing is not None:
        raise click.ClickException(f"{name}: no such file, and {missing}")
    try:
        info, xml = find_letter(_store(config), name)
    except NotFound:
        raise click.ClickException(
            f"{name}: no such file or stored letter (see `tracker letters`)"
        ) from None
    from dataclasses import replace

    # Named as `tracker letters` names it, not by the file it was once read from.
    return replace(_read_stored(info, xml), source=info.name)


def _read_stored(info: LetterInfo, xml: str) -> Letter:
    """A stored letter version back as a letter, from its canonical XML."""
    from tracker.canonical import read_canonical

    return read_canonical(xml, info.name)


def _looks_like_path(name: str) -> bool:
    """Whether `name` names a file (a folder in it, or a suffix such as `.pdf`), not an id."""
    path = Path(name)
    return len(path.parts) > 1 or path.suffix[1:].isalpha()


def _letter_file(config: Config, path: Path) -> Letter:
    """The letter in a file; warnings (not an annotated agenda) said as normalise says them."""
    from tracker.snapshots import normalise_file

    return _said(normalise_file(path, config.normalise.max_bytes)[0])


def _said(letter: Letter) -> Letter:
    """`letter`, its warnings (not an annotated agenda) said as normalise says them."""
    for warning in letter.warnings:
        click.echo(f"warning: {letter.source}: {warning}", err=True)
    return letter


def _show_diff(
    result: dict[str, object], fmt: str, output: Path | None, all_duplicates: bool
) -> None:
    """Print or write `result` in `fmt`; each renderer is imported only when asked for.

    Colour and wrapping only on a terminal: piped text is one line a sentence, and no
    line ends in a space.
    """
    if fmt == "text" and output is None and sys.stdout.isatty():
        from rich.console import Console

        from tracker.views.terminal import print_text

        print_text(result, Console(highlight=False), all_duplicates)
        return
    if fmt == "text":
        from tracker.views.terminal import format_text

        text = format_text(result, all_duplicates=all_duplicates)
    elif fmt == "html":
        from tracker.views.html import format_html

        text = format_html(result)
    elif fmt == "json":
        from tracker.views.plain import format_json

        text = format_json(result)
    else:
        from tracker.views.plain import format_unified

        text = format_unified(result, all_duplicates)
    if output is None:
        click.echo(text, nl=False)
    else:
        try:
            output.write_text(text, "utf-8")
        except OSError as exc:
            raise click.ClickException(f"{output}: cannot write: {exc.strerror}") from None


def _database_url(config: Config) -> str:
    return database_url(config, os.environ)


def _missing_store(config: Config) -> str | None:
    """What to say when the store is an SQLite file that does not exist; None if it exists
    (or is a server's database, which says for itself whether it is there)."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        url = make_url(_database_url(config))
    except ArgumentError:
        return None  # open_store says what is wrong with it
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    if Path(url.database).exists():
        return None
    return f"no store at {url.database}: run `tracker ingest` or `tracker serve` first"


def _store(config: Config) -> Store:
    from tracker.store import open_store

    try:
        return open_store(_database_url(config), config.snapshots)
    except TrackerError as exc:
        raise click.ClickException(str(exc)) from None


def _read_store(config: Config) -> Store:
    """The store to read from: an SQLite file that is not there is said, not created."""
    missing = _missing_store(config)
    if missing is not None:
        raise click.ClickException(missing)
    return _store(config)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--source-url", help="Where the file came from (stored with it).")
@click.pass_obj
def ingest(config: Config, paths: tuple[Path, ...], source_url: str | None) -> None:
    """Store letter files and folders: letters, items, threads and changes.

    The same content again is a no-op; each letter is stored whole or not at all; a bad
    file is reported and skipped, and the exit status says whether any failed.

    Example: tracker ingest inbox/
    """
    from tracker.ingest import Outcome, files_under, ingestor_for

    store = _store(config)
    ingestor = ingestor_for(store, config)
    _repair(ingestor)
    files = list(files_under(paths))
    now = datetime.now(UTC)
    with _progress(len(files)) as advance:

        def show(outcome: Outcome) -> None:
            if outcome.error:
                click.echo(f"Error: {outcome.error}", err=True)
            advance()

        summary = ingestor.ingest_paths(files, now, show, source_url)
    click.echo(summary.line)
    if summary.count("failed"):
        sys.exit(1)


def _repair(ingestor: Ingestor, say: Callable[[str], None] | None = None) -> None:
    """Undo what a killed run left: write missing snapshots, remove pending ones."""
    tell = say or (lambda line: click.echo(line, err=True))
    try:
        written, removed = ingestor.repair_snapshots()
    except OSError as exc:
        tell(f"Error: {ingestor.store.snapshots}: cannot repair: {exc.strerror}")
        return
    if written or removed:
        tell(
            f"{ingestor.store.snapshots}: {written} missing snapshots written, "
            f"{removed} pending files of an interrupted run removed"
        )


@contextmanager
def _progress(total: int) -> Iterator[Callable[[], None]]:
    """A rich progress bar on standard error, a terminal, for runs of more than one file."""
    if total <= 1:
        yield lambda: None
        return
    from rich.progress import Progress

    console = _err_console()
    with Progress(console=console, transient=True, disable=not console.is_terminal) as progress:
        task = progress.add_task("ingest", total=total)
        yield lambda: progress.advance(task)


def _err_console() -> Console:
    from rich.console import Console

    return Console(stderr=True)


def _format_option(what: str) -> Callable[[Callable[..., None]], Callable[..., None]]:
    return click.option(
        "-f",
        "--format",
        "fmt",
        type=click.Choice(["text", "json"]),
        default="text",
        show_default=True,
        help=f"text: for people (Dutch names, dates and stances); json: {what}.",
    )


@main.command()
@click.option("--formation", help="Only letters for this Council formation (name, key or acronym).")
@_format_option("an array of letter objects")
@click.pass_obj
def letters(config: Config, formation: str | None, fmt: str) -> None:
    """List the stored letters: name, id@version to refer to it, date, items, formats.

    Example: tracker letters --formation JBZ --format json
    """
    from tracker.store.queries import list_letters
    from tracker.views.listing import format_letters, json_array, letter_record

    infos = list_letters(_read_store(config))
    if formation:
        from tracker.formations import formation_key

        wanted = formation_key(formation).casefold()
        infos = [i for i in infos if formation_key(i.formation).casefold() == wanted]
    if fmt == "json":
        click.echo(json_array([letter_record(info) for info in infos]), nl=False)
    else:
        click.echo(format_letters(infos), nl=False)


@main.command()
@click.argument("ident")
@click.option("--xml", "as_xml", is_flag=True, help="Print the canonical XML.")
@_format_option("one letter object with its items")
@click.pass_obj
def show(config: Config, ident: str, as_xml: bool, fmt: str) -> None:
    """Show one stored letter: what it says of itself and its items.

    IDENT is an official id, `id@version` or a content hash prefix (`tracker letters`).

    Example: tracker show kst-32317-AT --format json
    """
    from tracker.store.queries import find_letter

    try:
        info, xml = find_letter(_read_store(config), ident)
    except TrackerError as exc:
        raise click.ClickException(str(exc)) from None
    if as_xml:
        click.echo(xml, nl=False)
        return
    from tracker.units import letter_units
    from tracker.views.listing import format_letter, json_object, show_record

    units = letter_units(_read_stored(info, xml))
    if fmt == "json":
        click.echo(json_object(show_record(info, units)), nl=False)
    else:
        click.echo(format_letter(info, units), nl=False)


@main.command()
@click.argument("query")
@_format_option("an array of thread objects, each with its moments")
@click.pass_obj
def history(config: Config, query: str, fmt: str) -> None:
    """A topic's timeline: meeting, procedure line, stance per meeting, what changed.

    QUERY matches thread titles (any part, any case) or a thread key prefix.

    Example: tracker history "seksueel misbruik"
    """
    from tracker.store.queries import history as timelines
    from tracker.views.listing import format_history, history_records, json_array

    found = timelines(_read_store(config), query)
    if not found:
        raise click.ClickException(f"{query}: no thread's title contains this")
    if fmt == "json":
        click.echo(json_array(history_records(found)), nl=False)
    else:
        click.echo(format_history(found), nl=False)


@main.command()
@click.argument("letter")
@_format_option("one letter object, its items with their position sentences")
@click.pass_obj
def positions(config: Config, letter: str, fmt: str) -> None:
    """What the government says on each dossier of a letter: every item with its position
    sentences, their stance (voor, tegen, onder voorwaarden, neutraal) and the words that
    decided it.

    LETTER is a file in any format `normalise` reads, or a stored letter's id.

    Example: tracker positions tests/data/seed/jbz-2025-10-13.xml
    """
    from tracker.views.positions import format_positions, letter_positions, positions_json

    read = _letter(config, letter)
    items = letter_positions(read)
    click.echo(
        positions_json(read, items) if fmt == "json" else format_positions(read, items), nl=False
    )


@main.command()
@click.pass_obj
def rebuild(config: Config) -> None:
    """Re-normalise every stored document with this version and re-derive everything.

    GUIDs of events that come out the same stay the same.

    Example: tracker rebuild
    """
    from tracker.ingest import ingestor_for

    ingestor = ingestor_for(_read_store(config), config)
    summary = ingestor.rebuild(datetime.now(UTC))
    for outcome in summary.outcomes:
        if outcome.error:
            click.echo(f"Error: {outcome.error}", err=True)
    click.echo(summary.line)
    if summary.count("failed"):
        sys.exit(1)


@main.command()
@click.option("--host", help="Listen on this address (default from the config).")
@click.option("--port", type=int, help="Listen on this port (default from the config).")
@click.pass_obj
def serve(config: Config, host: str | None, port: int | None) -> None:
    """Serve feeds, pages and the JSON API; first ingest the snapshots and inbox folders.

    Example: tracker serve --port 8080
    """
    from dataclasses import replace

    from tracker.ingest import ingestor_for
    from tracker.web import create_app
    from tracker.web import serve as run

    web = replace(config.web, host=host or config.web.host, port=port or config.web.port)
    store = _store(config)
    ingestor = ingestor_for(store, config)
    _repair(ingestor)
    now = datetime.now(UTC)
    if config.snapshots.is_dir():
        summary = ingestor.ingest_paths([config.snapshots], now)
        click.echo(f"{config.snapshots}: {summary.line}")
    if config.sources.inbox:
        from tracker.sources.fetch import fetch_sources

        try:
            for run_ in fetch_sources(store, config, now, "inbox").runs:
                _print_run(run_)
        except TrackerError as exc:
            click.echo(f"Error: {exc}", err=True)
    base = web.public_url
    click.echo(f"Serving {store.url} on {base}/")
    for path in (
        "/feeds/positions.atom",
        "/feeds/changes.atom",
        "/feeds.opml",
        "/api/openapi.json",
    ):
        click.echo(f"  {base}{path}")
    # No schedule here: /healthz fails on a failed or stale fetch, not on none at all.
    app = create_app(store, base, healthy_within=_healthy_within(config), scheduled=False)
    run(app, web.host, web.port)


@main.command()
@click.option(
    "--source",
    type=click.Choice(["inbox", "koop_sru", "tk_odata"]),
    help="Run only this source (default: every enabled one).",
)
@click.pass_obj
def fetch(config: Config, source: str | None) -> None:
    """Run the sources once and ingest what they deliver (for cron and by hand).

    The inbox: files dropped in the inbox folder are ingested, then moved to
    processed/, or to failed/ beside a .error file that says why. The official
    sources resume where their last complete run ended.

    Example: tracker fetch --source koop_sru
    """
    from tracker.sources.fetch import fetch_sources

    try:
        report = fetch_sources(_store(config), config, datetime.now(UTC), source)
    except TrackerError as exc:
        raise click.ClickException(str(exc)) from None
    for run in report.runs:
        _print_run(run)
    if report.notified is not None:
        _print_notified(report.notified)
    if report.failures:
        sys.exit(1)


def _print_run(run: SourceRun) -> None:
    """A source's errors on standard error, then one summary line."""
    from tracker.health import short_error
    from tracker.ingest import Summary

    for outcome in run.outcomes:
        if outcome.error:
            click.echo(f"Error: {outcome.error}", err=True)
    for line in run.reported:
        click.echo(f"Error: {run.source}: still failing: {line}", err=True)
    if run.error:  # one short line; `--verbose` logs the whole error
        click.echo(f"Error: {run.source}: {short_error(run.error)}", err=True)
    line = f"{run.source}: {Summary(run.outcomes).line}"
    click.echo(line + ("" if run.ok else "; the source failed"))


@main.command()
@click.option("--dry-run", is_flag=True, help="Show what would be sent; send and record nothing.")
@click.option(
    "--resend-interrupted",
    is_flag=True,
    help="Queue again deliveries a crash left unrecorded (they may arrive twice).",
)
@click.pass_obj
def notify(config: Config, dry_run: bool, resend_interrupted: bool) -> None:
    """Send the position changes not yet sent to the targets of [notifications].

    Runs after every fetch by itself; by hand it registers newly configured targets
    (which then receive the events of letters fetched from now on) and retries what
    is due. Exit status 1 when a send failed.

    Example: tracker notify --dry-run
    """
    from tracker.notify.deliver import notify as notify_targets
    from tracker.notify.deliver import resend_interrupted as resend

    if not config.notifications.routes:
        raise click.ClickException("no [notifications] targets in the configuration")
    now = datetime.now(UTC)
    store = _store(config)
    try:
        if resend_interrupted:
            click.echo(f"queued again: {resend(store, config, now)}")
        report = notify_targets(store, config, now, dry_run)
    except TrackerError as exc:
        raise click.ClickException(str(exc)) from None
    finally:
        store.engine.dispose()
    _print_notified(report)
    if report.failures:
        sys.exit(1)


def _print_notified(report: NotifyReport) -> None:
    """One line per delivery tried, the interrupted ones on standard error, a summary."""
    for label in report.new_targets:
        click.echo(f"new target: {label} (receives the letters fetched from now on)")
    for attempt in report.attempts:
        click.echo(f"{attempt.status}: {attempt.target}: {attempt.title}")
        if attempt.error:
            click.echo(f"Error: {attempt.target}: {attempt.error}", err=True)
    for delivery in report.interrupted:
        target = delivery.target.split("?", 1)[0]
        click.echo(
            f"Error: {target}: {delivery.event_guid} was being sent when a run ended; "
            "not sent again (tracker notify --resend-interrupted)",
            err=True,
        )
    if report.error:
        click.echo(f"Error: notifications: {report.error}", err=True)
    click.echo(report.line)


@main.command()
@click.option("--host", help="Listen on this address (default from the config).")
@click.option("--port", type=int, help="Listen on this port (default from the config).")
@click.option("--no-serve", is_flag=True, help="Run only the scheduler (beside `tracker serve`).")
@click.pass_context
def run(ctx: click.Context, host: str | None, port: int | None, no_serve: bool) -> None:
    """The daemon: the nightly fetch on its schedule, and the web server.

    At start it catches up once if a scheduled fetch was missed. Logs go to stdout.

    Example: tracker run --no-serve
    """
    from dataclasses import replace

    from tracker.daemon import run_daemon

    config: Config = ctx.obj
    _daemon_logging()
    web = replace(config.web, host=host or config.web.host, port=port or config.web.port)
    store = _store(config)
    from tracker.ingest import ingestor_for

    _repair(ingestor_for(store, config), log.warning)
    app = None
    if not no_serve:
        from tracker.web import create_app

        log.info("serving %s on %s/", store.url, web.public_url)
        app = create_app(store, web.public_url, healthy_within=_healthy_within(config))
    try:
        run_daemon(store, replace(config, web=web), ctx.meta.get(CONFIG_PATH), app)
    except TrackerError as exc:
        raise click.ClickException(str(exc)) from None


def _daemon_logging() -> None:
    """The daemon logs to stdout, a timestamp on every line, one line per event."""
    for handler in logging.getLogger().handlers:
        if isinstance(handler, logging.StreamHandler):
            handler.setStream(sys.stdout)
    logging.getLogger("tracker").setLevel(logging.INFO)
    # The runner logs a source's failure as it happens; the daemon says it once, shorter.
    logging.getLogger("tracker.sources.runner").setLevel(logging.WARNING)


def _healthy_within(config: Config) -> timedelta | None:
    """How old the last successful fetch may be before /healthz fails (None: any age)."""
    hours = config.daemon.healthy_within_hours
    return timedelta(hours=hours) if hours else None


@main.command()
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="Folder to write feeds/… and feeds.opml into.",
)
@click.pass_obj
def publish(config: Config, out: Path) -> None:
    """Write every feed (Atom and RSS) and the OPML as a new set, and switch to it at once.

    DIR becomes a link to the current set, a folder beside it; serve DIR as it is.

    Example: tracker publish --out /var/www/tracker
    """
    from tracker.publish import publish as write_feeds

    try:
        written = write_feeds(_read_store(config), out, config.web.public_url, datetime.now(UTC))
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise click.ClickException(
            f"{out}: not published, the feeds there are as they were: {reason}"
        ) from None
    except TrackerError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"{len(written)} files written to {out} (unchanged files are left alone)")


@main.group()
def sources() -> None:
    """The official sources (KOOP SRU, Tweede Kamer OData).

    Example: tracker sources check
    """


@sources.command("check")
@click.pass_obj
def sources_check(config: Config) -> None:
    """Ask the services one question per assumption the fetchers make; print each answer.

    The first command to run on a machine with internet: it asks the URLs of
    [sources.<name>] in the configuration, and exits 1 when an answer is not as assumed
    or no service can be reached.

    Example: tracker sources check
    """
    from tracker.sources.check import NoNetwork, check_sources, format_result
    from tracker.sources.http import make_session

    results = []
    try:
        with make_session(retries=0) as session:
            for result in check_sources(session, list(config.sources.official), datetime.now(UTC)):
                click.echo(format_result(result))
                results.append(result)
    except NoNetwork as exc:
        raise click.ClickException(str(exc)) from None
    failed = sum(1 for r in results if not r.ok)
    click.echo(f"{len(results) - failed} of {len(results)} as assumed")
    if failed:
        sys.exit(1)


@main.group()
def db() -> None:
    """The database: migrations.

    Example: tracker db upgrade
    """


@db.command()
@click.pass_obj
def upgrade(config: Config) -> None:
    """Apply the shipped migrations (a fresh database is migrated on first use anyway).

    Example: TRACKER_DATABASE_URL=postgresql+psycopg://tracker@db/tracker tracker db upgrade
    """
    store = _store(config)
    click.echo(f"{store.url}: up to date")


def _example() -> Path:
    from importlib import resources

    return Path(str(resources.files("tracker").joinpath("data", EXAMPLE)))
