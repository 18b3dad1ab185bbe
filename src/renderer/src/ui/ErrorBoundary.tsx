/**
 * Each pane has its own error boundary (STYLE.md): a bug in one pane shows a message and a
 * "try again" button there, and the rest of the window keeps working.
 */
import { Component, type ReactNode } from 'react';
import { translate, useLanguage } from '../i18n';
import { uiStrings } from './strings';

interface State {
  error: Error | null;
}

export class ErrorBoundary extends Component<{ children: ReactNode; name: string }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error): void {
    console.error(`The ${this.props.name} pane failed:`, error);
  }

  override render() {
    if (!this.state.error) return this.props.children;
    const t = translate(uiStrings, useLanguage.getState().language);
    return (
      <div className="pane-error" role="alert">
        <p>{t('paneFailed', { message: this.state.error.message })}</p>
        <button type="button" className="btn btn-secondary" onClick={() => this.setState({ error: null })}>
          {t('retry')}
        </button>
      </div>
    );
  }
}
