"""Thirty member units of a bloc association: the synthetic data's units."""

from collections import namedtuple

Unit = namedtuple("Unit", "id name short_name")

_NAMES = [
    ("so-y-te", "Sở Y tế"), ("so-tai-chinh", "Sở Tài chính"),
    ("so-gddt", "Sở Giáo dục và Đào tạo"), ("so-noi-vu", "Sở Nội vụ"),
    ("so-tu-phap", "Sở Tư pháp"), ("so-xay-dung", "Sở Xây dựng"),
    ("so-cong-thuong", "Sở Công Thương"), ("so-nn-mt", "Sở Nông nghiệp và Môi trường"),
    ("so-vhttdl", "Sở Văn hóa, Thể thao và Du lịch"), ("so-khcn", "Sở Khoa học và Công nghệ"),
    ("so-ngoai-vu", "Sở Ngoại vụ"), ("so-dan-toc", "Sở Dân tộc và Tôn giáo"),
    ("thanh-tra", "Thanh tra tỉnh"), ("van-phong-ubnd", "Văn phòng UBND tỉnh"),
    ("van-phong-hdnd", "Văn phòng Đoàn ĐBQH và HĐND tỉnh"), ("ban-to-chuc", "Ban Tổ chức Tỉnh ủy"),
    ("ban-tuyen-giao", "Ban Tuyên giáo và Dân vận Tỉnh ủy"), ("uy-ban-kiem-tra", "Ủy ban Kiểm tra Tỉnh ủy"),
    ("bao-thanh-hoa", "Báo và Phát thanh, Truyền hình tỉnh"), ("kho-bac", "Kho bạc Nhà nước khu vực"),
    ("thue", "Thuế tỉnh"), ("hai-quan", "Chi cục Hải quan khu vực"),
    ("bao-hiem-xa-hoi", "Bảo hiểm xã hội tỉnh"), ("ngan-hang-csxh", "Ngân hàng Chính sách xã hội tỉnh"),
    ("cong-an", "Công an tỉnh"), ("bo-chi-huy-quan-su", "Bộ Chỉ huy Quân sự tỉnh"),
    ("toa-an", "Tòa án nhân dân tỉnh"), ("vien-kiem-sat", "Viện Kiểm sát nhân dân tỉnh"),
    ("lien-doan-lao-dong", "Liên đoàn Lao động tỉnh"), ("tinh-doan", "Tỉnh đoàn"),
]

UNITS = [Unit(id_, name, name.replace("Sở ", "").replace(" tỉnh", "")) for id_, name in _NAMES]
assert len(UNITS) == 30
