import { renderPage } from '@/components/pages/render-page';
import { SidePanelPage } from '@/components/pages/SidePanelPage';

renderPage(<SidePanelPage />);
