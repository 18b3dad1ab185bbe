// @vitest-environment jsdom
/**
 * Attachments (R15): every file listed with name, size and type; removed ones struck through
 * with the reason; previews from attachment.get; Open and Save.
 */
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { useLanguage } from '../../i18n';
import { setApi } from '../../state/backend';
import { createFakeBackend } from '../../state/testing/fake-backend';
import { message } from '../../state/testing/fake-data';
import { useRendererTestEnv } from '../../app/testing/setup';
import { AttachmentList } from './AttachmentList';
import { previewKind } from './load';

const b64 = (text: string) => btoa(text);

function renderList(attachments: Parameters<typeof message>[2]) {
  const api = createFakeBackend({
    files: {
      2: { contentType: 'image/png', dataBase64: 'iVBORw0KGgo=' },
      4: { contentType: 'text/plain', dataBase64: b64('width 40 cm\nheight 25 cm') },
      6: { contentType: 'application/msword', dataBase64: b64('doc') },
    },
  });
  setApi(api);
  render(<AttachmentList message={message(1, 0, attachments)} />);
  return api;
}

const att = (id: number, filename: string, sniffedType: string, extra = {}) => ({
  id,
  filename,
  sniffedType,
  declaredType: 'application/octet-stream',
  size: 12_004,
  removed: false,
  removedWhy: null,
  contentId: null,
  addressInside: false,
  ...extra,
});

describe('attachments', () => {
  useRendererTestEnv();

  it('lists each file with name, size and type; a removed one struck through with the reason (R15)', () => {
    renderList({
      attachments: [
        att(2, 'damage.png', 'png'),
        att(7, 'invoice.exe', 'exe', { removed: true, removedWhy: 'type not allowed (.exe)' }),
      ],
    });
    const [png, exe] = screen.getAllByTestId('attachment');
    expect(png.textContent).toContain('damage.png');
    expect(png.textContent).toContain('12 KB · PNG');
    expect(exe.dataset.removed).toBe('true');
    expect(exe.querySelector('s')?.textContent).toBe('invoice.exe');
    expect(exe.textContent).toContain('Removed by the relay: type not allowed (.exe)');
    expect(within(exe).queryByRole('button')).toBeNull();
  });

  it("warns when a file's content names the hidden address: the buyer's, or the seller's own (R5, R6)", () => {
    renderList({ attachments: [att(2, 'scan.png', 'png', { addressInside: true }), att(4, 'notes.txt', 'txt')] });
    const [scan, notes] = screen.getAllByTestId('attachment');
    expect(within(scan).getByRole('note').textContent).toContain("This file contains the buyer's own e-mail address");
    expect(within(notes).queryByRole('note')).toBeNull();
  });

  it("words the warning for the seller's own message: the buyer can see the seller's address (R6)", () => {
    setApi(createFakeBackend({}));
    const own = message(1, 1, { attachments: [att(2, 'label.pdf', 'pdf', { addressInside: true })] });
    render(<AttachmentList message={own} />);
    expect(screen.getByRole('note').textContent).toContain('This file contains your e-mail address');
    expect(screen.getByRole('note').textContent).toContain('the buyer can see it');
  });

  it('words the warning in German too', () => {
    useLanguage.setState({ language: 'de' });
    renderList({ attachments: [att(2, 'scan.png', 'png', { addressInside: true })] });
    expect(screen.getByRole('note').textContent).toContain('Diese Datei enthält die eigene E-Mail-Adresse des Käufers');
  });

  it('previews an image from attachment.get and opens it in the viewer', async () => {
    const api = renderList({ attachments: [att(2, 'damage.png', 'png')] });
    const preview = screen.getByTestId('attachment-preview');
    await waitFor(() => expect(preview.querySelector('img')?.getAttribute('src')).toMatch(/^blob:/));
    expect(api.calls.find((c) => c.name === 'attachment.get')?.input).toEqual({ messageId: 1000, attachmentId: 2 });
    fireEvent.click(screen.getByRole('button', { name: 'Open damage.png' }) as HTMLElement);
    const viewer = await screen.findByRole('dialog', { name: 'damage.png' });
    expect(within(viewer).getByRole('img', { name: 'damage.png' }).getAttribute('src')).toMatch(/^blob:/);
    expect(within(viewer).getByRole('link', { name: 'Save' }).getAttribute('download')).toBe('damage.png');
  });

  it('shows text files as text', async () => {
    renderList({ attachments: [att(4, 'notes.txt', 'txt')] });
    await waitFor(() => expect(screen.getByTestId('attachment-preview').textContent).toContain('width 40 cm'));
  });

  it('shows a .doc as a file card and saves it through a download link', async () => {
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    renderList({ attachments: [att(6, 'old-letter.doc', 'doc')] });
    expect(screen.getByTestId('attachment-preview').dataset.kind).toBe('doc');
    fireEvent.click(screen.getByRole('button', { name: 'Save old-letter.doc' }));
    await waitFor(() => expect(click).toHaveBeenCalled());
    const link = click.mock.contexts[0] as HTMLAnchorElement;
    expect(link.download).toBe('old-letter.doc');
    expect(link.href).toMatch(/^blob:/);
    fireEvent.click(screen.getByRole('button', { name: 'Open old-letter.doc' }));
    expect((await screen.findByRole('dialog')).textContent).toContain('Word 97–2003 document: no preview');
    click.mockRestore();
  });

  it('leaves inline parts of an HTML message to its body', () => {
    const api = createFakeBackend();
    setApi(api);
    const { container } = render(
      <AttachmentList
        message={message(2, 2, { hasHtml: true, attachments: [att(8, 'logo.png', 'png', { contentId: 'logo@shop' })] })}
      />,
    );
    expect(container.textContent).toBe('');
  });

  it('chooses the preview by content first, by name second', () => {
    const cases: [string, string, string][] = [
      ['scan.tif', 'tiff', 'tiff'],
      ['a.pdf', 'pdf', 'pdf'],
      ['photo.jpg', 'jpeg', 'image'],
      ['letter.docx', 'docx', 'docx'],
      ['notes.txt', 'unknown', 'text'],
      ['invoice.pdf', 'exe', 'other'], // an executable named .pdf gets no preview
    ];
    for (const [filename, sniffedType, kind] of cases)
      expect(previewKind({ filename, sniffedType }), filename).toBe(kind);
  });
});
