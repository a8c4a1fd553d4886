#pragma once

#include "record/outputlog.h"

#include <QStringDecoder>
#include <QWidget>

class QLabel;
class QPlainTextEdit;

namespace Coroscope {

class Throttle;

// The Output dock: what a recorded program printed, stdout in the text colour and stderr in red,
// live. Bounded twice: the view keeps the last MaxLines lines, and a program printing faster
// than the window can show has only the tail of each burst shown (the rest counted and said);
// the session keeps its own bounded copy (OutputLog).
class OutputPanel : public QWidget
{
    Q_OBJECT
public:
    static constexpr int MaxLines = 5000;
    // At most this much text is added per refresh; a burst beyond it shows its tail.
    static constexpr qsizetype MaxBurstBytes = 256 * 1024;

    explicit OutputPanel(QWidget *parent = nullptr);

    // A new program: the text and the counts start over; `command` heads the panel.
    void begin(const QString &command);
    void append(Coroscope::OutputLog::Channel channel, const QByteArray &bytes);
    // A line of Coroscope's own (SIGINT sent, how it ended), in italics.
    void addStatus(const QString &text);
    void clear();

    // For tests: the text shown, and what was not shown.
    QString plainText() const;
    qint64 hiddenBytes() const { return m_hiddenBytes; }
    QPlainTextEdit *textView() const { return m_text; }

protected:
    void changeEvent(QEvent *event) override;

private:
    struct Pending
    {
        OutputLog::Channel channel;
        QString text;
        bool status = false;
    };
    void flush();
    QString decode(OutputLog::Channel channel, const QByteArray &bytes);

    QLabel *m_heading = nullptr;
    QPlainTextEdit *m_text = nullptr;
    Throttle *m_throttle = nullptr;
    QList<Pending> m_pending;
    qsizetype m_pendingBytes = 0;
    qint64 m_hiddenBytes = 0; // dropped from bursts since begin()
    qint64 m_hiddenShown = 0; // what the last "not shown" line said
    QStringDecoder m_stdoutDecoder{QStringDecoder::Utf8};
    QStringDecoder m_stderrDecoder{QStringDecoder::Utf8};
};

} // namespace Coroscope
