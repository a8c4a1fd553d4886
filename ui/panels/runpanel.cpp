#include "runpanel.h"
#include "ui_runpanel.h"

#include "comboboxkeys.h"
#include "server/testserver.h"
#include "textbaseline.h"
#include "theme.h"
#include "timelinerenderer.h"
#include "trace/vocabulary.h"

#include <QAbstractSpinBox>
#include <QEvent>
#include <QFontDatabase>
#include <QLayout>
#include <QMenu>
#include <QSettings>
#include <QStyle>
#include <QTextBlock>
#include <QTimer>

#include <algorithm>

namespace Coroscope {

namespace {
// Validation runs on every keystroke; only a huge paste is worth debouncing.
constexpr int ImmediateValidationLines = 2000;
constexpr int MaxProblemsListed = 4;
constexpr qint64 MiB = 1024 * 1024;

const QColor ProblemColor(0xc6, 0x28, 0x28);

void makeHeading(QLabel *label, int spaceAbove = 0)
{
    QFont font = label->font();
    font.setBold(true);
    font.setPointSizeF(font.pointSizeF() * 1.08);
    label->setFont(font);
    label->setContentsMargins(0, spaceAbove, 0, 2);
}

void makeSecondary(QLabel *label)
{
    label->setForegroundRole(QPalette::PlaceholderText); // a role follows View > Theme
}

// The problem red, legible on `palette`'s window (light or dark theme).
QColor problemColor(const QPalette &palette)
{
    return Theme::readableOn(ProblemColor, palette.color(QPalette::Window));
}
} // namespace

RunPanel::RunPanel(QWidget *parent)
    : QWidget(parent)
    , ui(std::make_unique<Ui::RunPanel>())
{
    ui->setupUi(this);
    makeHeading(ui->workloadHeading);
    makeHeading(ui->schedulingHeading, 12);
    makeHeading(ui->serverHeading, 12);
    makeSecondary(ui->strategyHelpLabel);
    makeSecondary(ui->serverAddressLabel);
    makeSecondary(ui->urlNoteLabel);

    QPalette problems = ui->urlProblemsLabel->palette();
    problems.setColor(QPalette::WindowText, problemColor(palette()));
    ui->urlProblemsLabel->setPalette(problems);
    ui->urlProblemsLabel->setVisible(false);

    ui->urlEdit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    // "不限", "30000 毫秒" and "10" on one baseline (see textbaseline.h).
    const QList<QAbstractSpinBox *> spinBoxes = findChildren<QAbstractSpinBox *>();
    for (QAbstractSpinBox *box : spinBoxes)
        keepTextBaseline(box);
    ui->runButton->setIcon(style()->standardIcon(QStyle::SP_MediaPlay));
    ui->stopButton->setIcon(style()->standardIcon(QStyle::SP_MediaStop));

    m_examplesMenu = new QMenu(this);
    ui->examplesButton->setMenu(m_examplesMenu);
    rebuildExamplesMenu();
    fillStrategies();
    openListOnArrowKeys(ui->strategyCombo);

    auto *debounce = new QTimer(this);
    debounce->setSingleShot(true);
    debounce->setInterval(200);
    connect(debounce, &QTimer::timeout, this, &RunPanel::validateUrls);
    connect(ui->urlEdit, &QPlainTextEdit::textChanged, this, [this, debounce]() {
        if (ui->urlEdit->blockCount() <= ImmediateValidationLines)
            validateUrls();
        else
            debounce->start();
    });
    connect(ui->strategyCombo, &QComboBox::currentIndexChanged, this,
            &RunPanel::updateStrategyDependents);
    connect(ui->capacitySpin, &QSpinBox::valueChanged, this, [this](int capacity) {
        if (m_server)
            m_server->setCapacity(capacity);
        Q_EMIT serverCapacityChanged(capacity);
    });
    connect(ui->tasksSpin, &QSpinBox::valueChanged, this, &RunPanel::updateUrlNote);
    connect(ui->maxBodySpin, &QSpinBox::valueChanged, this, [this]() { m_exactMaxBodyBytes = 0; });
    connect(ui->tlsCheck, &QCheckBox::toggled, this, &RunPanel::switchServerScheme);
    connect(ui->runButton, &QPushButton::clicked, this, &RunPanel::runRequested);
    connect(ui->stopButton, &QPushButton::clicked, this, &RunPanel::stopRequested);

    updateStrategyDependents();
    validateUrls();
}

RunPanel::~RunPanel() = default;

int RunPanel::heightForWidth(int width) const
{
    return layout() ? layout()->totalMinimumHeightForWidth(width) : QWidget::heightForWidth(width);
}

void RunPanel::setServer(TestServer *server)
{
    m_server = server;
    const bool both = m_server && m_server->protocols() == TestServer::Protocols::HttpAndHttps;
    if (m_server && m_server->isRunning()) {
        ui->serverAddressLabel->setText(
            both ? tr("Listening on %1 and %2 (loopback only)")
                       .arg(m_server->baseUrl().toString(), m_server->httpsBaseUrl().toString())
                 : tr("Listening on %1 (loopback only)").arg(m_server->baseUrl().toString()));
    } else {
        ui->serverAddressLabel->setText(
            m_server ? tr("Not running: %1").arg(m_server->errorString()) : QString());
    }
    ui->serverAddressLabel->setVisible(m_server != nullptr);
    ui->examplesButton->setEnabled(m_server && m_server->isRunning());
    // Only a server with both ports can switch; one serving https only is always TLS.
    const bool httpsOnly = m_server && m_server->protocols() == TestServer::Protocols::Https;
    ui->tlsCheck->setEnabled(both);
    ui->tlsCheck->setVisible(m_server != nullptr);
    if (httpsOnly) {
        const QSignalBlocker blocker(ui->tlsCheck);
        ui->tlsCheck->setChecked(true);
    }
}

bool RunPanel::tls() const
{
    return ui->tlsCheck->isChecked();
}

void RunPanel::setTls(bool on)
{
    if (ui->tlsCheck->isEnabled())
        ui->tlsCheck->setChecked(on);
}

void RunPanel::setTrust(const QList<QSslCertificate> &trusted, bool insecure)
{
    m_trusted = trusted;
    m_insecure = insecure;
}

QUrl RunPanel::serverBase(bool tls) const
{
    if (!m_server)
        return {};
    const QUrl https = m_server->httpsBaseUrl();
    return tls && !https.isEmpty() ? https : m_server->baseUrl();
}

void RunPanel::switchServerScheme(bool tls)
{
    const QUrl from = serverBase(!tls);
    const QUrl to = serverBase(tls);
    if (from == to || from.isEmpty() || to.isEmpty())
        return;
    QStringList lines = ui->urlEdit->toPlainText().split(u'\n');
    bool changed = false;
    for (QString &line : lines) {
        QUrl url(line.trimmed(), QUrl::StrictMode);
        if (!url.isValid() || url.scheme() != from.scheme() || url.host() != from.host()
            || url.port() != from.port())
            continue;
        url.setScheme(to.scheme());
        url.setPort(to.port());
        line = url.toString();
        changed = true;
    }
    if (changed)
        ui->urlEdit->setPlainText(lines.join(u'\n'));
    if (m_server && m_server->isRunning())
        ui->urlEdit->setPlaceholderText(defaultWorkloadUrl().toString());
}

QString RunPanel::serverUrl(const QString &pathAndQuery) const
{
    if (!m_server)
        return {};
    QUrl url = serverBase(tls());
    const qsizetype query = pathAndQuery.indexOf(u'?');
    url.setPath(query < 0 ? pathAndQuery : pathAndQuery.left(query));
    if (query >= 0)
        url.setQuery(pathAndQuery.mid(query + 1));
    return url.toString();
}

void RunPanel::rebuildExamplesMenu()
{
    m_examplesMenu->clear();
    struct Example
    {
        const char *path;
        QString what;
    };
    const QList<Example> examples{
        {"/delay/1", tr("answers after 1 second")},
        {"/delay/5", tr("answers after 5 seconds")},
        {"/get", tr("answers at once")},
        {"/status/500", tr("a server error")},
        {"/status/404", tr("not found")},
        {"/bytes/100000", tr("100 kB of random bytes")},
        {"/drip?duration=2&numbytes=20", tr("20 bytes dripped over 2 seconds")},
        {"/stream/20", tr("20 lines of JSON")},
    };
    for (const Example &example : examples) {
        const QString path = QString::fromLatin1(example.path);
        // `&` would be eaten as a mnemonic marker (/drip?duration=2&numbytes=20).
        QString shownPath = path;
        shownPath.replace(u'&', QStringLiteral("&&"));
        QAction *action = m_examplesMenu->addAction(tr("%1  —  %2").arg(shownPath, example.what));
        action->setToolTip(tr("Add %1 as a new line").arg(path));
        connect(action, &QAction::triggered, this,
                [this, path]() { insertUrlLine(serverUrl(path)); });
    }
    m_examplesMenu->addSeparator();
    QAction *reset = m_examplesMenu->addAction(tr("Replace all with the default workload"));
    connect(reset, &QAction::triggered, this, &RunPanel::useDefaultWorkload);
}

void RunPanel::insertUrlLine(const QString &url)
{
    if (url.isEmpty())
        return;
    QString text = ui->urlEdit->toPlainText();
    while (text.endsWith(u'\n'))
        text.chop(1);
    if (!text.trimmed().isEmpty())
        text += u'\n';
    text += url;
    ui->urlEdit->setPlainText(text);
    ui->urlEdit->moveCursor(QTextCursor::End);
}

QUrl RunPanel::defaultWorkloadUrl() const
{
    return QUrl(serverUrl(QStringLiteral("/delay/1")));
}

void RunPanel::useDefaultWorkload()
{
    if (!m_server)
        return;
    RunSpec defaults = spec();
    defaults.urls = {defaultWorkloadUrl()};
    defaults.tasks = RunSpec().tasks;
    setSpec(defaults);
}

QString RunPanel::strategyDisplayName(Strategy strategy)
{
    return Vocabulary::strategyText(strategyName(strategy)); // the report's words too
}

QString RunPanel::strategyDescription(Strategy strategy)
{
    switch (strategy) {
    case Strategy::Async:
        return tr("Every task is a coroutine that suspends at co_await reply and gives the loop "
                  "back, so requests overlap: ten /delay/1 tasks finish in about one second.");
    case Strategy::Sequential:
        return tr("One task at a time: each awaits its reply before the next one starts. "
                  "Nothing overlaps; the run takes the sum of all requests.");
    case Strategy::Blocking:
        return tr("A blocking fetch on the loop thread, like calling requests.get: the loop "
                  "freezes during every request, so tasks run strictly one after another.");
    case Strategy::WrappedBlocking:
        return tr("The blocking fetch wrapped in a coroutine: it looks asynchronous, but the "
                  "call inside still blocks the loop, so it is as slow as blocking.");
    case Strategy::Threads:
        return tr("Blocking fetches handed to a pool of worker threads: they overlap, but no "
                  "more than there are workers, and every thread costs memory.");
    }
    return {};
}

void RunPanel::fillStrategies()
{
    const QString current = ui->strategyCombo->currentData().toString();
    const QSignalBlocker blocker(ui->strategyCombo);
    ui->strategyCombo->clear();
    for (Strategy strategy : allStrategies()) {
        ui->strategyCombo->addItem(strategyDisplayName(strategy), strategyName(strategy));
        ui->strategyCombo->setItemData(ui->strategyCombo->count() - 1,
                                       strategyDescription(strategy), Qt::ToolTipRole);
    }
    const int index = ui->strategyCombo->findData(current);
    ui->strategyCombo->setCurrentIndex(index < 0 ? 0 : index);
}

void RunPanel::updateStrategyDependents()
{
    Strategy strategy = Strategy::Async;
    strategyFromName(ui->strategyCombo->currentData().toString(), &strategy);
    ui->strategyHelpLabel->setText(strategyDescription(strategy));
    ui->strategyCombo->setToolTip(strategyDescription(strategy));
    const bool threads = strategy == Strategy::Threads;
    ui->workersSpin->setEnabled(threads);
    ui->workersLabel->setEnabled(threads);
}

void RunPanel::validateUrls()
{
    QTextCharFormat underline;
    underline.setUnderlineStyle(QTextCharFormat::WaveUnderline);
    underline.setUnderlineColor(problemColor(palette()));
    QTextCharFormat tint;
    // A faint red behind the line, on a light or a dark base alike.
    tint.setBackground(TimelineRendering::mix(palette().color(QPalette::Base), ProblemColor, 0.12));
    tint.setProperty(QTextFormat::FullWidthSelection, true);

    QList<QTextEdit::ExtraSelection> marks;
    m_problems.clear();
    m_badLines.clear();
    m_urlCount = 0;
    const QTextDocument *document = ui->urlEdit->document();
    for (QTextBlock block = document->begin(); block.isValid(); block = block.next()) {
        const QString text = block.text();
        if (text.trimmed().isEmpty())
            continue;
        const QString error = checkUrl(text);
        if (error.isEmpty()) {
            ++m_urlCount;
            continue;
        }
        const int line = block.blockNumber() + 1;
        m_badLines.append(line);
        m_problems.append(tr("Line %1: %2").arg(line).arg(error));
        QTextCursor cursor(block);
        marks.append({cursor, tint});
        cursor.movePosition(QTextCursor::EndOfBlock, QTextCursor::KeepAnchor);
        marks.append({cursor, underline});
    }
    ui->urlEdit->setExtraSelections(marks);

    QStringList shown = m_problems.mid(0, MaxProblemsListed);
    if (m_problems.size() > MaxProblemsListed)
        shown.append(
            tr("…and %n more bad line(s)", nullptr, int(m_problems.size() - MaxProblemsListed)));
    ui->urlProblemsLabel->setText(shown.join(u'\n'));
    ui->urlProblemsLabel->setVisible(!m_problems.isEmpty());
    updateUrlNote();
    updateRunState();
}

void RunPanel::updateUrlNote()
{
    // What the run will do with the lines, when it is not simply "task n fetches line n".
    const QLocale locale;
    const int tasks = ui->tasksSpin->value();
    QString note;
    if (m_urlCount == 0 && m_problems.isEmpty())
        note = tr("Type at least one URL.");
    else if (m_problems.isEmpty() && m_urlCount > tasks)
        note = tr("%Ln task(s) use the first %1 of %2 URLs.", nullptr, tasks)
                   .arg(locale.toString(tasks), locale.toString(m_urlCount));
    ui->urlNoteLabel->setText(note);
    ui->urlNoteLabel->setVisible(!note.isEmpty());
    reserveUrlMessageSpace();
}

void RunPanel::reserveUrlMessageSpace()
{
    // The form's heights of the URL box, once: what the messages are taken from.
    if (m_urlBoxMaximum == 0) {
        m_urlBoxMinimum = ui->urlEdit->minimumHeight();
        m_urlBoxMaximum = ui->urlEdit->maximumHeight();
    }
    const int spacing = layout() ? std::max(0, layout()->spacing()) : 6;
    const int width = std::max(40, ui->urlEdit->width());
    int taken = 0;
    for (QLabel *label : {ui->urlProblemsLabel, ui->urlNoteLabel}) {
        if (!label->isHidden())
            taken += label->heightForWidth(width) + spacing;
    }
    // Two lines of URLs stay in view however long the message.
    const int floor
        = 2 * ui->urlEdit->fontMetrics().lineSpacing() + 2 * ui->urlEdit->frameWidth() + 8;
    ui->urlEdit->setMinimumHeight(std::max(floor, m_urlBoxMinimum - taken));
    ui->urlEdit->setMaximumHeight(std::max(floor, m_urlBoxMaximum - taken));
}

void RunPanel::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    reserveUrlMessageSpace(); // wrapped messages take other heights at another width
}

