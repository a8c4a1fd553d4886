#pragma once

#include <QByteArray>
#include <QList>

namespace Coroscope {

// What a recorded program printed, bounded: the last `limit` bytes are kept (in the order they
// arrived, stdout and stderr interleaved as read), the rest is counted as dropped. A program that
// prints megabytes must not grow Coroscope's memory with it.
class OutputLog
{
public:
    enum class Channel : quint8 { Stdout, Stderr };
    struct Chunk
    {
        Channel channel = Channel::Stdout;
        QByteArray bytes;
    };

    static constexpr qint64 DefaultLimit = 4 * 1024 * 1024;

    explicit OutputLog(qint64 limit = DefaultLimit);

    void append(Channel channel, const QByteArray &bytes);

    qint64 limit() const { return m_limit; }
    // Bytes kept now (at most limit()), bytes ever appended, bytes dropped from the front.
    qint64 keptBytes() const { return m_kept; }
    qint64 totalBytes() const { return m_total; }
    qint64 droppedBytes() const { return m_total - m_kept; }
    // Everything kept of one channel, or of both (all()), in arrival order.
    QByteArray text(Channel channel) const;
    QByteArray all() const;

private:
    qint64 m_limit = DefaultLimit;
    qint64 m_kept = 0;
    qint64 m_total = 0;
    QList<Chunk> m_chunks;
    qsizetype m_first = 0; // chunks before it are dropped (compacted now and then)
};

} // namespace Coroscope
