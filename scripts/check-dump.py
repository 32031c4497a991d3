#!/usr/bin/env python3
"""Re-checks a folder written by `hwbench run ... --dump DIR` with code that shares nothing with hwbench:
SHA-256 digests through hashlib, MSM sums through textbook affine BLS12-381 G1 arithmetic on Python
integers, NTT outputs as the O(n^2) DFT over Fr (root of unity 7^((r-1)/n)), trace proofs rebuilt from
the program and inputs (VM, Merkle tree, Fiat-Shamir transcript; docs/TRACE.md). Usage: scripts/check-dump.py DIR/<workload>-<size> [...]. Exit 0 when every output file
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


def trace_proof(code, regs, k):
    """The trace workload's proof, built from its specification (docs/TRACE.md)."""
    program = b"".join(bytes([op, a, b, 0, 0, 0, 0, 0]) + imm.to_bytes(8, "little") for op, a, b, imm in code)
    u64 = lambda v: (v % 2**64).to_bytes(8, "little")
    row = lambda step, pc, r: u64(step) + u64(pc) + b"".join(u64(v) for v in r)
    rows, step, pc, r = [], 0, 0, list(regs)
    while True:
        rows.append(row(step, pc, r))
        op, a, b, imm = code[pc]
        if op == 0:
            break
        step, pc = step + 1, pc + 1
        if op == 1:
            r[a] = imm
        elif op == 2:
            r[a] = (r[a] + r[b]) % 2**64
        elif op == 3:
            r[a] = r[b]
        elif op == 4:
            r[a] = (r[a] - 1) % 2**64
        elif op == 5 and r[a] != 0:
            pc = imm
    levels = [[hashlib.sha256(x).digest() for x in rows]]
    while len(levels[-1]) > 1:
        below = levels[-1]
        levels.append([hashlib.sha256(below[i] + below[i + 1]).digest() if i + 1 < len(below) else below[i]
                       for i in range(0, len(below), 2)])

    def path(i):
        out = b""
        for level in levels[:-1]:
            if i ^ 1 < len(level):
                out += level[i ^ 1]
            i //= 2
        return out

    t, root = len(rows), levels[-1][0]
    seed = hashlib.sha256(b"hwbench-trace-v1" + hashlib.sha256(program).digest() + b"".join(u64(v) for v in regs)
                          + u64(t) + rows[-1] + root).digest()
    proof = b"HWT1" + u64(t) + rows[-1] + root + path(0) + path(t - 1)
    for j in range(k):
        i = int.from_bytes(hashlib.sha256(seed + j.to_bytes(4, "little")).digest()[:8], "little") % (t - 1)
        proof += rows[i] + rows[i + 1] + path(i) + path(i + 1)
    return proof


def trace_checker(folder, manifest):
    """A function that checks a file of proof records against proofs rebuilt here."""
    data = (folder / "program.bin").read_bytes()
    code = [(data[i], data[i + 1], data[i + 2], int.from_bytes(data[i + 8:i + 16], "little"))
            for i in range(0, len(data), 16)]
    data = (folder / "inputs.bin").read_bytes()
    inputs = [[int.from_bytes(data[i + 8 * q:i + 8 * q + 8], "little") for q in range(4)]
              for i in range(0, len(data), 32)]
    k = manifest["challenges"]
    cache = {}

    def check(content):
        pos, count = 0, 0
        while pos < len(content):
            which = int.from_bytes(content[pos:pos + 4], "little")
            length = int.from_bytes(content[pos + 4:pos + 8], "little")
            if which not in cache:
                cache[which] = trace_proof(code, inputs[which], k)
            if content[pos + 8:pos + 8 + length] != cache[which]:
                return False
            pos, count = pos + 8 + length, count + 1
        return count > 0 and pos == len(content)
    return check


def expected_outputs(folder, manifest):
    """The expected content of each output file (or a function checking it), by the end of its name."""
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
    if manifest["workload"] == "trace":
        return {"-proofs.bin": trace_checker(folder, manifest)}
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
            data = (folder / out).read_bytes()
            ok = content(data) if callable(content) else data == content
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
