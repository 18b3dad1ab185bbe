/** How the contract declares a call: an input schema and an output type (contract.ts and its parts). */
import type { z } from 'zod';

/** A call: its input schema, and its output type carried as a phantom. */
export interface CallDef<I extends z.ZodType, O> {
  input: I;
  /** Type only; undefined at run time. */
  output: O;
}

export function call<O>() {
  return <I extends z.ZodType>(input: I): CallDef<I, O> => ({ input, output: undefined as unknown as O });
}
