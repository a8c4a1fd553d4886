#include "recorddialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QVBoxLayout>

namespace Coroscope {

namespace {
const QString RecentKey = QStringLiteral("record/recent");
} // namespace

RecordDialog::RecordDialog(QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Record Program"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(
        tr("Coroscope starts the program with its recorder loaded and shows its asyncio tasks "
           "live. The embedded server's address is in COROSCOPE_SERVER."),
        this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    auto *form = new QFormLayout;
    m_command = new QComboBox(this);
    m_command->setObjectName(QStringLiteral("recordCommand"));
    m_command->setEditable(true);
    m_command->setInsertPolicy(QComboBox::NoInsert);
    m_command->setMinimumContentsLength(40);
    m_command->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_command->lineEdit()->setPlaceholderText(tr("e.g. python3 prog.py --flag"));
    m_recent = recentCommands();
    for (const Recent &recent : std::as_const(m_recent))
        m_command->addItem(recent.line);
    m_command->setCurrentIndex(m_recent.isEmpty() ? -1 : 0);
    form->addRow(tr("&Command:"), m_command);

    auto *folderRow = new QHBoxLayout;
    m_folder = new QLineEdit(this);
    m_folder->setObjectName(QStringLiteral("recordFolder"));
    m_folder->setText(m_recent.isEmpty() ? QDir::currentPath() : m_recent.constFirst().folder);
    auto *browse = new QPushButton(tr("&Browse…"), this);
    browse->setObjectName(QStringLiteral("recordBrowse"));
    folderRow->addWidget(m_folder, 1);
    folderRow->addWidget(browse);
    form->addRow(tr("&Working folder:"), folderRow);
    layout->addLayout(form);

    m_problem = new QLabel(this);
    m_problem->setObjectName(QStringLiteral("recordProblem"));
    m_problem->setWordWrap(true);
    m_problem->setTextFormat(Qt::PlainText);
    layout->addWidget(m_problem);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    QPushButton *run = m_buttons->addButton(tr("&Run"), QDialogButtonBox::AcceptRole);
    run->setDefault(true);
    layout->addWidget(m_buttons);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(browse, &QPushButton::clicked, this, &RecordDialog::browse);
    connect(m_command, &QComboBox::editTextChanged, this, &RecordDialog::check);
    // A recent command brings back the folder it ran in.
    connect(m_command, &QComboBox::activated, this, [this](int index) {
        if (index >= 0 && index < m_recent.size())
            m_folder->setText(m_recent.at(index).folder);
    });
    connect(m_folder, &QLineEdit::textChanged, this, &RecordDialog::check);
    check();
}

QString RecordDialog::commandLine() const
{
    return m_command->currentText();
}

QString RecordDialog::folder() const
{
    return m_folder->text().trimmed();
}

void RecordDialog::setCommandLine(const QString &line)
{
    m_command->setEditText(line);
}

void RecordDialog::setFolder(const QString &folder)
{
    m_folder->setText(folder);
}

QString RecordDialog::problem() const
{
    RecordCommand command;
    QString error;
    if (!RecordCommand::parse(commandLine(), &command, &error))
        return error;
    if (folder().isEmpty() || !QFileInfo(folder()).isDir())
        return tr("The working folder %1 does not exist.").arg(folder());
    return QString();
}

RecordCommand RecordDialog::command() const
{
    RecordCommand command;
    QString error;
    RecordCommand::parse(commandLine(), &command, &error);
    command.workingDirectory = QFileInfo(folder()).absoluteFilePath();
    return command;
}

void RecordDialog::check()
{
    const QString why = problem();
    // An empty line is not an error yet: the placeholder says what to type.
    m_problem->setText(commandLine().trimmed().isEmpty() ? QString() : why);
    for (QAbstractButton *button : m_buttons->buttons()) {
        if (m_buttons->buttonRole(button) == QDialogButtonBox::AcceptRole)
            button->setEnabled(why.isEmpty());
    }
}

void RecordDialog::browse()
{
    const QString chosen = QFileDialog::getExistingDirectory(this, tr("Working Folder"), folder());
    if (!chosen.isEmpty())
        m_folder->setText(chosen);
}

QList<RecordDialog::Recent> RecordDialog::recentCommands()
{
    QList<Recent> recent;
    QSettings settings;
    const int count = settings.beginReadArray(RecentKey);
    for (int i = 0; i < count && recent.size() < MaxRecent; ++i) {
        settings.setArrayIndex(i);
        const QString line = settings.value(QStringLiteral("command")).toString();
        if (!line.trimmed().isEmpty())
            recent.append({line, settings.value(QStringLiteral("folder")).toString()});
    }
    settings.endArray();
    return recent;
}

void RecordDialog::rememberCommand(const QString &line, const QString &folder)
{
    QList<Recent> recent = recentCommands();
    recent.removeIf([&](const Recent &r) { return r.line == line && r.folder == folder; });
    recent.prepend({line, folder});
    while (recent.size() > MaxRecent)
        recent.removeLast();
    QSettings settings;
    settings.beginWriteArray(RecentKey, int(recent.size()));
    for (int i = 0; i < recent.size(); ++i) {
        settings.setArrayIndex(i);
        settings.setValue(QStringLiteral("command"), recent.at(i).line);
        settings.setValue(QStringLiteral("folder"), recent.at(i).folder);
    }
    settings.endArray();
}

} // namespace Coroscope
