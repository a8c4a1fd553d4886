#include "outputpanel.h"

#include "theme.h"
#include "throttle.h"

#include <QFontDatabase>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QTextBlock>
#include <QVBoxLayout>

namespace Coroscope {

namespace {
// Text appended at most this often: a program printing a line per millisecond must not cost a
// layout per line.
constexpr qint64 FlushIntervalMs = 100;

QColor stderrColor(const QPalette &palette)
{
    return Theme::isDark(palette) ? QColor(0xff, 0x7b, 0x72) : QColor(0xc0, 0x1c, 0x28);
}

// Terminal control (colours, cursor moves, carriage-return progress bars) has no meaning here:
// escape sequences are dropped, and so is every control character but tab and line feed.
QString printable(const QString &text)
{
    QString out;
    out.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c == u'\x1b') {
            // CSI: ESC [ parameters final-byte; other escapes are two characters.
            if (i + 1 < text.size() && text.at(i + 1) == u'[') {
                i += 2;
                while (i < text.size() && !(text.at(i) >= u'@' && text.at(i) <= u'~'))
                    ++i;
            } else {
                ++i;
            }
            continue;
        }
        if (c == u'\n' || c == u'\t' || c.unicode() >= 0x20) {
            if (c.unicode() != 0x7f)
                out += c;
        }
    }
    return out;
}
} // namespace

OutputPanel::OutputPanel(QWidget *parent)
    : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setSpacing(4);
    m_heading = new QLabel(this);
    m_heading->setObjectName(QStringLiteral("outputHeading"));
    m_heading->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_heading->setWordWrap(true);
    m_heading->setTextFormat(Qt::PlainText);
    m_heading->setText(tr("The output of a recorded program (File > Record Program…) shows "
                          "here."));
    layout->addWidget(m_heading);
    m_text = new QPlainTextEdit(this);
    m_text->setObjectName(QStringLiteral("outputText"));
    m_text->setReadOnly(true);
    m_text->setMaximumBlockCount(MaxLines);
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_text->setUndoRedoEnabled(false);
    layout->addWidget(m_text, 1);
    m_throttle = new Throttle(
        FlushIntervalMs, [this]() { flush(); }, this);
}

void OutputPanel::begin(const QString &command)
{
    clear();
    m_heading->setText(tr("Output of %1 (stderr in red)").arg(command));
}

void OutputPanel::clear()
{
    m_throttle->cancel();
    m_pending.clear();
    m_pendingBytes = 0;
    m_hiddenBytes = 0;
    m_hiddenShown = 0;
    m_stdoutDecoder.resetState();
    m_stderrDecoder.resetState();
    m_text->clear();
}

QString OutputPanel::decode(OutputLog::Channel channel, const QByteArray &bytes)
{
    QStringDecoder &decoder
        = channel == OutputLog::Channel::Stdout ? m_stdoutDecoder : m_stderrDecoder;
    return decoder.decode(bytes);
}

void OutputPanel::append(OutputLog::Channel channel, const QByteArray &bytes)
{
    const QString text = printable(decode(channel, bytes));
    if (text.isEmpty())
        return;
    if (!m_pending.isEmpty() && m_pending.constLast().channel == channel
        && !m_pending.constLast().status)
        m_pending.last().text += text;
    else
        m_pending.append({channel, text});
    m_pendingBytes += text.size();
    // A burst larger than what is shown per refresh: only its tail is kept for the view.
    while (m_pendingBytes > MaxBurstBytes && !m_pending.isEmpty()) {
        Pending &front = m_pending.first();
        const qsizetype excess = m_pendingBytes - MaxBurstBytes;
        if (front.text.size() > excess) {
            front.text.remove(0, excess);
            m_hiddenBytes += excess;
            m_pendingBytes -= excess;
            break;
        }
        if (!front.status)
            m_hiddenBytes += front.text.size();
        m_pendingBytes -= front.text.size();
        m_pending.removeFirst();
    }
    m_throttle->request();
}

void OutputPanel::addStatus(const QString &text)
{
    m_pending.append({OutputLog::Channel::Stdout, text, true});
    m_throttle->runNow();
}

void OutputPanel::flush()
{
    if (m_pending.isEmpty())
        return;
    QScrollBar *bar = m_text->verticalScrollBar();
    const bool atEnd = bar->value() >= bar->maximum() - 2;
    QTextCursor cursor(m_text->document());
    cursor.movePosition(QTextCursor::End);
    cursor.beginEditBlock();
    QTextCharFormat plain;
    QTextCharFormat err;
    err.setForeground(stderrColor(palette()));
    QTextCharFormat status;
    status.setFontItalic(true);
    status.setForeground(palette().color(QPalette::PlaceholderText));
    auto newLine = [&cursor]() {
        if (!cursor.block().text().isEmpty())
            cursor.insertText(QStringLiteral("\n"));
    };
    if (m_hiddenBytes > m_hiddenShown) {
        newLine();
        cursor.insertText(tr("[… %1 of output not shown here: the program printed faster than "
                             "the window shows]")
                                  .arg(QLocale().formattedDataSize(m_hiddenBytes - m_hiddenShown))
                              + u'\n',
                          status);
        m_hiddenShown = m_hiddenBytes;
    }
    for (const Pending &p : std::as_const(m_pending)) {
        if (p.status) {
            newLine();
            cursor.insertText(QStringLiteral("— ") + p.text + u'\n', status);
        } else {
            cursor.insertText(p.text, p.channel == OutputLog::Channel::Stderr ? err : plain);
        }
    }
    cursor.endEditBlock();
    m_pending.clear();
    m_pendingBytes = 0;
    if (atEnd)
        bar->setValue(bar->maximum());
}

QString OutputPanel::plainText() const
{
    const_cast<OutputPanel *>(this)->flush();
    return m_text->toPlainText();
}

void OutputPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange && m_text->document()->isEmpty())
        m_heading->setText(tr("The output of a recorded program (File > Record Program…) shows "
                              "here."));
    QWidget::changeEvent(event);
}

} // namespace Coroscope
