/** @jsxImportSource hono/jsx */
/**
 * The web app's page (/app): the sign-in form, the shell the fragments fill (the header comes from the session
 * fragment, so a ward's clerk and a district's officer each see their own), and the one client script.
 */
import { raw } from 'hono/html';
import { CLIENT_SCRIPT } from './client';
import { STYLE } from './style';

export const Page = () => (
  <html lang="vi">
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <meta name="referrer" content="no-referrer" />
      <title>Cascade — Kế hoạch và báo cáo</title>
      <style>{raw(STYLE)}</style>
    </head>
    <body>
      <form id="signin">
        <h1>Cascade — Kế hoạch và báo cáo</h1>
        <p class="muted">Nhập mã truy cập mà cấp trên đã giao cho đơn vị (ghi trên phiếu bàn giao).</p>
        <label for="token">Mã truy cập của đơn vị</label>
        <input id="token" name="token" type="password" autocomplete="off" required />
        <label class="switch"><input id="remember" type="checkbox" /> Ghi nhớ trên thiết bị này</label>
        <button type="submit" class="primary">Đăng nhập</button>
        <p id="signin-error" role="alert"></p>
      </form>
      <div id="app" hidden>
        <div id="session"></div>
        <div id="pending" class="banner" role="status" hidden></div>
        <div id="notice" class="notice" role="status" aria-live="polite"></div>
        <main id="view" tabindex={-1}></main>
      </div>
      <div id="slip-host"></div>
      <footer class="muted page-foot">
        <a href="/docs">Tài liệu API</a> (cho cán bộ công nghệ thông tin kết nối hệ thống khác)
      </footer>
      <noscript><p>Trang này cần bật JavaScript.</p></noscript>
      <script>{raw(CLIENT_SCRIPT)}</script>
    </body>
  </html>
);
