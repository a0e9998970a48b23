#!/usr/bin/env bash
# Smoke test of the packaged app: builds dist/Runnel/ when it is missing or older than
# the sources, copies it to a folder whose path has spaces and non-ASCII characters,
# and runs it there headless with a fresh HOME and RUNNEL_HOME, without the network
# (in a network namespace of its own where `unshare -rn` works):
#   the CLI starts and lists the step packs; the bundled default model is listed;
#   the bundled workflows validate; a bundled AI workflow runs on a bundled sample
#   (the model loads in the app's own worker mode) and writes its output; the bundled
#   OCR engine reads a scanned invoice (PNG, image-only PDF and HEIC, made here) through
#   the bundled extract-text workflow, its hash-checked models from the bundle, with no
#   network use (the privacy check's socket block, run on the scan too); the privacy
#   check passes in the app and its worker; the window starts offscreen, is shown
#   and exits 0 (also when opened on a workflow file); nothing was written into the
#   app's folder (no model download, no cache).
# Prints PASS/FAIL per check; exits 1 if any check failed.
#   SMOKE_KEEP=1 keeps the temporary folder; SMOKE_NO_BUILD=1 tests dist/Runnel as it is.
set -uo pipefail
cd "$(dirname "$0")/.."
repo="$(pwd)"

built=dist/Runnel/runnel
if [ "${SMOKE_NO_BUILD:-}" != 1 ]; then
  if [ ! -x "$built" ] || [ -n "$(find desktop workflows resources models pyproject.toml \
        packaging/entry.py packaging/runnel.spec -newer "$built" -type f \
        -not -path '*/__pycache__/*' -print -quit 2>/dev/null)" ]; then
    echo "== building dist/Runnel"
    bash packaging/build.sh || { echo "FAIL build"; exit 1; }
  fi
fi
[ -x "$built" ] || { echo "FAIL no built app at $built"; exit 1; }

tmp="$(mktemp -d "${TMPDIR:-/tmp}/Rünnel smoke.XXXXXX")"
[ "${SMOKE_KEEP:-}" = 1 ] || trap 'rm -rf "$tmp"' EXIT
app="$tmp/Runnel app ö"
cp -a dist/Runnel "$app"
exe="$app/runnel"
data="$app/_internal"
mkdir -p "$tmp/home" "$tmp/runnel home" "$tmp/out put"
touch "$tmp/copied"          # anything in the app folder newer than this was written by a check
echo "== app copied to $app"

# A fresh user: nothing of this machine's data, settings or models is seen.
run_env=(env -u DISPLAY -u WAYLAND_DISPLAY -u RUNNEL_HOME -u XDG_DATA_HOME -u XDG_CONFIG_HOME
         -u VIRTUAL_ENV -u PYTHONPATH -u PYTHONHOME
         HOME="$tmp/home" RUNNEL_HOME="$tmp/runnel home" PATH=/usr/bin:/bin)
# No network: a namespace with only loopback, where unprivileged namespaces (or root) allow.
if unshare -rn true 2>/dev/null; then
  isolate=(unshare -rn)
  echo "== running without network (unshare -rn)"
else
  isolate=()
  echo "== unshare -rn is not available here: running with the network present (Runnel uses none)"
fi

failed=0
log="$tmp/check.log"
check() {    # check NAME COMMAND... : runs it ($limit s at most, default 120) into $log, reports
  local name="$1"; shift
  local start=$SECONDS
  timeout "${limit:-120}" "$@" >"$log" 2>&1
  local rc=$?
  if [ "$rc" = 0 ]; then
    echo "PASS $name ($((SECONDS - start)) s)"
    return 0
  fi
  echo "FAIL $name (exit $rc$([ "$rc" = 124 ] && echo ": timed out"), $((SECONDS - start)) s); output:"
  sed 's/^/    /' "$log" | tail -20
  failed=1
  return 1
}
expect() {   # expect NAME TEXT : the last check's output contains TEXT
  if grep -qF -- "$2" "$log"; then
    echo "PASS $1"
  else
    echo "FAIL $1: '$2' not in the output:"
    sed 's/^/    /' "$log" | tail -20
    failed=1
  fi
}
py="$repo/.venv/bin/python"
runnel=("${run_env[@]}" "${isolate[@]}" "$exe")
window=("${run_env[@]}" QT_QPA_PLATFORM=offscreen RUNNEL_QUIT_AFTER_SHOW=1500 "${isolate[@]}" "$exe")

