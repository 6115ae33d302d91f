import { ReachPage } from '@/components/pages/ReachPage';
import { renderPage } from '@/components/pages/render-page';

renderPage(<ReachPage />);
