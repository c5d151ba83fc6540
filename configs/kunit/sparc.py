# kunit.py --qemu_config for scripts/kunit.sh sparc: the kernel's
# qemu_configs/sparc.py (sparc32) made SMP, on a SPARCstation 20 (QEMU's
# default SS-5 has one CPU).  scripts/kunit.sh adds -smp 2.
from ..qemu_config import QemuArchParams

QEMU_ARCH = QemuArchParams(linux_arch='sparc',
			   kconfig='''
CONFIG_KUNIT_FAULT_TEST=n
CONFIG_SPARC32=y
CONFIG_SMP=y
CONFIG_NR_CPUS=4
CONFIG_SERIAL_SUNZILOG=y
CONFIG_SERIAL_SUNZILOG_CONSOLE=y''',
			   qemu_arch='sparc',
			   kernel_path='arch/sparc/boot/zImage',
			   kernel_command_line='console=ttyS0 mem=256M',
			   extra_qemu_params=['-machine', 'SS-20', '-m', '256'])
