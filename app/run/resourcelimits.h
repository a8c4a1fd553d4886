#pragma once

namespace Coroscope {

// Each loopback connection costs two descriptors in-process and desktop soft limits are often
// 1024: raise the soft RLIMIT_NOFILE to the hard limit. Returns the new soft limit.
long raiseFileLimit();

// How many connections this process can still open at once without running out of file
// descriptors: each loopback connection costs two (client and embedded server), each
// QNetworkAccessManager thread a few more. Running out makes GLib abort, so runs stay inside it.
int connectionBudget();

} // namespace Coroscope
