import { describe, expect, it } from 'vitest';
import { isServerPath, SERVER_PATHS } from '../sw/server-paths';

const origin = 'https://klusbuddy.example';
const at = (path: string) => new URL(path, origin);

describe('service worker server paths', () => {
  it.each(['/api', '/api/', '/api/v1/categories', '/api/v1/jobs?page=2', '/ws', '/ws?token=x', '/healthz', '/readyz', '/impact', '/impact?lang=fr', '/impact/embed?municipality=Genk'])(
    'leaves %s to the network',
    (path) => {
      expect(isServerPath(at(path), origin)).toBe(true);
    },
  );

  it.each(['/', '/index.html', '/jobs/12', '/apiary', '/wso', '/healthzz', '/assets/index.js', '/impacts', '/coach/impact'])(
    'lets the app handle %s',
    (path) => {
      expect(isServerPath(at(path), origin)).toBe(false);
    },
  );

  it('ignores other origins', () => {
    expect(isServerPath(new URL('/api/v1/x', 'https://elsewhere.example'), origin)).toBe(false);
  });

  it('denies navigations the way Workbox tests them (path + query)', () => {
    const denied = (pathAndQuery: string) => SERVER_PATHS.some((re) => re.test(pathAndQuery));
    expect(denied('/api/v1/categories?x=1')).toBe(true);
    expect(denied('/healthz?verbose')).toBe(true);
    expect(denied('/jobs?api=1')).toBe(false);
  });
});
