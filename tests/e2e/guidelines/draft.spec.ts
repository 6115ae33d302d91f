// Inline guideline warnings on X on x.com and twitter.com (Draft.js).
import { linkedinClassic, linkedinNew, x } from '../smoke/variants';
import { guidelineEditorSuite, guidelineSuite } from './behaviours';

const variants = x;
guidelineSuite(variants);
guidelineEditorSuite(variants[0] as (typeof variants)[number]);
