//! Every command-line argument, in one place. The doc comments are the
//! `--help` text, so they are in Vietnamese.

use std::path::PathBuf;

use clap::{ArgAction, Args, Parser, Subcommand};

use crate::period::Period;

const HELP_TEMPLATE: &str = "{about-with-newline}\nCách dùng: {usage}\n\n{all-args}{after-help}";

#[derive(Debug, Parser)]
#[command(
    name = "baocao",
    version,
    about = "baocao — tổng hợp báo cáo tình hình thực hiện kế hoạch của tỉnh:\nnhập kế hoạch, tạo biểu mẫu Excel, tổng hợp số liệu, lập báo cáo PDF.",
    help_template = HELP_TEMPLATE,
    override_usage = "baocao [TÙY CHỌN] <LỆNH>",
    subcommand_help_heading = "Lệnh",
    subcommand_value_name = "LỆNH",
    next_help_heading = "Tùy chọn",
    disable_help_flag = true,
    disable_version_flag = true,
    disable_help_subcommand = true,
    arg_required_else_help = true,
    after_help = "Mã thoát: 0 thành công · 1 dữ liệu có lỗi · 2 sai dòng lệnh · 3 không đọc được đầu vào · 4 không ghi được đầu ra."
)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,

    /// In phiên bản
    #[arg(short = 'V', long = "version", action = ArgAction::Version)]
    version: Option<bool>,

    #[command(subcommand)]
    pub command: Command,
}

/// Options every command takes.
#[derive(Debug, Args)]
#[command(next_help_heading = "Tùy chọn")]
pub struct Global {
    /// Thư mục kế hoạch (ke-hoach.toml, chi-tieu.toml, nhiem-vu.toml, co-quan.toml).
    /// Mặc định: ./inputs nếu có, nếu không thì kế hoạch có sẵn trong chương trình
    #[arg(long, global = true, value_name = "THƯ_MỤC")]
    pub plan: Option<PathBuf>,

    /// Bộ nhớ tối đa lần chạy được dùng, tính bằng MiB.
    /// Mặc định: 3/4 bộ nhớ của máy
    #[arg(long, global = true, value_name = "MiB", display_order = 900, value_parser = clap::value_parser!(u64).range(64..))]
    pub memory_limit: Option<u64>,

    /// Thời gian tối đa của lần chạy, tính bằng giây (trừ lệnh watch).
    /// Mặc định: 1800
    #[arg(long, global = true, value_name = "GIÂY", display_order = 901, value_parser = clap::value_parser!(u64).range(1..))]
    pub time_limit: Option<u64>,

