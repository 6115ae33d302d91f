// LinkedIn's new stack: Tiptap, the share box in a <dialog> opened with showModal(), a Tiptap comment box.
import { smokeSuite } from './behaviours';
import { linkedinNew } from './variants';

smokeSuite(linkedinNew);
