// Unit names as plans write them, resolved against the units the plan may name. A plan says "Phòng Nội vụ",
// "Phòng Nội vụ thị xã", "Ủy ban nhân dân 15 phường", "UBND các xã, phường", "xã Mộc Bắc, phường Hòa Mạc" or
// "về huyện"; the stored names are "Phòng Nội vụ thị xã Duy Tiên", "Phường 15", "Huyện Giồng Trôm". So a unit is
// known by its level word and proper name ("phường" + "15"), or, for an office, by its name without the place
// it belongs to (its core, "phòng nội vụ"), and the place a text adds picks among offices of the same core.
import { CODE_PATTERN } from '../../../../schemas/common';
import type { Span } from './text';
import { reads, tokensOf, type Token } from './tokens';

export type ExtractUnit = { code: string; name: string; level: string; parent: string | null };
export type ExtractContext = {
  issuer: ExtractUnit;
  /** the issuer's whole subtree, its ancestors, and each ancestor's direct children */
  units: ExtractUnit[];
  /** stored plans, so a basis line citing a plan's number links to it */
  plans: { id: string; number: string }[];
};

type Node = ExtractUnit & {
  /** its own code, then its ancestors' */
  chain: string[];
  /** "phường" for Phường 15; null for an office */
  levelWord: string | null;
  /** tokens of the name after the level word ("15"), or of the office's core ("phong noi vu") */
  key: string[];
};

/** What a name in the text stands for. `unknown`: names no unit carries (to report, never to guess). */
export type Mention = Span & {
  /** token index after the name */
  end: number;
  units: string[];
  /** every unit of these levels below the issuer ("Ủy ban nhân dân 15 phường") */
  levels: string[];
  /** "các cơ quan, đơn vị": the issuer's agencies */
  agencies: boolean;
  unknown: Span[];
};

type Place = Span & { end: number; units: Node[]; levels: string[]; unknown: Span[] };
type Options = { near?: string | null; bare?: boolean; tail?: boolean };

// Level words, longest first; the raw (accented) token is compared, so "quận" is never "quán" or "quan".
const LEVEL_WORDS = ['thị xã', 'thị trấn', 'thành phố', 'tổ dân phố', 'khu phố', 'phường', 'xã', 'quận', 'huyện', 'tỉnh', 'ấp', 'thôn'].map((w) => w.split(' '));
/** Words for the same tier of government, for a level word no unit in the list begins with. */
const TIERS = [['phường', 'xã', 'thị trấn'], ['quận', 'huyện', 'thị xã', 'thành phố'], ['tỉnh', 'thành phố'], ['ấp', 'thôn', 'khu phố', 'tổ dân phố']];
/** Words that open an office's name, for reporting an office the list lacks. */
const OFFICE_HEADS = ['phong', 'ban', 'van phong', 'thanh tra', 'trung tam', 'dai', 'trang', 'so', 'cong an', 'chi cuc', 'cuc', 'bo phan', 'cong chuc', 'can bo', 'to', 'truong', 'benh vien', 'bao hiem', 'kho bac', 'chi nhanh', 'doi', 'lien doan', 'hoi dong', 'hoi', 'uy ban', 'dang uy', 'chi bo'].map((w) => w.split(' '));
/** Words before a name that do not change whom it names: "Ban Thường trực Ủy ban MTTQ", "Giao Phòng Nội vụ". */
const LEADS = ['ban thuong truc', 'thuong truc', 'thu truong', 'pho chu tich', 'chu tich', 'lanh dao', 'nguoi dung dau', 'giao', 'de nghi', 'doi voi', 'yeu cau', 'ngoai ra', 'dong thoi', 'toan the', 'cac', '('].map((w) => w.split(' '));
/** "các cơ quan, đơn vị thuộc UBND quận", "các phòng, ban": the issuer's own agencies. */
const AGENCY_WORDS = ['co quan chuyen mon', 'co quan', 'phong ban', 'phong , ban', 'phong chuyen mon', 'ban nganh', 'ban , nganh', 'don vi su nghiep', 'don vi'].map((w) => w.split(' '));
/** Front, Party and mass organisations sit beside the People's Committee, not among its agencies. */
const NOT_AGENCY = /mat tran|(?:thi|quan|huyen|tinh|thanh|dang) uy|doan the|cong doan|doan thanh nien|hoi (?:lien hiep|phu nu|nong dan|cuu chien binh)/;

