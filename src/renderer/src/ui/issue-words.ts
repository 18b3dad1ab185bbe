/** A zod issue from the contract's schemas in the seller's words (zod's own are English and technical). */
import type { z } from 'zod';

type IssueKey = 'issue.required' | 'issue.email' | 'issue.format' | 'issue.tooLong';

export function issueWords(
  issue: z.core.$ZodIssue,
  t: (key: IssueKey, vars?: Record<string, string>) => string,
): string {
  if (issue.code === 'too_small') return t('issue.required');
  if (issue.code === 'too_big') return t('issue.tooLong');
  if (issue.code === 'invalid_format')
    return issue.format === 'email' ? t('issue.email') : t('issue.format', { example: issue.message });
  return issue.message;
}
