#!/usr/bin/env node
// Readiness probe of a Kafka broker, without dependencies: an ApiVersions request, then a Metadata
// request (all topics). Exits 0 and prints "cluster=<id> controller=<id> brokers=<id>@host:port,..."
// when the broker answers and lists at least one registered (unfenced) broker; exits 1 otherwise.
// Usage: node probe.mjs [host] [port] [timeoutMs]
import net from 'node:net';

const host = process.argv[2] ?? '127.0.0.1';
const port = Number(process.argv[3] ?? 9092);
const timeoutMs = Number(process.argv[4] ?? 3000);
const CLIENT_ID = 'llmserve-probe';

function request(sock, apiKey, apiVersion, correlationId, body) {
  const cid = Buffer.from(CLIENT_ID);
  const header = Buffer.alloc(10);
  header.writeInt16BE(apiKey, 0);
  header.writeInt16BE(apiVersion, 2);
  header.writeInt32BE(correlationId, 4);
  header.writeInt16BE(cid.length, 8);
  const payload = Buffer.concat([header, cid, body]);
  const size = Buffer.alloc(4);
  size.writeInt32BE(payload.length, 0);
  sock.write(Buffer.concat([size, payload]));
}

class Reader {
  constructor(buf) { this.buf = buf; this.off = 0; }
  i16() { const v = this.buf.readInt16BE(this.off); this.off += 2; return v; }
  i32() { const v = this.buf.readInt32BE(this.off); this.off += 4; return v; }
  str() { const n = this.i16(); if (n < 0) return null; const s = this.buf.toString('utf8', this.off, this.off + n); this.off += n; return s; }
}

function fail(msg) { console.error(`kafka probe ${host}:${port}: ${msg}`); process.exit(1); }

const sock = net.connect({ host, port });
const timer = setTimeout(() => { sock.destroy(); fail(`no answer within ${timeoutMs} ms`); }, timeoutMs);
let pending = Buffer.alloc(0);
let step = 0;

sock.on('error', (e) => fail(e.message));
sock.on('close', () => { if (step < 2) fail('connection closed'); });
sock.on('connect', () => request(sock, 18, 0, 1, Buffer.alloc(0))); // ApiVersions v0
sock.on('data', (chunk) => {
  pending = Buffer.concat([pending, chunk]);
  while (pending.length >= 4 && pending.length >= 4 + pending.readInt32BE(0)) {
    const frame = pending.subarray(4, 4 + pending.readInt32BE(0));
    pending = pending.subarray(4 + frame.length);
    const r = new Reader(frame);
    r.i32(); // correlation id
    if (step === 0) {
      const err = r.i16();
      if (err !== 0) fail(`ApiVersions error ${err}`);
      let metaMax = -1; let metaMin = 0;
      for (let n = r.i32(); n > 0; n--) {
        const key = r.i16(); const min = r.i16(); const max = r.i16();
        if (key === 3) { metaMin = min; metaMax = max; }
      }
      // Versions 4..8 share the encoding used below (non-flexible).
      const v = Math.min(8, metaMax);
      if (v < 4 || v < metaMin) fail(`no usable Metadata version (broker offers ${metaMin}..${metaMax})`);
      step = 1;
      const body = Buffer.alloc(v >= 8 ? 7 : 5);
      body.writeInt32BE(-1, 0); // all topics
      body.writeInt8(0, 4); // allow_auto_topic_creation = false
      request(sock, 3, v, 2, body);
    } else if (step === 1) {
      r.i32(); // throttle_time_ms
      const brokers = [];
      for (let n = r.i32(); n > 0; n--) {
        const id = r.i32(); const h = r.str(); const p = r.i32(); r.str();
        brokers.push(`${id}@${h}:${p}`);
      }
      const clusterId = r.str();
      const controller = r.i32();
      step = 2;
      clearTimeout(timer);
      sock.destroy();
      if (brokers.length === 0) fail('broker answers but lists no registered broker yet');
      console.log(`cluster=${clusterId} controller=${controller} brokers=${brokers.join(',')}`);
      process.exit(0);
    }
  }
});
