#include "tlstransport.h"

#include <QCoreApplication>

#include <cerrno>
#include <cstring>

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>

namespace Coroscope {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Coroscope)
};

QString takeOpenSslError()
{
    const unsigned long code = ERR_get_error();
    ERR_clear_error();
    if (code == 0)
        return {};
    char text[256] = {};
    ERR_error_string_n(code, text, sizeof text);
    return QString::fromLatin1(text);
}

// HTTP/1.1 only: Qt offers h2 by ALPN over TLS, and this server speaks HTTP/1.1. Answering
// "http/1.1" (rather than nothing) tells every client so.
int selectAlpn(SSL *, const unsigned char **out, unsigned char *outlen, const unsigned char *in,
               unsigned int inlen, void *)
{
    static const unsigned char http11[] = {8, 'h', 't', 't', 'p', '/', '1', '.', '1'};
    unsigned char *selected = nullptr;
    if (SSL_select_next_proto(&selected, outlen, http11, sizeof http11, in, inlen)
        != OPENSSL_NPN_NEGOTIATED)
        return SSL_TLSEXT_ERR_NOACK;
    *out = selected;
    return SSL_TLSEXT_ERR_OK;
}
} // namespace

std::unique_ptr<TlsContext> TlsContext::create(const QByteArray &certificatePem,
                                               const QByteArray &privateKeyPem, QString *error)
{
    ERR_clear_error();
    SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());
    if (!ctx) {
        *error = takeOpenSslError();
        return nullptr;
    }
    std::unique_ptr<TlsContext> context(new TlsContext(ctx));
    SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
    // No renegotiation (a client could make the server do handshakes without end), and an EOF
    // without close_notify is an ordinary end: HTTP/1.1 framing says where bodies end.
    SSL_CTX_set_options(ctx,
                        SSL_OP_NO_RENEGOTIATION | SSL_OP_IGNORE_UNEXPECTED_EOF
                            | SSL_OP_CIPHER_SERVER_PREFERENCE);
    // Partial writes like send(); the output buffer may move between retries (it grows while a
    // /drip waits for the socket); idle connections give their buffers back (10,000 of them).
    SSL_CTX_set_mode(ctx,
                     SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER
                         | SSL_MODE_RELEASE_BUFFERS);
    SSL_CTX_set_alpn_select_cb(ctx, selectAlpn, nullptr);

    auto fail = [error](const QString &what) {
        const QString detail = takeOpenSslError();
        *error = detail.isEmpty() ? what : what + QStringLiteral(": ") + detail;
        return nullptr;
    };
    BIO *certBio = BIO_new_mem_buf(certificatePem.constData(), int(certificatePem.size()));
    X509 *cert = certBio ? PEM_read_bio_X509(certBio, nullptr, nullptr, nullptr) : nullptr;
    if (!cert || SSL_CTX_use_certificate(ctx, cert) != 1) {
        X509_free(cert);
        BIO_free(certBio);
        return fail(Tr::tr("the server certificate is not a PEM certificate"));
    }
    X509_free(cert);
    // The rest of the file is the chain, sent along so clients can reach their trusted root.
    while (X509 *extra = PEM_read_bio_X509(certBio, nullptr, nullptr, nullptr)) {
        if (SSL_CTX_add0_chain_cert(ctx, extra) != 1) {
            X509_free(extra);
            break;
        }
    }
    ERR_clear_error(); // the end of the PEM data reads as an error
    BIO_free(certBio);

    BIO *keyBio = BIO_new_mem_buf(privateKeyPem.constData(), int(privateKeyPem.size()));
    EVP_PKEY *key = keyBio ? PEM_read_bio_PrivateKey(keyBio, nullptr, nullptr, nullptr) : nullptr;
    BIO_free(keyBio);
    if (!key || SSL_CTX_use_PrivateKey(ctx, key) != 1) {
        EVP_PKEY_free(key);
        return fail(Tr::tr("the server's private key is not a PEM key"));
    }
    EVP_PKEY_free(key);
    if (SSL_CTX_check_private_key(ctx) != 1)
        return fail(Tr::tr("the private key does not belong to the server certificate"));
    return context;
}

TlsContext::~TlsContext()
{
    SSL_CTX_free(m_ctx);
}

TlsSession::TlsSession(const TlsContext &context, int fd)
    : m_ssl(SSL_new(context.handle()))
{
    if (m_ssl) {
        SSL_set_fd(m_ssl, fd);
        SSL_set_accept_state(m_ssl);
    }
}

TlsSession::~TlsSession()
{
    SSL_free(m_ssl);
}

TlsSession::Status TlsSession::classify(int result)
{
    const int code = SSL_get_error(m_ssl, result);
    switch (code) {
    case SSL_ERROR_WANT_READ:
        return Status::WantRead;
    case SSL_ERROR_WANT_WRITE:
        return Status::WantWrite;
    case SSL_ERROR_ZERO_RETURN:
        return Status::Eof;
    case SSL_ERROR_SYSCALL:
        if (errno == EINTR || errno == EAGAIN)
            return Status::WantRead;
        m_lastError = errno ? QString::fromLocal8Bit(std::strerror(errno))
                            : Tr::tr("the client closed the connection");
        ERR_clear_error();
        return errno ? Status::Failed : Status::Eof;
    default:
        break;
    }
    const unsigned long error = ERR_peek_error();
    const bool plainHttp = ERR_GET_LIB(error) == ERR_LIB_SSL
        && (ERR_GET_REASON(error) == SSL_R_HTTP_REQUEST
            || ERR_GET_REASON(error) == SSL_R_HTTPS_PROXY_REQUEST);
    m_lastError = takeOpenSslError();
    return plainHttp ? Status::PlainHttp : Status::Failed;
}

TlsSession::Status TlsSession::handshake()
{
    if (!m_ssl)
        return Status::Failed;
    ERR_clear_error();
    errno = 0;
    const int result = SSL_do_handshake(m_ssl);
    return result == 1 ? Status::Ok : classify(result);
}

TlsSession::Io TlsSession::read(char *buffer, size_t size)
{
    ERR_clear_error();
    size_t n = 0;
    errno = 0;
    const int result = SSL_read_ex(m_ssl, buffer, size, &n);
    if (result == 1)
        return {ssize_t(n), Status::Ok};
    return {0, classify(result)};
}

TlsSession::Io TlsSession::write(const char *data, size_t size)
{
    ERR_clear_error();
    size_t n = 0;
    errno = 0;
    const int result = SSL_write_ex(m_ssl, data, size, &n);
    if (result == 1)
        return {ssize_t(n), Status::Ok};
    return {0, classify(result)};
}

bool TlsSession::hasPendingInput() const
{
    return m_ssl && SSL_has_pending(m_ssl) == 1;
}

void TlsSession::closeNotify()
{
    if (!m_ssl || !SSL_is_init_finished(m_ssl))
        return;
    ERR_clear_error();
    SSL_shutdown(m_ssl); // one attempt: the socket may be full, and nobody waits for it
    ERR_clear_error();
}

} // namespace Coroscope
