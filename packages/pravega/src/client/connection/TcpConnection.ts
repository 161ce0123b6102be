import * as net from 'node:net';
import { ConnectionClosedError, StoreError } from '../../errors/index.ts';
import { type Answer, decodeBody, encodeFrame, FrameDecoder } from '../../wire/index.ts';
import type { Connection } from './Connection.ts';

interface PendingCall {
  resolve(v: unknown): void;
  reject(e: Error): void;
}

/**
 * A client connection over TCP. Many calls share one socket; answers are paired by id. When the socket drops,
 * outstanding calls fail with CONNECTION_CLOSED and the next call reconnects (writers resend; the store dedups).
 */
export class TcpConnection implements Connection {
  private socket: net.Socket | undefined;
  private connecting: Promise<net.Socket> | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, PendingCall>();
  private closed = false;
  private corked = false;

  constructor(
    readonly host: string,
    readonly port: number,
  ) {}

  static async connect(host: string, port: number): Promise<TcpConnection> {
    const c = new TcpConnection(host, port);
    await c.open();
    return c;
  }

  private open(): Promise<net.Socket> {
    if (this.socket) return Promise.resolve(this.socket);
    if (this.connecting) return this.connecting;
    this.connecting = new Promise<net.Socket>((resolve, reject) => {
      const socket = net.connect({ host: this.host, port: this.port });
      socket.setNoDelay(true);
      const decoder = new FrameDecoder();
      socket.once('connect', () => {
        this.socket = socket;
        this.connecting = undefined;
        resolve(socket);
      });
      socket.on('data', (chunk: Buffer) => {
        try {
          for (const body of decoder.push(chunk)) this.onAnswer(decodeBody(body) as Answer);
        } catch (e) {
          socket.destroy(e as Error);
        }
      });
      socket.on('error', (e) => {
        if (this.connecting && !this.socket) {
          this.connecting = undefined;
          reject(new ConnectionClosedError(`cannot connect to store at ${this.host}:${this.port}: ${e.message}`));
        }
      });
      socket.on('close', () => {
        if (this.socket === socket) this.socket = undefined;
        const err = new ConnectionClosedError(`connection to store at ${this.host}:${this.port} closed`);
        for (const p of this.pending.values()) p.reject(err);
        this.pending.clear();
      });
    });
    return this.connecting;
  }

  private onAnswer(a: Answer): void {
    const p = this.pending.get(a[0]);
    if (!p) return;
    this.pending.delete(a[0]);
    if (a[1] === 0) p.resolve(a[2]);
    else p.reject(new StoreError(a[2].code, a[2].message));
  }

  async call<T>(op: string, args: Record<string, unknown>): Promise<T> {
    if (this.closed) throw new ConnectionClosedError('connection closed by the client');
    const socket = this.socket ?? (await this.open());
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      // Cork while one synchronous burst of calls goes out: they leave in one write.
      if (!this.corked) {
        this.corked = true;
        socket.cork();
        process.nextTick(() => {
          this.corked = false;
          socket.uncork();
        });
      }
      socket.write(encodeFrame([id, op, args]));
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    const s = this.socket;
    this.socket = undefined;
    if (s) await new Promise<void>((resolve) => s.end(() => resolve()));
    s?.destroy();
  }
}
