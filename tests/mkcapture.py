#!/usr/bin/env python3
"""mkcapture.py -- captures for the TUI tests, made from the lab ones.

  mkcapture.py repeat IN OUT N      IN N times, each copy 60 s after the last
  mkcapture.py drop IN OUT N[,N..]  IN without the given records (1-based)
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pcaplib  # noqa: E402


def main():
    mode, src, dst, arg = sys.argv[1:5]
    hdr, recs = pcaplib.read_pcap(src)
    if mode == "repeat":
        out = [(r.sec + 60 * k, r.frac, r.data, r.origlen)
               for k in range(int(arg)) for r in recs]
    elif mode == "drop":
        drop = {int(x) for x in arg.split(",")}
        out = [(r.sec, r.frac, r.data, r.origlen)
               for i, r in enumerate(recs, 1) if i not in drop]
    else:
        sys.exit("mkcapture.py: mode is repeat or drop")
    pcaplib.write_pcap(dst, hdr.raw, out)


if __name__ == "__main__":
    main()
