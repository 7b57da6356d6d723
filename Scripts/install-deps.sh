#!/usr/bin/env bash
# Installs the system packages Tenet needs, only when they are missing:
#   libzmq3-dev + pkg-config  the ZeroMQ library the bus binding links against
#   libsqlite3-dev            the system SQLite the store links against (through GRDB)
#   python3-zmq               pyzmq for Debian's python3: the Python examples and the tests
#                             that prove the bus is open to other languages
#   libcurl4                  what the toolchain's URLSession (FoundationNetworking) sends the
#                             webhook notifier's http and https requests with
#   prometheus                promtool, with which the web plugin's test checks /metrics
#   python3-venv              the venv module: Scripts/schemathesis.sh installs schemathesis (PyPI)
#                             into a private virtual environment for the web API's test
#   chromium                  headless Chromium, which the dashboard's test drives over the DevTools
#                             protocol (installed without its recommended packages: about 80 MB to
#                             download, 390 MiB on disk on a Debian 12 with the toolchain's libraries)
set -euo pipefail

missing=()
if ! command -v pkg-config >/dev/null 2>&1; then
  missing+=(pkg-config)
fi
if ! pkg-config --exists libzmq 2>/dev/null; then
  missing+=(libzmq3-dev)
fi
if ! pkg-config --exists sqlite3 2>/dev/null; then
  missing+=(libsqlite3-dev)
fi
if ! /usr/bin/python3 -c 'import zmq' >/dev/null 2>&1; then
  missing+=(python3-zmq)
fi

if ! /sbin/ldconfig -p 2>/dev/null | grep -q 'libcurl\.so\.4'; then
  missing+=(libcurl4)
fi

if ! command -v promtool >/dev/null 2>&1; then
  missing+=(prometheus)
fi

if ! /usr/bin/python3 -c 'import venv, ensurepip' >/dev/null 2>&1; then
  missing+=(python3-venv)
fi

# Installed on its own, without recommends (a desktop's worth of them otherwise).
lean=()
if [ ! -x /usr/bin/chromium ]; then
  lean+=(chromium)
fi

if [ ${#missing[@]} -eq 0 ] && [ ${#lean[@]} -eq 0 ]; then
  exit 0
fi

echo "install-deps: installing ${missing[*]} ${lean[*]}" >&2
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    sudo="sudo"
  else
    echo "install-deps: need root (or sudo) to apt-get install ${missing[*]} ${lean[*]}" >&2
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
if [ ${#missing[@]} -gt 0 ]; then
  $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi
if [ ${#lean[@]} -gt 0 ]; then
  $sudo apt-get install -y -qq --no-install-recommends "${lean[@]}" >/dev/null
fi
pkg-config --exists libzmq || { echo "install-deps: libzmq still not found by pkg-config" >&2; exit 1; }
