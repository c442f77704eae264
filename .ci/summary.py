"""Counts test cases across meson test logs: every TAP 'ok'/'not ok' line is a
case; a test program that failed without reporting a case counts as one
failure. Prints the closing line CI reads: 'N passed, N failed'."""
import json
import re
import sys

passed = failed = skipped = 0
for path in sys.argv[1:]:
    try:
        lines = open(path, encoding="utf-8").read().splitlines()
    except OSError:
        failed += 1
        print(f"summary: missing test log {path}")
        continue
    for line in lines:
        t = json.loads(line)
        out = t.get("stdout") or ""
        oks = re.findall(r"^ok \d+.*$", out, re.M)
        skip = sum(1 for o in oks if "# SKIP" in o.upper())
        ok = len(oks) - skip
        bad = len(re.findall(r"^not ok \d+", out, re.M))
        if t.get("result") not in ("OK", "SKIP", "EXPECTEDFAIL") and bad == 0:
            bad = 1
        if ok + bad + skip == 0 and t.get("result") == "OK":
            ok = 1
        passed += ok
        failed += bad
        skipped += skip
print(f"{passed} passed, {failed} failed, {skipped} skipped")
