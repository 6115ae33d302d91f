import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import type { PolicyApi } from '@/lib/coe/policy-api';
import {
  addEntry,
  addRule,
  DICTIONARIES,
  dictionaryEntries,
  inheritedFor,
  lockedDictionaries,
  type PolicyDraft,
  packFor,
  parseDraft,
  removeEntry,
  removeRule,
  ruleIds,
  sameDraft,
  setSemanticThreshold,
  setSeverity,
  type Target,
  toRequest,
} from '@/lib/coe/policy-draft';
import { importPolicyFile } from '@/lib/coe/policy-file';
import { type Problem, problemsFromHub, validateDraft } from '@/lib/coe/policy-problems';
import type { BusinessUnit } from '@/lib/contract/hub-admin';
import type { PolicyVersionListResponse } from '@/lib/contract/hub-policy';
import { defaultPacks, type Rule, type Severity } from '@/lib/guidelines';
import { DictionaryEditor } from './DictionaryEditor';
import { EffectivePolicyView } from './EffectivePolicyView';
import { PolicyFile } from './PolicyFile';
import { Problems } from './Problems';
import { RuleForm } from './RuleForm';
import { RuleList } from './RuleList';
import { TestBench } from './TestBench';
import { VersionList } from './VersionList';
import './guidelines.css';

type Versions = PolicyVersionListResponse['versions'];

interface Opened {
  version: number | null;
  draft: PolicyDraft;
}

/** A failed call in words; a refused version's problem document names the rules. */
function hubErrors(e: unknown): Array<{ path: string; message: string; ruleId?: string }> | null {
  const problem = (e as { problem?: { errors?: Array<{ path: string; message: string; ruleId?: string }> } })?.problem;
  return problem?.errors?.length ? problem.errors : null;
}
const say = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * The guidelines screen of the CoE console: rules and severities, dictionaries, new rules with their own tests, a
 * live test bench, business-unit overlays that can only add or tighten, versions, and the pack as JSON. Nothing is
 * sent before the engine accepted it here; the hub checks it again.
 */
