import { OptionsPage } from '@/components/pages/OptionsPage';
import { renderPage } from '@/components/pages/render-page';

renderPage(<OptionsPage search={location.search} />);
