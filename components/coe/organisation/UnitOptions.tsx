import { indented, unitRows } from '@/lib/coe/organisation';
import type { BusinessUnit } from '@/lib/contract/hub-admin';

/**
 * The units as `<option>`s of a select, indented by depth under the CoE root; `exceptRoot` leaves the root out (a
 * select whose empty option stands for it).
 */
export function UnitOptions({ units, exceptRoot = false }: { units: BusinessUnit[]; exceptRoot?: boolean }) {
  return unitRows(units)
    .filter(({ depth }) => !exceptRoot || depth > 0)
    .map(({ unit, depth }) => (
      <option key={unit.id} value={unit.id}>
        {indented(unit.name, exceptRoot ? depth - 1 : depth)}
      </option>
    ));
}
