import { defineContentScript } from 'wxt/utils/define-content-script';
import { mountComposerUi } from '@/components/in-page/mount-composer-ui';
import { startContent } from '@/lib/content/start';
import { x } from '@/lib/sites/x';

export default defineContentScript({
  matches: [...x.matches],
  main(ctx) {
    void startContent(ctx, x, mountComposerUi);
  },
});