class Trie<T> {
  private readonly next = new Map<string, Trie<T>>();
  private readonly items: T[] = [];
  add(words: readonly string[], item: T): void {
    let node: Trie<T> = this;
    for (const w of words) {
      let child = node.next.get(w);
      if (!child) node.next.set(w, (child = new Trie<T>()));
      node = child;
    }
    node.items.push(item);
  }
  /** The longest key read from token k on, with its items. */
  longest(tokens: readonly Token[], k: number, keep: (item: T) => boolean = () => true): { end: number; items: T[] } | null {
    let node: Trie<T> | undefined = this;
    let best: { end: number; items: T[] } | null = null;
    for (let j = k; node && j <= tokens.length; j++) {
      const items = node.items.filter(keep);
      if (j > k && items.length) best = { end: j, items };
      node = j < tokens.length ? node.next.get(tokens[j]!.t) : undefined;
    }
    return best;
  }
}

const isWord = (tok: Token | undefined) => !!tok && /[\p{L}\p{N}]/u.test(tok.t);
const isNumber = (tok: Token | undefined) => !!tok && /^\d{1,3}$/.test(tok.t);

function readsAny(tokens: readonly Token[], k: number, list: readonly (readonly string[])[]): number {
  for (const words of list) {
    const end = reads(tokens, k, words);
    if (end >= 0) return end;
  }
  return -1;
}

/** The level word at token k ("thị xã"), unless it is part of a common word ("xã hội"). */
function levelWordAt(tokens: readonly Token[], k: number): { word: string; end: number } | null {
  for (const words of LEVEL_WORDS) {
    if (words.every((w, i) => tokens[k + i]?.raw === w)) {
      const end = k + words.length;
      if (words.length === 1 && words[0] === 'xã' && tokens[end]?.raw === 'hội') return null;
      return { word: words.join(' '), end };
    }
  }
  return null;
}

export class UnitIndex {
  readonly issuer: Node;
  private readonly byCode = new Map<string, Node>();
  private readonly offices = new Trie<Node>();
  /** office cores shortened before "và" ("Ủy ban MTTQ" for "Ủy ban MTTQ và các Đoàn thể"), used when no core matches */
  private readonly officeAliases = new Trie<Node>();
  private readonly places = new Trie<Node>();
  private readonly wordLevels = new Map<string, Set<string>>();
  /** units strictly below the issuer, in list order */
  private readonly below: Node[];
  private agencyCodes: string[] | undefined;

  constructor(ctx: ExtractContext) {
    const listed = new Map<string, ExtractUnit>();
    for (const u of [ctx.issuer, ...ctx.units]) if (CODE_PATTERN.test(u.code) && !listed.has(u.code)) listed.set(u.code, u);
    const names = new Map<string, Token[]>();
    for (const u of listed.values()) {
      const chain = [u.code];
      for (let p = u.parent; p && listed.has(p) && !chain.includes(p); p = listed.get(p)!.parent) chain.push(p);
      const tokens = tokensOf(u.name);
      names.set(u.code, tokens);
      const lw = levelWordAt(tokens, 0);
      const place = lw && lw.end < tokens.length;
      const node: Node = { ...u, chain, levelWord: place ? lw.word : null, key: place ? tokens.slice(lw.end).map((t) => t.t) : [] };
      this.byCode.set(u.code, node);
      if (node.levelWord) {
        this.places.add(node.key, node);
        this.wordLevels.set(node.levelWord, (this.wordLevels.get(node.levelWord) ?? new Set<string>()).add(node.level));
      }
    }
    for (const n of this.byCode.values()) if (!n.levelWord) this.indexOffice(n, names);
    this.issuer = this.byCode.get(ctx.issuer.code) ?? { ...ctx.issuer, chain: [ctx.issuer.code], levelWord: null, key: [] };
    this.below = [...this.byCode.values()].filter((n) => n.code !== this.issuer.code && n.chain.includes(this.issuer.code));
  }

