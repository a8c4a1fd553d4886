#include "conceptspanel.h"

#include "theme.h"
#include "timelinerenderer.h"

#include <QEvent>
#include <QMetaEnum>
#include <QPair>
#include <QScrollBar>
#include <QTextBrowser>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Coroscope {

namespace {
const QString ShowMeScheme = u"showme"_s;

QString anchorName(ConceptsPanel::Concept concept_)
{
    return QString::fromLatin1(
        QMetaEnum::fromType<ConceptsPanel::Concept>().valueToKey(int(concept_)));
}
} // namespace

ConceptsPanel::ConceptsPanel(QWidget *parent)
    : QWidget(parent)
    , m_browser(new QTextBrowser(this))
{
    // Links are ours to interpret; the browser must not try to navigate to showme: URLs.
    m_browser->setOpenLinks(false);
    m_browser->setOpenExternalLinks(false);
    m_browser->setFrameShape(QFrame::NoFrame);
    m_browser->document()->setDocumentMargin(10);
    // Lines break between words (or between CJK characters), never inside a word ("Futur e"),
    // and a code span stays on one line ("asyncio.crea te_task").
    m_browser->setWordWrapMode(QTextOption::WordWrap);
    m_browser->document()->setDefaultStyleSheet(QStringLiteral("code { white-space: nowrap; }"));
    connect(m_browser, &QTextBrowser::anchorClicked, this, &ConceptsPanel::openLink);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_browser);
    retranslate();
}

ConceptsPanel::~ConceptsPanel() = default;

QList<ConceptsPanel::Concept> ConceptsPanel::allConcepts()
{
    return {Concept::EventLoop, Concept::Coroutine, Concept::Task,
            Concept::Future,    Concept::Await,     Concept::Callback,
            Concept::Blocking,  Concept::Threads,   Concept::ServerCapacity};
}

QString ConceptsPanel::title(Concept concept_)
{
    switch (concept_) {
    case Concept::EventLoop:
        return tr("Event loop");
    case Concept::Coroutine:
        return tr("Coroutine");
    case Concept::Task:
        return tr("Task");
    case Concept::Future:
        return tr("Future");
    case Concept::Await:
        return tr("await");
    case Concept::Callback:
        return tr("Done callback");
    case Concept::Blocking:
        return tr("Blocking calls");
    case Concept::Threads:
        return tr("Threads vs coroutines");
    case Concept::ServerCapacity:
        return tr("Server capacity");
    }
    return {};
}

QUrl ConceptsPanel::showMeUrl(Concept concept_)
{
    QUrl url;
    url.setScheme(ShowMeScheme);
    url.setPath(anchorName(concept_));
    return url;
}

void ConceptsPanel::scrollToConcept(Concept concept_)
{
    m_browser->scrollToAnchor(anchorName(concept_));
}

void ConceptsPanel::openLink(const QUrl &url)
{
    if (url.scheme() != ShowMeScheme)
        return;
    bool ok = false;
    const int value
        = QMetaEnum::fromType<Concept>().keyToValue(url.path().toLatin1().constData(), &ok);
    if (ok)
        Q_EMIT showMe(Concept(value));
}

void ConceptsPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange || event->type() == QEvent::PaletteChange)
        retranslate();
    QWidget::changeEvent(event);
}

void ConceptsPanel::retranslate()
{
    const int scroll = m_browser->verticalScrollBar()->value();
    // Colours from the palette (View > Theme): the light theme's look, legible on a dark base.
    const QPalette p = palette();
    const QColor base = p.color(QPalette::Base);
    const auto shade = [&](const QColor &towards, double t) {
        return TimelineRendering::mix(base, towards, t).name();
    };
    m_browser->document()->setDefaultStyleSheet(
        u"h2 { font-size: large; margin-top: 0px; margin-bottom: 4px; }"
        "h3 { font-size: medium; margin-top: 0px; margin-bottom: 3px; color: %1; }"
        "p { margin-top: 0px; margin-bottom: 4px; }"
        "p.intro { color: %2; }"
        "p.screen { background-color: %3; margin-top: 2px; margin-bottom: 12px; }"
        "a { color: %4; text-decoration: none; }"
        "code { font-family: monospace; color: %5; }"
        "th { background-color: %6; text-align: left; }"_s.arg(
            Theme::readableOn(QColor(0x1b, 0x4f, 0x72), base).name(),
            p.color(QPalette::PlaceholderText).name(), shade(QColor(0x56, 0xb4, 0xe9), 0.13),
            Theme::readableOn(QColor(0x00, 0x72, 0xb2), base).name(),
            Theme::readableOn(QColor(0x7a, 0x3e, 0x00), base).name(),
            shade(p.color(QPalette::Text), 0.08)));
    // The tables' cells and rules are written as light-theme colours in html().
    m_browser->setHtml(html()
                           .replace(u"bgcolor=\"#ffffff\""_s, u"bgcolor=\"%1\""_s.arg(base.name()))
                           .replace(u"bgcolor=\"#d0d0d0\""_s,
                                    u"bgcolor=\"%1\""_s.arg(shade(p.color(QPalette::Text), 0.2))));
    m_browser->verticalScrollBar()->setValue(scroll);
}

