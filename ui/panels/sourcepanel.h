#pragma once

#include <QDateTime>
#include <QPointer>
#include <QWidget>

class QLabel;
class QPlainTextEdit;

namespace Coroscope {

class LiveTrace;
class Throttle;

// A place in a program's source: "prog.py:12".
struct SourceSite
{
    QString file;
    int line = 0; // 1-based; 0 = not a site
    bool isValid() const { return !file.isEmpty() && line > 0; }
    // "prog.py:12", or the site at the end of an await label "asyncio.sleep at prog.py:12".
    static SourceSite parse(const QString &text);
};

// The Source dock: the recorded program's file around the line where the selected task is
// suspended at the playhead (its latest suspension up to the instant the views show), or where
// it was created before its first one; the line highlighted. Follows the selection, a live run
// and the replay's playhead, at a bounded rate and only while shown. Workload runs have no
// source of their own to show: it says so.
class SourcePanel : public QWidget
{
    Q_OBJECT
public:
    // A larger file is not read (a generated or minified file says nothing at a glance).
    static constexpr qint64 MaxFileBytes = 2 * 1024 * 1024;

    explicit SourcePanel(QWidget *parent = nullptr);

    void setLiveTrace(LiveTrace *trace);
    // Where relative file names of the recording are found: its working folder.
    void setBaseFolder(const QString &folder);
    void setTask(int task);
    int task() const { return m_task; }

    // What is shown, for tests: the site, the file found, the highlighted line's text.
    SourceSite site() const { return m_site; }
    QString resolvedPath() const { return m_path; }
    QString highlightedLineText() const;
    QString headingText() const;

    // The site of `task` at instant `ns` (-1: the end) of the trace on screen, and how it got
    // there ("suspended at asyncio.sleep", "created"); invalid when it has none.
    static SourceSite siteOf(const LiveTrace &live, int task, QString *why = nullptr);

protected:
    void showEvent(QShowEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void requestRefresh();
    void refresh();
    QString resolve(const QString &file) const;
    void showFile(const QString &path);

    QPointer<LiveTrace> m_trace;
    QString m_baseFolder;
    int m_task = -1;
    QLabel *m_heading = nullptr;
    QPlainTextEdit *m_text = nullptr;
    Throttle *m_throttle = nullptr;
    SourceSite m_site;
    QString m_path; // the file shown, empty when none
    QDateTime m_modified; // of m_path when read
    bool m_stale = true;
};

} // namespace Coroscope
