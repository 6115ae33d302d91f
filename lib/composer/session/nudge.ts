import { similarity } from '@/lib/guidelines/similarity';
import { readEditorText } from '../text';
import type { SessionCore } from './core';

/** From this similarity to the approved template on, the post reads as a copy. */
const NEAR_COPY = 0.9;

/** Shows the personalisation nudge while the post is a near-copy of the approved text shared into it. */
export function updateNudge(core: SessionCore): void {
  const { template, nudgeClosed } = core.post;
  const nudge = !!template && !nudgeClosed && similarity(core.text.snapshot.text, template) >= NEAR_COPY;
  if (nudge !== core.store.getState().nudge) core.store.setState({ nudge });
}

/** Remembers the approved text just shared into the composer. */
export function sharedTemplate(core: SessionCore, text: string): void {
  core.post.template = text;
  core.post.nudgeClosed = false;
  core.text.snapshot = readEditorText(core.editor);
  updateNudge(core);
}

export function closeNudge(core: SessionCore): void {
  core.post.nudgeClosed = true;
  core.store.setState({ nudge: false });
}
