export { openClient, parseControllerUri, type StoreAddress } from './connect.ts';
