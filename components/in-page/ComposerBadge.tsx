import type { PostKind } from '@/lib/contract/common';
import { SpokeMark } from '../SpokeMark';

const KIND_LABEL: Record<PostKind, string> = {
  post: 'post',
  comment: 'comment',
  reply: 'reply',
  message: 'message',
};

/** The small mark Spoke shows at the corner of a composer it watches; later it carries the finding counts. */
export function ComposerBadge({ postKind }: { postKind: PostKind }) {
  return (
    <span
      className="spoke-badge"
      role="status"
      data-testid="spoke-badge"
      data-post-kind={postKind}
      title={`Spoke checks this ${KIND_LABEL[postKind]} on your device against your company's guidelines.`}
    >
      <SpokeMark size={14} />
      <span className="spoke-badge__label">Spoke</span>
    </span>
  );
}
