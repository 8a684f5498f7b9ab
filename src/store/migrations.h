/* The schema's migrations, generated from src/store/migrations/NNNN_name.sql
 * (tools/embed-sql.sh). A migration is applied once, in version order; the
 * store records each in schema_version. Add a new file; never edit an old one. */
#ifndef CF_STORE_MIGRATIONS_H
#define CF_STORE_MIGRATIONS_H

struct store_migration {
	int version;
	const char *name;
	const char *sql;
};

extern const struct store_migration store_migrations[];
extern const int store_migration_count;

#endif
