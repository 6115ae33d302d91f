// LinkedIn's article editor is left alone on purpose (lib/sites/linkedin.ts, `leftAlone`): Spoke marks it with a
// quiet note saying articles are not checked, and underlines nothing there; the post that shares the article, in
// the publishing step, is checked like any other post. In two UI languages: Spoke reads none of the page's words.

import { capture } from '../capture';
import { expect, test } from '../harness';
import { LINKEDIN_STRINGS } from '../sites/linkedin/strings';
import { HOST, underlined } from './page-helpers';
import { PROFANITY } from './phrases';

const ARTICLE_EDITOR = 'https://www.linkedin.com/article/new/';
const BODY = '[data-test-article-editor-content-textbox]';

for (const lang of ['en', 'ja'] as const) {
  const strings = LINKEDIN_STRINGS[lang];

  test(`article editor (${lang}): a note says articles are not checked, and nothing there is underlined`, async ({
    page,
  }) => {
    await page.goto(lang === 'en' ? ARTICLE_EDITOR : `${ARTICLE_EDITOR}?lang=${lang}`);
    const article = page.locator(`${HOST}[data-spoke-composer="linkedin-article"]`);
    const note = article.getByRole('note', { name: /^Spoke: Articles are not checked\./ });
    await expect(note).toBeVisible();
    await expect(note).toHaveText('Articles are not checked');
    await expect(note).toHaveAttribute('title', /does not check LinkedIn articles.*post that shares your article/);
    // A note, not a checker: no badge, no count, nothing to open.
    await expect(article.getByTestId('spoke-badge')).toHaveCount(0);

    await page.locator(BODY).click();
    await page.keyboard.type(PROFANITY.typed);
    await expect(page.locator(BODY)).toHaveText(PROFANITY.typed);
    await capture(page, `article-left-alone-${lang}`);

    // The publishing step's post is checked: its finding is underlined, and the article's "damn" never is.
    await page.getByRole('button', { name: strings.next, exact: true }).click();
    const share = page.locator('[data-test-modal-id="sharebox"] .ql-editor');
    await expect(share).toBeFocused();
    await page.keyboard.type('We need more manpower');
    const shareUi = page.locator(`${HOST}[data-spoke-composer="linkedin-classic-share"]`);
    await expect(shareUi.getByTestId('spoke-badge')).toHaveText('1 tip');
    await expect.poll(() => underlined(page)).toEqual(['manpower']);
    await expect(note).toBeVisible();
  });
}
