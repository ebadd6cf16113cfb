// The checks of scripts/clients.sh with a Node.js client library, against
// the server given by --addr HOST:PORT; one line per check on stdout:
// "NAME<TAB>pass|fail<TAB>reason".
//
//   node matrix.mjs --client node-redis|node-redis-resp2|ioredis --addr HOST:PORT
//
// node-redis runs at its defaults (RESP3) and with RESP: 2; ioredis at its
// defaults (RESP3, downgrading by itself when HELLO 3 is refused).
import { createClient, RESP_TYPES } from 'redis';
import Redis from 'ioredis';

const CHECK_TIMEOUT_MS = 10000;
const PIPELINE_SIZE = 1000;
const INCR_ERROR = 'value is not an integer or out of range';

function arg(name) {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
}

const everyByte = Buffer.from(Array.from({ length: 256 }, (_, i) => i));

// What the list check pushes and the hash check sets: text and the binary
// value (and a number for HINCRBY).
const LIST_VALUES = ['a', 'b', everyByte, 'c'];
const HASH_VALUES = { name: 'redis-lite', bin: everyByte, n: '10' };
// The BLPOP that waits for another connection's push gives up after this
// many seconds: well under the check's timeout, so a lost wake-up fails as
// a nil reply.
const BLOCK_TIMEOUT_S = 5;
const PUSHED = 'job';

class CheckFailed extends Error {}

