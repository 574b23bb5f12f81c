#!/usr/bin/env python3
"""`ivr validate` of a large CCC 2020 Definition against Python's `json.load`
of the same file, timed in one run, alternately, as whole processes.

Builds nothing: it uses target/release/ivr (`cargo build --release -p
ivr-cli`), or the binary IVR_BIN names (the packaged one: `cargo build
--profile cli -p ivr-cli`, target/cli/ivr). The flow is IVR Studio's
synthetic designer-shaped flow (tests/e2e/synth.mjs, the same shape as ivr-flow's synth::large_flow) of
BLOCKS blocks, converted to a CCC 2020 Definition with `ivr convert`.
Prints each side's median of RUNS, and the ratio ivr / json.load (the target
is at most 1.0).

    python3 scripts/bench-validate.py [BLOCKS] [RUNS]
"""

import os
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
IVR = os.environ.get("IVR_BIN") or os.path.join(ROOT, "target", "release", "ivr")


def timed(argv):
    start = time.perf_counter()
    done = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    took = time.perf_counter() - start
    if done.returncode not in (0, 1):
        sys.exit(f"{argv[0]} exited {done.returncode}")
    return took


def main():
    blocks = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    if not os.path.exists(IVR):
        sys.exit(f"{IVR} is missing: cargo build --release -p ivr-cli")
    with tempfile.TemporaryDirectory() as tmp:
        native = os.path.join(tmp, "large.ivr.json")
        ccc = os.path.join(tmp, "large.ccc2020.json")
        script = (
            "import('./tests/e2e/synth.mjs').then(m => require('fs').writeFileSync("
            f"{native!r}, JSON.stringify(m.largeFlow({blocks}))))"
        )
        subprocess.run(["node", "-e", script], cwd=ROOT, check=True)
        subprocess.run([IVR, "convert", native, "--to", "aliyun", "-o", ccc], check=True)
        size = os.path.getsize(ccc)
        ivr = [IVR, "validate", ccc]
        load = [sys.executable, "-c", "import json, sys; json.load(open(sys.argv[1]))", ccc]
        timed(ivr), timed(load)  # warm the page cache and the binaries
        a, b = [], []
        for _ in range(runs):
            a.append(timed(ivr))
            b.append(timed(load))
    ma, mb = statistics.median(a), statistics.median(b)
    print(f"{IVR}")
    print(f"CCC 2020 Definition: {blocks} blocks, {size / 1e6:.1f} MB; median of {runs}, alternating")
    print(f"ivr validate      {ma * 1000:7.1f} ms  (min {min(a) * 1000:.1f}, max {max(a) * 1000:.1f})")
    print(f"python json.load  {mb * 1000:7.1f} ms  (min {min(b) * 1000:.1f}, max {max(b) * 1000:.1f})")
    print(f"ratio ivr / json.load: {ma / mb:.2f}")


if __name__ == "__main__":
    main()
