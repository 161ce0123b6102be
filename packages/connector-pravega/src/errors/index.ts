export {
  PravegaConnectorError,
  PravegaOptionError,
  ReaderCheckpointError,
  TransactionIncompleteError,
  TransactionLostError,
  TransactionNotReadyError,
} from './PravegaConnectorError.ts';
