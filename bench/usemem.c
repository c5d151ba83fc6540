// SPDX-License-Identifier: GPL-2.0
/*
 * usemem: a swap workload in the spirit of vm-scalability's usemem, for
 * bench/bench.sh (static binary, run by bench/init inside a memory cgroup).
 *
 * P processes each map W MiB of private anonymous memory and run three
 * phases, with a barrier between phases (the parent samples /proc/vmstat
 * at each barrier, so every phase has its own swap counts):
 *
 *   seq     write every page in order, each 8-byte word a function of
 *           (process, page, generation, word index);
 *   rand    R x (pages) random pages: verify the page's whole content,
 *           then rewrite it with the next generation;
 *   verify  read every page back in order and verify it.
 *
 * With the cgroup's memory.max well below P x W, most of the pages go to
 * swap in "seq" and come back (and go out again) in "rand" and "verify".
 * Any word that does not read back as written is reported and makes the
 * run fail (exit status 1): swap must not lose or mix up data.
 *
 * The random sequence is a fixed-seed xorshift64*, so a run does the same
 * work on every kernel.
 *
 * usage: usemem [-P procs] [-W MiB] [-R rand_factor] [-s seed] [-C]
 * (-C: self-test of the check: process 0 corrupts one word of its last
 * page after "seq", so the run must fail with a MISMATCH line.)
 * Prints one line:
 *   USEMEM ok=1 P=.. W=.. pages=.. wall_s=.. seq_s=.. rand_s=.. verify_s=..
 *          utime_s=.. stime_s=.. <vmstat deltas> <per-phase deltas> ...
 * Exit: 0 pass, 1 data mismatch or a child died, 2 usage or setup error.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define PAGE 4096UL
#define WORDS (PAGE / sizeof(uint64_t))
#define NPHASES 3
#define MAXP 64

static const char *phase_name[NPHASES] = { "seq", "rand", "verify" };

/* /proc/vmstat counters sampled at each barrier */
static const char *vm_keys[] = {
	"pswpout", "pswpin", "pgmajfault", "pgsteal_direct", "pgscan_direct",
	"thp_swpout", "thp_swpout_fallback", "swap_ra", "swap_ra_hit",
};
#define NVM (sizeof(vm_keys) / sizeof(vm_keys[0]))

struct sample {
	double t;		/* CLOCK_MONOTONIC, s */
	uint64_t vm[NVM];
	uint64_t sys_ticks;	/* /proc/stat: system + irq + softirq, all CPUs */
	uint64_t all_ticks;	/* /proc/stat: every field, all CPUs */
};

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void read_vmstat(uint64_t *vm)
{
	char key[64];
	unsigned long long val;
	FILE *f = fopen("/proc/vmstat", "r");
	size_t i;

	memset(vm, 0, NVM * sizeof(*vm));
	if (!f) {
		perror("usemem: /proc/vmstat");
		exit(2);
	}
	while (fscanf(f, "%63s %llu", key, &val) == 2)
		for (i = 0; i < NVM; i++)
			if (!strcmp(key, vm_keys[i]))
				vm[i] = val;
	fclose(f);
}

static void read_stat(uint64_t *sys, uint64_t *all)
{
	unsigned long long v[10] = { 0 };
	FILE *f = fopen("/proc/stat", "r");
	int i;

	if (!f || fscanf(f, "cpu %llu %llu %llu %llu %llu %llu %llu %llu %llu %llu",
			 &v[0], &v[1], &v[2], &v[3], &v[4], &v[5], &v[6], &v[7],
			 &v[8], &v[9]) < 7) {
		perror("usemem: /proc/stat");
		exit(2);
	}
	fclose(f);
	/* user nice system idle iowait irq softirq steal guest guest_nice */
	*sys = v[2] + v[5] + v[6];
	*all = 0;
	for (i = 0; i < 8; i++)	/* guest time is already in user */
		*all += v[i];
}

static void take(struct sample *s)
{
	s->t = now();
	read_vmstat(s->vm);
	read_stat(&s->sys_ticks, &s->all_ticks);
}

static inline uint64_t mix(uint64_t x)
{
	/* splitmix64 finaliser */
	x += 0x9e3779b97f4a7c15ULL;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}

static inline uint64_t page_key(unsigned int proc, size_t page, unsigned int gen)
{
	return mix(((uint64_t)proc << 56) ^ ((uint64_t)gen << 40) ^ page);
}

static void fill(uint64_t *p, uint64_t key)
{
	size_t i;

	for (i = 0; i < WORDS; i++)
		p[i] = key + i * 0x9e3779b97f4a7c15ULL;
}

