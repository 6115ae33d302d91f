import { serveChecks } from '@/lib/policy/offscreen-checker';

serveChecks();
