// A job for a household that phoned (/coach/phoned): the household without e-mail, then its job.
import { fireEvent, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { ok, problemDoc } from '../test/fixtures';
import { renderAt } from '../test/render';
import { boardClock, coachApi } from '../test/board';
import { posterJob } from '../test/jobs';

boardClock();

const household = {
  id: 31, first_name: 'Jeanne', last_name: 'Claes', phone: '+32470998877', language: 'nl',
  address: { id: 77, label: '', street: 'Molenstraat 4', postcode: '3600', municipality: 'Genk', lat: 50.96, lon: 5.5 },
};

describe('coordinator: a household that phoned', () => {
  it('records the household, then posts its job; a field the server refuses is named', async () => {
    const api = coachApi({
      'GET /api/v1/org/posters': ok({ posters: [] }),
      'POST /api/v1/org/posters': [
        problemDoc(422, { code: 'invalid', errors: [{ field: 'address.postcode', detail: 'Dit adres ligt buiten het gebied van jouw organisatie.' }] }),
        ok(household, 201),
      ],
      'POST /api/v1/org/posters/31/jobs': ok(posterJob({ id: 5 }), 201),
    });
    renderAt('/coach/phoned');
    await screen.findByTestId('coach-phoned');
    fireEvent.input(screen.getByLabelText('Voornaam'), { target: { value: 'Jeanne' } });
    fireEvent.input(screen.getByLabelText('Telefoon'), { target: { value: '0470 99 88 77' } });
    fireEvent.input(screen.getByLabelText('Straat en nummer'), { target: { value: 'Molenstraat 4' } });
    fireEvent.input(screen.getByLabelText('Postcode'), { target: { value: '3500' } });
    fireEvent.input(screen.getByLabelText('Gemeente'), { target: { value: 'Hasselt' } });
    fireEvent.click(screen.getByTestId('phoned-submit'));
    await waitFor(() => expect(screen.getByLabelText('Postcode').getAttribute('aria-invalid')).toBe('true'));
    expect(api.calls.find((c) => c.method === 'POST' && c.path === '/api/v1/org/posters')?.body).toMatchObject({ first_name: 'Jeanne', address: { postcode: '3500' } });
    expect(JSON.stringify(api.calls[api.calls.length - 1]?.body)).not.toContain('email');

    fireEvent.input(screen.getByLabelText('Postcode'), { target: { value: '3600' } });
    fireEvent.input(screen.getByLabelText('Gemeente'), { target: { value: 'Genk' } });
    fireEvent.change(screen.getByLabelText('Soort klus'), { target: { value: 'cleaning' } });
    fireEvent.input(screen.getByLabelText('Dag'), { target: { value: '2026-12-08' } });
    fireEvent.click(screen.getByTestId('phoned-submit'));
    await screen.findByTestId('phoned-posted');
    const job = api.calls.find((c) => c.path === '/api/v1/org/posters/31/jobs');
    expect(job?.body).toMatchObject({ category: 'cleaning', address_id: 77, minutes: 120, workers_needed: 1 });
  });

  it('posts a job for a household that phoned before, without typing it again', async () => {
    const api = coachApi({
      'GET /api/v1/org/posters': ok({ posters: [household] }),
      'POST /api/v1/org/posters/31/jobs': ok(posterJob({ id: 6 }), 201),
    });
    renderAt('/coach/phoned');
    const choice = await screen.findByLabelText('Belde al eerder');
    fireEvent.change(choice, { target: { value: '31' } });
    await waitFor(() => expect(screen.queryByLabelText('Voornaam')).toBeNull());
    fireEvent.change(screen.getByLabelText('Soort klus'), { target: { value: 'cleaning' } });
    fireEvent.input(screen.getByLabelText('Dag'), { target: { value: '2026-12-08' } });
    fireEvent.click(screen.getByTestId('phoned-submit'));
    await screen.findByTestId('phoned-posted');
    expect(api.calls.some((c) => c.method === 'POST' && c.path === '/api/v1/org/posters')).toBe(false);
    expect(api.calls.find((c) => c.path === '/api/v1/org/posters/31/jobs')?.body).toMatchObject({ address_id: 77 });
  });
});
