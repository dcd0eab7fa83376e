#!/bin/sh
# The ladder's live aids, in a real terminal (tmux) and in plain mode: a
# rung that repeats one above it says so at once and is recorded as a
# circle event; a rung that names a means (built in, or the tree's own
# `means`) gets a hint; the last why of a chain says how to go on; none of
# them holds the answer back; `show` lists the circle. With --discreet, a private ladder's aids stay
# off the screen (the circle is still recorded). A `means` that is not a
# list of words is an error with its place.

. "$top_srcdir/tests/cli/lib.sh"
command -v tmux >/dev/null 2>&1 || tap_skip_all "tmux is missing"
wl_need_sqlite3
wl_tmpdir ladder-aids
. "$top_srcdir/tests/cli/tmux-lib.sh"

tree=$top_srcdir/tests/data/trees/ladder-aids.yaml
: "${WHYLINE_LOCALE:=$(dirname "$(dirname "$WHYLINE")")/locale}"
means='"a new website" sounds like a means, not a reason: ask what it would give them\.'
last='Last why of this chain: an answer here ends it at its depth\.'

# ---- a terminal ----
db=$tmp/db/tty.db
tm_start call "$db" 80 run "$tree" --client Acme
p=call
step "the call begins" $p 'What did the client ask for?$'
keys $p 'Instagram posts' 'More bookings'
step "the first why is asked about the rung" $p 'Why is More bookings important to you?$'
keys $p 'a new website'
step "a means raises its hint at once" $p '^  "a new website" sounds like a means, not a reason: ask what'

step "and the answer is taken: the next why asks about it" $p 'Why is a new website important to you?$'
keys $p 'Stable revenue' 'more  BOOKINGS!'
step "a rung that repeats one three steps above says so" $p '^  This is what they said 3 steps ago: the chain may be at its goal'
step "and the answer is taken all the same" $p 'why 5/5, .*\] Why is more  *BOOKINGS! important to you?$'
step "the last why says how to go on, folded to the width" $p "^  $last"
out=$(tm capture-pane -p -t $p)
joined=$(printf '%s\n' "$out" | sed -n '/^  Last why/,/^\[/p' | tr '\n' ' ' | tr -s ' ')
tap_check "the depth hint names /goal with the rung, /also and /stuck" \
    sh -c 'case $1 in *"read \"more BOOKINGS!\" back as the goal (/goal), add another reason (/also TEXT), or note that the client cannot go deeper (/stuck)."*) ;; *) exit 1 ;; esac' sh "$joined"
tap_check "every hint is folded under 80 columns" \
    sh -c '! printf "%s\n" "$1" | awk "length > 80 { bad = 1 } END { exit !bad }"' sh "$out"
tap_check "no hint on a reason that starts alike (More bookings)" \
    sh -c '[ "$(printf "%s\n" "$1" | grep -c "sounds like a means")" -eq 1 ]' sh "$out"
keys $p 'we need a booking system'
step "a tree's own means gets the hint too" $p \
    '^  "we need a booking system" sounds like a means, not a reason'
step "the chain stops at its depth and the call goes on" $p 'Anything else?$'
keys $p '/pause'
step "the call pauses" $p 'whyline exited 0'
tap_is "the circle is recorded: ladder, chain, rung, and the rung it repeats" \
    "$(wl_sql "$db" "SELECT kind || ':' || detail FROM events WHERE kind = 'circle'")" \
    "circle:why 0 4 1"
WHYLINE_DB=$db wl_run show >"$tmp/show.out" 2>&1
tap_check "show lists the circle in words, after its rung" \
    awk '/why, rung 4: more  BOOKINGS!$/ { rung = NR }
    /  why, rung 4: a circle, back to rung 1$/ { if (rung) ok = 1 }
    END { exit !ok }' "$tmp/show.out"
tap_is "every rung is kept as typed" \
    "$(wl_sql "$db" "SELECT group_concat(value, '|') FROM (SELECT value FROM answers
    WHERE question_id = 'why' AND superseded_at IS NULL ORDER BY rung)")" \
    "More bookings|a new website|Stable revenue|more  BOOKINGS!|we need a booking system"