    /// In trợ giúp
    #[arg(short = 'h', long = "help", global = true, action = ArgAction::Help)]
    help: Option<bool>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Kế hoạch: nhập từ văn bản, xem tóm tắt, kiểm tra các tệp đã sửa
    #[command(
        subcommand,
        help_template = HELP_TEMPLATE,
        override_usage = "baocao plan <LỆNH>",
        subcommand_help_heading = "Lệnh",
        subcommand_value_name = "LỆNH",
        arg_required_else_help = true
    )]
    Plan(PlanCommand),

    /// Tạo biểu mẫu Excel cho từng cơ quan: nhiệm vụ, chỉ tiêu điền sẵn, ô nhập có danh sách chọn
    #[command(
        help_template = HELP_TEMPLATE,
        override_usage = "baocao template --period KỲ [--out THƯ_MỤC] [--agency MÃ]... [--deadline NGÀY]",
        next_help_heading = "Tùy chọn"
    )]
    Template(TemplateArgs),

    /// Đọc các biểu mẫu cơ quan gửi lại (.xlsx, .xlsm, .xls, .ods), kiểm tra và tổng hợp
    #[command(
        help_template = HELP_TEMPLATE,
        override_usage = "baocao ingest [TỆP hoặc THƯ_MỤC]... --period KỲ [--out THƯ_MỤC] [--deadline NGÀY]",
        next_help_heading = "Tùy chọn"
    )]
    Ingest(IngestArgs),

    /// Tình hình nhận báo cáo của kỳ: cơ quan đã gửi, gửi chậm, chưa gửi; lỗi; nhiệm vụ quá hạn
    #[command(
        help_template = HELP_TEMPLATE,
        override_usage = "baocao status --period KỲ [TỆP hoặc THƯ_MỤC]... [--deadline NGÀY]",
        next_help_heading = "Tùy chọn"
    )]
    Status(IngestArgs),

    /// Chạy thử cả chu trình trên kế hoạch có sẵn, qua ba kỳ (6 tháng đầu năm, cả năm, 6 tháng đầu năm sau):
    /// biểu mẫu điền sẵn kỳ trước, bài nộp mẫu của các cơ quan (có cơ quan gửi chậm, chưa gửi, điền sai,
    /// gõ bảng mã cũ, gửi lại nguyên câu trả lời cũ), tổng hợp, đối chiếu và báo cáo
    #[command(
        help_template = HELP_TEMPLATE,
        override_usage = "baocao demo [--out THƯ_MỤC] [--period KỲ,KỲ…] [--seed SỐ] [--agencies SỐ]",
        next_help_heading = "Tùy chọn"
    )]
    Demo(DemoArgs),

    /// Lập báo cáo PDF (thể thức Nghị định 30/2020/NĐ-CP, kèm phụ lục) và tệp Excel các phụ lục
    #[command(
        help_template = HELP_TEMPLATE,
        override_usage = "baocao report --period KỲ [--config TỆP] [--out THƯ_MỤC] [--templates THƯ_MỤC] [--font-path THƯ_MỤC]",
        next_help_heading = "Tùy chọn"
    )]
    Report(ReportArgs),

    /// Kiểm tra lưu trữ: tính lại mã băm mọi tệp trong manifest.json, báo tệp bị sửa, mất hay thêm
    #[command(
        help_template = HELP_TEMPLATE,
        override_usage = "baocao verify <THƯ_MỤC>",
        next_help_heading = "Tùy chọn"
    )]
    Verify(VerifyArgs),

    /// Lập công văn đôn đốc các cơ quan chưa gửi hoặc gửi thiếu báo cáo (mỗi cơ quan một tệp PDF và một tệp in chung)
    #[command(
        help_template = HELP_TEMPLATE,
        override_usage = "baocao remind --period KỲ [--agency MÃ]... [--deadline NGÀY] [--config TỆP] [--out THƯ_MỤC]",
        next_help_heading = "Tùy chọn"
    )]
    Remind(RemindArgs),

    /// Ký số tệp PDF (PAdES, thêm vào cuối tệp, phần đã có giữ nguyên) hoặc kiểm tra chữ ký (--verify)
    #[command(
        help_template = HELP_TEMPLATE,
        override_usage = "baocao sign TỆP.pdf… (--p12 CHỨNG_THƯ.p12 | --pkcs11 THƯ_VIỆN --pin-file TỆP [--slot SỐ]) [--as nguoi-ky|co-quan] [--image ẢNH.png] [--tsa URL] [--password-file TỆP] [--reason …] [--location …] [--out TỆP]\n       baocao sign --verify TỆP.pdf… [--trust CA]",
        next_help_heading = "Tùy chọn"
    )]
    Sign(SignArgs),

    /// Xem trước báo cáo: lập lại bản PDF xem trước mỗi khi biểu mẫu, cấu hình hay mẫu trình bày thay đổi
    #[command(
        help_template = HELP_TEMPLATE,
        override_usage = "baocao watch --period KỲ [TỆP hoặc THƯ_MỤC]... [--config TỆP] [--out THƯ_MỤC] [--templates THƯ_MỤC]",
        next_help_heading = "Tùy chọn"
    )]
    Watch(WatchArgs),
}

#[derive(Debug, Subcommand)]
pub enum PlanCommand {
    /// Nhập kế hoạch từ văn bản đã công bố (.txt), ghi thành các tệp kế hoạch
    #[command(
        help_template = HELP_TEMPLATE,
        override_usage = "baocao plan import <TỆP> [--out THƯ_MỤC] [--agencies TỆP] [--force]",
        next_help_heading = "Tùy chọn"
    )]
    Import(ImportArgs),

    /// Xem tóm tắt kế hoạch: số chỉ tiêu, nhiệm vụ theo nhóm, theo cơ quan, thời hạn theo quý
    #[command(
        help_template = HELP_TEMPLATE,
        override_usage = "baocao plan show [--json] [--plan THƯ_MỤC]",
        next_help_heading = "Tùy chọn"
    )]
    Show(ShowArgs),

    /// Kiểm tra các tệp kế hoạch (số trùng, mã cơ quan lạ, chỉ tiêu thiếu dòng cha,
    /// mục tiêu và thời hạn không đọc được), báo lỗi kèm tệp và dòng
    #[command(
        help_template = HELP_TEMPLATE,
        override_usage = "baocao plan check [THƯ_MỤC]",
        next_help_heading = "Tùy chọn"
    )]
    Check(CheckArgs),
}

