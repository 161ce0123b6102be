// The floors a checkpoint's duration is compared with, measured in the same run: an fsync commit of the same bytes on
// the same disk, and a barrier-sized ping through as many threads as the job has task chains.
export { type BarrierFloor, measureBarrierFloor } from './barrierChain.ts';
export { type FsyncFloor, measureFsyncFloor } from './fsync.ts';
