// The command line's help (coroscope --help): long text only, apart from the parser
// (options.cpp); the same translation context ("Cli").
#include "options.h"

#include <QCoreApplication>

namespace Coroscope {

namespace {
// A translation context lupdate can see: options.cpp's.
struct Cli
{
    Q_DECLARE_TR_FUNCTIONS(Cli)
};
} // namespace

QString helpText()
{
    return Cli::tr(R"(Usage: coroscope [options]

Coroscope makes coroutine scheduling visible: it runs HTTP workloads as QCoro coroutines on a
Qt event loop and records when every task is pending, running, suspended and finished.

Modes:
  coroscope                      open the window (the embedded server's /delay/1 x 10 is ready)
  coroscope --headless [opts]    run a workload without a window; last stdout line is JSON
  coroscope --serve [--port N] [--server-capacity K] [--tls]
                                 only the embedded test server, until interrupted
  coroscope --screenshot FILE [opts]
                                 open the window, run (or open a run file), save a PNG, exit
  --window-size WxH              the window's size, e.g. 1024x700 (screenshots: 1400x900)
  --playhead-ms N                screenshot: the Loop state panel at N ms into the run

Run options:
  --url URL                  a URL to fetch (repeatable); default: embedded server /delay/1
  --urls-file FILE           URLs, one per line (# starts a comment)
  --tasks N                  number of tasks, 1-100000 (default 10)
  --strategy NAME            async (default), sequential, blocking, wrapped-blocking, threads
  --workers W                worker threads for the threads strategy (default 8)
  --concurrency N            max tasks in flight, 0 = unlimited (default 0)
  --connections-per-host N   0 = unlimited (default 0)
  --timeout-ms N             per-request timeout, 0 = none (default 30000)
  --max-body-bytes N         a longer body ends the task as an error (default 1073741824);
                             bodies are counted as transferred, never kept or inflated
  --tls                      the embedded server serves https (its certificate is made for
                             127.0.0.1, ::1 and localhost at first start and trusted by
                             runs); the default workload becomes https://127.0.0.1:PORT/delay/1
  --ca-file FILE             also trust the PEM certificate(s) in FILE for https
  --insecure                 accept any https certificate (nothing is checked; shown in the
                             summary and the diagnostics)
  --no-alone-measurement     do not fetch each distinct URL once, alone, before the run (the
                             speed-up's baseline; without it: a sequential run compared, or
                             the embedded server's queue report, or none)
  --server-capacity K        embedded server handles at most K requests at once, 0 = unlimited
  --port N                   embedded server port (default 8765; a free one if busy)
  --csv FILE                 write the tasks CSV
  --segments-csv FILE        write the segments CSV
  --chrome-trace FILE        write the run as Chrome trace JSON (chrome://tracing, Perfetto)
  --chrome-trace-tracks T    auto (default: one track per task, lanes above 1000 tasks),
                             tasks, or lanes (tasks packed onto reusable tracks)
  --har FILE                 write the requests as HAR 1.2 (browser dev tools, HAR viewers)
  --compare LIST             run each strategy of a comma-separated list in turn
  --compare-csv FILE         write the comparison CSV (with --compare or --open)
  --save FILE                write the run (every strategy's with --compare) as a run file
                             (.coroscope) that the window and --open read back

Run files:
  coroscope FILE.coroscope       open a saved run in the window (also --open FILE)
  coroscope FILE.csrec           open a program's recording the same way (known by its
                                 first bytes, whatever its name)
  coroscope --headless --open FILE [--csv F] [--segments-csv F] [--chrome-trace F] [--har F]
                           [--compare-csv F] [--save F]
                                 convert a saved run without a window; prints its summary
  --language CODE            user interface language, e.g. en or zh_CN
  --row-height PX            window: timeline row height, 1 (density) up to the full height
  --select-task N            window: select task N (its details in the Details dock)
  --find TEXT                window: search the timeline for TEXT (URL, error, await label)
  -h, --help                 this help
  --version                  the version

Exit status: 0 when the run completed (even with failed requests), 1 when an output file could
not be written or the server could not start, 2 on bad arguments or a run file that cannot be
opened.
)")
        + u'\n'
        // A message of its own, so that adding it left the translations of the above intact.
        + Cli::tr(R"(Window options (the window and --screenshot only, not --headless or --serve):
  --theme NAME               colours: system (the desktop's), light or dark (View > Theme)
  -platform NAME             Qt's window system plugin, e.g. offscreen, xcb, wayland
  -style NAME                Qt widget style, e.g. fusion
  -stylesheet FILE           a Qt style sheet (.qss) applied to the whole window
  -reverse                   right-to-left layout
  and Qt's other options: -platformtheme, -qwindowgeometry, -qwindowtitle, ...
)")
        + u'\n'
        // Also a message of its own, for the same reason.
        + Cli::tr(R"(Comparing with saved runs:
  --compare-with FILE        compare with every run saved in FILE (repeatable), with a live
                             run or --open: drawn on the same time axis (window, --screenshot),
                             rows in the comparison CSV (last column "source": the file),
                             summary lines with "source", kept by --save; "warning: not
                             comparable: ..." on stderr when the runs differ (tasks, URLs,
                             knobs, Coroscope or Qt version, CPU count). A file that cannot be
                             read or is given twice: exit 2 before anything runs.
  --compare-csv FILE         with --compare-with: the comparison CSV (implies --headless)
  e.g. coroscope --headless --open today.coroscope --compare-with baseline.coroscope
         --compare-csv compare.csv          (a CI check against a saved baseline)
)")
        + u'\n'
        // A message of its own too: the translations above stay intact.
        + Cli::tr(R"(Sweeps (how a result grows with one knob):
  --sweep KNOB=VALUES        run the workload once per value of KNOB: tasks, concurrency,
                             connections-per-host, server-capacity, delay (the seconds N of
                             the embedded server's /delay/N URLs), workers or timeout-ms;
                             VALUES a list (1,10,100) or ranges: A..B (every whole number),
                             A..B+S (step S), A..B*F (geometric: 1..1000*10 = 1,10,100,1000)
  --compare LIST             with --sweep: every value runs each strategy
  --repeat R                 each point R times (1-100; median and spread)
  --sweep-csv FILE           one row per strategy x value x repeat
  --save FILE                the whole sweep, every run, as one run file (opens as a sweep)
  Each point's JSON summary goes to stdout as it lands ("sweep_knob", "sweep_value",
  "sweep_repeat"); the last line is the sweep's. The expected time is said before it starts.
  e.g. coroscope --headless --sweep tasks=1..1000*10 --compare async,sequential --repeat 3
         --sweep-csv sweep.csv
)")
        + u'\n'
        // A message of its own too: the translations above stay intact.
        + Cli::tr(R"(Checks before anything runs (exit status 2):
  --screenshot, --window-size, --playhead-ms, --row-height, --select-task, --find and --theme
  are the window's: --headless and --serve refuse them. An output option (--csv, --har, --save,
  ...) without --headless implies it. Every output is checked first: its folder must exist and
  take a file (not read-only), it must not be a directory, and no two options may name one file
  (an output over another or over an input, e.g. --open R --csv R; links count).
  --language takes en or zh_CN.
Signals: SIGINT, SIGTERM and SIGHUP stop a headless run; its summary ("stopped":true) and files
are still written, and the exit status is 128 + the signal (130, 143, 129).
)")
        + u'\n'
        // A message of its own too: the translations above stay intact.
        + Cli::tr(R"(Reports:
  --report FILE.html         write one self-contained HTML file to share (no network, no other
                             file): the timeline with its legend, the figures, the diagnostics,
                             where the time went, charts, the settings and where it ran; every
                             strategy side by side with --compare, the saved runs with
                             --compare-with, a sweep's charts and tables with --sweep; of a
                             saved run (or sweep) with --open FILE. In the --language given
                             (else the system's). Implies --headless.
)")
        + u'\n'
        // A message of its own: the translations above stay intact.
        + Cli::tr(R"(Recording a program (Python asyncio; recorders/FORMAT.md):
  coroscope --record -- CMD [ARGS]
                             start CMD with Coroscope's recorder loaded and show its tasks live
                             in the window (Output and Source docks); Stop sends SIGINT, then
                             SIGKILL 2 s later
  coroscope --headless --record [--csv F] [--segments-csv F] [--chrome-trace F] [--har F]
            [--save F] -- CMD [ARGS]
                             record without a window: the program's output passes through to
                             stderr, the summary (with "program_exit") is the last stdout line;
                             SIGINT/SIGTERM stop the program and everything is still written.
                             Exit status: 0, 1 when a file could not be written, 2 when the
                             command cannot start; the program's own is in "program_exit"
)");
}

} // namespace Coroscope