QString RunPanel::runBlockedReason() const
{
    if (m_running)
        return tr("A run is in progress: stop it or wait until it finishes.");
    if (!m_badLines.isEmpty()) {
        if (m_badLines.size() == 1)
            return tr("Fix the URL on line %1 first.").arg(m_badLines.constFirst());
        QStringList lines;
        for (int line : m_badLines.mid(0, 10))
            lines.append(QString::number(line));
        return tr("Fix the URLs on lines %1 first.").arg(lines.join(QStringLiteral(", ")));
    }
    if (m_urlCount == 0)
        return tr("Type at least one URL.");
    return {};
}

bool RunPanel::canRun() const
{
    return runBlockedReason().isEmpty();
}

void RunPanel::updateRunState()
{
    const QString reason = runBlockedReason();
    ui->runButton->setEnabled(reason.isEmpty());
    ui->runButton->setToolTip(reason.isEmpty() ? tr("Start the run (Ctrl+R)") : reason);
    ui->stopButton->setEnabled(m_running);
    const bool runnable = reason.isEmpty();
    if (runnable != m_lastRunnable) {
        m_lastRunnable = runnable;
        Q_EMIT runnableChanged(runnable);
    }
}

void RunPanel::setRunning(bool running)
{
    m_running = running;
    updateRunState();
}

