import { useMemo, useState } from 'react';
import { EmptyState, ErrorNote } from '@/components/ui/PageShell';
import type { AdminClient } from '@/lib/coe/admin-client';
import { messageOf } from '@/lib/coe/hub-messages';
import { type LivePolicyChecker, livePolicy } from '@/lib/coe/live-policy';
import type { BusinessUnit } from '@/lib/contract/hub-admin';
import type { ContentItem, ContentStatus } from '@/lib/contract/hub-content';
import { useLoad } from '../use-load';
import { ContentEditor } from './ContentEditor';

const FILTERS: Array<{ id: ContentStatus | 'all'; label: string }> = [
  { id: 'all', label: 'All' },
  { id: 'draft', label: 'Drafts' },
  { id: 'published', label: 'Published' },
  { id: 'archived', label: 'Archived' },
];

const STATUS_LABEL: Record<ContentStatus, string> = { draft: 'Draft', published: 'Published', archived: 'Archived' };

/** The guideline policy the console checks posts against: the current version, with each unit's overlays. */
export interface LivePolicy {
  checker?: LivePolicyChecker;
  error?: string;
}

function matches(item: ContentItem, search: string): boolean {
  if (!search) return true;
  const hay = [item.title, item.variants.linkedin?.text, item.variants.x?.text, ...item.tags, ...item.hashtags]
    .filter(Boolean)
    .join(' ')
    .toLowerCase();
  return search
    .toLowerCase()
    .split(/\s+/)
    .every((word) => hay.includes(word));
}

/** The approved-content library: a filtered, searchable list beside the editor of the selected post. */
export function ContentScreen({
  client,
  units,
  hubUrl,
}: {
  client: AdminClient;
  units: BusinessUnit[];
  /** The hub's address: its tracked links count as approved, as on advocates' devices. */
  hubUrl: string;
}) {
  const list = useLoad(() => client.listContent(), [client]);
  const current = useLoad(async () => {
    const { versions } = await client.listPolicyVersions();
    const published = versions.find((v) => v.current);
    return published ? client.getPolicyVersion(published.version) : null;
  }, [client]);
  const [filter, setFilter] = useState<ContentStatus | 'all'>('all');
  const [search, setSearch] = useState('');
  const [selected, setSelected] = useState<string | 'new' | null>(null);
  /** The answer of the last save, newer than the list until it reloads. */
  const [fresh, setFresh] = useState<ContentItem>();
  /** What the last action did, kept here because a new post's editor starts afresh once it has an id. */
  const [notice, setNotice] = useState<{ id: string; text: string } | null>(null);

  const policy = useMemo<LivePolicy>(() => {
    if (current.error) return { error: current.error };
    if (current.data === null) return { error: 'no guideline policy is published yet (see Guidelines).' };
    if (!current.data) return {};
    try {
      return { checker: livePolicy(current.data, units, hubUrl) };
    } catch (error) {
      return { error: messageOf(error) };
    }
  }, [current.data, current.error, units, hubUrl]);

  const items = list.data ?? [];
  const shown = items.filter((item) => (filter === 'all' || item.status === filter) && matches(item, search.trim()));
  const listed = items.find((item) => item.id === selected);
  const shownItem =
    fresh?.id === selected && (!listed || fresh.updatedAt >= listed.updatedAt) ? fresh : (listed ?? undefined);
  const unitName = (id: string) => units.find((u) => u.id === id)?.name ?? 'an unknown unit';

  const saved = (item: ContentItem, done: string) => {
    setNotice({ id: item.id, text: done });
    setFresh(item);
    setSelected(item.id);
    list.reload();
  };

  return (
    <div className="coe-split">
      <aside className="coe-list" aria-label="Content library">
        <div className="coe-list__head">
          <h2>Approved posts</h2>
          <button type="button" className="button" onClick={() => setSelected('new')}>
            New post
          </button>
        </div>
        <input
          className="search"
          type="search"
          aria-label="Search posts"
          placeholder="Search titles, texts, tags"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        <fieldset className="tags">
          <legend className="visually-hidden">Show</legend>
          {FILTERS.map((f) => (
            <button
              key={f.id}
              type="button"
              className={`pill pill--button${filter === f.id ? ' pill--on' : ''}`}
              aria-pressed={filter === f.id}
              onClick={() => setFilter(f.id)}
            >
              {f.label}
              {f.id !== 'all' && ` ${items.filter((i) => i.status === f.id).length}`}
            </button>
          ))}
        </fieldset>
        <ErrorNote error={list.error ?? null} />
        {list.loading && !list.data && <p className="hint">Loading posts…</p>}
        {list.data && shown.length === 0 && (
          <p className="hint">
            {items.length === 0
              ? 'No posts yet. Write the first one with “New post”.'
              : 'No post matches this search and filter.'}
          </p>
        )}
        <ul className="coe-items">
          {shown.map((item) => (
            <li key={item.id}>
              <button
                type="button"
                className={`coe-item${item.id === selected ? ' coe-item--on' : ''}`}
                aria-current={item.id === selected ? 'true' : undefined}
                onClick={() => setSelected(item.id)}
              >
                <span className="coe-item__title">{item.title}</span>
                <span className="coe-item__meta">
                  <span className={`status status--${item.status}`}>{STATUS_LABEL[item.status]}</span>
                  {item.variants.linkedin && <span className="pill pill--quiet">LinkedIn</span>}
                  {item.variants.x && <span className="pill pill--quiet">X</span>}
                  <span>
                    {item.businessUnitIds.length ? item.businessUnitIds.map(unitName).join(', ') : 'Whole organisation'}
                  </span>
                </span>
              </button>
            </li>
          ))}
        </ul>
      </aside>
      <div className="coe-main">
        {selected === null ? (
          <EmptyState title="Pick a post or write a new one">
            Approved posts reach advocates in their side panel with the next sync, on the networks you wrote them for,
            in the business units you target.
          </EmptyState>
        ) : (
          <ContentEditor
            key={selected === 'new' ? 'new' : selected}
            client={client}
            item={shownItem}
            units={units}
            policy={policy}
            notice={notice && notice.id === selected ? notice.text : null}
            onSaved={saved}
            onDeleted={() => {
              setSelected(null);
              list.reload();
            }}
            onClose={() => setSelected(null)}
          />
        )}
      </div>
    </div>
  );
}
