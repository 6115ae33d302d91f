import { defineContentScript } from 'wxt/utils/define-content-script';
import { startComposerUi } from '@/components/in-page/start-composer-ui';
import { x } from '@/lib/sites/x';

export default defineContentScript({
  matches: [...x.matches],
  main(ctx) {
    void startComposerUi(ctx, x);
  },
});
