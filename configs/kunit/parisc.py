# kunit.py --qemu_config for scripts/kunit.sh parisc: 32-bit PA-RISC, SMP,
# on QEMU's B160L ("hppa"); ARCH=parisc is 32-bit (PA7000).  kunit.py has
# no parisc config of its own.
# scripts/kunit.sh adds -smp 2 and -bios with a SeaBIOS-hppa newer than
# QEMU 7.2's (see there).
from ..qemu_config import QemuArchParams

QEMU_ARCH = QemuArchParams(linux_arch='parisc',
			   kconfig='''
CONFIG_SMP=y
CONFIG_NR_CPUS=4
CONFIG_GSC=y
CONFIG_GSC_LASI=y
CONFIG_PCI=y
CONFIG_GSC_DINO=y
CONFIG_SERIAL_8250=y
CONFIG_SERIAL_8250_CONSOLE=y
CONFIG_SERIAL_8250_PARISC=y''',
			   qemu_arch='hppa',
			   kernel_path='vmlinux',
			   kernel_command_line='console=ttyS0',
			   extra_qemu_params=['-machine', 'hppa', '-m', '512'])
