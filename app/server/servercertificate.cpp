#include "servercertificate.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QHostAddress>
#include <QStandardPaths>

#include <cerrno>
#include <cstring>
#include <ctime>
#include <memory>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

namespace Coroscope {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Coroscope)
};

constexpr qint64 Day = 24 * 3600;
// Apple's and the browsers' ceiling for a server certificate's validity.
constexpr qint64 ServerValidityDays = 825;

struct BioFree
{
    void operator()(BIO *p) const { BIO_free(p); }
};
struct X509Free
{
    void operator()(X509 *p) const { X509_free(p); }
};
struct KeyFree
{
    void operator()(EVP_PKEY *p) const { EVP_PKEY_free(p); }
};
using BioPtr = std::unique_ptr<BIO, BioFree>;
using X509Ptr = std::unique_ptr<X509, X509Free>;
using KeyPtr = std::unique_ptr<EVP_PKEY, KeyFree>;

QString openSslError()
{
    const unsigned long code = ERR_get_error();
    ERR_clear_error();
    if (code == 0)
        return Tr::tr("unknown OpenSSL error");
    char text[256] = {};
    ERR_error_string_n(code, text, sizeof text);
    return QString::fromLatin1(text);
}

QByteArray bioBytes(BIO *bio)
{
    char *data = nullptr;
    const long n = BIO_get_mem_data(bio, &data);
    return n > 0 ? QByteArray(data, n) : QByteArray();
}

bool addExtension(X509 *cert, X509V3_CTX *ctx, int nid, const QByteArray &value)
{
    X509_EXTENSION *ext = X509V3_EXT_conf_nid(nullptr, ctx, nid, value.constData());
    if (!ext)
        return false;
    const bool ok = X509_add_ext(cert, ext, -1) == 1;
    X509_EXTENSION_free(ext);
    return ok;
}

X509Ptr readCertificate(const QByteArray &pem)
{
    BioPtr bio(BIO_new_mem_buf(pem.constData(), int(pem.size())));
    return X509Ptr(bio ? PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr) : nullptr);
}

KeyPtr readKey(const QByteArray &pem)
{
    BioPtr bio(BIO_new_mem_buf(pem.constData(), int(pem.size())));
    return KeyPtr(bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr) : nullptr);
}

// Why stored credentials cannot be reused; empty when they can.
QString unusableBecause(const QByteArray &certificatePem, const QByteArray &keyPem)
{
    const X509Ptr cert = readCertificate(certificatePem);
    const KeyPtr key = readKey(keyPem);
    ERR_clear_error();
    if (!cert)
        return Tr::tr("the certificate is not PEM");
    if (!key)
        return Tr::tr("the private key is not PEM");
    if (X509_check_private_key(cert.get(), key.get()) != 1) {
        ERR_clear_error();
        return Tr::tr("the private key does not belong to the certificate");
    }
    std::time_t tomorrow = std::time(nullptr) + Day;
    if (X509_cmp_time(X509_get0_notAfter(cert.get()), &tomorrow) <= 0)
        return Tr::tr("the certificate expires within a day");
    std::time_t now = std::time(nullptr);
    if (X509_cmp_time(X509_get0_notBefore(cert.get()), &now) >= 0)
        return Tr::tr("the certificate is not valid yet");
    if (X509_check_ip_asc(cert.get(), "127.0.0.1", 0) != 1
        || X509_check_host(cert.get(), "localhost", 0, 0, nullptr) != 1)
        return Tr::tr("the certificate does not name 127.0.0.1 and localhost");
    // Earlier versions made a CA certificate: whoever holds its key could sign for any name, and
    // trusting it (curl --cacert, --ca-file) trusted those too.
    if (X509_check_ca(cert.get()) != 0
        || X509_check_purpose(cert.get(), X509_PURPOSE_SSL_SERVER, 0) != 1) {
        ERR_clear_error();
        return Tr::tr("the certificate is not a server certificate");
    }
    return {};
}

// Why the stored key cannot be secret any more (others could read it); empty when it can be.
QString exposedBecause(const QString &keyPath)
{
    struct stat st = {};
    if (::stat(QFile::encodeName(keyPath).constData(), &st) != 0)
        return {};
    if ((st.st_mode & 0077) != 0)
        return Tr::tr("%1 could be read by other users (mode %2)")
            .arg(keyPath, QString::number(st.st_mode & 07777, 8).rightJustified(4, u'0'));
    if (st.st_uid != ::geteuid())
        return Tr::tr("%1 belongs to another user").arg(keyPath);
    return {};
}

QByteArray readSmallFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly) || file.size() > 64 * 1024)
        return {};
    return file.readAll();
}

// Written to a temporary file created with `mode` and renamed over `path`: the key is never
// readable by others, not even for a moment, and a crash leaves the old file or the new one.
bool writePrivately(const QString &path, const QByteArray &data, mode_t mode, QString *error)
{
    const QByteArray target = QFile::encodeName(path);
    const QByteArray temporary = target + ".tmp";
    ::unlink(temporary.constData());
    const int fd = ::open(temporary.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
    if (fd < 0) {
        *error = Tr::tr("cannot write %1: %2").arg(path, QString::fromLocal8Bit(strerror(errno)));
        return false;
    }
    qsizetype written = 0;
    while (written < data.size()) {
        const ssize_t n = ::write(fd, data.constData() + written, size_t(data.size() - written));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        written += n;
    }
    const bool ok = written == data.size() && ::fsync(fd) == 0;
    const int savedErrno = errno;
    ::close(fd);
    if (!ok || ::rename(temporary.constData(), target.constData()) != 0) {
        *error = Tr::tr("cannot write %1: %2")
                     .arg(path, QString::fromLocal8Bit(strerror(ok ? errno : savedErrno)));
        ::unlink(temporary.constData());
        return false;
    }
    return true;
}
} // namespace

