/**
 * Saved replies and signatures. Saving a template runs the policy classifier on its words (R12): one that looks like a
 * message not needed to complete an order (a review request, a confirmation) is saved with an R11 warning, which the
 * list keeps showing. Filling a template for a conversation puts in the buyer's name and the latest order's number,
 * product and tracking number and the shop's name; a variable nothing fills stays in the text as a visible gap.
 */
import type {
  FilledTemplate,
  SignatureView,
  TemplateInput,
  TemplateVariable,
  TemplateView,
  TemplateWarning,
} from '../../../shared/contract.js';
import { TEMPLATE_VARIABLES } from '../../../shared/contract.js';
import type { Language } from '../../../shared/domain.js';
import type { CoreContext } from '../context.js';
import { ParleyError } from '../errors.js';
import { classify } from '../policy/classifier.js';
import type { Seller } from '../store/sellers.js';
import type { Template } from '../store/templates.js';
import { resolveTarget } from './drafts.js';

/** The policy's view of a template: a warning when it does not look necessary (R12), else null. */
export function checkTemplate(t: Pick<Template, 'subject' | 'body' | 'language'>): TemplateWarning | null {
  // Variables are not words: the classifier reads the text as a buyer would, with the gaps left out.
  const plain = (s: string) => s.replace(/\{(\w+)\}/g, ' ');
  const c = classify(plain(t.subject), plain(t.body), t.language);
  if (c.necessary !== false || c.unsure) return null;
  return { rules: ['R11', 'R12'], category: c.category, phrases: c.phrases };
}

function view(t: Template): TemplateView {
  const { id, name, language, subject, body, updatedAt } = t;
  return { id, name, language, subject, body, updatedAt, warning: checkTemplate(t) };
}

/** The shop's templates; with `conversationId`, ENOTFOUND unless the conversation is this shop's. */
export function listTemplates(ctx: CoreContext, seller: Seller, conversationId?: number): TemplateView[] {
  if (conversationId !== undefined) resolveTarget(ctx, seller, { conversationId }, false);
  return ctx.templates.list(seller.id).map(view);
}

type ParsedTemplate = Required<Omit<TemplateInput, 'id'>> & { id?: number };

export function saveTemplate(ctx: CoreContext, seller: Seller, input: ParsedTemplate): TemplateView {
  const { id, ...fields } = input;
  if (id !== undefined && !ctx.templates.get(seller.id, id)) throw notFound(id);
  const clash = ctx.templates.byName(seller.id, fields.name);
  if (id !== undefined && clash && clash.id !== id)
    throw new ParleyError('EEXISTS', `a template named "${fields.name}" exists already`, {
      detail: { key: 'template.nameTaken', params: { name: fields.name } },
    });
  const saved = ctx.templates.save(seller.id, id, fields);
  return view(ctx.templates.get(seller.id, saved)!);
}

export function removeTemplate(ctx: CoreContext, seller: Seller, id: number): void {
  if (!ctx.templates.remove(seller.id, id)) throw notFound(id);
}

/** A template by id or name (the CLI takes either). */
export function findTemplate(ctx: CoreContext, seller: Seller, idOrName: string): Template {
  const byId = /^\d+$/.test(idOrName) ? ctx.templates.get(seller.id, Number(idOrName)) : undefined;
  const found = byId ?? ctx.templates.byName(seller.id, idOrName);
  if (!found) throw notFound(idOrName);
  return found;
}

function notFound(id: number | string): ParleyError {
  return new ParleyError('ENOTFOUND', `no template ${id}`, { detail: { key: 'template.notFound', params: { id } } });
}

/** Puts the known values in; an unknown or empty one leaves its `{variable}` in place and is named in `missing`. */
export function fillText(
  text: string,
  values: Partial<Record<TemplateVariable, string | null>>,
  missing: Set<TemplateVariable>,
): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    if (!(TEMPLATE_VARIABLES as readonly string[]).includes(name)) return whole;
    const value = values[name as TemplateVariable];
    if (value === undefined || value === null || value.trim() === '') {
      missing.add(name as TemplateVariable);
      return whole;
    }
    return value;
  });
}

export function fillTemplate(
  ctx: CoreContext,
  seller: Seller,
  input: { id: number; conversationId?: number; alias?: string; orderId?: string },
): FilledTemplate {
  const template = ctx.templates.get(seller.id, input.id);
  if (!template) throw notFound(input.id);
  const { pair } = resolveTarget(ctx, seller, input, false);
  const orders = pair ? ctx.orders.forPair(pair.id) : [];
  // The order the composer names, else the buyer's latest purchase (forPair is oldest first).
  const order = orders.find((o) => o.orderId === input.orderId) ?? orders.at(-1);
  const values: Partial<Record<TemplateVariable, string | null>> = {
    buyerName: pair?.buyerName ?? order?.buyerName,
    orderId: order?.orderId ?? input.orderId,
    productName: order?.productName,
    trackingNumber: order?.tracking,
    shopName: seller.name,
  };
  const missing = new Set<TemplateVariable>();
  const subject = fillText(template.subject, values, missing);
  const body = fillText(template.body, values, missing);
  return { subject, body, missing: TEMPLATE_VARIABLES.filter((v) => missing.has(v)) };
}

export function getSignature(ctx: CoreContext, seller: Seller, language: Language = seller.language): SignatureView {
  return { language, body: ctx.templates.signature(seller.id, language) };
}

export function setSignature(ctx: CoreContext, seller: Seller, language: Language, body: string): SignatureView {
  ctx.templates.setSignature(seller.id, language, body.replace(/\s+$/u, ''));
  return getSignature(ctx, seller, language);
}
