#!/usr/bin/env bash
# Build the installable app into dist/Runnel/ (a folder: `dist/Runnel/runnel` starts
# it) with PyInstaller and packaging/runnel.spec. Idempotent: sets up the checkout
# (venv, packages, default model) if needed, installs PyInstaller into .venv from the
# `package` extra's range, and rebuilds from scratch each time (build/ and dist/Runnel/
# are replaced). Extra arguments go to PyInstaller.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x .venv/bin/python ] || [ ! -f models/SmolLM2-135M-Instruct.Q4_1.gguf ]; then
  bash packaging/setup.sh setup
fi
py=.venv/bin/python

if ! "$py" -c 'import PyInstaller' 2>/dev/null; then
  # the range is the one in pyproject.toml's `package` extra
  spec="$("$py" -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["optional-dependencies"]["package"][0])')"
  echo "installing $spec into .venv"
  "$py" -m pip install --quiet "$spec"
fi

start=$(date +%s)
"$py" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath dist --workpath build/pyinstaller packaging/runnel.spec "$@"
echo "built dist/Runnel in $(( $(date +%s) - start )) s ($(du -sh dist/Runnel | cut -f1))"
