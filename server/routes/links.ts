// Tracked links: `POST /v1/links` for a member, and the public `GET /v1/r/:code` that counts and redirects.
import { CreateLinkRequestSchema, CreateLinkResponseSchema, LinkCodeParamSchema } from '../../lib/contract/hub';
import { clientAddress, hubRoute, jsonBody, NO_STORE, REDIRECT, router, success } from '../routing';
import { createLink, followLink, linkDestination } from '../services/links';

const postLink = hubRoute(
  { access: 'member', errors: [404, 409] },
  {
    method: 'post',
    path: '/v1/links',
    tags: ['sync'],
    summary: 'A tracked link for sharing a published content item on a network',
    request: { body: jsonBody(CreateLinkRequestSchema) },
    responses: { 201: success(CreateLinkResponseSchema) },
  },
);

const getRedirect = hubRoute(
  // Over its address's limit a link still redirects (a visitor behind a busy network gets where they were going);
  // only the click is not counted.
  { access: 'public', rateKey: 'redirect', overLimit: 'serve', errors: [404] },
  {
    method: 'get',
    path: '/v1/r/{code}',
    tags: ['links'],
    summary:
      'Follow a tracked link: 302 to the destination; counts one click per network and day (bots, prefetches and previews not counted)',
    request: { params: LinkCodeParamSchema },
    // 200 as the route table documented it before (the answer is always the redirect or a refusal).
    responses: { 200: { description: 'Success' }, 302: REDIRECT },
  },
);

export const linkRoutes = [postLink, getRedirect];

export function linksRouter() {
  return router()
    .openapi(postLink.route, async (c) => {
      const { db, config } = c.var.hub;
      const link = await createLink(db, c.var.auth, c.req.valid('json'), config.publicUrl);
      return c.json(CreateLinkResponseSchema.parse(link), 201, NO_STORE);
    })
    .openapi(getRedirect.route, async (c) => {
      const { db, config } = c.var.hub;
      const code = c.req.valid('param').code;
      const visit = {
        method: c.req.method,
        userAgent: c.req.header('user-agent') ?? '',
        purpose: ['sec-purpose', 'purpose', 'x-purpose'].map((name) => c.req.header(name) ?? '').join(','),
        ip: clientAddress(c),
      };
      const destination = c.var.limited
        ? await linkDestination(db, code)
        : await followLink(db, code, visit, config.clickSecret);
      return new Response(null, {
        status: 302,
        headers: { location: destination, 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' },
      });
    });
}
