#include "fetchworker.h"

#include <QCoreApplication>
#include <QLocale>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSslError>
#include <QTimer>

#include "deadlines.h"
#include "reaper.h"
#include "trace/serverreport.h"
#include "trace/text.h"

#include <algorithm>
#include <climits>
#include <limits>
#include <optional>

#include <memory>

#include <zlib.h>

namespace Coroscope {

struct BodyCount::Inflater
{
    z_stream stream{};
    bool started = false;
    bool raw = false; // "deflate" sent without its zlib wrapper, as some servers do
    bool failed = false;
    bool ended = false; // the stream's end was reached
    qint64 decoded = 0;
    QByteArray pending; // the first bytes, kept until a raw-deflate retry is ruled out

    ~Inflater()
    {
        if (started)
            inflateEnd(&stream);
    }
    bool start(bool asRaw)
    {
        if (started)
            inflateEnd(&stream);
        stream = z_stream{};
        raw = asRaw;
        // 15 + 32: gzip or zlib, told apart by their headers; -15: raw deflate.
        started = inflateInit2(&stream, raw ? -15 : 15 + 32) == Z_OK;
        failed = !started;
        decoded = 0;
        return started;
    }
    // Inflates into a scratch buffer to count: false on damaged data.
    bool run(const char *data, qsizetype size)
    {
        thread_local char scratch[64 * 1024];
        stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data));
        stream.avail_in = uInt(size);
        while (!ended && (stream.avail_in > 0)) {
            stream.next_out = reinterpret_cast<Bytef *>(scratch);
            stream.avail_out = sizeof scratch;
            const int rc = inflate(&stream, Z_NO_FLUSH);
            decoded += qint64(sizeof scratch - stream.avail_out);
            if (rc == Z_STREAM_END) {
                ended = true;
            } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
                return false;
            } else if (rc == Z_BUF_ERROR && stream.avail_out != 0) {
                break; // needs more input
            }
            if (decoded > MaxDecodedBytes)
                return false;
        }
        return true;
    }
};

BodyCount::BodyCount() = default;
BodyCount::~BodyCount() = default;

void BodyCount::setEncoding(const QByteArray &contentEncoding)
{
    if (m_encodingSet)
        return;
    m_encodingSet = true;
    m_encoding = contentEncoding.trimmed().toLower().left(64);
    // Only one layer of what requests ask for (gzip, deflate); anything else is not decoded.
    if (m_encoding == "gzip" || m_encoding == "x-gzip" || m_encoding == "deflate") {
        m_inflater = std::make_unique<Inflater>();
        m_inflater->start(false);
    }
}

bool BodyCount::decoding() const
{
    return m_inflater && !m_inflater->failed;
}

void BodyCount::feed(const char *data, qsizetype size)
{
    if (!decoding() || size <= 0)
        return;
    Inflater &in = *m_inflater;
    if (in.ended) {
        in.failed = true; // bytes after the stream's end: not one encoded body
        return;
    }
    const bool firstBytes = !in.raw && in.decoded == 0 && in.pending.size() < 64;
    if (firstBytes)
        in.pending.append(data, std::min<qsizetype>(size, 64 - in.pending.size()));
    if (in.run(data, size))
        return;
    // "deflate" without the zlib header it should have: start again as raw deflate.
    if (!in.raw && m_encoding == "deflate" && in.decoded == 0 && in.pending.size() == bytes
        && in.pending.size() <= 64) {
        const QByteArray again = in.pending;
        if (in.start(true) && in.run(again.constData(), again.size()))
            return;
    }
    in.failed = true;
}

qint64 BodyCount::decodedBytes() const
{
    if (!decoding() || !m_inflater->ended)
        return -1;
    return m_inflater->decoded;
}

void countBody(QNetworkReply *reply, BodyCount *count, qint64 maxBytes)
{
    // A bounded read buffer keeps memory flat even when the loop is slow to drain it.
    reply->setReadBufferSize(256 * 1024);
    QObject::connect(reply, &QIODevice::readyRead, reply, [reply, count, maxBytes]() {
        count->setEncoding(reply->rawHeader("Content-Encoding"));
        if (count->decoding()) {
            thread_local char buffer[64 * 1024];
            qint64 n = 0;
            while ((n = reply->read(buffer, sizeof buffer)) > 0) {
                count->bytes += n;
                count->feed(buffer, qsizetype(n));
            }
        } else {
            count->bytes += reply->skip(reply->bytesAvailable());
        }
        if (maxBytes > 0 && count->bytes > maxBytes)
            failReply(reply,
                      QCoreApplication::translate("Coroscope", "body larger than %1 bytes")
                          .arg(QLocale().toString(maxBytes)));
    });
}

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Coroscope)
};

