// A compact Aho-Corasick automaton over UTF-16 code units.
//
// Build: keys are sorted, so each insertion only ever follows the most recently created child (no hashing); nodes are
// then renumbered breadth-first so every node's children sit in one contiguous, char-sorted range (CSR layout).
// Search runs on a dense DFA table over a compressed alphabet (the code units that occur in keys, one class each) for
// the shallowest states, so one table load per unit handles almost every step; deeper states and very rare units
// fall back to the sparse trie with failure links. Table entries carry flags, so the hot loop tests one value: OUT
// (some key ends here), SLOW (leave the dense table) and EVENT (the unit is one the caller asked to be told about:
// digits, '#', '@'... so it needs no separate scan of the text).
// Search returns (key, end) pairs and event positions in reusable Int32Arrays: no allocation per hit.

export interface Automaton {
  readonly keys: readonly string[];
  /** Number of nodes (root included). */
  readonly size: number;
  /**
   * Hits as (key index, end offset) pairs in `hits[0 .. 2*count)`, and the offsets of units flagged in `events` (see
   * buildAutomaton) in `events[0 .. eventCount)`, ascending. The buffers are reused by the next call.
   */
  search(text: string): SearchResult;
  /** Search text[from, to) after mapping every code unit through `fold` (for derived normalisation profiles). */
  searchFolded(
    text: string,
    from: number,
    to: number,
    fold: (c: number) => number,
  ): { count: number; hits: Int32Array };
}

interface SearchResult {
  count: number;
  hits: Int32Array;
  eventCount: number;
  events: Int32Array;
}

export interface AutomatonOptions {
  /** The caller guarantees distinct, non-empty keys (skips a dedupe pass). */
  unique?: boolean;
  /** Code units (non-zero entries of a 65,536-entry table) whose offsets search() reports as events. */
  events?: Uint8Array;
  /** For tests: how many states get dense rows (default 8,192). */
  denseStates?: number;
}

// Build-only arrays are reused between builds (compiling a big pack would otherwise churn megabytes of buffers and
// trigger collections); very large builds get fresh ones that are not retained.
interface Scratch {
  cap: number;
  tChar: Uint16Array;
  tFirst: Int32Array;
  tNext: Int32Array;
  tLast: Int32Array;
  tOut: Int32Array;
  order: Int32Array;
  parent: Int32Array;
  depth: Uint8Array;
  rootTable: Int32Array;
  freq: Int32Array;
}
const SCRATCH_MAX = 1 << 20;
// Dense transition table: CLASSES columns per state, for at most DENSE_STATES states (2 MB; more rows cost build
// time and cache misses for little: the text rarely walks deeper than the first few thousand states).
const CLASSES = 64;
const RARE = CLASSES - 1;
const EVENT_CLASS = 1; // units in no key that are events
const FIRST_CLASS = 2;
const SHIFT = 6; // entries are (target << SHIFT) | flags = target's row offset | flags
const OUT = 1;
const SLOW = 2;
const EVENT = 4;
const FLAGS = 7;
const DENSE_STATES = 8192;
const BUILD_DENSE = 1024;
const NO_EVENTS = new Uint8Array(65536);
// A class table with EVENT_CLASS for every event unit, per events table (packs share a few of those): copied, not
// rebuilt, by each automaton.
const eventClassTemplates = new WeakMap<Uint8Array, Uint8Array>();
function eventClasses(evt: Uint8Array): Uint8Array {
  let t = eventClassTemplates.get(evt);
  if (!t) {
    t = new Uint8Array(65536);
    for (let c = 0; c < 65536; c++) if (evt[c]) t[c] = EVENT_CLASS;
    eventClassTemplates.set(evt, t);
  }
  return t.slice();
}
let shared: Scratch | null = null;
function makeScratch(cap: number): Scratch {
  return {
    cap,
    tChar: new Uint16Array(cap),
    tFirst: new Int32Array(cap),
    tNext: new Int32Array(cap),
    tLast: new Int32Array(cap),
    tOut: new Int32Array(cap),
    order: new Int32Array(cap),
    parent: new Int32Array(cap),
    depth: new Uint8Array(cap),
    rootTable: new Int32Array(65536),
    freq: new Int32Array(65536),
  };
}
function scratchFor(total: number): Scratch {
  if (total > SCRATCH_MAX) return makeScratch(total);
  if (!shared || shared.cap < total)
    shared = makeScratch(Math.min(SCRATCH_MAX, Math.max(total, (shared?.cap ?? 0) * 2, 4096)));
  return shared;
}

