/* Arena allocator for per-file and per-request memory: many small
 * allocations, freed together (cf. git's mem-pool). */
#ifndef CF_BASE_ARENA_H
#define CF_BASE_ARENA_H

#include <stddef.h>

struct arena_block;
struct arena {
	struct arena_block *head;  /* owned chain of blocks */
	size_t block_size;
};

void arena_init(struct arena *a, size_t block_size);   /* 0 = 64 KiB */
void arena_release(struct arena *a);                   /* frees every allocation */
void arena_reset(struct arena *a);                     /* keeps the first block */
void *arena_alloc(struct arena *a, size_t size);       /* 16-aligned; NULL on OOM */
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_strdup(struct arena *a, const char *s);

#endif
