import { afterEach, describe, expect, it, vi } from 'vitest';
import { translator } from '../i18n';
import { capValue, checkCap, forgetLanguageNames, formatPoint, inBelgium, parseWhole, spokenLanguageName } from './person-fields';

afterEach(() => forgetLanguageNames());

describe('spokenLanguageName', () => {
  it('uses Intl.DisplayNames in the interface language, with a capital', () => {
    expect(spokenLanguageName('tr', 'nl', translator('nl'))).toBe('Turks');
    expect(spokenLanguageName('tr', 'fr', translator('fr'))).toBe('Turc');
    expect(spokenLanguageName('ti', 'en', translator('en'))).toBe('Tigrinya');
  });

  it('falls back to the catalogues, then to the code', () => {
    vi.stubGlobal('Intl', { ...Intl, DisplayNames: undefined });
    forgetLanguageNames();
    expect(spokenLanguageName('ar', 'nl', translator('nl'))).toBe('Arabisch');
    expect(spokenLanguageName('uk', 'fr', translator('fr'))).toBe(translator('fr')('spoken.uk'));
    expect(spokenLanguageName('xx', 'nl', translator('nl'))).toBe('XX');
  });

  it('names a code Intl does not know from the catalogues', () => {
    expect(spokenLanguageName('ber', 'nl', translator('nl'))).toBe('Berbers (Tamazight)');
  });
});

describe('hour caps', () => {
  const t = translator('nl');
  it('reads empty as the organisation’s cap and whole numbers as themselves', () => {
    expect(parseWhole('')).toBeNull();
    expect(parseWhole('  ')).toBeNull();
    expect(parseWhole(' 60 ')).toBe(60);
    expect(parseWhole('4,5')).toBe('invalid');
    expect(capValue('')).toBeNull();
    expect(capValue('630')).toBe(630);
  });

  it('accepts 1 to the maximum, or nothing', () => {
    expect(checkCap('', 744, t)).toBeUndefined();
    expect(checkCap('744', 744, t)).toBeUndefined();
    expect(checkCap('0', 744, t)).toBe('Vul een heel getal van 1 tot 744 in, of laat het leeg.');
    expect(checkCap('745', 744, t)).toBeDefined();
    expect(checkCap('-3', 744, t)).toBeDefined();
  });
});

describe('home point', () => {
  it('rounds to 4 decimals for people and knows Belgium’s box', () => {
    expect(formatPoint({ lat: 50.96543, lon: 5.5 })).toBe('50.9654, 5.5000');
    expect(inBelgium({ lat: 50.96, lon: 5.5 })).toBe(true);
    expect(inBelgium({ lat: 48.85, lon: 2.35 })).toBe(false);
  });
});
