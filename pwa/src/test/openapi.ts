// The API description (docs/openapi.yaml) as the unit tests' mocks need it: which routes exist,
// and whether a mocked answer has the shape the description gives that route. The tests' fake
// server (fixtures.ts mockApi) asks here, so that a mock cannot answer for a route the server
// does not have, nor with a body the server would never send.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import { parse } from 'yaml';

// From this file's own path (`new URL(…, import.meta.url)` would be rewritten by Vite).
const FILE = resolve(dirname(fileURLToPath(import.meta.url)), '../../../docs/openapi.yaml');

type Json = Record<string, unknown>;
type Operation = {
  requestBody?: { content?: Record<string, { schema?: unknown }> };
  responses?: Record<string, { content?: Record<string, { schema?: unknown }> }>;
};
type Route = { method: string; template: string; pattern: RegExp; operation: Operation };

const METHODS = ['get', 'put', 'post', 'patch', 'delete'] as const;

let loaded: { routes: Route[]; ajv: Ajv2020 } | null = null;

function load() {
  if (loaded) return loaded;
  const doc = parse(readFileSync(FILE, 'utf8')) as { paths: Record<string, Json>; components: Json };
  const routes: Route[] = [];
  for (const [template, item] of Object.entries(doc.paths)) {
    // "/api/v1/jobs/{id}" matches "/api/v1/jobs/12" (one path segment per parameter).
    const pattern = new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{[^}]+\\?\}/g, '[^/]+')}$`);
    for (const m of METHODS) {
      const operation = item[m] as Operation | undefined;
      if (operation) routes.push({ method: m.toUpperCase(), template, pattern, operation });
    }
  }
  // The description's components under one id, so that its $refs resolve; formats (date-time,
  // email) are the server's business, and OpenAPI's own words (examples, …) are not errors.
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
  ajv.addSchema({ $id: 'openapi', components: doc.components });
  loaded = { routes, ajv };
  return loaded;
}

/** The described route for a method and a path (no query), or null. */
export function describedRoute(method: string, path: string): Route | null {
  return load().routes.find((r) => r.method === method && r.pattern.test(path)) ?? null;
}

const validators = new Map<string, ValidateFunction>();

/** $refs of the description's components, made absolute ("openapi#/components/…"). */
function absolute(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(absolute);
  if (typeof schema !== 'object' || schema === null) return schema;
  return Object.fromEntries(
    Object.entries(schema).map(([k, v]) => [k, k === '$ref' && typeof v === 'string' && v.startsWith('#/') ? `openapi${v}` : absolute(v)]),
  );
}

/**
 * What is wrong with a mocked answer of a described route, or null when nothing is: a success
 * status the route does not have, or a JSON body that is not the shape the description gives
 * for that status. Error answers are not checked (any route may fail with a problem document).
 */
export function answerProblem(route: Route, status: number, body: unknown, hasBody: boolean): string | null {
  if (status < 200 || status > 299) return null;
  const responses = route.operation.responses ?? {};
  const response = responses[String(status)] ?? responses['2XX'];
  const name = `${route.method} ${route.template}`;
  if (!response) return `${name} never answers ${status} (it answers ${Object.keys(responses).join(', ')})`;
  const schema = response.content?.['application/json']?.schema;
  if (!schema) {
    // A route that answers a file (text/csv) has a body that is no JSON.
    const other = Object.keys(response.content ?? {}).some((type) => type !== 'application/json');
    return hasBody && !other ? `${name} answers ${status} without a JSON body, but the mock sends one` : null;
  }
  if (!hasBody) return `${name} answers ${status} with a JSON body, but the mock sends none`;
  const errors = schemaErrors(`${name} ${status}`, schema, body);
  return errors && `${name} ${status}: the mocked body does not match docs/openapi.yaml: ${errors}`;
}

/** What is wrong with a request body the app sent, or null: a JSON body must have the shape
 * the description gives the route's request body. */
export function requestProblem(route: Route, body: unknown, hasBody: boolean): string | null {
  const schema = route.operation.requestBody?.content?.['application/json']?.schema;
  const name = `${route.method} ${route.template}`;
  if (!hasBody) return null;
  if (!schema) return `${name} takes no JSON body, but the app sent one`;
  const errors = schemaErrors(`${name} request`, schema, body);
  return errors && `${name}: the app sent a body unlike docs/openapi.yaml: ${errors}`;
}

/** The first few ways `body` differs from `schema` (compiled once per `key`), or null. */
function schemaErrors(key: string, schema: unknown, body: unknown): string | null {
  let validate = validators.get(key);
  if (!validate) {
    validate = load().ajv.compile(absolute(schema) as Json);
    validators.set(key, validate);
  }
  if (validate(body)) return null;
  return (validate.errors ?? [])
    .slice(0, 5)
    .map((e) => `${e.instancePath || '(body)'} ${e.message ?? ''}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}`)
    .join('; ');
}
