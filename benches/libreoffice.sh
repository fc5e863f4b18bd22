#!/usr/bin/env bash
# Times LibreOffice converting the consolidated workbook (the report's
# .xlsx: the three appendices and the agencies' texts) to PDF, beside
# `baocao report` laying out the whole report (first page, narrative, the
# same appendices) as PDF/A and writing that workbook, on the bundled plan's
# demo data (AGENCIES=300 adds sample communes). Needs a release build and
# LibreOffice (soffice). Prints the median of RUNS runs (default 7) of each,
# in seconds, and the ratio.
set -euo pipefail
cd "$(dirname "$0")/.."
target="${CARGO_TARGET_DIR:-target}"
case "$target" in /*) ;; *) target="$(pwd)/$target" ;; esac
bin="$target/release/baocao"
[ -x "$bin" ] || cargo build --release
command -v soffice >/dev/null || { echo "cần LibreOffice (soffice) để so sánh" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
plan=()
if [ -n "${AGENCIES:-}" ]; then
  (cd "$work" && "$bin" demo --agencies "$AGENCIES" >/dev/null)
  plan=(--plan "$work/outputs/demo/ke-hoach")
else
  (cd "$work" && "$bin" demo >/dev/null)
fi
period="$work/outputs/demo/2025-H1"
# A first LibreOffice run sets up its profile; it is not timed.
soffice --headless --convert-to pdf --outdir "$work/lo" "$period/bao-cao-2025-H1.xlsx" >/dev/null 2>&1
python3 - "$bin" "$work" "$period" "${RUNS:-7}" "${plan[@]}" <<'PY'
import statistics, subprocess, sys, time
bin, work, period, runs, plan = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5:]
def median(cmd):
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cmd, cwd=work, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - t)
    return statistics.median(times)
b = median([bin, "report", *plan, "--period", "2025-H1", "--out", period, "--force"])
lo = median(["soffice", "--headless", "--convert-to", "pdf", "--outdir", work + "/lo", period + "/bao-cao-2025-H1.xlsx"])
print(f"baocao report (whole report as PDF/A, and the workbook): {b:.3f} s")
print(f"LibreOffice xlsx -> pdf (the workbook):                  {lo:.3f} s")
print(f"ratio: {lo / b:.1f}x")
PY
