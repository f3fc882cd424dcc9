// Talks to the Go server. Errors come as RFC 9457 problem+json; we keep status and title for
// logs and tests, but the user always sees a translated message, never the server's text.

export type Category = {
  slug: string;
  icon: string;
  names: Partial<Record<string, string>>;
  unit: string;
  unit_price_cents: number;
  currency: string;
};

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
  ) {
    super(`${status} ${title}`);
    this.name = 'ApiError';
  }
}

async function getJSON(path: string, signal?: AbortSignal): Promise<unknown> {
  const res = await fetch(path, {
    headers: { Accept: 'application/json' },
    ...(signal ? { signal } : {}),
  });
  if (!res.ok) {
    let title = res.statusText;
    try {
      const problem = (await res.json()) as { title?: unknown };
      if (typeof problem.title === 'string') title = problem.title;
    } catch {
      /* not problem+json: keep the status text */
    }
    throw new ApiError(res.status, title);
  }
  return res.json();
}

function isCategory(v: unknown): v is Category {
  if (typeof v !== 'object' || v === null) return false;
  const c = v as Record<string, unknown>;
  return (
    typeof c.slug === 'string' &&
    typeof c.icon === 'string' &&
    typeof c.names === 'object' &&
    c.names !== null &&
    typeof c.unit === 'string' &&
    typeof c.unit_price_cents === 'number' &&
    Number.isFinite(c.unit_price_cents) &&
    typeof c.currency === 'string'
  );
}

/** GET /api/v1/categories. Malformed entries are dropped rather than breaking the list. */
export async function fetchCategories(signal?: AbortSignal): Promise<Category[]> {
  const body = (await getJSON('/api/v1/categories', signal)) as { categories?: unknown } | null;
  if (!body || !Array.isArray(body.categories)) throw new ApiError(0, 'unexpected response');
  return body.categories.filter(isCategory);
}
