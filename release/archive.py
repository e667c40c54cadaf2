#!/usr/bin/env python3
"""Makes release archives depend on their contents only.

    release/archive.py normalize ARCHIVE...   # rewrite each in place
    release/archive.py zip OUT.zip DIR        # zip DIR (as the top folder), normalized
    release/archive.py epoch                  # print the release's time (below)

Every zip (.whl, .jar, .aar, .zip) and gzipped tar (.tar.gz) is rewritten in
place, its entries in a fixed order, each with the same time, owner and
permissions: the release's time, SOURCE_DATE_EPOCH (seconds since 1970), or,
when that is unset, the time of the checkout's last commit (`git log -1`).
Two builds of the same sources then write the same bytes, wherever and
whenever they run (dist.sh runs this on every archive it writes; the
reproducibility check is in checks/tests/dist.rs).

The order: META-INF/ and its MANIFEST.MF first (where a JAR reader looks for
the manifest), a wheel's .dist-info/ last with its RECORD the very last (as
PEP 427 recommends), everything else by name. A file keeps only whether it is
executable (0755 or 0644); a zip entry keeps its compression method, loses
extra fields and comments. A tar is written in the POSIX (pax) format, gzip
with no name and time. Only the standard library: it runs before any tool is
installed.
"""

import gzip
import io
import os
import subprocess
import sys
import tarfile
import time
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EPOCH_VARIABLE = "SOURCE_DATE_EPOCH"
#: The earliest time a zip entry can hold (MS-DOS dates start in 1980).
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


def release_epoch() -> int:
    """SOURCE_DATE_EPOCH, else the last commit's time; exits saying how to set it if neither."""
    value = os.environ.get(EPOCH_VARIABLE)
    if value:
        if not value.isdigit():
            sys.exit(f"archive.py: {EPOCH_VARIABLE}={value} is not a number of seconds")
        return int(value)
    try:
        out = subprocess.run(["git", "-C", ROOT, "log", "-1", "--format=%ct"], check=True, capture_output=True, text=True)
        return int(out.stdout.strip())
    except (OSError, subprocess.CalledProcessError, ValueError):
        sys.exit(f"archive.py: {EPOCH_VARIABLE} is unset and {ROOT} is not a git checkout: "
                 f"set {EPOCH_VARIABLE} to the release's time (seconds since 1970)")


def order(name: str) -> tuple:
    """The sort key of an entry: the manifest first, a wheel's .dist-info last, RECORD the very last."""
    top = name.split("/", 1)[0]
    if name in ("META-INF/", "META-INF/MANIFEST.MF"):
        return (0, name)
    if top.endswith(".dist-info"):
        return (3, name) if name.endswith("/RECORD") else (2, name)
    return (1, name)


def mode(original: int, is_dir: bool) -> int:
    """0755 for directories and executables, 0644 for every other file."""
    return 0o755 if is_dir or original & 0o111 else 0o644


def normalize_zip(path: str, epoch: int) -> None:
    stamp = max(ZIP_EPOCH, time.gmtime(epoch)[:6])
    with zipfile.ZipFile(path) as source:
        entries = [(info, source.read(info)) for info in source.infolist()]
    names = [info.filename for info, _ in entries]
    if len(set(names)) != len(names):
        sys.exit(f"archive.py: {path} has an entry twice")
    entries.sort(key=lambda entry: order(entry[0].filename))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for info, data in entries:
            is_dir = info.filename.endswith("/")
            fresh = zipfile.ZipInfo(info.filename, date_time=stamp)
            fresh.compress_type = zipfile.ZIP_STORED if is_dir else info.compress_type
            fresh.create_system = 3  # Unix, so that the permissions below mean what they say
            fresh.external_attr = (mode(info.external_attr >> 16, is_dir) | (0o040000 if is_dir else 0o100000)) << 16
            if is_dir:
                fresh.external_attr |= 0x10  # MS-DOS directory flag
            target.writestr(fresh, data, compresslevel=9 if fresh.compress_type == zipfile.ZIP_DEFLATED else None)
    with open(path, "wb") as f:
        f.write(buffer.getvalue())


def normalize_tar_gz(path: str, epoch: int) -> None:
    with tarfile.open(path, "r:gz") as source:
        members = [(m, source.extractfile(m).read() if m.isfile() else None) for m in source.getmembers()]
    if any(not (m.isfile() or m.isdir()) for m, _ in members):
        sys.exit(f"archive.py: {path} holds something other than files and directories")
    members.sort(key=lambda member: member[0].name)
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.PAX_FORMAT) as target:
        for member, data in members:
            fresh = tarfile.TarInfo(member.name)
            fresh.type = member.type
            fresh.mode = mode(member.mode, member.isdir())
            fresh.mtime = epoch
            fresh.uid = fresh.gid = 0
            fresh.uname = fresh.gname = ""
            if data is None:
                target.addfile(fresh)
            else:
                fresh.size = len(data)
                target.addfile(fresh, io.BytesIO(data))
    with open(path, "wb") as f, gzip.GzipFile(filename="", mode="wb", fileobj=f, mtime=0, compresslevel=9) as z:
        z.write(buffer.getvalue())


def write_zip(path: str, directory: str) -> None:
    """Zips ``directory``'s files under its own name as the top folder (then normalize_zip)."""
    parent = os.path.dirname(os.path.abspath(directory))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for folder, _dirs, files in os.walk(directory):
            for name in files:
                file = os.path.join(folder, name)
                target.write(file, os.path.relpath(file, parent))


def main(args: list) -> None:
    usage = "usage: release/archive.py normalize ARCHIVE... | zip OUT.zip DIR | epoch"
    if args == ["epoch"]:
        print(release_epoch())
        return
    if args[:1] == ["zip"] and len(args) == 3:
        epoch = release_epoch()
        write_zip(args[1], args[2])
        normalize_zip(args[1], epoch)
        return
    if args[:1] != ["normalize"] or len(args) < 2:
        sys.exit(usage)
    epoch = release_epoch()
    for path in args[1:]:
        if path.endswith(".tar.gz"):
            normalize_tar_gz(path, epoch)
        elif zipfile.is_zipfile(path):
            normalize_zip(path, epoch)
        else:
            sys.exit(f"archive.py: {path} is neither a zip nor a .tar.gz")


if __name__ == "__main__":
    main(sys.argv[1:])
