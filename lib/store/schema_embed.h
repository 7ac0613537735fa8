/* schema_embed.h: the SQL files of schema/, compiled into the binary. */
#ifndef TERMINFON_SCHEMA_EMBED_H
#define TERMINFON_SCHEMA_EMBED_H

struct schema_file {
	int version;        /* migrations: 1 for 001_init.sql; seeds: 0 */
	const char *name;   /* file name without .sql */
	const char *sql;
};

extern const struct schema_file schema_migrations[];
extern const int schema_nmigrations;
extern const struct schema_file schema_seeds[];
extern const int schema_nseeds;

#endif