QString ConceptsPanel::conceptHtml(Concept concept_) const
{
    QString body;
    QString screen;
    switch (concept_) {
    case Concept::EventLoop:
        body = tr("One thread runs a loop: it takes the next piece of work that is ready, runs it "
                  "until it gives control back, and repeats. Only one coroutine runs on a loop at "
                  "a time: coroutines overlap their <i>waiting</i>, not their running. Each run "
                  "here has its own loop on a scheduler thread, so a run that blocks its loop "
                  "never freezes this window.");
        screen = tr("The <b>loop</b> row on top of the timeline: filled where the loop is busy, "
                    "empty where it is free (in the comparison, the strip above each band). "
                    "The lag lane below it shows how late a 10 ms timer fired: a tall bar means "
                    "the loop was stuck.");
        break;
    case Concept::Coroutine:
        body = tr("A function that can pause at an <code>await</code> and later resume where it "
                  "left off, its local variables intact. In Python, calling a coroutine function "
                  "only creates a coroutine object: nothing runs until it is awaited or wrapped in "
                  "a task. QCoro 0.8 tasks start <i>eagerly</i> instead: the body runs up to its "
                  "first <code>co_await</code> as soon as it is called. Coroscope therefore holds "
                  "each task at an admission await, so that its pending time is real.");
        screen = tr("Each row of the timeline is one coroutine; the grey span at its start is the "
                    "time it existed but had not started running.");
        break;
    case Concept::Task:
        body = tr("A coroutine handed to the loop to drive alongside the others: "
                  "<code>asyncio.create_task(coro)</code> (or <code>ensure_future</code>, which "
                  "also accepts futures) schedules it and returns at once. The strategies "
                  "<b>async</b>, <b>blocking</b> and <b>wrapped-blocking</b> create every task up "
                  "front, like calling create_task in a loop; <b>sequential</b> creates each one "
                  "only after the previous one has finished.");
        screen = tr("A timeline row: pending (grey) until it gets the loop, then running (orange) "
                    "and suspended (blue) in turns, ending in its result.");
        break;
    case Concept::Future:
        body = tr("A placeholder for a result that arrives later; awaiting it suspends until the "
                  "result is set. An asyncio Task is a Future that drives a coroutine. In QCoro, "
                  "<code>QCoro::Task&lt;T&gt;</code> plays both parts, and a "
                  "<code>QNetworkReply</code> is the future of an HTTP response.");
        screen = tr("The end of a row, coloured by the result: green ok, vermillion error, amber "
                    "timeout, grey cancelled.");
        break;
    case Concept::Await:
        body = tr("<code>await x</code> (<code>co_await x</code> in C++) suspends the coroutine "
                  "until <i>x</i> completes and gives the loop back meanwhile, so that other tasks "
                  "can run. It only yields if <i>x</i> is not ready yet: awaiting something "
                  "already finished carries straight on.");
        screen = tr("The blue <b>suspended</b> spans, labelled with what they wait for: "
                    "'await reply', 'await connection', 'await concurrency limit'.");
        break;
    case Concept::Callback:
        body
            = tr("<code>task.add_done_callback(fn)</code> runs <i>fn</i> when the task finishes; "
                 "QCoro's equivalent is <code>task.then(fn)</code> or "
                 "<code>QCoro::connect(task, context, fn)</code>. <code>asyncio.wait(tasks)</code> "
                 "returns once all of them are done.");
        screen = tr("The small marker at the end of a row is the callback running; the vertical "
                    "line on the loop row marks the moment all tasks were done (asyncio.wait). A "
                    "run you stop never gets there: a red <b>stopped</b> line marks the Stop "
                    "instead.");
        break;
    case Concept::Blocking:
        body = tr("A blocking call such as <code>requests.get</code> keeps its thread until it "
                  "returns. Inside <code>async def</code> it holds the event loop: no other task "
                  "can start or resume, so ten /delay/5 requests take 50 s, one after another. "
                  "Wrapping it in another <code>async def</code> changes nothing: the wrapper has "
                  "no real suspension point, so awaiting it completes without ever giving the "
                  "loop back. (<code>await requests.get(url)</code> even fails: the request runs, "
                  "blocking, and then its Response is not awaitable.) The cure is an asynchronous "
                  "client (aiohttp in Python, <code>QNetworkAccessManager</code> with "
                  "<code>co_await reply</code> here) or a thread.");
        screen = tr("Strategies <b>blocking</b> and <b>wrapped-blocking</b>: long orange spans one "
                    "after another, the loop busy throughout, seconds of lag. In wrapped-blocking "
                    "the 'await get()' suspension has zero length.");
        break;
    case Concept::Threads:
        body = tr("Threads let blocking calls overlap: each worker blocks on its own and the "
                  "operating system switches between them at any moment. Every thread costs memory "
                  "and context switches, and shared data needs locks. Coroutines share one thread "
                  "and switch only at an await: thousands are cheap, but a single blocking call "
                  "stalls them all. For waiting on the network both help; neither makes the "
                  "server faster.");
        screen = tr("Strategy <b>threads</b>: tasks run on worker threads while the loop row stays "
                    "free; no more tasks run at once than there are workers.");
        break;
    case Concept::ServerCapacity:
        body = tr("Overlapping requests only helps if the server can answer them at once. A "
                  "server that handles N requests at a time queues the rest, and the run slows "
                  "down again. Limits on the client have the same effect: a concurrency limit, a "
                  "per-host connection limit, or Qt's own 6 connections per host per "
                  "QNetworkAccessManager.");
        screen = tr("Long 'await reply' spans when the server queued requests (set the embedded "
                    "server's capacity in the run panel); pending spans labelled 'await "
                    "connection' or 'await concurrency limit'; the Diagnostics panel reports the "
                    "server's queue.");
        break;
    }
    const QString name = anchorName(concept_);
    // The link sits at the right of the heading, in a cell of its own, so that it never wraps
    // inside the words (Chinese has no spaces to keep it together).
    return u"<a name=\"%1\"></a><table width=\"100%\" cellspacing=\"0\" cellpadding=\"0\" "
           "style=\"margin-top: 12px;\"><tr><td><h3>%2</h3></td><td align=\"right\" "
           "valign=\"bottom\" nowrap=\"nowrap\"><a href=\"%6\">%7</a></td></tr></table>"
           "<p>%3</p><p class=\"screen\"><b>%4</b> %5</p>"_s.arg(
               name, title(concept_).toHtmlEscaped(), body, tr("On screen:"), screen,
               showMeUrl(concept_).toString(),
               tr("Show me ›").toHtmlEscaped().replace(u' ', u"&nbsp;"_s));
}

