import {
  type Cond,
  type Overlay,
  OverlaySchema,
  type PolicyPack,
  type Rule,
  SEVERITY_RANK,
  type Severity,
} from './schema';

// Business-unit overlays. An overlay may add rules, dictionary entries and calendar windows, tighten a severity and
// turn on confirmBeforePosting. It may never disable, replace or weaken a central rule. effectivePolicy enforces
// that by construction (a weakening part is ignored); validateOverlay refuses it with a message naming the rule.

type Polarity = 1 | -1;

/** Dictionaries whose growth would silence a rule: used in `unless`, under `not`, as exceptions or allow-lists. */
export function weakeningDictionaries(pack: PolicyPack): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const mark = (dict: string, ruleId: string) => {
    const list = out.get(dict) ?? [];
    if (!list.includes(ruleId)) list.push(ruleId);
    out.set(dict, list);
  };
  for (const rule of pack.rules) {
    const pol = new Map<string, Set<Polarity>>();
    const walk = (c: Cond, sign: Polarity) => {
      const names: string[] = [];
      if ('has' in c) names.push(c.has);
      else if ('count' in c) {
        names.push(c.count);
        if (c.op === '<' || c.op === '<=') sign = (sign * -1) as Polarity;
      } else if ('near' in c) names.push(...c.near);
      else if ('position' in c) names.push(c.position);
      else if ('not' in c) walk(c.not, (sign * -1) as Polarity);
      else if ('all' in c) for (const x of c.all) walk(x, sign);
      else if ('any' in c) for (const x of c.any) walk(x, sign);
      for (const n of names) {
        const set = pol.get(n) ?? new Set<Polarity>();
        set.add(sign);
        pol.set(n, set);
      }
    };
    walk(rule.when, 1);
    if (rule.unless) walk(rule.unless, -1);
    for (const [name, m] of Object.entries(rule.matchers)) {
      for (const sign of pol.get(name) ?? []) {
        const neg = (d: string) => mark(d, rule.id);
        if (m.kind === 'phrases') {
          if (sign < 0) m.dicts.forEach(neg);
          if (sign > 0) m.exceptionDicts.forEach(neg);
        } else if (m.kind === 'detector') {
          if (sign < 0) [...(m.domainsIn ?? []), ...(m.tagsIn ?? [])].forEach(neg);
          if (sign > 0) (m.domainsNotIn ?? []).forEach(neg);
        }
      }
    }
  }
  return out;
}

function maxSeverity(a: Severity, b: Severity): Severity {
  return SEVERITY_RANK[b] > SEVERITY_RANK[a] ? b : a;
}

function phraseKey(p: unknown): string {
  return typeof p === 'string' ? p : JSON.stringify(p);
}

/** Apply overlays in order (e.g. root → unit). Weakening parts are ignored, so the result never weakens `central`. */
export function effectivePolicy(central: PolicyPack, overlays: Overlay[]): PolicyPack {
  const pack: PolicyPack = structuredClone(central);
  const suffix: string[] = [];
  for (const raw of overlays) {
    const parsed = OverlaySchema.safeParse(raw);
    if (!parsed.success) continue;
    const ov = parsed.data;
    suffix.push(`${ov.id}.${ov.version}`);
    const weakening = weakeningDictionaries(pack);
    for (const [name, add] of Object.entries(ov.dictionaries)) {
      if (weakening.has(name)) continue;
      const existing = pack.dictionaries[name];
      if (existing) {
        const have = new Set(existing.entries.map(phraseKey));
        for (const e of add.entries) if (!have.has(phraseKey(e))) existing.entries.push(e);
        if (add.secret) existing.secret = true;
      } else {
        pack.dictionaries[name] = { secret: add.secret ?? false, entries: [...add.entries] };
      }
    }
    for (const [name, windows] of Object.entries(ov.calendars)) {
      pack.calendars[name] = [...(pack.calendars[name] ?? []), ...windows];
    }
    const ids = new Set(pack.rules.map((r) => r.id));
    for (const rule of ov.rules) {
      if (ids.has(rule.id)) continue; // never replace an existing rule
      const scoped: Rule = structuredClone(rule);
      if (ov.businessUnit && !scoped.scope.businessUnits)
        scoped.scope = { ...scoped.scope, businessUnits: [ov.businessUnit] };
      pack.rules.push(scoped);
      ids.add(rule.id);
    }
    for (const t of ov.tighten) {
      const rule = pack.rules.find((r) => r.id === t.ruleId);
      if (rule) {
        rule.severity = maxSeverity(rule.severity, t.severity);
        rule.escalate = rule.escalate.map((e) => ({ ...e, severity: maxSeverity(e.severity, t.severity) }));
      }
    }
    if (ov.settings.confirmBeforePosting) pack.settings.confirmBeforePosting = true;
  }
  if (suffix.length) pack.version = `${central.version}+${suffix.join('+')}`;
  return pack;
}

