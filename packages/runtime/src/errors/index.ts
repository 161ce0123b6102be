export { attributeTo, attributeToAsync, OperatorError } from './OperatorError.ts';
export { RemoteError, type SerializedError, serializeError } from './serializedError.ts';
