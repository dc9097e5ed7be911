// Short plans written for the extraction tests in the style of real ones, each exercising the phrasings DESIGN §11
// lists. Units are those of worker/demo/units.csv; the issuer is named in each comment.

/** Issuer 771 (Quận 10): "Số 137/KH-UBND" without colon, "ngày 24/8/2020", "giai đoạn 2021 - 2025", Decree 09, a stored plan as basis. */
export const QUAN10_TTHC = `ỦY BAN NHÂN DÂN
QUẬN 10
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Số 137/KH-UBND

Quận 10, ngày 24/8/2020

KẾ HOẠCH
Kiểm soát thủ tục hành chính trên địa bàn Quận 10 giai đoạn 2021 - 2025

Căn cứ Nghị định số 09/2019/NĐ-CP ngày 24 tháng 01 năm 2019 của Chính phủ quy định về chế độ báo cáo của cơ quan hành chính nhà nước;
Căn cứ Kế hoạch số 35/KH-UBND ngày 15 tháng 3 năm 2020 của Ủy ban nhân dân Thành phố về kiểm soát thủ tục hành chính;
Ủy ban nhân dân Quận 10 ban hành Kế hoạch như sau:

I. MỤC ĐÍCH, YÊU CẦU
1. Mục đích
- Nâng cao chất lượng giải quyết thủ tục hành chính cho người dân, doanh nghiệp.
2. Yêu cầu
- Tỷ lệ hồ sơ giải quyết đúng hạn đạt từ 98% trở lên.
- Tỷ lệ hài lòng của người dân không dưới 80%.
- Tỷ lệ hồ sơ trễ hạn dưới 2%.
- Tỷ lệ văn bản trao đổi dưới dạng điện tử từ 90% trở lên.
- Tỷ lệ hồ sơ được số hóa đạt 95% trở lên.

II. NHIỆM VỤ
1. Phòng Nội vụ
- Tổ chức tối thiểu 01 lớp tập huấn về kiểm soát thủ tục hành chính.
2. Phòng Tư pháp chủ trì rà soát các quy định thủ tục hành chính; tổ chức tối thiểu 02 cuộc kiểm tra.
3. Ủy ban nhân dân các phường
- Tổ chức 02 hội nghị đối thoại với người dân.
4. Trung tâm Y tế quận
- Phối hợp thực hiện các nội dung của Kế hoạch.

III. TỔ CHỨC THỰC HIỆN
1. Ủy ban nhân dân 11 phường báo cáo định kỳ hằng quý về Ủy ban nhân dân quận (thông qua Phòng Tư pháp) trước ngày 05 của tháng cuối quý. Thời gian chốt số liệu báo cáo thực hiện theo Nghị định số 09/2019/NĐ-CP.
2. Các phòng chuyên môn báo cáo năm về Ủy ban nhân dân quận (qua Văn phòng HĐND và UBND quận) chậm nhất ngày 10 tháng 12 hàng năm.

Trên đây là Kế hoạch kiểm soát thủ tục hành chính giai đoạn 2021 - 2025 của Ủy ban nhân dân Quận 10.

Nơi nhận:
- UBND TP;
- Lưu: VT.
`;

