/** `?`: every keyboard shortcut of the inbox. */
import { useStrings } from '../i18n';
import { Dialog } from '../ui/Dialog';
import { appStrings } from './strings';

const SHORTCUTS: { keys: string[][]; what: keyof typeof appStrings }[] = [
  { keys: [['j'], ['k']], what: 'key-jk' },
  { keys: [['Enter'], ['o']], what: 'key-open' },
  { keys: [['u']], what: 'key-u' },
  { keys: [['r']], what: 'key-r' },
  { keys: [['c']], what: 'key-c' },
  { keys: [['/']], what: 'key-search' },
  { keys: [['Esc']], what: 'key-esc' },
  { keys: [['Ctrl', 'Enter']], what: 'key-send' },
  { keys: [['Ctrl', 'Shift', 'E']], what: 'key-template' },
  { keys: [['?']], what: 'key-help' },
];

export function ShortcutsDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const t = useStrings(appStrings);
  return (
    <Dialog open={open} onClose={onClose} title={t('shortcuts')} size="small" testId="shortcuts-dialog">
      <table className="shortcuts">
        <tbody>
          {SHORTCUTS.map((s) => (
            <tr key={s.what}>
              <td>
                {s.keys.map((combo, i) => (
                  <span key={i}>
                    {i > 0 && <span className="muted"> {s.what === 'key-jk' ? '/' : t('or')} </span>}
                    {combo.map((k, j) => (
                      <span key={k}>
                        {j > 0 && ' + '}
                        <kbd>{k}</kbd>
                      </span>
                    ))}
                  </span>
                ))}
              </td>
              <td>{t(s.what)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Dialog>
  );
}
