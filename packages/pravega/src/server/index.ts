export { PravegaStore } from './PravegaStore.ts';
export type { StoreOptions } from './StoreEngine.ts';
