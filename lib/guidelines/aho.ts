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
  search(text: string): { count: number; hits: Int32Array };
}

const EMPTY: Automaton = {
  keys: [],
  size: 1,
  search: () => ({ count: 0, hits: new Int32Array(0) }),
};

export function buildAutomaton(input: readonly string[]): Automaton {
  const keys = [...new Set(input.filter((k) => k.length > 0))].sort();
  if (keys.length === 0) return EMPTY;
  let total = 1;
  for (const k of keys) total += k.length;

  // --- trie in insertion order
  const tChar = new Uint16Array(total);
  const tFirst = new Int32Array(total); // first child (0 = none)
  const tNext = new Int32Array(total); // next sibling
  const tLast = new Int32Array(total); // last child
  const tOut = new Int32Array(total).fill(-1);
  const rootTable = new Int32Array(65536); // trie ids of root children
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
  const order = new Int32Array(nodes); // new id → trie id
  const newId = new Int32Array(nodes);
  const cstart = new Int32Array(nodes);
  const ccount = new Int32Array(nodes);
  const parent = new Int32Array(nodes);
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
      newId[v] = tail;
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
      newId[v] = tail;
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

  // --- failure and output links, in BFS order
  const fail = new Int32Array(nodes);
  const outFirst = new Int32Array(nodes); // first node with an output on the fail chain (self included), 0 = none
  const outNext = new Int32Array(nodes); // next node with an output on the fail chain, 0 = none
  for (let n = 1; n < nodes; n++) {
    const p = parent[n] as number;
    const c = chars[n] as number;
    let f = 0;
    if (p !== 0) {
      let x = fail[p] as number;
      for (;;) {
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
  }

  let hitBuf = new Int32Array(256);
  const search = (text: string) => {
    let count = 0;
    let s = 0;
    const n = text.length;
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      for (;;) {
        if (s === 0) {
          s = root[c] as number;
          break;
        }
        const a = cstart[s] as number;
        const cnt = ccount[s] as number;
        let nx = 0;
        if (cnt <= 8) {
          for (let e = a; e < a + cnt; e++) {
            const ch = chars[e] as number;
            if (ch === c) {
              nx = e;
              break;
            }
            if (ch > c) break;
          }
        } else nx = child(s, c);
        if (nx !== 0) {
          s = nx;
          break;
        }
        s = fail[s] as number;
      }
      let t = outFirst[s] as number;
      while (t !== 0) {
        if (count * 2 + 2 > hitBuf.length) {
          const nb = new Int32Array(hitBuf.length * 2);
          nb.set(hitBuf);
          hitBuf = nb;
        }
        hitBuf[count * 2] = outKey[t] as number;
        hitBuf[count * 2 + 1] = i + 1;
        count++;
        t = outNext[t] as number;
      }
    }
    return { count, hits: hitBuf };
  };

  return { keys, size: nodes, search };
}
