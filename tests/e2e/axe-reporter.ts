// Prints the accessibility totals of the run as its last line (capture() wrote one result per state).
import type { Reporter } from '@playwright/test/reporter';
import { axeTotals, axeTotalsLine, readAxeResults } from './axe-results';

export default class AxeReporter implements Reporter {
  printsToStdio(): boolean {
    return true;
  }

  onEnd(): void {
    const totals = axeTotals(readAxeResults());
    for (const line of totals.blocking) console.log(`  axe ✘ ${line}`);
    console.log(axeTotalsLine(totals));
  }
}