# ---- plain mode, in French ----
db=$tmp/db/plain.db
printf '%s\n' 'des publications Instagram' 'plus de réservations' \
    'un nouveau site' 'des revenus stables' 'Plus de réservations !' /pause |
    WHYLINE_DB=$db wl_run --locale-dir "$WHYLINE_LOCALE" --lang fr run "$tree" --plain \
    --client Acme >"$tmp/plain.out" 2>&1
tap_is "plain mode pauses" "$?" 0
tap_check "plain mode prints the means hint, in French" \
    grep -q '^  «.*un nouveau site.*ressemble à un moyen, pas à une raison' "$tmp/plain.out"
tap_check "plain mode prints the circle, in French" \
    grep -q "^  C'est ce que le client a dit il y a 3 étapes" "$tmp/plain.out"
tap_check "plain mode prints the depth hint, in French" \
    grep -q '^  Dernier pourquoi de cette chaîne' "$tmp/plain.out"
tap_check "no means hint on plus de réservations" \
    sh -c '! grep -qi "plus de réservations.*ressemble" "$1"' sh "$tmp/plain.out"
tap_is "the French circle is recorded" \
    "$(wl_sql "$db" "SELECT detail FROM events WHERE kind = 'circle'")" "why 0 4 1"

# ---- --discreet with a private ladder ----
sed 's/^        depth: 5$/        depth: 5\n        private: true/' "$tree" >"$tmp/private.yaml"
db=$tmp/db/discreet.db
printf '%s\n' 'Instagram posts' 'More bookings' 'a new website' 'Stable revenue' \
    'more bookings' /pause |
    WHYLINE_DB=$db wl_run run "$tmp/private.yaml" --plain --discreet --client Acme \
    >"$tmp/discreet.out" 2>&1
tap_is "the discreet call pauses" "$?" 0
tap_check "the private ladder's text is hidden" grep -q 'a private question: /show to read it' \
    "$tmp/discreet.out"
tap_check "and so are its aids" \
    sh -c '! grep -q "sounds like a means\|what they said\|Last why" "$1"' sh "$tmp/discreet.out"
tap_is "the circle is recorded all the same" \
    "$(wl_sql "$db" "SELECT detail FROM events WHERE kind = 'circle'")" "why 0 4 1"
printf '%s\n' 'Instagram posts' 'More bookings' 'a new website' /pause |
    WHYLINE_DB=$tmp/db/discreet2.db wl_run run "$tree" --plain --discreet --client Acme \
    >"$tmp/discreet2.out" 2>&1
tap_check "a ladder that is not private keeps its aids with --discreet" \
    grep -q "^  $means\$" "$tmp/discreet2.out"

# ---- means in the tree, checked ----
sed 's/^        means: .*/        means: a booking system/' "$tree" >"$tmp/bad1.yaml"
wl_run check "$tmp/bad1.yaml" >"$tmp/bad1.out" 2>&1
tap_is "means that is not a list is an error (exit 1)" "$?" 1
tap_check "with its place" grep -q "bad1.yaml:17:16: .*'means' must be a list of words" "$tmp/bad1.out"
sed 's/^        means: .*/        means: [a booking system, "..."]/' "$tree" >"$tmp/bad2.yaml"
wl_run check "$tmp/bad2.yaml" >"$tmp/bad2.out" 2>&1
tap_is "an entry with no word is an error (exit 1)" "$?" 1
tap_check "with its place" grep -q "bad2.yaml:17:.*'means' has an entry with no word" "$tmp/bad2.out"
sed 's/^        means: .*/        means: [a booking system]/; s/^        ask: What did the client ask for?$/&\n        means: [x]/' \
    "$tree" >"$tmp/bad3.yaml"
wl_run check "$tmp/bad3.yaml" >"$tmp/bad3.out" 2>&1
tap_is "means on a question that is not a ladder is an error" "$?" 1
wl_run check "$tree" >"$tmp/good.out" 2>&1
tap_is "the test tree itself checks" "$?" 0

tap_done
