export { PravegaStore } from './PravegaStore.ts';
