/**
 * The renderer's entry: install the backend client (window.parley in Electron, else the HTTP
 * bridge), the styles, and render the app. Heavy libraries (pdf.js, mammoth, utif2) load later,
 * on first use, so this chunk stays small and the inbox is interactive fast.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { api } from './api';
import { App, firstScreenReady, startLoading } from './app/App';
import { setApi } from './state/backend';
import './styles/theme.css';
import './styles/base.css';
import './styles/layout.css';

// The longest the first render waits for the status and the first rows; a slow backend gets the splash after it.
const FIRST_RENDER_WAIT_MS = 400;

setApi(api);
startLoading();

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

// The first answers are usually in (public/boot.js asked while this bundle loaded): render once, with them.
void Promise.race([firstScreenReady(), new Promise((resolve) => setTimeout(resolve, FIRST_RENDER_WAIT_MS))]).then(() =>
  createRoot(container).render(
    <StrictMode>
      <App />
    </StrictMode>,
  ),
);
