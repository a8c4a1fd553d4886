#pragma once

#include "run/runspec.h"

#include <QSslCertificate>
#include <QStringList>
#include <QWidget>

#include <memory>

class QMenu;

namespace Coroscope {

namespace Ui {
class RunPanel;
}

class TestServer;

// The left-hand panel: what to run (URLs, task count, strategy and its knobs) and Run/Stop.
// URL lines are checked as they are typed; Run stays disabled, with a tooltip saying why, while
// any line is bad or there is nothing to fetch.
class RunPanel : public QWidget
{
    Q_OBJECT
public:
    explicit RunPanel(QWidget *parent = nullptr);
    ~RunPanel() override;
    // The height the panel needs at `width` is its minimum one: a scroll area asks a panel with
    // wrapped labels for its preferred height instead, and on a 700 px screen the URL box kept
    // its full height while Run and Stop went below the fold.
    int heightForWidth(int width) const override;

    // The embedded server offers example URLs and the first-launch default workload.
    void setServer(TestServer *server);

    RunSpec spec() const;
    void setSpec(const RunSpec &spec);
    int serverCapacity() const;
    void setServerCapacity(int capacity);

    // Whether the embedded server's URLs are its https ones (the TLS check box).
    bool tls() const;
    void setTls(bool on);
    // Certificates runs trust besides the system's and the embedded server's (--ca-file), and
    // whether they check certificates at all (--insecure). Not in the panel's settings.
    void setTrust(const QList<QSslCertificate> &trusted, bool insecure);

    // The embedded server's /delay/1 (https with TLS); empty without a server.
    QUrl defaultWorkloadUrl() const;
    // Replaces the URLs with the embedded default: /delay/1 x 10.
    void useDefaultWorkload();

    // Restores the last session's inputs; returns false when there were none (first launch).
    bool restoreSettings();
    void saveSettings() const;

    // While a run is live the inputs stay editable (they describe the *next* run), but Run is off.
    void setRunning(bool running);
    bool isRunning() const { return m_running; }

    bool canRun() const;
    // Empty when Run is possible, else the sentence shown as the Run button's tooltip.
    QString runBlockedReason() const;
    // One sentence per bad URL line, naming the line number and what is wrong.
    QStringList urlProblems() const { return m_problems; }
    // Line numbers (1-based) of the bad lines, as marked in the editor.
    QList<int> badLines() const { return m_badLines; }

    static QString strategyDisplayName(Strategy strategy);
    static QString strategyDescription(Strategy strategy);

Q_SIGNALS:
    void runRequested();
    void stopRequested();
    void runnableChanged(bool canRun);
    void serverCapacityChanged(int capacity);

protected:
    void changeEvent(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void validateUrls();
    void updateUrlNote();
    // The lines of a URL problem or note come out of the URL box's height, not out of the
    // position of every control below it.
    void reserveUrlMessageSpace();
    void updateRunState();
    void updateStrategyDependents();
    void fillStrategies();
    void rebuildExamplesMenu();
    void insertUrlLine(const QString &url);
    qint64 maxBodyBytes() const;
    void setMaxBodyBytes(qint64 bytes);
    QString serverUrl(const QString &pathAndQuery) const;
    QUrl serverBase(bool tls) const;
    // Lines naming the embedded server move to its other scheme and port with the TLS box.
    void switchServerScheme(bool tls);
    // Persisted URLs naming the embedded server's previous port are moved to its current one.
    QStringList rewriteServerPorts(const QStringList &urls, quint16 previousPort) const;

    std::unique_ptr<Ui::RunPanel> ui;
    TestServer *m_server = nullptr;
    QMenu *m_examplesMenu = nullptr;
    QStringList m_problems;
    int m_urlBoxMinimum = 0; // the URL box's heights in the form
    int m_urlBoxMaximum = 0;
    QList<int> m_badLines;
    int m_urlCount = 0;
    // A body cap that is not whole MiB (from the command line), kept until the spin box changes.
    qint64 m_exactMaxBodyBytes = 0;
    QList<QSslCertificate> m_trusted;
    bool m_insecure = false;
    bool m_running = false;
    bool m_lastRunnable = false;
};

} // namespace Coroscope
