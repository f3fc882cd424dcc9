// One worker or buddy on the coordinator's person page (/coach/people/:id): the customers they
// no longer go to.
import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { mockApi, noContent, ok, person, problemDoc } from '../test/fixtures';
import { coachApi, worker44 } from '../test/people';
import { renderAt } from '../test/render';

afterEach(() => window.history.replaceState(null, '', '/'));

const bakery = {
  poster: { id: 12, name: 'Bakkerij Vanhoof', municipality: 'Genk' },
  by: 'worker',
  created_at: '2026-03-02T11:00:00Z',
  job_id: 34,
};
const garden = {
  poster: { id: 15, name: 'Marc Peeters', municipality: 'As' },
  by: 'coordinator',
  created_at: '2026-05-20T09:30:00Z',
  job_id: null,
};
const buddy50 = {
  ...worker44,
  id: 50,
  role: 'buddy',
  first_name: 'Jan',
  last_name: 'Claes',
  worker: null,
  buddy: { postcode: '3600', municipality: 'Genk', travel_mode: 'car', max_travel_minutes: 30, spoken_languages: [], categories: [], availability: [], exceptions: [] },
};

describe('person page: customers no longer together with', () => {
  type Routes = Parameters<typeof mockApi>[0];
  const blocksApi = (blocks: Routes[string], extra: Routes = {}) =>
    coachApi({ 'GET /api/v1/org/people/44': ok(worker44), 'GET /api/v1/org/people/44/blocks': blocks, ...extra });

  it('lists each block: the customer, their municipality, who asked and since when', async () => {
    const janssens = { ...bakery, poster: { id: 13, name: 'Fam. Janssens', municipality: 'Bree' }, by: 'poster' };
    blocksApi(ok({ blocks: [bakery, garden, janssens] }));
    renderAt('/coach/people/44');
    const section = await screen.findByRole('region', { name: 'Niet meer samen met' });
    expect(within(section).getByText('Bij deze klanten komt Ewa niet meer.')).toBeTruthy();
    const rows = await within(section).findAllByTestId('block');
    expect(rows.map((r) => r.querySelector('.list__title')?.textContent)).toEqual(['Bakkerij Vanhoof', 'Marc Peeters', 'Fam. Janssens']);
    expect(rows[0]!.textContent).toContain('Genk');
    expect(rows[0]!.textContent).toContain('Op vraag van de medewerker · Sinds 2 maart 2026');
    expect(rows[0]!.querySelector('time')?.getAttribute('datetime')).toBe('2026-03-02T11:00:00Z');
    expect(rows[1]!.textContent).toContain('Op vraag van een coach · Sinds 20 mei 2026');
    expect(rows[2]!.textContent).toContain('Op vraag van de klant');
    // One button per row, named after its customer; the word is on it beside an icon.
    const lift = within(rows[0]!).getByRole('button', { name: 'Opheffen: Bakkerij Vanhoof' });
    expect(lift.textContent).toBe('Opheffen');
    expect(lift.querySelector('svg')).not.toBeNull();
    expect(within(section).getByRole('button', { name: 'Opheffen: Marc Peeters' })).toBeTruthy();
    expect(within(section).queryByTestId('blocks-empty')).toBeNull();
  });

  it('asks first, then sends DELETE with the CSRF token, removes the row and says so', async () => {
    const { calls } = blocksApi(ok({ blocks: [bakery, garden] }), { 'DELETE /api/v1/org/people/44/blocks/12': noContent() });
    renderAt('/coach/people/44');
    fireEvent.click(await screen.findByRole('button', { name: 'Opheffen: Bakkerij Vanhoof' }));

    const question = screen.getByRole('group', { name: 'Dan kan Ewa weer klussen van Bakkerij Vanhoof krijgen.' });
    await waitFor(() => expect(document.activeElement).toBe(question));
    expect(calls.some((c) => c.method === 'DELETE')).toBe(false);
    fireEvent.click(within(question).getByRole('button', { name: 'Ja, opheffen' }));

    const notice = await screen.findByTestId('block-lifted');
    expect(notice.textContent).toBe('Bakkerij Vanhoof is niet meer geblokkeerd.');
    expect(notice.getAttribute('role')).toBe('status');
    await waitFor(() => expect(document.activeElement).toBe(notice));
    const del = calls.filter((c) => c.method === 'DELETE');
    expect(del.map((c) => c.path)).toEqual(['/api/v1/org/people/44/blocks/12']);
    expect(del[0]!.headers.get('X-CSRF-Token')).toBe('csrf-coordinator');
    expect(screen.getAllByTestId('block').map((r) => r.dataset.poster)).toEqual(['15']);
  });

  it('changes nothing on “Nee, laat maar” and gives the focus back to the button', async () => {
    const { calls } = blocksApi(ok({ blocks: [bakery] }));
    renderAt('/coach/people/44');
    fireEvent.click(await screen.findByRole('button', { name: 'Opheffen: Bakkerij Vanhoof' }));
    fireEvent.click(screen.getByRole('button', { name: 'Nee, laat maar' }));
    const lift = await screen.findByRole('button', { name: 'Opheffen: Bakkerij Vanhoof' });
    await waitFor(() => expect(document.activeElement).toBe(lift));
    expect(calls.some((c) => c.method === 'DELETE')).toBe(false);
    expect(screen.getAllByTestId('block')).toHaveLength(1);
  });

  it('says so when there are none, for a buddy too, and after the last one is lifted', async () => {
    const { calls } = coachApi({
      'GET /api/v1/org/people/50': ok(buddy50),
      'GET /api/v1/org/people/50/blocks': ok({ blocks: [{ ...bakery, by: 'buddy' }] }),
      'DELETE /api/v1/org/people/50/blocks/12': noContent(),
    });
    renderAt('/coach/people/50');
    const row = await screen.findByTestId('block');
    expect(row.textContent).toContain('Op vraag van de buddy');
    fireEvent.click(within(row).getByRole('button', { name: 'Opheffen: Bakkerij Vanhoof' }));
    expect(screen.getByTestId('block-question').textContent).toContain('Dan kan Jan weer klussen van Bakkerij Vanhoof krijgen.');
    fireEvent.click(screen.getByTestId('block-confirm'));
    expect((await screen.findByTestId('blocks-empty')).textContent).toBe('Geen klanten geblokkeerd.');
    expect(screen.queryByTestId('block')).toBeNull();
    expect(calls.find((c) => c.method === 'DELETE')!.path).toBe('/api/v1/org/people/50/blocks/12');
  });

  it('shows the empty state when nothing is blocked', async () => {
    blocksApi(ok({ blocks: [] }));
    renderAt('/coach/people/44');
    const empty = await screen.findByTestId('blocks-empty');
    expect(empty.textContent).toBe('Geen klanten geblokkeerd.');
    expect(screen.queryByTestId('blocks-list')).toBeNull();
  });

  it('on a 404 says the block was already lifted and takes the row away', async () => {
    blocksApi(ok({ blocks: [bakery, garden] }), { 'DELETE /api/v1/org/people/44/blocks/12': problemDoc(404, { code: 'not_found', title: 'Niet gevonden' }) });
    renderAt('/coach/people/44');
    fireEvent.click(await screen.findByRole('button', { name: 'Opheffen: Bakkerij Vanhoof' }));
    fireEvent.click(screen.getByTestId('block-confirm'));
    const notice = await screen.findByTestId('block-lifted');
    expect(notice.textContent).toBe('Deze blokkering was al opgeheven.');
    await waitFor(() => expect(document.activeElement).toBe(notice));
    expect(screen.getAllByTestId('block').map((r) => r.dataset.poster)).toEqual(['15']);
  });

  it('keeps the row and the question, with the reason, when the server fails', async () => {
    blocksApi(ok({ blocks: [bakery] }), { 'DELETE /api/v1/org/people/44/blocks/12': problemDoc(500, { title: 'Internal Server Error' }) });
    renderAt('/coach/people/44');
    fireEvent.click(await screen.findByRole('button', { name: 'Opheffen: Bakkerij Vanhoof' }));
    fireEvent.click(screen.getByTestId('block-confirm'));
    const error = await screen.findByTestId('block-error');
    expect(error.getAttribute('role')).toBe('alert');
    expect(error.textContent).not.toBe('');
    expect(screen.getByTestId('block-question')).toBeTruthy();
    expect(screen.getAllByTestId('block')).toHaveLength(1);
    expect(screen.queryByTestId('block-lifted')).toBeNull();
  });

  it('says so when the list cannot be loaded, and tries again on a tap', async () => {
    blocksApi([problemDoc(503, { title: 'Service Unavailable' }), ok({ blocks: [bakery] })]);
    renderAt('/coach/people/44');
    const section = await screen.findByTestId('blocks');
    const failed = await within(section).findByTestId('load-error');
    expect(failed.getAttribute('role')).toBe('alert');
    // The rest of the page is still there.
    expect(screen.getByTestId('person-form')).toBeTruthy();
    fireEvent.click(within(failed).getByRole('button', { name: 'Opnieuw proberen' }));
    expect((await within(section).findByTestId('block')).textContent).toContain('Bakkerij Vanhoof');
  });
});
