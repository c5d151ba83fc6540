# swap-cluster-lock: a Linux mm/ patch series, with the scripts that apply,
# build, boot and test it.  See README.md.  `make help` lists the targets.

VARIANT ?= default
SH := sh
S := scripts

.PHONY: help deps tree refresh config build initramfs boot run test \
	host-test check-series kunit kunit-xarch bisect revert bench mail docs clean

help:
	@echo "make run          the main job: tree, build 'default', boot QEMU with swap on,"
	@echo "                  run KUnit and the swap kselftest, print the results"
	@echo "make test         the test suite: series checks, host tests of the scripts,"
	@echo "                  KUnit under kunit.py, 'default' and 'debug' kernels booted"
	@echo "make tree         build/linux = base + git am patches/*  (KERNEL_TREE=/path to bring your own)"
	@echo "make refresh      patches/ <- the commits above 'base' in build/linux"
	@echo "make build        build one kernel (VARIANT=default|debug|rt|kcsan)"
	@echo "make boot         boot VARIANT under QEMU and judge the log (after make build)"
	@echo "make check-series checkpatch, get_maintainer, patches/ vs build/linux"
	@echo "make kunit        kunit.py run, with lockdep and without (x86_64); under TCG, one run of"
	@echo "                  KUNIT_ARCH=i386|arm64|arm64-64k|parisc|sparc (2 vCPUs each)"
	@echo "make kunit-xarch  make kunit for each of those five in turn, with a total (not in make test)"
	@echo "make bisect       build every patch of the series on its own, W=1"
	@echo "                  (VARIANT=..., else both 'default' and 'noswap')"
	@echo "make revert N=n   revert patch n alone on top of the series, build VARIANT, boot it:"
	@echo "                  a patch that changes behaviour must make a boot test go red"
	@echo "make host-test    the host-side tests of the scripts (no kernel build)"
	@echo "make bench        A/B benchmark stock vs patched (BENCH_QUICK=1 for the short run)"
	@echo "make mail         the series ready for linux-mm under out/ (V=<version>)"
	@echo "make docs         build Documentation/mm with Sphinx"
	@echo "make clean        remove build outputs (keeps build/linux and ccache)"

deps:
	@$(SH) $(S)/deps.sh run

tree: deps
	@$(SH) $(S)/tree.sh

refresh:
	@$(SH) $(S)/refresh.sh

config: tree
	@$(SH) $(S)/config.sh $(VARIANT)

build: tree
	@$(SH) $(S)/build.sh $(VARIANT)

initramfs: build
	@$(SH) $(S)/initramfs.sh $(VARIANT)

boot:
	@$(SH) $(S)/initramfs.sh $(VARIANT) && $(SH) $(S)/qemu.sh $(VARIANT)

run: deps
	@$(SH) $(S)/run.sh

test:
	@$(SH) $(S)/test.sh

host-test:
	@$(SH) tests/host/run.sh

check-series: tree
	@$(SH) $(S)/check-series.sh

# With TREE=/path/to/a/kernel tree (a worktree of the series, say), the
# kunit targets use it as it is: tree.sh would make or reset build/linux's
# way (and removes a TREE that is not a git repository of its own).
kunit: $(if $(TREE),deps,tree)
	@$(SH) $(S)/kunit.sh $${KUNIT_ARCH:-x86_64}

kunit-xarch: $(if $(TREE),deps,tree)
	@$(SH) $(S)/kunit-xarch.sh

bisect: tree
	@$(SH) $(S)/bisect.sh "$(if $(filter command line environment,$(origin VARIANT)),$(VARIANT),default noswap)"

revert: tree
	@$(SH) $(S)/revert.sh $(N) $(VARIANT)

bench: tree
	@$(SH) bench/bench.sh

mail: tree
	@$(SH) $(S)/deps.sh mail
	@$(SH) $(S)/mail.sh

docs: tree
	@$(SH) $(S)/docs.sh

clean:
	rm -rf build/obj build/stock out
