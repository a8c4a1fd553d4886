"""Loaded by Python at start-up when this folder leads PYTHONPATH (coroscope --record does that).

Starts the recorder only when COROSCOPE_RECORD is set (unix:/path or file:/path), then runs the
sitecustomize this one hides (Debian: /usr/lib/python3.X/sitecustomize.py) so that nothing
else about the program's start changes.
"""

import os as _os
import sys as _sys


def _coroscope_start():
    target = _os.environ.get("COROSCOPE_RECORD")
    if not target:
        return
    if target.startswith("file:"):
        # A Python program this one starts must not truncate the same file.
        del _os.environ["COROSCOPE_RECORD"]
    try:
        import coroscope_record
    except Exception as e:  # never stop the program for the recorder's sake
        _sys.stderr.write("coroscope-record: cannot load the recorder: %r; the program runs "
                          "unrecorded\n" % (e,))
        return
    coroscope_record.start(target)


def _chain_system_sitecustomize():
    import importlib.machinery
    import importlib.util

    here = _os.path.dirname(_os.path.abspath(__file__))
    path = [p for p in _sys.path if _os.path.abspath(p or ".") != here]
    spec = importlib.machinery.PathFinder.find_spec("sitecustomize", path)
    if spec is None or spec.loader is None:
        return
    module = importlib.util.module_from_spec(spec)
    _sys.modules["sitecustomize"] = module
    try:
        spec.loader.exec_module(module)
    except Exception as e:
        _sys.stderr.write("Error in sitecustomize; set PYTHONVERBOSE for traceback:\n%s: %s\n"
                          % (type(e).__name__, e))


_coroscope_start()
_chain_system_sitecustomize()
