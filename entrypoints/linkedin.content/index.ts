import { defineContentScript } from 'wxt/utils/define-content-script';
import { startComposerUi } from '@/components/in-page/start-composer-ui';
import { linkedin } from '@/lib/sites/linkedin';

export default defineContentScript({
  matches: [...linkedin.matches],
  main(ctx) {
    void startComposerUi(ctx, linkedin);
  },
});
