import * as nodeZlib from 'node:zlib';

/** zlib.crc32 (Node 20.15+), typed: @types/node 20 may not declare it yet. */
export const zlib = nodeZlib as typeof nodeZlib & { crc32(data: Uint8Array | string, value?: number): number };
