// /invite#TOKEN: the link a coach (or an admin) sends. The token is in the fragment so that it
// never reaches a server log; we read it once and take it out of the address bar at once, so
// it stays in no history entry, bookmark or screenshot of the address bar.
import { useEffect, useState } from 'preact/hooks';
import { api, ApiError } from '../api';
import { Icon } from '../components/Icon';
import { Loading, Page } from '../components/Page';
import { Checkbox, TextField } from '../forms/fields';
import { type FieldErrors, FormAlert, messageOf, SubmitButton, useForm } from '../forms/form';
import { PASSWORD_MIN, passwordTooShort, pinDigits, pinProblem } from '../forms/rules';
import type { Translate } from '../i18n';
import { useI18n } from '../i18n/context';
import { markJoined } from '../push';
import { Link, useRouter } from '../router';
import { useSession } from '../session';
import type { InviteLookup, Session } from '../types';

/** Reads the token from location.hash and removes it from the address bar and history. */
export function takeInviteToken(): string {
  const token = decodeURIComponent(window.location.hash.replace(/^#/, '')).trim();
  if (window.location.hash) {
    window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search);
  }
  return token;
}

type State =
  | { status: 'loading' }
  | { status: 'invalid' }
  | { status: 'error'; message: string }
  | { status: 'ready'; invite: InviteLookup };

export function InviteScreen() {
  const { t } = useI18n();
  // Read once, before the first paint.
  const [token] = useState(takeInviteToken);
  const [state, setState] = useState<State>(token ? { status: 'loading' } : { status: 'invalid' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (!token) return;
    let live = true;
    setState({ status: 'loading' });
    api<InviteLookup>('POST', '/invites/lookup', { body: { token }, expect401: true }).then(
      (invite) => live && setState({ status: 'ready', invite }),
      (err: unknown) => {
        if (!live) return;
        if (err instanceof ApiError && (err.status === 404 || err.status === 410 || err.status === 422)) {
          setState({ status: 'invalid' });
        } else setState({ status: 'error', message: messageOf(err, t) });
      },
    );
    return () => {
      live = false;
    };
  }, [token, attempt]);

  switch (state.status) {
    case 'loading':
      return <Loading />;
    case 'invalid':
      return <InviteInvalid />;
    case 'error':
      return (
        <Page title={t('invite.title')}>
          <div class="notice notice--error" role="alert">
            <p class="notice__text">
              <Icon name="alert" />
              <span>{state.message}</span>
            </p>
            <button type="button" class="button" onClick={() => setAttempt((n) => n + 1)}>
              <Icon name="refresh" />
              {t('common.retry')}
            </button>
          </div>
        </Page>
      );
    case 'ready':
      return <ChooseSecret token={token} invite={state.invite} onInvalid={() => setState({ status: 'invalid' })} />;
  }
}

function InviteInvalid() {
  const { t } = useI18n();
  return (
    <div class="page" data-testid="invite-invalid">
      <h1 class="page__title" tabIndex={-1}>
        {t('invite.invalidTitle')}
      </h1>
      <div class="empty">
        <span class="empty__icon">
          <Icon name="mail" />
        </span>
        <p>{t('invite.invalidText')}</p>
      </div>
      <Link class="button button--secondary" href="/">
        <Icon name="house" />
        {t('nav.toHome')}
      </Link>
    </div>
  );
}

export function pinMessage(pin: string, t: Translate): string | null {
  switch (pinProblem(pin)) {
    case 'digits':
      return t('pin.digits');
    case 'same':
      return t('pin.same');
    case 'run':
      return t('pin.run');
    default:
      return null;
  }
}

function ChooseSecret({ token, invite, onInvalid }: { token: string; invite: InviteLookup; onInvalid: () => void }) {
  const { t } = useI18n();
  const { navigate } = useRouter();
  const session = useSession();
  const kinds = invite.secret_kinds.length > 0 ? invite.secret_kinds : ['password' as const];
  const [kind, setKind] = useState(kinds[0] ?? 'password');
  const [secret, setSecret] = useState('');
  const [confirm, setConfirm] = useState('');
  const [show, setShow] = useState(false);
  const form = useForm({ known: (k) => ['pin', 'pin_confirm', 'password', 'password_confirm'].includes(k) });
  const isPin = kind === 'pin';
  const field = isPin ? 'pin' : 'password';

  const switchKind = () => {
    setKind(isPin ? 'password' : 'pin');
    setSecret('');
    setConfirm('');
    form.clear('pin', 'pin_confirm', 'password', 'password_confirm');
  };

  const onSubmit = (e: Event) => {
    e.preventDefault();
    const value = isPin ? pinDigits(secret) : secret;
    const again = isPin ? pinDigits(confirm) : confirm;
    const errors: FieldErrors = {};
    const problem = isPin ? pinMessage(value, t) : passwordTooShort(value) ? t('form.passwordShort', { n: PASSWORD_MIN }) : null;
    if (problem) errors[field] = problem;
    else if (value !== again) errors[`${field}_confirm`] = t(isPin ? 'pin.mismatch' : 'password.mismatch');
    if (Object.keys(errors).length > 0) {
      form.fail(errors);
      return;
    }
    void form.submit(async () => {
      try {
        const s = await api<Session>('POST', '/invites/accept', {
          body: isPin ? { token, pin: value } : { token, password: value },
          expect401: true,
        });
        session.signIn(s, { preferDeviceLanguage: true });
        markJoined(); // the home asks about notifications now (PushAsk)
        navigate('/', { replace: true });
      } catch (err) {
        if (err instanceof ApiError && err.status === 404) onInvalid();
        else throw err;
      }
    });
  };

  return (
    <div class="page">
      <h1 class="page__title" tabIndex={-1} data-testid="invite-welcome">
        {t('invite.welcome', { name: invite.first_name })}
      </h1>
      <p class="page__intro">
        {invite.organisation ? t('invite.fromOrg', { org: invite.organisation }) : t('invite.generic')}
      </p>
      <form class="form" ref={form.ref} onSubmit={onSubmit} noValidate data-testid="invite-form">
        <h2 class="form__title">
          <Icon name="key" />
          {t(isPin ? 'invite.pinTitle' : 'invite.passwordTitle')}
        </h2>
        <p class="form__intro">{isPin ? t('invite.pinIntro') : t('invite.passwordIntro', { n: PASSWORD_MIN })}</p>
        <FormAlert messages={form.alert} testid="invite-error" />
        {isPin ? (
          <>
            <TextField
              key="pin"
              name="pin"
              type={show ? 'text' : 'password'}
              inputMode="numeric"
              pattern="[0-9]*"
              maxLength={6}
              autocomplete="new-password"
              class="field--pin"
              label={t('invite.pin')}
              value={secret}
              onValue={(x) => {
                setSecret(x);
                form.clear('pin');
              }}
              error={form.errors.pin}
            />
            <TextField
              key="pin_confirm"
              name="pin_confirm"
              type={show ? 'text' : 'password'}
              inputMode="numeric"
              pattern="[0-9]*"
              maxLength={6}
              autocomplete="new-password"
              class="field--pin"
              label={t('invite.pinConfirm')}
              value={confirm}
              onValue={(x) => {
                setConfirm(x);
                form.clear('pin_confirm');
              }}
              error={form.errors.pin_confirm}
            />
            <Checkbox name="show_pin" label={t('form.showPin')} checked={show} onChecked={setShow} />
          </>
        ) : (
          <>
            <TextField
              key="password"
              name="password"
              type={show ? 'text' : 'password'}
              autocomplete="new-password"
              autocapitalize="none"
              spellcheck={false}
              label={t('invite.password')}
              hint={t('form.passwordHint', { n: PASSWORD_MIN })}
              value={secret}
              onValue={(x) => {
                setSecret(x);
                form.clear('password');
              }}
              error={form.errors.password}
            />
            <TextField
              key="password_confirm"
              name="password_confirm"
              type={show ? 'text' : 'password'}
              autocomplete="new-password"
              autocapitalize="none"
              spellcheck={false}
              label={t('invite.passwordConfirm')}
              value={confirm}
              onValue={(x) => {
                setConfirm(x);
                form.clear('password_confirm');
              }}
              error={form.errors.password_confirm}
            />
            <Checkbox name="show_password" label={t('form.showPassword')} checked={show} onChecked={setShow} />
          </>
        )}
        <SubmitButton
          label={t(isPin ? 'invite.submitPin' : 'invite.submitPassword')}
          busy={form.busy}
          icon="check"
          testid="invite-submit"
        />
      </form>
      {kinds.length > 1 && (
        <div class="aside">
          <button type="button" class="button button--secondary" onClick={switchKind} data-testid="invite-switch">
            <Icon name="key" />
            {t(isPin ? 'invite.usePassword' : 'invite.usePin')}
          </button>
        </div>
      )}
    </div>
  );
}
