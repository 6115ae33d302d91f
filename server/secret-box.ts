// Secrets the hub must send on later (an IdP client secret, IdP refresh tokens) are kept sealed with AES-256-GCM
// under a key from the environment (`SPOKE_SSO_KEY`): a copy of the database alone reveals none of them. Each sealed
// value is bound to what it belongs to (`context`, the additional data), so one cannot be moved to another row.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const VERSION = 'v1';

export class SecretBox {
  private constructor(private readonly key: Buffer) {}

  /** A 32-byte key given as base64 (44 characters) or hex (64); an error naming the variable otherwise. */
  static fromKey(raw: string, variable = 'SPOKE_SSO_KEY'): SecretBox {
    const trimmed = raw.trim();
    const key = /^[0-9a-fA-F]{64}$/.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64');
    if (key.length !== 32) {
      throw new Error(`${variable} must be 32 random bytes as base64 or hex (e.g. \`openssl rand -base64 32\`).`);
    }
    return new SecretBox(key);
  }

  seal(plain: string, context: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(context));
    const sealed = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [
      VERSION,
      iv.toString('base64url'),
      sealed.toString('base64url'),
      cipher.getAuthTag().toString('base64url'),
    ].join('.');
  }

  /** The plain value, or null when it was sealed under another key or context, or was altered. */
  open(sealed: string, context: string): string | null {
    const [version, iv, body, tag] = sealed.split('.');
    if (version !== VERSION || !iv || body === undefined || !tag) return null;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(context));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      return null;
    }
  }
}