RunSpec RunPanel::spec() const
{
    RunSpec spec;
    const QTextDocument *document = ui->urlEdit->document();
    for (QTextBlock block = document->begin(); block.isValid(); block = block.next()) {
        QUrl url;
        if (!block.text().trimmed().isEmpty() && checkUrl(block.text(), &url).isEmpty())
            spec.urls.append(url);
    }
    spec.tasks = ui->tasksSpin->value();
    strategyFromName(ui->strategyCombo->currentData().toString(), &spec.strategy);
    spec.workers = ui->workersSpin->value();
    spec.concurrency = ui->concurrencySpin->value();
    spec.connectionsPerHost = ui->connectionsSpin->value();
    spec.timeoutMs = ui->timeoutSpin->value();
    spec.maxBodyBytes = maxBodyBytes();
    // The embedded server's certificate is ours: trusted whether or not TLS is ticked, since a
    // URL may name its https port either way.
    if (m_server && m_server->servesHttps())
        spec.caCertificates.append(m_server->certificate());
    spec.caCertificates += m_trusted;
    spec.insecure = m_insecure;
    spec.measureAlone = ui->measureAloneCheck->isChecked();
    return spec;
}

void RunPanel::setSpec(const RunSpec &spec)
{
    ui->urlEdit->setPlainText(spec.urlStrings().join(u'\n'));
    ui->tasksSpin->setValue(spec.tasks);
    const int index = ui->strategyCombo->findData(strategyName(spec.strategy));
    if (index >= 0)
        ui->strategyCombo->setCurrentIndex(index);
    ui->workersSpin->setValue(spec.workers);
    ui->concurrencySpin->setValue(spec.concurrency);
    ui->connectionsSpin->setValue(spec.connectionsPerHost);
    ui->timeoutSpin->setValue(spec.timeoutMs);
    setMaxBodyBytes(spec.maxBodyBytes);
    ui->measureAloneCheck->setChecked(spec.measureAlone);
    validateUrls();
}

