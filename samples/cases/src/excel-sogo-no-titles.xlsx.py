"""excel-sogo-plan printed without print titles.

The header is printed on page 1 only, and
page 2 opens with the merged label and reason cells, whose top border is not drawn.

The cells, and so the expected cells, are those of ``excel-sogo-plan`` (its JSON, copied).
Run by ``samples/print_cases.py``, which sets ``OUT``.
"""

import runpy
from pathlib import Path

runpy.run_path(
    str(Path(__file__).with_name("excel-sogo-plan.xlsx.py")),
    init_globals={"OUT": OUT, "PRINT_TITLES": False},  # noqa: F821
)
