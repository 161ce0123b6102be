export type { Connection } from './Connection.ts';
export { EmbeddedConnection } from './EmbeddedConnection.ts';
export { TcpConnection } from './TcpConnection.ts';
