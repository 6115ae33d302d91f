/**
 * In-page UI lives in a closed shadow root so the page can't read or restyle it. The E2E build
 * (`wxt build --mode e2e`) opens it so Playwright's locators can see inside; this is the only difference.
 */
export const IN_PAGE_SHADOW_MODE: ShadowRootMode = import.meta.env.MODE === 'e2e' ? 'open' : 'closed';
