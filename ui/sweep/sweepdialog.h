#pragma once

#include "run/sweep.h"

#include <QDialog>
#include <QList>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace Coroscope {

// Run > Sweep…: which knob to vary over which values, for which strategies, how many times each;
// says how long it should take before it starts. The base workload is the run panel's.
class SweepDialog : public QDialog
{
    Q_OBJECT
public:
    // `base`: the run panel's spec and the server's capacity and addresses (embeddedServer).
    explicit SweepDialog(const SweepSpec &base, QWidget *parent = nullptr);

    // The sweep as chosen (valid when the Sweep button is enabled).
    SweepSpec spec() const;
    // Empty when the sweep can run, else why not (also shown under the values).
    QString problem() const { return m_problem; }

    QComboBox *knobBox() const { return m_knob; }
    QLineEdit *valuesEdit() const { return m_values; }
    QSpinBox *repeatBox() const { return m_repeat; }
    QCheckBox *strategyBox(Strategy strategy) const;
    QLabel *estimateLabel() const { return m_estimate; }

    // What the values box offers for a knob when it is chosen.
    static QString defaultValues(SweepKnob knob);
    // "45 s", "18 min 40 s", "2 h 5 min": the estimate's and the Sweep page's time left.
    static QString roughDuration(double ms);

private:
    void knobChanged();
    void update();

    SweepSpec m_base;
    QComboBox *m_knob = nullptr;
    QLineEdit *m_values = nullptr;
    QSpinBox *m_repeat = nullptr;
    QList<std::pair<QCheckBox *, Strategy>> m_strategies;
    QLabel *m_estimate = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QString m_problem;
};

} // namespace Coroscope
