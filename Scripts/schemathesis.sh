#!/usr/bin/env bash
# Runs schemathesis (PyPI, pinned below) against a live web plugin: its OpenAPI document as the
# server serves it (/v1/openapi.yaml), every operation, every check, with the settings of
# Scripts/schemathesis.toml (bounded and deterministic examples). The token comes from the
# environment, never the command line:
#
#   TENET_WEB_TOKEN=$(cat DATA/web.token) Scripts/schemathesis.sh http://127.0.0.1:8781
#
# schemathesis lives in a private virtual environment, made on first use (about a minute) and
# reused while it holds the pinned version: REPO/.build/schemathesis-venv, or $SCHEMATHESIS_VENV.
# It needs a python3 with the venv module (Debian: python3-venv, which Scripts/install-deps.sh
# installs). Exit status: schemathesis' own (0 when it found nothing); 3 when it cannot be installed.
set -euo pipefail

SCHEMATHESIS_VERSION="4.32.5"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
venv="${SCHEMATHESIS_VENV:-$repo/.build/schemathesis-venv}"
url="${1:?usage: TENET_WEB_TOKEN=TOKEN Scripts/schemathesis.sh BASE_URL [schemathesis run options]}"
shift
: "${TENET_WEB_TOKEN:?set TENET_WEB_TOKEN to the token of the web plugin}"

installed() {
    [ -x "$venv/bin/schemathesis" ] && "$venv/bin/python" -c \
        "import importlib.metadata as m, sys; sys.exit(m.version('schemathesis') != '$SCHEMATHESIS_VERSION')" 2>/dev/null
}

mkdir -p "$(dirname "$venv")"
# One installer at a time; the others wait and then find it installed.
exec 9>"$venv.lock"
flock 9
if ! installed; then
    python=""
    for candidate in /usr/bin/python3 "$(command -v python3 || true)"; do
        if [ -n "$candidate" ] && [ -x "$candidate" ] && "$candidate" -c "import venv, ensurepip" 2>/dev/null; then
            python="$candidate"
            break
        fi
    done
    if [ -z "$python" ]; then
        echo "schemathesis.sh: no python3 with the venv and ensurepip modules (Debian: apt-get install python3-venv)" >&2
        exit 3
    fi
    started=$SECONDS
    echo "schemathesis.sh: installing schemathesis $SCHEMATHESIS_VERSION into $venv with $python" >&2
    rm -rf "$venv"
    if ! "$python" -m venv "$venv" || ! "$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
        "schemathesis==$SCHEMATHESIS_VERSION"; then
        echo "schemathesis.sh: could not install schemathesis $SCHEMATHESIS_VERSION from PyPI (see pip's output above)" >&2
        rm -rf "$venv"
        exit 3
    fi
    echo "schemathesis.sh: installed in $((SECONDS - started)) s" >&2
fi
exec 9>&-

# Run in a scratch folder, so that nothing schemathesis might write lands in the tree.
scratch=$(mktemp -d /tmp/tenet-schemathesis.XXXXXX)
trap 'rm -rf "$scratch"' EXIT
cd "$scratch"
status=0
"$venv/bin/schemathesis" --config-file "$here/schemathesis.toml" run "${url%/}/v1/openapi.yaml" --url "${url%/}" "$@" || status=$?
exit "$status"
