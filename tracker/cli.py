"""The command line: thin commands over the library."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import click

from tracker import __version__
from tracker.config import Config, load_config
from tracker.errors import TrackerError

EXAMPLE = "example-jbz-2025-10-13.pdf.txt"


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="tracker")
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="config.toml to use (default: the embedded defaults).",
)
@click.option("-v", "--verbose", is_flag=True, help="Log more.")
@click.pass_context
def main(ctx: click.Context, config_path: Path | None, verbose: bool) -> None:
    """Follow the Dutch government's positions in the annotated EU Council agendas.

    Example: tracker normalise letter.pdf
    """
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    try:
        ctx.obj = load_config(config_path)
    except TrackerError as exc:
        raise click.ClickException(str(exc)) from None


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
@click.argument("old", type=click.Path(path_type=Path))
@click.argument("new", type=click.Path(path_type=Path))
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
@click.pass_obj
def diff(config: Config, old: Path, new: Path, fmt: str, output: Path | None) -> None:
    """Show what changed from letter OLD to letter NEW, positions first.

    OLD and NEW are letters in any format `tracker normalise` reads; they may differ
    (a PDF against an HTML page).

    Example: tracker diff oktober.pdf december.html --format html -o diff.html
    """
    from tracker.diff import diff_letters
    from tracker.snapshots import normalise_file

    try:
        result = diff_letters(
            normalise_file(old, config.normalise.max_bytes)[0],
            normalise_file(new, config.normalise.max_bytes)[0],
        )
    except TrackerError as exc:
        raise click.ClickException(str(exc)) from None
    _show_diff(result, fmt, output)


def _show_diff(result: dict[str, object], fmt: str, output: Path | None) -> None:
    """Print or write `result` in `fmt`; each renderer is imported only when asked for."""
    if fmt == "text" and output is None:
        from rich.console import Console

        from tracker.views.terminal import print_text

        print_text(result, Console(highlight=False))
        return
    if fmt == "text":
        from tracker.views.terminal import format_text

        text = format_text(result)
    elif fmt == "html":
        from tracker.views.html import format_html

        text = format_html(result)
    else:
        from tracker.views.plain import format_json, format_unified

        text = format_json(result) if fmt == "json" else format_unified(result)
    if output is None:
        click.echo(text, nl=False)
    else:
        try:
            output.write_text(text, "utf-8")
        except OSError as exc:
            raise click.ClickException(f"{output}: cannot write: {exc.strerror}") from None


def _example() -> Path:
    from importlib import resources

    return Path(str(resources.files("tracker").joinpath("data", EXAMPLE)))
