export { type Args, bytes, int, list, name, num, optCut, optInt, optStr, str } from './args.ts';
export {
  type Answer,
  decodeBody,
  encodeFrame,
  FrameDecoder,
  MAX_FRAME_BYTES,
  type Request,
  type WireError,
} from './Frames.ts';
