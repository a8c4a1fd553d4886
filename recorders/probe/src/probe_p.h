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
};

void wakeWriter() noexcept; // a ring is half full: drain now rather than at the next ~20 ms

// Single producer (its thread), single consumer (whoever holds the writer's cycle lock).
struct Ring
{
    static constexpr std::uint64_t Capacity = 1u
        << 15; // 2 MiB per thread, ~1.6 M events/s at 20 ms
    std::atomic<std::uint64_t> head{0};
    alignas(64) std::atomic<std::uint64_t> tail{0};
    alignas(64) std::atomic<std::uint64_t> dropped{0};
    std::atomic<bool> closed{false}; // its thread ended: drain, then retire
    std::uint64_t lane = 0;
    QByteArray name;
    bool announced = false; // writer only: its L record was written
    std::unique_ptr<Event[]> events{new Event[Capacity]};

    void push(const Event &e) noexcept
    {
        const std::uint64_t h = head.load(std::memory_order_relaxed);
        const std::uint64_t used = h - tail.load(std::memory_order_acquire);
        if (used >= Capacity) {
            dropped.store(dropped.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
            return;
        }
        if (used == Capacity / 2)
            wakeWriter();
        events[h & (Capacity - 1)] = e;
        head.store(h + 1, std::memory_order_release);
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
std::uint32_t internText(const QByteArray &text); // any thread; defined before first use
Ring *newRing(); // registers a ring with the writer
void installWriterFrom(const char *spec); // COROSCOPE_RECORD
bool writerActive();

} // namespace Coroscope::ProbeDetail
