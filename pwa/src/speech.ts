// "Lees voor" (issue 14): the phone reads a card aloud with the Web Speech API, in the page's
// language. Only where the phone has a voice for that language: a Dutch voice reading Arabic
// helps nobody. Voices arrive late on some browsers (Chrome), hence 'voiceschanged'.
import { useEffect, useState } from 'preact/hooks';
import type { Lang } from './i18n';

/** What each language is spoken as: Belgian Dutch and French first (our users' own). */
export const SPEECH_TAGS: Readonly<Record<Lang, string>> = { nl: 'nl-BE', fr: 'fr-BE', en: 'en-GB', tr: 'tr-TR', ar: 'ar-SA' };

const tagOf = (v: SpeechSynthesisVoice) => v.lang.toLowerCase().replace('_', '-');

/** The voice for `lang`: its exact tag (nl-BE), else any of the language (nl-NL), else none. */
export function pickVoice(voices: readonly SpeechSynthesisVoice[], lang: Lang): SpeechSynthesisVoice | null {
  const tag = SPEECH_TAGS[lang].toLowerCase();
  return voices.find((v) => tagOf(v) === tag) ?? voices.find((v) => tagOf(v).split('-')[0] === lang) ?? null;
}

const synth = (): SpeechSynthesis | null =>
  typeof window !== 'undefined' && 'speechSynthesis' in window && 'SpeechSynthesisUtterance' in window ? window.speechSynthesis : null;

/** This phone's voice for `lang`, or null (no speech, or no voice for it yet). */
export function useVoice(lang: Lang): SpeechSynthesisVoice | null {
  const [voice, setVoice] = useState<SpeechSynthesisVoice | null>(null);
  useEffect(() => {
    const s = synth();
    if (!s) return;
    const update = () => setVoice(pickVoice(s.getVoices(), lang));
    update();
    s.addEventListener('voiceschanged', update);
    return () => s.removeEventListener('voiceschanged', update);
  }, [lang]);
  return voice;
}

/** Speaks `text` (stopping whatever was being read); `done` runs when it ends or is stopped. */
export function speak(text: string, lang: Lang, voice: SpeechSynthesisVoice, done: () => void): void {
  const s = synth();
  if (!s) return;
  s.cancel();
  const u = new SpeechSynthesisUtterance(text);
  u.lang = SPEECH_TAGS[lang];
  u.voice = voice;
  u.onend = u.onerror = done;
  s.speak(u);
}

export function stopSpeaking(): void {
  synth()?.cancel();
}
