#!/bin/sh
# The JSON Schema of the tree format (schema/tree.schema.json, draft
# 2020-12), read as an editor's YAML language server reads a tree: every
# shipped and test tree that `whyline check` accepts validates, a starter
# tree from `whyline new` too; each structural error of the broken-tree
# corpus fails it; its keys are the loader's (src/tree-load.c's tables).

. "$top_srcdir/tests/cli/lib.sh"
wl_tmpdir schema

schema=$top_srcdir/schema/tree.schema.json
helper=$top_srcdir/tests/cli/schema.py
# The Debian packages python3-jsonschema and python3-ruamel.yaml (scripts/
# setup installs them), for the system's python.
py=/usr/bin/python3
[ -x "$py" ] || py=python3
"$py" -c 'import jsonschema, ruamel.yaml; jsonschema.Draft202012Validator' 2>/dev/null ||
    tap_skip_all "python3-jsonschema (4 or later) or python3-ruamel.yaml is missing"

"$py" "$helper" keys "$schema" "$top_srcdir/src/tree-load.c" >"$tmp/keys" 2>&1
tap_is "the schema's keys are the loader's, table by table" "$(cat "$tmp/keys")" ""

# Every tree that check accepts validates.
find "$top_srcdir/interviews" "$top_srcdir/tests/data" -name '*.yaml' | sort >"$tmp/all"
: >"$tmp/accepted"
while read -r f; do
	head -c 4096 "$f" | grep -q '^whyline:' || continue
	wl_run check "$f" >/dev/null 2>&1 && echo "$f" >>"$tmp/accepted"
done <"$tmp/all"
tap_check "check accepts some trees to validate" test "$(grep -c . "$tmp/accepted")" -ge 10
# shellcheck disable=SC2046
"$py" "$helper" validate "$schema" $(cat "$tmp/accepted") >"$tmp/out" 2>&1
tap_is "every tree check accepts validates" "$(grep -v '^ok ' "$tmp/out")" ""
tap_check "the shipped trees are among them" grep -q "^ok .*interviews/five-whys.yaml" "$tmp/out"

(cd "$tmp" && wl_run new starter >/dev/null 2>&1)
"$py" "$helper" validate "$schema" "$tmp/starter.yaml" >"$tmp/out" 2>&1
tap_is "whyline new's starter tree validates" "$(cat "$tmp/out")" "ok $tmp/starter.yaml"

# Each structural error fails it, for the schema's reason (not YAML's).
for name in empty flag-level key-does-not-apply malformed-id missing-key \
    no-choices not-a-mapping tree-missing-keys unknown-key unknown-type wrong-kind; do
	f=$top_srcdir/tests/data/broken/$name.yaml
	"$py" "$helper" validate "$schema" "$f" >"$tmp/out" 2>&1
	tap_check "broken/$name.yaml fails the schema" \
	    sh -c 'grep -q "^invalid " "$1" && ! grep -q "^invalid [^ ]*: YAML:" "$1"' sh "$tmp/out"
done

# A few more shapes check refuses.
cat >"$tmp/bad.yaml" <<'TREE'
whyline: 1
id: bad
title: T
sections:
  - title: S
    questions:
      - {id: rung, ask: A reserved id?}
      - {id: n, type: number, ask: How many?, labels: [a]}
      - {id: l, type: ladder, ask: Why?, depth: 30}
TREE
"$py" "$helper" validate "$schema" "$tmp/bad.yaml" >"$tmp/out" 2>&1
tap_check "a reserved id fails it" grep -q "^invalid .*questions/0" "$tmp/out"
sed -i -e 's/id: rung/id: r/' "$tmp/bad.yaml"
"$py" "$helper" validate "$schema" "$tmp/bad.yaml" >"$tmp/out" 2>&1
tap_check "labels on a number fail it" grep -q "^invalid .*questions/1" "$tmp/out"
sed -i -e 's/, labels: \[a\]//' "$tmp/bad.yaml"
"$py" "$helper" validate "$schema" "$tmp/bad.yaml" >"$tmp/out" 2>&1
tap_check "a ladder's depth over 20 fails it" grep -q "^invalid .*questions/2/depth" "$tmp/out"

tap_done
