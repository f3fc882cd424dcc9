// Feedback after the job (issue 12): the poster's Ja/Nee per worker on the done job page, the
// worker's three faces on the done card, and what the coordinator reads on the person page.
import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import type { Feedback } from '../feedback';
import type { JobPlace } from '../jobs';
import { accompaniment, answerClock, assignment, buddyApi, workerApi } from '../test/answers';
import { categoriesBody, mockApi, ok, person, problemDoc, session } from '../test/fixtures';
import { posterJob } from '../test/jobs';
import { coachApi } from '../test/people';
import { renderAt } from '../test/render';
import { jobStatement } from '../test/statements';
import { forgetTravelMode } from './offers';

answerClock(forgetTravelMode);

const base: Feedback = {
  id: 1,
  job_id: 77,
  place: 1,
  category: 'cleaning',
  job_start: '2026-11-30T09:00:00+01:00',
  from: { id: 13, role: 'poster', name: 'Bakkerij Peeters' },
  about: { id: 44, name: 'Ayşe Y.' },
  again: false,
  face: null,
  tags: ['on_time'],
  comment: 'Kwam een half uur te laat.',
  at: '2026-11-30T12:00:00+01:00',
};

describe('the worker’s three faces after a done job', () => {
  const done = { start: '2026-12-01T08:00:00+01:00', end: '2026-12-01T10:00:00+01:00', state: 'done' as const };
  const attendance = { checked_in_at: '2026-12-01T07:58:00+01:00', checked_out_at: '2026-12-01T10:00:00+01:00', far: false };
  const routes = (post: Parameters<typeof mockApi>[0][string]) => ({
    'GET /api/v1/me/assignments/77/hours': problemDoc(404, { code: 'not_found', title: 'Niet gevonden' }),
    'GET /api/v1/me/assignments/77/feedback': ok({ feedback: null }),
    'POST /api/v1/me/assignments/77/feedback': post,
  });

  it('asks with three large faces (buttons with words, aria-pressed), needs a face, then sends face, tags and comment', async () => {
    const api = workerApi(routes(ok({ feedback: { ...base, from: { id: 44, role: 'worker', name: 'Ayşe Y.' }, about: { id: 13, name: 'Bakkerij Peeters' }, again: null, face: 'good', tags: ['safe'] } })), [], [
      { ...assignment(77, done), attendance, outcome: 'done' },
    ]);
    renderAt('/');
    const form = await screen.findByTestId('job-feedback');
    expect(within(form).getByRole('heading', { name: 'Hoe was deze klus?' })).toBeTruthy();
    const faces = ['Slecht', 'Oké', 'Goed'].map((name) => within(form).getByRole('button', { name }));
    expect(faces.map((b) => b.getAttribute('aria-pressed'))).toEqual(['false', 'false', 'false']);

    fireEvent.click(within(form).getByRole('button', { name: 'Verstuur' }));
    expect((await within(form).findByTestId('feedback-face-error')).textContent).toBe('Kies een gezicht.');
    expect(api.calls.some((c) => c.method === 'POST')).toBe(false);

    fireEvent.click(faces[2]!);
    expect(faces[2]!.getAttribute('aria-pressed')).toBe('true');
    const safe = within(form).getByRole('button', { name: 'Veilig' });
    fireEvent.click(safe);
    expect(safe.getAttribute('aria-pressed')).toBe('true');
    fireEvent.input(within(form).getByLabelText(/Nog iets te zeggen/), { target: { value: '  Fijne klant.  ' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Verstuur' }));
    expect((await screen.findByTestId('job-feedback-thanks')).textContent).toContain('Bedankt! Je zei: Goed.');
    expect(api.calls.find((c) => c.method === 'POST')?.body).toEqual({ face: 'good', tags: ['safe'], comment: 'Fijne klant.' });
  });

  it('shows the thanks, not the question, when they answered before', async () => {
    workerApi({ ...routes(ok({ feedback: base })), 'GET /api/v1/me/assignments/77/feedback': ok({ feedback: { ...base, again: null, face: 'ok' } }) }, [], [
      { ...assignment(77, done), attendance, outcome: 'done' },
    ]);
    renderAt('/');
    expect((await screen.findByTestId('job-feedback-thanks')).textContent).toContain('Oké');
    expect(screen.queryByTestId('job-feedback')).toBeNull();
  });
});

describe('the buddy’s three faces', () => {
  it('go to the accompaniment’s address', async () => {
    const done = { start: '2026-12-01T08:00:00+01:00', end: '2026-12-01T10:00:00+01:00', state: 'done' as const };
    const attendance = { checked_in_at: '2026-12-01T07:58:00+01:00', checked_out_at: '2026-12-01T10:00:00+01:00', far: false };
    const api = buddyApi(
      {
        'GET /api/v1/me/accompaniments/31/hours': problemDoc(404, { code: 'not_found', title: 'Niet gevonden' }),
        'GET /api/v1/me/accompaniments/31/feedback': ok({ feedback: null }),
        'POST /api/v1/me/accompaniments/31/feedback': ok({
          feedback: { ...base, place: 0, from: { id: 50, role: 'buddy', name: 'Jan C.' }, about: { id: 13, name: 'Bakkerij Peeters' }, again: null, face: 'bad', tags: [], comment: null },
        }),
      },
      [],
      [{ ...accompaniment(31, done), attendance }],
    );
    renderAt('/');
    const form = await screen.findByTestId('job-feedback');
    fireEvent.click(within(form).getByRole('button', { name: 'Slecht' }));
    fireEvent.click(within(form).getByRole('button', { name: 'Verstuur' }));
    expect((await screen.findByTestId('job-feedback-thanks')).textContent).toContain('Slecht');
    expect(api.calls.filter((c) => c.method === 'POST').map((c) => [c.path, c.body])).toEqual([['/api/v1/me/accompaniments/31/feedback', { face: 'bad', tags: [] }]]);
  });
});

describe('the poster’s question per worker', () => {
  const place = (n: number, first_name: string): JobPlace => ({ place: n, first_name, status: 'done', buddy: { state: 'none' } });
  const doneJob = posterJob({ state: 'done', start: '2026-11-30T09:00:00+01:00', end: '2026-11-30T11:00:00+01:00', coming: ['Ayşe'], places: [place(1, 'Ayşe')] });
  const posterApi = (routes: Parameters<typeof mockApi>[0]) =>
    mockApi({
      'GET /api/v1/session': ok(session('poster')),
      'GET /api/v1/categories': ok(categoriesBody),
      'GET /api/v1/jobs/77': ok(doneJob),
      'GET /api/v1/jobs/77/hours': ok({ sheets: [] }),
      'GET /api/v1/jobs/77/statement': ok({ statement: jobStatement({ state: 'done', lines: [], net_cents: 0, vat_cents: 0, total_cents: 0, pending: 0 }) }),
      ...routes,
    });

  it('asks "Zou je Ayşe opnieuw vragen?" with Ja/Nee, tags and a comment, and sends them by place', async () => {
    const api = posterApi({
      'GET /api/v1/jobs/77/feedback': ok({ feedback: [] }),
      'POST /api/v1/jobs/77/feedback': [
        problemDoc(422, { code: 'invalid', errors: [{ field: 'tags', detail: 'Gebruik alleen de labels on_time, friendly en good_work.' }] }),
        ok({ feedback: { ...base, about: { id: 0, name: 'Ayşe Y.' } } }),
      ],
    });
    renderAt('/jobs/77');
    const card = await screen.findByTestId('poster-feedback');
    expect(within(card).getByText('Alleen de jobcoach leest je antwoord.')).toBeTruthy();
    const item = await within(card).findByTestId('poster-feedback-item');
    expect(within(item).getByRole('group', { name: 'Zou je Ayşe opnieuw vragen?' })).toBeTruthy();
    fireEvent.click(within(item).getByRole('button', { name: 'Verstuur' }));
    expect((await within(item).findByTestId('feedback-again-error')).textContent).toBe('Kies ja of nee.');

    const no = within(item).getByRole('button', { name: 'Nee' });
    fireEvent.click(no);
    expect(no.getAttribute('aria-pressed')).toBe('true');
    expect(within(item).getByRole('button', { name: 'Ja' }).getAttribute('aria-pressed')).toBe('false');
    fireEvent.click(within(item).getByRole('button', { name: 'Op tijd' }));
    fireEvent.input(within(item).getByLabelText(/Nog iets te zeggen/), { target: { value: 'Kwam een half uur te laat.' } });
    fireEvent.click(within(item).getByRole('button', { name: 'Verstuur' }));
    // The server's 422 on the tags shows under the tags.
    await waitFor(() => expect(within(item).getByText('Gebruik alleen de labels on_time, friendly en good_work.')).toBeTruthy());
    fireEvent.click(within(item).getByRole('button', { name: 'Verstuur' }));
    expect((await within(card).findByTestId('poster-feedback-thanks')).textContent).toContain('De jobcoach leest je antwoord over Ayşe.');
    expect(api.calls.filter((c) => c.method === 'POST').map((c) => c.body)).toEqual([
      { place: 1, again: false, tags: ['on_time'], comment: 'Kwam een half uur te laat.' },
      { place: 1, again: false, tags: ['on_time'], comment: 'Kwam een half uur te laat.' },
    ]);
  });

  it('is not asked before the job is done', async () => {
    const api = mockApi({
      'GET /api/v1/session': ok(session('poster')),
      'GET /api/v1/categories': ok(categoriesBody),
      'GET /api/v1/jobs/77': ok({ ...doneJob, state: 'filled', places: [{ ...place(1, 'Ayşe'), status: 'booked' }] }),
    });
    renderAt('/jobs/77');
    await screen.findByTestId('job-places');
    expect(screen.queryByTestId('poster-feedback')).toBeNull();
    expect(api.calls.some((c) => c.path.endsWith('/feedback'))).toBe(false);
  });
});

describe('the coordinator reads the feedback on the person page', () => {
  it('lists what customers said (with the comment and the no) and what the person said, with a link to the customer', async () => {
    coachApi({
      'GET /api/v1/org/people/44': ok(person('worker', { id: 44, first_name: 'Ayşe', last_name: 'Yilmaz' })),
      'GET /api/v1/org/people/44/blocks': ok({ blocks: [] }),
      'GET /api/v1/org/people/44/feedback': ok({
        received: [base],
        given: [{ ...base, id: 2, from: { id: 44, role: 'worker', name: 'Ayşe Y.' }, about: { id: 13, name: 'Bakkerij Peeters' }, again: null, face: 'bad', tags: ['clear_instructions'], comment: null }],
      }),
    });
    renderAt('/coach/people/44');
    const section = await screen.findByTestId('person-feedback');
    const received = await within(section).findByTestId('feedback-received');
    expect(received.textContent).toContain('Zou niet opnieuw vragen');
    expect(received.textContent).toContain('Kwam een half uur te laat.');
    expect(received.textContent).toContain('Op tijd');
    expect(received.textContent).toContain('Bakkerij Peeters');
    const given = within(section).getByTestId('feedback-given');
    expect(given.textContent).toContain('Slecht');
    expect(given.textContent).toContain('Duidelijke uitleg');
    expect(within(section).getByRole('link', { name: 'Feedback over Bakkerij Peeters' }).getAttribute('href')).toBe('/coach/posters/13');
  });
});

describe('the coordinator’s view of a customer', () => {
  it('shows what their people said about the customer and what the customer said, for coaches only', async () => {
    coachApi({
      'GET /api/v1/org/posters/13/feedback': ok({
        received: [{ ...base, id: 2, from: { id: 44, role: 'worker', name: 'Ayşe Y.' }, about: { id: 13, name: 'Bakkerij Peeters' }, again: null, face: 'good', tags: ['safe'], comment: null }],
        given: [base],
      }),
    });
    renderAt('/coach/posters/13');
    const page = await screen.findByTestId('coach-poster');
    expect(await within(page).findByRole('heading', { name: 'Bakkerij Peeters' })).toBeTruthy();
    expect(within(page).getByText('Alleen voor jobcoaches: werkers en klanten zien dit niet.')).toBeTruthy();
    expect(within(page).getByTestId('feedback-received').textContent).toContain('Goed');
    expect(within(page).getByTestId('feedback-given').textContent).toContain('Zou niet opnieuw vragen');
  });
});
