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


def _example() -> Path:
    from importlib import resources

    return Path(str(resources.files("tracker").joinpath("data", EXAMPLE)))
