import type { Translate } from '../i18n';

export interface Toast {
  id: number;
  text: string;
  kind: 'info' | 'success' | 'error';
}

/** In-page notices, read out by screen readers as they arrive (a polite live region). */
export function Toasts(props: { toasts: Toast[]; onClose: (id: number) => void; t: Translate }) {
  return (
    <section class="toasts" aria-live="polite" aria-label={props.t('notifications')}>
      {props.toasts.map((toast) => (
        <div key={toast.id} class={`toast toast-${toast.kind}`} role={toast.kind === 'error' ? 'alert' : 'status'}>
          <span>{toast.text}</span>
          <button type="button" class="link" onClick={() => props.onClose(toast.id)}>
            {props.t('close')}
          </button>
        </div>
      ))}
    </section>
  );
}