  /**
   * An office by its name less the place it belongs to: "Phòng Nội vụ thị xã Duy Tiên" → "phong noi vu", "Ban Dân vận
   * Thị ủy Duy Tiên" → "ban dan van thi uy". The ending cut is the longest that names a unit above (in full or by its
   * proper name); a level word left over ("… huyện" of a renamed town) goes too.
   */
  private indexOffice(n: Node, names: ReadonlyMap<string, Token[]>): void {
    const tokens = tokensOf(n.name.split(',')[0]!);
    const endings = n.chain.slice(1).flatMap((code) => {
      const full = names.get(code)!.map((t) => t.t);
      const above = this.byCode.get(code)!;
      return above.levelWord ? [full, above.key] : [full];
    });
    const endsWith = (e: string[]) => e.length > 0 && e.length < tokens.length && e.every((w, i) => tokens[tokens.length - e.length + i]!.t === w);
    const cut = Math.max(0, ...endings.filter(endsWith).map((e) => e.length));
    let core = tokens.slice(0, tokens.length - cut);
    if (cut && core.length > 1 && levelWordAt(core, core.length - 1)?.end === core.length) core = core.slice(0, -1);
    n.key = core.map((t) => t.t);
    this.offices.add(n.key, n);
    const and = n.key.indexOf('va');
    if (and >= 3) this.officeAliases.add(n.key.slice(0, and), n);
  }

  get(code: string) {
    return this.byCode.get(code);
  }
  nameOf(code: string): string {
    return this.byCode.get(code)?.name ?? code;
  }
  /** The issuer or a unit below it. */
  inSubtree(code: string): boolean {
    return this.byCode.get(code)?.chain.includes(this.issuer.code) ?? false;
  }
  /** An ancestor of the issuer. */
  isAbove(code: string): boolean {
    return code !== this.issuer.code && this.issuer.chain.includes(code);
  }
  /** Levels that occur strictly below the issuer. */
  private levelsBelow(): string[] {
    return [...new Set(this.below.map((n) => n.level))];
  }
  /** Units of a level strictly below the issuer, in list order. */
  unitsOfLevel(level: string): string[] {
    return this.below.filter((n) => n.level === level).map((n) => n.code);
  }
  /** The People's Committee's own agencies: the issuer's offices, less the Front, Party and mass organisations. */
  agencies(): string[] {
    this.agencyCodes ??= this.below
      .filter((n) => n.parent === this.issuer.code && !n.levelWord && !NOT_AGENCY.test(tokensOf(n.name).map((t) => t.t).join(' ')))
      .map((n) => n.code);
    return this.agencyCodes;
  }

  private levelsFor(word: string): Set<string> {
    const own = this.wordLevels.get(word);
    if (own) return own;
    const out = new Set<string>();
    for (const tier of TIERS) if (tier.includes(word)) for (const w of tier) this.wordLevels.get(w)?.forEach((l) => out.add(l));
    return out;
  }

  /** Of several units of one name, the one nearest the issuer (or `near`, e.g. the recipient for a "qua …" office). */
  private nearest(nodes: Node[], near: string | null): Node | null {
    const rank = (n: Node) => {
      if (near && n.parent === near) return 0;
      const up = n.parent ? this.issuer.chain.indexOf(n.parent) : -1;
      if (up >= 0) return 1 + up;
      return n.parent && this.inSubtree(n.parent) ? 50 : 100;
    };
    const best = Math.min(...nodes.map(rank));
    const winners = nodes.filter((n) => rank(n) === best);
    return winners.length === 1 ? winners[0]! : null;
  }

