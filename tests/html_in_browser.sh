#!/bin/sh
# The HTML report in a real browser: headless Chromium loads a report of a fresh run and of a fixture
# whose strings carry markup; the page's script must run to its end (data-ready), log nothing to the
# console, draw its charts, and no markup from the files may become elements.
# Usage: html_in_browser.sh HWBENCH FIXTURE WORKDIR
set -eu
hwbench=$1 fixture=$2 work=$3
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [ -z "$browser" ]; then
  echo "SKIP: no chromium on this machine (scripts/test installs it)"
  exit 77
fi
rm -rf "$work"
mkdir -p "$work"
"$hwbench" run vecadd sha256 --sizes 1K,4K --backend cpu-serial,cpu-tbb --repetitions 2 --min-time 0.001 \
  --warmup 0 --quiet --html --out "$work/run"
"$hwbench" report "$work/run/result.json" "$fixture" --out "$work/report.html"
for page in "$work/run/report.html" "$work/report.html"; do
  "$browser" --headless --no-sandbox --disable-gpu --no-first-run --user-data-dir="$work/profile" \
    --enable-logging=stderr --v=0 --virtual-time-budget=5000 --dump-dom "file://$page" \
    >"$work/dom.html" 2>"$work/browser.log"
  fail() { echo "FAIL: $page: $*"; exit 1; }
  grep -q 'data-ready="1"' "$work/dom.html" || fail "the page's script did not run to its end"
  if grep -q 'CONSOLE' "$work/browser.log"; then grep 'CONSOLE' "$work/browser.log"; fail "console messages"; fi
  charts=$(grep -o '<svg class="chart"' "$work/dom.html" | wc -l)
  [ "$charts" -ge 3 ] || fail "only $charts charts"
  grep -q '<table class="sortable"' "$work/dom.html" || fail "no table"
  grep -q 'class="badge ok"' "$work/dom.html" || fail "no verified badge"
  if grep -qi '<img\|<script>alert\|<b>rev\|<u>clocks' "$work/dom.html"; then fail "markup from a result file became elements"; fi
done
grep -q 'class="marker"' "$work/dom.html" || { echo "FAIL: no crossover marker in the fixture's chart"; exit 1; }
grep -q '&lt;img src=x onerror=alert(1)&gt;' "$work/dom.html" || { echo "FAIL: the fixture's workload name is not shown as text"; exit 1; }
echo "html report: 2 pages loaded in $("$browser" --version 2>/dev/null | head -1), no console messages"
