import { defineContentScript } from 'wxt/utils/define-content-script';
import { mountComposerUi, mountLeftAloneNote } from '@/components/in-page/mount-composer-ui';
import { startContent } from '@/lib/content/start';
import { linkedin } from '@/lib/sites/linkedin';

export default defineContentScript({
  matches: [...linkedin.matches],
  main(ctx) {
    void startContent(ctx, linkedin, mountComposerUi, mountLeftAloneNote);
  },
});
