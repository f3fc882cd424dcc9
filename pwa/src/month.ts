/** "2026-11": a month as the statements' addresses carry it. */
export const isMonth = (s: string) => /^\d{4}-(0[1-9]|1[0-2])$/.test(s);
