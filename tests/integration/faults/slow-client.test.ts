import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, test } from 'node:test';
import { WEBAPP, startWorld, type TestWorld } from '../demo/harness.ts';
import { TimedBrowser, type Timing } from './timed-browser.ts';

// A client that sends its request body one byte a second holds one connection, not the server:
// other readers are served as fast as ever meanwhile, and the slow request is answered normally
// once its body is complete. (Node's own requestTimeout, 300 s by default, ends one that never is.)

const DRIBBLE_MS = 6000;
// A reader held up by the slow client would wait the whole dribble; half of it leaves room for a
// busy machine (the suite shares two cores with builds) without hiding a real stall.
const NORMAL_LATENCY_MS = DRIBBLE_MS / 2;

let world: TestWorld;
before(async () => {
  world = await startWorld();
});
after(() => world?.stop());

interface SlowRequest {
  /** Body bytes sent so far. */
  readonly sent: number;
  /** Everything the server has answered so far. */
  readonly answer: string;
  /** Sends the rest of the body at once; resolves with the whole answer when the server closes. */
  finish(): Promise<string>;
  /** Hangs up (if it has not yet), as a client that gives up does. */
  abandon(): Promise<void>;
}

/** A raw connection asking for a new run: the headers at once, then the JSON body one byte a second. */
function slowRunRequest(): SlowRequest {
  const body = Buffer.from(JSON.stringify({ workflow: WEBAPP }));
  const socket = connect(world.port, '127.0.0.1');
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  let answer = '';
  let sent = 0;
  socket.setEncoding('utf8').on('data', (chunk: string) => (answer += chunk));
  socket.write(
    [
      'POST /__demo/runs HTTP/1.1',
      `Host: ${new URL(world.origins.docs).host}`,
      `Origin: ${world.origins.docs}`,
      'Content-Type: application/json',
      `Content-Length: ${body.length}`,
      'Connection: close',
      '',
      '',
    ].join('\r\n'),
  );
  // Stops one byte short: only finish() completes the body.
  const dribble = setInterval(() => {
    if (sent < body.length - 1) socket.write(body.subarray(sent, ++sent));
  }, 1000);
  return {
    get sent() {
      return sent;
    },
    get answer() {
      return answer;
    },
    async finish() {
      clearInterval(dribble);
      socket.write(body.subarray(sent));
      await closed;
      return answer;
    },
    async abandon() {
      clearInterval(dribble);
      socket.destroy();
      await closed;
    },
  };
}

test('bodies sent a byte a second do not slow other readers; the slow request is answered once complete', { timeout: 20_000 }, async (t) => {
  const slow = slowRunRequest();
  const quitter = slowRunRequest();
  t.after(() => Promise.all([slow.abandon(), quitter.abandon()]));
  const timings: Timing[] = [];
  const reader = new TimedBrowser(world, (timing) => timings.push(timing));
  const { docs, store } = world.origins;

  let runs = 0;
  for (const until = Date.now() + DRIBBLE_MS; Date.now() < until; runs++) {
    assert.equal((await reader.get(`${docs}/`)).status, 200);
    const run = await reader.startRun(WEBAPP);
    assert.equal((await reader.logInToServerApp(store, run.user)).status, 302);
    assert.equal((await reader.get(`${store}/shopping-cart`)).status, 200);
    assert.equal((await reader.demo('DELETE', '/run')).status, 204);
  }
  const slowest = Math.max(...timings.map((timing) => timing.latencyMs));
  t.diagnostic(`${runs} runs, ${timings.length} requests beside the slow clients; slowest ${slowest.toFixed(0)} ms`);
  assert.ok(slowest < NORMAL_LATENCY_MS, `every request of the other reader took under ${NORMAL_LATENCY_MS} ms (slowest: ${slowest.toFixed(0)} ms)`);
  assert.ok(slow.sent >= DRIBBLE_MS / 1000 - 1, `the slow client was still sending (${slow.sent} bytes)`);
  assert.equal(slow.answer, '', 'nothing is answered before the body is complete');

  await quitter.abandon();
  const answer = await slow.finish();
  assert.match(answer, /^HTTP\/1\.1 201 /, 'the completed slow request creates its run');
  assert.match(answer, /^set-cookie: demo_run=/im);

  // Still healthy after both: a whole run, start to end.
  const run = await reader.startRun(WEBAPP);
  assert.equal((await reader.logInToServerApp(store, run.user)).status, 302);
  assert.equal((await reader.demo('DELETE', '/run')).status, 204);
});
