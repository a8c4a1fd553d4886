#pragma once

#include <QLatin1StringView>

namespace Coroscope::StrategyNames {

// The names of the strategies (run/runspec.h's Strategy), as Trace::strategy, run files, the
// command line and the CSV hold them. Here, below run/, so that the trace's own code (the
// summary's sequential baseline) reads the same names as strategyName() gives.
inline constexpr QLatin1StringView Async("async");
inline constexpr QLatin1StringView Sequential("sequential");
inline constexpr QLatin1StringView Blocking("blocking");
inline constexpr QLatin1StringView WrappedBlocking("wrapped-blocking");
inline constexpr QLatin1StringView Threads("threads");

} // namespace Coroscope::StrategyNames
