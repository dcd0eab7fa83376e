#!/bin/sh
# `whyline graph TREE` prints the tree's flow as Graphviz DOT: a cluster per
# section with its condition on the edge into it, a node per question,
# follow-up edges labelled with their value, conditions escaped, ladders
# marked. The output is checked as DOT by a structural check here, and by
# Graphviz itself when `dot` is installed.

. "${top_srcdir:?}/tests/cli/lib.sh"
wl_tmpdir graph

data=$top_srcdir/tests/data/graph

# True when FILE is well-formed DOT of the shape whyline writes: every line
# a statement it knows, quotes paired, braces balanced, every edge between
# declared nodes.
dot_shape_ok() {
	awk '
	function unquoted(s) { gsub(/\\\\|\\"/, "", s); return s }
	{
		s = unquoted($0)
		if (gsub(/"/, "", s) % 2 != 0) { print "odd quotes: " NR; bad = 1 }
	}
	NR == 1 { if ($0 !~ /^digraph "[^"]*" \{$/) { print "no digraph: " $0; bad = 1 } depth = 1; next }
	/^\t*subgraph "cluster_[a-z0-9_]+" \{$/ { depth++; next }
	/^\}$/ { depth--; last = NR; next }
	/^\t+\}$/ { depth--; next }
	/^\t(graph|node|edge) \[.*\];$/ { next }
	/^\t\tlabel=".*";$/ { next }
	/^\t*"[a-z0-9_]+" \[.*\];$/ { n = $0; sub(/^\t*"/, "", n); sub(/".*/, "", n); node[n] = 1; next }
	/^\t"[a-z0-9_]+" -> "[a-z0-9_]+"( \[.*\])?;$/ {
		split($0, p, "\""); from[NR] = p[2]; to[NR] = p[4]; next
	}
	{ print "unknown line " NR ": " $0; bad = 1 }
	END {
		if (depth != 0 || last != NR) { print "braces do not balance"; bad = 1 }
		for (i in from)
			if (!(from[i] in node) || !(to[i] in node)) { print "edge to an undeclared node, line " i; bad = 1 }
		exit bad
	}' "$1"
}

wl_run graph "$data/tree.yaml" >"$tmp/out" 2>"$tmp/err"
tap_is "graph exits 0" "$?" 0
tap_check "graph writes nothing on stderr" test ! -s "$tmp/err"
if cmp -s "$tmp/out" "$data/tree.dot"; then
	tap_ok "graph writes the expected DOT"
else
	tap_fail "graph writes the expected DOT"
	diff "$data/tree.dot" "$tmp/out" | tap_diag /dev/stdin
fi
if dot_shape_ok "$tmp/out" >"$tmp/shape"; then
	tap_ok "the DOT is well formed"
else
	tap_fail "the DOT is well formed"
	tap_diag "$tmp/shape"
fi
tap_is "one cluster per section (and one for the flags)" \
    "$(grep -c '^	subgraph "cluster_' "$tmp/out")" 3
tap_is "one node per question" "$(grep -c '^		"q_[a-z_]*" \[' "$tmp/out")" 8
tap_check "a node's label holds its id, type and question" \
    grep -qF '"q_tried" [label="tried (yesno)\nTried before?"];' "$tmp/out"
tap_check "follow-ups hang from their value" \
    grep -qF '"q_tried" -> "q_tried_what" [label="= yes", style=dashed];' "$tmp/out"
tap_check "the other value has its own follow-up edge" \
    grep -qF '"q_tried" -> "q_tried_not" [label="= no", style=dashed];' "$tmp/out"
tap_check "a section's condition is on the edge into its cluster, quotes and backslash escaped" \
    grep -qF "\"q_tried\" -> \"q_path\" [label=\"section when \$tried = 'yes'\\nwhen \$request <> 'a \\\"quoted\\\" \\\\ path'\", lhead=\"cluster_2\"];" "$tmp/out"
tap_check "the ladder is marked" grep -qF '"q_why" [label="why (ladder, up to 3 whys)\nWhy {{rung}}?", peripheries=2];' "$tmp/out"
tap_check "the ladder loops on itself" grep -qF '"q_why" -> "q_why"' "$tmp/out"
tap_check "edges follow the order of the document" sh -c \
    "grep -n -- '->' '$tmp/out' | head -n 2 | tail -n 1 | grep -qF '\"q_request\" -> \"q_why\";'"
tap_check "the flow ends at the end node" grep -qF '"q_done_note" -> "end";' "$tmp/out"

for tree in "$top_srcdir"/interviews/*.yaml; do
	wl_run graph "$tree" >"$tmp/tree.dot" 2>/dev/null && dot_shape_ok "$tmp/tree.dot" >/dev/null
	tap_is "the graph of interviews/${tree##*/} is well formed" "$?" 0
done

if command -v dot >/dev/null 2>&1; then
	for f in "$tmp/out" "$tmp/tree.dot"; do
		dot -Tsvg "$f" >"$tmp/out.svg" 2>"$tmp/dot.err" && grep -q '<svg' "$tmp/out.svg"
		tap_is "Graphviz renders $(basename "$f")" "$?" 0
		[ -s "$tmp/dot.err" ] && tap_diag "$tmp/dot.err"
	done
else
	tap_skip "Graphviz renders the graph" "dot is not installed"
fi

printf 'whyline: 1\nid: bad\n' >"$tmp/bad.yaml"
wl_run graph "$tmp/bad.yaml" >"$tmp/out" 2>"$tmp/err"
tap_is "graph of a broken tree exits 1" "$?" 1
tap_check "and says why, with the place" grep -qF "$tmp/bad.yaml:" "$tmp/err"
tap_check "and prints no graph" test ! -s "$tmp/out"
wl_run graph "$data/tree.yaml" "$data/tree.yaml" >/dev/null 2>&1
tap_is "graph of two trees is a usage error" "$?" 2

tap_done
