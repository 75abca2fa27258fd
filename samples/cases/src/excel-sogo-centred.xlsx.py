"""excel-sogo-plan printed with vertically centred cells.

LibreOffice prints the merged label
and reason cells' text at the merged range's middle, so part of it lands on page 2 (in the
header row's area), hidden there by a clipping path.

The cells, and so the expected cells, are those of ``excel-sogo-plan`` (its JSON, copied).
Run by ``samples/print_cases.py``, which sets ``OUT``.
"""

import runpy
from pathlib import Path

runpy.run_path(
    str(Path(__file__).with_name("excel-sogo-plan.xlsx.py")),
    init_globals={"OUT": OUT, "VERTICAL": "center"},  # noqa: F821
)