/** Issuer 349 (Thị xã Duy Tiên): a one-off plan "trước ngày 01 tháng 02 năm 2021", "trong tháng 3/2021", "6 tháng, 01 năm … 15/6, 15/12", two recipients, UBND/MTTQ. */
export const DUYTIEN_DANVAN = `ỦY BAN NHÂN DÂN
THỊ XÃ DUY TIÊN
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 12/KH-UBND
Duy Tiên, ngày 05 tháng 01 năm 2021

KẾ HOẠCH
Thực hiện công tác dân vận chính quyền năm 2021

Căn cứ Quyết định số 3283/QĐ-UBND ngày 06 tháng 8 năm 2019 của Ủy ban nhân dân tỉnh về ban hành Kế hoạch dân vận chính quyền;
Thực hiện Kế hoạch số 3797/KH-UBND ngày 21 tháng 12 năm 2020 của UBND tỉnh Hà Nam về nhân rộng mô hình dân vận khéo;

I. MỤC ĐÍCH, YÊU CẦU
- 100% cán bộ, công chức được quán triệt nội dung Kế hoạch.

II. NHIỆM VỤ
1. UBND các xã, phường xây dựng kế hoạch thực hiện và gửi về UBND thị xã (qua Phòng Nội vụ) trước ngày 01 tháng 02 năm 2021.
2. Ủy ban MTTQ thị xã tuyên truyền trong đoàn viên, hội viên và Nhân dân.
3. Phòng Y tế thị xã phối hợp thực hiện.

III. TỔ CHỨC THỰC HIỆN
UBND các xã, phường tổ chức đánh giá, báo cáo kết quả bước đầu trong tháng 3/2021; định kỳ 6 tháng, 01 năm báo cáo về Ban Thường vụ Thị ủy (qua Ban Dân vận Thị ủy) và UBND thị xã (qua Phòng Nội vụ) trước ngày 15/6, 15/12 hàng năm.

Nơi nhận:
- Như trên;
- Lưu: VT.
`;

/** Issuer 26866 (Phường Phú Hữu): "P." and "TP." abbreviations, "UBMTTQ", monthly reports "trước ngày 20 hằng tháng" to the city above. */
export const PHUHUU_TUYENTRUYEN = `ỦY BAN NHÂN DÂN PHƯỜNG PHÚ HỮU
Số 45/KH-UBND
P. Phú Hữu, ngày 9/4/2021
KẾ HOẠCH
Tuyên truyền cải cách hành chính năm 2021
Căn cứ Kế hoạch số 137/KH-UBND ngày 10/4/2020 của UBND TP. Thủ Đức về tuyên truyền cải cách hành chính;
I. MỤC TIÊU
- Tỷ lệ hồ sơ giải quyết trực tuyến trên 30%.
II. NỘI DUNG
1. Công chức Tư pháp P. Phú Hữu: lồng ghép tuyên truyền pháp luật về cải cách hành chính.
2. UBMTTQ và các đoàn thể phường: tuyên truyền đến hội viên, đoàn viên.
III. TỔ CHỨC THỰC HIỆN
- Văn hóa và Thông tin phường báo cáo hằng tháng về UBND TP. Thủ Đức (qua Phòng Văn hóa và Thông tin) trước ngày 20 hằng tháng.
`;

/** Issuer 28993 (Xã Mỹ Thạnh): hamlets, "chậm nhất là ngày 25 tháng 11 hàng năm", "hằng năm", a 10-point scale, an office above. */
export const MYTHANH_THIDUA = `ỦY BAN NHÂN DÂN XÃ MỸ THẠNH
Số: 20/KH-UBND
Mỹ Thạnh, ngày 15 tháng 01 năm 2022
KẾ HOẠCH
Chấm điểm thi đua các ấp năm 2022
Căn cứ Kế hoạch số 05/KH-UBND ngày 10 tháng 01 năm 2022 của UBND huyện Giồng Trôm về thi đua khen thưởng;
I. MỤC ĐÍCH
- Động viên các ấp thi đua thực hiện tốt nhiệm vụ.
II. NỘI DUNG
1. Các ấp tổ chức phong trào thi đua; thang điểm là 10 điểm:
a) Công tác tuyên truyền: 04 điểm.
b) Công tác hòa giải ở cơ sở: 03 điểm.
c) Công tác an ninh trật tự: 03 điểm.
2. Hội Nông dân xã vận động hội viên tham gia.
III. TỔ CHỨC THỰC HIỆN
- Các ấp báo cáo kết quả về Ủy ban nhân dân xã chậm nhất là ngày 25 tháng 11 hàng năm.
- Ủy ban nhân dân xã tổng hợp, báo cáo Phòng Nội vụ huyện trước ngày 10/12 hằng năm.
`;