function wantEqual(what, got, want) {
  if (got !== want) throw new CheckFailed(`${what}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
}

function wantTTL(what, ttl, max) {
  if (!(ttl > 0 && ttl <= max)) throw new CheckFailed(`${what}: TTL ${ttl}, want 1..${max}`);
}

async function wantError(what, promise, text) {
  let err;
  try {
    await promise;
  } catch (e) {
    err = e;
  }
  if (!err || !String(err.message).includes(text)) throw new CheckFailed(`${what}: got error ${err}, want ${JSON.stringify(text)}`);
}

// show: a value for a failure message; a Buffer as its text when it is
// printable, else as its length.
function show(v) {
  const printable = (bytes) => bytes.every((b) => b >= 0x20 && b < 0x7f);
  return JSON.stringify(v, (_, x) => {
    if (!x || x.type !== 'Buffer' || !Array.isArray(x.data)) return x;
    return printable(x.data) ? String.fromCharCode(...x.data) : `<${x.data.length} bytes>`;
  });
}

const sameBytes = (got, want) => Buffer.isBuffer(got) && got.equals(Buffer.from(want));

function wantBuffers(what, got, want) {
  if (!Array.isArray(got) || got.length !== want.length || !got.every((g, i) => sameBytes(g, want[i]))) {
    throw new CheckFailed(`${what}: got ${show(got)}, want ${show(want)}`);
  }
}

// wantHash: got (an object or a Map of Buffers) has exactly want's fields
// and values.
function wantHash(what, got, want) {
  const entries = got instanceof Map ? [...got.entries()] : Object.entries(got || {});
  const ok = entries.length === Object.keys(want).length &&
    entries.every(([f, v]) => Object.hasOwn(want, String(f)) && sameBytes(v, want[String(f)]));
  if (!ok) throw new CheckFailed(`${what}: got ${show(Object.fromEntries(entries))}, want ${show(want)}`);
}

// blockedClients: blocked_clients from the text of INFO clients.
function blockedClients(info) {
  const m = /^blocked_clients:(\d+)/m.exec(String(info));
  if (!m) throw new CheckFailed('INFO clients without blocked_clients');
  return Number(m[1]);
}

const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// eventually: polls cond until it is true; the check's own timeout bounds it.
async function eventually(what, cond, deadline) {
  let last;
  while (Date.now() < deadline) {
    try {
      if (await cond()) return;
    } catch (e) {
      last = e;
    }
    await pause(20);
  }
  throw new CheckFailed(`${what}: not within the deadline${last ? ` (last error: ${last.message})` : ''}`);
}

// helloProto finds "proto" in a HELLO reply: a Map, an object or a flat list.
function helloProto(reply) {
  if (reply instanceof Map) return Number(reply.get('proto'));
  if (Array.isArray(reply)) {
    for (let i = 0; i + 1 < reply.length; i += 2) if (String(reply[i]) === 'proto') return Number(reply[i + 1]);
  } else if (reply && typeof reply === 'object') return Number(reply.proto);
  throw new CheckFailed(`HELLO reply without proto: ${JSON.stringify(reply)}`);
}

// The checks shared by both libraries, through a small adapter per library
// (lib.*) for what their APIs name differently.
function commonChecks(lib, k, wantProto) {
  return [
    ['connect', async () => wantEqual('PING', await lib.connect(), 'PONG')],
    ['protocol', async () => wantEqual('HELLO proto', helloProto(await lib.raw('HELLO')), wantProto)],
    ['set-get', async () => {
      await lib.c.set(k('str'), 'hello');
      wantEqual('GET', await lib.c.get(k('str')), 'hello');
    }],
    ['pipeline', async () => {
      await lib.c.del(k('pipelined'));
      const replies = await lib.pipelineIncr(k('pipelined'), PIPELINE_SIZE);
      wantEqual('replies', replies.length, PIPELINE_SIZE);
      replies.forEach((n, i) => wantEqual(`INCR #${i + 1}`, Number(n), i + 1));
    }],
    ['binary', async () => {
      await lib.c.set(k('bin'), everyByte);
      const got = await lib.getBuffer(k('bin'));
      if (!Buffer.isBuffer(got) || !got.equals(everyByte)) throw new CheckFailed(`GET: got ${got && got.length} bytes, not bytes 0..255`);
    }],
    ['expiry', async (deadline) => {
      await lib.setEx(k('exp'), 'v', 100);
      wantTTL('after SET EX 100', Number(await lib.c.ttl(k('exp'))), 100);
      wantEqual('PEXPIRE 1500', Number(await lib.pexpire(k('exp'), 1500)), 1);
      wantTTL('after PEXPIRE 1500', Number(await lib.c.ttl(k('exp'))), 2);
      await lib.pexpire(k('exp'), 1);
      await eventually('key gone after PEXPIRE 1', async () => (await lib.c.get(k('exp'))) === null, deadline);
    }],
    ['mget', async () => {
      await lib.c.set(k('a'), '1');
      await lib.c.set(k('b'), '2');
      wantEqual('MGET', JSON.stringify(await lib.mget([k('a'), k('missing'), k('b')])), '["1",null,"2"]');
    }],
    ['incr', async () => {
      await lib.c.set(k('n'), '41');
      wantEqual('INCR', Number(await lib.c.incr(k('n'))), 42);
      await wantError('INCR of a non-number', lib.c.incr(k('str')), INCR_ERROR);
    }],
    ['pubsub', async () => {
      const { received } = await lib.subscribe(k('chan'));
      wantEqual('PUBLISH receivers', Number(await lib.c.publish(k('chan'), 'hi')), 1);
      wantEqual('message', await received, `${k('chan')} hi`);
    }],
    ['multi-exec', async () => wantEqual('EXEC', JSON.stringify(await lib.multiSetIncr(k('tx'))), '["OK",11]')],
    ['reconnect', async (deadline) => {
      // The server closes the client's own connection; the library must
      // serve commands again on a new one.
      const id = Number(await lib.clientId());
      wantEqual('CLIENT KILL', Number(await lib.raw('CLIENT', 'KILL', 'ID', String(id), 'SKIPME', 'no')), 1);
      // The first calls after the kill may fail (the library learns of
      // the closed connection); both must succeed on the new one.
      let got, after;
      await eventually('GET and CLIENT ID after the kill', async () => {
        got = await lib.c.get(k('str'));
        after = Number(await lib.clientId());
        return true;
      }, deadline);
      wantEqual('GET after the kill', got, 'hello');
      if (after === id) throw new CheckFailed(`still connection ${id} after it was killed`);
    }],
    ['list', async (deadline) => {
      await lib.c.del([k('list'), k('empty'), k('queue')]);
      wantEqual('RPUSH', Number(await lib.rpush(k('list'), LIST_VALUES)), LIST_VALUES.length);
      wantBuffers('LRANGE 0 -1', await lib.lrangeBuffers(k('list'), 0, -1), LIST_VALUES);
      wantEqual('LPOP', await lib.lpop(k('list')), 'a');
      wantEqual('LLEN', Number(await lib.llen(k('list'))), LIST_VALUES.length - 1);
      wantEqual('BLPOP of an empty list', await lib.blpop(k('empty'), 0.1), null);
      // The BLPOP blocks this client's connection; another one watches
      // for it to be counted as blocked and then pushes.
      const other = await lib.duplicate();
      try {
        const popped = lib.blpop(k('queue'), BLOCK_TIMEOUT_S);
        let done = false;
        popped.then(() => { done = true; }, () => { done = true; });
        await eventually('BLPOP counted in blocked_clients', async () => done || blockedClients(await other.info()) > 0, deadline);
        if (done) throw new CheckFailed(`BLPOP of an empty list returned before any push: ${show(await popped)}`);
        await other.rpush(k('queue'), [PUSHED]);
        wantEqual('BLPOP', JSON.stringify(await popped), JSON.stringify([k('queue'), PUSHED]));
      } finally {
        other.close();
      }
    }],
    ['hash', async () => {
      await lib.c.del(k('hash'));
      wantEqual('HSET', Number(await lib.hset(k('hash'), HASH_VALUES)), Object.keys(HASH_VALUES).length);
      wantHash('HGETALL', await lib.hgetallBuffers(k('hash')), HASH_VALUES);
      wantEqual('HINCRBY', Number(await lib.hincrby(k('hash'), 'n', 5)), 15);
      wantEqual('HDEL', Number(await lib.hdel(k('hash'), ['name', 'missing'])), 1);
      wantEqual('HLEN', Number(await lib.hlen(k('hash'))), Object.keys(HASH_VALUES).length - 1);
    }],
  ];
}

