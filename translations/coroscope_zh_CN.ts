<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>Cli</name>
    <message>
        <source>
interrupted: cancelling the tasks in flight
</source>
        <translation>
已中断：正在取消进行中的任务
</translation>
    </message>
    <message>
        <source>served %1 requests, at most %2 at once
</source>
        <translation>共处理 %1 个请求，最多同时处理 %2 个
</translation>
    </message>
    <message>
        <source>invalid value &quot;%1&quot; for --%2: expected an integer from %3 to %4</source>
        <translation>--%2 的值“%1”无效：应为 %3 到 %4 之间的整数</translation>
    </message>
    <message>
        <source>unexpected argument &quot;%1&quot; (see --help)</source>
        <translation>意外的参数“%1”（参见 --help）</translation>
    </message>
    <message>
        <source>unknown option &quot;%1&quot; (see --help)</source>
        <translation>未知选项“%1”（参见 --help）</translation>
    </message>
    <message>
        <source>option --%1 needs a value</source>
        <translation>选项 --%1 需要一个值</translation>
    </message>
    <message>
        <source>unknown strategy &quot;%1&quot;: expected async, sequential, blocking, wrapped-blocking or threads</source>
        <translation>未知策略“%1”：应为 async、sequential、blocking、wrapped-blocking 或 threads</translation>
    </message>
    <message>
        <source>unknown strategy &quot;%1&quot; in --compare</source>
        <translation>--compare 中的策略“%1”未知</translation>
    </message>
    <message>
        <source>--compare needs at least one strategy</source>
        <translation>--compare 至少需要一个策略</translation>
    </message>
    <message>
        <source>--headless and --serve cannot be combined</source>
        <translation>--headless 与 --serve 不能同时使用</translation>
    </message>
    <message>
        <source>--compare-csv needs --compare</source>
        <translation>--compare-csv 需要配合 --compare 使用</translation>
    </message>
    <message>
        <source>--urls-file: %1 is larger than %2 MiB</source>
        <translation>--urls-file：%1 大于 %2 MiB</translation>
    </message>
    <message>
        <source>--urls-file: %1 is not a regular file</source>
        <translation>--urls-file：%1 不是普通文件</translation>
    </message>
    <message>
        <source>--urls-file: cannot read %1: %2</source>
        <translation>--urls-file：无法读取 %1：%2</translation>
    </message>
    <message>
        <source>--urls-file: line %1 of %2 is longer than %3 KiB</source>
        <translation>--urls-file：%2 的第 %1 行超过 %3 KiB</translation>
    </message>
    <message>
        <source>--urls-file: line %1 of %2 contains a control character (0x%3)</source>
        <translation>--urls-file：%2 的第 %1 行包含控制字符（0x%3）</translation>
    </message>
    <message>
        <source>--urls-file: line %1 of %2 is not valid UTF-8</source>
        <translation>--urls-file：%2 的第 %1 行不是有效的 UTF-8</translation>
    </message>
    <message>
        <source>--urls-file: line %1 of %2: %3</source>
        <translation>--urls-file：%2 的第 %1 行：%3</translation>
    </message>
    <message>
        <source>--urls-file: %1 holds more than %2 URLs, the most a run can fetch</source>
        <translation>--urls-file：%1 包含超过 %2 个 URL，超出了一次运行能获取的上限</translation>
    </message>
    <message>
        <source>--urls-file: %1 holds no URL</source>
        <translation>--urls-file：%1 中没有 URL</translation>
    </message>
    <message>
        <source>--ca-file: %1 does not exist</source>
        <translation>--ca-file：%1 不存在</translation>
    </message>
    <message>
        <source>--ca-file: %1 is not a regular file</source>
        <translation>--ca-file：%1 不是普通文件</translation>
    </message>
    <message>
        <source>--ca-file: %1 is larger than %2 MiB</source>
        <translation>--ca-file：%1 大于 %2 MiB</translation>
    </message>
    <message>
        <source>--ca-file: cannot read %1: %2</source>
        <translation>--ca-file：无法读取 %1：%2</translation>
    </message>
    <message>
        <source>--ca-file: %1 holds no PEM certificate (expected &quot;-----BEGIN CERTIFICATE-----&quot;)</source>
        <translation>--ca-file：%1 中没有 PEM 证书（应包含“-----BEGIN CERTIFICATE-----”）</translation>
    </message>
    <message>
        <source>Window options (the window and --screenshot only, not --headless or --serve):
  --theme NAME               colours: system (the desktop&apos;s), light or dark (View &gt; Theme)
  -platform NAME             Qt&apos;s window system plugin, e.g. offscreen, xcb, wayland
  -style NAME                Qt widget style, e.g. fusion
  -stylesheet FILE           a Qt style sheet (.qss) applied to the whole window
  -reverse                   right-to-left layout
  and Qt&apos;s other options: -platformtheme, -qwindowgeometry, -qwindowtitle, ...
</source>
        <translation>窗口选项（仅用于窗口和 --screenshot，不用于 --headless 或 --serve）：
  --theme 名称               配色：system（跟随桌面）、light 或 dark（视图 &gt; 主题）
  -platform 名称             Qt 的窗口系统插件，例如 offscreen、xcb、wayland
  -style 名称                Qt 控件样式，例如 fusion
  -stylesheet 文件           应用于整个窗口的 Qt 样式表（.qss）
  -reverse                   从右到左布局
  以及 Qt 的其他选项：-platformtheme、-qwindowgeometry、-qwindowtitle 等
</translation>
    </message>
    <message>
        <source>option %1 needs a value</source>
        <translation>选项 %1 需要一个值</translation>
    </message>
    <message>
        <source>--url &quot;%1&quot;: %2</source>
        <translation>--url “%1”：%2</translation>
    </message>
    <message>
        <source>--chrome-trace-tracks is auto, tasks or lanes, not &quot;%1&quot;</source>
        <translation>--chrome-trace-tracks 应为 auto、tasks 或 lanes，而不是“%1”</translation>
    </message>
    <message>
        <source>--window-size wants WIDTHxHEIGHT in pixels, e.g. 1024x700, not &quot;%1&quot;</source>
        <translation>--window-size 需要以像素为单位的 宽x高，例如 1024x700，而不是“%1”</translation>
    </message>
    <message>
        <source>--playhead-ms wants milliseconds from the run&apos;s start, not &quot;%1&quot;</source>
        <translation>--playhead-ms 需要从运行开始算起的毫秒数，而不是“%1”</translation>
    </message>
    <message>
        <source>only one run file can be opened (&quot;%1&quot; and &quot;%2&quot;)</source>
        <translation>只能打开一个运行文件（“%1”和“%2”）</translation>
    </message>
    <message>
        <source>unknown theme &quot;%1&quot;: expected system, light or dark</source>
        <translation>未知主题“%1”：应为 system、light 或 dark</translation>
    </message>
    <message>
        <source>%1 is a saved run: run options and --compare do not apply to it</source>
        <translation>%1 是已保存的运行：运行选项和 --compare 对它不适用</translation>
    </message>
    <message>
        <source>%1 is an option of the window; %2 does not take it</source>
        <translation>%1 是窗口的选项；%2 不接受它</translation>
    </message>
    <message>
        <source>Comparing with saved runs:
  --compare-with FILE        compare with every run saved in FILE (repeatable), with a live
                             run or --open: drawn on the same time axis (window, --screenshot),
                             rows in the comparison CSV (last column &quot;source&quot;: the file),
                             summary lines with &quot;source&quot;, kept by --save; &quot;warning: not
                             comparable: ...&quot; on stderr when the runs differ (tasks, URLs,
                             knobs, Coroscope or Qt version, CPU count). A file that cannot be
                             read or is given twice: exit 2 before anything runs.
  --compare-csv FILE         with --compare-with: the comparison CSV (implies --headless)
  e.g. coroscope --headless --open today.coroscope --compare-with baseline.coroscope
         --compare-csv compare.csv          (a CI check against a saved baseline)
</source>
        <translation>与已保存的运行对比：
  --compare-with 文件        与文件中保存的每个运行对比（可重复），可配合实时运行或 --open：
                             绘制在同一时间轴上（窗口、--screenshot），作为对比 CSV 的行
                             （最后一列 &quot;source&quot;：该文件），摘要行带 &quot;source&quot;，--save 会一并保存；
                             运行之间有差异（任务数、URL、参数、Coroscope 或 Qt 版本、CPU 数）时
                             在标准错误输出 &quot;warning: not comparable: ...&quot;。文件无法读取或重复
                             给出：在任何运行开始前以状态 2 退出。
  --compare-csv 文件         配合 --compare-with：写出对比 CSV（隐含 --headless）
  例如 coroscope --headless --open today.coroscope --compare-with baseline.coroscope
         --compare-csv compare.csv          （在 CI 中与已保存的基线对比）
</translation>
    </message>
    <message>
        <source>cannot make the embedded server&apos;s certificate: %1</source>
        <translation>无法生成内置服务器的证书：%1</translation>
    </message>
    <message>
        <source>the certificate is not kept for next time: %1</source>
        <translation>证书无法保留到下次使用：%1</translation>
    </message>
    <message>
        <source>cannot start the embedded server: %1</source>
        <translation>无法启动内置服务器：%1</translation>
    </message>
    <message>
        <source>--compare-with %1: that run is already in the comparison</source>
        <translation>--compare-with %1：该运行已在对比中</translation>
    </message>
    <message>
        <source>--compare-with %1: a comparison holds at most %2 saved runs</source>
        <translation>--compare-with %1：一次对比最多容纳 %2 个已保存的运行</translation>
    </message>
    <message>
        <source>warning: not comparable: %1</source>
        <translation>警告：不可比较：%1</translation>
    </message>
    <message>
        <source>%1 %2 would overwrite the input %3 %4</source>
        <translation>%1 %2 会覆盖输入 %3 %4</translation>
    </message>
    <message>
        <source>%1 %2 and %3 %4 name the same file: each output needs its own</source>
        <translation>%1 %2 与 %3 %4 指向同一个文件：每个输出都需要各自的文件</translation>
    </message>
    <message>
        <source>--window-size %1 is too small: the smallest is %2x%3</source>
        <translation>--window-size %1 太小：最小为 %2x%3</translation>
    </message>
    <message>
        <source>--window-size %1 is too large: the largest is %2x%3</source>
        <translation>--window-size %1 太大：最大为 %2x%3</translation>
    </message>
    <message>
        <source>unknown language &quot;%1&quot;: available are %2</source>
        <translation>未知语言“%1”：可用的有 %2</translation>
    </message>
    <message>
        <source>Checks before anything runs (exit status 2):
  --screenshot, --window-size, --playhead-ms, --row-height, --select-task, --find and --theme
  are the window&apos;s: --headless and --serve refuse them. An output option (--csv, --har, --save,
  ...) without --headless implies it. Every output is checked first: its folder must exist and
  take a file (not read-only), it must not be a directory, and no two options may name one file
  (an output over another or over an input, e.g. --open R --csv R; links count).
  --language takes en or zh_CN.
Signals: SIGINT, SIGTERM and SIGHUP stop a headless run; its summary (&quot;stopped&quot;:true) and files
are still written, and the exit status is 128 + the signal (130, 143, 129).
</source>
        <translation>运行前的检查（退出状态 2）：
  --screenshot、--window-size、--playhead-ms、--row-height、--select-task、--find 和 --theme
  属于窗口：--headless 和 --serve 拒绝它们。不带 --headless 的输出选项（--csv、--har、--save
  等）隐含 --headless。每个输出都会先检查：其文件夹必须存在且能写入文件（不是只读），它不能
  是目录，任何两个选项也不能指向同一个文件（一个输出覆盖另一个输出或输入，例如
  --open R --csv R；链接也算）。
  --language 接受 en 或 zh_CN。
信号：SIGINT、SIGTERM 和 SIGHUP 会停止无窗口运行；其摘要（&quot;stopped&quot;:true）和文件仍会写出，
退出状态为 128 + 信号编号（130、143、129）。
</translation>
    </message>
    <message>
        <source>%1 needs --headless (a screenshot saves only its image)</source>
        <translation>%1 需要配合 --headless 使用（截图只保存其图像）</translation>
    </message>
    <message>
        <source>%1 writes a run&apos;s file; --serve runs nothing</source>
        <translation>%1 会写出运行的文件；--serve 不执行任何运行</translation>
    </message>
    <message>
        <source>interrupted: stopping the program</source>
        <translation>已中断：正在停止程序</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 分 %2 秒</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分</translation>
    </message>
    <message>
        <source>sweep: %1 = %2 x %3 x %4 repeat(s): %5 runs, about %6
</source>
        <translation>扫描：%1 = %2 x %3 x %4 次重复：共 %5 次运行，预计约 %6
</translation>
    </message>
    <message>
        <source>took %1</source>
        <translation>用时 %1</translation>
    </message>
    <message>
        <source>about %1 left</source>
        <translation>预计还剩 %1</translation>
    </message>
    <message>
        <source>sweep: %1/%2 runs, %3
</source>
        <translation>扫描：%1/%2 次运行，%3
</translation>
    </message>
    <message>
        <source>
interrupted: stopping the sweep (the runs done are kept)
</source>
        <translation>
已中断：正在停止扫描（已完成的运行会保留）
</translation>
    </message>
    <message>
        <source>--sweep-csv: %1 is not a sweep</source>
        <translation>--sweep-csv：%1 不是扫描</translation>
    </message>
    <message>
        <source>--compare-with does not apply to a sweep</source>
        <translation>--compare-with 不适用于扫描</translation>
    </message>
    <message>
        <source>--sweep is given twice: a sweep varies one knob</source>
        <translation>--sweep 给出了两次：一次扫描只改变一个参数</translation>
    </message>
    <message>
        <source>--repeat needs --sweep</source>
        <translation>--repeat 需要配合 --sweep 使用</translation>
    </message>
    <message>
        <source>--sweep-csv needs --sweep (or --open of a saved sweep)</source>
        <translation>--sweep-csv 需要配合 --sweep 使用（或用 --open 打开已保存的扫描）</translation>
    </message>
    <message>
        <source>--sweep runs a workload: it does not apply to a saved run (%1)</source>
        <translation>--sweep 会运行工作负载：它不适用于已保存的运行（%1）</translation>
    </message>
    <message>
        <source>%1 writes one run&apos;s file; a sweep writes --sweep-csv and --save (its runs, each one opens in the window)</source>
        <translation>%1 只写出单个运行的文件；扫描会写出 --sweep-csv 和 --save（其中的每个运行都可在窗口中打开）</translation>
    </message>
    <message>
        <source>a sweep of %1 runs is more than %2: fewer values, strategies or repeats</source>
        <translation>%1 次运行的扫描超过了 %2 次：请减少取值、策略或重复次数</translation>
    </message>
    <message>
        <source>&quot;--&quot; starts the program to record and needs --record before it, e.g. coroscope --record -- python3 prog.py</source>
        <translation>&quot;--&quot; 之后是要录制的程序，它前面需要有 --record，例如 coroscope --record -- python3 prog.py</translation>
    </message>
    <message>
        <source>--record needs the program after &quot;--&quot;, e.g. coroscope --record -- python3 prog.py</source>
        <translation>--record 需要在 &quot;--&quot; 之后给出程序，例如 coroscope --record -- python3 prog.py</translation>
    </message>
    <message>
        <source>--record and --serve cannot be combined</source>
        <translation>--record 与 --serve 不能同时使用</translation>
    </message>
    <message>
        <source>--record records a program; it does not open %1</source>
        <translation>--record 录制的是程序；它不会打开 %1</translation>
    </message>
    <message>
        <source>run options and --compare do not apply to --record (the program is the workload)</source>
        <translation>运行选项和 --compare 对 --record 不适用（程序本身就是工作负载）</translation>
    </message>
    <message>
        <source>Usage: coroscope [options]

Coroscope makes coroutine scheduling visible: it runs HTTP workloads as QCoro coroutines on a
Qt event loop and records when every task is pending, running, suspended and finished.

Modes:
  coroscope                      open the window (the embedded server&apos;s /delay/1 x 10 is ready)
  coroscope --headless [opts]    run a workload without a window; last stdout line is JSON
  coroscope --serve [--port N] [--server-capacity K] [--tls]
                                 only the embedded test server, until interrupted
  coroscope --screenshot FILE [opts]
                                 open the window, run (or open a run file), save a PNG, exit
  --window-size WxH              the window&apos;s size, e.g. 1024x700 (screenshots: 1400x900)
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
                             speed-up&apos;s baseline; without it: a sequential run compared, or
                             the embedded server&apos;s queue report, or none)
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
  --save FILE                write the run (every strategy&apos;s with --compare) as a run file
                             (.coroscope) that the window and --open read back

