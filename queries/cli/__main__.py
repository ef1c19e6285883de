"""``python -m hemicycle.queries.cli``: the same as the ``hemicycle`` command."""
import sys

from hemicycle.queries.cli import main

sys.exit(main())
