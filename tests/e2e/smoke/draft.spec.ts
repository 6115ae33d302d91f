// X on x.com and twitter.com: Draft.js under React 18; inline composer, compose modal in #layers, lazy reply box.
import { smokeSuite } from './behaviours';
import { x } from './variants';

smokeSuite(x);
