#pragma once

#include "trace/diagnostics.h"
#include "trace/trace.h"

#include <QElapsedTimer>
#include <QList>
#include <QWidget>

class QLabel;
class QListWidget;
class QListWidgetItem;
class QStackedWidget;

namespace Coroscope {

// What limited a run, in plain language: the findings of diagnose(), most important kinds
// first as diagnose() orders them. Activating one points the timeline at what it is about.
class DiagnosticsPanel : public QWidget
{
    Q_OBJECT
public:
    explicit DiagnosticsPanel(QWidget *parent = nullptr);
    ~DiagnosticsPanel() override;

    // Shows findings of a trace (with or without tasks: the empty text differs). diagnose()
    // translates as it writes, so the owner sends them again after a language change.
    void setDiagnostics(const QList<Diagnostic> &findings, bool hasTasks);
    // setDiagnostics(diagnose(trace), ...): not cheap for big traces, callers throttle.
    void setTrace(const Trace &trace);
    void clear();

    QList<Diagnostic> diagnostics() const { return m_diagnostics; }
    int count() const { return int(m_diagnostics.size()); }
    // Emits diagnosticActivated() for a row, as a click or Enter on it does.
    void activate(int row);
    // The first row of a kind, -1 if none.
    int rowOf(Diagnostic::Kind kind) const;

    static QIcon severityIcon(Diagnostic::Severity severity);

Q_SIGNALS:
    // Select `tasks` and highlight [startNs, endNs] on the timeline (-1: no span); `text` is
    // the diagnostic's sentence, to show beside them.
    void diagnosticActivated(const QList<int> &tasks, qint64 startNs, qint64 endNs,
                             const QString &text);

protected:
    void changeEvent(QEvent *event) override;

private:
    void rebuild();
    void onItemActivated(QListWidgetItem *item);
    QString emptyText() const;

    bool m_hasTasks = false;
    QList<Diagnostic> m_diagnostics;
    QStackedWidget *m_stack = nullptr;
    QLabel *m_empty = nullptr;
    QListWidget *m_list = nullptr;
    // A double click is a click plus an activation: both arrive, the timeline is told once.
    QElapsedTimer m_lastActivation;
    int m_lastActivatedRow = -1;
};

} // namespace Coroscope
