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
/* The same migrations in PostgreSQL's dialect (schema/pg/), same numbers and
 * names; the seeds are one text for both. */
extern const struct schema_file schema_migrations_pg[];
extern const int schema_nmigrations_pg;
extern const struct schema_file schema_seeds[];
extern const int schema_nseeds;

#endif
