import type { OwnPost, ReachReader } from '@/lib/sites/types';
import { openShadowRoots } from './deep';

/** The page is re-read at most this often while it changes (X's timeline mutates constantly). */
const REACH_SCAN_MS = 1_500;

export interface ReachSink {
  /** Own posts whose counts are new to this page visit (the background throttles what it records). */
  seen(posts: OwnPost[]): void;
  /** The site showed the id of a post just published. */
  published(postId: string): void;
}

/**
 * Reads the member's own posts and "post published" toasts from what the page shows, passively: a throttled scan
 * after the page changes, reporting each post only when its counts differ from what this page already reported.
 */
export function watchReach(doc: Document, reader: ReachReader, sink: ReachSink): () => void {
  const reported = new Map<string, string>();
  const announced = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastScan = 0;

  const observed = new WeakSet<Node>();
  const scan = () => {
    timer = undefined;
    lastScan = performance.now();
    // A toast in an open shadow root changes nothing the document's observer sees: watch each root once found.
    for (const root of openShadowRoots(doc)) observe(root);
    // The new post's id first, so its first counts are already linked to what was shared.
    const published = reader.publishedPostId(doc);
    if (published && !announced.has(published)) {
      announced.add(published);
      sink.published(published);
    }
    const fresh = reader.ownPosts(doc).filter((post) => {
      const key = JSON.stringify(post.counts);
      if (reported.get(post.postId) === key) return false;
      reported.set(post.postId, key);
      return true;
    });
    if (fresh.length > 0) sink.seen(fresh.slice(0, 50));
  };
  const schedule = () => {
    if (timer !== undefined) return;
    timer = setTimeout(scan, Math.max(0, lastScan + REACH_SCAN_MS - performance.now()));
  };

  // Typing changes only the editor: no reason to re-read the page for every keystroke's mutations.
  const observer = new MutationObserver((records) => {
    if (records.some((record) => !insideEditor(record.target))) schedule();
  });
  function observe(target: Node): void {
    if (observed.has(target)) return;
    observed.add(target);
    observer.observe(target, {
      subtree: true,
      childList: true,
      characterData: true,
      attributes: true,
      attributeFilter: ['aria-label', 'href'],
    });
  }
  observe(doc.documentElement);
  // Leaving the page (often right after Post) must not lose a toast or counts waiting for the next scan.
  const flush = () => {
    if (timer === undefined) return;
    clearTimeout(timer);
    scan();
  };
  doc.defaultView?.addEventListener('pagehide', flush);
  schedule();
  return () => {
    observer.disconnect();
    clearTimeout(timer);
    doc.defaultView?.removeEventListener('pagehide', flush);
  };
}

function insideEditor(node: Node): boolean {
  const element = node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement;
  return !!element?.closest('[contenteditable="true"]');
}
