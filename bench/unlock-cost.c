// SPDX-License-Identifier: GPL-2.0
/*
 * unlock-cost: what the atomic and the non-atomic bit spinlock release cost
 * on this CPU, for the choice of __bit_spin_unlock() for the swap cluster
 * lock.  Userspace stand-ins for the kernel primitives on x86-64:
 *
 *   lock:            test_and_set_bit_lock()  -> lock bts     (fetch_or, acquire)
 *   atomic unlock:   clear_bit_unlock()       -> lock andb    (fetch_and, release)
 *   plain unlock:    __clear_bit_unlock()     -> load + store (release)
 *
 * Each thread locks and unlocks its own word, with the words of all threads
 * in one cache line (the false-sharing neighbours of cluster_info[]).
 * Prints ns per lock+unlock pair for 1 and 2 threads, for both unlocks.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define LOCK_BIT 31
#define ITERS 20000000UL

static unsigned long words[8] __attribute__((aligned(64)));
static int atomic_unlock;

static void *worker(void *arg)
{
	unsigned long *w = arg, i;

	for (i = 0; i < ITERS; i++) {
		while (__atomic_fetch_or(w, 1UL << LOCK_BIT, __ATOMIC_ACQUIRE) & (1UL << LOCK_BIT))
			;
		(*(volatile unsigned long *)w) += 1;	/* the critical section */
		if (atomic_unlock)
			__atomic_fetch_and(w, ~(1UL << LOCK_BIT), __ATOMIC_RELEASE);
		else
			__atomic_store_n(w, __atomic_load_n(w, __ATOMIC_RELAXED) & ~(1UL << LOCK_BIT),
					 __ATOMIC_RELEASE);
	}
	return NULL;
}

static double run(int nthreads)
{
	pthread_t t[8];
	struct timespec a, b;
	int i;

	clock_gettime(CLOCK_MONOTONIC, &a);
	for (i = 0; i < nthreads; i++)
		pthread_create(&t[i], NULL, worker, &words[i]);
	for (i = 0; i < nthreads; i++)
		pthread_join(t[i], NULL);
	clock_gettime(CLOCK_MONOTONIC, &b);
	return ((b.tv_sec - a.tv_sec) * 1e9 + (b.tv_nsec - a.tv_nsec)) / ITERS;
}

int main(int argc, char **argv)
{
	int reps = argc > 1 ? atoi(argv[1]) : 5, n, r;

	printf("threads,unlock,ns_per_pair\n");
	for (n = 1; n <= 2; n++)
		for (r = 0; r < reps; r++)
			for (atomic_unlock = 0; atomic_unlock <= 1; atomic_unlock++)
				printf("%d,%s,%.2f\n", n, atomic_unlock ? "atomic" : "plain", run(n));
	return 0;
}
