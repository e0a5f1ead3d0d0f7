// Search, run entirely in the reader's browser: nothing is sent anywhere.
// The generator's index (generator/search) is a set of small script files,
// each a call rgSearch(key, data), so it loads from file:// and under
// script-src 'self' alike. A query loads search/LANG/manifest.js, the
// shards of its words and the fragments of the results it shows.
// Words are normalised here exactly as the build does (Words, Normalize);
// stems are looked up in the index, never computed.
(() => {
  'use strict';
  const doc = document;
  const cur = doc.currentScript;
  const root = cur ? cur.src.replace(/[^/]*$/, '') : '';
  const lang = doc.documentElement.lang || 'en';
  const dir = root + 'search/' + lang + '/';
  const A = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_';
  const WORD = /[\p{L}\p{N}\p{M}]+(?:['’][\p{L}\p{N}\p{M}]+)*/gu;
  const MAXWORDS = 8;
  const TITLE = 20; // what a word in a page's title adds to every section of the page
  const waiting = {};
  const files = {};
  const shards = {}; // loaded shards, by number
  let manifest;

  // Registration: every index file calls this with its key.
  const reg = (window.rgSearch = (key, data) => {
    const ok = waiting[key];
    delete waiting[key];
    if (ok) ok(data);
  });

  // load returns a promise of the data of the index file key, at path.
  const load = (key, path) =>
    files[key] ||
    (files[key] = new Promise((ok, fail) => {
      const s = doc.createElement('script');
      waiting[key] = ok;
      s.src = dir + path + '.js';
      s.onload = s.onerror = () => {
        s.remove();
        if (waiting[key]) {
          delete waiting[key];
          delete files[key];
          fail(new Error('search: cannot load ' + path));
        }
      };
      doc.head.append(s);
    }));

  // norm is Normalize in generator/search/text.go.
  const norm = (w) =>
    w
      .normalize('NFKC')
      .toLowerCase()
      .replace(/ß/g, 'ss')
      .replace(/ς/g, 'σ')
      .replace(/[أإآٱ]/g, 'ا')
      .replace(/ى/g, 'ي')
      .replace(/ة/g, 'ه')
      .replace(/[\u064B-\u0655\u0670\u0640]/g, '')
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .normalize('NFC')
      .replace(/[łøđıħ]/g, (c) => 'lodih'['łøđıħ'.indexOf(c)])
      .normalize('NFC')
      .replace(/’/g, "'")
      .replace(/'s$/, '')
      .replace(/'/g, '');

  // parse is ParseQuery in generator/search/query.go: the distinct words,
  // and whether the last one is still being typed.
  const parse = (q, typing) => {
    const w = [];
    for (const m of q.normalize('NFKC').matchAll(WORD)) {
      const k = norm(m[0]);
      if (k && !w.includes(k)) w.push(k);
    }
    return { w: w.slice(0, MAXWORDS), p: typing && /[^\s]$/.test(q) };
  };

  const getManifest = () =>
    (manifest = manifest || load(lang + '/m', 'manifest').then((m) => {
      let prev = '';
      m.seps = m.s.split(' ').map((e) => (prev = prev.slice(0, A.indexOf(e[0])) + e.slice(1)));
      return m;
    }));

  // shardOf: the last shard whose separator is <= w.
  const shardOf = (m, w) => {
    let lo = 0;
    let hi = m.seps.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (m.seps[mid] <= w) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };

  const shard = (m, i) =>
    load(lang + '/s/' + i, m.h + '/s/' + i).then((list) => {
      if (!list.k) list.k = new Map(list.map((e) => [e[0], e]));
      return (shards[i] = list);
    });

  const entry = async (m, key) => (await shard(m, shardOf(m, key))).k.get(key);

  // stems resolves a key to the stem entries it stands for.
  const stems = async (m, key) => {
    const e = await entry(m, key);
    if (!e) return [];
    if (typeof e[1] == 'string') return [await entry(m, e[1])].filter(Boolean);
    const out = [e];
    if (e[6]) out.push(await entry(m, e[6]));
    return out.filter(Boolean);
  };

  // expand is Index.expand in generator/search/rank.go: the stems of the
  // keys that begin with w, the word being typed, from at most 3 shards;
  // the 10 most frequent of those stems stored in these shards, then
  // others in key order.
  const expand = async (m, w, exact) => {
    if (w.length < 2) return [];
    const first = shardOf(m, w);
    const last = Math.min(shardOf(m, w + '\uffff'), first + 2);
    const keys = new Set();
    const known = new Map();
    for (let i = first; i <= last; i++) {
      for (const e of await shard(m, i)) {
        if (typeof e[1] != 'string') known.set(e[0], e);
        if (e[0] > w && e[0].startsWith(w)) keys.add(typeof e[1] == 'string' ? e[1] : e[0]);
      }
    }
    for (const e of exact) keys.delete(e[0]);
    const found = [...keys].map((k) => known.get(k) || [k, 0, 0]);
    found.sort((a, b) => b[2] - a[2] || (a[0] < b[0] ? -1 : 1));
    const out = [];
    for (const e of found.slice(0, 10)) out.push(e[2] ? e : await entry(m, e[0]));
    return out.filter(Boolean);
  };

  // decode is DecodePostings: [page, target, weight, title count] each.
  const decode = (s) => {
    const out = [];
    let i = 0;
    let page = 0;
    const num = () => {
      let n = 0;
      let d;
      do {
        d = A.indexOf(s[i++]);
        n = n * 32 + (d & 31);
      } while (d > 31);
      return n;
    };
    while (i < s.length) {
      page += num();
      const t = num();
      out.push([page, t, A.indexOf(s[i++]), t ? 0 : A.indexOf(s[i++])]);
    }
    return out;
  };
  const postings = {}; // by stem: decoded first tier, plus the tail once loaded

  const list = (e) => postings[e[0]] || (postings[e[0]] = decode(e[3]));

  // search runs one query: it returns the ranked pages, best first, each
  // [page, target, score, words matched, exact title], and what to mark.
  const search = async (q, typing, tails) => {
    const m = await getManifest();
    const { w, p } = parse(q, typing);
    const words = await Promise.all(
      w.map(async (k, i) => {
        const exact = await stems(m, k);
        const more = p && i == w.length - 1 ? await expand(m, k, exact) : [];
        return exact.map((e) => [e, 1]).concat(more.map((e) => [e, 0.7]));
      })
    );
    let trunc = 0;
    for (const [i, ws] of words.entries()) {
      for (const [e] of ws) {
        if (e[4] && !postings[e[0] + ' t']) {
          if (!tails) trunc |= 1 << i;
          else {
            postings[e[0]] = list(e).concat(decode(await load(lang + '/t/' + e[4], m.h + '/t/' + e[4])));
            postings[e[0] + ' t'] = 1;
          }
        }
      }
    }
    return { ranked: rank(w.length, words, trunc), trunc, w, p, words, m };
  };

  // rank is Index.rank in generator/search/rank.go.
  const rank = (n, words, trunc) => {
    const targets = new Map();
    const pages = new Map();
    const page = (pg) => pages.get(pg) || (pages.set(pg, { s: 0, m: 0, e: 0, st: new Set(), c: 0 }), pages.get(pg));
    words.forEach((ws, i) => {
      for (const [e, f] of ws) {
        for (const [pg, t, q, c] of list(e)) {
          const k = pg * 65536 + t;
          const v = targets.get(k) || (targets.set(k, { s: 0, m: 0 }), targets.get(k));
          v.s += e[1] * q * f;
          v.m |= 1 << i;
          if (c) {
            const pi = page(pg);
            pi.s += e[1] * TITLE * f;
            pi.m |= 1 << i;
            if (f == 1) {
              pi.e |= 1 << i;
              pi.st.add(e[0]);
              pi.c = c;
            }
          }
        }
      }
    });
    const all = (1 << n) - 1;
    const best = new Map();
    for (const [k, v] of targets) {
      const pg = Math.floor(k / 65536);
      const t = k % 65536;
      const pi = page(pg);
      const m = v.m | (t ? pi.m : 0) | trunc;
      const r = [pg, t, v.s + (t ? pi.s : 0), bits(m), pi.e == all && pi.st.size == pi.c ? 1 : 0];
      const b = best.get(pg);
      if (!b || r[3] > b[3] || (r[3] == b[3] && (r[2] > b[2] || (r[2] == b[2] && t < b[1])))) best.set(pg, r);
    }
    return [...best.values()].sort(order);
  };
  const bits = (m) => {
    let c = 0;
    for (; m; m &= m - 1) c++;
    return c;
  };
  const order = (a, b) => b[4] - a[4] || b[3] - a[3] || (b[5] || 0) - (a[5] || 0) || b[2] - a[2] || a[0] - b[0];

  // fragment loads what result r shows: target t of a page is entry t%16
  // of the page's fragment file t/16 (generator/search: chunkSize, FragmentPath).
  const fragment = (m, [p, t]) =>
    load(lang + '/f/' + p + '/' + (t >> 4), m.h + '/f/' + Math.floor(p / 100) + '/' + p + '-' + (t >> 4)).then(
      (f) => {
        const s = f.s[t & 15];
        return s ? { u: f.u, t: f.t, h: s[0], a: s[1], x: s[2] } : null;
      },
      () => null
    );

  // results loads the fragments of some ranked results, gives phrase
  // matches their bonus among them, and returns [result, fragment] pairs.
  const results = async (s, part) => {
    const frags = await Promise.all(part.map((r) => fragment(s.m, r)));
    const out = part.map((r, i) => [r, frags[i]]).filter((x) => x[1]);
    if (s.w.length > 1) {
      for (const [r, f] of out) r[5] = phrase(s, f.t + ' ' + (f.h || '') + ' ' + f.x) ? 1 : 0;
      out.sort((a, b) => order(a[0], b[0]));
    }
    return out;
  };

  // phrase reports whether the query's words stand side by side in text.
  const phrase = (s, text) => {
    const toks = [...text.matchAll(WORD)].map((x) => norm(x[0]));
    const last = s.w.length - 1;
    return toks.some((_, i) => s.w.every((w, j) => toks[i + j] == w || (j == last && s.p && (toks[i + j] || '').startsWith(w))));
  };

  // marker says which words of an excerpt to mark: the surface forms of
  // the matched stems that the loaded shards know, and words that begin
  // with a query word or a stem.
  const marker = (s) => {
    const forms = new Set();
    const starts = s.w.filter((w) => w.length > 1);
    for (const ws of s.words) {
      for (const [e] of ws) {
        forms.add(e[0]);
        (e[5] || []).forEach((x) => forms.add(x));
        if (e[0].length > 3) starts.push(e[0]);
        (shards[shardOf(s.m, e[0])] || []).forEach((x) => x[1] === e[0] && forms.add(x[0]));
      }
    }
    return (k) => forms.has(k) || starts.some((w) => k.startsWith(w));
  };

  // excerpt returns text as DOM nodes with the marked words in <mark>:
  // all of it, or (cut) about 30 words around its first marked word.
  const excerpt = (text, marks, cls, cut) => {
    const out = el('span', cls);
    const toks = [...text.matchAll(WORD)];
    const hit = toks.findIndex((t) => marks(norm(t[0])));
    const from = cut ? Math.max(0, hit - 8) : 0;
    const to = cut ? Math.min(toks.length, from + 30) : toks.length;
    let at = from ? toks[from].index : 0;
    if (from) out.append('… ');
    for (let i = from; i < to; i++) {
      const t = toks[i];
      out.append(text.slice(at, t.index));
      if (marks(norm(t[0]))) out.append(el('mark', '', t[0]));
      else out.append(t[0]);
      at = t.index + t[0].length;
    }
    out.append(to < toks.length ? ' …' : text.slice(at));
    return out;
  };

  const el = (tag, cls, text) => {
    const e = doc.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  };

  // item renders one result: title, section heading, excerpt.
  const item = ([r, f], marks) => {
    const li = el('li');
    const a = el('a');
    a.href = root + f.u + 'index.html' + (f.a ? '#' + f.a : '');
    a.append(excerpt(f.t, marks, 'sr-title'));
    if (f.h) a.append(excerpt(f.h, marks, 'sr-heading'));
    li.append(a, excerpt(f.x, marks, 'sr-excerpt', 1));
    return li;
  };

  const label = (form, name, q, n) => (form.dataset[name] || '').replace('{q}', q).replace('{n}', n);

  const debounce = (fn, ms) => {
    let t;
    return () => {
      clearTimeout(t);
      t = setTimeout(fn, ms);
    };
  };

  // The /search/ page: full results, each with data-result, ten at a
  // time; past the first tiers of very common words, "More" loads their
  // tails.
  const page = (form, input, box) => {
    const az = doc.getElementById('search-az');
    let seq = 0;
    let st;
    const ol = el('ol', 'search-results');
    const status = el('p', 'search-status');
    status.setAttribute('role', 'status');
    const more = el('button', 'search-more', label(form, 'more'));
    more.type = 'button';
    box.append(status, ol, more);
    const show = async (q, typing) => {
      const my = ++seq;
      ol.textContent = '';
      more.hidden = true;
      if (!q.trim()) {
        status.textContent = '';
        if (az) az.hidden = false;
        return;
      }
      try {
        const s = await search(q, typing);
        if (my != seq) return;
        st = { s, q, typing, rest: s.ranked, seen: new Set() };
        await next(my);
      } catch (e) {
        console.error(e);
        if (my == seq) status.textContent = label(form, 'error', q);
      }
    };
    const next = async (my) => {
      if (!st.rest.length && st.s.trunc) {
        st.s = await search(st.q, st.typing, true);
        st.rest = st.s.ranked.filter((r) => !st.seen.has(r[0]));
      }
      const s = st.s;
      const rs = await results(s, st.rest.slice(0, 10));
      if (my != seq) return;
      st.rest = st.rest.slice(10);
      const marks = marker(s);
      for (const r of rs) {
        st.seen.add(r[0][0]);
        ol.append(item(r, marks));
        ol.lastChild.dataset.result = '';
      }
      const n = s.ranked.length;
      status.textContent = label(form, n ? (n == 1 ? 'one' : 'results') : 'none', st.q, n + (s.trunc ? '+' : ''));
      if (az) az.hidden = n > 0;
      more.hidden = !st.rest.length && !s.trunc;
    };
    more.onclick = () => next(seq).catch(() => {});
    const q = new URLSearchParams(location.search).get('q') || '';
    input.value = q;
    show(q, false);
    input.addEventListener(
      'input',
      debounce(() => {
        const u = new URL(location.href);
        u.searchParams.set('q', input.value);
        history.replaceState(null, '', u);
        show(input.value, true);
      }, 30)
    );
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      show(input.value, false);
    });
  };

  // The header: an ARIA combobox whose list shows the best few results.
  const combo = (form, input) => {
    const list = el('ul', 'search-popup');
    list.id = 'search-listbox';
    list.setAttribute('role', 'listbox');
    list.setAttribute('aria-label', form.dataset.label || 'Results');
    list.hidden = true;
    form.append(list);
    const set = (k, v) => input.setAttribute(k, v);
    set('role', 'combobox');
    set('aria-controls', list.id);
    set('aria-autocomplete', 'list');
    set('aria-expanded', 'false');
    let seq = 0;
    let active = -1;
    const opts = () => [...list.querySelectorAll('[role=option]')];
    const open = (on) => {
      list.hidden = !on;
      set('aria-expanded', on);
      if (!on) move(-1);
    };
    const move = (i) => {
      const o = opts();
      active = o.length ? ((i % o.length) + o.length) % o.length : -1;
      if (i < 0) active = -1;
      o.forEach((x, j) => x.setAttribute('aria-selected', j == active));
      if (active >= 0) {
        set('aria-activedescendant', o[active].id);
        o[active].scrollIntoView({ block: 'nearest' });
      } else input.removeAttribute('aria-activedescendant');
    };
    const show = async () => {
      const q = input.value;
      const my = ++seq;
      if (!q.trim()) return open(false);
      let rs;
      let s;
      try {
        s = await search(q, true);
        rs = await results(s, s.ranked.slice(0, 6));
      } catch (e) {
        rs = null;
      }
      if (my != seq) return;
      list.textContent = '';
      active = -1;
      if (rs) {
        const marks = marker(s);
        rs.forEach((r, i) => {
          const li = list.appendChild(item(r, marks));
          li.id = 'search-opt-' + i;
          li.setAttribute('role', 'option');
          li.firstChild.tabIndex = -1;
        });
      }
      const all = list.appendChild(el('li', 'search-all'));
      const a = all.appendChild(el('a', '', label(form, rs ? (rs.length ? 'all' : 'none') : 'error', q)));
      a.href = form.action + '?q=' + encodeURIComponent(q);
      all.id = 'search-opt-' + (rs ? rs.length : 0);
      all.setAttribute('role', 'option');
      a.tabIndex = -1;
      open(true);
    };
    input.addEventListener('input', debounce(show, 30));
    input.addEventListener('focus', () => {
      getManifest().catch(() => {});
      if (input.value.trim() && list.childElementCount) open(true);
    });
    input.addEventListener('keydown', (e) => {
      const k = e.key;
      if (k == 'ArrowDown' || k == 'ArrowUp') {
        e.preventDefault();
        if (list.hidden) return show();
        move(active + (k == 'ArrowDown' ? 1 : active < 0 ? 0 : -1));
      } else if (k == 'Enter' && active >= 0 && !list.hidden) {
        e.preventDefault();
        location.href = opts()[active].querySelector('a').href;
      } else if (k == 'Escape' && !list.hidden) {
        e.preventDefault(); // keep the text: a search box's own Escape clears it
        open(false);
      }
    });
    form.addEventListener('focusout', (e) => {
      if (!form.contains(e.relatedTarget)) open(false);
    });
    // a click keeps the focus in the box, and anywhere on an option follows it
    list.addEventListener('mousedown', (e) => e.preventDefault());
    list.addEventListener('click', (e) => {
      const li = e.target.closest('li');
      if (li && !e.target.closest('a')) li.querySelector('a').click();
    });
  };

  // For tests and tools: the same functions the page uses.
  Object.assign(reg, { norm, parse, search, results });

  const init = () => {
    const input = doc.getElementById('search-input');
    if (!input) return;
    const form = input.form;
    const box = doc.getElementById('search-results');
    if (box) page(form, input, box);
    else combo(form, input);
    doc.addEventListener('keydown', (e) => {
      const t = e.target;
      if (e.key == '/' && !e.ctrlKey && !e.metaKey && !e.altKey && !/^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName) && !t.isContentEditable) {
        e.preventDefault();
        input.focus();
      }
    });
  };
  init();
})();
