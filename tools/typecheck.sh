#!/usr/bin/env bash
# mypy cannot follow setuptools' package-dir mapping from the source tree, so lay the
# package out as it installs (shinkyu/, shinkyu/extract, ...) with symlinks and check that.
set -euo pipefail
cd "$(dirname "$0")/.."
tree=build/typecheck
rm -rf "$tree"
mkdir -p "$tree/shinkyu"
for f in shinkyu/*.py shinkyu/py.typed; do ln -s "$PWD/$f" "$tree/shinkyu/"; done
for d in extract normalize schemas; do ln -s "$PWD/$d" "$tree/shinkyu/$d"; done
cd "$tree"
exec "${MYPY:-mypy}" --config-file ../../pyproject.toml -p shinkyu "$@"