Run files:
  coroscope FILE.coroscope       open a saved run in the window (also --open FILE)
  coroscope FILE.csrec           open a program&apos;s recording the same way (known by its
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
</source>
        <translation>用法：coroscope [选项]

Coroscope 让协程调度变得可见：它把 HTTP 工作负载作为 QCoro 协程在 Qt 事件循环上运行，
并记录每个任务何时处于等待中、运行中、已挂起和已完成。

模式：
  coroscope                      打开窗口（内置服务器的 /delay/1 x 10 已就绪）
  coroscope --headless [选项]    无窗口运行工作负载；标准输出的最后一行是 JSON
  coroscope --serve [--port N] [--server-capacity K] [--tls]
                                 只运行内置测试服务器，直到被中断
  coroscope --screenshot 文件 [选项]
                                 打开窗口，运行（或打开运行文件），保存 PNG 后退出
  --window-size WxH              窗口大小，例如 1024x700（截图：1400x900）
  --playhead-ms N                截图：运行开始后 N 毫秒时的循环状态面板

运行选项：
  --url URL                  要获取的 URL（可重复）；默认：内置服务器的 /delay/1
  --urls-file 文件           URL 列表，每行一个（# 开始注释）
  --tasks N                  任务数，1-100000（默认 10）
  --strategy 名称            async（默认）、sequential、blocking、wrapped-blocking、threads
  --workers W                threads 策略的工作线程数（默认 8）
  --concurrency N            最多同时进行的任务数，0 = 不限（默认 0）
  --connections-per-host N   0 = 不限（默认 0）
  --timeout-ms N             每个请求的超时，0 = 不设超时（默认 30000）
  --max-body-bytes N         响应体超过此长度时任务以错误结束（默认 1073741824）；
                             响应体按传输的字节计数，从不保存或解压
  --tls                      内置服务器提供 https（其证书在首次启动时为 127.0.0.1、::1 和
                             localhost 生成，并被各次运行信任）；默认工作负载变为
                             https://127.0.0.1:PORT/delay/1
  --ca-file 文件             对 https 还信任该文件中的 PEM 证书
  --insecure                 接受任何 https 证书（不做任何校验；会在摘要和诊断中注明）
  --no-alone-measurement     运行前不再单独获取每个不同的 URL 各一次（加速比的基准；
                             没有它时：用对比中的顺序运行，或内置服务器的排队报告，
                             或者没有基准）
  --server-capacity K        内置服务器最多同时处理 K 个请求，0 = 不限
  --port N                   内置服务器端口（默认 8765；被占用时改用空闲端口）
  --csv 文件                 写出任务 CSV
  --segments-csv 文件        写出时间段 CSV
  --chrome-trace 文件        将运行写为 Chrome trace JSON（chrome://tracing、Perfetto）
  --chrome-trace-tracks T    auto（默认：每个任务一条轨道，超过 1000 个任务时用 lanes）、
                             tasks 或 lanes（任务紧凑排布在可复用的轨道上）
  --har 文件                 将请求写为 HAR 1.2（浏览器开发者工具、HAR 查看器）
  --compare 列表             依次运行逗号分隔列表中的每个策略
  --compare-csv 文件         写出对比 CSV（配合 --compare 或 --open）
  --save 文件                将运行（配合 --compare 时为每个策略的运行）写为运行文件
                             （.coroscope），窗口和 --open 可以读回

运行文件：
  coroscope 文件.coroscope       在窗口中打开已保存的运行（也可用 --open 文件）
  coroscope 文件.csrec           以同样方式打开程序的录制（按文件开头的字节识别，
                                 与文件名无关）
  coroscope --headless --open 文件 [--csv F] [--segments-csv F] [--chrome-trace F] [--har F]
                           [--compare-csv F] [--save F]
                                 无窗口转换已保存的运行；打印其摘要
  --language 代码            界面语言，例如 en 或 zh_CN
  --row-height PX            窗口：时间线行高，从 1（密集）到完整高度
  --select-task N            窗口：选中任务 N（其详情显示在“详情”停靠窗口中）
  --find 文本                窗口：在时间线中搜索文本（URL、错误、await 标签）
  -h, --help                 本帮助
  --version                  版本

退出状态：运行完成时为 0（即使有请求失败）；输出文件无法写入或服务器无法启动时为 1；
参数错误或运行文件无法打开时为 2。
</translation>
    </message>
    <message>
        <source>Sweeps (how a result grows with one knob):
  --sweep KNOB=VALUES        run the workload once per value of KNOB: tasks, concurrency,
                             connections-per-host, server-capacity, delay (the seconds N of
                             the embedded server&apos;s /delay/N URLs), workers or timeout-ms;
                             VALUES a list (1,10,100) or ranges: A..B (every whole number),
                             A..B+S (step S), A..B*F (geometric: 1..1000*10 = 1,10,100,1000)
  --compare LIST             with --sweep: every value runs each strategy
  --repeat R                 each point R times (1-100; median and spread)
  --sweep-csv FILE           one row per strategy x value x repeat
  --save FILE                the whole sweep, every run, as one run file (opens as a sweep)
  Each point&apos;s JSON summary goes to stdout as it lands (&quot;sweep_knob&quot;, &quot;sweep_value&quot;,
  &quot;sweep_repeat&quot;); the last line is the sweep&apos;s. The expected time is said before it starts.
  e.g. coroscope --headless --sweep tasks=1..1000*10 --compare async,sequential --repeat 3
         --sweep-csv sweep.csv
</source>
        <translation>扫描（结果如何随某一个参数增长）：
  --sweep 参数=取值          对参数的每个取值运行一次工作负载：tasks、concurrency、
                             connections-per-host、server-capacity、delay（内置服务器
                             /delay/N URL 中的秒数 N）、workers 或 timeout-ms；
                             取值为列表（1,10,100）或范围：A..B（每个整数）、
                             A..B+S（步长 S）、A..B*F（几何级数：1..1000*10 = 1,10,100,1000）
  --compare 列表             配合 --sweep：每个取值都运行每个策略
  --repeat R                 每个点运行 R 次（1-100；取中位数和离散范围）
  --sweep-csv 文件           每个“策略 x 取值 x 重复”组合一行
  --save 文件                整个扫描（含每次运行）保存为一个运行文件（以扫描形式打开）
  每个点完成时，其 JSON 摘要即输出到标准输出（&quot;sweep_knob&quot;、&quot;sweep_value&quot;、
  &quot;sweep_repeat&quot;）；最后一行是整个扫描的摘要。开始前会给出预计耗时。
  例如 coroscope --headless --sweep tasks=1..1000*10 --compare async,sequential --repeat 3
         --sweep-csv sweep.csv
</translation>
    </message>
    <message>
        <source>Reports:
  --report FILE.html         write one self-contained HTML file to share (no network, no other
                             file): the timeline with its legend, the figures, the diagnostics,
                             where the time went, charts, the settings and where it ran; every
                             strategy side by side with --compare, the saved runs with
                             --compare-with, a sweep&apos;s charts and tables with --sweep; of a
                             saved run (or sweep) with --open FILE. In the --language given
                             (else the system&apos;s). Implies --headless.
</source>
        <translation>报告：
  --report 文件.html         写出一个可分享的独立 HTML 文件（无需网络，也不依赖其他
                             文件）：带图例的时间线、各项数据、诊断、时间花在了哪里、图表、
                             设置以及运行环境；配合 --compare 时各策略并排显示，配合
                             --compare-with 时包括已保存的运行，配合 --sweep 时包括扫描的
                             图表和表格；配合 --open 文件 时为已保存的运行（或扫描）生成。
                             使用 --language 指定的语言（否则用系统语言）。隐含 --headless。
</translation>
    </message>
    <message>
        <source>Recording a program (Python asyncio; recorders/FORMAT.md):
  coroscope --record -- CMD [ARGS]
                             start CMD with Coroscope&apos;s recorder loaded and show its tasks live
                             in the window (Output and Source docks); Stop sends SIGINT, then
                             SIGKILL 2 s later
  coroscope --headless --record [--csv F] [--segments-csv F] [--chrome-trace F] [--har F]
            [--save F] -- CMD [ARGS]
                             record without a window: the program&apos;s output passes through to
                             stderr, the summary (with &quot;program_exit&quot;) is the last stdout line;
                             SIGINT/SIGTERM stop the program and everything is still written.
                             Exit status: 0, 1 when a file could not be written, 2 when the
                             command cannot start; the program&apos;s own is in &quot;program_exit&quot;
</source>
        <translation>录制程序（Python asyncio；见 recorders/FORMAT.md）：
  coroscope --record -- CMD [ARGS]
                             启动 CMD 并加载 Coroscope 的录制器，在窗口中实时显示其任务
                             （“输出”和“源代码”停靠窗口）；“停止”会先发送 SIGINT，2 秒后
                             再发送 SIGKILL
  coroscope --headless --record [--csv F] [--segments-csv F] [--chrome-trace F] [--har F]
            [--save F] -- CMD [ARGS]
                             无窗口录制：程序的输出会透传到标准错误，摘要（含
                             &quot;program_exit&quot;）是标准输出的最后一行；SIGINT/SIGTERM 会停止
                             程序，所有文件仍会写出。
                             退出状态：0；文件无法写入时为 1；命令无法启动时为 2；程序自身的
                             退出状态在 &quot;program_exit&quot; 中
</translation>
    </message>
</context>
<context>
    <name>ComparedRuns</name>
    <message>
        <source>unlimited</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>no timeout</source>
        <translation>无超时</translation>
    </message>
    <message>
        <source>no URL</source>
        <translation>无 URL</translation>
    </message>
    <message>
        <source>%1 and %2 more</source>
        <translation>%1 等另外 %2 个</translation>
    </message>
    <message>
        <source>%1 vs %2 here</source>
        <translation>%1，此处为 %2</translation>
    </message>
    <message>
        <source>%1 vs %2 in %3</source>
        <translation>%1，%3 中为 %2</translation>
    </message>
    <message>
        <source>%1 tasks</source>
        <translation>%1 个任务</translation>
    </message>
    <message>
        <source>URLs %1</source>
        <translation>URL %1</translation>
    </message>
    <message>
        <source>concurrency %1</source>
        <translation>并发上限 %1</translation>
    </message>
    <message>
        <source>connections per host %1</source>
        <translation>每主机连接数 %1</translation>
    </message>
    <message>
        <source>timeout %1</source>
        <translation>超时 %1</translation>
    </message>
    <message>
        <source>%1 workers</source>
        <translation>%1 个工作线程</translation>
    </message>
    <message>
        <source>max body %1 bytes</source>
        <translation>响应体上限 %1 字节</translation>
    </message>
    <message>
        <source>server capacity %1</source>
        <translation>服务器容量 %1</translation>
    </message>
    <message>
        <source>certificates not checked</source>
        <translation>未校验证书</translation>
    </message>
    <message>
        <source>certificates checked</source>
        <translation>校验证书</translation>
    </message>
    <message>
        <source>not checked</source>
        <translation>未校验</translation>
    </message>
    <message>
        <source>checked</source>
        <translation>已校验</translation>
    </message>
    <message>
        <source>Coroscope %1</source>
        <translation>Coroscope %1</translation>
    </message>
    <message>
        <source>Qt %1</source>
        <translation>Qt %1</translation>
    </message>
    <message>
        <source>%1 CPUs</source>
        <translation>%1 个 CPU</translation>
    </message>
    <message>
        <source>recorded on %1</source>
        <translation>录制于 %1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
</context>
<context>
    <name>Coroscope</name>
    <message>
        <source>cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>timed out</source>
        <translation>已超时</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>empty URL</source>
        <translation>URL 为空</translation>
    </message>
    <message>
        <source>&quot;%1&quot; has no scheme; write http:// or https://</source>
        <translation>“%1”缺少协议；请写上 http:// 或 https://</translation>
    </message>
    <message>
        <source>&quot;%1&quot; uses %2:, only http and https are supported</source>
        <translation>“%1”使用了 %2: 协议，仅支持 http 和 https</translation>
    </message>
    <message>
        <source>no URL to fetch</source>
        <translation>没有要获取的 URL</translation>
    </message>
    <message>
        <source>task count %1 is outside 1-%2</source>
        <translation>任务数 %1 不在 1-%2 范围内</translation>
    </message>
    <message>
        <source>concurrency %1 is negative</source>
        <translation>并发上限 %1 为负数</translation>
    </message>
    <message>
        <source>connections per host %1 is negative</source>
        <translation>每主机连接数 %1 为负数</translation>
    </message>
    <message>
        <source>timeout %1 ms is negative</source>
        <translation>超时 %1 毫秒为负数</translation>
    </message>
    <message>
        <source>worker count %1 is outside 1-1000</source>
        <translation>工作线程数 %1 不在 1-1000 范围内</translation>
    </message>
    <message>
        <source>cannot write %1: the window could not be encoded as PNG</source>
        <translation>无法写入 %1：窗口图像无法编码为 PNG</translation>
    </message>
    <message>
        <source>cannot start the run for the screenshot
</source>
        <translation>无法为截图启动运行
</translation>
    </message>
    <message>
        <source>cannot start the embedded server: %1
</source>
        <translation>无法启动内置服务器：%1
</translation>
    </message>
    <message>
        <source>Embedded server not running</source>
        <translation>内置服务器未运行</translation>
    </message>
    <message>
        <source>The embedded test server could not start: %1</source>
        <translation>内置测试服务器无法启动：%1</translation>
    </message>
    <message>
        <source>a symbolic link owned by another user in a shared directory</source>
        <translation>共享目录中属于其他用户的符号链接</translation>
    </message>
    <message>
        <source>not a regular file</source>
        <translation>不是普通文件</translation>
    </message>
    <message>
        <source>body larger than %1 bytes</source>
        <translation>响应体超过 %1 字节</translation>
    </message>
    <message>
        <source>invalid Content-Length header &quot;%1&quot;</source>
        <translation>无效的 Content-Length 头“%1”</translation>
    </message>
    <message>
        <source>conflicting Content-Length headers (%1 and %2)</source>
        <translation>相互矛盾的 Content-Length 头（%1 和 %2）</translation>
    </message>
    <message>
        <source>both Content-Length and Transfer-Encoding: %1 (the body length is ambiguous)</source>
        <translation>同时带有 Content-Length 和 Transfer-Encoding: %1（响应体长度不明确）</translation>
    </message>
    <message>
        <source>invalid HTTP status %1</source>
        <translation>无效的 HTTP 状态 %1</translation>
    </message>
    <message>
        <source>body ended after %1 of %2 bytes</source>
        <translation>响应体在 %2 字节中的第 %1 字节处就结束了</translation>
    </message>
    <message>
        <source>HTTP %1</source>
        <translation>HTTP %1</translation>
    </message>
    <message>
        <source>HTTP %1 %2</source>
        <translation>HTTP %1 %2</translation>
    </message>
    <message>
        <source>the connection closed before the body ended (%1 bytes received)</source>
        <translation>响应体结束之前连接就已关闭（已收到 %1 字节）</translation>
    </message>
    <message>
        <source> (no reason given by Qt, error %1)</source>
        <translation>（Qt 未给出原因，错误 %1）</translation>
    </message>
    <message>
        <source>the reply ended at an interim response (HTTP %1): Qt 6.4 does not read a final response after it</source>
        <translation>回复停在了一个临时响应（HTTP %1）上：Qt 6.4 不会读取其后的最终响应</translation>
    </message>
    <message>
        <source>certificate is self-signed</source>
        <translation>证书是自签名的</translation>
    </message>
    <message>
        <source>certificate chain ends in an untrusted self-signed certificate</source>
        <translation>证书链以一个不受信任的自签名证书结尾</translation>
    </message>
    <message>
        <source>host name mismatch</source>
        <translation>主机名不匹配</translation>
    </message>
    <message>
        <source>host name mismatch (the certificate is for %1)</source>
        <translation>主机名不匹配（该证书是颁发给 %1 的）</translation>
    </message>
    <message>
        <source>certificate has expired (on %1)</source>
        <translation>证书已过期（于 %1）</translation>
    </message>
    <message>
        <source>certificate is not valid yet (from %1)</source>
        <translation>证书尚未生效（自 %1 起生效）</translation>
    </message>
    <message>
        <source>certificate is signed by an unknown authority</source>
        <translation>证书由未知的颁发机构签名</translation>
    </message>
    <message>
        <source>certificate is not trusted</source>
        <translation>证书不受信任</translation>
    </message>
    <message>
        <source>certificate has been revoked</source>
        <translation>证书已被吊销</translation>
    </message>
    <message>
        <source>the server sent no certificate</source>
        <translation>服务器未发送证书</translation>
    </message>
    <message>
        <source>TLS: %1</source>
        <translation>TLS：%1</translation>
    </message>
    <message>
        <source>the URL has no host</source>
        <translation>URL 中没有主机</translation>
    </message>
    <message>
        <source>unterminated IPv6 address (a &apos;]&apos; is missing)</source>
        <translation>未结束的 IPv6 地址（缺少“]”）</translation>
    </message>
    <message>
        <source>unexpected text after the IPv6 address</source>
        <translation>IPv6 地址之后有多余的文本</translation>
    </message>
    <message>
        <source>a host name cannot contain &apos;%1&apos;</source>
        <translation>主机名不能包含“%1”</translation>
    </message>
    <message>
        <source>the port &quot;%1&quot; is not a number</source>
        <translation>端口“%1”不是数字</translation>
    </message>
    <message>
        <source>port %1 is outside 1-65535</source>
        <translation>端口 %1 不在 1-65535 范围内</translation>
    </message>
    <message>
        <source>a URL cannot contain spaces (write %20 for one)</source>
        <translation>URL 不能包含空格（空格请写作 %20）</translation>
    </message>
    <message>
        <source>write %1:// before the host</source>
        <translation>请在主机前写上 %1://</translation>
    </message>
    <message>
        <source>a &apos;%&apos; must start a %XX escape (write %25 for a percent sign)</source>
        <translation>“%”必须作为 %XX 转义序列的开头（百分号本身请写作 %25）</translation>
    </message>
    <message>
        <source>a URL cannot contain &apos;%1&apos; there</source>
        <translation>URL 的此处不能包含“%1”</translation>
    </message>
    <message>
        <source>the host name is not valid</source>
        <translation>主机名无效</translation>
    </message>
    <message>
        <source>this is not a valid URL</source>
        <translation>这不是有效的 URL</translation>
    </message>
    <message>
        <source>unknown OpenSSL error</source>
        <translation>未知的 OpenSSL 错误</translation>
    </message>
    <message>
        <source>the certificate is not PEM</source>
        <translation>证书不是 PEM 格式</translation>
    </message>
    <message>
        <source>the private key is not PEM</source>
        <translation>私钥不是 PEM 格式</translation>
    </message>
    <message>
        <source>the private key does not belong to the certificate</source>
        <translation>私钥与证书不匹配</translation>
    </message>
    <message>
        <source>the certificate expires within a day</source>
        <translation>证书将在一天内过期</translation>
    </message>
    <message>
        <source>the certificate is not valid yet</source>
        <translation>证书尚未生效</translation>
    </message>
    <message>
        <source>the certificate does not name 127.0.0.1 and localhost</source>
        <translation>证书中未包含 127.0.0.1 和 localhost</translation>
    </message>
    <message>
        <source>a certificate needs at least one host name</source>
        <translation>证书至少需要一个主机名</translation>
    </message>
    <message>
        <source>cannot create %1</source>
        <translation>无法创建 %1</translation>
    </message>
    <message>
        <source>no certificate for https</source>
        <translation>没有用于 https 的证书</translation>
    </message>
    <message>
        <source>the server certificate is not a PEM certificate</source>
        <translation>服务器证书不是 PEM 证书</translation>
    </message>
    <message>
        <source>the server&apos;s private key is not a PEM key</source>
        <translation>服务器的私钥不是 PEM 密钥</translation>
    </message>
    <message>
        <source>the private key does not belong to the server certificate</source>
        <translation>私钥与服务器证书不匹配</translation>
    </message>
    <message>
        <source>the client closed the connection</source>
        <translation>客户端关闭了连接</translation>
    </message>
    <message>
        <source>the embedded server serves no https: %1
</source>
        <translation>内置服务器无法提供 https：%1
</translation>
    </message>
    <message>
        <source>the server certificate is not kept for next time: %1
</source>
        <translation>服务器证书无法保留到下次使用：%1
