export type { PravegaTableContext } from './controller.ts';
export { parseDuration } from './duration.ts';
export { FORMATS, type PravegaFormat, parseFormat, serializerFor } from './formats.ts';
export { COMMON_KEYS, type OptionKey, SCAN_KEYS, SINK_KEYS, UNSUPPORTED_KEYS } from './optionKeys.ts';
export { PravegaTable } from './PravegaTable.ts';
