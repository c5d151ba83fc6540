// SPDX-License-Identifier: GPL-2.0
/*
 * tsc-khz: the host's TSC frequency in kHz, measured against
 * CLOCK_MONOTONIC_RAW over 0.5 s (the lowest of 3).  bench/bench.sh passes it to
 * the guest as tsc_early_khz=: QEMU TCG hands the guest the host's TSC, and
 * the guest cannot calibrate it itself (no PIT calibration under TCG, no
 * HPET/PM timer without ACPI), so it would fall back to jiffies as its
 * clock, which loses time when ticks come late.
 */
#include <stdio.h>
#include <time.h>
#include <x86intrin.h>

static double mono(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC_RAW, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(void)
{
	double best = 0;
	int i;

	for (i = 0; i < 3; i++) {
		struct timespec d = { 0, 500000000 };
		double t0 = mono(), t1;
		unsigned long long c0 = __rdtsc(), c1;

		nanosleep(&d, NULL);
		c1 = __rdtsc();
		t1 = mono();
		if (!i || (c1 - c0) / (t1 - t0) / 1e3 < best)
			best = (c1 - c0) / (t1 - t0) / 1e3;
	}
	printf("%.0f\n", best);
	return 0;
}