qint64 RunPanel::maxBodyBytes() const
{
    return m_exactMaxBodyBytes > 0 ? m_exactMaxBodyBytes : ui->maxBodySpin->value() * MiB;
}

void RunPanel::setMaxBodyBytes(qint64 bytes)
{
    if (bytes < 1)
        bytes = RunSpec().maxBodyBytes;
    const qint64 mib = std::clamp<qint64>((bytes + MiB - 1) / MiB, ui->maxBodySpin->minimum(),
                                          ui->maxBodySpin->maximum());
    ui->maxBodySpin->setValue(int(mib));
    // The command line takes any byte count; the spin box shows whole MiB. The exact cap is kept
    // until the spin box is changed, so a spec passes through the panel unaltered.
    m_exactMaxBodyBytes = bytes == mib * MiB ? 0 : bytes;
}

int RunPanel::serverCapacity() const
{
    return ui->capacitySpin->value();
}

void RunPanel::setServerCapacity(int capacity)
{
    ui->capacitySpin->setValue(capacity);
}

QStringList RunPanel::rewriteServerPorts(const QStringList &urls, quint16 previousPort) const
{
    if (!m_server || !m_server->isRunning())
        return urls;
    const auto previousHttpsPort
        = quint16(QSettings().value(QStringLiteral("server/httpsPort"), 0).toUInt());
    QStringList result;
    for (const QString &text : urls) {
        QUrl url(text.trimmed(), QUrl::StrictMode);
        const QString host = url.host().toLower();
        const bool loopback = host == u"127.0.0.1" || host == u"localhost";
        const int port = url.port();
        // https lines follow the https port (the one after the default when it was free).
        const bool https = url.scheme() == u"https" && m_server->httpsPort() != 0;
        const quint16 current = https ? m_server->httpsPort() : m_server->port();
        const quint16 usual = https ? TestServer::DefaultPort + 1 : TestServer::DefaultPort;
        const quint16 previous = https ? previousHttpsPort : previousPort;
        if (url.isValid() && loopback && port != current
            && (port == usual || (previous && port == previous))) {
            url.setPort(current);
            result.append(url.toString());
        } else {
            result.append(text);
        }
    }
    return result;
}