const char TimedOutProperty[] = "coroscopeTimedOut";
// Set by a check of ours that aborted the reply (too large a body, ...): the error to report.
const char FailureProperty[] = "coroscopeFailure";
// Set when Stop aborted the reply.
const char CancelledProperty[] = "coroscopeCancelled";
// The certificate's problems in plain words (QStringList), when Qt refused it.
const char CertificateProperty[] = "coroscopeCertificateErrors";

// Whatever ended a reply first is why it ended: Qt may report the abort as another error
// (a decompression cut short says "Decompression failed"), so our marks are read first.
bool markFirst(QNetworkReply *reply, const char *property, const QVariant &value)
{
    if (reply->isFinished() || reply->property(TimedOutProperty).isValid()
        || reply->property(FailureProperty).isValid()
        || reply->property(CancelledProperty).isValid())
        return false;
    reply->setProperty(property, value);
    return true;
}
} // namespace

void cancelReply(QNetworkReply *reply)
{
    if (markFirst(reply, CancelledProperty, true))
        reply->abort();
}

QSslConfiguration tlsConfiguration(const QList<QSslCertificate> &trusted, bool insecure)
{
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    if (insecure) {
        // Qt then reports no certificate error at all: nothing is checked.
        tls.setPeerVerifyMode(QSslSocket::VerifyNone);
    } else if (!trusted.isEmpty()) {
        // Adding to the default would turn off Qt's loading of the system's roots on demand:
        // the system's are named explicitly so that real sites stay trusted.
        tls.setCaCertificates(QSslConfiguration::systemCaCertificates() + trusted);
    }
    return tls;
}

QString describeCertificateError(const QSslError &error)
{
    const QSslCertificate cert = error.certificate();
    switch (error.error()) {
    case QSslError::SelfSignedCertificate:
        return Tr::tr("certificate is self-signed");
    case QSslError::SelfSignedCertificateInChain:
        return Tr::tr("certificate chain ends in an untrusted self-signed certificate");
    case QSslError::HostNameMismatch: {
        QStringList names;
        const auto alternatives = cert.subjectAlternativeNames();
        for (auto it = alternatives.cbegin(); it != alternatives.cend() && names.size() < 4; ++it)
            names.append(it.value());
        if (names.isEmpty())
            names = cert.subjectInfo(QSslCertificate::CommonName);
        if (names.isEmpty())
            return Tr::tr("host name mismatch");
        return Tr::tr("host name mismatch (the certificate is for %1)")
            .arg(printableText(names.join(QStringLiteral(", ")), 200));
    }
    case QSslError::CertificateExpired:
        return Tr::tr("certificate has expired (on %1)")
            .arg(cert.expiryDate().toUTC().toString(Qt::ISODate));
    case QSslError::CertificateNotYetValid:
        return Tr::tr("certificate is not valid yet (from %1)")
            .arg(cert.effectiveDate().toUTC().toString(Qt::ISODate));
    case QSslError::UnableToGetLocalIssuerCertificate:
    case QSslError::UnableToGetIssuerCertificate:
    case QSslError::UnableToVerifyFirstCertificate:
        return Tr::tr("certificate is signed by an unknown authority");
    case QSslError::CertificateUntrusted:
    case QSslError::CertificateRejected:
        return Tr::tr("certificate is not trusted");
    case QSslError::CertificateRevoked:
        return Tr::tr("certificate has been revoked");
    case QSslError::NoPeerCertificate:
        return Tr::tr("the server sent no certificate");
    default:
        return printableText(error.errorString(), 200);
    }
}

void watchCertificateErrors(QNetworkReply *reply)
{
    QObject::connect(reply, &QNetworkReply::sslErrors, reply,
                     [reply](const QList<QSslError> &errors) {
                         QStringList reasons;
                         for (const QSslError &error : errors) {
                             const QString reason = describeCertificateError(error);
                             if (!reasons.contains(reason))
                                 reasons.append(reason);
                         }
                         reply->setProperty(CertificateProperty, reasons);
                     });
}

