export { Transaction, type TransactionStatus } from './Transaction.ts';
export { TransactionalEventWriter, type TransactionalWriterConfig } from './TransactionalEventWriter.ts';
