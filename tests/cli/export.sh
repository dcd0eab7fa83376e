#!/bin/sh
# `whyline export`: the JSON document of SPEC section 5 read back with jq
# (exact keys, types and values: a skipped question null, an unreached one
# absent, numbers as numbers, multi as arrays, ladders with their chains,
# flags, notes, and a history that keeps an answer changed after /back);
# CSV read back with Python's csv module (RFC 4180 quoting of commas,
# quotes and line breaks, CRLF records); the sessions named by id or
# prefix; errors and their exit statuses.

. "$top_srcdir/tests/cli/lib.sh"
command -v jq >/dev/null 2>&1 || tap_skip_all "jq is missing"
command -v python3 >/dev/null 2>&1 || tap_skip_all "python3 is missing"
wl_tmpdir export

data=$top_srcdir/tests/data/export
tree=$tmp/tree.yaml
cp "$data/tree.yaml" "$tree"
WHYLINE_DB=$tmp/whyline.db
export WHYLINE_DB
WHYLINE_CONSULTANT='Jane Roe'
export WHYLINE_CONSULTANT

# jq_is DESCRIPTION FILTER EXPECTED: FILTER over $tmp/out.json (compact).
jq_is() {
	tap_is "$1" "$(jq -c "$2" "$tmp/out.json" 2>&1)" "$3"
}

# ---- the sessions ----

a=$(wl_run run "$tree" --answers "$data/full.yaml" --client Acme 2>"$tmp/err")
tap_is "run --answers (full) exits 0" "$?" 0
b=$(wl_run run "$tree" --answers "$data/unreached.yaml" --client "Bob's" 2>"$tmp/err")
tap_is "run --answers (unreached) exits 0" "$?" 0
# c: paused after budget_amount; resumed, /back twice, budget changed to
# "results", which leaves budget_amount no longer reached; paused again.
printf '%s\n' 'Instagram posts' '/note they said it twice' 'more bookings' '/goal' \
    fixed 1200 | wl_run run "$tree" --plain --client Carol >/dev/null 2>&1
c=$(wl_sql "$WHYLINE_DB" "SELECT id FROM sessions WHERE client = 'Carol'")
printf '%s\n' /back /back results | wl_run resume --plain "$c" >/dev/null 2>&1
tap_is "resume with /back and a changed answer exits 0" "$?" 0

# ---- the JSON document ----

wl_run export >"$tmp/out.json" 2>"$tmp/err"
tap_is "export exits 0" "$?" 0
tap_check "export writes nothing on stderr" test ! -s "$tmp/err"
jq_is "the document's keys" 'keys_unsorted' '["whyline","sessions"]'
jq_is "the format version is the number 1" '.whyline' '1'
jq_is "every session, newest first" '[.sessions[].id]' "[\"$c\",\"$b\",\"$a\"]"
jq_is "a session's keys, in SPEC order, then updated_at and events" \
    '[.sessions[] | keys_unsorted] | unique' \
    '[["id","tree","client","consultant","language","status","started_at","finished_at","updated_at","answers","history","ladders","notes","flags","events"]]'

sa=".sessions[] | select(.id == \"$a\")"
jq_is "the tree: id, version, title, sha256" "$sa | .tree | [keys_unsorted, .id, .version, .title]" \
    '[["id","version","title","sha256"],"export-test","2.1","Export test"]'
tap_is "the tree's sha256 is the file's" "$(jq -r "$sa | .tree.sha256" "$tmp/out.json")" \
    "$(sha256sum "$tree" | cut -d' ' -f1)"
jq_is "client, consultant, language, status" "$sa | [.client, .consultant, .language, .status]" \
    '["Acme","Jane Roe","en","done"]'
jq_is "times are UTC ISO 8601" \
    "$sa | [.started_at, .finished_at] | map(test(\"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}[.][0-9]{3}Z\$\"))" \
    '[true,true]'
jq_is "answers: typed values, a skipped question null" "$sa | .answers" \
    '{"request":"Instagram posts","why":["more bookings","a stable revenue stream"],"budget":"fixed","budget_amount":1200.3,"deadline":null,"topics":["photos","video"],"urgent":"yes","trust":4,"remarks":"none"}'
jq_is "numbers and scales are JSON numbers, multi an array, a ladder an array" \
    "$sa | .answers | [(.budget_amount | type), (.trust | type), (.topics | type), (.why | type), (.deadline | type)]" \
    '["number","number","array","array","null"]'
