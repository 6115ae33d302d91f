// Organisations from code: the demo organisation of `npm start`, and fixtures for tests and benches.
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Database } from './db';
import { businessUnits, contentItems, orgs } from './db/schema';
import { loadEngine } from './policy-validation';
import { createInvite } from './services/invites';
import { addPolicyVersion } from './services/policy-versions';

export interface SeededOrg {
  orgId: string;
  rootId: string;
  /** Child units of the root by name. */
  units: Record<string, string>;
}

/** An organisation with its root unit (the CoE) and child units. */
export async function createOrganisation(db: Database, name: string, unitNames: string[] = []): Promise<SeededOrg> {
  const orgId = randomUUID();
  const rootId = randomUUID();
  await db.db.insert(orgs).values({ id: orgId, name });
  await db.db.insert(businessUnits).values({ id: rootId, orgId, parentId: null, name: 'Center of Excellence' });
  const units: Record<string, string> = {};
  for (const unit of unitNames) {
    units[unit] = randomUUID();
    await db.db.insert(businessUnits).values({ id: units[unit], orgId, parentId: rootId, name: unit });
  }
  return { orgId, rootId, units };
}

const demoContent: Array<{
  title: string;
  url: string;
  linkedin: string;
  x: string;
  hashtags: string[];
  unit?: string;
}> = [
  {
    title: 'Our 2026 sustainability report is out',
    url: 'https://example.com/sustainability-2026',
    linkedin: 'Proud of what our teams achieved this year: our 2026 sustainability report is out.',
    x: 'Our 2026 sustainability report is out.',
    hashtags: ['Sustainability'],
  },
  {
    title: 'We are hiring engineers',
    url: 'https://example.com/careers/engineering',
    linkedin: 'My team is hiring! If you love building reliable software, have a look at our open roles.',
    x: 'We are hiring engineers. Come build with us!',
    hashtags: ['Hiring', 'Engineering'],
    unit: 'Engineering',
  },
  {
    title: 'Customer story: faster onboarding',
    url: 'https://example.com/customers/onboarding',
    linkedin: 'How one of our customers cut onboarding time in half, in their own words.',
    x: 'A customer cut onboarding time in half. Their story:',
    hashtags: ['CustomerSuccess'],
    unit: 'Sales',
  },
  {
    title: 'Product launch: the new dashboard',
    url: 'https://example.com/blog/new-dashboard',
    linkedin: 'The new dashboard is live: clearer numbers, fewer clicks.',
    x: 'The new dashboard is live.',
    hashtags: ['ProductLaunch'],
  },
  {
    title: 'Webinar: security by design',
    url: 'https://example.com/webinars/security-by-design',
    linkedin: 'Join our webinar on security by design next Thursday.',
    x: 'Webinar next Thursday: security by design.',
    hashtags: ['Security', 'Webinar'],
    unit: 'Engineering',
  },
  {
    title: 'Life at the company: volunteering day',
    url: 'https://example.com/life/volunteering-day',
    linkedin: 'Our volunteering day brought 300 colleagues to local projects.',
    x: '300 colleagues, one volunteering day.',
    hashtags: ['Community'],
  },
  {
    title: 'Industry report: state of advocacy',
    url: 'https://example.com/reports/advocacy',
    linkedin: 'Our yearly report on employee advocacy: what works and what does not.',
    x: 'What works in employee advocacy: our yearly report.',
    hashtags: ['Marketing'],
    unit: 'Marketing',
  },
  {
    title: 'Meet us at the trade fair',
    url: 'https://example.com/events/trade-fair',
    linkedin: 'Visit our booth at the trade fair in Brussels, hall 4.',
    x: 'See you at the trade fair, hall 4!',
    hashtags: ['Events'],
    unit: 'Sales',
  },
  {
    title: 'Engineering blog: scaling our API',
    url: 'https://example.com/blog/scaling-api',
    linkedin: 'How we scaled our API to ten times the traffic without drama.',
    x: 'Scaling our API to 10x traffic, without drama.',
    hashtags: ['Engineering'],
    unit: 'Engineering',
  },
  {
    title: 'Quarterly results',
    url: 'https://example.com/investors/q3',
    linkedin: 'Our third-quarter results are published on the investor site.',
    x: 'Q3 results are out.',
    hashtags: ['Results'],
  },
  {
    title: 'Accessibility pledge',
    url: 'https://example.com/accessibility',
    linkedin: 'We signed the accessibility pledge: every product, usable by everyone.',
    x: 'Every product, usable by everyone: our accessibility pledge.',
    hashtags: ['Accessibility'],
  },
  {
    title: 'Internship programme opens',
    url: 'https://example.com/careers/internships',
    linkedin: 'Applications for our summer internship programme are open.',
    x: 'Summer internships: applications open.',
    hashtags: ['Internship', 'Hiring'],
    unit: 'Marketing',
  },
];

