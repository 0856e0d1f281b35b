namespace PublicServices.Contracts.Dossiers;

/// <summary>How the applicant receives the result, chosen at submission: downloaded from the portal or sent by post.</summary>
public static class ResultDelivery
{
    public const string Online = "online";
    public const string Post = "post";

    public static bool IsKnown(string? method) => method is Online or Post;
}

/// <summary>When a fee of a procedure is paid: when the dossier is submitted, or once it is decided, before the result.</summary>
public static class FeeDue
{
    public const string Submission = "submission";
    public const string Result = "result";

    public static bool IsKnown(string? due) => due is Submission or Result;
}
