import { useState } from 'preact/hooks';
import { describeError } from '../api';
import type { Translate } from '../i18n';
import { Session, openSession } from '../session';

/** The key is offered only by a development server, as a meta tag (see src/http/console.route.ts). */
function demoKey(): string {
  return document.querySelector<HTMLMetaElement>('meta[name="demo-key"]')?.content ?? '';
}

export function SignInScreen(props: { onSession: (session: Session) => void; t: Translate }) {
  const { t } = props;
  const offered = demoKey();
  const [key, setKey] = useState(offered);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      props.onSession(await openSession(key.trim()));
    } catch (caught) {
      setError(describeError(t, caught));
      setBusy(false);
    }
  };

  return (
    <section class="panel narrow" aria-labelledby="sign-in-title">
      <h2 id="sign-in-title">{t('signInTitle')}</h2>
      <p>{t('signInIntro')}</p>
      <form onSubmit={submit}>
        <label class="block">
          {t('apiKey')}
          <input
            id="api-key"
            type="password"
            autoComplete="off"
            spellcheck={false}
            required
            value={key}
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={error ? 'sign-in-error' : undefined}
            onInput={(e) => setKey(e.currentTarget.value)}
          />
        </label>
        {offered && <p class="hint">{t('demoKeyHint')}</p>}
        {error && (
          <p class="error" role="alert" id="sign-in-error">
            {error}
          </p>
        )}
        <button type="submit" class="primary" disabled={busy}>
          {busy ? t('signingIn') : t('signIn')}
        </button>
      </form>
      <p class="hint">
        <a href="/graphql">/graphql</a> · <a href="/healthz">/healthz</a>
      </p>
    </section>
  );
}