function nodeRedis(host, port, options) {
  const c = createClient({ socket: { host, port }, ...options });
  // node-redis reports connection errors as events; without a listener
  // they end the process. The last one explains a check that timed out.
  const lib = { lastError: null };
  c.on('error', (e) => { lib.lastError = e; });
  // Bulk strings as Buffers, for the binary values.
  const withBuffers = () => c.withTypeMapping({ [RESP_TYPES.BLOB_STRING]: Buffer });
  let sub;
  return Object.assign(lib, {
    c,
    async connect() { await c.connect(); return c.ping(); },
    raw: (...args) => c.sendCommand(args),
    pipelineIncr(key, n) {
      const m = c.multi();
      for (let i = 0; i < n; i++) m.incr(key);
      return m.execAsPipeline();
    },
    getBuffer: (key) => withBuffers().get(key),
    setEx: (key, v, s) => c.set(key, v, { expiration: { type: 'EX', value: s } }),
    pexpire: (key, ms) => c.pExpire(key, ms),
    mget: (keys) => c.mGet(keys),
    async subscribe(channel) {
      sub = c.duplicate();
      sub.on('error', () => {});
      await sub.connect();
      let deliver;
      const received = new Promise((resolve) => { deliver = resolve; });
      // Resolves once the server confirmed the subscription.
      await sub.subscribe(channel, (message, ch) => deliver(`${ch} ${message}`));
      // Wrapped: an async function returning the bare promise would wait for it.
      return { received };
    },
    multiSetIncr: (key) => c.multi().set(key, '10').incr(key).exec(),
    clientId: () => c.clientId(),
    rpush: (key, values) => c.rPush(key, values),
    lrangeBuffers: (key, start, stop) => withBuffers().lRange(key, start, stop),
    lpop: (key) => c.lPop(key),
    llen: (key) => c.lLen(key),
    async blpop(key, timeout) {
      const r = await c.blPop(key, timeout);
      return r === null ? null : [r.key, r.element];
    },
    async duplicate() {
      const other = c.duplicate();
      other.on('error', () => {});
      await other.connect();
      return { info: () => other.info('clients'), rpush: (key, values) => other.rPush(key, values), close: () => other.destroy() };
    },
    hset: (key, fields) => c.hSet(key, fields),
    hgetallBuffers: (key) => withBuffers().hGetAll(key),
    hincrby: (key, field, by) => c.hIncrBy(key, field, by),
    hdel: (key, fields) => c.hDel(key, fields),
    hlen: (key) => c.hLen(key),
    close() { c.destroy(); if (sub) sub.destroy(); },
  });
}

