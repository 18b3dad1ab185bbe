/** The code of a ContractError `{ code, message }` crossing the boundary, or null for anything else. */
export function contractCode(error: unknown): string | null {
  if (error && typeof error === 'object' && 'code' in error) return String((error as { code: unknown }).code);
  return null;
}