/** Issuer 771: "năm 2020 và những năm tiếp theo", a blank number, periods with no deadline, a cited date beside a real one. */
export const QUAN10_PAPI = `Số: /KH-UBND
Quận 10, ngày 01 tháng 9 năm 2020
KẾ HOẠCH
Nâng cao chỉ số PAPI năm 2020 và những năm tiếp theo
Thực hiện Thông báo số 607/TB-VP ngày 11 tháng 8 năm 2020 của Văn phòng Ủy ban nhân dân Thành phố;
I. MỤC TIÊU, YÊU CẦU
- Cải thiện điểm các chỉ số thành phần.
II. NHIỆM VỤ VÀ GIẢI PHÁP
1. Đối với Ủy ban nhân dân 15 phường
- Công khai danh sách hộ nghèo tại trụ sở.
2. Đối với các cơ quan, đơn vị thuộc Ủy ban nhân dân quận
- Phòng Tài nguyên và Môi trường hướng dẫn tham vấn cộng đồng.
- Thanh tra quận hướng dẫn công khai kết luận thanh tra.
III. TỔ CHỨC THỰC HIỆN
1. Định kỳ 6 tháng, năm, các phường báo cáo về Ủy ban nhân dân quận (thông qua Phòng Nội vụ).
2. Căn cứ Công văn số 12/UBND-NV ngày 05/3/2021 của Ủy ban nhân dân quận, các phòng ban, đơn vị báo cáo kết quả tự đánh giá về Phòng Nội vụ trước ngày 20/3/2021.
3. Thực hiện theo Quyết định số 3283/QĐ-UBND ngày 06 tháng 8 năm 2019, các phường gửi báo cáo về Ủy ban nhân dân quận theo quy định.
`;

/** Issuer 771: "quý I", "6 tháng đầu năm", "trong vòng 05 ngày sau khi kết thúc quý", a percent above 100, impossible dates. */
export const QUAN10_ODD = `Số: 88/KH-UBND
Quận 10, ngày 31 tháng 2 năm 2021
KẾ HOẠCH
Thí điểm chế độ báo cáo năm 2021
Căn cứ Kế hoạch số 1/KH-UBND ngày 02 tháng 01 năm 2021 của Ủy ban nhân dân quận;
I. YÊU CẦU
- Tỷ lệ hồ sơ được số hóa trên 100%.
- Tỷ lệ hồ sơ giải quyết đúng hạn đạt 100%.
II. TỔ CHỨC THỰC HIỆN
1. Các phường báo cáo quý I về Ủy ban nhân dân quận trong vòng 05 ngày sau khi kết thúc quý.
2. Các phường báo cáo 6 tháng đầu năm về Ủy ban nhân dân quận trước ngày 31/2.
3. Phường 15 và P. 14 gửi báo cáo năm về UBND Q.10 trước ngày 15 tháng 12.
`;

/** Issuer 79 (TP.HCM): "các quận, huyện", "Định kỳ hằng tháng, quý, 6 tháng, 9 tháng và năm" with one day for all, an unknown "Sở". */
export const HCM_CCHC = `ỦY BAN NHÂN DÂN
THÀNH PHỐ HỒ CHÍ MINH
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 4512/KH-UBND
Thành phố Hồ Chí Minh, ngày 20 tháng 12 năm 2021
KẾ HOẠCH
Cải cách hành chính năm 2022
Căn cứ Nghị quyết số 76/NQ-CP ngày 15 tháng 7 năm 2021 của Chính phủ ban hành Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2021 - 2030;
I. MỤC TIÊU
- Mức độ hài lòng của người dân đạt trên 90%.
II. NHIỆM VỤ
1. Sở Nội vụ chủ trì theo dõi, đánh giá Chỉ số cải cách hành chính.
2. Ủy ban nhân dân các quận, huyện và thành phố Thủ Đức triển khai kế hoạch tại địa phương.
III. TỔ CHỨC THỰC HIỆN
Định kỳ hằng tháng, quý, 6 tháng, 9 tháng và năm, Ủy ban nhân dân các quận, huyện báo cáo về Ủy ban nhân dân Thành phố (qua Sở Nội vụ) chậm nhất vào ngày 20 hằng tháng.
Nơi nhận:
- Như trên;
`;

