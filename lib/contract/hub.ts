import { z } from 'zod';

/** `GET /healthz`: liveness of the hub process, nothing about tenants. */
export const HealthResponseSchema = z.object({
  status: z.literal('ok'),
  service: z.literal('spoke-hub'),
  version: z.string(),
});
export type HealthResponse = z.infer<typeof HealthResponseSchema>;
