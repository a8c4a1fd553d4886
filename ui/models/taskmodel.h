#pragma once

#include "throttle.h"

#include "trace/phases.h"
#include "trace/segments.h"
#include "trace/trace.h"

#include <QAbstractTableModel>
#include <QIcon>
#include <QPointer>
#include <QSortFilterProxyModel>

#include <climits>

namespace Coroscope {

class LiveTrace;

// One row per task of the LiveTrace's run. Built for 100,000 rows: a refresh signals only the
// rows its new events touched (never a reset; above 10,000 rows at most 4 times a second), and a
// reset happens only for a different trace.
class TaskTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        IdColumn,
        UrlColumn,
        ResultColumn,
        StatusColumn,
        BytesColumn,
        PendingColumn,
        RunningColumn,
        SuspendedColumn,
        TotalColumn,
        WorkerColumn, // the thread that ran it: the loop, or a worker (threads strategy)
        ErrorColumn,
        // Inside `await reply` (trace/phases.h): empty when the task has no known phases.
        QueuedColumn,
        ConnectColumn,
        TlsColumn,
        SendColumn,
        WaitingColumn,
        ServerQueueColumn,
        ReceivingColumn,
        ResumeColumn,
        ReusedColumn, // yes / no / empty when unknown
        ColumnCount
    };
    enum Role {
        SortRole = Qt::UserRole + 1, // numbers (times: closed segments only), else text
        ResultRole, // int(TaskResult)
        TaskIdRole, // the task index, whatever the column
    };
    Q_ENUM(Column)

    explicit TaskTableModel(QObject *parent = nullptr);

    void setLiveTrace(LiveTrace *trace);
    LiveTrace *liveTrace() const { return m_trace; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    // Headers and result names are translated text: re-read them after a language change.
    void retranslate();

    // The phase a column shows, or -1 for the other columns.
    static int phaseOfColumn(int column);

    // "loop", "worker 3", or empty for a task that has not started yet.
    static QString workerDisplayName(const TaskInfo &info, const TaskTimes &times);

private:
    void onReset();
    void onChanged();
    void flushChanges();
    // Nanoseconds in one state (total for other columns); with `includeOpen`, a task in flight
    // also counts its still-open segment up to the last refresh.
    qint64 stateNs(int task, int column, bool includeOpen) const;
    // A task's phases, derived on first use and kept until an event of the task arrives: a
    // sorting proxy asks for the same cells many times.
    struct PhaseRow
    {
        bool derived = false;
        bool known = false;
        qint8 reused = -1;
        qint64 ns[PhaseKindCount] = {};
    };
    const PhaseRow &phases(int task) const;

    QPointer<LiveTrace> m_trace;
    int m_rows = 0;
    qsizetype m_seenEvents = 0;
    qint64 m_seenDropped = 0; // a recording's Trace::droppedTasks when the rows were counted
    qint64 m_nowNs = 0; // the LiveTrace's clock at the last refresh
    // Rows changed but not yet signalled (big tables are signalled at a few Hz).
    int m_dirtyFirst = INT_MAX;
    int m_dirtyLast = -1;
    Throttle *m_flush = nullptr;
    QList<QIcon> m_resultIcons;
    mutable QList<PhaseRow> m_phases; // per row, sized on first use
};

// The table's filter: free text (a task number, else part of the URL or error) and one result,
// or all.
class TaskFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    // -1 = every result, else int(TaskResult).
    static constexpr int AnyResult = -1;

    explicit TaskFilterModel(QObject *parent = nullptr);

    void setFilterText(const QString &text);
    QString filterText() const { return m_text; }
    void setResultFilter(int result);
    int resultFilter() const { return m_result; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QString m_text;
    qint64 m_textId = -1; // the text read as a task id, -1 if it is not a number
    int m_result = AnyResult;
};

} // namespace Coroscope
