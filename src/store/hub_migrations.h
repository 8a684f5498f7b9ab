/* The hub's own PostgreSQL migrations, generated from
 * src/store/hub_migrations/NNNN_name.sql (tools/embed-sql.sh --as); applied
 * once each by hub_init, which records the version in hub.settings. Add a
 * new file; never edit an old one. */
#ifndef CF_STORE_HUB_MIGRATIONS_H
#define CF_STORE_HUB_MIGRATIONS_H

#include "store/migrations.h"

extern const struct store_migration hub_migrations[];
extern const int hub_migration_count;

#endif
