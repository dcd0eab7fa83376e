#!/bin/sh
# `whyline code`: a codebook with errors is refused with file, line and
# column; the rungs not coded yet (the request too) are walked and each
# code is stored at once, by coder; a code is suggested from the codebook's
# phrases and from rungs already coded, stemmed in the session's language
# with stop words left out (Enter takes it); /skip, /quit, a code that
# cannot be one; a second walk asks nothing; a changed rung is asked
# again; another coder walks every rung; the codes are exported; Tab
# completes codes in a terminal.

. "$top_srcdir/tests/cli/lib.sh"
wl_need_sqlite3
command -v jq >/dev/null 2>&1 || tap_skip_all "jq is missing"
wl_tmpdir code

data=$top_srcdir/tests/data/map
tree=$data/tree.yaml
book=$data/codebook.yaml
WHYLINE_DB=$tmp/whyline.db
export WHYLINE_DB
WHYLINE_CONSULTANT='Jane Roe'
export WHYLINE_CONSULTANT

# session CLIENT LANG LINE...: runs an interview answered by the lines.
session() {
	_c=$1 _l=$2
	shift 2
	printf '%s\n' "$@" | wl_run --locale-dir "$WHYLINE_LOCALE" run "$tree" --plain --client "$_c" --lang "$_l" \
	    >/dev/null 2>&1
	wl_sql "$WHYLINE_DB" "SELECT id FROM sessions WHERE client = '$_c'"
}

# codes CLIENT: the codes of a client's session, "chain.rung=code" by coder.
codes() {
	wl_sql "$WHYLINE_DB" "SELECT group_concat(chain || '.' || rung || '=' || code, ' ')
	    FROM (SELECT c.* FROM codes c JOIN sessions s ON s.id = c.session_id
	    WHERE s.client = '$1' AND c.coder = '${2:-Jane Roe}'
	    ORDER BY c.chain, c.rung)"
}

# ---- the codebook ----

wl_run code --plain --codes "$data/bad-codebook.yaml" </dev/null >"$tmp/out" 2>"$tmp/err"
tap_is "a broken codebook exits 1" "$?" 1
tap_is "each error names the file, line and column" "$(sed "s|$data/||" "$tmp/err")" \
"bad-codebook.yaml:4:14: error: phrases must be a list of texts, not a scalar
bad-codebook.yaml:5:3: error: 'two words' cannot be a code: use at most 40 characters, without spaces or commas
bad-codebook.yaml:9:5: error: unknown key 'colour' in code 'bookings' (expected label or phrases)"
wl_run code --plain --codes "$tmp/none.yaml" </dev/null >/dev/null 2>"$tmp/err"
tap_is "a missing codebook exits 1" "$?" 1

# ---- coding ----

a=$(session Acme en 'Instagram posts' 'more bookings' 'a stable revenue stream' /goal)
printf '%s\n' social bookings 'two words' revenue |
    wl_run code --plain --codes "$book" "$a" >"$tmp/out" 2>"$tmp/err"
tap_is "code exits 0" "$?" 0
tap_is "the request and every rung are coded" "$(codes Acme)" \
    "0.0=social 0.1=bookings 0.2=revenue"
tap_check "the rung is shown with the path above it" \
    grep -qx '  Instagram posts > more bookings > \[a stable revenue stream\]' "$tmp/err"
tap_check "a code with a space is refused and asked again" \
    grep -q "'two words' cannot be a code" "$tmp/err"
tap_check "the walk ends with a count" grep -qx '3 rungs coded, 0 left uncoded.' "$tmp/err"
tap_is "the rung's text is kept with its code" \
    "$(wl_sql "$WHYLINE_DB" "SELECT value FROM codes WHERE rung = 2")" 'a stable revenue stream'

b=$(session Bob en 'social media posts' 'a fuller calendar' 'steadier income every month' /goal)
printf '\n\n\n' | wl_run code --plain --codes "$book" >"$tmp/out" 2>"$tmp/err"
tap_is "Enter takes the suggestion each time" "$(codes Bob)" \
    "0.0=social 0.1=bookings 0.2=revenue"
tap_check "the prompt shows the suggestion" grep -q 'code \[bookings\]> ' "$tmp/err"

wl_run code --plain --codes "$book" </dev/null >"$tmp/out" 2>"$tmp/err"
tap_is "a second walk asks nothing" "$(cat "$tmp/err")" "Every rung is coded."

g=$(session Gil en 'Instagram posts' 'steadier income')
printf '%s\n' social revenue | wl_run code --plain "$g" >/dev/null 2>&1
printf '%s\n' /back 'more money' /goal | wl_run resume --plain "$g" >/dev/null 2>&1
printf '%s\n' money | wl_run code --plain "$g" >"$tmp/out" 2>"$tmp/err"
tap_check "a rung changed since it was coded is asked again" \
    grep -q '> \[more money\]' "$tmp/err"
