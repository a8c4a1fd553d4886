#pragma once

#include "trace/recorder.h"

#include <QElapsedTimer>
#include <QObject>

#include <atomic>
#include <memory>

class QLocalServer;
class QLocalSocket;
class QTimer;

namespace Coroscope {

class CsrecDecoder;

// The reading end of a recording (RecordSession's): lives on its own thread, so that decoding a
// flood of records never holds the window's event loop. The first connection is the recording;
// later ones (a forked child's recorder, a second process) are read and discarded, and counted.
class RecordReader : public QObject
{
    Q_OBJECT
public:
    explicit RecordReader(std::shared_ptr<TraceRecorder> recorder);
    ~RecordReader() override;

    // On the reader's thread. Listens on `path`; empty on success, else why not.
    QString listen(const QString &path);
    // The program has ended: accept what is still pending, read what is left, and emit
    // drained() once the recording connection closes, or once nothing arrived on it for `maxMs`
    // (a forked child may still hold it open; a slow reader is still reading, not cut).
    void drain(int maxMs);
    // Closes every connection and the server; nothing more is decoded.
    void close();

    int connections() const { return m_connections.load(); }
    // The recording connection was still open when drain() gave up.
    bool heldOpen() const { return m_heldOpen.load(); }

Q_SIGNALS:
    void firstConnected();
    void otherConnection(int ignored);
    void drained();

private:
    void acceptPending();
    void readMain();
    void mainClosed();
    void finishDrain();
    void finishDecoder();

    std::shared_ptr<TraceRecorder> m_recorder;
    std::unique_ptr<CsrecDecoder> m_decoder;
    QLocalServer *m_server = nullptr;
    QLocalSocket *m_main = nullptr;
    QTimer *m_drainTimer = nullptr;
    bool m_draining = false;
    qint64 m_drainSeenBytes = 0; // what had arrived when the drain's timer last looked
    QElapsedTimer m_drainClock;
    bool m_mainEnded = false;
    bool m_drained = false;
    bool m_decoderFinished = false;
    std::atomic<int> m_connections{0};
    std::atomic<qint64> m_bytes{0};
    std::atomic<bool> m_heldOpen{false};
};

} // namespace Coroscope
