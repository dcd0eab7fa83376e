#!/bin/sh
# The compiled model of each tree kept beside its source (tree_models): run
# keeps it; resume, brief, show and export say exactly the same with the
# model there, deleted, or damaged in any of several ways; a database
# without it (an older one) gets it back at the next resume but never
# from a command that only reads; a damaged one is replaced; merge never
# copies one; a tree changed since the session began gets its own.

. "$top_srcdir/tests/cli/lib.sh"
wl_need_sqlite3
wl_tmpdir tree-model

unset WHYLINE_BUSY_TIMEOUT_MS
WHYLINE_DB=$tmp/unused.db
export WHYLINE_DB
tree=$tmp/tree.yaml
cp "$top_srcdir/tests/data/trees/interview.yaml" "$tree"
base=$tmp/base.db

# The model rows of a database: sha256, format and the model in hex.
models() {
	wl_sql "$1" "SELECT sha256, format, hex(model) FROM tree_models ORDER BY 1, 2"
}

# A call paused half way: an answer refused (a number under its min)
# and given again, a follow-up, a ladder.
printf '%s\n' 'Instagram posts' 'more bookings' 'stable revenue' 'pay the rent' \
    fixed -3 1200 |
    wl_run run "$tree" --db "$base" --client ACME >/dev/null 2>"$tmp/run-err"
tap_is "the call pauses at the end of input" "$?" 0
tap_check "the refused answer was said" grep -q "at least 0" "$tmp/run-err"
sid=$(wl_sql "$base" "SELECT id FROM sessions")
sha=$(wl_sql "$base" "SELECT tree_sha256 FROM sessions")
tap_is "run keeps the tree's model beside its source, one row" \
    "$(wl_sql "$base" "SELECT count(*), min(sha256), min(format), min(length(model)) > 100 FROM tree_models")" \
    "1|$sha|1|1"
tap_is "the model is the kept source's" \
    "$(wl_sql "$base" "SELECT count(*) FROM tree_models m JOIN trees t USING (sha256)")" 1
good=$(models "$base")

# Another session of the same tree writes no second model.
printf '%s\n' 'Flyers' | wl_run run "$tree" --db "$tmp/two.db" >/dev/null 2>&1
cp "$tmp/two.db" "$tmp/two-before.db"
printf '%s\n' 'Radio' | wl_run run "$tree" --db "$tmp/two.db" >/dev/null 2>&1
tap_is "a second session of the tree leaves its model as it was" \
    "$(models "$tmp/two.db")" "$(models "$tmp/two-before.db")"

# What each command says of the session on database $1, into folder $2:
# brief in three formats, show, export, and resume (to the end of input)
# with the tree's file there and without it (the kept copy is used).
outputs() {
	mkdir -p "$2"
	for f in md html json; do
		wl_run brief "$sid" --db "$1" --format "$f" >"$2/brief.$f" 2>&1
		echo "exit $?" >>"$2/brief.$f"
	done
	wl_run show "$sid" --db "$1" >"$2/show" 2>&1
	echo "exit $?" >>"$2/show"
	wl_run export --db "$1" >"$2/export" 2>&1
	echo "exit $?" >>"$2/export"
	# One path for every copy: resume names it.
	cp "$1" "$tmp/resumed.db"
	wl_run resume "$sid" --plain --db "$tmp/resumed.db" </dev/null >"$2/resume" 2>&1
	echo "exit $?" >>"$2/resume"
	printf '%s\n' 'maybe' yes 'web, fax' |
	    wl_run resume "$sid" --plain --db "$tmp/resumed.db" >"$2/resume2" 2>&1
	echo "exit $?" >>"$2/resume2"
	mv "$tree" "$tree.away"
	wl_run resume "$sid" --plain --db "$tmp/resumed.db" </dev/null >"$2/resume-copy" 2>&1
	echo "exit $?" >>"$2/resume-copy"
	mv "$tree.away" "$tree"
	wl_sql "$tmp/resumed.db" "SELECT question_id, chain, rung, value, skip_reason FROM answers
	    ORDER BY id" >"$2/answers"
}

outputs "$base" "$tmp/with"
tap_check "the brief is written" grep -q "Instagram posts" "$tmp/with/brief.md"
tap_check "resume asks the next question" grep -q "^\[.*\] Is it urgent?" "$tmp/with/resume"
tap_check "a resumed call refuses an answer, as it did" \
    grep -q "'fax' is not one of the choices" "$tmp/with/resume2"
tap_check "resume goes on with the kept copy when the file is gone" \
    grep -q "going on with the copy kept with the session" "$tmp/with/resume-copy"

