// Moved to components/ui; this re-export keeps components/in-page/ComposerBadge.tsx building until it imports
// '../ui/SpokeMark' itself (in-page belongs to another change), after which this file goes.
export { SpokeMark } from './ui/SpokeMark';
