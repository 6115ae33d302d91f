// Inline guideline warnings on X on x.com and twitter.com (Draft.js).
import { x } from '../smoke/variants';
import { guidelineEditorSuite, guidelineSuite } from './behaviours';

guidelineSuite(x);
guidelineEditorSuite(x[0] as (typeof x)[number]);
