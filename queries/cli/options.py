"""What several commands share: the ``--store`` option, the output file, the sample shipped with the package."""
from __future__ import annotations

import argparse
import sys
from importlib import resources
from pathlib import Path

from hemicycle.ingest.store import STORE_ENV


def sample_path() -> Path:
    """The small sample shipped with the package (official formats): the seed question and its context."""
    return Path(str(resources.files("hemicycle.ingest").joinpath("sample")))


def store_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--store", metavar="DIR",
                        help=f"the store folder (default: ${STORE_ENV}, else ./hemicycle-data)")


def output(path: str | None):
    """The file to write (standard output for none or ``-``)."""
    return open(path, "wb") if path and path != "-" else sys.stdout.buffer
