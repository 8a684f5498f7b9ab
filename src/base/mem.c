/* mem_prefer_huge: madvise(MADV_HUGEPAGE) where Linux has it. */
#include "base/mem.h"

#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>

void mem_prefer_huge(void *p, size_t n)
{
#ifdef MADV_HUGEPAGE
	const uintptr_t huge = 2u << 20;
	if (!p || n < 2 * huge)
		return;
	/* the whole 2 MB stretches inside the buffer: madvise wants page
	 * alignment, and a huge page needs a whole aligned 2 MB */
	uintptr_t lo = ((uintptr_t)p + huge - 1) & ~(huge - 1), hi = ((uintptr_t)p + n) & ~(huge - 1);
	if (hi > lo)
		(void)madvise((void *)lo, hi - lo, MADV_HUGEPAGE);   /* a refusal only loses the hint */
#else
	(void)p;
	(void)n;
#endif
}
