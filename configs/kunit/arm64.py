# kunit.py --qemu_config for scripts/kunit.sh arm64 and arm64-64k: the
# kernel's qemu_configs/arm64.py with pauth-impdef=on, whose pointer
# authentication costs TCG far less than the architected QARMA5 (the
# kernel signs every return address).  scripts/kunit.sh adds -smp 2.
from ..qemu_config import QemuArchParams

QEMU_ARCH = QemuArchParams(linux_arch='arm64',
			   kconfig='''
CONFIG_SERIAL_AMBA_PL011=y
CONFIG_SERIAL_AMBA_PL011_CONSOLE=y
CONFIG_SMP=y
CONFIG_NR_CPUS=4''',
			   qemu_arch='aarch64',
			   kernel_path='arch/arm64/boot/Image.gz',
			   kernel_command_line='console=ttyAMA0',
			   extra_qemu_params=['-machine', 'virt', '-cpu', 'max,pauth-impdef=on'])
