// Reference peer for scripts/bench: N concurrent GETs through one keep-alive http.Agent with no
// socket limit (Node's standard library only).
//
// Usage: node scripts/node_peer.js URL N [timeout_ms]
// Prints one JSON line: {"client":"node","tasks":N,"ok":..,"wall_ms":..}
// ok counts responses with status 200 whose body was read to the end; anything else (refused
// connection, reset, timeout) is an error. timeout_ms (default 60000) bounds the whole run.
'use strict';
const http = require('http');

const url = process.argv[2];
const n = parseInt(process.argv[3], 10);
const timeoutMs = parseInt(process.argv[4] || '60000', 10);
if (!url || !(n > 0)) {
    process.stderr.write('usage: node node_peer.js URL N [timeout_ms]\n');
    process.exit(2);
}

const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
let ok = 0;
let done = 0;
const errors = {};

function fetch() {
    return new Promise((resolve) => {
        const req = http.get(url, { agent }, (res) => {
            res.on('data', () => {});
            res.on('end', () => resolve(res.statusCode === 200));
            res.on('error', (e) => resolve(e));
        });
        req.on('error', (e) => resolve(e));
    });
}

const start = process.hrtime.bigint();
const wallMs = () => Number(process.hrtime.bigint() - start) / 1e6;
function report() {
    const out = { client: 'node', tasks: n, ok, wall_ms: Math.round(wallMs() * 1000) / 1000 };
    if (Object.keys(errors).length)
        out.errors = errors;
    process.stdout.write(JSON.stringify(out) + '\n');
}
const guard = setTimeout(() => {
    errors.unfinished = n - done;
    report();
    process.exit(0);
}, timeoutMs);

Promise.all(Array.from({ length: n }, () => fetch().then((r) => {
    done++;
    if (r === true)
        ok++;
    else {
        const key = r === false ? 'status' : (r.code || r.message || 'error');
        errors[key] = (errors[key] || 0) + 1;
    }
}))).then(() => {
    clearTimeout(guard);
    report();
    agent.destroy();
});