/**
 * The demo organisation of `npm start`: business units, 12 published items for LinkedIn and X, the core policy
 * (when the guideline engine is available), and an advocate and a CoE invite code (multi-use, 30 days).
 */
export async function seedDemo(
  db: Database,
): Promise<{ orgId: string; advocateCode: string; coeCode: string; policy: boolean }> {
  const org = await createOrganisation(db, DEMO_NAME, ['Engineering', 'Sales', 'Marketing']);
  const now = new Date();
  for (const item of demoContent) {
    await db.db.insert(contentItems).values({
      id: randomUUID(),
      orgId: org.orgId,
      title: item.title,
      url: item.url,
      variants: { linkedin: { text: item.linkedin }, x: { text: item.x } },
      hashtags: item.hashtags,
      tags: ['demo'],
      businessUnitIds: item.unit ? [org.units[item.unit] as string] : [],
      locale: 'en',
      status: 'published',
      publishedAt: now,
    });
  }
  let policy = false;
  const engine = await loadEngine();
  if (engine) {
    await addPolicyVersion(db, org.orgId, engine.defaultPacks.core, {}, true);
    policy = true;
  }
  const advocate = await createInvite(db, {
    orgId: org.orgId,
    businessUnitId: org.units.Engineering as string,
    role: 'advocate',
    maxUses: 100,
    expiresInHours: 24 * 30,
  });
  const coe = await createInvite(db, {
    orgId: org.orgId,
    businessUnitId: org.rootId,
    role: 'coe',
    maxUses: 10,
    expiresInHours: 24 * 30,
  });
  return { orgId: org.orgId, advocateCode: advocate.code, coeCode: coe.code, policy };
}

/** Whether any organisation exists yet. */
export async function isEmpty(db: Database): Promise<boolean> {
  const rows = await db.db.select({ id: orgs.id }).from(orgs).limit(1);
  return rows.length === 0;
}

/** Fresh invite codes for the demo organisation on later starts (codes are stored hashed, so never reprinted). */
export async function demoInvites(db: Database): Promise<{ advocateCode: string; coeCode: string } | null> {
  const [org] = await db.db.select({ id: orgs.id }).from(orgs).where(eq(orgs.name, DEMO_NAME)).limit(1);
  if (!org) return null;
  const units = await db.db.select().from(businessUnits).where(eq(businessUnits.orgId, org.id));
  const root = units.find((u) => u.parentId === null);
  const unit = units.find((u) => u.name === 'Engineering') ?? root;
  if (!root || !unit) return null;
  const expiresInHours = 24 * 30;
  const advocate = await createInvite(db, {
    orgId: org.id,
    businessUnitId: unit.id,
    role: 'advocate',
    maxUses: 100,
    expiresInHours,
  });
  const coe = await createInvite(db, {
    orgId: org.id,
    businessUnitId: root.id,
    role: 'coe',
    maxUses: 10,
    expiresInHours,
  });
  return { advocateCode: advocate.code, coeCode: coe.code };
}

const DEMO_NAME = 'Acme Demo';
