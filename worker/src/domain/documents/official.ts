/**
 * The parts of a Decree 30/2020/NĐ-CP document that depend on who issues it: the body's name at the top left (with
 * its superior body above it where that is the custom), the abbreviation after "Số:    /BC-", the signature block
 * and the place of the date line. Decided from the unit's level and the words its name starts with, by the small
 * tables below; a unit they do not recognise gets its own name in capitals and a generic signature.
 */

/** A unit as the documents need it: `level` is province, district, commune, department, hamlet, … */
export type FormUnit = { code: string; name: string; level: string };

export type OfficialForm = {
  /**
   * The direct superior body ("cơ quan chủ quản"), in capitals, printed in normal weight; [] where the custom leaves
   * it out. Like `body`, split where the name may break over lines.
   */
  parentBody: string[];
  /** The issuing body in capitals, printed bold, split where it may break: ['ỦY BAN NHÂN DÂN', 'PHƯỜNG 15']. */
  body: string[];
  /** What follows the document type in the number line: "UBND" in "Số:    /BC-UBND". */
  abbreviation: string;
  /** The signature block: "TM. ỦY BAN NHÂN DÂN" (null when the head signs in their own right) over "CHỦ TỊCH". */
  signature: { authority: string | null; title: string };
  /** The place of the date line: "Phường 15", "Duy Tiên". */
  place: string;
};

const COMMITTEE = 'ỦY BAN NHÂN DÂN';
const COMMITTEE_LEVELS = new Set(['province', 'district', 'commune']);
/**
 * Levels whose committee puts its superior committee above its own name. A commune does, as in Hồ Chí Minh City's
 * wards, where "Phường 15" names a ward only together with its district; a district or a province stands alone.
 */
const SHOWS_SUPERIOR = new Set(['commune']);

const upper = (s: string) => s.normalize('NFC').toUpperCase();

/**
 * The place a name ends with: a level word, then a proper name that starts with a capital or a digit (so that the
 * "Xã" of "Thương binh và Xã hội" is not a commune). The leftmost match wins, so "Thị xã Duy Tiên" beats "xã Duy Tiên".
 */
const PLACE = /(?:^|\s)([Tt]hành phố|[Tt]hị trấn|[Tt]hị xã|[Tt]ỉnh|[Qq]uận|[Hh]uyện|[Pp]hường|[Xx]ã)\s+([\p{Lu}\d][^,]*)$/u;
/** A place is named without its level word, except one named by a number or after a person (Decree 30, App. I). */
const KEEPS_LEVEL_WORD = /^(?:\d+|Hồ Chí Minh)$/u;

/** The place in a name ("Phòng Nội vụ thị xã Duy Tiên" → "Duy Tiên", "Phường 15" → "Phường 15"), if it has one. */
function placeIn(name: string): string | null {
  const m = PLACE.exec(name.normalize('NFC').trim());
  if (!m) return null;
  const [, level = '', proper = ''] = m;
  if (!KEEPS_LEVEL_WORD.test(proper)) return proper;
  return `${level.charAt(0).toUpperCase()}${level.slice(1).toLowerCase()} ${proper}`;
}

/** A name without the place it ends with: "Phòng Nội vụ Quận 10" → "Phòng Nội vụ". */
function withoutPlace(name: string): string {
  const m = PLACE.exec(name);
  return m ? name.slice(0, m.index).trim() : name;
}

/**
 * Where a body's name may break over lines: after " - " ("PHÒNG TÀI CHÍNH -" / "KẾ HOẠCH"), before " VÀ ", and
 * before a council or committee it names ("VĂN PHÒNG" / "HỘI ĐỒNG NHÂN DÂN" / "VÀ ỦY BAN NHÂN DÂN").
 */
function breakable(name: string): string[] {
  return upper(name).split(/(?<= -) | (?=VÀ )|(?<!VÀ) (?=HỘI ĐỒNG |ỦY BAN )/u);
}

const FRONT = /^(?:Ủy|Uỷ) ban (?:Mặt trận Tổ quốc|MTTQ) Việt Nam\b/iu;

/** Bodies whose head is "Trưởng" + the body's kind: "TRƯỞNG PHÒNG", "TRƯỞNG BAN", "TRƯỞNG ẤP", … */
const LED_BY_TRUONG = /^(phòng|ban|bộ phận|đài|ấp|thôn|khu phố|tổ dân phố|bản|buôn|làng)\s/iu;
/** Bodies whose head has a title of its own, and the abbreviation offices use for them. */
const HEADS: { starts: RegExp; title: string; abbreviation?: string }[] = [
  { starts: /^Văn phòng\s/iu, title: 'CHÁNH VĂN PHÒNG', abbreviation: 'VP' },
  { starts: /^Thanh tra\b/iu, title: 'CHÁNH THANH TRA', abbreviation: 'TTr' },
  { starts: /^Trung tâm\s/iu, title: 'GIÁM ĐỐC' },
];
const DEFAULT_HEAD = 'THỦ TRƯỞNG ĐƠN VỊ';

