#pragma once

namespace Coroscope {

// Each loopback connection costs two descriptors in-process and desktop soft limits are often
// 1024: raise the soft RLIMIT_NOFILE to the hard limit. Returns the new soft limit.
long raiseFileLimit();

// How many connections this process can still open at once without running out of file
// descriptors: each loopback connection costs two (client and embedded server), each
// QNetworkAccessManager thread a few more. Running out makes GLib abort, so runs stay inside it.
int connectionBudget();
// How many worker threads (each with its own loop, network manager thread and connection) the
// threads strategy can run at once within the same limit.
int workerBudget();
// The soft RLIMIT_NOFILE, for messages.
long fileLimit();

} // namespace Coroscope
