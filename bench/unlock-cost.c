// SPDX-License-Identifier: GPL-2.0
/*
 * unlock-cost: what the atomic and the non-atomic bit spinlock release cost
 * on this CPU, for the choice of __bit_spin_unlock() for the swap cluster
 * lock.  Userspace stand-ins for the kernel primitives on x86-64:
 *
 *   lock:            test_and_set_bit_lock()  -> lock bts     (fetch_or, acquire)
 *   atomic unlock:   clear_bit_unlock()       -> lock andb    (fetch_and, release)
 *   plain unlock:    __clear_bit_unlock()     -> btr, not locked (release on x86)
 *
 * and, for comparison, the uncontended path of the spinlock_t it replaces:
 *
 *   spinlock lock:   queued_spin_lock() fast path -> lock cmpxchg 0 -> 1
 *   spinlock unlock: queued_spin_unlock()         -> byte store (release)
 *   pvspinlock unlock: with paravirt spinlocks (KVM guests with PV_UNHALT),
 *                    a call of __pv_queued_spin_unlock(): lock cmpxchg of the
 *                    locked byte 1 -> 0, so that a waiter that halted can be
 *                    kicked (the lock side is the same cmpxchg 0 -> 1)
 *
 * Each thread locks and unlocks its own word, with the words of all threads
 * in one cache line (the false-sharing neighbours of cluster_info[]), and
 * updates either the lock word (as the series' count, flags and order
 * updates do) or the word after it (a stand-in for the swap table writes,
 * which in 7.1 are in another allocation) in between.
 * Prints ns per lock+unlock pair for 1 and 2 threads, for each variant.
 * Usage: unlock-cost [REPS [ITERS]]; run it on the host for the hardware
 * cost, and inside a QEMU TCG guest for what the emulator charges.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define LOCK_BIT 31
static unsigned long iters = 20000000UL;

#define SPREAD 16	/* locks, one cache line apart, in the "spread" layout */
static unsigned long words[SPREAD * 8] __attribute__((aligned(64)));
/*
 * 0: bit lock, btr unlock (__bit_spin_unlock() on x86); 1: atomic unlock;
 * 2: spinlock; 3: bit lock, unlock by a release store of the word with the
 * bit cleared (the generic __clear_bit_unlock(): load, and, store);
 * 4: bit lock taken with a cmpxchg of the whole word instead of a bts,
 * released as in 3; 5: bit lock taken with a bts, released by a release
 * store of 0 to the byte that holds the lock bit, which then must hold
 * nothing else (the queued spinlock's unlock): no load of the word, so
 * the release does not wait for the locked instruction's result;
 * 6: stock's spinlock with the paravirt unlock: a call of a function that
 * does a locked cmpxchg of the locked byte; 7: bit lock taken with a
 * cmpxchg of the whole word, as in 4, released by the byte store of 5
 */
static int variant;
static const char *const variant_name[] = {
	"plain", "atomic", "spinlock", "store", "cas", "byte", "pvspinlock", "casbyte"
};
#define NR_VARIANTS (int)(sizeof(variant_name) / sizeof(variant_name[0]))

/*
 * __pv_queued_spin_unlock()'s fast path, out of line as the paravirt call
 * site calls it (x86 patches the pv_ops call into a direct call of a
 * callee-save thunk that does this)
 */
static __attribute__((noinline)) void pv_unlock(unsigned char *locked)
{
	unsigned char old = 1;

	if (!__atomic_compare_exchange_n(locked, &old, 0, 0, __ATOMIC_RELEASE, __ATOMIC_RELAXED))
		abort();	/* the slow path: a waiter to kick; never here */
}

/* __bit_spin_unlock() -> __clear_bit_unlock(): barrier + non-locked btr */
static inline void plain_unlock(unsigned long *w)
{
#ifdef __x86_64__
	asm volatile("btrq %1, %0" : "+m" (*w) : "Ir" (LOCK_BIT) : "memory");
#else
	__atomic_store_n(w, __atomic_load_n(w, __ATOMIC_RELAXED) & ~(1UL << LOCK_BIT),
			 __ATOMIC_RELEASE);
#endif
}

