import { describe, expect, it } from 'vitest';
import { HealthResponseSchema } from '../../lib/contract/hub';
import { createHubApp } from '../../server/app';

describe('hub /healthz', () => {
  const app = createHubApp({ version: '1.2.3' });

  it('answers with the contract shape and the version', async () => {
    const response = await app.request('/healthz');
    expect(response.status).toBe(200);
    expect(HealthResponseSchema.parse(await response.json())).toEqual({
      status: 'ok',
      service: 'spoke-hub',
      version: '1.2.3',
    });
  });

  it('answers an unknown path with a problem document', async () => {
    const response = await app.request('/nope');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(await response.json()).toMatchObject({ status: 404, detail: 'No route for /nope.' });
  });
});