QNetworkRequest makeRequest(const QUrl &url, const QSslConfiguration &tls)
{
    QNetworkRequest request(url);
    if (!tls.isNull() && url.scheme() == u"https")
        request.setSslConfiguration(tls);
    // Asking for compression ourselves (what browsers ask for) tells Qt not to inflate bodies:
    // Coroscope counts bodies, never reads them, so it counts what crossed the wire. That also
    // makes Content-Length checkable, and leaves nothing to inflate in a decompression bomb:
    // measured with a 1 GiB body of zeros (1 MB of gzip), Qt 6.4's inflating path with a
    // bounded read buffer stalled for good using no CPU, and its archive-bomb check never fired.
    request.setRawHeader("Accept-Encoding", "gzip, deflate");
    // Redirects are followed by RedirectChain, one visible request per hop (fetchworker.h).
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    return request;
} // namespace

void failReply(QNetworkReply *reply, const QString &why)
{
    if (markFirst(reply, FailureProperty, why))
        reply->abort();
}

void timeOutReply(QNetworkReply *reply)
{
    if (markFirst(reply, TimedOutProperty, true))
        reply->abort();
}

namespace {
// What the body should have been, from the headers Qt saw; an empty string when it is sound.
// `expected` is set when a Content-Length applies to the bytes we count.
QString framingProblem(QNetworkReply *reply, int status, qint64 *expected)
{
    *expected = -1;
    const bool hasLength = reply->hasRawHeader("Content-Length");
    const QByteArray transfer = reply->rawHeader("Transfer-Encoding").trimmed().toLower();
    if (!hasLength)
        return {};
    // Qt joins repeated headers with ", ": "5, 7" is two headers that disagree.
    const QList<QByteArray> values = reply->rawHeader("Content-Length").split(',');
    std::optional<qint64> length;
    for (const QByteArray &value : values) {
        const auto n = parseHeaderNumber(value, std::numeric_limits<qint64>::max() / 2);
        if (!n)
            return Tr::tr("invalid Content-Length header \"%1\"")
                .arg(printableText(QString::fromLatin1(value.trimmed()), 40));
        if (length && *length != *n)
            return Tr::tr("conflicting Content-Length headers (%1 and %2)").arg(*length).arg(*n);
        length = n;
    }
    if (!transfer.isEmpty() && transfer != "identity")
        return Tr::tr("both Content-Length and Transfer-Encoding: %1 (the body length is "
                      "ambiguous)")
            .arg(printableText(QString::fromLatin1(transfer), 40));
    const bool noBody = reply->operation() == QNetworkAccessManager::HeadOperation || status == 204
        || status == 304 || (status >= 100 && status < 200);
    // Bodies are never inflated (makeRequest()): the length and our count are both wire bytes.
    if (!noBody)
        *expected = *length;
    return {};
}

// Qt's error text for a reply, printable, passwords redacted, never an empty reason.
QString describeNetworkError(QNetworkReply *reply)
{
    QString text = reply->errorString();
    // Qt leaves some causes out ("Decompression failed: "): say what is known instead.
    if (text.endsWith(QLatin1String(": ")) || text.trimmed().isEmpty())
        text = text.trimmed()
            + Tr::tr(" (no reason given by Qt, error %1)").arg(int(reply->error()));
    return printableText(redactPasswords(text));
}

QString bytesText(qint64 n)
{
    return QLocale().toString(n);
}

// Printable UTF-8 of at most `maxBytes` bytes, cut at a character boundary. HTTP header bytes
// are Latin-1 to Qt as well.
QByteArray boundedText(const QByteArray &raw, qsizetype maxBytes)
{
    if (maxBytes <= 0)
        return {};
    QByteArray utf8 = printableText(QString::fromLatin1(raw), maxBytes).toUtf8();
    if (utf8.size() > maxBytes) {
        qsizetype n = maxBytes;
        while (n > 0 && (static_cast<unsigned char>(utf8.at(n)) & 0xC0) == 0x80)
            --n; // utf8[n] starts the first character left out
        utf8.truncate(n);
    }
    return utf8;
}
} // namespace