QStringList loopbackHosts()
{
    return {QStringLiteral("127.0.0.1"), QStringLiteral("::1"), QStringLiteral("localhost")};
}

TlsCredentials generateSelfSigned(const QStringList &hosts, qint64 notBeforeSecs,
                                  qint64 notAfterSecs, QString *error)
{
    ERR_clear_error();
    if (hosts.isEmpty()) {
        *error = Tr::tr("a certificate needs at least one host name");
        return {};
    }
    KeyPtr key(EVP_EC_gen("P-256"));
    X509Ptr cert(X509_new());
    if (!key || !cert) {
        *error = openSslError();
        return {};
    }
    X509_set_version(cert.get(), 2); // v3: extensions
    // A random serial: a browser that saw another certificate with the same issuer and serial
    // would refuse this one.
    BIGNUM *serial = BN_new();
    if (!serial || !BN_rand(serial, 63, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY)
        || !BN_to_ASN1_INTEGER(serial, X509_get_serialNumber(cert.get()))) {
        BN_free(serial);
        *error = openSslError();
        return {};
    }
    BN_free(serial);
    X509_gmtime_adj(X509_getm_notBefore(cert.get()), long(notBeforeSecs));
    X509_gmtime_adj(X509_getm_notAfter(cert.get()), long(notAfterSecs));
    X509_set_pubkey(cert.get(), key.get());

    X509_NAME *name = X509_get_subject_name(cert.get());
    const QByteArray commonName = hosts.constFirst().toUtf8();
    X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char *>("Coroscope test server"), -1,
                               -1, 0);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                               reinterpret_cast<const unsigned char *>(commonName.constData()), -1,
                               -1, 0);
    X509_set_issuer_name(cert.get(), name);

    QByteArray altNames;
    for (const QString &host : hosts) {
        if (!altNames.isEmpty())
            altNames += ',';
        altNames += QHostAddress(host).isNull() ? "DNS:" : "IP:";
        altNames += host.toUtf8();
    }
    // A self-signed leaf, not a CA: trusting it (--ca-file, curl --cacert) trusts this one
    // certificate, for the names in its subjectAltName (clients check the host against those
    // only) and for TLS servers only. OpenSSL accepts it as its own trust anchor.
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, cert.get(), cert.get(), nullptr, nullptr, 0);
    if (!addExtension(cert.get(), &ctx, NID_subject_key_identifier, "hash")
        || !addExtension(cert.get(), &ctx, NID_authority_key_identifier, "keyid:always")
        || !addExtension(cert.get(), &ctx, NID_basic_constraints, "critical,CA:FALSE")
        || !addExtension(cert.get(), &ctx, NID_key_usage, "critical,digitalSignature")
        || !addExtension(cert.get(), &ctx, NID_ext_key_usage, "serverAuth")
        || !addExtension(cert.get(), &ctx, NID_subject_alt_name, altNames)
        || X509_sign(cert.get(), key.get(), EVP_sha256()) <= 0) {
        *error = openSslError();
        return {};
    }

    BioPtr certBio(BIO_new(BIO_s_mem()));
    BioPtr keyBio(BIO_new(BIO_s_mem()));
    if (!certBio || !keyBio || PEM_write_bio_X509(certBio.get(), cert.get()) != 1
        || PEM_write_bio_PrivateKey(keyBio.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr)
            != 1) {
        *error = openSslError();
        return {};
    }
    TlsCredentials credentials;
    credentials.certificatePem = bioBytes(certBio.get());
    credentials.privateKeyPem = bioBytes(keyBio.get());
    return credentials;
}

TlsCredentials loadOrCreateServerCredentials(const QString &directory, QString *error,
                                             QString *warning, QString *notice)
{
    const QString certPath = directory + QStringLiteral("/server.crt");
    const QString keyPath = directory + QStringLiteral("/server.key");
    TlsCredentials stored;
    stored.certificatePem = readSmallFile(certPath);
    stored.privateKeyPem = readSmallFile(keyPath);
    if (!stored.isNull()
        && unusableBecause(stored.certificatePem, stored.privateKeyPem).isEmpty()) {
        // Making the file private now would not make the key secret again: replaced.
        const QString exposed = exposedBecause(keyPath);
        if (exposed.isEmpty()) {
            stored.certificatePath = certPath;
            return stored;
        }
        if (notice)
            *notice = Tr::tr("%1: a new key and certificate were made").arg(exposed);
    }

    TlsCredentials fresh
        = generateSelfSigned(loopbackHosts(), -3600, ServerValidityDays * Day, error);
    if (fresh.isNull())
        return {};
    QString storeError;
    // The directory is private too: the key's name and age are nobody else's business.
    if (!QDir().mkpath(directory) || ::chmod(QFile::encodeName(directory).constData(), 0700) != 0)
        storeError = Tr::tr("cannot create %1").arg(directory);
    else if (writePrivately(keyPath, fresh.privateKeyPem, 0600, &storeError)
             && writePrivately(certPath, fresh.certificatePem, 0644, &storeError))
        fresh.certificatePath = certPath;
    if (!storeError.isEmpty() && warning)
        *warning = storeError;
    return fresh;
}

QString defaultCredentialsDirectory()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
        + QStringLiteral("/tls");
}

} // namespace Coroscope
