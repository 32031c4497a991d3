#!/bin/sh
# hwbench's Prometheus text read by prometheus_client's two parsers: the text format (0.0.4, as
# node_exporter's textfile collector reads it) and the strict OpenMetrics one. A run with two sizes and a
# merged document of two runs (the same cases on two "machines") must give one series per case, no two
# with the same labels, and the summary of each case's repetitions. Skipped (exit 77) where the Python
# package is missing.
# Usage: prometheus_parse.sh HWBENCH WORKDIR
set -eu
hwbench=$1 work=$2
python=
for p in /usr/bin/python3 python3; do
  if "$p" -c 'import prometheus_client.openmetrics.parser' 2>/dev/null; then python=$p; break; fi
done
if [ -z "$python" ]; then
  echo "SKIP: no Python with prometheus_client (Debian package python3-prometheus-client; scripts/test installs it)"
  exit 77
fi
rm -rf "$work"
mkdir -p "$work"
"$hwbench" run vecadd sha256 --sizes 1K,2K --backend cpu-serial --repetitions 3 --min-time 0.001 --warmup 0 \
  --quiet --out "$work/a" --prometheus "$work/a.prom"
"$hwbench" run vecadd sha256 --sizes 1K,2K --backend cpu-serial --repetitions 2 --min-time 0.001 --warmup 0 \
  --quiet --out "$work/b"
"$hwbench" report "$work/a/result.json" "$work/b/result.json" --format prometheus --out "$work/ab.prom" 2>/dev/null
"$python" - "$work/a.prom" "$work/ab.prom" <<'PY'
import sys
from prometheus_client.parser import text_string_to_metric_families as text_families
from prometheus_client.openmetrics.parser import text_string_to_metric_families as openmetrics_families

def fail(why):
    print("FAIL:", why)
    sys.exit(1)

def check(path, cases):
    text = open(path).read()
    for parser in (text_families, openmetrics_families):
        try:
            families = {f.name: f for f in parser(text)}
        except Exception as e:
            fail(f"{path}: {parser.__module__} refused it: {e}")
        seen = set()
        for f in families.values():
            for s in f.samples:
                key = (s.name, tuple(sorted(s.labels.items())))
                if key in seen:
                    fail(f"{path}: {parser.__module__}: two samples {key}")
                seen.add(key)
        duration = families.get("hwbench_case_duration_seconds")
        if duration is None or duration.type != "summary":
            fail(f"{path}: no summary hwbench_case_duration_seconds")
        counts = [s for s in duration.samples if s.name.endswith("_count")]
        if len(counts) != cases:
            fail(f"{path}: {len(counts)} case summaries, {cases} expected")
        info = families.get("hwbench_build_info") or families.get("hwbench_build")
        if info is None:
            fail(f"{path}: no hwbench_build_info")
    return len(counts)

# vecadd 2 sizes, sha256 2 variants x 2 sizes; merged: each on two machines.
n = check(sys.argv[1], 6)
m = check(sys.argv[2], 12)
print(f"OK: both parsers read {n} case summaries of a run and {m} of a merged document")
PY