# The CLI has no --version: `runnel steps` shows it starts and finds every step pack
# through the bundled entry points.
check "runnel steps" "${runnel[@]}" steps && {
  expect "steps: AI pack found" "ai.extract_fields"
  expect "steps: files pack found" "files.write_text"
  expect "steps: flow pack found" "flow."
  if grep -qi "failed to load" "$log"; then echo "FAIL steps: a pack failed to load"; failed=1; fi
}

check "runnel models list" "${runnel[@]}" models list --json && {
  if "$py" - "$log" "$data/models" <<'PY'
import json, sys
from pathlib import Path
models = json.load(open(sys.argv[1], encoding="utf-8"))["models"]
default = [m for m in models if m["default"]]
sys.exit(0 if default and default[0]["name"] == "SmolLM2-135M-Instruct.Q4_1.gguf"
         and Path(default[0]["path"]).parent == Path(sys.argv[2]) else 1)
PY
  then echo "PASS default model is the bundled one"
  else echo "FAIL the bundled default model is not listed as the default:"; sed 's/^/    /' "$log"; failed=1
  fi
}

check "runnel validate (bundled workflows)" "${runnel[@]}" validate "$data"/workflows/*.yaml

# An AI workflow on a bundled sample, from a file name with spaces and umlauts: the
# model loads in the frozen worker (`runnel worker`), fields are extracted with a
# grammar, the record is written and the PDF filed.
sample="$tmp/Rechnung März – Northwind.pdf"
cp "$data/resources/samples/invoice-northwind.pdf" "$sample"
# (3 s on an idle 2-core machine; minutes when other model runs share the cores)
limit=900 check "runnel run invoice-to-records.yaml" "${runnel[@]}" run "$data/workflows/invoice-to-records.yaml" \
    "$sample" --folder "records=$tmp/out put" --folder "invoices=$tmp/out put" && {
  record="$tmp/out put/Rechnung März – Northwind.json"
  if [ -s "$record" ] && "$py" -c 'import json, sys; r = json.load(open(sys.argv[1])); sys.exit(0 if r.get("vendor") else 1)' "$record" 2>/dev/null; then
    echo "PASS record written: $(head -c 200 "$record" | tr '\n' ' ')"
  else
    echo "FAIL no record with a vendor at $record; output folder:"; ls -la "$tmp/out put"; failed=1
  fi
  if ls "$tmp/out put"/*.pdf >/dev/null 2>&1; then echo "PASS PDF filed"; else echo "FAIL PDF not filed"; failed=1; fi
}

# OCR: a short scanned invoice, drawn here with Pillow's own font (no system fonts
# needed) as a PNG, as an image-only PDF and as a HEIC photo, at paths with spaces and
# umlauts. The bundled extract-text workflow (documents.read -> files.write_text) reads
# them with the bundled rapidocr models, which the app checks by SHA-256 in
# _internal/rapidocr/models (pypdfium2 renders the PDF page, pillow-heif opens the HEIC).
scan="$tmp/Scan März – Rechnung.png"
scan_pdf="$tmp/Scan März – Rechnung gescannt.pdf"
scan_heic="$tmp/Foto März – Rechnung.heic"
"$py" - "$scan" "$scan_pdf" "$scan_heic" <<'PY'
import sys
from PIL import Image, ImageDraw, ImageFont
from pillow_heif import register_heif_opener
font = ImageFont.load_default(size=34)
page = Image.new("RGB", (1240, 620), "white")
draw = ImageDraw.Draw(page)
for i, line in enumerate(["INVOICE 4711", "Northwind Traders GmbH", "Date: 2026-03-14",
                          "2 x Paper A4 ........ 19.90", "Total EUR 123.45"]):
    draw.text((80, 60 + 100 * i), line, fill="black", font=font)
page.save(sys.argv[1])
page.save(sys.argv[2], resolution=150)      # a PDF page that is only an image
register_heif_opener()
page.save(sys.argv[3], quality=90)
PY
[ -s "$scan_heic" ] || { echo "FAIL the OCR test images could not be made"; failed=1; }
if "$py" - "$data/rapidocr/models" <<'PY'
import hashlib, sys
from pathlib import Path
from desktop.ocr.models import MODELS
folder = Path(sys.argv[1])
bad = [m.name for m in MODELS if not (folder / m.name).is_file()
       or hashlib.sha256((folder / m.name).read_bytes()).hexdigest() != m.sha256]
extra = sorted({p.name for p in folder.iterdir()} - {m.name for m in MODELS})
if bad or extra:
    sys.exit(f"missing or damaged: {bad}; unexpected: {extra}")
PY
then echo "PASS OCR models bundled (_internal/rapidocr/models: the 3 files, SHA-256 as in desktop/ocr/models.py)"
else echo "FAIL OCR models in $data/rapidocr/models"; failed=1
fi
ocr_out="$tmp/OCR text ü"
limit=300 check "runnel run extract-text.yaml (OCR of a PNG, a scanned PDF, a HEIC)" "${runnel[@]}" \
    run "$data/workflows/extract-text.yaml" "$scan" "$scan_pdf" "$scan_heic" --folder "text=$ocr_out" && {
  for name in "Scan März – Rechnung" "Scan März – Rechnung gescannt" "Foto März – Rechnung"; do
    if text="$("$py" - "$ocr_out/$name.txt" <<'PY'
import sys
text = open(sys.argv[1], encoding="utf-8").read()
missing = [w for w in ("INVOICE", "4711", "Northwind", "Traders", "2026-03-14", "Total", "EUR",
                      "123.45")
           if w not in text]
print(" | ".join(text.split("\n")) if not missing else f"missing {missing} in {text!r}")
sys.exit(1 if missing else 0)
PY
)"; then echo "PASS OCR text of $name: $text"
    else echo "FAIL OCR text of $name: $text"; failed=1
    fi
  done
}
# The same OCR run under the privacy check: no network use by the OCR engine (rapidocr
# downloads a model whose path is missing; with the paths Runnel gives it, it must not
# try: a download would show up as a name look-up first). No socket at all may be opened.
start=$SECONDS
timeout 300 "${runnel[@]}" privacy-check --json "$data/workflows/extract-text.yaml" "$scan" \
    >"$log" 2>"$tmp/privacy-ocr.err"
rc=$?
if verdict="$("$py" - "$log" <<'PY'
import json, sys
try:
    r = json.load(open(sys.argv[1], encoding="utf-8"))
except ValueError:
    print("no report"); sys.exit(1)
if r["run_status"] != "done" or r["socket_attempts"]:
    print(f"status {r['run_status']} ({r['error']}), attempts {r['socket_attempts']}"); sys.exit(1)
print("no socket opened")
PY
)"; then
  echo "PASS runnel privacy-check extract-text.yaml: OCR used no network, $verdict ($((SECONDS - start)) s)"
else
  echo "FAIL runnel privacy-check extract-text.yaml (OCR, network blocked; exit $rc): $verdict"
  sed 's/^/    /' "$log" "$tmp/privacy-ocr.err" | tail -20
  failed=1
fi

# The privacy check of the packaged app: the bundled invoice example with the network
# blocked inside the app and inside its worker; no socket may be opened.
limit=900 check "runnel privacy-check" "${runnel[@]}" privacy-check &&
  expect "privacy: no socket, worker checked too" "its model process"

# The window, offscreen, closed by the app itself once it has been shown.
check "window starts and closes" "${window[@]}" && expect "window shown" "window shown:"
# a picture of it for a person to look at (kept with SMOKE_KEEP=1)
limit=120 check "window picture" env RUNNEL_SMOKE_GRAB="$tmp/window.png" "${window[@]}" && {
  if [ "$(stat -c %s "$tmp/window.png" 2>/dev/null || echo 0)" -gt 10000 ]; then
    echo "PASS window picture saved ($tmp/window.png)"
  else
    echo "FAIL window picture missing or blank"; failed=1
  fi
}
check "window opens a workflow file" "${window[@]}" "$data/workflows/report-summary.yaml" &&
  expect "window shown on the workflow" "window shown:"

# Nothing may have been written into the app's folder: no downloaded model (rapidocr
# saves downloads beside its modules), no cache, no settings.
written="$(find "$app" -newer "$tmp/copied" -print 2>/dev/null | head -5)"
if [ -z "$written" ]; then
  echo "PASS nothing written into the app folder"
else
  echo "FAIL written into the app folder:"; echo "$written" | sed 's/^/    /'; failed=1
fi

[ "${SMOKE_KEEP:-}" = 1 ] && echo "== kept $tmp"
if [ "$failed" = 0 ]; then
  echo "SMOKE PASS ($(du -sh "$app" | cut -f1) app at a path with spaces and non-ASCII characters)"
else
  echo "SMOKE FAIL"
  exit 1
fi
