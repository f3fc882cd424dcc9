import { act, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { pickVoice } from '../speech';
import { answerClock, assignment, offer, workerApi } from '../test/answers';
import { ok, session } from '../test/fixtures';
import { renderAt } from '../test/render';
import { stubSpeech } from '../test/speech-stubs';
import { forgetTravelMode } from '../screens/offers';

answerClock(forgetTravelMode);

const voice = (lang: string) => ({ lang }) as SpeechSynthesisVoice;

describe('choosing a voice', () => {
  it('takes the exact tag first, else any voice of the language, else none', () => {
    const voices = [voice('en-US'), voice('nl-NL'), voice('nl-BE'), voice('fr_FR')];
    expect(pickVoice(voices, 'nl')?.lang).toBe('nl-BE');
    expect(pickVoice(voices, 'fr')?.lang).toBe('fr_FR');
    expect(pickVoice(voices, 'en')?.lang).toBe('en-US');
    expect(pickVoice(voices, 'tr')).toBeNull();
    expect(pickVoice([voice('ar-EG')], 'ar')?.lang).toBe('ar-EG');
  });
});

describe('"Lees voor" on the worker\'s home', () => {
  it('reads an offer: what, when, where, travel and buddy, in Dutch with a Dutch voice', async () => {
    const speech = stubSpeech(['en-GB', 'nl-BE']);
    workerApi({}, [offer({ needs_buddy: true })]);
    renderAt('/');
    const card = await screen.findByTestId('offer');
    const button = await within(card).findByTestId('read-aloud');
    expect(button.textContent).toBe('Lees voor');
    fireEvent.click(button);
    expect(speech.spoken).toHaveLength(1);
    const u = speech.spoken[0]!;
    expect(u.lang).toBe('nl-BE');
    expect(u.voice?.lang).toBe('nl-BE');
    expect(u.text).toContain('Poetsen. ');
    expect(u.text).toContain('Morgen · 09:00–11:00. Genk. ');
    expect(u.text).toContain('ongeveer 15 minuten reizen');
    expect(u.text).toContain('Een buddy gaat met je mee.');
    expect(button.textContent).toBe('Stop met voorlezen');
    // Read to the end: the button is back.
    act(() => speech.finish());
    expect(button.textContent).toBe('Lees voor');
  });

  it('stops at a second tap', async () => {
    const speech = stubSpeech(['nl-NL']);
    workerApi({}, [offer()]);
    renderAt('/');
    const button = await within(await screen.findByTestId('offer')).findByTestId('read-aloud');
    fireEvent.click(button);
    expect(speech.spoken[0]!.voice?.lang).toBe('nl-NL'); // no Belgian voice: the Dutch one
    const cancels = speech.synth.cancel.mock.calls.length;
    fireEvent.click(button);
    expect(speech.synth.cancel.mock.calls.length).toBe(cancels + 1);
    expect(speech.spoken).toHaveLength(1);
    expect(button.textContent).toBe('Lees voor');
  });

  it('reads a booked job: what, when, the address and the buddy', async () => {
    const speech = stubSpeech(['nl-BE']);
    workerApi({}, [], [assignment(77, {}, { state: 'confirmed', first_name: 'Jan' })]);
    renderAt('/');
    const booked = await screen.findByTestId('assignment');
    fireEvent.click(within(booked).getAllByTestId('read-aloud')[0]!);
    const text = speech.spoken[0]!.text;
    expect(text).toMatch(/^Poetsen\. /);
    expect(text).toContain('Stationsstraat 12, 3600 Genk');
    expect(text).toContain('Jan');
  });

  it('reads the day\'s instruction: when "Ik ben er" opens', async () => {
    const speech = stubSpeech(['nl-BE']);
    workerApi({}, [], [assignment(77)]);
    renderAt('/');
    const booked = await screen.findByTestId('assignment');
    const opens = await within(booked).findByTestId('day-opens');
    const buttons = within(booked).getAllByTestId('read-aloud');
    expect(buttons).toHaveLength(2);
    fireEvent.click(buttons[1]!);
    expect(speech.spoken[0]!.text).toBe(opens.textContent);
    // Another card's reading stops this one.
    fireEvent.click(buttons[0]!);
    expect(buttons[1]!.textContent).toBe('Lees voor');
    expect(buttons[0]!.textContent).toBe('Stop met voorlezen');
  });

  it('speaks the page\'s language: French words with a French tag', async () => {
    const speech = stubSpeech(['nl-BE', 'fr-FR']);
    workerApi({ 'GET /api/v1/session': ok(session('worker', { language: 'fr' })) }, [offer()]);
    renderAt('/', 'fr');
    const button = await within(await screen.findByTestId('offer')).findByTestId('read-aloud');
    expect(button.textContent).toBe('Lire à voix haute');
    fireEvent.click(button);
    const u = speech.spoken[0]!;
    expect(u.lang).toBe('fr-BE');
    expect(u.voice?.lang).toBe('fr-FR');
    expect(u.text).toContain('Demain');
    expect(u.text).not.toContain('Morgen');
  });

  it('speaks Arabic with an Arabic tag, with any Arabic voice the phone has', async () => {
    const speech = stubSpeech(['nl-BE', 'ar-EG']);
    workerApi({ 'GET /api/v1/session': ok(session('worker', { language: 'ar' })) }, [offer()]);
    renderAt('/', 'ar');
    fireEvent.click(await within(await screen.findByTestId('offer')).findByTestId('read-aloud'));
    const u = speech.spoken[0]!;
    expect(u.lang).toBe('ar-SA');
    expect(u.voice?.lang).toBe('ar-EG');
    expect(u.text).toMatch(/[\u0600-\u06FF]/);
    expect(u.text).not.toContain('Morgen');
  });

  it('is not there without a voice for the language, and comes when one arrives', async () => {
    const speech = stubSpeech(['en-GB', 'fr-BE']);
    workerApi({}, [offer()]);
    renderAt('/');
    const card = await screen.findByTestId('offer');
    expect(within(card).queryByTestId('read-aloud')).toBeNull();
    act(() => speech.setVoices(['en-GB', 'nl-BE']));
    await waitFor(() => expect(within(card).getByTestId('read-aloud')).toBeTruthy());
  });

  it('is not there where the browser cannot speak', async () => {
    workerApi({}, [offer()]);
    renderAt('/');
    const card = await screen.findByTestId('offer');
    expect(within(card).queryByTestId('read-aloud')).toBeNull();
  });
});
