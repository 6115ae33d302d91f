/**
 * In-page UI lives in a closed shadow root so the page can't read or restyle it. The E2E build
 * (`WXT_E2E=1 wxt build`) opens it so Playwright's locators can see inside; this is the only difference.
 */
export const IN_PAGE_SHADOW_MODE: ShadowRootMode = import.meta.env.WXT_E2E === '1' ? 'open' : 'closed';