namespace {
// The same text for most tasks (the request's headers, "OK", "application/json"): shared with
// the previous task's copy instead of kept 100,000 times. Per thread (replies finish on several)
// and per field (`Field`).
template<int Field, typename Text> Text shared(const Text &text)
{
    thread_local Text last;
    if (text != last)
        last = text;
    return last;
}
} // namespace

QByteArray boundedHeaderLines(const QList<std::pair<QByteArray, QByteArray>> &headers,
                              int maxHeaders, int maxBytes)
{
    QByteArray lines;
    const qsizetype count = std::min<qsizetype>(headers.size(), std::max(maxHeaders, 0));
    for (qsizetype i = 0; i < count; ++i) {
        const QByteArray name = boundedText(headers.at(i).first, maxBytes);
        lines += name;
        lines += ": ";
        lines += boundedText(headers.at(i).second, maxBytes - name.size());
        lines += '\n';
    }
    lines.squeeze();
    return lines;
}

TaskInfo fetchResultOf(QNetworkReply *reply, BodyCount &body, bool cancelled)
{
    const bool timedOut = reply->property(TimedOutProperty).toBool();
    TaskInfo r;
    if (reply->isOpen() && reply->bytesAvailable() > 0) {
        body.setEncoding(reply->rawHeader("Content-Encoding"));
        if (body.decoding()) {
            const QByteArray rest = reply->readAll();
            body.bytes += rest.size();
            body.feed(rest.constData(), rest.size());
        } else {
            body.bytes += reply->skip(reply->bytesAvailable());
        }
    }
    const qint64 bytes = body.bytes;
    r.bytes = bytes;
    r.httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const ServerReport report = parseServerReport(reply->rawHeader(ServerReportHeader));
    r.serverQueuedMs = report.queuedMs;
    r.serverActive = report.active;
    r.serverCapacity = report.capacity;
    r.serverConnectionRequest = report.connectionRequest;
    r.serverTlsHandshakeUs = report.tlsHandshakeUs;
    const auto error = reply->error();
    const QString reason = printableText(
        reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString(), 100);
    // What HAR shows of the exchange, whatever the result. Qt keeps the request as we made it:
    // the headers it adds itself (Host, Connection, Accept-Language, User-Agent) are not there.
    {
        const QNetworkRequest request = reply->request();
        QList<std::pair<QByteArray, QByteArray>> sent;
        for (const QByteArray &name : request.rawHeaderList())
            sent.append({name, request.rawHeader(name)});
        r.requestHeaders = shared<0>(boundedHeaderLines(sent));
    }
    if (r.httpStatus > 0) {
        r.statusText = shared<1>(reason);
        r.httpVersion = reply->attribute(QNetworkRequest::Http2WasUsedAttribute).toBool() ? 2 : 1;
        r.responseHeaders = boundedHeaderLines(reply->rawHeaderPairs());
        r.mimeType = shared<2>(boundedText(reply->rawHeader("Content-Type"), 200));
        r.contentEncoding
            = shared<3>(boundedText(reply->rawHeader("Content-Encoding").trimmed(), 64));
        // Only a whole body has a decoded size.
        if (error == QNetworkReply::NoError)
            r.decodedBytes = body.decodedBytes();
    }

    // Why the task ended decides its result: a Stop or a timeout wins over what they cut short.
    if (error != QNetworkReply::NoError && timedOut) {
        r.result = TaskResult::Timeout;
        r.error = Tr::tr("timed out");
        return r;
    }
    if (error != QNetworkReply::NoError
        && (reply->property(CancelledProperty).isValid()
            || (error == QNetworkReply::OperationCanceledError && cancelled))) {
        r.result = TaskResult::Cancelled;
        r.error = Tr::tr("cancelled");
        return r;
    }
    if (reply->property(FailureProperty).isValid()) {
        r.result = TaskResult::Error;
        r.error = reply->property(FailureProperty).toString();
        return r;
    }

    r.result = TaskResult::Error;
    const bool gotResponse = r.httpStatus > 0;
    if (gotResponse && (r.httpStatus < 200 || r.httpStatus > 599)) {
        r.error = r.httpStatus < 200
            ? Tr::tr("the reply ended at an interim response (HTTP %1): Qt 6.4 does not read a "
                     "final response after it")
                  .arg(r.httpStatus)
            : Tr::tr("invalid HTTP status %1").arg(r.httpStatus);
        return r;
    }
    qint64 expected = -1;
    const QString framing
        = gotResponse ? framingProblem(reply, r.httpStatus, &expected) : QString();
    if (!framing.isEmpty()) {
        r.error = framing;
        return r;
    }
    if (expected >= 0 && bytes < expected
        && (error == QNetworkReply::NoError || error == QNetworkReply::RemoteHostClosedError
            || r.httpStatus >= 400)) {
        r.error
            = Tr::tr("body ended after %1 of %2 bytes").arg(bytesText(bytes), bytesText(expected));
        return r;
    }
    if (error == QNetworkReply::NoError) {
        r.result = TaskResult::Ok;
        return r;
    }
    if (const QStringList reasons = reply->property(CertificateProperty).toStringList();
        !reasons.isEmpty() && !gotResponse) {
        r.error = Tr::tr("TLS: %1").arg(reasons.join(QStringLiteral("; ")));
        return r;
    }
    // OpenSSL's words for a server that answered a hello with something else, e.g. plain HTTP.
    if (error == QNetworkReply::SslHandshakeFailedError
        && reply->errorString().contains(QLatin1String("wrong version number"))) {
        r.error = Tr::tr("TLS handshake failed: the server did not answer in TLS (is it an "
                         "http:// port?)");
        return r;
    }
    if (gotResponse && r.httpStatus >= 400) {
        // Qt's text quotes the whole URL; the status line says the same, shorter.
        r.error = reason.isEmpty() ? Tr::tr("HTTP %1").arg(r.httpStatus)
                                   : Tr::tr("HTTP %1 %2").arg(r.httpStatus).arg(reason);
        return r;
    }
    if (error == QNetworkReply::RemoteHostClosedError && gotResponse)
        r.error = Tr::tr("the connection closed before the body ended (%1 bytes received)")
                      .arg(bytesText(bytes));
    else
        r.error = describeNetworkError(reply);
    return r;
}

