import { describe, expect, it } from 'vitest';
import { looksLikePhone, pinProblem } from './rules';

describe('PIN rules', () => {
  it.each(['358024', '120987', '112233', '000001', '135790', '246802'])('accepts %s', (pin) => {
    expect(pinProblem(pin)).toBeNull();
  });

  it.each(['', '12345', '1234567', '12a456', ' 35802', '35 024', '３５８０２４'])('wants exactly 6 digits: %j', (pin) => {
    expect(pinProblem(pin)).toBe('digits');
  });

  it.each(['000000', '111111', '999999'])('refuses all the same: %s', (pin) => {
    expect(pinProblem(pin)).toBe('same');
  });

  it.each(['123456', '234567', '456789', '654321', '987654', '543210', '012345'])('refuses a straight run: %s', (pin) => {
    expect(pinProblem(pin)).toBe('run');
  });

  it('does not call a wrapping sequence a run', () => {
    expect(pinProblem('789012')).toBeNull();
    expect(pinProblem('135791')).toBeNull();
  });
});

describe('phone check', () => {
  it.each(['0470 12 34 56', '+32 470 12 34 56', '0032470123456', '011 22 33 44', '0470/12.34.56'])('accepts %s', (p) => {
    expect(looksLikePhone(p)).toBe(true);
  });
  it.each(['12345', '+31 6 12345678', 'gsm', '0470 12 34'])('refuses %s', (p) => {
    expect(looksLikePhone(p)).toBe(false);
  });
});