bool RunPanel::restoreSettings()
{
    QSettings settings;
    if (!settings.contains(QStringLiteral("run/urls")))
        return false;
    const auto previousPort = quint16(settings.value(QStringLiteral("server/port"), 0).toUInt());
    const QStringList urls = rewriteServerPorts(
        settings.value(QStringLiteral("run/urls")).toStringList(), previousPort);
    ui->urlEdit->setPlainText(urls.join(u'\n'));
    const RunSpec defaults;
    ui->tasksSpin->setValue(settings.value(QStringLiteral("run/tasks"), defaults.tasks).toInt());
    Strategy strategy = defaults.strategy;
    strategyFromName(settings.value(QStringLiteral("run/strategy")).toString(), &strategy);
    ui->strategyCombo->setCurrentIndex(
        std::max(0, ui->strategyCombo->findData(strategyName(strategy))));
    ui->workersSpin->setValue(
        settings.value(QStringLiteral("run/workers"), defaults.workers).toInt());
    ui->concurrencySpin->setValue(
        settings.value(QStringLiteral("run/concurrency"), defaults.concurrency).toInt());
    ui->connectionsSpin->setValue(
        settings.value(QStringLiteral("run/connectionsPerHost"), defaults.connectionsPerHost)
            .toInt());
    ui->timeoutSpin->setValue(
        settings.value(QStringLiteral("run/timeoutMs"), defaults.timeoutMs).toInt());
    setMaxBodyBytes(
        settings.value(QStringLiteral("run/maxBodyBytes"), defaults.maxBodyBytes).toLongLong());
    ui->capacitySpin->setValue(settings.value(QStringLiteral("server/capacity"), 0).toInt());
    ui->measureAloneCheck->setChecked(
        settings.value(QStringLiteral("run/measureAlone"), true).toBool());
    {
        // The URLs were saved as they were: no scheme switch for them.
        const QSignalBlocker blocker(ui->tlsCheck);
        if (ui->tlsCheck->isEnabled())
            ui->tlsCheck->setChecked(settings.value(QStringLiteral("server/tls"), false).toBool());
    }
    validateUrls();
    return true;
}