QUrl redirectLocation(QNetworkReply *reply)
{
    if (!reply->hasRawHeader("Location"))
        return {};
    // Latin-1 as the header arrived; a relative reference resolves against the request's URL.
    const QUrl location(QString::fromLatin1(reply->rawHeader("Location").trimmed()),
                        QUrl::TolerantMode);
    if (!location.isValid() || location.isEmpty())
        return {};
    return reply->url().resolved(location);
}

RedirectChain::RedirectChain(const QUrl &first)
    : m_current(first)
{
    m_visited.insert(first.adjusted(QUrl::RemoveFragment));
}

QString RedirectChain::awaitLabel(int status, const QUrl &from, const QUrl &to)
{
    const bool sameOrigin
        = from.scheme() == to.scheme() && from.host() == to.host() && from.port(-1) == to.port(-1);
    QString target = sameOrigin
        ? to.toString(QUrl::RemoveScheme | QUrl::RemoveAuthority | QUrl::RemoveFragment
                      | QUrl::FullyEncoded)
        : redactPasswords(to.toString(QUrl::RemoveFragment | QUrl::FullyEncoded));
    if (target.isEmpty())
        target = QStringLiteral("/");
    if (target.size() > 60)
        target = target.left(59) + QChar(0x2026);
    return QStringLiteral("await reply (%1 \u2192 %2)").arg(status).arg(printableText(target, 80));
}

