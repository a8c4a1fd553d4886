#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace Coroscope {

// A certificate and its private key, PEM-encoded: what the test server needs to serve https.
struct TlsCredentials
{
    QByteArray certificatePem; // the server's certificate first, then any chain
    QByteArray privateKeyPem;
    QString certificatePath; // where the certificate is on disk; empty when only in memory
    bool isNull() const { return certificatePem.isEmpty() || privateKeyPem.isEmpty(); }
};

// A new EC P-256 key and a self-signed server certificate (CA:FALSE, serverAuth) for `hosts` (DNS
// names and IP addresses, all in subjectAltName; the first is also the common name), valid from
// now + notBeforeSecs to now + notAfterSecs (negative values make certificates that are not yet
// or no longer valid, for tests). Empty credentials and *error on failure.
TlsCredentials generateSelfSigned(const QStringList &hosts, qint64 notBeforeSecs,
                                  qint64 notAfterSecs, QString *error);

// The hosts the embedded server's certificate names: everything loopback is called.
QStringList loopbackHosts();

// The embedded server's own credentials in `directory` (server.crt, server.key mode 0600):
// reused when both are readable, match each other, name the loopback hosts, make a server
// certificate (not a CA), stay valid for another day and the key is private to this user;
// otherwise generated (valid 825 days) and stored. A key others could read is replaced, and
// *notice says so. When they cannot be stored the generated ones are still returned (with an
// empty certificatePath) and *warning says why.
TlsCredentials loadOrCreateServerCredentials(const QString &directory, QString *error,
                                             QString *warning = nullptr, QString *notice = nullptr);
// QStandardPaths::AppDataLocation + "/tls": where the window and the command line keep them.
QString defaultCredentialsDirectory();

} // namespace Coroscope
