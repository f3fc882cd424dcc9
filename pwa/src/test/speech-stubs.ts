// The Web Speech API as a phone would have it: voices (given now or later, as Chrome does)
// and a synthesiser that records what it is asked to say. Undone by vi.unstubAllGlobals (setup.ts).
import { vi } from 'vitest';

export type Spoken = { text: string; lang: string; voice: SpeechSynthesisVoice | null; onend: (() => void) | null; onerror: (() => void) | null };

export function stubSpeech(langs: string[]) {
  let voices = langs.map((lang) => ({ lang, name: `voice ${lang}`, default: false, localService: true, voiceURI: lang }) as SpeechSynthesisVoice);
  const listeners = new Set<() => void>();
  const spoken: Spoken[] = [];
  let current: Spoken | null = null;
  const synth = {
    getVoices: () => voices,
    addEventListener: (type: string, fn: () => void) => type === 'voiceschanged' && listeners.add(fn),
    removeEventListener: (_: string, fn: () => void) => listeners.delete(fn),
    speak: vi.fn((u: Spoken) => {
      spoken.push(u);
      current = u;
    }),
    // As browsers do: what was being said ends with an error ('interrupted').
    cancel: vi.fn(() => {
      const u = current;
      current = null;
      u?.onerror?.();
    }),
  };
  class Utterance {
    lang = '';
    voice: SpeechSynthesisVoice | null = null;
    onend: (() => void) | null = null;
    onerror: (() => void) | null = null;
    constructor(public text: string) {}
  }
  vi.stubGlobal('speechSynthesis', synth);
  vi.stubGlobal('SpeechSynthesisUtterance', Utterance);
  return {
    synth,
    spoken,
    /** The voices arrive (or change), as Chrome announces them. */
    setVoices(next: string[]) {
      voices = next.map((lang) => ({ lang, name: `voice ${lang}`, default: false, localService: true, voiceURI: lang }) as SpeechSynthesisVoice);
      listeners.forEach((fn) => fn());
    },
    /** The phone finished reading. */
    finish() {
      const u = current;
      current = null;
      u?.onend?.();
    },
  };
}
