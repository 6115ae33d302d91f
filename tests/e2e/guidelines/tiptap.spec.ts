// Inline guideline warnings on LinkedIn new stack (Tiptap).
import { linkedinClassic, linkedinNew, x } from '../smoke/variants';
import { guidelineEditorSuite, guidelineSuite } from './behaviours';

const variants = linkedinNew;
guidelineSuite(variants);
guidelineEditorSuite(variants[0] as (typeof variants)[number]);