tap_check "a whole number is written without a decimal point" grep -q '"trust": 4,$' "$tmp/out.json"
tap_check "a decimal is written as typed, not as its nearest double" \
    grep -q '"budget_amount": 1200.3,$' "$tmp/out.json"
jq_is "ladders: every chain with from, rungs and stop" "$sa | .ladders.why | map({from, rungs, stop})" \
    '[{"from":"Instagram posts","rungs":["more bookings","a stable revenue stream"],"stop":"goal"}]'
jq_is "flags that hold: level and filled text" "$sa | .flags" \
    '[{"level":"risk","text":"Urgent for Instagram posts."}]'
jq_is "history: one row per answer given, rungs with their chain" \
    "$sa | .history | map([.question, .chain, .rung, .value, .superseded_at])" \
    '[["request",null,null,"Instagram posts",null],["why",0,1,"more bookings",null],["why",0,2,"a stable revenue stream",null],["budget",null,null,"fixed",null],["budget_amount",null,null,1200.3,null],["deadline",null,null,null,null],["topics",null,null,["photos","video"],null],["urgent",null,null,"yes",null],["trust",null,null,4,null],["remarks",null,null,"none",null]]'
jq_is "history rows have the SPEC keys, chain and skip_reason" "[$sa | .history[] | keys_unsorted] | unique" \
    '[["question","chain","rung","value","skip_reason","at","superseded_at"]]'
jq_is "events: start and done" "$sa | .events | map(.kind)" '["start","done"]'

sb=".sessions[] | select(.id == \"$b\")"
jq_is "a question never reached is absent; a skipped one is null" \
    "$sb | .answers | [has(\"deadline\"), has(\"budget_amount\"), has(\"topics\"), .topics]" \
    '[false,false,true,null]'
jq_is "no flag holds when its condition is false" "$sb | .flags" '[]'

sc=".sessions[] | select(.id == \"$c\")"
jq_is "a paused session is open and not finished" "$sc | [.status, .finished_at]" '["open",null]'
jq_is "the changed answer is current; the one set aside is left out" \
    "$sc | .answers | [.budget, has(\"budget_amount\")]" '["results",false]'
jq_is "the history keeps the first budget, superseded" \
    "$sc | .history | map(select(.question == \"budget\")) | map([.value, (.superseded_at | type)])" \
    '[["fixed","string"],["results","null"]]'
jq_is "the answer set aside stays in the history" \
    "$sc | .history | map(select(.question == \"budget_amount\") | .value)" '[1200]'
jq_is "notes: question, text and time" "$sc | .notes | map([.question, .text, (.at | type)])" \
    '[["why","they said it twice","string"]]'
jq_is "pauses and resumptions are events" "$sc | .events | map(.kind)" \
    '["start","pause","resume","pause"]'

# ---- sessions named ----

wl_run export "$(echo "$b" | cut -c1-6)" "$a" "$a" >"$tmp/out.json" 2>"$tmp/err"
tap_is "export of a prefix and an id (twice) exits 0" "$?" 0
jq_is "each session named, once, in the order named" '[.sessions[].id]' "[\"$b\",\"$a\"]"

wl_run export "$a" 0000ffff >"$tmp/out" 2>"$tmp/err"
tap_is "an unknown session exits 1" "$?" 1
tap_check "an unknown session leaves stdout empty" test ! -s "$tmp/out"
tap_is "an unknown session is named in one line" "$(cat "$tmp/err")" \
    'whyline: no session matches "0000ffff"'
wl_run export "$(echo "$a" | cut -c1-3)" >"$tmp/out" 2>"$tmp/err"
tap_is "a 3-character prefix exits 1" "$?" 1
wl_run export --format xml >"$tmp/out" 2>"$tmp/err"
tap_is "an unknown format is a usage error" "$?" 2
tap_check "the usage error names the format" grep -q "unknown format 'xml'" "$tmp/err"

if [ -w /dev/full ]; then
	wl_run export >/dev/full 2>"$tmp/err"
	tap_is "a write error fails" "$?" 1
	tap_is "a write error is said once" "$(cat "$tmp/err")" \
	    "whyline: write error: No space left on device"
fi

WHYLINE_DB=$tmp/empty.db wl_run export >"$tmp/out.json" 2>"$tmp/err"
tap_is "an empty database exports exit 0" "$?" 0
jq_is "an empty database exports no session" '.' '{"whyline":1,"sessions":[]}'