function headOf(own: string): string {
  const kind = LED_BY_TRUONG.exec(own)?.[1];
  if (kind) return `TRƯỞNG ${upper(kind)}`;
  return HEADS.find((h) => h.starts.test(own))?.title ?? DEFAULT_HEAD;
}

/** Initials as offices write them: "Phòng Tài chính - Kế hoạch" → "PTCKH"; "Đ" keeps its stroke, numbers stay whole. */
function initials(name: string): string {
  return name
    .split(/[\s,-]+/u)
    .filter((w) => w && w.toLowerCase() !== 'và')
    .map((w) => (/^\d+$/.test(w) ? w : w.charAt(0) === 'đ' || w.charAt(0) === 'Đ' ? 'Đ' : w.normalize('NFD').charAt(0).toUpperCase()))
    .join('');
}

/** The name a body has as somebody's superior: a committee with its place, the Front, or the body's own name. */
function superiorName(unit: FormUnit): string[] {
  if (COMMITTEE_LEVELS.has(unit.level)) return [COMMITTEE, upper(unit.name)];
  if (FRONT.test(unit.name)) return frontCommittee(unit.name);
  return breakable(ownName(unit.name));
}

/** "Ủy ban Mặt trận Tổ quốc Việt Nam Quận 5" → ['ỦY BAN MẶT TRẬN TỔ QUỐC', 'VIỆT NAM', 'QUẬN 5']. */
function frontCommittee(name: string): string[] {
  const place = PLACE.exec(name);
  return ['ỦY BAN MẶT TRẬN TỔ QUỐC', 'VIỆT NAM', ...(place ? [upper(`${place[1]} ${place[2]}`)] : [])];
}

/** A department's own name: the part before a comma, without the place it ends with. */
function ownName(name: string): string {
  return withoutPlace(name.normalize('NFC').split(',')[0]!.trim());
}

/** The place in the unit's name, else in its parent's; failing both (a Party body, say), the parent's name. */
function placeOf(unit: FormUnit, parent: FormUnit | null): string {
  return placeIn(unit.name) ?? (parent ? placeIn(parent.name) ?? parent.name : unit.name);
}

/** The unit-dependent parts of its documents; `parent` is the unit above it in the tree (null at the top). */
export function officialForm(unit: FormUnit, parent: FormUnit | null): OfficialForm {
  const place = placeOf(unit, parent);
  if (COMMITTEE_LEVELS.has(unit.level)) {
    return {
      parentBody: SHOWS_SUPERIOR.has(unit.level) && parent && COMMITTEE_LEVELS.has(parent.level) ? superiorName(parent) : [],
      body: [COMMITTEE, upper(unit.name)],
      abbreviation: 'UBND',
      signature: { authority: `TM. ${COMMITTEE}`, title: 'CHỦ TỊCH' },
      place,
    };
  }
  // The Front's documents are issued by its standing committee (seed 000: "Số: 59/KH-MTTQ-BTT", "TM. BAN THƯỜNG TRỰC").
  if (FRONT.test(unit.name)) {
    return {
      parentBody: frontCommittee(unit.name),
      body: ['BAN THƯỜNG TRỰC'],
      abbreviation: 'MTTQ-BTT',
      signature: { authority: 'TM. BAN THƯỜNG TRỰC', title: 'CHỦ TỊCH' },
      place,
    };
  }
  const own = ownName(unit.name);
  return {
    parentBody: parent ? superiorName(parent) : [],
    body: breakable(own),
    abbreviation: HEADS.find((h) => h.starts.test(own))?.abbreviation ?? initials(own),
    signature: { authority: null, title: headOf(own) },
    place,
  };
}

/** The body as a sentence names it: "Ủy ban nhân dân Phường Hòa Hưng" for a committee, an office by its own name. */
export function speakerName(unit: FormUnit): string {
  return COMMITTEE_LEVELS.has(unit.level) ? `Ủy ban nhân dân ${unit.name}` : unit.name;
}

/** The number line with the number left blank for the office's register: "Số:      /BC-UBND". */
export function numberLine(form: Pick<OfficialForm, 'abbreviation'>, documentCode = 'BC'): string {
  return `Số:      /${documentCode}-${form.abbreviation}`;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/**
 * "Phường 15, ngày 05 tháng 6 năm 2026". Decree 30 (App. I) puts a zero before days 1–9 and months 1–2 only, so
 * that no digit can be added in front of them later: "ngày 05 tháng 6", "ngày 15 tháng 02".
 */
export function dateLine(place: string, localDate: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(localDate);
  const [year, month, day] = m ? [Number(m[1]), Number(m[2]), Number(m[3])] : [NaN, NaN, NaN];
  const check = new Date(Date.UTC(year, month - 1, day));
  if (!m || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) throw new RangeError(`not a date: ${localDate}`);
  return `${place}, ngày ${pad2(day)} tháng ${month < 3 ? pad2(month) : month} năm ${year}`;
}
