import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api';
import { Field } from '../components/field';
import { useSession } from '../session';

/** Username and password; the authenticator code is asked for when the account's role needs it (ops, supervisor, admin). */
export function SignIn() {
  const { t } = useTranslation();
  const { signIn } = useSession();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [needsCode, setNeedsCode] = useState(false);
  const [error, setError] = useState<string>();
  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(undefined);
    try {
      await signIn(username.trim(), password, code.trim() || undefined);
    } catch (failure) {
      if (failure instanceof ApiError && failure.code === 'AUTH.SECOND_FACTOR_REQUIRED') {
        setNeedsCode(true);
        setError(t('signIn.needCode'));
      } else if (failure instanceof ApiError && failure.status === 429) {
        setError(t('signIn.tooMany')); // the gateway's per-address limit, not this account's fault
      } else setError(failure instanceof Error ? `${t('signIn.failed')}: ${failure.message}` : t('signIn.failed'));
    }
  }
  return (
    <form onSubmit={submit} className="sign-in" aria-labelledby="sign-in-title">
      <h1 id="sign-in-title">{t('signIn.title')}</h1>
      <Field label={t('signIn.username')}>
        <input name="username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} />
      </Field>
      <Field label={t('signIn.password')}>
        <input
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </Field>
      {needsCode && (
        <Field label={t('signIn.code')}>
          <input name="totp" inputMode="numeric" autoComplete="one-time-code" value={code} onChange={(e) => setCode(e.target.value)} />
        </Field>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit">{t('signIn.submit')}</button>
    </form>
  );
}
