#pragma once

namespace Coroscope {

// Each loopback connection costs two descriptors in-process and desktop soft limits are often
// 1024: raise the soft RLIMIT_NOFILE to the hard limit. Returns the new soft limit.
long raiseFileLimit();

} // namespace Coroscope
