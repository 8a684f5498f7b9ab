/* A growable byte buffer, always NUL-terminated, with a size cap so input
 * from outside cannot make it grow without bound (cf. curl's dynbuf). */
#ifndef CF_BASE_STRBUF_H
#define CF_BASE_STRBUF_H

#include <stddef.h>

struct strbuf {
	char *buf;        /* owned; "" (static) until the first append */
	size_t len;
	size_t alloc;
	size_t max;       /* refuse to grow past this many bytes; 0 = 64 MiB */
	int failed;       /* an append failed since the last reset */
};

#define STRBUF_INIT { NULL, 0, 0, 0, 0 }

void strbuf_init(struct strbuf *sb, size_t max);
void strbuf_release(struct strbuf *sb);          /* frees the buffer */
void strbuf_reset(struct strbuf *sb);            /* len = 0, keeps memory */
/* Each append returns 0, or -1 when memory or the cap is exhausted. */
int strbuf_add(struct strbuf *sb, const void *data, size_t len);
int strbuf_adds(struct strbuf *sb, const char *s);
int strbuf_addc(struct strbuf *sb, char c);
int strbuf_addf(struct strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
const char *strbuf_str(const struct strbuf *sb); /* never NULL */
/* 1 when every append since the last reset succeeded: build, then check once. */
int strbuf_ok(const struct strbuf *sb);
/* Hand the buffer to the caller (free() it); sb is left empty. */
char *strbuf_detach(struct strbuf *sb, size_t *len);

#endif
