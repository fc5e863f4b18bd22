#!/usr/bin/env bash
# Times LibreOffice converting the consolidated appendices (the report's
# .xlsx) to PDF, beside `baocao report` laying out the whole report with
# the same appendices, on the bundled plan's demo data. Needs a release
# build and LibreOffice (soffice); prints both times in seconds.
set -euo pipefail
cd "$(dirname "$0")/.."
bin="${CARGO_TARGET_DIR:-target}/release/baocao"
[ -x "$bin" ] || cargo build --release
command -v soffice >/dev/null || { echo "cần LibreOffice (soffice) để so sánh" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && "$bin" demo >/dev/null)
period="$work/outputs/demo/2025-H1"
runs=${RUNS:-5}
t0=$(date +%s.%N)
for _ in $(seq "$runs"); do
  (cd "$work" && "$bin" report --period 2025-H1 --out "$period" --force >/dev/null)
done
t1=$(date +%s.%N)
for _ in $(seq "$runs"); do
  soffice --headless --convert-to pdf --outdir "$work/lo" "$period/bao-cao-2025-H1.xlsx" >/dev/null 2>&1
done
t2=$(date +%s.%N)
python3 - "$t0" "$t1" "$t2" "$runs" <<'PY'
import sys
t0, t1, t2, n = map(float, sys.argv[1:])
b, lo = (t1 - t0) / n, (t2 - t1) / n
print(f"baocao report (PDF + Excel, whole report): {b:.3f} s")
print(f"LibreOffice xlsx -> pdf (appendices only):  {lo:.3f} s")
print(f"ratio: {lo / b:.1f}x")
PY
