import { notify } from '@/lib/messaging/send';
import { watchReach } from '@/lib/reach/watch-reach';
import type { SiteAdapter, SiteDefinitions } from '@/lib/sites/types';

/**
 * Reports the member's own posts the page shows, and the id of a post just published, to the background;
 * `noticeRead` hears of each "post published" notice matched (coverage counts the ones that never came).
 */
export function reportReach(
  adapter: SiteAdapter,
  definitions: () => SiteDefinitions,
  noticeRead: () => void = () => undefined,
): () => void {
  // Each scan reads with the current site pack's selectors: a corrected pack applies without a reload.
  const reader = {
    ownPosts: (doc: Document) => adapter.reachWith(definitions().reach).ownPosts(doc),
    publishedPostId: (doc: Document) => adapter.reachWith(definitions().reach).publishedPostId(doc),
  };
  return watchReach(document, reader, {
    seen(posts) {
      notify({
        type: 'reach-seen',
        network: adapter.network,
        posts: posts.map((post) => ({ postId: post.postId, ...post.counts })),
      });
    },
    published(postId) {
      noticeRead();
      notify({ type: 'post-linked', network: adapter.network, postId });
    },
  });
}
