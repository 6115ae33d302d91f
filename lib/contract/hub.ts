import { z } from 'zod';

/** `GET /healthz`: liveness of the hub process, nothing about tenants. */
export const HealthResponseSchema = z.object({
  status: z.literal('ok'),
  service: z.literal('spoke-hub'),
  version: z.string(),
});

// Every hub request and response schema, for the extension and the hub alike.
export * from './hub-admin';
export * from './hub-common';
export * from './hub-content';
export * from './hub-events';
export * from './hub-member';
export * from './hub-policy';
export * from './hub-scim';
export * from './hub-sso';
