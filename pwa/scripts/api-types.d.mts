// Types for scripts/api-types.mjs, which src/api/schema.test.ts imports.
export declare const SCHEMA_FILE: string;
export declare const OUTPUT_FILE: string;
export declare function generateApiTypes(): Promise<string>;
