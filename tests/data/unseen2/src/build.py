"""Build the second held-out corpus from its letter sources, with the first one's builder.

    /work/main/.venv/bin/python tests/data/unseen2/src/build.py            # letters, gold, pairs
    /work/main/.venv/bin/python tests/data/unseen2/src/build.py --only lvr-2013-05-13 --explain

The renderers, the source format and the gold and truth rules are those of `../../unseen/src/` (its `build.py`
says what it writes); this file names only this corpus's pairs.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
BUILDER = HERE.parents[1] / "unseen" / "src" / "build.py"

# name, (old stem, rendition), (new stem, rendition)
PAIRS = [
    ("01-milieu-2012-renumbered", ("milieuraad-2012-03-09", "txt"), ("milieuraad-2012-06-11", "xml")),
    ("02-rbz-os-2016-groups", ("rbz-os-2016-05-12", "txt"), ("rbz-os-2016-11-28", "html")),
    ("03-compet-noise-docx-vs-layout", ("compet-ruimtevaart-2024-05-23", "docx"),
     ("compet-ruimtevaart-2024-05-23", "layout.pdf.txt")),
    ("04-jbz-2021-tweede-vs-eerste-kamer", ("jbz-2021-10-07", "xml"), ("jbz-2021-10-07-ek", "txt")),
    ("05-telecom-2019-letter-to-agenda-only", ("tte-telecom-2019-06-07", "txt"), ("tte-telecom-2019-12-03", "docx")),
]


def builder():
    """The first held-out corpus's build module (loaded by path: it is named build.py too)."""
    spec = importlib.util.spec_from_file_location("unseen_build", BUILDER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


if __name__ == "__main__":
    build = builder()
    build.use_corpus(HERE, PAIRS)
    build.main(sys.argv[1:])
