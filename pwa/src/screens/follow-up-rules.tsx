// The thresholds of the follow-up list's rules, below the list: the organisation's settings
// (PATCH /org/settings, follow_* fields). A 422 shows under its field.
import { useState } from 'preact/hooks';
import { LoadFailed, Loading } from '../components/Page';
import { TextField } from '../forms/fields';
import { FormAlert, messageOf, Saved, SubmitButton, useForm } from '../forms/form';
import type { PlainKey } from '../i18n';
import { useI18n } from '../i18n/context';
import { useLoad } from '../load';
import { fetchOrgSettings, type OrgSettings, saveOrgSettings } from '../worked';

type RuleField = 'follow_inactive_days' | 'follow_expired_in_row' | 'follow_declines_in_row' | 'follow_invite_days' | 'follow_unseen_days';

const RULES: readonly { field: RuleField; label: PlainKey; fallback: number; max: number }[] = [
  { field: 'follow_inactive_days', label: 'followUp.rule.inactiveDays', fallback: 21, max: 365 },
  { field: 'follow_expired_in_row', label: 'followUp.rule.expiredInRow', fallback: 3, max: 50 },
  { field: 'follow_declines_in_row', label: 'followUp.rule.declinesInRow', fallback: 5, max: 50 },
  { field: 'follow_invite_days', label: 'followUp.rule.inviteDays', fallback: 3, max: 365 },
  { field: 'follow_unseen_days', label: 'followUp.rule.unseenDays', fallback: 7, max: 365 },
];

export function FollowUpRules({ onSaved }: { onSaved: () => void }) {
  const { t } = useI18n();
  const { state, reload, set } = useLoad((signal) => fetchOrgSettings(signal), []);
  const form = useForm({ known: (k) => RULES.some((r) => r.field === k) });
  const [typed, setTyped] = useState<Partial<Record<RuleField, string>>>({});
  const [saved, setSaved] = useState(false);

  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error') return <LoadFailed message={messageOf(state.error, t)} onRetry={reload} />;
  const current = state.data;
  const valueOf = (r: (typeof RULES)[number]) => typed[r.field] ?? String(current[r.field] ?? r.fallback);

  const save = (e: Event) => {
    e.preventDefault();
    setSaved(false);
    const body: OrgSettings = {};
    const errors: Record<string, string> = {};
    for (const r of RULES) {
      const v = typed[r.field];
      if (v === undefined) continue;
      const n = Number(v.trim());
      if (!Number.isInteger(n) || n < 1 || n > r.max) errors[r.field] = t('followUp.rule.invalid', { max: String(r.max) });
      else body[r.field] = n;
    }
    if (Object.keys(errors).length > 0) return form.fail(errors);
    void form.submit(async () => {
      set(await saveOrgSettings(body));
      setTyped({});
      setSaved(true);
      onSaved();
    });
  };

  return (
    <form class="form" ref={form.ref} onSubmit={save} noValidate data-testid="follow-up-rules">
      <FormAlert messages={form.alert} />
      {RULES.map((r) => (
        <TextField
          key={r.field}
          name={r.field}
          type="number"
          label={t(r.label)}
          value={valueOf(r)}
          inputMode="numeric"
          min={1}
          max={r.max}
          onValue={(v) => {
            setTyped((all) => ({ ...all, [r.field]: v }));
            setSaved(false);
            form.clear(r.field);
          }}
          error={form.errors[r.field]}
        />
      ))}
      <SubmitButton label={t('followUp.rule.save')} busy={form.busy} icon="check" testid="follow-up-rules-save" />
      <Saved show={saved} />
    </form>
  );
}
