export { GraphMismatchError } from './GraphMismatchError.ts';
export { loadJobModule } from './loadJobModule.ts';
