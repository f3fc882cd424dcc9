import { useState } from 'preact/hooks';
import { api } from '../api';
import { Icon } from '../components/Icon';
import { Page } from '../components/Page';
import { formatTime } from '../format';
import { Checkbox, TextField } from '../forms/fields';
import { FormAlert, SubmitButton, useForm } from '../forms/form';
import { useI18n } from '../i18n/context';
import { Link, safeNext, useRouter } from '../router';
import { useSession } from '../session';
import type { Session } from '../types';

/** One form for everyone: e-mail or phone, and password or PIN. */
export function LoginScreen() {
  const { t, lang } = useI18n();
  const { query, navigate } = useRouter();
  const session = useSession();
  const [login, setLogin] = useState('');
  const [secret, setSecret] = useState('');
  const [show, setShow] = useState(false);
  const form = useForm({
    known: (k) => k === 'login' || k === 'secret',
    // 429: say when to try again, from Retry-After.
    explain: (err) =>
      err.status === 429 && err.retryAfter !== null
        ? t('login.tryAgainAt', { time: formatTime(new Date(Date.now() + err.retryAfter * 1000), lang) })
        : null,
  });

  const onSubmit = (e: Event) => {
    e.preventDefault();
    const errors: Record<string, string> = {};
    if (!login.trim()) errors.login = t('login.loginMissing');
    if (!secret) errors.secret = t('login.secretMissing');
    if (Object.keys(errors).length > 0) {
      form.fail(errors);
      return;
    }
    void form.submit(async () => {
      const s = await api<Session>('POST', '/login', {
        body: { login: login.trim(), secret },
        expect401: true,
      });
      session.signIn(s);
      navigate(safeNext(query.get('next')), { replace: true });
    });
  };

  return (
    <Page title={t('login.title')} intro={t('login.intro')}>
      <form class="form" ref={form.ref} onSubmit={onSubmit} noValidate data-testid="login-form">
        <FormAlert messages={form.alert} testid="login-error" />
        <TextField
          name="login"
          label={t('login.login')}
          hint={t('login.loginHint')}
          value={login}
          onValue={(v) => {
            setLogin(v);
            form.clear('login');
          }}
          error={form.errors.login}
          autocomplete="username"
          autocapitalize="none"
          spellcheck={false}
        />
        <TextField
          name="secret"
          type={show ? 'text' : 'password'}
          label={t('login.secret')}
          hint={t('login.secretHint')}
          value={secret}
          onValue={(v) => {
            setSecret(v);
            form.clear('secret');
          }}
          error={form.errors.secret}
          autocomplete="current-password"
          autocapitalize="none"
          spellcheck={false}
        />
        <Checkbox name="show_secret" label={t('form.showSecret')} checked={show} onChecked={setShow} />
        <SubmitButton label={t('login.submit')} busy={form.busy} icon="signIn" testid="login-submit" />
      </form>
      <div class="aside">
        <p>{t('login.forgot')}</p>
        <p>{t('login.noAccount')}</p>
        <Link class="button button--secondary" href="/signup" data-testid="login-to-signup">
          <Icon name="userPlus" />
          {t('landing.signUp')}
        </Link>
      </div>
    </Page>
  );
}