/// Reads a period id for clap, with the Vietnamese message of [`Period::parse`].
fn period(s: &str) -> Result<Period, String> {
    Period::parse(s)
}

/// Reads a date typed as dd/mm/yyyy.
fn date(s: &str) -> Result<time::Date, String> {
    crate::vn::parse_date(s)
        .ok_or_else(|| format!("ngày «{s}» không hợp lệ — cần dạng ngày/tháng/năm, ví dụ 17/06/2025"))
}

#[derive(Debug, Args)]
pub struct TemplateArgs {
    /// Kỳ báo cáo: 2025-H1 (6 tháng đầu năm), 2025-H2, 2025 (cả năm), 2025-Q3 (quý),
    /// 2025-03-01..2025-04-30 (đột xuất)
    #[arg(long, value_name = "KỲ", value_parser = period)]
    pub period: Period,

    /// Thư mục ghi biểu mẫu (mặc định: outputs/<kỳ>/mau)
    #[arg(long, value_name = "THƯ_MỤC")]
    pub out: Option<PathBuf>,

    /// Chỉ tạo cho cơ quan này (mã trong co-quan.toml); dùng nhiều lần cho nhiều cơ quan
    #[arg(long = "agency", value_name = "MÃ")]
    pub agencies: Vec<String>,

    /// Hạn gửi báo cáo, dạng ngày/tháng/năm (mặc định: 2 ngày làm việc sau ngày chốt số liệu)
    #[arg(long, value_name = "NGÀY", value_parser = date)]
    pub deadline: Option<time::Date>,

    #[command(flatten)]
    pub history: HistoryArgs,
}

/// Which earlier period a period is compared with and carried from.
#[derive(Debug, Args)]
pub struct HistoryArgs {
    /// Kỳ trước dùng để điền sẵn, đối chiếu và cộng dồn (mặc định: kỳ gần nhất trước kỳ này
    /// có số liệu tổng hợp trong cùng thư mục kết quả, ví dụ outputs/2025-H1 cho kỳ 2025)
    #[arg(long, value_name = "KỲ", value_parser = period, conflicts_with = "no_previous")]
    pub previous: Option<Period>,

    /// Không dùng số liệu kỳ trước
    #[arg(long)]
    pub no_previous: bool,
}

impl HistoryArgs {
    pub fn choice(&self) -> crate::merge::history::Choice {
        use crate::merge::history::Choice;
        match (self.previous, self.no_previous) {
            (_, true) => Choice::Off,
            (Some(p), false) => Choice::Given(p),
            (None, false) => Choice::Auto,
        }
    }
}

#[derive(Debug, Args)]
pub struct IngestArgs {
    /// Tệp hoặc thư mục chứa biểu mẫu đã điền (mặc định: inputs/<kỳ>/)
    #[arg(value_name = "TỆP", help_heading = "Đối số")]
    pub paths: Vec<PathBuf>,

    /// Kỳ báo cáo, như ở lệnh template (2025-H1, 2025, 2025-Q3…)
    #[arg(long, value_name = "KỲ", value_parser = period)]
    pub period: Period,

    /// Thư mục ghi kết quả tổng hợp và kiểm tra (mặc định: outputs/<kỳ>)
    #[arg(long, value_name = "THƯ_MỤC")]
    pub out: Option<PathBuf>,

    /// Hạn gửi báo cáo, dạng ngày/tháng/năm (mặc định: 2 ngày làm việc sau ngày chốt số liệu)
    #[arg(long, value_name = "NGÀY", value_parser = date)]
    pub deadline: Option<time::Date>,

    #[command(flatten)]
    pub history: HistoryArgs,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Kỳ báo cáo, như ở lệnh template
    #[arg(long, value_name = "KỲ", value_parser = period)]
    pub period: Period,

    /// Cấu hình báo cáo (mặc định: bao-cao.toml của thư mục kế hoạch nếu có, nếu không thì cấu hình có sẵn)
    #[arg(long, value_name = "TỆP")]
    pub config: Option<PathBuf>,