  /** A bare level word: the issuer or its ancestor of that kind ("về huyện"), else that level below the issuer ("UBND phường"). */
  private bare(word: string): { units: Node[] } | { levels: string[] } | null {
    const chain = this.issuer.chain.map((c) => this.byCode.get(c)!);
    const levels = this.levelsFor(word);
    const up = chain.find((n) => n.levelWord === word) ?? chain.find((n) => levels.has(n.level));
    if (up) return { units: [up] };
    const below = this.levelsBelow().filter((l) => levels.has(l));
    return below.length ? { levels: below } : null;
  }

  /** Proper names after a level word: "Phú Hữu", "15", "Mộc Bắc, phường Hòa Mạc", "Chuyên Ngoại, Trác Văn". */
  private properNames(tokens: readonly Token[], k: number, from: number, words: string[]): { units: Node[]; unknown: Span[]; end: number } | null {
    const levels = new Set(words.flatMap((w) => [...this.levelsFor(w)]));
    const units: Node[] = [];
    const unknown: Span[] = [];
    let j = k;
    let nameStart = from;
    for (;;) {
      const hit = this.places.longest(tokens, j, (n) => levels.has(n.level));
      if (hit) {
        units.push(this.nearest(hit.items, null) ?? hit.items[0]!);
        j = hit.end;
      } else if (tokens[j]?.cap && isWord(tokens[j])) {
        const first = j;
        while (j - first < 4 && tokens[j]?.cap && isWord(tokens[j])) j++;
        unknown.push({ s: tokens[nameStart]!.s, e: tokens[j - 1]!.e });
      } else break;
      if (tokens[j]?.t !== ',' && tokens[j]?.t !== 'va') break;
      const lw = levelWordAt(tokens, j + 1);
      const after = lw ? lw.end : j + 1;
      if (!this.places.longest(tokens, after, (n) => levels.has(n.level)) && !(tokens[after]?.cap && isWord(tokens[after]))) break;
      nameStart = j + 1;
      j = after;
    }
    return units.length || unknown.length ? { units, unknown, end: j } : null;
  }

  /** A place: "15 phường", "các xã, phường", "cấp xã", "phường Phú Hữu", "Quận 10", or a bare "quận" when `bareOk`. */
  private place(tokens: readonly Token[], k: number, bareOk: boolean): Place | null {
    let j = k;
    const grouped = tokens[j]?.t === 'cac' || tokens[j]?.t === 'cap' || isNumber(tokens[j]);
    if (grouped) j++;
    const first = levelWordAt(tokens, j);
    if (!first) return null;
    const words = [first.word];
    j = first.end;
    for (let lw; (tokens[j]?.t === ',' || tokens[j]?.t === 'va' || tokens[j]?.t === '/') && (lw = levelWordAt(tokens, j + 1)); j = lw.end) words.push(lw.word);
    const at = (end: number, rest: Partial<Place>): Place => ({ s: tokens[k]!.s, e: tokens[end - 1]!.e, end, units: [], levels: [], unknown: [], ...rest });
    const several = grouped || words.length > 1;
    // "các xã, phường: Mộc Nam, Chuyên Ngoại, …" names them after a colon
    const listAt = several ? (tokens[j]?.t === ':' ? j + 1 : -1) : j;
    const named = listAt >= 0 ? this.properNames(tokens, listAt, several ? listAt : k, words) : null;
    if (named) return at(named.end, { units: named.units, unknown: named.unknown });
    if (several) {
      const levels = new Set(words.flatMap((w) => [...this.levelsFor(w)]));
      const below = this.levelsBelow().filter((l) => levels.has(l));
      return below.length ? at(j, { levels: below }) : at(j, { unknown: [{ s: tokens[k]!.s, e: tokens[j - 1]!.e }] });
    }
    const bare = bareOk ? this.bare(first.word) : null;
    return bare ? at(j, bare) : null;
  }

