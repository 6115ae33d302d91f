import { useMemo, useState } from 'react';
import { ErrorNote } from '@/components/ui/PageShell';
import type { AdminClient } from '@/lib/coe/admin-client';
import {
  type ContentForm,
  EMPTY_FORM,
  formOf,
  localProblems,
  requestOf,
  shareTextOf,
  utmPreview,
} from '@/lib/coe/content-form';
import { fieldErrorsOf, messageOf } from '@/lib/coe/hub-messages';
import { NETWORK_LABEL, type Network } from '@/lib/contract/common';
import type { BusinessUnit } from '@/lib/contract/hub-admin';
import type { ContentItem } from '@/lib/contract/hub-content';
import { formatDateTime, formatNumber } from '@/lib/format';
import type { Finding } from '@/lib/guidelines';
import { POST_LENGTH_LIMIT, postLength } from '@/lib/networks/post-length';
import { ConfirmAction } from '../ConfirmAction';
import { Field } from '../Field';
import type { LivePolicy } from './ContentScreen';
import { PostPreview } from './PostPreview';

const NETWORKS: Network[] = ['linkedin', 'x'];
const LOCALES = ['en', 'en-GB', 'fr', 'fr-BE', 'de', 'nl', 'es', 'it', 'pt-BR', 'ja'];
/** Stands in for the tracked link each advocate gets (the hub's `/v1/r/<code>`); X counts any link as 23. */
const SAMPLE_CODE = 'a1b2c3d4';

function dateTime(iso: string | null): string {
  return iso ? formatDateTime(iso) : '—';
}

/** Unit checkboxes as an indented tree (the CoE root stands for the whole organisation, so it is not offered). */
function UnitPicker({
  units,
  value,
  onChange,
}: {
  units: BusinessUnit[];
  value: string[];
  onChange(ids: string[]): void;
}) {
  const root = units.find((u) => u.parentId === null);
  const rows: Array<{ unit: BusinessUnit; depth: number }> = [];
  const walk = (parentId: string, depth: number) => {
    for (const unit of units.filter((u) => u.parentId === parentId)) {
      rows.push({ unit, depth });
      walk(unit.id, depth + 1);
    }
  };
  if (root) walk(root.id, 0);
  return (
    <fieldset className="coe-units">
      <legend>Business units</legend>
      <p className="field__hint">
        {value.length === 0
          ? 'Nothing ticked: the whole organisation sees this post.'
          : 'Members of the ticked units and of their sub-units see this post.'}
      </p>
      {rows.length === 0 && <p className="field__hint">No business units yet (see Organisation).</p>}
      {rows.map(({ unit, depth }) => (
        <label key={unit.id} className="switch" style={{ paddingLeft: depth * 18 }}>
          <input
            type="checkbox"
            checked={value.includes(unit.id)}
            onChange={(e) => onChange(e.target.checked ? [...value, unit.id] : value.filter((id) => id !== unit.id))}
          />
          {unit.name}
        </label>
      ))}
    </fieldset>
  );
}

function Findings({ findings, text }: { findings: Array<Finding & { onlyFor?: string[] }>; text: string }) {
  if (findings.length === 0) {
    return <p className="coe-findings coe-findings--clear">No guideline findings.</p>;
  }
  return (
    <ul className="coe-findings" aria-label="Guideline findings">
      {findings.map((f) => (
        <li key={`${f.ruleId}-${f.start}`} className={`finding finding--${f.severity}`}>
          <span className="finding__severity">{f.severity}</span> <strong>{f.title}</strong>
          {f.end > f.start && <q className="finding__match">{text.slice(f.start, f.end)}</q>}
          {f.onlyFor && <span className="pill pill--quiet">only for {f.onlyFor.join(', ')}</span>}
          <span className="finding__message">{f.message}</span>
        </li>
      ))}
    </ul>
  );
}

/**
 * One approved post: per-network texts with live guideline findings and counters (as the advocate would post it,
 * with the tracked link and hashtags), link and UTM, targeting, window, preview, publish / archive, history.
 */
