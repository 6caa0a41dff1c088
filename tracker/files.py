"""Letter files read within limits: whole, regular, and no larger than allowed.

Kept apart from `snapshots` (which normalises what is read): a process that only reads
and extracts a file (`tracker diff`'s forked copy) needs nothing more than this.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from tracker.errors import InputError

# What a path is, when it is not a regular file: none of them is read.
_NOT_REGULAR = {
    stat.S_IFIFO: "a named pipe (FIFO), not a regular file",
    stat.S_IFCHR: "a character device, not a regular file",
    stat.S_IFBLK: "a block device, not a regular file",
    stat.S_IFSOCK: "a socket, not a regular file",
    stat.S_IFDIR: "is a folder, not a file",
    stat.S_IFLNK: "a symbolic link, not followed",
}
_CHUNK = 1 << 20


def read_file(path: Path, max_bytes: int, follow_links: bool = True) -> bytes:
    """The bytes of regular file `path` within `max_bytes` (see `read_regular`)."""
    return read_regular(path, max_bytes, follow_links)[0]


def read_regular(
    path: Path, max_bytes: int, follow_links: bool = True
) -> tuple[bytes, os.stat_result]:
    """The bytes of regular file `path`, refusing what is missing, unreadable, not a
    regular file (a FIFO, a device, a folder; a link too when not `follow_links`), over
    `max_bytes`, or not the size it says it is (/proc, a file still being written).

    The size is checked before reading and the read is bounded by it: a pipe or a device
    never hangs or fills memory. Also the file's stat as it was opened."""
    name = str(path)
    refusal = _not_regular(path, follow_links)
    if refusal:
        raise InputError(name, refusal)
    flags = os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC | (0 if follow_links else os.O_NOFOLLOW)
    try:
        handle = os.open(path, flags)
    except OSError as exc:
        raise InputError(name, _open_problem(exc, follow_links)) from None
    try:
        return _read_regular(handle, name, max_bytes)
    except OSError as exc:
        raise InputError(name, f"cannot read: {exc.strerror}") from None
    finally:
        os.close(handle)


def _not_regular(path: Path, follow_links: bool) -> str | None:
    """Why `path` is not read, by its stat, before anything opens it; None: go on."""
    try:
        info = os.stat(path, follow_symlinks=follow_links)
    except FileNotFoundError:
        dangling = os.path.lexists(path)
        return "a link to a file that does not exist" if dangling else "no such file"
    except OSError as exc:
        return _open_problem(exc, follow_links)
    return _NOT_REGULAR.get(stat.S_IFMT(info.st_mode))


def _open_problem(exc: OSError, follow_links: bool) -> str:
    if exc.errno == errno.ELOOP:
        return "a symbolic link, not followed" if not follow_links else "a loop of links"
    if exc.errno == errno.ENOENT:
        return "no such file"
    if exc.errno == errno.EISDIR:
        return "is a folder, not a file"
    return f"cannot read: {exc.strerror}"


def _read_regular(handle: int, name: str, max_bytes: int) -> tuple[bytes, os.stat_result]:
    """Read an open file whole, after fstat says it is regular and within `max_bytes`."""
    info = os.fstat(handle)
    kind = _NOT_REGULAR.get(stat.S_IFMT(info.st_mode))
    if kind or not stat.S_ISREG(info.st_mode):  # swapped after the first look
        raise InputError(name, kind or "not a regular file")
    size = info.st_size
    if size > max_bytes:
        raise InputError(name, f"file is {size:,} bytes, over the limit of {max_bytes:,} bytes")
    chunks: list[bytes] = []
    left = size + 1  # one byte more than stated: a file that has more is refused
    while left > 0:
        chunk = os.read(handle, min(left, _CHUNK))
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    data = b"".join(chunks)
    if len(data) != size:
        raise InputError(name, _size_problem(size, len(data)))
    return data, info


def _size_problem(stated: int, read: int) -> str:
    if stated == 0:
        return "says it has 0 bytes but has more: a virtual file (/proc, /sys), not a letter"
    more = "more" if read > stated else "fewer"
    return f"changed while being read ({stated:,} bytes stated, {more} read): still being written?"