tap_check "the unchanged request is not" test "$(grep -c '^Gil ' "$tmp/err")" -eq 1
tap_is "its new code replaces the old one" "$(codes Gil)" "0.0=social 0.1=money"
printf '%s\n' /skip /quit | wl_run code --plain --coder Ann >"$tmp/out" 2>"$tmp/err"
tap_is "another coder walks every rung: /skip, then /quit" \
    "$(tail -n 1 "$tmp/err")" "0 rungs coded, 8 left uncoded."
tap_is "nothing is stored for Ann" "$(codes Acme Ann)" ""

printf '%s\n' '' visibility '' | wl_run code --plain --again "$a" >"$tmp/out" 2>"$tmp/err"
tap_is "--again walks coded rungs, Enter keeps a code, a new one replaces it" \
    "$(codes Acme)" "0.0=social 0.1=visibility 0.2=revenue"
tap_check "--again offers the rung's code" grep -q 'code \[bookings\]> ' "$tmp/err"
tap_is "--again counts what it stored" "$(tail -n 1 "$tmp/err")" "3 rungs coded, 0 left uncoded."

# ---- stems and stop words, in French ----

c=$(session Claire fr 'des posts' 'les clients fidèles' /stuck)
printf '%s\n' posts loyalty | wl_run code --plain "$c" >/dev/null 2>&1
d=$(session Denis fr 'un client fidèle' /stuck)
printf '%s\n' '' | wl_run code --plain "$d" >"$tmp/out" 2>"$tmp/err"
tap_is "French stems match: fidèles and fidèle, clients and client" \
    "$(codes Denis)" "0.0=loyalty"
e=$(session Eve fr 'les bureaux' /stuck)
printf '%s\n' /skip | wl_run code --plain "$e" >"$tmp/out" 2>"$tmp/err"
tap_check "a stop word (les) alone suggests nothing" grep -q '^code> ' "$tmp/err"

# ---- export ----

wl_run export "$a" >"$tmp/out.json" 2>"$tmp/err"
tap_is "export lists the session's codes" \
    "$(jq -c '[.sessions[0].codes[] | [.question, .chain, .rung, .coder, .code, .value]]' "$tmp/out.json")" \
    '[["why",0,0,"Jane Roe","social","Instagram posts"],["why",0,1,"Jane Roe","visibility","more bookings"],["why",0,2,"Jane Roe","revenue","a stable revenue stream"]]'
wl_run brief --format json --share "$a" >"$tmp/out.json" 2>"$tmp/err"
tap_is "a shared brief leaves the codes out" "$(jq -c '.codes' "$tmp/out.json")" null

# ---- Tab in a terminal ----

if command -v tmux >/dev/null 2>&1; then
	sock=whyline-code-$$
	tm() { tmux -L "$sock" -f /dev/null "$@"; }
	wl_cleanup() { tm kill-server 2>/dev/null; }
	f=$(session Fay en 'more reach' /stuck)
	cat >"$tmp/pane.sh" <<EOF2
WHYLINE_DB='$WHYLINE_DB' WHYLINE_CONSULTANT='Jane Roe' HOME='$tmp' NO_COLOR=1
export WHYLINE_DB WHYLINE_CONSULTANT HOME NO_COLOR
'$WHYLINE' code '$f'
echo "code exited \$?"
exec sleep 3600
EOF2
	tm new-session -d -s code -x 100 -y 30 "exec sh '$tmp/pane.sh'"
	# wait_pane REGEX: a bounded poll of the pane.
	wait_pane() {
		_i=0
		while ! tm capture-pane -p -t code 2>/dev/null | grep -q -- "$1"; do
			_i=$((_i + 1))
			[ "$_i" -le 400 ] || return 1
			wl_sleep_tick
		done
	}
	if wait_pane '^code>'; then tap_ok "code prompts in a terminal"; else tap_fail "code prompts in a terminal"; fi
	tm send-keys -t code 'boo' Tab
	if wait_pane '^code> bookings$'; then tap_ok "Tab completes a code"; else
		tap_fail "Tab completes a code"; tm capture-pane -p -t code | sed '/^$/d' | tap_diag; fi
	tm send-keys -t code Enter
	tm send-keys -t code C-d
	wait_pane 'code exited 0' && tap_ok "Ctrl-D ends the walk" || tap_fail "Ctrl-D ends the walk"
	tap_is "the completed code is stored" "$(codes Fay)" "0.0=bookings"
else
	tap_skip "Tab completes a code" "tmux is missing"
fi

tap_done
