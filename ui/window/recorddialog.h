#pragma once

#include "record/recordsession.h"

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace Coroscope {

// File > Record Program…: a command line (the recent ones offered), a working folder with a
// Browse button, Run. Says what is wrong with the line (empty, an unclosed quote, a folder that
// does not exist) before it can be run.
class RecordDialog : public QDialog
{
    Q_OBJECT
public:
    static constexpr int MaxRecent = 10;

    explicit RecordDialog(QWidget *parent = nullptr);

    // The command as typed (program, arguments, folder); valid once accepted.
    RecordCommand command() const;
    void setCommandLine(const QString &line);
    void setFolder(const QString &folder);
    QString commandLine() const;
    QString folder() const;
    // Why Run is disabled, empty when it is not.
    QString problem() const;

    // The commands run lately with their folders, most recent first (persisted).
    struct Recent
    {
        QString line;
        QString folder;
    };
    static QList<Recent> recentCommands();
    static void rememberCommand(const QString &line, const QString &folder);

private:
    void check();
    void browse();

    QComboBox *m_command = nullptr;
    QLineEdit *m_folder = nullptr;
    QLabel *m_problem = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QList<Recent> m_recent;
};

} // namespace Coroscope
