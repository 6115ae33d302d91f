import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useState } from 'react';
import { LeaderboardSwitch } from '@/components/ui/LeaderboardSwitch';
import { EmptyState, ErrorNote } from '@/components/ui/PageShell';
import { isOffline } from '@/components/ui/SyncNote';
import { useSpokeState } from '@/components/ui/use-spoke-state';
import { NETWORK_LABEL } from '@/lib/contract/common';
import type { LeaderboardResponse, ReachPost, ReachResponse } from '@/lib/contract/hub-member';
import type { ReachPeriod } from '@/lib/contract/messages';
import { db } from '@/lib/db';
import {
  formatDate,
  formatDecimal,
  formatNumber,
  formatRelative,
  REPORT_PERIOD_LABEL,
  REPORT_PERIODS,
} from '@/lib/format';
import { send } from '@/lib/messaging/send';
import { pendingShareCount } from '@/lib/reach/pending';
import { ReachChart } from './ReachChart';
import { changeLabel, chartSeries, formatCount, isEmptyReport, type Metric } from './reach-model';

const DEFAULT_GOAL = 2;

/** "1 share", "3 shares". */
const sharesWord = (n: number) => `${formatNumber(n)} ${n === 1 ? 'share' : 'shares'}`;

function Totals({ report }: { report: ReachResponse }) {
  const metrics: Array<{ key: Metric; label: string }> = [
    { key: 'shares', label: 'Shares' },
    { key: 'clicks', label: 'Clicks' },
    { key: 'views', label: 'Views' },
  ];
  return (
    <dl className="reach-totals">
      {metrics.map(({ key, label }) => {
        const change = changeLabel(report.totals[key], report.previousTotals[key]);
        return (
          <div key={key} className="reach-total" data-testid={`reach-total-${key}`}>
            <dt>{label}</dt>
            <dd className="reach-total__value">{formatCount(report.totals[key])}</dd>
            {change && (
              <dd className={`reach-total__change ${change.startsWith('−') ? 'reach-total__change--down' : ''}`}>
                {change} <span className="visually-hidden">against the period before</span>
              </dd>
            )}
          </div>
        );
      })}
    </dl>
  );
}

/** Weeks in a row with a share, and the member's own weekly goal (kept on this device). */
function StreakAndGoal({ streak }: { streak: ReachResponse['streak'] }) {
  const goal = useLiveQuery(() => db.getSetting('weeklyGoal'), [], undefined) ?? DEFAULT_GOAL;
  const setGoal = (value: number) => void db.setSetting('weeklyGoal', Math.min(14, Math.max(1, value)));
  const done = Math.min(streak.sharesThisWeek, goal);
  return (
    <section className="reach-card reach-streak" aria-label="Streak and weekly goal">
      <p className="reach-streak__weeks" data-testid="reach-streak">
        <strong>{formatNumber(streak.currentWeeks)}</strong> {streak.currentWeeks === 1 ? 'week' : 'weeks'} in a row
        with a share
        {streak.longestWeeks > streak.currentWeeks && (
          <span className="hint"> · best {formatNumber(streak.longestWeeks)}</span>
        )}
      </p>
      <div className="reach-goal">
        <label htmlFor="reach-goal-progress">
          This week: {formatNumber(streak.sharesThisWeek)} of {sharesWord(goal)}
          {streak.sharesThisWeek >= goal ? ' — goal reached' : ''}
        </label>
        <progress id="reach-goal-progress" max={goal} value={done} />
        <span className="reach-goal__stepper">
          <button
            type="button"
            className="button button--quiet"
            aria-label="Lower my weekly goal"
            onClick={() => setGoal(goal - 1)}
            disabled={goal <= 1}
          >
            −
          </button>
          <button
            type="button"
            className="button button--quiet"
            aria-label="Raise my weekly goal"
            onClick={() => setGoal(goal + 1)}
            disabled={goal >= 14}
          >
            +
          </button>
        </span>
      </div>
    </section>
  );
}

