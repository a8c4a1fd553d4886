#include "csrecdecoder.h"

#include "run/runspec.h"
#include "trace/phases.h"
#include "trace/recorder.h"
#include "trace/text.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <array>
#include <limits>

namespace Coroscope {

namespace {

// Times beyond ~13 days are damage, not a program (the run file's bound: io/runfile.h MaxNs).
constexpr qint64 MaxNs = qint64(1) << 50;
// Distinct strings kept at most: a recorder defines one per task name, so a program of a million
// tasks would keep a million. Beyond it the least recently used half is forgotten; a record that
// refers to a forgotten string is skipped as damaged (in practice: a finished task's name).
constexpr qsizetype MaxStrings = qsizetype(1) << 18;
constexpr qsizetype MaxLanes = 0xffff;
constexpr int MaxFields = 12;

struct Fields
{
    std::array<QByteArrayView, MaxFields> at;
    int count = 0;
};

Fields splitFields(QByteArrayView line)
{
    Fields f;
    qsizetype start = 0;
    while (f.count < MaxFields) {
        const qsizetype tab = line.indexOf('\t', start);
        if (tab < 0) {
            f.at[f.count++] = line.sliced(start);
            break;
        }
        f.at[f.count++] = line.sliced(start, tab - start);
        start = tab + 1;
    }
    return f;
}

bool parseInt(QByteArrayView field, qint64 *out, qint64 min = 0,
              qint64 max = std::numeric_limits<qint64>::max())
{
    if (field.isEmpty() || field.size() > 19)
        return false;
    bool negative = false;
    qsizetype i = 0;
    if (field.at(0) == '-') {
        negative = true;
        i = 1;
        if (field.size() == 1)
            return false;
    }
    qint64 v = 0;
    for (; i < field.size(); ++i) {
        const char c = field.at(i);
        if (c < '0' || c > '9')
            return false;
        v = v * 10 + (c - '0');
    }
    if (negative)
        v = -v;
    if (v < min || v > max)
        return false;
    *out = v;
    return true;
}

// One record of a batch, its strings and ids resolved as far as they can be before commit.
struct Record
{
    qint64 t = 0;
    char kind = 0;
    quint64 task = 0;
    quint64 other = 0; // T: parent; R: waker; A: awaited task
    quint64 lane = 0;
    qint64 number = 0; // C, H: duration ns; W: warning kind; U: status; P: moment index
    qint64 number2 = 0; // U: bytes
    QString text; // T: name; N: name; A: label text; D: error; C: callback; H: label; W: text;
                  // U: url
    QString text2; // T: coroutine; U: method
    QString text3; // T: site
    qint32 label = -1; // A: the label already interned (the pair cache), -1: intern `text`
    quint64 labelKey = 0; // A: (label-sid, site-sid), 0: not cacheable
};

} // namespace

struct CsrecDecoder::Impl
{
    struct StringEntry
    {
        QString text;
        quint64 lastUse = 0;
    };
    QHash<quint64, StringEntry> strings;
    quint64 useClock = 0;
    QHash<quint64, quint32> lanes; // lane id -> Trace::lanes index
    QStringList laneNames{QString()};
    bool lanesChanged = true;
    QHash<quint64, quint32> tasks; // recorder's task id -> task index
    quint64 maxTaskId = 0;
    // Per task index: bit 0 admitted (its first step began), bit 1 finished.
    QList<quint8> taskFlags;
    QHash<QString, quint16> labelIds;
    // An A record's label by its (label-sid, site-sid): the text is built once per await site,
    // not once per suspension. Sids are never reused, so an entry never goes stale; bounded.
    QHash<quint64, quint16> labelOfPair;
    QHash<QString, quint32> urlIds;
    QByteArray partial; // an incomplete last line
    bool skippingLongLine = false;
    QList<Record> batch;
    qint64 lastNs = 0; // latest time committed
    qsizetype maxTasks = Retention::DefaultMaxTasks;
    ProgramRun program;
    bool programChanged = false;

