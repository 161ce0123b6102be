export type { Args } from './args.ts';
export {
  type Answer,
  decodeBody,
  encodeFrame,
  FrameDecoder,
  MAX_FRAME_BYTES,
  type Request,
  type WireError,
} from './Frames.ts';
