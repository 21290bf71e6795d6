"""Reads auto_explain's log on standard input; prints each distinct statement once with its plan,
and exits 1 when a plan scans one of the big tables named on the command line sequentially."""
import re
import sys

big = set(sys.argv[1:])
plans, current = {}, None


def keep(lines):
    if lines:
        plans.setdefault(lines[0].replace("Query Text: ", "").strip(), lines[1:])


for line in sys.stdin:
    if "plan:" in line and "duration:" in line:
        keep(current)
        current = []
    elif current is not None and (line.startswith("\t") or line.startswith("  ")):
        current.append(line.rstrip("\n").lstrip("\t"))
    else:
        keep(current)
        current = None
keep(current)

bad = []
for text, plan in plans.items():
    print("\n" + text)
    for step in plan:
        print("  " + step)
        m = re.search(r"Seq Scan on (\w+)", step)
        if m and m.group(1) in big:
            bad.append((m.group(1), text))
print(f"\n{len(plans)} distinct statements planned; big tables: {' '.join(sorted(big))}")
if bad:
    for table, text in bad:
        print(f"SEQUENTIAL SCAN of {table}: {text[:160]}")
    sys.exit(1)
print("no sequential scan of a big table")
