import { z } from 'zod';

/** The social networks Spoke works on. */
export const NetworkSchema = z.enum(['linkedin', 'x']);
export type Network = z.infer<typeof NetworkSchema>;

/** How each network is named to people. */
export const NETWORK_LABEL: Record<Network, string> = { linkedin: 'LinkedIn', x: 'X' };

/** What the employee is writing: a post, a comment under a post, a reply on X, or a direct message. */
export const PostKindSchema = z.enum(['post', 'comment', 'reply', 'message']);
export type PostKind = z.infer<typeof PostKindSchema>;
