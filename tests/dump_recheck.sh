#!/bin/sh
# hwbench's dumped inputs and outputs re-checked by scripts/check-dump.py, which shares no code with
# hwbench; then one output byte is changed and the checker must fail.
# Usage: dump_recheck.sh HWBENCH CHECKER WORKDIR
set -eu
hwbench=$1 checker=$2 dir=$3
rm -rf "$dir"
"$hwbench" run msm --sizes 100 --quiet --repetitions 1 --min-time 0.001 --warmup 0 --out "$dir/out" --dump "$dir/dump"
# The same folders again: --overwrite.
"$hwbench" run sha256 --sizes 9 --msg-bytes 77 --quiet --repetitions 1 --min-time 0.001 --warmup 0 \
  --out "$dir/out" --dump "$dir/dump" --overwrite
"$hwbench" run ntt --sizes 64 --quiet --repetitions 1 --min-time 0.001 --warmup 0 --out "$dir/out" --dump "$dir/dump" --overwrite
"$hwbench" run trace --sizes 12 --programs 6 --quiet --repetitions 1 --min-time 0.001 --warmup 0 \
  --out "$dir/out" --dump "$dir/dump" --overwrite
python3 "$checker" "$dir/dump/msm-100" "$dir/dump/sha256-9" "$dir/dump/ntt-64" "$dir/dump/trace-12"
# The checker must notice a wrong result.
f="$dir/dump/msm-100/output-cpu-serial-pippenger-host.hex"
sed -i 's/^\(.\{20\}\)./\1f/;t;' "$f"
if cmp -s "$f" "$dir/dump/msm-100/reference.hex"; then sed -i 's/^\(.\{20\}\)./\10/' "$f"; fi
if python3 "$checker" "$dir/dump/msm-100" >/dev/null; then
  echo "check-dump.py accepted a changed result" >&2
  exit 1
fi
# ... and a changed transform output (one byte of the last element).
f=$(ls "$dir"/dump/ntt-64/output-cpu-serial-inverse-*-inverse.bin | head -n 1)
python3 -c 'import sys; b = bytearray(open(sys.argv[1], "rb").read()); b[-1] ^= 1; open(sys.argv[1], "wb").write(b)' "$f"
if python3 "$checker" "$dir/dump/ntt-64" >/dev/null; then
  echo "check-dump.py accepted a changed transform" >&2
  exit 1
fi
# ... and a changed proof (one byte of the last proof).
f=$(ls "$dir"/dump/trace-12/output-cpu-serial-cached-*-proofs.bin | head -n 1)
python3 -c 'import sys; b = bytearray(open(sys.argv[1], "rb").read()); b[-1] ^= 1; open(sys.argv[1], "wb").write(b)' "$f"
if python3 "$checker" "$dir/dump/trace-12" >/dev/null; then
  echo "check-dump.py accepted a changed proof" >&2
  exit 1
fi
rm -rf "$dir"
echo "dump re-checked independently; a changed result was rejected"
