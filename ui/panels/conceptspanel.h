#pragma once

#include <QUrl>
#include <QWidget>

class QTextBrowser;

namespace Coroscope {

// The asyncio vocabulary the tutorial teaches, what each word means with QCoro, and where it
// shows on screen; each concept ends in a "Show me" link for the main window to act on.
class ConceptsPanel : public QWidget
{
    Q_OBJECT
public:
    enum class Concept {
        EventLoop,
        Coroutine,
        Task,
        Future,
        Await,
        Callback,
        Blocking,
        Threads,
        ServerCapacity,
    };
    Q_ENUM(Concept)

    explicit ConceptsPanel(QWidget *parent = nullptr);
    ~ConceptsPanel() override;

    static QList<Concept> allConcepts();
    static QString title(Concept concept_);
    // The "Show me" link of a concept, e.g. showme:EventLoop.
    static QUrl showMeUrl(Concept concept_);

    // Scrolls the explanation of a concept into view.
    void scrollToConcept(Concept concept_);

    QTextBrowser *browser() const { return m_browser; }

public Q_SLOTS:
    // Handles a link of the text: "Show me" links emit showMe(); others are ignored.
    void openLink(const QUrl &url);

Q_SIGNALS:
    // The user asked to see a concept on screen (e.g. highlight the loop row).
    void showMe(Coroscope::ConceptsPanel::Concept which);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    QString html() const;
    QString figuresHtml() const;
    QString conceptHtml(Concept concept_) const;

    QTextBrowser *m_browser = nullptr;
};

} // namespace Coroscope
