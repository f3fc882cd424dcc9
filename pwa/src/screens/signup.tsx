import { useState } from 'preact/hooks';
import { api } from '../api';
import { Icon } from '../components/Icon';
import { Page } from '../components/Page';
import { Checkbox, RadioCards, TextField } from '../forms/fields';
import { type FieldErrors, FormAlert, SubmitButton, useForm } from '../forms/form';
import { looksLikeEmail, looksLikePhone, PASSWORD_MIN, passwordTooShort } from '../forms/rules';
import { useI18n } from '../i18n/context';
import { Link, useRouter } from '../router';
import { useSession } from '../session';
import type { Session } from '../types';

type Kind = 'household' | 'company';

const FIELDS = ['kind', 'first_name', 'last_name', 'email', 'phone', 'password', 'company_name', 'vat_number'];

/** A household or a company signs up to post jobs. */
export function SignupScreen() {
  const { t, lang } = useI18n();
  const { navigate } = useRouter();
  const session = useSession();
  const [v, setV] = useState({
    kind: 'household' as Kind,
    first_name: '',
    last_name: '',
    email: '',
    phone: '',
    password: '',
    company_name: '',
    vat_number: '',
  });
  const [show, setShow] = useState(false);
  const form = useForm({ known: (k) => FIELDS.includes(k) });
  const set = (key: keyof typeof v) => (value: string) => {
    setV((old) => ({ ...old, [key]: value }));
    form.clear(key);
  };

  const check = (): FieldErrors => {
    const e: FieldErrors = {};
    if (!v.first_name.trim()) e.first_name = t('form.required');
    if (!v.last_name.trim()) e.last_name = t('form.required');
    if (!v.email.trim()) e.email = t('form.required');
    else if (!looksLikeEmail(v.email)) e.email = t('form.emailInvalid');
    if (!v.phone.trim()) e.phone = t('form.required');
    else if (!looksLikePhone(v.phone)) e.phone = t('form.phoneInvalid');
    if (passwordTooShort(v.password)) e.password = t('form.passwordShort', { n: PASSWORD_MIN });
    if (v.kind === 'company') {
      if (!v.company_name.trim()) e.company_name = t('form.required');
      if (!v.vat_number.trim()) e.vat_number = t('form.required');
    }
    return e;
  };

  const onSubmit = (ev: Event) => {
    ev.preventDefault();
    const errors = check();
    if (Object.keys(errors).length > 0) {
      form.fail(errors, [t('form.checkFields')]);
      return;
    }
    void form.submit(async () => {
      const body: Record<string, unknown> = {
        kind: v.kind,
        first_name: v.first_name.trim(),
        last_name: v.last_name.trim(),
        email: v.email.trim(),
        password: v.password,
        phone: v.phone.trim(),
        language: lang,
      };
      if (v.kind === 'company') {
        body.company_name = v.company_name.trim();
        body.vat_number = v.vat_number.trim();
      }
      const s = await api<Session>('POST', '/signup', { body });
      session.signIn(s);
      navigate('/', { replace: true });
    });
  };

  return (
    <Page title={t('signup.title')} intro={t('signup.intro')}>
      <form class="form" ref={form.ref} onSubmit={onSubmit} noValidate data-testid="signup-form">
        <FormAlert messages={form.alert} testid="signup-error" />
        <RadioCards<Kind>
          name="kind"
          legend={t('signup.kind')}
          value={v.kind}
          onValue={(k) => setV((old) => ({ ...old, kind: k }))}
          choices={[
            { value: 'household', label: t('signup.household'), text: t('signup.householdText'), icon: 'house' },
            { value: 'company', label: t('signup.company'), text: t('signup.companyText'), icon: 'building' },
          ]}
          error={form.errors.kind}
        />
        {v.kind === 'company' && (
          <>
            <TextField
              name="company_name"
              label={t('signup.companyName')}
              value={v.company_name}
              onValue={set('company_name')}
              error={form.errors.company_name}
              autocomplete="organization"
            />
            <TextField
              name="vat_number"
              label={t('signup.vat')}
              hint={t('signup.vatHint')}
              value={v.vat_number}
              onValue={set('vat_number')}
              error={form.errors.vat_number}
              autocapitalize="characters"
            />
          </>
        )}
        <TextField
          name="first_name"
          label={t('form.firstName')}
          value={v.first_name}
          onValue={set('first_name')}
          error={form.errors.first_name}
          autocomplete="given-name"
        />
        <TextField
          name="last_name"
          label={t('form.lastName')}
          value={v.last_name}
          onValue={set('last_name')}
          error={form.errors.last_name}
          autocomplete="family-name"
        />
        <TextField
          name="email"
          type="email"
          label={t('form.email')}
          value={v.email}
          onValue={set('email')}
          error={form.errors.email}
          autocomplete="email"
          autocapitalize="none"
          spellcheck={false}
        />
        <TextField
          name="phone"
          type="tel"
          label={t('form.phone')}
          hint={t('form.phoneHint')}
          value={v.phone}
          onValue={set('phone')}
          error={form.errors.phone}
          autocomplete="tel"
        />
        <TextField
          name="password"
          type={show ? 'text' : 'password'}
          label={t('signup.password')}
          hint={t('form.passwordHint', { n: PASSWORD_MIN })}
          value={v.password}
          onValue={set('password')}
          error={form.errors.password}
          autocomplete="new-password"
          autocapitalize="none"
          spellcheck={false}
        />
        <Checkbox name="show_password" label={t('form.showPassword')} checked={show} onChecked={setShow} />
        <SubmitButton label={t('signup.submit')} busy={form.busy} icon="userPlus" testid="signup-submit" />
      </form>
      <div class="aside">
        <p>{t('signup.haveAccount')}</p>
        <Link class="button button--secondary" href="/login">
          <Icon name="signIn" />
          {t('landing.signIn')}
        </Link>
      </div>
    </Page>
  );
}
