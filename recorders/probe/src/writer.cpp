// The writer: one thread that, every ~20 ms, drains every thread's ring, formats the events as
// csrec text lines (strings defined once, as S records, before their first use) and sends them to
// Coroscope's socket or a file. It never blocks the program: a slow reader makes the rings fill
// and the program's threads drop and count (Z records).
#include "probe_p.h"

#include <QHash>
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
// Text is sent in pieces of about this size: one write per ~1,500 events, and buffers that stay
// this small (reused, never growing to a whole cycle's worth of text).
constexpr std::size_t SendSize = 64u << 10;
constexpr std::uint32_t SliceEvents = 1024; // formatted before their strings are checked
constexpr std::size_t MaxText = 4096; // FORMAT.md's limit for an S text

// Strings interned by the program's threads (names, errors): content -> sid, and the S records
// the writer has not written yet.
struct Registry
{
    std::mutex mutex; // not QMutex: ThreadSanitizer sees std::mutex (pthread) but not Qt's futex
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
    void wake()
    {
        // Under the lock: a wake while the writer is between its check and its wait is not lost.
        {
            std::lock_guard lock(m_wake);
            m_kicked = true;
        }
        m_wakeup.notify_one();
    }
    ProbeFigures figures();
    Ring *newRing();
    Chunk *takeChunk() noexcept;

private:
    void loop();
    bool cycle(); // with m_cycle held; true when a thread has a backlog again
    bool drain(Ring &ring, std::string &out); // one slice; true when more is there now
    void sendSlice();
    void giveBack(Chunk *chunk);
    std::uint32_t internLiteral(const char *text);
    std::uint32_t internSite(const char *file, std::uint32_t line);
    std::uint32_t internExpression(const char *file, std::uint32_t line, const char *type);
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
    bool m_kicked = false;

    std::mutex m_poolMutex;
    std::vector<Chunk *> m_pool; // drained chunks, ready for any thread

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
    QHash<QPair<const void *, std::uint32_t>, std::uint32_t> m_expressions; // by await site
    std::atomic<std::uint64_t> m_written{0};
    std::uint64_t m_retiredDropped = 0;
    std::uint64_t m_lastZ = 0;
    bool m_failed = false;
    bool m_finished = false;
};

Chunk g_noChunk; // full for ever: a thread that could get no memory at its start drops all

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

Chunk *Writer::takeChunk() noexcept
{
    {
        std::lock_guard lock(m_poolMutex);
        if (!m_pool.empty()) {
            Chunk *c = m_pool.back();
            m_pool.pop_back();
            return c;
        }
    }
    return new (std::nothrow) Chunk;
}

void Writer::giveBack(Chunk *chunk)
{
    chunk->count.store(0, std::memory_order_relaxed);
    chunk->next.store(nullptr, std::memory_order_relaxed);
    std::lock_guard lock(m_poolMutex); // publishes the reset to the thread that takes it
    m_pool.push_back(chunk);
}

Ring *Writer::newRing()
{
    auto *ring = new Ring;
    ring->write = ring->read = takeChunk();
    if (!ring->write) {
        // Out of memory at a thread's first event: it records nothing (counted as dropped).
        g_noChunk.count.store(Chunk::Size, std::memory_order_relaxed);
        ring->write = ring->read = &g_noChunk;
        ring->writePos = Chunk::Size;
        ring->queued.store(Ring::MaxQueued, std::memory_order_relaxed);
    }
    ring->lane = m_nextLane.fetch_add(1, std::memory_order_relaxed);
    std::lock_guard lock(m_ringsMutex);
    m_rings.push_back(ring);
    return ring;
}

