/**
 * The composer's attachment actions (R15): files from a drop, the picker or the clipboard are
 * checked one by one; accepted ones join the draft (and so the autosave and the dry run),
 * refused ones get a line each until the seller dismisses it. Nothing is dropped silently.
 */
import { MAX_ATTACHMENTS, checkFile, tooMany } from './files';
import { useComposer } from './store';

export async function addFiles(files: File[]): Promise<void> {
  const store = useComposer;
  if (!store.getState().isOpen || files.length === 0) return;
  const names = files.map((f, i) => f.name || `#${i + 1}`);
  store.setState((s) => ({ checkingFiles: [...s.checkingFiles, ...names] }));
  const openCount = store.getState().openCount;
  // Checked one after another so the order of the list is the order they were added in.
  for (const [index, file] of files.entries()) {
    const outcome = await checkFile(file, index);
    const s = store.getState();
    if (!s.isOpen || s.openCount !== openCount) return; // the composer closed or moved on meanwhile
    store.setState({ checkingFiles: removeOne(s.checkingFiles, names[index]) });
    if (!outcome.ok) {
      store.setState({ refused: [...s.refused, outcome.refused] });
    } else if (s.form.attachments.some((a) => a.sha256 === outcome.file.sha256)) {
      continue; // the same content twice is attached once
    } else if (s.form.attachments.length >= MAX_ATTACHMENTS) {
      store.setState({ refused: [...s.refused, tooMany(file, index)] });
    } else {
      s.update({ attachments: [...s.form.attachments, outcome.file] });
    }
  }
}

function removeOne(list: string[], name: string): string[] {
  const at = list.indexOf(name);
  return at < 0 ? list : [...list.slice(0, at), ...list.slice(at + 1)];
}

export function removeAttachment(sha256: string): void {
  const s = useComposer.getState();
  s.update({ attachments: s.form.attachments.filter((a) => a.sha256 !== sha256) });
}

export function dismissRefused(key: string): void {
  useComposer.setState((s) => ({ refused: s.refused.filter((r) => r.key !== key) }));
}
