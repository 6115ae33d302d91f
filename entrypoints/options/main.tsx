import { browser } from 'wxt/browser';
import { OptionsPage } from '@/components/pages/OptionsPage';
import { renderPage } from '@/components/pages/render-page';
import { prepareSidePanelOpener } from '@/lib/browser/side-panel';

const openSidePanel = await prepareSidePanelOpener();

renderPage(
  <OptionsPage
    search={location.search}
    version={browser.runtime.getManifest().version}
    onOpenSidePanel={() => void openSidePanel().catch(() => undefined)}
  />,
);
