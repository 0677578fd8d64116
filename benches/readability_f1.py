#!/usr/bin/env python3
"""How closely lectern's HTML import keeps what Mozilla's Readability keeps.

For every page of Mozilla Readability's test corpus (`source.html`, and `expected.html`:
what Readability.js keeps), compare the words of an extractor's text with the words of
`expected.html` as multisets: precision, recall and F1 per page, then the mean over pages.
Extractors: lectern, twice: its article text (`lectern print PAGE` without the title
block, link targets and `[image: alt]` markers it prints around the text) and the whole
printed output; and, when they are installed
(`pip install trafilatura readability-lxml`), trafilatura and readability-lxml, the Python
extractors usually ranked best.

The corpus is not ours to commit: `benches/readability_f1.sh` fetches it from the
crates.io registry (the `readabilityrs` crate ships a copy of the test pages) and runs this.

Usage: readability_f1.py LECTERN_BINARY TEST_PAGES_DIR
"""

import collections
import html.parser
import os
import re
import subprocess
import sys

WORD = re.compile(r"\w+", re.UNICODE)


class _Text(html.parser.HTMLParser):
    """The text of an HTML document, without scripts and styles."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "noscript"):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style", "noscript") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def html_text(markup):
    p = _Text()
    p.feed(markup)
    p.close()
    return " ".join(p.parts)


def words(text):
    return collections.Counter(w.lower() for w in WORD.findall(text))


def prf(got, want):
    """Precision, recall and F1 of two word multisets."""
    common = sum((got & want).values())
    n_got, n_want = sum(got.values()), sum(want.values())
    if n_got == 0 and n_want == 0:
        return 1.0, 1.0, 1.0
    p = common / n_got if n_got else 0.0
    r = common / n_want if n_want else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


LINK_TARGET = re.compile(r" ?<(?:https?|mailto|ftp):[^>\s]*>")
IMAGE = re.compile(r"\[image(?:: [^\]]*)?\]")


def article_text(printed):
    """The article's own text in `lectern print`'s output, without what lectern adds
    around it: the title block (title, authors, the `Source:` line), link targets printed
    after their text (`<https://…>`) and `[image: alt]` markers. Readability's expected
    output has none of these as text (its title and byline are metadata; link targets and
    alt texts are attributes)."""
    lines = printed.split("\n")
    head = 1  # the title
    if len(lines) > head and lines[head].strip():
        head += 1  # the authors
    if len(lines) > head + 1 and not lines[head].strip() and lines[head + 1].startswith("Source: "):
        head += 2
    body = "\n".join(lines[head:])
    return IMAGE.sub(" ", LINK_TARGET.sub("", body))


def lectern(binary, whole):
    def run(path, _markup):
        out = subprocess.run(
            [binary, "print", path], capture_output=True, timeout=60, check=False
        )
        if out.returncode != 0:
            return ""
        printed = out.stdout.decode("utf-8", "replace")
        return printed if whole else article_text(printed)

    return run


def extractors(binary):
    found = [
        ("lectern (text)", lectern(binary, False)),
        ("lectern (print)", lectern(binary, True)),
    ]
    try:
        import trafilatura

        found.append(
            (
                "trafilatura",
                lambda _p, m: trafilatura.extract(m, favor_recall=False) or "",
            )
        )
    except ImportError:
        pass
    try:
        from readability import Document

        found.append(
            ("readability-lxml", lambda _p, m: html_text(Document(m).summary()))
        )
    except ImportError:
        pass
    return found


def main():
    binary, corpus = sys.argv[1], sys.argv[2]
    pages = sorted(
        d
        for d in os.listdir(corpus)
        if os.path.exists(os.path.join(corpus, d, "source.html"))
        and os.path.exists(os.path.join(corpus, d, "expected.html"))
    )
    tools = extractors(binary)
    sums = {name: [0.0, 0.0, 0.0] for name, _ in tools}
    worst = {name: [] for name, _ in tools}
    for page in pages:
        src = os.path.join(corpus, page, "source.html")
        with open(src, encoding="utf-8", errors="replace") as f:
            markup = f.read()
        with open(os.path.join(corpus, page, "expected.html"), encoding="utf-8") as f:
            want = words(html_text(f.read()))
        for name, run in tools:
            try:
                got = words(run(src, markup))
            except Exception:  # an extractor that fails on a page scores 0 there
                got = collections.Counter()
            p, r, f1 = prf(got, want)
            s = sums[name]
            s[0] += p
            s[1] += r
            s[2] += f1
            worst[name].append((f1, page))
    n = len(pages)
    print(f"{n} pages of Mozilla Readability's test corpus")
    print(f"{'extractor':<18} {'precision':>9} {'recall':>7} {'F1':>6}  lowest F1")
    for name, _ in tools:
        p, r, f1 = (x / n for x in sums[name])
        low = ", ".join(f"{pg} {v:.2f}" for v, pg in sorted(worst[name])[:3])
        print(f"{name:<18} {p:>9.3f} {r:>7.3f} {f1:>6.3f}  {low}")


if __name__ == "__main__":
    main()
