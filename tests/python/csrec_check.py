"""A strict reader of csrec streams (recorders/FORMAT.md, 1.0) for the recorder's tests: every
line must parse, every string be defined before use, every id be known; it fails loudly."""

import re

INT = re.compile(r"^-?[0-9]+$")
POS = re.compile(r"^[0-9]+$")
FIELD = re.compile(r"^[0-9A-Za-z_.:-]*$")
MOMENTS = {"queued", "socket connecting", "tls done", "request sent", "response headers",
           "reply finished"}
RESULTS = {"ok", "error", "cancelled"}
WARNINGS = {"never-retrieved", "destroyed-pending", "never-awaited", "other"}
ENDS = {"exit", "signal", "error"}

# kind -> field types: t time, i id (>= 0), s string id, n integer, w word (charset), m moment
SHAPES = {
    "L": "is", "T": "tiiisss", "N": "tis", "Q": "ti", "R": "tiii", "A": "tissi",
    "D": "tiwss", "C": "tisin", "I": "ti", "B": "ti", "H": "tiinss", "P": "tiim",
    "U": "tiissnn", "W": "tiwss", "Z": "tnn", "E": "twn",
}


class Damaged(Exception):
    pass


def unescape(text):
    out = []
    i = 0
    while i < len(text):
        c = text[i]
        if c == "\\" and i + 1 < len(text):
            nxt = text[i + 1]
            out.append({"\\": "\\", "t": "\t", "n": "\n"}.get(nxt, "\\" + nxt))
            i += 2
            continue
        out.append(c)
        i += 1
    return "".join(out)


class Recording:
    def __init__(self):
        self.header = None
        self.strings = {}
        self.records = []  # (kind, fields) with string ids resolved to text (None for 0)
        self.lanes = {}
        self.tasks = {}  # task id -> dict from its T record


def parse(data, allow_cut=False):
    """Parses a whole stream (bytes). allow_cut: the last line may be partial and E missing."""
    rec = Recording()
    text = data.decode("utf-8")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    elif not allow_cut:
        raise Damaged("the stream does not end with a newline")
    else:
        lines.pop()  # a cut stream loses its last partial line
    if not lines:
        raise Damaged("empty stream")
    head = lines[0].split("\t")
    if len(head) != 8 or head[0] != "CSREC" or head[1] != "1" or not POS.match(head[2]):
        raise Damaged("bad header %r" % lines[0])
    if head[3] != "python" or not POS.match(head[6]) or not POS.match(head[7]):
        raise Damaged("bad header fields %r" % lines[0])
    rec.header = head
    last_t = {}
    for n, line in enumerate(lines[1:], 2):
        if len(line.encode()) > 64 * 1024:
            raise Damaged("line %d longer than 64 KiB" % n)
        f = line.split("\t")
        kind = f[0]
        if kind == "S":
            if len(f) != 3 or not POS.match(f[1]) or f[1] == "0" or f[1] in rec.strings:
                raise Damaged("line %d: bad S %r" % (n, line))
            value = unescape(f[2])
            if len(value.encode()) > 4096:
                raise Damaged("line %d: S text over 4096 bytes" % n)
            rec.strings[f[1]] = value
            continue
        shape = SHAPES.get(kind)
        if shape is None:
            raise Damaged("line %d: unknown kind %r" % (n, kind))
        if len(f) - 1 != len(shape):
            raise Damaged("line %d: %d fields for %s: %r" % (n, len(f) - 1, kind, line))
        vals = []
        for typ, v in zip(shape, f[1:]):
            if typ == "m":
                if v not in MOMENTS:
                    raise Damaged("line %d: moment %r" % (n, v))
                vals.append(v)
                continue
            if not FIELD.match(v):
                raise Damaged("line %d: field %r has characters outside the charset" % (n, v))
            if typ in "tins":
                if not INT.match(v):
                    raise Damaged("line %d: %r is not an integer" % (n, v))
                iv = int(v)
                if typ in "tis" and iv < 0:
                    raise Damaged("line %d: negative %r" % (n, v))
                if typ == "s":
                    if iv and v not in rec.strings:
                        raise Damaged("line %d: string %s used before its S" % (n, v))
                    vals.append(rec.strings[v] if iv else None)
                else:
                    vals.append(iv)
            else:
                vals.append(v)
        if kind == "L":
            rec.lanes[vals[0]] = vals[1]
        elif kind == "T":
            if vals[1] in rec.tasks or vals[1] == 0:
                raise Damaged("line %d: task %d defined twice" % (n, vals[1]))
            if vals[2] not in rec.lanes:
                raise Damaged("line %d: unknown lane" % n)
            rec.tasks[vals[1]] = {"t": vals[0], "lane": vals[2], "parent": vals[3],
                                  "name": vals[4], "coro": vals[5], "site": vals[6]}
        elif kind in "NQRADC" and vals[1] not in rec.tasks:
            raise Damaged("line %d: unknown task %d" % (n, vals[1]))
        if kind == "N":
            rec.tasks[vals[1]]["name"] = vals[2]
        if kind == "D" and vals[2] not in RESULTS:
            raise Damaged("line %d: result %r" % (n, vals[2]))
        if kind == "W" and vals[2] not in WARNINGS:
            raise Damaged("line %d: warning kind %r" % (n, vals[2]))
        if kind == "E" and vals[1] not in ENDS:
            raise Damaged("line %d: end %r" % (n, vals[1]))
        if kind in "RIB":
            lane = vals[2] if kind == "R" else vals[1]
            if lane not in rec.lanes:
                raise Damaged("line %d: unknown lane %d" % (n, lane))
            if vals[0] < last_t.get(lane, 0):
                raise Damaged("line %d: time goes back on lane %d" % (n, lane))
            last_t[lane] = vals[0]
        if rec.records and rec.records[-1][0] == "E":
            raise Damaged("line %d: a record after E" % n)
        rec.records.append((kind, vals))
    if not allow_cut and (not rec.records or rec.records[-1][0] != "E"):
        raise Damaged("the stream has no E at its end")
    return rec


def of_kind(rec, kind):
    return [v for k, v in rec.records if k == kind]