export function GuidelinesScreen({ api }: { api: PolicyApi }) {
  const targetId = useId();
  const [versions, setVersions] = useState<Versions | null>(null);
  const [units, setUnits] = useState<BusinessUnit[]>([]);
  const [opened, setOpened] = useState<Opened | null>(null);
  const [draft, setDraft] = useState<PolicyDraft | null>(null);
  const [target, setTarget] = useState<Target>({ kind: 'central' });
  const [problems, setProblems] = useState<{ title: string; list: Problem[] } | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const problemsRef = useRef<HTMLDivElement>(null);

  const open = useCallback(
    async (version: number) => {
      const v = await api.getVersion(version);
      const next = { version: v.version, draft: parseDraft(v.pack, v.overlays) };
      setOpened(next);
      setDraft(next.draft);
      setProblems(null);
    },
    [api],
  );

  useEffect(() => {
    let live = true;
    (async () => {
      try {
        const [list, unitList] = await Promise.all([api.listVersions(), api.businessUnits()]);
        if (!live) return;
        setUnits(unitList);
        setVersions(list.versions);
        const first = list.versions.find((v) => v.current) ?? list.versions[0];
        if (first) await open(first.version);
        else {
          const start = { version: null, draft: parseDraft(defaultPacks.core, {}) };
          setOpened(start);
          setDraft(start.draft);
          setStatus('No policy version yet: the draft starts from Spoke’s core pack.');
        }
      } catch (e) {
        if (live) setError(`The guidelines could not be loaded. ${say(e)}`);
      }
    })();
    return () => {
      live = false;
    };
  }, [api, open]);

  useEffect(() => {
    if (problems) problemsRef.current?.focus();
  }, [problems]);

  const dirty = useMemo(() => !!draft && !!opened && !sameDraft(draft, opened.draft), [draft, opened]);
  useEffect(() => {
    if (!dirty) return;
    // Closing or reloading the page with unsaved changes asks first.
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);
  const unitName = useCallback((id: string) => units.find((u) => u.id === id)?.name ?? id, [units]);
  const pack = useMemo(() => (draft ? packFor(draft, units, target) : null), [draft, units, target]);
  // What the selected unit inherits: computed once per change, since the engine copies the pack to build it.
  const inherited = useMemo(() => (draft ? inheritedFor(draft, units, target) : undefined), [draft, units, target]);
  const taken = useMemo(() => (draft ? ruleIds(draft) : new Set<string>()), [draft]);

  if (error) {
    return (
      <p className="error" role="alert">
        {error}
      </p>
    );
  }
  if (!draft || !pack || !opened || !versions) {
    return (
      <p className="hint" role="status">
        Loading the guidelines…
      </p>
    );
  }

  const edit = (change: (d: PolicyDraft) => PolicyDraft) => {
    try {
      setDraft(change(draft));
      setStatus(null);
    } catch (e) {
      setStatus(say(e));
    }
  };

  const refreshVersions = async () => setVersions((await api.listVersions()).versions);

  const save = async (publish: boolean) => {
    if (!dirty && opened.version !== null) {
      // Nothing new to store: saving would only add a copy of the open version.
      const current = versions.find((v) => v.version === opened.version)?.current;
      if (publish && !current) await publishVersion(opened.version);
      else setStatus(`No changes since version ${opened.version}${current ? ', which is current' : ''}.`);
      return;
    }
    setBusy('Checking every rule against its own examples…');
    setStatus(null);
    setProblems(null);
    // Let the busy note paint before the engine runs every rule's tests.
    await new Promise((r) => setTimeout(r, 0));
    try {
      const local = validateDraft(draft);
      if (local.length) {
        setProblems({ title: 'This version was not saved: fix these first.', list: local });
        return;
      }
      setBusy(publish ? 'Saving and publishing…' : 'Saving…');
      const request = toRequest(draft, opened.version === null ? null : opened.draft);
      let created: Awaited<ReturnType<PolicyApi['createVersion']>>;
      try {
        created = await api.createVersion({ ...request, publish });
      } catch (e) {
        const errors = hubErrors(e);
        if (errors)
          setProblems({ title: `The hub refused this version. ${say(e)}`, list: problemsFromHub(draft, errors) });
        else setStatus(`Not saved: ${say(e)} Your changes are still here.`);
        return;
      }
      const next = { version: created.version, draft: parseDraft(created.pack, created.overlays) };
      setOpened(next);
      setDraft(next.draft);
      setStatus(
        publish
          ? `Saved and published version ${created.version}: advocates get it at their next sync.`
          : `Saved version ${created.version}. Publish it to send it to advocates.`,
      );
      await refreshVersions().catch(() => undefined);
    } finally {
      setBusy(null);
    }
  };

  const publishVersion = async (version: number) => {
    setBusy(`Publishing version ${version}…`);
    try {
      await api.publishVersion(version);
      setStatus(`Version ${version} is now current: advocates get it at their next sync.`);
      await refreshVersions();
    } catch (e) {
      setStatus(`Version ${version} was not published: ${say(e)}`);
    } finally {
      setBusy(null);
    }
  };

  const openVersion = async (version: number) => {
    setBusy(`Opening version ${version}…`);
    try {
      await open(version);
      setStatus(`Version ${version} is open.`);
    } catch (e) {
      setStatus(`Version ${version} could not be opened: ${say(e)}`);
    } finally {
      setBusy(null);
    }
  };

  const importFile = (text: string, name: string) => {
    const result = importPolicyFile(draft, units, target, text);
    if (!result.ok) {
      setProblems({ title: `${name} was not imported; your draft is unchanged.`, list: result.problems });
      return;
    }
    setProblems(null);
    setDraft(result.draft);
    setStatus(`${result.summary} Save a version to keep it.`);
  };

  const exportJson = () =>
    JSON.stringify(
      target.kind === 'central'
        ? toRequest(draft, opened.draft)
        : (draft.overlays[target.unitId] ?? { note: 'This unit has no overlay yet.' }),
      null,
      2,
    );

  const targetLabel = target.kind === 'central' ? 'the central policy' : `${unitName(target.unitId)} (overlay)`;
  const locked = lockedDictionaries(draft, units, target, inherited);
  const targetKey = target.kind === 'central' ? 'central' : target.unitId;

  return (
    <div className="gl" data-testid="guidelines-screen">
      <div className="gl-toolbar">
        <div className="gl-toolbar__target">
          <label htmlFor={targetId}>Editing</label>
          <select
            id={targetId}
            value={targetKey}
            onChange={(e) =>
              setTarget(e.target.value === 'central' ? { kind: 'central' } : { kind: 'unit', unitId: e.target.value })
            }
          >
            <option value="central">Central policy (everyone)</option>
            {units.map((u) => (
              <option key={u.id} value={u.id}>
                Overlay for {u.name}
              </option>
            ))}
          </select>
          <span className="hint">
            {opened.version === null ? 'New policy' : `From version ${opened.version}`}
            {dirty ? ' · unsaved changes' : ''}
          </span>
        </div>
        <div className="gl-toolbar__actions">
          <PolicyFile
            fileName={
              target.kind === 'central' ? `${draft.pack.id}-policy.json` : `${unitName(target.unitId)}-overlay.json`
            }
            exportJson={exportJson}
            onImport={importFile}
          />
          <button type="button" className="button button--quiet" disabled={!!busy} onClick={() => save(false)}>
            Save version
          </button>
          <button type="button" className="button" disabled={!!busy} onClick={() => save(true)}>
            Save and publish
          </button>
        </div>
      </div>
      {target.kind === 'unit' && (
        <p className="gl-note">
          An overlay adds rules and dictionary entries for {unitName(target.unitId)} and its sub-units, or makes a rule
          stricter. It can never relax the central policy, so only stricter severities are offered.
        </p>
      )}
      {busy && (
        <p className="gl-note" role="status">
          {busy}
        </p>
      )}
      {status && !busy && (
        <p className="gl-note" role="status" data-testid="guidelines-status">
          {status}
        </p>
      )}
      {problems && <Problems ref={problemsRef} title={problems.title} problems={problems.list} unitName={unitName} />}
      <div className="gl-columns">
        <div className="gl-main">
          <section className="card" aria-labelledby={`${targetId}-rules`}>
            <h2 id={`${targetId}-rules`}>Rules</h2>
            <RuleList
              draft={draft}
              units={units}
              target={target}
              pack={pack}
              inherited={inherited}
              onSeverity={(ruleId: string, severity: Severity) =>
                edit((d) => setSeverity(d, units, target, ruleId, severity))
              }
              onThreshold={(ruleId, threshold) => edit((d) => setSemanticThreshold(d, ruleId, threshold))}
              onRemove={(ruleId) => {
                edit((d) => removeRule(d, units, target, ruleId));
                setStatus(
                  `${ruleId} removed from the draft. Nothing changes for advocates until you save and publish.`,
                );
              }}
            />
          </section>
          <section className="card" aria-labelledby={`${targetId}-dicts`}>
            <h2 id={`${targetId}-dicts`}>Dictionaries</h2>
            <div className="gl-dicts">
              {DICTIONARIES.map((d) => {
                const entries = dictionaryEntries(draft, units, target, d.name, inherited);
                return (
                  <DictionaryEditor
                    key={`${targetKey}:${d.name}`}
                    name={d.name}
                    label={d.label}
                    hint={d.hint}
                    secret={!!pack.dictionaries[d.name]?.secret || d.name === 'codenames'}
                    inherited={entries.inherited}
                    own={entries.own}
                    lockedBy={locked.get(d.name)}
                    onAdd={(entry) => edit((x) => addEntry(x, units, target, d.name, entry))}
                    onRemove={(entry) => edit((x) => removeEntry(x, units, target, d.name, entry))}
                  />
                );
              })}
            </div>
          </section>
          <section className="card" aria-labelledby={`${targetId}-add`}>
            <h2 id={`${targetId}-add`}>Add a rule to {targetLabel}</h2>
            <RuleForm
              key={targetKey}
              pack={pack}
              takenIds={taken}
              onAdd={(rule: Rule) => edit((d) => addRule(d, units, target, rule))}
            />
          </section>
        </div>
        <aside className="gl-side">
          <div className="card">
            <TestBench pack={pack} checkingAs={targetLabel} />
          </div>
          <section className="card" aria-labelledby={`${targetId}-versions`}>
            <h2 id={`${targetId}-versions`}>Versions</h2>
            <VersionList
              versions={versions}
              openVersion={opened.version}
              dirty={dirty}
              busy={!!busy}
              onOpen={openVersion}
              onPublish={publishVersion}
            />
          </section>
          <section className="card" aria-labelledby={`${targetId}-effective`}>
            <h2 id={`${targetId}-effective`}>Effective policy of a unit</h2>
            <EffectivePolicyView draft={draft} units={units} />
          </section>
        </aside>
      </div>
    </div>
  );
}
