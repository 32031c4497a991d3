#!/bin/sh
# gbench.json read by google/benchmark's own tools/compare.py: two runs with different repetitions,
# --min-time and --warmup pair case by case (each iteration entry with its U test), and the context says
# what hwbench was built as. Skipped (exit 77) where compare.py or a Python with scipy is missing.
# Usage: gbench_compare_py.sh HWBENCH BUILD_TYPE WORKDIR
set -eu
hwbench=$1 build_type=$2 work=$3
compare=${HWBENCH_GBENCH_COMPARE:-/usr/share/benchmark/compare.py}
if [ ! -f "$compare" ]; then
  echo "SKIP: no $compare (Debian package libbenchmark-tools; scripts/test installs it)"
  exit 77
fi
python=
for p in /usr/bin/python3 python3; do
  if "$p" -c 'import scipy, numpy' 2>/dev/null; then python=$p; break; fi
done
if [ -z "$python" ]; then
  echo "SKIP: compare.py needs a Python with scipy and numpy (python3-scipy)"
  exit 77
fi
rm -rf "$work"
mkdir -p "$work"
"$hwbench" run vecadd sha256 --sizes 1K,2K --backend cpu-serial --repetitions 3 --min-time 0.001 --warmup 0 \
  --quiet --out "$work/a"
"$hwbench" run vecadd sha256 --sizes 1K,2K --backend cpu-serial --repetitions 5 --min-time 0.002 \
  --warmup 0.001 --quiet --out "$work/b"
"$python" "$compare" --no-color -d "$work/cmp.json" benchmarks "$work/a/gbench.json" "$work/b/gbench.json" \
  >"$work/cmp.txt"
"$python" - "$work/a/gbench.json" "$work/b/gbench.json" "$work/cmp.json" "$build_type" <<'PY'
import json, sys
a, b, cmp = (json.load(open(p)) for p in sys.argv[1:4])
build_type = sys.argv[4]
def fail(why):
    print("FAIL:", why)
    sys.exit(1)
cases = sorted({e["name"] for e in a["benchmarks"] if e["run_type"] == "iteration"})
# vecadd 2 sizes, sha256 2 variants x 2 sizes
if len(cases) != 6:
    fail(f"expected 6 cases, got {cases}")
for doc in (a, b):
    for e in doc["benchmarks"]:
        if "min_time:" in e["name"] or "repeats:" in e["name"] or "real_time" in e["name"]:
            fail(f"settings in a benchmark name: {e['name']}")
        if e["run_type"] == "iteration" and not ("min_time" in e and "time_type" in e):
            fail(f"settings missing from the fields of {e['name']}")
    if doc["context"].get("library_build_type") != build_type:
        fail(f"library_build_type {doc['context'].get('library_build_type')!r}, built as {build_type!r}")
paired = {e["name"] for e in cmp if e.get("run_type") == "iteration" and e.get("utest")}
if sorted(paired) != cases:
    fail(f"compare.py paired {sorted(paired)} of {cases}")
for e in cmp:
    if e["name"] in cases and len(e["measurements"]) != 3:
        fail(f"{e['name']}: {len(e['measurements'])} measurements paired, 3 expected (3 vs 5 repetitions)")
print(f"OK: compare.py paired {len(paired)} cases across 3 and 5 repetitions")
PY
