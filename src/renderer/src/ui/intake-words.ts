/**
 * A mailbox of the IMAP intake in words, German and English: its state for Settings and the status bar, the last
 * check as "vor 1 Min." / "1 min ago", and a failure through the error strings (api/errors.ts).
 */
import type { IntakeProblem, IntakeStatus } from '../../../shared/contract';
import type { Language } from '../../../shared/domain';
import { failure } from '../api/errors';
import { defineStrings, type Translate } from '../i18n';
import { listTime, timeAgo } from './format';

export const intakeWords = defineStrings({
  connecting: { en: 'Connecting …', de: 'Verbindung wird aufgebaut …' },
  idle: { en: 'Connected: new mail arrives at once (IDLE)', de: 'Verbunden: neue Post kommt sofort an (IDLE)' },
  polling: {
    en: 'Connected: checking every {seconds} s (the server has no IDLE)',
    de: 'Verbunden: prüft alle {seconds} s (der Server kann kein IDLE)',
  },
  pollingRegularly: {
    en: 'Connected: checking regularly (the server has no IDLE)',
    de: 'Verbunden: prüft regelmäßig (der Server kann kein IDLE)',
  },
  fetching: { en: 'Fetching new mail …', de: 'Neue Post wird abgeholt …' },
  retrying: { en: 'Not connected: {error}', de: 'Nicht verbunden: {error}' },
  retryAt: { en: 'Retrying at {time}.', de: 'Neuer Versuch um {time}.' },
  retrySoon: { en: 'Retrying shortly.', de: 'Neuer Versuch in Kürze.' },
  stopped: { en: 'Stopped', de: 'Angehalten' },
  lastCheck: { en: 'Last check {ago}', de: 'Zuletzt geprüft {ago}' },
  notChecked: { en: 'Not checked yet', de: 'Noch nicht geprüft' },
  counts: { en: '{recorded} received, {held} held', de: '{recorded} empfangen, {held} zurückgehalten' },
  barOk: { en: 'Mailbox connected · {ago}', de: 'Postfach verbunden · {ago}' },
  barOkNever: { en: 'Mailbox connected', de: 'Postfach verbunden' },
  barBusy: { en: 'Mailbox connecting …', de: 'Postfach wird verbunden …' },
  barError: { en: 'Mailbox: {error}', de: 'Postfach: {error}' },
  barStopped: { en: 'Mailbox stopped', de: 'Postfach angehalten' },
});

type T = Translate<typeof intakeWords>;

/** How a state looks: a green, grey, red or neutral dot. */
export type IntakeTone = 'ok' | 'busy' | 'error' | 'stopped';

export function intakeTone(s: IntakeStatus): IntakeTone {
  if (s.state === 'retrying' || (s.lastError && s.state !== 'idle' && s.state !== 'polling')) return 'error';
  if (s.state === 'stopped') return 'stopped';
  if (s.state === 'connecting') return 'busy';
  return 'ok';
}

/** A failure of the intake in the seller's language (the key's words, else the code's). */
export function intakeProblem(problem: IntakeProblem): string {
  return failure({ code: problem.code, message: problem.message, key: problem.key, params: problem.params }).message;
}

/** The state in one sentence (Settings). */
export function intakeStateText(s: IntakeStatus, t: T, now: number, language: Language): string {
  switch (s.state) {
    case 'connecting':
      return t('connecting');
    case 'idle':
      return t('idle');
    case 'polling':
      return s.pollSeconds ? t('polling', { seconds: s.pollSeconds }) : t('pollingRegularly');
    case 'fetching':
      return t('fetching');
    case 'stopped':
      return t('stopped');
    case 'retrying': {
      const error = s.lastError ? intakeProblem(s.lastError) : '—';
      const when = s.nextRetryAt ? t('retryAt', { time: listTime(s.nextRetryAt, now, language) }) : t('retrySoon');
      return `${t('retrying', { error })} ${when}`;
    }
  }
}

/** The status bar's short form of all the shop's mailboxes: the worst state wins. */
export function intakeBarText(
  all: IntakeStatus[],
  t: T,
  now: number,
  language: Language,
): { tone: IntakeTone; text: string } {
  const failing = all.find((s) => intakeTone(s) === 'error');
  if (failing)
    return {
      tone: 'error',
      text: t('barError', { error: failing.lastError ? intakeProblem(failing.lastError) : '—' }),
    };
  if (all.some((s) => intakeTone(s) === 'busy')) return { tone: 'busy', text: t('barBusy') };
  if (all.every((s) => s.state === 'stopped')) return { tone: 'stopped', text: t('barStopped') };
  // A mailbox waiting with IDLE hears of new mail at once: its last check time says nothing, "connected" says it all.
  const checks = all
    .filter((s) => s.state !== 'idle')
    .map((s) => s.lastCheckAt)
    .filter((c): c is string => c !== null);
  const latest = checks.sort().at(-1);
  return {
    tone: 'ok',
    text: latest ? t('barOk', { ago: timeAgo(latest, now, language) }) : t('barOkNever'),
  };
}
