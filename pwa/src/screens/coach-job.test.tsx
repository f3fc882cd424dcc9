// One job as the coordinator reviews it (/coach/jobs/:id): who was asked and why, the buddies
// asked, who is booked, what happened, re-offering, never again.
import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { type BoardOffer, points } from '../board';
import { noContent, ok, problemDoc } from '../test/fixtures';
import { plain } from '../test/clock';
import { renderAt } from '../test/render';
import { boardClock, coachApi, detail, unfilled, waitingForBuddy } from '../test/board';

boardClock();

describe('coordinator: one job', () => {
  it('shows the job, who was asked and why: own people by name with a link, others by organisation', async () => {
    coachApi({
      'GET /api/v1/org/jobs/12': ok(detail()),
      // The person the link opens (this test does not wait for their page).
      'GET /api/v1/org/people/44': () => new Promise<Response>(() => {}),
    });
    renderAt('/coach/jobs/12');
    const page = await screen.findByTestId('coach-job');
    await waitFor(() => expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Poetsen'));
    expect(within(page).getByTestId('coach-attention').textContent).toBe('Aandacht nodig: Niemand gevonden.');
    expect(page.textContent).toContain('Ramen en keuken.');
    expect(page.textContent).toContain('0 van 2 plaatsen bezet');

    expect(screen.getByRole('heading', { level: 2, name: 'Wie kreeg een aanbod en waarom' })).toBeTruthy();
    const waves = screen.getAllByTestId('coach-wave');
    expect(waves.map((w) => w.querySelector('h3')?.textContent)).toEqual(['Golf 1', 'Golf 2']);

    const offers = screen.getAllByTestId('coach-offer');
    expect(offers.map((o) => o.dataset.offerId)).toEqual(['5', '6']);
    const [own, other] = offers as [HTMLElement, HTMLElement];

    const link = within(own).getByRole('link', { name: 'Ahmed B.' });
    expect(link.getAttribute('href')).toBe('/coach/people/44');
    expect(within(own).getByTestId('offer-state').textContent).toBe('Zei nee');
    expect(within(own).getByTestId('offer-reason').textContent).toBe('Reden: Te ver');
    expect(within(own).getByTestId('offer-travel').textContent).toBe('Reistijd: 13 minuten');
    expect(plain(own.textContent)).toContain('Gevraagd: ');
    expect(plain(own.textContent)).toContain('Antwoord: ');

    expect(within(other).queryByRole('link')).toBeNull();
    expect(within(other).getByTestId('worker-other').textContent).toBe('iemand van Werkplaats X');
    expect(within(other).getByTestId('offer-state').textContent).toBe('Geen antwoord op tijd');
    expect(within(other).queryByTestId('offer-reason')).toBeNull();
    expect(plain(other.textContent)).not.toContain('Antwoord: ');

    // The link opens the person.
    fireEvent.click(link);
    await waitFor(() => expect(window.location.pathname).toBe('/coach/people/44'));
  });

  it('breaks the score down into readable parts with the facts behind them', async () => {
    coachApi({ 'GET /api/v1/org/jobs/12': ok(detail()) });
    renderAt('/coach/jobs/12');
    const own = (await screen.findAllByTestId('coach-offer'))[0]!;
    const table = within(own).getByTestId('coach-breakdown');
    expect(table.tagName).toBe('TABLE');
    expect(table.querySelector('caption')?.textContent).toBe('Waarom deze persoon? Score: 71 van 100 punten.');

    const rows = [...table.querySelectorAll('tbody tr')].map((tr) => ({
      part: tr.querySelector('.breakdown__name')?.textContent,
      fact: tr.querySelector('.breakdown__fact')?.textContent ?? '',
      points: tr.querySelector('[data-testid="breakdown-points"]')?.textContent,
      bar: (tr.querySelector('.breakdown__fill') as HTMLElement | null)?.style.width,
    }));
    expect(rows).toEqual([
      { part: 'Reistijd', fact: '12,5 minuten onderweg', points: '20', bar: '80%' },
      { part: 'Vaardigheid', fact: 'niveau 2, nagekeken door een coach', points: '10', bar: '40%' },
      { part: 'Eerlijke verdeling', fact: '6 uur gewerkt in de laatste 30 dagen', points: '25', bar: '100%' },
      { part: 'Betrouwbaarheid', fact: '3 gedaan, 1 niet gekomen, 0 laat afgezegd', points: '15', bar: '60%' },
      { part: 'Kent de klant', fact: '0 klussen gedaan voor deze klant', points: '0', bar: '0%' },
      { part: 'Buddy-reistijd', fact: 'geen buddy nodig', points: '5', bar: '20%' },
    ]);
    // Row headers name each line for screen readers; the bar itself is decoration.
    expect(table.querySelectorAll('th[scope="row"]')).toHaveLength(6);
    expect(table.querySelector('.breakdown__bar')?.getAttribute('aria-hidden')).toBe('true');

    const other = screen.getAllByTestId('coach-offer')[1]!;
    expect(within(other).getByTestId('coach-breakdown').textContent).toContain('niveau 1, niet nagekeken');
    expect(within(other).getByTestId('coach-breakdown').textContent).toContain('nieuw: begint in het midden');
  });

  it('says who was asked first, alone (a favourite, or who did the previous date), and only them', async () => {
    const d = detail();
    const offers = d.offers.map((o) => (o.id === 5 && o.breakdown ? { ...o, breakdown: { ...o.breakdown, first_asked: true } } : o));
    coachApi({ 'GET /api/v1/org/jobs/12': ok({ ...d, offers }) });
    renderAt('/coach/jobs/12');
    const [own, other] = (await screen.findAllByTestId('coach-offer')) as [HTMLElement, HTMLElement];
    expect(within(own).getByTestId('breakdown-first-asked').textContent).toBe('Eerst alleen gevraagd: favoriet van de klant of deed de vorige keer.');
    expect(within(other).queryByTestId('breakdown-first-asked')).toBeNull();
  });

  it('shows who is booked with their buddy, and what happened when', async () => {
    coachApi({ 'GET /api/v1/org/jobs/12': ok(detail()) });
    renderAt('/coach/jobs/12');
    const places = await screen.findAllByTestId('coach-assignment');
    expect(places.map((p) => p.dataset.place)).toEqual(['1', '2', '3']);
    expect(within(places[0]!).getByRole('link', { name: 'Ewa K.' }).getAttribute('href')).toBe('/coach/people/45');
    // The buddy is named like the workers: a link for the coordinator's own people …
    const buddy = within(places[0]!).getByTestId('assignment-buddy');
    expect(plain(buddy.textContent)).toBe('Buddy: Jan D.');
    expect(within(buddy).getByRole('link', { name: 'Jan D.' }).getAttribute('href')).toBe('/coach/people/51');
    expect(within(places[1]!).getByTestId('worker-other').textContent).toBe('iemand van Werkplaats X');
    expect(within(places[1]!).getByTestId('assignment-buddy').textContent).toBe('We zoeken nog een buddy');
    // … and "someone of" their organisation for others.
    const other = within(places[2]!).getByTestId('assignment-buddy');
    expect(plain(other.textContent)).toBe('Buddy: iemand van Buddywerk Hasselt');
    expect(within(other).queryByRole('link')).toBeNull();
    expect(within(other).getByTestId('buddy-other').querySelector('svg')).not.toBeNull();

    const history = screen.getAllByTestId('coach-transition');
    expect(history.map((h) => h.querySelector('.list__title')?.textContent)).toEqual([
      'Geplaatst → We zoeken mensen',
      'We zoeken mensen → Niemand gevonden',
    ]);
    expect(plain(history[1]!.textContent)).toMatch(/12:00 · door Klusbuddy$/);
    expect(screen.queryByTestId('transition-late')).toBeNull();
  });

  it('names who made each change, buddies and admins too, and marks late ones', async () => {
    coachApi({
      'GET /api/v1/org/jobs/12': ok(
        detail({
          transitions: [
            { from: 'filled', to: 'offering', at: '2026-12-01T09:00:00+01:00', by: 'buddy', late: true },
            { from: 'offering', to: 'cancelled', at: '2026-12-01T10:00:00+01:00', by: 'admin', late: false },
            { from: 'offering', to: 'filled', at: '2026-12-01T11:00:00+01:00', by: 'worker', late: false },
          ],
        }),
      ),
    });
    renderAt('/coach/jobs/12');
    const history = await screen.findAllByTestId('coach-transition');
    expect(plain(history[0]!.textContent)).toContain('09:00 · door een buddy');
    expect(plain(history[1]!.textContent)).toContain('10:00 · door een beheerder');
    expect(plain(history[2]!.textContent)).toContain('11:00 · door een medewerker');
    const late = within(history[0]!).getByTestId('transition-late');
    expect(late.textContent).toBe('Te laat: minder dan 24 uur voor de start');
    expect(late.querySelector('svg')).not.toBeNull();
    expect(within(history[1]!).queryByTestId('transition-late')).toBeNull();
  });

  it('offers an unfilled job again and shows it reloaded', async () => {
    const offering = { ...unfilled, state: 'offering' as const, offers_pending: 3 };
    const { calls } = coachApi({
      'GET /api/v1/org/jobs/12': [
        ok(detail()),
        ok(
          detail({
            job: offering,
            transitions: [
              ...detail().transitions,
              { from: 'unfilled', to: 'offering', at: '2026-12-01T13:00:00+01:00', by: 'coordinator', late: false },
            ],
          }),
        ),
      ],
      'POST /api/v1/org/jobs/12/reoffer': ok(offering),
    });
    renderAt('/coach/jobs/12');
    const button = await screen.findByTestId('coach-reoffer');
    expect(button.textContent).toBe('Opnieuw aanbieden');
    expect(button.querySelector('svg')).not.toBeNull();
    fireEvent.click(button);

    const done = await screen.findByTestId('coach-reoffered');
    expect(done.textContent).toBe('De klus wordt opnieuw aangeboden.');
    await waitFor(() => expect(screen.getAllByTestId('coach-transition')).toHaveLength(3));
    expect(screen.queryByTestId('coach-reoffer')).toBeNull();
    expect(screen.getByTestId('job-state').textContent).toBe('We zoeken mensen');
    expect(screen.queryByTestId('coach-attention')).toBeNull();
    expect(screen.getAllByTestId('coach-transition')[2]!.textContent).toContain('door een jobcoach');
    const post = calls.find((c) => c.method === 'POST')!;
    expect(post.path).toBe('/api/v1/org/jobs/12/reoffer');
    expect(post.headers.get('X-CSRF-Token')).toBe('csrf-coordinator');
    expect(calls.filter((c) => c.path === '/api/v1/org/jobs/12' && c.method === 'GET')).toHaveLength(2);
  });

  it('says plainly when the job can no longer be offered again (409 closed)', async () => {
    coachApi({
      'GET /api/v1/org/jobs/12': [ok(detail()), ok(detail({ job: { ...unfilled, state: 'filled', booked: 2 } }))],
      'POST /api/v1/org/jobs/12/reoffer': () =>
        new Response(JSON.stringify({ title: 'Conflict', status: 409, code: 'conflict', reason: 'closed' }), {
          status: 409,
          headers: { 'Content-Type': 'application/problem+json' },
        }),
    });
    renderAt('/coach/jobs/12');
    fireEvent.click(await screen.findByTestId('coach-reoffer'));
    const error = await screen.findByTestId('coach-reoffer-error');
    expect(error.getAttribute('role')).toBe('alert');
    expect(error.textContent).toBe('Opnieuw aanbieden kan niet meer. De klus is intussen ingevuld, begonnen of afgesloten.');
    // The job as it is now.
    await waitFor(() => expect(screen.getByTestId('job-state').textContent).toBe('Volzet'));
    expect(screen.queryByTestId('coach-reoffer')).toBeNull();
  });

  it('has no re-offer button for a job that is still being offered', async () => {
    coachApi({ 'GET /api/v1/org/jobs/13': ok(detail({ job: waitingForBuddy, offers: [], assignments: [], transitions: [] })) });
    renderAt('/coach/jobs/13');
    await screen.findByTestId('coach-job');
    expect(screen.queryByTestId('coach-reoffer')).toBeNull();
    expect(screen.getByTestId('coach-attention').textContent).toBe('Aandacht nodig: 1 medewerker wacht op een buddy.');
    expect(screen.getByTestId('coach-no-offers').textContent).toBe('Nog geen aanbiedingen verstuurd.');
    expect(screen.getByTestId('coach-no-assignments')).toBeTruthy();
  });

  it('says so when the job does not exist', async () => {
    coachApi({ 'GET /api/v1/org/jobs/99': problemDoc(404, { code: 'not_found', title: 'Niet gevonden' }) });
    renderAt('/coach/jobs/99');
    expect((await screen.findByTestId('coach-job-not-found')).textContent).toContain('Deze klus vinden we niet');
  });
});

describe('coordinator: the buddies asked for a job', () => {
  it('shows them in their own section by wave: own people by name with a link, others by organisation', async () => {
    coachApi({ 'GET /api/v1/org/jobs/12': ok(detail()) });
    renderAt('/coach/jobs/12');
    const section = await screen.findByTestId('coach-buddy-requests');
    expect(within(section).getByRole('heading', { level: 2 }).textContent).toBe('Gevraagde buddy’s');
    expect(screen.getByRole('region', { name: 'Gevraagde buddy’s' })).toBe(section);
    const waves = within(section).getAllByTestId('coach-request-wave');
    expect(waves.map((w) => w.querySelector('h3')?.textContent)).toEqual(['Golf 1', 'Golf 2']);

    const requests = within(section).getAllByTestId('coach-buddy-request');
    expect(requests.map((r) => r.dataset.requestId)).toEqual(['8', '9', '10']);
    const [yes, no, waiting] = requests as [HTMLElement, HTMLElement, HTMLElement];

    expect(within(yes).getByRole('link', { name: 'Jan D.' }).getAttribute('href')).toBe('/coach/people/51');
    expect(within(yes).getByTestId('request-state').textContent).toBe('Zei ja');
    expect(within(yes).getByTestId('request-travel').textContent).toBe('Reistijd: 1 minuut');
    expect(within(yes).queryByTestId('request-reason')).toBeNull();
    expect(plain(yes.textContent)).toContain('Antwoord: ');

    expect(within(no).getByRole('link', { name: 'Mia P.' }).getAttribute('href')).toBe('/coach/people/52');
    expect(within(no).getByTestId('request-state').textContent).toBe('Zei nee');
    expect(within(no).getByTestId('request-state').querySelector('svg')).not.toBeNull();
    expect(within(no).getByTestId('request-reason').textContent).toBe('Reden: Niet beschikbaar');
    expect(within(no).getByTestId('request-travel').textContent).toBe('Reistijd: 18 minuten');

    expect(within(waiting).queryByRole('link')).toBeNull();
    expect(within(waiting).getByTestId('request-buddy-other').textContent).toBe('iemand van Buddywerk Hasselt');
    expect(within(waiting).getByTestId('request-state').textContent).toBe('Wacht op antwoord');
    expect(plain(waiting.textContent)).toContain('Gevraagd: ');
    expect(plain(waiting.textContent)).not.toContain('Antwoord: ');
    // Only the coordinator's own people can be kept away from this customer.
    expect(within(waiting).queryByTestId('coach-never-again')).toBeNull();
    expect(within(no).getByTestId('coach-never-again')).toBeTruthy();
  });

  it('says when another buddy was quicker, or a buddy said no without a reason', async () => {
    const base = detail().buddy_requests[0]!;
    coachApi({
      'GET /api/v1/org/jobs/12': ok(
        detail({
          buddy_requests: [
            { ...base, id: 20, state: 'taken', decline_reason: null },
            { ...base, id: 21, state: 'declined', decline_reason: null },
          ],
        }),
      ),
    });
    renderAt('/coach/jobs/12');
    const [taken, declined] = (await screen.findAllByTestId('coach-buddy-request')) as [HTMLElement, HTMLElement];
    expect(within(taken).getByTestId('request-state').textContent).toBe('Een andere buddy gaat al mee');
    expect(within(declined).getByTestId('request-reason').textContent).toBe('Reden: niet gezegd');
  });

  it('says so when no buddy was asked yet', async () => {
    coachApi({ 'GET /api/v1/org/jobs/12': ok(detail({ buddy_requests: [] })) });
    renderAt('/coach/jobs/12');
    expect((await screen.findByTestId('coach-no-buddy-requests')).textContent).toBe('Nog geen buddy’s gevraagd.');
    expect(screen.queryAllByTestId('coach-buddy-request')).toHaveLength(0);
  });
});

describe('coordinator: never again with this customer', () => {
  const ewaOffer: BoardOffer = {
    ...detail().offers[1]!,
    id: 7,
    state: 'accepted',
    decline_reason: null,
    worker: { id: 45, name: 'Ewa K.', organisation: 'Kompas Maatwerk Genk' },
  };

  it('is there for own people only, with an icon and a name that says who', async () => {
    coachApi({ 'GET /api/v1/org/jobs/12': ok(detail()) });
    renderAt('/coach/jobs/12');
    const [own, other] = (await screen.findAllByTestId('coach-offer')) as [HTMLElement, HTMLElement];
    const button = within(own).getByRole('button', { name: 'Niet meer bij deze klant: Ahmed B.' });
    expect(button.dataset.testid).toBe('coach-never-again');
    expect(button.querySelector('svg')).not.toBeNull();
    expect(within(other).queryByTestId('coach-never-again')).toBeNull();
    const places = screen.getAllByTestId('coach-assignment');
    expect(within(places[0]!).getByRole('button', { name: 'Niet meer bij deze klant: Ewa K.' })).toBeTruthy();
    expect(within(places[1]!).queryByTestId('coach-never-again')).toBeNull();
  });

  it('asks first, then sends {person_id} and says it is done, on every line of that person', async () => {
    const { calls } = coachApi({
      'GET /api/v1/org/jobs/12': ok(detail({ offers: [...detail().offers, ewaOffer] })),
      'POST /api/v1/jobs/12/never-again': noContent(),
    });
    renderAt('/coach/jobs/12');
    const offer = (await screen.findAllByTestId('coach-offer')).find((o) => o.dataset.offerId === '7')!;
    fireEvent.click(within(offer).getByTestId('coach-never-again'));
    const question = within(offer).getByTestId('coach-never-again-question');
    expect(question.getAttribute('role')).toBe('group');
    expect(plain(question.textContent)).toContain(
      'Ewa K. komt dan nooit meer bij deze klant: geen klussen en geen vragen om mee te gaan. Voor deze klus verandert er niets. De klant krijgt geen bericht.',
    );
    await waitFor(() => expect(document.activeElement).toBe(question));
    expect(calls.some((c) => c.method === 'POST')).toBe(false);

    fireEvent.click(within(offer).getByTestId('coach-never-again-confirm'));
    const done = await within(offer).findByTestId('coach-never-again-done');
    expect(done.textContent).toBe('Ewa K. komt niet meer bij deze klant.');
    expect(done.getAttribute('role')).toBe('status');
    await waitFor(() => expect(document.activeElement).toBe(done));
    // The same person on their place: done there too, no second button.
    const place = screen.getAllByTestId('coach-assignment')[0]!;
    expect(within(place).getByTestId('coach-never-again-done').textContent).toBe('Ewa K. komt niet meer bij deze klant.');
    expect(within(place).queryByTestId('coach-never-again')).toBeNull();
    // Someone else keeps theirs.
    expect(screen.getAllByTestId('coach-offer').filter((o) => within(o).queryByTestId('coach-never-again'))).toHaveLength(1);

    const posts = calls.filter((c) => c.method === 'POST');
    expect(posts).toHaveLength(1);
    expect(posts[0]!.path).toBe('/api/v1/jobs/12/never-again');
    expect(posts[0]!.body).toEqual({ person_id: 45 });
    expect(posts[0]!.headers.get('X-CSRF-Token')).toBe('csrf-coordinator');
  });

  it('blocks a buddy from a buddy request with their person_id', async () => {
    const { calls } = coachApi({
      'GET /api/v1/org/jobs/12': ok(detail()),
      'POST /api/v1/jobs/12/never-again': noContent(),
    });
    renderAt('/coach/jobs/12');
    const request = (await screen.findAllByTestId('coach-buddy-request')).find((r) => r.dataset.requestId === '9')!;
    fireEvent.click(within(request).getByRole('button', { name: 'Niet meer bij deze klant: Mia P.' }));
    fireEvent.click(within(request).getByRole('button', { name: 'Ja, niet meer bij deze klant' }));
    expect((await within(request).findByTestId('coach-never-again-done')).textContent).toBe('Mia P. komt niet meer bij deze klant.');
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({ person_id: 52 });
  });

  it('"Nee, laat maar" closes the question without sending anything', async () => {
    const { calls } = coachApi({ 'GET /api/v1/org/jobs/12': ok(detail()) });
    renderAt('/coach/jobs/12');
    const own = (await screen.findAllByTestId('coach-offer'))[0]!;
    fireEvent.click(within(own).getByTestId('coach-never-again'));
    fireEvent.click(within(own).getByRole('button', { name: 'Nee, laat maar' }));
    await waitFor(() => expect(document.activeElement).toBe(within(own).getByTestId('coach-never-again')));
    expect(within(own).queryByTestId('coach-never-again-question')).toBeNull();
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
  });

  it('says plainly why it did not work: not on the job (404), not allowed (403), no connection', async () => {
    coachApi({
      'GET /api/v1/org/jobs/12': ok(detail()),
      'POST /api/v1/jobs/12/never-again': [
        problemDoc(404, { code: 'not_found', detail: 'There is no such person on this job.' }),
        problemDoc(403, { code: 'forbidden', detail: 'Admins do not block people from posters.' }),
        () => Promise.reject(new TypeError('Failed to fetch')),
      ],
    });
    renderAt('/coach/jobs/12');
    const own = (await screen.findAllByTestId('coach-offer'))[0]!;
    fireEvent.click(within(own).getByTestId('coach-never-again'));
    const question = within(own).getByTestId('coach-never-again-question');
    const confirm = within(own).getByTestId('coach-never-again-confirm');

    fireEvent.click(confirm);
    expect((await within(question).findByRole('alert')).textContent).toBe(
      'Dat lukte niet: Ahmed B. staat niet op deze klus, of is niet van jouw organisatie.',
    );
    fireEvent.click(confirm);
    await waitFor(() => expect(within(question).getByRole('alert').textContent).toBe('Dit kan niet met jouw account.'));
    fireEvent.click(confirm);
    await waitFor(() => expect(within(question).getByRole('alert').textContent).toContain('Geen verbinding met Klusbuddy.'));
    expect(within(own).queryByTestId('coach-never-again-done')).toBeNull();
  });
});
