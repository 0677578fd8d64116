#!/usr/bin/env bash
# Time to the first screen, lectern (cold: a fresh cache; cached: the second open) against
# less in the same run, in an 80x24 pseudo-terminal read by vt100 (examples/first_screen.rs):
# the bundled article (less reads the seed text, the article as `lectern print` writes it),
# the 4 MB reference book and a 40 MB book (the reference book x10). Release build.
# Usage: bash benches/first_screen.sh [RUNS [GROUP]] (GROUP: only the files whose name has it)
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet --bin lectern --example first_screen
./target/release/examples/first_screen "${1:-15}" ${2:+"$2"}
