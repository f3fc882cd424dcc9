// The day of the job on the coordinator's review (/coach/jobs/:id): attendance per place with the
// phone's times and far check-ins, the outcomes (what, who, when), the phones, recording an outcome.
import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import type { BoardJobDetail } from '../board';
import { ok, problemDoc } from '../test/fixtures';
import { describedText, plain } from '../test/clock';
import { renderAt } from '../test/render';
import { boardClock, boardJob, coachApi, detail } from '../test/board';

boardClock();

const started = boardJob({ id: 12, state: 'in_progress', booked: 2, workers_needed: 2, offers_pending: 0, declines: 0, not_arrived: 1, far_check_ins: 1 });

function today(extra: Partial<BoardJobDetail> = {}): BoardJobDetail {
  return detail({
    job: started,
    assignments: [
      {
        place: 1,
        worker: { id: 45, name: 'Ewa K.', organisation: 'Kompas Maatwerk Genk' },
        buddy: { state: 'confirmed', person: { id: 51, name: 'Jan D.', organisation: 'Kompas Maatwerk Genk' } },
      },
      { place: 2, worker: { id: 46, name: 'Ilse V.', organisation: 'Kompas Maatwerk Genk' }, buddy: { state: 'none' } },
    ],
    attendance: [
      {
        place: 1,
        role: 'buddy',
        person: { id: 51, name: 'Jan D.', organisation: 'Kompas Maatwerk Genk' },
        checked_in_at: '2026-12-02T08:58:00+01:00',
        checked_out_at: null,
        distance_m: 1240,
        far: true,
      },
      {
        place: 1,
        role: 'worker',
        person: { id: 45, name: 'Ewa K.', organisation: 'Kompas Maatwerk Genk' },
        checked_in_at: '2026-12-02T08:55:00+01:00',
        checked_out_at: '2026-12-02T11:05:00+01:00',
        distance_m: 35,
        far: false,
      },
    ],
    outcomes: [
      { place: 1, outcome: 'done', at: '2026-12-02T11:05:00+01:00', by: 'worker' },
      { outcome: 'poster_absent', at: '2026-12-02T11:30:00+01:00', by: 'coordinator' },
    ],
    contacts: [
      { role: 'worker', first_name: 'Ewa', phone: '+32 470 11 22 33' },
      { role: 'buddy', first_name: 'Jan', phone: '0470 44 55 66' },
      { role: 'poster', first_name: 'Marleen', phone: '+32 11 22 33 44' },
    ],
    ...extra,
  });
}

