#include "sourcepanel.h"

#include "livetrace.h"
#include "theme.h"
#include "throttle.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QFontDatabase>
#include <QLabel>
#include <QPlainTextEdit>
#include <QTextBlock>
#include <QVBoxLayout>

namespace Coroscope {

namespace {
constexpr qint64 RefreshIntervalMs = 200;
} // namespace

SourceSite SourceSite::parse(const QString &text)
{
    // Await labels end in " at FILE:LINE"; a creation site is "FILE:LINE" alone.
    QString site = text.trimmed();
    const qsizetype at = site.lastIndexOf(QLatin1StringView(" at "));
    if (at >= 0)
        site = site.mid(at + 4).trimmed();
    const qsizetype colon = site.lastIndexOf(u':');
    if (colon <= 0)
        return {};
    bool ok = false;
    const int line = site.mid(colon + 1).toInt(&ok);
    if (!ok || line <= 0)
        return {};
    return {site.left(colon), line};
}

SourcePanel::SourcePanel(QWidget *parent)
    : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setSpacing(4);
    m_heading = new QLabel(this);
    m_heading->setObjectName(QStringLiteral("sourceHeading"));
    m_heading->setWordWrap(true);
    m_heading->setTextFormat(Qt::PlainText);
    m_heading->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_heading);
    m_text = new QPlainTextEdit(this);
    m_text->setObjectName(QStringLiteral("sourceText"));
    m_text->setReadOnly(true);
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    layout->addWidget(m_text, 1);
    m_throttle = new Throttle(
        RefreshIntervalMs, [this]() { refresh(); }, this);
    refresh();
}

void SourcePanel::setLiveTrace(LiveTrace *trace)
{
    if (m_trace)
        m_trace->disconnect(this);
    m_trace = trace;
    if (m_trace) {
        connect(m_trace, &LiveTrace::changed, this, &SourcePanel::requestRefresh);
        connect(m_trace, &LiveTrace::reset, this, [this]() {
            m_task = -1;
            requestRefresh();
        });
    }
    requestRefresh();
}

void SourcePanel::setBaseFolder(const QString &folder)
{
    m_baseFolder = folder;
    m_path.clear(); // looked up again
    requestRefresh();
}

void SourcePanel::setTask(int task)
{
    if (task == m_task)
        return;
    m_task = task;
    requestRefresh();
}

void SourcePanel::requestRefresh()
{
    m_stale = true;
    if (isVisible())
        m_throttle->request();
}

void SourcePanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_stale)
        m_throttle->runNow();
}

void SourcePanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        requestRefresh();
    QWidget::changeEvent(event);
}

SourceSite SourcePanel::siteOf(const LiveTrace &live, int task, QString *why)
{
    const Trace &trace = live.trace();
    const SegmentBuilder &segments = live.segments();
    if (task < 0 || task >= trace.tasks.size() || task >= segments.taskCount())
        return {};
    const qint64 now = live.nowNs();
    // The latest suspension up to now: the open segment, else the closed ones from the end.
    auto fromSegment = [&](const Segment &segment) -> SourceSite {
        if (segment.state != SegmentState::Suspended || segment.startNs > now)
            return {};
        const QString label = trace.label(segment.label);
        const SourceSite site = SourceSite::parse(label);
        if (site.isValid() && why) {
            const qsizetype at = label.lastIndexOf(QLatin1StringView(" at "));
            *why = segment.endNs >= now || segment.endNs <= segment.startNs
                ? tr("suspended at %1").arg(at > 0 ? label.left(at) : label)
                : tr("last suspended at %1").arg(at > 0 ? label.left(at) : label);
        }
        return site;
    };
    Segment open;
    if (segments.openSegment(quint32(task), now, &open)) {
        if (const SourceSite site = fromSegment(open); site.isValid())
            return site;
    }
    const QList<Segment> &row = segments.row(quint32(task));
    for (qsizetype i = row.size() - 1; i >= 0; --i) {
        if (const SourceSite site = fromSegment(row.at(i)); site.isValid())
            return site;
    }
    const SourceSite created = SourceSite::parse(trace.tasks.at(task).createdAt);
    if (created.isValid() && why)
        *why = tr("created here");
    return created;
}