/** Issuer 26866, a web copy: the page title carries the number ("Kế hoạch số 15/KH-UBND về …"), a posting time, no deadline. */
export const WEB_PHUHUU = `Trang chủ > Văn bản
Kế hoạch số 15/KH-UBND về triển khai Đề án 06 trên địa bàn phường năm 2022
Chủ nhật, 05/06/2022, 08:15 SA
Căn cứ Kế hoạch số 90/KH-UBND ngày 20 tháng 5 năm 2022 của Ủy ban nhân dân thành phố Thủ Đức;
I. MỤC ĐÍCH
- 100% hộ gia đình được hướng dẫn cài đặt tài khoản định danh điện tử.
II. TỔ CHỨC THỰC HIỆN
1. Công chức Tư pháp phường: hướng dẫn người dân đăng ký tài khoản.
2. Định kỳ hằng quý, Ủy ban nhân dân phường báo cáo kết quả về Ủy ban nhân dân thành phố Thủ Đức.
`;

/** Issuer 28993: "thôn"-less hamlets as "6 ấp", "trong vòng 03 ngày làm việc sau khi kết thúc quý" (unresolved), "tổ chức 02 hội nghị". */
export const MYTHANH_HOP = `ỦY BAN NHÂN DÂN XÃ MỸ THẠNH
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 31/KH-UBND
Mỹ Thạnh, ngày 02 tháng 3 năm 2021
KẾ HOẠCH
Tổ chức hội nghị đối thoại với Nhân dân năm 2021
Thực hiện Kế hoạch số 210/KH-UBND ngày 22 tháng 02 năm 2021 của Ủy ban nhân dân huyện Giồng Trôm;
I. MỤC ĐÍCH, YÊU CẦU
- Tổ chức 02 hội nghị đối thoại với Nhân dân trong năm.
II. NỘI DUNG
1. Trưởng 6 ấp tổ chức họp dân lấy ý kiến trước hội nghị.
2. Ủy ban nhân dân xã chủ trì hội nghị đối thoại.
III. TỔ CHỨC THỰC HIỆN
- Các ấp báo cáo quý về Ủy ban nhân dân xã trong vòng 03 ngày làm việc sau khi kết thúc quý.
`;

/** Issuer 771: in-charge parentheses "(Phòng Văn hóa và Thông tin chủ trì)", lettered items, a report "trước ngày 25/11/2021". */
export const QUAN10_PHANCONG = `ỦY BAN NHÂN DÂN QUẬN 10
Số: 55/KH-UBND
Quận 10, ngày 10 tháng 3 năm 2021
KẾ HOẠCH
Tuyên truyền chuyển đổi số năm 2021
Căn cứ Kế hoạch số 35/KH-UBND ngày 15 tháng 3 năm 2020 của Ủy ban nhân dân Thành phố;
I. MỤC ĐÍCH
- Tối thiểu 02 chuyên đề tuyên truyền mỗi quý.
II. PHÂN CÔNG NHIỆM VỤ
a) Xây dựng chuyên mục chuyển đổi số trên Cổng thông tin điện tử quận (Phòng Văn hóa và Thông tin chủ trì, phối hợp Văn phòng HĐND và UBND quận).
b) Tổ chức tập huấn kỹ năng số cho cán bộ, công chức (Phòng Nội vụ thực hiện).
c) Vận động người dân sử dụng dịch vụ công trực tuyến.
III. CHẾ ĐỘ BÁO CÁO
Các phường báo cáo kết quả thực hiện năm 2021 về Ủy ban nhân dân quận (qua Phòng Văn hóa và Thông tin) trước ngày 25/11/2021.
`;

/** Not a plan. */
export const RECIPE = `Phở bò Hà Nội
Nguyên liệu: 1 kg xương bò, 500 g thịt bò, 2 củ hành tây, gừng, quế, hồi.
Cách làm: Ninh xương trong 6 tiếng, nêm nước mắm, chần bánh phở, xếp thịt lên trên và chan nước dùng.
Dùng nóng trước ngày 15 tháng 5 với rau thơm.
`;

export const RANDOM_WORDS = 'trăng gió báo cáo mây 15/6 trời xanh năm 2020 phường';
