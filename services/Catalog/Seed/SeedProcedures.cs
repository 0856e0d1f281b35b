using PublicServices.Catalog.Data;
using PublicServices.Catalog.Domain.Procedures;
using static PublicServices.Catalog.Domain.Procedures.DocumentTypes;

namespace PublicServices.Catalog.Seed;

/// <summary>A shipped procedure and whether it starts published.</summary>
public sealed record SeedProcedure(ProcedureDefinition Definition, bool Published);

/// <summary>
/// The demo procedures: five published ones from the national catalog (codes, fees and statutory times as
/// published there) and one not yet published, which public search must not show. The judicial record fee is paid
/// with the dossier, the business household's fee before its result (one of each for the level-4 journeys).
/// </summary>
public static class SeedProcedures
{
    public const string BirthRegistration = "1.001193";
    public const string JudicialRecord = "2.000488";
    public const string BusinessHousehold = "1.001612";
    public const string ConstructionPermit = "1.009972";
    public const string DrivingLicenceRenewal = "1.004222";
    public const string MarriageRegistration = "1.000894";
    public const string CivilStatusExtractCopy = "2.000635";

    public const string StandardWorkflow = "one-stop-standard";
    const long MiB = 1024 * 1024;
    /// <summary>Drawings may be 1 GiB; the limit leaves 64 MiB headroom for PDF overhead.</summary>
    public const long DrawingsMaxBytes = 1024 * MiB + 64 * MiB;

    public static IReadOnlyList<SeedProcedure> All() =>
    [
        new(BirthRegistrationProcedure(), true),
        new(JudicialRecordProcedure(), true),
        new(BusinessHouseholdProcedure(), true),
        new(ConstructionPermitProcedure(), true),
        new(DrivingLicenceRenewalProcedure(), true),
        new(CivilStatusExtractCopyProcedure(), true),
        new(MarriageRegistrationProcedure(), false),
    ];

    static ProcedureDefinition BirthRegistrationProcedure() => new(
        BirthRegistration, "Đăng ký khai sinh", "Birth registration", SeedAgencies.PhoHienWard, 4,
        new FormSchemaBuilder()
            .PersonName("childFullName", "Họ, chữ đệm và tên của trẻ", "Child's full name", required: true)
            .Date("childDateOfBirth", "Ngày, tháng, năm sinh", "Date of birth", required: true)
            .Choice("childSex", "Giới tính", "Sex", true, ("male", "Nam", "Male"), ("female", "Nữ", "Female"))
            .Text("placeOfBirth", "Nơi sinh", "Place of birth", required: true, minLength: 5, maxLength: 300)
            .Text("childNationality", "Quốc tịch", "Nationality", required: true, maxLength: 100, defaultValue: "Việt Nam")
            .Text("childEthnicity", "Dân tộc", "Ethnicity", required: true, maxLength: 50, defaultValue: "Kinh")
            .Text("hometown", "Quê quán", "Home town", maxLength: 300)
            .PersonName("motherFullName", "Họ, chữ đệm và tên người mẹ", "Mother's full name", required: true)
            .CitizenId("motherIdNumber", "Số định danh cá nhân của người mẹ", "Mother's personal ID number", required: true)
            .PersonName("fatherFullName", "Họ, chữ đệm và tên người cha", "Father's full name")
            .CitizenId("fatherIdNumber", "Số định danh cá nhân của người cha", "Father's personal ID number")
            .Choice("requesterRelationship", "Quan hệ của người đi đăng ký với trẻ", "Requester's relationship to the child", true,
                ("father", "Cha", "Father"), ("mother", "Mẹ", "Mother"), ("grandparent", "Ông, bà", "Grandparent"),
                ("relative", "Người thân thích khác", "Other relative"),
                ("carer", "Cá nhân, tổ chức đang nuôi dưỡng trẻ", "Person or organisation caring for the child"))
            .Phone("requesterPhone", "Số điện thoại liên hệ", "Contact phone number", required: true)
            .Email("requesterEmail", "Thư điện tử", "Email")
            // A father named on the certificate needs his identification too.
            .WhenPresentRequire("fatherFullName", "fatherIdNumber")
            .Build(),
        [
            new("giay-chung-sinh", "Giấy chứng sinh do cơ sở y tế cấp", "Birth certificate from the hospital (giấy chứng sinh)", true, [Pdf, Jpeg, Png], 5 * MiB),
            new("giay-chung-nhan-ket-hon", "Giấy chứng nhận kết hôn của cha, mẹ", "Parents' marriage certificate", false, [Pdf, Jpeg, Png], 5 * MiB),
        ],
        [new("le-phi-dang-ky-khai-sinh", "Lệ phí đăng ký khai sinh (miễn khi đăng ký đúng hạn)", "Birth registration fee (waived when registered on time)", 0)],
        1,
        "Luật Hộ tịch số 60/2014/QH13; Nghị định số 123/2015/NĐ-CP quy định chi tiết một số điều và biện pháp thi hành Luật Hộ tịch; "
        + "Thông tư số 04/2020/TT-BTP; Thông tư số 85/2019/TT-BTC hướng dẫn về phí và lệ phí thuộc thẩm quyền của Hội đồng nhân dân tỉnh.",
        StandardWorkflow);