    const QString *string(quint64 sid)
    {
        if (sid == 0)
            return nullptr;
        auto it = strings.find(sid);
        if (it == strings.end())
            return nullptr;
        it->lastUse = ++useClock;
        return &it->text;
    }
    void define(quint64 sid, QString text)
    {
        strings.insert(sid, StringEntry{std::move(text), ++useClock});
        if (strings.size() <= MaxStrings)
            return;
        QList<quint64> uses;
        uses.reserve(strings.size());
        for (const StringEntry &e : std::as_const(strings))
            uses.append(e.lastUse);
        auto middle = uses.begin() + uses.size() / 2;
        std::nth_element(uses.begin(), middle, uses.end());
        const quint64 cut = *middle;
        strings.removeIf([cut](const auto &it) { return it.value().lastUse < cut; });
    }
    quint32 laneIndex(quint64 id)
    {
        if (id == 0)
            return 0;
        const auto it = lanes.constFind(id);
        if (it != lanes.constEnd())
            return *it;
        if (laneNames.size() >= MaxLanes)
            return 0;
        laneNames.append(QCoreApplication::translate("Coroscope::CsrecDecoder", "lane %1").arg(id));
        lanesChanged = true;
        return *lanes.insert(id, quint32(laneNames.size() - 1));
    }
    quint16 label(Trace &trace, const QString &text)
    {
        if (text.isEmpty())
            return 0;
        const auto it = labelIds.constFind(text);
        if (it != labelIds.constEnd())
            return *it;
        if (trace.labels.size() >= Trace::MoreLabels) {
            if (trace.labels.size() == Trace::MoreLabels)
                trace.labels.append(QStringLiteral("… more await sites"));
            return Trace::MoreLabels;
        }
        trace.labels.append(text);
        const auto id = quint16(trace.labels.size() - 1);
        labelIds.insert(text, id);
        return id;
    }
    qint32 taskOf(quint64 id) const { return id == 0 ? -1 : qint32(tasks.value(id, quint32(-1))); }
};

CsrecDecoder::CsrecDecoder(TraceRecorder *recorder, qsizetype maxTasks)
    : d(std::make_unique<Impl>())
    , m_recorder(recorder)
{
    d->maxTasks = std::max<qsizetype>(1, maxTasks);
}

CsrecDecoder::~CsrecDecoder() = default;

bool CsrecDecoder::feed(QByteArrayView bytes)
{
    if (isRefused() || m_finished)
        return !isRefused();
    qsizetype start = 0;
    while (start < bytes.size() && !isRefused()) {
        const qsizetype newline = bytes.indexOf('\n', start);
        const QByteArrayView piece
            = bytes.sliced(start, (newline < 0 ? bytes.size() : newline) - start);
        if (d->skippingLongLine) {
            // The rest of a line already counted as damaged.
        } else if (d->partial.size() + piece.size() > MaxLineBytes) {
            ++m_damaged;
            d->partial.clear();
            d->skippingLongLine = true;
        } else if (newline < 0) {
            d->partial.append(piece);
        } else if (d->partial.isEmpty()) {
            decodeLine(piece);
        } else {
            d->partial.append(piece);
            const QByteArray line = std::exchange(d->partial, {});
            decodeLine(line);
        }
        if (newline < 0)
            break;
        d->skippingLongLine = false;
        start = newline + 1;
    }
    commit();
    return !isRefused();
}

void CsrecDecoder::finish()
{
    if (m_finished)
        return;
    if (!d->partial.isEmpty() && !isRefused()) {
        ++m_damaged; // a cut stream loses its last partial line
        d->partial.clear();
    }
    commit();
    m_finished = true;
    if (isRefused())
        return;
    if (!m_ended)
        d->program.end = ProgramEnd::Cut;
    if (d->program.wallNs < 0)
        d->program.wallNs = d->lastNs;
    d->programChanged = true;
    commit();
    m_recorder->modify([&](Trace &trace) {
        // The program's end is the recorder's last record (`E`), else its last event.
        if (trace.endNs < 0)
            trace.endNs = std::max({d->lastNs, trace.lastNs(), m_ended ? d->program.wallNs : 0});
        return 0;
    });
    m_recorder->markComplete();
}

void CsrecDecoder::refuse(const QString &why)
{
    if (m_error.isEmpty())
        m_error = why;
}

void CsrecDecoder::decodeLine(QByteArrayView line)
{
    ++m_lines;
    if (line.endsWith('\r'))
        line.chop(1);
    if (!m_headerSeen) {
        decodeHeader(line);
        return;
    }
    if (line.isEmpty()) {
        ++m_damaged;
        return;
    }
    const Fields f = splitFields(line);
    if (f.at[0].size() != 1) {
        ++m_damaged;
        return;
    }
    const char kind = f.at[0].at(0);
    const auto damaged = [this] { ++m_damaged; };
    const auto needs = [&](int n) { return f.count >= n; };
    qint64 n[8] = {};
    const auto ints = [&](int first, int count) {
        for (int i = 0; i < count; ++i) {
            if (!parseInt(f.at[first + i], &n[i]))
                return false;
        }
        return true;
    };
    // A string field: 0 is none (empty); an undefined one makes the record damaged.
    bool stringsOk = true;
    const auto str = [&](qint64 sid) -> QString {
        if (sid == 0)
            return {};
        const QString *s = d->string(quint64(sid));
        if (!s) {
            stringsOk = false;
            return {};
        }
        return *s;
    };
    Record r;
    r.kind = kind;
    switch (kind) {
    case 'S': {
        qint64 sid = 0;
        if (!needs(3) || !parseInt(f.at[1], &sid) || sid == 0) {
            // A text holding a tab would have been escaped: more fields are damage too, but a
            // newer minor's extra field is allowed; the text is field 2 either way.
            if (!(needs(3) && parseInt(f.at[1], &sid) && sid != 0))
                return damaged();
        }
        const QByteArray raw = unescape(f.at[2]);
        QString text = QString::fromUtf8(raw);
        d->define(quint64(sid), printableText(text, MaxTextBytes));
        return;
    }
    case 'L': {
        if (!needs(3) || !ints(1, 2) || n[0] == 0)
            return damaged();
        const QString name = str(n[1]);
        if (!stringsOk)
            return damaged();
        const quint32 index = d->laneIndex(quint64(n[0]));
        if (index != 0 && d->laneNames.at(index) != name && !name.isEmpty()) {
            d->laneNames[index] = name;
            d->lanesChanged = true;
        }
        return;
    }
    case 'T':
        if (!needs(8) || !ints(1, 7) || n[1] == 0)
            return damaged();
        r.task = quint64(n[1]);
        r.lane = quint64(n[2]);
        r.other = quint64(n[3]);
        r.text = str(n[4]);
        r.text2 = str(n[5]);
        r.text3 = str(n[6]);
        break;
    case 'N':
        if (!needs(4) || !ints(1, 3))
            return damaged();
        r.task = quint64(n[1]);
        r.text = str(n[2]);
        break;
    case 'Q':
        if (!needs(3) || !ints(1, 2))
            return damaged();
        r.task = quint64(n[1]);
        break;
    case 'R':
        if (!needs(5) || !ints(1, 4))
            return damaged();
        r.task = quint64(n[1]);
        r.lane = quint64(n[2]);
        r.other = quint64(n[3]);
        break;
    case 'A': {
        if (!needs(6) || !ints(1, 5))
            return damaged();
        r.task = quint64(n[1]);
        r.other = quint64(n[4]);
        if (n[2] < (qint64(1) << 32) && n[3] < (qint64(1) << 32)) {
            r.labelKey = quint64(n[2]) << 32 | quint64(n[3]);
            const auto cached = d->labelOfPair.constFind(r.labelKey);
            if (cached != d->labelOfPair.constEnd() && r.labelKey != 0) {
                r.label = *cached;
                break;
            }
        }
        const QString what = str(n[2]);
        const QString site = str(n[3]);
        r.text = site.isEmpty() ? what
            : what.isEmpty()    ? QString(QStringLiteral("await at ") + site)
                                : QString(what + QStringLiteral(" at ") + site);
        r.other = quint64(n[4]);
        break;
    }
    case 'D': {
        if (!needs(6) || !parseInt(f.at[1], &n[0]) || !parseInt(f.at[2], &n[1])
            || !parseInt(f.at[4], &n[2]))
            return damaged();
        r.task = quint64(n[1]);
        const QByteArrayView result = f.at[3];
        if (result == "ok")
            r.number = qint64(TaskResult::Ok);
        else if (result == "error")
            r.number = qint64(TaskResult::Error);
        else if (result == "cancelled")
            r.number = qint64(TaskResult::Cancelled);
        else
            return damaged();
        r.text = str(n[2]);
        break;
    }
    case 'C':
        if (!needs(6) || !ints(1, 5))
            return damaged();
        r.task = quint64(n[1]);
        r.text = str(n[2]);
        r.lane = quint64(n[3]);
        r.number = n[4];
        break;
    case 'I':
    case 'B':
        if (!needs(3) || !ints(1, 2))
            return damaged();
        r.lane = quint64(n[1]);
        break;
    case 'H': {
        if (!needs(7) || !ints(1, 6))
            return damaged();
        r.lane = quint64(n[1]);
        r.task = quint64(n[2]);
        r.number = n[3];
        const QString func = str(n[4]);
        const QString site = str(n[5]);
        r.text = site.isEmpty() ? func
            : func.isEmpty()    ? site
                                : QString(func + QStringLiteral(" at ") + site);
        break;
    }
    case 'P': {
        if (!needs(5) || !ints(1, 3))
            return damaged();
        r.task = quint64(n[1]);
        const QByteArrayView moment = f.at[4];
        const char *const known[] = {"queued",
                                     NetworkMoment::Connecting,
                                     NetworkMoment::Encrypted,
                                     NetworkMoment::RequestSent,
                                     NetworkMoment::Headers,
                                     NetworkMoment::Finished};
        r.number = -1;
        for (int i = 0; i < 6; ++i) {
            if (moment == QByteArrayView(known[i]))
                r.number = i;
        }
        if (r.number < 0)
            return damaged();
        r.text = QString::fromLatin1(known[r.number]);
        break;
    }
    case 'U':
        if (!needs(8) || !ints(1, 4) || !parseInt(f.at[5], &n[4]) || !parseInt(f.at[6], &n[5])
            || !parseInt(f.at[7], &n[6], -1))
            return damaged();
        r.task = quint64(n[1]);
        r.text2 = str(n[3]);
        r.text = str(n[4]);
        r.number = n[5];
        r.number2 = n[6];
        break;
    case 'W': {
        if (!needs(6) || !parseInt(f.at[1], &n[0]) || !parseInt(f.at[2], &n[1])
            || !parseInt(f.at[4], &n[2]) || !parseInt(f.at[5], &n[3]))
            return damaged();
        r.task = quint64(n[1]);
        const QByteArrayView kindName = f.at[3];
        r.number = kindName == "never-retrieved" ? qint64(WarningKind::NeverRetrieved)
            : kindName == "destroyed-pending"    ? qint64(WarningKind::DestroyedPending)
            : kindName == "never-awaited"        ? qint64(WarningKind::NeverAwaited)
                                                 : qint64(WarningKind::Other);
        const QString text = str(n[2]);
        const QString site = str(n[3]);
        r.text = site.isEmpty() ? text : QString(text + QStringLiteral(" at ") + site);
        break;
    }
    case 'Z':
        if (!needs(4) || !ints(1, 3))
            return damaged();
        d->program.recorded = n[1];
        d->program.dropped = n[2];
        d->programChanged = true;
        return;
    case 'E': {
        if (!needs(4) || !parseInt(f.at[1], &n[0]) || !parseInt(f.at[3], &n[1], -1))
            return damaged();
        const QByteArrayView how = f.at[2];
        if (how == "exit")
            d->program.end = ProgramEnd::Exited;
        else if (how == "signal")
            d->program.end = ProgramEnd::Signalled;
        else if (how == "error")
            d->program.end = ProgramEnd::RecorderFailed;
        else
            return damaged();
        d->program.status = int(std::clamp<qint64>(n[1], -1, std::numeric_limits<int>::max()));
        d->program.wallNs = std::min(n[0], MaxNs);
        d->programChanged = true;
        m_ended = true;
        return;
    }
    default:
        if ((kind >= 'A' && kind <= 'Z') || (kind >= 'a' && kind <= 'z')) {
            ++m_unknown; // a newer minor version's kind
            d->program.unknownRecords = m_unknown;
            d->programChanged = true;
            return;
        }
        return damaged();
    }
    if (!stringsOk || n[0] > MaxNs)
        return damaged();
    r.t = n[0];
    d->batch.append(std::move(r));
}

void CsrecDecoder::decodeHeader(QByteArrayView line)
{
    const Fields f = splitFields(line);
    if (!line.startsWith(QByteArrayView(Magic)) || f.count < 3) {
        refuse(QCoreApplication::translate("Coroscope::CsrecDecoder",
                                           "it is not a Coroscope recording (no CSREC header)"));
        return;
    }
    qint64 major = 0;
    qint64 minor = 0;
    if (!parseInt(f.at[1], &major) || !parseInt(f.at[2], &minor)) {
        refuse(QCoreApplication::translate("Coroscope::CsrecDecoder",
                                           "its CSREC header has no version"));
        return;
    }
    if (major != MajorVersion) {
        refuse(QCoreApplication::translate("Coroscope::CsrecDecoder",
                                           "recorded by a newer Coroscope recorder, format "
                                           "%1.%2; this Coroscope reads %3.x")
                   .arg(major)
                   .arg(minor)
                   .arg(MajorVersion));
        return;
    }
    m_headerSeen = true;
    const auto text = [&](int i) {
        const QByteArrayView v = i < f.count ? f.at[i] : QByteArrayView();
        return v == "-" ? QString() : printableText(QString::fromUtf8(v), 200);
    };
    ProgramRun &p = d->program;
    p.formatMajor = int(major);
    p.formatMinor = int(std::min<qint64>(minor, std::numeric_limits<int>::max()));
    p.recorder = text(3);
    p.recorderVersion = text(4);
    p.runtime = text(5);
    qint64 pid = 0;
    if (f.count > 6 && parseInt(f.at[6], &pid))
        p.pid = pid;
    qint64 epochMs = 0;
    if (f.count > 7)
        parseInt(f.at[7], &epochMs);
    d->programChanged = true;
    m_recorder->modify([&](Trace &trace) {
        trace.program = d->program;
        // A recorded program's tasks are coroutines on an event loop: the async model (and a
        // strategy every run-file reader knows, io/runfile.h recordOfRecording()).
        trace.strategy = strategyName(Strategy::Async);
        trace.urls = QStringList{QString()};
        trace.lanes = d->laneNames;
        trace.startedMsSinceEpoch = epochMs;
        return 0;
    });
}

void CsrecDecoder::commit()
{
    if (!m_headerSeen)
        return;
    // The batch's list is handed back, emptied, at the end: its capacity is kept for the next
    // feed (measured: growing it again from nothing for every feed, moving each Record at each
    // doubling, was a third of the live reader's time on a C++ probe's stream).
    QList<Record> batch = std::exchange(d->batch, {});
    // Records of different lanes may interleave slightly out of order: sorted within the batch,
    // never before what an earlier batch committed. Mostly they are in order already (one
    // lane): checked first, which costs no allocation.
    const auto byTime = [](const Record &a, const Record &b) { return a.t < b.t; };
    if (!std::is_sorted(batch.cbegin(), batch.cend(), byTime))
        std::stable_sort(batch.begin(), batch.end(), byTime);
    if (d->program.damagedLines != m_damaged || d->program.unknownRecords != m_unknown)
        d->programChanged = true;
    d->program.damagedLines = m_damaged;
    d->program.unknownRecords = m_unknown;
    qint64 damaged = 0;
    // In slices, each under the recorder's lock on its own: a live view syncing meanwhile waits
    // for one slice, never for a whole batch.
    constexpr qsizetype Slice = 2048;
    qsizetype from = 0;
    do {
        const qsizetype to = std::min(batch.size(), from + Slice);
        m_recorder->modify([&](Trace &trace) {
            const qsizetype firstNewTask = trace.tasks.size();
            int finished = 0;
            if (d->lanesChanged) {
                trace.lanes = d->laneNames;
                d->lanesChanged = false;
            }
            for (qsizetype i = from; i < to; ++i) {
                Record &r = batch[i];
                const qint64 ns = std::max(r.t, d->lastNs);
                d->lastNs = ns;
                const auto lane = quint8(std::min<quint32>(d->laneIndex(r.lane), 255));
                if (d->lanesChanged) {
                    trace.lanes = d->laneNames;
                    d->lanesChanged = false;
                }
                const auto event
                    = [&](quint32 task, EventKind kind, quint16 label = 0, qint32 value = 0) {
                          trace.events.append(TraceEvent{ns, task, kind, lane, label, value});
                      };
                if (r.kind == 'I' || r.kind == 'B') {
                    event(LoopTask, r.kind == 'I' ? EventKind::LoopIdle : EventKind::LoopBusy);
                    continue;
                }
                if (r.kind == 'T') {
                    d->maxTaskId = std::max(d->maxTaskId, r.task);
                    if (d->tasks.contains(r.task)) {
                        ++damaged; // ids are never reused
                        continue;
                    }
                    if (trace.tasks.size() >= d->maxTasks) {
                        // Room for this one: drop down to below the limit.
                        const QList<qint32> remap = applyRetention(&trace, d->maxTasks - 1);
                        remapTasks(remap);
                        if (trace.tasks.size() >= d->maxTasks) {
                            ++trace.droppedTasks; // every task kept is still running: not kept
                            continue;
                        }
                    }
                    TaskInfo info;
                    info.name = r.text;
                    info.coroutine = r.text2;
                    info.createdAt = r.text3;
                    info.parent = d->taskOf(r.other);
                    info.lane = quint16(d->laneIndex(r.lane));
                    trace.tasks.append(std::move(info));
                    const auto index = quint32(trace.tasks.size() - 1);
                    d->tasks.insert(r.task, index);
                    d->taskFlags.append(0);
                    event(index, EventKind::Created);
                    continue;
                }
                // Every other record names a task (H and W may name none).
                qint32 task = -1;
                if (r.task != 0) {
                    task = d->taskOf(r.task);
                    if (task < 0) {
                        // A task dropped by retention (or never kept) is not damage; an id never
                        // created is.
                        if (r.task > d->maxTaskId)
                            ++damaged;
                        continue;
                    }
                } else if (r.kind != 'H' && r.kind != 'W') {
                    ++damaged;
                    continue;
                }
                quint8 noTask = 0; // H and W of no task
                quint8 &flags = task >= 0 ? d->taskFlags[task] : noTask;
                switch (r.kind) {
                case 'N':
                    trace.tasks[task].name = r.text;
                    // A task created in this batch is copied whole by the next syncInto().
                    if (task < firstNewTask)
                        event(quint32(task), EventKind::Renamed);
                    break;
                case 'Q':
                    if (!(flags & 1))
                        event(quint32(task), EventKind::Ready);
                    break;
                case 'R':
                    if (flags & 2)
                        break;
                    if (r.other != 0) {
                        const qint32 waker = d->taskOf(r.other);
                        if (waker >= 0)
                            event(quint32(task), EventKind::WokenBy, 0, waker);
                    }
                    event(quint32(task), flags & 1 ? EventKind::Resumed : EventKind::Admitted);
                    flags |= 1;
                    break;
                case 'A': {
                    if (flags & 2)
                        break;
                    if (!(flags & 1)) {
                        event(quint32(task), EventKind::Admitted);
                        flags |= 1;
                    }
                    quint16 label = 0;
                    if (r.label >= 0) {
                        label = quint16(r.label);
                    } else {
                        label = d->label(trace, r.text);
                        if (r.labelKey != 0) {
                            if (d->labelOfPair.size() > (1 << 17))
                                d->labelOfPair.clear();
                            d->labelOfPair.insert(r.labelKey, label);
                        }
                    }
                    event(quint32(task), EventKind::Suspended, label,
                          qint32(std::min<quint64>(quint64(d->taskOf(r.other) + 1),
                                                   quint64(std::numeric_limits<qint32>::max()))));
                    break;
                }
                case 'D': {
                    if (flags & 2) {
                        ++damaged; // finished once only
                        break;
                    }
                    TaskInfo &info = trace.tasks[task];
                    info.result = TaskResult(r.number);
                    info.error = r.text;
                    event(quint32(task), EventKind::Finished);
                    flags |= 2;
                    ++finished;
                    break;
                }
                case 'C':
                    event(quint32(task), EventKind::DoneCallback, d->label(trace, r.text),
                          qint32(std::clamp<qint64>(r.number / 1000, 0,
                                                    std::numeric_limits<qint32>::max())));
                    break;
                case 'H':
                    event(task >= 0 ? quint32(task) : LoopTask, EventKind::Hold,
                          d->label(trace, r.text),
                          qint32(std::clamp<qint64>(r.number / 1000, 0,
                                                    std::numeric_limits<qint32>::max())));
                    break;
                case 'W':
                    event(task >= 0 ? quint32(task) : LoopTask, EventKind::Warning,
                          d->label(trace, r.text), qint32(r.number));
                    break;
                case 'P':
                    if (r.number > 0) // "queued" is the request's start: the await shows it
                        event(quint32(task), EventKind::Network, d->label(trace, r.text));
                    break;
                case 'U': {
                    TaskInfo &info = trace.tasks[task];
                    const QString url = printableText(redactPasswords(r.text), 4000);
                    auto it = d->urlIds.constFind(url);
                    if (it == d->urlIds.constEnd()) {
                        trace.urls.append(url);
                        it = d->urlIds.insert(url, quint32(trace.urls.size() - 1));
                    }
                    info.urlIndex = *it;
                    info.httpStatus = int(std::clamp<qint64>(r.number, 0, 999));
                    info.bytes = std::max<qint64>(r.number2, 0);
                    break;
                }
                default:
                    break;
                }
            }
            if (d->programChanged) {
                d->program.damagedLines = m_damaged + damaged;
                trace.program = d->program;
                d->programChanged = false;
            }
            if (trace.tasks.size() > d->maxTasks)
                remapTasks(applyRetention(&trace, d->maxTasks));
            return finished;
        });
        from = to;
    } while (from < batch.size());
    m_damaged += damaged;
    if (damaged > 0) {
        m_recorder->modify([&](Trace &trace) {
            d->program.damagedLines = m_damaged;
            if (trace.program)
                trace.program->damagedLines = m_damaged;
            return 0;
        });
    }
    m_recorder->advanceClock(d->lastNs);
    // Kept for the next feed when it is a live feed's size (a socket read), not a whole file's.
    if (batch.capacity() <= 16384 && d->batch.isEmpty()) {
        batch.clear(); // keeps its capacity (not shared)
        d->batch.swap(batch);
    }
}

void CsrecDecoder::remapTasks(const QList<qint32> &remap)
{
    if (remap.isEmpty())
        return;
    for (auto it = d->tasks.begin(); it != d->tasks.end();) {
        const qint32 to = it.value() < quint32(remap.size()) ? remap.at(it.value()) : -1;
        if (to < 0) {
            it = d->tasks.erase(it);
        } else {
            it.value() = quint32(to);
            ++it;
        }
    }
    // Sized by the tasks the trace keeps, not by the ids still mapped: a kept task may have no
    // id left in the map (its id was reused or never mapped), and its flags still move.
    const auto kept
        = qsizetype(std::count_if(remap.cbegin(), remap.cend(), [](qint32 to) { return to >= 0; }));
    QList<quint8> flags(kept, 0);
    for (qsizetype i = 0; i < remap.size(); ++i) {
        if (remap.at(i) >= 0)
            flags[remap.at(i)] = d->taskFlags.value(i);
    }
    d->taskFlags = std::move(flags);
}

} // namespace Coroscope