# The same outputs with the model deleted, or damaged: garbage, cut in
# half, one byte changed, another layout's, another version's (the same
# bytes under another format number are not read either).
same_outputs() {
	outputs "$tmp/$1.db" "$tmp/$1"
	for f in brief.md brief.html brief.json show export resume resume2 resume-copy answers; do
		if ! cmp -s "$tmp/with/$f" "$tmp/$1/$f"; then
			echo "$f differs:"
			diff "$tmp/with/$f" "$tmp/$1/$f" | head -n 10
			return 1
		fi
	done
}
damage() {
	cp "$base" "$tmp/$1.db"
	wl_sql "$tmp/$1.db" "$2"
	tap_check "$1: every output is the same" same_outputs "$1"
}
damage deleted "DELETE FROM tree_models"
damage garbage "UPDATE tree_models SET model = randomblob(length(model))"
damage empty "UPDATE tree_models SET model = x''"
damage half "UPDATE tree_models SET model = substr(model, 1, length(model) / 2)"
damage byte "UPDATE tree_models SET model = substr(model, 1, 200) ||
    x'ff' || substr(model, 202)"
damage text "UPDATE tree_models SET model = 'not a model at all'"
damage layout "UPDATE tree_models SET format = 2"

# A source edited in the database, its length kept, is read as it is now,
# not through the model of the one before.
cp "$base" "$tmp/edited.db"
wl_sql "$tmp/edited.db" "UPDATE trees SET source = CAST(replace(CAST(source AS TEXT),
    'How much?', 'How many?') AS BLOB)"
wl_run brief "$sid" --db "$tmp/edited.db" >"$tmp/edited.md" 2>&1
tap_check "the edited source is read, not the model" grep -q "How many?" "$tmp/edited.md"

# A database without the model (as one made before it) gets it back when
# a session is resumed, not when it is only read; a damaged one is
# replaced by the right one.
cp "$base" "$tmp/old.db"
wl_sql "$tmp/old.db" "DELETE FROM tree_models"
for cmd in "brief $sid" "brief $sid --format json" "show $sid" "export"; do
	# shellcheck disable=SC2086
	wl_run $cmd --db "$tmp/old.db" >/dev/null 2>&1
done
tap_is "brief, show and export write no model" \
    "$(wl_sql "$tmp/old.db" "SELECT count(*) FROM tree_models")" 0
wl_run resume "$sid" --plain --db "$tmp/old.db" </dev/null >/dev/null 2>&1
tap_is "resume keeps the model again, the same bytes as run's" "$(models "$tmp/old.db")" "$good"
cp "$base" "$tmp/bad.db"
wl_sql "$tmp/bad.db" "UPDATE tree_models SET model = x'00'"
wl_run resume "$sid" --plain --db "$tmp/bad.db" </dev/null >/dev/null 2>&1
tap_is "resume replaces a damaged model" "$(models "$tmp/bad.db")" "$good"
cp "$base" "$tmp/gone.db"
wl_sql "$tmp/gone.db" "DELETE FROM tree_models"
mv "$tree" "$tree.away"
wl_run resume "$sid" --plain --db "$tmp/gone.db" </dev/null >/dev/null 2>&1
mv "$tree.away" "$tree"
tap_is "so does a resume from the kept copy" "$(models "$tmp/gone.db")" "$good"

# merge copies the sessions and the trees' sources, never a model.
wl_sql "$tmp/bad.db" "UPDATE tree_models SET model = x'00'"
wl_run merge "$tmp/bad.db" --db "$tmp/merged.db" >/dev/null 2>&1
tap_is "merge copies the session" "$(wl_sql "$tmp/merged.db" "SELECT id FROM sessions")" "$sid"
tap_is "merge copies no model" "$(wl_sql "$tmp/merged.db" "SELECT count(*) FROM tree_models")" 0
wl_run brief "$sid" --db "$tmp/merged.db" >"$tmp/merged.md" 2>&1
wl_run brief "$sid" --db "$tmp/bad.db" >"$tmp/unmerged.md" 2>&1
tap_check "the merged session's brief is the same" cmp -s "$tmp/merged.md" "$tmp/unmerged.md"

# A tree changed since the session began: resume keeps the new tree's
# model, under its own SHA-256, beside the old one's.
cp "$base" "$tmp/changed.db"
sed -e 's/How much?/How much money?/' "$top_srcdir/tests/data/trees/interview.yaml" >"$tree"
wl_run resume "$sid" --plain --db "$tmp/changed.db" </dev/null >/dev/null 2>"$tmp/changed-err"
tap_check "resume says the tree changed" grep -q "changed since the session began" "$tmp/changed-err"
new=$(wl_sql "$tmp/changed.db" "SELECT tree_sha256 FROM sessions")
tap_check "the session now names another tree" test "$new" != "$sha"
tap_is "both trees have their model" \
    "$(wl_sql "$tmp/changed.db" "SELECT count(*) FROM tree_models WHERE sha256 IN ('$sha', '$new')")" 2
wl_run brief "$sid" --db "$tmp/changed.db" >"$tmp/changed.md" 2>&1
wl_sql "$tmp/changed.db" "DELETE FROM tree_models"
wl_run brief "$sid" --db "$tmp/changed.db" >"$tmp/changed-nomodel.md" 2>&1
tap_check "its brief is the same with or without the models" \
    cmp -s "$tmp/changed.md" "$tmp/changed-nomodel.md"
tap_check "and reads the changed tree" grep -q "How much money?" "$tmp/changed.md"

tap_done
