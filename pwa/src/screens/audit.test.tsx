// The audit log screen (issue 13): a readable list — who, when in Belgian time, what, on whom,
// what changed (personal fields without values) — filters sent to the API, older pages, the
// CSV link with the same filters; the coordinator's and the admin's.
import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { mockApi, ok, session } from '../test/fixtures';
import { renderAt } from '../test/render';
import { belgianTime } from './audit';

afterEach(() => window.history.replaceState(null, '', '/'));

const edit = {
  id: 41,
  at: '2026-12-02T15:05:00Z',
  actor_id: 7,
  actor_role: 'coordinator',
  actor_name: 'Sofie Peeters',
  organisation_id: 1,
  organisation_name: 'Kompas Genk',
  action: 'person.update',
  subject_type: 'person',
  subject_id: 12,
  subject_name: 'Ayşe Yılmaz',
  details: {
    changes: [
      { field: 'worker.max_travel_minutes', before: 20, after: 30 },
      { field: 'phone' },
    ],
  },
};
const decided = {
  ...edit,
  id: 40,
  at: '2026-07-01T08:00:00Z',
  action: 'hours.decide',
  subject_type: 'timesheet',
  subject_id: 301,
  subject_name: '',
  details: { step: 'decide', minutes: 105 },
};
const older = { ...edit, id: 3, action: 'job.reoffer', subject_type: 'job', subject_id: 77, subject_name: '', details: {} };

describe('the audit log', () => {
  it('shows who did what to whom, when in Belgian time, and what changed without personal values', async () => {
    mockApi({
      'GET /api/v1/session': ok(session('coordinator')),
      'GET /api/v1/org/audit': ok({ entries: [edit, decided], next_before: null }),
    });
    renderAt('/coach/audit');
    const entries = await screen.findAllByTestId('audit-entry');
    expect(entries).toHaveLength(2);
    const first = entries[0]!;
    expect(first.textContent).toContain('Gegevens gewijzigd');
    expect(within(first).getByTestId('audit-subject').textContent).toContain('bij Ayşe Yılmaz');
    expect(within(first).getByTestId('audit-who').textContent).toBe('Sofie Peeters (jobcoach)');
    expect(within(first).queryByTestId('audit-org')).toBeNull(); // a coach's own organisation goes without saying
    // 15:05 UTC in December is 16:05 in Brussels; 08:00 UTC in July is 10:00.
    expect(within(first).getByTestId('audit-when').textContent).toContain('16:05');
    expect(within(entries[1]!).getByTestId('audit-when').textContent).toContain('10:00');
    expect(belgianTime('2026-07-01T08:00:00Z', 'fr')).toContain('10:00');
    const changes = within(first).getByTestId('audit-changes').textContent ?? '';
    expect(changes).toContain('worker.max_travel_minutes: 20 → 30');
    expect(changes).toContain('phone gewijzigd');
    expect(within(entries[1]!).getByTestId('audit-subject').textContent).toContain('urenbriefje #301');
    expect(screen.getByTestId('audit-csv').getAttribute('href')).toBe('/api/v1/org/audit?format=csv');
  });

  it('sends the filters, pages to older entries and downloads the filtered CSV', async () => {
    const api = mockApi({
      'GET /api/v1/session': ok(session('admin', { language: 'en' })),
      'GET /api/v1/admin/audit': ok({ entries: [edit], next_before: 41 }),
      'GET /api/v1/admin/audit?from=2026-12-01&action=person.update': ok({ entries: [edit], next_before: 41 }),
      'GET /api/v1/admin/audit?from=2026-12-01&action=person.update&before=41': ok({ entries: [older], next_before: null }),
    });
    renderAt('/admin/audit', 'en');
    await screen.findAllByTestId('audit-entry');
    expect(screen.getByTestId('audit-org').textContent).toBe('Kompas Genk');
    fireEvent.input(document.querySelector('input[name="from"]')!, { target: { value: '2026-12-01' } });
    fireEvent.change(screen.getByTestId('audit-action'), { target: { value: 'person.update' } });
    fireEvent.click(screen.getByTestId('audit-apply'));
    await waitFor(() => expect(api.calls.some((c) => c.url.search === '?from=2026-12-01&action=person.update')).toBe(true));
    expect(screen.getByTestId('audit-csv').getAttribute('href')).toBe('/api/v1/admin/audit?from=2026-12-01&action=person.update&format=csv');
    fireEvent.click(await screen.findByTestId('audit-more'));
    await waitFor(() => expect(screen.getAllByTestId('audit-entry')).toHaveLength(2));
    expect(screen.getAllByTestId('audit-entry')[1]!.textContent).toContain('Job offered again');
    expect(screen.queryByTestId('audit-more')).toBeNull();
  });

  it('says so when nothing matches', async () => {
    mockApi({
      'GET /api/v1/session': ok(session('coordinator', { language: 'fr' })),
      'GET /api/v1/org/audit': ok({ entries: [], next_before: null }),
    });
    renderAt('/coach/audit', 'fr');
    expect((await screen.findByTestId('audit-none')).textContent).toContain('Rien trouvé');
  });
});
