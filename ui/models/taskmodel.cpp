#include "taskmodel.h"

#include "livetrace.h"
#include "statestyle.h"
#include "theme.h"
#include "trace/vocabulary.h"

#include <QColor>
#include <QFont>
#include <QGuiApplication>
#include <QLocale>
#include <QPainter>
#include <QPixmap>

#include <algorithm>
#include <climits>

namespace Coroscope {

namespace {
// A table is "big" when the proxy's re-sort of its changed rows costs more than a millisecond or
// so: at 10,000 rows a flush per refresh was the largest single cost of following a recording.
constexpr int BigTableRows = 1000;
constexpr qint64 BigTableFlushMs = 250;

constexpr TaskResult AllResults[] = {TaskResult::Unfinished, TaskResult::Ok, TaskResult::Error,
                                     TaskResult::Timeout, TaskResult::Cancelled};

QIcon dotIcon(const QColor &color)
{
    QPixmap pixmap(12, 12);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(color);
    painter.drawEllipse(QRectF(1.5, 1.5, 9, 9));
    return QIcon(pixmap);
}

bool isNumeric(int column)
{
    switch (column) {
    case TaskTableModel::IdColumn:
    case TaskTableModel::StatusColumn:
    case TaskTableModel::BytesColumn:
    case TaskTableModel::PendingColumn:
    case TaskTableModel::RunningColumn:
    case TaskTableModel::SuspendedColumn:
    case TaskTableModel::TotalColumn:
        return true;
    default:
        return TaskTableModel::phaseOfColumn(column) >= 0;
    }
}
} // namespace

int TaskTableModel::phaseOfColumn(int column)
{
    switch (column) {
    case QueuedColumn:
        return int(PhaseKind::Queued);
    case ConnectColumn:
        return int(PhaseKind::Connect);
    case TlsColumn:
        return int(PhaseKind::Tls);
    case SendColumn:
        return int(PhaseKind::Send);
    case WaitingColumn:
        return int(PhaseKind::Waiting);
    case ServerQueueColumn:
        return int(PhaseKind::ServerQueue);
    case ReceivingColumn:
        return int(PhaseKind::Receiving);
    case ResumeColumn:
        return int(PhaseKind::Resume);
    default:
        return -1;
    }
}

const TaskTableModel::PhaseRow &TaskTableModel::phases(int task) const
{
    if (m_phases.size() != m_rows)
        m_phases.fill(PhaseRow{}, m_rows);
    PhaseRow &row = m_phases[task];
    if (!row.derived) {
        const RequestPhases p = requestPhases(m_trace->trace(), m_trace->segments(), quint32(task));
        row = PhaseRow{};
        row.derived = true;
        row.known = p.known;
        row.reused = qint8(p.reusedConnection);
        for (const PhaseSpan &span : p.spans)
            row.ns[int(span.kind)] += span.durationNs();
    }
    return row;
}

QString TaskTableModel::workerDisplayName(const TaskInfo &info, const TaskTimes &times)
{
    if (info.worker >= 0)
        return Vocabulary::workerText(info.worker);
    // Not started yet: where it will run is not decided.
    return times.admittedNs >= 0 ? tr("loop") : QString();
}

TaskTableModel::TaskTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{
    m_flush = new Throttle(
        BigTableFlushMs, [this]() { flushChanges(); }, this);
    for (TaskResult result : AllResults)
        m_resultIcons.append(dotIcon(StateStyle::resultInk(result)));
}

void TaskTableModel::setLiveTrace(LiveTrace *trace)
{
    if (m_trace)
        disconnect(m_trace, nullptr, this, nullptr);
    m_trace = trace;
    if (m_trace) {
        connect(m_trace, &LiveTrace::reset, this, &TaskTableModel::onReset);
        connect(m_trace, &LiveTrace::changed, this, &TaskTableModel::onChanged);
    }
    onReset();
}

void TaskTableModel::onReset()
{
    beginResetModel();
    m_rows = m_trace ? m_trace->taskCount() : 0;
    m_seenEvents = m_trace ? m_trace->trace().events.size() : 0;
    m_seenDropped = m_trace ? m_trace->trace().droppedTasks : 0;
    m_nowNs = m_trace ? m_trace->nowNs() : 0;
    m_dirtyFirst = INT_MAX;
    m_dirtyLast = -1;
    m_flush->cancel();
    m_phases.clear();
    endResetModel();
}

void TaskTableModel::onChanged()
{
    if (!m_trace)
        return;
    const Trace &trace = m_trace->trace();
    // Replay moved back: the events gone are the whole run's from here on (a view is a prefix
    // of it). Their tasks change like those of new events; a reset would drop the selection.
    const Trace &whole = m_trace->wholeTrace();
    const bool back = trace.events.size() < m_seenEvents && m_seenEvents > whole.events.size();
    // A recording grows while live: its new tasks are rows added at the end. A reset per
    // refresh would re-sort every row 60 times a second and drop the table's selection.
    if (!back && trace.tasks.size() > m_rows && m_rows > 0 && trace.droppedTasks == m_seenDropped) {
        beginInsertRows(QModelIndex(), m_rows, int(trace.tasks.size()) - 1);
        m_rows = int(trace.tasks.size());
        endInsertRows();
    }
    if (trace.tasks.size() != m_rows || back || trace.droppedTasks != m_seenDropped) {
        onReset();
        return;
    }
    // One "now" per refresh: every row shows the same instant until the next one.
    m_nowNs = m_trace->nowNs();
    // Only the tasks named by new (or removed) events changed; one range keeps the proxy's work
    // to one pass.
    const qsizetype from = std::min(m_seenEvents, trace.events.size());
    const qsizetype to = std::max(m_seenEvents, trace.events.size());
    const QList<TraceEvent> &changed = to > trace.events.size() ? whole.events : trace.events;
    for (qsizetype i = from; i < to; ++i) {
        const quint32 task = changed.at(i).task;
        if (task == LoopTask || task >= quint32(m_rows))
            continue;
        m_dirtyFirst = std::min(m_dirtyFirst, int(task));
        m_dirtyLast = std::max(m_dirtyLast, int(task));
        if (task < quint32(m_phases.size()))
            m_phases[task].derived = false;
    }
    m_seenEvents = trace.events.size();
    if (m_dirtyLast < 0)
        return;
    // A sorting proxy re-sorts every changed row: ~40-80 ms for 100,000 rows, 4-8 ms for 10,000.
    // Big tables are told at most four times a second; the visible rows repaint regardless.
    if (m_rows <= BigTableRows || trace.isComplete())
        m_flush->runNow();
    else
        m_flush->request();
}

void TaskTableModel::flushChanges()
{
    if (m_dirtyLast < 0)
        return;
    const int first = m_dirtyFirst;
    const int last = m_dirtyLast;
    m_dirtyFirst = INT_MAX;
    m_dirtyLast = -1;
    Q_EMIT dataChanged(index(first, 0), index(last, ColumnCount - 1));
}

void TaskTableModel::retranslate()
{
    Q_EMIT headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (m_rows > 0)
        Q_EMIT dataChanged(index(0, ResultColumn), index(m_rows - 1, ResultColumn));
}

int TaskTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_rows;
}

int TaskTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

qint64 TaskTableModel::stateNs(int task, int column, bool includeOpen) const
{
    const SegmentBuilder &segments = m_trace->segments();
    const TaskTimes &times = segments.times(quint32(task));
    qint64 pending = times.pendingNs;
    qint64 running = times.runningNs;
    qint64 suspended = times.suspendedNs;
    Segment open;
    if (includeOpen && times.finishedNs < 0
        && segments.openSegment(quint32(task), m_nowNs, &open)) {
        switch (open.state) {
        case SegmentState::Pending:
            pending += open.durationNs();
            break;
        case SegmentState::Running:
            running += open.durationNs();
            break;
        case SegmentState::Suspended:
            suspended += open.durationNs();
            break;
        }
    }
    switch (column) {
    case PendingColumn:
        return pending;
    case RunningColumn:
        return running;
    case SuspendedColumn:
        return suspended;
    default:
        return pending + running + suspended;
    }
}

QVariant TaskTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)
        || !m_trace)
        return {};
    const int row = index.row();
    const int column = index.column();
    const Trace &trace = m_trace->trace();
    if (row >= trace.tasks.size() || row >= m_trace->segments().taskCount())
        return {};
    const TaskInfo &info = trace.tasks.at(row);

    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case IdColumn:
            return row;
        case UrlColumn:
            return trace.taskTitle(quint32(row)); // a recorded task: its name
        case ResultColumn: {
            Segment open;
            if (info.result == TaskResult::Unfinished
                && m_trace->segments().openSegment(quint32(row), m_nowNs, &open))
                return Vocabulary::stateText(open.state);
            return Vocabulary::resultText(info.result);
        }
        case StatusColumn:
            return info.httpStatus ? QVariant(info.httpStatus) : QVariant(QString());
        case BytesColumn:
            return QLocale().toString(info.bytes);
        case PendingColumn:
        case RunningColumn:
        case SuspendedColumn:
        case TotalColumn:
            return QLocale().toString(double(stateNs(row, column, true)) / 1e6, 'f', 3);
        case WorkerColumn:
            return workerDisplayName(info, m_trace->segments().times(quint32(row)));
        case ErrorColumn:
            return info.error;
        case ReusedColumn: {
            const PhaseRow &p = phases(row);
            return p.reused == 1 ? tr("yes") : p.reused == 0 ? tr("no") : QString();
        }
        default:
            if (const int kind = phaseOfColumn(column); kind >= 0) {
                const PhaseRow &p = phases(row);
                return p.known ? QLocale().toString(double(p.ns[kind]) / 1e6, 'f', 3) : QString();
            }
            break;
        }
        break;
    case SortRole:
        switch (column) {
        case IdColumn:
            return row;
        case UrlColumn:
            return trace.taskTitle(quint32(row)); // a recorded task: its name
        case ResultColumn:
            return int(info.result);
        case StatusColumn:
            return info.httpStatus;
        case BytesColumn:
            return info.bytes;
        case PendingColumn:
        case RunningColumn:
        case SuspendedColumn:
        case TotalColumn:
            // Closed segments only: a sort key must not move unless dataChanged() says so,
            // or the proxy's sort sees an inconsistent order (undefined behaviour).
            return stateNs(row, column, false);
        case WorkerColumn:
            return int(info.worker);
        case ErrorColumn:
            return info.error;
        case ReusedColumn:
            return int(phases(row).reused);
        default:
            // Unknown phases sort before every known duration, even a zero one.
            if (const int kind = phaseOfColumn(column); kind >= 0) {
                const PhaseRow &p = phases(row);
                return p.known ? p.ns[kind] : qint64(-1);
            }
            break;
        }
        break;
    case ResultRole:
        return int(info.result);
    case TaskIdRole:
        return row;
    case Qt::TextAlignmentRole:
        return QVariant::fromValue(isNumeric(column) ? (Qt::AlignRight | Qt::AlignVCenter)
                                                     : (Qt::AlignLeft | Qt::AlignVCenter));
    case Qt::ForegroundRole:
        if (column == ResultColumn) // legible on a dark theme's base too
            return Theme::readableOn(StateStyle::resultInk(info.result),
                                     QGuiApplication::palette().color(QPalette::Base));
        break;
    case Qt::DecorationRole:
        if (column == ResultColumn)
            return m_resultIcons.value(int(info.result));
        break;
    case Qt::FontRole:
        if (column == ResultColumn && info.result == TaskResult::Unfinished) {
            QFont font;
            font.setItalic(true);
            return font;
        }
        break;
    case Qt::ToolTipRole:
        if (column == UrlColumn)
            return trace.taskTitle(quint32(row)); // a recorded task: its name
        if (column == ErrorColumn && !info.error.isEmpty())
            return info.error;
        break;
    default:
        break;
    }
    return {};
}

