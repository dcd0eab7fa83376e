# map-example.sh: the worked example of the map tests, sourced by them
# after lib.sh: five calls on tests/data/map/tree.yaml, coded by hand.
#
#   Ann  social > bookings > revenue                    (goal)
#   Ben  social > bookings > revenue                    (goal)
#   Cat  social > visibility > bookings > revenue       (goal)
#   Dan  social > visibility > trust                    (stuck)
#   Eve  website > bookings > revenue                   (goal)
#          and, /also beside revenue: bookings > freedom (goal)
#
# Links, each counted once per ladder (direct/indirect):
#   social->visibility 2/0, social->bookings 2/1, social->trust 0/1,
#   social->revenue 0/3, website->bookings 1/0, website->freedom 0/1,
#   website->revenue 0/1, visibility->bookings 1/0, visibility->trust 1/0,
#   visibility->revenue 0/1, bookings->freedom 1/0, bookings->revenue 4/0.
# Codes by mean level (request 0), then name: social 0, website 0,
# visibility 1, bookings 1.25, freedom 2, trust 2, revenue 2.25.

map_tree=$top_srcdir/tests/data/map/tree.yaml

# map_session CLIENT CODES LINE...: runs an interview answered by the
# lines, then codes its rungs with CODES (space-separated, in walk order);
# prints the session's id.
map_session() {
	_c=$1 _codes=$2
	shift 2
	printf '%s\n' "$@" | wl_run run "$map_tree" --plain --client "$_c" >/dev/null 2>&1
	_id=$(wl_sql "$WHYLINE_DB" "SELECT id FROM sessions WHERE client = '$_c'")
	# shellcheck disable=SC2086
	printf '%s\n' $_codes | wl_run code --plain "$_id" >/dev/null 2>&1
	echo "$_id"
}

map_example() {
	map_ann=$(map_session Ann 'social bookings revenue' \
	    'Instagram posts' 'more bookings' 'stable revenue' /goal)
	map_ben=$(map_session Ben 'social bookings revenue' \
	    'social media' 'a fuller calendar' 'steadier income' /goal)
	map_cat=$(map_session Cat 'social visibility bookings revenue' \
	    'Instagram reels' 'to be seen' 'more clients booking' 'regular revenue' /goal)
	map_dan=$(map_session Dan 'social visibility trust' \
	    'posts on Instagram' 'brand awareness' 'people trust us' /stuck)
	map_eve=$(map_session Eve 'website bookings revenue freedom' \
	    'a new website' 'more bookings online' '/also more free time' \
	    'a steady revenue' /goal /goal)
}
