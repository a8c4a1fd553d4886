#include "sweepsession.h"
#include "trace/vocabulary.h"

#include "io/runfile.h"
#include "run/sweep.h"
#include "runpanel.h"
#include "sweepdialog.h"
#include "sweepwidget.h"

#include <QAction>
#include <QCoreApplication>
#include <QMenu>
#include <QTabWidget>

// The words here moved from MainWindow with their code: they keep its translation context.

namespace Coroscope {

SweepSession::SweepSession(TestServer *server, QTabWidget *tabs, QMenu *runMenu, QAction *after,
                           QObject *parent)
    : QObject(parent)
    , m_sweep(std::make_unique<Sweep>())
    , m_tabs(tabs)
{
    m_sweep->setServer(server);
    m_widget = new SweepWidget(tabs);
    m_widget->clear();
    tabs->addTab(m_widget, QCoreApplication::translate("Coroscope::MainWindow", "Sweep"));
    m_action = new QAction(this);
    m_action->setObjectName(QStringLiteral("actionSweep"));
    const QList<QAction *> actions = runMenu->actions();
    runMenu->insertAction(actions.value(actions.indexOf(after) + 1), m_action);
    connect(m_sweep.get(), &Sweep::pointStarted, this, &SweepSession::onPointStarted);
    connect(m_sweep.get(), &Sweep::pointFinished, this, &SweepSession::onPointFinished);
    connect(m_sweep.get(), &Sweep::finished, this, &SweepSession::onFinished);
    connect(m_widget, &SweepWidget::pointActivated, this, &SweepSession::pointActivated);
    connect(m_widget, &SweepWidget::stopRequested, this, &SweepSession::stopRequested);
    retranslate();
}

SweepSession::~SweepSession() = default;

bool SweepSession::isRunning() const
{
    return m_sweep && m_sweep->isRunning();
}

void SweepSession::retranslate()
{
    m_action->setText(QCoreApplication::translate("Coroscope::MainWindow", "S&weep…"));
    m_action->setToolTip(
        QCoreApplication::translate("Coroscope::MainWindow",
                                    "Run the workload once per value of one knob, for each chosen "
                                    "strategy, and chart how the results grow"));
    m_tabs->setTabText(m_tabs->indexOf(m_widget),
                       QCoreApplication::translate("Coroscope::MainWindow", "Sweep"));
}

void SweepSession::openDialog(SweepSpec base, QWidget *parent)
{
    // The last sweep's choice, if there was one this session.
    if (!m_sweep->spec().values.isEmpty()) {
        base.knob = m_sweep->spec().knob;
        base.values = m_sweep->spec().values;
        base.strategies = m_sweep->spec().strategies;
        base.repeat = m_sweep->spec().repeat;
    } else {
        base.values = {1, 10, 100};
    }
    auto *dialog = new SweepDialog(base, parent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this,
            [this, dialog]() { Q_EMIT startRequested(dialog->spec()); });
    dialog->open();
}

QString SweepSession::start(const SweepSpec &spec)
{
    m_stopping = false;
    m_shownPoint = -1; // the last sweep's point is not this one's
    m_widget->setSpec(spec);
    m_tabs->setCurrentWidget(m_widget);
    if (QString error = m_sweep->start(spec); !error.isEmpty())
        return error;
    m_widget->setProgress(0, m_sweep->pointCount(), m_sweep->remainingMs(), true);
    return {};
}

bool SweepSession::stop()
{
    if (m_stopping)
        return false;
    m_stopping = true;
    m_sweep->stop();
    return true;
}

void SweepSession::onPointStarted(int index, Run *run)
{
    m_widget->setProgress(index, m_sweep->pointCount(), m_sweep->remainingMs(), true);
    Q_EMIT pointStarted(index, run,
                        QCoreApplication::translate("Coroscope::MainWindow",
                                                    "Sweeping: run %1 of %2, about %3 left")
                            .arg(index + 1)
                            .arg(m_sweep->pointCount())
                            .arg(SweepDialog::roughDuration(m_sweep->remainingMs())));
}

void SweepSession::onPointFinished(int index)
{
    m_widget->setPoints(m_sweep->points());
    m_widget->setProgress(index + 1, m_sweep->pointCount(), m_sweep->remainingMs(), true);
    Q_EMIT pointFinished(index);
}

void SweepSession::onFinished()
{
    const SweepResult &result = m_sweep->result();
    m_widget->setPoints(result.points);
    m_widget->setProgress(int(result.points.size()), m_sweep->pointCount(), 0, false,
                          result.stopped);
    const int runs = int(result.points.size());
    const QString status = result.stopped
        ? QCoreApplication::translate("Coroscope::MainWindow", "Sweep stopped after %n run(s)",
                                      nullptr, runs)
        : QCoreApplication::translate("Coroscope::MainWindow", "Swept %1 over %n run(s) in %2",
                                      nullptr, runs)
              .arg(sweepKnobLabel(result.spec.knob), durationText(m_sweep->elapsedMs()));
    m_stopping = false;
    Q_EMIT finished(status);
}

const SweepResult *SweepSession::shown(const RunRecord &onScreen) const
{
    if (isRunning())
        return &m_sweep->result();
    return onScreen.isSweep() ? &onScreen.sweep : nullptr;
}

const SweepPoint *SweepSession::selectPoint(int index, const RunRecord &onScreen)
{
    const SweepResult *sweep = shown(onScreen);
    if (!sweep || index < 0 || index >= sweep->points.size())
        return nullptr;
    m_shownPoint = index;
    return &sweep->points.at(index);
}

QString SweepSession::pointTitle(const RunRecord &onScreen, qsizetype eventsOnScreen) const
{
    const SweepResult *sweep = shown(onScreen);
    if (!sweep || m_shownPoint < 0 || m_shownPoint >= sweep->points.size()
        || eventsOnScreen != sweep->points.at(m_shownPoint).trace.events.size())
        return {};
    const SweepPoint &point = sweep->points.at(m_shownPoint);
    return QCoreApplication::translate("Coroscope::MainWindow",
                                       "Timeline: %1, %2 = %3 (repeat %4), run %5 of the sweep")
        .arg(RunPanel::strategyDisplayName(point.strategy), sweepKnobLabel(sweep->spec.knob),
             sweepValueText(point.value))
        .arg(point.repeat + 1)
        .arg(m_shownPoint + 1);
}

const SweepPoint &SweepSession::showSaved(const SweepResult &sweep)
{
    m_widget->setSpec(sweep.spec);
    m_widget->setPoints(sweep.points);
    m_widget->setProgress(int(sweep.points.size()), sweep.spec.pointCount(), 0, false,
                          sweep.stopped);
    m_tabs->setCurrentWidget(m_widget);
    m_shownPoint = int(sweep.points.size()) - 1;
    return sweep.points.constLast();
}

} // namespace Coroscope
