#pragma once

class QNetworkAccessManager;

namespace Coroscope {

// Destroys a network manager away from the calling thread. ~QNetworkAccessManager stops its
// HTTP thread and waits up to 5 s for it; that thread may be deep in Qt's parsing of a hostile
// response (measured: 6 MB of headers held it 5 s), and a run with a thousand managers joins
// a thousand threads one after another. Neither may delay a run's end, its summary or Stop.
// The manager (with its children) moves to one long-lived reaper thread and dies there.
// Call from the manager's thread; the manager must have no parent.
void retireManager(QNetworkAccessManager *manager);

} // namespace Coroscope
