#include "outputlog.h"

namespace Coroscope {

OutputLog::OutputLog(qint64 limit)
    : m_limit(qMax<qint64>(1, limit))
{
}

void OutputLog::append(Channel channel, const QByteArray &bytes)
{
    if (bytes.isEmpty())
        return;
    m_total += bytes.size();
    // A chunk larger than the whole budget keeps only its tail.
    QByteArray kept = bytes.size() > m_limit ? bytes.right(m_limit) : bytes;
    // Consecutive reads of one channel are one chunk: a program printing a line at a time would
    // otherwise cost a list entry per line.
    if (m_chunks.size() > m_first && m_chunks.constLast().channel == channel
        && m_chunks.constLast().bytes.size() < 64 * 1024)
        m_chunks.last().bytes += kept;
    else
        m_chunks.append({channel, kept});
    m_kept += kept.size();
    while (m_kept > m_limit && m_first < m_chunks.size()) {
        Chunk &front = m_chunks[m_first];
        const qint64 excess = m_kept - m_limit;
        if (front.bytes.size() > excess) {
            front.bytes.remove(0, excess);
            m_kept -= excess;
            break;
        }
        m_kept -= front.bytes.size();
        front.bytes.clear();
        ++m_first;
    }
    if (m_first > 256 && m_first * 2 > m_chunks.size()) {
        m_chunks.remove(0, m_first);
        m_first = 0;
    }
}

QByteArray OutputLog::text(Channel channel) const
{
    QByteArray out;
    for (qsizetype i = m_first; i < m_chunks.size(); ++i) {
        if (m_chunks.at(i).channel == channel)
            out += m_chunks.at(i).bytes;
    }
    return out;
}

QByteArray OutputLog::all() const
{
    QByteArray out;
    out.reserve(m_kept);
    for (qsizetype i = m_first; i < m_chunks.size(); ++i)
        out += m_chunks.at(i).bytes;
    return out;
}

} // namespace Coroscope
