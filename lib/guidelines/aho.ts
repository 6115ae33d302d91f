// A compact Aho-Corasick automaton over UTF-16 code units.
//
// Build: keys are sorted, so each insertion only ever follows the most recently created child (no hashing); nodes are
// then renumbered breadth-first so every node's children sit in one contiguous, char-sorted range (CSR layout).
// The root has a dense 65,536-entry table; other nodes use a linear or binary search over their few children.
// Search returns (key, end) pairs in a reusable Int32Array: no allocation per hit.

export interface Automaton {
  readonly keys: readonly string[];
  /** Number of nodes (root included). */
  readonly size: number;
  /** Hits as (key index, end offset) pairs in `hits[0 .. 2*count)`. The buffer is reused by the next call. */
  search(text: string): { count: number; hits: Int32Array };
  /** Search text[from, to) after mapping every code unit through `fold` (for derived normalisation profiles). */
  searchFolded(
    text: string,
    from: number,
    to: number,
    fold: (c: number) => number,
  ): { count: number; hits: Int32Array };
}

const EMPTY: Automaton = {
  keys: [],
  size: 1,
  search: () => ({ count: 0, hits: new Int32Array(0) }),
  searchFolded: () => ({ count: 0, hits: new Int32Array(0) }),
};

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
}
const SCRATCH_MAX = 1 << 20;
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
  };
}
function scratchFor(total: number): Scratch {
  if (total > SCRATCH_MAX) return makeScratch(total);
  if (!shared || shared.cap < total)
    shared = makeScratch(Math.min(SCRATCH_MAX, Math.max(total, (shared?.cap ?? 0) * 2, 4096)));
  return shared;
}

/** `unique`: the caller guarantees distinct, non-empty keys (skips a dedupe pass). */
export function buildAutomaton(input: readonly string[], unique = false): Automaton {
  const keys = unique ? input.slice().sort() : [...new Set(input.filter((k) => k.length > 0))].sort();
  if (keys.length === 0) return EMPTY;
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
  const root = new Int32Array(65536);
  for (let n = cstart[0] as number, e = n + (ccount[0] as number); n < e; n++) root[chars[n] as number] = n;

  const child = (u: number, c: number): number => {
    if (u === 0) return root[c] as number;
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

  // --- failure links, output links and dense DFA rows (ASCII) for the shallow states, in one BFS-order pass.
  // BFS order puts the shallow states first, so "dense" is simply "id < rows". A dense row is the full DFA
  // transition (failures resolved), which also makes most failure-link computations a single lookup.
  const depth = sc.depth;
  depth[0] = 0;
  for (let n = 1; n < nodes; n++) depth[n] = Math.min(255, (depth[parent[n] as number] as number) + 1);
  let rows = 0;
  while (rows < nodes && rows < 8192 && (depth[rows] as number) <= 2) rows++;
  const dense = new Int32Array(rows * 128);
  const fail = new Int32Array(nodes);
  const outFirst = new Int32Array(nodes); // first node with an output on the fail chain (self included), 0 = none
  const outNext = new Int32Array(nodes); // next node with an output on the fail chain, 0 = none
  for (let c = 0; c < 128; c++) dense[c] = root[c] as number;
  for (let n = 1; n < nodes; n++) {
    const p = parent[n] as number;
    const c = chars[n] as number;
    let f = 0;
    if (p !== 0) {
      let x = fail[p] as number;
      for (;;) {
        if (x < rows && c < 128) {
          f = dense[(x << 7) | c] as number;
          break;
        }
        const y = child(x, c);
        if (y !== 0) {
          f = y;
          break;
        }
        if (x === 0) break;
        x = fail[x] as number;
      }
    }
    fail[n] = f;
    outNext[n] = outFirst[f] as number;
    outFirst[n] = (outKey[n] as number) >= 0 ? n : (outFirst[f] as number);
    if (n < rows) {
      const base = n << 7;
      dense.copyWithin(base, f << 7, (f << 7) + 128);
      for (let e = cstart[n] as number, end = e + (ccount[n] as number); e < end; e++) {
        const ch = chars[e] as number;
        if (ch < 128) dense[base | ch] = e;
      }
    }
  }

  let hitBuf = new Int32Array(256);

  // Slow step for deep states or non-ASCII characters.
  const step = (state: number, c: number): number => {
    let st = state;
    for (;;) {
      if (st < rows && c < 128) return dense[(st << 7) | c] as number;
      if (st === 0) return root[c] as number;
      const nx = child(st, c);
      if (nx !== 0) return nx;
      st = fail[st] as number;
    }
  };

  const search = (text: string) => {
    // Locals, not closure slots, in the hot loop.
    const dn = dense;
    const rt = root;
    const of = outFirst;
    const ok = outKey;
    const on = outNext;
    const r = rows;
    let count = 0;
    let s = 0;
    const n = text.length;
    let buf = hitBuf;
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c < 128 && s < r) s = dn[(s << 7) | c] as number;
      else if (s === 0) s = rt[c] as number;
      else s = step(s, c);
      let t = of[s] as number;
      if (t === 0) continue;
      do {
        if (count * 2 + 2 > buf.length) {
          const nb = new Int32Array(buf.length * 2);
          nb.set(buf);
          buf = nb;
          hitBuf = nb;
        }
        buf[count * 2] = ok[t] as number;
        buf[count * 2 + 1] = i + 1;
        count++;
        t = on[t] as number;
      } while (t !== 0);
    }
    return { count, hits: buf };
  };

  const searchFolded = (text: string, from: number, to: number, fold: (c: number) => number) => {
    let count = 0;
    let s = 0;
    let buf = hitBuf;
    for (let i = from; i < to; i++) {
      const c = fold(text.charCodeAt(i));
      s = step(s, c);
      let t = outFirst[s] as number;
      while (t !== 0) {
        if (count * 2 + 2 > buf.length) {
          const nb = new Int32Array(buf.length * 2);
          nb.set(buf);
          buf = nb;
          hitBuf = nb;
        }
        buf[count * 2] = outKey[t] as number;
        buf[count * 2 + 1] = i + 1;
        count++;
        t = outNext[t] as number;
      }
    }
    return { count, hits: buf };
  };

  return { keys, size: nodes, search, searchFolded };
}