void Writer::loop()
{
    std::unique_lock lock(m_wake);
    bool backlog = false;
    while (!m_stop) {
        // Woken by a thread's high-water mark (a few full chunks), else every ~20 ms.
        if (!backlog)
            m_wakeup.wait_for(lock, std::chrono::milliseconds(20),
                              [this] { return m_stop || m_kicked; });
        m_kicked = false;
        if (m_stop)
            break;
        lock.unlock();
        {
            std::lock_guard c(m_cycle);
            backlog = cycle();
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

// The label of an await whose type says nothing: its traced() expression, read from the source
// once per site, else the type.
std::uint32_t Writer::internExpression(const char *file, std::uint32_t line, const char *type)
{
    const QPair<const void *, std::uint32_t> key(file, line);
    auto it = m_expressions.constFind(key);
    if (it != m_expressions.constEnd())
        return *it;
    const QByteArray expression = awaitedExpression(file, line);
    const std::uint32_t sid
        = expression.isEmpty() ? internLiteral(type) : internContent(expression, m_events);
    m_expressions.insert(key, sid);
    return sid;
}

bool Writer::drain(Ring &ring, std::string &out)
{
    Chunk *chunk = ring.read;
    std::uint32_t tail = ring.readPos;
    if (tail == Chunk::Size) {
        Chunk *next = chunk->next.load(std::memory_order_acquire);
        if (!next)
            return false; // the thread has not needed its next chunk yet
        // The old chunk is free: its thread linked the next one only after its last write.
        giveBack(chunk);
        ring.queued.fetch_sub(1, std::memory_order_relaxed);
        ring.read = chunk = next;
        ring.readPos = tail = 0;
    }
    const std::uint32_t head
        = std::min(chunk->count.load(std::memory_order_acquire), tail + SliceEvents);
    if (tail == head)
        return false;
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
        const Event &e = chunk->events[tail];
        const std::uint32_t text = e.textSid ? e.textSid
            : e.typeLabel                    ? internExpression(e.file, e.line, e.text)
                                             : internLiteral(e.text);
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
    ring.readPos = tail;
    return true;
}

// The strings the program's threads interned, then the events formatted since: every event's
// strings were interned before it was pushed, so before this slice was read.
void Writer::sendSlice()
{
    {
        Registry &r = registry();
        std::lock_guard lock(r.mutex);
        for (const auto &[sid, text] : r.unwritten) {
            appendString(m_unsent, sid, text);
            m_written.fetch_add(1, std::memory_order_relaxed);
        }
        r.unwritten.clear();
    }
    m_unsent += m_events;
    m_events.clear();
    if (m_unsent.size() >= SendSize)
        send(0);
}

bool Writer::cycle()
{
    if (m_failed || m_unsent.size() > MaxUnsent)
        return false; // the rings fill and count their drops
    std::vector<Ring *> rings;
    {
        std::lock_guard lock(m_ringsMutex);
        rings = m_rings;
    }
    std::vector<Ring *> retired;
    bool backlog = false;
    for (Ring *ring : rings) {
        const bool closed = ring->closed.load(std::memory_order_acquire);
        // In slices: what is sent stays small, however much a thread queued.
        // At most what a thread may queue, per cycle: a thread that floods faster than this
        // formats cannot keep flush() waiting for ever.
        bool more = true;
        for (std::uint32_t slices = 0;
             more && slices <= Ring::MaxQueued * 2 && m_unsent.size() <= MaxUnsent; ++slices) {
            more = drain(*ring, m_events);
            if (m_events.size() >= SendSize)
                sendSlice();
        }
        if (closed && !more)
            retired.push_back(ring);
        else if (ring->queued.load(std::memory_order_relaxed) >= Ring::WakeChunks)
            backlog = true;
    }
    sendSlice();
    if (!retired.empty()) {
        std::lock_guard lock(m_ringsMutex);
        for (Ring *ring : retired) {
            m_retiredDropped += ring->dropped.load(std::memory_order_relaxed);
            m_rings.erase(std::find(m_rings.begin(), m_rings.end(), ring));
            if (ring->read != &g_noChunk)
                giveBack(ring->read);
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
    return backlog;
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
    std::lock_guard lock(r.mutex);
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

Chunk *takeChunk() noexcept
{
    return writer().takeChunk();
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
    noteStartFolder();
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
