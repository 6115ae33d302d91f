import { browser } from 'wxt/browser';
import { PopupPage } from '@/components/pages/PopupPage';
import { renderPage } from '@/components/pages/render-page';
import { prepareSidePanelOpener } from '@/lib/browser/side-panel';

const openSidePanel = await prepareSidePanelOpener();

renderPage(
  <PopupPage
    onOpenSidePanel={() => {
      void openSidePanel().then(() => window.close());
    }}
    onOpenSettings={() => {
      void browser.runtime.openOptionsPage().then(() => window.close());
    }}
  />,
);