# ---- bytes that are not UTF-8 still make valid JSON ----

printf '\377bad\n' | WHYLINE_DB=$tmp/bytes.db wl_run run "$tree" --plain >/dev/null 2>&1
WHYLINE_DB=$tmp/bytes.db wl_run export >"$tmp/out.json" 2>"$tmp/err"
jq_is "a byte that is not UTF-8 becomes U+FFFD" '.sessions[0].answers.request == "\ufffdbad"' true
tap_check "the document holds U+FFFD in UTF-8, not the byte" grep -q "$(printf '"\357\277\275bad"')" "$tmp/out.json"

# ---- CSV ----

d=$(wl_run run "$tree" --answers "$data/hostile.yaml" --client 'Smith, "Jr"' 2>"$tmp/err")
tap_is "run --answers (hostile) exits 0" "$?" 0
wl_run export --format csv "$d" "$a" "$c" >"$tmp/out.csv" 2>"$tmp/err"
tap_is "export --format csv exits 0" "$?" 0

cat >"$tmp/check.py" <<'EOF'
# Reads the CSV back and prints one line per check: "ok NAME" or
# "not ok NAME: why".
import csv, io, sys

raw = open(sys.argv[1], "rb").read()
a, c, d = sys.argv[2:5]
text = raw.decode("utf-8")
rows = list(csv.reader(io.StringIO(text, newline=""), strict=True))

def check(name, got, want):
    print(("ok %s" % name) if got == want else ("not ok %s: got %r, want %r" % (name, got, want)))

cols = ["session_id", "client", "tree_id", "question", "section", "type", "chain",
        "rung", "value", "label", "skipped", "skip_reason", "answered_at",
        "action", "owner", "due"]
check("the header", rows[0], cols)
recs = [dict(zip(cols, r)) for r in rows[1:]]
check("every record has every column", set(len(r) for r in rows), {len(cols)})
out = io.StringIO(newline="")
csv.writer(out, lineterminator="\r\n").writerows(rows)
check("RFC 4180 byte for byte: CRLF records, minimal quoting", out.getvalue(), text)

def of(sid, q):
    return [r for r in recs if r["session_id"] == sid and r["question"] == q]

check("one record per current answer, one per rung", [len([r for r in recs if r["session_id"] == s]) for s in (d, a, c)],
      [7, 10, 3])
check("sessions in the order named", [r["session_id"] for r in recs][0], d)
req = of(d, "request")[0]
check("a value with a comma, quotes and a line break", req["value"], 'He said "no", then\nleft, sadly')
check("the client with a comma and quotes", req["client"], 'Smith, "Jr"')
check("a CRLF, quotes and escapes inside a value", of(d, "remarks")[0]["value"],
      'a\r\nb, "c"\n=SUM(A1)\x1b[2J\x1b]0;pwned\x07')
why = of(a, "why")
check("a ladder: chain and rung per record", [(r["chain"], r["rung"], r["value"]) for r in why],
      [("0", "1", "more bookings"), ("0", "2", "a stable revenue stream")])
b1 = of(a, "budget")[0]
check("a choice: value and label", (b1["value"], b1["label"], b1["section"], b1["type"]),
      ("fixed", "A fixed amount", "context", "choice"))
t = of(a, "topics")[0]
check("a multi: a JSON array, labels joined", (t["value"], t["label"]), ('["photos","video"]', "photos, video"))
dl = of(a, "deadline")[0]
check("a skipped question", (dl["value"], dl["skipped"]), ("", "yes"))
check("an answer set aside has no record", of(c, "budget_amount"), [])
check("the changed answer's current value", [r["value"] for r in of(c, "budget")], ["results"])
check("answered_at is UTC ISO 8601", all(len(r["answered_at"]) == 24 and r["answered_at"].endswith("Z") for r in recs), True)
EOF
python3 "$tmp/check.py" "$tmp/out.csv" "$a" "$c" "$d" >"$tmp/py.out" 2>&1 || echo "not ok python: $(cat "$tmp/py.out")" >>"$tmp/py.out"
while IFS= read -r line; do
	case $line in
	"ok "*) tap_ok "csv: ${line#ok }" ;;
	*) tap_fail "csv: ${line#not ok }" ;;
	esac
done <"$tmp/py.out"

tap_done
