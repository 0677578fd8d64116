#!/usr/bin/env python3
"""Time to the first screen measured as issue 20 words it: from the Enter key that starts
the command in a shell inside tmux to the bundled article's first paragraph on the tmux
screen, lectern against `less` on the article's text, runs alternating. The screen is
polled with `tmux capture-pane` (about 1 ms a look), so the figures carry that much
resolution; `benches/first_screen.sh` measures the same in a pseudo-terminal without tmux
or a shell in between.

With a FILE (a Markdown book such as `cargo run --release --example make_book -- B.md`,
whose chapters open as the bundled article does), lectern and less open that file instead;
lectern's cache is filled first (`lectern print FILE`), so lectern's figure is a second
open.

Usage: python3 benches/first_screen_tmux.py [RUNS [FILE]]  (after `cargo build --release`)
"""

import os
import statistics
import subprocess
import sys
import tempfile
import time

SEED = "The situation on the Korean"
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LECTERN = os.path.join(ROOT, "target", "release", "lectern")


def tmux(*args, **kw):
    return subprocess.run(["tmux", "-L", "lectern-bench", *args], check=False, **kw)


def run_once(command):
    """Types `command`, then times Enter to the seed on screen; quits with `q`."""
    tmux("send-keys", "-t", "b", "-l", command)
    time.sleep(0.05)
    start = time.perf_counter()
    tmux("send-keys", "-t", "b", "Enter")
    deadline = start + 30
    while SEED not in tmux("capture-pane", "-p", "-t", "b", capture_output=True, text=True).stdout:
        if time.perf_counter() > deadline:
            raise SystemExit(f"{command}: no first screen within 30 s")
    elapsed = time.perf_counter() - start
    tmux("send-keys", "-t", "b", "q")
    time.sleep(0.15)
    tmux("send-keys", "-t", "b", "clear", "Enter")
    time.sleep(0.1)
    return elapsed * 1000


def main():
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 21
    book = os.path.abspath(sys.argv[2]) if len(sys.argv) > 2 else None
    work = tempfile.mkdtemp(prefix="lectern-tmux-bench-")
    env = f"LECTERN_DATA_DIR={work}/data LECTERN_CACHE_DIR={work}/cache LESS="
    if book:
        subprocess.run(
            f"{env} {LECTERN} print {book} > /dev/null", shell=True, check=True
        )
        commands = {"lectern (cached)": f"{LECTERN} {book}", "less": f"less {book}"}
    else:
        text = subprocess.run(
            [LECTERN, "print", "--width", "80"], capture_output=True, check=True
        )
        with open(os.path.join(work, "article.txt"), "wb") as f:
            f.write(text.stdout)
        commands = {"lectern": LECTERN, "less (seed text)": "less article.txt"}
    tmux("kill-server", stderr=subprocess.DEVNULL)
    tmux("new-session", "-d", "-s", "b", "-x", "80", "-y", "24", "bash --norc --noprofile")
    time.sleep(0.5)
    tmux("send-keys", "-t", "b", f"export {env}; cd {work}; clear", "Enter")
    time.sleep(0.3)
    times = {name: [] for name in commands}
    for command in commands.values():  # untimed: caches warm
        run_once(command)
    for _ in range(runs):
        for name, command in commands.items():
            times[name].append(run_once(command))
    tmux("kill-server")
    print("| command | median | min |")
    print("|---|---:|---:|")
    for name, t in times.items():
        print(f"| {name} | {statistics.median(t):.1f} ms | {min(t):.1f} ms |")
    first, second = (statistics.median(t) for t in times.values())
    print(f"ratio {first / second:.2f}")


if __name__ == "__main__":
    main()
