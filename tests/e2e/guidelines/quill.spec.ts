// Inline guideline warnings on LinkedIn classic (Quill 1.3.7).
import { linkedinClassic } from '../smoke/variants';
import { guidelineEditorSuite, guidelineSuite } from './behaviours';

guidelineSuite(linkedinClassic);
guidelineEditorSuite(linkedinClassic[0] as (typeof linkedinClassic)[number]);