void RunPanel::saveSettings() const
{
    QSettings settings;
    // Kept as typed, bad lines included: the user may be half-way through an edit.
    settings.setValue(QStringLiteral("run/urls"), ui->urlEdit->toPlainText().split(u'\n'));
    settings.setValue(QStringLiteral("run/tasks"), ui->tasksSpin->value());
    settings.setValue(QStringLiteral("run/strategy"), ui->strategyCombo->currentData().toString());
    settings.setValue(QStringLiteral("run/workers"), ui->workersSpin->value());
    settings.setValue(QStringLiteral("run/concurrency"), ui->concurrencySpin->value());
    settings.setValue(QStringLiteral("run/connectionsPerHost"), ui->connectionsSpin->value());
    settings.setValue(QStringLiteral("run/timeoutMs"), ui->timeoutSpin->value());
    settings.setValue(QStringLiteral("run/measureAlone"), ui->measureAloneCheck->isChecked());
    settings.setValue(QStringLiteral("run/maxBodyBytes"), maxBodyBytes());
    settings.setValue(QStringLiteral("server/capacity"), ui->capacitySpin->value());
    settings.setValue(QStringLiteral("server/tls"), ui->tlsCheck->isChecked());
    if (m_server && m_server->isRunning()) {
        settings.setValue(QStringLiteral("server/port"), m_server->port());
        if (m_server->httpsPort() != 0)
            settings.setValue(QStringLiteral("server/httpsPort"), m_server->httpsPort());
    }
}

void RunPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        ui->retranslateUi(this);
        fillStrategies();
        updateStrategyDependents();
        rebuildExamplesMenu();
        setServer(m_server);
        validateUrls(); // the reasons come from the core's translated checkUrl()
    } else if (event->type() == QEvent::PaletteChange) {
        QPalette problems = ui->urlProblemsLabel->palette();
        problems.setColor(QPalette::WindowText, problemColor(palette()));
        ui->urlProblemsLabel->setPalette(problems);
        validateUrls(); // the marks' colours
    }
    QWidget::changeEvent(event);
}

} // namespace Coroscope
