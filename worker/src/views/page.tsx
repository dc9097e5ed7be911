/** @jsxImportSource hono/jsx */
/** The web app's page: sign-in, the header with the plan and the views, and the one client script. */
import { CLIENT_SCRIPT } from './client';

const STYLE = `
:root { font-family: system-ui, sans-serif; color: #1f2933; }
[hidden] { display: none !important; }
svg { max-width: 44rem; display: block; }
body { margin: 0; } header { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; padding: .5rem 1rem; background: #0b4f8a; color: #fff; }
header h1 { font-size: 1.1rem; margin: 0 1rem 0 0; } select, input, button, textarea { font: inherit; max-width: 100%; }
#plan { min-width: 0; flex: 1 1 12rem; }
#views { display: flex; flex-wrap: wrap; gap: .25rem; } #views button[aria-current=true] { background: #ffd166; }
main { padding: 1rem; overflow-x: auto; } table { border-collapse: collapse; } th, td { border: 1px solid #ccd; padding: .25rem .4rem; text-align: center; }
td.unit, th.unit { text-align: left; white-space: nowrap; } caption { text-align: left; font-weight: 600; padding: .3rem 0; }
.ontime { background: #2e7d32; color: #fff; } .late { background: #f9a825; } .overdue { background: #c62828; color: #fff; }
.open { background: #e3eaf2; } .returned { background: #8e24aa; color: #fff; } .accepted { background: #1b5e20; color: #fff; }
td[data-report] { cursor: pointer; } .legend span { display: inline-block; padding: .1rem .4rem; margin: .1rem; }
.miss { color: #c62828; font-weight: 600; } .versions { display: flex; gap: 1rem; flex-wrap: wrap; } .version { border: 1px solid #ccd; padding: .5rem; }
#signin { max-width: 28rem; margin: 3rem auto; display: grid; gap: .5rem; } #signin-error, #notice { color: #c62828; }
@media (max-width: 600px) { main { padding: .5rem; } th, td { padding: .2rem; font-size: .85rem; } }
`;

export const Page = () => (
  <html lang="vi">
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <title>Cascade — Theo dõi báo cáo</title>
      <style>{STYLE}</style>
    </head>
    <body>
      <form id="signin">
        <h1>Cascade — Theo dõi kế hoạch và báo cáo</h1>
        <label for="token">Mã truy cập (token) của đơn vị</label>
        <input id="token" name="token" type="password" autocomplete="off" required />
        <button type="submit">Đăng nhập</button>
        <p id="signin-error" role="alert"></p>
      </form>
      <div id="app" hidden>
        <header>
          <h1>Cascade</h1>
          <select id="plan" aria-label="Kế hoạch"></select>
          <nav id="views">
            <button type="button" data-view="matrix">Tình hình nộp báo cáo</button>
            <button type="button" data-view="indicators">Chỉ tiêu</button>
            <button type="button" data-view="calendar">Lịch</button>
            <button type="button" data-view="scores">Điểm</button>
          </nav>
          <button type="button" id="signout">Đăng xuất</button>
        </header>
        <p id="notice" role="status"></p>
        <main id="view"></main>
      </div>
      <script dangerouslySetInnerHTML={{ __html: CLIENT_SCRIPT }} />
    </body>
  </html>
);
