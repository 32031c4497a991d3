#!/usr/bin/env python3
"""Re-checks a folder written by `hwbench run ... --dump DIR` with code that shares nothing with hwbench:
SHA-256 digests through hashlib, MSM sums through textbook affine BLS12-381 G1 arithmetic on Python
integers, NTT outputs as the O(n^2) DFT over Fr (root of unity 7^((r-1)/n)). Usage: scripts/check-dump.py DIR/<workload>-<size> [...]. Exit 0 when every output file
matches, 1 on a mismatch, 2 on a folder it cannot read."""
import hashlib
import json
import pathlib
import sys

P = 0x1A0111EA397FE69A4B1BA7B6434BACD764774B84F38512BF6730D2A0F6B0F6241EABFFFEB153FFFFB9FEFFFFFFFFAAAB
R = 0x73EDA753299D7D483339D80809A1D80553BDA402FFFE5BFEFFFFFFFF00000001


def fr_dft(values, inverse):
    n = len(values)
    w = pow(7, (R - 1) // n, R)
    if inverse:
        w = pow(w, -1, R)
    out = [sum(x * pow(w, j * k, R) for j, x in enumerate(values)) % R for k in range(n)]
    if inverse:
        n_inv = pow(n, -1, R)
        out = [v * n_inv % R for v in out]
    return b"".join(v.to_bytes(32, "big") for v in out)


def g1_add(a, b):
    if a is None:
        return b
    if b is None:
        return a
    (x1, y1), (x2, y2) = a, b
    if x1 == x2:
        if (y1 + y2) % P == 0:
            return None
        slope = 3 * x1 * x1 * pow(2 * y1, -1, P) % P
    else:
        slope = (y2 - y1) * pow(x2 - x1, -1, P) % P
    x3 = (slope * slope - x1 - x2) % P
    return x3, (slope * (x1 - x3) - y1) % P


def g1_mul(k, point):
    acc = None
    while k:
        if k & 1:
            acc = g1_add(acc, point)
        point = g1_add(point, point)
        k >>= 1
    return acc


def g1_decompress(b):
    if not b[0] & 0x80:
        raise ValueError("compression flag missing")
    if b[0] & 0x40:
        return None
    x = int.from_bytes(bytes([b[0] & 0x1F]) + b[1:], "big")
    rhs = (x ** 3 + 4) % P
    y = pow(rhs, (P + 1) // 4, P)
    if y * y % P != rhs:
        raise ValueError("x is not on the curve")
    if (y > (P - 1) // 2) != bool(b[0] & 0x20):
        y = P - y
    return x, y


def g1_compress(point):
    if point is None:
        return "c0" + "00" * 47
    x, y = point
    b = bytearray(x.to_bytes(48, "big"))
    b[0] |= 0x80 | (0x20 if y > (P - 1) // 2 else 0)
    return b.hex()


def expected_outputs(folder, manifest):
    """The expected content of each output file, by the end of its name."""
    files = {f["file"]: f for f in manifest["files"]}
    if manifest["workload"] == "ntt":
        data = (folder / "values.bin").read_bytes()
        values = [int.from_bytes(data[i:i + 32], "big") for i in range(0, len(data), 32)]
        return {"-forward.bin": fr_dft(values, False), "-inverse.bin": fr_dft(values, True)}
    if manifest["workload"] == "sha256":
        data = (folder / "messages.bin").read_bytes()
        length = manifest["parameters"]["msg_bytes"]
        return {".hex": "".join(hashlib.sha256(data[i:i + length]).hexdigest() + "\n"
                                for i in range(0, len(data), length)).encode()}
    if manifest["workload"] == "msm":
        bases = (folder / "bases.bin").read_bytes()
        scalars = (folder / "scalars.bin").read_bytes()
        acc = None
        for i in range(files["bases.bin"]["count"]):
            k = int.from_bytes(scalars[32 * i:32 * i + 32], "big")
            acc = g1_add(acc, g1_mul(k, g1_decompress(bases[48 * i:48 * i + 48])))
        return {".hex": (g1_compress(acc) + "\n").encode()}
    raise SystemExit(f"check-dump: no checker for workload {manifest['workload']!r}")


def main(folders):
    status = 0
    for name in folders:
        folder = pathlib.Path(name)
        try:
            manifest = json.loads((folder / "manifest.json").read_text())
        except (OSError, ValueError) as e:
            print(f"check-dump: cannot read {folder / 'manifest.json'}: {e}", file=sys.stderr)
            return 2
        want = expected_outputs(folder, manifest)
        outputs = [(f["file"], content) for f in manifest["files"] for suffix, content in want.items()
                   if f["file"].endswith(suffix)]
        for out, content in outputs:
            ok = (folder / out).read_bytes() == content
            print(f"{folder.name}/{out}: {'ok' if ok else 'MISMATCH'}")
            status |= 0 if ok else 1
        if not outputs:
            print(f"check-dump: {folder} has no output files", file=sys.stderr)
            return 2
    return status


if __name__ == "__main__":
    if len(sys.argv) < 2:
        raise SystemExit(__doc__)
    sys.exit(main(sys.argv[1:]))