export function ContentEditor({
  client,
  item,
  units,
  policy,
  notice: initialNotice = null,
  onSaved,
  onDeleted,
  onClose,
}: {
  client: AdminClient;
  item?: ContentItem;
  units: BusinessUnit[];
  policy: LivePolicy;
  /** What the last action did (a new post's editor starts afresh once the hub gave it an id). */
  notice?: string | null;
  onSaved(item: ContentItem, notice: string): void;
  onDeleted(): void;
  onClose(): void;
}) {
  const [form, setForm] = useState<ContentForm>(() => (item ? formOf(item) : EMPTY_FORM));
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(initialNotice);
  const [previewOn, setPreviewOn] = useState<Network>(item?.variants.linkedin || !item?.variants.x ? 'linkedin' : 'x');
  const set = <K extends keyof ContentForm>(key: K, value: ContentForm[K]) => {
    const next = { ...form, [key]: value };
    setForm(next);
    setNotice(null);
    // After a refused save, the messages follow the edits: a fixed field loses its message at once.
    if (Object.keys(problems).length) {
      const still = localProblems(next);
      setProblems(still);
      if (Object.keys(still).length === 0) setError(null);
    }
  };
  const dirty = useMemo(() => JSON.stringify(form) !== JSON.stringify(item ? formOf(item) : EMPTY_FORM), [form, item]);

  const hubBase = client.hubUrl;
  const trackedLink = `${hubBase}/v1/r/${SAMPLE_CODE}`;
  const perNetwork = NETWORKS.map((network) => {
    const text = shareTextOf(form, network, trackedLink);
    const findings =
      policy.checker && text
        ? policy.checker.check(text, form.businessUnitIds, { network, postKind: 'post', now: Date.now() })
        : [];
    return { network, text, findings, length: postLength(text, network), limit: POST_LENGTH_LIMIT[network] };
  });

  const save = async (): Promise<ContentItem | undefined> => {
    const local = localProblems(form);
    setProblems(local);
    setError(null);
    if (Object.keys(local).length) {
      setError('Some fields need a change before the post can be saved.');
      return undefined;
    }
    const request = requestOf(form);
    try {
      const saved = item
        ? await client.updateContent(item.id, {
            ...request,
            url: request.url ?? null,
            expectedVersion: item.version,
          })
        : await client.createContent(request);
      return saved;
    } catch (e) {
      setProblems(fieldErrorsOf(e));
      setError(messageOf(e));
      return undefined;
    }
  };

  const run = async (label: string, action: () => Promise<ContentItem | undefined>, done: string) => {
    setBusy(label);
    try {
      const result = await action();
      if (result) {
        setNotice(done);
        onSaved(result, done);
      }
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(null);
    }
  };

  const saveDraft = () => run('save', save, item ? 'Saved.' : 'Saved as a draft.');
  const publish = () =>
    run(
      'publish',
      async () => {
        const saved = dirty || !item ? await save() : item;
        return saved ? client.publishContent(saved.id) : undefined;
      },
      'Published: advocates get it with their next sync.',
    );
  const archive = () =>
    run(
      'archive',
      async () => (item ? client.archiveContent(item.id) : undefined),
      'Archived: advocates no longer see it.',
    );

  const remove = async () => {
    if (!item) return;
    setBusy('delete');
    try {
      await client.deleteContent(item.id);
      onDeleted();
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(null);
    }
  };

  const tooLong = perNetwork.some((p) => p.text && p.length > p.limit);
  const criticals = perNetwork.reduce((n, p) => n + p.findings.filter((f) => f.severity === 'critical').length, 0);
  const destination =
    form.url.trim() &&
    utmPreview(form.url.trim(), previewOn, item?.id ?? 'ID')?.replace(
      /utm_content=ID$/,
      item ? '' : 'utm_content=(its id, once saved)',
    );

  return (
    <article className="coe-editor card" aria-label={item ? `Edit “${item.title}”` : 'New post'}>
      <div className="coe-editor__head">
        <h2>{item ? item.title : 'New post'}</h2>
        {item && <span className={`status status--${item.status}`}>{item.status}</span>}
        <button type="button" className="button button--quiet coe-editor__close" onClick={onClose}>
          Close
        </button>
      </div>
      <ErrorNote error={error} />
      {notice && (
        <p className="coe-notice" role="status">
          {notice}
        </p>
      )}

      <Field label="Title" error={problems['body.title']} hint="Advocates see it in their side panel.">
        {(id, note) => (
          <input
            id={id}
            aria-describedby={note}
            value={form.title}
            maxLength={120}
            onChange={(e) => set('title', e.target.value)}
          />
        )}
      </Field>

      <div className="coe-variants">
        {perNetwork.map(({ network, text, findings, length, limit }) => (
          <section key={network} className="coe-variant" aria-label={`${NETWORK_LABEL[network]} version`}>
            <Field
              label={`${NETWORK_LABEL[network]} text`}
              error={
                problems[`body.variants.${network}.text`] ??
                (network === 'linkedin' ? problems['body.variants'] : undefined)
              }
            >
              {(id, note) => (
                <textarea
                  id={id}
                  aria-describedby={note}
                  rows={network === 'x' ? 5 : 8}
                  value={network === 'linkedin' ? form.linkedin : form.x}
                  placeholder={`Leave empty if this post is not for ${NETWORK_LABEL[network]}.`}
                  onChange={(e) => set(network, e.target.value)}
                />
              )}
            </Field>
            <p className={`counter${length > limit ? ' counter--over' : ''}`} data-testid={`counter-${network}`}>
              {text
                ? `${formatNumber(length)} / ${formatNumber(limit)}${network === 'x' ? ' weighted' : ''} characters as shared (link and hashtags included)`
                : 'Not offered on this network.'}
            </p>
            {text && policy.checker && <Findings findings={findings} text={text} />}
          </section>
        ))}
      </div>
      {policy.error ? (
        <p className="field__error">Live guideline checks are unavailable: {policy.error}</p>
      ) : (
        policy.checker && (
          <p className="field__hint">
            Checked live against guideline policy version {policy.checker.version}
            {form.businessUnitIds.length ? ' with the targeted units’ overlays' : ''}, as your advocates' composers
            will.
          </p>
        )
      )}

      <div className="columns">
        <Field
          label="Link"
          error={problems['body.url']}
          hint={
            destination ? (
              <>
                Advocates share a tracked link ({hubBase}/v1/r/…) that leads to{' '}
                <code className="coe-utm" data-testid="utm-preview">
                  {destination}
                </code>
              </>
            ) : (
              'Optional: the https:// page the post points to.'
            )
          }
        >
          {(id, note) => (
            <input
              id={id}
              aria-describedby={note}
              type="url"
              placeholder="https://"
              value={form.url}
              onChange={(e) => set('url', e.target.value)}
            />
          )}
        </Field>
        <div className="columns">
          <Field label="Hashtags" error={problems['body.hashtags']} hint="Added at the end when the text lacks them.">
            {(id, note) => (
              <input
                id={id}
                aria-describedby={note}
                placeholder="#AcmeCloud #Hiring"
                value={form.hashtags}
                onChange={(e) => set('hashtags', e.target.value)}
              />
            )}
          </Field>
          <Field label="Tags" error={problems['body.tags']} hint="For advocates' filters: launch, hiring…">
            {(id, note) => (
              <input id={id} aria-describedby={note} value={form.tags} onChange={(e) => set('tags', e.target.value)} />
            )}
          </Field>
        </div>
      </div>

      <div className="columns">
        <UnitPicker units={units} value={form.businessUnitIds} onChange={(ids) => set('businessUnitIds', ids)} />
        <div>
          <Field label="Language" error={problems['body.locale']} hint="A tag such as en or fr-BE.">
            {(id, note) => (
              <>
                <input
                  id={id}
                  aria-describedby={note}
                  list={`${id}-locales`}
                  value={form.locale}
                  onChange={(e) => set('locale', e.target.value)}
                />
                <datalist id={`${id}-locales`}>
                  {LOCALES.map((l) => (
                    <option key={l} value={l} />
                  ))}
                </datalist>
              </>
            )}
          </Field>
          <div className="columns">
            <Field label="Offer from" error={problems['body.startsAt']} hint="Empty: as soon as published.">
              {(id, note) => (
                <input
                  id={id}
                  aria-describedby={note}
                  type="datetime-local"
                  value={form.startsAt}
                  onChange={(e) => set('startsAt', e.target.value)}
                />
              )}
            </Field>
            <Field label="Expires" error={problems['body.expiresAt']} hint="Empty: never.">
              {(id, note) => (
                <input
                  id={id}
                  aria-describedby={note}
                  type="datetime-local"
                  value={form.expiresAt}
                  onChange={(e) => set('expiresAt', e.target.value)}
                />
              )}
            </Field>
          </div>
        </div>
      </div>

      <section className="coe-preview" aria-label="Preview">
        <div className="coe-preview__head">
          <h3>Preview</h3>
          <fieldset className="tags">
            <legend className="visually-hidden">Preview on</legend>
            {NETWORKS.map((network) => (
              <button
                key={network}
                type="button"
                className={`pill pill--button${previewOn === network ? ' pill--on' : ''}`}
                aria-pressed={previewOn === network}
                onClick={() => setPreviewOn(network)}
              >
                {NETWORK_LABEL[network]}
              </button>
            ))}
          </fieldset>
        </div>
        <PostPreview
          network={previewOn}
          text={perNetwork.find((p) => p.network === previewOn)?.text ?? ''}
          title={form.title}
          url={form.url.trim()}
        />
      </section>

      <div className="actions coe-editor__actions">
        <button
          type="button"
          className={item?.status === 'published' ? 'button' : 'button button--quiet'}
          disabled={busy !== null || (item?.status === 'published' && tooLong)}
          onClick={saveDraft}
        >
          {busy === 'save' ? 'Saving…' : item ? 'Save changes' : 'Save draft'}
        </button>
        {item?.status !== 'published' && (
          <button type="button" className="button" disabled={busy !== null || tooLong} onClick={publish}>
            {busy === 'publish' ? 'Publishing…' : item?.status === 'archived' ? 'Publish again' : 'Publish'}
          </button>
        )}
        {item?.status === 'published' && dirty && (
          <span className="field__hint">Saved changes reach advocates with their next sync.</span>
        )}
        {tooLong && <span className="field__error">A text is over its network's limit.</span>}
        {!tooLong && criticals > 0 && (
          <span className="field__hint">
            {criticals} critical finding{criticals > 1 ? 's' : ''}: advocates would be warned on this text.
          </span>
        )}
        {item && item.status !== 'archived' && (
          <span className="coe-editor__danger">
            <ConfirmAction
              label={busy === 'archive' ? 'Archiving…' : 'Archive'}
              title={`Archive “${item.title}”?`}
              confirmLabel="Archive post"
              disabled={busy !== null}
              onConfirm={archive}
            >
              Advocates no longer see it in their side panel after their next sync. You can publish it again later.
            </ConfirmAction>
            {item.status === 'draft' && (
              <ConfirmAction
                label="Delete draft"
                title={`Delete the draft “${item.title}”?`}
                confirmLabel="Delete draft"
                disabled={busy !== null}
                onConfirm={() => void remove()}
              >
                The draft and its texts are gone for good; this cannot be undone.
              </ConfirmAction>
            )}
          </span>
        )}
      </div>

      {item && (
        <section className="coe-history" aria-label="Version history">
          <h3>History</h3>
          <ol className="coe-history__list">
            <li>
              Version {item.version} · last edited {dateTime(item.updatedAt)}
            </li>
            {item.publishedAt && <li>First published {dateTime(item.publishedAt)}</li>}
            <li>Created {dateTime(item.createdAt)}</li>
          </ol>
          <p className="field__hint">
            The hub keeps the current text and its version number; earlier texts are not stored yet.
          </p>
        </section>
      )}
    </article>
  );
}