</translation>
    </message>
    <message>
        <source>TLS handshake failed: the server did not answer in TLS (is it an http:// port?)</source>
        <translation>TLS 握手失败：服务器没有以 TLS 应答（它是 http:// 端口吗？）</translation>
    </message>
    <message>
        <source>no file name</source>
        <translation>没有文件名</translation>
    </message>
    <message>
        <source>HTTP %1 redirects to &quot;%2&quot;, which is not a valid URL</source>
        <translation>HTTP %1 重定向到“%2”，这不是有效的 URL</translation>
    </message>
    <message>
        <source>HTTP %1 redirects to %2: only http and https URLs are followed</source>
        <translation>HTTP %1 重定向到 %2：只跟随 http 和 https URL</translation>
    </message>
    <message>
        <source>HTTP %1 redirects from https to %2: a less safe redirect is not followed</source>
        <translation>HTTP %1 从 https 重定向到 %2：不跟随安全性更低的重定向</translation>
    </message>
    <message>
        <source>redirect loop: request %1 was redirected (HTTP %2) back to %3, which this task had already requested</source>
        <translation>重定向循环：请求 %1 被重定向（HTTP %2）回到该任务已请求过的 %3</translation>
    </message>
    <message>
        <source>too many redirects: %1 requests redirected, the limit is %2 (HTTP %3 to %4 not followed)</source>
        <translation>重定向过多：已有 %1 个请求被重定向，上限为 %2（未跟随 HTTP %3 到 %4 的重定向）</translation>
    </message>
    <message>
        <source>the certificate is not a server certificate</source>
        <translation>该证书不是服务器证书</translation>
    </message>
    <message>
        <source>%1 could be read by other users (mode %2)</source>
        <translation>%1 可被其他用户读取（权限 %2）</translation>
    </message>
    <message>
        <source>%1 belongs to another user</source>
        <translation>%1 属于其他用户</translation>
    </message>
    <message>
        <source>%1: a new key and certificate were made</source>
        <translation>%1：已生成新的密钥和证书</translation>
    </message>
</context>
<context>
    <name>Coroscope::CompareBands</name>
    <message>
        <source>speed-up %1×</source>
        <translation>加速比 %1×</translation>
    </message>
    <message>
        <source>strategy</source>
        <translation>策略</translation>
    </message>
    <message>
        <source>%1 wall</source>
        <translation>总耗时 %1</translation>
    </message>
    <message>
        <source>at %1</source>
        <translation>于 %1</translation>
    </message>
    <message>
        <source>Event loop busy: a task is running on it</source>
        <translation>事件循环忙碌：有任务正在其上运行</translation>
    </message>
    <message>
        <source>Event loop idle: free to run any ready task</source>
        <translation>事件循环空闲：可以运行任何就绪的任务</translation>
    </message>
    <message>
        <source>done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Task %1: %2</source>
        <translation>任务 %1：%2</translation>
    </message>
    <message>
        <source>not created yet</source>
        <translation>尚未创建</translation>
    </message>
    <message>
        <source>Tasks %1-%2: %3</source>
        <translation>任务 %1-%2：%3</translation>
    </message>
    <message>
        <source>%1 of %2 ok</source>
        <translation>%2 个中 %1 个成功</translation>
    </message>
    <message>
        <source>stopped after %1</source>
        <translation>%1 后停止</translation>
    </message>
    <message>
        <source>speed-up –</source>
        <translation>加速比 –</translation>
    </message>
    <message>
        <source>Stopped after %1: no speed-up for a run cut short</source>
        <translation>%1 后停止：被中途停止的运行没有加速比</translation>
    </message>
    <message>
        <source>Wall time %1, one after another %2, speed-up %3</source>
        <translation>总耗时 %1，逐个依次运行 %2，加速比 %3</translation>
    </message>
    <message>
        <source>Average tasks in flight: %1</source>
        <translation>平均进行中任务数：%1</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>From the saved run %1</source>
        <translation>来自已保存的运行 %1</translation>
    </message>
    <message>
        <source>Nothing compared yet. Run &gt; Compare… (Ctrl+Shift+R) runs the run panel&apos;s workload under each strategy you choose and shows them here, side by side on one time axis; Add Saved Run… puts a saved run beside them.</source>
        <translation>尚未进行对比。运行 &gt; 对比…（Ctrl+Shift+R）会以你选择的每个策略运行运行面板中的工作负载，并在这里的同一时间轴上并排显示；添加已保存的运行… 可把已保存的运行放在它们旁边。</translation>
    </message>
</context>
<context>
    <name>Coroscope::CompareWidget</name>
    <message>
        <source>Wall time (s)</source>
        <translation>总耗时（秒）</translation>
    </message>
    <message>
        <source>Speed-up (×)</source>
        <translation>加速比（×）</translation>
    </message>
    <message>
        <source>strategy</source>
        <translation>策略</translation>
    </message>
    <message>
        <source>tasks</source>
        <translation>任务数</translation>
    </message>
    <message>
        <source>ok</source>
        <translation>成功</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>wall ms</source>
        <translation>总耗时 毫秒</translation>
    </message>
    <message>
        <source>sum ms</source>
        <translation>耗时之和 毫秒</translation>
    </message>
    <message>
        <source>max task ms</source>
        <translation>最长任务 毫秒</translation>
    </message>
    <message>
        <source>speed-up</source>
        <translation>加速比</translation>
    </message>
    <message>
        <source>lag max ms</source>
        <translation>最大延迟 毫秒</translation>
    </message>
    <message>
        <source>Tasks that did not end ok: errors, timeouts, cancellations</source>
        <translation>未成功结束的任务：错误、超时和取消</translation>
    </message>
    <message>
        <source>How late a 10 ms timer on the event loop fired at worst: how long the loop was blocked</source>
        <translation>事件循环上 10 毫秒定时器最多迟到多久触发：即循环被阻塞了多久</translation>
    </message>
    <message>
        <source>%1 · stopped, left out: %2</source>
        <translation>%1 · 已停止、未列入：%2</translation>
    </message>
    <message>
        <source>%1 (stopped)</source>
        <translation>%1（已停止）</translation>
    </message>
    <message>
        <source>Stopped after %1: its tasks were cut short, so it has no speed-up and its wall time is not what the strategy costs</source>
        <translation>%1 后停止：其任务被中途打断，因此没有加速比，其总耗时也不代表该策略的开销</translation>
    </message>
    <message>
        <source>What the tasks that got a response would cost one after another: each one&apos;s time from admission to finish, minus what the server reports it kept the request queued</source>
        <translation>得到响应的任务逐个依次运行所需的时间：每个任务从准入到完成的时间，减去服务器报告的该请求排队时间</translation>
    </message>
    <message>
        <source>One after another divided by wall time; – for a stopped run or before any response</source>
        <translation>逐个依次运行的耗时除以总耗时；运行被停止或尚无任何响应时为 –</translation>
    </message>
    <message>
        <source>⚠ Not comparable: %1</source>
        <translation>⚠ 不可比较：%1</translation>
    </message>
    <message>
        <source>Add the runs of saved .coroscope files to this comparison, on the same time axis (or drop files here)</source>
        <translation>把已保存的 .coroscope 文件中的运行加入本次对比，绘制在同一时间轴上（也可以把文件拖放到这里）</translation>
    </message>
    <message>
        <source>%1 ✕</source>
        <translation>%1 ✕</translation>
    </message>
    <message>
        <source>Remove the runs of %1 from the comparison</source>
        <translation>从对比中移除 %1 的运行</translation>
    </message>
    <message>
        <source>this run</source>
        <translation>本次运行</translation>
    </message>
    <message>
        <source>source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Where the run comes from: this run, or the saved file it was added from</source>
        <translation>运行的来源：本次运行，或添加它的已保存文件</translation>
    </message>
    <message>
        <source>Add Saved Run…</source>
        <translation>添加已保存的运行…</translation>
    </message>
    <message>
        <source>Compared with:</source>
        <translation>对比对象：</translation>
    </message>
</context>
<context>
    <name>Coroscope::ConceptsPanel</name>
    <message>
        <source>Event loop</source>
        <translation>事件循环</translation>
    </message>
    <message>
        <source>Coroutine</source>
        <translation>协程</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Future</source>
        <translation>Future（未来对象）</translation>
    </message>
    <message>
        <source>await</source>
        <translation>await</translation>
    </message>
    <message>
        <source>Done callback</source>
        <translation>完成回调</translation>
    </message>
    <message>
        <source>Blocking calls</source>
        <translation>阻塞调用</translation>
    </message>
    <message>
        <source>Threads vs coroutines</source>
        <translation>线程与协程</translation>
    </message>
    <message>
        <source>Server capacity</source>
        <translation>服务器容量</translation>
    </message>
    <message>
        <source>One thread runs a loop: it takes the next piece of work that is ready, runs it until it gives control back, and repeats. Only one coroutine runs on a loop at a time: coroutines overlap their &lt;i&gt;waiting&lt;/i&gt;, not their running. Each run here has its own loop on a scheduler thread, so a run that blocks its loop never freezes this window.</source>
        <translation>一个线程运行一个循环：取出下一项已就绪的工作，运行到它交还控制权为止，然后重复。同一时刻一个循环上只有一个协程在运行：协程重叠的是它们的&lt;i&gt;等待&lt;/i&gt;，而不是运行。这里的每次运行都在调度线程上拥有自己的循环，因此即使某次运行阻塞了它的循环，也不会让本窗口卡住。</translation>
    </message>
    <message>
        <source>A function that can pause at an &lt;code&gt;await&lt;/code&gt; and later resume where it left off, its local variables intact. In Python, calling a coroutine function only creates a coroutine object: nothing runs until it is awaited or wrapped in a task. QCoro 0.8 tasks start &lt;i&gt;eagerly&lt;/i&gt; instead: the body runs up to its first &lt;code&gt;co_await&lt;/code&gt; as soon as it is called. Coroscope therefore holds each task at an admission await, so that its pending time is real.</source>
        <translation>一种可以在 &lt;code&gt;await&lt;/code&gt; 处暂停、之后从暂停处继续执行的函数，其局部变量保持不变。在 Python 中，调用协程函数只会创建一个协程对象：在被 await 或包装成任务之前，什么都不会运行。QCoro 0.8 的任务则是&lt;i&gt;立即启动&lt;/i&gt;的：一经调用，函数体就会运行到第一个 &lt;code&gt;co_await&lt;/code&gt;。因此 Coroscope 让每个任务先停在一个准入 await 上，使它的等待时间真实可信。</translation>
    </message>
    <message>
        <source>Each row of the timeline is one coroutine; the grey span at its start is the time it existed but had not started running.</source>
        <translation>时间线的每一行是一个协程；行首的灰色区段表示它已存在但尚未开始运行的时间。</translation>
    </message>
    <message>
        <source>A coroutine handed to the loop to drive alongside the others: &lt;code&gt;asyncio.create_task(coro)&lt;/code&gt; (or &lt;code&gt;ensure_future&lt;/code&gt;, which also accepts futures) schedules it and returns at once. The strategies &lt;b&gt;async&lt;/b&gt;, &lt;b&gt;blocking&lt;/b&gt; and &lt;b&gt;wrapped-blocking&lt;/b&gt; create every task up front, like calling create_task in a loop; &lt;b&gt;sequential&lt;/b&gt; creates each one only after the previous one has finished.</source>
        <translation>交给循环、与其他协程一同推进的协程：&lt;code&gt;asyncio.create_task(coro)&lt;/code&gt;（或同样接受 future 的 &lt;code&gt;ensure_future&lt;/code&gt;）会安排它运行并立即返回。&lt;b&gt;异步&lt;/b&gt;、&lt;b&gt;阻塞&lt;/b&gt; 和 &lt;b&gt;包装的阻塞&lt;/b&gt; 策略会预先创建所有任务，就像在循环中调用 create_task；&lt;b&gt;顺序&lt;/b&gt; 则在前一个任务完成后才创建下一个。</translation>
    </message>
    <message>
        <source>A timeline row: pending (grey) until it gets the loop, then running (orange) and suspended (blue) in turns, ending in its result.</source>
        <translation>时间线上的一行：获得循环之前为等待中（灰色），之后在运行中（橙色）与已挂起（蓝色）之间交替，最后以其结果结束。</translation>
    </message>
    <message>
        <source>A placeholder for a result that arrives later; awaiting it suspends until the result is set. An asyncio Task is a Future that drives a coroutine. In QCoro, &lt;code&gt;QCoro::Task&amp;lt;T&amp;gt;&lt;/code&gt; plays both parts, and a &lt;code&gt;QNetworkReply&lt;/code&gt; is the future of an HTTP response.</source>
        <translation>一个代表稍后才会到来的结果的占位对象；await 它会一直挂起，直到结果被设置。asyncio 的 Task 就是一个驱动协程的 Future。在 QCoro 中，&lt;code&gt;QCoro::Task&amp;lt;T&amp;gt;&lt;/code&gt; 同时扮演这两个角色，而 &lt;code&gt;QNetworkReply&lt;/code&gt; 就是 HTTP 响应的 future。</translation>
    </message>
    <message>
        <source>The end of a row, coloured by the result: green ok, vermillion error, amber timeout, grey cancelled.</source>
        <translation>行的末端按结果着色：绿色为成功，朱红色为错误，琥珀色为超时，灰色为已取消。</translation>
    </message>
    <message>
        <source>&lt;code&gt;await x&lt;/code&gt; (&lt;code&gt;co_await x&lt;/code&gt; in C++) suspends the coroutine until &lt;i&gt;x&lt;/i&gt; completes and gives the loop back meanwhile, so that other tasks can run. It only yields if &lt;i&gt;x&lt;/i&gt; is not ready yet: awaiting something already finished carries straight on.</source>
        <translation>&lt;code&gt;await x&lt;/code&gt;（C++ 中为 &lt;code&gt;co_await x&lt;/code&gt;）会挂起协程直到 &lt;i&gt;x&lt;/i&gt; 完成，并在此期间把循环交还出去，让其他任务得以运行。只有当 &lt;i&gt;x&lt;/i&gt; 尚未就绪时才会让出：await 一个已经完成的对象会直接继续执行。</translation>
    </message>
    <message>
        <source>The blue &lt;b&gt;suspended&lt;/b&gt; spans, labelled with what they wait for: &apos;await reply&apos;, &apos;await connection&apos;, &apos;await concurrency limit&apos;.</source>
        <translation>蓝色的&lt;b&gt;已挂起&lt;/b&gt;区段，标注着它们在等待什么：&apos;await reply&apos;、&apos;await connection&apos;、&apos;await concurrency limit&apos;。</translation>
    </message>
    <message>
        <source>&lt;code&gt;task.add_done_callback(fn)&lt;/code&gt; runs &lt;i&gt;fn&lt;/i&gt; when the task finishes; QCoro&apos;s equivalent is &lt;code&gt;task.then(fn)&lt;/code&gt; or &lt;code&gt;QCoro::connect(task, context, fn)&lt;/code&gt;. &lt;code&gt;asyncio.wait(tasks)&lt;/code&gt; returns once all of them are done.</source>
        <translation>&lt;code&gt;task.add_done_callback(fn)&lt;/code&gt; 会在任务完成时运行 &lt;i&gt;fn&lt;/i&gt;；QCoro 中的对应写法是 &lt;code&gt;task.then(fn)&lt;/code&gt; 或 &lt;code&gt;QCoro::connect(task, context, fn)&lt;/code&gt;。&lt;code&gt;asyncio.wait(tasks)&lt;/code&gt; 会在所有任务完成后返回。</translation>
    </message>
    <message>
        <source>A blocking call such as &lt;code&gt;requests.get&lt;/code&gt; keeps its thread until it returns. Inside &lt;code&gt;async def&lt;/code&gt; it holds the event loop: no other task can start or resume, so ten /delay/5 requests take 50 s, one after another. Wrapping it in another &lt;code&gt;async def&lt;/code&gt; changes nothing: the wrapper has no real suspension point, so awaiting it completes without ever giving the loop back. (&lt;code&gt;await requests.get(url)&lt;/code&gt; even fails: the request runs, blocking, and then its Response is not awaitable.) The cure is an asynchronous client (aiohttp in Python, &lt;code&gt;QNetworkAccessManager&lt;/code&gt; with &lt;code&gt;co_await reply&lt;/code&gt; here) or a thread.</source>
        <translation>像 &lt;code&gt;requests.get&lt;/code&gt; 这样的阻塞调用会一直占用所在线程直到返回。在 &lt;code&gt;async def&lt;/code&gt; 中，它会霸占事件循环：其他任务都无法开始或恢复，于是十个 /delay/5 请求要一个接一个地花上 50 秒。再用一层 &lt;code&gt;async def&lt;/code&gt; 包装也无济于事：包装函数没有真正的挂起点，await 它会一直执行到结束而从不交还循环。（&lt;code&gt;await requests.get(url)&lt;/code&gt; 甚至会出错：请求先阻塞地执行完，然后返回的 Response 并不可 await。）解决办法是使用异步客户端（Python 中的 aiohttp，这里是 &lt;code&gt;QNetworkAccessManager&lt;/code&gt; 配合 &lt;code&gt;co_await reply&lt;/code&gt;）或者使用线程。</translation>
    </message>
    <message>
        <source>Threads let blocking calls overlap: each worker blocks on its own and the operating system switches between them at any moment. Every thread costs memory and context switches, and shared data needs locks. Coroutines share one thread and switch only at an await: thousands are cheap, but a single blocking call stalls them all. For waiting on the network both help; neither makes the server faster.</source>
        <translation>线程能让阻塞调用相互重叠：每个工作线程各自阻塞，由操作系统随时在它们之间切换。每个线程都要占用内存、带来上下文切换，共享数据还需要加锁。协程共享同一个线程，只在 await 处切换：成千上万个也很廉价，但只要有一个阻塞调用，就会让它们全部停下。对于等待网络，两者都有帮助；但都不会让服务器变得更快。</translation>
    </message>
    <message>
        <source>Overlapping requests only helps if the server can answer them at once. A server that handles N requests at a time queues the rest, and the run slows down again. Limits on the client have the same effect: a concurrency limit, a per-host connection limit, or Qt&apos;s own 6 connections per host per QNetworkAccessManager.</source>
        <translation>只有服务器能同时应答时，重叠发出请求才有意义。一次只能处理 N 个请求的服务器会让其余请求排队，运行又会慢下来。客户端的限制也有同样的效果：并发上限、每主机连接数上限，或者 Qt 自身对每个 QNetworkAccessManager 每主机 6 个连接的限制。</translation>
    </message>
    <message>
        <source>Long &apos;await reply&apos; spans when the server queued requests (set the embedded server&apos;s capacity in the run panel); pending spans labelled &apos;await connection&apos; or &apos;await concurrency limit&apos;; the Diagnostics panel reports the server&apos;s queue.</source>
        <translation>服务器让请求排队时会出现很长的 &apos;await reply&apos; 区段（可在运行面板中设置内置服务器的容量）；等待中的区段会标注 &apos;await connection&apos; 或 &apos;await concurrency limit&apos;；诊断面板会报告服务器的排队情况。</translation>
    </message>
    <message>
        <source>On screen:</source>
        <translation>屏幕上：</translation>
    </message>
    <message>
        <source>Show me ›</source>
        <translation>显示给我看 ›</translation>
    </message>
    <message>
        <source>Concepts</source>
        <translation>概念</translation>
    </message>
    <message>
        <source>The words of Python&apos;s asyncio, what they mean with QCoro (the C++ library Coroscope&apos;s coroutines are written with), and where each one shows on screen.</source>
        <translation>Python asyncio 中的术语、它们在 QCoro（Coroscope 的协程所用的 C++ 库）中的含义，以及它们各自在屏幕上的体现。</translation>
    </message>
    <message>
        <source>event loop</source>
        <translation>事件循环</translation>
    </message>
    <message>
        <source>the Qt event loop of the run&apos;s scheduler thread</source>
        <translation>运行所在调度线程的 Qt 事件循环</translation>
    </message>
    <message>
        <source>coroutine function / object</source>
        <translation>协程函数 / 协程对象</translation>
    </message>
    <message>
        <source>a function returning &lt;code&gt;QCoro::Task&amp;lt;T&amp;gt;&lt;/code&gt;</source>
        <translation>返回 &lt;code&gt;QCoro::Task&amp;lt;T&amp;gt;&lt;/code&gt; 的函数</translation>
    </message>
    <message>
        <source>task / future</source>
        <translation>task / future</translation>
    </message>
    <message>
        <source>&lt;code&gt;QCoro::Task&amp;lt;T&amp;gt;&lt;/code&gt; (QCoro 0.8 tasks start eagerly, asyncio coroutines lazily)</source>
        <translation>&lt;code&gt;QCoro::Task&amp;lt;T&amp;gt;&lt;/code&gt;（QCoro 0.8 的任务立即启动，asyncio 的协程则延迟启动）</translation>
    </message>
    <message>
        <source>awaiting every task / a counter that completes when all are done</source>
        <translation>逐个 await 所有任务 / 在全部完成时结束的计数器</translation>
    </message>
    <message>
        <source>&lt;code&gt;requests.get&lt;/code&gt; in &lt;code&gt;async def&lt;/code&gt;</source>
        <translation>&lt;code&gt;async def&lt;/code&gt; 中的 &lt;code&gt;requests.get&lt;/code&gt;</translation>
    </message>
    <message>
        <source>a blocking fetch on the scheduler thread (blocks the loop)</source>
        <translation>在调度线程上进行阻塞获取（会阻塞循环）</translation>
    </message>
    <message>
        <source>aiohttp &lt;code&gt;session.get&lt;/code&gt;</source>
        <translation>aiohttp 的 &lt;code&gt;session.get&lt;/code&gt;</translation>
    </message>
    <message>
        <source>&lt;code&gt;QCoro::sleepFor&lt;/code&gt; (new in 0.8, &lt;code&gt;&amp;lt;QCoroTimer&amp;gt;&lt;/code&gt;)</source>
        <translation>&lt;code&gt;QCoro::sleepFor&lt;/code&gt;（0.8 新增，位于 &lt;code&gt;&amp;lt;QCoroTimer&amp;gt;&lt;/code&gt;）</translation>
    </message>
    <message>
        <source>asyncio and QCoro side by side</source>
        <translation>asyncio 与 QCoro 对照</translation>
    </message>
    <message>
        <source>Coroscope / QCoro</source>
        <translation>Coroscope / QCoro</translation>
    </message>
    <message>
        <source>Strategies &lt;b&gt;blocking&lt;/b&gt; and &lt;b&gt;wrapped-blocking&lt;/b&gt;: long orange spans one after another, the loop busy throughout, seconds of lag. In wrapped-blocking the &apos;await get()&apos; suspension has zero length.</source>
        <translation>&lt;b&gt;阻塞&lt;/b&gt; 和 &lt;b&gt;包装的阻塞&lt;/b&gt; 策略：长长的橙色区段一个接一个，循环始终忙碌，延迟长达数秒。在 wrapped-blocking 中，&apos;await get()&apos; 的挂起长度为零。</translation>
    </message>
    <message>
        <source>Strategy &lt;b&gt;threads&lt;/b&gt;: tasks run on worker threads while the loop row stays free; no more tasks run at once than there are workers.</source>
        <translation>&lt;b&gt;线程&lt;/b&gt; 策略：任务在工作线程上运行，循环行保持空闲；同时运行的任务数不会超过工作线程数。</translation>
    </message>
    <message>
        <source>The &lt;b&gt;loop&lt;/b&gt; row on top of the timeline: filled where the loop is busy, empty where it is free (in the comparison, the strip above each band). The lag lane below it shows how late a 10 ms timer fired: a tall bar means the loop was stuck.</source>
        <translation>时间线顶部的&lt;b&gt;循环&lt;/b&gt;行：循环忙碌处被填充，空闲处留白（在对比视图中，是每条带上方的细条）。其下方的延迟通道显示 10 毫秒定时器迟到了多久：柱越高，说明循环卡住越久。</translation>
    </message>
    <message>
        <source>The small marker at the end of a row is the callback running; the vertical line on the loop row marks the moment all tasks were done (asyncio.wait). A run you stop never gets there: a red &lt;b&gt;stopped&lt;/b&gt; line marks the Stop instead.</source>
        <translation>行末的小标记表示回调正在运行；循环行上的竖线标出所有任务完成的时刻（asyncio.wait）。被你停止的运行到不了那一刻：取而代之的是一条红色的&lt;b&gt;已停止&lt;/b&gt;线，标出按下“停止”的时刻。</translation>
    </message>
    <message>
        <source>Wall time</source>
        <translation>总耗时</translation>
    </message>
    <message>
        <source>From the start of the run to its end: what you wait.</source>
        <translation>从运行开始到结束：你实际等待的时间。</translation>
    </message>
    <message>
        <source>One after another</source>
        <translation>逐个依次运行</translation>
    </message>
    <message>
        <source>Speed-up</source>
        <translation>加速比</translation>
    </message>
    <message>
        <source>Average in flight</source>
        <translation>平均进行中任务数</translation>
    </message>
    <message>
        <source>Every task&apos;s time from admission to finish, server queues included, divided by the wall time: how many tasks were under way at once, on average. Tasks queued at a busy server count here but buy nothing, so this is not a speed-up (shown in the speed-up&apos;s tooltip and comparison; &lt;code&gt;avg_in_flight&lt;/code&gt; in exports).</source>
        <translation>每个任务从准入到完成的时间（含服务器排队时间）之和除以总耗时：平均同时有多少个任务在进行。在繁忙服务器上排队的任务也计入此值，却没有带来任何收益，所以它不是加速比（显示在加速比的提示和对比视图中；导出文件中为 &lt;code&gt;avg_in_flight&lt;/code&gt;）。</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>The figures</source>
        <translation>指标说明</translation>
    </message>
    <message>
        <source>What the tasks would cost run one after another, where something measured it. When the server reports how long it queued each request (the embedded server does): what each task that got a response cost alone, added up: its connect, TLS, send, wait for the answer minus the server&apos;s queue, receive and its own running; not its time queued inside Qt or waiting for a busy loop, which running many at once caused. When a sequential run of the same workload is compared: its wall time. Otherwise nothing measured it (–). Exports call it &lt;code&gt;sum_ms&lt;/code&gt; and say what measured it in &lt;code&gt;baseline&lt;/code&gt;.</source>
        <translation>逐个依次运行这些任务所需的时间（在有实测依据时）。当服务器报告了每个请求的排队时长时（内置服务器会报告）：每个得到响应的任务单独运行的开销之和，即其连接、TLS、发送、等待应答（减去服务器排队时间）、接收以及自身运行的时间；不含在 Qt 内部排队或等待繁忙循环的时间，那是同时运行许多任务造成的。当对比了同一工作负载的顺序运行时：取其总耗时。否则没有实测依据（–）。导出文件中称为 &lt;code&gt;sum_ms&lt;/code&gt;，并在 &lt;code&gt;baseline&lt;/code&gt; 中注明依据。</translation>
    </message>
    <message>
        <source>One after another divided by the wall time: how much running the tasks together saved. 1× means no gain. There is none (–) without a measured one after another, until a task has ended ok, when none did, and for a stopped run, whose tasks were cut short.</source>
        <translation>逐个依次运行的耗时除以总耗时：同时运行这些任务节省了多少时间。1× 表示没有收益。以下情况没有加速比（–）：逐个依次运行的耗时未经实测；尚无任务成功结束，或没有任何任务成功；运行被停止，其任务被中途打断。</translation>
    </message>
    <message>
        <source>A run you stop is marked as such everywhere: the summary says &quot;Stopped after&quot;, the timeline draws a red line where you pressed Stop, and the comparison leaves it out of its charts. It ends where the Stop took effect: its wall time, the in-flight chart and the exports end there, and its cancelled tasks are not in the latency histogram.</source>
        <translation>被你停止的运行在各处都会标明：摘要显示“停止于”，时间线在你按下“停止”的时刻画一条红线，对比视图则不把它列入图表。运行在“停止”生效处结束：其总耗时、进行中任务图表和导出都到此为止，被取消的任务也不计入耗时分布图。</translation>
    </message>
</context>
<context>
    <name>Coroscope::CsrecDecoder</name>
    <message>
        <source>lane %1</source>
        <translation>通道 %1</translation>
    </message>
    <message>
        <source>it is not a Coroscope recording (no CSREC header)</source>
        <translation>它不是 Coroscope 录制文件（没有 CSREC 文件头）</translation>
    </message>
    <message>
        <source>its CSREC header has no version</source>
        <translation>其 CSREC 文件头没有版本号</translation>
    </message>
    <message>
        <source>recorded by a newer Coroscope recorder, format %1.%2; this Coroscope reads %3.x</source>
        <translation>由更新版本的 Coroscope 录制器录制，格式 %1.%2；当前的 Coroscope 只能读取 %3.x 格式</translation>
    </message>
    <message>
        <source>it is not a Coroscope recording (it is empty)</source>
        <translation>它不是 Coroscope 录制文件（文件为空）</translation>
    </message>
    <message>
        <source>cannot open %1: %2</source>
        <translation>无法打开 %1：%2</translation>
    </message>
    <message>
        <source>no such file</source>
        <translation>文件不存在</translation>
    </message>
    <message>
        <source>not a regular file</source>
        <translation>不是普通文件</translation>
    </message>
</context>
<context>
    <name>Coroscope::DiagnosticsPanel</name>
    <message>
        <source>Run a workload to see what limited it.</source>
        <translation>运行一个工作负载，看看是什么限制了它。</translation>
    </message>
    <message>
        <source>Nothing to report yet.</source>
        <translation>暂无可报告的内容。</translation>
    </message>
    <message>
        <source>%1–%2 s</source>
        <translation>%1–%2 秒</translation>
    </message>
    <message>
        <source>Click to show it on the timeline.</source>
        <translation>点击即可在时间线上显示。</translation>
    </message>
</context>
<context>
    <name>Coroscope::LoopStatePanel</name>
    <message>
        <source>&lt;p&gt;Run a workload: this panel then shows, for any instant of the run, what the event loop was doing and where every task was.&lt;/p&gt;</source>
        <translation>&lt;p&gt;运行一个工作负载：此面板随后会显示运行中任一时刻事件循环在做什么，以及每个任务处于何处。&lt;/p&gt;</translation>
    </message>
    <message numerus="yes">
        <source>… and %n more</source>
        <translation>
            <numerusform>… 还有 %n 个</numerusform>
        </translation>
    </message>
    <message>
        <source>Event loop</source>
        <translation>事件循环</translation>
    </message>
    <message>
        <source>running Task %1 (%2)</source>
        <translation>正在运行任务 %1（%2）</translation>
    </message>
    <message>
        <source>running Task %1</source>
        <translation>正在运行任务 %1</translation>
    </message>
    <message>
        <source>for %1 so far</source>
        <translation>已持续 %1</translation>
    </message>
    <message>
        <source>about to run the next ready task</source>
        <translation>即将运行下一个就绪任务</translation>
    </message>
    <message>
        <source>idle: nothing is ready, it waits for the next event</source>
        <translation>空闲：没有就绪的任务，正在等待下一个事件</translation>
    </message>
    <message>
        <source>On worker threads (%1)</source>
        <translation>在工作线程上（%1）</translation>
    </message>
    <message>
        <source>Task %1, worker %2</source>
        <translation>任务 %1，工作线程 %2</translation>
    </message>
    <message>
        <source>Ready to run (%1)</source>
        <translation>就绪待运行（%1）</translation>
    </message>
    <message>
        <source>Task %1: its reply arrived %2 ago, it waits for the loop</source>
        <translation>任务 %1：其回复已在 %2 前到达，正在等待循环</translation>
    </message>
    <message>
        <source>Task %1: waits %2 for its turn on the loop</source>
        <translation>任务 %1：已等待 %2，等待轮到它在循环上运行</translation>
    </message>
    <message>
        <source>Suspended at an await (%1)</source>
        <translation>在 await 处挂起（%1）</translation>
    </message>
    <message>
        <source>Task %1 at &lt;code&gt;%2&lt;/code&gt; for %3</source>
        <translation>任务 %1 在 &lt;code&gt;%2&lt;/code&gt; 处已挂起 %3</translation>
    </message>
    <message>
        <source>Pending (%1)</source>
        <translation>等待中（%1）</translation>
    </message>
    <message>
        <source>Task %1: &lt;code&gt;%2&lt;/code&gt; for %3</source>
        <translation>任务 %1：&lt;code&gt;%2&lt;/code&gt;，已持续 %3</translation>
    </message>
    <message>
        <source>Finished (%1)</source>
        <translation>已完成（%1）</translation>
    </message>
    <message>
        <source>Task %1: %2 at %3</source>
        <translation>任务 %1：%2（于 %3）</translation>
    </message>
    <message>
        <source>Not created yet: %1</source>
        <translation>尚未创建：%1</translation>
    </message>
    <message>
        <source>To the start (Home)</source>
        <translation>跳到开头（Home）</translation>
    </message>
    <message>
        <source>Previous event (,)</source>
        <translation>上一个事件（,）</translation>
    </message>
    <message>
        <source>Play / pause (Space)</source>
        <translation>播放 / 暂停（空格键）</translation>
    </message>
    <message>
        <source>Next event (.)</source>
        <translation>下一个事件（.）</translation>
    </message>
    <message>
        <source>To the end (End)</source>
        <translation>跳到结尾（End）</translation>
    </message>
    <message>
        <source>Playback speed: 0.1× shows a 1 s run in 10 s</source>
        <translation>回放速度：0.1× 会用 10 秒展示 1 秒的运行</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>实时</translation>
    </message>
    <message>
        <source>Follow the run as it happens (L)</source>
        <translation>实时跟随运行（L）</translation>
    </message>
    <message>
        <source>The instant shown: drag to move through the run</source>
        <translation>显示的时刻：拖动可在运行中前后移动</translation>
    </message>
</context>
<context>
    <name>Coroscope::MainWindow</name>
    <message>
        <source>Coroscope</source>
        <translation>Coroscope</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>时间线</translation>
    </message>
    <message>
        <source>What the colours of the timeline mean</source>
        <translation>时间线中各颜色的含义</translation>
    </message>
    <message>
        <source>Tasks</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Show only tasks whose URL or error contains this text, or the task with this number</source>
        <translation>只显示 URL 或错误信息包含此文本的任务，或编号为此数字的任务</translation>
    </message>
    <message>
        <source>Filter by URL, error or task number</source>
        <translation>按 URL、错误信息或任务编号筛选</translation>
    </message>
    <message>
        <source>Show only tasks with this result</source>
        <translation>只显示具有此结果的任务</translation>
    </message>
    <message>
        <source>All results</source>
        <translation>全部结果</translation>
    </message>
    <message>
        <source>ok</source>
        <translation>成功</translation>
    </message>
    <message>
        <source>error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>timeout</source>
        <translation>超时</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>unfinished</source>
        <translation>未完成</translation>
    </message>
    <message>
        <source>Charts</source>
        <translation>图表</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>运行(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Export &amp;Tasks CSV…</source>
        <translation>导出任务 CSV(&amp;T)…</translation>
    </message>
    <message>
        <source>Save one row per task, in the same format as coroscope --headless --csv</source>
        <translation>每个任务保存一行，格式与 coroscope --headless --csv 相同</translation>
    </message>
    <message>
        <source>Export &amp;Segments CSV…</source>
        <translation>导出时间段 CSV(&amp;S)…</translation>
    </message>
    <message>
        <source>Save every pending, running and suspended span of every task</source>
        <translation>保存每个任务的所有等待、运行和挂起区段</translation>
    </message>
    <message>
        <source>Export Timeline as &amp;PNG…</source>
        <translation>将时间线导出为 PNG(&amp;P)…</translation>
    </message>
    <message>
        <source>Export Timeline as S&amp;VG…</source>
        <translation>将时间线导出为 SVG(&amp;V)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Stop</source>
        <translation>停止(&amp;S)</translation>
    </message>
    <message>
        <source>Cancel every task in flight</source>
        <translation>取消所有进行中的任务</translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <source>Zoom in on the timeline (+)</source>
        <translation>放大时间线（+）</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <source>Zoom out of the timeline (-)</source>
        <translation>缩小时间线（-）</translation>
    </message>
    <message>
        <source>&amp;Fit Whole Run</source>
        <translation>显示整个运行(&amp;F)</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>全览</translation>
    </message>
    <message>
        <source>Show the whole run (F)</source>
        <translation>显示整个运行（F）</translation>
    </message>
    <message>
        <source>Follow &amp;Live</source>
        <translation>跟随实时(&amp;L)</translation>
    </message>
    <message>
        <source>Follow live</source>
        <translation>跟随实时</translation>
    </message>
    <message>
        <source>Keep the latest moment of a running run in view (L)</source>
        <translation>运行进行中时始终显示最新时刻（L）</translation>
    </message>
    <message>
        <source>&amp;System</source>
        <translation>跟随系统(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;About Coroscope</source>
        <translation>关于 Coroscope(&amp;A)</translation>
    </message>
    <message>
        <source>%v / %m tasks</source>
        <translation>%v / %m 个任务</translation>
    </message>
    <message>
        <source>Ready: press Run (Ctrl+R) to start</source>
        <translation>就绪：按“运行”（Ctrl+R）开始</translation>
    </message>
    <message>
        <source>About Coroscope</source>
        <translation>关于 Coroscope</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Coroscope %1&lt;/h3&gt;&lt;p&gt;Makes coroutine scheduling visible: every task of an HTTP workload is a row on a live timeline that moves through pending, running and suspended at a named co_await, until it finishes.&lt;/p&gt;&lt;p&gt;Compare the async strategy with blocking calls, threads and a busy server, and export the measured timings as CSV.&lt;/p&gt;&lt;p&gt;Built with Qt %2 and QCoro.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Coroscope %1&lt;/h3&gt;&lt;p&gt;让协程调度一目了然：HTTP 工作负载中的每个任务都是实时时间线上的一行，依次经历等待、运行以及在具名 co_await 处挂起，直至完成。&lt;/p&gt;&lt;p&gt;将 async 策略与阻塞调用、线程以及繁忙的服务器进行对比，并将测得的耗时导出为 CSV。&lt;/p&gt;&lt;p&gt;基于 Qt %2 和 QCoro 构建。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Language: %1</source>
        <translation>语言：%1</translation>
    </message>
    <message>
        <source>Stopping: cancelling every task in flight…</source>
        <translation>正在停止：取消所有进行中的任务…</translation>
    </message>
    <message>
        <source>Start the run</source>
        <translation>开始运行</translation>
    </message>
    <message>
        <source>%1 of %2 tasks shown</source>
        <translation>显示 %2 个任务中的 %1 个</translation>
    </message>
    <message>
        <source>Task %1 is hidden by the table&apos;s filter</source>
        <translation>任务 %1 被表格的筛选条件隐藏了</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <source>The export could not be saved.</source>
        <translation>无法保存导出的文件。</translation>
    </message>
    <message>
        <source>Exported tasks to %1</source>
        <translation>已将任务导出到 %1</translation>
    </message>
    <message>
        <source>Exported segments to %1</source>
        <translation>已将时间段导出到 %1</translation>
    </message>
    <message>
        <source>cannot write %1: the timeline has nothing to draw</source>
        <translation>无法写入 %1：时间线上没有可绘制的内容</translation>
    </message>
    <message>
        <source>cannot write %1: the image could not be encoded as PNG</source>
        <translation>无法写入 %1：图像无法编码为 PNG</translation>
    </message>
    <message>
        <source>Exported the timeline to %1</source>
        <translation>已将时间线导出到 %1</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Export Tasks CSV</source>
        <translation>导出任务 CSV</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Export Segments CSV</source>
        <translation>导出时间段 CSV</translation>
    </message>
    <message>
        <source>Export Timeline as PNG</source>
        <translation>将时间线导出为 PNG</translation>
    </message>
    <message>
        <source>Export Timeline as SVG</source>
        <translation>将时间线导出为 SVG</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>对比</translation>
    </message>
    <message>
        <source>The last comparison: the same workload under each strategy (Run &gt; Compare…)</source>
        <translation>最近一次对比：同一工作负载在各个策略下的运行（运行 &gt; 对比…）</translation>
    </message>
    <message>
        <source>Diagnostics</source>
        <translation>诊断</translation>
    </message>
    <message>
        <source>Concepts</source>
        <translation>概念</translation>
    </message>
    <message>
        <source>Export &amp;Comparison CSV…</source>
        <translation>导出对比 CSV(&amp;C)…</translation>
    </message>
    <message>
        <source>Save one row per strategy of the last comparison, in the same format as coroscope --compare-csv</source>
        <translation>最近一次对比的每个策略保存一行，格式与 coroscope --compare-csv 相同</translation>
    </message>
    <message>
        <source>&amp;Compare…</source>
        <translation>对比(&amp;C)…</translation>
    </message>
    <message>
        <source>Run the same workload under each chosen strategy in turn and compare them side by side</source>
        <translation>依次以每个选中的策略运行同一工作负载，并将结果并排对比</translation>
    </message>
    <message>
        <source>Stopping the comparison: cancelling every task in flight…</source>
        <translation>正在停止对比：取消所有进行中的任务…</translation>
    </message>
    <message>
        <source>Compare Strategies</source>
        <translation>对比策略</translation>
    </message>
    <message>
        <source>Check at least one strategy</source>
        <translation>请至少勾选一个策略</translation>
    </message>
    <message>
        <source>Comparing: %1 (%2 of %3)…</source>
        <translation>正在对比：%1（第 %2 个，共 %3 个）…</translation>
    </message>
    <message numerus="yes">
        <source>Comparison stopped after %n strategy(ies)</source>
        <translation>
            <numerusform>对比已停止，已完成 %n 个策略</numerusform>
        </translation>
    </message>
    <message>
        <source>Run a workload first: Show me points at what the run on screen shows.</source>
        <translation>请先运行一个工作负载：“显示给我看”会指向屏幕上这次运行中的相应内容。</translation>
    </message>
    <message>
        <source>The loop row at the top of the timeline: filled where the loop was busy running a task, empty where it was free to run any ready task.</source>
        <translation>时间线顶部的循环行：填充处表示循环正忙于运行某个任务，留白处表示循环空闲，可以运行任何已就绪的任务。</translation>
    </message>
    <message>
        <source>No task was suspended at an await in this run: try the async strategy.</source>
        <translation>本次运行中没有任务在 await 处挂起：试试 async 策略。</translation>
    </message>
    <message>
        <source>Task %1 was suspended at &apos;%2&apos; for %3: the loop was free to run other tasks meanwhile.</source>
        <translation>任务 %1 在“%2”处挂起了 %3：在此期间循环可以自由运行其他任务。</translation>
    </message>
    <message>
        <source>Task %1&apos;s done callback ran at %2: the small marker at the end of its row.</source>
        <translation>任务 %1 的完成回调在 %2 运行：即其所在行末尾的小标记。</translation>
    </message>
    <message>
        <source>No done callback has run yet: they run as tasks finish.</source>
        <translation>尚未运行任何完成回调：它们会在任务结束时运行。</translation>
    </message>
    <message>
        <source>No task has run on the loop yet.</source>
        <translation>还没有任务在循环上运行过。</translation>
    </message>
    <message>
        <source>Task %1 ran for %2 without giving the loop back: no other task could start or resume meanwhile.</source>
        <translation>任务 %1 连续运行了 %2，期间一直没有交还循环：其他任务都无法启动或恢复。</translation>
    </message>
    <message>
        <source>The longest turn on the loop was task %1&apos;s %2: short, so the loop stayed responsive. Try the blocking strategy to see the difference.</source>
        <translation>循环上最长的一次运行是任务 %1 的 %2：很短，因此循环始终保持响应。试试 blocking 策略，看看有何不同。</translation>
    </message>
    <message>
        <source>Task 0 ran on worker thread %1, beside the loop: the loop row stays free while the workers block.</source>
        <translation>任务 0 在循环之外的工作线程 %1 上运行：工作线程阻塞时，循环行依然空闲。</translation>
    </message>
    <message>
        <source>This run used no worker threads: run the workload with the threads strategy, or compare strategies (Run &gt; Compare…).</source>
        <translation>本次运行没有使用工作线程：请用 threads 策略运行该工作负载，或对比各个策略（运行 &gt; 对比…）。</translation>
    </message>
    <message>
        <source>Compare how long the rows wait for their replies: with a server of limited capacity (run panel) the waits grow in steps.</source>
        <translation>比较各行等待响应的时长：服务器容量有限时（见运行面板），等待时间会呈阶梯式增长。</translation>
    </message>
    <message>
        <source>Task 0&apos;s row is one coroutine: pending until it first ran, then running and suspended in turns until it finished.</source>
        <translation>任务 0 的这一行就是一个协程：首次运行前处于等待状态，之后运行与挂起交替进行，直到结束。</translation>
    </message>
    <message>
        <source>Each row is a task the loop drives alongside the others; task 0 is highlighted from creation to finish.</source>
        <translation>每一行都是一个由循环与其他任务一同驱动的任务；任务 0 从创建到结束的整段时间已高亮显示。</translation>
    </message>
    <message>
        <source>The end of task 0&apos;s row shows its result (%1): the value its future delivered.</source>
        <translation>任务 0 所在行的末尾显示了它的结果（%1）：即它的 future 交付的值。</translation>
    </message>
    <message>
        <source>Exported the comparison to %1</source>
        <translation>已将对比导出到 %1</translation>
    </message>
    <message>
        <source>Export Comparison CSV</source>
        <translation>导出对比 CSV</translation>
    </message>
    <message>
        <source>Export Chrome &amp;Trace JSON…</source>
        <translation>导出 Chrome &amp;Trace JSON…</translation>
    </message>
    <message>
        <source>Save the run for chrome://tracing or Perfetto, in the same format as coroscope --headless --chrome-trace</source>
        <translation>保存本次运行，供 chrome://tracing 或 Perfetto 打开，格式与 coroscope --headless --chrome-trace 相同</translation>
    </message>
    <message>
        <source>Exported the Chrome trace to %1</source>
        <translation>已将 Chrome trace 导出到 %1</translation>
    </message>
    <message>
        <source>Export Chrome Trace JSON</source>
        <translation>导出 Chrome Trace JSON</translation>
    </message>
    <message>
        <source>Trace Event JSON (*.json)</source>
        <translation>Trace Event JSON (*.json)</translation>
    </message>
    <message>
        <source>Export &amp;HAR…</source>
        <translation>导出 &amp;HAR…</translation>
    </message>
    <message>
        <source>Save the run&apos;s requests as HAR 1.2 for browser developer tools and HAR viewers, in the same format as coroscope --headless --har</source>
        <translation>将本次运行的请求保存为 HAR 1.2，供浏览器开发者工具和 HAR 查看器使用，格式与 coroscope --headless --har 相同</translation>
    </message>
    <message>
        <source>&amp;Phases</source>
        <translation>阶段(&amp;P)</translation>
    </message>
    <message>
        <source>Show where each request&apos;s await reply went: queued, connect, send, server queue, waiting, receiving, resume (P)</source>
        <translation>显示每个请求的 await reply 时间花在了哪里：排队、连接、发送、服务器排队、等待响应、接收、恢复 (P)</translation>
    </message>
    <message>
        <source>Exported HAR to %1</source>
        <translation>已将 HAR 导出到 %1</translation>
    </message>
    <message>
        <source>Export HAR</source>
        <translation>导出 HAR</translation>
    </message>
    <message>
        <source>HTTP Archive (*.har)</source>
        <translation>HTTP 存档 (*.har)</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>主题(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Open Run…</source>
        <translation>打开运行(&amp;O)…</translation>
    </message>
    <message>
        <source>Show a run saved as a .coroscope file: its timeline, table, charts, diagnostics and comparison, as when it ran</source>
        <translation>显示保存为 .coroscope 文件的运行：其时间线、表格、图表、诊断和对比，与运行时一样</translation>
    </message>
    <message>
        <source>&amp;Save Run</source>
        <translation>保存运行(&amp;S)</translation>
    </message>
    <message>
        <source>Save the run on screen (every strategy of a comparison) as a .coroscope file</source>
        <translation>将屏幕上的运行（对比时为每个策略的运行）保存为 .coroscope 文件</translation>
    </message>
    <message>
        <source>Save Run &amp;As…</source>
        <translation>运行另存为(&amp;A)…</translation>
    </message>
    <message>
        <source>Save the run on screen under a new name</source>
        <translation>以新名称保存屏幕上的运行</translation>
    </message>
    <message>
        <source>Follow the desktop&apos;s light or dark colours</source>
        <translation>跟随桌面的浅色或深色配色</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>浅色(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>深色(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>Loop state</source>
        <translation>循环状态</translation>
    </message>
    <message>
        <source>Coroscope runs (*.coroscope)</source>
        <translation>Coroscope 运行文件 (*.coroscope)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <source>&amp;Clear Menu</source>
        <translation>清除菜单(&amp;C)</translation>
    </message>
    <message>
        <source>%1[*] - Coroscope</source>
        <translation>%1[*] - Coroscope</translation>
    </message>
    <message>
        <source>Unsaved run</source>
        <translation>未保存的运行</translation>
    </message>
    <message>
        <source>cannot open %1: stop the run in progress first</source>
        <translation>无法打开 %1：请先停止正在进行的运行</translation>
    </message>
    <message>
        <source>Cannot open the run</source>
        <translation>无法打开运行</translation>
    </message>
    <message>
        <source>The run file could not be opened.</source>
        <translation>无法打开该运行文件。</translation>
    </message>
    <message>
        <source>an unknown date</source>
        <translation>未知日期</translation>
    </message>
    <message>
        <source>Opened %1: recorded %2 with Coroscope %3 on %4</source>
        <translation>已打开 %1：于 %2 在 %4 上用 Coroscope %3 录制</translation>
    </message>
    <message>
        <source>(unknown version)</source>
        <translation>（未知版本）</translation>
    </message>
    <message>
        <source>an unknown system</source>
        <translation>未知系统</translation>
    </message>
    <message>
        <source>cannot write %1: there is no run to save</source>
        <translation>无法写入 %1：没有可保存的运行</translation>
    </message>
    <message>
        <source>Saved the run to %1</source>
        <translation>已将运行保存到 %1</translation>
    </message>
    <message>
        <source>Save failed</source>
        <translation>保存失败</translation>
    </message>
    <message>
        <source>The run could not be saved.</source>
        <translation>无法保存该运行。</translation>
    </message>
    <message>
        <source>Open Run</source>
        <translation>打开运行</translation>
    </message>
    <message>
        <source>Save Run As</source>
        <translation>运行另存为</translation>
    </message>
    <message>
        <source>Default columns</source>
        <translation>默认列</translation>
    </message>
    <message>
        <source>PNG, the whole run scaled to at most %1 px high (*.png)</source>
        <translation>PNG，整个运行缩放至最高 %1 像素 (*.png)</translation>
    </message>
    <message>
        <source>PNG, what the timeline shows (*.png)</source>
        <translation>PNG，时间线当前显示的内容 (*.png)</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>&amp;Go to Task…</source>
        <translation>转到任务(&amp;G)…</translation>
    </message>
    <message>
        <source>F&amp;ind…</source>
        <translation>查找(&amp;I)…</translation>
    </message>
    <message>
        <source>Find &amp;Next</source>
        <translation>查找下一个(&amp;N)</translation>
    </message>
    <message>
        <source>Find Pre&amp;vious</source>
        <translation>查找上一个(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Row Height</source>
        <translation>行高(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Taller Rows</source>
        <translation>增大行高(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Shorter Rows</source>
        <translation>减小行高(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;One Pixel per Task</source>
        <translation>每个任务一像素(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Full Height</source>
        <translation>完整高度(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Overview Strip</source>
        <translation>概览条(&amp;O)</translation>
    </message>
    <message numerus="yes">
        <source>Running %Ln task(s) with the %1 strategy…</source>
        <translation>
            <numerusform>正在以%1策略运行 %Ln 个任务…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Runs the workload of the run panel (%Ln task(s)) under each checked strategy, one after another, and shows them side by side on one time axis.</source>
        <translation>
            <numerusform>依次以每个勾选的策略运行运行面板中的工作负载（%Ln 个任务），并在同一时间轴上并排显示。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln task(s)</source>
        <translation>
            <numerusform>%Ln 个任务</numerusform>
        </translation>
    </message>
    <message>
        <source>Compare with Saved &amp;Run…</source>
        <translation>与已保存的运行对比(&amp;R)…</translation>
    </message>
    <message>
        <source>Add the runs of saved .coroscope files to the comparison, on the same time axis</source>
        <translation>把已保存的 .coroscope 文件中的运行加入对比，绘制在同一时间轴上</translation>
    </message>
    <message>
        <source>Wait for the run in progress to end</source>
        <translation>请等待正在进行的运行结束</translation>
    </message>
    <message>
        <source>Add the runs of saved .coroscope files to the comparison</source>
        <translation>把已保存的 .coroscope 文件中的运行加入对比</translation>
    </message>
    <message>
        <source>Compare with Saved Run</source>
        <translation>与已保存的运行对比</translation>
    </message>
    <message>
        <source>cannot compare: stop the run in progress first</source>
        <translation>无法对比：请先停止正在进行的运行</translation>
    </message>
    <message>
        <source>%1 is the run on screen</source>
        <translation>%1 就是屏幕上的运行</translation>
    </message>
    <message>
        <source>%1 is already in the comparison (as %2)</source>
        <translation>%1 已在对比中（作为 %2）</translation>
    </message>
    <message>
        <source>cannot add %1: a comparison holds at most %2 saved runs</source>
        <translation>无法添加 %1：一次对比最多容纳 %2 个已保存的运行</translation>
    </message>
    <message numerus="yes">
        <source>Comparing with %1</source>
        <translation>
            <numerusform>正在与 %1 对比</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot compare</source>
        <translation>无法对比</translation>
    </message>
    <message>
        <source>Some files could not be added to the comparison.</source>
        <translation>有些文件无法加入对比。</translation>
    </message>
    <message>
        <source>Removed %1 from the comparison</source>
        <translation>已从对比中移除 %1</translation>
    </message>
    <message>
        <source>SVG, the whole run scaled to at most %1 px high (*.svg)</source>
        <translation>SVG，整个运行缩放到最高 %1 像素（*.svg）</translation>
    </message>
    <message>
        <source>SVG, what the timeline shows (*.svg)</source>
        <translation>SVG，时间线当前显示的内容（*.svg）</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message numerus="yes">
        <source>Compared %n strategy(ies): %1 was fastest, in %2 (shown above the comparison)</source>
        <translation>
            <numerusform>已对比 %n 个策略：%1最快，用时 %2（显示在对比上方）</numerusform>
        </translation>
    </message>
    <message>
        <source>Timeline: %1 (%2 of %3 compared)</source>
        <translation>时间线：%1（对比第 %2 个，共 %3 个）</translation>
    </message>
    <message numerus="yes">
        <source>Timeline: %1, the fastest of %n compared</source>
        <translation>
            <numerusform>时间线：%1，对比的 %n 个策略中最快的</numerusform>
        </translation>
    </message>
    <message>
        <source>Timeline: %1</source>
        <translation>时间线：%1</translation>
    </message>
    <message>
        <source>as at %1</source>
        <translation>截至 %1</translation>
    </message>
    <message>
        <source>Measuring each URL alone (the speed-up&apos;s baseline) before the run…</source>
        <translation>运行前正在单独测量每个 URL（加速比的基准）…</translation>
    </message>
    <message>
        <source>Cannot record</source>
        <translation>无法录制</translation>
    </message>
    <message>
        <source>Stopping the sweep: the runs done are kept…</source>
        <translation>正在停止扫描：已完成的运行会保留…</translation>
    </message>
    <message>
        <source>cannot compare a sweep with saved runs</source>
        <translation>无法将扫描与已保存的运行对比</translation>
    </message>
    <message>
        <source>Re&amp;cord Program…</source>
        <translation>录制程序(&amp;C)…</translation>
    </message>
    <message>
        <source>Start a program (a Python asyncio program) with Coroscope&apos;s recorder and watch its tasks live</source>
        <translation>在 Coroscope 录制器下启动一个程序（Python asyncio 程序），并实时观察其任务</translation>
    </message>
    <message>
        <source>Compare with &amp;Previous Recording</source>
        <translation>与上一次录制对比(&amp;P)</translation>
    </message>
    <message>
        <source>Show the recording before this one beside it in Compare, on the same time axis</source>
        <translation>在“对比”中把这次之前的录制与它并排显示，使用同一时间轴</translation>
    </message>
    <message>
        <source>&amp;Python Tutorial Examples</source>
        <translation>Python 教程示例(&amp;P)</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>源代码</translation>
    </message>
    <message>
        <source>Wait for the run in progress to end, or stop it</source>
        <translation>请等待进行中的运行结束，或将其停止</translation>
    </message>
    <message>
        <source>cannot record: stop the run in progress first</source>
        <translation>无法录制：请先停止进行中的运行</translation>
    </message>
    <message>
        <source>Recording %1…</source>
        <translation>正在录制 %1…</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>there is no earlier recording this session to compare with</source>
        <translation>本次会话中没有更早的录制可供对比</translation>
    </message>
    <message>
        <source>%1 is already in the comparison</source>
        <translation>%1 已在对比中</translation>
    </message>
    <message>
        <source>No examples found (set COROSCOPE_EXAMPLES_DIR)</source>
        <translation>未找到示例（请设置 COROSCOPE_EXAMPLES_DIR）</translation>
    </message>
    <message>
        <source>Export &amp;Report…</source>
        <translation>导出报告(&amp;R)…</translation>
    </message>
    <message>
        <source>Save the run on screen as one HTML file to share: timeline, figures, diagnostics, charts and settings, readable offline and printed</source>
        <translation>将屏幕上的运行保存为一个可分享的 HTML 文件：时间线、各项数据、诊断、图表和设置，可离线阅读，也可打印</translation>
    </message>
    <message>
        <source>cannot write %1: there is no run to report</source>
        <translation>无法写入 %1：没有可生成报告的运行</translation>
    </message>
    <message>
        <source>Exported the report to %1</source>
        <translation>已将报告导出到 %1</translation>
    </message>
    <message>
        <source>Export Report</source>
        <translation>导出报告</translation>
    </message>
    <message>
        <source>HTML report (*.html *.htm)</source>
        <translation>HTML 报告 (*.html *.htm)</translation>
    </message>
    <message>
        <source>Coroscope runs and recordings (*.coroscope *.csrec)</source>
        <translation>Coroscope 运行和录制 (*.coroscope *.csrec)</translation>
    </message>
    <message>
        <source>Sweep</source>
        <translation>扫描</translation>
    </message>
    <message>
        <source>S&amp;weep…</source>
        <translation>扫描(&amp;W)…</translation>
    </message>
    <message>
        <source>Run the workload once per value of one knob, for each chosen strategy, and chart how the results grow</source>
        <translation>对某一参数的每个取值、以每个选中的策略各运行一次工作负载，并用图表展示结果如何增长</translation>
    </message>
    <message>
        <source>Sweeping: run %1 of %2, about %3 left</source>
        <translation>正在扫描：第 %1 次运行，共 %2 次，预计还剩 %3</translation>
    </message>
    <message numerus="yes">
        <source>Sweep stopped after %n run(s)</source>
        <translation>
            <numerusform>扫描已停止，已完成 %n 次运行</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Swept %1 over %n run(s) in %2</source>
        <translation>
            <numerusform>已扫描 %1，共 %n 次运行，用时 %2</numerusform>
        </translation>
    </message>
    <message>
        <source>Timeline: %1, %2 = %3 (repeat %4), run %5 of the sweep</source>
        <translation>时间线：%1，%2 = %3（第 %4 次重复），扫描中的第 %5 次运行</translation>
    </message>
</context>
<context>
    <name>Coroscope::OutputPanel</name>
    <message>
        <source>The output of a recorded program (File &gt; Record Program…) shows here.</source>
        <translation>录制的程序（文件 &gt; 录制程序…）的输出显示在这里。</translation>
    </message>
    <message>
        <source>Output of %1 (stderr in red)</source>
        <translation>%1 的输出（标准错误以红色显示）</translation>
    </message>
    <message>
        <source>[… %1 of output not shown here: the program printed faster than the window shows]</source>
        <translation>[… 有 %1 的输出未在此显示：程序打印的速度超过了窗口的显示速度]</translation>
    </message>
</context>
<context>
    <name>Coroscope::RecordDialog</name>
    <message>
        <source>Record Program</source>
        <translation>录制程序</translation>
    </message>
    <message>
        <source>Coroscope starts the program with its recorder loaded and shows its asyncio tasks live. The embedded server&apos;s address is in COROSCOPE_SERVER.</source>
        <translation>Coroscope 会加载录制器来启动该程序，并实时显示其 asyncio 任务。内置服务器的地址在 COROSCOPE_SERVER 中。</translation>
    </message>
    <message>
        <source>e.g. python3 prog.py --flag</source>
        <translation>例如 python3 prog.py --flag</translation>
    </message>
    <message>
        <source>&amp;Command:</source>
        <translation>命令(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <source>&amp;Working folder:</source>
        <translation>工作文件夹(&amp;W)：</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>运行(&amp;R)</translation>
    </message>
    <message>
        <source>The working folder %1 does not exist.</source>
        <translation>工作文件夹 %1 不存在。</translation>
    </message>
    <message>
        <source>Working Folder</source>
        <translation>工作文件夹</translation>
    </message>
</context>
<context>
    <name>Coroscope::RunCharts</name>
    <message>
        <source>Tasks in flight</source>
        <translation>进行中的任务</translation>
    </message>
    <message>
        <source>seconds since start</source>
        <translation>自开始以来的秒数</translation>
    </message>
    <message>
        <source>admitted, not finished</source>
        <translation>已准入、未完成</translation>
    </message>
    <message>
        <source>Latency of finished tasks</source>
        <translation>已完成任务的耗时分布</translation>
    </message>
    <message>
        <source>tasks</source>
        <translation>任务数</translation>
    </message>
    <message>
        <source>total ms, created to finished</source>
        <translation>总耗时（毫秒），从创建到完成</translation>
    </message>
</context>
<context>
    <name>Coroscope::RunPanel</name>
    <message>
        <source>Workload</source>
        <translation>工作负载</translation>
    </message>
    <message>
        <source>Insert an example URL served by the embedded test server</source>
        <translation>插入一个由内置测试服务器提供的示例 URL</translation>
    </message>
    <message>
        <source>Examples</source>
        <translation>示例</translation>
    </message>
    <message>
        <source>URLs, one per line (tasks take them in turn):</source>
        <translation>URL，每行一个（任务依次轮流使用）：</translation>
    </message>
    <message>
        <source>One http:// or https:// URL per line. Task n fetches line n modulo the number of lines.</source>
        <translation>每行一个 http:// 或 https:// URL。第 n 个任务获取第（n 除以行数的余数）行。</translation>
    </message>
    <message>
        <source>&amp;Tasks:</source>
        <translation>任务数(&amp;T)：</translation>
    </message>
    <message>
        <source>How many tasks to create, from 1 to 100,000</source>
        <translation>要创建的任务数，1 到 100,000</translation>
    </message>
    <message>
        <source>Scheduling</source>
        <translation>调度</translation>
    </message>
    <message>
        <source>&amp;Strategy:</source>
        <translation>策略(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;Worker threads:</source>
        <translation>工作线程(&amp;W)：</translation>
    </message>
    <message>
        <source>Threads that run blocking fetches for the threads strategy</source>
        <translation>threads 策略中执行阻塞获取的线程数</translation>
    </message>
    <message>
        <source>&amp;Concurrency limit:</source>
        <translation>并发上限(&amp;C)：</translation>
    </message>
    <message>
        <source>At most this many tasks in flight at once (a semaphore); the others stay pending</source>
        <translation>最多同时进行这么多个任务（信号量）；其余任务保持等待</translation>
    </message>
    <message>
        <source>unlimited</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>Connections per &amp;host:</source>
        <translation>每主机连接数(&amp;H)：</translation>
    </message>
    <message>
        <source>At most this many open connections to one host:port, like a browser&apos;s pool</source>
        <translation>到同一 主机:端口 最多同时打开这么多个连接，类似浏览器的连接池</translation>
    </message>
    <message>
        <source>T&amp;imeout:</source>
        <translation>超时(&amp;I)：</translation>
    </message>
    <message>
        <source>A request still unanswered after this long ends as a timeout</source>
        <translation>超过这么久仍未得到应答的请求以超时结束</translation>
    </message>
    <message>
        <source>none</source>
        <translation>不设超时</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> 毫秒</translation>
    </message>
    <message>
        <source>Embedded server</source>
        <translation>内置服务器</translation>
    </message>
    <message>
        <source>C&amp;apacity:</source>
        <translation>容量(&amp;A)：</translation>
    </message>
    <message>
        <source>The embedded server handles at most this many requests at once and queues the rest, like a busy real server</source>
        <translation>内置服务器最多同时处理这么多个请求，其余请求排队等候，就像繁忙的真实服务器</translation>
    </message>
    <message>
        <source> requests</source>
        <translation> 个请求</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Cancel every task in flight (Esc)</source>
        <translation>取消所有进行中的任务（Esc）</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Listening on %1 (loopback only)</source>
        <translation>正在监听 %1（仅限本机回环）</translation>
    </message>
    <message>
        <source>Not running: %1</source>
        <translation>未运行：%1</translation>
    </message>
    <message>
        <source>answers after 1 second</source>
        <translation>1 秒后应答</translation>
    </message>
    <message>
        <source>answers after 5 seconds</source>
        <translation>5 秒后应答</translation>
    </message>
    <message>
        <source>answers at once</source>
        <translation>立即应答</translation>
    </message>
    <message>
        <source>a server error</source>
        <translation>服务器错误</translation>
    </message>
    <message>
        <source>not found</source>
        <translation>未找到</translation>
    </message>
    <message>
        <source>100 kB of random bytes</source>
        <translation>100 kB 随机字节</translation>
    </message>
    <message>
        <source>20 bytes dripped over 2 seconds</source>
        <translation>在 2 秒内逐滴发送 20 字节</translation>
    </message>
    <message>
        <source>20 lines of JSON</source>
        <translation>20 行 JSON</translation>
    </message>
    <message>
        <source>%1  —  %2</source>
        <translation>%1  —  %2</translation>
    </message>
    <message>
        <source>Add %1 as a new line</source>
        <translation>将 %1 添加为新的一行</translation>
    </message>
    <message>
        <source>Replace all with the default workload</source>
        <translation>全部替换为默认工作负载</translation>
    </message>
    <message>
        <source>Every task is a coroutine that suspends at co_await reply and gives the loop back, so requests overlap: ten /delay/1 tasks finish in about one second.</source>
        <translation>每个任务都是一个协程，在 co_await reply 处挂起并交还循环，因此各请求相互重叠：十个 /delay/1 任务大约一秒即可完成。</translation>
    </message>
    <message>
        <source>One task at a time: each awaits its reply before the next one starts. Nothing overlaps; the run takes the sum of all requests.</source>
        <translation>一次只运行一个任务：每个任务等到应答后，下一个才开始。没有任何重叠；整个运行耗时为所有请求耗时之和。</translation>
    </message>
    <message>
        <source>A blocking fetch on the loop thread, like calling requests.get: the loop freezes during every request, so tasks run strictly one after another.</source>
        <translation>在循环线程上进行阻塞获取，就像调用 requests.get：每个请求期间循环都会冻结，因此任务严格地一个接一个运行。</translation>
    </message>
    <message>
        <source>The blocking fetch wrapped in a coroutine: it looks asynchronous, but the call inside still blocks the loop, so it is as slow as blocking.</source>
        <translation>把阻塞获取包装在协程里：看起来是异步的，但内部的调用仍然阻塞循环，因此和阻塞策略一样慢。</translation>
    </message>
    <message>
        <source>Blocking fetches handed to a pool of worker threads: they overlap, but no more than there are workers, and every thread costs memory.</source>
        <translation>把阻塞获取交给工作线程池：它们可以重叠，但同时进行的数量不超过工作线程数，而且每个线程都要占用内存。</translation>
    </message>
    <message>
        <source>Line %1: %2</source>
        <translation>第 %1 行：%2</translation>
    </message>
    <message numerus="yes">
        <source>…and %n more bad line(s)</source>
        <translation>
            <numerusform>…还有 %n 行有误</numerusform>
        </translation>
    </message>
    <message>
        <source>A run is in progress: stop it or wait until it finishes.</source>
        <translation>正在运行中：请先停止，或等待运行结束。</translation>
    </message>
    <message>
        <source>Fix the URL on line %1 first.</source>
        <translation>请先修正第 %1 行的 URL。</translation>
    </message>
    <message>
        <source>Fix the URLs on lines %1 first.</source>
        <translation>请先修正第 %1 行的 URL。</translation>
    </message>
    <message>
        <source>Start the run (Ctrl+R)</source>
        <translation>开始运行（Ctrl+R）</translation>
    </message>
    <message>
        <source>Max &amp;body:</source>
        <translation>响应体上限(&amp;B)：</translation>
    </message>
    <message>
        <source>The most body bytes one response may have. Bodies are counted as they are transferred, never kept or decompressed; a longer body stops its transfer and ends the task as an error.</source>
        <translation>单个响应体最多允许的字节数。响应体按传输的字节计数，从不保存或解压；超过上限的响应体会中止传输，任务以错误结束。</translation>
    </message>
    <message>
        <source> MiB</source>
        <translation> MiB</translation>
    </message>
    <message>
        <source>One URL per line (Examples adds some)</source>
        <translation>每行一个 URL（“示例”可添加一些）</translation>
    </message>
    <message>
        <source>Use the embedded server&apos;s https port: the example URLs and the default workload become https. Its certificate (made for 127.0.0.1, ::1 and localhost) is trusted by runs automatically.</source>
        <translation>使用内置服务器的 https 端口：示例 URL 和默认工作负载都将改用 https。其证书（为 127.0.0.1、::1 和 localhost 生成）会被各次运行自动信任。</translation>
    </message>
    <message>
        <source>TLS (http&amp;s)</source>
        <translation>TLS (http&amp;s)</translation>
    </message>
    <message>
        <source>Listening on %1 and %2 (loopback only)</source>
        <translation>正在监听 %1 和 %2（仅限本机回环）</translation>
    </message>
    <message>
        <source>Type at least one URL.</source>
        <translation>请至少输入一个 URL。</translation>
    </message>
    <message numerus="yes">
        <source>%Ln task(s) use the first %1 of %2 URLs.</source>
        <translation>
            <numerusform>%Ln 个任务使用 %2 个 URL 中的前 %1 个。</numerusform>
        </translation>
    </message>
    <message>
        <source>Before the run, fetch each distinct URL once, alone, on a new connection (at most 20 URLs, 10 s in all). The speed-up is measured against these fetches: what the tasks would cost one after another, not the queueing this run creates.</source>
        <translation>运行前，在新连接上单独获取每个不同的 URL 一次（最多 20 个 URL，总计 10 秒）。加速比以这些获取为基准：衡量任务逐个依次运行的代价，而不是本次运行造成的排队。</translation>
    </message>
    <message>
        <source>Measure each URL alone first</source>
        <translation>先单独测量每个 URL</translation>
    </message>
</context>
<context>
    <name>Coroscope::Scheduler</name>
    <message>
        <source>cancelled before it started</source>
        <translation>开始前即被取消</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
</context>
<context>
    <name>Coroscope::SelectionDetails</name>
    <message>
        <source>%1%</source>
        <translation>%1%</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>复制(&amp;C)</translation>
    </message>
    <message>
        <source>Copy the details as text</source>
        <translation>将详情复制为文本</translation>
    </message>
    <message>
        <source>Click a task on the timeline to see its segments here, or Shift+drag across the timeline to see what happened in a time range.</source>
        <translation>单击时间线上的任务即可在此查看它的各个时间段；或在时间线上按住 Shift 拖动，查看某个时间范围内发生了什么。</translation>
    </message>
    <message>
        <source>Task #%1</source>
        <translation>任务 #%1</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>HTTP status</source>
        <translation>HTTP 状态</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Bytes</source>
        <translation>字节数</translation>
    </message>
    <message>
        <source>Ran on</source>
        <translation>运行于</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>创建于</translation>
    </message>
    <message>
        <source>Admitted</source>
        <translation>准入于</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>完成于</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>等待中</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>Suspended</source>
        <translation>已挂起</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>总计</translation>
    </message>
    <message>
        <source>Inside await reply</source>
        <translation>await reply 内部</translation>
    </message>
    <message>
        <source>Reused connection</source>
        <translation>复用连接</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>Segments (%1)</source>
        <translation>时间段（%1）</translation>
    </message>
    <message>
        <source>%1 – %2 ms (%3 ms)</source>
        <translation>%1 – %2 毫秒（%3 毫秒）</translation>
    </message>
    <message>
        <source>… and %1 more (export the segments CSV for all of them)</source>
        <translation>… 另有 %1 个（导出时间段 CSV 可查看全部）</translation>
    </message>
    <message>
        <source>From %1 to %2</source>
        <translation>从 %1 到 %2</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>时长</translation>
    </message>
    <message>
        <source>Loop busy</source>
        <translation>循环忙碌</translation>
    </message>
    <message>
        <source>Tasks alive</source>
        <translation>存活的任务</translation>
    </message>
    <message>
        <source>Tasks started</source>
        <translation>已启动的任务</translation>
    </message>
    <message>
        <source>Tasks finished</source>
        <translation>已完成的任务</translation>
    </message>
    <message>
        <source>Time per state (all tasks)</source>
        <translation>各状态耗时（所有任务）</translation>
    </message>
    <message>
        <source>Shift+drag again for another range; Esc on the timeline clears it.</source>
        <translation>再次按住 Shift 拖动可选择另一个范围；在时间线上按 Esc 可清除该范围。</translation>
    </message>
    <message>
        <source>Redirects (%1)</source>
        <translation>重定向（%1）</translation>
    </message>
    <message>
        <source>Encoding</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>%1: %2 bytes decoded</source>
        <translation>%1：解码后 %2 字节</translation>
    </message>
    <message>
        <source>%1: decoded size not known</source>
        <translation>%1：解码后大小未知</translation>
    </message>
    <message>
        <source>Inside await reply (%1 requests)</source>
        <translation>await reply 内部（%1 个请求）</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Coroutine</source>
        <translation>协程</translation>
    </message>
    <message>
        <source>Parent</source>
        <translation>父任务</translation>
    </message>
    <message>
        <source>#%1 %2</source>
        <translation>#%1 %2</translation>
    </message>
    <message>
        <source>none</source>
        <translation>不设超时</translation>
    </message>
    <message>
        <source>Created at</source>
        <translation>创建位置</translation>
    </message>
</context>
<context>
    <name>Coroscope::ShortcutsDialog</name>
    <message>
        <source>Timeline (click it or Tab to it first)</source>
        <translation>时间线（先单击它或用 Tab 键切换到它）</translation>
    </message>
    <message>
        <source>Ctrl+wheel, pinch</source>
        <translation>Ctrl+滚轮、捏合</translation>
    </message>
    <message>
        <source>Zoom around the pointer</source>
        <translation>以指针为中心缩放</translation>
    </message>
    <message>
        <source>%1 / %2, drag, Shift+wheel</source>
        <translation>%1 / %2、拖动、Shift+滚轮</translation>
    </message>
    <message>
        <source>Pan through time</source>
        <translation>沿时间平移</translation>
    </message>
    <message>
        <source>Wheel</source>
        <translation>滚轮</translation>
    </message>
    <message>
        <source>Scroll the rows</source>
        <translation>滚动各行</translation>
    </message>
    <message>
        <source>Fit the whole run</source>
        <translation>显示整个运行</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>Select the previous / next task</source>
        <translation>选择上一个 / 下一个任务</translation>
    </message>
    <message>
        <source>Clear the selection and the highlight</source>
        <translation>清除选择和高亮</translation>
    </message>
    <message>
        <source>Loop state (in the timeline or its panel)</source>
        <translation>循环状态（在时间线或其面板中）</translation>
    </message>
    <message>
        <source>Play / pause the replay</source>
        <translation>播放 / 暂停回放</translation>
    </message>
    <message>
        <source>Step to the previous / next event</source>
        <translation>跳到上一个 / 下一个事件</translation>
    </message>
    <message>
        <source>Jump to the start / end of the run</source>
        <translation>跳到运行的开头 / 结尾</translation>
    </message>
    <message>
        <source>Follow the run as it happens (in the panel)</source>
        <translation>实时跟随运行（在面板中）</translation>
    </message>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>按键</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Zoom in / out</source>
        <translation>放大 / 缩小</translation>
    </message>
    <message>
        <source>Pan earlier / later</source>
        <translation>向前 / 向后平移</translation>
    </message>
    <message>
        <source>Click the time axis</source>
        <translation>单击时间轴</translation>
    </message>
    <message>
        <source>Move the Loop state playhead there</source>
        <translation>把循环状态的播放头移到那里</translation>
    </message>
</context>
<context>
    <name>Coroscope::SourcePanel</name>
    <message>
        <source>suspended at %1</source>
        <translation>挂起于 %1</translation>
    </message>
    <message>
        <source>last suspended at %1</source>
        <translation>上次挂起于 %1</translation>
    </message>
    <message>
        <source>created here</source>
        <translation>在此处创建</translation>
    </message>
    <message>
        <source>%1 is larger than %2 MB: not shown.</source>
        <translation>%1 大于 %2 MB：不予显示。</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>Record a program (File &gt; Record Program…) and select one of its tasks: its source shows here, at the line where the task is suspended.</source>
        <translation>录制一个程序（文件 &gt; 录制程序…）并选择它的一个任务：其源代码会显示在这里，并定位到该任务挂起的那一行。</translation>
    </message>
    <message>
        <source>Select a task to see where it is suspended.</source>
        <translation>选择一个任务，查看它在哪里挂起。</translation>
    </message>
    <message>
        <source>Task #%1 has no known place in the source.</source>
        <translation>任务 #%1 在源代码中没有已知的位置。</translation>
    </message>
    <message>
        <source>Task #%1</source>
        <translation>任务 #%1</translation>
    </message>
    <message>
        <source>%1: %2, %3:%4 (file not found)</source>
        <translation>%1：%2，%3:%4（未找到文件）</translation>
    </message>
    <message>
        <source>%1: %2, %3:%4</source>
        <translation>%1：%2，%3:%4</translation>
    </message>
</context>
<context>
    <name>Coroscope::SummaryStrip</name>
    <message>
        <source>Tasks finished / tasks created</source>
        <translation>已完成任务数 / 已创建任务数</translation>
    </message>
    <message>
        <source>From the start of the run to its end: what the user waits</source>
        <translation>从运行开始到结束：用户实际等待的时间</translation>
    </message>
    <message>
        <source>Tasks that got a successful response</source>
        <translation>得到成功响应的任务</translation>
    </message>
    <message>
        <source>Tasks that ended with an error (HTTP error, refused connection, …)</source>
        <translation>以错误结束的任务（HTTP 错误、连接被拒绝等）</translation>
    </message>
    <message>
        <source>Tasks whose request exceeded the timeout</source>
        <translation>请求超过超时时间的任务</translation>
    </message>
    <message>
        <source>Tasks cancelled by Stop</source>
        <translation>因“停止”而被取消的任务</translation>
    </message>
    <message>
        <source>How late a 10 ms timer on the scheduler loop fired: at worst, and for 99% of its firings. A blocked loop shows up here</source>
        <translation>调度循环上 10 毫秒定时器迟到多久触发：最坏情况，以及 99% 的触发不超过的值。循环被阻塞时会在这里体现</translation>
    </message>
    <message>
        <source>Stopped after %1: %2 ok, %3 cancelled</source>
        <translation>%1 后停止：%2 个成功，%3 个已取消</translation>
    </message>
    <message>
        <source>Stopped after %1: %2 ok, %3 failed, %4 timed out, %5 cancelled</source>
        <translation>%1 后停止：%2 个成功，%3 个失败，%4 个超时，%5 个已取消</translation>
    </message>
    <message>
        <source>Finished in %1: %2 ok, %3 failed, %4 timed out (speed-up %5)</source>
        <translation>用时 %1 完成：%2 个成功，%3 个失败，%4 个超时（加速比 %5）</translation>
    </message>
    <message>
        <source>This run was stopped: its tasks were cut short, so there is no speed-up to tell</source>
        <translation>本次运行已被停止：其任务被中途打断，因此没有加速比可言</translation>
    </message>
    <message>
        <source>%1 — certificates not checked (--insecure)</source>
        <translation>%1 — 未检查证书（--insecure）</translation>
    </message>
    <message>
        <source>This run accepted any https certificate: its answers may have come from any server</source>
        <translation>本次运行接受了任何 https 证书：其应答可能来自任何服务器</translation>
    </message>
    <message>
        <source>Finished in %1: %2 ok, %3 failed, %4 timed out (no speed-up measured; %5 tasks in flight on average)</source>
        <translation>用时 %1 完成：%2 个成功，%3 个失败，%4 个超时（未测得加速比；平均 %5 个任务进行中）</translation>
    </message>
    <message>
        <source>One after another / wall time: how much running the tasks together saved. Shown only where something measured what the tasks cost one after another, once a task ended ok, and never for a stopped run</source>
        <translation>逐个依次运行的耗时 / 总耗时：同时运行这些任务节省了多少时间。仅当逐个依次运行的耗时有实测依据、且有任务成功结束后才显示，被停止的运行从不显示</translation>
    </message>
    <message>
        <source>No task ended ok: how fast failures came back says nothing about running the tasks together</source>
        <translation>没有任务成功结束：失败返回得多快，说明不了同时运行这些任务的效果</translation>
    </message>
    <message>
        <source>Average tasks in flight: %1 (every task&apos;s time from admission to finish, queues included, over the wall time; not a speed-up)</source>
        <translation>平均进行中任务数：%1（每个任务从准入到完成的时间之和，含排队时间，除以总耗时；不是加速比）</translation>
    </message>
    <message>
        <source>One after another, as the server&apos;s report of its queue lets it be measured: what each task that got a response cost alone, added up: its connect, TLS, send, wait for the answer minus the time the server reports it kept the request queued, receive, and its own running. Not its time queued inside Qt or waiting for a busy loop: those come from running many at once</source>
        <translation>逐个依次运行的耗时，依据服务器对其队列的报告测得：每个得到响应的任务单独运行的开销之和，即其连接、TLS、发送、等待应答（减去服务器报告的该请求排队时间）、接收以及自身运行的时间。不含在 Qt 内部排队或等待繁忙循环的时间：那些来自同时运行许多任务</translation>
    </message>
    <message>
        <source>One after another, measured: the wall time of the sequential run of this workload, %1</source>
        <translation>逐个依次运行的耗时（实测）：该工作负载顺序运行的总耗时，%1</translation>
    </message>
    <message>
        <source>One after another, measured: the wall time of the sequential run of this workload in %1, %2</source>
        <translation>逐个依次运行的耗时（实测）：%1 中该工作负载顺序运行的总耗时，%2</translation>
    </message>
    <message>
        <source>this session</source>
        <translation>本次会话</translation>
    </message>
    <message>
        <source>No baseline: the URLs were not measured alone before the run (or not all of them could be), the server did not report how long it queued the requests (the embedded server does), and no sequential run of the same URLs and task count was compared (Run &gt; Compare… with sequential, or File &gt; Compare with Saved Run). Without one, many tasks in flight is no speed-up: a server answering one request at a time keeps them all in flight and saves nothing</source>
        <translation>没有基准：运行前未单独测量这些 URL（或未能全部测量），服务器没有报告请求排队的时长（内置服务器会报告），也没有对比相同 URL 和任务数的顺序运行（运行 &gt; 对比… 并选择 sequential，或 文件 &gt; 与已保存的运行对比）。没有基准时，许多任务同时进行中并不等于加速：一次只应答一个请求的服务器会让它们都处于进行中，却什么也没节省</translation>
    </message>
    <message numerus="yes">
        <source>%n URL(s) of this run could not be measured alone (time budget, a failed fetch, or past the first %1 URLs)</source>
        <translation>
            <numerusform>本次运行有 %n 个 URL 未能单独测量（超出时间预算、获取失败，或超出前 %1 个 URL）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>One after another, measured against each URL fetched alone before the run (%n URL(s), one at a time, each on a new connection): each task that got a response costs its URL&apos;s lone fetch plus its own running, added up. The queueing this run created and a busy machine&apos;s late loop are not in it</source>
        <translation>
            <numerusform>逐个依次运行，以运行前单独获取的每个 URL 为基准（%n 个 URL，一次一个，每个都用新连接）：每个得到响应的任务的代价是其 URL 的单独获取时间加上它自己的运行时间，再求和。本次运行造成的排队和繁忙机器上迟到的事件循环都不计入</numerusform>
        </translation>
    </message>
    <message>
        <source>What the tasks would cost one after another, where something measured it: a sequential run of the same workload (then its wall time), each URL fetched alone before the run (Measure each URL alone first), or the server&apos;s report of its queue (then each task&apos;s own cost alone, added up). – when nothing did</source>
        <translation>任务逐个依次运行的代价（有测量依据时）：相同工作负载的顺序运行（取其总耗时）、运行前单独获取的每个 URL（先单独测量每个 URL），或服务器对其队列的报告（取每个任务单独的代价之和）。没有任何测量时为 –</translation>
    </message>
</context>
<context>
    <name>Coroscope::SweepDialog</name>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 分 %2 秒</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分</translation>
    </message>
    <message>
        <source>Sweep</source>
        <translation>扫描</translation>
    </message>
    <message>
        <source>Runs the workload of the run panel once per value of one knob, for each checked strategy, each point repeated; charts how the results grow with the knob. Every run is kept.</source>
        <translation>对某一参数的每个取值、以每个勾选的策略运行“运行”面板中的工作负载，每个点可重复多次；并用图表展示结果如何随该参数增长。每次运行都会保留。</translation>
    </message>
    <message>
        <source>&amp;Knob:</source>
        <translation>参数(&amp;K)：</translation>
    </message>
    <message>
        <source>A list (1,10,100) or ranges: A..B every whole number, A..B+S in steps of S, A..B*F geometric (1..1000*10 = 1, 10, 100, 1000)</source>
        <translation>一个列表（1,10,100）或范围：A..B 为其间每个整数，A..B+S 以 S 为步长，A..B*F 为几何级数（1..1000*10 = 1、10、100、1000）</translation>
    </message>
    <message>
        <source>&amp;Values:</source>
        <translation>取值(&amp;V)：</translation>
    </message>
    <message>
        <source>Strategies:</source>
        <translation>策略：</translation>
    </message>
    <message>
        <source>Runs of each point: the charts show their median and spread</source>
        <translation>每个点的运行次数：图表显示其中位数和离散范围</translation>
    </message>
    <message>
        <source>&amp;Repeats:</source>
        <translation>重复次数(&amp;R)：</translation>
    </message>
    <message>
        <source>Check at least one strategy</source>
        <translation>请至少勾选一个策略</translation>
    </message>
    <message numerus="yes">
        <source>%n run(s), about %1</source>
        <translation>
            <numerusform>%n 次运行，预计约 %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Coroscope::SweepWidget</name>
    <message>
        <source>Run &gt; Sweep… runs the workload once per value of a knob, for each chosen strategy, and charts how the results grow.</source>
        <translation>运行 &gt; 扫描… 会对某一参数的每个取值、以每个选中的策略各运行一次工作负载，并用图表展示结果如何增长。</translation>
    </message>
    <message>
        <source>Sweeping %1: %2 of %3 runs done, about %4 left</source>
        <translation>正在扫描 %1：已完成 %2/%3 次运行，预计还剩 %4</translation>
    </message>
    <message>
        <source>Sweep of %1 stopped after %2 of %3 runs; click a point or a row to see its run</source>
        <translation>%1 的扫描在完成 %2/%3 次运行后停止；单击某个点或某一行可查看其运行</translation>
    </message>
    <message>
        <source>Sweep of %1: %2 runs; click a point or a row to see its run</source>
        <translation>%1 的扫描：%2 次运行；单击某个点或某一行可查看其运行</translation>
    </message>
    <message>
        <source>Wall time (ms)</source>
        <translation>总耗时（毫秒）</translation>
    </message>
    <message>
        <source>Speed-up (x)</source>
        <translation>加速比（x）</translation>
    </message>
    <message>
        <source>Loop lag p99 (ms)</source>
        <translation>循环延迟 p99（毫秒）</translation>
    </message>
    <message>
        <source>Failures and timeouts</source>
        <translation>失败与超时</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Strategy</source>
        <translation>策略</translation>
    </message>
    <message>
        <source>Repeat</source>
        <translation>重复</translation>
    </message>
    <message>
        <source>Wall</source>
        <translation>总耗时</translation>
    </message>
    <message>
        <source>Speed-up</source>
        <translation>加速比</translation>
    </message>
    <message>
        <source>Lag p99</source>
        <translation>延迟 p99</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>成功</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Timeouts</source>
        <translation>超时</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source> (stopped)</source>
        <translation>（已停止）</translation>
    </message>
    <message>
        <source>Stop Sweep</source>
        <translation>停止扫描</translation>
    </message>
    <message>
        <source>Stop the run in progress and skip the rest; the runs done are kept</source>
        <translation>停止进行中的运行并跳过其余运行；已完成的运行会保留</translation>
    </message>
</context>
<context>
    <name>Coroscope::TaskTableModel</name>
    <message>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>HTTP</source>
        <translation>HTTP</translation>
    </message>
    <message>
        <source>Bytes</source>
        <translation>字节数</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Task number, in creation order</source>
        <translation>任务编号，按创建顺序</translation>
    </message>
    <message>
        <source>How the task ended; a task in flight shows its current state</source>
        <translation>任务如何结束；进行中的任务显示其当前状态</translation>
    </message>
    <message>
        <source>HTTP status code of the response, empty when none arrived</source>
        <translation>响应的 HTTP 状态码，未收到响应时为空</translation>
    </message>
    <message>
        <source>Response body bytes received</source>
        <translation>收到的响应正文字节数</translation>
    </message>
    <message>
        <source>loop</source>
        <translation>循环</translation>
    </message>
    <message>
        <source>Ran on</source>
        <translation>运行于</translation>
    </message>
    <message>
        <source>Where the task ran: on the event loop, or on a worker thread (threads strategy)</source>
        <translation>任务在哪里运行：事件循环上，或工作线程上（threads 策略）</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Queued ms</source>
        <translation>排队 毫秒</translation>
    </message>
    <message>
        <source>Connect ms</source>
        <translation>连接 毫秒</translation>
    </message>
    <message>
        <source>TLS ms</source>
        <translation>TLS 毫秒</translation>
    </message>
    <message>
        <source>Send ms</source>
        <translation>发送 毫秒</translation>
    </message>
    <message>
        <source>Waiting ms</source>
        <translation>等待响应 毫秒</translation>
    </message>
    <message>
        <source>Server queue ms</source>
        <translation>服务器排队 毫秒</translation>
    </message>
    <message>
        <source>Receiving ms</source>
        <translation>接收 毫秒</translation>
    </message>
    <message>
        <source>Resume ms</source>
        <translation>恢复 毫秒</translation>
    </message>
    <message>
        <source>Reused</source>
        <translation>复用连接</translation>
    </message>
    <message>
        <source>Inside await reply: waiting inside Qt for a connection to take the request</source>
        <translation>await reply 内部：在 Qt 内等待某个连接接手该请求</translation>
    </message>
    <message>
        <source>Inside await reply: opening a new connection (TCP, and TLS when Qt does not tell them apart)</source>
        <translation>await reply 内部：建立新连接（TCP；Qt 不区分时也包括 TLS）</translation>
    </message>
    <message>
        <source>Inside await reply: the TLS handshake, when Qt reports it on its own (Qt 6.4 does not)</source>
        <translation>await reply 内部：TLS 握手，仅当 Qt 单独报告时（Qt 6.4 不报告）</translation>
    </message>
    <message>
        <source>Inside await reply: after the connection was ready, until the request was written</source>
        <translation>await reply 内部：连接就绪之后，直到请求写出</translation>
    </message>
    <message>
        <source>Inside await reply: request sent until the response headers, less what the server spent queueing it</source>
        <translation>await reply 内部：从请求发出到收到响应头，扣除服务器排队的时间</translation>
    </message>
    <message>
        <source>Inside await reply: the time the server says it held the request in its queue</source>
        <translation>await reply 内部：服务器报告的请求在其队列中停留的时间</translation>
    </message>
    <message>
        <source>Inside await reply: response headers until the reply finished</source>
        <translation>await reply 内部：从收到响应头到回复结束</translation>
    </message>
    <message>
        <source>Inside await reply: reply finished until the coroutine ran again, the loop&apos;s own latency</source>
        <translation>await reply 内部：从回复结束到协程再次运行，即事件循环自身的延迟</translation>
    </message>
    <message>
        <source>Whether the request went out on a connection opened before it; empty when neither Qt nor the server said</source>
        <translation>请求是否通过此前已打开的连接发出；Qt 和服务器都未说明时为空</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>等待中</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>Suspended</source>
        <translation>已挂起</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>总计</translation>
    </message>
    <message>
        <source>Milliseconds created but not yet admitted: waiting for the loop, a concurrency slot, a connection or a worker</source>
        <translation>已创建但尚未准入的毫秒数：在等待循环、并发名额、连接或工作线程</translation>
    </message>
    <message>
        <source>Milliseconds executing on the loop (or on a worker thread)</source>
        <translation>在循环上（或工作线程上）执行的毫秒数</translation>
    </message>
    <message>
        <source>Milliseconds suspended at a co_await, giving the loop back while waiting</source>
        <translation>在 co_await 处挂起的毫秒数，等待期间交还了循环</translation>
    </message>
    <message>
        <source>Milliseconds from created to finished: pending + running + suspended</source>
        <translation>从创建到完成的毫秒数：等待中 + 运行中 + 已挂起</translation>
    </message>
</context>
<context>
    <name>Coroscope::TestServer</name>
    <message>
        <source>Could not listen on 127.0.0.1</source>
        <translation>无法在 127.0.0.1 上监听</translation>
    </message>
    <message>
        <source>cannot serve https: %1</source>
        <translation>无法提供 https：%1</translation>
    </message>
</context>
<context>
    <name>Coroscope::TimelineFindBar</name>
    <message>
        <source>&amp;Go to task:</source>
        <translation>转到任务(&amp;G)：</translation>
    </message>
    <message>
        <source>&amp;Find:</source>
        <translation>查找(&amp;F)：</translation>
    </message>
    <message>
        <source>task number</source>
        <translation>任务编号</translation>
    </message>
    <message>
        <source>URL, error or await label</source>
        <translation>URL、错误或 await 标签</translation>
    </message>
    <message>
        <source>Previous match (Shift+Enter, Shift+F3)</source>
        <translation>上一个匹配项（Shift+Enter、Shift+F3）</translation>
    </message>
    <message>
        <source>Next match (Enter, F3)</source>
        <translation>下一个匹配项（Enter、F3）</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>关闭（Esc）</translation>
    </message>
    <message>
        <source>#0 – #%1</source>
        <translation>#0 – #%1</translation>
    </message>
    <message>
        <source>No tasks</source>
        <translation>没有任务</translation>
    </message>
    <message>
        <source>No matches</source>
        <translation>没有匹配项</translation>
    </message>
    <message>
        <source>%1 matches</source>
        <translation>%1 个匹配项</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>第 %1 个，共 %2 个</translation>
    </message>
    <message>
        <source>Tasks are #0 to #%1</source>
        <translation>任务编号为 #0 到 #%1</translation>
    </message>
</context>
<context>
    <name>Coroscope::TimelineOverview</name>
    <message>
        <source>Overview of the whole run: drag the window to scroll the timeline, click to centre it there</source>
        <translation>整个运行的概览：拖动视窗可滚动时间线，单击可将时间线居中到该处</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>概览</translation>
    </message>
</context>
<context>
    <name>Coroscope::TimelineView</name>
    <message>
        <source>Task #%1</source>
        <translation>任务 #%1</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Waited for</source>
        <translation>等待对象</translation>
    </message>
    <message>
        <source>Await</source>
        <translation>等待点</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>时长</translation>
    </message>
    <message>
        <source>Task time</source>
        <translation>任务耗时</translation>
    </message>
    <message>
        <source>HTTP status</source>
        <translation>HTTP 状态</translation>
    </message>
    <message>
        <source>Bytes</source>
        <translation>字节数</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Scheduler loop</source>
        <translation>调度循环</translation>
    </message>
    <message>
        <source>Busy running tasks for %1 of %2 (%3%).</source>
        <translation>在 %2 中有 %1 忙于运行任务（%3%）。</translation>
    </message>
    <message>
        <source>Busy for %1, from %2 to %3</source>
        <translation>忙碌 %1，从 %2 到 %3</translation>
    </message>
    <message>
        <source>Idle at %1: no task is running on the loop</source>
        <translation>%1 时空闲：循环上没有任务在运行</translation>
    </message>
    <message>
        <source>All tasks done at %1</source>
        <translation>所有任务于 %1 完成</translation>
    </message>
    <message>
        <source>Loop lag: how late a periodic timer fired. Full height is %1 or more.</source>
        <translation>循环延迟：周期定时器迟到了多久触发。满高度表示 %1 或更多。</translation>
    </message>
    <message>
        <source>Loop lag</source>
        <translation>循环延迟</translation>
    </message>
    <message>
        <source>The timer fired %1 late at %2: the loop was blocked.</source>
        <translation>定时器在 %2 时迟到 %1 触发：循环被阻塞了。</translation>
    </message>
    <message>
        <source>all done</source>
        <translation>全部完成</translation>
    </message>
    <message>
        <source>Tasks: %1</source>
        <translation>任务：%1</translation>
    </message>
    <message>
        <source>%1% busy</source>
        <translation>%1% 忙碌</translation>
    </message>
    <message>
        <source>Coroscope timeline</source>
        <translation>Coroscope 时间线</translation>
    </message>
    <message>
        <source>Tasks: %1, strategy: %2</source>
        <translation>任务：%1，策略：%2</translation>
    </message>
    <message>
        <source>Busy %1% of the %2 under the cursor</source>
        <translation>光标所在的 %2 内有 %1% 时间忙碌</translation>
    </message>
    <message>
        <source>Ran on</source>
        <translation>运行于</translation>
    </message>
    <message>
        <source>Doing</source>
        <translation>正在执行</translation>
    </message>
    <message>
        <source>Server queue</source>
        <translation>服务器排队</translation>
    </message>
    <message>
        <source>Server load</source>
        <translation>服务器负载</translation>
    </message>
    <message>
        <source>%1 of %2 requests at once</source>
        <translation>同时处理 %1 个请求（容量 %2）</translation>
    </message>
    <message numerus="yes">
        <source>%n request(s) at once</source>
        <translation>
            <numerusform>同时处理 %n 个请求</numerusform>
        </translation>
    </message>
    <message>
        <source>Stopped at %1: the tasks still under way were cancelled</source>
        <translation>%1 时停止：仍在进行的任务已被取消</translation>
    </message>
    <message>
        <source>Inside await reply</source>
        <translation>await reply 内部</translation>
    </message>
    <message>
        <source>Reused connection</source>
        <translation>复用连接</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>Every task of a run becomes a row here: pending, running, suspended at an await, finished.</source>
        <translation>运行中的每个任务都会在这里成为一行：等待中、运行中、在 await 处挂起、已完成。</translation>
    </message>
</context>
<context>
    <name>Coroscope::Trace</name>
    <message>
        <source>read the reply</source>
        <translation>读取响应</translation>
    </message>
    <message>
        <source>blocking fetch</source>
        <translation>阻塞获取</translation>
    </message>
    <message>
        <source>… more await sites</source>
        <translation>… 更多 await 位置</translation>
    </message>
</context>
<context>
    <name>Coroscope::Vocabulary</name>
    <message>
        <source>pending</source>
        <translation>等待中</translation>
    </message>
    <message>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>suspended</source>
        <translation>已挂起</translation>
    </message>
    <message>
        <source>unfinished</source>
        <translation>未完成</translation>
    </message>
    <message>
        <source>ok</source>
        <translation>成功</translation>
    </message>
    <message>
        <source>error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>timeout</source>
        <translation>超时</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>排队</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>TLS</source>
        <translation>TLS</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <source>Server queue</source>
        <translation>服务器排队</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>等待响应</translation>
    </message>
    <message>
        <source>Receiving</source>
        <translation>接收</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>worker %1</source>
        <translation>工作线程 %1</translation>
    </message>
    <message>
        <source>loop busy</source>
        <translation>循环忙碌</translation>
    </message>
    <message>
        <source>loop lag</source>
        <translation>循环延迟</translation>
    </message>
    <message>
        <source>in await reply:</source>
        <translation>await reply 内部：</translation>
    </message>
    <message>
        <source>%1 ns</source>
        <translation>%1 纳秒</translation>
    </message>
    <message>
        <source>%1 µs</source>
        <translation>%1 微秒</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 毫秒</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>loop</source>
        <translation>循环</translation>
    </message>
    <message>
        <source>lag</source>
        <translation>延迟</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>async</source>
        <translation>异步</translation>
    </message>
    <message>
        <source>sequential</source>
        <translation>顺序</translation>
    </message>
    <message>
        <source>blocking</source>
        <translation>阻塞</translation>
    </message>
    <message>
        <source>wrapped blocking</source>
        <translation>包装的阻塞</translation>
    </message>
    <message>
        <source>threads</source>
        <translation>线程</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>完成于</translation>
    </message>
    <message>
        <source>Stopped after</source>
        <translation>停止于</translation>
    </message>
    <message>
        <source>Wall time</source>
        <translation>总耗时</translation>
    </message>
    <message>
        <source>One after another</source>
        <translation>逐个依次运行</translation>
    </message>
    <message>
        <source>Speed-up</source>
        <translation>加速比</translation>
    </message>
    <message>
        <source>Loop lag</source>
        <translation>循环延迟</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>成功</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Timeouts</source>
        <translation>超时</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>%1×</source>
        <translation>%1×</translation>
    </message>
    <message>
        <source>max %1 · p99 %2</source>
        <translation>最大 %1 · p99 %2</translation>
    </message>
    <message>
        <source>⚠ Certificates not checked (--insecure)</source>
        <translation>⚠ 未检查证书（--insecure）</translation>
    </message>
    <message numerus="yes">
        <source>%Ln task(s)</source>
        <translation>
            <numerusform>%Ln 个任务</numerusform>
        </translation>
    </message>
    <message>
        <source>at most %1 in flight</source>
        <translation>最多 %1 个同时进行</translation>
    </message>
    <message>
        <source>%1 connections per host</source>
        <translation>每主机 %1 个连接</translation>
    </message>
    <message>
        <source>%1 worker threads</source>
        <translation>%1 个工作线程</translation>
    </message>
    <message>
        <source>server takes %1 at a time</source>
        <translation>服务器一次处理 %1 个</translation>
    </message>
    <message>
        <source>%1, … (%2 URLs in all)</source>
        <translation>%1，…（共 %2 个 URL）</translation>
    </message>
    <message>
        <source>Coroscope: %1</source>
        <translation>Coroscope：%1</translation>
    </message>
</context>
<context>
    <name>Diagnostics</name>
    <message>
        <source>Task %1</source>
        <translation>任务 %1</translation>
    </message>
    <message numerus="yes">
        <source>Tasks %1 and %n more</source>
        <translation>
            <numerusform>任务 %1 等另外 %n 个</numerusform>
        </translation>
    </message>
    <message>
        <source>Tasks %1</source>
        <translation>任务 %1</translation>
    </message>
    <message>
        <source>Tasks %1 and %2</source>
        <translation>任务 %1 和 %2</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; completed without suspending; wrapping a blocking call in a coroutine does not make it asynchronous</source>
        <translation>%1：“%2”未经挂起就完成了；把阻塞调用包装进协程并不能让它变成异步</translation>
    </message>
    <message>
        <source>%1 waited up to %2 for a free connection (%3 per host)</source>
        <translation>%1 等待空闲连接最长达 %2（每主机 %3 个）</translation>
    </message>
    <message>
        <source>%1 waited up to %2 for the concurrency limit (%3 tasks in flight)</source>
        <translation>%1 因并发上限等待最长达 %2（%3 个任务进行中）</translation>
    </message>
    <message>
        <source>%1 timed out after %2</source>
        <translation>%1 在 %2 后超时</translation>
    </message>
    <message>
        <source>%1 cancelled</source>
        <translation>%1 已取消</translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation>%1 失败：%2</translation>
    </message>
    <message numerus="yes">
        <source>%n worker thread(s) performed the blocking fetches; the event loop stayed free</source>
        <translation>
            <numerusform>%n 个工作线程执行了阻塞获取；事件循环保持空闲</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 waited up to %2 for a socket: this process can keep %3 connections open at once (its file descriptor limit)</source>
        <translation>%1 等待套接字最长达 %2：本进程同时最多只能保持 %3 个连接（受其文件描述符上限限制）</translation>
    </message>
    <message>
        <source>Stopped after %1: %2 ok, %3 cancelled</source>
        <translation>%1 后停止：%2 个成功，%3 个已取消</translation>
    </message>
    <message>
        <source>Task %1 blocked the event loop for %2 (a blocking fetch: the whole request ran on the loop)</source>
        <translation>任务 %1 阻塞了事件循环 %2（阻塞式获取：整个请求都在循环上运行）</translation>
    </message>
    <message>
        <source>Task %1 kept the event loop busy for %2</source>
        <translation>任务 %1 让事件循环忙碌了 %2</translation>
    </message>
    <message>
        <source>%1 held the event loop for %2 in all</source>
        <translation>%1 总共占用事件循环 %2</translation>
    </message>
    <message>
        <source>%1 stayed &quot;running&quot; for up to %2 while the loop&apos;s thread got little CPU: the machine&apos;s other threads starved it, the task did not block it</source>
        <translation>%1 保持“运行中”最长达 %2，而循环所在的线程几乎得不到 CPU：是机器上的其他线程抢走了 CPU，而不是任务阻塞了它</translation>
    </message>
    <message>
        <source>A 10 ms timer on the event loop fired up to %1 late (p99 %2): a blocking fetch held the loop, nothing else could run meanwhile</source>
        <translation>事件循环上的 10 毫秒定时器最多迟到 %1 触发（p99 %2）：一次阻塞式获取占住了循环，期间其他任何任务都无法运行</translation>
    </message>
    <message>
        <source>A 10 ms timer on the event loop fired up to %1 late (p99 %2), but the loop&apos;s thread had only %3 of CPU in that time: it was starved of CPU by other threads, not blocked</source>
        <translation>事件循环上的 10 毫秒定时器最多迟到 %1 触发（p99 %2），但这段时间里循环所在的线程只得到了 %3 的 CPU：它是被其他线程抢走了 CPU，而不是被阻塞</translation>
    </message>
    <message>
        <source>A 10 ms timer on the event loop fired up to %1 late (p99 %2): the loop was busy with its own work (e.g. starting requests) and nothing else could run meanwhile</source>
        <translation>事件循环上的 10 毫秒定时器最多迟到 %1 触发（p99 %2）：循环忙于自身的工作（例如发起请求），期间其他任何任务都无法运行</translation>
    </message>
    <message>
        <source>The server handled at most %1 requests at a time (as it reported). %2 waited up to %3 in its queue</source>
        <translation>服务器同时最多处理 %1 个请求（据其报告）。%2 在其队列中等待最长达 %3</translation>
    </message>
    <message>
        <source>%1 waited up to %2 in the server&apos;s queue (as it reported)</source>
        <translation>%1 在服务器队列中等待最长达 %2（据其报告）</translation>
    </message>
    <message numerus="yes">
        <source>; its capacity is %n request(s) at once</source>
        <translation>
            <numerusform>；其容量为同时处理 %n 个请求</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n worker thread(s) performed the blocking fetches; no task ran on the event loop, whose lateness came from a lack of CPU</source>
        <translation>
            <numerusform>%n 个工作线程执行了阻塞式获取；没有任务在事件循环上运行，循环的延迟来自 CPU 不足</numerusform>
        </translation>
    </message>
    <message>
        <source>A 10 ms timer on the event loop fired up to %1 late (p99 %2): in that time the loop&apos;s thread ran %3 and waited %4 for a CPU core; other threads starved it, it was not blocked</source>
        <translation>事件循环上的 10 毫秒定时器最多迟到 %1 触发（p99 %2）：这段时间里循环所在的线程运行了 %3，等待 CPU 核心 %4；是其他线程抢走了 CPU，而不是它被阻塞</translation>
    </message>
    <message>
        <source>A 10 ms timer on the event loop fired up to %1 late (p99 %2): the loop&apos;s thread spent most of that time asleep inside a call (it ran %3, waited %4 for a core), so nothing else could run</source>
        <translation>事件循环上的 10 毫秒定时器最多迟到 %1 触发（p99 %2）：循环所在的线程大部分时间在某个调用中休眠（运行 %3，等待 CPU 核心 %4），因此其他任务都无法运行</translation>
    </message>
    <message>
        <source>Asked for %1 worker threads; this process&apos;s file descriptor limit (%2) allows %3, so the run used %3</source>
        <translation>请求了 %1 个工作线程；本进程的文件描述符上限（%2）只允许 %3 个，因此本次运行使用了 %3 个</translation>
    </message>
    <message numerus="yes">
        <source>%n worker thread(s) performed the blocking fetches; no task ran on the event loop, though it was late (see above)</source>
        <translation>
            <numerusform>%n 个工作线程执行了阻塞式获取；没有任务在事件循环上运行，但循环仍然迟到了（见上文）</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 waited up to %2 inside Qt before a connection took the request</source>
        <translation>%1 在 Qt 内最多等待了 %2，才有连接接手请求</translation>
    </message>
    <message>
        <source>The loop took up to %1 to resume %2 after their replies arrived: it was busy or late</source>
        <translation>回复到达后，事件循环最多用了 %1 才恢复 %2：它当时繁忙或滞后</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 毫秒</translation>
    </message>
    <message>
        <source>Certificates were not checked (--insecure): the https answers may have come from any server</source>
        <translation>未检查证书（--insecure）：https 应答可能来自任何服务器</translation>
    </message>
    <message>
        <source>TLS handshakes took up to %1 each; %2 of %3 requests opened a new connection</source>
        <translation>每次 TLS 握手最长耗时 %1；%3 个请求中有 %2 个打开了新连接</translation>
    </message>
    <message>
        <source>the sequential run&apos;s %1</source>
        <translation>顺序运行的 %1</translation>
    </message>
    <message>
        <source>running the tasks one after another</source>
        <translation>逐个依次运行这些任务</translation>
    </message>
    <message>
        <source>Speed-up %1x over %2</source>
        <translation>相比%2，加速 %1 倍</translation>
    </message>
    <message>
        <source>No speed-up (%1x over %2): the tasks ran one after another</source>
        <translation>没有加速（相比%2为 %1 倍）：任务是一个接一个运行的</translation>
    </message>
    <message>
        <source>No speed-up: no task ended ok, and how fast failures came back says nothing about running the tasks together</source>
        <translation>没有加速比：没有任务成功结束，而失败返回得多快，说明不了同时运行这些任务的效果</translation>
    </message>
    <message>
        <source>Task %1 kept the event loop busy for %2 (step: %3)</source>
        <translation>任务 %1 让事件循环忙碌了 %2（步骤：%3）</translation>
    </message>
    <message>
        <source>of %1 requests, %2 opened a new connection and %3 reused one, as Qt or the server said; for %4 neither could tell</source>
        <translation>据 Qt 或服务器所说，%1 个请求中有 %2 个打开了新连接，%3 个复用了已有连接；另有 %4 个两者都无法判断</translation>
    </message>
    <message>
        <source>%1 of %2 requests opened a new one</source>
        <translation>%2 个请求中有 %1 个打开了新连接</translation>
    </message>
    <message>
        <source>%1 spent up to %2 opening a connection (%3)</source>
        <translation>%1 最多花了 %2 建立连接（%3）</translation>
    </message>
    <message>
        <source>TLS handshakes took up to %1 each (%2)</source>
        <translation>每次 TLS 握手最长耗时 %1（%2）</translation>
    </message>
    <message>
        <source>each URL fetched alone, one task after another</source>
        <translation>单独获取每个 URL、逐个任务依次运行</translation>
    </message>
    <message>
        <source>No speed-up measured: the URLs were not measured alone before the run, the server did not report how long it queued the requests and no sequential run of this workload was compared. %1 tasks were in flight on average, which is not a speed-up: a server answering one at a time keeps many in flight and saves nothing</source>
        <translation>未测得加速比：运行前未单独测量这些 URL，服务器没有报告请求排队的时长，也没有对比此工作负载的顺序运行。平均有 %1 个任务处于进行中，这并不是加速：一次只应答一个请求的服务器会让许多任务处于进行中，却什么也没节省</translation>
    </message>
    <message>
        <source>task %1</source>
        <translation>任务 %1</translation>
    </message>
    <message numerus="yes">
        <source>%1 held the loop for %2; %n task(s) were ready and waited</source>
        <translation>
            <numerusform>%1 占用循环 %2；有 %n 个任务已就绪并在等待</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 held the loop for %2</source>
        <translation>%1 占用循环 %2</translation>
    </message>
    <message>
        <source>(in %1)</source>
        <translation>（在 %1 中）</translation>
    </message>
    <message numerus="yes">
        <source>%n more blocking call(s) held the loop for 50 ms or more</source>
        <translation>
            <numerusform>另有 %n 个阻塞调用占用循环 50 毫秒或更久</numerusform>
        </translation>
    </message>
    <message>
        <source>A coroutine was never awaited: %1</source>
        <translation>有协程从未被 await：%1</translation>
    </message>
    <message>
        <source>An exception was never retrieved: %1</source>
        <translation>有异常从未被获取：%1</translation>
    </message>
    <message>
        <source>The exception of %1 was never retrieved: %2</source>
        <translation>%1 的异常从未被获取：%2</translation>
    </message>
    <message>
        <source>A task was destroyed while still pending: %1</source>
        <translation>有任务在仍处于等待状态时被销毁：%1</translation>
    </message>
    <message>
        <source>%1 was destroyed while still pending: %2</source>
        <translation>%1 在仍处于等待状态时被销毁：%2</translation>
    </message>
    <message>
        <source>The program warned: %1</source>
        <translation>程序发出警告：%1</translation>
    </message>
    <message numerus="yes">
        <source>%n more warning(s) of the same kind</source>
        <translation>
            <numerusform>另有 %n 条同类警告</numerusform>
        </translation>
    </message>
    <message>
        <source>an exception</source>
        <translation>一个异常</translation>
    </message>
    <message>
        <source>%1 ended with %2</source>
        <translation>%1 以 %2 结束</translation>
    </message>
    <message numerus="yes">
        <source>%n task(s) ended with %1</source>
        <translation>
            <numerusform>%n 个任务以 %1 结束</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n task(s) were cancelled</source>
        <translation>
            <numerusform>%n 个任务被取消</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n task(s) had not finished when the recording ended</source>
        <translation>
            <numerusform>录制结束时有 %n 个任务尚未完成</numerusform>
        </translation>
    </message>
    <message>
        <source>The recorder dropped %1 of %2 records because Coroscope read them too slowly: some steps are missing from the timeline</source>
        <translation>由于 Coroscope 读取得太慢，录制器丢弃了 %2 条记录中的 %1 条：时间线上缺少部分步骤</translation>
    </message>
    <message>
        <source>%1 finished tasks were dropped to keep memory bounded: the timeline keeps the last %2 tasks</source>
        <translation>为限制内存占用，丢弃了 %1 个已完成的任务：时间线保留最后 %2 个任务</translation>
    </message>
    <message numerus="yes">
        <source>%n damaged line(s) of the recording were skipped</source>
        <translation>
            <numerusform>跳过了录制中 %n 个损坏的行</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) of a newer recorder were skipped</source>
        <translation>
            <numerusform>跳过了 %n 条来自更新版本录制器的记录</numerusform>
        </translation>
    </message>
    <message>
        <source>The program exited with status %1</source>
        <translation>程序以状态 %1 退出</translation>
    </message>
    <message>
        <source>The program was ended by signal %1</source>
        <translation>程序被信号 %1 终止</translation>
    </message>
    <message>
        <source>The recorder failed: the recording stops there</source>
        <translation>录制器出错：录制在此处中止</translation>
    </message>
    <message>
        <source>The recording ends without the recorder&apos;s last record: the program crashed or was killed, or the file was cut short</source>
        <translation>录制结束时缺少录制器的最后一条记录：程序崩溃或被杀死，或者文件被截断</translation>
    </message>
    <message>
        <source>The program could not be started</source>
        <translation>无法启动该程序</translation>
    </message>
    <message numerus="yes">
        <source>%1 ran %2 after the await at %3 without giving the loop back; %n task(s) were ready and waited</source>
        <translation>
            <numerusform>%1 在 %3 的 await 之后运行了 %2，未把循环交还；有 %n 个任务已就绪并在等待</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 ran %2 after the await at %3 without giving the loop back</source>
        <translation>%1 在 %3 的 await 之后运行了 %2，未把循环交还</translation>
    </message>
</context>
<context>
    <name>Record</name>
    <message>
        <source>the command line has an unclosed %1 quote</source>
        <translation>命令行中有未闭合的 %1 引号</translation>
    </message>
    <message>
        <source>the command line is empty: type the program to record and its arguments, e.g. python3 prog.py</source>
        <translation>命令行为空：请输入要录制的程序及其参数，例如 python3 prog.py</translation>
    </message>
    <message>
        <source>this recording has already started</source>
        <translation>此录制已经开始</translation>
    </message>
    <message>
        <source>cannot make a private folder for the recording&apos;s socket in %1: %2</source>
        <translation>无法在 %1 中为录制的套接字创建私有文件夹：%2</translation>
    </message>
    <message>
        <source>cannot listen for the recorder on %1: %2</source>
        <translation>无法在 %1 上监听录制器：%2</translation>
    </message>
    <message>
        <source>The recorder connected: recording.</source>
        <translation>录制器已连接：正在录制。</translation>
    </message>
    <message numerus="yes">
        <source>Another recorder connected (a child or forked process): %n other connection(s) ignored; the first one is shown.</source>
        <translation>
            <numerusform>另有录制器连接（子进程或 fork 出的进程）：已忽略 %n 个其他连接；显示的是第一个。</numerusform>
        </translation>
    </message>
    <message>
        <source>The Python recorder was not found (set COROSCOPE_PYTHON_DIR to its folder): a Python program runs unrecorded.</source>
        <translation>未找到 Python 录制器（请将 COROSCOPE_PYTHON_DIR 设为其所在文件夹）：Python 程序将在不录制的情况下运行。</translation>
    </message>
    <message>
        <source>the working folder %1 does not exist</source>
        <translation>工作文件夹 %1 不存在</translation>
    </message>
    <message>
        <source>%1: no such file</source>
        <translation>%1：没有该文件</translation>
    </message>
    <message>
        <source>%1: not an executable program</source>
        <translation>%1：不是可执行程序</translation>
    </message>
    <message>
        <source>command not found: %1</source>
        <translation>找不到命令：%1</translation>
    </message>
    <message>
        <source>Stop: sent SIGINT to the program (process %1); SIGKILL follows in %2 s if it does not end.</source>
        <translation>停止：已向程序（进程 %1）发送 SIGINT；如果它在 %2 秒内没有结束，将发送 SIGKILL。</translation>
    </message>
    <message>
        <source>The program did not end within %1 s of SIGINT: sent SIGKILL.</source>
        <translation>程序在收到 SIGINT 后 %1 秒内没有结束：已发送 SIGKILL。</translation>
    </message>
    <message>
        <source>cannot start %1: %2</source>
        <translation>无法启动 %1：%2</translation>
    </message>
    <message>
        <source>Processes the program had started were still running after Stop: they were killed (SIGKILL to process group %1).</source>
        <translation>停止后，程序启动的进程仍在运行：已将它们杀死（向进程组 %1 发送 SIGKILL）。</translation>
    </message>
    <message>
        <source>The program left processes running (its process group %1): they are not recorded.</source>
        <translation>程序遗留了仍在运行的进程（其进程组 %1）：这些进程不会被录制。</translation>
    </message>
    <message>
        <source>No recorder connected: the program ran unrecorded (only Python programs, and programs linked with Coroscope&apos;s probe, are recorded; a recorder that could not connect says why in the program&apos;s output).</source>
        <translation>没有录制器连接：程序在未录制的情况下运行（只有 Python 程序和链接了 Coroscope 探针的程序会被录制；无法连接的录制器会在程序的输出中说明原因）。</translation>
    </message>
    <message>
        <source>The recorder connected, but the program created no task.</source>
        <translation>录制器已连接，但程序没有创建任何任务。</translation>
    </message>
    <message numerus="yes">
        <source>%n other recorder connection(s) (child or forked processes) were ignored: the first one is shown.</source>
        <translation>
            <numerusform>已忽略另外 %n 个录制器连接（子进程或 fork 出的进程）：显示的是第一个。</numerusform>
        </translation>
    </message>
    <message>
        <source>The recording&apos;s connection was still open %1 s after the program ended (a forked child holds it?): what arrived until then is shown.</source>
        <translation>程序结束 %1 秒后，录制连接仍未关闭（可能被 fork 出的子进程占用？）：显示的是此前收到的内容。</translation>
    </message>
    <message>
        <source>The program printed %1; the last %2 are kept.</source>
        <translation>程序共输出 %1；保留了最后 %2。</translation>
    </message>
    <message>
        <source>signal %1</source>
        <translation>信号 %1</translation>
    </message>
    <message numerus="yes">
        <source>%n task(s)</source>
        <translation>
            <numerusform>%n 个任务</numerusform>
        </translation>
    </message>
    <message>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>the recorder failed after %1: %2</source>
        <translation>录制器在 %1 后出错：%2</translation>
    </message>
    <message>
        <source>the recording was cut after %1 (no end record): %2</source>
        <translation>录制在 %1 后被截断（没有结束记录）：%2</translation>
    </message>
    <message>
        <source>could not start</source>
        <translation>无法启动</translation>
    </message>
    <message>
        <source>could not start: %1</source>
        <translation>无法启动：%1</translation>
    </message>
    <message>
        <source>stopped: exited with status %1 after %2: %3</source>
        <translation>已停止：运行 %2 后以状态 %1 退出：%3</translation>
    </message>
    <message>
        <source>exited with status %1 after %2: %3</source>
        <translation>运行 %2 后以状态 %1 退出：%3</translation>
    </message>
    <message>
        <source>stopped: killed with SIGKILL (it ignored SIGINT) after %1: %2</source>
        <translation>已停止：运行 %1 后被 SIGKILL 杀死（它忽略了 SIGINT）：%2</translation>
    </message>
    <message>
        <source>stopped: ended by %1 after %2: %3</source>
        <translation>已停止：运行 %2 后被 %1 终止：%3</translation>
    </message>
    <message>
        <source>ended by %1 after %2: %3</source>
        <translation>运行 %2 后被 %1 终止：%3</translation>
    </message>
    <message>
        <source>killed by %1 after %2: %3</source>
        <translation>运行 %2 后被 %1 杀死：%3</translation>
    </message>
</context>
<context>
    <name>Report</name>
    <message>
        <source>Where the time went</source>
        <translation>时间花在了哪里</translation>
    </message>
    <message>
        <source>Time, all tasks</source>
        <translation>时间（所有任务）</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>占比</translation>
    </message>
    <message numerus="yes">
        <source>The tasks&apos; time by state, added up over %Ln task(s)</source>
        <translation>
            <numerusform>任务按状态划分的时间，%Ln 个任务累计</numerusform>
        </translation>
    </message>
    <message>
        <source>Per task</source>
        <translation>每个任务</translation>
    </message>
    <message numerus="yes">
        <source>Inside await reply, added up over %Ln request(s)</source>
        <translation>
            <numerusform>await reply 内部，%Ln 个请求累计</numerusform>
        </translation>
    </message>
    <message>
        <source>Per request</source>
        <translation>每个请求</translation>
    </message>
    <message>
        <source>Diagnostics</source>
        <translation>诊断</translation>
    </message>
    <message>
        <source>Nothing to report.</source>
        <translation>没有可报告的内容。</translation>
    </message>
    <message>
        <source>Latency (created to finished)</source>
        <translation>耗时（从创建到完成）</translation>
    </message>
    <message>
        <source>Tasks</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>In flight</source>
        <translation>进行中</translation>
    </message>
    <message>
        <source>Charts</source>
        <translation>图表</translation>
    </message>
    <message>
        <source>Tasks in flight over time (admitted, not yet finished)</source>
        <translation>进行中任务数随时间的变化（已准入、尚未完成）</translation>
    </message>
    <message numerus="yes">
        <source>Latency of the %Ln finished task(s)</source>
        <translation>
            <numerusform>%Ln 个已完成任务的耗时</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message numerus="yes">
        <source>%Ln task(s), up to %1 per pixel row: a pixel&apos;s colour is the states its tasks were in, its strength how many existed; the strip on the left is each row&apos;s worst outcome</source>
        <translation>
            <numerusform>%Ln 个任务，每个像素行最多 %1 个：像素的颜色表示其中任务所处的状态，深浅表示存在的任务数；左侧的条带表示每行最差的结果</numerusform>
        </translation>
    </message>
    <message>
        <source>One row per task; hover a row for its URL, outcome and time</source>
        <translation>每个任务一行；将鼠标悬停在某行上可查看其 URL、结果和时间</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>unlimited</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>… and %1 more</source>
        <translation>… 另有 %1 个</translation>
    </message>
    <message>
        <source>URLs</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>Strategies compared</source>
        <translation>对比的策略</translation>
    </message>
    <message>
        <source>Strategy</source>
        <translation>策略</translation>
    </message>
    <message>
        <source>Swept</source>
        <translation>扫描的参数</translation>
    </message>
    <message>
        <source>%1: %2 (its row below is the base, which each run replaced)</source>
        <translation>%1：%2（下方该参数的行是基础值，每次运行都会替换它）</translation>
    </message>
    <message>
        <source>Concurrency limit</source>
        <translation>并发上限</translation>
    </message>
    <message>
        <source>Connections per host</source>
        <translation>每主机连接数</translation>
    </message>
    <message>
        <source>Timeout per request</source>
        <translation>每个请求的超时</translation>
    </message>
    <message>
        <source>none</source>
        <translation>不设超时</translation>
    </message>
    <message>
        <source>Worker threads</source>
        <translation>工作线程</translation>
    </message>
    <message>
        <source>Max body per response</source>
        <translation>每个响应的响应体上限</translation>
    </message>
    <message>
        <source>Embedded server capacity</source>
        <translation>内置服务器容量</translation>
    </message>
    <message>
        <source>Each URL measured alone first</source>
        <translation>先单独测量每个 URL</translation>
    </message>
    <message>
        <source>https certificates checked</source>
        <translation>校验 https 证书</translation>
    </message>
    <message>
        <source>File descriptor limit</source>
        <translation>文件描述符上限</translation>
    </message>
    <message>
        <source>Where it ran</source>
        <translation>运行环境</translation>
    </message>
    <message>
        <source>Coroscope</source>
        <translation>Coroscope</translation>
    </message>
    <message>
        <source>Qt</source>
        <translation>Qt</translation>
    </message>
    <message>
        <source>%1 (built with %2)</source>
        <translation>%1（构建时使用 %2）</translation>
    </message>
    <message>
        <source>QCoro</source>
        <translation>QCoro</translation>
    </message>
    <message>
        <source>Operating system</source>
        <translation>操作系统</translation>
    </message>
    <message>
        <source>Kernel</source>
        <translation>内核</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message numerus="yes">
        <source>%Ln core(s), %1</source>
        <translation>
            <numerusform>%Ln 个核心，%1</numerusform>
        </translation>
    </message>
    <message>
        <source>Recorded</source>
        <translation>录制时间</translation>
    </message>
    <message>
        <source>%1 (UTC)</source>
        <translation>%1（UTC）</translation>
    </message>
    <message>
        <source>Run file</source>
        <translation>运行文件</translation>
    </message>
    <message>
        <source>Comparison</source>
        <translation>对比</translation>
    </message>
    <message>
        <source>Loop lag p99</source>
        <translation>循环延迟 p99</translation>
    </message>
    <message>
        <source>Wall time of each run; every timeline below is drawn on the same time axis</source>
        <translation>每次运行的总耗时；下方的所有时间线都绘制在同一时间轴上</translation>
    </message>
    <message>
        <source>Coroscope report</source>
        <translation>Coroscope 报告</translation>
    </message>
    <message numerus="yes">
        <source>%Ln run(s) compared: %1</source>
        <translation>
            <numerusform>对比了 %Ln 次运行：%1</numerusform>
        </translation>
    </message>
    <message>
        <source>Recorded %1 with Coroscope %2 on %3</source>
        <translation>于 %1 在 %3 上用 Coroscope %2 录制</translation>
    </message>
    <message>
        <source>This record holds no run.</source>
        <translation>此记录中没有运行。</translation>
    </message>
    <message>
        <source>Made by Coroscope %1. Times are measured by a monotonic clock from each run&apos;s start; every figure is derived from the recorded trace.</source>
        <translation>由 Coroscope %1 生成。时间由单调时钟从每次运行开始时测量；所有数据均由录制的跟踪数据得出。</translation>
    </message>
    <message>
        <source>Task %1 · %2 · %3 · %4</source>
        <translation>任务 %1 · %2 · %3 · %4</translation>
    </message>
    <message>
        <source>%1 (log scale)</source>
        <translation>%1（对数刻度）</translation>
    </message>
    <message>
        <source>Sweep of %1</source>
        <translation>%1 的扫描</translation>
    </message>
    <message numerus="yes">
        <source>%1: %2; %3; %n repeat(s) of each; %4 of %5 runs done</source>
        <translation>
            <numerusform>%1：%2；%3；每个点重复 %n 次；已完成 %4/%5 次运行</numerusform>
        </translation>
    </message>
    <message>
        <source> (stopped)</source>
        <translation>（已停止）</translation>
    </message>
    <message>
        <source>; the sweep took %1</source>
        <translation>；扫描用时 %1</translation>
    </message>
    <message>
        <source>Wall time</source>
        <translation>总耗时</translation>
    </message>
    <message>
        <source>Speed-up</source>
        <translation>加速比</translation>
    </message>
    <message>
        <source>Failures and timeouts</source>
        <translation>失败与超时</translation>
    </message>
    <message>
        <source>%1 against %2: the median of the repeats, a bar from the least to the greatest</source>
        <translation>%1 随 %2 的变化：重复运行的中位数，竖条表示从最小值到最大值的范围</translation>
    </message>
    <message>
        <source>Medians</source>
        <translation>中位数</translation>
    </message>
    <message>
        <source>Repeats</source>
        <translation>重复次数</translation>
    </message>
    <message>
        <source>Spread</source>
        <translation>离散范围</translation>
    </message>
    <message>
        <source>One after another</source>
        <translation>逐个依次运行</translation>
    </message>
    <message>
        <source>%1 – %2</source>
        <translation>%1 – %2</translation>
    </message>
    <message>
        <source>%1×</source>
        <translation>%1×</translation>
    </message>
    <message>
        <source>Every run</source>
        <translation>所有运行</translation>
    </message>
    <message>
        <source>Repeat</source>
        <translation>重复</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>成功</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Timeouts</source>
        <translation>超时</translation>
    </message>
</context>
<context>
    <name>RunFile</name>
    <message>
        <source>its header lacks &quot;%1&quot;</source>
        <translation>文件头缺少“%1”</translation>
    </message>
    <message>
        <source>its header&apos;s &quot;%1&quot; is not a whole number from %2 to %3</source>
        <translation>文件头的“%1”不是 %2 到 %3 之间的整数</translation>
    </message>
    <message>
        <source>its data could not be decompressed (zlib would not start)</source>
        <translation>其数据无法解压（zlib 无法启动）</translation>
    </message>
    <message>
        <source>its compressed data is damaged (zlib: %1)</source>
        <translation>其压缩数据已损坏（zlib：%1）</translation>
    </message>
    <message>
        <source>invalid data</source>
        <translation>无效数据</translation>
    </message>
    <message>
        <source>its compressed data holds more than the %1 bytes its header declares</source>
        <translation>其压缩数据超过了文件头声明的 %1 字节</translation>
    </message>
    <message>
        <source>its compressed data ends early (%1 of %2 bytes)</source>
        <translation>其压缩数据提前结束（%2 字节中只有 %1 字节）</translation>
    </message>
    <message>
        <source>its compressed data does not match its header (%1 bytes, %2 declared)</source>
        <translation>其压缩数据与文件头不符（%1 字节，声明为 %2 字节）</translation>
    </message>
    <message>
        <source>cannot open %1: %2</source>
        <translation>无法打开 %1：%2</translation>
    </message>
    <message>
        <source>no such file</source>
        <translation>文件不存在</translation>
    </message>
    <message>
        <source>not a regular file</source>
        <translation>不是普通文件</translation>
    </message>
    <message>
        <source>it is larger than %1 MiB</source>
        <translation>文件大于 %1 MiB</translation>
    </message>
    <message>
        <source>a number (%1) does not fit in 64 bits</source>
        <translation>某个数字（%1）超出了 64 位范围</translation>
    </message>
    <message>
        <source>%1 is %2, outside %3 to %4</source>
        <translation>%1 为 %2，超出了 %3 到 %4 的范围</translation>
    </message>
    <message>
        <source>it claims %1 %2, more than the %3 a file may hold</source>
        <translation>文件声称有 %1 个 %2，超过了一个文件最多可容纳的 %3 个</translation>
    </message>
    <message>
        <source>it claims %1 %2, more than its remaining %3 bytes can hold</source>
        <translation>文件声称有 %1 个 %2，超过了其剩余 %3 字节所能容纳的数量</translation>
    </message>
    <message>
        <source>the data ends inside %1</source>
        <translation>数据在 %1 中途结束</translation>
    </message>
    <message>
        <source>its string table does not begin with the empty string</source>
        <translation>其字符串表不是以空字符串开头</translation>
    </message>
    <message>
        <source>%1 refers to text %2, but the string table has %3</source>
        <translation>%1 引用了文本 %2，但字符串表只有 %3 项</translation>
    </message>
    <message>
        <source>event %1</source>
        <translation>事件 %1</translation>
    </message>
    <message>
        <source>its strategy &quot;%1&quot; is unknown</source>
        <translation>其策略“%1”未知</translation>
    </message>
    <message>
        <source>its first label is not the empty one</source>
        <translation>其第一个标签不是空标签</translation>
    </message>
    <message>
        <source>task %1 refers to URL %2, but the run has %3</source>
        <translation>任务 %1 引用了 URL %2，但该运行只有 %3 个 URL</translation>
    </message>
    <message>
        <source>task %1 has an unknown result (%2)</source>
        <translation>任务 %1 的结果未知（%2）</translation>
    </message>
    <message>
        <source>task %1 has an unknown HTTP version (%2)</source>
        <translation>任务 %1 的 HTTP 版本未知（%2）</translation>
    </message>
    <message>
        <source>%1 is at an impossible time</source>
        <translation>%1 位于不可能的时间</translation>
    </message>
    <message>
        <source>%1 is at a negative time (%2 ns)</source>
        <translation>%1 的时间为负（%2 纳秒）</translation>
    </message>
    <message>
        <source>%1 is at %2 ns, later than a run can last</source>
        <translation>%1 位于 %2 纳秒处，超出了一次运行可能的时长</translation>
    </message>
    <message>
        <source>%1 (at %2 ns) is earlier than the event before it (at %3 ns): times must not go back</source>
        <translation>%1（%2 纳秒）早于它之前的事件（%3 纳秒）：时间不能倒退</translation>
    </message>
    <message>
        <source>%1 has an unknown kind (%2)</source>
        <translation>%1 的类型未知（%2）</translation>
    </message>
    <message>
        <source>%1 refers to task %2, but the run has %3</source>
        <translation>%1 引用了任务 %2，但该运行只有 %3 个任务</translation>
    </message>
    <message>
        <source>%1 (kind %2) belongs to a task but names the loop</source>
        <translation>%1（类型 %2）属于任务，却指向了循环</translation>
    </message>
    <message>
        <source>%1 (kind %2) belongs to the loop but names task %3</source>
        <translation>%1（类型 %2）属于循环，却指向了任务 %3</translation>
    </message>
    <message>
        <source>%1 refers to label %2, but the run has %3</source>
        <translation>%1 引用了标签 %2，但该运行只有 %3 个标签</translation>
    </message>
    <message>
        <source>a section of %1 bytes runs past the end of the data</source>
        <translation>一个 %1 字节的段超出了数据末尾</translation>
    </message>
    <message>
        <source>it has two string tables</source>
        <translation>其中有两个字符串表</translation>
    </message>
    <message>
        <source>its string table is damaged: %1</source>
        <translation>其字符串表已损坏：%1</translation>
    </message>
    <message>
        <source>run %1 comes before the string table</source>
        <translation>运行 %1 出现在字符串表之前</translation>
    </message>
    <message>
        <source>run %1 is damaged: %2</source>
        <translation>运行 %1 已损坏：%2</translation>
    </message>
    <message>
        <source>its data is damaged: %1</source>
        <translation>其数据已损坏：%1</translation>
    </message>
    <message>
        <source>its header&apos;s &quot;body.encoding&quot; is not &quot;zlib&quot;</source>
        <translation>文件头的“body.encoding”不是“zlib”</translation>
    </message>
    <message>
        <source>its header lists %1 runs, its data holds %2</source>
        <translation>文件头列出了 %1 个运行，而数据中有 %2 个</translation>
    </message>
    <message>
        <source>it is empty</source>
        <translation>文件为空</translation>
    </message>
    <message>
        <source>it is truncated after %1 bytes</source>
        <translation>文件在 %1 字节后被截断</translation>
    </message>
    <message>
        <source>it is not a Coroscope run file</source>
        <translation>它不是 Coroscope 运行文件</translation>
    </message>
    <message>
        <source>it is truncated inside its first line</source>
        <translation>文件在第一行中途被截断</translation>
    </message>
    <message>
        <source>its first line is longer than %1 bytes</source>
        <translation>其第一行超过 %1 字节</translation>
    </message>
    <message>
        <source>its format version &quot;%1&quot; is not one Coroscope wrote</source>
        <translation>其格式版本“%1”不是 Coroscope 写出的版本</translation>
    </message>
    <message>
        <source>it was made by a newer Coroscope: version %1 (run file format %2.%3); this Coroscope (%4) reads format %5.x</source>
        <translation>它由更新版本的 Coroscope 生成：版本 %1（运行文件格式 %2.%3）；当前的 Coroscope（%4）只能读取 %5.x 格式</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>it is truncated inside its header</source>
        <translation>文件在文件头中途被截断</translation>
    </message>
    <message>
        <source>its header is longer than %1 KiB</source>
        <translation>其文件头超过 %1 KiB</translation>
    </message>
    <message>
        <source>it is truncated: its data should be %1 bytes, the file has %2</source>
        <translation>文件被截断：其数据应为 %1 字节，文件中只有 %2 字节</translation>
    </message>
    <message>
        <source>it has %1 unexpected bytes after its data</source>
        <translation>其数据之后有 %1 个多余字节</translation>
    </message>
    <message>
        <source>its header declares %1 bytes of data in %2 compressed, more than this format ever expands to</source>
        <translation>文件头声明 %2 字节压缩数据解压后为 %1 字节，超过了此格式可能的最大解压比</translation>
    </message>
    <message>
        <source>it holds no run</source>
        <translation>其中没有运行</translation>
    </message>
    <message>
        <source>compared run %1 comes before the string table</source>
        <translation>对比运行 %1 出现在字符串表之前</translation>
    </message>
    <message>
        <source>compared run %1 is damaged: %2</source>
        <translation>对比运行 %1 已损坏：%2</translation>
    </message>
    <message>
        <source>its header&apos;s &quot;%1strategy&quot; is not a strategy</source>
        <translation>其文件头中的 &quot;%1strategy&quot; 不是一种策略</translation>
    </message>
    <message>
        <source>its header describes %1 compared runs, its data holds %2</source>
        <translation>其文件头描述了 %1 个对比运行，数据中却有 %2 个</translation>
    </message>
    <message>
        <source>its header&apos;s &quot;%1source&quot; is empty</source>
        <translation>其文件头中的 &quot;%1source&quot; 为空</translation>
    </message>
    <message>
        <source>its header&apos;s description of compared run %1 does not match its data</source>
        <translation>其文件头对对比运行 %1 的描述与数据不符</translation>
    </message>
    <message>
        <source>string %1 is a second empty string</source>
        <translation>字符串 %1 是第二个空字符串</translation>
    </message>
    <message>
        <source>its header&apos;s &quot;tasks&quot; or &quot;events&quot; of a run are not its spec&apos;s task count and a whole number of events</source>
        <translation>文件头中某个运行的“tasks”或“events”不是其设定的任务数与一个整数事件数</translation>
    </message>
    <message>
        <source>%1 (kind %2) has a negative value (%3)</source>
        <translation>%1（类型 %2）的值为负数（%3）</translation>
    </message>
    <message>
        <source>%1 creates task %2 a second time</source>
        <translation>%1 再次创建了任务 %2</translation>
    </message>
    <message>
        <source>%1 (kind %2) happens to task %3 before it was created</source>
        <translation>%1（类型 %2）发生在任务 %3 被创建之前</translation>
    </message>
    <message>
        <source>%1 finishes task %2 a second time</source>
        <translation>%1 再次结束了任务 %2</translation>
    </message>
    <message>
        <source>task %1 was never created</source>
        <translation>任务 %1 从未被创建</translation>
    </message>
    <message>
        <source>task %1 finished but has no result</source>
        <translation>任务 %1 已结束，但没有结果</translation>
    </message>
    <message>
        <source>task %1 has a result (%2) but never finished</source>
        <translation>任务 %1 有结果（%2），却从未结束</translation>
    </message>
    <message>
        <source>it has no end time, but a saved run has ended</source>
        <translation>它没有结束时间，但已保存的运行都已结束</translation>
    </message>
    <message>
        <source>it ends at %1 ns, before its last event (at %2 ns)</source>
        <translation>它结束于 %1 ns，早于其最后一个事件（%2 ns）</translation>
    </message>
    <message>
        <source>its redirects and encodings name a task out of order or beyond its %1 tasks</source>
        <translation>其重定向和编码记录中的任务顺序错乱，或超出了其 %1 个任务</translation>
    </message>
    <message>
        <source>task %1 has a redirect of an unknown HTTP version (%2)</source>
        <translation>任务 %1 有一次 HTTP 版本未知的重定向（%2）</translation>
    </message>
    <message>
        <source>it is a run of %1, but its header says %2</source>
        <translation>它是 %1 的运行，但文件头写的是 %2</translation>
    </message>
    <message>
        <source>its concurrency, connections per host, timeout or certificate checks are not those of its header&apos;s spec</source>
        <translation>其并发上限、每主机连接数、超时或证书检查与文件头中的设定不符</translation>
    </message>
    <message>
        <source>it has %1 tasks, but its header&apos;s spec says %2</source>
        <translation>它有 %1 个任务，但文件头中的设定是 %2 个</translation>
    </message>
    <message>
        <source>it has %1 events, but its header says %2</source>
        <translation>它有 %1 个事件，但文件头写的是 %2 个</translation>
    </message>
    <message>
        <source>it holds more runs than its header&apos;s &quot;compare&quot; and &quot;runs&quot; list</source>
        <translation>其中的运行多于文件头的“compare”和“runs”所列</translation>
    </message>
    <message>
        <source>it holds more than one run, but its header has no &quot;compare&quot;</source>
        <translation>其中不止一个运行，但文件头没有“compare”</translation>
    </message>
    <message>
        <source>its header&apos;s &quot;runs&quot; says run %1 is %2, where its spec and &quot;compare&quot; say %3</source>
        <translation>文件头的“runs”说运行 %1 是 %2，而其设定和“compare”说是 %3</translation>
    </message>
    <message>
        <source>run %1</source>
        <translation>运行 %1</translation>
    </message>
    <message>
        <source>its header describes %1 compared runs, its data holds more</source>
        <translation>文件头描述了 %1 个对比运行，其数据中却有更多</translation>
    </message>
    <message>
        <source>compared run %1</source>
        <translation>对比运行 %1</translation>
    </message>
    <message>
        <source>redirects and encodings come before their run, or twice for one run</source>
        <translation>重定向和编码记录出现在其运行之前，或同一运行出现了两次</translation>
    </message>
    <message>
        <source>the redirects and encodings of %1 are damaged: %2</source>
        <translation>%1 的重定向和编码记录已损坏：%2</translation>
    </message>
    <message>
        <source>its header&apos;s &quot;compare&quot; lists %1, which did not run, and its last run was not stopped</source>
        <translation>文件头的“compare”列出了未运行的 %1，而其最后一个运行并未被停止</translation>
    </message>
    <message>
        <source>its header is not valid JSON (%1 at byte %2)</source>
        <translation>其文件头不是有效的 JSON（第 %2 字节处：%1）</translation>
    </message>
    <message>
        <source>its header is a JSON array, where an object is expected</source>
        <translation>其文件头是 JSON 数组，而此处应为对象</translation>
    </message>
    <message>
        <source>its header is not a JSON object</source>
        <translation>其文件头不是 JSON 对象</translation>
    </message>
    <message>
        <source>its header&apos;s &quot;%1&quot; is not a list of one or two addresses</source>
        <translation>文件头的“%1”不是包含一个或两个地址的列表</translation>
    </message>
    <message>
        <source>its header&apos;s &quot;%1&quot; holds &quot;%2&quot;, which is not a loopback address with a port (the embedded server listens on no other)</source>
        <translation>文件头的“%1”包含“%2”，这不是带端口的本机回环地址（内置服务器只监听回环地址）</translation>
    </message>
    <message>
        <source>its header&apos;s &quot;compared&quot; is not a list of at most %1 runs</source>
        <translation>文件头的“compared”不是最多包含 %1 个运行的列表</translation>
    </message>
    <message>
        <source>its header&apos;s &quot;compare&quot; is not a list of strategy names</source>
        <translation>文件头的“compare”不是策略名称的列表</translation>
    </message>
    <message>
        <source>its header&apos;s &quot;compare&quot; is an empty list</source>
        <translation>文件头的“compare”是空列表</translation>
    </message>
    <message>
        <source>its header&apos;s &quot;compare&quot; lists something other than a strategy name</source>
        <translation>文件头的“compare”列出了策略名称以外的内容</translation>
    </message>
    <message>
        <source>its header&apos;s &quot;compare&quot; lists &quot;%1&quot;, which is not a strategy</source>
        <translation>文件头的“compare”列出了“%1”，它不是策略</translation>
    </message>
    <message>
        <source>its header&apos;s &quot;compare&quot; lists %1 twice</source>
        <translation>文件头的“compare”两次列出了 %1</translation>
    </message>
    <message>
        <source>a URL measured alone refers to URL %1, but the run has %2</source>
        <translation>单独测量的 URL 指向 URL %1，但该运行只有 %2 个</translation>
    </message>
    <message>
        <source>URL %1 is measured alone twice</source>
        <translation>URL %1 被单独测量了两次</translation>
    </message>
    <message>
        <source>URLs measured alone come before their run, or twice for one run</source>
        <translation>单独测量的 URL 出现在其运行之前，或同一运行出现两次</translation>
    </message>
    <message>
        <source>the URLs measured alone of %1 are damaged: %2</source>
        <translation>%1 的单独测量 URL 已损坏：%2</translation>
    </message>
    <message>
        <source>its header describes %1 sweep points, its data holds more, or one before the string table</source>
        <translation>其文件头描述了 %1 个扫描点，但其数据包含更多，或有扫描点出现在字符串表之前</translation>
    </message>
    <message>
        <source>sweep point %1 is damaged: %2</source>
        <translation>扫描点 %1 已损坏：%2</translation>
    </message>
    <message>
        <source>sweep point %1</source>
        <translation>扫描点 %1</translation>
    </message>
    <message>
        <source>the recording of %1 is damaged: %2</source>
        <translation>%1 的录制已损坏：%2</translation>
    </message>
    <message>
        <source>a recording comes before its run, or twice for one run</source>
        <translation>录制出现在其运行之前，或同一运行出现了两次录制</translation>
    </message>
    <message>
        <source>its header describes %1 sweep points, its data holds %2</source>
        <translation>其文件头描述了 %1 个扫描点，其数据包含 %2 个</translation>
    </message>
    <message>
        <source>it holds a sweep and other runs</source>
        <translation>它同时包含扫描和其他运行</translation>
    </message>
    <message>
        <source>its recording has %1 tasks, its run %2</source>
        <translation>其录制有 %1 个任务，其运行有 %2 个</translation>
    </message>
    <message>
        <source>its recording has lanes for %1 events, its run has %2</source>
        <translation>其录制有 %1 个事件的通道，其运行有 %2 个事件</translation>
    </message>
    <message>
        <source>a recorded event&apos;s place (%1) is outside the run</source>
        <translation>某个录制事件的位置（%1）超出了运行范围</translation>
    </message>
    <message>
        <source>a recorded event is at an impossible time</source>
        <translation>某个录制事件的时间不可能成立</translation>
    </message>
    <message>
        <source>a recorded event has kind %1, which belongs to the run</source>
        <translation>某个录制事件的类型为 %1，而该类型属于运行</translation>
    </message>
    <message>
        <source>a recorded event refers to task %1, but the run has %2</source>
        <translation>某个录制事件引用了任务 %1，但该运行只有 %2 个任务</translation>
    </message>
    <message>
        <source>a recorded event refers to label %1, but the run has %2</source>
        <translation>某个录制事件引用了标签 %1，但该运行只有 %2 个标签</translation>
    </message>
    <message>
        <source>its recorded events are not in time order with its run&apos;s</source>
        <translation>其录制事件与其运行的事件未按时间顺序排列</translation>
    </message>
    <message>
        <source>its header&apos;s &quot;sweep.%1&quot; is not what a sweep writes</source>
        <translation>文件头的“sweep.%1”不是扫描会写出的内容</translation>
    </message>
    <message>
        <source>its header&apos;s &quot;sweep&quot; is not an object</source>
        <translation>文件头的“sweep”不是对象</translation>
    </message>
    <message>
        <source>its sweep cannot be: %1</source>
        <translation>其扫描不成立：%1</translation>
    </message>
</context>
<context>
    <name>Sweep</name>
    <message>
        <source>sweep value &quot;%1&quot; for %2 is outside %3 to %4</source>
        <translation>%2 的扫描取值“%1”不在 %3 到 %4 范围内</translation>
    </message>
    <message>
        <source>Tasks</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Concurrency limit</source>
        <translation>并发上限</translation>
    </message>
    <message>
        <source>Connections per host</source>
        <translation>每主机连接数</translation>
    </message>
    <message>
        <source>Server capacity</source>
        <translation>服务器容量</translation>
    </message>
    <message>
        <source>Server delay (s)</source>
        <translation>服务器延迟（秒）</translation>
    </message>
    <message>
        <source>Worker threads</source>
        <translation>工作线程</translation>
    </message>
    <message>
        <source>Timeout (ms)</source>
        <translation>超时（毫秒）</translation>
    </message>
    <message>
        <source>the sweep of %1 has no values (e.g. 1,10,100 or 1..1000*10)</source>
        <translation>%1 的扫描没有取值（例如 1,10,100 或 1..1000*10）</translation>
    </message>
    <message>
        <source>sweep value &quot;%1&quot; for %2 is not a number</source>
        <translation>%2 的扫描取值“%1”不是数字</translation>
    </message>
    <message>
        <source>sweep value &quot;%1&quot; for %2 is not a whole number</source>
        <translation>%2 的扫描取值“%1”不是整数</translation>
    </message>
    <message>
        <source>sweep range &quot;%1&quot;: the step after &apos;%2&apos; is not a number</source>
        <translation>扫描范围“%1”：“%2”之后的步长不是数字</translation>
    </message>
    <message>
        <source>sweep range &quot;%1&quot; is not FROM..TO, FROM..TO+STEP or FROM..TO*FACTOR</source>
        <translation>扫描范围“%1”不是 FROM..TO、FROM..TO+STEP 或 FROM..TO*FACTOR 形式</translation>
    </message>
    <message>
        <source>sweep range &quot;%1&quot; ends before it starts</source>
        <translation>扫描范围“%1”的结束值小于起始值</translation>
    </message>
    <message>
        <source>sweep range &quot;%1&quot;: the step must be more than 0</source>
        <translation>扫描范围“%1”：步长必须大于 0</translation>
    </message>
    <message>
        <source>sweep range &quot;%1&quot;: a geometric range needs a start above 0 and a factor above 1</source>
        <translation>扫描范围“%1”：几何级数范围的起始值必须大于 0，倍数必须大于 1</translation>
    </message>
    <message>
        <source>a sweep has at most %1 values</source>
        <translation>一次扫描最多有 %1 个取值</translation>
    </message>
    <message>
        <source>--sweep wants KNOB=VALUES, e.g. tasks=1,10,100; knobs: %1</source>
        <translation>--sweep 需要“参数=取值”形式，例如 tasks=1,10,100；可用参数：%1</translation>
    </message>
    <message>
        <source>unknown sweep knob &quot;%1&quot;: expected %2</source>
        <translation>未知的扫描参数“%1”：应为 %2</translation>
    </message>
    <message>
        <source>the sweep of %1 has no values</source>
        <translation>%1 的扫描没有取值</translation>
    </message>
    <message>
        <source>a sweep repeats each point 1 to %1 times, not %2</source>
        <translation>扫描的每个点重复 1 到 %1 次，而不是 %2 次</translation>
    </message>
    <message>
        <source>a sweep of %1 values x %2 strategies x %3 repeats is more than %4 runs</source>
        <translation>%1 个取值 x %2 个策略 x %3 次重复的扫描超过了 %4 次运行</translation>
    </message>
    <message>
        <source>the delay knob changes the embedded server&apos;s /delay/N URLs, and the workload has none</source>
        <translation>delay 参数改变的是内置服务器的 /delay/N URL，而该工作负载中没有这样的 URL</translation>
    </message>
    <message>
        <source>the server-capacity knob needs the embedded server</source>
        <translation>server-capacity 参数需要内置服务器</translation>
    </message>
</context>
</TS>
