/** What the add-on tells a user when the API says no: Vietnamese, actionable, never a stack trace. */
export type ApiFailure = { ok: false; status: number; message: string };
export type ApiSuccess<T> = { ok: true; status: number; data: T };

export function interpret<T>(status: number, body: string): ApiSuccess<T> | ApiFailure {
  let json: any = null;
  try {
    json = body ? JSON.parse(body) : null;
  } catch {
    json = null;
  }
  if (status >= 200 && status < 300) return { ok: true, status, data: json as T };
  const detail = json?.errors?.length
    ? json.errors.slice(0, 5).map((e: { path: string; message: string }) => `${e.path}: ${e.message}`).join('; ')
    : (json?.detail ?? '');
  const messages: Record<number, string> = {
    400: `Dữ liệu chưa hợp lệ, hãy sửa rồi gửi lại. ${detail}`,
    401: 'Mã truy cập không hợp lệ, đã hết hạn hoặc đã bị thu hồi. Vào Cascade › Kết nối để nhập mã mới.',
    403: `Mã truy cập này không có quyền với đơn vị hoặc báo cáo này. ${detail}`,
    404: `Không tìm thấy trên máy chủ Cascade. ${detail}`,
    409: `Báo cáo vừa thay đổi hoặc đã được tiếp nhận, chưa thể ghi đè. ${detail}`,
    413: 'Dữ liệu gửi lên quá lớn.',
    422: 'Khóa gửi của sheet đã được dùng cho một nội dung khác. Xóa ô "Khóa gửi" rồi nộp lại.',
  };
  return { ok: false, status, message: (messages[status] ?? `Máy chủ Cascade trả lỗi ${status}. ${detail}`).trim() };
}

export const NETWORK_MESSAGE = 'Không kết nối được tới máy chủ Cascade. Kiểm tra mạng rồi thử lại; báo cáo chưa bị mất.';

export function normaliseBase(url: string): string | null {
  const u = url.trim().replace(/\/+$/, '');
  return /^https?:\/\/[^\s/]+/.test(u) ? u : null;
}
