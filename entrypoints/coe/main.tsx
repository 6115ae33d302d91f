import { CoePage } from '@/components/pages/CoePage';
import { renderPage } from '@/components/pages/render-page';

renderPage(<CoePage />);