function PostsTable({ posts }: { posts: ReachPost[] }) {
  if (posts.length === 0) {
    return (
      <p className="hint">
        No posts yet in this period. Spoke reads the views LinkedIn and X show you on your own posts when you scroll
        past them.
      </p>
    );
  }
  return (
    <table className="reach-table">
      <caption className="visually-hidden">My posts</caption>
      <thead>
        <tr>
          <th scope="col">Post</th>
          <th scope="col">Network</th>
          <th scope="col" className="num">
            Clicks
          </th>
          <th scope="col" className="num">
            Views
          </th>
          <th scope="col">Date</th>
        </tr>
      </thead>
      <tbody>
        {posts.map((post) => (
          <tr key={`${post.network}:${post.postRef}`} data-testid="reach-post">
            <th scope="row">{post.contentTitle ?? <span className="hint">Your own post</span>}</th>
            <td>{NETWORK_LABEL[post.network]}</td>
            <td className="num">{formatCount(post.clicks)}</td>
            <td className="num">{formatCount(post.views)}</td>
            <td>{formatDate(post.publishedAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Leaderboard({ leaderboard, optedIn }: { leaderboard: LeaderboardResponse | null; optedIn: boolean }) {
  const units = leaderboard?.businessUnits ?? [];
  const people = leaderboard?.members ?? [];
  return (
    <section className="reach-card" aria-labelledby="leaderboard-title">
      <h2 id="leaderboard-title">Team leaderboard</h2>
      <p className="hint">
        Teams are ranked by shares per active member. Only people who chose to be listed are named
        {optedIn ? ', you included.' : '; you are not.'}
      </p>
      {units.length > 0 && (
        <ol className="reach-ranking" aria-label="Teams by shares per member">
          {units.map((unit) => (
            <li key={unit.id}>
              <span>{unit.name}</span>
              <span className="hint">
                {formatDecimal(unit.sharesPerMember)} per member · {formatNumber(unit.activeMembers)} active
              </span>
            </li>
          ))}
        </ol>
      )}
      {people.length > 0 && (
        <ol className="reach-ranking" aria-label="People by shares">
          {people.slice(0, 10).map((person) => (
            <li key={`${person.rank}-${person.displayName}`} className={person.isMe ? 'reach-ranking__me' : ''}>
              <span>
                {person.rank}. {person.displayName}
                {person.isMe && ' (you)'}
              </span>
              <span className="hint">
                {sharesWord(person.shares)} · {formatNumber(person.clicks)} {person.clicks === 1 ? 'click' : 'clicks'}
              </span>
            </li>
          ))}
        </ol>
      )}
      <LeaderboardSwitch optedIn={optedIn} />
    </section>
  );
}

/** What the period has nothing of: its totals and curve would be zeros and a flat line. */
const isQuietPeriod = (report: ReachResponse) =>
  report.totals.shares + report.totals.clicks + report.totals.views === 0;

/**
 * Shares published on this device that the hub has not counted yet (the outbox waits for it): said in words, so
 * that right after a share, or offline, the member sees it is on its way.
 */
function PendingShares({ count, alone }: { count: number; alone: boolean }) {
  if (count === 0) return null;
  const title = `${sharesWord(count)} waiting to sync`;
  const why =
    "Spoke sends it to your company's hub as soon as it can reach it; it is counted here then, with its clicks and views.";
  if (alone) {
    return (
      <div data-testid="reach-pending">
        <EmptyState title={title}>{why}</EmptyState>
      </div>
    );
  }
  return (
    <p className="reach-pending hint" data-testid="reach-pending">
      <strong>{title}.</strong> {why}
    </p>
  );
}

/**
 * "My reach": shares, clicks on my tracked links and the views of my own posts, against the period before; the
 * curve; my posts; my streak and weekly goal; the opt-in team leaderboard. The report is cached in the extension
 * database, so it shows offline with its age; shares not yet synced show as waiting.
 */
export function ReachDashboard({ compact = false }: { compact?: boolean }) {
  const state = useSpokeState();
  const cache = useLiveQuery(() => db.getSetting('reach'), []);
  const pending = useLiveQuery(async () => pendingShareCount(await db.outbox.toArray()), [], 0);
  const [period, setPeriod] = useState<ReachPeriod>(30);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const enrolled = state?.enrolment !== undefined && state.consent !== undefined;

  // biome-ignore lint/correctness/useExhaustiveDependencies: a share that reached the hub refreshes the report
  useEffect(() => {
    if (!enrolled) return;
    let current = true;
    setLoading(true);
    setError(null);
    send({ type: 'reach-report', days: period })
      .catch((failure: unknown) => current && setError(failure instanceof Error ? failure.message : String(failure)))
      .finally(() => current && setLoading(false));
    return () => {
      current = false;
    };
  }, [enrolled, period, state?.sync.lastSyncAt]);

  const report = cache?.days === period ? cache.report : undefined;
  const series = useMemo(() => (report ? chartSeries(report) : null), [report]);

  if (!state) return null;
  if (!enrolled) {
    return (
      <EmptyState title="Your reach shows up here">
        Connect Spoke to your company's hub in Settings and agree to what it records. Then share an approved post: its
        clicks, and the views LinkedIn and X show you on your own posts, add up here.
      </EmptyState>
    );
  }
  const empty = report !== undefined && isEmptyReport(report);
  // The hub is down or the device offline: a passing state, said quietly rather than as an error.
  const offline = isOffline(state.sync);
  return (
    <div className={`reach ${compact ? 'reach--compact' : ''}`} aria-busy={loading}>
      <fieldset className="reach-periods">
        <legend className="visually-hidden">Period</legend>
        {REPORT_PERIODS.map((days) => (
          <button
            key={days}
            type="button"
            className={`pill pill--button ${period === days ? 'pill--on' : ''}`}
            aria-pressed={period === days}
            onClick={() => setPeriod(days)}
          >
            {REPORT_PERIOD_LABEL[days]}
          </button>
        ))}
        <span className="hint reach-periods__status" role="status">
          {loading ? 'Updating…' : cache && report ? `Updated ${formatRelative(cache.fetchedAt)}` : ''}
        </span>
      </fieldset>
      {error && offline ? (
        <p className="hint reach-offline" data-testid="reach-offline">
          {report
            ? "Offline: your hub can't be reached, so these numbers may be behind."
            : 'Offline: your reach shows here once your hub can be reached.'}
        </p>
      ) : (
        <ErrorNote error={error && report ? `${error} Showing what Spoke had before.` : error} />
      )}
      {!report && loading && <p className="hint">Loading your reach…</p>}
      <PendingShares count={pending} alone={!report || empty} />
      {empty && pending === 0 && (
        <EmptyState title="Nothing to count yet">
          Share an approved post from the Suggestions tab: Spoke counts the clicks on its tracked link. Views come from
          what LinkedIn and X show you on your own posts, read when you scroll past them (never sent anywhere but your
          company's hub, and only as numbers).
        </EmptyState>
      )}
      {report && !empty && series && (
        <>
          <Totals report={report} />
          {isQuietPeriod(report) ? (
            <EmptyState title={`Nothing in the last ${REPORT_PERIOD_LABEL[period]}`}>
              No shares, clicks or views in this period. Pick a longer period to see earlier ones.
            </EmptyState>
          ) : (
            <ReachChart
              series={series}
              label={`Views, clicks and shares per ${report.bucket}, last ${REPORT_PERIOD_LABEL[period]}`}
            />
          )}
          <StreakAndGoal streak={report.streak} />
          <section className="reach-card" aria-labelledby="my-posts-title">
            <h2 id="my-posts-title">My posts</h2>
            <PostsTable posts={compact ? report.posts.slice(0, 5) : report.posts} />
          </section>
        </>
      )}
      {report && (
        <Leaderboard leaderboard={cache?.leaderboard ?? null} optedIn={state.consent?.leaderboardOptIn ?? false} />
      )}
    </div>
  );
}
