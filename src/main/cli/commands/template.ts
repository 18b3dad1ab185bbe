import { templateInputSchema, type TemplateView } from '../../../shared/contract.js';
import { findTemplate, listTemplates, removeTemplate, saveTemplate } from '../../core/app/templates.js';
import type { CoreContext } from '../../core/context.js';
import { templateMisuse } from '../../core/policy/urgent-words.js';
import { parse, required, UsageError } from '../args.js';
import { BODY_LIMIT, readStdin, readUserFile } from '../files.js';
import { print } from '../output.js';

const OPTIONS = {
  seller: { type: 'string' },
  name: { type: 'string' },
  lang: { type: 'string' },
  subject: { type: 'string' },
  'body-file': { type: 'string' },
  id: { type: 'string' },
} as const;

const USAGE =
  'parley template add --seller ID --name NAME [--lang de|en] [--subject TEXT] [--body-file FILE] (else stdin)' +
  ' | parley template list --seller ID | parley template remove --seller ID --id N|--name NAME';

const seller = (ctx: CoreContext, id: string) => ctx.sellers.require(id);

function lines(templates: TemplateView[]): string[] {
  if (templates.length === 0) return ['no saved replies'];
  return templates.flatMap((t) => [
    `${t.id}  ${t.name}  (${t.language})${t.subject ? `  subject: ${t.subject}` : ''}`,
    ...(t.warning ? [`    warning: ${templateMisuse(t.warning).en}`] : []),
  ]);
}

/** `parley template add|list|remove`: the seller's saved replies, checked by the policy engine when saved (R11/R12). */
export async function templateCommand(
  open: (v: Record<string, unknown>) => CoreContext,
  argv: string[],
): Promise<void> {
  const [sub, ...rest] = argv;
  const { values, positionals } = parse(rest, OPTIONS);
  if (positionals.length > 0) throw new UsageError(USAGE);
  switch (sub) {
    case 'add': {
      const file = values['body-file'];
      const body = (
        file === undefined || file === '-'
          ? await readStdin('--body-file', BODY_LIMIT)
          : readUserFile('--body-file', file, BODY_LIMIT)
      ).toString('utf8');
      const parsed = templateInputSchema.safeParse({
        name: required(values, 'name'),
        language: values.lang ?? 'de', // the shop's when not given (below)
        subject: values.subject ?? '',
        body,
      });
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const field = { language: '--lang', body: 'the body' }[String(issue.path[0])] ?? `--${String(issue.path[0])}`;
        throw new UsageError(`${field}: ${issue.message}`);
      }
      const ctx = open(values);
      const shop = seller(ctx, required(values, 'seller'));
      const input = { ...parsed.data, language: values.lang === undefined ? shop.language : parsed.data.language };
      const saved = saveTemplate(ctx, shop, input);
      print(Boolean(values.json), { template: saved }, () => [
        `saved "${saved.name}" (${saved.id})`,
        ...(saved.warning ? [`warning: ${templateMisuse(saved.warning).en}`] : []),
      ]);
      return;
    }
    case 'list': {
      const ctx = open(values);
      const templates = listTemplates(ctx, seller(ctx, required(values, 'seller')));
      print(Boolean(values.json), { templates }, () => lines(templates));
      return;
    }
    case 'remove': {
      const which = values.id ?? values.name;
      if (which === undefined) throw new UsageError('parley template remove --seller ID --id N|--name NAME');
      const ctx = open(values);
      const shop = seller(ctx, required(values, 'seller'));
      const found = findTemplate(ctx, shop, which);
      removeTemplate(ctx, shop, found.id);
      print(Boolean(values.json), { removed: found.id }, () => [`removed "${found.name}"`]);
      return;
    }
    default:
      throw new UsageError(USAGE);
  }
}
