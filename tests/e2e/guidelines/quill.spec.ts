// Inline guideline warnings on LinkedIn classic (Quill 1.3.7).
import { linkedinClassic, linkedinNew, x } from '../smoke/variants';
import { guidelineEditorSuite, guidelineSuite } from './behaviours';

const variants = linkedinClassic;
guidelineSuite(variants);
guidelineEditorSuite(variants[0] as (typeof variants)[number]);