bool RedirectChain::follow(QNetworkReply *reply, TaskInfo *result)
{
    const int status = result->httpStatus;
    if (result->result != TaskResult::Ok
        || (status != 301 && status != 302 && status != 303 && status != 307 && status != 308)
        || !reply->hasRawHeader("Location"))
        return false; // the answer itself (a 300 or 304 is not followed, as browsers do)
    const QUrl target = redirectLocation(reply);
    const QString shown = printableText(
        redactPasswords(target.isValid() ? target.toString()
                                         : QString::fromLatin1(reply->rawHeader("Location"))),
        200);
    auto refuse = [result](const QString &why) {
        result->result = TaskResult::Error;
        result->error = why;
        return false;
    };
    if (!target.isValid())
        return refuse(
            Tr::tr("HTTP %1 redirects to \"%2\", which is not a valid URL").arg(status).arg(shown));
    const QString scheme = target.scheme().toLower();
    if (scheme != u"http" && scheme != u"https")
        return refuse(Tr::tr("HTTP %1 redirects to %2: only http and https URLs are followed")
                          .arg(status)
                          .arg(shown));
    if (m_current.scheme().toLower() == u"https" && scheme == u"http")
        return refuse(Tr::tr("HTTP %1 redirects from https to %2: a less safe redirect is not "
                             "followed")
                          .arg(status)
                          .arg(shown));
    const QUrl key = target.adjusted(QUrl::RemoveFragment);
    if (m_visited.contains(key))
        return refuse(Tr::tr("redirect loop: request %1 was redirected (HTTP %2) back to %3, "
                             "which this task had already requested")
                          .arg(m_hops.size() + 1)
                          .arg(status)
                          .arg(shown));
    if (m_hops.size() >= MaxHops)
        return refuse(Tr::tr("too many redirects: %1 requests redirected, the limit is %2 "
                             "(HTTP %3 to %4 not followed)")
                          .arg(m_hops.size() + 1)
                          .arg(MaxHops)
                          .arg(status)
                          .arg(shown));
    RedirectHop hop;
    hop.httpStatus = status;
    hop.httpVersion = result->httpVersion;
    hop.bytes = result->bytes;
    hop.serverQueuedMs = result->serverQueuedMs;
    hop.serverActive = result->serverActive;
    hop.serverCapacity = result->serverCapacity;
    hop.serverConnectionRequest = result->serverConnectionRequest;
    hop.serverTlsHandshakeUs = result->serverTlsHandshakeUs;
    hop.location = printableText(redactPasswords(target.toString()), 2000);
    hop.statusText = result->statusText;
    hop.mimeType = result->mimeType;
    hop.responseHeaders = result->responseHeaders;
    m_hops.append(hop);
    m_visited.insert(key);
    m_current = target;
    return true;
}

TaskInfo RedirectChain::finish(TaskInfo result) const
{
    result.redirects = m_hops;
    return result;
}

FetchWorker::FetchWorker(QObject *parent)
    : QObject(parent)
    , m_manager(new QNetworkAccessManager(this)) // a child: it moves with the worker
    , m_deadlines(new Deadlines(this))
{
    m_manager->setAutoDeleteReplies(false);
}

FetchWorker::~FetchWorker()
{
    abortAll();
    m_manager->setParent(nullptr);
    retireManager(m_manager);
}

void FetchWorker::fetch(const QUrl &url, const RequestLimits &limits, Done done)
{
    fetchHop(std::make_shared<RedirectChain>(url), limits, std::move(done));
}

void FetchWorker::fetchHop(std::shared_ptr<RedirectChain> chain, const RequestLimits &limits,
                           Done done)
{
    QNetworkReply *reply = m_manager->get(makeRequest(chain->current(), limits.tls));
    watchCertificateErrors(reply);
    m_inFlight.append(reply);
    // Shared by the body counter and the finished handler; freed with their connections when
    // the reply is deleted, even if this worker goes first.
    auto body = std::make_shared<BodyCount>();
    countBody(reply, body.get(), limits.maxBodyBytes);
    m_deadlines->arm(reply, limits.timeoutMs);
    connect(
        reply, &QNetworkReply::finished, this,
        [this, reply, body, done, chain, limits]() {
            m_inFlight.removeOne(reply);
            TaskInfo result = fetchResultOf(reply, *body, m_cancelled);
            bool again = chain->follow(reply, &result);
            reply->disconnect();
            reply->deleteLater();
            if (again && m_cancelled) {
                // Stopped between two hops: the next request is never made.
                result = TaskInfo{};
                result.result = TaskResult::Cancelled;
                result.error = Tr::tr("cancelled");
                again = false;
            }
            if (again)
                fetchHop(chain, limits, done); // the same blocking call goes on
            else
                done(chain->finish(result));
        },
        Qt::QueuedConnection);
}

void FetchWorker::abortAll()
{
    m_cancelled = true;
    const auto inFlight = m_inFlight;
    for (QNetworkReply *reply : inFlight)
        cancelReply(reply);
}

} // namespace Coroscope
