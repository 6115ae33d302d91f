// Inline guideline warnings on LinkedIn new stack (Tiptap).
import { linkedinNew } from '../smoke/variants';
import { guidelineEditorSuite, guidelineSuite } from './behaviours';

guidelineSuite(linkedinNew);
guidelineEditorSuite(linkedinNew[0] as (typeof linkedinNew)[number]);
