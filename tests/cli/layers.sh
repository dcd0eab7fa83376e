#!/bin/sh
# scripts/layers on the real build (no external header outside its owners,
# no cycle between object files but the command table's), then on a fixture
# that has one of each, compiled here with $CC: it must fail and name them.

. "${top_srcdir:?}/tests/cli/lib.sh"

layers=$top_srcdir/scripts/layers
fixture=$top_srcdir/tests/data/layers

# ---- the real build ----

objdir=$(dirname "$WHYLINE")
sh "$layers" "$top_srcdir/src" "$objdir" >"$tmp/real.out" 2>&1
status=$?
tap_is "the library's layers only point down (scripts/layers exits 0)" \
    "$status" 0
# What it found, in the log whether it passed or not.
tap_diag "$tmp/real.out"

# ---- a fixture with a cycle and a header out of place ----

mkdir "$tmp/obj" || exit 99
compile() {
	for f in a b c cmd cmd-x; do
		${CC:-cc} -c -o "$tmp/obj/$f.o" "$fixture/$f.c" || return 1
	done
}
tap_check "the fixture compiles with ${CC:-cc}" compile

sh "$layers" "$fixture" "$tmp/obj" >"$tmp/fix.out" 2>&1
status=$?
tap_diag "$tmp/fix.out"
tap_is "scripts/layers fails on the fixture (exit 1)" "$status" 1
tap_check "it names the cycle with its two members, a and b" \
    grep -Eqx 'layers: cycle: (a b|b a)' "$tmp/fix.out"
tap_check "with the symbol that ties a to b" \
    grep -qxF 'layers:   a -> b (b_half)' "$tmp/fix.out"
tap_check "and the one that ties b to a" \
    grep -qxF 'layers:   b -> a (a_half)' "$tmp/fix.out"
tap_is "it finds no other cycle: c only calls into it, cmd.c and cmd-x.c are the command table" \
    "$(grep -c 'cycle:' "$tmp/fix.out")" 1
tap_check "it names the header that includes <yaml.h>, with its line" \
    grep -qxF 'layers: parser.h:4: <yaml.h> belongs to ydoc.c only' "$tmp/fix.out"
tap_is "and nothing else" "$(wc -l <"$tmp/fix.out" | tr -d ' ')" 4

tap_done
