/** `chunk` encoded for SMTP DATA; `lastByte` is the byte before it (false at the message's start). */
export function stuffDots(chunk: Buffer, lastByte: number | false): Buffer;
/** A DataStream's `_transform` with `stuffDots` (called with the stream as `this`). */
export function stuffingTransform(
  this: unknown,
  chunk: Buffer | string,
  encoding: BufferEncoding | null,
  done: () => void,
): void;
