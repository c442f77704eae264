"""Counts test cases across meson test logs: every TAP 'ok'/'not ok' line is a
case, and an 'ok N ... # SKIP why' line a skipped one (as meson counts them; a
'not ok ... # SKIP' is a failure there and here). A test program that failed
without reporting a case counts as one failure, one that meson skipped as a
whole (exit 77) as one skip. Prints a line per log and the closing line CI
reads: 'N passed, N failed, N skipped'."""
import json
import re
import sys

total_passed = total_failed = total_skipped = 0
for path in sys.argv[1:]:
    passed = failed = skipped = 0
    try:
        lines = open(path, encoding="utf-8").read().splitlines()
    except OSError:
        total_failed += 1
        print(f"summary: missing test log {path}")
        continue
    for line in lines:
        t = json.loads(line)
        out = t.get("stdout") or ""
        oks = re.findall(r"^ok \d+.*$", out, re.M)
        skip = sum(1 for o in oks if re.search(r"#\s*SKIP", o, re.I))
        ok = len(oks) - skip
        bad = len(re.findall(r"^not ok \d+", out, re.M))
        result = t.get("result")
        if result not in ("OK", "SKIP", "EXPECTEDFAIL") and bad == 0:
            bad = 1
        if ok + bad + skip == 0 and result == "OK":
            ok = 1
        if ok + bad + skip == 0 and result == "SKIP":
            skip = 1
        passed += ok
        failed += bad
        skipped += skip
    print(f"{path}: {passed} passed, {failed} failed, {skipped} skipped")
    total_passed += passed
    total_failed += failed
    total_skipped += skipped
print(f"{total_passed} passed, {total_failed} failed, {total_skipped} skipped")