    static ProcedureDefinition JudicialRecordProcedure() => new(
        JudicialRecord, "Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang cư trú tại Việt Nam",
        "Judicial record certificate for Vietnamese citizens and foreigners residing in Viet Nam", SeedAgencies.ServiceCentre, 4,
        new FormSchemaBuilder()
            .PersonName("fullName", "Họ, chữ đệm và tên", "Full name", required: true)
            .Choice("sex", "Giới tính", "Sex", true, ("male", "Nam", "Male"), ("female", "Nữ", "Female"))
            .Date("dateOfBirth", "Ngày, tháng, năm sinh", "Date of birth", required: true)
            .Text("placeOfBirth", "Nơi sinh", "Place of birth", required: true, minLength: 2, maxLength: 300)
            .Text("nationality", "Quốc tịch", "Nationality", required: true, maxLength: 100, defaultValue: "Việt Nam")
            .CitizenId("idNumber", "Số định danh cá nhân / Căn cước", "Personal ID number", required: true)
            .Text("permanentAddress", "Nơi thường trú", "Permanent address", required: true, minLength: 5, maxLength: 300)
            .Phone("phone", "Số điện thoại", "Phone number", required: true)
            .Email("email", "Thư điện tử", "Email")
            .Text("purpose", "Mục đích yêu cầu cấp Phiếu", "Purpose of the request", required: true, minLength: 3, maxLength: 300)
            .IntegerChoice("certificateType", "Loại Phiếu yêu cầu cấp", "Certificate type", true,
                (1, "Phiếu lý lịch tư pháp số 1", "Certificate No. 1"),
                (2, "Phiếu lý lịch tư pháp số 2 (ghi đầy đủ án tích)", "Certificate No. 2 (full criminal record)"))
            .WholeNumber("copies", "Số lượng Phiếu yêu cầu cấp", "Number of copies", required: true, minimum: 1, maximum: 10, defaultValue: 1)
            .Build(),
        [
            new("ban-chup-can-cuoc", "Bản chụp Căn cước công dân / Căn cước", "Copy of the identity card", true, [Pdf, Jpeg, Png], 5 * MiB),
            new("van-ban-uy-quyen", "Văn bản ủy quyền (khi ủy quyền làm thủ tục)", "Letter of authorisation (when someone applies for you)", false, [Pdf], 5 * MiB),
        ],
        [new("phi-cung-cap-ly-lich-tu-phap", "Phí cung cấp thông tin lý lịch tư pháp", "Judicial record information fee", 200_000)],
        10,
        "Luật Lý lịch tư pháp số 28/2009/QH12; Nghị định số 111/2010/NĐ-CP quy định chi tiết và hướng dẫn thi hành một số điều của "
        + "Luật Lý lịch tư pháp; Thông tư số 244/2016/TT-BTC quy định mức thu, chế độ thu, nộp phí cung cấp thông tin lý lịch tư pháp.",
        StandardWorkflow);

