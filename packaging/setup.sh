#!/usr/bin/env bash
# Set-up for a checkout, idempotent: a venv in .venv, Runnel and its packages, the
# default model in models/. Then, by the first argument:
#   start  (default) start Runnel on an example workflow and sample document
#   test   run the whole test suite (extra arguments go to pytest)
#   setup  set up only
set -euo pipefail
cd "$(dirname "$0")/.."
action="${1:-start}"
[ $# -gt 0 ] && shift

python="${PYTHON:-python3}"
if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  echo "Runnel needs Python 3.11 or newer; set PYTHON=/path/to/python3.11" >&2
  exit 1
fi

[ -x .venv/bin/python ] || "$python" -m venv .venv
# Re-install only when the package list changed since the last set-up.
stamp=".venv/.runnel-setup"
want="$(sha256sum pyproject.toml | cut -d' ' -f1)"
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -e '.[test]'
  echo "$want" > "$stamp"
fi
.venv/bin/python packaging/install_default_model.py

case "$action" in
  setup) ;;
  test)
    exec .venv/bin/python -m pytest "$@" ;;
  start)
    # Until the window exists, "start" runs the digest example on the sample invoice.
    exec .venv/bin/runnel run workflows/document-digest.yaml resources/samples/invoice-northwind.pdf "$@" ;;
  *)
    echo "usage: bash packaging/setup.sh [start|test|setup]" >&2
    exit 2 ;;
esac
