import { notify } from '@/lib/messaging/send';
import { watchReach } from '@/lib/reach/watch-reach';
import type { SiteAdapter } from '@/lib/sites/types';

/** Reports the member's own posts the page shows, and the id of a post just published, to the background. */
export function reportReach(adapter: SiteAdapter): () => void {
  return watchReach(document, adapter.reach, {
    seen(posts) {
      notify({
        type: 'reach-seen',
        network: adapter.network,
        posts: posts.map((post) => ({ postId: post.postId, ...post.counts })),
      });
    },
    published(postId) {
      notify({ type: 'post-linked', network: adapter.network, postId });
    },
  });
}
