// The organisation on the coach's home: this year's vrijwilligersuren and worked hours, and the
// workers' hourly pay (PATCH /org/settings), with a 422 under the field.
import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { plain } from '../test/clock';
import { coachApi } from '../test/board';
import { ok, problemDoc } from '../test/fixtures';
import { renderAt } from '../test/render';
import { boardClock } from '../test/board';

boardClock();

describe('coordinator: the organisation', () => {
  it('shows the year\'s volunteer hours and worked hours', async () => {
    coachApi({
      'GET /api/v1/org/people': ok({ people: [] }),
      'GET /api/v1/org/follow-up': ok({ people: [] }),
      'GET /api/v1/org/figures': ok({ year: 2026, volunteer_hours: 37.5, worked_hours: 412 }),
    });
    renderAt('/');
    const figures = await screen.findByTestId('org-figures');
    expect(plain(within(figures).getByTestId('figure-volunteer-hours').textContent)).toBe('37,5 uur');
    expect(plain(figures.textContent)).toContain('vrijwilligersuren');
    expect(plain(within(figures).getByTestId('figure-worked-hours').textContent)).toBe('412 uur');
  });

  it('sets the workers\' hourly pay in euro, and clears it', async () => {
    const api = coachApi({
      'GET /api/v1/org/people': ok({ people: [] }),
      'GET /api/v1/org/follow-up': ok({ people: [] }),
      'PATCH /api/v1/org/settings': [ok({ worker_rate_cents: 1250 }), ok({ worker_rate_cents: null })],
    });
    renderAt('/');
    const field = (await screen.findByLabelText(/Uurloon van je medewerkers/)) as HTMLInputElement;
    expect(field.value).toBe('');
    fireEvent.input(field, { target: { value: '12,50' } });
    fireEvent.click(screen.getByTestId('org-rate-save'));
    await waitFor(() => expect(api.calls.filter((c) => c.method === 'PATCH')).toHaveLength(1));
    expect(api.calls.find((c) => c.method === 'PATCH')!.body).toEqual({ worker_rate_cents: 1250 });
    await waitFor(() => expect(plain(screen.getByTestId('org-rate-form').textContent)).toContain('Nu € 12,50 per uur'));
    expect(field.value).toBe('12,50');
    fireEvent.input(field, { target: { value: '' } });
    fireEvent.click(screen.getByTestId('org-rate-save'));
    await waitFor(() => expect(api.calls.filter((c) => c.method === 'PATCH')).toHaveLength(2));
    expect(api.calls.filter((c) => c.method === 'PATCH')[1]!.body).toEqual({ worker_rate_cents: null });
    await waitFor(() => expect(plain(screen.getByTestId('org-rate-form').textContent)).toContain('medewerkers zien geen bedragen'));
  });

  it('refuses what is not an amount before asking, and shows the server\'s 422 under the field', async () => {
    const api = coachApi({
      'GET /api/v1/org/people': ok({ people: [] }),
      'GET /api/v1/org/follow-up': ok({ people: [] }),
      'PATCH /api/v1/org/settings': problemDoc(422, {
        code: 'invalid',
        errors: [{ field: 'worker_rate_cents', detail: 'Geef een uurloon in cent van 1 tot 100000, of null voor geen.' }],
      }),
    });
    renderAt('/');
    const field = (await screen.findByLabelText(/Uurloon van je medewerkers/)) as HTMLInputElement;
    fireEvent.input(field, { target: { value: 'veel' } });
    fireEvent.click(screen.getByTestId('org-rate-save'));
    expect(await screen.findByText('Geef een bedrag in euro, bijvoorbeeld 12,50.')).toBeTruthy();
    expect(api.calls.some((c) => c.method === 'PATCH')).toBe(false);
    expect(field.getAttribute('aria-invalid')).toBe('true');
    fireEvent.input(field, { target: { value: '12,50' } });
    fireEvent.click(screen.getByTestId('org-rate-save'));
    expect(await screen.findByText('Geef een uurloon in cent van 1 tot 100000, of null voor geen.')).toBeTruthy();
  });
});
