using PublicServices.WorkflowEngine.Execution;

namespace PublicServices.WorkflowEngine.Tests.Support;

/// <summary>The officers and callers of the tests (units of the demo agency of docs/contracts.md).</summary>
public static class Actors
{
    public const string Centre = "000.00.12.H10";
    public const string Ward = "000.20.01.H10";

    public static readonly WorkflowActor Desk = new("desk-1", "Cán bộ một cửa", Centre, ["one_stop_desk"]);
    public static readonly WorkflowActor Desk2 = new("desk-2", "Cán bộ một cửa 2", Centre, ["one_stop_desk"]);
    public static readonly WorkflowActor Specialist = new("specialist-1", "Chuyên viên", Centre, ["specialist"]);
    public static readonly WorkflowActor Leader = new("leader-1", "Lãnh đạo", Centre, ["leader"]);
    public static readonly WorkflowActor WardDesk = new("ward-desk", "Cán bộ một cửa phường", Ward, ["one_stop_desk"]);
    public static readonly WorkflowActor Dossiers = new("svc-dossiers", "Dịch vụ hồ sơ", Roles: ["service"]);
    public static readonly WorkflowActor Applicant = new("citizen-1", "Nguyễn Văn A");
}
