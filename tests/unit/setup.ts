// A global in-memory IndexedDB for Dexie; it must load before Dexie captures `indexedDB`.
import 'fake-indexeddb/auto';
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

// Testing Library only cleans up by itself with vitest `globals: true`.
afterEach(() => cleanup());
