// src/api/schema.d.ts is generated from docs/openapi.yaml and committed: it must be what the
// generator makes of the description as it is now.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateApiTypes, OUTPUT_FILE } from '../../scripts/api-types.mjs';

describe('src/api/schema.d.ts', () => {
  it('is what `npm run api-types` makes of docs/openapi.yaml', async () => {
    const expected = await generateApiTypes();
    const committed = readFileSync(OUTPUT_FILE, 'utf8');
    // One readable line instead of a 3,000-line diff; the command fixes it.
    if (committed !== expected) {
      const lines = committed.split('\n');
      const at = expected.split('\n').findIndex((line, i) => line !== lines[i]);
      expect.fail(
        `src/api/schema.d.ts is out of date with docs/openapi.yaml (first difference at line ${at + 1}): run \`npm run api-types\` in pwa/ and commit the result`,
      );
    }
    expect(committed).toBe(expected);
  }, 30_000);
});