describe('coordinator: one job on its day', () => {
  it('shows the check-ins per place with the phone’s times, flags a far one with its distance, and says who did not check in', async () => {
    coachApi({ 'GET /api/v1/org/jobs/12': ok(today()) });
    renderAt('/coach/jobs/12');
    await screen.findByTestId('coach-job');
    expect(screen.getByRole('heading', { level: 2, name: 'Aanwezigheid' })).toBeTruthy();
    const [one, two] = screen.getAllByTestId('coach-attendance-place') as [HTMLElement, HTMLElement];
    expect(one.dataset.place).toBe('1');

    const [worker, buddy] = within(one).getAllByTestId('coach-check-in') as [HTMLElement, HTMLElement];
    expect(worker.dataset.role).toBe('worker');
    expect(plain(worker.textContent)).toContain('Medewerker: Ewa K.');
    expect(within(worker).getByRole('link', { name: 'Ewa K.' }).getAttribute('href')).toBe('/coach/people/45');
    expect(plain(within(worker).getByTestId('check-in-times').textContent)).toBe('Aangekomen: 08:55 · Vertrokken: 11:05');
    expect(worker.dataset.far).toBe('false');
    expect(within(worker).getByTestId('check-in-distance').textContent).toBe('35 m van het adres');

    expect(buddy.dataset.role).toBe('buddy');
    expect(plain(within(buddy).getByTestId('check-in-times').textContent)).toBe('Aangekomen: 08:58 · Nog niet uitgecheckt');
    expect(buddy.dataset.far).toBe('true');
    const far = within(buddy).getByTestId('check-in-distance');
    expect(far.textContent).toBe('Ver van het adres: 1,2 km');
    expect(far.querySelector('svg')).not.toBeNull();

    expect(within(two).getByTestId('coach-not-checked-in').textContent).toBe('Ilse V. Nog niet ingecheckt');
    expect(within(two).queryByTestId('coach-check-in')).toBeNull();
  });

  it('shows what happened: each outcome with its place, who and when', async () => {
    coachApi({ 'GET /api/v1/org/jobs/12': ok(today()) });
    renderAt('/coach/jobs/12');
    const items = await screen.findAllByTestId('coach-outcome');
    expect(items.map((i) => i.querySelector('.list__title')?.textContent)).toEqual([
      'Plaats 1: Gedaan',
      'Hele klus: Klant niet thuis of geen toegang',
    ]);
    expect(plain(items[0]!.querySelector('.list__text')?.textContent)).toBe('woensdag 2 december om 11:05 · door een medewerker');
    expect(plain(items[1]!.querySelector('.list__text')?.textContent)).toContain('door een jobcoach');
    expect(items.every((i) => i.querySelector('svg') !== null)).toBe(true);
  });

  it('lists the phones as one-tap tel: links with name and role', async () => {
    coachApi({ 'GET /api/v1/org/jobs/12': ok(today()) });
    renderAt('/coach/jobs/12');
    const links = await screen.findAllByTestId('coach-contact');
    expect(links.map((a) => a.getAttribute('href'))).toEqual(['tel:+32470112233', 'tel:0470445566', 'tel:+3211223344']);
    // The link's name is its text (with "Bel" for screen readers): what it shows, as WCAG 2.5.3 asks.
    expect(links.map((a) => a.getAttribute('aria-label') ?? a.textContent?.replace(/\s+/g, ' ').trim())).toEqual([
      'Bel Ewa (medewerker) +32 470 11 22 33',
      'Bel Jan (buddy) 0470 44 55 66',
      'Bel Marleen (klant) +32 11 22 33 44',
    ]);
  });

  it('says when nobody checked in and there are no phones or outcomes yet', async () => {
    coachApi({ 'GET /api/v1/org/jobs/12': ok(detail()) });
    renderAt('/coach/jobs/12');
    expect((await screen.findByTestId('coach-no-attendance')).textContent).toBe('Nog niemand ingecheckt.');
    expect(screen.getByTestId('coach-no-contacts').textContent).toBe('Geen telefoonnummers voor deze klus.');
    expect(screen.getByTestId('coach-no-outcomes').textContent).toBe('Nog niets genoteerd.');
  });

  it('records an outcome for a place after asking, closes the job, and shows the answer', async () => {
    vi.setSystemTime(new Date('2026-12-02T11:40:00+01:00'));
    const closed = { ...started, state: 'done' as const, not_arrived: 0 };
    const { calls } = coachApi({
      'GET /api/v1/org/jobs/12': [
        ok(today()),
        ok(today({ job: closed, outcomes: [...today().outcomes, { place: 2, outcome: 'worker_no_show', at: '2026-12-02T11:40:00+01:00', by: 'coordinator' }] })),
      ],
      'POST /api/v1/org/jobs/12/outcome': ok({ job: closed }),
    });
    renderAt('/coach/jobs/12');
    const form = await screen.findByTestId('outcome-form');

    // Nothing chosen: said under the choices, nothing sent.
    fireEvent.click(within(form).getByTestId('outcome-submit'));
    await waitFor(() => expect(form.textContent).toContain('Kies wat er gebeurde.'));

    // The whole job offers the job's outcomes; a place, the place's.
    const labels = () => [...form.querySelectorAll('input[name=outcome]')].map((i) => (i as HTMLInputElement).value);
    expect(labels()).toEqual(['done', 'poster_absent', 'cancelled_late_by_poster', 'cancelled_by_coordinator']);
    const select = within(form).getByLabelText('Voor wie?') as HTMLSelectElement;
    expect([...select.options].map((o) => o.textContent)).toEqual(['Hele klus', 'Plaats 1 — Ewa K.', 'Plaats 2 — Ilse V.']);
    fireEvent.change(select, { target: { value: '2' } });
    await waitFor(() => expect(labels()).toEqual(['done', 'worker_no_show', 'buddy_no_show', 'poster_absent', 'left_for_safety']));

    fireEvent.click(within(form).getByLabelText('Medewerker niet gekomen'));
    fireEvent.click(within(form).getByLabelText('Sluit de klus af: ze is voorbij'));
    fireEvent.click(within(form).getByTestId('outcome-submit'));
    const question = await within(form).findByTestId('outcome-question');
    expect(plain(question.textContent)).toContain('„Medewerker niet gekomen” noteren voor Plaats 2 — Ilse V.? Daarna is de klus afgesloten.');
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0);

    fireEvent.click(within(question).getByTestId('outcome-confirm'));
    const said = await screen.findByTestId('outcome-recorded');
    expect(said.textContent).toBe('Genoteerd voor Plaats 2 — Ilse V.: Medewerker niet gekomen.');
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ outcome: 'worker_no_show', place: 2, close: true });
    // The answer's job at once (its state), then the review again (the new outcome).
    await waitFor(() => expect(screen.getAllByTestId('job-state')[0]!.dataset.state).toBe('done'));
    await waitFor(() => expect(screen.getAllByTestId('coach-outcome')).toHaveLength(3));
    await waitFor(() => expect(document.activeElement).toBe(said));
  });

  it('does not offer to close a job that has not started, and warns before a cancellation', async () => {
    const filled = boardJob({ id: 12, state: 'filled', booked: 2 });
    coachApi({
      'GET /api/v1/org/jobs/12': [ok(today({ job: filled, attendance: [], outcomes: [] })), ok(today({ job: { ...filled, state: 'cancelled' } }))],
      'POST /api/v1/org/jobs/12/outcome': ok({ job: { ...filled, state: 'cancelled' } }),
    });
    renderAt('/coach/jobs/12');
    const form = await screen.findByTestId('outcome-form');
    fireEvent.click(within(form).getByLabelText('Gedaan'));
    expect(within(form).queryByLabelText('Sluit de klus af: ze is voorbij')).toBeNull();
    fireEvent.click(within(form).getByLabelText('Geannuleerd door de jobcoach'));
    fireEvent.click(within(form).getByTestId('outcome-submit'));
    const question = await within(form).findByTestId('outcome-question');
    expect(question.textContent).toContain('De klus wordt geannuleerd.');
    // "Nee, terug" sends nothing.
    fireEvent.click(within(question).getByTestId('outcome-back'));
    expect(within(form).queryByTestId('outcome-question')).toBeNull();
    fireEvent.click(within(form).getByTestId('outcome-submit'));
    fireEvent.click(await within(form).findByTestId('outcome-confirm'));
    await screen.findByTestId('outcome-recorded');
    // A cancelled job takes no more outcomes.
    await waitFor(() => expect(screen.queryByTestId('outcome-form')).toBeNull());
  });

  it('shows a 422 under its field and a 409 above the form, with the server’s words', async () => {
    vi.setSystemTime(new Date('2026-12-02T11:40:00+01:00'));
    coachApi({
      'GET /api/v1/org/jobs/12': ok(today()),
      'POST /api/v1/org/jobs/12/outcome': [
        problemDoc(422, { code: 'invalid', title: 'Sommige velden kloppen niet.', errors: [{ field: 'place', detail: 'Deze klus heeft geen zulke plaats.' }] }),
        problemDoc(409, { code: 'conflict', title: 'Conflict', detail: 'Alleen een begonnen klus kan afgesloten worden.' }),
      ],
    });
    renderAt('/coach/jobs/12');
    const form = await screen.findByTestId('outcome-form');
    fireEvent.change(within(form).getByLabelText('Voor wie?'), { target: { value: '1' } });
    fireEvent.click(within(form).getByLabelText('Gedaan'));
    fireEvent.click(within(form).getByTestId('outcome-submit'));
    fireEvent.click(await within(form).findByTestId('outcome-confirm'));
    const select = within(form).getByLabelText('Voor wie?');
    await waitFor(() => expect(describedText(select)).toContain('Deze klus heeft geen zulke plaats.'));
    expect(select.getAttribute('aria-invalid')).toBe('true');

    fireEvent.click(within(form).getByTestId('outcome-submit'));
    fireEvent.click(await within(form).findByTestId('outcome-confirm'));
    const alert = await within(form).findByTestId('outcome-error');
    expect(alert.getAttribute('role')).toBe('alert');
    expect(alert.textContent).toBe('Alleen een begonnen klus kan afgesloten worden.');
    expect(screen.queryByTestId('outcome-recorded')).toBeNull();
  });
});
