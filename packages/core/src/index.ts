// @dhara/core: the contracts a job author and a connector author see. No threads, no I/O.
export * from './basics/index.ts';
export * from './checkpoint/index.ts';
export * from './datastream/index.ts';
export * from './environment/index.ts';
export * from './errors/index.ts';
export * from './functions/index.ts';
export * from './graph/index.ts';
export * from './job/index.ts';
export * from './keyed/index.ts';
export * from './sink/index.ts';
export * from './source/index.ts';
export * from './state/index.ts';
export * from './time/index.ts';
export * from './windowing/index.ts';