// The summary's figures, defined once: what the strip, the comparison and the exports show.
QString ConceptsPanel::figuresHtml() const
{
    const QList<QPair<QString, QString>> figures = {
        {tr("Wall time"), tr("From the start of the run to its end: what you wait.")},
        {tr("One after another"),
         tr("What the tasks would cost run one after another, where something measured it. "
            "When the server reports how long it queued each request (the embedded server "
            "does): what each task that got a response cost alone, added up: its connect, TLS, "
            "send, wait for the answer minus the server's queue, receive and its own running; "
            "not its time queued inside Qt or waiting for a busy loop, which running many at "
            "once caused. When a sequential run of the same workload is compared: its wall "
            "time. Otherwise nothing measured it (–). Exports call it <code>sum_ms</code> and "
            "say what measured it in <code>baseline</code>.")},
        {tr("Speed-up"),
         tr("One after another divided by the wall time: how much running the tasks together "
            "saved. 1× means no gain. There is none (–) without a measured one after another, "
            "until a task has ended ok, when none did, and for a stopped run, whose tasks were "
            "cut short.")},
        {tr("Average in flight"),
         tr("Every task's time from admission to finish, server queues included, divided by the "
            "wall time: how many tasks were under way at once, on average. Tasks queued at a "
            "busy server count here but buy nothing, so this is not a speed-up (shown in the "
            "speed-up's tooltip and comparison; <code>avg_in_flight</code> in exports).")},
        {tr("Stopped"),
         tr("A run you stop is marked as such everywhere: the summary says \"Stopped after\", "
            "the timeline draws a red line where you pressed Stop, and the comparison leaves it "
            "out of its charts. It ends where the Stop took effect: its wall time, the in-flight "
            "chart and the exports end there, and its cancelled tasks are not in the latency "
            "histogram.")},
    };
    QString out = u"<a name=\"figures\"></a><h3 style=\"margin-top: 12px;\">"_s
        + tr("The figures").toHtmlEscaped()
        + u"</h3><table width=\"100%\" cellspacing=\"1\" cellpadding=\"4\" border=\"0\" "
          "bgcolor=\"#d0d0d0\">"_s;
    for (const auto &figure : figures)
        out += u"<tr><td bgcolor=\"#ffffff\" nowrap=\"nowrap\"><b>"_s + figure.first.toHtmlEscaped()
            + u"</b></td><td bgcolor=\"#ffffff\">"_s + figure.second + u"</td></tr>"_s;
    return out + u"</table>"_s;
}

