/* Hints to the kernel about large buffers (a few MB or more) that are
 * filled once, front to back. */
#ifndef CF_BASE_MEM_H
#define CF_BASE_MEM_H

#include <stddef.h>

/* Ask for transparent huge pages under the n bytes at p (from malloc,
 * not yet written): a 20 MB array then costs ten page faults, not five
 * thousand. Only a hint: a no-op where unsupported or when p is small. */
void mem_prefer_huge(void *p, size_t n);

#endif
