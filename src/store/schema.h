/* Forward migrations of the memory's schema (internal to src/store). */
#ifndef SV_STORE_SCHEMA_H
#define SV_STORE_SCHEMA_H

/* The statements (NULL-terminated) taking user_version `from` to from + 1,
 * or NULL past the latest. */
const char *const *sv_schema_migration(int from);
/* The latest user_version. */
int sv_schema_latest(void);

#endif
