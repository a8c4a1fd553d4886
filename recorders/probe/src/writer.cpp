// The writer: one thread that, every ~20 ms, drains every thread's ring, formats the events as
// csrec text lines (strings defined once, as S records, before their first use) and sends them to
// Coroscope's socket or a file. It never blocks the program: a slow reader makes the rings fill
// and the program's threads drop and count (Z records).
#include "probe_p.h"

#include <QHash>
#include <QMutex>
#include <QtGlobal>

#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <string>
#include <thread>

#ifndef COROSCOPE_PROBE_VERSION
#define COROSCOPE_PROBE_VERSION "0"
#endif

namespace Coroscope {
namespace ProbeDetail {
namespace {

constexpr std::size_t MaxUnsent = 8u << 20; // beyond this the rings fill and drop instead
constexpr std::size_t MaxText = 4096; // FORMAT.md's limit for an S text

// Strings interned by the program's threads (names, errors): content -> sid, and the S records
// the writer has not written yet.
struct Registry
{
    QMutex mutex;
    QHash<QByteArray, std::uint32_t> sids;
    std::vector<std::pair<std::uint32_t, QByteArray>> unwritten;
};
std::atomic<std::uint32_t> g_nextSid{1};

Registry &registry()
{
    static auto *r = new Registry; // never destroyed: used until the process's very end
    return *r;
}

void appendNumber(std::string &out, std::uint64_t v)
{
    char buf[24];
    auto r = std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, r.ptr);
}

void appendString(std::string &out, std::uint32_t sid, const QByteArray &text)
{
    out += "S\t";
    appendNumber(out, sid);
    out += '\t';
    const QByteArray cut
        = text.size() > qsizetype(MaxText) ? text.left(MaxText - 3) + "\xe2\x80\xa6" : text;
    for (char c : cut) {
        if (c == '\\')
            out += "\\\\";
        else if (c == '\t')
            out += "\\t";
        else if (c == '\n')
            out += "\\n";
        else if (c == '\r')
            out += ' ';
        else
            out += c;
    }
    out += '\n';
}

class Writer
{
public:
    bool open(const char *spec);
    void start();
    void finish(int status);
    void flush();
    void wake() { m_wakeup.notify_one(); }
    ProbeFigures figures();
    Ring *newRing();

private:
    void loop();
    void cycle(); // with m_cycle held
    void drain(Ring &ring, std::string &out);
    std::uint32_t internLiteral(const char *text);
    std::uint32_t internSite(const char *file, std::uint32_t line);
    std::uint32_t internContent(const QByteArray &text, std::string &out);
    bool send(int timeoutMs); // with m_cycle held
    void fail(const char *what, int error);

    int m_fd = -1;
    bool m_socket = false;
    std::string m_where;
    std::thread m_thread;
    std::mutex m_wake;
    std::condition_variable m_wakeup;
    bool m_stop = false;

    std::mutex m_ringsMutex;
    std::vector<Ring *> m_rings;
    std::atomic<std::uint64_t> m_nextLane{1};

