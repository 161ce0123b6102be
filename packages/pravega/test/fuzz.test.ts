import * as net from 'node:net';
import fc from 'fast-check';
import { pack } from 'msgpackr';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PravegaStore } from '../src/index.ts';
import { tempDir } from './helpers.ts';

function frame(body: Uint8Array): Buffer {
  const b = Buffer.allocUnsafe(4 + body.length);
  b.writeUInt32BE(body.length, 0);
  b.set(body, 4);
  return b;
}

/** Send raw bytes on a fresh socket; collect what comes back within `ms`. */
function exchange(port: number, bytes: Buffer, ms = 60): Promise<Buffer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const s = net.connect(port, '127.0.0.1', () => s.write(bytes));
    s.on('data', (d) => chunks.push(d));
    s.on('error', () => {});
    setTimeout(() => {
      s.destroy();
      resolve(Buffer.concat(chunks));
    }, ms);
  });
}

describe('server fuzzing with malformed frames', () => {
  let tmp: ReturnType<typeof tempDir>;
  let store: PravegaStore;
  let port: number;
  beforeAll(async () => {
    tmp = tempDir();
    store = await PravegaStore.open({ dir: tmp.dir });
    port = await store.listen(0);
  });
  afterAll(async () => {
    await store.close();
    tmp.remove();
  });

  const healthy = async () => {
    const answer = await exchange(port, frame(pack([7, 'listScopes', {}])));
    expect(answer.length).toBeGreaterThan(4);
  };

  it('answers random frames, truncated frames and garbage with errors and keeps serving', async () => {
    const ops = ['append', 'read', 'createStream', 'scaleStream', 'commitTxn', 'getTxn', 'truncateStream', 'nope'];
    const request = fc.tuple(fc.integer(), fc.constantFrom(...ops), fc.dictionary(fc.string(), fc.anything()));
    const arbitraryFrame = fc.oneof(
      fc.uint8Array({ maxLength: 200 }).map((b) => frame(b)),
      fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b)),
      request.map((r) => frame(pack(r))),
      fc.tuple(request, fc.nat()).map(([r, cut]) => {
        const f = frame(pack(r));
        return f.subarray(0, cut % f.length);
      }),
      fc.anything().map((v) => frame(pack(v))),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(arbitraryFrame, { minLength: 1, maxLength: 4 }), async (frames) => {
        await exchange(port, Buffer.concat(frames), 20);
      }),
      { numRuns: 150 },
    );
    await healthy();
    // A well-formed frame with a bad request gets a typed error answer.
    const answer = await exchange(port, frame(pack([1, 'append', { scope: 5 }])));
    expect(answer.toString('latin1')).toContain('INVALID_ARGUMENT');
    const garbage = await exchange(port, frame(Buffer.from([0xc1, 0xc1])));
    expect(garbage.toString('latin1')).toContain('MALFORMED_FRAME');
    const huge = await exchange(port, Buffer.from([0xff, 0xff, 0xff, 0xff, 1, 2]));
    expect(huge.toString('latin1')).toContain('MALFORMED_FRAME');
    await healthy();
  }, 60_000);
});
