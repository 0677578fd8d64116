#!/usr/bin/env bash
# Prints the medians of the last `cargo bench` run as a Markdown table (from criterion's
# target/criterion/*/new/estimates.json), with the budget of each figure.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 - <<'PY'
import json, pathlib
root = pathlib.Path("target/criterion")
budget = {
    "startup/bundled_to_first_frame": "≤ 15 ms",
    "book/load_and_first_frame_80x24": "≤ 80 ms",
    "book/search_many": "≤ 50 ms", "book/search_none": "≤ 50 ms",
    "book/resize_80_to_200": "≤ 20 ms", "book/resize_200_to_80": "≤ 20 ms",
}
def fmt(ns):
    return f"{ns/1e6:.2f} ms" if ns >= 1e6 else f"{ns/1e3:.0f} µs"
rows = []
for est in sorted(root.glob("**/new/estimates.json")):
    bench = est.parent.parent.relative_to(root).as_posix()
    median = json.loads(est.read_text())["median"]["point_estimate"]
    b = budget.get(bench, "")
    if not b and bench.startswith("book/") and any(k in bench for k in ("scroll", "jump", "footnote")):
        b = "≤ 1 ms"
    rows.append((bench, fmt(median), b))
print("| benchmark | median | budget |")
print("|---|---:|---|")
for r in rows:
    print(f"| `{r[0]}` | {r[1]} | {r[2]} |")
PY
