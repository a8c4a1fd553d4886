#include "sweepdialog.h"

#include "runpanel.h"
#include "summarystrip.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace Coroscope {

QString SweepDialog::roughDuration(double ms)
{
    // An estimate, rounded as one: "45 s", "18 min 40 s", "2 h 5 min".
    const qint64 s = qint64(std::ceil(std::max(ms, 0.0) / 1000));
    if (s < 60)
        return tr("%1 s").arg(s);
    if (s < 3600)
        return tr("%1 min %2 s").arg(s / 60).arg(s % 60);
    return tr("%1 h %2 min").arg(s / 3600).arg((s % 3600) / 60);
}

SweepDialog::SweepDialog(const SweepSpec &base, QWidget *parent)
    : QDialog(parent)
    , m_base(base)
{
    setObjectName(QStringLiteral("sweepDialog"));
    setWindowTitle(tr("Sweep"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("Runs the workload of the run panel once per value of one knob, "
                                "for each checked strategy, each point repeated; charts how the "
                                "results grow with the knob. Every run is kept."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    auto *form = new QFormLayout;
    m_knob = new QComboBox(this);
    m_knob->setObjectName(QStringLiteral("sweepKnob"));
    for (const SweepKnob knob : allSweepKnobs())
        m_knob->addItem(sweepKnobLabel(knob), sweepKnobName(knob));
    form->addRow(tr("&Knob:"), m_knob);
    m_values = new QLineEdit(this);
    m_values->setObjectName(QStringLiteral("sweepValues"));
    m_values->setToolTip(tr("A list (1,10,100) or ranges: A..B every whole number, A..B+S in "
                            "steps of S, A..B*F geometric (1..1000*10 = 1, 10, 100, 1000)"));
    form->addRow(tr("&Values:"), m_values);
    auto *strategies = new QHBoxLayout;
    for (const Strategy strategy : allStrategies()) {
        auto *box = new QCheckBox(RunPanel::strategyDisplayName(strategy), this);
        box->setObjectName(QStringLiteral("sweepStrategy_") + strategyName(strategy));
        box->setToolTip(RunPanel::strategyDescription(strategy));
        box->setChecked(base.effectiveStrategies().contains(strategy));
        strategies->addWidget(box);
        m_strategies.append({box, strategy});
        connect(box, &QCheckBox::toggled, this, &SweepDialog::update);
    }
    strategies->addStretch(1);
    form->addRow(tr("Strategies:"), strategies);
    m_repeat = new QSpinBox(this);
    m_repeat->setObjectName(QStringLiteral("sweepRepeat"));
    m_repeat->setRange(1, SweepSpec::MaxRepeat);
    m_repeat->setValue(base.repeat);
    m_repeat->setToolTip(tr("Runs of each point: the charts show their median and spread"));
    form->addRow(tr("&Repeats:"), m_repeat);
    layout->addLayout(form);
    m_estimate = new QLabel(this);
    m_estimate->setObjectName(QStringLiteral("sweepEstimate"));
    m_estimate->setWordWrap(true);
    layout->addWidget(m_estimate);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Sweep"));
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    m_knob->setCurrentIndex(int(allSweepKnobs().indexOf(base.knob)));
    m_values->setText(base.values.isEmpty() ? defaultValues(base.knob) : [&base]() {
        QStringList texts;
        for (const double v : base.values)
            texts.append(sweepValueText(v));
        return texts.join(u',');
    }());
    connect(m_knob, &QComboBox::currentIndexChanged, this, &SweepDialog::knobChanged);
    connect(m_values, &QLineEdit::textChanged, this, &SweepDialog::update);
    connect(m_repeat, &QSpinBox::valueChanged, this, &SweepDialog::update);
    update();
}

QString SweepDialog::defaultValues(SweepKnob knob)
{
    switch (knob) {
    case SweepKnob::Tasks:
        return QStringLiteral("1..1000*10");
    case SweepKnob::Concurrency:
    case SweepKnob::ConnectionsPerHost:
    case SweepKnob::ServerCapacity:
        return QStringLiteral("1,2,5,10");
    case SweepKnob::Delay:
        return QStringLiteral("0..1+0.25");
    case SweepKnob::Workers:
        return QStringLiteral("1,2,4,8");
    case SweepKnob::TimeoutMs:
        return QStringLiteral("250,500,1000,2000");
    }
    return {};
}

QCheckBox *SweepDialog::strategyBox(Strategy strategy) const
{
    for (const auto &[box, s] : m_strategies) {
        if (s == strategy)
            return box;
    }
    return nullptr;
}

void SweepDialog::knobChanged()
{
    m_values->setText(defaultValues(spec().knob));
    update();
}

SweepSpec SweepDialog::spec() const
{
    SweepSpec spec = m_base;
    sweepKnobFromName(m_knob->currentData().toString(), &spec.knob);
    parseSweepValues(spec.knob, m_values->text(), &spec.values);
    spec.strategies.clear();
    for (const auto &[box, strategy] : m_strategies) {
        if (box->isChecked())
            spec.strategies.append(strategy);
    }
    spec.repeat = m_repeat->value();
    return spec;
}

void SweepDialog::update()
{
    SweepSpec s = spec();
    QList<double> values;
    m_problem = parseSweepValues(s.knob, m_values->text(), &values);
    if (m_problem.isEmpty() && s.strategies.isEmpty())
        m_problem = tr("Check at least one strategy");
    if (m_problem.isEmpty())
        m_problem = s.validate();
    QPushButton *ok = m_buttons->button(QDialogButtonBox::Ok);
    ok->setEnabled(m_problem.isEmpty());
    ok->setToolTip(m_problem);
    if (!m_problem.isEmpty()) {
        m_estimate->setText(m_problem);
        return;
    }
    // Before it starts: how long it should take (the URLs' /delay/N, the waves the knobs allow),
    // refined by the first runs once it is running.
    m_estimate->setText(tr("%n run(s), about %1", nullptr, s.pointCount())
                            .arg(roughDuration(estimateSweepMs(s, {}))));
}

} // namespace Coroscope
