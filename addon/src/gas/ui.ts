/** What the user sees of Apps Script: the menu, alerts, dialogs and the sidebar. */
import { UNEXPECTED, UserError } from '../core/api';
import { fillPage } from '../core/html';
import CONNECT_HTML from '../pages/connect.html';
import ROLLUP_HTML from '../pages/rollup.html';
import SIDEBAR_HTML from '../pages/sidebar.html';
import { INSTALLED_BASE, savedBase } from './http';

const TITLE = 'Cascade';

function ui() {
  return SpreadsheetApp.getUi();
}

export function addMenu() {
  ui()
    .createAddonMenu()
    .addItem('Kết nối', 'showConnect')
    .addItem('Báo cáo của tôi', 'showSidebar')
    .addItem('Tạo sheet báo cáo', 'showSidebar')
    .addSeparator()
    .addItem('Kiểm tra', 'validateActiveSheet')
    .addItem('Nộp báo cáo', 'submitActiveSheet')
    .addItem('Tải báo cáo Word', 'downloadReportDocument')
    .addSeparator()
    .addItem('Lấy tổng hợp', 'showRollupDialog')
    .addItem('Tổng hợp lên cấp trên', 'compileActiveSheet')
    .addSeparator()
    .addItem('Hướng dẫn', 'showHelp')
    .addToUi();
}

export function alert(title: string, message: string) {
  ui().alert(title, message, ui().ButtonSet.OK);
}

export function dialog(html: string, title: string, width: number, height: number) {
  ui().showModalDialog(HtmlService.createHtmlOutput(html).setWidth(width).setHeight(height), title);
}

/** The address field is pre-filled: the one this user connected to, else the one the add-on was installed for. */
export function showConnect() {
  dialog(fillPage(CONNECT_HTML, { apiUrl: savedBase() ?? INSTALLED_BASE }), 'Kết nối Cascade', 440, 340);
}

export function showSidebar() {
  ui().showSidebar(HtmlService.createHtmlOutput(SIDEBAR_HTML).setTitle('Báo cáo của tôi'));
}

export function showRollupDialog() {
  dialog(ROLLUP_HTML, 'Lấy tổng hợp', 460, 300);
}

export function showHelp() {
  alert('Hướng dẫn Cascade', [
    '1. Kết nối: nhập địa chỉ máy chủ Cascade và mã truy cập của đơn vị (ghi trên phiếu bàn giao của cấp trên).',
    '2. Báo cáo của tôi: xem các kỳ báo cáo phải nộp, hạn nộp và trạng thái; chọn một kỳ để tạo sheet báo cáo.',
    '3. Điền cột Giá trị (hoặc Tử số/Mẫu số với chỉ tiêu tỷ lệ). Ô để trống nghĩa là chưa có số liệu, không phải 0. Chỉ tiêu không áp dụng với đơn vị: chọn "Có" ở cột Không áp dụng và ghi lý do.',
    '4. Kiểm tra, rồi Nộp báo cáo: biên nhận (phiên bản, thời gian, đúng hạn hay trễ hạn) và các cảnh báo ghi vào đầu sheet.',
    '5. Tải báo cáo Word: lấy bản báo cáo theo mẫu Nghị định 30 của sheet đang mở.',
    '6. Cấp quận/huyện: Lấy tổng hợp để xem số liệu các phường; Tổng hợp lên cấp trên để lập báo cáo của mình.',
  ].join('\n'));
}

function messageOf(e: unknown): string {
  if (e instanceof UserError) return e.message;
  console.error(e);
  return UNEXPECTED;
}

/** From the menu: a UserError becomes an alert (nothing else would show it). */
export function fromMenu<T>(action: () => T): T | undefined {
  try {
    return action();
  } catch (e) {
    alert(TITLE, messageOf(e));
    return undefined;
  }
}

/** From a page (google.script.run): the Vietnamese message goes to its failure handler. */
export function fromPage<T>(action: () => T): T {
  try {
    return action();
  } catch (e) {
    throw new Error(messageOf(e));
  }
}