QVariant TaskTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::TextAlignmentRole)
        return QVariant::fromValue(isNumeric(section) ? (Qt::AlignRight | Qt::AlignVCenter)
                                                      : (Qt::AlignLeft | Qt::AlignVCenter));
    if (role == Qt::DisplayRole) {
        switch (section) {
        case IdColumn:
            return tr("Task");
        case UrlColumn:
            return tr("URL");
        case ResultColumn:
            return tr("Result");
        case StatusColumn:
            return tr("HTTP");
        case BytesColumn:
            return tr("Bytes");
        case PendingColumn:
            return tr("Pending");
        case RunningColumn:
            return tr("Running");
        case SuspendedColumn:
            return tr("Suspended");
        case TotalColumn:
            return tr("Total");
        case WorkerColumn:
            return tr("Ran on");
        case ErrorColumn:
            return tr("Error");
        case QueuedColumn:
            return tr("Queued ms");
        case ConnectColumn:
            return tr("Connect ms");
        case TlsColumn:
            return tr("TLS ms");
        case SendColumn:
            return tr("Send ms");
        case WaitingColumn:
            return tr("Waiting ms");
        case ServerQueueColumn:
            return tr("Server queue ms");
        case ReceivingColumn:
            return tr("Receiving ms");
        case ResumeColumn:
            return tr("Resume ms");
        case ReusedColumn:
            return tr("Reused");
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case IdColumn:
            return tr("Task number, in creation order");
        case ResultColumn:
            return tr("How the task ended; a task in flight shows its current state");
        case StatusColumn:
            return tr("HTTP status code of the response, empty when none arrived");
        case BytesColumn:
            return tr("Response body bytes received");
        case PendingColumn:
            return tr("Milliseconds created but not yet admitted: waiting for the loop, a "
                      "concurrency slot, a connection or a worker");
        case RunningColumn:
            return tr("Milliseconds executing on the loop (or on a worker thread)");
        case SuspendedColumn:
            return tr("Milliseconds suspended at a co_await, giving the loop back while waiting");
        case TotalColumn:
            return tr("Milliseconds from created to finished: pending + running + suspended");
        case WorkerColumn:
            return tr("Where the task ran: on the event loop, or on a worker thread (threads "
                      "strategy)");
        case QueuedColumn:
            return tr("Inside await reply: waiting inside Qt for a connection to take the "
                      "request");
        case ConnectColumn:
            return tr("Inside await reply: opening a new connection (TCP, and TLS when Qt does "
                      "not tell them apart)");
        case TlsColumn:
            return tr("Inside await reply: the TLS handshake, when Qt reports it on its own (Qt "
                      "6.4 does not)");
        case SendColumn:
            return tr("Inside await reply: after the connection was ready, until the request "
                      "was written");
        case WaitingColumn:
            return tr("Inside await reply: request sent until the response headers, less what "
                      "the server spent queueing it");
        case ServerQueueColumn:
            return tr("Inside await reply: the time the server says it held the request in its "
                      "queue");
        case ReceivingColumn:
            return tr("Inside await reply: response headers until the reply finished");
        case ResumeColumn:
            return tr("Inside await reply: reply finished until the coroutine ran again, the "
                      "loop's own latency");
        case ReusedColumn:
            return tr("Whether the request went out on a connection opened before it; empty "
                      "when neither Qt nor the server said");
        default:
            break;
        }
    }
    return {};
}

