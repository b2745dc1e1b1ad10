#!/bin/bash
# find-roamscope.sh - print the path of the newest roamscope binary built in
# the source tree (src/roamscope or build*/src/roamscope), or nothing.
# A libtool wrapper script is replaced by the real ELF in .libs/.
TOP=$(cd "$(dirname "$0")/../.." && pwd)
best=""
for c in "$TOP"/src/roamscope "$TOP"/build*/src/roamscope; do
    if [ ! -f "$c" ] || [ ! -x "$c" ]; then continue; fi
    if ! head -c4 "$c" | grep -q ELF; then
        if [ -x "$(dirname "$c")/.libs/roamscope" ]; then c="$(dirname "$c")/.libs/roamscope"; else continue; fi
    fi
    if [ -z "$best" ] || [ "$c" -nt "$best" ]; then best=$c; fi
done
[ -n "$best" ] && echo "$best"
exit 0