function ioredis(host, port) {
  const c = new Redis({ host, port });
  const lib = { lastError: null };
  c.on('error', (e) => { lib.lastError = e; });
  let sub;
  return Object.assign(lib, {
    c,
    connect: () => c.ping(),
    raw: (...args) => c.call(...args),
    async pipelineIncr(key, n) {
      const p = c.pipeline();
      for (let i = 0; i < n; i++) p.incr(key);
      const replies = await p.exec();
      const failed = replies.find(([err]) => err);
      if (failed) throw failed[0];
      return replies.map(([, v]) => v);
    },
    getBuffer: (key) => c.getBuffer(key),
    setEx: (key, v, s) => c.set(key, v, 'EX', s),
    pexpire: (key, ms) => c.pexpire(key, ms),
    mget: (keys) => c.mget(keys),
    async subscribe(channel) {
      sub = c.duplicate();
      sub.on('error', () => {});
      let deliver;
      const received = new Promise((resolve) => { deliver = resolve; });
      sub.on('message', (ch, message) => deliver(`${ch} ${message}`));
      // Resolves once the server confirmed the subscription.
      await sub.subscribe(channel);
      // Wrapped: an async function returning the bare promise would wait for it.
      return { received };
    },
    async multiSetIncr(key) {
      const replies = await c.multi().set(key, '10').incr(key).exec();
      if (!replies) throw new CheckFailed('EXEC: transaction discarded');
      const failed = replies.find(([err]) => err);
      if (failed) throw failed[0];
      return replies.map(([, v]) => v);
    },
    clientId: () => c.client('ID'),
    rpush: (key, values) => c.rpush(key, ...values),
    lrangeBuffers: (key, start, stop) => c.lrangeBuffer(key, start, stop),
    lpop: (key) => c.lpop(key),
    llen: (key) => c.llen(key),
    blpop: (key, timeout) => c.blpop(key, timeout),
    async duplicate() {
      const other = c.duplicate();
      other.on('error', () => {});
      return { info: () => other.info('clients'), rpush: (key, values) => other.rpush(key, ...values), close: () => other.disconnect() };
    },
    hset: (key, fields) => c.hset(key, fields),
    hgetallBuffers: (key) => c.hgetallBuffer(key),
    hincrby: (key, field, by) => c.hincrby(key, field, by),
    hdel: (key, fields) => c.hdel(key, ...fields),
    hlen: (key) => c.hlen(key),
    close() { c.disconnect(); if (sub) sub.disconnect(); },
  });
}

async function main() {
  const client = arg('--client');
  const [host, port] = (arg('--addr') || '127.0.0.1:6379').split(':');
  const k = (s) => `matrix:${client}:${s}`;
  let lib, proto;
  switch (client) {
    case 'node-redis': lib = nodeRedis(host, Number(port), {}); proto = 3; break;
    case 'node-redis-resp2': lib = nodeRedis(host, Number(port), { RESP: 2 }); proto = 2; break;
    case 'ioredis': lib = ioredis(host, Number(port)); proto = 3; break;
    default:
      console.error(`matrix.mjs: unknown --client ${client}`);
      process.exit(2);
  }
  let connected = true;
  for (const [name, run] of commonChecks(lib, k, proto)) {
    if (!connected) {
      report(name, 'not run: connect failed');
      continue;
    }
    const deadline = Date.now() + CHECK_TIMEOUT_MS;
    let timer;
    const timeout = new Promise((_, reject) => {
      timer = setTimeout(() => {
        const last = lib.lastError ? ` (the client's last error: ${lib.lastError.message})` : '';
        reject(new CheckFailed(`timed out after ${CHECK_TIMEOUT_MS} ms${last}`));
      }, CHECK_TIMEOUT_MS);
    });
    try {
      await Promise.race([run(deadline), timeout]);
      report(name, null);
    } catch (e) {
      report(name, e && e.message ? e.message : String(e));
      if (name === 'connect') connected = false;
    } finally {
      clearTimeout(timer);
    }
  }
  try { lib.close(); } catch { /* closing a client that never connected */ }
  process.exit(0);
}

function report(name, reason) {
  // One line per check: the reason must not break the table.
  const text = reason === null ? '' : String(reason).replace(/\s+/g, ' ').trim();
  process.stdout.write(`${name}\t${reason === null ? 'pass' : 'fail'}\t${text}\n`);
}

main();