/** `unique` (or `options.unique`): the caller guarantees distinct, non-empty keys (skips a dedupe pass). */
export function buildAutomaton(
  input: readonly string[],
  uniqueOrOptions: boolean | AutomatonOptions = false,
): Automaton {
  const opts = typeof uniqueOrOptions === 'boolean' ? { unique: uniqueOrOptions } : uniqueOrOptions;
  const keys = opts.unique ? input.slice().sort() : [...new Set(input.filter((k) => k.length > 0))].sort();
  const evt = opts.events ?? NO_EVENTS;
  const hasEvents = opts.events !== undefined;
  let total = 1;
  for (const k of keys) total += k.length;

  // --- trie in insertion order
  const sc = scratchFor(total);
  const tChar = sc.tChar;
  const tFirst = sc.tFirst; // first child (0 = none)
  const tNext = sc.tNext; // next sibling
  const tLast = sc.tLast; // last child
  const tOut = sc.tOut;
  const rootTable = sc.rootTable; // trie ids of root children
  tFirst.fill(0, 0, total);
  tNext.fill(0, 0, total);
  tLast.fill(0, 0, total);
  tOut.fill(-1, 0, total);
  rootTable.fill(0);
  let nodes = 1;
  for (let k = 0; k < keys.length; k++) {
    const key = keys[k] as string;
    let u = 0;
    for (let i = 0; i < key.length; i++) {
      const c = key.charCodeAt(i);
      let v = 0;
      if (u === 0) v = rootTable[c] as number;
      else {
        const last = tLast[u] as number;
        if (last !== 0 && tChar[last] === c) v = last;
      }
      if (v === 0) {
        v = nodes++;
        tChar[v] = c;
        if (u === 0) rootTable[c] = v;
        if (tFirst[u] === 0) tFirst[u] = v;
        else tNext[tLast[u] as number] = v;
        tLast[u] = v;
      }
      u = v;
    }
    tOut[u] = k;
  }

  // --- BFS renumbering: children of each node become contiguous
  const order = sc.order; // new id → trie id
  const cstart = new Int32Array(nodes);
  const ccount = new Int32Array(nodes);
  const parent = sc.parent;
  parent[0] = 0;
  let head = 0;
  let tail = 1;
  order[0] = 0;
  // root children in char order
  {
    let first = true;
    for (let v = tFirst[0] as number; v !== 0; v = tNext[v] as number) {
      if (first) {
        cstart[0] = tail;
        first = false;
      }
      order[tail] = v;
      parent[tail] = 0;
      tail++;
      ccount[0] = (ccount[0] as number) + 1;
    }
  }
  head = 1;
  while (head < tail) {
    const nu = head++;
    const u = order[nu] as number;
    cstart[nu] = tail;
    for (let v = tFirst[u] as number; v !== 0; v = tNext[v] as number) {
      order[tail] = v;
      parent[tail] = nu;
      tail++;
      ccount[nu] = (ccount[nu] as number) + 1;
    }
  }
  // root children are not all in char order in the sibling list? They are: keys are sorted, so root children are
  // created in ascending order too.
  const chars = new Uint16Array(nodes);
  const outKey = new Int32Array(nodes).fill(-1);
  for (let n = 1; n < nodes; n++) {
    const t = order[n] as number;
    chars[n] = tChar[t] as number;
    outKey[n] = tOut[t] as number;
  }
  // (the root's children are found by binary search too: only the build and RARE units ask)
  const child = (u: number, c: number): number => {
    const a = cstart[u] as number;
    const cnt = ccount[u] as number;
    if (cnt <= 8) {
      for (let e = a; e < a + cnt; e++) {
        const ch = chars[e] as number;
        if (ch === c) return e;
        if (ch > c) return 0;
      }
      return 0;
    }
    let lo = a;
    let hi = a + cnt - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const ch = chars[mid] as number;
      if (ch === c) return mid;
      if (ch < c) lo = mid + 1;
      else hi = mid - 1;
    }
    return 0;
  };

  // --- alphabet: the code units that occur in keys get small class numbers (most frequent first); every other
  // unit is class 0 (always back to the root), or class EVENT_CLASS when it is an event. Beyond the available
  // classes the rarest key units share class RARE, which the dense table cannot resolve (slow step).
  const freqOf = sc.freq;
  freqOf.fill(0);
  const alphabet: number[] = [];
  for (let n = 1; n < nodes; n++) {
    const c = chars[n] as number;
    const f = freqOf[c] as number;
    if (f === 0) alphabet.push(c);
    freqOf[c] = f + 1;
  }
  const cls = hasEvents ? eventClasses(evt) : new Uint8Array(65536);
  alphabet.sort((x, y) => (freqOf[y] as number) - (freqOf[x] as number) || x - y);
  for (let k = 0; k < alphabet.length; k++) {
    cls[alphabet[k] as number] = k + FIRST_CLASS < RARE ? k + FIRST_CLASS : RARE;
  }
  const classChar = new Int32Array(CLASSES).fill(-1);
  for (const c of alphabet) if ((cls[c] as number) !== RARE) classChar[cls[c] as number] = c;
  const classEvent = new Uint8Array(CLASSES);
  classEvent[EVENT_CLASS] = 1;
  for (const c of alphabet) if (evt[c] && (cls[c] as number) !== RARE) classEvent[cls[c] as number] = 1;

  // --- failure links, output links and the dense table. BFS order puts the shallow states first, so "dense" is
  // simply "id < rows". Row n holds, per class, (target << SHIFT) | flags.
  const denseStates = Math.max(1, opts.denseStates ?? DENSE_STATES);
  const rows = Math.min(nodes, denseStates);
  const table = new Int32Array(rows * CLASSES);
  const fail = new Int32Array(nodes);
  const outFirst = new Int32Array(nodes); // first node with an output on the fail chain (self included), 0 = none
  const outNext = new Int32Array(nodes); // next node with an output on the fail chain, 0 = none
  // Sparse step from any state (used to build, for deep states and for RARE units).
  // `dense`: how many rows it may read (the build reads only the first few: random reads all over a big table miss
  // the cache more often than the sparse trie costs).
  const step = (state: number, c: number, dense = rows): number => {
    const k = cls[c] as number;
    if (k === 0 || k === EVENT_CLASS) return 0;
    let st = state;
    for (;;) {
      if (st < dense && k !== RARE) return (table[(st << SHIFT) | k] as number) >>> SHIFT;
      const nx = child(st, c);
      if (nx !== 0) return nx;
      if (st === 0) return 0;
      st = fail[st] as number;
    }
  };
  // One pass in BFS order computes failure links and output chains, and fills each dense row as soon as all its
  // children have their outputs known (so entries get their flags right away): a row copies its fail state's row
  // (built already: fail states are shallower) and overrides its own children. A failure link of a depth-d node
  // needs only rows of depth <= d-2, which are complete by then. OUT: a key ends at the target; SLOW: the target has
  // no dense row, or the unit is RARE (payload 0); EVENT: the unit is an event.
  const nodeFlags = (t: number): number => ((outFirst[t] as number) !== 0 ? OUT : 0) | (t >= rows ? SLOW : 0);
  const buildRow = (r: number): void => {
    const base = r << SHIFT;
    if (r === 0) {
      table[EVENT_CLASS] = EVENT;
      for (let k = FIRST_CLASS; k < RARE; k++) {
        const c = classChar[k] as number;
        if (c < 0) continue;
        const t = child(0, c);
        table[k] = (t << SHIFT) | nodeFlags(t) | (classEvent[k] === 1 ? EVENT : 0);
      }
      table[RARE] = SLOW;
    } else {
      const from = (fail[r] as number) << SHIFT;
      table.copyWithin(base, from, from + CLASSES);
    }
    for (let e = cstart[r] as number, end = e + (ccount[r] as number); e < end; e++) {
      const k = cls[chars[e] as number] as number;
      if (k !== RARE) table[base + k] = (e << SHIFT) | nodeFlags(e) | (classEvent[k] === 1 ? EVENT : 0);
    }
  };
  const buildDense = Math.min(rows, BUILD_DENSE);
  let built = 0;
  for (let n = 1; n < nodes; n++) {
    while (built < rows && (cstart[built] as number) + (ccount[built] as number) <= n) buildRow(built++);
    const p = parent[n] as number;
    const f = p === 0 ? 0 : step(fail[p] as number, chars[n] as number, buildDense);
    fail[n] = f;
    outNext[n] = outFirst[f] as number;
    outFirst[n] = (outKey[n] as number) >= 0 ? n : (outFirst[f] as number);
  }
  while (built < rows) buildRow(built++);

  let hitBuf: Int32Array = new Int32Array(256);
  let eventBuf: Int32Array = new Int32Array(64);
  const result: SearchResult = { count: 0, hits: hitBuf, eventCount: 0, events: eventBuf };
  const growHits = (): Int32Array => {
    const nb = new Int32Array(hitBuf.length * 2);
    nb.set(hitBuf);
    hitBuf = nb;
    return nb;
  };
  const growEvents = (): Int32Array => {
    const nb = new Int32Array(eventBuf.length * 2);
    nb.set(eventBuf);
    eventBuf = nb;
    return nb;
  };

  const search = (text: string): SearchResult => {
    // Locals, not closure slots, in the hot loop.
    const tb = table;
    const cl = cls;
    const of = outFirst;
    const ok = outKey;
    const on = outNext;
    let count = 0;
    let evCount = 0;
    let s = 0; // row offset of the current (dense) state
    const n = text.length;
    let buf: Int32Array = hitBuf;
    let ev: Int32Array = eventBuf;
    for (let i = 0; i < n; i++) {
      const e = tb[s + (cl[text.charCodeAt(i)] as number)] as number;
      if ((e & FLAGS) === 0) {
        s = e;
        continue;
      }
      if (e & EVENT) {
        if (evCount === ev.length) ev = growEvents();
        ev[evCount++] = i;
        if ((e & (OUT | SLOW)) === 0) {
          s = e & ~FLAGS;
          continue;
        }
      }
      let st = e >>> SHIFT;
      if (st === 0) {
        // a RARE unit
        const c = text.charCodeAt(i);
        if (evt[c]) {
          if (evCount === ev.length) ev = growEvents();
          ev[evCount++] = i;
        }
        st = step(s >>> SHIFT, c);
      }
      for (;;) {
        for (let t = of[st] as number; t !== 0; t = on[t] as number) {
          if (count * 2 + 2 > buf.length) buf = growHits();
          buf[count * 2] = ok[t] as number;
          buf[count * 2 + 1] = i + 1;
          count++;
        }
        if (st < rows || i + 1 >= n) break;
        // a deep state: step sparsely until the automaton is back in the dense rows
        i++;
        const c = text.charCodeAt(i);
        if (evt[c]) {
          if (evCount === ev.length) ev = growEvents();
          ev[evCount++] = i;
        }
        st = step(st, c);
      }
      s = st < rows ? st << SHIFT : 0;
    }
    result.count = count;
    result.hits = buf;
    result.eventCount = evCount;
    result.events = ev;
    return result;
  };

  const searchFolded = (text: string, from: number, to: number, fold: (c: number) => number) => {
    let count = 0;
    let s = 0;
    let buf: Int32Array = hitBuf;
    for (let i = from; i < to; i++) {
      s = step(s, fold(text.charCodeAt(i)));
      for (let t = outFirst[s] as number; t !== 0; t = outNext[t] as number) {
        if (count * 2 + 2 > buf.length) buf = growHits();
        buf[count * 2] = outKey[t] as number;
        buf[count * 2 + 1] = i + 1;
        count++;
      }
    }
    return { count, hits: buf };
  };

  return { keys, size: nodes, search, searchFolded };
}
