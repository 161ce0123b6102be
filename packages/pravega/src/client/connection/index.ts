export type { Connection } from './Connection.ts';
export { EmbeddedConnection, type RequestHandler } from './EmbeddedConnection.ts';
export { TcpConnection } from './TcpConnection.ts';
