/**
 * The web bridge refused this page's token: an old link (each data folder keeps one until Settings' "New link") or
 * one without its token. "Try again" would fail the same way, so the page says where the current link is instead.
 */
import { defineStrings, useStrings } from '../i18n';
import './bridge-stale.css';

const strings = defineStrings({
  staleTitle: { en: 'This link is old', de: 'Dieser Link ist veraltet' },
  missingTitle: { en: 'This page needs its link', de: 'Diese Seite braucht ihren Link' },
  where: {
    en: 'The current link is printed in the terminal where parley serve or npm start runs, in the line “web bridge: http://127.0.0.1:…/#token=…”. Open that link; it stays valid when Parley restarts.',
    de: 'Den aktuellen Link zeigt das Terminal, in dem parley serve oder npm start läuft, in der Zeile „web bridge: http://127.0.0.1:…/#token=…“. Öffnen Sie diesen Link; er bleibt gültig, wenn Parley neu startet.',
  },
});

export function BridgeStale({ stale }: { stale: boolean }) {
  const t = useStrings(strings);
  return (
    <div className="splash bridge-stale" role="alert" data-testid="bridge-stale">
      <h1>{t(stale ? 'staleTitle' : 'missingTitle')}</h1>
      <p>{t('where')}</p>
    </div>
  );
}