TaskFilterModel::TaskFilterModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(TaskTableModel::SortRole);
    setFilterCaseSensitivity(Qt::CaseInsensitive);
    setDynamicSortFilter(true);
}

void TaskFilterModel::setFilterText(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == m_text)
        return;
    m_text = trimmed;
    bool isNumber = false;
    const qint64 id = m_text.startsWith(u'#') ? m_text.mid(1).toLongLong(&isNumber)
                                              : m_text.toLongLong(&isNumber);
    m_textId = isNumber && id >= 0 ? id : -1;
    invalidateFilter();
}

void TaskFilterModel::setResultFilter(int result)
{
    if (result == m_result)
        return;
    m_result = result;
    invalidateFilter();
}

bool TaskFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QAbstractItemModel *source = sourceModel();
    if (m_result != AnyResult) {
        const QModelIndex index = source->index(sourceRow, 0, sourceParent);
        if (source->data(index, TaskTableModel::ResultRole).toInt() != m_result)
            return false;
    }
    if (m_text.isEmpty())
        return true;
    // A number means a task: matching it inside URLs would hit every 127.0.0.1.
    if (m_textId >= 0)
        return sourceRow == m_textId;
    for (int column : {int(TaskTableModel::UrlColumn), int(TaskTableModel::ErrorColumn)}) {
        const QModelIndex index = source->index(sourceRow, column, sourceParent);
        if (source->data(index, Qt::DisplayRole).toString().contains(m_text, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

} // namespace Coroscope
