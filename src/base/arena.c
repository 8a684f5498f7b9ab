/* Bump allocator over a chain of blocks. */
#include "base/arena.h"

#include <stdlib.h>
#include <string.h>

struct arena_block {
	struct arena_block *next;
	size_t size, used;
	_Alignas(16) unsigned char data[];
};

void arena_init(struct arena *a, size_t block_size)
{
	a->head = NULL;
	a->block_size = block_size ? block_size : 64 * 1024;
}

void arena_release(struct arena *a)
{
	struct arena_block *b = a->head;
	while (b) {
		struct arena_block *n = b->next;
		free(b);
		b = n;
	}
	a->head = NULL;
}

void arena_reset(struct arena *a)
{
	if (!a->head)
		return;
	struct arena_block *b = a->head->next;
	while (b) {
		struct arena_block *n = b->next;
		free(b);
		b = n;
	}
	a->head->next = NULL;
	a->head->used = 0;
}

void *arena_alloc(struct arena *a, size_t size)
{
	size = (size + 15) & ~(size_t)15;
	struct arena_block *b = a->head;
	if (!b || b->size - b->used < size) {
		size_t bs = size > a->block_size ? size : a->block_size;
		struct arena_block *nb = malloc(sizeof *nb + bs);
		if (!nb)
			return NULL;
		nb->size = bs;
		nb->used = 0;
		if (b && size > a->block_size) {
			/* oversized: keep the current block at the head for small ones */
			nb->next = b->next;
			b->next = nb;
			nb->used = size;
			return nb->data;
		}
		nb->next = b;
		a->head = b = nb;
	}
	void *p = b->data + b->used;
	b->used += size;
	return p;
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);
	if (!p)
		return NULL;
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *arena_strdup(struct arena *a, const char *s) { return arena_strndup(a, s, strlen(s)); }