/*
 * layout 0 "lock-word": the critical section updates the lock word itself
 * (as the count and flags updates do); 1 "next-word": it updates the word
 * after it (most cluster lock holders write the swap table, not the
 * cluster word); 2 "spread": as 1, but each iteration takes the next of SPREAD
 * locks, one cache line apart, so that a lock is not taken again right
 * after its release (one thread only).
 */
static int layout;
static const char *const layout_name[] = { "lock-word", "next-word", "spread" };

static void *worker(void *arg)
{
	unsigned long *base = arg, i;

	for (i = 0; i < iters; i++) {
		unsigned long *w = layout == 2 ? base + (i % SPREAD) * 8 : base;
		unsigned long *data = layout ? w + 1 : w;
		unsigned int *sl = (unsigned int *)w;

		if (variant == 2 || variant == 6) {
			unsigned int old = 0;

			while (!__atomic_compare_exchange_n(sl, &old, 1, 0, __ATOMIC_ACQUIRE,
							    __ATOMIC_RELAXED))
				old = 0;
			(*(volatile unsigned int *)(sl + 1)) += 1;
			if (variant == 6)
				pv_unlock((unsigned char *)sl);
			else
				__atomic_store_n((unsigned char *)sl, 0, __ATOMIC_RELEASE);
			continue;
		}
		if (variant == 4 || variant == 7) {
			unsigned long old = __atomic_load_n(w, __ATOMIC_RELAXED);

			for (;;) {
				if (old & (1UL << LOCK_BIT)) {
					old = __atomic_load_n(w, __ATOMIC_RELAXED);
					continue;
				}
				if (__atomic_compare_exchange_n(w, &old, old | (1UL << LOCK_BIT), 0,
								__ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
					break;
			}
		} else {
			while (__atomic_fetch_or(w, 1UL << LOCK_BIT, __ATOMIC_ACQUIRE) &
			       (1UL << LOCK_BIT))
				;
		}
		(*(volatile unsigned long *)data) += 1;	/* the critical section */
		if (variant == 5 || variant == 7)
			__atomic_store_n((unsigned char *)w + LOCK_BIT / 8, 0, __ATOMIC_RELEASE);
		else if (variant == 1)
			__atomic_fetch_and(w, ~(1UL << LOCK_BIT), __ATOMIC_RELEASE);
		else if (variant == 3 || variant == 4)
			__atomic_store_n(w, *(volatile unsigned long *)w & ~(1UL << LOCK_BIT),
					 __ATOMIC_RELEASE);
		else
			plain_unlock(w);
	}
	return NULL;
}

static double run(int nthreads)
{
	pthread_t t[8];
	struct timespec a, b;
	int i;

	memset(words, 0, sizeof(words));	/* unlocked, for every variant */
	clock_gettime(CLOCK_MONOTONIC, &a);
	for (i = 0; i < nthreads; i++)
		pthread_create(&t[i], NULL, worker, &words[2 * i]);
	for (i = 0; i < nthreads; i++)
		pthread_join(t[i], NULL);
	clock_gettime(CLOCK_MONOTONIC, &b);
	return ((b.tv_sec - a.tv_sec) * 1e9 + (b.tv_nsec - a.tv_nsec)) / iters;
}

int main(int argc, char **argv)
{
	int reps = argc > 1 ? atoi(argv[1]) : 5, n, r;

	if (argc > 2)
		iters = strtoul(argv[2], NULL, 0);
	printf("threads,variant,layout,ns_per_pair\n");
	for (layout = 0; layout <= 2; layout++)
		for (n = 1; n <= (layout == 2 ? 1 : 2); n++)
			for (r = 0; r < reps; r++)
				for (variant = 0; variant < NR_VARIANTS; variant++)
					printf("%d,%s,%s,%.2f\n", n, variant_name[variant],
					       layout_name[layout], run(n));
	return 0;
}
