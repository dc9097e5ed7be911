import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launch } from './chromium';
import { call, startLocalWorker, type LocalWorker } from './local-worker';
import { ARTIFACTS, DESKTOP, expectAccessible, expectNoPageScroll, expectVietnamese, goView, importUnits, P15, PHONE, ROOT, shot, signIn, token, waitIdle } from './webapp';

/**
 * The whole story of seed 002 through the web app: a Quận 10 officer pastes the plan's text, fixes what the text
 * left open (its number, its date, four tasks without assignees) and adds the indicators and a criterion, activates
 * it after the preview, issues Phường 15's token and prints its slip, subscribes a reminder webhook (a local receiver
 * gets the ping); Phường 15 submits from its phone (one indicator not applicable, a percent as 289 of 300); the
 * officer returns it with a reason; the ward reads the reason, resubmits; the officer accepts; the matrix, the
 * calendar and the scores follow. Then the cascade: Quận 10 derives its own plan from the city's.
 */
const run = chromiumAvailable();
const SEED = readFileSync(join(ROOT, 'data', 'seeds', '002_27a88d545d297959.txt'), 'utf8');
let worker: LocalWorker;
let browser: Browser;
let receiver: Server;
let received: { path: string; body: string }[] = [];
let hookUrl = '';
let manager = '';
let office: Page;
let officeContext: BrowserContext;
let planId = '';
let wardToken = '';
let sixMonths = '';
const nextYear = new Date().getFullYear() + 1; // a token's expiry must lie ahead, whatever the day the test runs
const today = () => new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric' }).format(new Date());

