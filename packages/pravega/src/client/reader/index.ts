export type { EventRead } from './EventRead.ts';
export { EventStreamReader, type ReaderConfig } from './EventStreamReader.ts';
export { ReaderGroup } from './ReaderGroup.ts';
export type { ReaderGroupConfig } from './ReaderGroupConfig.ts';
export { ReaderGroupManager } from './ReaderGroupManager.ts';