    std::mutex m_cycle; // the writer's state below; flush() runs a cycle from any thread
    std::string m_unsent;
    std::string m_events;
    // A direct-mapped cache in front of the hashes: a program's events come from a few sites.
    struct CacheEntry
    {
        const void *key = nullptr;
        std::uint32_t line = 0;
        std::uint32_t sid = 0;
    };
    CacheEntry m_literalCache[256];
    CacheEntry m_siteCache[256];
    QHash<const void *, std::uint32_t> m_literals;
    QHash<QPair<const void *, std::uint32_t>, std::uint32_t> m_sites;
    QHash<QByteArray, std::uint32_t> m_contents; // writer-interned strings by content
    std::atomic<std::uint64_t> m_written{0};
    std::uint64_t m_retiredDropped = 0;
    std::uint64_t m_lastZ = 0;
    bool m_failed = false;
    bool m_finished = false;
};

Writer &writer()
{
    static auto *w = new Writer;
    return *w;
}

bool Writer::open(const char *spec)
{
    const std::string s(spec);
    if (s.rfind("file:", 0) == 0) {
        m_where = s.substr(5);
        m_fd = ::open(m_where.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
        if (m_fd < 0) {
            std::fprintf(stderr,
                         "coroscope-record: cannot write %s: %s; the program runs unrecorded\n",
                         m_where.c_str(), std::strerror(errno));
            return false;
        }
        return true;
    }
    if (s.rfind("unix:", 0) == 0) {
        m_where = s.substr(5);
        sockaddr_un address{};
        address.sun_family = AF_UNIX;
        if (m_where.size() >= sizeof address.sun_path) {
            std::fprintf(stderr,
                         "coroscope-record: cannot reach Coroscope at %s: path too long; the "
                         "program runs unrecorded\n",
                         m_where.c_str());
            return false;
        }
        std::memcpy(address.sun_path, m_where.c_str(), m_where.size() + 1);
        m_fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (m_fd < 0
            || ::connect(m_fd, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0) {
            std::fprintf(
                stderr,
                "coroscope-record: cannot reach Coroscope at %s: %s; the program runs unrecorded\n",
                m_where.c_str(), std::strerror(errno));
            if (m_fd >= 0)
                ::close(m_fd);
            m_fd = -1;
            return false;
        }
        m_socket = true;
        // Never blocks: a slow reader leaves text unsent here, then the rings drop and count.
        ::fcntl(m_fd, F_SETFL, ::fcntl(m_fd, F_GETFL) | O_NONBLOCK);
        return true;
    }
    std::fprintf(stderr,
                 "coroscope-record: COROSCOPE_RECORD=%s is neither unix:PATH nor file:PATH; the "
                 "program runs unrecorded\n",
                 spec);
    return false;
}

void Writer::start()
{
    const auto epochMs = std::chrono::duration_cast<std::chrono::milliseconds>(
                             std::chrono::system_clock::now().time_since_epoch())
                             .count()
        - std::int64_t(nowNs() / 1'000'000);
    std::string header = "CSREC\t1\t0\tcpp\t" COROSCOPE_PROBE_VERSION "\tQt-";
    header += qVersion();
    header += '\t';
    appendNumber(header, std::uint64_t(getpid()));
    header += '\t';
    appendNumber(header, std::uint64_t(epochMs));
    header += '\n';
    m_unsent = header;
    m_thread = std::thread([this] { loop(); });
}

Ring *Writer::newRing()
{
    auto *ring = new Ring;
    // Touched now, once, rather than page by page on the program's hot path.
    std::memset(static_cast<void *>(ring->events.get()), 0, sizeof(Event) * Ring::Capacity);
    ring->lane = m_nextLane.fetch_add(1, std::memory_order_relaxed);
    std::lock_guard lock(m_ringsMutex);
    m_rings.push_back(ring);
    return ring;
}

void Writer::loop()
{
    std::unique_lock lock(m_wake);
    while (!m_stop) {
        m_wakeup.wait_for(lock, std::chrono::milliseconds(20));
        if (m_stop)
            break;
        lock.unlock();
        {
            std::lock_guard c(m_cycle);
            cycle();
            send(0);
        }
        lock.lock();
    }
}

std::uint32_t Writer::internContent(const QByteArray &text, std::string &out)
{
    auto it = m_contents.constFind(text);
    if (it != m_contents.constEnd())
        return *it;
    const std::uint32_t sid = g_nextSid.fetch_add(1, std::memory_order_relaxed);
    m_contents.insert(text, sid);
    appendString(out, sid, text);
    m_written.fetch_add(1, std::memory_order_relaxed);
    return sid;
}

std::uint32_t Writer::internLiteral(const char *text)
{
    if (!text)
        return 0;
    CacheEntry &cached = m_literalCache[(reinterpret_cast<std::uintptr_t>(text) >> 3) & 255];
    if (cached.key == text)
        return cached.sid;
    auto it = m_literals.constFind(text);
    std::uint32_t sid;
    if (it != m_literals.constEnd()) {
        sid = *it;
    } else {
        sid = internContent(QByteArray(text), m_events);
        m_literals.insert(text, sid);
    }
    cached = CacheEntry{text, 0, sid};
    return sid;
}

std::uint32_t Writer::internSite(const char *file, std::uint32_t line)
{
    if (!file)
        return 0;
    CacheEntry &cached
        = m_siteCache[((reinterpret_cast<std::uintptr_t>(file) >> 3) ^ (line * 2654435761u)) & 255];
    if (cached.key == file && cached.line == line)
        return cached.sid;
    const QPair<const void *, std::uint32_t> key(file, line);
    auto it = m_sites.constFind(key);
    std::uint32_t sid;
    if (it != m_sites.constEnd()) {
        sid = *it;
    } else {
        sid = internContent(QByteArray(file) + ':' + QByteArray::number(line), m_events);
        m_sites.insert(key, sid);
    }
    cached = CacheEntry{file, line, sid};
    return sid;
}

void Writer::drain(Ring &ring, std::string &out)
{
    const std::uint64_t head = ring.head.load(std::memory_order_acquire);
    std::uint64_t tail = ring.tail.load(std::memory_order_relaxed);
    if (tail == head)
        return;
    if (!ring.announced) {
        const std::uint32_t name = internContent(ring.name, out);
        out += "L\t";
        appendNumber(out, ring.lane);
        out += '\t';
        appendNumber(out, name);
        out += '\n';
        m_written.fetch_add(1, std::memory_order_relaxed);
        ring.announced = true;
    }
    out.reserve(out.size() + std::size_t(head - tail) * 48);
    const std::uint64_t count = head - tail;
    for (; tail != head; ++tail) {
        const Event &e = ring.events[tail & (Ring::Capacity - 1)];
        const std::uint32_t text = e.textSid ? e.textSid : internLiteral(e.text);
        const std::uint32_t site = internSite(e.file, e.line);
        // One line formatted in place, appended once: this loop is the writer's whole cost.
        char line[256];
        char *p = line;
        auto field = [&p, &line](std::uint64_t v) {
            *p++ = '\t';
            p = std::to_chars(p, line + sizeof line, v).ptr;
        };
        auto word = [&p](const char *w) {
            while (*w)
                *p++ = *w++;
        };
        switch (e.kind) {
        case Kind::Created:
            *p++ = 'T';
            field(e.t), field(e.task), field(ring.lane), field(e.other), field(text);
            field(internLiteral(e.func)), field(site);
            break;
        case Kind::Suspended:
            *p++ = 'A';
            field(e.t), field(e.task), field(text), field(site), field(e.other);
            break;
        case Kind::Resumed:
            *p++ = 'R';
            field(e.t), field(e.task), field(ring.lane), field(e.other);
            break;
        case Kind::Ended:
            *p++ = 'D';
            field(e.t), field(e.task);
            word(e.result == Result::Ok          ? "\tok"
                     : e.result == Result::Error ? "\terror"
                                                 : "\tcancelled");
            field(text), field(site);
            break;
        case Kind::Held:
            *p++ = 'H';
            field(e.t), field(ring.lane), field(e.task), field(e.other), field(text), field(site);
            break;
        case Kind::Callback:
            *p++ = 'C';
            field(e.t), field(e.task), field(text), field(ring.lane), field(e.other);
            break;
        case Kind::Idle:
            *p++ = 'I';
            field(e.t), field(ring.lane);
            break;
        case Kind::Busy:
            *p++ = 'B';
            field(e.t), field(ring.lane);
            break;
        }
        *p++ = '\n';
        out.append(line, std::size_t(p - line));
    }
    m_written.fetch_add(count, std::memory_order_relaxed);
    ring.tail.store(tail, std::memory_order_release);
}

void Writer::cycle()
{
    if (m_failed || m_unsent.size() > MaxUnsent)
        return; // the rings fill and count their drops
    std::vector<Ring *> rings;
    {
        std::lock_guard lock(m_ringsMutex);
        rings = m_rings;
    }
    m_events.clear();
    std::vector<Ring *> retired;
    for (Ring *ring : rings) {
        const bool closed = ring->closed.load(std::memory_order_acquire);
        drain(*ring, m_events);
        if (closed)
            retired.push_back(ring);
    }
    // Strings the program's threads interned (before pushing the events that use them).
    {
        Registry &r = registry();
        QMutexLocker lock(&r.mutex);
        for (const auto &[sid, text] : r.unwritten) {
            appendString(m_unsent, sid, text);
            m_written.fetch_add(1, std::memory_order_relaxed);
        }
        r.unwritten.clear();
    }
    m_unsent += m_events;
    if (!retired.empty()) {
        std::lock_guard lock(m_ringsMutex);
        for (Ring *ring : retired) {
            m_retiredDropped += ring->dropped.load(std::memory_order_relaxed);
            m_rings.erase(std::find(m_rings.begin(), m_rings.end(), ring));
            delete ring;
        }
    }
    const std::uint64_t now = nowNs();
    if (now - m_lastZ >= 1'000'000'000u) {
        m_lastZ = now;
        const ProbeFigures f = figures();
        m_unsent += 'Z';
        m_unsent += '\t', appendNumber(m_unsent, now);
        m_unsent += '\t', appendNumber(m_unsent, f.written + 1);
        m_unsent += '\t', appendNumber(m_unsent, f.dropped);
        m_unsent += '\n';
        m_written.fetch_add(1, std::memory_order_relaxed);
    }
}

ProbeFigures Writer::figures()
{
    ProbeFigures f;
    f.recording = recording();
    f.written = m_written.load(std::memory_order_relaxed);
    std::lock_guard lock(m_ringsMutex);
    f.dropped = m_retiredDropped;
    for (Ring *ring : m_rings)
        f.dropped += ring->dropped.load(std::memory_order_relaxed);
    return f;
}

void Writer::fail(const char *what, int error)
{
    if (!m_failed)
        std::fprintf(stderr, "coroscope-record: %s %s: %s; the program runs on unrecorded\n", what,
                     m_where.c_str(), std::strerror(error));
    m_failed = true;
    g_recording.store(false, std::memory_order_relaxed);
    m_unsent.clear();
}

bool Writer::send(int timeoutMs)
{
    std::size_t done = 0;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeoutMs);
    while (!m_failed && done < m_unsent.size()) {
        const ssize_t n = m_socket
            ? ::send(m_fd, m_unsent.data() + done, m_unsent.size() - done, MSG_NOSIGNAL)
            : ::write(m_fd, m_unsent.data() + done, m_unsent.size() - done);
        if (n > 0) {
            done += std::size_t(n);
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                                  deadline - std::chrono::steady_clock::now())
                                  .count();
            if (left <= 0)
                break;
            pollfd p{m_fd, POLLOUT, 0};
            ::poll(&p, 1, int(left));
            continue;
        }
        fail(m_socket ? "lost Coroscope at" : "cannot write", n < 0 ? errno : EIO);
        return false;
    }
    m_unsent.erase(0, done);
    return m_unsent.empty();
}

void Writer::flush()
{
    std::lock_guard c(m_cycle);
    if (m_finished)
        return;
    cycle();
    send(1000);
}

void Writer::finish(int status)
{
    g_recording.store(false, std::memory_order_relaxed);
    {
        std::lock_guard lock(m_wake);
        m_stop = true;
    }
    m_wakeup.notify_all();
    if (m_thread.joinable())
        m_thread.join();
    std::lock_guard c(m_cycle);
    if (m_finished)
        return;
    m_finished = true;
    cycle();
    const std::uint64_t now = nowNs();
    const ProbeFigures f = figures();
    m_unsent += "Z\t", appendNumber(m_unsent, now);
    m_unsent += '\t', appendNumber(m_unsent, f.written + 1); // up to and including this Z
    m_unsent += '\t', appendNumber(m_unsent, f.dropped);
    m_unsent += "\nE\t", appendNumber(m_unsent, now);
    m_unsent += "\texit\t", appendNumber(m_unsent, std::uint64_t(status & 0xff));
    m_unsent += '\n';
    m_written.fetch_add(2, std::memory_order_relaxed);
    if (!send(2000) && !m_failed) {
        std::fprintf(stderr,
                     "coroscope-record: Coroscope at %s did not take the last %zu bytes within 2 "
                     "s; the recording is cut\n",
                     m_where.c_str(), m_unsent.size());
    }
    ::close(m_fd);
    m_fd = -1;
}

} // namespace

std::uint32_t internText(const QByteArray &text)
{
    Registry &r = registry();
    QMutexLocker lock(&r.mutex);
    auto it = r.sids.constFind(text);
    if (it != r.sids.constEnd())
        return *it;
    const std::uint32_t sid = g_nextSid.fetch_add(1, std::memory_order_relaxed);
    r.sids.insert(text, sid);
    r.unwritten.emplace_back(sid, text);
    return sid;
}

void wakeWriter() noexcept
{
    writer().wake();
}

Ring *newRing()
{
    return writer().newRing();
}

void installWriterFrom(const char *spec)
{
    if (!spec || !*spec)
        return;
    Writer &w = writer();
    if (!w.open(spec))
        return;
    w.start();
    g_recording.store(true, std::memory_order_relaxed);
    // glibc's on_exit, unlike atexit, is told the status given to exit() (or returned by main).
    ::on_exit([](int status, void *) { writer().finish(status); }, nullptr);
}

} // namespace ProbeDetail

ProbeFigures probeFigures()
{
    return ProbeDetail::writer().figures();
}

void flushProbe()
{
    if (ProbeDetail::recording())
        ProbeDetail::writer().flush();
}

} // namespace Coroscope
