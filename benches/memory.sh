#!/usr/bin/env bash
# Peak memory of lectern on the reference book (the bundled article as 100 chapters of
# Markdown): the maximum resident set size of the whole process while it opens the book,
# reads all of it (the first screen comes before the rest is read: issue 20) and draws a
# frame in a terminal (`script` provides one), and while `lectern print` reads it. Budget: 3x the file size. Then the 40 MB book (the reference book x10),
# converted (a fresh cache) and from the cache (issue 20). Budget: 2x the file size.
# Exit status 1 when over budget.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet --example make_book --bin lectern
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
./target/release/examples/make_book "$tmp/book.md" 2>/dev/null
size=$(stat -c %s "$tmp/book.md")
budget_kb=$(( size * 3 / 1024 ))
export LECTERN_CACHE_DIR="$tmp/cache"
status=0
measure() {
    local name=$1; shift
    local kb
    kb=$(awk -F: '/Maximum resident/ { gsub(/ /, "", $2); print $2 }' "$tmp/time.txt")
    local verdict="within budget"
    if [ "$kb" -gt "$budget_kb" ]; then verdict="OVER BUDGET"; status=1; fi
    printf '%-28s %6d KiB peak RSS = %.2fx the file (%d bytes); budget %d KiB: %s\n' \
        "$name" "$kb" "$(echo "$kb * 1024 / $size" | bc -l)" "$size" "$budget_kb" "$verdict"
}
LECTERN_EXIT_WHEN_READ=1 LECTERN_DATA_DIR="$tmp/data" \
    script -qec "/usr/bin/time -v -o $tmp/time.txt ./target/release/lectern $tmp/book.md" /dev/null >/dev/null
measure "open, read, frame"
/usr/bin/time -v -o "$tmp/time.txt" ./target/release/lectern print "$tmp/book.md" >/dev/null
measure "print"

./target/release/examples/make_book "$tmp/book40.md" 1000 2>/dev/null
size=$(stat -c %s "$tmp/book40.md")
budget_kb=$(( size * 2 / 1024 ))
rm -rf "$tmp/cache"
for run in "40 MB: converted" "40 MB: from the cache"; do
    LECTERN_EXIT_WHEN_READ=1 LECTERN_DATA_DIR="$tmp/data" \
        script -qec "/usr/bin/time -v -o $tmp/time.txt ./target/release/lectern $tmp/book40.md" /dev/null >/dev/null
    measure "$run, read, frame"
done
/usr/bin/time -v -o "$tmp/time.txt" ./target/release/lectern print "$tmp/book40.md" >/dev/null
measure "40 MB: print (cached)"
exit $status
