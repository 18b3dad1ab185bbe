/** The exit code when the policy does not let a message go: blocked, rejected, or held for --confirm (R11). */
export const EXIT_POLICY = 3;

/** Prints the result: JSON with --json (one document on stdout), else the human lines. */
export function print(json: boolean, data: unknown, lines: string[] | (() => string[])): void {
  if (json) {
    process.stdout.write(`${JSON.stringify(data, null, 2)}\n`);
    return;
  }
  const text = typeof lines === 'function' ? lines() : lines;
  if (text.length > 0) process.stdout.write(`${text.join('\n')}\n`);
}
