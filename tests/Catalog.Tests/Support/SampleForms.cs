using System.Text.Json.Nodes;
using PublicServices.Catalog.Seed;

namespace PublicServices.Catalog.Tests.Support;

/// <summary>
/// A realistic filled-in form for each shipped procedure, and a broken copy of it together with the fields the
/// schema must blame (the empty location "" is the form itself, where JSON Schema reports a missing field).
/// </summary>
public static class SampleForms
{
    public static JsonObject Valid(string code) => code switch
    {
        SeedProcedures.BirthRegistration => new JsonObject
        {
            ["childFullName"] = "Nguyễn Minh Anh", ["childDateOfBirth"] = "2026-11-20", ["childSex"] = "female",
            ["placeOfBirth"] = "Bệnh viện Đa khoa tỉnh Hưng Yên", ["childNationality"] = "Việt Nam", ["childEthnicity"] = "Kinh",
            ["motherFullName"] = "Trần Thị Hồng", ["motherIdNumber"] = "033195001234",
            ["fatherFullName"] = "Nguyễn Văn Nam", ["fatherIdNumber"] = "033093004321",
            ["requesterRelationship"] = "father", ["requesterPhone"] = "0912345678", ["requesterEmail"] = "nam.nguyen@example.vn",
        },
        SeedProcedures.JudicialRecord => new JsonObject
        {
            ["fullName"] = "Lê Thị Thu Hà", ["sex"] = "female", ["dateOfBirth"] = "1994-03-15", ["placeOfBirth"] = "Hưng Yên",
            ["nationality"] = "Việt Nam", ["idNumber"] = "033194007788", ["permanentAddress"] = "12 Điện Biên, phường Phố Hiến, tỉnh Hưng Yên",
            ["phone"] = "+84987654321", ["purpose"] = "Bổ sung hồ sơ xin việc", ["certificateType"] = 1, ["copies"] = 2,
        },
        SeedProcedures.BusinessHousehold => new JsonObject
        {
            ["businessName"] = "Hộ kinh doanh Tạp hóa Minh Châu", ["businessAddress"] = "45 Bạch Đằng, phường Phố Hiến, tỉnh Hưng Yên",
            ["lineOfBusiness"] = "Bán lẻ lương thực, thực phẩm, đồ uống", ["capital"] = 150_000_000, ["employees"] = 2,
            ["ownerFullName"] = "Phạm Minh Châu", ["ownerDateOfBirth"] = "1988-07-01", ["ownerIdNumber"] = "033188002233",
            ["ownerAddress"] = "45 Bạch Đằng, phường Phố Hiến, tỉnh Hưng Yên", ["ownerPhone"] = "0356789012",
        },
        SeedProcedures.ConstructionPermit => new JsonObject
        {
            ["ownerFullName"] = "Đỗ Văn Hùng", ["ownerIdNumber"] = "033080009999", ["ownerAddress"] = "8 Nguyễn Văn Linh, phường Phố Hiến",
            ["ownerPhone"] = "0901234567", ["plotAddress"] = "Lô 12, khu dân cư Bắc Lê Lợi, phường Phố Hiến", ["landParcelNumber"] = 215,
            ["mapSheetNumber"] = 34, ["plotArea"] = 100.5, ["groundFloorArea"] = 80, ["totalFloorArea"] = 240, ["floors"] = 3,
            ["buildingHeight"] = 11.7,
        },
        SeedProcedures.DrivingLicenceRenewal => new JsonObject
        {
            ["fullName"] = "Vũ Quang Huy", ["dateOfBirth"] = "1990-12-02", ["idNumber"] = "033090005566", ["phone"] = "0388123456",
            ["email"] = "huy.vu@example.vn", ["licenceNumber"] = "330123456789", ["licenceClass"] = "B2",
            ["licenceExpiryDate"] = "2026-12-31", ["reason"] = "expiring",
        },
        SeedProcedures.CivilStatusExtractCopy => new JsonObject
        {
            ["requesterFullName"] = "Bùi Thị Ngọc", ["requesterIdNumber"] = "033192004455", ["requesterPhone"] = "0912000111",
            ["eventType"] = "birth", ["subjectFullName"] = "Bùi Thị Ngọc", ["eventDate"] = "1992-04-10", ["copies"] = 2,
        },
        SeedProcedures.MarriageRegistration => new JsonObject
        {
            ["firstPartyFullName"] = "Hoàng Văn Tú", ["firstPartyDateOfBirth"] = "1996-05-05", ["firstPartyIdNumber"] = "033096001111",
            ["secondPartyFullName"] = "Ngô Thị Lan", ["secondPartyDateOfBirth"] = "1998-09-09", ["secondPartyIdNumber"] = "033198002222",
            ["phone"] = "0977000111",
        },
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, "no sample form"),
    };

    /// <summary>The valid form with realistic mistakes, and the locations that must be reported.</summary>
    public static (JsonObject Form, string[] Blamed) Broken(string code)
    {
        var form = Valid(code);
        string[] blamed;
        switch (code)
        {
            case SeedProcedures.BirthRegistration:
                form["childDateOfBirth"] = "20/11/2026";     // not an ISO date
                form["motherIdNumber"] = "03319500";         // 8 digits, not 12
                form.Remove("fatherIdNumber");               // a named father needs his id
                blamed = ["/childDateOfBirth", "/motherIdNumber", ""];
                break;
            case SeedProcedures.JudicialRecord:
                form["copies"] = 11;
                form["certificateType"] = 3;
                form["email"] = "not-an-email";
                blamed = ["/copies", "/certificateType", "/email"];
                break;
            case SeedProcedures.BusinessHousehold:
                form["capital"] = 0;
                form.Remove("ownerIdNumber");
                blamed = ["/capital", ""];
                break;
            case SeedProcedures.ConstructionPermit:
                form["floors"] = 0;
                form["buildingHeight"] = -3;
                form["landParcelNumber"] = "215a";
                blamed = ["/floors", "/buildingHeight", "/landParcelNumber"];
                break;
            case SeedProcedures.DrivingLicenceRenewal:
                form["licenceClass"] = "B";
                form["phone"] = "12345";
                form["nickname"] = "Huy";                    // not a field of the form
                blamed = ["/licenceClass", "/phone", "/nickname"];
                break;
            case SeedProcedures.CivilStatusExtractCopy:
                form["eventType"] = "divorce";
                form["copies"] = 0;
                blamed = ["/eventType", "/copies"];
                break;
            case SeedProcedures.MarriageRegistration:
                form["secondPartyDateOfBirth"] = "1998-02-30";
                blamed = ["/secondPartyDateOfBirth"];
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(code), code, "no sample form");
        }
        return (form, blamed);
    }
}
