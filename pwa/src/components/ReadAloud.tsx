// "Lees voor": reads a card's essentials aloud (speech.ts). Not there where the phone has no
// voice for the page's language; a second tap stops.
import { useEffect, useRef, useState } from 'preact/hooks';
import { useI18n } from '../i18n/context';
import { speak, stopSpeaking, useVoice } from '../speech';
import { Icon } from './Icon';

/** `parts`: the lines to read, in order; empty ones are skipped. */
export function ReadAloud({ parts, describedBy }: { parts: readonly (string | null | false | undefined)[]; describedBy?: string }) {
  const { t, lang } = useI18n();
  const voice = useVoice(lang);
  const [speaking, setSpeaking] = useState(false);
  const live = useRef(false);
  live.current = speaking;
  // Leaving the screen (or the card going) ends its reading, not another card's.
  useEffect(() => () => void (live.current && stopSpeaking()), []);
  if (!voice) return null;
  const tap = () => {
    if (speaking) {
      stopSpeaking();
      setSpeaking(false);
      return;
    }
    setSpeaking(true);
    speak(parts.filter(Boolean).join('. '), lang, voice, () => setSpeaking(false));
  };
  return (
    <button type="button" class="button button--quiet read-aloud" data-speaking={speaking} aria-describedby={describedBy} data-testid="read-aloud" onClick={tap}>
      <Icon name="readAloud" />
      {t(speaking ? 'readAloud.stop' : 'readAloud.read')}
    </button>
  );
}
