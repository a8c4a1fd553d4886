#pragma once

#include <QPointer>
#include <QWidget>

class QLabel;
class QLineEdit;
class QToolButton;

namespace Coroscope {

class TimelineView;
struct Trace;
class SegmentBuilder;

// The bar under the timeline for "go to task" (Ctrl+G: a task number; Enter scrolls it into the
// middle and selects it) and search (Ctrl+F over URLs, error texts and await labels: Enter /
// Shift+Enter or F3 / Shift+F3 step through the matches, which the timeline tints and the
// overview marks; "3 of 120" says where you are). Esc closes it and gives the timeline the focus.
class TimelineFindBar : public QWidget
{
    Q_OBJECT
public:
    enum class Mode { GoTo, Find };

    explicit TimelineFindBar(QWidget *parent = nullptr);

    void setTimeline(TimelineView *view);
    Mode mode() const { return m_mode; }
    QLineEdit *lineEdit() const { return m_edit; }
    // "3 of 120", "No matches", or why a task number is not one.
    QString statusText() const;
    const QList<int> &matches() const { return m_matches; }
    int currentMatch() const { return m_current; }

    // Tasks whose URL, error text or any segment label contains `text` (case-insensitive).
    static QList<int> findTasks(const Trace &trace, const SegmentBuilder &segments,
                                const QString &text);

public Q_SLOTS:
    void openGoTo();
    void openFind();
    void findNext();
    void findPrevious();
    void close();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void open(Mode mode);
    void onTextEdited();
    void onReturn(bool backwards);
    void search();
    void step(int direction);
    void showCurrent();
    void retranslate();

    QPointer<TimelineView> m_view;
    Mode m_mode = Mode::Find;
    QLabel *m_caption = nullptr;
    QLineEdit *m_edit = nullptr;
    QLabel *m_status = nullptr;
    QToolButton *m_previous = nullptr;
    QToolButton *m_next = nullptr;
    QToolButton *m_close = nullptr;
    QList<int> m_matches;
    int m_current = -1;
    quint64 m_searchedRevision = 0;
};

} // namespace Coroscope