  private asMention(p: Place, s: number, units: Node[] = p.units): Mention {
    return { s, e: p.e, end: p.end, units: units.map((n) => n.code), levels: p.levels, agencies: false, unknown: p.unknown };
  }

  /** "các cơ quan, đơn vị (thuộc UBND quận)", "các phòng ban, đơn vị", "các cơ quan chuyên môn". */
  private agencyNames(tokens: readonly Token[], k: number): Mention | null {
    if (tokens[k]?.t !== 'cac') return null;
    let end = readsAny(tokens, k + 1, AGENCY_WORDS);
    if (end < 0) return null;
    for (let more; (tokens[end]?.t === ',' || tokens[end]?.t === 'va') && (more = readsAny(tokens, end + 1, AGENCY_WORDS)) >= 0; ) end = more;
    const owner = readsAny(tokens, end, [['truc', 'thuoc'], ['thuoc']]);
    const of = owner >= 0 ? this.government(tokens, owner) : null;
    if (of) end = of.end;
    return { s: tokens[k]!.s, e: tokens[end - 1]!.e, end, units: [], levels: [], agencies: true, unknown: [] };
  }

  /** "Ủy ban nhân dân quận", "UBND 15 phường", "Ủy ban nhân dân xã Mộc Bắc, phường Hòa Mạc". */
  private government(tokens: readonly Token[], k: number): Mention | null {
    const end = readsAny(tokens, k, [['uy', 'ban', 'nhan', 'dan'], ['chinh', 'quyen']]);
    const p = end >= 0 ? this.place(tokens, end, true) : null;
    return p ? this.asMention(p, tokens[k]!.s) : null;
  }

  /** An office by its core, in the place the text adds: "Phòng Nội vụ", "Phòng Nội vụ thị xã", "Ủy ban MTTQ 15 phường". */
  private office(tokens: readonly Token[], k: number, near: string | null): Mention | null {
    const hit = this.offices.longest(tokens, k) ?? this.officeAliases.longest(tokens, k);
    if (!hit) return null;
    const s = tokens[k]!.s;
    const p = this.place(tokens, hit.end, true);
    const unknown = (e: number, end: number): Mention => ({ s, e, end, units: [], levels: [], agencies: false, unknown: [{ s, e }] });
    if (!p) {
      const pick = this.nearest(hit.items, near);
      const e = tokens[hit.end - 1]!.e;
      return pick ? { s, e, end: hit.end, units: [pick.code], levels: [], agencies: false, unknown: [] } : unknown(e, hit.end);
    }
    if (p.levels.length) {
      // the office of each ward: the ward itself, unless the list holds those offices
      const each = hit.items.filter((n) => n.parent && this.inSubtree(n.parent) && p.levels.includes(this.byCode.get(n.parent)!.level));
      return each.length ? this.asMention(p, s, each) : { ...this.asMention(p, s), units: [] };
    }
    const inPlace = hit.items.filter((n) => p.units.some((u) => u.code === n.parent));
    if (!inPlace.length) return unknown(p.e, p.end);
    return this.asMention(p, s, [this.nearest(inPlace, near) ?? inPlace[0]!]);
  }

  /** An office the list lacks, named up to its place ("Đài truyền thanh xã"), or to the end of a heading (`tail`). */
  private unknownOffice(tokens: readonly Token[], k: number, tail: boolean): Mention | null {
    const head = readsAny(tokens, k, OFFICE_HEADS);
    if (head < 0 || (tokens[k]?.t === 'to' && tokens[k + 1]?.t === 'chuc')) return null;
    const s = tokens[k]!.s;
    let j = head;
    for (; j < tokens.length && j - head < 10; j++) {
      const p = this.place(tokens, j, true);
      if (p) return p.levels.length ? this.asMention(p, s) : { ...this.asMention(p, s, []), unknown: [{ s, e: p.e }] };
      const tok = tokens[j]!;
      if (!isWord(tok) && tok.t !== '-' && tok.t !== '&') break;
      if (STOP_WORDS.has(tok.t)) break;
    }
    if (!tail || j === head) return null;
    const e = tokens[j - 1]!.e;
    return { s, e, end: j, units: [], levels: [], agencies: false, unknown: [{ s, e }] };
  }

