import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { linkedin } from '@/lib/sites/linkedin';
import { x } from '@/lib/sites/x';

/** The readers as the built-in site pack sets them up. */
const linkedinReach = linkedin.reachWith(linkedin.builtin.reach);
const xReach = x.reachWith(x.builtin.reach);

const sites = path.resolve(import.meta.dirname, '../../e2e/sites');

/** Loads a fixture page's markup (its scripts don't run: the readers only read what is shown). */
function load(file: string): void {
  const html = readFileSync(path.join(sites, file), 'utf8');
  document.documentElement.innerHTML = html
    .replace(/^[\s\S]*?<html[^>]*>/i, '')
    .replace(/<\/html>\s*$/i, '')
    .replace(/<link[^>]*>/gi, ''); // happy-dom would try to fetch stylesheets
}

beforeEach(() => {
  document.documentElement.innerHTML = '<head></head><body></body>';
});

describe('X own posts', () => {
  it('reads the own post on the home timeline from the action bar label', () => {
    load('x/home.html');
    expect(xReach.ownPosts(document)).toEqual([
      { postId: '1890000000000000001', counts: { views: 1234, reactions: 41, comments: 3, reposts: 2 } },
    ]);
  });

  it("reads the focused own post on a post page, not someone else's reply", () => {
    load('x/status.html');
    const posts = xReach.ownPosts(document);
    // Views come from the permalink bar ("1,234 Views"), the other counts from the action bar.
    expect(posts).toEqual([
      { postId: '1890000000000000001', counts: { views: 1234, reactions: 41, comments: 3, reposts: 2 } },
    ]);
  });

  it('falls back to the analytics link when the action bar has no views', () => {
    document.body.innerHTML = `
      <a href="/janedoe" data-testid="AppTabBar_Profile_Link">Profile</a>
      <article data-testid="tweet">
        <div data-testid="User-Name"><a href="/JaneDoe/status/42"><time>1h</time></a></div>
        <div role="group" aria-label="Reply, Repost, Like">
          <a href="/JaneDoe/status/42/analytics" aria-label="12.5K views. View post analytics">12.5K</a>
        </div>
      </article>`;
    expect(xReach.ownPosts(document)).toEqual([
      { postId: '42', counts: { views: 12_500, reactions: undefined, comments: undefined, reposts: undefined } },
    ]);
  });

  it('ignores posts of other people and pages without a signed-in member', () => {
    document.body.innerHTML = `
      <article data-testid="tweet">
        <a href="/sam/status/7"><time>1h</time></a>
        <div role="group" aria-label="1 like, 99 views"></div>
      </article>`;
    expect(xReach.ownPosts(document)).toEqual([]);
    document.body.insertAdjacentHTML('afterbegin', '<a href="/janedoe" data-testid="AppTabBar_Profile_Link">Me</a>');
    expect(xReach.ownPosts(document)).toEqual([]);
  });

  it('finds the new post in the "Your post was sent" toast', () => {
    expect(xReach.publishedPostId(document)).toBeNull();
    document.body.innerHTML = `<div data-testid="toast" role="alert"><span>Your post was sent.</span>
      <a href="/janedoe/status/1890000000000000077">View</a></div>`;
    expect(xReach.publishedPostId(document)).toBe('1890000000000000077');
  });
});

describe('LinkedIn own posts', () => {
  it('reads impressions, reactions and comments in the classic feed', () => {
    load('linkedin/classic.html');
    expect(linkedinReach.ownPosts(document)).toEqual([
      {
        postId: '7350000000000000001',
        counts: { views: 1234, reactions: 42, comments: 5, reposts: undefined },
      },
    ]);
  });

  it('reads a post page in German', () => {
    load('linkedin/post.html');
    expect(linkedinReach.ownPosts(document)).toEqual([
      { postId: '7350000000000000003', counts: { views: 12_345, reactions: 1024, comments: 58, reposts: undefined } },
    ]);
  });

  it('reads a post page of the new stack, with compact impressions and counts in its text', () => {
    load('linkedin/post-sdui.html');
    expect(linkedinReach.ownPosts(document)).toEqual([
      { postId: '7380000000000000004', counts: { views: 1500, reactions: 248, comments: 31, reposts: 12 } },
    ]);
  });

  it('reads the analytics link of the new (SDUI) feed', () => {
    load('linkedin/sdui.html');
    expect(linkedinReach.ownPosts(document)).toEqual([
      {
        postId: '7380000000000000002',
        counts: { views: 987, reactions: 12, comments: undefined, reposts: undefined },
      },
    ]);
  });

  it('reads localised and compact impressions', () => {
    document.body.innerHTML = `
      <div class="feed-shared-update-v2" data-urn="urn:li:activity:1">
        <a href="/analytics/post-summary/urn:li:activity:1/"><span class="ca-entry-point__num-views"><strong>1.234 Impressionen</strong></span></a>
      </div>
      <div role="listitem">
        <a href="/analytics/post-summary/urn:li:activity:2/?trk=x"><span>12K impressions</span></a>
        <span>1,1K reactions</span> <span>3 reposts</span>
      </div>`;
    expect(linkedinReach.ownPosts(document)).toEqual([
      { postId: '1', counts: { views: 1234, reactions: undefined, comments: undefined, reposts: undefined } },
      { postId: '2', counts: { views: 12_000, reactions: 1100, comments: undefined, reposts: 3 } },
    ]);
  });

  it('sees no own post where there is no analytics link', () => {
    document.body.innerHTML = `<div class="feed-shared-update-v2" data-urn="urn:li:activity:9"><span>5 reactions</span></div>`;
    expect(linkedinReach.ownPosts(document)).toEqual([]);
  });

  it('finds the new post in the "Post successful" toast', () => {
    document.body.innerHTML = `<div class="artdeco-toasts"><div class="artdeco-toast-item"><p>Post successful.</p>
      <a class="artdeco-toast-item__cta" href="https://www.linkedin.com/feed/update/urn:li:activity:7390000000000000009/">View post</a></div></div>`;
    expect(linkedinReach.publishedPostId(document)).toBe('7390000000000000009');
  });
});
