export { LOCK_FILE, StoreLockedError } from './DirectoryLock.ts';
export { StoreEngine, type StoreOptions } from './StoreEngine.ts';
export { StoreService } from './StoreService.ts';
export { TcpServer } from './TcpServer.ts';
