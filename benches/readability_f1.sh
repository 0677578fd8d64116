#!/usr/bin/env bash
# Measures how closely lectern's HTML import keeps what Mozilla's Readability keeps, on
# Readability's own test corpus (130 real saved pages), against the Python extractors when
# they are installed. The corpus is fetched, checked and unpacked under target/ (never
# committed: the pages belong to their sites). Prints a table; docs/IMPORT.md has the last run.
#
#   bash benches/readability_f1.sh            # lectern, and the extractors pip has installed
#   pip install trafilatura readability-lxml   # to compare with them
set -euo pipefail
cd "$(dirname "$0")/.."

crate=readabilityrs-0.1.4
sha=7c42603b08707aa2d44baa0ff2ec8fb89d66fbce4bc8eb5eec894009b6d18159
dir=target/readability-corpus
if [ ! -d "$dir/$crate/tests/test-pages" ]; then
    mkdir -p "$dir"
    curl -sSfL "https://static.crates.io/crates/readabilityrs/$crate.crate" -o "$dir/$crate.crate"
    echo "$sha  $dir/$crate.crate" | sha256sum -c --quiet
    tar xzf "$dir/$crate.crate" -C "$dir"
fi
cargo build --release --quiet --bin lectern
python3 benches/readability_f1.py target/release/lectern "$dir/$crate/tests/test-pages"
