"""python3 -m coroscope_record [-o FILE] (prog.py | -m module) [ARGS...]"""

import os
import runpy
import sys

USAGE = """usage: python3 -m coroscope_record [-o FILE] prog.py [ARGS...]
       python3 -m coroscope_record [-o FILE] -m module [ARGS...]

Runs the program with every asyncio task recorded (Coroscope's csrec format).
  -o FILE   where to write the recording (default: prog.csrec in the current folder);
            unix:/path sends it to a Coroscope listening there
"""


def main(argv):
    out = None
    module = None
    i = 0
    while i < len(argv):
        a = argv[i]
        if a in ("-h", "--help"):
            sys.stdout.write(USAGE)
            return 0
        if a == "-o" and i + 1 < len(argv):
            out = argv[i + 1]
            i += 2
            continue
        if a.startswith("-o") and len(a) > 2:
            out = a[2:]
            i += 1
            continue
        if a == "-m" and i + 1 < len(argv):
            module = argv[i + 1]
            i += 2
            break
        if a == "--":
            i += 1
        break
    rest = argv[i:]
    if module is None and not rest:
        sys.stderr.write(USAGE)
        return 2
    if out is None:
        base = module or os.path.splitext(os.path.basename(rest[0]))[0]
        out = base + ".csrec"

    import coroscope_record as cr

    cr.start(out)
    if module is not None:
        sys.argv = [module] + rest
        runpy.run_module(module, run_name="__main__", alter_sys=True)
    else:
        path = os.path.abspath(rest[0])
        sys.argv = [rest[0]] + rest[1:]
        sys.path[0] = os.path.dirname(path)
        runpy.run_path(path, run_name="__main__")
    return 0


if __name__ == "__main__":
    try:
        code = main(sys.argv[1:])
    except SystemExit as e:
        import coroscope_record as cr

        cr.set_exit("exit", cr._status_of(e.code))
        raise
    except KeyboardInterrupt:
        import coroscope_record as cr
        import signal

        cr.set_exit("signal", int(signal.SIGINT))
        raise
    except BaseException:
        import coroscope_record as cr

        cr.set_exit("exit", 1)
        raise
    sys.exit(code)