export interface ValidationError {
  ruleId?: string;
  path: string;
  message: string;
}

/** Structural refusals that zod alone would report poorly. Returns errors; empty means no weakening found. */
export function overlayWeakenings(central: PolicyPack, json: unknown): ValidationError[] {
  const errors: ValidationError[] = [];
  if (!json || typeof json !== 'object') return errors;
  const o = json as Record<string, unknown>;
  const centralIds = new Map(central.rules.map((r) => [r.id, r]));
  for (const key of [
    'disable',
    'disabled',
    'disableRules',
    'remove',
    'removeRules',
    'exclude',
    'override',
    'overrides',
  ]) {
    if (key in o) {
      const v = o[key];
      const names = Array.isArray(v) ? v.map((x) => (typeof x === 'string' ? x : JSON.stringify(x))) : [];
      errors.push({
        ...(names[0] ? { ruleId: names[0] } : {}),
        path: key,
        message: `an overlay cannot disable or override central rules${names.length ? ` (${names.join(', ')})` : ''}; it may only add rules, add dictionary entries or tighten a severity`,
      });
    }
  }
  if (Array.isArray(o.rules)) {
    o.rules.forEach((r, i) => {
      const id = r && typeof r === 'object' ? (r as { id?: unknown }).id : undefined;
      if (typeof id === 'string' && centralIds.has(id)) {
        errors.push({
          ruleId: id,
          path: `rules[${i}].id`,
          message: `rule ${id} is a central rule; an overlay cannot replace or change it (add a rule with a new id, or use "tighten")`,
        });
      }
      if (r && typeof r === 'object' && (r as { enabled?: unknown }).enabled === false) {
        errors.push({
          ...(typeof id === 'string' ? { ruleId: id } : {}),
          path: `rules[${i}].enabled`,
          message: 'rules cannot be disabled in an overlay',
        });
      }
    });
  }
  if (Array.isArray(o.tighten)) {
    o.tighten.forEach((t, i) => {
      if (!t || typeof t !== 'object') return;
      const { ruleId, severity } = t as { ruleId?: unknown; severity?: unknown };
      if (typeof ruleId !== 'string') return;
      const rule = centralIds.get(ruleId);
      if (!rule) {
        errors.push({ ruleId, path: `tighten[${i}].ruleId`, message: `rule ${ruleId} is not in the central pack` });
        return;
      }
      if (typeof severity === 'string' && severity in SEVERITY_RANK) {
        const sev = severity as Severity;
        if (SEVERITY_RANK[sev] < SEVERITY_RANK[rule.severity]) {
          errors.push({
            ruleId,
            path: `tighten[${i}].severity`,
            message: `would weaken central rule ${ruleId} from ${rule.severity} to ${sev}; overlays may only tighten`,
          });
        }
      }
    });
  }
  if (o.dictionaries && typeof o.dictionaries === 'object') {
    const weakening = weakeningDictionaries(central);
    for (const [name, d] of Object.entries(o.dictionaries as Record<string, unknown>)) {
      const rules = weakening.get(name);
      if (rules) {
        errors.push({
          ruleId: rules[0],
          path: `dictionaries.${name}`,
          message: `adding to "${name}" could silence central rule${rules.length > 1 ? 's' : ''} ${rules.join(', ')} (it is an allow-list or exception there); ask the central CoE to add it`,
        });
      }
      const secret = d && typeof d === 'object' ? (d as { secret?: unknown }).secret : undefined;
      if (secret === false && central.dictionaries[name]?.secret) {
        errors.push({
          path: `dictionaries.${name}.secret`,
          message: `"${name}" is secret centrally; an overlay cannot make it public`,
        });
      }
    }
  }
  const settings = o.settings as Record<string, unknown> | undefined;
  if (settings && settings.confirmBeforePosting === false && central.settings.confirmBeforePosting) {
    errors.push({
      path: 'settings.confirmBeforePosting',
      message: 'the central pack asks for confirmation before posting; an overlay cannot turn it off',
    });
  }
  return errors;
}