    static ProcedureDefinition BusinessHouseholdProcedure() => new(
        BusinessHousehold, "Đăng ký thành lập hộ kinh doanh", "Business household registration", SeedAgencies.PhoHienWard, 4,
        new FormSchemaBuilder()
            .Text("businessName", "Tên hộ kinh doanh", "Household business name", required: true, minLength: 3, maxLength: 200)
            .Text("businessAddress", "Địa chỉ địa điểm kinh doanh", "Business address", required: true, minLength: 5, maxLength: 300)
            .Text("lineOfBusiness", "Ngành, nghề kinh doanh", "Line of business", required: true, minLength: 3, maxLength: 500)
            .Positive("capital", "Vốn kinh doanh (đồng)", "Business capital (VND)", required: true, unit: "VND")
            .WholeNumber("employees", "Số lượng lao động", "Number of employees", minimum: 0, maximum: 10_000)
            .PersonName("ownerFullName", "Họ và tên chủ hộ kinh doanh", "Owner's full name", required: true)
            .Date("ownerDateOfBirth", "Ngày sinh của chủ hộ", "Owner's date of birth", required: true)
            .CitizenId("ownerIdNumber", "Số định danh cá nhân của chủ hộ", "Owner's personal ID number", required: true)
            .Text("ownerAddress", "Nơi thường trú của chủ hộ", "Owner's permanent address", required: true, minLength: 5, maxLength: 300)
            .Phone("ownerPhone", "Số điện thoại", "Phone number", required: true)
            .Email("ownerEmail", "Thư điện tử", "Email")
            .Build(),
        [
            new("giay-de-nghi-dang-ky", "Giấy đề nghị đăng ký hộ kinh doanh", "Household business registration application form", true, [Pdf, Jpeg, Png], 5 * MiB),
            new("giay-to-phap-ly-chu-ho", "Bản sao giấy tờ pháp lý của chủ hộ kinh doanh", "Copy of the owner's identity document", true, [Pdf, Jpeg, Png], 5 * MiB),
            new("hop-dong-thue-dia-diem", "Bản sao hợp đồng thuê địa điểm kinh doanh", "Copy of the lease of the business premises", false, [Pdf, Jpeg, Png], 10 * MiB),
        ],
        [new("le-phi-dang-ky-ho-kinh-doanh", "Lệ phí đăng ký hộ kinh doanh", "Household business registration fee", 100_000, Fee.BeforeResult)],
        3,
        "Luật Doanh nghiệp số 59/2020/QH14; Nghị định số 168/2025/NĐ-CP về đăng ký doanh nghiệp (thay thế Nghị định số 01/2021/NĐ-CP); "
        + "Thông tư số 85/2019/TT-BTC hướng dẫn về phí và lệ phí thuộc thẩm quyền của Hội đồng nhân dân tỉnh.",
        StandardWorkflow);

    static ProcedureDefinition ConstructionPermitProcedure() => new(
        ConstructionPermit, "Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ", "Construction permit for a new detached house",
        SeedAgencies.ServiceCentre, 3,
        new FormSchemaBuilder()
            .PersonName("ownerFullName", "Họ và tên chủ đầu tư", "Owner's full name", required: true)
            .CitizenId("ownerIdNumber", "Số định danh cá nhân của chủ đầu tư", "Owner's personal ID number", required: true)
            .Text("ownerAddress", "Địa chỉ liên hệ của chủ đầu tư", "Owner's contact address", required: true, minLength: 5, maxLength: 300)
            .Phone("ownerPhone", "Số điện thoại", "Phone number", required: true)
            .Text("plotAddress", "Địa điểm xây dựng", "Construction site address", required: true, minLength: 5, maxLength: 300)
            .WholeNumber("landParcelNumber", "Thửa đất số", "Land parcel number", required: true, minimum: 1, maximum: 999_999)
            .WholeNumber("mapSheetNumber", "Tờ bản đồ số", "Map sheet number", required: true, minimum: 1, maximum: 99_999)
            .Positive("plotArea", "Diện tích lô đất (m²)", "Plot area (m²)", required: true, maximum: 100_000, unit: "m2")
            .Positive("groundFloorArea", "Diện tích xây dựng tầng 1 (m²)", "Ground-floor built area (m²)", required: true, maximum: 100_000, unit: "m2")
            .Positive("totalFloorArea", "Tổng diện tích sàn (m²)", "Total floor area (m²)", required: true, maximum: 1_000_000, unit: "m2")
            .WholeNumber("floors", "Số tầng", "Number of floors", required: true, minimum: 1, maximum: 15)
            .Positive("buildingHeight", "Chiều cao công trình (m)", "Building height (m)", required: true, maximum: 100, unit: "m")
            .Text("designer", "Đơn vị hoặc cá nhân thiết kế", "Designer (firm or person)", maxLength: 200)
            .Build(),
        [
            new("giay-chung-nhan-quyen-su-dung-dat", "Giấy chứng nhận quyền sử dụng đất", "Land-use right certificate", true, [Pdf, Jpeg, Png], 20 * MiB),
            new("ban-ve-thiet-ke", "Bản vẽ thiết kế xây dựng (mặt bằng, mặt cắt, mặt đứng, móng)", "Construction design drawings (plans, sections, elevations, foundations)",
                true, [Pdf], DrawingsMaxBytes),
            new("cam-ket-cong-trinh-lien-ke", "Bản cam kết bảo đảm an toàn đối với công trình liền kề", "Commitment to the safety of the neighbouring buildings",
                false, [Pdf, Jpeg, Png], 10 * MiB),
        ],
        [new("le-phi-cap-giay-phep-xay-dung", "Lệ phí cấp giấy phép xây dựng nhà ở riêng lẻ", "Construction permit fee for a detached house", 75_000)],
        15,
        "Luật Xây dựng số 50/2014/QH13, được sửa đổi, bổ sung bởi Luật số 62/2020/QH14; Nghị định số 15/2021/NĐ-CP quy định chi tiết "
        + "một số nội dung về quản lý dự án đầu tư xây dựng; Thông tư số 85/2019/TT-BTC.",
        StandardWorkflow);

