#!/usr/bin/env bash
# Creates the Python virtual environment the DuckDB reference runs in:
# REPO/.build-duckdb-venv (git-ignored by `.build*/`), with DuckDB from PyPI at a pinned version.
# Idempotent: a venv that already has the pinned DuckDB is left as it is.
#
#   Benchmarks/duckdb/setup.sh            # prints the venv's python path on its last line
#   DUCKDB_VENV=/tmp/v Benchmarks/duckdb/setup.sh
set -euo pipefail

DUCKDB_VERSION="2.0.1"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
venv="${DUCKDB_VENV:-$repo/.build-duckdb-venv}"

# The system Python when it can make a venv, else the first python3 on PATH.
python=""
for candidate in /usr/bin/python3 "$(command -v python3 || true)"; do
    if [ -n "$candidate" ] && [ -x "$candidate" ] && "$candidate" -c "import venv, ensurepip" 2>/dev/null; then
        python="$candidate"
        break
    fi
done
if [ -z "$python" ]; then
    echo "setup.sh: no python3 with the venv and ensurepip modules (Debian: apt-get install python3-venv)" >&2
    exit 1
fi

if [ -x "$venv/bin/python" ] && "$venv/bin/python" -c "import duckdb, sys; sys.exit(duckdb.__version__ != '$DUCKDB_VERSION')" 2>/dev/null; then
    echo "setup.sh: $venv already has duckdb $DUCKDB_VERSION" >&2
else
    echo "setup.sh: creating $venv with $python ($("$python" --version 2>&1))" >&2
    "$python" -m venv "$venv"
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "duckdb==$DUCKDB_VERSION"
fi
"$venv/bin/python" -c "import duckdb; print('setup.sh: duckdb', duckdb.__version__)" >&2
echo "$venv/bin/python"
