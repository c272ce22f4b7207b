// Assignment operators (Metadata API FlowAssignmentOperator; Help "Flow Operators in Assignment Elements"):
// Assign, Add (number +, text appended, days added to a date, item added to a collection), Subtract, AddItem,
// AddAtStart, RemoveFirst, RemoveAll, RemoveAfterFirst, RemoveBeforeFirst, RemoveUncommon, RemovePosition,
// AssignCount. An unknown operand makes the result unknown.
import { describe, isUnknown, unknown, type Value } from './values';

const DAY_MS = 86_400_000;

export function applyAssignment(current: Value, operator: string, value: Value, target: string, declaredType?: string): Value {
  if (operator === 'Assign') return value;
  if (isUnknown(value)) return value;
  if (isUnknown(current)) return current;
  const list = Array.isArray(current) ? current : undefined;
  switch (operator) {
    case 'Add':
      if (list) return [...list, ...(Array.isArray(value) ? value : [value])];
      return add(current, value, 1, target, declaredType);
    case 'Subtract':
      return add(current, value, -1, target, declaredType);
    case 'AddItem':
      return list ? [...list, value] : current === null ? [value] : unknown(`${target} is not a collection`);
    case 'AddAtStart':
      return list ? [...(Array.isArray(value) ? value : [value]), ...list] : current === null ? [value] : unknown(`${target} is not a collection`);
    case 'AssignCount':
      return Array.isArray(value) ? value.length : value === null ? 0 : unknown(`the count of ${describe(value)} is not evaluated here`);
    default:
      break;
  }
  if (!list) return unknown(`${operator} needs a collection and ${target} is ${describe(current)}`);
  const same = (x: unknown) => JSON.stringify(x) === JSON.stringify(value);
  const first = list.findIndex(same);
  switch (operator) {
    case 'RemoveAll':
      return Array.isArray(value) ? list.filter((x) => !value.some((v) => JSON.stringify(v) === JSON.stringify(x))) : list.filter((x) => !same(x));
    case 'RemoveFirst':
      return first < 0 ? list : [...list.slice(0, first), ...list.slice(first + 1)];
    case 'RemoveAfterFirst':
      return first < 0 ? list : list.slice(0, first + 1);
    case 'RemoveBeforeFirst':
      return first < 0 ? list : list.slice(first);
    case 'RemoveUncommon':
      return Array.isArray(value) ? list.filter((x) => value.some((v) => JSON.stringify(v) === JSON.stringify(x))) : unknown('RemoveUncommon needs a collection to compare with');
    case 'RemovePosition': {
      const n = typeof value === 'number' ? value : Number(value);
      return Number.isInteger(n) && n >= 1 && n <= list.length ? [...list.slice(0, n - 1), ...list.slice(n)] : list;
    }
    default:
      return unknown(`the ${operator} operator is not evaluated here`);
  }
}

function add(current: Value, value: Value, sign: 1 | -1, target: string, declaredType?: string): Value {
  if (typeof current === 'string' && (declaredType === 'Date' || declaredType === 'DateTime') && typeof value === 'number') {
    const t = Date.parse(current);
    if (Number.isNaN(t)) return unknown(`${target} holds ${describe(current)}, not a date`);
    const moved = new Date(t + sign * value * DAY_MS).toISOString();
    return declaredType === 'Date' ? moved.slice(0, 10) : moved;
  }
  // What Add/Subtract make of an empty (null) variable is not documented: unknown rather than a guess.
  if (current === null) return unknown(`${target} is empty (null); what ${sign === 1 ? 'Add' : 'Subtract'} makes of it is not documented`);
  if (sign === 1 && typeof current === 'string') return current + (value === null ? '' : String(value));
  if (typeof current === 'number' && typeof value === 'number') return current + sign * value;
  return unknown(`${sign === 1 ? 'adding' : 'subtracting'} ${describe(value)} ${sign === 1 ? 'to' : 'from'} ${target} (${describe(current)}) is not evaluated here`);
}
