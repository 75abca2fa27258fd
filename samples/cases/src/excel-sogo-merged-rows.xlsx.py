"""excel-sogo-plan printed without its manual page break.

The entry typed into two sheet rows, its label and reason cells merged over both, is printed
whole on page 1, with a rule between its two rows across the before and after columns only.

The cells, and so the expected cells, are those of ``excel-sogo-plan`` (its JSON, copied).
Run by ``samples/print_cases.py``, which sets ``OUT``.
"""

import runpy
from pathlib import Path

runpy.run_path(
    str(Path(__file__).with_name("excel-sogo-plan.xlsx.py")),
    init_globals={"OUT": OUT, "PAGE_BREAK": False},  # noqa: F821
)
