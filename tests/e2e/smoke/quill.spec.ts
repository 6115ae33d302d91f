// LinkedIn classic: Quill 1.3.7, the share modal in the #interop-outlet shadow root, a hidden decoy.
import { smokeSuite } from './behaviours';
import { linkedinClassic } from './variants';

smokeSuite(linkedinClassic);
