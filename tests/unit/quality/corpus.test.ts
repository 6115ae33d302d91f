import { describe, expect, it } from 'vitest';
import { LABELS, loadCompanies, loadPosts } from '../../quality/corpus';

// The labelled corpus the guidance eval measures (tests/quality/README.md): its shape is part of the measurement.
describe('guidance corpus', () => {
  const companies = loadCompanies();
  const posts = loadPosts();

  it('has at least 600 posts of at least three companies of different industries, each set up in full', () => {
    expect(posts.length).toBeGreaterThanOrEqual(600);
    expect(companies.length).toBeGreaterThanOrEqual(3);
    expect(new Set(companies.map((c) => c.industry)).size).toBe(companies.length);
    for (const c of companies) {
      expect(posts.filter((p) => p.company === c.id).length, c.id).toBeGreaterThanOrEqual(150);
      for (const d of ['companyNames', 'products', 'competitors', 'codenames', 'customers'])
        expect(c.dictionaries[d]?.length, `${c.id} ${d}`).toBeGreaterThan(0);
      expect(c.quietPeriods.length, c.id).toBeGreaterThan(0);
    }
    expect(new Set(posts.map((p) => p.id)).size).toBe(posts.length);
  });

  it('is split once into dev and test halves that both hold every label, clean and protected posts', () => {
    for (const p of posts) expect(p.split, p.id).toBeDefined();
    for (const half of ['dev', 'test'] as const) {
      const part = posts.filter((p) => p.split === half);
      expect(part.length).toBeGreaterThan(posts.length * 0.45);
      for (const label of LABELS)
        expect(part.filter((p) => p.labels.includes(label)).length, `${half} ${label}`).toBeGreaterThanOrEqual(12);
      const clean = part.filter((p) => p.labels.length === 0);
      expect(clean.length).toBeGreaterThanOrEqual(part.length / 3);
      expect(part.filter((p) => p.protected).length, half).toBeGreaterThanOrEqual(30);
    }
  });

  it('never labels protected speech', () => {
    for (const p of posts.filter((x) => x.protected)) expect(p.labels, p.id).toEqual([]);
  });
});
