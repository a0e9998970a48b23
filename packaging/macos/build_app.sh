#!/usr/bin/env bash
# Build dist/Runnel.app on a Mac (Apple Silicon for Metal), from a checkout.
# Not run in CI (there is no Mac there): see packaging/macos/README.md.
#   bash packaging/macos/build_app.sh            build and sign ad hoc
#   SIGN_IDENTITY="Developer ID Application: ..." bash packaging/macos/build_app.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
[ "$(uname)" = Darwin ] || { echo "build_app.sh builds the macOS app: run it on a Mac" >&2; exit 1; }

python="${PYTHON:-python3}"
# A venv of its own, so the Metal build of llama-cpp-python does not replace a dev one.
venv=.venv-macos
[ -x "$venv/bin/python" ] || "$python" -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --upgrade pip
# llama.cpp with Metal, compiled here (needs the Xcode command line tools and cmake).
if ! "$venv/bin/python" -c 'import llama_cpp, sys; sys.exit(not llama_cpp.llama_supports_gpu_offload())' 2>/dev/null; then
  CMAKE_ARGS="-DGGML_METAL=on" "$venv/bin/python" -m pip install --quiet --force-reinstall \
    --no-cache-dir --no-binary llama-cpp-python 'llama-cpp-python>=0.3.36,<0.4'
fi
"$venv/bin/python" -m pip install --quiet -e '.[package]' pillow   # pillow: PNG -> .icns
"$venv/bin/python" packaging/install_default_model.py               # models/ default GGUF
"$venv/bin/python" -c 'import llama_cpp, sys; sys.exit(not llama_cpp.llama_supports_gpu_offload())' ||
  { echo "this llama-cpp-python has no Metal: check the build log (CMAKE_ARGS=-DGGML_METAL=on)" >&2; exit 1; }

"$venv/bin/python" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath dist --workpath build/pyinstaller-macos packaging/runnel.spec

app=dist/Runnel.app
# Ad hoc signature ("-"): enough to run on this Mac (Apple Silicon refuses unsigned
# code). Another Mac's Gatekeeper needs a Developer ID signature with the hardened
# runtime and notarisation: see README.md. --deep signs the bundled dylibs too.
if [ -n "${SIGN_IDENTITY:-}" ]; then
  codesign --force --deep --options runtime --timestamp \
    --entitlements packaging/macos/entitlements.plist --sign "$SIGN_IDENTITY" "$app"
else
  codesign --force --deep --sign - "$app"
fi
codesign --verify --deep --strict "$app"

# Smoke: the CLI inside the bundle loads the model (through Metal: this build's
# llama.cpp was checked for GPU offload above) and runs an AI workflow.
exe="$app/Contents/MacOS/runnel"
tmp="$(mktemp -d)"
RUNNEL_HOME="$tmp" "$exe" models list
RUNNEL_HOME="$tmp" "$exe" run workflows/invoice-to-records.yaml resources/samples/invoice-northwind.pdf \
  --folder "records=$tmp/out" --folder "invoices=$tmp/out"
ls "$tmp/out"
echo "built $app ($(du -sh "$app" | cut -f1)); open it with: open $app"
