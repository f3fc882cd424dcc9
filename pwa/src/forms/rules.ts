// Checks the app makes before sending, with the same rules as the server (docs/api-accounts.md),
// so people see the problem at once, next to the field. The server checks again.

export type PinProblem = 'digits' | 'same' | 'run';

/** A PIN is exactly 6 digits, not all the same (111111), not a straight run (123456, 654321). */
export function pinProblem(pin: string): PinProblem | null {
  if (!/^[0-9]{6}$/.test(pin)) return 'digits';
  if (/^(\d)\1{5}$/.test(pin)) return 'same';
  const d = [...pin].map(Number);
  const steps = new Set(d.slice(1).map((x, i) => x - (d[i] ?? 0)));
  if (steps.size === 1 && (steps.has(1) || steps.has(-1))) return 'run';
  return null;
}

export const PASSWORD_MIN = 10;

export function passwordTooShort(password: string): boolean {
  return [...password].length < PASSWORD_MIN;
}

/** A loose check; the server knows the exact Belgian formats. */
export function looksLikeEmail(value: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.trim());
}

/** Belgian numbers: 0470 12 34 56, +32 470 12 34 56, 0032…, 011 22 33 44. */
export function looksLikePhone(value: string): boolean {
  const digits = value.replace(/[\s./()-]/g, '');
  return /^(?:\+32|0032|0)[1-9][0-9]{7,8}$/.test(digits);
}

/** The digits a person typed for a PIN: people sometimes type spaces. */
export function pinDigits(value: string): string {
  return value.replace(/\s/g, '');
}