QString ConceptsPanel::html() const
{
    QString out = u"<h2>"_s + tr("Concepts").toHtmlEscaped() + u"</h2><p class=\"intro\">"_s
        + tr("The words of Python's asyncio, what they mean with QCoro (the C++ library "
             "Coroscope's coroutines are written with), and where each one shows on "
             "screen.")
        + u"</p>"_s;
    for (Concept c : allConcepts())
        out += conceptHtml(c);

    struct Row
    {
        QString asyncio;
        QString qcoro;
    };
    const QList<Row> rows = {
        {tr("event loop"), tr("the Qt event loop of the run's scheduler thread")},
        {tr("coroutine function / object"),
         tr("a function returning <code>QCoro::Task&lt;T&gt;</code>")},
        {tr("task / future"),
         tr("<code>QCoro::Task&lt;T&gt;</code> (QCoro 0.8 tasks start eagerly, asyncio "
            "coroutines "
            "lazily)")},
        {u"<code>await</code>"_s, u"<code>co_await</code>"_s},
        {u"<code>add_done_callback</code>"_s,
         u"<code>task.then(...)</code> / <code>QCoro::connect(task, ctx, cb)</code>"_s},
        {u"<code>asyncio.wait(tasks)</code>"_s,
         tr("awaiting every task / a counter that completes when all are done")},
        {tr("<code>requests.get</code> in <code>async def</code>"),
         tr("a blocking fetch on the scheduler thread (blocks the loop)")},
        {tr("aiohttp <code>session.get</code>"),
         u"<code>QNetworkAccessManager::get</code> + <code>co_await reply</code>"_s},
        {u"<code>asyncio.sleep</code>"_s,
         tr("<code>QCoro::sleepFor</code> (new in 0.8, <code>&lt;QCoroTimer&gt;</code>)")},
    };
    out += figuresHtml();
    out += u"<h3>"_s + tr("asyncio and QCoro side by side").toHtmlEscaped()
        + u"</h3><table width=\"100%\" cellspacing=\"1\" cellpadding=\"4\" border=\"0\" "
          "bgcolor=\"#d0d0d0\"><tr><th align=\"left\">asyncio → "_s
        + tr("Coroscope / QCoro").toHtmlEscaped() + u"</th></tr>"_s;
    // One column, each equivalent under its asyncio term: two columns of unbroken code spans
    // were wider than the dock and gave it a horizontal scroll bar.
    for (const Row &row : rows)
        out += u"<tr><td bgcolor=\"#ffffff\">"_s + row.asyncio + u"<br>&nbsp;&nbsp;→&nbsp;"_s
            + row.qcoro + u"</td></tr>"_s;
    out += u"</table>"_s;
    return out;
}

} // namespace Coroscope
