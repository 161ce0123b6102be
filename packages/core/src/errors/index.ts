export { DharaError, InvalidGraphError } from './DharaError.ts';
