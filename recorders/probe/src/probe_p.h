// The probe's insides: per-thread rings of fixed-size events, filled by the program's threads
// and drained by one writer thread that formats them as csrec text (recorders/FORMAT.md).
#pragma once

#include <coroscope/probe.h>

#include <QByteArray>

#include <atomic>
#include <cstdint>
#include <memory>
#include <vector>

namespace Coroscope::ProbeDetail {

enum class Kind : std::uint8_t { Created, Suspended, Resumed, Ended, Held, Idle, Busy, Callback };
enum class Result : std::uint8_t { Ok, Error, Cancelled };

// One record as the program's thread left it: integers and pointers only; strings are interned
// by the writer (literals, by address) or were interned before (textSid).
struct Event
{
    std::uint64_t t;
    std::uint64_t task;
    std::uint64_t other; // T: parent, A: awaited task, R: waker, H and C: duration
    const char *file; // the site's file (with line), or nullptr
    const char *text; // T: name, A: label, H: function (literals), or nullptr
    const char *func; // T: the coroutine's function
    std::uint32_t line;
    std::uint32_t textSid; // when text is nullptr: an interned string (dynamic names, errors)
    Kind kind;
    Result result;
    // A: `text` is only the awaitable's type (Task, co_await). No default member initialiser:
    // Event stays trivial, so a new chunk is not written (touched) whole when it is made.
    bool typeLabel;
};

static_assert(sizeof(Event) == 64, "one event a cache line");

void wakeWriter() noexcept; // a thread has a backlog: drain now rather than at the next ~20 ms

// A slice of one thread's events. A thread fills its chunk, then queues it and takes an empty
// one from a shared pool (the writer returns drained chunks there): memory is touched only for
// what is in flight and then reused. Measured here (a VM where a first touch of a page costs
// ~40 us): a 2 MiB ring touched up front, and the writer's text growing to a cycle's worth,
// were most of a recorded run's extra time, not the events themselves.
struct Chunk
{
    static constexpr std::uint32_t Size = 1024; // events: 64 KiB
    std::atomic<std::uint32_t> count{0}; // events written; the producer publishes (release)
    std::atomic<Chunk *> next{nullptr}; // the thread's next chunk, once this one is full
    // One event a cache line (Event is 64 bytes), the header on a line of its own: the writer
    // reading event k never shares a line with the thread writing event k + 1.
    alignas(64) Event events[Size];
};

Chunk *takeChunk() noexcept; // from the pool, else a new one; nullptr when out of memory

// One thread's queue of chunks. Single producer (its thread), single consumer (whoever holds the
// writer's cycle lock). The writer wakes when a thread holds WakeChunks chunks (its current one
// and 3 full ones: a high-water mark, not per event), else every ~20 ms.
struct Ring
{
    static constexpr std::uint32_t MaxQueued = 32; // chunks per thread (2 MiB): then drop
    static constexpr std::uint32_t WakeChunks = 4;
    // Producer side.
    Chunk *write = nullptr;
    std::uint32_t writePos = 0; // == write->count, kept here to read no atomic on the hot path
    // Consumer side.
    Chunk *read = nullptr;
    std::uint32_t readPos = 0;
    std::atomic<std::uint32_t> queued{1}; // chunks not yet given back by the writer
    alignas(64) std::atomic<std::uint64_t> dropped{0};
    std::atomic<bool> closed{false}; // its thread ended: drain, then retire
    std::uint64_t lane = 0;
    QByteArray name;
    bool announced = false; // writer only: its L record was written

    void push(const Event &e) noexcept
    {
        if (writePos == Chunk::Size && !nextChunk()) {
            dropped.store(dropped.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
            return;
        }
        write->events[writePos] = e;
        write->count.store(++writePos, std::memory_order_release);
    }

    bool nextChunk() noexcept
    {
        if (queued.load(std::memory_order_relaxed) >= MaxQueued)
            return false; // the writer is behind (a slow reader): drop and count
        Chunk *c = takeChunk();
        if (!c)
            return false;
        const std::uint32_t q = queued.fetch_add(1, std::memory_order_relaxed) + 1;
        write->next.store(c, std::memory_order_release);
        write = c;
        writePos = 0;
        if (q == WakeChunks) // once per crossing: the writer drains on while a backlog remains
            wakeWriter();
        return true;
    }
};

struct PendingEnd
{ // an error end waiting a moment for its exception's type and what()
    std::uint64_t task = 0;
    std::uint64_t t = 0;
};

struct ThreadState
{
    Ring *ring = nullptr;
    std::vector<TaskName *> stack; // tasks running on this thread, innermost last
    bool hooked = false; // its event dispatcher's aboutToBlock/awake are recorded
    PendingEnd pendingEnd;
    std::uint64_t lastEnded = 0; // the task that ended last here (whose end calls callbacks)
};

std::uint64_t nowNs() noexcept;
// The expression given to traced() at file:line when the source file is found (sourcelabel.cpp);
// empty when not. Writer thread only; noteStartFolder() before the program may change folder.
QByteArray awaitedExpression(const char *file, std::uint32_t line);
void noteStartFolder();
std::uint32_t internText(const QByteArray &text); // any thread; defined before first use
Ring *newRing(); // registers a ring with the writer
void installWriterFrom(const char *spec); // COROSCOPE_RECORD
bool writerActive();

} // namespace Coroscope::ProbeDetail
