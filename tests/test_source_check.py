"""`tracker sources check` against the replays of the live services, and without network."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SEED, free_port, write_config
from replay import ODATA, KoopReplay, TkReplay, agenda_record, serving, tombstone

from tracker.cli import main

KST_973 = "/frbr/officielepublicaties/kst/32317/kst-32317-AT/1/xml/kst-32317-AT.xml"


def _check(config: Path) -> tuple[int, str]:
    ran = CliRunner().invoke(main, ["--config", str(config), "sources", "check"])
    return ran.exit_code, ran.output


def test_each_assumption_is_asked_once_and_its_answer_printed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tk, koop = TkReplay(), KoopReplay()
    with serving(tk) as tk_root, serving(koop) as koop_root:
        tk.add(tombstone("gone", "2025-10-03T08:00:00Z"))
        agenda = next(d for d in tk.documents if d["DocumentNummer"] == "2025D42094")
        tk.resources[agenda["Id"]] = ((SEED / "jbz-2025-10-13.agenda.docx").read_bytes(), "x")
        title = "Geannoteerde agenda JBZ-Raad 13 en 14 oktober 2025"
        ek = "Eerste Kamer der Staten-Generaal"
        koop.records.append(
            agenda_record("kst-32317-AT", title, "2025-09-30", koop_root + KST_973, ek)
        )
        koop.files[KST_973] = ((SEED / "jbz-2025-10-13.xml").read_bytes(), "application/xml")
        config = write_config(
            tmp_path,
            f'[sources.koop_sru]\nurl = "{koop_root}/sru"\ndossiers = ["32317"]\n'
            f'[sources.tk_odata]\nurl = "{tk_root}{ODATA}"\ndossiers = ["32317"]\n',
        )
        code, output = _check(config)
    assert code == 0, output
    blocks = output.strip().split("\n")
    verdicts = [line for line in blocks if line.startswith("  ok") or line.startswith("  NOT")]
    assert [v.split(":", 1)[0] for v in verdicts] == ["  ok"] * 9
    assert blocks[-1] == "9 of 9 as assumed"
    assert len(tk.requests) == 6 and len(koop.requests) == 3  # one request per assumption
    readable = re.sub(r"127\.0\.0\.1:\d+", "HOST", output)
    for expected in [
        "  ok: 250 rows, @odata.nextLink present",
        "  ok: 300 rows, @odata.nextLink absent (expected absent: #70)",
        "  ok: 6 rows; newest 2025D42093 (ApiGewijzigdOp 2025-09-29T12:08:17.6505252Z,"
        " kst-32317-973), attachments: application/vnd.openxmlformats-officedocument."
        "wordprocessingml.document",
        "  ok: 1 records of ~0 (estimate), nextRecordPosition None; 1 geannoteerde agenda's;"
        " chambers Eerste Kamer; first kst-32317-AT: type 'Kamerstuk', kind 'Brief regering'",
        f"  GET http://HOST{KST_973}",
    ]:
        assert expected in readable, readable
    assert re.search(r"\n  ok: deleted row [0-9a-f-]{36}: 18 fields null\n", output)


def test_without_network_it_says_so_in_one_line(tmp_path: Path) -> None:
    port = free_port()
    config = write_config(
        tmp_path,
        f'[sources.koop_sru]\nurl = "http://127.0.0.1:{port}/sru"\n'
        '[sources.tk_odata]\nurl = "https://nonexistent.invalid/OData/v4/2.0"\n',
    )
    code, output = _check(config)
    assert code == 1
    assert output.splitlines() == [
        "Error: no network: cannot reach any source (koop_sru: cannot connect to "
        f"127.0.0.1:{port} (Connection refused), tk_odata: cannot resolve nonexistent.invalid)"
    ]