    /// Thư mục kết quả của kỳ, chứa tong-hop.json; báo cáo được ghi vào đây (mặc định: outputs/<kỳ>)
    #[arg(long, value_name = "THƯ_MỤC")]
    pub out: Option<PathBuf>,

    #[command(flatten)]
    pub layout: LayoutArgs,

    /// Các dạng báo cáo cần lập, cách nhau bằng dấu phẩy: pdf (bản chính thức), docx (bản Word
    /// để sửa), xlsx (các phụ lục dạng bảng tính) (mặc định: cả ba)
    #[arg(
        long,
        value_name = "DẠNG",
        value_delimiter = ',',
        default_value = "pdf,docx,xlsx",
        hide_default_value = true
    )]
    pub formats: Vec<crate::report::output::Format>,

    /// Ghi đè báo cáo đã lập thay vì tạo phiên bản mới (…-v2.pdf)
    #[arg(long)]
    pub force: bool,

    /// Số văn bản của báo cáo kỳ này, do văn thư cấp (thay cho mục [issued."KỲ"] của bao-cao.toml)
    #[arg(long, value_name = "SỐ", value_parser = clap::value_parser!(u32).range(1..), conflicts_with = "draft")]
    pub number: Option<u32>,

    /// Ngày ký báo cáo kỳ này, dạng 26/12/2025 (thay cho mục [issued."KỲ"] của bao-cao.toml)
    #[arg(long, value_name = "NGÀY", value_parser = date, conflicts_with = "draft")]
    pub date: Option<time::Date>,

    /// Lập dự thảo (để trống số và ngày cho văn thư điền), dù cấu hình đã có số và ngày
    #[arg(long)]
    pub draft: bool,
}

#[derive(Debug, Args)]
pub struct RemindArgs {
    /// Kỳ báo cáo, như ở lệnh template
    #[arg(long, value_name = "KỲ", value_parser = period)]
    pub period: Period,

    /// Hạn gửi mới, dạng ngày/tháng/năm (mặc định: 5 ngày làm việc sau ngày ký hoặc hạn cũ)
    #[arg(long, value_name = "NGÀY", value_parser = date)]
    pub deadline: Option<time::Date>,

    /// Cấu hình văn bản (mặc định: inputs/bao-cao.toml nếu có, nếu không thì cấu hình có sẵn)
    #[arg(long, value_name = "TỆP")]
    pub config: Option<PathBuf>,

    /// Thư mục kết quả của kỳ, chứa tong-hop.json (mặc định: outputs/<kỳ>); công văn ghi vào don-doc/
    #[arg(long, value_name = "THƯ_MỤC")]
    pub out: Option<PathBuf>,

    /// Chỉ lập cho cơ quan này (mã trong co-quan.toml); dùng nhiều lần cho nhiều cơ quan
    #[arg(long = "agency", value_name = "MÃ")]
    pub agencies: Vec<String>,

    #[command(flatten)]
    pub layout: LayoutArgs,
}

/// How documents are laid out: the user's own templates and fonts.
#[derive(Debug, Args)]
pub struct LayoutArgs {
    /// Thư mục mẫu trình bày đã sửa (các tệp .typ và .md.tera cùng tên với mẫu trong templates/) thay cho mẫu có sẵn
    #[arg(long, value_name = "THƯ_MỤC")]
    pub templates: Option<PathBuf>,