beforeAll(async () => {
  if (!run) return;
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      received.push({ path: req.url ?? '', body });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', () => r()));
  hookUrl = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/chat/q10`;
  worker = await startLocalWorker({ allowPrivateWebhooks: true });
  await importUnits(worker.base, worker.admin);
  manager = await token(worker.base, worker.admin, '771', 'manager', 'Chị Hà, Phòng Nội vụ Quận 10');
  browser = await launch();
  officeContext = await browser.newContext({ viewport: DESKTOP, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  office = await officeContext.newPage();
  office.on('dialog', (d) => void d.accept());
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await worker?.stop();
  receiver?.close();
});

const matrixStatus = (page: Page, unit: string, column: string) =>
  page.getAttribute(`table.matrix tr[data-unit="${unit}"] td:nth-child(${column})`, 'data-status');

describe.skipIf(!run)('seed 002, from its text to an accepted report', () => {
  it('the officer pastes the plan, sees what the text left open first, gets the API’s checks on the fields, fixes them and saves a draft', async () => {
    await signIn(office, worker.base, manager);
    await office.waitForSelector('#plans'); // no active plan yet: the plans view first
    await office.click('#new-plan summary');
    await office.fill('#plan-text', SEED);
    await office.click('[data-action=extract]');
    await office.waitForSelector('#plan-editor');
    // What the text left open comes first, highlighted where it belongs.
    const gaps = await office.$$eval('#unresolved li', (li) => li.map((l) => (l as HTMLElement).dataset.gap));
    expect(gaps).toEqual(['number', 'issuedOn', 'tasks[4].assignees', 'tasks[5].assignees', 'tasks[6].assignees', 'tasks[7].assignees']);
    expect(await office.$eval('#plan-editor', (f) => f.firstElementChild?.nextElementSibling?.id)).toBe('unresolved');
    expect(await office.getAttribute('[data-path="tasks[4].assignees"]', 'class')).toContain('unresolved');
    expect(await office.textContent('#unresolved')).toContain('Kế hoạch không nêu đơn vị thực hiện nội dung này; hãy chọn đơn vị.');
    // Every value links to the words it came from: hover (title) or tap.
    const quote = office.locator('[data-path="title"] button.quote');
    expect(await quote.getAttribute('title')).toContain('Thực hiện các giải pháp nâng cao Chỉ số Hiệu quả quản trị');
    await quote.click();
    expect(await office.isVisible('[data-path="title"] .quote-text')).toBe(true);
    // The due rules in words.
    const dues = await office.$$eval('[data-words=due]', (p) => p.map((x) => x.textContent));
    expect(dues).toEqual(['Hạn nộp: trước ngày 01/02/2021', 'Hạn nộp: trước ngày 15/5 hằng năm', 'Hạn nộp: trước ngày 15/10 hằng năm']);
    await expectAccessible(office, 'editor with gaps');
    await expectNoPageScroll(office, 'editor');
    await shot(office, 'story-editor-extracted-1366');

    // Saving as it is: the API's own checks come back onto the fields, in Vietnamese.
    await office.click('[data-edit=save]');
    await office.waitForSelector('#editor-errors');
    expect(await office.textContent('[data-path="number"] .field-error')).toBe('bắt buộc phải có');
    expect(await office.textContent('[data-path="tasks[5].assignees"] .field-error')).toBe('bắt buộc phải có') // the text names no one for it, so it is missing;
    expect(await office.getAttribute('#notice', 'class')).toContain('err');
    await shot(office, 'story-editor-errors-1366');

    await office.fill('input[data-bind="number"]', 'KH-PAPI/Q10');
    await office.fill('input[data-bind="issuedOn"]', '01/09/2020');
    for (const i of [4, 5, 6, 7]) {
      await office.check(`[data-path="tasks[${i}].assignees"] input[type=radio][value=level]`);
      expect(await office.textContent(`[data-path="tasks[${i}].assignees"] .words`)).toBe('Mọi đơn vị cấp “Phường, xã” thuộc Quận 10');
    }
    // The plan's two measurable targets and a scoring criterion.
    await office.click('[data-edit=add][data-list=indicators]');
    await office.fill('textarea[data-bind="indicators[0].name"]', 'Tỷ lệ hồ sơ TTHC giải quyết đúng hạn');
    await office.fill('input[data-bind="indicators[0].code"]', 'TTHC_DUNG_HAN');
    await office.selectOption('select[data-bind="indicators[0].kind"]', 'percent');
    await office.fill('input[data-bind="indicators[0].unit"]', 'hồ sơ');
    await office.selectOption('select[data-bind="indicators[0].target.op"]', '>');
    await office.fill('input[data-bind="indicators[0].target.value"]', '95');
    expect(await office.textContent('[data-path="indicators[0]"] [data-words=target]')).toBe('Chỉ tiêu: trên 95 %');
    await office.click('[data-edit=add][data-list=indicators]');
    await office.fill('textarea[data-bind="indicators[1].name"]', 'Số cuộc đối thoại với tổ chức, cá nhân');
    await office.fill('input[data-bind="indicators[1].code"]', 'DOI_THOAI');
    await office.fill('input[data-bind="indicators[1].unit"]', 'cuộc');
    await office.click('[data-edit=add][data-list=criteria]');
    await office.fill('textarea[data-bind="criteria[0].name"]', 'Thực hiện chế độ báo cáo');
    await office.fill('input[data-bind="criteria[0].code"]', 'C1');
    await office.fill('input[data-bind="criteria[0].maxPoints"]', '10');
    // When the wards are reminded of the 6-month report: a week and a day before, then a day and a week after.
    expect(await office.inputValue('input[data-bind="schedules[1].name"]')).toBe('Báo cáo 6 tháng');
    await office.fill('input[data-bind="schedules[1].reminders.before"]', '7, 1');
    await office.fill('input[data-bind="schedules[1].reminders.after"]', '1 và 7');
    await office.click('[data-edit=save]');
    await office.waitForFunction(() => document.querySelector('#notice')?.textContent?.startsWith('Đã lưu bản nháp kế hoạch KH-PAPI/Q10'));
    expect(await office.getAttribute('#notice', 'class')).toContain('ok');
    expect(await office.$('#editor-errors')).toBeNull();
    expect(await office.$('#unresolved')).toBeNull();
    const listed = await call(worker.base, manager, 'GET', '/v1/plans?issuer=771&status=draft');
    planId = listed.items[0].id;
    const six = (await call(worker.base, manager, 'GET', `/v1/plans/${planId}`)).schedules.find((s: { name: string }) => s.name === 'Báo cáo 6 tháng');
    expect(six.reminders).toEqual({ before: [7, 1], after: [1, 7] });
    sixMonths = six.id;
  });

  it('activates it after a preview of what activation does', async () => {
    await office.click('#plan-editor [data-action=preview]');
    await office.waitForSelector('#preview');
    const preview = await office.textContent('#preview');
    expect(preview).toContain('90 kỳ báo cáo'); // 18 units × (1 one-off + 2 half-years + 2 years)
    expect(preview).toContain('Nhắc việc: nhắc trước hạn 7 ngày và 1 ngày; khi quá hạn, nhắc sau 1 ngày và 7 ngày.');
    expect(preview).toContain('6 tháng đầu năm 2020: chậm nhất 23:59 ngày 14/05/2020');
    await expectAccessible(office, 'preview');
    await shot(office, 'story-preview-1366');
    await office.click('[data-action=activate]');
    await office.waitForSelector('table.matrix');
    expect(await office.textContent('#notice')).toBe('Đã ban hành kế hoạch: 90 kỳ báo cáo đã được giao.');
    expect(await office.evaluate(() => location.hash)).toBe(`#v=matrix&plan=${planId}`);
    expect(await office.inputValue('#plan')).toBe(planId);
  });

  it('issues Phường 15’s token and prints its handover slip', async () => {
    await goView(office, `#v=units&plan=${planId}`);
    await office.click(`#tree li[data-unit="${P15}"] > .node [data-action=token-for]`);
    expect(await office.inputValue('#token-form select[name=unit]')).toBe(P15);
    await office.fill('#token-form input[name=label]', 'Anh Minh, văn phòng UBND Phường 15');
    await office.click('[data-action=issue-token]');
    await office.waitForSelector('#issued .slip');
    const slip = (field: string) => office.textContent(`#issued [data-slip=${field}]`);
    expect(await slip('unit')).toBe('Phường 15');
    expect(await slip('role')).toBe('Cán bộ nộp báo cáo');
    expect(await slip('label')).toBe('Anh Minh, văn phòng UBND Phường 15');
    expect(await slip('origin')).toBe(worker.base);
    expect(await slip('issued')).toBe(today());
    wardToken = (await slip('token'))!;
    expect(wardToken).toMatch(/^csc_/);
    const steps = await office.textContent('#issued .slip ol');
    expect(steps).toContain('Tiện ích mở rộng › Cascade › Kết nối');
    expect(steps).toContain(`${worker.base}/app`);
    expect(await office.$$eval('#tokens tr[data-unit="27163"]', (r) => r.length)).toBe(1);
    // Printing shows the slip alone.
    await office.evaluate(() => { window.print = () => {}; });
    await office.click('[data-action=print-slip]');
    await office.emulateMedia({ media: 'print' });
    expect(await office.isVisible('#slip-host .slip')).toBe(true);
    expect(await office.isVisible('header.top')).toBe(false);
    expect(await office.isVisible('#units')).toBe(false);
    await office.screenshot({ path: join(ARTIFACTS, 'story-slip-print-1366.png'), fullPage: true });
    await office.pdf({ path: join(ARTIFACTS, 'story-slip.pdf'), format: 'A4' }); // Chromium fires afterprint here: the page is whole again
    await office.emulateMedia({ media: 'screen' });
    await shot(office, 'story-token-issued-1366');
    // A second token, for a while only, and revoked again (the page asks twice, in Vietnamese).
    await office.selectOption('#token-form select[name=unit]', '27166');
    await office.fill('#token-form input[name=label]', 'Chị Lan, UBND Phường 13');
    await office.fill('#token-form input[name=expires]', `31/2/${nextYear}`);
    await office.click('[data-action=issue-token]');
    expect(await office.textContent('#token-form .field-error')).toBe(`Nhập ngày dạng ngày/tháng/năm, ví dụ 31/12/${nextYear}.`);
    await office.fill('#token-form input[name=expires]', `31/12/${nextYear}`);
    await office.click('[data-action=issue-token]');
    await office.waitForSelector('#tokens tr[data-unit="27166"]');
    expect(await office.textContent('#tokens tr[data-unit="27166"]')).toContain(`31/12/${nextYear}`);
    expect(await office.textContent('#issued [data-slip=unit]')).toBe('Phường 13');
    const revoke = office.locator('#tokens tr[data-unit="27166"] [data-action=revoke]');
    await revoke.click();
    expect(await revoke.textContent()).toBe('Bấm lần nữa để thu hồi');
    await revoke.click();
    await office.waitForFunction(() => document.querySelector('#tokens tr[data-unit="27166"] .token-state')?.textContent?.startsWith('Đã thu hồi'));
    expect(await office.textContent('#notice')).toBe('Đã thu hồi mã của Chị Lan, UBND Phường 13.');
  });

  it('subscribes a reminder webhook; the test message reaches the receiver and the log says so', async () => {
    await goView(office, `#v=reminders&plan=${planId}`);
    await office.fill('#webhook-form input[name=url]', hookUrl);
    await office.click('[data-action=subscribe]');
    await office.waitForSelector('[data-webhook] [data-action=ping]');
    await office.click('[data-webhook] [data-action=ping]');
    await office.waitForFunction(() => document.querySelector('[data-delivery] .delivery-status')?.textContent === 'Đã gửi', undefined, { timeout: 20_000 });
    expect(received.length).toBe(1);
    expect(received[0]!.path).toBe('/chat/q10');
    expect(JSON.parse(received[0]!.body).text).toBeTruthy();
    expect(await office.textContent('[data-delivery] .attempts')).toMatch(/Lần 1: \d\d:\d\d ngày .* · HTTP 200 · \d+ ms/);
    await expectVietnamese(office, '#reminders', 'reminders after ping');
    // Sent again on request: a second delivery of the same event reaches the receiver.
    await office.click('[data-delivery] [data-action=redeliver]');
    await expect.poll(() => received.length, { timeout: 15_000 }).toBe(2);
    expect(received[1]!.body).toBe(received[0]!.body);
    await office.waitForFunction(() => document.querySelector('[data-delivery] .attempts')?.textContent?.includes('Lần 2'), undefined, { timeout: 15_000 });
    await shot(office, 'story-reminders-1366');
  });

  let phone: Page;
  it('Phường 15 signs in on its phone with the slip’s token and submits: one indicator not applicable, 289 of 300', async () => {
    const context = await browser.newContext({ viewport: PHONE, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', hasTouch: true, isMobile: true });
    phone = await context.newPage();
    await signIn(phone, worker.base, wardToken);
    await phone.waitForSelector('#owed');
    expect(await phone.textContent('#who')).toBe('Phường 15 · Cán bộ nộp báo cáo');
    await phone.locator('details:has(.old-list) summary').tap();
    await phone.locator(`.old-list li[data-period="2021S1"] a`).tap();
    await phone.waitForSelector('#report-form');
    await phone.fill('fieldset[data-indicator="TTHC_DUNG_HAN"] input[name=numerator]', '289');
    await phone.fill('fieldset[data-indicator="TTHC_DUNG_HAN"] input[name=denominator]', '300');
    expect(await phone.textContent('fieldset[data-indicator="TTHC_DUNG_HAN"] output')).toBe('96,3 %');
    await phone.check('fieldset[data-indicator="DOI_THOAI"] input[name=na]');
    await phone.fill('fieldset[data-indicator="DOI_THOAI"] textarea[name=note]', 'Sáu tháng đầu năm không có kiến nghị nào cần đối thoại');
    await phone.selectOption('fieldset.task >> nth=0 >> select[name=status]', 'in_progress');
    await phone.fill('fieldset.task >> nth=0 >> textarea[name=result]', 'Đã kiện toàn Ban thanh tra nhân dân 6/6 khu phố');
    await phone.tap('button[data-action="submit-report"]');
    await phone.waitForSelector('#receipt .receipt[data-version="1"]');
    expect(await phone.textContent('#receipt')).toMatch(/Đã nộp phiên bản 1 lúc \d\d:\d\d ngày \d\d\/\d\d\/\d{4} · Trễ hạn/);
    await shot(phone, 'story-ward-receipt-390');
  });

  it('the officer reviews it and returns it with a reason', async () => {
    await goView(office, `#v=matrix&plan=${planId}`);
    const column = await office.$$eval('table.matrix thead th', (th) => String(th.findIndex((t) => (t as HTMLElement).innerText.includes('6 tháng đầu năm 2021')) + 1));
    expect(await matrixStatus(office, P15, column)).toBe('late');
    await office.click(`table.matrix tr[data-unit="${P15}"] td:nth-child(${column}) a`);
    await office.waitForSelector('section.report');
    const values = await office.textContent('#values');
    expect(values).toContain('289/300 hồ sơ (96,3 %)');
    expect(values).toContain('Không áp dụng — Sáu tháng đầu năm không có kiến nghị nào cần đối thoại');
    expect(await office.textContent('[data-indicator="TTHC_DUNG_HAN"] td:last-child')).toBe('Đạt');
    expect(await office.textContent('section.report')).toContain('Đã kiện toàn Ban thanh tra nhân dân 6/6 khu phố');
    expect(await office.textContent('section.report dl.facts')).toContain('Trễ hạn');
    await office.fill('#reason', 'Đề nghị ghi rõ số hồ sơ trễ hạn và số Thư xin lỗi đã gửi.');
    await office.click('[data-action=return]');
    await office.waitForFunction(() => (document.querySelector('#report-status') as HTMLElement | null)?.dataset.status === 'returned');
    expect(await office.textContent('#notice')).toBe('Đã trả lại báo cáo.');
  });

  it('the ward reads the reason at the top of its list and of the form, and resubmits', async () => {
    await goView(phone, '#v=owed');
    const top = phone.locator('#owed .returned-list li').first();
    expect(await top.getAttribute('data-period')).toBe('2021S1');
    expect(await top.locator('.reason').textContent()).toBe('Lý do trả lại: Đề nghị ghi rõ số hồ sơ trễ hạn và số Thư xin lỗi đã gửi.');
    await shot(phone, 'story-ward-returned-390');
    await top.locator('a').tap();
    await phone.waitForSelector('#report-form');
    expect(await phone.textContent('#form-reason')).toContain('Đề nghị ghi rõ số hồ sơ trễ hạn và số Thư xin lỗi đã gửi.');
    expect(await phone.inputValue('fieldset[data-indicator="TTHC_DUNG_HAN"] input[name=numerator]')).toBe('289'); // what it sent, to correct
    await phone.fill('fieldset[data-indicator="TTHC_DUNG_HAN"] input[name=numerator]', '290');
    await phone.fill('fieldset.task >> nth=0 >> textarea[name=difficulties]', '11 hồ sơ trễ hạn; đã gửi 11 Thư xin lỗi');
    await phone.tap('button[data-action="submit-report"]');
    await phone.waitForSelector('#receipt .receipt[data-version="2"]');
    expect(await phone.isVisible('#form-reason')).toBe(false);
    await phone.context().close();
  });

  it('the officer sees the new version first with what changed, and accepts; matrix, calendar and scores follow', async () => {
    await goView(office, `#v=calendar&plan=${planId}&period=2021S1`);
    expect(await office.$$eval(`#calendar a[data-unit="${P15}"]`, (a) => a.length)).toBe(0); // resubmitted: owes nothing there
    const owing = await office.$$eval('#calendar a[data-unit]', (a) => a.length);
    expect(owing).toBe(17);
    await goView(office, `#v=report&plan=${planId}&unit=${P15}&schedule=${sixMonths}&period=2021S1`);
    expect(await office.$$eval('#versions th.version', (th) => th.map((t) => (t as HTMLElement).dataset.version))).toEqual(['2', '1']);
    expect(await office.getAttribute('#versions tr[data-indicator="TTHC_DUNG_HAN"] td:nth-child(2)', 'data-changed')).toBe('true');
    expect(await office.getAttribute('#versions tr[data-indicator="DOI_THOAI"] td:nth-child(2)', 'data-changed')).toBeNull();
    expect(await office.textContent('#history')).toContain('Trả lại — lý do: Đề nghị ghi rõ số hồ sơ trễ hạn');
    await shot(office, 'story-report-v2-1366');
    await office.click('[data-action=accept]');
    await office.waitForFunction(() => (document.querySelector('#report-status') as HTMLElement | null)?.dataset.status === 'accepted');
    expect(await office.textContent('#report-status')).toBe('Đã tiếp nhận');
    await office.click('a:has-text("Về bảng tình hình nộp")');
    await office.waitForSelector('table.matrix');
    const column = await office.$$eval('table.matrix thead th', (th) => String(th.findIndex((t) => (t as HTMLElement).innerText.includes('6 tháng đầu năm 2021')) + 1));
    expect(await matrixStatus(office, P15, column)).toBe('accepted');
    expect(await office.textContent(`table.matrix tfoot td:nth-child(${column})`)).toBe('1/18 đã nộp · 0 đúng hạn');
    // Scores: the officer scores Phường 15 on the plan's criterion.
    await goView(office, `#v=scores&plan=${planId}`);
    await office.selectOption('#score-form select[name=unit]', P15);
    await office.fill('#score-form input[name=C1]', '8');
    await office.click('[data-action=save-score]');
    await office.waitForSelector(`#ranking tr[data-unit="${P15}"]`);
    expect(await office.textContent(`#ranking tr[data-unit="${P15}"]`)).toContain('8/10');
    expect(await office.textContent('#notice')).toBe('Đã lưu điểm cho Phường 15.');
    // The receiver heard about the submissions and the return, too.
    await expect.poll(() => received.length, { timeout: 15_000 }).toBeGreaterThanOrEqual(5);
  });

  it('cascades: Quận 10 derives its own plan from the city’s, tightens a target and saves it', async () => {
    const city = await call(worker.base, worker.admin, 'POST', '/v1/plans', {
      number: '01/KH-UBND-TP', title: 'Nâng cao chỉ số cải cách hành chính của Thành phố', issuer: '79', issuedOn: '2026-01-10', years: [2026],
      tasks: [{ code: 'T1', title: 'Rà soát thủ tục hành chính', assignees: { level: 'district' } }],
      indicators: [{ code: 'TTHC_DUNG_HAN', name: 'Tỷ lệ hồ sơ TTHC giải quyết đúng hạn', kind: 'percent', target: { op: '>=', value: 90 } }],
      schedules: [{ code: 'NAM', name: 'Báo cáo năm', periodType: 'year', due: { rule: 'fixedDate', month: 12, day: 20, before: false }, appliesTo: { level: 'district' }, reportTo: '79' }],
    });
    await call(worker.base, worker.admin, 'POST', `/v1/plans/${city.id}/activate`);
    await goView(office, '#v=plans');
    const above = office.locator(`#above-plans li[data-plan="${city.id}"]`);
    expect(await above.textContent()).toContain('Thành phố Hồ Chí Minh');
    await above.locator('[data-action=derive]').click();
    await office.waitForSelector('#plan-editor');
    expect(await office.textContent('#plan-editor')).toContain('Căn cứ kế hoạch 01/KH-UBND-TP');
    expect(await office.textContent('[data-path="indicators[0]"] [data-words=target]')).toBe('Chỉ tiêu: từ 90 % trở lên');
    await office.fill('input[data-bind="indicators[0].target.value"]', '95');
    expect(await office.textContent('[data-path="indicators[0]"] [data-words=target]')).toBe('Chỉ tiêu: từ 95 % trở lên');
    await office.click('[data-edit=save]');
    await office.waitForFunction(() => document.querySelector('#notice')?.textContent?.startsWith('Đã lưu bản nháp'));
    const derived = (await call(worker.base, manager, 'GET', `/v1/plans/${city.id}/derived`)).items[0];
    const stored = await call(worker.base, manager, 'GET', `/v1/plans/${derived.id}`);
    expect(stored.indicators[0].target).toEqual({ op: '>=', value: 95 });
    expect(stored.version).toBe(2);
    await waitIdle(office);
    expect(await office.textContent(`#above-plans li[data-plan="${city.id}"]`)).toContain('Đã lập kế hoạch triển khai');
    await shot(office, 'story-derive-1366');
  });

  it('reads the plan from its Word file as well', async () => {
    const { Document, Packer, Paragraph } = await import('docx');
    const doc = new Document({ sections: [{ children: SEED.split('\n').map((line) => new Paragraph(line)) }] });
    await goView(office, '#v=plans');
    await office.click('#new-plan summary');
    await office.setInputFiles('#plan-file', { name: 'Ke hoach PAPI.docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', buffer: await Packer.toBuffer(doc) });
    expect(await office.textContent('#plan-file-name')).toBe('Ke hoach PAPI.docx');
    await office.click('[data-action=extract]');
    await office.waitForFunction(() => (document.querySelector('textarea[data-bind="title"]') as HTMLTextAreaElement | null)?.value.includes('PAPI'));
    expect(await office.inputValue('textarea[data-bind="title"]')).toContain('nâng cao Chỉ số Hiệu quả quản trị và Hành chính công cấp tỉnh (PAPI)');
    expect(await office.$$eval('#unresolved li', (li) => li.length)).toBeGreaterThan(0);
  });
});