    static ProcedureDefinition DrivingLicenceRenewalProcedure() => new(
        DrivingLicenceRenewal, "Cấp đổi giấy phép lái xe", "Driving licence renewal", SeedAgencies.ServiceCentre, 4,
        new FormSchemaBuilder()
            .PersonName("fullName", "Họ, chữ đệm và tên", "Full name", required: true)
            .Date("dateOfBirth", "Ngày, tháng, năm sinh", "Date of birth", required: true)
            .CitizenId("idNumber", "Số định danh cá nhân", "Personal ID number", required: true)
            .Phone("phone", "Số điện thoại", "Phone number", required: true)
            .Email("email", "Thư điện tử", "Email")
            .Text("licenceNumber", "Số giấy phép lái xe", "Driving licence number", required: true, minLength: 12, maxLength: 12, pattern: "^[0-9]{12}$")
            .Choice("licenceClass", "Hạng giấy phép lái xe", "Licence class", true,
                ("A1", "A1: mô tô hai bánh từ 50 cm³ đến dưới 175 cm³", "A1: motorcycles from 50 cc to under 175 cc"),
                ("A2", "A2: mô tô hai bánh từ 175 cm³ trở lên", "A2: motorcycles of 175 cc and over"),
                ("B1", "B1: ô tô đến 9 chỗ ngồi, không hành nghề lái xe", "B1: cars up to 9 seats, not for hire"),
                ("B2", "B2: ô tô đến 9 chỗ ngồi và ô tô tải dưới 3.500 kg", "B2: cars up to 9 seats and lorries under 3,500 kg"),
                ("C", "C: ô tô tải từ 3.500 kg trở lên", "C: lorries of 3,500 kg and over"),
                ("D", "D: ô tô chở người từ 10 đến 30 chỗ", "D: passenger vehicles of 10 to 30 seats"),
                ("E", "E: ô tô chở người trên 30 chỗ", "E: passenger vehicles of more than 30 seats"))
            .Date("licenceExpiryDate", "Ngày hết hạn của giấy phép", "Licence expiry date")
            .Choice("reason", "Lý do cấp đổi", "Reason for renewal", true,
                ("expiring", "Giấy phép sắp hết hạn hoặc đã hết hạn", "The licence is expiring or has expired"),
                ("damaged", "Giấy phép bị hỏng", "The licence is damaged"),
                ("details-changed", "Thông tin trên giấy phép thay đổi", "The details on the licence have changed"),
                ("pet-card", "Đổi sang giấy phép lái xe bằng vật liệu PET", "Change to a PET card licence"))
            .Build(),
        [
            new("giay-phep-lai-xe-cu", "Bản chụp giấy phép lái xe đang sử dụng", "Scan of the current driving licence", true, [Jpeg, Png, Pdf], 5 * MiB),
            new("giay-kham-suc-khoe", "Giấy khám sức khỏe của người lái xe", "Driver's health certificate", true, [Pdf], 10 * MiB),
            new("anh-chan-dung", "Ảnh chân dung", "Portrait photo", true, [Jpeg, Png], 2 * MiB),
        ],
        [new("le-phi-cap-doi-giay-phep-lai-xe", "Lệ phí cấp đổi giấy phép lái xe", "Driving licence renewal fee", 135_000)],
        5,
        "Luật Trật tự, an toàn giao thông đường bộ số 36/2024/QH15; Thông tư số 35/2024/TT-BGTVT quy định về đào tạo, sát hạch, "
        + "cấp giấy phép lái xe; Thông tư số 37/2023/TT-BTC quy định mức thu, chế độ thu, nộp lệ phí cấp giấy phép lái xe.",
        StandardWorkflow);