static void check(const uint64_t *p, uint64_t key, unsigned int proc,
		  size_t page, unsigned int gen, const char *phase)
{
	size_t i;

	for (i = 0; i < WORDS; i++)
		if (p[i] != key + i * 0x9e3779b97f4a7c15ULL) {
			fprintf(stderr,
				"USEMEM MISMATCH proc=%u page=%zu gen=%u word=%zu phase=%s got=%#llx want=%#llx\n",
				proc, page, gen, i, phase, (unsigned long long)p[i],
				(unsigned long long)(key + i * 0x9e3779b97f4a7c15ULL));
			_exit(1);
		}
}

static void xread(int fd, void *buf, size_t n)
{
	ssize_t r;

	do
		r = read(fd, buf, n);
	while (r < 0 && errno == EINTR);
	if (r != (ssize_t)n)
		_exit(3);	/* the parent went away */
}

static void xwrite(int fd, const void *buf, size_t n)
{
	ssize_t r;

	do
		r = write(fd, buf, n);
	while (r < 0 && errno == EINTR);
	if (r != (ssize_t)n) {
		perror("usemem: barrier write");
		_exit(2);
	}
}

static int corrupt;

static void child(unsigned int proc, size_t pages, unsigned long rand_ops,
		  uint64_t seed, int go_fd, int done_fd)
{
	uint64_t *mem, rnd = mix(seed ^ (0x1234567ULL * (proc + 1))) | 1;
	uint16_t *gen;
	size_t pg;
	unsigned long op;
	char c = 0;

	mem = mmap(NULL, pages * PAGE, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	gen = calloc(pages, sizeof(*gen));
	if (mem == MAP_FAILED || !gen) {
		perror("usemem: mmap");
		_exit(2);
	}

	xread(go_fd, &c, 1);
	/* seq: first touch, generation 1 */
	for (pg = 0; pg < pages; pg++) {
		gen[pg] = 1;
		fill(mem + pg * WORDS, page_key(proc, pg, 1));
	}
	if (corrupt && proc == 0)
		mem[(pages - 1) * WORDS + 7] ^= 1;
	xwrite(done_fd, &c, 1);

	xread(go_fd, &c, 1);
	/* rand: verify, then rewrite with the next generation */
	for (op = 0; op < rand_ops; op++) {
		rnd ^= rnd >> 12;
		rnd ^= rnd << 25;
		rnd ^= rnd >> 27;
		pg = (rnd * 0x2545f4914f6cdd1dULL >> 11) % pages;
		check(mem + pg * WORDS, page_key(proc, pg, gen[pg]), proc, pg,
		      gen[pg], "rand");
		gen[pg]++;
		fill(mem + pg * WORDS, page_key(proc, pg, gen[pg]));
	}
	xwrite(done_fd, &c, 1);

	xread(go_fd, &c, 1);
	/* verify: read everything back */
	for (pg = 0; pg < pages; pg++)
		check(mem + pg * WORDS, page_key(proc, pg, gen[pg]), proc, pg,
		      gen[pg], "verify");
	xwrite(done_fd, &c, 1);
	_exit(0);
}

/*
 * Wait for the children not reaped yet (block: all of them; else only those
 * that have ended).  Returns 1 when one of them failed: killed, or exited
 * with a non-zero status.  A child exits with 0 only after it has written
 * its done byte of the last phase, so a clean exit seen while the parent
 * still waits for the others of that phase is not a failure.
 */
static int reap(pid_t *pids, unsigned int P, char *reaped, int block)
{
	unsigned int i;
	int status, bad = 0;
	pid_t r;

	for (i = 0; i < P; i++) {
		if (reaped[i])
			continue;
		r = waitpid(pids[i], &status, block ? 0 : WNOHANG);
		if (r == 0)
			continue;
		reaped[i] = 1;
		if (r < 0 || !WIFEXITED(status) || WEXITSTATUS(status)) {
			if (r < 0)
				fprintf(stderr, "USEMEM: child %u: waitpid failed\n", i);
			else if (WIFSIGNALED(status))
				fprintf(stderr, "USEMEM: child %u killed by signal %d\n",
					i, WTERMSIG(status));
			else
				fprintf(stderr, "USEMEM: child %u exited with status %d\n",
					i, WEXITSTATUS(status));
			bad = 1;
		}
	}
	return bad;
}

static void usage(void)
{
	fprintf(stderr, "usage: usemem [-P procs] [-W MiB] [-R rand_factor] [-s seed] [-C]\n");
	exit(2);
}

int main(int argc, char **argv)
{
	unsigned int P = 1, i;
	unsigned long W = 64;
	double R = 1.0;
	uint64_t seed = 1;
	size_t pages;
	unsigned long rand_ops;
	int go[2], done[2], opt, failed = 0;
	pid_t pids[MAXP];
	char reaped[MAXP] = { 0 };
	struct sample s[NPHASES + 1];
	struct rusage ru;
	char buf[MAXP];
	size_t k;
	int ph;

	while ((opt = getopt(argc, argv, "P:W:R:s:C")) != -1) {
		switch (opt) {
		case 'P': P = strtoul(optarg, NULL, 0); break;
		case 'W': W = strtoul(optarg, NULL, 0); break;
		case 'R': R = strtod(optarg, NULL); break;
		case 's': seed = strtoull(optarg, NULL, 0); break;
		case 'C': corrupt = 1; break;
		default: usage();
		}
	}
	if (!P || P > MAXP || !W || R < 0)
		usage();
	pages = W * (1024 * 1024 / PAGE);
	rand_ops = (unsigned long)(R * pages);

	if (pipe(go) || pipe(done)) {
		perror("usemem: pipe");
		return 2;
	}
	for (i = 0; i < P; i++) {
		pids[i] = fork();
		if (pids[i] < 0) {
			perror("usemem: fork");
			return 2;
		}
		if (pids[i] == 0) {
			close(go[1]);
			close(done[0]);
			child(i, pages, rand_ops, seed, go[0], done[1]);
		}
	}
	close(go[0]);
	close(done[1]);
	memset(buf, 0, sizeof(buf));
	/* let the children map their memory before the clock starts */
	usleep(100000);

	for (ph = 0; ph < NPHASES && !failed; ph++) {
		ssize_t got = 0, r;

		take(&s[ph]);
		xwrite(go[1], buf, P);
		while (got < (ssize_t)P) {
			struct pollfd pfd = { .fd = done[0], .events = POLLIN };

			if (poll(&pfd, 1, 1000) > 0) {
				r = read(done[0], buf, P - got);
				if (r < 0 && errno == EINTR)
					continue;
				if (r <= 0)
					break;
				got += r;
				continue;
			}
			/* no progress for a second: has a child ended early? */
			if (reap(pids, P, reaped, 0))
				break;
		}
		if (got < (ssize_t)P) {
			fprintf(stderr, "USEMEM: a child ended in phase %s\n",
				phase_name[ph]);
			failed = 1;
			take(&s[ph + 1]);
			for (ph++; ph < NPHASES; ph++)
				s[ph + 1] = s[ph];
		}
	}
	if (!failed)
		take(&s[NPHASES]);
	close(go[1]);	/* children still waiting for a phase see EOF */
	if (reap(pids, P, reaped, 1))
		failed = 1;
	getrusage(RUSAGE_CHILDREN, &ru);

	printf("USEMEM ok=%d P=%u W=%lu R=%g seed=%llu pages=%zu rand_ops=%lu",
	       !failed, P, W, R, (unsigned long long)seed, pages * P, rand_ops * P);
	printf(" wall_s=%.6f", s[NPHASES].t - s[0].t);
	for (ph = 0; ph < NPHASES; ph++)
		printf(" %s_s=%.6f", phase_name[ph], s[ph + 1].t - s[ph].t);
	printf(" utime_s=%.3f stime_s=%.3f",
	       ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6,
	       ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6);
	printf(" stat_sys_ticks=%llu stat_all_ticks=%llu clk_tck=%ld",
	       (unsigned long long)(s[NPHASES].sys_ticks - s[0].sys_ticks),
	       (unsigned long long)(s[NPHASES].all_ticks - s[0].all_ticks),
	       sysconf(_SC_CLK_TCK));
	for (k = 0; k < NVM; k++)
		printf(" %s=%llu", vm_keys[k],
		       (unsigned long long)(s[NPHASES].vm[k] - s[0].vm[k]));
	for (ph = 0; ph < NPHASES; ph++)
		printf(" %s_pswpout=%llu %s_pswpin=%llu", phase_name[ph],
		       (unsigned long long)(s[ph + 1].vm[0] - s[ph].vm[0]),
		       phase_name[ph],
		       (unsigned long long)(s[ph + 1].vm[1] - s[ph].vm[1]));
	printf("\n");
	fflush(stdout);
	if (failed)
		fprintf(stderr, "USEMEM FAIL: data mismatch or a child failed, see above\n");
	return failed;
}