QString SourcePanel::resolve(const QString &file) const
{
    const QFileInfo direct(file);
    if (direct.isAbsolute())
        return direct.isFile() ? direct.absoluteFilePath() : QString();
    if (!m_baseFolder.isEmpty()) {
        const QFileInfo inBase(QDir(m_baseFolder), file);
        if (inBase.isFile())
            return inBase.absoluteFilePath();
    }
    return QString();
}

void SourcePanel::showFile(const QString &path)
{
    const QFileInfo info(path);
    if (path == m_path && info.lastModified() == m_modified)
        return;
    m_path = path;
    m_modified = info.lastModified();
    QFile file(path);
    if (info.size() > MaxFileBytes || !file.open(QIODevice::ReadOnly)) {
        m_text->setPlainText(info.size() > MaxFileBytes
                                 ? tr("%1 is larger than %2 MB: not shown.")
                                       .arg(path)
                                       .arg(MaxFileBytes / (1024 * 1024))
                                 : tr("Cannot read %1: %2").arg(path, file.errorString()));
        m_path.clear();
        return;
    }
    const QStringList lines = QString::fromUtf8(file.read(MaxFileBytes)).split(u'\n');
    const int width = int(QString::number(lines.size()).size());
    QString text;
    text.reserve(int(info.size()) + lines.size() * (width + 3));
    for (qsizetype i = 0; i < lines.size(); ++i) {
        QString line = lines.at(i);
        if (line.endsWith(u'\r'))
            line.chop(1);
        text += QString::number(i + 1).rightJustified(width) + QStringLiteral("  ") + line;
        if (i + 1 < lines.size())
            text += u'\n';
    }
    m_text->setPlainText(text);
}

void SourcePanel::refresh()
{
    m_stale = false;
    const bool recording = m_trace && m_trace->wholeTrace().isRecording();
    if (!recording) {
        m_site = {};
        m_path.clear();
        m_text->clear();
        m_heading->setText(tr("Record a program (File > Record Program…) and select one of its "
                              "tasks: its source shows here, at the line where the task is "
                              "suspended."));
        return;
    }
    QString why;
    const SourceSite site = siteOf(*m_trace, m_task, &why);
    if (!site.isValid()) {
        m_site = {};
        m_heading->setText(m_task < 0
                               ? tr("Select a task to see where it is suspended.")
                               : tr("Task #%1 has no known place in the source.").arg(m_task));
        m_text->setExtraSelections({});
        return;
    }
    m_site = site;
    const QString path = resolve(site.file);
    const QString name = m_trace->trace().tasks.at(m_task).name;
    const QString who = name.isEmpty() ? tr("Task #%1").arg(m_task) : name;
    if (path.isEmpty()) {
        m_heading->setText(
            tr("%1: %2, %3:%4 (file not found)").arg(who, why, site.file).arg(site.line));
        m_text->clear();
        m_path.clear();
        return;
    }
    m_heading->setText(
        tr("%1: %2, %3:%4").arg(who, why, QFileInfo(path).fileName()).arg(site.line));
    showFile(path);
    // The line: highlighted, and in the middle of the view.
    const QTextBlock block = m_text->document()->findBlockByNumber(site.line - 1);
    if (!block.isValid()) {
        m_text->setExtraSelections({});
        return;
    }
    QTextEdit::ExtraSelection selection;
    selection.cursor = QTextCursor(block);
    selection.format.setBackground(Theme::isDark(palette()) ? QColor(0x5a, 0x4a, 0x10)
                                                            : QColor(0xff, 0xf0, 0xa8));
    selection.format.setProperty(QTextFormat::FullWidthSelection, true);
    m_text->setExtraSelections({selection});
    m_text->setTextCursor(QTextCursor(block));
    m_text->centerCursor();
}

QString SourcePanel::highlightedLineText() const
{
    const QList<QTextEdit::ExtraSelection> selections = m_text->extraSelections();
    if (selections.isEmpty())
        return QString();
    return selections.constFirst().cursor.block().text();
}

QString SourcePanel::headingText() const
{
    return m_heading->text();
}

} // namespace Coroscope