    /// <summary>
    /// A copy of an extract from the civil-status register: the record is already held by the agency, so the form is
    /// enough and every document is optional (a letter of authorisation only when someone applies for another person).
    /// </summary>
    static ProcedureDefinition CivilStatusExtractCopyProcedure() => new(
        CivilStatusExtractCopy, "Cấp bản sao Trích lục hộ tịch", "Certified copy of a civil-status extract", SeedAgencies.PhoHienWard, 4,
        new FormSchemaBuilder()
            .PersonName("requesterFullName", "Họ, chữ đệm và tên người yêu cầu", "Requester's full name", required: true)
            .CitizenId("requesterIdNumber", "Số định danh cá nhân của người yêu cầu", "Requester's personal ID number", required: true)
            .Phone("requesterPhone", "Số điện thoại liên hệ", "Contact phone number", required: true)
            .Choice("eventType", "Loại sự kiện hộ tịch", "Civil-status event", true,
                ("birth", "Khai sinh", "Birth"), ("marriage", "Kết hôn", "Marriage"), ("death", "Khai tử", "Death"),
                ("guardianship", "Giám hộ", "Guardianship"), ("parentage", "Nhận cha, mẹ, con", "Recognition of parentage"))
            .PersonName("subjectFullName", "Họ, chữ đệm và tên người được cấp trích lục", "Full name of the person the record is about", required: true)
            .Date("eventDate", "Ngày đăng ký sự kiện hộ tịch", "Date the event was registered")
            .Text("registrationNumber", "Số đăng ký (nếu biết)", "Register number (if known)", maxLength: 50)
            .WholeNumber("copies", "Số lượng bản sao", "Number of copies", required: true, minimum: 1, maximum: 20, defaultValue: 1)
            .Build(),
        [new("van-ban-uy-quyen", "Văn bản ủy quyền (khi yêu cầu cấp cho người khác)", "Letter of authorisation (when applying for someone else)", false, [Pdf, Jpeg, Png], 5 * MiB)],
        [new("le-phi-cap-ban-sao-trich-luc", "Lệ phí cấp bản sao trích lục hộ tịch (8.000 đồng/bản)", "Fee for a certified copy of a civil-status extract (8,000 VND a copy)", 8_000)],
        1,
        "Luật Hộ tịch số 60/2014/QH13; Nghị định số 123/2015/NĐ-CP; Thông tư số 04/2020/TT-BTP; Thông tư số 281/2016/TT-BTC.",
        StandardWorkflow);

    /// <summary>Prepared but not yet open for online filing.</summary>
    static ProcedureDefinition MarriageRegistrationProcedure() => new(
        MarriageRegistration, "Đăng ký kết hôn", "Marriage registration", SeedAgencies.PhoHienWard, 4,
        new FormSchemaBuilder()
            .PersonName("firstPartyFullName", "Họ và tên bên nam", "Groom's full name", required: true)
            .Date("firstPartyDateOfBirth", "Ngày sinh bên nam", "Groom's date of birth", required: true)
            .CitizenId("firstPartyIdNumber", "Số định danh cá nhân bên nam", "Groom's personal ID number", required: true)
            .PersonName("secondPartyFullName", "Họ và tên bên nữ", "Bride's full name", required: true)
            .Date("secondPartyDateOfBirth", "Ngày sinh bên nữ", "Bride's date of birth", required: true)
            .CitizenId("secondPartyIdNumber", "Số định danh cá nhân bên nữ", "Bride's personal ID number", required: true)
            .Phone("phone", "Số điện thoại liên hệ", "Contact phone number", required: true)
            .Build(),
        [new("to-khai-dang-ky-ket-hon", "Tờ khai đăng ký kết hôn", "Marriage registration declaration", true, [Pdf, Jpeg, Png], 5 * MiB)],
        [new("le-phi-dang-ky-ket-hon", "Lệ phí đăng ký kết hôn (miễn)", "Marriage registration fee (waived)", 0)],
        5,
        "Luật Hôn nhân và gia đình số 52/2014/QH13; Luật Hộ tịch số 60/2014/QH13; Nghị định số 123/2015/NĐ-CP.",
        StandardWorkflow);
}
