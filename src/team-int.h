/* team-int.h: what the team store's files share: its migrations. Only
 * src/team*.c include it. */
#ifndef WHYLINE_TEAM_INT_H
#define WHYLINE_TEAM_INT_H

/* One step of the server's schema: applied in one transaction, after
 * which whyline.schema_version is version. */
struct team_migration {
	int version;
	const char *sql;
};

extern const struct team_migration team_migrations[];
extern const int team_nmigrations;

#endif
