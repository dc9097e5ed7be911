/** "Tải báo cáo Word": the link the API signs for a report's Decree 30 .docx, and the dialog that offers it. Pure. */
import type { DocumentLink } from '../../../schemas';
import { formatDateTime, timeLeft } from '../../../schemas/labels';
import { reportPath, type ReportKeys } from './api';
import { escapeHtml } from './html';
import { TZ } from './notices';


/** The API's answer to POST …/document-link. */
export type { DocumentLink };

export const documentLinkPath = (k: ReportKeys) => `${reportPath(k)}/document-link`;

/** The dialog's page, or null when the answer carries no web address a browser may open. */
export function documentDialog(link: DocumentLink, now: Date, tz = TZ): string | null {
  if (!/^https?:\/\//i.test(link.url) || Number.isNaN(Date.parse(link.expiresAt))) return null;
  const expires = `Liên kết dùng được đến ${formatDateTime(link.expiresAt, tz)} (${timeLeft(link.expiresAt, now)}); sau đó chọn lại Cascade › Tải báo cáo Word.`;
  return [
    '<!doctype html><html lang="vi"><head><meta charset="utf-8">',
    '<style>body{font-family:Arial,sans-serif;font-size:13px;margin:8px}a{font-size:15px;font-weight:bold}p{color:#52606d}</style></head><body>',
    `<p><a href="${escapeHtml(link.url)}" target="_blank" rel="noopener">Mở báo cáo Word</a></p>`,
    `<p>${escapeHtml(expires)}</p>`,
    '</body></html>',
  ].join('');
}

export const NO_DOCUMENT = 'Máy chủ Cascade chưa trả về được liên kết tải báo cáo. Thử lại sau ít phút.';