  /** The name at token k, after any lead words ("Giao", "Đề nghị", "Ban Thường trực"). */
  mention(tokens: readonly Token[], k: number, opts: Options = {}): Mention | null {
    const starts = [k];
    for (let j = k, after; starts.length < 4 && (after = readsAny(tokens, j, LEADS)) >= 0 && after < tokens.length; j = after) starts.push(after);
    for (const j of starts) {
      const m = this.agencyNames(tokens, j) ?? this.government(tokens, j) ?? this.office(tokens, j, opts.near ?? null) ?? this.standalone(tokens, j, !!opts.bare);
      if (m) return m;
    }
    for (const j of starts) {
      const m = this.unknownOffice(tokens, j, !!opts.tail);
      if (m) return m;
    }
    return null;
  }

  private standalone(tokens: readonly Token[], k: number, bare: boolean): Mention | null {
    const p = this.place(tokens, k, bare);
    return p ? this.asMention(p, tokens[k]!.s) : null;
  }

  /**
   * Names in a row, as a sentence's subject or a heading lists them: "Phòng Văn hóa và Thông tin, Trung tâm Văn hóa
   * Hòa bình", "Thủ trưởng các cơ quan, đơn vị, Chủ tịch UBND 15 phường". "…, phân công Bộ phận X" names X instead.
   */
  subjects(tokens: readonly Token[], k: number, tail = false): Mention[] {
    let out: Mention[] = [];
    let near: string | null = null;
    for (let j = k; ; ) {
      const m = this.mention(tokens, j, { tail, near });
      if (!m) break;
      out.push(m);
      near = m.units[0] ?? near;
      j = m.end;
      if (![',', 'va', ';'].includes(tokens[j]?.t ?? '')) break;
      const assigns = readsAny(tokens, j + 1, [['phan', 'cong'], ['giao']]);
      if (assigns >= 0 && this.mention(tokens, assigns, { tail, near })) out = [];
      j = assigns >= 0 ? assigns : j + 1;
    }
    return out;
  }

  /** Recipients after "về": "Ủy ban nhân dân quận (thông qua Phòng Nội vụ)", "A (qua X) và B (qua Y)". */
  recipients(tokens: readonly Token[], k: number): { to: Mention; via: Mention | null }[] {
    const out: { to: Mention; via: Mention | null }[] = [];
    for (let j = k; ; ) {
      const to = this.mention(tokens, j, { bare: true });
      if (!to) break;
      j = to.end;
      let via: Mention | null = null;
      const paren = tokens[j]?.t === '(';
      const through = readsAny(tokens, paren ? j + 1 : j, [['thong', 'qua'], ['qua']]);
      if (through >= 0) {
        // inside "(qua …)" the name runs to the parenthesis, so an office the list lacks is still named
        via = this.mention(tokens, through, { near: to.units[0] ?? null, bare: true, tail: paren });
        j = via ? via.end : through;
      }
      if (paren) {
        let close = j;
        while (close < tokens.length && close - j < 20 && tokens[close]!.t !== ')') close++;
        if (tokens[close]?.t === ')') j = close + 1;
      }
      out.push({ to, via });
      if ((tokens[j]?.t !== ',' && tokens[j]?.t !== 'va') || !this.mention(tokens, j + 1, { bare: true })) break;
      j++;
    }
    return out;
  }
}

/** Words that end an unknown office's name before any place is seen. */
const STOP_WORDS = new Set(['cua', 'tai', 'cho', 've', 'den', 'voi', 'theo', 'trong', 'tren', 'de', 'nham', 'duoc', 'la', 'co', 'phoi', 'thuc', 'tham', 'chu']);
