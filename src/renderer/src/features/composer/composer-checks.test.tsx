// @vitest-environment jsdom
/**
 * What the composer checks while the seller works: the live policy dry run (the R11 warning up
 * front, rules, category with its phrases, the R16 quota) with stale answers dropped, and the
 * attachments (R15): drop, picker and paste, each refused file with its own reason line.
 */
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DryRun, FileCheck } from '../../../../shared/contract';
import { Composer } from './Composer';
import type { FakeBackend } from '../../state/testing/fake-backend';
import { composerApi, dryRun, openReply, resetComposer, sleep } from './testing/fixtures';

let api: FakeBackend;

beforeEach(() => {
  api = composerApi();
  resetComposer(api);
});
afterEach(() => cleanup());

const body = () => screen.getByRole('textbox', { name: 'Message' }) as HTMLTextAreaElement;
const png = (name = 'photo.png', size = 1200) => new File([new Uint8Array(size).fill(7)], name, { type: 'image/png' });

function accepted(name: string, sha = 'b'.repeat(64)): FileCheck {
  return { ok: true, sha256: sha, name, size: 1200, sniffedType: 'png', problem: null, reason: null, rule: null };
}

describe('the policy dry run', () => {
  it('puts the R11 warning first and shows rules, category, phrases and the quota (R16)', async () => {
    const r11 = dryRun({
      verdict: 'deliver',
      rules: ['R10d'],
      reasons: [{ rule: 'R10d', code: 'important-tag', message: 'The subject carries [Important].' }],
      category: {
        category: 'review-request',
        necessary: false,
        confidence: 0.91,
        phrases: ['leave a review'],
        language: 'en',
      },
      warnings: [
        {
          rule: 'R11',
          code: 'important-not-necessary',
          message: '"[Important]" is only for messages needed to complete an order.',
        },
      ],
    });
    api['composer.check'].mockResolvedValue(r11);
    render(<Composer />);
    await openReply();
    const alert = await screen.findByText('Careful: misuse can cost your selling privileges');
    expect(alert.closest('[role="alert"]')?.textContent).toContain('only for messages needed to complete an order');
    const panel = screen.getByRole('complementary', { name: /Policy check/ });
    expect(panel.textContent).toContain('Will be delivered');
    expect(panel.textContent).toContain('R10d');
    expect(panel.textContent).toContain('A message whose subject contains [Important] is always delivered.');
    expect(panel.textContent).toContain('a review or feedback request');
    expect(panel.textContent).toContain('not needed to complete the order');
    expect(panel.querySelector('details')?.textContent).toContain('R12'); // the rule ids sit behind "Why?"
    expect(panel.textContent).toContain('91 % sure');
    expect(panel.textContent).toContain('leave a review');
    expect(panel.textContent).toContain('Messages left today: 598 of 616');
    expect(panel.textContent).toContain('5 × 3.2 + 600 = 616');
    expect((panel.querySelector('meter') as HTMLMeterElement).value).toBe(18);
  });

  it('asks again ~300 ms after typing stops and never shows an answer about older text', async () => {
    render(<Composer />);
    await openReply();
    await waitFor(() => expect(api['composer.check']).toHaveBeenCalledTimes(1));
    const answers: ((r: DryRun) => void)[] = [];
    api['composer.check'].mockImplementation(() => new Promise((resolve) => answers.push(resolve)));
    fireEvent.change(body(), { target: { value: 'v1' } });
    await sleep(120);
    expect(answers).toHaveLength(0); // still typing
    await waitFor(() => expect(answers).toHaveLength(1), { timeout: 600 });
    fireEvent.change(body(), { target: { value: 'v2' } });
    await waitFor(() => expect(answers).toHaveLength(2), { timeout: 600 });
    answers[1](dryRun({ verdict: 'block' }));
    await screen.findByText('Would be blocked: the buyer would not get it');
    answers[0](dryRun({ verdict: 'deliver' })); // the stale answer arrives last
    await sleep(50);
    expect(screen.queryByText('Will be delivered')).toBeNull();
    expect(api['composer.check'].mock.lastCall?.[0].body).toBe('v2');
  });
});

describe('attachments (R15)', () => {
  it('a refused file gets its own line with name, reason and rule and is not attached', async () => {
    api['files.check'].mockImplementation(async ({ name }) =>
      name === 'setup.exe'
        ? {
            ok: false,
            sha256: '',
            name,
            size: 4096,
            sniffedType: 'exe',
            problem: 'type-not-allowed',
            reason: 'setup.exe is a program (.exe), not an allowed attachment type.',
            rule: 'R15',
          }
        : accepted(name),
    );
    render(<Composer />);
    await openReply();
    const input = screen.getByTestId('file-input') as HTMLInputElement;
    fireEvent.change(input, {
      target: { files: [png(), new File(['MZ'], 'setup.exe', { type: 'application/octet-stream' })] },
    });
    const line = await screen.findByText(/setup\.exe was not attached/);
    expect(line.textContent).toBe(
      'setup.exe was not attached: setup.exe is a program (.exe), not an allowed attachment type. (R15)',
    );
    const list = screen.getByRole('list', { name: 'Attachments' });
    expect(list.textContent).toContain('photo.png');
    expect(list.textContent).not.toContain('setup.exe');
    await waitFor(() =>
      expect(api['composer.check'].mock.lastCall?.[0].attachments).toEqual([
        { sha256: 'b'.repeat(64), name: 'photo.png', type: 'image/png', size: 1200 },
      ]),
    );
    expect(api['files.check'].mock.calls[0][0]).toMatchObject({ name: 'photo.png', type: 'image/png' });
    expect(atob(api['files.check'].mock.calls[0][0].dataBase64)).toHaveLength(1200);
  });

  it('refuses a file over 10 MB without uploading it', async () => {
    render(<Composer />);
    await openReply();
    const big = png('scan.png', 10 * 1024 * 1024 + 1);
    fireEvent.change(screen.getByTestId('file-input'), { target: { files: [big] } });
    expect((await screen.findByText(/scan\.png was not attached/)).textContent).toBe(
      'scan.png was not attached: it is larger than 10 MB (R15)',
    );
    expect(api['files.check']).not.toHaveBeenCalled();
    expect(screen.queryByRole('list', { name: 'Attachments' })).toBeNull();
  });

  it('shows a drop zone while files are dragged over the composer and attaches what is dropped', async () => {
    api['files.check'].mockImplementation(async ({ name }) => accepted(name));
    render(<Composer />);
    await openReply();
    const composer = screen.getByTestId('composer');
    fireEvent.dragEnter(composer, { dataTransfer: { types: ['Files'], files: [] } });
    expect(screen.getByText('Drop files to attach them')).toBeTruthy();
    fireEvent.drop(composer, { dataTransfer: { types: ['Files'], files: [png('dropped.png')] } });
    expect(screen.queryByText('Drop files to attach them')).toBeNull();
    expect((await screen.findByRole('list', { name: 'Attachments' })).textContent).toContain('dropped.png');
  });

  it('attaches a pasted image and lets the seller remove it again', async () => {
    api['files.check'].mockImplementation(async ({ name }) => accepted(name));
    render(<Composer />);
    await openReply();
    fireEvent.paste(body(), { clipboardData: { files: [new File([new Uint8Array(10)], '', { type: 'image/png' })] } });
    expect((await screen.findByRole('list', { name: 'Attachments' })).textContent).toContain('pasted-1.png');
    fireEvent.click(screen.getByRole('button', { name: 'Remove pasted-1.png' }));
    expect(screen.queryByRole('list', { name: 'Attachments' })).toBeNull();
  });
});
