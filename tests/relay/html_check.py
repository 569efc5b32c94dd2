#!/usr/bin/python3
"""Checks an email's HTML part with Python's own html.parser (stdin -> JSON on stdout).

Reports every end tag that closes nothing or the wrong element, every element left open, empty
elements that should hold something (p, li, td, div, ul, table), the links, and the text of each
table row as {label: value}, so the Node tests assert on what a mail client would render.
"""
import json
import sys
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
MUST_HOLD = {"p", "li", "td", "div", "ul", "table", "h2", "a"}


class Checker(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []  # [tag, has_content]
        self.errors = []
        self.links = []
        self.rows = {}
        self.cell = None
        self.row = []

    def handle_starttag(self, tag, attrs):
        if self.stack:
            self.stack[-1][1] = True
        if tag == "a":
            self.links.append(dict(attrs).get("href", ""))
        if tag in ("th", "td"):
            self.cell = ""
        if tag == "tr":
            self.row = []
        if tag not in VOID:
            self.stack.append([tag, False])

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack:
            self.errors.append("stray </%s>" % tag)
            return
        open_tag, has_content = self.stack[-1]
        if open_tag != tag:
            self.errors.append("</%s> closes <%s>" % (tag, open_tag))
            if tag not in [t for t, _ in self.stack]:
                return
            while self.stack and self.stack[-1][0] != tag:
                self.stack.pop()
        self.stack.pop()
        if tag in MUST_HOLD and not has_content:
            self.errors.append("empty <%s>" % tag)
        if tag in ("th", "td") and self.cell is not None:
            self.row.append(self.cell.strip())
            self.cell = None
        if tag == "tr" and len(self.row) == 2:
            self.rows.setdefault(self.row[0], self.row[1])

    def handle_data(self, data):
        if data.strip() and self.stack:
            self.stack[-1][1] = True
        if self.cell is not None:
            self.cell += data


def main():
    checker = Checker()
    checker.feed(sys.stdin.read())
    checker.close()
    for tag, _ in checker.stack:
        checker.errors.append("<%s> never closed" % tag)
    json.dump({"errors": checker.errors, "links": checker.links, "rows": checker.rows}, sys.stdout,
              ensure_ascii=False)


if __name__ == "__main__":
    main()
