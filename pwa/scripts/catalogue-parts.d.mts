// Types for scripts/catalogue-parts.mjs, which src/i18n/parts.test.ts imports.
export declare const PARTS: readonly ['first', 'more', 'staff'];
export declare function partKeys(): Record<'first' | 'more' | 'staff', string[]>;
export declare function analyse(keys: readonly string[]): Map<string, { level: number; file: string }>;
export declare function misplaced(): string[];
