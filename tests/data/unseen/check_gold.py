"""Check the held-out gold against its letters with the real scorer's gold check.

    /work/main/.venv/bin/python tests/data/unseen/check_gold.py [CORPUS]

CORPUS is the held-out folder to check (default: this one; `tests/data/unseen2` for the second set).

`gold/` (letters that are text: .txt, .pdf.txt, .html, .xml) is checked by score_real.py --check-gold as it is.
`gold-bin/` (.pdf, .docx) cannot be read as text, so each letter's text is extracted first (pdftotext without
-layout; the paragraphs and footnotes of the Word file), into a mirror of the folder layout in a temporary
directory, and the same check runs on that. Also checks that every pair's truth names files that exist.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "real"))
sys.path.insert(0, str(HERE / "src"))

from score_real import check_gold  # noqa: E402


def extract(letter: Path) -> str:
    if letter.suffix == ".pdf":
        return subprocess.run(["pdftotext", "-enc", "UTF-8", str(letter), "-"], check=True, capture_output=True,
                              text=True).stdout
    from render_docx import docx_text

    return docx_text(letter)


def main(corpus: Path = HERE) -> int:
    problems = check_gold(sorted((corpus / "gold").glob("*.json")))
    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        (t / "gold").mkdir()
        for g in sorted((corpus / "gold-bin").glob("*.json")):
            gold = json.loads(g.read_text(encoding="utf-8"))
            dest = t / gold["file"]
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.write_text(extract(corpus / gold["file"]), encoding="utf-8")
            shutil.copy(g, t / "gold" / g.name)
        problems += check_gold(sorted((t / "gold").glob("*.json")))
    for truth in sorted((corpus / "pairs").glob("*/truth.json")):
        tr = json.loads(truth.read_text(encoding="utf-8"))
        for side in ("old", "new"):
            if not (truth.parent / tr[side]).exists():
                print(f"{truth}: {side} file {tr[side]} missing")
                problems += 1
    print(f"ALL problems={problems}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]).resolve() if len(sys.argv) > 1 else HERE))
