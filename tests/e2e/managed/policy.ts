// A real managed policy for a real Chromium: Debian's Chromium reads every JSON file in /etc/chromium/policies/managed
// (at start, and again whenever the folder changes), and hands an extension the values under
// `3rdparty.extensions.<its id>` through storage.managed, filtered by its manifest's storage.managed_schema.
//
// The folder is machine-wide and Chromium re-reads it live, so a policy for Spoke's pinned id would reach every
// other Chromium running Spoke on this machine (the other specs, other people's runs). The spec therefore loads a
// copy of the E2E build whose manifest `key` is generated for the run: the policy names that copy's id only.
import { createHash, generateKeyPairSync } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EXTENSION_DIR } from '../browser';

const POLICY_DIR = '/etc/chromium/policies/managed';

/** Chrome's id for a public key: the first 128 bits of its SHA-256, each hex digit written as a letter a–p. */
function extensionIdOf(publicKeyDer: Buffer): string {
  const hex = createHash('sha256').update(publicKeyDer).digest('hex').slice(0, 32);
  return [...hex].map((digit) => String.fromCharCode(97 + Number.parseInt(digit, 16))).join('');
}

export interface ExtensionCopy {
  dir: string;
  id: string;
  dispose(): void;
}

/** The E2E build with a key of its own (so an id of its own); the rest, code included, is the same build. */
export function copyExtensionWithOwnId(): ExtensionCopy {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'spoke-managed-ext-'));
  cpSync(EXTENSION_DIR, dir, { recursive: true });
  const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const der = publicKey.export({ type: 'spki', format: 'der' });
  const manifestFile = path.join(dir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Record<string, unknown>;
  writeFileSync(manifestFile, JSON.stringify({ ...manifest, key: der.toString('base64') }));
  return { dir, id: extensionIdOf(der), dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Writes the organisation's settings for extension `id` as a machine policy; returns the function that removes it
 * (and the folders it created, when empty). Needs root, as CI has.
 */
export function writeManagedPolicy(id: string, settings: Record<string, unknown>): () => void {
  const created = ['/etc/chromium/policies', POLICY_DIR].filter((dir) => !existsSync(dir));
  try {
    mkdirSync(POLICY_DIR, { recursive: true });
  } catch (error) {
    throw new Error(`cannot write Chromium's managed policies in ${POLICY_DIR} (run as root, as CI does): ${error}`);
  }
  const file = path.join(POLICY_DIR, `spoke-e2e-${id}.json`);
  writeFileSync(file, JSON.stringify({ '3rdparty': { extensions: { [id]: settings } } }, null, 2));
  return () => {
    rmSync(file, { force: true });
    for (const dir of created.reverse()) {
      try {
        rmdirSync(dir); // only when empty: another run may have its own policy file there
      } catch {
        // not empty: leave it
      }
    }
  };
}
