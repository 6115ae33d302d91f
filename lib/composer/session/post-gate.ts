import type { SessionCore } from './core';

/** The post was emptied: what the member did with this post's findings, template and confirmation starts over. */
export function resetPost(core: SessionCore): void {
  const { post } = core;
  post.template = null;
  post.nudgeClosed = false;
  post.dismissed.clear();
  post.stats.clear();
  post.postConfirmed = false;
  core.store.setState({ confirmingPost: false, notice: null });
}

function hasCritical(core: SessionCore): boolean {
  return core.store.getState().findings.some((f) => f.severity === 'critical');
}

/** Empowerment: never blocks. With the policy's opt-in, the first Post with a critical finding asks once. */
export function interceptPost(core: SessionCore, event: Event): void {
  if (core.post.confirmBeforePosting && !core.post.postConfirmed && hasCritical(core)) {
    event.preventDefault();
    event.stopImmediatePropagation();
    core.store.setState({ confirmingPost: true, active: null });
    return;
  }
  published(core);
}

/** Reports the post's counts (never its text) and starts counting afresh. */
function published(core: SessionCore): void {
  if (core.text.snapshot.text.trim() === '') return; // nothing to post: the site ignores the click too
  core.deps.onPublished?.([...core.post.stats.values()].map(({ keys: _keys, ...counts }) => counts));
  core.post.stats.clear();
}

/** "Post anyway": clicks Post again, which now passes `interceptPost` and is reported. */
export function postAnyway(core: SessionCore): void {
  core.post.postConfirmed = true;
  core.store.setState({ confirmingPost: false });
  core.composer.postButton()?.click();
}

/** "Review": opens the first critical finding instead of posting. */
export function review(core: SessionCore): void {
  core.store.setState({ confirmingPost: false });
  const first = core.store.getState().findings.findIndex((f) => f.severity === 'critical');
  if (first >= 0) core.store.setState({ active: { index: first, via: 'keyboard' } });
}
