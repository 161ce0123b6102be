export {
  PravegaConnectorError,
  PravegaFormatError,
  PravegaOptionError,
  ReaderCheckpointError,
  TransactionIncompleteError,
  TransactionLostError,
  TransactionNotReadyError,
} from './PravegaConnectorError.ts';
