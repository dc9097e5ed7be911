/**
 * Outliers (DESIGN §13): a submitted value far from the unit's own earlier periods, or from its siblings this
 * period, is accepted and flagged. Robust z-scores (Iglewicz & Hoaglin): 0.6745 · (x − median) / MAD, flagged
 * beyond 3.5, so one wild value in the history does not hide the next one. Thresholds live here and nowhere else.
 */
import { formatNumber, formatPercent } from '../../../schemas/labels';
import type { ValueRow } from '../../../schemas/report-check';

export const OUTLIER = {
  /** |robust z| above which a value is flagged */
  z: 3.5,
  /** earlier periods of the unit needed before its history is a yardstick */
  minHistory: 4,
  /** siblings reporting this period needed before they are a yardstick */
  minPeers: 5,
  /** when every earlier value is the same, a change of more than this share of it is flagged */
  flatShare: 0.1,
} as const;

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** The robust distance of x from `sample` (null when the sample is too small to judge). */
export function robustZ(x: number, sample: readonly number[], min: number): { z: number; median: number } | null {
  if (sample.length < min) return null;
  const m = median(sample);
  const mad = median(sample.map((v) => Math.abs(v - m)));
  if (mad > 0) return { z: (0.6745 * (x - m)) / mad, median: m };
  // A flat history: the mean absolute deviation (×1.2533, as for a normal sample) if it has any spread, else a share of the level.
  const meanAd = sample.reduce((s, v) => s + Math.abs(v - m), 0) / sample.length;
  if (meanAd > 0) return { z: (x - m) / (1.2533 * meanAd), median: m };
  const far = Math.abs(x - m) > OUTLIER.flatShare * Math.max(Math.abs(m), 1);
  return { z: far ? Math.sign(x - m) * Infinity : 0, median: m };
}

export type History = ReadonlyMap<string, { own: readonly number[]; peers: readonly number[] }>;
export type OutlierWarning = { indicator: string; message: string };

/** The warnings of a submission, one per flagged value, in Vietnamese; the values flagged get `outlier: 1`. */
export function outlierWarnings(values: readonly ValueRow[], history: History, names: ReadonlyMap<string, string>) {
  const warnings: OutlierWarning[] = [];
  const rows = values.map((v) => {
    if (v.value === null || v.na || v.kind === 'boolean' || v.kind === 'text') return { ...v, outlier: 0 as const };
    const h = history.get(v.indicator);
    const show = (x: number) => (v.kind === 'percent' ? formatPercent(x) : formatNumber(x));
    const name = names.get(v.indicator) ?? v.indicator;
    const own = h && robustZ(v.value, h.own, OUTLIER.minHistory);
    const peers = h && robustZ(v.value, h.peers, OUTLIER.minPeers);
    const reasons: string[] = [];
    if (own && Math.abs(own.z) > OUTLIER.z) reasons.push(`các kỳ trước của đơn vị (thường khoảng ${show(own.median)})`);
    if (peers && Math.abs(peers.z) > OUTLIER.z) reasons.push(`các đơn vị cùng cấp kỳ này (trung vị ${show(peers.median)})`);
    if (reasons.length === 0) return { ...v, outlier: 0 as const };
    warnings.push({ indicator: v.indicator, message: `"${name}" = ${show(v.value)} khác nhiều so với ${reasons.join(' và ')}; hãy kiểm tra lại số liệu.` });
    return { ...v, outlier: 1 as const };
  });
  return { rows, warnings };
}
