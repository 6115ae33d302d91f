import { indented, unitRows } from '@/lib/coe/organisation';
import type { BusinessUnit } from '@/lib/contract/hub-admin';

/** The units as `<option>`s of a select, indented by depth under the CoE root. */
export function UnitOptions({ units }: { units: BusinessUnit[] }) {
  return unitRows(units).map(({ unit, depth }) => (
    <option key={unit.id} value={unit.id}>
      {indented(unit.name, depth)}
    </option>
  ));
}