    /// Thư mục phông chữ thêm (ví dụ Times New Roman đã cài trên máy)
    #[arg(long, value_name = "THƯ_MỤC")]
    pub font_path: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct SignArgs {
    /// Tệp PDF cần ký hoặc cần kiểm tra; nhiều tệp (báo cáo và các phụ lục tệp riêng, các công văn)
    /// được ký lần lượt với cùng chứng thư, mật khẩu đọc một lần
    #[arg(value_name = "TỆP.pdf", help_heading = "Đối số", required = true, num_args = 1..)]
    pub files: Vec<PathBuf>,

    /// Kiểm tra chữ ký của tệp thay vì ký: ai ký, lúc nào, phần đã ký còn nguyên vẹn không
    #[arg(long, conflicts_with_all = ["p12", "pkcs11", "out", "role"])]
    pub verify: bool,

    /// Tệp chứng thư số kèm khóa bí mật (PKCS#12: .p12, .pfx)
    #[arg(long, value_name = "TỆP", required_unless_present_any = ["verify", "pkcs11"], conflicts_with = "pkcs11")]
    pub p12: Option<PathBuf>,

    /// Ký bằng USB token: thư viện PKCS#11 của nhà cung cấp token (tệp .so/.dll, ví dụ của VNPT-CA,
    /// Viettel-CA, BKAV-CA); khóa bí mật không rời token
    #[arg(long, value_name = "THƯ_VIỆN", requires = "pin_file")]
    pub pkcs11: Option<PathBuf>,

    /// Với --pkcs11: khe của token (0, 1…; mặc định: token đầu tiên tìm thấy)
    #[arg(long, value_name = "SỐ", requires = "pkcs11")]
    pub slot: Option<usize>,

    /// Với --pkcs11: tệp chứa mã PIN của token (dòng đầu). Mã PIN không bao giờ ghi trên dòng lệnh
    #[arg(long, value_name = "TỆP", requires = "pkcs11")]
    pub pin_file: Option<PathBuf>,

    /// Với --verify: chứng thư tin cậy (tệp .pem/.crt/.cer hoặc thư mục chứa chúng: CA gốc quốc gia,
    /// CA trung gian của các tổ chức cung cấp dịch vụ chứng thực) để kiểm tra chuỗi chứng thư
    #[arg(long, value_name = "TỆP/THƯ_MỤC", requires = "verify")]
    pub trust: Option<PathBuf>,

    /// Tệp chứa mật khẩu của tệp .p12 (dòng đầu); không có thì dùng mật khẩu rỗng
    #[arg(long, value_name = "TỆP")]
    pub password_file: Option<PathBuf>,

    /// Ký vào ô chữ ký số mà báo cáo để sẵn (Nghị định 30/2020): nguoi-ky (người có thẩm quyền,
    /// hiện ảnh chữ ký giữa chức vụ và họ tên) hoặc co-quan (cơ quan, ký sau người có thẩm quyền,
    /// hiện ảnh con dấu phủ 1/3 ảnh chữ ký bên trái, kèm tên cơ quan và thời gian ký).
    /// Không có: chữ ký không hiển thị
    #[arg(long = "as", value_name = "VAI", value_enum)]
    pub role: Option<SignRole>,

    /// Ảnh chữ ký (--as nguoi-ky) hoặc ảnh con dấu (--as co-quan), PNG nền trong suốt
    /// (mặc định: signature_image, stamp_image trong bao-cao.toml của thư mục kế hoạch)
    #[arg(long, value_name = "TỆP.png", requires = "role")]
    pub image: Option<PathBuf>,

    /// Địa chỉ dịch vụ cấp dấu thời gian (RFC 3161, http://…): chữ ký kèm dấu thời gian (PAdES B-T),
    /// còn kiểm tra được sau khi chứng thư hết hạn. Đây là lần duy nhất chương trình dùng mạng
    #[arg(long, value_name = "URL")]
    pub tsa: Option<String>,

    /// Lý do ký, ghi trong chữ ký (ví dụ «Phê duyệt báo cáo»)
    #[arg(long, value_name = "CHỮ")]
    pub reason: Option<String>,

    /// Nơi ký, ghi trong chữ ký (ví dụ «Cà Mau»)
    #[arg(long, value_name = "CHỮ")]
    pub location: Option<String>,

    /// Tệp ghi bản đã ký, khi ký một tệp (mặc định: cùng thư mục, thêm «-ky-so» vào tên)
    #[arg(long, value_name = "TỆP")]
    pub out: Option<PathBuf>,
}

/// Who signs, in the boxes the report leaves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SignRole {
    /// The competent person.
    #[value(name = "nguoi-ky")]
    Person,
    /// The agency, after the person.
    #[value(name = "co-quan")]
    Agency,
}

impl SignRole {
    /// The name of the field the layout leaves for this signature.
    pub fn field(self) -> &'static str {
        match self {
            SignRole::Person => "nguoi-ky",
            SignRole::Agency => "co-quan",
        }
    }
}

#[derive(Debug, Args)]
pub struct WatchArgs {
    /// Tệp hoặc thư mục biểu mẫu cần theo dõi (mặc định: inputs/<kỳ>/)
    #[arg(value_name = "TỆP", help_heading = "Đối số")]
    pub paths: Vec<PathBuf>,

