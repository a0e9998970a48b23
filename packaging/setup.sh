#!/usr/bin/env bash
# Set-up for a checkout, idempotent: a venv in .venv, Runnel and its packages, the
# default model in models/. Then, by the first argument:
#   start  (default) open the Runnel window (arguments: a workflow and/or files to run)
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
  .venv/bin/python -m pip install --quiet -e '.[test,package]'
  echo "$want" > "$stamp"
fi
.venv/bin/python packaging/install_default_model.py

case "$action" in
  setup) ;;
  test)
    # the OCR tests draw their pages in DejaVu (Cyrillic included); minimal systems lack it
    font=/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf
    if [ "$(uname)" = Linux ] && [ ! -f "$font" ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
      apt-get install -y -qq fonts-dejavu-core >/dev/null 2>&1 ||
        { apt-get update -qq && apt-get install -y -qq fonts-dejavu-core >/dev/null; } ||
        echo "fonts-dejavu-core could not be installed; the OCR tests draw with Pillow's font" >&2
    fi
    exec .venv/bin/python -m pytest "$@" ;;
  start)
    if [ "$(uname)" = Linux ] && [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}${QT_QPA_PLATFORM:-}" ]; then
      echo "No display here (no DISPLAY or WAYLAND_DISPLAY), so the window cannot open." >&2
      echo "Running the digest example on the sample invoice from the command line instead;" >&2
      echo "on a desktop session the same command opens the Runnel window." >&2
      exec .venv/bin/runnel run workflows/document-digest.yaml resources/samples/invoice-northwind.pdf
    fi
    if [ "$(uname)" = Linux ]; then
      # Qt's X11 plugin needs a few xcb libraries that minimal systems lack
      qxcb=".venv/lib/python3*/site-packages/PySide6/Qt/plugins/platforms/libqxcb.so"
      # shellcheck disable=SC2086
      if ldd $qxcb 2>/dev/null | grep -q "not found"; then
        pkgs="libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0"
        if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
          apt-get install -y -qq $pkgs >/dev/null || { apt-get update -qq && apt-get install -y -qq $pkgs >/dev/null; }
        else
          echo "Qt needs these system libraries to open a window: $pkgs" >&2
          echo "install them (e.g. sudo apt-get install $pkgs) and run this again" >&2
          exit 1
        fi
      fi
    fi
    exec .venv/bin/python -m desktop.app "$@" ;;
  *)
    echo "usage: bash packaging/setup.sh [start|test|setup]" >&2
    exit 2 ;;
esac
