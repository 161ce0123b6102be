import * as net from 'node:net';
import { type Answer, decodeBody, encodeFrame, FrameDecoder } from '../wire/index.ts';
import { type StoreService, toWireError } from './StoreService.ts';

/**
 * Serves the store over TCP. A malformed frame gets an error answer (id -1 when no id could be read); a length
 * prefix out of bounds cannot be resynchronised, so that connection is answered and closed. Others keep working.
 */
export class TcpServer {
  private readonly server: net.Server;
  private readonly sockets = new Set<net.Socket>();

  private constructor(private readonly service: StoreService) {
    this.server = net.createServer((socket) => this.serve(socket));
  }

  static async listen(service: StoreService, port: number, host = '127.0.0.1'): Promise<TcpServer> {
    const s = new TcpServer(service);
    await new Promise<void>((resolve, reject) => {
      s.server.once('error', reject);
      s.server.listen(port, host, () => {
        s.server.off('error', reject);
        resolve();
      });
    });
    return s;
  }

  get port(): number {
    return (this.server.address() as net.AddressInfo).port;
  }

  private serve(socket: net.Socket): void {
    this.sockets.add(socket);
    socket.setNoDelay(true);
    const decoder = new FrameDecoder();
    const send = (answer: Answer): void => {
      if (!socket.destroyed) socket.write(encodeFrame(answer));
    };
    socket.on('data', (chunk: Buffer) => {
      let bodies: Buffer[];
      try {
        bodies = decoder.push(chunk);
      } catch (e) {
        send([-1, 1, { code: 'MALFORMED_FRAME', message: (e as Error).message }]);
        socket.end();
        return;
      }
      for (const body of bodies) this.onFrame(body, send);
    });
    socket.on('error', () => {});
    socket.on('close', () => this.sockets.delete(socket));
  }

  private onFrame(body: Buffer, send: (a: Answer) => void): void {
    let req: unknown;
    try {
      req = decodeBody(body);
    } catch (e) {
      send([-1, 1, { code: 'MALFORMED_FRAME', message: `undecodable frame: ${(e as Error).message}` }]);
      return;
    }
    if (!Array.isArray(req) || req.length !== 3 || typeof req[0] !== 'number') {
      const id = Array.isArray(req) && typeof req[0] === 'number' ? req[0] : -1;
      send([id, 1, { code: 'MALFORMED_FRAME', message: 'a request is [id, op, args]' }]);
      return;
    }
    const id = req[0];
    this.service.handle(req[1], req[2]).then(
      (result) => send([id, 0, result ?? null]),
      (e) => send([id, 1, toWireError(e)]),
    );
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
