"""Which observer a folder gets: polling on network and FUSE-network mounts (their
files written elsewhere raise no inotify event here), native events elsewhere. The
decision reads the kernel's mount table, /proc/self/mounts."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from desktop.watch.service import mount_of, needs_polling

# a laptop's /proc/self/mounts, as the kernel writes it (a space in a mount point is \040)
LAPTOP = r"""sysfs /sys sysfs rw,nosuid,nodev,noexec,relatime 0 0
proc /proc proc rw,nosuid,nodev,noexec,relatime 0 0
/dev/nvme0n1p2 / ext4 rw,relatime,errors=remount-ro 0 0
/dev/nvme0n1p1 /boot/efi vfat rw,relatime,fmask=0077,dmask=0077 0 0
/dev/nvme0n1p3 /home ext4 rw,relatime 0 0
tmpfs /run/user/1000 tmpfs rw,nosuid,nodev,relatime,size=1628420k,mode=700,uid=1000,gid=1000 0 0
gvfsd-fuse /run/user/1000/gvfs fuse.gvfsd-fuse rw,nosuid,nodev,relatime,user_id=1000,group_id=1000 0 0
nas.local:/volume1/scans /mnt/nas nfs4 rw,relatime,vers=4.2,rsize=131072,wsize=131072,hard,proto=tcp 0 0
//fileserver/Office\040Share /media/ana/Office\040Share cifs rw,relatime,vers=3.1.1,cache=strict 0 0
ana@box:/srv/in /home/ana/remote fuse.sshfs rw,nosuid,nodev,relatime,user_id=1000,group_id=1000 0 0
tmpfs /mnt/stack tmpfs rw,relatime 0 0
//fileserver/stack /mnt/stack cifs rw,relatime,vers=3.0 0 0
/dev/sdb1 /media/ana/USB vfat rw,nosuid,nodev,relatime,uid=1000 0 0
"""


@pytest.mark.parametrize("folder, polled", [
    ("/home/ana/Documents/inbox", False),            # local disk
    ("/home", False),                                # the mount point itself
    ("/media/ana/USB/scans", False),                 # a USB stick: local, native events work
    ("/mnt/nas/scans", True),                        # NFS
    ("/mnt/nas", True),
    ("/mnt/nasty/inbox", False),                     # a sibling whose name starts alike
    ("/media/ana/Office Share/Invoices", True),      # SMB, a space in the mount point
    ("/home/ana/remote/inbox", True),                # sshfs inside the local /home
    ("/home/ana/remote-copy", False),
    ("/run/user/1000/gvfs/smb-share:server=fs,share=docs", True),   # GNOME's smb://
    ("/mnt/stack/in", True),                         # SMB mounted over a tmpfs: the last wins
    ("/", False),
])
def test_polling_follows_the_mount_type(folder, polled):
    assert needs_polling(Path(folder), LAPTOP) is polled, mount_of(Path(folder), LAPTOP)


def test_the_mount_found_is_the_one_the_kernel_uses_on_this_machine(tmp_path):
    """On this machine's own mount table: the mount chosen for a folder is the one the
    folder is really on (same device), and local folders get native events."""
    table = Path("/proc/self/mounts").read_text()
    folders = [tmp_path, Path.cwd(), Path(sys.prefix), *(Path(p) for p in ("/dev/shm", "/proc/self"))]
    for folder in (f for f in folders if f.exists()):
        found = mount_of(folder.resolve(), table)
        assert found is not None, folder
        assert os.stat(found[0]).st_dev == os.stat(folder).st_dev, (folder, found)
    local = mount_of(tmp_path.resolve(), table)
    assert local is not None and not needs_polling(tmp_path.resolve()), local


def test_a_real_sshfs_mount_is_polled(tmp_path):
    """A real FUSE mount of type fuse.sshfs (made in a private mount namespace, so
    nothing outside the test sees it) is found in /proc/self/mounts and polled."""
    if shutil.which("unshare") is None or not os.path.exists("/dev/fuse"):
        pytest.skip("needs unshare(1) and /dev/fuse")
    mnt = tmp_path / "share point"          # a space: the table escapes it
    mnt.mkdir()
    child = textwrap.dedent(f"""
        import ctypes, os, sys
        from pathlib import Path
        fd = os.open("/dev/fuse", os.O_RDWR)
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.mount(b"ana@box:/srv/in", {os.fsencode(mnt)!r}, b"fuse.sshfs", 0,
                      f"fd={{fd}},rootmode=40000,user_id=0,group_id=0".encode()) != 0:
            print("SKIP", os.strerror(ctypes.get_errno())); sys.exit(0)
        os.close(fd)        # nobody serves it: the decision must not touch the mount
        from desktop.watch.service import needs_polling
        print(needs_polling(Path({str(mnt / 'inbox')!r})), needs_polling(Path({str(tmp_path)!r})))
    """)
    try:
        proc = subprocess.run(["unshare", "-rm", sys.executable, "-c", child], capture_output=True,
                              text=True, timeout=120, cwd=Path(__file__).parents[2])
    except subprocess.TimeoutExpired:
        pytest.fail("the decision touched the unserved mount and hung")
    if proc.returncode != 0 and "unshare" in proc.stderr:
        pytest.skip(f"no private mount namespace here: {proc.stderr.strip()}")
    assert proc.returncode == 0, proc.stderr
    if proc.stdout.startswith("SKIP"):
        pytest.skip(f"FUSE mount not permitted: {proc.stdout}")
    assert proc.stdout.split() == ["True", "False"]


def test_an_auto_trigger_on_a_local_folder_gets_native_events(tmp_path, watch_factory):
    from tests.watch.conftest import write_workflow

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    wf = write_workflow(tmp_path / "wf.yaml", inbox, tmp_path / "out", observer="auto")
    w = watch_factory([wf])
    w.service.start()
    w.wait(w.trigger_state("watching"))
    assert w.service.triggers[0].message == "native events"
