/* Growable, capped byte buffer. */
#include "base/strbuf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define STRBUF_DEFAULT_MAX ((size_t)64 << 20)

void strbuf_init(struct strbuf *sb, size_t max)
{
	sb->buf = NULL;
	sb->len = sb->alloc = 0;
	sb->max = max;
	sb->failed = 0;
}

void strbuf_release(struct strbuf *sb)
{
	free(sb->buf);
	strbuf_init(sb, sb->max);
}

void strbuf_reset(struct strbuf *sb)
{
	sb->len = 0;
	sb->failed = 0;
	if (sb->buf)
		sb->buf[0] = '\0';
}

static int grow(struct strbuf *sb, size_t extra)
{
	size_t max = sb->max ? sb->max : STRBUF_DEFAULT_MAX;
	size_t need = sb->len + extra + 1;
	if (need > max || need < sb->len)
		return sb->failed = -1;
	if (need <= sb->alloc)
		return 0;
	size_t n = sb->alloc ? sb->alloc : 64;
	while (n < need)
		n *= 2;
	if (n > max)
		n = max;
	char *p = realloc(sb->buf, n);
	if (!p)
		return sb->failed = -1;
	sb->buf = p;
	sb->alloc = n;
	return 0;
}

int strbuf_add(struct strbuf *sb, const void *data, size_t len)
{
	if (grow(sb, len))
		return -1;
	if (len)
		memcpy(sb->buf + sb->len, data, len);
	sb->len += len;
	sb->buf[sb->len] = '\0';
	return 0;
}

int strbuf_adds(struct strbuf *sb, const char *s) { return strbuf_add(sb, s, strlen(s)); }
int strbuf_addc(struct strbuf *sb, char c) { return strbuf_add(sb, &c, 1); }

int strbuf_addf(struct strbuf *sb, const char *fmt, ...)
{
	char small[256];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(small, sizeof small, fmt, ap);
	va_end(ap);
	if (n < 0)
		return -1;
	if ((size_t)n < sizeof small)
		return strbuf_add(sb, small, (size_t)n);
	if (grow(sb, (size_t)n))
		return -1;
	va_start(ap, fmt);
	vsnprintf(sb->buf + sb->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	sb->len += (size_t)n;
	return 0;
}

const char *strbuf_str(const struct strbuf *sb) { return sb->buf ? sb->buf : ""; }

char *strbuf_detach(struct strbuf *sb, size_t *len)
{
	char *p = sb->buf ? sb->buf : calloc(1, 1);
	if (len)
		*len = sb->len;
	strbuf_init(sb, sb->max);
	return p;
}

int strbuf_ok(const struct strbuf *sb) { return !sb->failed; }
