"""Where the command line writes: the report to stdout or a file, messages to stderr.

Promises: an input file is never overwritten; a regular file is replaced atomically (the
old one stays whole until the new one is complete), keeps the mode of the file it replaces
or is created with the user's umask, and a symbolic link is written through, never
replaced; a character device or a FIFO is written to as a stream, never replaced; nothing
else is written to. A reader that goes away (`| head`) ends the output quietly: the exit
code still says what the run found. A stderr that cannot be written to is given up on.
"""

from __future__ import annotations

import os
import stat
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Literal

from claimdiff.base.errors import ClaimdiffError

Target = Literal["stdout", "stream", "file"]


def say(line: str) -> None:
    """One line on stderr; never raises (a closed or full stderr loses the message, not the run)."""
    stream = sys.stderr
    if stream is None:
        return
    try:
        stream.write(line + "\n")
        stream.flush()
    except (OSError, ValueError):
        pass


def check_target(output: str | None, protected: Sequence[str] = ()) -> Target:
    """How `output` will be written; ClaimdiffError when it must not be (checked before any work)."""
    if output is None or output == "-":
        if sys.stdout is None:
            raise ClaimdiffError("standard output is closed; write the report with --output FILE")
        return "stdout"
    try:
        info = os.stat(output)  # follows links: what matters is the node written to
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise ClaimdiffError(f"{output}: cannot write: {exc.strerror or exc}") from None
    except ValueError:
        raise ClaimdiffError(f"{output}: invalid file name") from None
    if info is None:
        parent = Path(os.path.realpath(output)).parent
        if not parent.is_dir():
            raise ClaimdiffError(f"{output}: cannot write: no directory {str(parent)!r}")
        return "file"
    if _is_input(info, protected):
        raise ClaimdiffError(f"{output}: refusing to overwrite an input file")
    if stat.S_ISDIR(info.st_mode):
        raise ClaimdiffError(f"{output}: is a directory")
    if stat.S_ISCHR(info.st_mode) or stat.S_ISFIFO(info.st_mode):
        return "stream"
    if not stat.S_ISREG(info.st_mode):
        raise ClaimdiffError(f"{output}: not a regular file, a character device or a FIFO; refusing to write")
    return "file"


def write_output(text: str, output: str | None, protected: Sequence[str] = ()) -> None:
    """Write `text` to stdout (None or "-") or to `output`, keeping the promises above."""
    target = check_target(output, protected)
    if target == "stdout":
        _write_stdout(text)
    elif target == "stream":
        assert output is not None
        _write_stream(text, output)
    else:
        assert output is not None
        _write_file(text, output)


def _is_input(info: os.stat_result, protected: Sequence[str]) -> bool:
    for path in protected:
        try:
            other = os.stat(path)
        except (OSError, ValueError):
            continue
        if (other.st_dev, other.st_ino) == (info.st_dev, info.st_ino):
            return True
    return False


def _write_stdout(text: str) -> None:
    stream = sys.stdout
    if stream is None:
        raise ClaimdiffError("standard output is closed; write the report with --output FILE")
    try:
        stream.write(text)
        stream.flush()
    except BrokenPipeError:
        silence_stdout()
    except (OSError, ValueError) as exc:
        silence_stdout()
        raise ClaimdiffError(f"standard output: cannot write: {getattr(exc, 'strerror', None) or exc}") from None


def silence_stdout() -> None:
    """Point stdout at /dev/null, so that the interpreter's last flush of what is left in its
    buffer does not fail again on the broken stream."""
    try:
        fd = os.open(os.devnull, os.O_WRONLY)
        os.dup2(fd, sys.stdout.fileno() if sys.stdout is not None else 1)
        os.close(fd)
    except (OSError, ValueError, AttributeError):
        pass


def _write_stream(text: str, output: str) -> None:
    """Write to a character device or FIFO as `>` in a shell would: no truncation, no rename."""
    try:
        fd = os.open(output, os.O_WRONLY | os.O_NOCTTY | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise ClaimdiffError(f"{output}: cannot write: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except BrokenPipeError:
        pass  # the FIFO's reader went away: as for stdout, not an error of the run
    except OSError as exc:
        raise ClaimdiffError(f"{output}: cannot write: {exc.strerror or exc}") from None


def _write_file(text: str, output: str) -> None:
    """Replace `output` atomically: a temporary file in the same directory, renamed over it."""
    real = Path(os.path.realpath(output))  # through a symbolic link, which stays a link
    try:
        existing: os.stat_result | None = os.stat(real)
    except OSError:
        existing = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{real.name}.", suffix=".tmp", dir=real.parent)
    except OSError as exc:
        raise ClaimdiffError(f"{output}: cannot write: {exc.strerror or exc}") from None
    try:
        if existing is not None:
            os.chmod(tmp, stat.S_IMODE(existing.st_mode))
            if (existing.st_uid, existing.st_gid) != (os.getuid(), os.getgid()):
                try:
                    os.chown(tmp, existing.st_uid, existing.st_gid)
                except OSError:
                    pass  # not allowed: the new file is ours, with the old mode
        else:
            os.chmod(tmp, 0o666 & ~_umask())
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, real)
    except BaseException as exc:  # interrupted or failed: no temporary file left behind
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise ClaimdiffError(f"{output}: cannot write: {exc.strerror or exc}") from None
        raise


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