    /// Kỳ báo cáo, như ở lệnh template
    #[arg(long, value_name = "KỲ", value_parser = period)]
    pub period: Period,

    /// Cấu hình báo cáo (mặc định: bao-cao.toml của thư mục kế hoạch nếu có, nếu không thì cấu hình có sẵn)
    #[arg(long, value_name = "TỆP")]
    pub config: Option<PathBuf>,

    /// Thư mục ghi bản xem trước (mặc định: outputs/<kỳ>)
    #[arg(long, value_name = "THƯ_MỤC")]
    pub out: Option<PathBuf>,

    #[command(flatten)]
    pub layout: LayoutArgs,

    #[command(flatten)]
    pub history: HistoryArgs,

    /// Dừng sau chừng ấy lần lập báo cáo (mặc định: theo dõi đến khi nhấn Ctrl+C)
    #[arg(long, value_name = "SỐ")]
    pub max_renders: Option<usize>,
}

#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// Thư mục kết quả của một kỳ, có manifest.json (ví dụ outputs/2025-H1)
    #[arg(value_name = "THƯ_MỤC", help_heading = "Đối số")]
    pub dir: PathBuf,
}

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Thư mục kết quả, mỗi kỳ một thư mục con như các lệnh khác dùng (mặc định: outputs,
    /// tức outputs/2025-H1, outputs/2025…); không ghi đè số liệu thật đã có ở đó
    #[arg(long, value_name = "THƯ_MỤC", default_value = "outputs", hide_default_value = true)]
    pub out: PathBuf,

    /// Các kỳ báo cáo chạy thử, theo thứ tự, cách nhau bằng dấu phẩy; mỗi kỳ điền sẵn và đối chiếu
    /// với kỳ trước nó (mặc định: 2025-H1,2025,2026-H1)
    #[arg(
        long,
        value_name = "KỲ",
        value_parser = period,
        value_delimiter = ',',
        default_value = "2025-H1,2025,2026-H1",
        hide_default_value = true
    )]
    pub period: Vec<Period>,

    /// Hạt giống sinh số liệu mẫu: cùng hạt giống cho cùng số liệu (mặc định: 2025)
    #[arg(long, value_name = "SỐ", default_value_t = 2025, hide_default_value = true)]
    pub seed: u64,

    /// Số cơ quan báo cáo (mặc định: các cơ quan của kế hoạch); lớn hơn thì thêm các xã mẫu,
    /// để thử chương trình ở quy mô lớn (hàng trăm, hàng nghìn biểu mẫu)
    #[arg(long, value_name = "SỐ")]
    pub agencies: Option<usize>,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Tệp kế hoạch: văn bản đăng tải (.txt, UTF-8, dạng như inputs/van-ban/ke-hoach-60-KH-UBND-2025.txt),
    /// văn bản Word (.docx) hoặc bảng tính các phụ lục (.xlsx, .xls, .ods)
    #[arg(value_name = "TỆP", help_heading = "Đối số")]
    pub file: PathBuf,

    /// Thư mục ghi các tệp kế hoạch (mặc định: inputs)
    #[arg(long, value_name = "THƯ_MỤC", default_value = "inputs", hide_default_value = true)]
    pub out: PathBuf,

    /// Danh mục cơ quan có sẵn làm gốc: mã, chữ viết tắt, bí danh của nó được giữ
    /// (mặc định: co-quan.toml của kế hoạch đang dùng nếu cùng tỉnh, không thì lập mới từ văn bản)
    #[arg(long, value_name = "TỆP", alias = "agencies")]
    pub registry: Option<PathBuf>,

    /// Tên cơ quan thường trực, khi văn bản không nói theo cách chương trình nhận ra
    /// (ví dụ --standing "Sở Khoa học và Công nghệ")
    #[arg(long, value_name = "TÊN")]
    pub standing: Option<String>,

    /// Ghi đè các tệp kế hoạch đã có trong thư mục đích
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// In toàn bộ kế hoạch dạng JSON (cấu trúc ổn định, dùng cho các công cụ khác)
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Thư mục kế hoạch cần kiểm tra (mặc định: như --plan)
    #[arg(value_name = "THƯ_MỤC", help_heading = "Đối số")]
    pub dir: Option<PathBuf>,
}
