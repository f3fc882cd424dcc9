// /admin: the organisations, a new one, and invites for coordinators and admins.
import { useState } from 'preact/hooks';
import { api } from '../api';
import { Icon } from '../components/Icon';
import { InviteCard } from '../components/InviteCard';
import { Empty, LoadFailed, Loading, Page } from '../components/Page';
import { Checkbox, RadioCards, SelectField, TextField } from '../forms/fields';
import { type FieldErrors, FormAlert, messageOf, SubmitButton, useForm } from '../forms/form';
import { appLanguageChoices } from '../forms/profile-fields';
import { looksLikeEmail } from '../forms/rules';
import type { Lang } from '../i18n';
import { useI18n } from '../i18n/context';
import { useLoad } from '../load';
import { Link } from '../router';
import type { Invite, Organisation } from '../types';

export function AdminScreen() {
  const { t } = useI18n();
  const { state, reload, set } = useLoad(
    (signal) => api<{ organisations: Organisation[] }>('GET', '/admin/organisations', { signal }).then((b) => b.organisations),
    [],
  );
  const orgs = state.status === 'ready' ? state.data : [];

  return (
    <Page title={t('admin.title')} testid="admin">
      <section class="section" aria-labelledby="admin-categories-title">
        <h2 id="admin-categories-title">{t('adminCategories.title')}</h2>
        <p class="section__intro">{t('adminCategories.linkText')}</p>
        <Link class="button button--secondary button--wide" href="/admin/categories" data-testid="admin-categories-link">
          <Icon name="euro" />
          {t('adminCategories.toCategories')}
        </Link>
      </section>
      <section class="section" aria-labelledby="admin-audit-title">
        <h2 id="admin-audit-title">{t('audit.title')}</h2>
        <Link class="button button--secondary button--wide" href="/admin/audit" data-testid="admin-audit-link">
          <Icon name="note" />
          {t('audit.toAudit')}
        </Link>
      </section>
      <section class="section" aria-labelledby="admin-exports-title">
        <h2 id="admin-exports-title">{t('exports.title')}</h2>
        <Link class="button button--secondary button--wide" href="/admin/exports" data-testid="admin-exports-link">
          <Icon name="download" />
          {t('exports.toExports')}
        </Link>
      </section>
      <section class="section" aria-labelledby="orgs-title">
        <h2 id="orgs-title">{t('admin.organisations')}</h2>
        {state.status === 'loading' && <Loading />}
        {state.status === 'error' && <LoadFailed message={messageOf(state.error, t)} onRetry={reload} />}
        {state.status === 'ready' && orgs.length === 0 && <Empty icon="building">{t('admin.noOrganisations')}</Empty>}
        {orgs.length > 0 && (
          <ul class="list" data-testid="organisation-list">
            {orgs.map((o) => (
              <li key={o.id} class="list__item" data-testid="organisation" data-slug={o.slug}>
                <span class="list__icon">
                  <Icon name="building" />
                </span>
                <div class="list__body">
                  <p class="list__title">{o.name}</p>
                  <p class="list__text">{[o.municipality, o.slug].join(' · ')}</p>
                  <p class="list__text">
                    {t('admin.caps', { month: o.month_hour_cap ?? '–', year: o.year_hour_cap ?? '–' })}
                    {' · '}
                    {t(o.shared_pool ? 'admin.sharedYes' : 'admin.sharedNo')}
                  </p>
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>
      <NewOrganisation onCreated={(o) => set([...orgs, o])} />
      <InviteStaff organisations={orgs} />
    </Page>
  );
}

const slugify = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);

function NewOrganisation({ onCreated }: { onCreated: (o: Organisation) => void }) {
  const { t } = useI18n();
  const empty = { name: '', slug: '', municipality: '', month_hour_cap: '60', year_hour_cap: '630' };
  const [v, setV] = useState(empty);
  const [slugTouched, setSlugTouched] = useState(false);
  const [shared, setShared] = useState(true);
  const [created, setCreated] = useState<string | null>(null);
  const form = useForm({ known: (k) => k in empty || k === 'shared_pool' });
  const set = (key: keyof typeof empty) => (x: string) => {
    setV((old) => ({ ...old, [key]: x, ...(key === 'name' && !slugTouched ? { slug: slugify(x) } : {}) }));
    if (key === 'slug') setSlugTouched(true);
    form.clear(key);
    setCreated(null);
  };

  const onSubmit = (e: Event) => {
    e.preventDefault();
    const errors: FieldErrors = {};
    if (!v.name.trim()) errors.name = t('form.required');
    if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(v.slug)) errors.slug = t('admin.slugInvalid');
    if (!v.municipality.trim()) errors.municipality = t('form.required');
    for (const k of ['month_hour_cap', 'year_hour_cap'] as const) {
      if (v[k] !== '' && !/^\d+$/.test(v[k])) errors[k] = t('admin.numberInvalid');
    }
    if (Object.keys(errors).length > 0) {
      form.fail(errors, [t('form.checkFields')]);
      return;
    }
    void form.submit(async () => {
      const body: Record<string, unknown> = { slug: v.slug, name: v.name.trim(), municipality: v.municipality.trim(), shared_pool: shared };
      if (v.month_hour_cap) body.month_hour_cap = Number(v.month_hour_cap);
      if (v.year_hour_cap) body.year_hour_cap = Number(v.year_hour_cap);
      const o = await api<Organisation>('POST', '/admin/organisations', { body });
      onCreated(o);
      setCreated(o.name);
      setV(empty);
      setSlugTouched(false);
    });
  };

  return (
    <section class="section card" aria-labelledby="new-org-title">
      <h2 id="new-org-title" class="card__title">
        {t('admin.newOrganisation')}
      </h2>
      <form class="form" ref={form.ref} onSubmit={onSubmit} noValidate data-testid="organisation-form">
        <FormAlert messages={form.alert} />
        <TextField name="name" id="f-org-name" label={t('admin.orgName')} value={v.name} onValue={set('name')} error={form.errors.name} />
        <TextField name="slug" id="f-org-slug" label={t('admin.slug')} hint={t('admin.slugHint')} value={v.slug} onValue={set('slug')} error={form.errors.slug} autocapitalize="none" spellcheck={false} />
        <TextField name="municipality" id="f-org-municipality" label={t('place.municipality')} value={v.municipality} onValue={set('municipality')} error={form.errors.municipality} />
        <TextField name="month_hour_cap" id="f-org-month" type="number" inputMode="numeric" min={1} label={t('admin.monthCap')} optional value={v.month_hour_cap} onValue={set('month_hour_cap')} error={form.errors.month_hour_cap} class="field--short" />
        <TextField name="year_hour_cap" id="f-org-year" type="number" inputMode="numeric" min={1} label={t('admin.yearCap')} optional value={v.year_hour_cap} onValue={set('year_hour_cap')} error={form.errors.year_hour_cap} class="field--short" />
        <Checkbox name="shared_pool" label={t('admin.sharedPool')} text={t('admin.sharedPoolText')} checked={shared} onChecked={setShared} error={form.errors.shared_pool} />
        <SubmitButton label={t('admin.createOrganisation')} busy={form.busy} icon="plus" testid="organisation-submit" />
        <p class="saved" role="status">
          {created && (
            <>
              <Icon name="check" />
              {t('admin.created', { name: created })}
            </>
          )}
        </p>
      </form>
    </section>
  );
}

function InviteStaff({ organisations }: { organisations: Organisation[] }) {
  const { t, lang } = useI18n();
  const empty = { first_name: '', last_name: '', email: '', organisation_id: '' };
  const [v, setV] = useState(empty);
  const [role, setRole] = useState<'coordinator' | 'admin'>('coordinator');
  const [language, setLanguage] = useState<string>(lang);
  const [invite, setInvite] = useState<{ invite: Invite; name: string } | null>(null);
  const form = useForm({ known: (k) => k in empty || k === 'role' || k === 'language' });
  const set = (key: keyof typeof empty) => (x: string) => {
    setV((old) => ({ ...old, [key]: x }));
    form.clear(key);
  };

  if (invite) {
    return (
      <section class="section">
        <InviteCard invite={invite.invite} name={invite.name} onDone={() => setInvite(null)} />
      </section>
    );
  }

  const onSubmit = (e: Event) => {
    e.preventDefault();
    const errors: FieldErrors = {};
    if (role === 'coordinator' && !v.organisation_id) errors.organisation_id = t('admin.orgMissing');
    if (!v.first_name.trim()) errors.first_name = t('form.required');
    if (!v.last_name.trim()) errors.last_name = t('form.required');
    if (!v.email.trim()) errors.email = t('form.required');
    else if (!looksLikeEmail(v.email)) errors.email = t('form.emailInvalid');
    if (Object.keys(errors).length > 0) {
      form.fail(errors, [t('form.checkFields')]);
      return;
    }
    void form.submit(async () => {
      const body: Record<string, unknown> = {
        role,
        first_name: v.first_name.trim(),
        last_name: v.last_name.trim(),
        email: v.email.trim(),
        language: language as Lang,
      };
      if (role === 'coordinator') body.organisation_id = Number(v.organisation_id);
      const res = await api<{ invite: Invite }>('POST', '/admin/invites', { body });
      setInvite({ invite: res.invite, name: v.first_name.trim() });
      setV(empty);
    });
  };

  return (
    <section class="section card" aria-labelledby="invite-staff-title">
      <h2 id="invite-staff-title" class="card__title">
        {t('admin.inviteTitle')}
      </h2>
      <p class="card__text">{t('admin.inviteIntro')}</p>
      <form class="form" ref={form.ref} onSubmit={onSubmit} noValidate data-testid="staff-invite-form">
        <FormAlert messages={form.alert} />
        <RadioCards<'coordinator' | 'admin'>
          name="role"
          legend={t('admin.role')}
          value={role}
          onValue={(r) => {
            setRole(r);
            form.clear('role', 'organisation_id');
          }}
          choices={[
            { value: 'coordinator', label: t('admin.roleCoordinator'), icon: 'clipboard' },
            { value: 'admin', label: t('admin.roleAdmin'), icon: 'shield' },
          ]}
          error={form.errors.role}
        />
        {role === 'coordinator' && (
          <SelectField
            name="organisation_id"
            label={t('admin.organisation')}
            value={v.organisation_id}
            onValue={set('organisation_id')}
            options={[{ value: '', label: t('admin.chooseOrganisation') }, ...organisations.map((o) => ({ value: String(o.id), label: o.name }))]}
            error={form.errors.organisation_id}
          />
        )}
        <TextField name="first_name" id="f-staff-first" label={t('form.firstName')} value={v.first_name} onValue={set('first_name')} error={form.errors.first_name} autocomplete="off" />
        <TextField name="last_name" id="f-staff-last" label={t('form.lastName')} value={v.last_name} onValue={set('last_name')} error={form.errors.last_name} autocomplete="off" />
        <TextField name="email" id="f-staff-email" type="email" label={t('form.email')} value={v.email} onValue={set('email')} error={form.errors.email} autocomplete="off" autocapitalize="none" spellcheck={false} />
        <RadioCards<string>
          name="language"
          id="f-staff-language"
          legend={t('person.language')}
          value={language}
          onValue={setLanguage}
          choices={appLanguageChoices()}
          columns={2}
          error={form.errors.language}
        />
        <SubmitButton label={t('admin.sendInvite')} busy={form.busy} icon="mail" testid="staff-invite-submit" />
      </form>
    </section>
  );
}
